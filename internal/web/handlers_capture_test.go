package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/capture"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/jobs"
	"github.com/netral-asn/netral/internal/monitor"
)

// capturedPost is a page whose text the screener flags with the demo
// Pilkada; its text also carries markup-like characters that must be shown
// escaped.
const capturedPost = `<!doctype html><html><head><title>Postingan Budi</title>
<meta property="og:description" content="Ayo coblos nomor 2 Untung-Nurul! #UNUR02 Pasti Untung">
<meta property="article:published_time" content="2024-10-02T19:04:00+07:00">
</head><body><article><p>Ayo coblos nomor 2 Untung-Nurul! #UNUR02 Pasti Untung</p>
<p>&lt;script&gt;alert(1)&lt;/script&gt;</p></article><script>alert("page script")</script></body></html>`

// captureSite is an httptest server standing for a social-media page.
type captureSite struct {
	*httptest.Server
	mu     sync.Mutex
	status int
	body   string
}

func newCaptureSite(t *testing.T) *captureSite {
	s := &captureSite{status: 200, body: capturedPost}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(s.status)
		io.WriteString(w, s.body)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *captureSite) set(status int, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.status, s.body = status, body
}

// withCapture gives the fixture's server a capturer allowed to fetch from
// 127.0.0.0/8 (httptest servers), with a queue that works its jobs when
// work is set and only takes inserts otherwise.
func (f *fixture) withCapture(work bool) *monitor.Capturer {
	f.t.Helper()
	quiet := slog.New(slog.DiscardHandler)
	c, err := monitor.NewCapturer(f.DB, monitor.CaptureConfig{Fetch: capture.Options{AllowCIDRs: []string{"127.0.0.0/8"}},
		Logger: quiet})
	if err != nil {
		f.t.Fatal(err)
	}
	opts := jobs.Options{Logger: quiet}
	if work {
		w := jobs.NewWorkers()
		c.Register(w)
		opts = jobs.Options{Workers: w, FetchCooldown: time.Millisecond, FetchPollInterval: 20 * time.Millisecond, Logger: quiet}
	}
	q, err := jobs.New(f.DB, opts)
	if err != nil {
		f.t.Fatal(err)
	}
	c.SetQueue(q)
	if work {
		if err := q.Start(context.Background()); err != nil {
			f.t.Fatal(err)
		}
	}
	f.t.Cleanup(func() { q.Close() })
	f.S.Capture = c
	return c
}

// captureNow pastes u (attributed to the employee with nip, when given) and
// captures it at once, without the queue.
func (f *fixture) captureNow(c *monitor.Capturer, u, nip string) *monitor.CaptureRecord {
	f.t.Helper()
	ctx := context.Background()
	req, err := c.Paste(ctx, audit.System("test"), monitor.PasteInput{InstansiID: f.Inst, URL: u, NIP: nip})
	if err != nil {
		f.t.Fatalf("paste %s: %v", u, err)
	}
	row, err := c.Capture(ctx, req.ID, false)
	if err != nil {
		f.t.Fatalf("capture %s: %v", u, err)
	}
	return row
}

// newWalkCapture makes the capture the route walk reads: attributed to
// EmpIn1, in kepala_opd's scope. It leaves the server with an insert-only
// capturer, so POST /tangkap reaches its real work.
func newWalkCapture(t *testing.T, f *fixture) int64 {
	t.Helper()
	site := newCaptureSite(t)
	c := f.withCapture(false)
	return f.captureNow(c, site.URL+"/walk", "198503152010011002").ID
}

