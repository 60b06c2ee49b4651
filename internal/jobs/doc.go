// Package jobs is Netral's durable background job queue. It wraps River
// (github.com/riverqueue/river v0.49.0) so that the same code runs on both of
// Netral's engines: River's riversqlite driver on the embedded SQLite file and
// its riverpgxv5 driver on PostgreSQL. Jobs live in River's own tables
// (river_job, river_queue, river_leader, …), created by [Migrate] next to
// Netral's schema, so a job survives a crash or a restart of the process and
// is retried with back-off when it fails.
//
// # Coarse jobs
//
// A job is a unit of work worth a database round trip of its own: "poll feed
// X", "capture URL Y", "screen batch Z (≈1,000 posts)", "render letter",
// "export roster XLSX". Never enqueue one job per post, per row or per
// account: on SQLite every job costs several write transactions through the
// single writer connection (riversqlite inserts, fetches and completes one row
// at a time), which caps the queue at a few thousand no-op jobs per second on
// the reference machine — plenty for coarse work, wasteful for fine-grained
// work that a loop inside one job does far faster.
//
// # Using it
//
// Define the arguments of a kind of job and its worker with River's types
// (re-exported here as [Args], [Job], [WorkerDefaults] so that callers rarely
// need to import River), register the workers, and run a [Queue]:
//
//	type PollFeedArgs struct {
//		FeedID int64 `json:"feed_id"`
//	}
//
//	func (PollFeedArgs) Kind() string { return "poll_feed" }
//
//	// At most one "poll feed X" queued or running at a time, 5 attempts.
//	func (PollFeedArgs) InsertOpts() jobs.InsertOpts {
//		return jobs.InsertOpts{MaxAttempts: 5, UniqueOpts: jobs.UniqueWhileActive()}
//	}
//
//	type PollFeedWorker struct {
//		jobs.WorkerDefaults[PollFeedArgs]
//		// dependencies…
//	}
//
//	func (w *PollFeedWorker) Work(ctx context.Context, job *jobs.Job[PollFeedArgs]) error { … }
//
//	workers := jobs.NewWorkers()
//	jobs.AddWorker(workers, &PollFeedWorker{})
//	q, err := jobs.New(d, jobs.Options{Workers: workers})
//	…
//	err = q.Start(ctx)
//	defer q.Close()
//	_, err = q.Insert(ctx, PollFeedArgs{FeedID: 7}, nil)
//
// Per-kind settings (MaxAttempts, queue, priority, uniqueness) belong in the
// args' InsertOpts method; per-kind retry back-off and timeout in the worker's
// NextRetry and Timeout methods. Without them River's defaults apply: 25
// attempts with an attempt⁴-seconds back-off plus jitter, and a one-minute
// timeout (see [Options]).
//
// [Queue.InsertTx] enqueues a job inside one of Netral's own transactions
// ([db.Tx]), on both engines: the job exists if and only if the transaction
// commits, and it is not worked before the commit.
//
// # Which connections River uses
//
// On SQLite River is given the database's writer pool, [db.DB.W] (one
// connection, BEGIN IMMEDIATE, busy timeout), rather than a second
// one-connection pool to the same file. River's package documentation asks
// for a pool limited to one connection, and both choices satisfy that; d.W
// wins because
//
//   - [Queue.InsertTx] runs River's statements on the caller's transaction,
//     which is on d.W anyway;
//   - River's writes then queue behind the application's in Go's pool
//     instead of in SQLite's busy handler, whose retries sleep up to 100 ms
//     at a time and give up with SQLITE_BUSY after the busy timeout;
//   - measured (BenchmarkWorkWithAppWrites, 3,000 no-op jobs worked while the
//     application commits a small transaction every millisecond, 2 cores):
//     on d.W the application's writes took p99 82–104 ms (max 99–135 ms) at
//     2.4–3.3 k jobs/s; on a dedicated connection p99 129–180 ms (max
//     180–230 ms) at 2.5–2.8 k jobs/s, and fewer application writes got
//     through (160–210/s against 270–325/s). Without application writes the
//     two work jobs equally fast (≈2.4–2.8 k jobs/s).
//
// The consequence, as for any use of d.W: never call [Queue.Insert] (or
// anything else using d.W) while holding a [db.Tx] on the same goroutine —
// it would wait for the connection the transaction holds. Use
// [Queue.InsertTx] with that transaction.
//
// On PostgreSQL River gets its own pgx pool (pgxpool, at most 10 connections)
// opened from the same URL, as riverpgxv5 requires; it learns of new jobs by
// LISTEN/NOTIFY. [Queue.InsertTx] reaches the pgx connection beneath the
// database/sql transaction instead (see pgtx.go).
//
// # Throughput
//
// Measured with BenchmarkInsertAndWork (3,000 no-op jobs, 2 cores; the
// machine was shared, so take ±20 %): with the defaults (50 workers, 5 ms
// fetch cooldown, 100 ms poll) SQLite inserts 3.7–4.0 k jobs/s (one Insert
// call each) and works 2.4–2.8 k jobs/s; PostgreSQL 2.1–5.0 k inserts/s and
// 7.3–8.3 k jobs/s. With 10 workers: 1.1 k (SQLite) and 1.7 k (PostgreSQL)
// jobs/s; with River's own fetch defaults (100 ms cooldown, 1 s poll): 500
// jobs/s on both. An idle started queue costs under 1 % of a core with the
// 100 ms poll (7 % on SQLite with a 10 ms poll, for no gain in throughput).
package jobs
