package reports

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
)

// ErrSameCase: a move from a case to itself.
var ErrSameCase = errors.New("reports: cannot move reports from a case to itself")

// MoveCase moves every report of the instansi attached to case fromCaseID
// to case toCaseID inside tx (a merge of duplicate cases: the reporters
// then follow the case they were merged into). Each moved report is
// audited ("report.attach_case", before and after, marked as a merge)
// with actor. Reports of other instansi are never touched; a case without
// reports moves nothing. The public status is left as it is: the case sets
// it with [SetStatusForCase].
func MoveCase(ctx context.Context, tx *db.Tx, actor audit.Actor, instansiID, fromCaseID, toCaseID int64) error {
	if fromCaseID == toCaseID {
		return ErrSameCase
	}
	if fromCaseID <= 0 || toCaseID <= 0 {
		return errors.New("reports: move case: case ids must be positive")
	}
	rows, err := tx.Query(ctx, `SELECT id, receipt FROM public_report WHERE instansi_id = ? AND case_id = ? ORDER BY id`,
		instansiID, fromCaseID)
	if err != nil {
		return wrap("reports of case", err)
	}
	type moved struct {
		id      int64
		receipt string
	}
	var list []moved
	for rows.Next() {
		var m moved
		if err := rows.Scan(&m.id, &m.receipt); err != nil {
			rows.Close()
			return wrap("reports of case", err)
		}
		list = append(list, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return wrap("reports of case", err)
	}
	now := clock.Format(time.Now().UTC())
	for _, m := range list {
		if _, err := tx.Exec(ctx, `UPDATE public_report SET case_id = ?, updated_at = ? WHERE id = ? AND instansi_id = ? AND case_id = ?`,
			toCaseID, now, m.id, instansiID, fromCaseID); err != nil {
			return wrap("move report "+strconv.FormatInt(m.id, 10), err)
		}
		if err := audit.Record(ctx, tx, actor, audit.Event{InstansiID: instansiID, Action: "report.attach_case",
			ObjectType: "public_report", ObjectID: strconv.FormatInt(m.id, 10),
			Before: map[string]any{"case_id": fromCaseID},
			After:  map[string]any{"case_id": toCaseID, "receipt": m.receipt, "merged": true}}); err != nil {
			return err
		}
	}
	return nil
}
