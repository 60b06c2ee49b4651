package monitor

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/screen"
)

// RescreenOptions configure [Rescreen].
type RescreenOptions struct {
	// Since, when set, limits the re-screen to activities that happened (or,
	// without a time, were ingested) at or after it.
	Since time.Time
	// Workers screening in parallel; 0 means GOMAXPROCS.
	Workers int
	// BatchSize is the number of activities per transaction; 0 means 5000.
	BatchSize int
	// Actor is recorded in the audit entry.
	Actor audit.Actor
	// OnBatch, when set, is called after each committed batch.
	OnBatch func(RescreenReport)
}

// RescreenReport says what a re-screen did.
type RescreenReport struct {
	Screened        int // new screening results stored
	Flagged         int // of those, flagged
	Changed         int // activities whose flag changed
	Skipped         int // activities whose text was purged
	ElectionVersion int
	Lexicon         string
}

// Rescreen screens the activities of an instansi that have no result for
// its active election version yet, and stores the new results beside the
// old ones (results are never changed). Each activity's flag follows its
// newest result. Running it again finds nothing to do.
func Rescreen(ctx context.Context, d *db.DB, instansiID int64, opt RescreenOptions) (RescreenReport, error) {
	var rep RescreenReport
	ver, err := EnsureElections(ctx, d, instansiID)
	if err != nil {
		return rep, err
	}
	rep.ElectionVersion, rep.Lexicon = ver.Version, ver.Lexicon
	scr, err := screenerFor(ver)
	if err != nil {
		return rep, err
	}
	if opt.BatchSize <= 0 {
		opt.BatchSize = 5000
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	w := newWriter(d, instansiID, SourceManual, ver, time.Now())
	defer w.close()
	var after int64
	for {
		page, last, err := rescreenPage(ctx, d, instansiID, ver.Version, opt.Since, after, opt.BatchSize)
		if err != nil {
			return rep, err
		}
		if len(page) == 0 && last == 0 {
			break
		}
		after = last
		var todo []*rescreenRow
		for _, r := range page {
			if r.purged {
				rep.Skipped++
			} else {
				todo = append(todo, r)
			}
		}
		screenAll(todo, scr, workers)
		if err := w.writeRescreen(ctx, todo, &rep); err != nil {
			return rep, err
		}
		if opt.OnBatch != nil {
			opt.OnBatch(rep)
		}
	}
	if rep.Screened > 0 {
		err = audit.RecordNow(ctx, d, opt.Actor, audit.Event{InstansiID: instansiID, Action: "activity.rescreen",
			ObjectType: "instansi", ObjectID: strconv.FormatInt(instansiID, 10),
			After: map[string]any{"screened": rep.Screened, "flagged": rep.Flagged, "changed": rep.Changed,
				"election_version": ver.Version, "lexicon": ver.Lexicon}})
	}
	return rep, err
}

// rescreenRow is a stored activity being screened again.
type rescreenRow struct {
	id         int64
	rec        screen.Record
	purged     bool
	wasFlagged bool
	out        row
}

// rescreenPage reads the next activities (by id) without a result for an
// election version.
func rescreenPage(ctx context.Context, d *db.DB, instansiID int64, version int, since time.Time, after int64,
	limit int) ([]*rescreenRow, int64, error) {
	where := ` WHERE a.instansi_id = ? AND a.id > ?`
	args := []any{instansiID, after}
	if !since.IsZero() {
		where += ` AND COALESCE(a.occurred_at, a.ingested_at) >= ?`
		args = append(args, clock.Format(since))
	}
	// The page is bounded by id first, so activities already screened with
	// this version do not make a page scan the whole table.
	var maxID int64
	if err := d.QueryRow(ctx, `SELECT COALESCE(MAX(id), 0) FROM (SELECT a.id FROM activity a`+where+
		` ORDER BY a.id LIMIT `+strconv.Itoa(limit)+`) t`, args...).Scan(&maxID); err != nil {
		return nil, 0, fmt.Errorf("rescreen: %w", err)
	}
	if maxID == 0 {
		return nil, 0, nil
	}
	rows, err := d.Query(ctx, `SELECT a.id, a.platform, a.external_id, a.kind, a.author, a.url, COALESCE(a.occurred_at, ''),
		a.text, a.context_text, a.media_captions, a.purged_at IS NOT NULL, a.flagged FROM activity a`+where+
		` AND a.id <= ? AND NOT EXISTS (SELECT 1 FROM activity_screening s WHERE s.activity_id = a.id AND s.election_version = ?)
		ORDER BY a.id`, append(args, maxID, version)...)
	if err != nil {
		return nil, 0, fmt.Errorf("rescreen: %w", err)
	}
	defer rows.Close()
	var out []*rescreenRow
	for rows.Next() {
		r := new(rescreenRow)
		var text, ctxText, captions *string
		var flagged int
		rec := &r.rec
		if err := rows.Scan(&r.id, &rec.Platform, &rec.ID, &rec.Kind, &rec.Author, &rec.URL, &rec.CreatedAt, &text,
			&ctxText, &captions, &r.purged, &flagged); err != nil {
			return nil, 0, err
		}
		r.wasFlagged = flagged != 0
		rec.SetText(deref(text)) // presence was checked at ingest
		if ctxText != nil {
			rec.SetContext(*ctxText)
		}
		if captions != nil {
			var cs []string
			_ = json.Unmarshal([]byte(*captions), &cs)
			rec.SetCaptions(cs...)
		}
		out = append(out, r)
	}
	return out, maxID, rows.Err()
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// screenAll screens rows on several goroutines.
func screenAll(rows []*rescreenRow, scr *versionScreener, workers int) {
	var wg sync.WaitGroup
	next := make(chan *rescreenRow, len(rows))
	for _, r := range rows {
		next <- r
	}
	close(next)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range next {
				res := scr.Screen(&r.rec)
				if res.Error != "" { // cannot happen for a stored record; store it unflagged
					res = screen.Result{Stance: screen.StanceNone, Explanation: res.Error}
				}
				setResult(&r.out, &res)
			}
		}()
	}
	wg.Wait()
}

