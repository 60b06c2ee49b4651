package notify

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/jobs"
)

// ReminderFunc returns the reminders due at now, e.g. "step due tomorrow"
// to a case's handler and "step overdue" to the handler and the chair. It
// reads what it needs from d. Every message must carry a DedupeKey naming
// the reminder (e.g. "step:42:due:2024-10-07"): the function runs every
// ReminderEvery and a message whose key was already queued is skipped, so
// each reminder is mailed once.
type ReminderFunc func(ctx context.Context, d *db.DB, now time.Time) ([]Message, error)

var reminders = struct {
	sync.Mutex
	fns map[string]ReminderFunc
}{fns: map[string]ReminderFunc{}}

// RegisterReminder adds a reminder function under a name (e.g. "cases");
// call it from an init function or before the queue starts. It panics on a
// duplicate name or a nil function (programming errors).
func RegisterReminder(name string, fn ReminderFunc) {
	reminders.Lock()
	defer reminders.Unlock()
	if fn == nil || name == "" {
		panic("notify: RegisterReminder needs a name and a function")
	}
	if _, dup := reminders.fns[name]; dup {
		panic("notify: duplicate reminder " + name)
	}
	reminders.fns[name] = fn
}

// registeredReminders returns the reminder functions by name, sorted.
func registeredReminders() ([]string, map[string]ReminderFunc) {
	reminders.Lock()
	defer reminders.Unlock()
	names := make([]string, 0, len(reminders.fns))
	fns := make(map[string]ReminderFunc, len(reminders.fns))
	for k, f := range reminders.fns {
		names = append(names, k)
		fns[k] = f
	}
	sort.Strings(names)
	return names, fns
}

// RunReminders runs every registered reminder function for now and queues
// the messages they return (each with its DedupeKey, so a reminder already
// queued is not queued again). It returns how many messages were queued. A
// failing function is logged and does not stop the others; its error is
// returned at the end.
func (n *Notifier) RunReminders(ctx context.Context, now time.Time) (int, error) {
	names, fns := registeredReminders()
	queued := 0
	var errs []error
	for _, name := range names {
		msgs, err := fns[name](ctx, n.d, now)
		if err != nil {
			n.log.Error("reminders failed", "reminder", name, "err", err)
			errs = append(errs, fmt.Errorf("reminder %s: %w", name, err))
			continue
		}
		for _, m := range msgs {
			if strings.TrimSpace(m.DedupeKey) == "" {
				n.log.Error("reminder without a DedupeKey skipped", "reminder", name, "template", m.Template,
					"object_type", m.ObjectType, "object_id", m.ObjectID)
				continue
			}
			id, err := n.Send(ctx, m)
			if err != nil {
				n.log.Error("reminder not queued", "reminder", name, "template", m.Template, "err", err)
				errs = append(errs, fmt.Errorf("reminder %s: %w", name, err))
				continue
			}
			if id != 0 {
				queued++
			}
		}
	}
	return queued, errors.Join(errs...)
}

// Reminders is the periodic job running the registered reminder functions.
type Reminders struct{}

// Kind names the job kind.
func (Reminders) Kind() string { return "email_reminders" }

// InsertOpts: one run at a time.
func (Reminders) InsertOpts() jobs.InsertOpts {
	return jobs.InsertOpts{MaxAttempts: 3, UniqueOpts: jobs.UniqueWhileActive()}
}

type reminderWorker struct {
	jobs.WorkerDefaults[Reminders]
	n *Notifier
}

func (w *reminderWorker) Work(ctx context.Context, _ *jobs.Job[Reminders]) error {
	_, err := w.n.RunReminders(ctx, w.n.now())
	return err
}

// SweepOutbox is the periodic job handing pending messages without a job to
// one: those queued by a process that runs no queue (a command-line tool),
// or whose job was lost.
type SweepOutbox struct{}

// Kind names the job kind.
func (SweepOutbox) Kind() string { return "email_outbox_sweep" }

// InsertOpts: one sweep at a time.
func (SweepOutbox) InsertOpts() jobs.InsertOpts {
	return jobs.InsertOpts{MaxAttempts: 3, UniqueOpts: jobs.UniqueWhileActive()}
}

type sweepWorker struct {
	jobs.WorkerDefaults[SweepOutbox]
	n *Notifier
}

func (w *sweepWorker) Work(ctx context.Context, _ *jobs.Job[SweepOutbox]) error {
	_, err := w.n.Sweep(ctx)
	return err
}

// Sweep enqueues a delivery job for every message pending for more than a
// minute (at most 500 per run); a message whose job is still waiting is not
// given a second one (the jobs are unique while active). It returns how
// many jobs were inserted.
func (n *Notifier) Sweep(ctx context.Context) (int, error) {
	q := n.getQueue()
	if q == nil {
		return 0, ErrNoQueue
	}
	cutoff := clock.Format(n.clock().Add(-time.Minute))
	rows, err := n.d.Query(ctx, `SELECT id, send_round FROM email_outbox WHERE status = ? AND updated_at < ?
		ORDER BY id LIMIT 500`, StatusPending, cutoff)
	if err != nil {
		return 0, fmt.Errorf("notify: sweep: %w", err)
	}
	var ids []SendEmail
	for rows.Next() {
		var j SendEmail
		if err := rows.Scan(&j.OutboxID, &j.Round); err != nil {
			rows.Close()
			return 0, err
		}
		ids = append(ids, j)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	inserted := 0
	for _, job := range ids {
		res, err := q.Insert(ctx, job, nil)
		if err != nil {
			return inserted, fmt.Errorf("notify: sweep: %w", err)
		}
		if !res.UniqueSkippedAsDuplicate {
			inserted++
		}
	}
	return inserted, nil
}

// PeriodicJobs returns the reminders (every ReminderEvery) and the outbox
// sweep (every SweepEvery, and once at start).
func (n *Notifier) PeriodicJobs() []*jobs.PeriodicJob {
	return []*jobs.PeriodicJob{
		jobs.Every(n.cfg.ReminderEvery, func() (jobs.Args, *jobs.InsertOpts) { return Reminders{}, nil }, false),
		jobs.Every(n.cfg.SweepEvery, func() (jobs.Args, *jobs.InsertOpts) { return SweepOutbox{}, nil }, true),
	}
}
