package monitor_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/capture"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/jobs"
	"github.com/netral-asn/netral/internal/monitor"
)

// capturePostPage is a page whose text the screener flags with the demo Pilkada.
const capturePostPage = `<!doctype html><html><head><title>Budi di Facebook</title>
<meta property="og:description" content="Ayo coblos nomor 2 Untung-Nurul! #UNUR02 Pasti Untung">
<meta property="article:published_time" content="2024-10-02T19:04:00+07:00">
</head><body><article><p>Ayo coblos nomor 2 Untung-Nurul! #UNUR02 Pasti Untung</p></article></body></html>`

// captureSite is an httptest server whose answer the test changes.
type captureSite struct {
	*httptest.Server
	mu     sync.Mutex
	status int
	body   string
	ctype  string
	hits   int
}

func newCaptureSite(t *testing.T) *captureSite {
	s := &captureSite{status: 200, body: capturePostPage, ctype: "text/html; charset=utf-8"}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.hits++
		w.Header().Set("Content-Type", s.ctype)
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

func captureLog() *slog.Logger { return slog.New(slog.DiscardHandler) }

// capturer returns a Capturer allowed to fetch from 127.0.0.0/8 (allow
// false: production address policy) with an insert-only queue.
func (f *fixture) capturer(t *testing.T, allow bool, now func() time.Time) *monitor.Capturer {
	t.Helper()
	cfg := monitor.CaptureConfig{Logger: captureLog(), Now: now}
	if allow {
		cfg.Fetch.AllowCIDRs = []string{"127.0.0.0/8"}
	}
	c, err := monitor.NewCapturer(f.d, cfg)
	if err != nil {
		t.Fatal(err)
	}
	q, err := jobs.New(f.d, jobs.Options{Logger: captureLog()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	c.SetQueue(q)
	return c
}

func (f *fixture) pasteURL(t *testing.T, c *monitor.Capturer, in monitor.PasteInput) monitor.CaptureRequest {
	t.Helper()
	if in.InstansiID == 0 {
		in.InstansiID = f.inst.ID
	}
	r, err := c.Paste(context.Background(), audit.Actor{Name: "tim", IP: "127.0.0.1"}, in)
	if err != nil {
		t.Fatalf("Paste(%q): %v", in.URL, err)
	}
	return r
}

func isJobCancel(err error) bool {
	var jc *river.JobCancelError
	return errors.As(err, &jc)
}

func TestCapturePastedURLEndToEnd(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	srv := newCaptureSite(t)
	c, err := monitor.NewCapturer(f.d, monitor.CaptureConfig{Fetch: capture.Options{AllowCIDRs: []string{"127.0.0.0/8"}},
		Logger: captureLog()})
	if err != nil {
		t.Fatal(err)
	}
	w := jobs.NewWorkers()
	c.Register(w)
	q, err := jobs.New(f.d, jobs.Options{Workers: w, FetchCooldown: time.Millisecond, FetchPollInterval: 20 * time.Millisecond,
		Logger: captureLog()})
	if err != nil {
		t.Fatal(err)
	}
	c.SetQueue(q)
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })

	req := f.pasteURL(t, c, monitor.PasteInput{URL: srv.URL + "/budi/posts/1", NIP: f.budi.NIP, Note: "dilaporkan warga"})
	if req.State != monitor.CapturePending || req.Origin != monitor.CaptureOriginPaste || req.EmployeeID != f.budi.ID {
		t.Fatalf("request = %+v", req)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		r, err := monitor.GetCaptureRequest(ctx, f.d, f.inst.ID, req.ID)
		if err != nil {
			t.Fatal(err)
		}
		if r.Captures > 0 {
			req = r
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the capture job did not store a capture")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if req.State != monitor.CaptureActive || req.LatestChange != monitor.ChangeFirst || req.LatestStatus != 200 || req.ActivityID == 0 {
		t.Fatalf("request after capture = %+v", req)
	}
	got, err := monitor.GetCapture(ctx, f.d, f.inst.ID, req.LatestID)
	if err != nil {
		t.Fatal(err)
	}
	if err := got.Verify(); err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if string(got.Body) != capturePostPage || got.Title != "Budi di Facebook" || !strings.Contains(got.Text, "Untung-Nurul") ||
		got.OpenGraph["og:description"] == "" || got.ActivityID != req.ActivityID || got.OPDID != f.sub.ID {
		t.Fatalf("capture = %+v", got)
	}
	// The text went through screening as an activity of source "capture",
	// attributed to the employee named when pasting.
	a, err := monitor.Get(ctx, f.d, f.inst.ID, req.ActivityID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Source != monitor.SourceCapture || a.Kind != "other" || a.URL != req.URL || !a.Flagged || a.Screening == nil ||
		a.Attribution == nil || a.Attribution.EmployeeID != f.budi.ID || a.OccurredAt.IsZero() {
		t.Fatalf("activity = %+v (screening %+v, attribution %+v)", a, a.Screening, a.Attribution)
	}
	for _, action := range []string{"capture.request", "capture.store", "activity.ingest", "activity.attribute"} {
		if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = ?`, action); n == 0 {
			t.Errorf("no %s audit entry", action)
		}
	}
	// Pasting the same URL again links the same activity.
	again := f.pasteURL(t, c, monitor.PasteInput{URL: srv.URL + "/budi/posts/1"})
	captureWait(t, func() bool {
		r, _ := monitor.GetCaptureRequest(ctx, f.d, f.inst.ID, again.ID)
		return r.Captures > 0
	})
	r2, _ := monitor.GetCaptureRequest(ctx, f.d, f.inst.ID, again.ID)
	if r2.ActivityID != req.ActivityID || r2.LatestChange != monitor.ChangeUnchanged {
		t.Fatalf("second paste = %+v, want activity %d and unchanged", r2, req.ActivityID)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM activity WHERE source = 'capture'`); n != 1 {
		t.Fatalf("%d capture activities", n)
	}
}

func captureWait(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestRecaptureRecordsChangesAndDeletion(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	srv := newCaptureSite(t)
	c := f.capturer(t, true, nil)
	req := f.pasteURL(t, c, monitor.PasteInput{URL: srv.URL + "/p/7", Account: "facebook:@budi.s"})
	steps := []struct {
		status int
		body   string
		want   string
	}{
		{200, capturePostPage, monitor.ChangeFirst},
		{200, capturePostPage, monitor.ChangeUnchanged},
		{503, "sibuk", monitor.ChangeUnknown},
		{200, strings.Replace(capturePostPage, "Pasti Untung", "Pasti Untung bersama", 2), monitor.ChangeChanged},
		{404, "not found", monitor.ChangeGone},
		{410, "gone", monitor.ChangeUnchanged},
		{200, capturePostPage, monitor.ChangeChanged},
	}
	for i, s := range steps {
		srv.set(s.status, s.body)
		row, err := c.Capture(ctx, req.ID, false)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if row.Change != s.want || row.Status != s.status {
			t.Fatalf("step %d: change %s status %d, want %s %d", i, row.Change, row.Status, s.want, s.status)
		}
		stored, err := monitor.GetCapture(ctx, f.d, f.inst.ID, row.ID)
		if err != nil || stored.Verify() != nil || stored.Change != s.want {
			t.Fatalf("step %d: stored %+v %v", i, stored.Change, err)
		}
	}
	hist, err := monitor.CaptureHistory(ctx, f.d, f.inst.ID, req.URL)
	if err != nil || len(hist) != len(steps) {
		t.Fatalf("history: %d rows, %v", len(hist), err)
	}
	// One activity for the URL, attributed through the account's handle.
	if n := f.count(t, `SELECT COUNT(*) FROM activity WHERE source = 'capture'`); n != 1 {
		t.Fatalf("%d capture activities", n)
	}
	a := f.get(t, "facebook", monitor.CaptureExternalID(req.URL))
	if a.Attribution == nil || a.Attribution.AccountID != f.budiFB.ID || a.Kind != "post" {
		t.Fatalf("activity = %+v %+v", a, a.Attribution)
	}
	for _, h := range hist {
		if h.ActivityID != a.ID {
			t.Fatalf("capture %d linked to %d, want %d", h.ID, h.ActivityID, a.ID)
		}
	}
}

func TestCaptureRowsAreImmutable(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	srv := newCaptureSite(t)
	c := f.capturer(t, true, nil)
	req := f.pasteURL(t, c, monitor.PasteInput{URL: srv.URL + "/x"})
	row, err := c.Capture(ctx, req.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{`UPDATE capture SET body = ? WHERE id = ?`, `DELETE FROM capture WHERE id = ? OR id = ?`} {
		args := []any{[]byte("forged"), row.ID}
		if strings.HasPrefix(stmt, "DELETE") {
			args = []any{row.ID, row.ID}
		}
		if _, err := f.d.Exec(ctx, stmt, args...); err == nil || !strings.Contains(err.Error(), "immutable") {
			t.Errorf("%s: err = %v, want refusal", stmt, err)
		}
	}
	// Tampering around the trigger is detected by Verify.
	tamperCapture(t, f.d, row.ID, []byte("forged"))
	got, err := monitor.GetCapture(ctx, f.d, f.inst.ID, row.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := got.Verify(); !errors.Is(err, capture.ErrHashMismatch) {
		t.Fatalf("Verify after tampering = %v", err)
	}
}

// tamperCapture overwrites a capture's body with the immutability trigger out of
// the way, as someone with direct database access could.
func tamperCapture(t *testing.T, d *db.DB, id int64, body []byte) {
	t.Helper()
	ctx := context.Background()
	err := d.InTx(ctx, func(tx *db.Tx) error {
		if d.Engine() == db.Postgres {
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
		t.Fatalf("tamper: %v", err)
	}
}

func TestCaptureBlockedAddressIsRecordedNotRetried(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	srv := newCaptureSite(t)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())

	// A literal internal address is refused at once.
	c := f.capturer(t, false, nil)
	for _, u := range []string{"http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:" + port + "/", "ftp://example.com/x"} {
		_, err := c.Paste(ctx, actor, monitor.PasteInput{InstansiID: f.inst.ID, URL: u})
		var pe *monitor.PasteError
		if !errors.As(err, &pe) || pe.Field != "url" {
			t.Errorf("Paste(%s) = %v, want a url PasteError", u, err)
		}
	}
	// A host name is checked when the job connects: recorded as a failed
	// capture, and the job is cancelled rather than retried.
	req := f.pasteURL(t, c, monitor.PasteInput{URL: "http://localhost:" + port + "/post"})
	row, err := c.Capture(ctx, req.ID, false)
	if !isJobCancel(err) || !errors.Is(err, capture.ErrBlockedAddress) {
		t.Fatalf("Capture = %v, want a cancelled job for a blocked address", err)
	}
	if row.Change != monitor.ChangeFailed || row.ErrorKind != "blocked_address" || row.Status != 0 {
		t.Fatalf("row = %+v", row)
	}
	r, _ := monitor.GetCaptureRequest(ctx, f.d, f.inst.ID, req.ID)
	if r.State != monitor.CaptureFailed || r.LastError == "" || r.Captures != 1 {
		t.Fatalf("request = %+v", r)
	}
	if srv.hits != 0 {
		t.Fatalf("the blocked server was reached %d times", srv.hits)
	}
	// A failed request is not tried again.
	if row, err := c.Capture(ctx, req.ID, false); row != nil || err != nil {
		t.Fatalf("capture of a failed request: %v %v", row, err)
	}
	// A refused content type is recorded the same way.
	c2 := f.capturer(t, true, nil)
	srv.mu.Lock()
	srv.ctype = "application/x-msdownload"
	srv.mu.Unlock()
	req2 := f.pasteURL(t, c2, monitor.PasteInput{URL: srv.URL + "/setup.exe"})
	row, err = c2.Capture(ctx, req2.ID, false)
	if !isJobCancel(err) || row.ErrorKind != "content_type" || row.Status != 200 || row.Body != nil {
		t.Fatalf("content type: %v %+v", err, row)
	}
}

func TestCaptureNetworkErrorIsRetriedThenRecorded(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now: connection refused
	c := f.capturer(t, true, nil)
	req := f.pasteURL(t, c, monitor.PasteInput{URL: "http://" + addr + "/post"})
	row, err := c.Capture(ctx, req.ID, false)
	if err == nil || isJobCancel(err) || row != nil || !errors.Is(err, capture.ErrNetwork) {
		t.Fatalf("not final: %v %v, want a retryable network error", row, err)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM capture`); n != 0 {
		t.Fatalf("%d captures after a retryable error", n)
	}
	row, err = c.Capture(ctx, req.ID, true)
	if !isJobCancel(err) || row == nil || row.ErrorKind != "network" || row.Change != monitor.ChangeFailed {
		t.Fatalf("final: %v %+v", err, row)
	}
	if got := []time.Duration{monitor.CaptureBackoff(1), monitor.CaptureBackoff(2), monitor.CaptureBackoff(4), monitor.CaptureBackoff(9)}; got[0] != 30*time.Second || got[1] != 2*time.Minute || got[2] != 32*time.Minute || got[3] != 2*time.Hour {
		t.Fatalf("back-off = %v", got)
	}
}

func TestCaptureJobForBlockedAddressIsCancelledAtOnce(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	c, err := monitor.NewCapturer(f.d, monitor.CaptureConfig{Logger: captureLog()}) // production policy
	if err != nil {
		t.Fatal(err)
	}
	w := jobs.NewWorkers()
	c.Register(w)
	q, err := jobs.New(f.d, jobs.Options{Workers: w, FetchCooldown: time.Millisecond, FetchPollInterval: 20 * time.Millisecond,
		Logger: captureLog()})
	if err != nil {
		t.Fatal(err)
	}
	c.SetQueue(q)
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	req := f.pasteURL(t, c, monitor.PasteInput{URL: "http://localhost:9/"})
	var id int64
	captureWait(t, func() bool {
		err := f.d.QueryRow(ctx, `SELECT id FROM river_job WHERE kind = 'capture_url' AND state = 'cancelled'`).Scan(&id)
		return err == nil
	})
	row, err := q.JobGet(ctx, id)
	if err != nil || row.Attempt != 1 {
		t.Fatalf("job %+v %v: want cancelled after one attempt", row, err)
	}
	r, _ := monitor.GetCaptureRequest(ctx, f.d, f.inst.ID, req.ID)
	if r.State != monitor.CaptureFailed || r.LatestChange != monitor.ChangeFailed {
		t.Fatalf("request = %+v", r)
	}
}

func TestCaptureSweep(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	srv := newCaptureSite(t)
	clock := time.Now()
	var mu sync.Mutex
	now := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		return clock
	}
	advance := func(d time.Duration) {
		mu.Lock()
		clock = clock.Add(d)
		mu.Unlock()
	}
	c := f.capturer(t, true, now)
	jobsOf := func() int { return f.count(t, `SELECT COUNT(*) FROM river_job WHERE kind = 'capture_url'`) }

	// A flagged record with a URL gets a request linked to it; an
	// unflagged one does not.
	f.ingest(t, fmt.Sprintf(`{"id":"f1","platform":"facebook","kind":"post","author":"@Budi.S","created_at":"2024-10-02T19:04:00+07:00","url":%q,"text":"Ayo coblos nomor 2 Untung-Nurul! #UNUR02 Pasti Untung"}`+"\n"+
		`{"id":"p1","platform":"facebook","kind":"post","author":"budi.s","url":"https://example.com/p1","text":"Rapat koordinasi dinas."}`,
		srv.URL+"/f1"), monitor.FormatJSONL)
	flagged := f.get(t, "facebook", "f1")
	rep, err := c.Sweep(ctx)
	if err != nil || rep.Opened != 1 {
		t.Fatalf("sweep: %+v %v", rep, err)
	}
	if n := jobsOf(); n != 1 {
		t.Fatalf("%d capture jobs after the sweep", n)
	}
	var reqID int64
	if err := f.d.QueryRow(ctx, `SELECT id FROM capture_request WHERE origin = 'activity' AND activity_id = ?`, flagged.ID).Scan(&reqID); err != nil {
		t.Fatal(err)
	}
	if rep, _ := c.Sweep(ctx); rep.Opened != 0 {
		t.Fatalf("second sweep opened %d", rep.Opened)
	}
	// Its capture is linked to the record; no activity is made.
	row, err := c.Capture(ctx, reqID, false)
	if err != nil || row.ActivityID != flagged.ID || row.Change != monitor.ChangeFirst {
		t.Fatalf("capture: %+v %v", row, err)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM activity WHERE source = 'capture'`); n != 0 {
		t.Fatalf("%d capture activities for a flagged record", n)
	}
	// A pasted URL too; nothing is due yet.
	pasted := f.pasteURL(t, c, monitor.PasteInput{URL: srv.URL + "/pasted"})
	if _, err := c.Capture(ctx, pasted.ID, false); err != nil {
		t.Fatal(err)
	}
	// The jobs of the two first captures were worked above by hand.
	if _, err := f.d.Exec(ctx, `DELETE FROM river_job WHERE kind = 'capture_url'`); err != nil {
		t.Fatal(err)
	}
	before := jobsOf()
	if rep, _ := c.Sweep(ctx); rep.Recaptures != 0 {
		t.Fatalf("re-captures enqueued too early: %+v", rep)
	}
	// After RecaptureEvery both are due; the jobs are unique while queued.
	advance(monitor.DefaultRecaptureEvery + time.Minute)
	rep, err = c.Sweep(ctx)
	if err != nil || rep.Recaptures != 2 || jobsOf() != before+2 {
		t.Fatalf("due sweep: %+v %v (%d jobs, %d before)", rep, err, jobsOf(), before)
	}
	if rep, _ := c.Sweep(ctx); rep.Recaptures != 0 || jobsOf() != before+2 {
		t.Fatalf("duplicate re-captures: %+v", rep)
	}
	// A dismissed review item stops the re-captures of its activity.
	if _, err := f.d.Exec(ctx, `DELETE FROM river_job WHERE kind = 'capture_url'`); err != nil {
		t.Fatal(err)
	}
	n := f.count(t, `SELECT COUNT(*) FROM review_item WHERE activity_id = ?`, flagged.ID)
	if n == 0 {
		_, err = f.d.Exec(ctx, `INSERT INTO review_item (instansi_id, activity_id, status, created_at, updated_at)
			VALUES (?, ?, 'dismissed', '2024-10-03T00:00:00.000Z', '2024-10-03T00:00:00.000Z')`, f.inst.ID, flagged.ID)
	} else {
		_, err = f.d.Exec(ctx, `UPDATE review_item SET status = 'dismissed' WHERE activity_id = ?`, flagged.ID)
	}
	if err != nil {
		t.Fatal(err)
	}
	if rep, _ := c.Sweep(ctx); rep.Recaptures != 1 {
		t.Fatalf("after dismissal: %+v, want only the pasted URL", rep)
	}
	// After RecaptureFor nothing is re-captured any more.
	if _, err := f.d.Exec(ctx, `DELETE FROM river_job WHERE kind = 'capture_url'`); err != nil {
		t.Fatal(err)
	}
	advance(monitor.DefaultRecaptureFor)
	if rep, _ := c.Sweep(ctx); rep.Recaptures != 0 || rep.Opened != 0 {
		t.Fatalf("after the window: %+v", rep)
	}
}

func TestCaptureSweepOff(t *testing.T) {
	f := setup(t)
	c, err := monitor.NewCapturer(f.d, monitor.CaptureConfig{Ingested: monitor.CaptureIngestedOff, Logger: captureLog()})
	if err != nil {
		t.Fatal(err)
	}
	q, _ := jobs.New(f.d, jobs.Options{Logger: captureLog()})
	t.Cleanup(func() { q.Close() })
	c.SetQueue(q)
	f.ingest(t, `{"id":"f1","platform":"facebook","kind":"post","author":"@Budi.S","url":"https://example.com/f1","created_at":"2024-10-02T19:04:00+07:00","text":"Ayo coblos nomor 2 Untung-Nurul! #UNUR02 Pasti Untung"}`, monitor.FormatJSONL)
	if rep, err := c.Sweep(context.Background()); err != nil || rep.Opened != 0 {
		t.Fatalf("sweep with Ingested off: %+v %v", rep, err)
	}
	if _, err := monitor.NewCapturer(f.d, monitor.CaptureConfig{Ingested: "all"}); err == nil {
		t.Fatal("Ingested \"all\" accepted")
	}
}

func TestPasteChecksAttribution(t *testing.T) {
	f := setup(t)
	c := f.capturer(t, true, nil)
	ctx := context.Background()
	for _, tc := range []struct {
		in     monitor.PasteInput
		reason string
	}{
		{monitor.PasteInput{URL: "https://example.com/a", NIP: "199912312020121001"}, "nip_unknown"},
		{monitor.PasteInput{URL: "https://example.com/a", Account: "instagram:@nobody"}, "account_unknown"},
		{monitor.PasteInput{URL: "https://example.com/a", NIP: f.siti.NIP, Account: "facebook:@budi.s"}, "account_mismatch"},
		{monitor.PasteInput{URL: "https://example.com/a", Note: strings.Repeat("x", 2001)}, "note_too_long"},
		{monitor.PasteInput{URL: "https://example.com/" + strings.Repeat("a", 4000)}, "url_too_long"},
		{monitor.PasteInput{URL: ""}, "url_invalid"},
	} {
		tc.in.InstansiID = f.inst.ID
		_, err := c.Paste(ctx, actor, tc.in)
		var pe *monitor.PasteError
		if !errors.As(err, &pe) || pe.Reason != tc.reason {
			t.Errorf("%+v: %v, want %s", tc.in, err, tc.reason)
		}
	}
	r := f.pasteURL(t, c, monitor.PasteInput{URL: "x.com/siti_aminah/status/1", Account: "https://x.com/siti_aminah"})
	if r.URL != "https://x.com/siti_aminah/status/1" || r.AccountID != f.sitiX.ID || r.EmployeeID != f.siti.ID || r.OPDID != f.opd2.ID {
		t.Fatalf("request = %+v", r)
	}
	noQueue, err := monitor.NewCapturer(f.d, monitor.CaptureConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := noQueue.Paste(ctx, actor, monitor.PasteInput{InstansiID: f.inst.ID, URL: "https://example.com"}); !errors.Is(err, monitor.ErrNoQueue) {
		t.Fatalf("no queue: %v", err)
	}
	// Another instansi's employee is not found.
	_, err = c.Paste(ctx, actor, monitor.PasteInput{InstansiID: f.inst2.ID, URL: "https://example.com", NIP: f.budi.NIP})
	var pe *monitor.PasteError
	if !errors.As(err, &pe) || pe.Reason != "nip_unknown" {
		t.Fatalf("cross-instansi NIP: %v", err)
	}
}

func TestCaptureOfFlaggedRecordWithMetadataURL(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	c := f.capturer(t, false, nil)
	f.ingest(t, `{"id":"m1","platform":"facebook","kind":"post","author":"@Budi.S","created_at":"2024-10-02T19:04:00+07:00","url":"http://169.254.169.254/latest/meta-data/","text":"Ayo coblos nomor 2 Untung-Nurul! #UNUR02 Pasti Untung"}`, monitor.FormatJSONL)
	if rep, err := c.Sweep(ctx); err != nil || rep.Opened != 1 {
		t.Fatalf("sweep: %+v %v", rep, err)
	}
	var id int64
	if err := f.d.QueryRow(ctx, `SELECT id FROM capture_request WHERE origin = 'activity'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	row, err := c.Capture(ctx, id, false)
	if !isJobCancel(err) || row.ErrorKind != "blocked_address" || row.Change != monitor.ChangeFailed || row.ActivityID == 0 {
		t.Fatalf("capture: %v %+v", err, row)
	}
	r, _ := monitor.GetCaptureRequest(ctx, f.d, f.inst.ID, id)
	if r.State != monitor.CaptureFailed {
		t.Fatalf("request = %+v", r)
	}
	// A failed request is neither re-opened nor re-captured.
	if rep, err := c.Sweep(ctx); err != nil || rep.Opened != 0 || rep.Recaptures != 0 {
		t.Fatalf("second sweep: %+v %v", rep, err)
	}
}
