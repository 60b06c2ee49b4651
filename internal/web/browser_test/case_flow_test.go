package browser_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/netral-asn/netral/internal/demoseed"
	"github.com/netral-asn/netral/internal/sealbox"
)

// TestCaseFlowInBrowser follows one public report from the form at /lapor
// (a PNG photo attached, the proof of work solved by the page's
// JavaScript) through a whole case: the chair verifies it, summons the
// ASN, records the minutes and the ASN's reply, finds the violation
// proven and refers it to Bawaslu; the Bawaslu liaison records the
// recommendation; the secretariat records the PPK's sanction and closes
// the case; the reporter then sees the outcome on /lapor/status. Along the
// way the reporter's e-mails are queued sealed (internal/casenotify).
func TestCaseFlowInBrowser(t *testing.T) {
	if os.Getenv(envRun) != "1" {
		t.Skipf("set %s=1 (scripts/browser-test.sh) to run the browser test", envRun)
	}
	start := time.Now()
	s, _ := newSession(t)
	box, err := sealbox.New(sealbox.GenerateKey())
	if err != nil {
		t.Fatal(err)
	}
	s.srv.ReportKey = box // before the first public request
	ctx := context.Background()

	// The accused: an employee of Dinas PUPR (2.03), outside the chair's
	// unit (3.03), so no conflict of interest.
	var nip, accused string
	if err := s.db.QueryRow(ctx, `SELECT e.nip, e.name FROM employee e JOIN opd o ON o.id = e.opd_id
		WHERE o.code = '2.03' ORDER BY e.id LIMIT 1 OFFSET 2`).Scan(&nip, &accused); err != nil {
		t.Fatalf("an employee of 2.03: %v", err)
	}

	photo := filepath.Join(t.TempDir(), "foto-kampanye.png")
	img := image.NewRGBA(image.Rect(0, 0, 48, 32))
	for x := 0; x < 48; x++ {
		img.Set(x, x%32, color.RGBA{200, 30, 30, 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(photo, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

	// 1. The public report.
	if st := s.open("/lapor"); st != http.StatusOK {
		s.fatalf("/lapor: HTTP %d", st)
	}
	s.do("fill the report",
		chromedp.SetValue(chromedp.CSS("#r-act"), "photo"),
		chromedp.SendKeys(chromedp.CSS("#r-desc"), "Pegawai Dinas PUPR berfoto dengan pasangan calon sambil berpose dua jari di acara kampanye."),
		chromedp.SendKeys(chromedp.CSS("#r-name"), accused),
		chromedp.SendKeys(chromedp.CSS("#r-unit"), "Dinas PUPR"),
		chromedp.Click(chromedp.CSS(`input[name=identitas][value=confidential]`), chromedp.NodeVisible),
		chromedp.SendKeys(chromedp.CSS("#r-rname"), "Pelapor Perkara"),
		chromedp.SendKeys(chromedp.CSS("#r-email"), "pelapor.perkara@contoh.example"),
		chromedp.SetUploadFiles(chromedp.CSS("#r-files"), []string{photo}),
	)
	s.do("send", chromedp.Click(chromedp.CSS("#r-submit"), chromedp.NodeVisible))
	s.do("wait for the receipt (proof of work)", chromedp.WaitVisible(chromedp.CSS("#receipt-code")))
	receipt, secret := s.text("#receipt-code"), s.text("#receipt-secret")
	var reportID int64
	var pow, evidence int
	if err := s.db.QueryRow(ctx, `SELECT id, proof_of_work, (SELECT COUNT(*) FROM public_report_evidence v WHERE v.report_id = r.id)
		FROM public_report r WHERE receipt = ?`, receipt).Scan(&reportID, &pow, &evidence); err != nil {
		s.fatalf("report %s not stored: %v", receipt, err)
	}
	if pow != 1 || evidence != 1 {
		s.fatalf("stored report: proof of work %d, evidence %d", pow, evidence)
	}
	lookup := func(wantStatus string) {
		t.Helper()
		if st := s.open("/lapor/status"); st != http.StatusOK {
			s.fatalf("/lapor/status: HTTP %d", st)
		}
		s.do("enter the codes",
			chromedp.SendKeys(chromedp.CSS("#l-code"), receipt),
			chromedp.SendKeys(chromedp.CSS("#l-secret"), secret))
		s.follow("show the status", chromedp.Click(chromedp.CSS("#lookup-form button[type=submit]"), chromedp.NodeVisible))
		if got := s.text("#status-value"); got != wantStatus {
			s.fatalf("reporter sees status %q, want %q", got, wantStatus)
		}
	}
	lookup(idL.T("report.status.received"))

	// 2. The team.
	signIn := func(user string) {
		t.Helper()
		if st := s.open("/masuk"); st != http.StatusOK {
			s.fatalf("/masuk: HTTP %d", st)
		}
		s.follow("sign in as "+user,
			chromedp.SendKeys(chromedp.CSS("#login-form input[name=username]"), user),
			chromedp.SendKeys(chromedp.CSS("#login-form input[name=password]"), demoseed.Password),
			chromedp.Click(chromedp.CSS("#login-form button[type=submit]"), chromedp.NodeVisible))
		if !s.has("#logout") {
			s.fatalf("not signed in as %s", user)
		}
	}
	signOut := func() {
		t.Helper()
		s.follow("sign out", chromedp.Click(chromedp.CSS("#logout"), chromedp.NodeVisible))
	}
	// submit posts a form of the case page and checks the state reached.
	submit := func(what, form, wantStatus string, fill ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if !s.has(form) {
			s.fatalf("%s: no %s on %s", what, form, s.path())
		}
		if len(fill) > 0 {
			s.do(what+": fill", fill...)
		}
		s.follow(what, chromedp.Click(chromedp.CSS(form+` button[type=submit]`), chromedp.NodeVisible))
		if s.has("#case-error") {
			s.fatalf("%s: %s", what, s.text("#case-error"))
		}
		if wantStatus != "" {
			if got := eval[string](s, `document.querySelector('#case-status').dataset.status`); got != wantStatus {
				s.fatalf("%s: case state %q, want %q", what, got, wantStatus)
			}
		}
	}

	signIn("ketua.tim")
	if st := s.open(fmt.Sprintf("/laporan/%d", reportID)); st != http.StatusOK {
		s.fatalf("/laporan/%d: HTTP %d", reportID, st)
	}
	s.follow("open a case from the report", chromedp.Click(chromedp.CSS("#open-case"), chromedp.NodeVisible))
	if !s.has("#form-new-case") || !s.has("#source-report") {
		s.fatalf("no new-case form for the report on %s", s.path())
	}
	s.do("identify the accused",
		chromedp.SetValue(chromedp.CSS("#title"), "Foto berpose dua jari dengan paslon"),
		chromedp.SetValue(chromedp.CSS("#nip"), nip),
		chromedp.SetValue(chromedp.CSS("#act_date"), time.Now().AddDate(0, 0, -2).Format(time.DateOnly)))
	s.follow("open the case", chromedp.Click(chromedp.CSS("#open-case"), chromedp.NodeVisible))
	if s.has("#case-error") {
		s.fatalf("open the case: %s", s.text("#case-error"))
	}
	casePath := s.path()
	if i := strings.IndexByte(casePath, '?'); i >= 0 {
		casePath = casePath[:i]
	}
	if !strings.HasPrefix(casePath, "/perkara/") || !s.has("#case-number") {
		s.fatalf("after opening: %s", s.path())
	}
	caseID := strings.TrimPrefix(casePath, "/perkara/")
	s.checkPage("id")

	// The chair hands the case to a team member, who is e-mailed.
	var handlerID int64
	if err := s.db.QueryRow(ctx, `SELECT id FROM app_user WHERE username = 'anggota.tim1'`).Scan(&handlerID); err != nil {
		t.Fatal(err)
	}
	submit("assign a handler", "#form-assign", "received",
		chromedp.SetValue(chromedp.CSS("#form-assign select[name=assignee]"), fmt.Sprint(handlerID)))
	var assigned int
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM email_outbox WHERE template = 'case_assigned' AND object_id = ?
		AND recipient <> ''`, caseID).Scan(&assigned); err != nil || assigned != 1 {
		s.fatalf("case_assigned e-mails to the handler: %d, %v", assigned, err)
	}

	submit("verify", "#form-verify", "verification")
	submit("summon", "#form-summon", "clarification")
	submit("schedule the clarification", "#form-summons", "clarification",
		// Held two hours ago: minutes cannot be recorded before the scheduled time.
		chromedp.SetValue(chromedp.CSS("#sum-at"), time.Now().Add(-2*time.Hour).Format("2006-01-02T15:04")),
		chromedp.SetValue(chromedp.CSS("#sum-place"), "Ruang rapat BKPSDM"),
		chromedp.SetValue(chromedp.CSS("#sum-number"), "800/123/BKPSDM"))
	submit("record the minutes", `form[id^="form-minutes-"]`, "clarification",
		chromedp.SetValue(chromedp.CSS(`form[id^="form-minutes-"] select[name=attended]`), "yes"),
		chromedp.SetValue(chromedp.CSS(`form[id^="form-minutes-"] textarea[name=minutes]`), "ASN hadir dan mengakui foto tersebut."))
	submit("record the ASN's reply", "#form-reply", "clarification",
		chromedp.SetValue(chromedp.CSS("#reply-body"), "Saya hadir karena diundang keluarga, tidak bermaksud mendukung."))
	if !strings.Contains(s.body(), "ASN hadir dan mengakui foto tersebut.") || !strings.Contains(s.body(), "diundang keluarga") {
		s.fatalf("minutes or reply not shown")
	}
	submit("to the team's finding", "#form-to_finding", "finding")
	submit("finding proven", "#form-proven", "referral",
		chromedp.SetValue(chromedp.CSS("#proven-finding"), "Terbukti berfoto dengan paslon dan berpose dua jari."))
	submit("refer to Bawaslu", "#form-refer", "referred",
		chromedp.SetValue(chromedp.CSS("#refer-target"), "bawaslu"),
		chromedp.SetValue(chromedp.CSS("#refer-number"), "800/124/BKPSDM"))
	signOut()

	// 3. Bawaslu records its recommendation.
	signIn("bawaslu")
	if st := s.open("/rujukan/" + caseID); st != http.StatusOK {
		s.fatalf("/rujukan/%s: HTTP %d", caseID, st)
	}
	submit("recommendation", "#form-recommend", "ppk",
		chromedp.SetValue(chromedp.CSS("#rec-outcome"), "violation"),
		chromedp.SetValue(chromedp.CSS("#rec-number"), "001/PP.01/K.BW/2026"),
		chromedp.SetValue(chromedp.CSS("#rec-date"), time.Now().Format(time.DateOnly)),
		chromedp.SetValue(chromedp.CSS("#rec-text"), "Direkomendasikan penjatuhan sanksi sesuai SKB."))
	signOut()

	// 4. The secretariat records the PPK's decision and closes the case.
	signIn(demoseed.AdminUser)
	if st := s.open(casePath); st != http.StatusOK {
		s.fatalf("%s: HTTP %d", casePath, st)
	}
	sanction := eval[string](s, `(() => { for (const o of document.querySelectorAll('#decide-sanction option'))
		if (o.value && o.value !== 'not_proven') return o.value; return ''; })()`)
	if sanction == "" {
		s.fatalf("no sanction to choose")
	}
	submit("PPK decision", "#form-decide", "decided",
		chromedp.SetValue(chromedp.CSS("#decide-sanction"), sanction),
		chromedp.SetValue(chromedp.CSS("#decide-number"), "800/55/2026"),
		chromedp.SetValue(chromedp.CSS("#decide-date"), time.Now().Format(time.DateOnly)))
	if !s.has("#case-decision") {
		s.fatalf("the decision is not shown")
	}
	const outcome = "Perkara selesai: PPK telah menjatuhkan sanksi kepada ASN yang dilaporkan."
	submit("close", "#form-close", "closed", chromedp.SetValue(chromedp.CSS("#close-public"), outcome))
	signOut()

	// 5. The reporter sees the outcome.
	lookup(idL.T("report.status.closed"))
	if !strings.Contains(s.body(), outcome) {
		s.fatalf("the reporter does not see the outcome message")
	}

	// The reporter who left an e-mail was told of each change of status,
	// with the address stored only sealed.
	var updates, clear int
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN recipient <> '' THEN 1 ELSE 0 END), 0)
		FROM email_outbox WHERE template = 'reporter_update' AND object_id = ?`, fmt.Sprint(reportID)).Scan(&updates, &clear); err != nil {
		t.Fatal(err)
	}
	if updates < 4 || clear != 0 {
		t.Errorf("reporter updates queued: %d (want one per public status: in review, referred, decided, closed), in clear: %d", updates, clear)
	}
	t.Logf("report %s to closed case in %v", receipt, time.Since(start).Round(time.Millisecond))
}
