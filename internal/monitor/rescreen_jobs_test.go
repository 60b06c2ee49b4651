package monitor_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/jobs"
	"github.com/netral-asn/netral/internal/monitor"
)

// TestRescreenJobUniquePerInstansi enqueues on an insert-only queue: one
// job per instansi while it is queued, the status says so, and without a
// queue Enqueue fails with ErrNoQueue.
func TestRescreenJobUniquePerInstansi(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	r := monitor.NewRescreener(f.d, captureLog())
	if _, err := r.Enqueue(ctx, f.inst.ID, actor); !errors.Is(err, monitor.ErrNoQueue) {
		t.Fatalf("enqueue without a queue: %v", err)
	}
	var nilR *monitor.Rescreener
	if nilR.HasQueue() {
		t.Fatal("a nil Rescreener has a queue")
	}
	q, err := jobs.New(f.d, jobs.Options{Logger: captureLog()}) // insert-only
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	r.SetQueue(q)
	if st, err := monitor.RescreenStatus(ctx, f.d, f.inst.ID); err != nil || st != "" {
		t.Fatalf("status before: %q %v", st, err)
	}
	if ok, err := r.Enqueue(ctx, f.inst.ID, audit.Actor{UserID: 7, Name: "ketua"}); err != nil || !ok {
		t.Fatalf("first enqueue: %v %v", ok, err)
	}
	// Another user asking again while it is queued inserts nothing.
	if ok, err := r.Enqueue(ctx, f.inst.ID, audit.Actor{UserID: 8, Name: "admin"}); err != nil || ok {
		t.Fatalf("second enqueue: %v %v, want false", ok, err)
	}
	if ok, err := r.Enqueue(ctx, f.inst2.ID, actor); err != nil || !ok {
		t.Fatalf("enqueue for the other instansi: %v %v", ok, err)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM river_job WHERE kind = 'rescreen'`); n != 2 {
		t.Fatalf("%d rescreen jobs, want 2", n)
	}
	if st, err := monitor.RescreenStatus(ctx, f.d, f.inst.ID); err != nil || st != monitor.RescreenQueued {
		t.Fatalf("status: %q %v", st, err)
	}
	if st, err := monitor.RescreenStatus(ctx, f.d, f.inst2.ID+1000); err != nil || st != "" {
		t.Fatalf("status of an unknown instansi: %q %v", st, err)
	}
}

// TestRescreenJobWorks runs a re-screen through a started queue after a
// lexicon change: the new results are stored beside the old ones, the flag
// moves, and the audit entry names the user who asked.
func TestRescreenJobWorks(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	f.ingest(t, flaggedPilkada+"\n"+plain+"\n"+flaggedPemilu, monitor.FormatAuto)
	v1, err := monitor.ActiveElections(ctx, f.d, f.inst.ID)
	if err != nil {
		t.Fatal(err)
	}
	es, _ := v1.Elections()
	v2, _, err := monitor.ActivateElections(ctx, f.d, actor, f.inst.ID, es[:1], "pemilu-only.json")
	if err != nil {
		t.Fatal(err)
	}

	r := monitor.NewRescreener(f.d, captureLog())
	w := jobs.NewWorkers()
	r.Register(w)
	q, err := jobs.New(f.d, jobs.Options{Workers: w, FetchCooldown: time.Millisecond, FetchPollInterval: 20 * time.Millisecond,
		Logger: captureLog()})
	if err != nil {
		t.Fatal(err)
	}
	r.SetQueue(q)
	events, cancel := q.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed, river.EventKindJobCancelled)
	defer cancel()
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	if ok, err := r.Enqueue(ctx, f.inst.ID, audit.Actor{UserID: 42, Name: "ketua_tim", InstansiID: f.inst.ID}); err != nil || !ok {
		t.Fatalf("enqueue: %v %v", ok, err)
	}
	select {
	case ev := <-events:
		if ev.Kind != river.EventKindJobCompleted || ev.Job.Kind != "rescreen" {
			t.Fatalf("job %s: %s: %v", ev.Job.Kind, ev.Kind, ev.Job.Errors)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the re-screen job did not complete")
	}
	a1 := f.get(t, "facebook", "a1")
	if a1.Flagged || a1.Screening == nil || a1.Screening.LexiconVersion != v2.Lexicon {
		t.Fatalf("a1 after the job: flagged %v, %+v", a1.Flagged, a1.Screening)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM activity_screening WHERE election_version = ?`, v2.Version); n != 3 {
		t.Fatalf("%d results with version %d, want 3", n, v2.Version)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM activity_screening WHERE election_version = ?`, v1.Version); n != 3 {
		t.Fatalf("%d results with version %d kept, want 3", n, v1.Version)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'activity.rescreen' AND actor = 'ketua_tim' AND actor_id = 42`); n != 1 {
		t.Fatalf("%d rescreen audit entries by the requesting user, want 1", n)
	}
	if st, err := monitor.RescreenStatus(ctx, f.d, f.inst.ID); err != nil || st != "" {
		t.Fatalf("status after: %q %v", st, err)
	}
}

// TestRescreenerRunFollowsNewVersions: Run screens with the newest version
// and reports it.
func TestRescreenerRunFollowsNewVersions(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	f.ingest(t, flaggedPilkada+"\n"+plain, monitor.FormatAuto)
	v1, _ := monitor.ActiveElections(ctx, f.d, f.inst.ID)
	es, _ := v1.Elections()
	v2, _, err := monitor.ActivateElections(ctx, f.d, actor, f.inst.ID, es[:1], "pemilu-only.json")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := monitor.NewRescreener(f.d, nil).Run(ctx, f.inst.ID, actor)
	if err != nil || rep.ElectionVersion != v2.Version || rep.Screened != 2 || rep.Changed != 1 {
		t.Fatalf("Run: %+v %v", rep, err)
	}
	// An unknown instansi is an error that says so.
	if _, err := monitor.NewRescreener(f.d, nil).Run(ctx, f.inst2.ID+1000, actor); err == nil {
		t.Fatal("Run of an unknown instansi succeeded")
	}
}
