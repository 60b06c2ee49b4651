package cases

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
)

// Number prefix and limits of the text fields.
const (
	NumberPrefix   = "NTR"
	MaxTitle       = 200
	MaxText        = 10000
	MaxShort       = 500
	MaxLinks       = 20
	MaxLinkLen     = 2000
	MaxSummonses   = 5
	maxFutureSlack = 24 * time.Hour
)

// textField is a text input: its field name, value and length limit.
type textField struct {
	name, value string
	max         int
}

// checkLens checks the lengths of fields in order; the first too long is
// the error.
func checkLens(fields ...textField) error {
	for _, f := range fields {
		if err := checkLen(f.name, f.value, f.max); err != nil {
			return err
		}
	}
	return nil
}

// checkLen refuses v when it is longer than max characters.
func checkLen(field, v string, max int) error {
	if utf8.RuneCountInString(v) > max {
		return invalid(field, "at most %d characters", max)
	}
	return nil
}

// nonNil returns s, or an empty slice for nil (a JSON array, not null).
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// nullID is id for SQL, NULL when 0.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// nullDate is the date of t for SQL, NULL when zero.
func nullDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return clock.FormatDate(t)
}

// nullTime is t for SQL, NULL when zero.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return clock.Format(t)
}

// lock takes the case row for the rest of the transaction (PostgreSQL; on
// SQLite the transaction already holds the write lock).
func lock(ctx context.Context, tx *db.Tx, instansiID, id int64) (Case, error) {
	if tx.Engine() == db.Postgres {
		var x int64
		err := tx.QueryRow(ctx, `SELECT id FROM case_file WHERE id = ? AND instansi_id = ? FOR UPDATE`, id, instansiID).Scan(&x)
		if errors.Is(db.NoRows(err), db.ErrNotFound) {
			return Case{}, ErrNotFound
		}
		if err != nil {
			return Case{}, fmt.Errorf("lock case: %w", err)
		}
	}
	return Get(ctx, tx, instansiID, id)
}

// authorize checks that p may take action a on c: the role table, the
// Bawaslu liaison's limit to cases referred to Bawaslu, the conflict of
// interest, then the state.
func (s *Service) authorize(ctx context.Context, q db.Querier, p Person, c Case, a Action) error {
	if err := s.CheckAccess(ctx, q, p, c); err != nil {
		return err
	}
	return Allowed(p.Role, a, c.Status)
}

// withCase runs fn in a transaction, on case id of the instansi locked for
// the rest of it (see lock), once p is authorized to take action op on it.
func (s *Service) withCase(ctx context.Context, p Person, instansiID, id int64, op Action, fn func(tx *db.Tx, c Case) error) error {
	return s.withCaseIn(ctx, p, instansiID, id, op, "", fn)
}

// withCaseIn is withCase that first refuses with [ErrStale] a case no
// longer in state expect (when expect is set), before the authorization.
func (s *Service) withCaseIn(ctx context.Context, p Person, instansiID, id int64, op Action, expect Status,
	fn func(tx *db.Tx, c Case) error) error {
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		c, err := lock(ctx, tx, instansiID, id)
		if err != nil {
			return err
		}
		if expect != "" && expect != c.Status {
			return ErrStale
		}
		if err := s.authorize(ctx, tx, p, c, op); err != nil {
			return err
		}
		return fn(tx, c)
	})
}

