package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river/rivertype"

	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/db/dbtest"
	"github.com/netral-asn/netral/internal/jobs"
)

// The kinds of job used by the tests.

type noteArgs struct {
	N int `json:"n"`
}

func (noteArgs) Kind() string { return "test_note" }

// flakyArgs fails its first Fail attempts; MaxAttempts 3 for the kind.
type flakyArgs struct {
	Fail int `json:"fail"`
}

func (flakyArgs) Kind() string { return "test_flaky" }

func (flakyArgs) InsertOpts() jobs.InsertOpts { return jobs.InsertOpts{MaxAttempts: 3} }

// doomedArgs always fails; MaxAttempts 2 for the kind.
type doomedArgs struct{}

func (doomedArgs) Kind() string { return "test_doomed" }

func (doomedArgs) InsertOpts() jobs.InsertOpts { return jobs.InsertOpts{MaxAttempts: 2} }

// pollFeedArgs is unique while active: one "poll feed X" at a time.
type pollFeedArgs struct {
	FeedID int64 `json:"feed_id"`
}

func (pollFeedArgs) Kind() string { return "test_poll_feed" }

func (pollFeedArgs) InsertOpts() jobs.InsertOpts {
	return jobs.InsertOpts{UniqueOpts: jobs.UniqueWhileActive()}
}

type tickArgs struct{}

func (tickArgs) Kind() string { return "test_tick" }

// unknownArgs has no worker.
type unknownArgs struct{}

func (unknownArgs) Kind() string { return "test_unknown" }

// recorder collects what workers saw.
type recorder struct {
	mu   sync.Mutex
	seen map[string][]int
}

func (r *recorder) add(kind string, v int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.seen == nil {
		r.seen = map[string][]int{}
	}
	r.seen[kind] = append(r.seen[kind], v)
}

func (r *recorder) count(kind string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.seen[kind])
}

