package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivertype"

	"github.com/netral-asn/netral/internal/db"
)

// Args is what a job carries: a JSON-serialisable struct whose Kind method
// names the kind of job (River's river.JobArgs).
type Args = river.JobArgs

// InsertOpts overrides, for one insert or (returned by an Args type's
// InsertOpts method) for a whole kind, the queue, MaxAttempts, priority,
// schedule and uniqueness of a job (River's river.InsertOpts).
type InsertOpts = river.InsertOpts

// UniqueOpts makes an insert a no-op while an equivalent job exists (River's
// river.UniqueOpts); see [UniqueWhileActive].
type UniqueOpts = river.UniqueOpts

// InsertResult is the outcome of an insert: the job row, and whether it was
// skipped as a duplicate of an existing unique job.
type InsertResult = rivertype.JobInsertResult

// JobRow is a job as stored, with its state, attempts and errors.
type JobRow = rivertype.JobRow

// Job is a job handed to a worker: its row and its decoded arguments.
type Job[T Args] = river.Job[T]

// Worker works the jobs of one kind.
type Worker[T Args] = river.Worker[T]

// WorkerDefaults gives a worker type River's default NextRetry, Timeout and
// Middleware; embed it and write Work.
type WorkerDefaults[T Args] = river.WorkerDefaults[T]

// Workers is the set of workers a [Queue] runs, built with [NewWorkers] and
// [AddWorker].
type Workers = river.Workers

// PeriodicJob is a job inserted on a schedule by the elected leader among the
// running queues; build one with [Every] or river.NewPeriodicJob.
type PeriodicJob = river.PeriodicJob

// Event is a job event (completed, failed, …) delivered by [Queue.Subscribe].
type Event = river.Event

// EventKind names a kind of [Event], e.g. river.EventKindJobCompleted.
type EventKind = river.EventKind

// NewWorkers returns an empty set of workers.
func NewWorkers() *Workers { return river.NewWorkers() }

// AddWorker registers w for its kind of job. It panics if the kind is
// already registered or invalid, which is a programming error.
func AddWorker[T Args](workers *Workers, w Worker[T]) { river.AddWorker(workers, w) }

// WorkFunc turns a function into a [Worker], for workers without state.
func WorkFunc[T Args](f func(context.Context, *Job[T]) error) Worker[T] {
	return river.WorkFunc(f)
}

// Every returns a periodic job inserting the job that newJob builds every
// interval (at least one second), and once at start-up when runOnStart is
// set. newJob must not block; it may return nil args to skip a run.
func Every(interval time.Duration, newJob func() (Args, *InsertOpts), runOnStart bool) *PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(interval), newJob,
		&river.PeriodicJobOpts{RunOnStart: runOnStart})
}

// UniqueWhileActive returns uniqueness options under which inserting a job
// whose kind and arguments equal those of a job that is still pending,
// scheduled, available, running or waiting for a retry inserts nothing
// (the result has UniqueSkippedAsDuplicate set): "at most one 'poll feed X'
// at a time". Once that job completes, is cancelled or is discarded, the same
// job can be inserted again. Tag argument fields with `river:"unique"` to
// compare only those fields.
func UniqueWhileActive() UniqueOpts {
	return UniqueOpts{
		ByArgs: true,
		ByState: []rivertype.JobState{
			rivertype.JobStateAvailable,
			rivertype.JobStatePending,
			rivertype.JobStateRetryable,
			rivertype.JobStateRunning,
			rivertype.JobStateScheduled,
		},
	}
}

// Defaults of [Options], from the measurements in the engineering guide
// (§1.5) and this package's benchmarks (see the package documentation): with
// River's own fetch defaults (100 ms cooldown, 1 s poll) a queue works at most
// about 500 no-op jobs/s, with these 2–3 k on SQLite and 7–8 k on PostgreSQL.
// A cooldown of 1 or 2 ms gains nothing measurable with 50 workers, and a
// poll shorter than 100 ms only costs idle CPU: new jobs are announced by
// notification on both engines.
const (
	DefaultMaxWorkers        = 50                     // jobs of the default queue run at once
	DefaultFetchCooldown     = 5 * time.Millisecond   // least time between two fetches
	DefaultFetchPollInterval = 100 * time.Millisecond // most time between two fetches
)

