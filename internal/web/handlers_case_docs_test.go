package web

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/cases"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/docs"
	"github.com/netral-asn/netral/internal/registry"
	"github.com/netral-asn/netral/internal/reports"
	"github.com/netral-asn/netral/internal/workcal"
)

// docsCaseWalkValues gives the route walk the document names of the
// document routes (the walk's cases are in caseWalkValues).
func docsCaseWalkValues() map[string]string {
	return map[string]string{"/perkara/{doc}": caseDocSummary, "/rujukan/{doc}": caseDocReferral}
}

// pdfText is the text of a PDF: pdftotext's output with spaces collapsed,
// or "" when pdftotext is not installed (then only the header is checked).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || len(pdf) < 1000 {
		t.Fatalf("not a PDF: %.200q", pdf)
	}
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return ""
	}
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if d := os.Getenv("NETRAL_DOCS_DUMP"); d != "" { // keep the PDFs to look at: NETRAL_DOCS_DUMP=/tmp/dir go test …
		_ = os.WriteFile(filepath.Join(d, strings.ReplaceAll(t.Name(), "/", "_")+"-"+itoa(int64(len(pdf)))+".pdf"), pdf, 0o600)
	}
	out, err := exec.Command(bin, "-layout", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// wantPDF checks that a download is a PDF holding every string of want.
func wantPDF(t *testing.T, what string, st int, hdr http.Header, body string, want ...string) {
	t.Helper()
	if st != http.StatusOK || hdr.Get("Content-Type") != "application/pdf" ||
		!strings.HasPrefix(hdr.Get("Content-Disposition"), "attachment;") {
		t.Fatalf("%s: %d %v %.300s", what, st, hdr, body)
	}
	text := pdfText(t, []byte(body))
	if text == "" {
		return
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q: %.1500s", what, w, text)
		}
	}
}

// fetch GETs a path and returns the status, headers and body.
func (c *client) fetch(path string) (int, http.Header, string) {
	c.f.t.Helper()
	resp, body := c.get(path)
	return resp.StatusCode, resp.Header, body
}