// testWorkers registers a worker for every test kind.
func testWorkers(r *recorder, d *db.DB) *jobs.Workers {
	w := jobs.NewWorkers()
	jobs.AddWorker(w, jobs.WorkFunc(func(ctx context.Context, j *jobs.Job[noteArgs]) error {
		if j.Args.N < 0 {
			// Inserted by InsertTx together with instansi -N: the job must
			// see the committed row.
			var n int
			code := fmt.Sprint(-j.Args.N)
			if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM instansi WHERE code = ?`, code).Scan(&n); err != nil {
				return err
			}
			if n != 1 {
				return fmt.Errorf("instansi %s not visible to the job", code)
			}
		}
		r.add("note", j.Args.N)
		return nil
	}))
	jobs.AddWorker(w, jobs.WorkFunc(func(ctx context.Context, j *jobs.Job[flakyArgs]) error {
		r.add("flaky", j.Attempt)
		if j.Attempt <= j.Args.Fail {
			return fmt.Errorf("flaky failure %d", j.Attempt)
		}
		return nil
	}))
	jobs.AddWorker(w, jobs.WorkFunc(func(ctx context.Context, j *jobs.Job[doomedArgs]) error {
		r.add("doomed", j.Attempt)
		return errors.New("doomed")
	}))
	jobs.AddWorker(w, jobs.WorkFunc(func(ctx context.Context, j *jobs.Job[pollFeedArgs]) error {
		r.add("poll", int(j.Args.FeedID))
		return nil
	}))
	jobs.AddWorker(w, jobs.WorkFunc(func(ctx context.Context, j *jobs.Job[tickArgs]) error {
		r.add("tick", 1)
		return nil
	}))
	return w
}

// testLogger discards River's logs unless NETRAL_TEST_JOBS_LOG is set.
func testLogger() *slog.Logger {
	if os.Getenv("NETRAL_TEST_JOBS_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.DiscardHandler)
}

// newQueue returns a queue on d with short fetch intervals, closed at the end
// of the test.
func newQueue(t testing.TB, d *db.DB, opts jobs.Options) *jobs.Queue {
	t.Helper()
	if opts.FetchCooldown == 0 {
		opts.FetchCooldown = time.Millisecond
	}
	if opts.FetchPollInterval == 0 {
		opts.FetchPollInterval = 20 * time.Millisecond
	}
	if opts.Logger == nil {
		opts.Logger = testLogger()
	}
	q, err := jobs.New(d, jobs.ForTests(opts))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := q.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return q
}

func start(t testing.TB, q *jobs.Queue) {
	t.Helper()
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// waitFor polls cond every 10 ms until it holds or timeout passes.
func waitFor(t testing.TB, timeout time.Duration, what string, cond func() (bool, error)) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ok, err := cond()
		if err != nil {
			t.Fatalf("waiting for %s: %v", what, err)
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", timeout, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitState waits until job id is in state.
func waitState(t testing.TB, q *jobs.Queue, id int64, state rivertype.JobState, timeout time.Duration) *jobs.JobRow {
	t.Helper()
	var row *jobs.JobRow
	waitFor(t, timeout, fmt.Sprintf("job %d %s", id, state), func() (bool, error) {
		var err error
		row, err = q.JobGet(context.Background(), id)
		return err == nil && row.State == state, err
	})
	return row
}

func countJobs(t testing.TB, d *db.DB, kind string) int {
	t.Helper()
	var n int
	if err := d.QueryRow(context.Background(), `SELECT COUNT(*) FROM river_job WHERE kind = ?`, kind).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestMigrateIsIdempotent(t *testing.T) {
	t.Parallel()
	d := dbtest.Open(t) // has run jobs.Migrate once
	for range 2 {
		if err := jobs.Migrate(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	if n := countJobs(t, d, "x"); n != 0 {
		t.Fatalf("river_job has %d rows", n)
	}
}

func TestWorkerProcessesJobs(t *testing.T) {
	t.Parallel()
	d := dbtest.Open(t)
	r := &recorder{}
	q := newQueue(t, d, jobs.Options{Workers: testWorkers(r, d)})
	start(t, q)
	ctx := context.Background()
	var ids []int64
	for i := 1; i <= 20; i++ {
		res, err := q.Insert(ctx, noteArgs{N: i}, nil)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.Job.ID)
	}
	for _, id := range ids {
		waitState(t, q, id, rivertype.JobStateCompleted, 10*time.Second)
	}
	if got := r.count("note"); got != 20 {
		t.Fatalf("worked %d jobs, want 20", got)
	}
}

func TestFailingJobsAreRetriedWithBackoff(t *testing.T) {
	t.Parallel()
	d := dbtest.Open(t)
	r := &recorder{}
	q := newQueue(t, d, jobs.Options{Workers: testWorkers(r, d)})
	start(t, q)
	ctx := context.Background()
	flaky, err := q.Insert(ctx, flakyArgs{Fail: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	doomed, err := q.Insert(ctx, doomedArgs{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if flaky.Job.MaxAttempts != 3 || doomed.Job.MaxAttempts != 2 {
		t.Fatalf("per-kind MaxAttempts: flaky %d doomed %d", flaky.Job.MaxAttempts, doomed.Job.MaxAttempts)
	}

	// River's default back-off: about 1 s (1⁴ s ± 10 %) before attempt 2.
	row := waitState(t, q, flaky.Job.ID, rivertype.JobStateCompleted, 10*time.Second)
	if row.Attempt != 2 || len(row.Errors) != 1 {
		t.Fatalf("flaky: attempt %d, %d errors", row.Attempt, len(row.Errors))
	}
	row = waitState(t, q, doomed.Job.ID, rivertype.JobStateDiscarded, 10*time.Second)
	if row.Attempt != 2 || len(row.Errors) != 2 || row.Errors[1].Error != "doomed" {
		t.Fatalf("doomed: attempt %d, errors %+v", row.Attempt, row.Errors)
	}
	if gap := row.Errors[1].At.Sub(row.Errors[0].At); gap < 800*time.Millisecond {
		t.Fatalf("retried after %v: no back-off", gap)
	}
	if r.count("doomed") != 2 {
		t.Fatalf("doomed worked %d times", r.count("doomed"))
	}
}

func TestInsertTx(t *testing.T) {
	t.Parallel()
	d := dbtest.Open(t)
	r := &recorder{}
	q := newQueue(t, d, jobs.Options{Workers: testWorkers(r, d)})
	start(t, q)
	ctx := context.Background()
	addInstansi := func(tx *db.Tx, code string) error {
		_, err := tx.Exec(ctx, `INSERT INTO instansi (code, name, kind, created_at) VALUES (?, ?, ?, ?)`,
			code, "Test "+code, "pemda", "2024-01-01T00:00:00.000Z")
		return err
	}

	// Rolled back: neither the row nor the job.
	boom := errors.New("boom")
	err := d.InTx(ctx, func(tx *db.Tx) error {
		if err := addInstansi(tx, "91"); err != nil {
			return err
		}
		res, err := q.InsertTx(ctx, tx, noteArgs{N: -91}, nil)
		if err != nil {
			return err
		}
		if res.Job.ID == 0 {
			t.Error("no job id")
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("InTx: %v", err)
	}
	if n := countJobs(t, d, "test_note"); n != 0 {
		t.Fatalf("%d jobs after rollback", n)
	}

	// An insert that fails before any SQL (unknown kind) leaves the
	// transaction usable.
	var id int64
	err = d.InTx(ctx, func(tx *db.Tx) error {
		if _, err := q.InsertTx(ctx, tx, unknownArgs{}, nil); err == nil {
			t.Error("InsertTx of a kind without worker succeeded")
		}
		if err := addInstansi(tx, "92"); err != nil {
			return err
		}
		res, err := q.InsertTx(ctx, tx, noteArgs{N: -92}, nil)
		if err != nil {
			return err
		}
		id = res.Job.ID
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	waitState(t, q, id, rivertype.JobStateCompleted, 10*time.Second)
	if n := countJobs(t, d, "test_note"); n != 1 {
		t.Fatalf("%d jobs after commit, want 1", n)
	}
	if r.count("note") != 1 {
		t.Fatalf("worked %d note jobs", r.count("note"))
	}
}

func TestPeriodicJobFires(t *testing.T) {
	t.Parallel()
	d := dbtest.Open(t)
	r := &recorder{}
	q := newQueue(t, d, jobs.Options{
		Workers: testWorkers(r, d),
		PeriodicJobs: []*jobs.PeriodicJob{
			jobs.Every(time.Second, func() (jobs.Args, *jobs.InsertOpts) { return tickArgs{}, nil }, true),
		},
	})
	start(t, q)
	waitFor(t, 10*time.Second, "two ticks", func() (bool, error) { return r.count("tick") >= 2, nil })
}

// TestJobSurvivesRestart inserts jobs with one queue that never starts, drops
// it and the database handle, and works them from a new handle and queue —
// as after a crash or a redeploy.
func TestJobSurvivesRestart(t *testing.T) {
	t.Parallel()
	d := dbtest.Open(t)
	ctx := context.Background()
	r := &recorder{}
	q1, err := jobs.New(d, jobs.Options{Workers: testWorkers(r, d), Logger: testLogger()})
	if err != nil {
		t.Fatal(err)
	}
	res, err := q1.Insert(ctx, noteArgs{N: 7}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// A queue that ran and stopped leaves waiting jobs alone too.
	start(t, q1)
	if err := q1.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if err := q1.Close(); err != nil {
		t.Fatal(err)
	}
	// The job may have run during the short life of q1; insert one more
	// with the queue stopped, which certainly did not.
	ins, err := jobs.New(d, jobs.Options{Logger: testLogger()}) // insert-only
	if err != nil {
		t.Fatal(err)
	}
	late, err := ins.Insert(ctx, noteArgs{N: 8}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ins.Close()

	d2, err := db.Open(ctx, d.DSN())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d2.Close() })
	if err := d2.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := jobs.Migrate(ctx, d2); err != nil {
		t.Fatal(err)
	}
	q2 := newQueue(t, d2, jobs.Options{Workers: testWorkers(r, d2)})
	start(t, q2)
	waitState(t, q2, res.Job.ID, rivertype.JobStateCompleted, 10*time.Second)
	waitState(t, q2, late.Job.ID, rivertype.JobStateCompleted, 10*time.Second)
	if r.count("note") != 2 {
		t.Fatalf("worked %d jobs, want 2 (each once)", r.count("note"))
	}
}

func TestUniqueJobsDedupe(t *testing.T) {
	t.Parallel()
	d := dbtest.Open(t)
	r := &recorder{}
	q := newQueue(t, d, jobs.Options{Workers: testWorkers(r, d)})
	ctx := context.Background()

	first, err := q.Insert(ctx, pollFeedArgs{FeedID: 1}, nil)
	if err != nil || first.UniqueSkippedAsDuplicate {
		t.Fatalf("first insert: %+v, %v", first, err)
	}
	dup, err := q.Insert(ctx, pollFeedArgs{FeedID: 1}, nil)
	if err != nil || !dup.UniqueSkippedAsDuplicate || dup.Job.ID != first.Job.ID {
		t.Fatalf("duplicate insert: %+v, %v", dup, err)
	}
	// Inside a transaction too.
	err = d.InTx(ctx, func(tx *db.Tx) error {
		res, err := q.InsertTx(ctx, tx, pollFeedArgs{FeedID: 1}, nil)
		if err != nil {
			return err
		}
		if !res.UniqueSkippedAsDuplicate || res.Job.ID != first.Job.ID {
			t.Errorf("duplicate InsertTx: skipped %v id %d", res.UniqueSkippedAsDuplicate, res.Job.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	other, err := q.Insert(ctx, pollFeedArgs{FeedID: 2}, nil)
	if err != nil || other.UniqueSkippedAsDuplicate {
		t.Fatalf("other feed: %+v, %v", other, err)
	}
	if n := countJobs(t, d, "test_poll_feed"); n != 2 {
		t.Fatalf("%d poll jobs, want 2", n)
	}

	// Once the job is done, the feed can be polled again.
	start(t, q)
	waitState(t, q, first.Job.ID, rivertype.JobStateCompleted, 10*time.Second)
	again, err := q.Insert(ctx, pollFeedArgs{FeedID: 1}, nil)
	if err != nil || again.UniqueSkippedAsDuplicate || again.Job.ID == first.Job.ID {
		t.Fatalf("insert after completion: %+v, %v", again, err)
	}
	waitState(t, q, again.Job.ID, rivertype.JobStateCompleted, 10*time.Second)
}

func TestInsertOnlyQueue(t *testing.T) {
	t.Parallel()
	d := dbtest.Open(t)
	q := newQueue(t, d, jobs.Options{})
	if err := q.Start(context.Background()); !errors.Is(err, jobs.ErrNoWorkers) {
		t.Fatalf("Start = %v, want ErrNoWorkers", err)
	}
	res, err := q.Insert(context.Background(), unknownArgs{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Job.State != rivertype.JobStateAvailable || res.Job.Kind != "test_unknown" {
		t.Fatalf("inserted %+v", res.Job)
	}
	if _, err := jobs.New(d, jobs.Options{Queues: map[string]int{"x": 1}}); err == nil {
		t.Fatal("Queues without Workers accepted")
	}
}

// TestPgxBridgeSavepoints checks the pgx.Tx that InsertTx hands River on
// PostgreSQL: its statements run in the caller's transaction, nested
// transactions are savepoints, and it refuses to end the caller's transaction.
func TestPgxBridgeSavepoints(t *testing.T) {
	t.Parallel()
	d := dbtest.Open(t)
	if d.Engine() != db.Postgres {
		t.Skip("PostgreSQL only")
	}
	ctx := context.Background()
	ins := `INSERT INTO instansi (code, name, kind, created_at) VALUES ($1, 'x', 'pemda', '2024-01-01T00:00:00.000Z')`
	boom := errors.New("boom")
	for _, commit := range []bool{false, true} {
		err := d.InTx(ctx, func(tx *db.Tx) error {
			if _, err := tx.Exec(ctx, `INSERT INTO instansi (code, name, kind, created_at) VALUES ('81', 'x', 'pemda', 'now')`); err != nil {
				return err
			}
			err := jobs.WithPgxTx(ctx, tx.Tx, func(ptx pgx.Tx) error {
				if ptx.Commit(ctx) == nil || ptx.Rollback(ctx) == nil {
					t.Error("the borrowed transaction could be ended")
				}
				sp, err := ptx.Begin(ctx)
				if err != nil {
					return err
				}
				if _, err := sp.Exec(ctx, ins, "82"); err != nil {
					return err
				}
				if err := sp.Rollback(ctx); err != nil {
					return err
				}
				sp, err = ptx.Begin(ctx)
				if err != nil {
					return err
				}
				if _, err := sp.Exec(ctx, ins, "83"); err != nil {
					return err
				}
				return sp.Commit(ctx)
			})
			if err != nil {
				return err
			}
			// The caller's transaction goes on.
			if _, err := tx.Exec(ctx, `INSERT INTO instansi (code, name, kind, created_at) VALUES ('84', 'x', 'pemda', 'now')`); err != nil {
				return err
			}
			if !commit {
				return boom
			}
			return nil
		})
		if commit && err != nil || !commit && !errors.Is(err, boom) {
			t.Fatalf("commit=%v: %v", commit, err)
		}
		var codes []string
		rows, err := d.Query(ctx, `SELECT code FROM instansi WHERE code IN ('81','82','83','84') ORDER BY code`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				t.Fatal(err)
			}
			codes = append(codes, c)
		}
		rows.Close()
		want := ""
		if commit {
			want = "81 83 84"
		}
		if got := strings.Join(codes, " "); got != want {
			t.Fatalf("commit=%v: rows %q, want %q", commit, got, want)
		}
	}
}

// TestConcurrentMigrate starts River's migrations from several "nodes" at
// once on a fresh PostgreSQL database: the advisory lock serialises them.
func TestConcurrentMigrate(t *testing.T) {
	t.Parallel()
	if os.Getenv(dbtest.EnvPostgres) == "" {
		t.Skip("PostgreSQL only")
	}
	ctx := context.Background()
	dsn := dbtest.DSN(t)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			d, err := db.Open(ctx, dsn)
			if err != nil {
				errs <- err
				return
			}
			defer d.Close()
			errs <- jobs.Migrate(ctx, d)
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}