// Options configures a [Queue]. The zero value makes an insert-only queue
// with River's defaults for retries and timeouts.
type Options struct {
	// Workers are the kinds of job this process works. Nil makes an
	// insert-only queue: it can insert jobs (for another process to work)
	// but not Start.
	Workers *Workers

	// Queues maps the names of the queues this process works to the number
	// of jobs of each that may run at once. Empty means the one default
	// queue ("default") with MaxWorkers.
	Queues map[string]int

	// MaxWorkers is how many jobs of the default queue may run at once when
	// Queues is empty; 0 means DefaultMaxWorkers. It is also the most jobs
	// fetched per round trip, so it bounds throughput as well as parallelism.
	MaxWorkers int

	// FetchCooldown is the least time between two fetches of new jobs; 0
	// means DefaultFetchCooldown. Throughput is at most MaxWorkers jobs per
	// FetchCooldown.
	FetchCooldown time.Duration

	// FetchPollInterval is the longest time between two fetches when no
	// new-job notification arrives (PostgreSQL LISTEN/NOTIFY, or River's
	// notification table polled every 50 ms on SQLite); 0 means
	// DefaultFetchPollInterval. It must not be below FetchCooldown.
	FetchPollInterval time.Duration

	// MaxAttempts is how many times a job whose kind does not say otherwise
	// is tried before it is discarded; 0 means River's default, 25.
	MaxAttempts int

	// JobTimeout bounds one attempt of a job whose worker does not say
	// otherwise; 0 means River's default (one minute), negative means none.
	JobTimeout time.Duration

	// RetryPolicy computes when a failed job is tried again; nil means
	// River's default (attempt⁴ seconds with ±10 % jitter). A worker's
	// NextRetry method takes precedence for its kind.
	RetryPolicy river.ClientRetryPolicy

	// ErrorHandler is told of every failed attempt and panic; nil logs them.
	ErrorHandler river.ErrorHandler

	// PeriodicJobs are inserted on their schedule by whichever running queue
	// is the elected leader among the processes sharing the database.
	PeriodicJobs []*PeriodicJob

	// CompletedJobRetention is how long completed jobs are kept before
	// River's cleaner deletes them; 0 means River's default (24 hours).
	CompletedJobRetention time.Duration

	// Logger receives River's logs; nil means slog.Default, at warning
	// level and above only.
	Logger *slog.Logger

	// testOnly skips River's jittered start-up of its maintenance services
	// (leader election, periodic jobs), which makes tests slow.
	testOnly bool

	// dedicatedSQLitePool gives River a pool of its own (one connection to
	// the same file) instead of the writer pool d.W. Only the benchmark that
	// compares the two sets it.
	dedicatedSQLitePool bool
}

// Queue is Netral's job queue on one database: it inserts jobs and, once
// started, works those of the registered kinds. It is safe for concurrent use.
type Queue struct {
	sqlite *river.Client[*sql.Tx] // on SQLite
	pg     *river.Client[pgx.Tx]  // on PostgreSQL
	c      client                 // whichever of the two is set

	pool    *pgxpool.Pool // River's pool on PostgreSQL
	ownPool *sql.DB       // River's dedicated SQLite pool, if any

	workers bool
	mu      sync.Mutex
	started bool
	closed  bool
}

// client is the part of *river.Client[TTx] that does not depend on TTx.
type client interface {
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
	JobGet(ctx context.Context, id int64) (*rivertype.JobRow, error)
	Subscribe(kinds ...river.EventKind) (<-chan *river.Event, func())
	PeriodicJobs() *river.PeriodicJobBundle
}

// ErrNoWorkers is returned by [Queue.Start] on an insert-only queue.
var ErrNoWorkers = errors.New("jobs: the queue has no workers: it can only insert")

