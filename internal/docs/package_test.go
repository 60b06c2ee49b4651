package docs

import (
	"archive/zip"
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
)

func evidence(name string, content []byte) EvidenceFile {
	sum := sha256.Sum256(content)
	return EvidenceFile{Name: name, SHA256: hex.EncodeToString(sum[:]),
		Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(content)), nil }}
}

// readZip opens a package and returns its entries' contents by name, in order.
func readZip(t *testing.T, b []byte) ([]string, map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a ZIP: %v", err)
	}
	var names []string
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		c, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		names = append(names, f.Name)
		files[f.Name] = c
	}
	return names, files
}

func TestEvidencePackageManifestVerifies(t *testing.T) {
	var letter bytes.Buffer
	if err := Sample(&letter, SampleLetterhead(), KindReferral); err != nil {
		t.Fatal(err)
	}
	photo := bytes.Repeat([]byte{0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3}, 5000)
	in := []EvidenceFile{
		evidence("tangkapan layar.jpg", photo),
		evidence("../../etc/passwd", []byte("root:x:0:0")),
		evidence(`C:\Users\pelapor\..\bukti.pdf`, []byte("%PDF-1.4 bukti")),
		evidence("tangkapan layar.jpg", []byte("another file with the same name")),
		evidence(".hidden", []byte("dot")),
		evidence("laporan\x00<script>.html", []byte("<script>alert(1)</script>")),
		evidence("", []byte("no name")),
		evidence(strings.Repeat("panjang", 40)+".png", []byte("long name")),
		evidence("ünïcödé 照片.png", []byte("unicode")),
	}
	var buf bytes.Buffer
	if err := EvidencePackage(&buf, letter.Bytes(), in); err != nil {
		t.Fatal(err)
	}
	names, files := readZip(t, buf.Bytes())
	if names[0] != PackageLetterName || !bytes.Equal(files[PackageLetterName], letter.Bytes()) {
		t.Fatalf("letter not first or altered: %v", names)
	}
	seen := map[string]bool{}
	for _, n := range names {
		if strings.Contains(n, "..") || strings.HasPrefix(n, "/") || strings.Contains(n, `\`) ||
			strings.ContainsAny(n, "\x00<>: ") || seen[strings.ToLower(n)] {
			t.Errorf("unsafe or duplicate name in the ZIP: %q", n)
		}
		seen[strings.ToLower(n)] = true
		if n != PackageLetterName && n != PackageManifestTxt && n != PackageManifestJS && !strings.HasPrefix(n, PackageEvidenceDir) {
			t.Errorf("entry %q outside the package layout", n)
		}
		if strings.HasPrefix(n, PackageEvidenceDir) && strings.Count(n, "/") != 1 {
			t.Errorf("evidence %q in a sub-directory", n)
		}
	}
	if len(names) != 2+len(in)+1 {
		t.Fatalf("%d entries: %v", len(names), names)
	}
	for _, want := range []string{"bukti/001-tangkapan-layar.jpg", "bukti/002-passwd", "bukti/003-bukti.pdf",
		"bukti/004-tangkapan-layar.jpg", "bukti/005-hidden", "bukti/006-laporan-script-.html", "bukti/007-berkas"} {
		if !seen[want] {
			t.Errorf("no %s in %v", want, names)
		}
	}

	// MANIFEST.txt is sha256sum's format and every line checks out.
	sc := bufio.NewScanner(bytes.NewReader(files[PackageManifestTxt]))
	lines := 0
	for sc.Scan() {
		hash, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			t.Fatalf("manifest line %q", sc.Text())
		}
		content, ok := files[name]
		if !ok {
			t.Fatalf("manifest names %q, not in the ZIP", name)
		}
		sum := sha256.Sum256(content)
		if hex.EncodeToString(sum[:]) != hash {
			t.Errorf("%s: manifest hash does not match the content", name)
		}
		lines++
	}
	if lines != 1+len(in) {
		t.Errorf("MANIFEST.txt lists %d files, want %d", lines, 1+len(in))
	}
	var man Manifest
	if err := json.Unmarshal(files[PackageManifestJS], &man); err != nil {
		t.Fatal(err)
	}
	if man.Format != "netral-evidence-package/1" || len(man.Files) != 1+len(in) {
		t.Fatalf("manifest.json = %+v", man)
	}
	for i, e := range man.Files[1:] {
		if e.SHA256 != strings.ToLower(in[i].SHA256) || int(e.Size) != len(files[e.Path]) {
			t.Errorf("manifest.json entry %d = %+v", i, e)
		}
	}
	if man.Files[2].OriginalName != "../../etc/passwd" || strings.Contains(man.Files[6].OriginalName, "\x00") {
		t.Errorf("original names kept wrongly: %q %q", man.Files[2].OriginalName, man.Files[6].OriginalName)
	}
}

func TestEvidencePackageRefusesMismatch(t *testing.T) {
	good := evidence("a.jpg", []byte("original"))
	bad := evidence("b.jpg", []byte("original"))
	bad.Open = func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader("altered")), nil }
	for name, files := range map[string][]EvidenceFile{
		"altered content": {good, bad},
		"no hash":         {{Name: "c.jpg", Open: good.Open}},
		"malformed hash":  {{Name: "d.jpg", Open: good.Open, SHA256: "abc"}},
	} {
		var buf bytes.Buffer
		err := EvidencePackage(&buf, []byte("%PDF-1.3"), files)
		if !errors.Is(err, ErrHashMismatch) {
			t.Errorf("%s: err = %v, want ErrHashMismatch", name, err)
		}
	}
	// An upper-case recorded hash is the same hash.
	up := evidence("e.jpg", []byte("x"))
	up.SHA256 = strings.ToUpper(up.SHA256)
	var buf bytes.Buffer
	if err := EvidencePackage(&buf, []byte("%PDF-1.3"), []EvidenceFile{up}); err != nil {
		t.Errorf("upper-case hash: %v", err)
	}
	// A file that cannot be opened fails the package.
	broken := evidence("f.jpg", []byte("x"))
	broken.Open = func() (io.ReadCloser, error) { return nil, errors.New("gone") }
	if err := EvidencePackage(&buf, nil, []EvidenceFile{broken}); err == nil || !strings.Contains(err.Error(), "gone") {
		t.Errorf("unopenable file: %v", err)
	}
}

func TestSafeName(t *testing.T) {
	for in, want := range map[string]string{
		"foto.jpg":                         "foto.jpg",
		"../../../etc/passwd":              "passwd",
		`..\..\windows\win.ini`:            "win.ini",
		"..":                               "berkas",
		"...jpg":                           "jpg",
		".htaccess":                        "htaccess",
		"a b  c.png":                       "a-b-c.png",
		"naïve.pdf":                        "na-ve.pdf",
		"x\x00y\nz.txt":                    "x-y-z.txt",
		"":                                 "berkas",
		"/":                                "berkas",
		"file.":                            "file",
		"tricky..jpg":                      "tricky.jpg",
		"CON":                              "CON",
		"<script>alert(1)</script>":        "script", // the last path element: after "/"
		"<img src=x onerror=alert(1)>.png": "img-src-x-onerror-alert-1-.png",
	} {
		if got := SafeName(in); got != want {
			t.Errorf("SafeName(%q) = %q, want %q", in, got, want)
		}
	}
	long := SafeName(strings.Repeat("a", 300) + ".jpeg")
	if len(long) > maxSafeName || !strings.HasSuffix(long, ".jpeg") {
		t.Errorf("long name = %q (%d)", long, len(long))
	}
}
