package monitor

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/jobs"
)

// DefaultRetention is how long the text of a never-flagged activity is kept.
const DefaultRetention = 90 * 24 * time.Hour

// purgeBatch is the number of activities purged per transaction.
const purgeBatch = 5000

// PurgeReport says what a purge removed.
type PurgeReport struct {
	Activities int // activities whose text, context text and captions were removed
	Captures   int // captures of their URLs whose body and extracted content were removed
}

// Purge removes the text, context text and media captions of activities
// ingested more than olderThan ago that no screening result ever flagged
// and that are not in the review inbox, and the raw body, extracted text,
// title, OpenGraph tags and response headers of the captures of those
// activities' URLs (a URL pasted by the team becomes an activity when it
// is first captured). The rows stay with their attribution, screening
// results and, for captures, the facts (URL, redirects, status, content
// type, fetch time, SHA-256 of the body, text hash, change), so counts do
// not change. Captures are no longer re-fetched for a purged activity.
// An activity whose capture is evidence of a public report
// (public_report_link) is left alone, as are its captures. Each
// instansi's purge is audited.
func Purge(ctx context.Context, d *db.DB, olderThan time.Duration) (PurgeReport, error) {
	var rep PurgeReport
	if olderThan < 0 {
		return rep, invalid("purge period must not be negative")
	}
	now := time.Now()
	cutoff, stamp := clock.Format(now.Add(-olderThan)), clock.Format(now)
	rows, err := d.Query(ctx, `SELECT DISTINCT instansi_id FROM activity WHERE purged_at IS NULL AND flagged = 0
		AND ingested_at < ?`, cutoff)
	if err != nil {
		return rep, fmt.Errorf("purge: %w", err)
	}
	var inst []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return rep, fmt.Errorf("purge: %w", err)
		}
		inst = append(inst, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return rep, fmt.Errorf("purge: %w", err)
	}
	for _, id := range inst {
		r, err := purgeInstansi(ctx, d, id, cutoff, stamp, olderThan)
		rep.Activities += r.Activities
		rep.Captures += r.Captures
		if err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// reportEvidence returns the activities of an instansi whose captures are
// evidence of a public report.
func reportEvidence(ctx context.Context, d *db.DB, instansiID int64) (map[int64]bool, error) {
	rows, err := d.Query(ctx, `SELECT DISTINCT cr.activity_id FROM capture_request cr
		JOIN public_report_link l ON l.capture_request_id = cr.id
		WHERE cr.instansi_id = ? AND cr.activity_id IS NOT NULL`, instansiID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// purgedCaptureSet is the update that minimises a capture row (the only
// update the capture table's trigger allows).
const purgedCaptureSet = `UPDATE capture SET body = NULL, text = '', title = '', og_json = '', headers_json = '',
	purged_at = ?`

func purgeInstansi(ctx context.Context, d *db.DB, instansiID int64, cutoff, stamp string, olderThan time.Duration) (PurgeReport, error) {
	var rep PurgeReport
	keep, err := reportEvidence(ctx, d, instansiID)
	if err != nil {
		return rep, fmt.Errorf("purge: report evidence: %w", err)
	}
	var after int64 // keyset: each batch starts after the last one
	for {
		var ids []string
		var seen, captures int
		err := d.InTx(ctx, func(tx *db.Tx) error {
			ids, seen, captures = ids[:0], 0, 0
			rows, err := tx.Query(ctx, `SELECT a.id FROM activity a WHERE a.instansi_id = ? AND a.flagged = 0 AND a.id > ?
				AND a.purged_at IS NULL AND a.ingested_at < ?
				AND NOT EXISTS (SELECT 1 FROM activity_screening s WHERE s.activity_id = a.id AND s.flagged = 1)
				AND NOT EXISTS (SELECT 1 FROM review_item r WHERE r.activity_id = a.id)
				ORDER BY a.id LIMIT `+strconv.Itoa(purgeBatch), instansiID, after, cutoff)
			if err != nil {
				return err
			}
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					rows.Close()
					return err
				}
				seen++
				after = id
				if !keep[id] {
					ids = append(ids, strconv.FormatInt(id, 10))
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil || len(ids) == 0 {
				return err
			}
			in := strings.Join(ids, ",")
			if _, err := tx.Exec(ctx, `UPDATE activity SET text = NULL, context_text = NULL, media_captions = NULL,
				purged_at = ? WHERE id IN (`+in+`)`, stamp); err != nil {
				return err
			}
			// The captures of these activities' URLs: linked to the activity,
			// or made for a request that produced it (a failed first try).
			res, err := tx.Exec(ctx, purgedCaptureSet+` WHERE purged_at IS NULL AND (activity_id IN (`+in+`)
				OR request_id IN (SELECT id FROM capture_request WHERE activity_id IN (`+in+`)))`, stamp)
			if err != nil {
				return fmt.Errorf("captures: %w", err)
			}
			n, _ := res.RowsAffected()
			captures = int(n)
			// No re-capture would store the page again.
			_, err = tx.Exec(ctx, `UPDATE capture_request SET recapture_until = ?, updated_at = ?
				WHERE activity_id IN (`+in+`) AND recapture_until > ?`, stamp, stamp, stamp)
			return err
		})
		if err != nil {
			return rep, fmt.Errorf("purge: %w", err)
		}
		rep.Activities += len(ids)
		rep.Captures += captures
		if seen < purgeBatch {
			break
		}
	}
	if rep.Activities == 0 {
		return rep, nil
	}
	return rep, audit.RecordNow(ctx, d, audit.System("purge"), audit.Event{InstansiID: instansiID,
		Action: "activity.purge", ObjectType: "instansi", ObjectID: strconv.FormatInt(instansiID, 10),
		After: map[string]any{"purged": rep.Activities, "captures_purged": rep.Captures,
			"older_than_days": olderThan.Hours() / 24, "ingested_before": cutoff}})
}

// The purge as a durable job: `netral serve` runs it once at start and then
// every PurgeEvery (see [Purger]).

// PurgeEvery is how often serve purges.
const PurgeEvery = 24 * time.Hour

// PurgeArgs is the periodic purge job.
type PurgeArgs struct {
	// RetentionDays: the text of never-flagged activities is kept this many
	// days after ingestion.
	RetentionDays int `json:"retention_days"`
}

// Kind names the job kind.
func (PurgeArgs) Kind() string { return "purge" }

// InsertOpts: one purge at a time.
func (PurgeArgs) InsertOpts() jobs.InsertOpts {
	return jobs.InsertOpts{MaxAttempts: 3, UniqueOpts: jobs.UniqueWhileActive()}
}

// Purger runs [Purge] as a periodic job of the queue.
type Purger struct {
	d         *db.DB
	log       *slog.Logger
	retention time.Duration
}

// NewPurger returns a Purger over d that keeps the text of never-flagged
// activities for retention (DefaultRetention when 0 or less).
func NewPurger(d *db.DB, log *slog.Logger, retention time.Duration) *Purger {
	if retention <= 0 {
		retention = DefaultRetention
	}
	if log == nil {
		log = slog.Default()
	}
	return &Purger{d: d, log: log, retention: retention}
}

// Register adds the purge worker to w.
func (p *Purger) Register(w *jobs.Workers) { jobs.AddWorker(w, &purgeWorker{p: p}) }

// PeriodicJob returns the purge, every PurgeEvery and once at start.
func (p *Purger) PeriodicJob() *jobs.PeriodicJob {
	days := int(p.retention / (24 * time.Hour))
	return jobs.Every(PurgeEvery, func() (jobs.Args, *jobs.InsertOpts) {
		return PurgeArgs{RetentionDays: days}, nil
	}, true)
}

type purgeWorker struct {
	jobs.WorkerDefaults[PurgeArgs]
	p *Purger
}

func (w *purgeWorker) Work(ctx context.Context, job *jobs.Job[PurgeArgs]) error {
	days := job.Args.RetentionDays
	if days <= 0 { // never "purge everything": that is for the command line
		days = int(w.p.retention / (24 * time.Hour))
	}
	start := time.Now()
	rep, err := Purge(ctx, w.p.d, time.Duration(days)*24*time.Hour)
	if err != nil {
		return err // committed batches stay purged; the retry goes on from there
	}
	if rep.Activities > 0 {
		w.p.log.Info("purge done", "activities", rep.Activities, "captures", rep.Captures, "retention_days", days,
			"took", time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// Timeout: a first purge of a large database takes minutes; each batch
// commits on its own, so an interrupted purge resumes at the next run.
func (w *purgeWorker) Timeout(*jobs.Job[PurgeArgs]) time.Duration { return time.Hour }
