package reports

import (
	"context"
	"strconv"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
)

// The functions in this file are what case handling (internal/cases) uses:
// a case gathers public reports (many reports of one post → one case), and
// every reporter of a case follows its public status.

// ListUnlinked returns the instansi's reports not yet attached to a case,
// newest first (every status: a rejected report may be taken up again).
func ListUnlinked(ctx context.Context, q db.Querier, instansiID int64) ([]Report, error) {
	rows, err := q.Query(ctx, `SELECT `+reportCols+` FROM public_report r
		WHERE r.instansi_id = ? AND r.case_id IS NULL ORDER BY r.id DESC`, instansiID)
	if err != nil {
		return nil, wrap("unlinked reports", err)
	}
	defer rows.Close()
	var out []Report
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, wrap("unlinked reports", rows.Err())
}

// AttachCase attaches a report of the instansi to case caseID inside tx,
// audited with actor. Attaching a report to the case it is attached to
// already changes nothing; a report attached to another case gives
// ErrConflict; an unknown report ErrNotFound. The public status is left as
// it is: the case sets it with [SetStatusForCase].
func AttachCase(ctx context.Context, tx *db.Tx, actor audit.Actor, instansiID, reportID, caseID int64) error {
	r, err := Get(ctx, tx, instansiID, reportID)
	if err != nil {
		return err
	}
	switch r.CaseID {
	case caseID:
		return nil
	case 0:
	default:
		return ErrConflict
	}
	stamp := time.Now().UTC()
	if _, err := tx.Exec(ctx, `UPDATE public_report SET case_id = ?, updated_at = ? WHERE id = ? AND instansi_id = ?`,
		caseID, clock.Format(stamp), reportID, instansiID); err != nil {
		return wrap("attach case", err)
	}
	return audit.Record(ctx, tx, actor, audit.Event{InstansiID: instansiID, Action: "report.attach_case",
		ObjectType: "public_report", ObjectID: strconv.FormatInt(reportID, 10),
		Before: map[string]any{"case_id": nil}, After: map[string]any{"case_id": caseID, "receipt": r.Receipt}})
}

// SetStatusForCase sets the public status every reporter of case caseID
// sees (each report attached to it) inside tx and, when message is not
// empty, posts it to each of them as a message from the team. Reports
// already at publicStatus get only the message. Each change is audited
// (actor "system:reports"; the case's own audit entry names the person).
func SetStatusForCase(ctx context.Context, tx *db.Tx, instansiID, caseID int64, publicStatus string, message string) error {
	if !ValidStatus(publicStatus) {
		return &ValidationError{Problems: []FieldError{{Field: "status", Code: "unknown", Detail: publicStatus}}}
	}
	message = cleanText(message, true)
	if tooLong(message, MaxMessage) {
		return &ValidationError{Problems: []FieldError{{Field: "message", Code: "too_long", Detail: strconv.Itoa(MaxMessage)}}}
	}
	rows, err := tx.Query(ctx, `SELECT `+reportCols+` FROM public_report r WHERE r.instansi_id = ? AND r.case_id = ?
		ORDER BY r.id`, instansiID, caseID)
	if err != nil {
		return wrap("reports of case", err)
	}
	var linked []Report
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			rows.Close()
			return err
		}
		linked = append(linked, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return wrap("reports of case", err)
	}
	now := time.Now().UTC()
	actor := systemActor
	actor.InstansiID = instansiID
	for _, r := range linked {
		status := publicStatus
		if status == r.Status {
			status = ""
		}
		if status == "" && message == "" {
			continue
		}
		if err := postTeam(ctx, tx, actor, r, message, status, 0, now); err != nil {
			return err
		}
	}
	return nil
}
