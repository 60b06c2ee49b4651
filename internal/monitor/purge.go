package monitor

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
)

// DefaultRetention is how long the text of a never-flagged activity is kept.
const DefaultRetention = 90 * 24 * time.Hour

// purgeBatch is the number of activities purged per transaction.
const purgeBatch = 5000

// Purge removes the text, context text and media captions of activities
// ingested more than olderThan ago that no screening result ever flagged
// and that are not in the review inbox. The rows, their attribution and
// screening results stay, so counts do not change. Each instansi's purge is
// audited. It returns the number of activities purged.
func Purge(ctx context.Context, d *db.DB, olderThan time.Duration) (int, error) {
	if olderThan < 0 {
		return 0, invalid("purge period must not be negative")
	}
	now := time.Now()
	cutoff, stamp := clock.Format(now.Add(-olderThan)), clock.Format(now)
	rows, err := d.Query(ctx, `SELECT DISTINCT instansi_id FROM activity WHERE purged_at IS NULL AND flagged = 0
		AND ingested_at < ?`, cutoff)
	if err != nil {
		return 0, fmt.Errorf("purge: %w", err)
	}
	var inst []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, err
		}
		inst = append(inst, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	total := 0
	for _, id := range inst {
		n, err := purgeInstansi(ctx, d, id, cutoff, stamp, olderThan)
		total += n
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

func purgeInstansi(ctx context.Context, d *db.DB, instansiID int64, cutoff, stamp string, olderThan time.Duration) (int, error) {
	total := 0
	var after int64 // keyset: each batch starts after the last one
	for {
		var ids []string
		err := d.InTx(ctx, func(tx *db.Tx) error {
			ids = ids[:0]
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
				ids = append(ids, strconv.FormatInt(id, 10))
				after = id
			}
			rows.Close()
			if err := rows.Err(); err != nil || len(ids) == 0 {
				return err
			}
			_, err = tx.Exec(ctx, `UPDATE activity SET text = NULL, context_text = NULL, media_captions = NULL,
				purged_at = ? WHERE id IN (`+strings.Join(ids, ",")+`)`, stamp)
			return err
		})
		if err != nil {
			return total, fmt.Errorf("purge: %w", err)
		}
		total += len(ids)
		if len(ids) < purgeBatch {
			break
		}
	}
	if total == 0 {
		return 0, nil
	}
	return total, audit.RecordNow(ctx, d, audit.System("purge"), audit.Event{InstansiID: instansiID,
		Action: "activity.purge", ObjectType: "instansi", ObjectID: strconv.FormatInt(instansiID, 10),
		After: map[string]any{"purged": total, "older_than_days": olderThan.Hours() / 24, "ingested_before": cutoff}})
}