// tamperCapture overwrites a capture's body with the immutability trigger
// out of the way, as someone with direct database access could.
func (f *fixture) tamperCapture(id int64, body []byte) {
	f.t.Helper()
	ctx := context.Background()
	err := f.DB.InTx(ctx, func(tx *db.Tx) error {
		if f.DB.Engine() == db.Postgres {
			if _, err := tx.Exec(ctx, `ALTER TABLE capture DISABLE TRIGGER capture_no_change`); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `UPDATE capture SET body = ? WHERE id = ?`, body, id); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `ALTER TABLE capture ENABLE TRIGGER capture_no_change`)
			return err
		}
		if _, err := tx.Exec(ctx, `DROP TRIGGER capture_no_update`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE capture SET body = ? WHERE id = ?`, body, id); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `CREATE TRIGGER capture_no_update BEFORE UPDATE ON capture
			BEGIN SELECT RAISE(ABORT, 'capture rows are immutable'); END`)
		return err
	})
	if err != nil {
		f.t.Fatalf("tamper: %v", err)
	}
	// Still refused through the normal path.
	if _, err := f.DB.Exec(ctx, `UPDATE capture SET body = ? WHERE id = ?`, []byte("x"), id); err == nil {
		f.t.Fatal("the immutability trigger is gone")
	}
}

func TestCapturePasteJobAndPage(t *testing.T) {
	f := newFixture(t)
	site := newCaptureSite(t)
	f.withCapture(true)
	tim := f.login("tim")

	resp, body := tim.get("/tangkap?nip=198503152010011002")
	if resp.StatusCode != 200 || !strings.Contains(body, `value="198503152010011002"`) || !strings.Contains(body, `href="/tangkap"`) {
		t.Fatalf("form: %d %.300s", resp.StatusCode, body)
	}
	u := site.URL + "/budi/posts/1"
	resp, _ = tim.regPost("/tangkap", url.Values{"url": {u}, "nip": {"198503152010011002"}, "catatan": {"laporan warga"}})
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/tangkap?diminta=") {
		t.Fatalf("paste: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	reqID, _ := strconv.ParseInt(strings.TrimPrefix(resp.Header.Get("Location"), "/tangkap?diminta="), 10, 64)
	var req monitor.CaptureRequest
	deadline := time.Now().Add(20 * time.Second)
	for {
		var err error
		req, err = monitor.GetCaptureRequest(context.Background(), f.DB, f.Inst, reqID)
		if err != nil {
			t.Fatal(err)
		}
		if req.LatestID != 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the capture job stored nothing")
		}
		time.Sleep(20 * time.Millisecond)
	}
	_, body = tim.get("/tangkap?diminta=" + itoa(reqID))
	if !strings.Contains(body, `id="capture-requested"`) || !strings.Contains(body, `href="/tangkapan/`+itoa(req.LatestID)+`"`) ||
		!strings.Contains(body, "laporan warga") {
		t.Fatalf("list: %.2000s", body)
	}
	before := f.countAudit("capture.view", itoa(req.LatestID))
	resp, body = tim.get("/tangkapan/" + itoa(req.LatestID))
	if resp.StatusCode != 200 {
		t.Fatalf("show: %d %.300s", resp.StatusCode, body)
	}
	for _, want := range []string{"✓", "hash cocok", u, "Untung-Nurul", `id="capture-flagged"`, "ditandai", "Budi Santoso",
		"og:description", "&lt;script&gt;alert(1)&lt;/script&gt;", "pertama", `href="/tangkapan/` + itoa(req.LatestID) + `/mentah"`} {
		if !strings.Contains(body, want) {
			t.Errorf("capture page lacks %q", want)
		}
	}
	if strings.Contains(body, "<script>alert(1)") || strings.Contains(body, "page script") {
		t.Error("capture page shows page markup unescaped or the page's script")
	}
	if f.countAudit("capture.view", itoa(req.LatestID)) != before+1 {
		t.Error("view not audited")
	}
	// The activity appears in the monitoring data (API), flagged.
	tok := f.apiToken("tim")
	resp, body = f.api("GET", "/api/v1/activities?flagged=true", tok, "")
	if resp.StatusCode != 200 || !strings.Contains(body, `"source": "capture"`) || !strings.Contains(body, monitor.CaptureExternalID(u)) {
		t.Fatalf("activities: %d %.500s", resp.StatusCode, body)
	}
}

func TestCaptureHistoryOnPage(t *testing.T) {
	f := newFixture(t)
	site := newCaptureSite(t)
	c := f.withCapture(false)
	first := f.captureNow(c, site.URL+"/p", "")
	ctx := context.Background()
	var last *monitor.CaptureRecord
	for _, st := range []int{200, 404} {
		site.set(st, capturedPost)
		row, err := c.Capture(ctx, first.RequestID, false)
		if err != nil {
			t.Fatal(err)
		}
		last = row
	}
	_, body := f.login("admin").get("/tangkapan/" + itoa(last.ID))
	for _, want := range []string{"tidak berubah", "dihapus", "404", `href="/tangkapan/` + itoa(first.ID) + `"`, "sudah tidak ada"} {
		if !strings.Contains(body, want) {
			t.Errorf("history lacks %q", want)
		}
	}
}

func TestCaptureRawDownload(t *testing.T) {
	f := newFixture(t)
	site := newCaptureSite(t)
	c := f.withCapture(false)
	row := f.captureNow(c, site.URL+"/raw", "")
	ketua := f.login("ketua_tim")
	resp, body := ketua.get("/tangkapan/" + itoa(row.ID) + "/mentah")
	if resp.StatusCode != 200 || body != capturedPost {
		t.Fatalf("raw: %d %.200s", resp.StatusCode, body)
	}
	h := resp.Header
	for k, want := range map[string]string{"Content-Type": "application/octet-stream", "X-Content-Type-Options": "nosniff",
		"Cache-Control": "no-store", "X-Netral-Sha256": row.SHA256} {
		if h.Get(k) != want {
			t.Errorf("%s = %q, want %q", k, h.Get(k), want)
		}
	}
	if csp := h.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "sandbox") {
		t.Errorf("Content-Security-Policy = %q", csp)
	}
	if cd := h.Get("Content-Disposition"); cd != "attachment; filename=tangkapan-"+itoa(row.ID)+".html" {
		t.Errorf("Content-Disposition = %q", cd)
	}
	if f.countAudit("capture.download", itoa(row.ID)) != 1 {
		t.Error("download not audited")
	}
	// A failed capture has no body to download.
	srv := httptest.NewServer(http.NotFoundHandler())
	addr := srv.Listener.Addr().String()
	srv.Close()
	failed := f.captureNowFailed(c, "http://"+addr+"/down")
	if resp, _ := ketua.get("/tangkapan/" + itoa(failed) + "/mentah"); resp.StatusCode != 404 {
		t.Errorf("raw of a failed capture: %d", resp.StatusCode)
	}
	resp, body = ketua.get("/tangkapan/" + itoa(failed))
	if resp.StatusCode != 200 || !strings.Contains(body, "gagal") || !strings.Contains(body, `id="capture-error"`) {
		t.Errorf("failed capture page: %d %.300s", resp.StatusCode, body)
	}
}

// captureNowFailed pastes u and records its capture as failed (the last
// attempt of a network error) and returns the capture's id.
func (f *fixture) captureNowFailed(c *monitor.Capturer, u string) int64 {
	f.t.Helper()
	ctx := context.Background()
	req, err := c.Paste(ctx, audit.System("test"), monitor.PasteInput{InstansiID: f.Inst, URL: u})
	if err != nil {
		f.t.Fatal(err)
	}
	row, err := c.Capture(ctx, req.ID, true)
	if row == nil || row.Change != monitor.ChangeFailed {
		f.t.Fatalf("want a failed capture, got %+v %v", row, err)
	}
	return row.ID
}

func TestCaptureTamperedBodyIsRefused(t *testing.T) {
	f := newFixture(t)
	site := newCaptureSite(t)
	c := f.withCapture(false)
	row := f.captureNow(c, site.URL+"/t", "")
	f.tamperCapture(row.ID, []byte("<html>bukti palsu</html>"))
	admin := f.login("admin")
	resp, body := admin.get("/tangkapan/" + itoa(row.ID) + "/mentah")
	if resp.StatusCode != http.StatusInternalServerError || strings.Contains(body, "bukti palsu") {
		t.Fatalf("tampered raw: %d %.200s", resp.StatusCode, body)
	}
	if f.countAudit("capture.tamper_detected", itoa(row.ID)) != 1 || f.countAudit("capture.download", itoa(row.ID)) != 0 {
		t.Error("refusal not audited")
	}
	resp, body = admin.get("/tangkapan/" + itoa(row.ID))
	if resp.StatusCode != 200 || !strings.Contains(body, "✗") || strings.Contains(body, "/mentah") {
		t.Fatalf("tampered page: %d, ✗ %v", resp.StatusCode, strings.Contains(body, "✗"))
	}
}

func TestCaptureTenancyAndOPDScope(t *testing.T) {
	f := newFixture(t)
	site := newCaptureSite(t)
	c := f.withCapture(false)
	inScope := f.captureNow(c, site.URL+"/a", "198503152010011002")  // EmpIn1, OPD1Sub
	outScope := f.captureNow(c, site.URL+"/b", "199001012015032001") // EmpIn2, OPD2
	nobody := f.captureNow(c, site.URL+"/c", "")                     // unattributed
	kepala := f.login("kepala_opd")
	for id, want := range map[int64]int{inScope.ID: 200, outScope.ID: 404, nobody.ID: 404} {
		for _, suffix := range []string{"", "/mentah"} {
			if resp, _ := kepala.get("/tangkapan/" + itoa(id) + suffix); resp.StatusCode != want {
				t.Errorf("kepala_opd /tangkapan/%d%s: %d, want %d", id, suffix, resp.StatusCode, want)
			}
		}
	}
	// The history shown to a kepala OPD keeps to their scope too.
	_, body := kepala.get("/tangkapan/" + itoa(inScope.ID))
	if strings.Contains(body, `/tangkapan/`+itoa(outScope.ID)+`"`) {
		t.Error("history shows a capture outside the scope")
	}
	inspektorat := f.login("inspektorat")
	for _, id := range []int64{inScope.ID, outScope.ID, nobody.ID} {
		if resp, _ := inspektorat.get("/tangkapan/" + itoa(id)); resp.StatusCode != 200 {
			t.Errorf("inspektorat /tangkapan/%d: %d", id, resp.StatusCode)
		}
	}
	// Another instansi sees none of them, and its list is empty.
	other := f.login("admin2")
	for _, id := range []int64{inScope.ID, nobody.ID} {
		for _, suffix := range []string{"", "/mentah"} {
			if resp, _ := other.get("/tangkapan/" + itoa(id) + suffix); resp.StatusCode != 404 {
				t.Errorf("admin2 /tangkapan/%d%s: %d", id, suffix, resp.StatusCode)
			}
		}
	}
	if _, body := other.get("/tangkap"); strings.Contains(body, site.URL) {
		t.Error("another instansi's list shows the requests")
	}
	if resp, _ := kepala.get("/tangkap"); resp.StatusCode != 403 {
		t.Errorf("kepala_opd /tangkap: %d", resp.StatusCode)
	}
	for _, p := range []string{"/tangkapan/999999", "/tangkapan/abc"} {
		if resp, _ := f.login("admin").get(p); resp.StatusCode != 404 {
			t.Errorf("%s: %d", p, resp.StatusCode)
		}
	}
}