// writeRescreen stores the new results of rows and moves the activities'
// flags, in one transaction. Flagged activities get a review item when they
// have none; an activity no longer flagged leaves the inbox when nobody has
// acted on its item yet.
func (w *writer) writeRescreen(ctx context.Context, rows []*rescreenRow, rep *RescreenReport) error {
	if len(rows) == 0 {
		return nil
	}
	if len(rows) >= stmtRows {
		if err := w.prepare(ctx); err != nil {
			return fmt.Errorf("rescreen: %w", err)
		}
	}
	var flagged int
	var up, down []string
	var review []int64
	for _, r := range rows {
		if r.out.flagged {
			flagged++
			review = append(review, r.id)
		}
		if r.out.flagged != r.wasFlagged {
			if r.out.flagged {
				up = append(up, strconv.FormatInt(r.id, 10))
			} else {
				down = append(down, strconv.FormatInt(r.id, 10))
			}
		}
	}
	err := w.d.InTx(ctx, func(tx *db.Tx) error {
		for start := 0; start < len(rows); start += stmtRows {
			part := rows[start:min(start+stmtRows, len(rows))]
			args := make([]any, 0, len(part)*8)
			for _, r := range part {
				o := &r.out
				args = append(args, r.id, flag(o.flagged), o.score, o.stance, o.targets, o.violation, o.matches, o.explanation)
			}
			if err := w.exec(ctx, tx, 1, len(part), args); err != nil {
				return err
			}
		}
		for v, ids := range map[int][]string{1: up, 0: down} {
			for start := 0; start < len(ids); start += stmtRows {
				part := ids[start:min(start+stmtRows, len(ids))]
				if _, err := tx.Exec(ctx, `UPDATE activity SET flagged = `+strconv.Itoa(v)+` WHERE id IN (`+
					strings.Join(part, ",")+`)`); err != nil {
					return err
				}
			}
		}
		if err := w.addReviewItems(ctx, tx, review); err != nil {
			return err
		}
		return withdrawReviewItems(ctx, tx, down)
	})
	if err != nil {
		return fmt.Errorf("rescreen: %w", err)
	}
	rep.Screened += len(rows)
	rep.Flagged += flagged
	rep.Changed += len(up) + len(down)
	return nil
}
