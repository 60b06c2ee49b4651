package web

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/docs"
	"github.com/netral-asn/netral/internal/jobs"
	"github.com/netral-asn/netral/internal/notify"
)

// docsWalk holds, per walk fixture, the outbox message the route walk uses.
var docsWalk sync.Map // *walkFixture → string (message id)

// docsWalkValues gives the route walk an outbox message of the instansi and
// the server a notifier with an insert-only queue (as a server has), made
// once per fixture.
func (w *walkFixture) docsWalkValues(t *testing.T) map[string]string {
	if v, ok := docsWalk.Load(w); ok {
		return map[string]string{"/pengaturan/email/{id}": v.(string)}
	}
	n := newTestNotifier(t, w.fixture)
	id, err := n.Send(context.Background(), notify.Message{InstansiID: w.Inst, To: "tim@example.go.id", Subject: "walk", Body: "walk"})
	if err != nil {
		t.Fatal(err)
	}
	docsWalk.Store(w, itoa(id))
	return map[string]string{"/pengaturan/email/{id}": itoa(id)}
}

// newTestNotifier gives the server a notifier without SMTP whose queue
// inserts jobs but works none (no worker runs in these tests).
func newTestNotifier(t *testing.T, f *fixture) *notify.Notifier {
	t.Helper()
	n, err := notify.New(f.DB, notify.Config{Logger: f.S.log})
	if err != nil {
		t.Fatal(err)
	}
	q, err := jobs.New(f.DB, jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	n.SetQueue(q)
	f.S.Notify = n
	return n
}

func testPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.NRGBA{uint8(x), 90, uint8(y), 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// upload posts a multipart form with the fields and, when filename is set,
// the file in the field "logo".
func (c *client) upload(path string, fields url.Values, filename string, data []byte) (int, string, string) {
	c.f.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if fields.Get("_csrf") == "" && c.csrf != "" {
		fields.Set("_csrf", c.csrf)
	}
	for k, vs := range fields {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	if filename != "" {
		fw, err := mw.CreateFormFile("logo", filename)
		if err != nil {
			c.f.t.Fatal(err)
		}
		_, _ = fw.Write(data)
	}
	_ = mw.Close()
	req, _ := http.NewRequest("POST", c.f.TS.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.http.Do(req)
	if err != nil {
		c.f.t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

func letterheadForm() url.Values {
	return url.Values{"line1": {"PEMERINTAH KABUPATEN TANJUNG HARAPAN"}, "line2": {"TIM PENGAWAS NETRALITAS ASN"},
		"line3": {"SEKRETARIAT DAERAH"}, "address": {"Jalan Merdeka 1"}, "phone": {"(0999) 123456"},
		"email": {"tim@tanjungharapankab.go.id"}, "website": {"tanjungharapankab.go.id"}, "place": {"Tanjung Harapan"}}
}

func TestLetterheadSettings(t *testing.T) {
	f := newFixture(t)
	admin := f.login("admin")

	resp, body := admin.get("/pengaturan/kop-surat")
	if resp.StatusCode != 200 {
		t.Fatalf("GET: %d", resp.StatusCode)
	}
	mustContain(t, "default letterhead", body, `id="letterhead-default"`, "PEMERINTAH KABUPATEN TANJUNG HARAPAN",
		`enctype="multipart/form-data"`, `href="/pengaturan/kop-surat/contoh?jenis=minutes"`, `href="/pengaturan/email"`)
	mustNotContain(t, "no logo yet", body, `/pengaturan/kop-surat/logo`)

	// Files that lie about their type are refused, naming the field.
	for name, data := range map[string][]byte{
		"logo.png": append([]byte("MZ\x90\x00\x03"), make([]byte, 300)...), // an executable
		"logo.jpg": []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>`),
		"bom.png":  testPNG(t, 8, 8), // too small
	} {
		st, _, b := admin.upload("/pengaturan/kop-surat", letterheadForm(), name, data)
		if st != http.StatusBadRequest || !strings.Contains(b, `id="lh-logo-error"`) {
			t.Errorf("%s: status %d", name, st)
		}
	}
	// Validation names the field and keeps what was typed.
	bad := letterheadForm()
	bad.Set("email", "bukan alamat")
	bad.Set("line2", `<script>alert("kop")</script>`)
	st, _, b := admin.upload("/pengaturan/kop-surat", bad, "", nil)
	if st != http.StatusBadRequest {
		t.Fatalf("invalid e-mail: %d", st)
	}
	mustContain(t, "invalid form", b, "Bukan alamat e-mail yang sah", `value="bukan alamat"`, "&lt;script&gt;alert(&#34;kop&#34;)")
	mustNotContain(t, "invalid form", b, `<script>alert("kop")`)

	// A good letterhead with a logo.
	good := letterheadForm()
	good.Set("line2", `TIM <b>PENGAWAS</b> & "NETRALITAS"`)
	st, loc, _ := admin.upload("/pengaturan/kop-surat", good, "lambang.png", testPNG(t, 200, 240))
	if st != http.StatusSeeOther || loc != "/pengaturan/kop-surat?ok=1" {
		t.Fatalf("save: %d %q", st, loc)
	}
	_, body = admin.get("/pengaturan/kop-surat?ok=1")
	mustContain(t, "saved", body, `id="letterhead-saved"`, `/pengaturan/kop-surat/logo?v=`, "TIM &lt;b&gt;PENGAWAS&lt;/b&gt; &amp; &#34;NETRALITAS&#34;")
	mustNotContain(t, "saved", body, `id="letterhead-default"`, "<b>PENGAWAS</b>")

	resp, logo := admin.get("/pengaturan/kop-surat/logo")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" || !strings.HasPrefix(logo, "\x89PNG") {
		t.Fatalf("logo: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	cfg, _, err := image.DecodeConfig(strings.NewReader(logo))
	if err != nil || cfg.Height > docs.LogoStoredHeight {
		t.Errorf("stored logo %v %+v", err, cfg)
	}

	for _, kind := range docs.Kinds {
		resp, pdf := admin.get("/pengaturan/kop-surat/contoh?jenis=" + kind)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf, "%PDF-") {
			t.Fatalf("sample %s: %d %s", kind, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if text, ok := pdfToText(t, []byte(pdf)); ok && !strings.Contains(text, `TIM <b>PENGAWAS</b> & "NETRALITAS"`) {
			t.Errorf("sample %s lacks the saved letterhead:\n%.500s", kind, text)
		}
	}
	if resp, _ := admin.get("/pengaturan/kop-surat/contoh?jenis=../../etc"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown sample kind: %d", resp.StatusCode)
	}

	// Removing the logo keeps the rest.
	rm := letterheadForm()
	rm.Set("remove_logo", "1")
	if st, _, _ := admin.upload("/pengaturan/kop-surat", rm, "", nil); st != http.StatusSeeOther {
		t.Fatalf("remove logo: %d", st)
	}
	if resp, _ := admin.get("/pengaturan/kop-surat/logo"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("logo after removal: %d", resp.StatusCode)
	}

	// Audited, twice (no image in the trail).
	var n int
	if err := f.DB.QueryRow(context.Background(), `SELECT COUNT(*) FROM audit_log WHERE action = 'letterhead.update'
		AND instansi_id = ?`, f.Inst).Scan(&n); err != nil || n != 2 {
		t.Errorf("%d letterhead.update entries (%v)", n, err)
	}

	// Without the CSRF token: refused.
	noCSRF := letterheadForm()
	noCSRF.Set("_csrf", "wrong")
	if st, _, _ := admin.upload("/pengaturan/kop-surat", noCSRF, "", nil); st != http.StatusForbidden {
		t.Errorf("without CSRF token: %d", st)
	}
	// Other roles may not; another instansi sees its own (default) letterhead.
	for _, role := range []string{"tim", "ketua_tim", "kepala_opd", "bawaslu"} {
		c := f.login(role)
		if resp, _ := c.get("/pengaturan/kop-surat"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s GET: %d", role, resp.StatusCode)
		}
		if st, _, _ := c.upload("/pengaturan/kop-surat", letterheadForm(), "", nil); st != http.StatusForbidden {
			t.Errorf("%s POST: %d", role, st)
		}
	}
	other := f.login("admin2")
	_, body = other.get("/pengaturan/kop-surat")
	mustContain(t, "other instansi", body, `id="letterhead-default"`)
	mustNotContain(t, "other instansi", body, "SEKRETARIAT DAERAH")
	if resp, _ := other.get("/pengaturan/kop-surat/logo"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("other instansi logo: %d", resp.StatusCode)
	}
}

func TestOutboxPage(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	n := newTestNotifier(t, f)
	public := notify.ReporterUpdate{ReportID: 9, Receipt: "LPR-XYZ", Status: "diterima"}.Message("id")
	public.InstansiID, public.To = f.Inst, "pelapor@mail.example"
	var privateID, plainID int64
	err := f.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if privateID, err = n.Enqueue(ctx, tx, public); err != nil { // no sealer: kept without its address
			return err
		}
		plainID, err = n.Enqueue(ctx, tx, notify.Message{InstansiID: f.Inst, To: "andi@example.go.id",
			Subject: `<script>alert(1)</script> Perkara`, Body: "isi", ObjectType: "case", ObjectID: "12"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// The worker has not run: mark the plain one failed as a worker would.
	if err := n.Deliver(ctx, plainID, 1, 1); err != nil {
		t.Fatal(err)
	}
	admin := f.login("admin")
	resp, body := admin.get("/pengaturan/email")
	if resp.StatusCode != 200 {
		t.Fatalf("GET: %d", resp.StatusCode)
	}
	mustContain(t, "outbox", body, "SMTP belum dikonfigurasi", "andi@example.go.id", "alamat pelapor (terenkripsi)",
		"&lt;script&gt;alert(1)&lt;/script&gt; Perkara", "belum dikonfigurasi", "/pengaturan/email/"+itoa(plainID)+"/kirim-ulang",
		"case 12")
	mustNotContain(t, "outbox", body, "pelapor@mail.example", "<script>alert(1)</script>")
	if _, b := admin.get("/pengaturan/email?status=sent"); !strings.Contains(b, `id="outbox-empty"`) {
		t.Error("status filter")
	}
	if resp, _ := admin.get("/pengaturan/email?status=bogus"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("bad status filter: %d", resp.StatusCode)
	}

	// Send again: back to pending with a new job, audited.
	if r := admin.post("/pengaturan/email/"+itoa(plainID)+"/kirim-ulang", nil); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("retry: %d", r.StatusCode)
	}
	var status string
	_ = f.DB.QueryRow(ctx, `SELECT status FROM email_outbox WHERE id = ?`, plainID).Scan(&status)
	if status != notify.StatusPending {
		t.Errorf("after retry: %s", status)
	}
	if r := admin.post("/pengaturan/email/kirim-ulang", nil); r.StatusCode != http.StatusSeeOther {
		t.Errorf("retry all: %d", r.StatusCode)
	}
	// A test message; a bad address is refused.
	if r := admin.post("/pengaturan/email/uji", url.Values{"to": {"admin@example.go.id"}}); r.StatusCode != http.StatusSeeOther {
		t.Errorf("test e-mail: %d", r.StatusCode)
	}
	if st, _, b := admin.send("POST", "/pengaturan/email/uji", url.Values{"to": {"a@b.go.id\r\nBcc: x@y.go.id"}}, ""); st != http.StatusBadRequest ||
		!strings.Contains(b, "Tulis satu alamat e-mail yang sah") {
		t.Errorf("bad test address: %d", st)
	}
	var audits int
	_ = f.DB.QueryRow(ctx, `SELECT COUNT(*) FROM audit_log WHERE action IN ('email.retry', 'email.test')`).Scan(&audits)
	if audits < 2 {
		t.Errorf("%d email.retry/test audit entries", audits)
	}
	// Another instansi cannot see or retry these messages.
	other := f.login("admin2")
	_, body = other.get("/pengaturan/email")
	mustNotContain(t, "other instansi", body, "andi@example.go.id")
	if st, _, _ := other.send("POST", "/pengaturan/email/"+itoa(plainID)+"/kirim-ulang", nil, ""); st != http.StatusNotFound {
		t.Errorf("other instansi retry: %d", st)
	}
	if st, _, _ := f.login("tim").send("GET", "/pengaturan/email", nil, ""); st != http.StatusForbidden {
		t.Errorf("tim: %d", st)
	}
	// Without a queue, sending again is unavailable (503), not an error page.
	f.S.Notify = nil
	if st, _, b := admin.send("POST", "/pengaturan/email/"+itoa(privateID)+"/kirim-ulang", nil, ""); st != http.StatusServiceUnavailable ||
		!strings.Contains(b, `id="outbox-error"`) {
		t.Errorf("retry without a queue: %d", st)
	}
}

// pdfToText extracts a PDF's text with pdftotext when it is installed.
func pdfToText(t *testing.T, b []byte) (string, bool) {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return "", false
	}
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out), true
}
