package web

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"hash/crc32"
	"io"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/cases"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/docs"
	"github.com/netral-asn/netral/internal/registry"
)

// caseFilesWalkValues gives the route walk a file id for the case file
// routes (no such file: the walk checks permissions, a 404 is fine).
func caseFilesWalkValues() map[string]string {
	return map[string]string{"/perkara/{fid}": "1", "/rujukan/{fid}": "1"}
}

// uploadCaseFile posts one file to a case as the multipart form of the
// case page.
func (c *client) uploadCaseFile(caseID int64, kind, name string, data []byte) (int, string, string) {
	c.f.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("_csrf", c.csrf)
	_ = mw.WriteField("kind", kind)
	_ = mw.WriteField("note", "dari berkas uji")
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		c.f.t.Fatal(err)
	}
	_, _ = fw.Write(data)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", c.f.TS.URL+"/perkara/"+itoa(caseID)+"/berkas", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.http.Do(req)
	if err != nil {
		c.f.t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

// pngWithEXIF is a PNG with an eXIf chunk holding a GPS-like secret.
func pngWithEXIF(t *testing.T) []byte {
	t.Helper()
	p := testPNG(t, 24, 16)
	data := []byte("Exif\x00\x00MM\x00*GPS-RAHASIA-LOKASI-7.2575S-112.7521E")
	var chunk bytes.Buffer
	_ = binary.Write(&chunk, binary.BigEndian, uint32(len(data)))
	chunk.WriteString("eXIf")
	chunk.Write(data)
	_ = binary.Write(&chunk, binary.BigEndian, crc32.ChecksumIEEE(append([]byte("eXIf"), data...)))
	const afterIHDR = 8 + 4 + 4 + 13 + 4
	out := append([]byte{}, p[:afterIHDR]...)
	out = append(out, chunk.Bytes()...)
	return append(out, p[afterIHDR:]...)
}

var caseFileLinkRe = regexp.MustCompile(`/perkara/\d+/berkas/(\d+)`)

// timConflicted adds a tim member working in OPD1, above the accused of
// the fixture's cases (EmpIn1, in OPD1Sub).
func (f *fixture) timConflicted(t *testing.T) *client {
	t.Helper()
	ctx := context.Background()
	reg := &registry.Store{DB: f.DB}
	e, err := reg.SaveEmployee(ctx, audit.System("test"), registry.Employee{InstansiID: f.Inst, NIP: "197001011995031001",
		Name: "Kadis", Jabatan: "Kepala Dinas", OPDID: f.OPD1}, timeZero, "test")
	if err != nil {
		t.Fatal(err)
	}
	err = f.DB.InTx(ctx, func(tx *db.Tx) error {
		_, err := auth.CreateUser(ctx, tx, audit.System("test"), auth.User{InstansiID: f.Inst, Username: "timdik", FullName: "Tim Dik",
			Role: auth.RoleTim, EmployeeID: e.ID}, testPassword)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return f.login("timdik")
}

// TestCaseFiles: an image with EXIF is accepted, listed, served without its
// metadata and packed in the referral package with a matching manifest; a
// file lying about its type, an oversized one and people without access are
// refused; the name is shown escaped; rows cannot be changed.
func TestCaseFiles(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	cs := f.caseOpen(t, "Balasan tertulis", f.EmpIn1)
	id := itoa(cs.ID)
	tim := f.login("tim")

	// An image with EXIF, with markup in its name.
	img := pngWithEXIF(t)
	if !bytes.Contains(img, []byte("GPS-RAHASIA")) {
		t.Fatal("test image lacks its EXIF")
	}
	st, loc, body := tim.uploadCaseFile(cs.ID, caseFileReply, `<script>alert(1)<script>jawaban.png`, img)
	if st != http.StatusSeeOther || !strings.HasPrefix(loc, "/perkara/"+id+"?ok=file") {
		t.Fatalf("upload: %d %q %.300s", st, loc, body)
	}
	_, page := tim.get(loc)
	if !strings.Contains(page, "Berkas dilampirkan") {
		t.Errorf("no notice after the upload")
	}
	box := between(page, `id="case-files"`, `id="form-files"`)
	if strings.Contains(page, "<script>alert(1)") || !strings.Contains(box, "&lt;script&gt;alert(1)&lt;script&gt;jawaban.png") {
		t.Errorf("file name not escaped: %s", box)
	}
	sum := sha256.Sum256(img)
	if !strings.Contains(box, hex.EncodeToString(sum[:])) || !strings.Contains(box, "Jawaban tertulis ASN") {
		t.Errorf("file not listed with its SHA-256 and kind: %s", box)
	}
	m := caseFileLinkRe.FindStringSubmatch(box)
	if m == nil {
		t.Fatalf("no download link: %s", box)
	}
	fid := m[1]
	st, hdr, got := tim.fetch("/perkara/" + id + "/berkas/" + fid)
	if st != http.StatusOK || hdr.Get("Content-Type") != "image/png" || hdr.Get("X-Content-Type-Options") != "nosniff" ||
		!strings.HasPrefix(hdr.Get("Content-Disposition"), "attachment") {
		t.Fatalf("download: %d %v", st, hdr)
	}
	if strings.Contains(got, "GPS-RAHASIA") || strings.Contains(got, "eXIf") || !strings.HasPrefix(got, "\x89PNG") {
		t.Errorf("download keeps the metadata or is not a PNG (%d bytes)", len(got))
	}
	if cd := hdr.Get("Content-Disposition"); cd != `attachment; filename="<script>alert(1)<script>jawaban.png"` {
		t.Errorf("Content-Disposition: %q", cd)
	}
	var orig []byte
	if err := f.DB.QueryRow(ctx, `SELECT original FROM case_file_doc WHERE id = ?`, fid).Scan(&orig); err != nil || !bytes.Equal(orig, img) {
		t.Errorf("original not kept as received: %v", err)
	}
	if n := f.countAudit("case.document_upload", id); n != 1 {
		t.Errorf("upload audits: %d", n)
	}
	if n := f.countAudit("case.document_download", id); n != 1 {
		t.Errorf("download audits: %d", n)
	}

	// An executable named .pdf: refused by its content, with the reason.
	exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"), bytes.Repeat([]byte{0}, 400)...)
	st, _, body = tim.uploadCaseFile(cs.ID, caseFileEvidence, "surat-jawaban.pdf", exe)
	if st != http.StatusBadRequest || !strings.Contains(body, "Berkas ditolak: isinya bukan PDF") ||
		!strings.Contains(body, `id="case-error"`) {
		t.Errorf("fake pdf: %d %.300s", st, between(body, `id="case-error"`, "</div>"))
	}
	// A video is evidence for a public report, not a case file.
	mp4 := append([]byte("\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"), bytes.Repeat([]byte{0}, 64)...)
	if st, _, body := tim.uploadCaseFile(cs.ID, caseFileEvidence, "video.mp4", mp4); st != http.StatusBadRequest ||
		!strings.Contains(body, "video/mp4") {
		t.Errorf("video: %d %.200s", st, between(body, `id="case-error"`, "</div>"))
	}
	// 11 MB: 413.
	big := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("A"), 11<<20)...)
	if st, _, _ := tim.uploadCaseFile(cs.ID, caseFileEvidence, "besar.pdf", big); st != http.StatusRequestEntityTooLarge {
		t.Errorf("11 MB: %d", st)
	}
	// An unknown kind.
	if st, _, body := tim.uploadCaseFile(cs.ID, "surat", "a.png", testPNG(t, 4, 4)); st != http.StatusBadRequest ||
		!strings.Contains(body, "Jenis berkas") {
		t.Errorf("unknown kind: %d", st)
	}

	// People who may not handle the case.
	pdf := []byte("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")
	if st, _, _ := f.login("kepala_opd").uploadCaseFile(cs.ID, caseFileOther, "a.pdf", pdf); st != http.StatusForbidden {
		t.Errorf("kepala_opd upload: %d", st)
	}
	if st, _, _ := f.login("kepala_opd").fetch("/perkara/" + id + "/berkas/" + fid); st != http.StatusForbidden {
		t.Errorf("kepala_opd download: %d", st)
	}
	if st, _, _ := f.login("pimpinan").uploadCaseFile(cs.ID, caseFileOther, "a.pdf", pdf); st != http.StatusForbidden {
		t.Errorf("pimpinan upload: %d", st)
	}
	admin2 := f.login("admin2")
	if st, _, _ := admin2.uploadCaseFile(cs.ID, caseFileOther, "a.pdf", pdf); st != http.StatusNotFound {
		t.Errorf("another instansi upload: %d", st)
	}
	if st, _, _ := admin2.fetch("/perkara/" + id + "/berkas/" + fid); st != http.StatusNotFound {
		t.Errorf("another instansi download: %d", st)
	}
	timdik := f.timConflicted(t)
	if st, _, b := timdik.uploadCaseFile(cs.ID, caseFileOther, "a.pdf", pdf); st != http.StatusForbidden || !strings.Contains(b, "Benturan kepentingan") {
		t.Errorf("conflicted member upload: %d %.200s", st, b)
	}
	if st, _, _ := timdik.fetch("/perkara/" + id + "/berkas/" + fid); st != http.StatusForbidden {
		t.Errorf("conflicted member download: %d", st)
	}
	// A file of another case under this case's path.
	other := f.caseOpen(t, "Lain", f.EmpIn2)
	if st, _, _ := tim.fetch("/perkara/" + itoa(other.ID) + "/berkas/" + fid); st != http.StatusNotFound {
		t.Errorf("file under another case: %d", st)
	}
	var n int
	if err := f.DB.QueryRow(ctx, `SELECT COUNT(*) FROM case_file_doc`).Scan(&n); err != nil || n != 1 {
		t.Errorf("stored files: %d %v", n, err)
	}
	if n := f.countAudit("case.document_upload", id); n != 1 {
		t.Errorf("refused uploads audited: %d", n)
	}

	// A PDF: served as it is.
	if st, _, b := tim.uploadCaseFile(cs.ID, caseFileMinutesSigned, "ba ttd.pdf", pdf); st != http.StatusSeeOther {
		t.Fatalf("pdf upload: %d %.300s", st, b)
	}

	// Immutable.
	if _, err := f.DB.Exec(ctx, `UPDATE case_file_doc SET filename = 'x' WHERE id = ?`, fid); err == nil {
		t.Error("a case file was changed")
	}
	if _, err := f.DB.Exec(ctx, `DELETE FROM case_file_doc WHERE id = ?`, fid); err == nil {
		t.Error("a case file was deleted")
	}

	// Referred to Bawaslu: the package holds the files with matching hashes;
	// the liaison downloads them read-only and cannot upload.
	f.caseWalkTo(t, cs.ID, cases.Referred)
	st, hdr, zbody := tim.fetch("/perkara/" + id + "/paket.zip")
	if st != http.StatusOK || hdr.Get("Content-Type") != "application/zip" {
		t.Fatalf("package: %d %.300s", st, zbody)
	}
	zr, err := zip.NewReader(strings.NewReader(zbody), int64(len(zbody)))
	if err != nil {
		t.Fatal(err)
	}
	hashes := map[string]string{}
	var manifest docs.Manifest
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		s := sha256.Sum256(data)
		hashes[zf.Name] = hex.EncodeToString(s[:])
		if zf.Name == docs.PackageManifestJS {
			if err := json.Unmarshal(data, &manifest); err != nil {
				t.Fatal(err)
			}
		}
		if strings.Contains(zf.Name, "berkas-") && bytes.Contains(data, []byte("GPS-RAHASIA")) {
			t.Errorf("%s keeps the EXIF", zf.Name)
		}
	}
	found := 0
	for _, e := range manifest.Files {
		if !strings.Contains(e.Path, "berkas-") {
			continue
		}
		found++
		if hashes[e.Path] == "" || hashes[e.Path] != e.SHA256 {
			t.Errorf("manifest %s: %s, file %s", e.Path, e.SHA256, hashes[e.Path])
		}
	}
	if found != 2 {
		t.Errorf("case files in the package: %d (%+v)", found, manifest.Files)
	}
	bw := f.login("bawaslu")
	_, view := bw.get("/rujukan/" + id)
	if !strings.Contains(view, "/rujukan/"+id+"/berkas/"+fid) || strings.Contains(view, `id="form-files"`) {
		t.Errorf("bawaslu files box: %s", between(view, `id="case-files"`, "</div>"))
	}
	if st, hdr, got := bw.fetch("/rujukan/" + id + "/berkas/" + fid); st != http.StatusOK || strings.Contains(got, "GPS-RAHASIA") ||
		hdr.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("bawaslu download: %d", st)
	}
	if st, _, _ := bw.uploadCaseFile(cs.ID, caseFileOther, "a.pdf", pdf); st != http.StatusForbidden {
		t.Errorf("bawaslu upload: %d", st)
	}
	if st, _, _ := bw.fetch("/rujukan/" + itoa(other.ID) + "/berkas/" + fid); st != http.StatusNotFound {
		t.Errorf("bawaslu on a case not referred: %d", st)
	}
	// The summary lists them in its evidence.
	st, hdr, sbody := tim.fetch("/perkara/" + id + "/dokumen/" + caseDocSummary)
	wantPDF(t, "summary with files", st, hdr, sbody, "Jawaban tertulis ASN")
}
