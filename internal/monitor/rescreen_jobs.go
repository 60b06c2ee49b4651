package monitor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"time"

	"github.com/riverqueue/river"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/jobs"
)

// Re-screening after a lexicon change runs as a durable job of its own kind,
// "rescreen" {instansi_id}: it runs [Rescreen] for the instansi, which stores
// new results beside the old ones and moves the activities' flags. At most
// one is queued or running per instansi; when the active election version
// changes while it runs, the job screens again with the newer version before
// it finishes, so a change made meanwhile is never left unscreened. A job
// that fails (the database went away) is retried and continues where it
// stopped: activities already screened with the version are skipped.

// Retry and time limits of [RescreenJob].
const (
	// RescreenMaxAttempts is how often a re-screen job is tried.
	RescreenMaxAttempts = 5
	// RescreenTimeout bounds one attempt; a retry continues the work.
	RescreenTimeout = 6 * time.Hour
	// rescreenRounds bounds how often one job screens again because the
	// active version changed while it ran.
	rescreenRounds = 5
)

// RescreenJob is the job "screen the stored activities of an instansi again
// with its active election version". Only InstansiID makes it unique: a
// second request while one is queued or running inserts nothing.
type RescreenJob struct {
	InstansiID int64 `json:"instansi_id" river:"unique"`
	// UserID and Username say who asked; the audit entry of the re-screen
	// names them.
	UserID   int64  `json:"user_id,omitempty"`
	Username string `json:"username,omitempty"`
}

// Kind names the kind of job.
func (RescreenJob) Kind() string { return "rescreen" }

// InsertOpts: one per instansi while queued or running, RescreenMaxAttempts attempts.
func (RescreenJob) InsertOpts() jobs.InsertOpts {
	return jobs.InsertOpts{MaxAttempts: RescreenMaxAttempts, UniqueOpts: jobs.UniqueWhileActive()}
}

// Rescreener enqueues and works [RescreenJob]s. Make one with
// [NewRescreener], register its worker with [Rescreener.Register] and give
// it the queue with [Rescreener.SetQueue] before the queue starts.
type Rescreener struct {
	d       *db.DB
	log     *slog.Logger
	queue   *jobs.Queue
	workers int
}

// NewRescreener returns a Rescreener over d. Its jobs screen on all cores
// but one (at least one), so that the server stays responsive; log nil
// means slog.Default.
func NewRescreener(d *db.DB, log *slog.Logger) *Rescreener {
	if log == nil {
		log = slog.Default()
	}
	return &Rescreener{d: d, log: log, workers: max(1, runtime.GOMAXPROCS(0)-1)}
}

// Register adds the re-screen worker to w.
func (r *Rescreener) Register(w *jobs.Workers) { jobs.AddWorker(w, &rescreenWorker{r: r}) }

// SetQueue gives the Rescreener the queue its jobs are inserted into.
func (r *Rescreener) SetQueue(q *jobs.Queue) { r.queue = q }

// HasQueue reports whether jobs can be enqueued ([Rescreener.Enqueue]); a
// nil Rescreener has none.
func (r *Rescreener) HasQueue() bool { return r != nil && r.queue != nil }

// Enqueue asks for a re-screen of an instansi's activities by actor. It
// reports false when one is already queued or running (that one picks up
// the newest version, see [RescreenJob]); without a queue it returns
// [ErrNoQueue].
func (r *Rescreener) Enqueue(ctx context.Context, instansiID int64, actor audit.Actor) (bool, error) {
	if !r.HasQueue() {
		return false, ErrNoQueue
	}
	res, err := r.queue.Insert(ctx, RescreenJob{InstansiID: instansiID, UserID: actor.UserID, Username: actor.Name}, nil)
	if err != nil {
		return false, fmt.Errorf("enqueue re-screen of instansi %d: %w", instansiID, err)
	}
	return !res.UniqueSkippedAsDuplicate, nil
}

// Run screens the instansi's activities again now, in the caller's
// goroutine, as a [RescreenJob] would: again while the active version
// changes under it (at most a few rounds). It returns the report of the
// last round.
func (r *Rescreener) Run(ctx context.Context, instansiID int64, actor audit.Actor) (RescreenReport, error) {
	var rep RescreenReport
	for range rescreenRounds {
		var err error
		rep, err = Rescreen(ctx, r.d, instansiID, RescreenOptions{Actor: actor, Workers: r.workers})
		if err != nil {
			return rep, err
		}
		cur, err := ActiveElections(ctx, r.d, instansiID)
		if err != nil {
			return rep, err
		}
		if cur.Version == rep.ElectionVersion {
			break
		}
	}
	return rep, nil
}

type rescreenWorker struct {
	jobs.WorkerDefaults[RescreenJob]
	r *Rescreener
}

func (w *rescreenWorker) Work(ctx context.Context, job *jobs.Job[RescreenJob]) error {
	a := job.Args
	actor := audit.Actor{UserID: a.UserID, Name: a.Username, InstansiID: a.InstansiID}
	if actor.Name == "" {
		actor = audit.System("rescreen")
	}
	rep, err := w.r.Run(ctx, a.InstansiID, actor)
	if errors.Is(err, db.ErrNotFound) { // the instansi is gone: nothing a retry would change
		return river.JobCancel(fmt.Errorf("re-screen of instansi %d: %w", a.InstansiID, err))
	}
	if err != nil {
		return fmt.Errorf("re-screen of instansi %d: %w", a.InstansiID, err)
	}
	w.r.log.Info("re-screen done", "instansi", a.InstansiID, "election_version", rep.ElectionVersion,
		"screened", rep.Screened, "flagged", rep.Flagged, "changed", rep.Changed)
	return nil
}

// Timeout: a large instansi takes minutes; a retry continues the work.
func (w *rescreenWorker) Timeout(*jobs.Job[RescreenJob]) time.Duration { return RescreenTimeout }

// States of [RescreenStatus].
const (
	RescreenQueued  = "queued"  // waiting to run (or to be retried)
	RescreenRunning = "running" // running now
)

// RescreenStatus reports whether a re-screen of the instansi is queued
// ([RescreenQueued]) or running ([RescreenRunning]) on the job queue, ""
// when neither. It reads the queue's table, so it works in any process
// sharing the database.
func RescreenStatus(ctx context.Context, d *db.DB, instansiID int64) (string, error) {
	argsText := "json(args)" // SQLite stores JSONB
	if d.Engine() == db.Postgres {
		argsText = "args::text"
	}
	rows, err := d.Query(ctx, `SELECT state, `+argsText+` FROM river_job WHERE kind = ?
		AND state IN ('available', 'pending', 'retryable', 'running', 'scheduled')`, RescreenJob{}.Kind())
	if err != nil {
		return "", fmt.Errorf("re-screen status: %w", err)
	}
	defer rows.Close()
	status := ""
	for rows.Next() {
		var state string
		var raw []byte
		if err := rows.Scan(&state, &raw); err != nil {
			return "", fmt.Errorf("re-screen status: %w", err)
		}
		var a RescreenJob
		if json.Unmarshal(raw, &a) != nil || a.InstansiID != instansiID {
			continue
		}
		if state == "running" {
			return RescreenRunning, rows.Err()
		}
		status = RescreenQueued
	}
	return status, rows.Err()
}
