package monitor_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/jobs"
	"github.com/netral-asn/netral/internal/monitor"
)

func TestPurgeNeverFlagged(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	caption := `{"id":"p4","platform":"instagram","kind":"photo","text":"","media_captions":["kucing tidur"]}`
	f.ingest(t, flaggedPilkada+"\n"+plain+"\n"+flaggedPemilu+"\n"+caption, monitor.FormatAuto)
	// Nothing is old enough yet.
	if rep, err := monitor.Purge(ctx, f.d, monitor.DefaultRetention); err != nil || rep.Activities != 0 {
		t.Fatalf("fresh purge: %+v %v", rep, err)
	}
	old := clock.Format(time.Now().Add(-100 * 24 * time.Hour))
	if _, err := f.d.Exec(ctx, `UPDATE activity SET ingested_at = ?`, old); err != nil {
		t.Fatal(err)
	}
	// A record flagged once and unflagged by a re-screen keeps its text.
	v1, _ := monitor.ActiveElections(ctx, f.d, f.inst.ID)
	es, _ := v1.Elections()
	if _, _, err := monitor.ActivateElections(ctx, f.d, actor, f.inst.ID, es[:1], "pemilu.json"); err != nil {
		t.Fatal(err)
	}
	if _, err := monitor.Rescreen(ctx, f.d, f.inst.ID, monitor.RescreenOptions{Actor: actor}); err != nil {
		t.Fatal(err)
	}
	if a := f.get(t, "facebook", "a1"); a.Flagged {
		t.Fatal("a1 still flagged")
	}
	// A longer period purges nothing; the default purges a2 and p4.
	if rep, err := monitor.Purge(ctx, f.d, 120*24*time.Hour); err != nil || rep.Activities != 0 {
		t.Fatalf("120-day purge: %+v %v", rep, err)
	}
	pr, err := monitor.Purge(ctx, f.d, monitor.DefaultRetention)
	if err != nil || pr.Activities != 2 || pr.Captures != 0 {
		t.Fatalf("purge: %+v %v", pr, err)
	}
	for _, c := range []struct {
		platform, id string
		purged       bool
	}{{"facebook", "a1", false}, {"facebook", "a2", true}, {"x", "a3", false}, {"instagram", "p4", true}} {
		a := f.get(t, c.platform, c.id)
		gone := a.Text == nil && a.ContextText == nil && a.MediaCaptions == nil
		if gone != c.purged || a.PurgedAt.IsZero() == c.purged {
			t.Errorf("%s: purged %v (at %v), want %v", c.id, gone, a.PurgedAt, c.purged)
		}
		if a.Screening == nil || (c.id != "p4" && a.Author == "") {
			t.Errorf("%s: screening or author lost", c.id)
		}
	}
	if n := f.count(t, `SELECT COUNT(*) FROM activity`); n != 4 {
		t.Fatalf("%d activities left", n)
	}
	if rep, err := monitor.Purge(ctx, f.d, monitor.DefaultRetention); err != nil || rep.Activities != 0 {
		t.Fatalf("second purge: %+v %v", rep, err)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'activity.purge'`); n != 1 {
		t.Fatalf("%d purge audit entries", n)
	}
	// Purged records are skipped by a re-screen.
	if _, _, err := monitor.ActivateElections(ctx, f.d, actor, f.inst.ID, es, "all.json"); err != nil {
		t.Fatal(err)
	}
	rep, err := monitor.Rescreen(ctx, f.d, f.inst.ID, monitor.RescreenOptions{Actor: actor})
	if err != nil || rep.Screened != 2 || rep.Skipped != 2 {
		t.Fatalf("rescreen after purge: %+v %v", rep, err)
	}
}

// innocentPage is a page whose text nobody flags.
const innocentPage = `<!doctype html><html><head><title>Resep sayur asem</title>
<meta property="og:description" content="Resep sayur asem ala ibu, segar untuk makan siang keluarga.">
</head><body><article><p>Resep sayur asem ala ibu, segar dan cocok untuk makan siang keluarga.</p></article></body></html>`

// captureOf stores a capture of a pasted URL through the capturer (no
// queue runs: the job is called directly) and returns its request.
func (f *fixture) captureOf(t *testing.T, c *monitor.Capturer, url string) monitor.CaptureRequest {
	t.Helper()
	ctx := context.Background()
	req := f.pasteURL(t, c, monitor.PasteInput{URL: url, NIP: f.budi.NIP})
	if _, err := c.Capture(ctx, req.ID, false); err != nil {
		t.Fatalf("capture %s: %v", url, err)
	}
	r, err := monitor.GetCaptureRequest(ctx, f.d, f.inst.ID, req.ID)
	if err != nil || r.Captures != 1 || r.ActivityID == 0 {
		t.Fatalf("request after capture: %+v %v", r, err)
	}
	return r
}

func TestPurgeCaptures(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	srv := newCaptureSite(t)
	srv.set(200, innocentPage)
	c := f.capturer(t, true, nil)
	plainReq := f.captureOf(t, c, srv.URL+"/resep/1")  // never flagged: purged with its activity
	reported := f.captureOf(t, c, srv.URL+"/resep/2")  // evidence of a public report: kept
	srv.set(200, capturePostPage)                      //
	flaggedReq := f.captureOf(t, c, srv.URL+"/budi/1") // flagged: kept
	if a, _ := monitor.Get(ctx, f.d, f.inst.ID, flaggedReq.ActivityID); !a.Flagged {
		t.Fatal("the partisan page was not flagged")
	}
	if a, _ := monitor.Get(ctx, f.d, f.inst.ID, plainReq.ActivityID); a.Flagged {
		t.Fatal("the innocent page was flagged")
	}
	now := clock.Format(time.Now())
	err := f.d.InTx(ctx, func(tx *db.Tx) error {
		var reportID int64
		if err := tx.QueryRow(ctx, `INSERT INTO public_report (instansi_id, receipt, secret_hash, description, identity,
			channel, submission_sha256, created_at, updated_at, status_changed_at)
			VALUES (?, 'NTR-TEST-0001', 'x', 'laporan', 'anonymous', 'web', 'x', ?, ?, ?) RETURNING id`,
			f.inst.ID, now, now, now).Scan(&reportID); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO public_report_link (report_id, instansi_id, url, capture_request_id, created_at)
			VALUES (?, ?, ?, ?, ?)`, reportID, f.inst.ID, reported.URL, reported.ID, now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	before := map[int64]monitor.CaptureRecord{}
	for _, r := range []monitor.CaptureRequest{plainReq, reported, flaggedReq} {
		cp, err := monitor.GetCapture(ctx, f.d, f.inst.ID, r.LatestID)
		if err != nil || cp.Body == nil || cp.Text == "" || cp.SHA256 == "" {
			t.Fatalf("capture %d before the purge: %+v %v", r.LatestID, cp, err)
		}
		before[r.ID] = cp
	}
	old := clock.Format(time.Now().Add(-100 * 24 * time.Hour))
	if _, err := f.d.Exec(ctx, `UPDATE activity SET ingested_at = ?`, old); err != nil {
		t.Fatal(err)
	}
	rep, err := monitor.Purge(ctx, f.d, monitor.DefaultRetention)
	if err != nil || rep.Activities != 1 || rep.Captures != 1 {
		t.Fatalf("purge: %+v %v", rep, err)
	}
	for _, r := range []monitor.CaptureRequest{plainReq, reported, flaggedReq} {
		purged := r.ID == plainReq.ID
		cp, err := monitor.GetCapture(ctx, f.d, f.inst.ID, r.LatestID)
		if err != nil {
			t.Fatal(err)
		}
		b := before[r.ID]
		if gone := cp.Body == nil && cp.Text == "" && cp.Title == "" && len(cp.OpenGraph) == 0 && len(cp.Headers) == 0; gone != purged ||
			cp.PurgedAt.IsZero() == purged {
			t.Errorf("request %d: body %d bytes, text %q, purged at %v; want purged %v", r.ID, len(cp.Body), cp.Text,
				cp.PurgedAt, purged)
		}
		// The facts stay.
		if cp.SHA256 != b.SHA256 || cp.TextHash != b.TextHash || !cp.FetchedAt.Equal(b.FetchedAt) || cp.Status != b.Status ||
			cp.RequestedURL != b.RequestedURL || cp.Change != b.Change || cp.ContentType != b.ContentType {
			t.Errorf("request %d: facts changed: %+v, was %+v", r.ID, cp, b)
		}
		a, err := monitor.Get(ctx, f.d, f.inst.ID, r.ActivityID)
		if err != nil || a.PurgedAt.IsZero() == purged {
			t.Errorf("activity %d: purged at %v (%v), want purged %v", r.ActivityID, a.PurgedAt, err, purged)
		}
		q, _ := monitor.GetCaptureRequest(ctx, f.d, f.inst.ID, r.ID)
		if stopped := !q.RecaptureUntil.After(time.Now()); stopped != purged {
			t.Errorf("request %d: re-captured until %v, want stopped %v", r.ID, q.RecaptureUntil, purged)
		}
	}
	// Only the purge's own update passes the capture table's guard, once.
	id := plainReq.LatestID
	for _, q := range []string{
		`UPDATE capture SET sha256 = 'x' WHERE id = ?`,
		`UPDATE capture SET purged_at = '2030-01-01T00:00:00.000Z' WHERE id = ?`,
		`UPDATE capture SET body = NULL, text = '', title = '', og_json = '', headers_json = '',
			purged_at = '2030-01-01T00:00:00.000Z' WHERE id = ?`,
		`DELETE FROM capture WHERE id = ?`,
	} {
		if _, err := f.d.Exec(ctx, q, id); err == nil || !strings.Contains(err.Error(), "immutable") {
			t.Errorf("%s on a purged capture: %v", q, err)
		}
	}
	kept := flaggedReq.LatestID
	for _, q := range []string{
		`UPDATE capture SET sha256 = 'x' WHERE id = ?`,
		`UPDATE capture SET body = NULL, text = '', title = '', og_json = '', headers_json = '',
			purged_at = '2030-01-01T00:00:00.000Z', status = 500 WHERE id = ?`,
		`UPDATE capture SET text = '', purged_at = '2030-01-01T00:00:00.000Z' WHERE id = ?`,
	} {
		if _, err := f.d.Exec(ctx, q, kept); err == nil || !strings.Contains(err.Error(), "immutable") {
			t.Errorf("%s: %v", q, err)
		}
	}
	if n := f.count(t, `SELECT COUNT(*) FROM capture`); n != 3 {
		t.Fatalf("%d captures left", n)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'activity.purge'`); n != 1 {
		t.Fatalf("%d purge audit entries", n)
	}
	if rep, err := monitor.Purge(ctx, f.d, monitor.DefaultRetention); err != nil || rep != (monitor.PurgeReport{}) {
		t.Fatalf("second purge: %+v %v", rep, err)
	}
}

// TestPurgeJob runs the purge as serve does: a periodic job of the queue,
// once at start.
func TestPurgeJob(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	f.ingest(t, flaggedPilkada+"\n"+plain, monitor.FormatAuto)
	old := clock.Format(time.Now().Add(-40 * 24 * time.Hour))
	if _, err := f.d.Exec(ctx, `UPDATE activity SET ingested_at = ?`, old); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	p := monitor.NewPurger(f.d, log, 30*24*time.Hour)
	w := jobs.NewWorkers()
	p.Register(w)
	q, err := jobs.New(f.d, jobs.Options{Workers: w, PeriodicJobs: []*jobs.PeriodicJob{p.PeriodicJob()},
		FetchCooldown: time.Millisecond, FetchPollInterval: 20 * time.Millisecond, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = q.Stop(sctx)
		q.Close()
	})
	deadline := time.Now().Add(20 * time.Second)
	for {
		if a := f.get(t, "facebook", "a2"); !a.PurgedAt.IsZero() {
			if a.Text != nil {
				t.Fatal("purged but the text is still there")
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the purge job did not purge the 40-day-old record")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if a := f.get(t, "facebook", "a1"); !a.PurgedAt.IsZero() || a.Text == nil {
		t.Fatal("the flagged record was purged")
	}
}
