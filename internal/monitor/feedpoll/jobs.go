package feedpoll

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/riverqueue/river"

	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/feeds"
	"github.com/netral-asn/netral/internal/jobs"
)

// Retry policy of [PollFeed] jobs.
const (
	// MaxAttempts is how often a poll job is tried before it is discarded
	// (the periodic poll then tries again after the interval, backing off).
	MaxAttempts = 5
	// RateLimitWait is how long a rate-limited poll waits when the server
	// did not say when its limit resets.
	RateLimitWait = 5 * time.Minute
	// MaxRateLimitWait bounds the wait after a rate limit.
	MaxRateLimitWait = 6 * time.Hour
	// jobTimeout bounds one attempt of a poll.
	jobTimeout = 5 * time.Minute
)

// PollFeed is the job "poll feed FeedID": one coarse job per feed and poll,
// at most one queued or running per feed.
type PollFeed struct {
	FeedID int64 `json:"feed_id"`
}

// Kind names the kind of job.
func (PollFeed) Kind() string { return "feed_poll" }

// InsertOpts: unique while active, MaxAttempts attempts.
func (PollFeed) InsertOpts() jobs.InsertOpts {
	return jobs.InsertOpts{MaxAttempts: MaxAttempts, UniqueOpts: jobs.UniqueWhileActive()}
}

// EnqueueDue is the periodic job that enqueues a [PollFeed] for every feed
// that is due ([Poller.Due]).
type EnqueueDue struct{}

// Kind names the kind of job.
func (EnqueueDue) Kind() string { return "feed_enqueue_due" }

// InsertOpts: unique while active, 3 attempts.
func (EnqueueDue) InsertOpts() jobs.InsertOpts {
	return jobs.InsertOpts{MaxAttempts: 3, UniqueOpts: jobs.UniqueWhileActive()}
}

// RetryDelay is the back-off before attempt+1 of a failed poll: 30 s, 1, 2,
// 4 min … at most 10 min, ±10 %.
func RetryDelay(attempt int) time.Duration {
	d := min(30*time.Second<<min(max(attempt-1, 0), 10), 10*time.Minute)
	return d + time.Duration((rand.Float64()*0.2-0.1)*float64(d))
}

type pollWorker struct {
	jobs.WorkerDefaults[PollFeed]
	p *Poller
}

func (w *pollWorker) Work(ctx context.Context, job *jobs.Job[PollFeed]) error {
	return w.p.Work(ctx, job.Args.FeedID)
}

func (w *pollWorker) NextRetry(job *jobs.Job[PollFeed]) time.Time {
	return time.Now().Add(RetryDelay(job.Attempt))
}

func (w *pollWorker) Timeout(*jobs.Job[PollFeed]) time.Duration { return jobTimeout }

type enqueueWorker struct {
	jobs.WorkerDefaults[EnqueueDue]
	p *Poller
}

func (w *enqueueWorker) Work(ctx context.Context, _ *jobs.Job[EnqueueDue]) error {
	n, err := w.p.EnqueueDue(ctx)
	if n > 0 {
		w.p.log().Info("feed polls enqueued", "count", n)
	}
	return err
}

// Register adds the workers of [PollFeed] and [EnqueueDue] to workers. The
// Poller's Queue must be set (to the queue built with these workers) before
// the queue starts.
func (p *Poller) Register(workers *jobs.Workers) {
	jobs.AddWorker(workers, &pollWorker{p: p})
	jobs.AddWorker(workers, &enqueueWorker{p: p})
}

// PeriodicJob returns the periodic job that enqueues due polls. It runs at
// start-up and then every fifth of the interval (at least every second, at
// most every 5 minutes), so that a feed is polled between one and 1.2
// intervals after its last poll.
func (p *Poller) PeriodicJob() *jobs.PeriodicJob {
	tick := min(max(p.interval()/5, time.Second), 5*time.Minute)
	return jobs.Every(tick, func() (jobs.Args, *jobs.InsertOpts) { return EnqueueDue{}, nil }, true)
}

// Work is what a [PollFeed] job does: poll the feed unless it was removed or
// switched off meanwhile, and tell River what to do after a failure —
// retry with back-off, snooze until a rate limit resets (without using up an
// attempt), or give up for now on a permanent error (see [Permanent]); the
// failure is recorded on the feed in every case.
func (p *Poller) Work(ctx context.Context, feedID int64) error {
	f, err := Get(ctx, p.DB, 0, feedID)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if !f.Enabled {
		return nil
	}
	_, err = p.poll(ctx, f)
	return JobError(err, time.Now())
}

// JobError maps the error of a poll to what River makes of it: nil stays
// nil, a rate limit snoozes the job until the limit resets, a permanent
// error cancels the job, anything else is returned for a retry.
func JobError(err error, now time.Time) error {
	if err == nil {
		return nil
	}
	var rl *feeds.RateLimitError
	if errors.As(err, &rl) {
		wait := rl.RetryAt(now, RateLimitWait).Sub(now)
		return river.JobSnooze(min(max(wait, time.Second), MaxRateLimitWait))
	}
	if Permanent(err) {
		return river.JobCancel(err)
	}
	return err
}

// Enqueue enqueues a poll of a feed of the instansi now ("poll now"). It
// reports false when a poll of the feed is already queued or running. Without
// a Queue it fails.
func (p *Poller) Enqueue(ctx context.Context, instansiID, feedID int64) (bool, error) {
	if p.Queue == nil {
		return false, errors.New("feeds: no job queue")
	}
	if _, err := Get(ctx, p.DB, instansiID, feedID); err != nil {
		return false, err
	}
	res, err := p.Queue.Insert(ctx, PollFeed{FeedID: feedID}, nil)
	if err != nil {
		return false, err
	}
	return !res.UniqueSkippedAsDuplicate, nil
}

// EnqueueDue enqueues, in one transaction, a [PollFeed] for each feed that
// is due ([Poller.Due]) and returns how many were enqueued (feeds whose poll
// is still queued or running are skipped).
func (p *Poller) EnqueueDue(ctx context.Context) (int, error) {
	if p.Queue == nil {
		return 0, errors.New("feeds: no job queue")
	}
	ids, err := p.Due(ctx, p.now())
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	n := 0
	err = p.DB.InTx(ctx, func(tx *db.Tx) error {
		n = 0
		for _, id := range ids {
			res, err := p.Queue.InsertTx(ctx, tx, PollFeed{FeedID: id}, nil)
			if err != nil {
				return fmt.Errorf("enqueue poll of feed %d: %w", id, err)
			}
			if !res.UniqueSkippedAsDuplicate {
				n++
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}