// New returns a queue on d, whose River tables must exist ([Migrate]). It
// does not start working jobs: call [Queue.Start]. Close it when done.
func New(d *db.DB, opts Options) (*Queue, error) {
	cfg, err := opts.riverConfig()
	if err != nil {
		return nil, err
	}
	q := &Queue{workers: opts.Workers != nil}
	switch d.Engine() {
	case db.SQLite:
		pool := d.W
		if opts.dedicatedSQLitePool {
			if pool, err = openSQLitePool(d.DSN()); err != nil {
				return nil, err
			}
			q.ownPool = pool
		}
		c, err := river.NewClient(riversqlite.New(pool), cfg)
		if err != nil {
			q.Close()
			return nil, fmt.Errorf("jobs: %w", err)
		}
		q.sqlite, q.c = c, c
	case db.Postgres:
		pool, err := openPGPool(d.DSN(), 10)
		if err != nil {
			return nil, err
		}
		q.pool = pool
		c, err := river.NewClient(riverpgxv5.New(pool), cfg)
		if err != nil {
			q.Close()
			return nil, fmt.Errorf("jobs: %w", err)
		}
		q.pg, q.c = c, c
	default:
		return nil, fmt.Errorf("jobs: unsupported engine %q", d.Engine())
	}
	return q, nil
}

func (o Options) riverConfig() (*river.Config, error) {
	cfg := &river.Config{
		FetchCooldown:               o.FetchCooldown,
		FetchPollInterval:           o.FetchPollInterval,
		MaxAttempts:                 o.MaxAttempts,
		JobTimeout:                  o.JobTimeout,
		RetryPolicy:                 o.RetryPolicy,
		ErrorHandler:                o.ErrorHandler,
		PeriodicJobs:                o.PeriodicJobs,
		CompletedJobRetentionPeriod: o.CompletedJobRetention,
		Logger:                      o.Logger,
		TestOnly:                    o.testOnly,
	}
	if cfg.FetchCooldown == 0 {
		cfg.FetchCooldown = DefaultFetchCooldown
	}
	if cfg.FetchPollInterval == 0 {
		cfg.FetchPollInterval = max(DefaultFetchPollInterval, cfg.FetchCooldown)
	}
	if cfg.JobTimeout < 0 {
		cfg.JobTimeout = -1 // River's "no timeout"
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(minLevel{slog.Default().Handler(), slog.LevelWarn})
	}
	if o.Workers == nil {
		if len(o.Queues) > 0 || len(o.PeriodicJobs) > 0 {
			return nil, errors.New("jobs: Queues and PeriodicJobs need Workers")
		}
		return cfg, nil
	}
	cfg.Workers = o.Workers
	cfg.Queues = make(map[string]river.QueueConfig)
	if len(o.Queues) == 0 {
		n := o.MaxWorkers
		if n == 0 {
			n = DefaultMaxWorkers
		}
		cfg.Queues[river.QueueDefault] = river.QueueConfig{MaxWorkers: n}
	}
	for name, n := range o.Queues {
		cfg.Queues[name] = river.QueueConfig{MaxWorkers: n}
	}
	return cfg, nil
}

// Start starts fetching and working jobs in the background, and, on the
// process elected leader, River's maintenance (periodic jobs, scheduling of
// retries, cleaning of old jobs). Jobs run with contexts derived from ctx:
// cancelling it stops the queue abruptly; [Queue.Stop] stops it gracefully.
// A stopped queue may be started again.
func (q *Queue) Start(ctx context.Context) error {
	if !q.workers {
		return ErrNoWorkers
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return errors.New("jobs: queue is closed")
	}
	if err := q.c.Start(ctx); err != nil {
		return fmt.Errorf("jobs: start: %w", err)
	}
	q.started = true
	return nil
}

// Stop stops fetching new jobs and waits for the running ones to finish, or
// for ctx to end (then it returns ctx's error and the jobs go on).
func (q *Queue) Stop(ctx context.Context) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if !q.started {
		return nil
	}
	if err := q.c.Stop(ctx); err != nil {
		return fmt.Errorf("jobs: stop: %w", err)
	}
	q.started = false
	return nil
}

// Close stops the queue if it runs (waiting up to 30 seconds for running jobs)
// and releases River's connections. It does not close the [db.DB].
func (q *Queue) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := q.Stop(ctx)
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return err
	}
	q.closed = true
	if q.pool != nil {
		q.pool.Close()
	}
	if q.ownPool != nil {
		if e := q.ownPool.Close(); err == nil {
			err = e
		}
	}
	return err
}

