package browser_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/netral-asn/netral/internal/reports"
	"github.com/netral-asn/netral/internal/sealbox"
)

// TestPublicReportInBrowser files a public report the way a member of the
// public does — no sign-in, a photo attached, the form's JavaScript solving
// the proof of work — and follows it with the receipt code and the secret.
func TestPublicReportInBrowser(t *testing.T) {
	if os.Getenv(envRun) != "1" {
		t.Skipf("set %s=1 (scripts/browser-test.sh) to run the browser test", envRun)
	}
	s, _ := newSession(t)
	box, err := sealbox.New(sealbox.GenerateKey())
	if err != nil {
		t.Fatal(err)
	}
	s.srv.ReportKey = box // before the first public request

	photo := filepath.Join(t.TempDir(), "foto-kejadian.jpg")
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	img.Set(10, 10, color.RGBA{0, 0, 255, 255})
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(photo, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

	if st := s.open("/lapor"); st != http.StatusOK {
		s.fatalf("/lapor: HTTP %d", st)
	}
	s.checkPage("id")
	if !s.has("#report-form") {
		s.fatalf("no report form (the demo has one Pemda: no choice expected)")
	}
	s.do("fill the report",
		chromedp.SetValue(chromedp.CSS("#r-act"), "photo"),
		chromedp.SendKeys(chromedp.CSS("#r-desc"), "Camat berfoto dengan paslon sambil berpose dua jari <script>alert(1)</script>"),
		chromedp.SendKeys(chromedp.CSS("#r-name"), "Pak Camat"),
		chromedp.SendKeys(chromedp.CSS("#r-unit"), "Kecamatan Harapan"),
		chromedp.Click(chromedp.CSS(`input[name=identitas][value=confidential]`), chromedp.NodeVisible),
		chromedp.SendKeys(chromedp.CSS("#r-rname"), "Pelapor Peramban"),
		chromedp.SendKeys(chromedp.CSS("#r-email"), "peramban@contoh.example"),
		chromedp.SetUploadFiles(chromedp.CSS("#r-files"), []string{photo}),
	)
	start := time.Now()
	s.do("send", chromedp.Click(chromedp.CSS("#r-submit"), chromedp.NodeVisible))
	s.do("wait for the receipt", chromedp.WaitVisible(chromedp.CSS("#receipt-code")))
	t.Logf("proof of work and filing took %v", time.Since(start).Round(time.Millisecond))
	s.checkPage("id")
	receipt, secret := s.text("#receipt-code"), s.text("#receipt-secret")
	if _, ok := reports.NormalizeReceipt(receipt); !ok || len(secret) != 19 {
		s.fatalf("receipt %q, secret %q", receipt, secret)
	}
	var id, inst int64
	if err := s.db.QueryRow(context.Background(), `SELECT id, instansi_id FROM public_report WHERE receipt = ?`, receipt).
		Scan(&id, &inst); err != nil {
		s.fatalf("report %s not stored: %v", receipt, err)
	}
	rep, err := reports.Get(context.Background(), s.db, inst, id)
	if err != nil {
		s.fatalf("report: %v", err)
	}
	if !rep.ProofOfWork || rep.Evidence != 1 || rep.Identity != reports.IdentityConfidential || rep.Act != "photo" {
		s.fatalf("stored report: %+v (the form's proof of work must have been solved in the browser)", rep)
	}

	// Follow it.
	if st := s.open("/lapor/status"); st != http.StatusOK {
		s.fatalf("/lapor/status: HTTP %d", st)
	}
	s.do("enter the codes",
		chromedp.SendKeys(chromedp.CSS("#l-code"), strings.ToLower(receipt)),
		chromedp.SendKeys(chromedp.CSS("#l-secret"), secret))
	s.follow("show the status", chromedp.Click(chromedp.CSS("#lookup-form button[type=submit]"), chromedp.NodeVisible))
	s.checkPage("id")
	if got := s.text("#status-value"); got != "Diterima" {
		s.fatalf("status %q", got)
	}
	if strings.Contains(s.body(), secret) {
		s.errorf("the status page shows the secret")
	}
	s.do("write an answer", chromedp.SendKeys(chromedp.CSS("#s-reply"), "Foto asli ada pada saya."))
	s.follow("send the answer", chromedp.Click(chromedp.CSS("#reply-form button[type=submit]"), chromedp.NodeVisible))
	if !s.has("#status-notice") || !strings.Contains(s.body(), "Foto asli ada pada saya.") {
		s.fatalf("the answer is not shown")
	}
	if eval[bool](s, `window.__xss === 1`) {
		s.fatalf("a script of the report ran")
	}
}
