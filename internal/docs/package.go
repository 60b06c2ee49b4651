package docs

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// EvidenceFile is one file of an evidence package: its name as received
// (untrusted: only a sanitised form is used inside the ZIP), how to read it,
// and the SHA-256 recorded on receipt (hex), which the content must match.
type EvidenceFile struct {
	Name   string
	Open   func() (io.ReadCloser, error)
	SHA256 string
}

// Names inside an evidence package.
const (
	PackageLetterName  = "surat-pengantar.pdf"
	PackageEvidenceDir = "bukti/"
	PackageManifestTxt = "MANIFEST.txt"
	PackageManifestJS  = "manifest.json"
)

// ErrHashMismatch is returned (wrapped) by [EvidencePackage] when a file's
// content does not match the SHA-256 recorded for it.
var ErrHashMismatch = errors.New("evidence file does not match its recorded SHA-256")

// ManifestEntry is one file listed in manifest.json.
type ManifestEntry struct {
	Path         string `json:"path"`          // inside the ZIP
	OriginalName string `json:"original_name"` // as received (for the record; never used as a path)
	Size         int64  `json:"size"`
	SHA256       string `json:"sha256"`
}

// Manifest is manifest.json.
type Manifest struct {
	Format    string          `json:"format"` // "netral-evidence-package/1"
	CreatedAt time.Time       `json:"created_at"`
	Files     []ManifestEntry `json:"files"`
}

// EvidencePackage writes a ZIP on w holding the letter (pdf, as
// surat-pengantar.pdf), every evidence file under bukti/ with a safe,
// unique name (a sequence number and the received name reduced to letters,
// digits, dots, dashes and underscores: no directories, no "..", no
// control characters), and two manifests listing the SHA-256 of every file:
// MANIFEST.txt in the format of sha256sum (check it with `sha256sum -c
// MANIFEST.txt` in the unpacked folder) and manifest.json with sizes and
// received names.
//
// Each evidence file's hash is computed while it is written and compared
// with the recorded one: on a mismatch (or a missing or malformed recorded
// hash) EvidencePackage stops with an error wrapping [ErrHashMismatch] and
// what was written to w is not a valid package and must be discarded.
func EvidencePackage(w io.Writer, pdf []byte, files []EvidenceFile) error {
	zw := zip.NewWriter(w)
	now := time.Now().UTC().Truncate(time.Second)
	man := Manifest{Format: "netral-evidence-package/1", CreatedAt: now}
	header := func(name string, method uint16) *zip.FileHeader {
		h := &zip.FileHeader{Name: name, Method: method, Modified: now}
		h.SetMode(0o644)
		return h
	}

	// The letter first.
	fw, err := zw.CreateHeader(header(PackageLetterName, zip.Deflate))
	if err != nil {
		return fmt.Errorf("evidence package: %w", err)
	}
	if _, err := fw.Write(pdf); err != nil {
		return fmt.Errorf("evidence package: letter: %w", err)
	}
	sum := sha256.Sum256(pdf)
	man.Files = append(man.Files, ManifestEntry{Path: PackageLetterName, OriginalName: PackageLetterName,
		Size: int64(len(pdf)), SHA256: hex.EncodeToString(sum[:])})

	used := map[string]bool{strings.ToLower(PackageLetterName): true}
	for i, f := range files {
		want := strings.ToLower(strings.TrimSpace(f.SHA256))
		if !isHexHash(want) {
			return fmt.Errorf("evidence package: file %d (%s): recorded SHA-256 %q is not 64 hex digits: %w",
				i+1, SafeName(f.Name), f.SHA256, ErrHashMismatch)
		}
		if f.Open == nil {
			return fmt.Errorf("evidence package: file %d (%s): nothing to read", i+1, SafeName(f.Name))
		}
		name := fmt.Sprintf("%s%03d-%s", PackageEvidenceDir, i+1, SafeName(f.Name))
		for n := 2; used[strings.ToLower(name)]; n++ { // cannot happen with the sequence number; kept as a guard
			name = fmt.Sprintf("%s%03d-%d-%s", PackageEvidenceDir, i+1, n, SafeName(f.Name))
		}
		used[strings.ToLower(name)] = true
		size, got, err := copyHashed(zw, header(name, zip.Deflate), f.Open)
		if err != nil {
			return fmt.Errorf("evidence package: file %d (%s): %w", i+1, SafeName(f.Name), err)
		}
		if got != want {
			return fmt.Errorf("evidence package: file %d (%s): content has SHA-256 %s, recorded %s: %w",
				i+1, SafeName(f.Name), got, want, ErrHashMismatch)
		}
		man.Files = append(man.Files, ManifestEntry{Path: name, OriginalName: printable(f.Name), Size: size, SHA256: got})
	}

	var txt bytes.Buffer
	for _, e := range man.Files {
		fmt.Fprintf(&txt, "%s  %s\n", e.SHA256, e.Path)
	}
	if err := writeWhole(zw, header(PackageManifestTxt, zip.Deflate), txt.Bytes()); err != nil {
		return err
	}
	js, err := json.MarshalIndent(man, "", "  ")
	if err != nil {
		return fmt.Errorf("evidence package: manifest: %w", err)
	}
	if err := writeWhole(zw, header(PackageManifestJS, zip.Deflate), append(js, '\n')); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("evidence package: %w", err)
	}
	return nil
}