// Insert enqueues a job in a transaction of its own. opts may be nil; its
// fields override those of the args' InsertOpts method, which override the
// queue's defaults. A unique job that already exists is not inserted again:
// the result then has UniqueSkippedAsDuplicate set and the existing row.
//
// On SQLite it uses the writer connection: inside a [db.Tx] use
// [Queue.InsertTx] instead, or the call waits for the connection that the
// transaction holds.
func (q *Queue) Insert(ctx context.Context, args Args, opts *InsertOpts) (*InsertResult, error) {
	res, err := q.c.Insert(ctx, args, opts)
	if err != nil {
		return nil, fmt.Errorf("jobs: insert %s: %w", args.Kind(), err)
	}
	return res, nil
}

// InsertTx enqueues a job inside tx, a transaction on the queue's database:
// the job is inserted if and only if tx commits, and no worker sees it
// before. Use it so that a change and the work it implies ("screen this batch
// I just stored") cannot be separated by a crash.
//
// On SQLite River runs its statements on tx's *sql.Tx. On PostgreSQL, where
// tx is a database/sql transaction over pgx's stdlib driver, River runs them
// on the pgx connection underneath tx (reached through pgx's QueryRewriter
// hook while database/sql holds that connection for the statement), so they
// are part of tx too. An error leaves tx usable on SQLite; on PostgreSQL a
// failed statement aborts tx, which must then be rolled back.
func (q *Queue) InsertTx(ctx context.Context, tx *db.Tx, args Args, opts *InsertOpts) (*InsertResult, error) {
	var res *InsertResult
	var err error
	switch {
	case q.sqlite != nil:
		res, err = q.sqlite.InsertTx(ctx, tx.Tx, args, opts)
	case q.pg != nil:
		err = withPgxTx(ctx, tx.Tx, func(ptx pgx.Tx) error {
			var ierr error
			res, ierr = q.pg.InsertTx(ctx, ptx, args, opts)
			return ierr
		})
	}
	if err != nil {
		return nil, fmt.Errorf("jobs: insert %s: %w", args.Kind(), err)
	}
	return res, nil
}

// JobGet returns the job with the given ID, or an error wrapping
// rivertype.ErrNotFound.
func (q *Queue) JobGet(ctx context.Context, id int64) (*JobRow, error) {
	return q.c.JobGet(ctx, id)
}

// Subscribe returns a channel of the queue's job events of the given kinds
// (e.g. river.EventKindJobCompleted, river.EventKindJobFailed) and a function
// that ends the subscription. Events of a full channel are dropped.
func (q *Queue) Subscribe(kinds ...EventKind) (<-chan *Event, func()) {
	return q.c.Subscribe(kinds...)
}

// PeriodicJobs gives access to the periodic jobs, to add or remove some while
// the queue runs.
func (q *Queue) PeriodicJobs() *river.PeriodicJobBundle { return q.c.PeriodicJobs() }

// openPGPool opens the pgx pool River uses on PostgreSQL.
func openPGPool(dsn string, maxConns int32) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	cfg.MaxConns = maxConns
	cfg.MaxConnIdleTime = 5 * time.Minute
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	return pool, nil
}

// openSQLitePool opens a one-connection pool to the SQLite file at path with
// the same settings as db's writer pool.
func openSQLitePool(path string) (*sql.DB, error) {
	pragmas := "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
		"&_pragma=synchronous(NORMAL)&_time_format=sqlite&_txlock=immediate"
	p, err := sql.Open("sqlite", "file:"+path+"?"+pragmas)
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	p.SetMaxOpenConns(1)
	p.SetConnMaxIdleTime(0)
	return p, nil
}

// minLevel drops records below a level.
type minLevel struct {
	slog.Handler
	min slog.Level
}

func (h minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

func (h minLevel) WithAttrs(as []slog.Attr) slog.Handler {
	return minLevel{h.Handler.WithAttrs(as), h.min}
}

func (h minLevel) WithGroup(name string) slog.Handler {
	return minLevel{h.Handler.WithGroup(name), h.min}
}