func TestCaptureFormRefusals(t *testing.T) {
	f := newFixture(t)
	tim := f.login("tim")
	// Without a job queue the form says so.
	resp, body := tim.regPost("/tangkap", url.Values{"url": {"https://example.com/a"}})
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "antrean tugas latar") {
		t.Fatalf("no queue: %d %.300s", resp.StatusCode, body)
	}
	f.withCapture(false)
	for _, tc := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"url": {""}}, "Isi alamat"},
		{url.Values{"url": {"http://169.254.169.254/latest/meta-data/"}}, "jaringan internal"},
		{url.Values{"url": {"javascript:alert(1)"}}, "http dan https"},
		{url.Values{"url": {"https://example.com/a"}, "nip": {"199912312020121001"}}, "Tidak ada pegawai"},
		{url.Values{"url": {"https://example.com/a"}, "akun": {"instagram:@tidak.ada"}}, "belum terdaftar"},
	} {
		resp, body := tim.regPost("/tangkap", tc.form)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, tc.want) {
			t.Errorf("%v: %d, want 400 with %q: %.200s", tc.form, resp.StatusCode, tc.want, body)
		}
		if u := tc.form.Get("url"); strings.HasPrefix(u, "https://example.com/") && !strings.Contains(body, `value="`+u+`"`) {
			t.Errorf("%v: the form lost the URL", tc.form)
		}
	}
	if n := f.captureCount(`SELECT COUNT(*) FROM capture_request`); n != 0 {
		t.Fatalf("%d requests after refusals", n)
	}
}