// TestCaseDocuments walks a case from a team finding with a public report
// (a photo) and a captured link to the referral, and downloads every
// document at each step: 409 before its step, a PDF with the accused's NIP
// and the case number after it, the referral package with a manifest whose
// hashes match its files, each download audited.
func TestCaseDocuments(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	admin := f.person(t, "admin")
	svc := f.S.caseSvc()

	site := newCaptureSite(t)
	capt := f.withCapture(false)
	link := site.URL + "/postingan/1"
	row := f.captureNow(capt, link, "")
	c, err := svc.Open(ctx, admin, cases.OpenInput{InstansiID: f.Inst,
		Details: cases.Details{Title: "Unggahan dukungan paslon", Summary: "Budi mengunggah foto bersama paslon 2.",
			Accused: cases.AccusedInput{EmployeeID: f.EmpIn1}, ActKind: "interact", ActDate: time.Date(2024, 10, 2, 0, 0, 0, 0, time.UTC)},
		Source: cases.SourceInput{Kind: cases.SourceFinding, Description: "patroli siber", Links: []string{link}}})
	if err != nil {
		t.Fatal(err)
	}
	photo := testPNG(t, 40, 30)
	rec, err := reports.Submit(ctx, f.DB, nil, reports.Submission{InstansiID: f.Inst, Description: "Budi unggah foto paslon",
		Identity: reports.IdentityAnonymous, Reported: reports.Person{Name: "Budi", NIP: "198503152010011002"},
		Files: []reports.Upload{{Name: "foto unggahan.png", Data: photo}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.AddSource(ctx, admin, f.Inst, c.ID, cases.SourceInput{Kind: cases.SourceReport, ReportID: rec.Report.ID}); err != nil {
		t.Fatal(err)
	}
	id := itoa(c.ID)
	base := "/perkara/" + id + "/dokumen/"
	const nip = "19850315 201001 1 002" // as the documents print it
	tim := f.login("tim")

	// Before the steps: the summary only; the others 409 with the reason, and no link.
	for doc, msg := range map[string]string{caseDocInvitation: "belum memiliki panggilan", caseDocMinutes: "berita acara belum dicatat",
		caseDocReferral: "belum diteruskan"} {
		if st, _, b := tim.fetch(base + doc); st != http.StatusConflict || !strings.Contains(b, msg) {
			t.Errorf("%s before its step: %d %.300s", doc, st, b)
		}
	}
	if st, _, b := tim.fetch("/perkara/" + id + "/paket.zip"); st != http.StatusConflict || !strings.Contains(b, "belum diteruskan") {
		t.Errorf("package before the referral: %d %.300s", st, b)
	}
	st, hdr, body := tim.fetch(base + caseDocSummary)
	wantPDF(t, "summary (received)", st, hdr, body, "RINGKASAN PERKARA", c.Number, nip, "Budi Santoso")
	_, page := tim.get("/perkara/" + id)
	if !strings.Contains(page, `id="doc-summary"`) || strings.Contains(page, "doc-invitation") || strings.Contains(page, `id="doc-referral"`) ||
		strings.Contains(page, `id="doc-package"`) {
		t.Errorf("document links before the steps: %s", between(page, `id="case-docs"`, "</div>"))
	}

	// Summons: the invitation.
	for _, a := range []cases.Action{cases.ActVerify, cases.ActSummon} {
		if _, err := svc.Transition(ctx, admin, f.Inst, c.ID, cases.TransitionInput{Action: a}); err != nil {
			t.Fatalf("%s: %v", a, err)
		}
	}
	at := time.Date(2024, 10, 10, 9, 0, 0, 0, workcal.WIB) // 99.01 is in WIB
	if err := svc.AddSummons(ctx, admin, f.Inst, c.ID, cases.SummonsInput{LetterNumber: "800/12/TPN", ScheduledAt: at,
		Place: "Ruang Rapat Inspektorat"}); err != nil {
		t.Fatal(err)
	}
	sms, err := cases.Summonses(ctx, f.DB, c.ID)
	if err != nil || len(sms) != 1 {
		t.Fatalf("summonses: %v %v", sms, err)
	}
	st, hdr, body = tim.fetch(base + caseDocInvitation)
	wantPDF(t, "invitation", st, hdr, body, "Undangan Klarifikasi", "800/12/TPN", c.Number, nip, "Budi Santoso",
		"Ruang Rapat Inspektorat", "10 Oktober 2024", "09.00 WIB")
	if st, _, b := tim.fetch(base + caseDocMinutes); st != http.StatusConflict {
		t.Errorf("minutes before they are recorded: %d %.300s", st, b)
	}
	if st, _, _ := tim.fetch(base + caseDocInvitation + "?panggilan=999999"); st != http.StatusNotFound {
		t.Errorf("invitation of an unknown summons: %d", st)
	}
	_, page = tim.get("/perkara/" + id)
	if !strings.Contains(page, "undangan.pdf?panggilan="+itoa(sms[0].ID)) || strings.Contains(page, "doc-minutes") {
		t.Errorf("links after the summons: %s", between(page, `id="case-docs"`, "</div>"))
	}

	// Minutes: the BA klarifikasi, questions and answers read from the text.
	if err := svc.RecordMinutes(ctx, admin, f.Inst, c.ID, sms[0].ID, "yes",
		"P: Apakah akun itu milik Saudara?\nJ: Ya, akun itu milik saya.\n\nYang bersangkutan menyerahkan SK jabatan."); err != nil {
		t.Fatal(err)
	}
	st, hdr, body = tim.fetch(base + caseDocMinutes + "?panggilan=" + itoa(sms[0].ID))
	wantPDF(t, "minutes", st, hdr, body, "BERITA ACARA KLARIFIKASI", c.Number, nip, "Apakah akun itu milik Saudara?",
		"Ya, akun itu milik saya.", "menyerahkan SK jabatan")

	// Finding and referral: the letter and the package.
	ketua := f.person(t, "ketua_tim")
	for _, in := range []cases.TransitionInput{{Action: cases.ActToFinding},
		{Action: cases.ActProven, ViolationCode: "DS-06", Finding: "Terbukti mengunggah dukungan."}} {
		p := admin
		if in.Action == cases.ActProven {
			p = ketua
		}
		if _, err := svc.Transition(ctx, p, f.Inst, c.ID, in); err != nil {
			t.Fatalf("%s: %v", in.Action, err)
		}
	}
	if st, _, _ := tim.fetch(base + caseDocReferral); st != http.StatusConflict {
		t.Errorf("referral letter before the referral: %d", st)
	}
	if _, err := svc.Transition(ctx, admin, f.Inst, c.ID, cases.TransitionInput{Action: cases.ActRefer, Target: cases.TargetBawaslu,
		LetterNumber: "800/20/TPN"}); err != nil {
		t.Fatal(err)
	}
	st, hdr, body = tim.fetch(base + caseDocReferral)
	wantPDF(t, "referral", st, hdr, body, "Penerusan", "800/20/TPN", c.Number, nip, "Bawaslu", "DS-06")
	st, hdr, body = tim.fetch(base + caseDocSummary)
	wantPDF(t, "summary (referred)", st, hdr, body, c.Number, nip, "Terbukti mengunggah dukungan", row.SHA256[:16])
	_, page = tim.get("/perkara/" + id)
	for _, want := range []string{`id="doc-referral"`, `id="doc-package"`, "berita-acara.pdf?panggilan="} {
		if !strings.Contains(page, want) {
			t.Errorf("case page lacks %s", want)
		}
	}

	// The package: the letter, the report's photo (the copy without
	// metadata), the captured page; the manifests match the files.
	resp, zbody := tim.get("/perkara/" + id + "/paket.zip")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/zip" {
		t.Fatalf("package: %d %.300s", resp.StatusCode, zbody)
	}
	zr, err := zip.NewReader(bytes.NewReader([]byte(zbody)), int64(len(zbody)))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{} // path → sha256
	var manifest docs.Manifest
	var manifestTxt string
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		got[zf.Name] = hex.EncodeToString(sum[:])
		switch zf.Name {
		case docs.PackageManifestJS:
			if err := json.Unmarshal(data, &manifest); err != nil {
				t.Fatal(err)
			}
		case docs.PackageManifestTxt:
			manifestTxt = string(data)
		case docs.PackageLetterName:
			if text := pdfText(t, data); text != "" && !strings.Contains(text, c.Number) {
				t.Errorf("package letter lacks the case number")
			}
		}
	}
	if len(manifest.Files) != 3 {
		t.Fatalf("manifest: %+v (zip holds %v)", manifest, got)
	}
	evs, err := reports.EvidenceList(ctx, f.DB, f.Inst, rec.Report.ID)
	if err != nil || len(evs) != 1 {
		t.Fatalf("report evidence: %v %v", evs, err)
	}
	wantHash := map[string]bool{row.SHA256: false, evs[0].StrippedSHA256: false}
	if !evs[0].Stripped {
		wantHash = map[string]bool{row.SHA256: false, evs[0].SHA256: false}
	}
	for _, e := range manifest.Files {
		if got[e.Path] != e.SHA256 {
			t.Errorf("manifest says %s has %s, the file has %s", e.Path, e.SHA256, got[e.Path])
		}
		if !strings.Contains(manifestTxt, e.SHA256+"  "+e.Path+"\n") {
			t.Errorf("MANIFEST.txt lacks %s", e.Path)
		}
		if _, ok := wantHash[e.SHA256]; ok {
			wantHash[e.SHA256] = true
		}
	}
	for h, seen := range wantHash {
		if !seen {
			t.Errorf("evidence %s not in the package", h)
		}
	}
	if n := f.countAudit("case.document", id); n != 6 {
		t.Errorf("case.document audited %d times, want 6 (each successful download)", n)
	}
	var after string
	if err := f.DB.QueryRow(ctx, `SELECT after_json FROM audit_log WHERE action = 'case.document' AND object_id = ? ORDER BY seq DESC LIMIT 1`, id).Scan(&after); err == nil {
		if !strings.Contains(after, `"package"`) {
			t.Errorf("last document audit: %s", after)
		}
	}

	// A file that no longer matches its recorded hash: 500, nothing served.
	f.tamperCapture(row.ID, []byte("<html>diubah</html>"))
	resp, zbody = tim.get("/perkara/" + id + "/paket.zip")
	if resp.StatusCode != http.StatusInternalServerError || strings.HasPrefix(zbody, "PK") || !strings.Contains(zbody, "SHA-256") {
		t.Errorf("tampered evidence: %d %.300s", resp.StatusCode, zbody)
	}
}

// TestCaseDocumentsAccess: roles without cases, another instansi, the
// Bawaslu liaison (referred cases only, letter and summary only), a
// conflict of interest.
func TestCaseDocumentsAccess(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	open := f.caseOpen(t, "Belum diteruskan", f.EmpIn1)
	ref := f.caseOpen(t, "Diteruskan", f.EmpIn1)
	f.caseWalkTo(t, ref.ID, cases.Referred)
	sum := "/dokumen/" + caseDocSummary
	for _, who := range []string{"kepala_opd", "asn", "bawaslu"} {
		cl := f.login(who)
		for _, p := range []string{"/perkara/" + itoa(ref.ID) + sum, "/perkara/" + itoa(ref.ID) + "/paket.zip"} {
			if st, _, _ := cl.fetch(p); st != http.StatusForbidden {
				t.Errorf("%s GET %s: %d", who, p, st)
			}
		}
	}
	// Pimpinan reads documents but does not build the package (cases.handle).
	pim := f.login("pimpinan")
	if st, _, _ := pim.fetch("/perkara/" + itoa(ref.ID) + sum); st != http.StatusOK {
		t.Errorf("pimpinan summary: %d", st)
	}
	if st, _, _ := pim.fetch("/perkara/" + itoa(ref.ID) + "/paket.zip"); st != http.StatusForbidden {
		t.Errorf("pimpinan package: %d", st)
	}
	admin2 := f.login("admin2")
	for _, p := range []string{"/perkara/" + itoa(ref.ID) + sum, "/perkara/" + itoa(ref.ID) + "/paket.zip"} {
		if st, _, _ := admin2.fetch(p); st != http.StatusNotFound {
			t.Errorf("another instansi GET %s: %d", p, st)
		}
	}
	bw := f.login("bawaslu")
	if st, _, _ := bw.fetch("/rujukan/" + itoa(open.ID) + sum); st != http.StatusNotFound {
		t.Errorf("bawaslu on a case not referred: %d", st)
	}
	if st, _, _ := bw.fetch("/rujukan/" + itoa(open.ID) + "/dokumen/" + caseDocReferral); st != http.StatusNotFound {
		t.Errorf("bawaslu referral letter of a case not referred: %d", st)
	}
	st, hdr, body := bw.fetch("/rujukan/" + itoa(ref.ID) + "/dokumen/" + caseDocReferral)
	wantPDF(t, "bawaslu referral", st, hdr, body, ref.Number)
	st, hdr, body = bw.fetch("/rujukan/" + itoa(ref.ID) + sum)
	wantPDF(t, "bawaslu summary", st, hdr, body, ref.Number)
	for _, doc := range []string{caseDocInvitation, caseDocMinutes, "lain.pdf"} {
		if st, _, _ := bw.fetch("/rujukan/" + itoa(ref.ID) + "/dokumen/" + doc); st != http.StatusNotFound {
			t.Errorf("bawaslu %s: %d", doc, st)
		}
	}
	_, view := bw.get("/rujukan/" + itoa(ref.ID))
	if !strings.Contains(view, "/rujukan/"+itoa(ref.ID)+"/dokumen/penerusan.pdf") || strings.Contains(view, "paket.zip") ||
		strings.Contains(view, "undangan.pdf") {
		t.Errorf("bawaslu document links: %s", between(view, `id="case-docs"`, "</div>"))
	}
	if st, _, _ := f.login("tim").fetch("/perkara/" + itoa(ref.ID) + "/dokumen/bukan.pdf"); st != http.StatusNotFound {
		t.Errorf("unknown document: %d", st)
	}
	// A tim member working above the accused's unit: refused as on the case page.
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
	timdik := f.login("timdik")
	for _, p := range []string{"/perkara/" + itoa(ref.ID) + sum, "/perkara/" + itoa(ref.ID) + "/paket.zip"} {
		if st, _, b := timdik.fetch(p); st != http.StatusForbidden || !strings.Contains(b, "Benturan kepentingan") {
			t.Errorf("conflicted member GET %s: %d %.200s", p, st, b)
		}
	}
	if n := f.countAudit("case.document", itoa(open.ID)); n != 0 {
		t.Errorf("refused downloads audited as documents: %d", n)
	}
}

// TestBuildCasePackageMismatch: a file that does not match its recorded
// hash leaves no package and no temporary file behind.
func TestBuildCasePackageMismatch(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	good := []byte("isi berkas")
	sum := sha256.Sum256(good)
	open := func(b []byte) func() (io.ReadCloser, error) {
		return func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	}
	ev := []caseEvidenceFile{{Name: "a.txt", SHA256: hex.EncodeToString(sum[:]), Open: open(good)},
		{Name: "b.txt", SHA256: hex.EncodeToString(sum[:]), Open: open([]byte("isi lain"))}}
	if tmp, _, err := buildCasePackage([]byte("%PDF-1.4"), ev); err == nil || tmp != nil {
		t.Fatalf("mismatch accepted: %v", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
	tmp, size, err := buildCasePackage([]byte("%PDF-1.4"), ev[:1])
	if err != nil || size == 0 {
		t.Fatalf("good package: %v", err)
	}
	tmp.Close()
	os.Remove(tmp.Name())
}

// TestSplitMinutes: questions and answers are read from minutes text.
func TestSplitMinutes(t *testing.T) {
	qa, st := splitMinutes("Pembukaan.\n\nP: Satu?\nJ: Ya.\nlanjut\nPertanyaan: Dua?\nJawaban: Tidak.\n\nPenutup")
	if len(qa) != 2 || qa[0].Question != "Satu?" || qa[0].Answer != "Ya. lanjut" || qa[1].Answer != "Tidak." {
		t.Errorf("qa %+v", qa)
	}
	if len(st) != 2 || st[0] != "Pembukaan." || st[1] != "Penutup" {
		t.Errorf("statements %q", st)
	}
}

// between is the part of s from the first from to the next to after it.
func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	j := strings.Index(s[i:], to)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j]
}