// record writes the timeline event, the audit entry and the outbox event
// of a change.
func (s *Service) record(ctx context.Context, tx *db.Tx, p Person, c Case, ev Event, before, after any, payload map[string]any) error {
	now := clock.Format(s.now())
	if _, err := tx.Exec(ctx, `INSERT INTO case_event (case_id, kind, action, from_status, to_status, note, detail, user_id, user_name, created_at)
		VALUES (?,?,?,?,?,?,?,?,?,?)`, c.ID, ev.Kind, string(ev.Action), string(ev.FromStatus), string(ev.ToStatus), ev.Note, ev.Detail,
		nullID(p.UserID), p.Name, now); err != nil {
		return fmt.Errorf("case event: %w", err)
	}
	action := "case." + ev.Kind
	if ev.Kind == "transition" {
		action = "case." + string(ev.Action)
	}
	if err := audit.Record(ctx, tx, p.Actor, audit.Event{InstansiID: c.InstansiID, Action: action, ObjectType: "case",
		ObjectID: fmt.Sprint(c.ID), Before: before, After: after}); err != nil {
		return err
	}
	if payload == nil {
		return nil
	}
	payload["number"] = c.Number
	payload["by"] = p.Name
	name := "case." + ev.Kind
	b, _ := json.Marshal(payload)
	var id int64
	if err := tx.QueryRow(ctx, `INSERT INTO case_outbox (instansi_id, case_id, event, payload, created_at) VALUES (?,?,?,?,?) RETURNING id`,
		c.InstansiID, c.ID, name, string(b), now).Scan(&id); err != nil {
		return fmt.Errorf("case outbox: %w", err)
	}
	if s.OnEvent != nil {
		return s.OnEvent(ctx, tx, OutboxEvent{ID: id, InstansiID: c.InstansiID, CaseID: c.ID, Event: name, Payload: payload,
			CreatedAt: clock.Parse(now)})
	}
	return nil
}

// startStep opens the step of state st (closing none) and returns its due date.
func (s *Service) startStep(ctx context.Context, tx *db.Tx, p Person, c Case, st Status, at time.Time) (time.Time, error) {
	var due time.Time
	var basis string
	if !st.Ended() {
		var ok bool
		var err error
		due, basis, ok, err = s.deadlines().Due(ctx, tx, c.InstansiID, StepKey{Status: st, Target: c.Referral.Target,
			ElectionType: c.Election.Type}, at)
		if err != nil {
			return due, fmt.Errorf("due date of %s: %w", st, err)
		}
		if !ok {
			due = time.Time{}
		}
	}
	ended := any(nil)
	if st.Ended() {
		ended = clock.Format(at)
	}
	_, err := tx.Exec(ctx, `INSERT INTO case_step (case_id, status, started_at, started_by_name, assignee_user_id, due_at, due_basis, ended_at)
		VALUES (?,?,?,?,?,?,?,?)`, c.ID, string(st), clock.Format(at), p.Name, nullID(c.AssigneeID), nullTime(due), basis, ended)
	if err != nil {
		return due, fmt.Errorf("case step: %w", err)
	}
	return due, nil
}

func endStep(ctx context.Context, tx *db.Tx, p Person, caseID int64, a Action, at time.Time) error {
	_, err := tx.Exec(ctx, `UPDATE case_step SET ended_at = ?, ended_by_name = ?, ended_action = ? WHERE case_id = ? AND ended_at IS NULL`,
		clock.Format(at), p.Name, string(a), caseID)
	if err != nil {
		return fmt.Errorf("case step: %w", err)
	}
	return nil
}

// hasReports reports whether a case has public reports among its sources.
func hasReports(ctx context.Context, q db.Querier, caseID int64) (bool, error) {
	var n int
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM case_source WHERE case_id = ? AND kind = ?`, caseID, SourceReport).Scan(&n); err != nil {
		return false, fmt.Errorf("case sources: %w", err)
	}
	return n > 0, nil
}

// tellReporters sets the public status of the case's reports (and adds the
// message), when it has any and reports are wired in.
func (s *Service) tellReporters(ctx context.Context, tx *db.Tx, c Case, public, message string) error {
	if s.Reports == nil || public == "" {
		return nil
	}
	ok, err := hasReports(ctx, tx, c.ID)
	if err != nil || !ok {
		return err
	}
	if err := s.Reports.SetStatusForCase(ctx, tx, c.InstansiID, c.ID, public, message); err != nil {
		return fmt.Errorf("tell reporters: %w", err)
	}
	return nil
}

// auditView is what the audit trail keeps of a case.
func auditView(c Case, src ...SourceInput) map[string]any {
	m := map[string]any{"number": c.Number, "title": c.Title, "status": c.Status, "assignee": c.AssigneeID,
		"employee": c.Accused.EmployeeID, "nip": c.Accused.NIP, "accused": c.Accused.Name, "position": c.Accused.Position,
		"unit": c.Accused.Unit, "act_date": nullDate(c.ActDate), "act_kind": c.ActKind, "election": c.Election.ID}
	for _, x := range src {
		m["source"] = map[string]any{"kind": x.Kind, "review_item": x.ReviewItemID, "report": x.ReportID, "links": x.Links}
	}
	return m
}