func (f *fixture) captureCount(q string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.DB.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		f.t.Fatal(err)
	}
	return n
}

func TestActivityUploadPage(t *testing.T) {
	f := newFixture(t)
	c := f.withCapture(false)
	tim := f.login("tim")
	resp, body := tim.get("/aktivitas/impor")
	if resp.StatusCode != 200 || !strings.Contains(body, `enctype="multipart/form-data"`) {
		t.Fatalf("form: %d", resp.StatusCode)
	}
	jsonl := strings.Join([]string{
		`{"id":"u1","platform":"facebook","kind":"post","author":"@budi","created_at":"2024-10-02T19:04:00+07:00","url":"https://facebook.com/budi/posts/1","text":"Ayo coblos nomor 2 Untung-Nurul! #UNUR02 Pasti Untung"}`,
		`{"id":"u2","platform":"facebook","kind":"post","text":"Rapat koordinasi dinas pendidikan."}`,
		`{"id":"u3","platform":"facebook","kind":"nonsense","text":"x"}`,
		`not json`,
		``,
		`{"id":"u1","platform":"facebook","kind":"post","text":"again"}`,
	}, "\n")
	resp, body = tim.regUpload("/aktivitas/impor", "aktivitas.jsonl", []byte(jsonl), url.Values{"format": {"auto"}})
	if resp.StatusCode != 200 {
		t.Fatalf("upload: %d %.300s", resp.StatusCode, body)
	}
	for _, want := range []string{`id="count-records">5<`, `id="count-new">2<`, `id="count-duplicates">1<`,
		`id="count-rejected">2<`, `id="count-flagged">1<`, `id="activity-upload-rejected"`,
		`<td class="num">3</td><td><code>u3</code></td>`, `<td class="num">4</td>`, `id="activity-upload-capture"`} {
		if !strings.Contains(body, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	// The upload asked for a sweep, so the flagged record's URL is captured soon.
	if n := f.captureCount(`SELECT COUNT(*) FROM river_job WHERE kind = 'capture_sweep'`); n != 1 {
		t.Errorf("%d sweeps enqueued", n)
	}
	if rep, err := c.Sweep(context.Background()); err != nil || rep.Opened != 1 {
		t.Errorf("sweep after upload: %+v %v", rep, err)
	}
	// The same file again: only duplicates and the same rejections.
	_, body = tim.regUpload("/aktivitas/impor", "aktivitas.jsonl", []byte(jsonl), nil)
	if !strings.Contains(body, `id="count-new">0<`) || !strings.Contains(body, `id="count-duplicates">3<`) {
		t.Errorf("re-upload: %.1500s", body)
	}
	// CSV, by extension, with a bad line reported by its line number.
	csv := "id,platform,kind,author,text\nc1,x,post,@siti,Selamat pagi semua\nc2,x,,@siti,tanpa jenis\nc3,x,post,@siti,Apel pagi\n"
	_, body = tim.regUpload("/aktivitas/impor", "aktivitas.csv", []byte(csv), nil)
	if !strings.Contains(body, `id="count-new">2<`) || !strings.Contains(body, `<td class="num">3</td><td><code>c2</code></td>`) {
		t.Errorf("csv: %.2500s", body)
	}
	if n := f.captureCount(`SELECT COUNT(*) FROM audit_log WHERE action = 'activity.ingest' AND actor = 'tim'`); n != 3 {
		t.Errorf("%d ingest audits by tim", n)
	}
	// No file, an unknown format.
	if resp, _ := tim.regUpload("/aktivitas/impor", "", nil, nil); resp.StatusCode != 400 {
		t.Errorf("no file: %d", resp.StatusCode)
	}
	if resp, _ := tim.regUpload("/aktivitas/impor", "a.jsonl", []byte(jsonl), url.Values{"format": {"xml"}}); resp.StatusCode != 400 {
		t.Errorf("bad format: %d", resp.StatusCode)
	}
	// Larger than the limit.
	f.S.opts.MaxUploadBytes = 100
	if resp, _ := tim.regUpload("/aktivitas/impor", "a.jsonl", []byte(jsonl+strings.Repeat("\n", 2000)), nil); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("too large: %d", resp.StatusCode)
	}
	// Who may upload.
	for role, want := range map[string]int{"kepala_opd": 403, "inspektorat": 403, "ketua_tim": 200, "admin": 200} {
		if resp, _ := f.login(role).get("/aktivitas/impor"); resp.StatusCode != want {
			t.Errorf("%s: %d, want %d", role, resp.StatusCode, want)
		}
	}
}