// copyHashed copies what open gives into a new ZIP entry, returning its size
// and hex SHA-256.
func copyHashed(zw *zip.Writer, h *zip.FileHeader, open func() (io.ReadCloser, error)) (int64, string, error) {
	rc, err := open()
	if err != nil {
		return 0, "", fmt.Errorf("open: %w", err)
	}
	defer rc.Close()
	fw, err := zw.CreateHeader(h)
	if err != nil {
		return 0, "", err
	}
	hs := sha256.New()
	n, err := io.Copy(io.MultiWriter(fw, hs), rc)
	if err != nil {
		return n, "", fmt.Errorf("read: %w", err)
	}
	return n, hex.EncodeToString(hs.Sum(nil)), nil
}

func writeWhole(zw *zip.Writer, h *zip.FileHeader, b []byte) error {
	fw, err := zw.CreateHeader(h)
	if err != nil {
		return fmt.Errorf("evidence package: %s: %w", h.Name, err)
	}
	if _, err := fw.Write(b); err != nil {
		return fmt.Errorf("evidence package: %s: %w", h.Name, err)
	}
	return nil
}

func isHexHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// maxSafeName bounds a sanitised file name, in bytes.
const maxSafeName = 100

// SafeName reduces a received file name to a safe one for an archive or a
// download: only its last path element (after any / or \) is kept, ASCII
// letters, digits, "." and "_" stay, every run of other characters (spaces,
// dashes, non-ASCII, control characters) becomes one "-", ".." collapses,
// leading and trailing dots and dashes go (no hidden files, no ".."), and
// it is at most 100 bytes with the extension kept; "berkas" when nothing is
// left.
func SafeName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	var b strings.Builder
	dash := false
	for _, r := range name {
		switch {
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_'):
			b.WriteRune(r)
			dash = false
		default:
			if !dash {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	s := b.String()
	for strings.Contains(s, "..") {
		s = strings.ReplaceAll(s, "..", ".")
	}
	s = strings.Trim(s, ".-")
	if len(s) > maxSafeName {
		ext := path.Ext(s)
		if len(ext) > 12 {
			ext = ""
		}
		s = strings.TrimRight(s[:maxSafeName-len(ext)], ".-") + ext
	}
	if s == "" || s == "." {
		return "berkas"
	}
	return s
}

// printable drops control characters from a name kept for the record.
func printable(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
}
