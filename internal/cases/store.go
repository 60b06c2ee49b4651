package cases

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
)

// Person is someone acting on or looking at a case.
type Person struct {
	Actor      audit.Actor // who, for the audit trail
	UserID     int64
	Name       string // shown in the timeline
	Role       auth.Role
	EmployeeID int64 // the user's own employee record, 0 when none
	OPDID      int64 // the OPD a kepala OPD heads, 0 otherwise
}

// Service handles cases. DB is required; the other fields have defaults.
type Service struct {
	DB *db.DB
	// Reports links public reports to cases; nil: cases cannot have public
	// reports as sources and nothing is told to reporters.
	Reports ReportLinker
	// Deadlines computes due dates; nil: [WorkcalDeadliner].
	Deadlines Deadliner
	// Law is the matrix and sanction catalogue; nil: [MatrixLaw].
	Law Law
	// Now is the clock; nil: time.Now.
	Now func() time.Time
	// OnEvent, when set, is called inside the transaction of every change
	// with the event also written to the case_outbox table (a hook for
	// e-mail reminders and document generation).
	OnEvent func(ctx context.Context, tx *db.Tx, ev OutboxEvent) error
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// LawInUse returns the law the service suggests and validates with.
func (s *Service) LawInUse() Law {
	if s.Law == nil {
		return MatrixLaw{}
	}
	return s.Law
}

func (s *Service) deadlines() Deadliner {
	if s.Deadlines == nil {
		return WorkcalDeadliner{}
	}
	return s.Deadlines
}

// ReportsEnabled reports whether public reports are wired in.
func (s *Service) ReportsEnabled() bool { return s.Reports != nil }

const caseCols = `c.id, c.instansi_id, c.number, c.title, c.summary, c.status, c.outcome, c.end_reason,
	COALESCE(c.assignee_user_id, 0), COALESCE(NULLIF(u.full_name, ''), u.username, ''),
	COALESCE(c.employee_id, 0), c.accused_nip, c.accused_name, c.accused_position, c.accused_unit,
	COALESCE(c.accused_opd_id, 0), c.accused_basis,
	COALESCE(c.act_date, ''), c.act_kind, c.place, c.election_id, c.election_name, c.election_type, COALESCE(c.determined_on, ''),
	c.violation_code, c.finding, c.referral_target, c.referral_number, c.referral_note, COALESCE(c.referred_at, ''),
	c.rec_outcome, c.rec_number, COALESCE(c.rec_date, ''), c.rec_text, c.rec_sanction, c.rec_by_name, COALESCE(c.rec_at, ''),
	c.decision_sanction, c.decision_basis, c.decision_number, COALESCE(c.decision_date, ''), c.decision_by_name,
	COALESCE(c.decided_at, ''), c.decision_suggestion,
	COALESCE(c.merged_into, 0), COALESCE(m.number, ''), COALESCE(c.due_at, ''), c.created_by_name, c.created_at, c.updated_at,
	COALESCE(c.closed_at, ''), (SELECT COUNT(*) FROM case_source cs WHERE cs.case_id = c.id)`

const caseFrom = ` FROM case_file c LEFT JOIN app_user u ON u.id = c.assignee_user_id
	LEFT JOIN case_file m ON m.id = c.merged_into LEFT JOIN employee e ON e.id = c.employee_id`

// scanner is a row to read: *sql.Row or *sql.Rows.
type scanner interface{ Scan(...any) error }

// queryList runs query and reads every row of it with scan; what names the
// list in the error of the query.
func queryList[T any](ctx context.Context, q db.Querier, what string, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		x, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// inList returns the condition "col IN (?,…)" for vals and vals as its
// arguments.
func inList[T ~string](col string, vals []T) (string, []any) {
	ph := make([]string, len(vals))
	args := make([]any, len(vals))
	for i, v := range vals {
		ph[i], args[i] = "?", string(v)
	}
	return col + " IN (" + strings.Join(ph, ",") + ")", args
}

func scanCase(r scanner) (Case, error) {
	var c Case
	var status, act, det, refAt, recDate, recAt, decDate, decAt, due, created, updated, closed string
	err := r.Scan(&c.ID, &c.InstansiID, &c.Number, &c.Title, &c.Summary, &status, &c.Outcome, &c.EndReason,
		&c.AssigneeID, &c.AssigneeName,
		&c.Accused.EmployeeID, &c.Accused.NIP, &c.Accused.Name, &c.Accused.Position, &c.Accused.Unit,
		&c.Accused.OPDID, &c.Accused.Basis,
		&act, &c.ActKind, &c.Place, &c.Election.ID, &c.Election.Name, &c.Election.Type, &det,
		&c.ViolationCode, &c.Finding, &c.Referral.Target, &c.Referral.Number, &c.Referral.Note, &refAt,
		&c.Rec.Outcome, &c.Rec.Number, &recDate, &c.Rec.Text, &c.Rec.Sanction, &c.Rec.ByName, &recAt,
		&c.Decision.Sanction, &c.Decision.Basis, &c.Decision.Number, &decDate, &c.Decision.ByName,
		&decAt, &c.Decision.Suggestion,
		&c.MergedInto, &c.MergedNumber, &due, &c.CreatedByName, &created, &updated, &closed, &c.Sources)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return c, ErrNotFound
		}
		return c, fmt.Errorf("read case: %w", err)
	}
	c.Status = Status(status)
	c.ActDate, c.Election.DeterminedOn = clock.ParseDate(act), clock.ParseDate(det)
	c.Referral.At, c.Rec.Date, c.Rec.At = clock.Parse(refAt), clock.ParseDate(recDate), clock.Parse(recAt)
	c.Decision.Date, c.Decision.At = clock.ParseDate(decDate), clock.Parse(decAt)
	c.DueAt, c.CreatedAt, c.UpdatedAt, c.ClosedAt = clock.Parse(due), clock.Parse(created), clock.Parse(updated), clock.Parse(closed)
	return c, nil
}

// Get returns a case of the instansi, without any access check.
func Get(ctx context.Context, q db.Querier, instansiID, id int64) (Case, error) {
	return scanCase(q.QueryRow(ctx, `SELECT `+caseCols+caseFrom+` WHERE c.instansi_id = ? AND c.id = ?`, instansiID, id))
}

// GetByNumber returns a case of the instansi by its number.
func GetByNumber(ctx context.Context, q db.Querier, instansiID int64, number string) (Case, error) {
	return scanCase(q.QueryRow(ctx, `SELECT `+caseCols+caseFrom+` WHERE c.instansi_id = ? AND c.number = ?`, instansiID,
		strings.TrimSpace(number)))
}

// viewers are the roles that may look at cases at all; the Bawaslu liaison
// only at the cases referred to Bawaslu. It matches the cases.view and
// referred.view permissions of package auth (a test checks).
var viewers = []auth.Role{auth.RoleAdmin, auth.RoleKetuaTim, auth.RoleTim, auth.RoleInspektorat, auth.RolePimpinan, auth.RoleBawaslu}

// MayView reports whether role may look at cases at all.
func MayView(role auth.Role) bool {
	for _, r := range viewers {
		if r == role {
			return true
		}
	}
	return false
}

// ReferredToBawaslu reports whether a case was sent to Bawaslu: what the
// Bawaslu liaison may see.
func (c Case) ReferredToBawaslu() bool {
	return c.Referral.Target == TargetBawaslu && !c.Referral.At.IsZero()
}

// CheckAccess refuses p a case they may not see: [ErrNotFound] for a role
// that sees no cases or a Bawaslu liaison and a case not referred to
// Bawaslu (not confirming it exists), [ErrConflictInterest] for a person
// in the accused's unit or above it.
func (s *Service) CheckAccess(ctx context.Context, q db.Querier, p Person, c Case) error {
	if !MayView(p.Role) || (p.Role == auth.RoleBawaslu && !c.ReferredToBawaslu()) {
		return ErrNotFound
	}
	return refuseConflicted(ctx, q, p, c)
}

// View returns a case of the instansi that p may see.
func (s *Service) View(ctx context.Context, p Person, instansiID, id int64) (Case, error) {
	c, err := Get(ctx, s.DB, instansiID, id)
	if err != nil {
		return c, err
	}
	return c, s.CheckAccess(ctx, s.DB, p, c)
}

// Filter selects cases for [Service.List].
type Filter struct {
	InstansiID int64
	Statuses   []Status // none: every state
	AssigneeID int64    // > 0: that handler; -1: unassigned
	Overdue    bool     // only open cases past their step's due date at Now
	Now        time.Time
	ReferredTo string  // only cases referred to this target (the Bawaslu liaison: TargetBawaslu)
	EmployeeID int64   // only cases about this employee
	Viewer     *Person // leave out the cases the viewer has a conflict of interest with
	Query      string  // part of the number, title or the accused's name or NIP
	Limit      int     // default 50, at most 1000
	Cursor     string  // Next of the previous page
}

// Page is one page of cases, newest first.
type Page struct {
	Items []Case
	Total int
	Next  string
}

// ErrBadCursor is returned for a malformed cursor.
var ErrBadCursor = errors.New("bad cursor")

// List returns the cases matching f, newest first.
func (s *Service) List(ctx context.Context, f Filter) (Page, error) {
	var where []string
	var args []any
	add := func(cond string, a ...any) { where = append(where, cond); args = append(args, a...) }
	add("c.instansi_id = ?", f.InstansiID)
	if len(f.Statuses) > 0 {
		cond, a := inList("c.status", f.Statuses)
		add(cond, a...)
	}
	switch {
	case f.AssigneeID > 0:
		add("c.assignee_user_id = ?", f.AssigneeID)
	case f.AssigneeID < 0:
		add("c.assignee_user_id IS NULL")
	}
	if f.Overdue {
		now := f.Now
		if now.IsZero() {
			now = s.now()
		}
		add("c.due_at IS NOT NULL AND c.due_at < ?", clock.Format(now))
	}
	if f.ReferredTo != "" {
		add("c.referral_target = ? AND c.referred_at IS NOT NULL", f.ReferredTo)
	}
	if f.EmployeeID != 0 {
		add("c.employee_id = ?", f.EmployeeID)
	}
	if q := strings.ToLower(strings.TrimSpace(f.Query)); q != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(q) + "%"
		add(`(LOWER(c.number) LIKE ? ESCAPE '\' OR LOWER(c.title) LIKE ? ESCAPE '\' OR LOWER(c.accused_name) LIKE ? ESCAPE '\' OR c.accused_nip LIKE ? ESCAPE '\')`,
			like, like, like, like)
	}
	if f.Viewer != nil {
		cond, a, err := conflictExclusion(ctx, s.DB, f.InstansiID, *f.Viewer)
		if err != nil {
			return Page{}, err
		}
		if cond != "" {
			add(cond, a...)
		}
	}
	var total int
	if err := s.DB.QueryRow(ctx, `SELECT COUNT(*) FROM case_file c LEFT JOIN employee e ON e.id = c.employee_id WHERE `+
		strings.Join(where, " AND "), args...).Scan(&total); err != nil {
		return Page{}, fmt.Errorf("count cases: %w", err)
	}
	if f.Cursor != "" {
		id, err := strconv.ParseInt(f.Cursor, 10, 64)
		if err != nil || id <= 0 {
			return Page{}, ErrBadCursor
		}
		add("c.id < ?", id)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 1000)
	rows, err := s.DB.Query(ctx, `SELECT `+caseCols+caseFrom+` WHERE `+strings.Join(where, " AND ")+
		` ORDER BY c.id DESC LIMIT `+strconv.Itoa(limit+1), args...)
	if err != nil {
		return Page{}, fmt.Errorf("list cases: %w", err)
	}
	defer rows.Close()
	p := Page{Total: total}
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return Page{}, err
		}
		p.Items = append(p.Items, c)
	}
	if err := rows.Err(); err != nil {
		return Page{}, fmt.Errorf("list cases: %w", err)
	}
	if len(p.Items) > limit {
		p.Items = p.Items[:limit]
		p.Next = strconv.FormatInt(p.Items[limit-1].ID, 10)
	}
	return p, nil
}

// Counts returns the number of cases per state, and of overdue open cases
// under the key "overdue", for the filter's instansi and viewer.
func (s *Service) Counts(ctx context.Context, f Filter) (map[string]int, error) {
	where := "c.instansi_id = ?"
	args := []any{f.InstansiID}
	if f.ReferredTo != "" {
		where += " AND c.referral_target = ? AND c.referred_at IS NOT NULL"
		args = append(args, f.ReferredTo)
	}
	if f.Viewer != nil {
		cond, a, err := conflictExclusion(ctx, s.DB, f.InstansiID, *f.Viewer)
		if err != nil {
			return nil, err
		}
		if cond != "" {
			where += " AND " + cond
			args = append(args, a...)
		}
	}
	now := f.Now
	if now.IsZero() {
		now = s.now()
	}
	rows, err := s.DB.Query(ctx, `SELECT c.status, COUNT(*), SUM(CASE WHEN c.due_at IS NOT NULL AND c.due_at < ? THEN 1 ELSE 0 END)
		FROM case_file c LEFT JOIN employee e ON e.id = c.employee_id WHERE `+where+` GROUP BY c.status`,
		append([]any{clock.Format(now)}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("count cases: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var st string
		var n, late int
		if err := rows.Scan(&st, &n, &late); err != nil {
			return nil, err
		}
		out[st] = n
		out["overdue"] += late
	}
	return out, rows.Err()
}

// Steps returns the steps of a case, oldest first.
func Steps(ctx context.Context, q db.Querier, caseID int64) ([]Step, error) {
	return queryList(ctx, q, "case steps", func(r scanner) (Step, error) {
		var st Step
		var status, started, due, ended string
		if err := r.Scan(&st.ID, &status, &started, &st.StartedBy, &st.AssigneeID, &st.AssigneeName, &due, &st.DueBasis,
			&ended, &st.EndedBy, &st.EndedAction); err != nil {
			return st, err
		}
		st.Status, st.StartedAt, st.DueAt, st.EndedAt = Status(status), clock.Parse(started), clock.Parse(due), clock.Parse(ended)
		return st, nil
	}, `SELECT s.id, s.status, s.started_at, s.started_by_name, COALESCE(s.assignee_user_id, 0),
		COALESCE(NULLIF(u.full_name, ''), u.username, ''), COALESCE(s.due_at, ''), s.due_basis, COALESCE(s.ended_at, ''),
		s.ended_by_name, s.ended_action
		FROM case_step s LEFT JOIN app_user u ON u.id = s.assignee_user_id WHERE s.case_id = ? ORDER BY s.id`, caseID)
}

// Sources returns the sources of a case, oldest first.
func Sources(ctx context.Context, q db.Querier, caseID int64) ([]Source, error) {
	return queryList(ctx, q, "case sources", func(r scanner) (Source, error) {
		var x Source
		var links, created string
		if err := r.Scan(&x.ID, &x.Kind, &x.ReviewItemID, &x.ReportID, &x.Description, &links, &x.MergedFrom,
			&x.AddedBy, &created); err != nil {
			return x, err
		}
		_ = json.Unmarshal([]byte(links), &x.Links)
		x.CreatedAt = clock.Parse(created)
		return x, nil
	}, `SELECT id, kind, COALESCE(review_item_id, 0), COALESCE(report_id, 0), description, links,
		COALESCE(merged_from, 0), added_by_name, created_at FROM case_source WHERE case_id = ? ORDER BY id`, caseID)
}

// Notes returns the notes of a case of the given audiences (none: all),
// oldest first.
func Notes(ctx context.Context, q db.Querier, caseID int64, audiences ...string) ([]Note, error) {
	query := `SELECT id, audience, body, refs, COALESCE(user_id, 0), user_name, created_at FROM case_note WHERE case_id = ?`
	args := []any{caseID}
	if len(audiences) > 0 {
		cond, a := inList("audience", audiences)
		query += " AND " + cond
		args = append(args, a...)
	}
	return queryList(ctx, q, "case notes", func(r scanner) (Note, error) {
		var n Note
		var created string
		if err := r.Scan(&n.ID, &n.Audience, &n.Body, &n.Refs, &n.UserID, &n.UserName, &created); err != nil {
			return n, err
		}
		n.CreatedAt = clock.Parse(created)
		return n, nil
	}, query+` ORDER BY id`, args...)
}

// Summonses returns the summonses of a case in order.
func Summonses(ctx context.Context, q db.Querier, caseID int64) ([]Summons, error) {
	return queryList(ctx, q, "case summonses", func(r scanner) (Summons, error) {
		var x Summons
		var sched, mat, created string
		if err := r.Scan(&x.ID, &x.Seq, &x.LetterNumber, &sched, &x.Place, &x.Note, &x.Attended, &x.Minutes, &mat,
			&x.CreatedBy, &created); err != nil {
			return x, err
		}
		x.ScheduledAt, x.MinutesAt, x.CreatedAt = clock.Parse(sched), clock.Parse(mat), clock.Parse(created)
		return x, nil
	}, `SELECT id, seq, letter_number, scheduled_at, place, note, attended, minutes,
		COALESCE(minutes_at, ''), created_by_name, created_at FROM case_summons WHERE case_id = ? ORDER BY seq`, caseID)
}

// Events returns the timeline of a case, oldest first.
func Events(ctx context.Context, q db.Querier, caseID int64) ([]Event, error) {
	return queryList(ctx, q, "case events", func(r scanner) (Event, error) {
		var ev Event
		var from, to, created string
		if err := r.Scan(&ev.ID, &ev.Kind, &ev.Action, &from, &to, &ev.Note, &ev.Detail, &ev.UserID, &ev.UserName,
			&created); err != nil {
			return ev, err
		}
		ev.FromStatus, ev.ToStatus, ev.CreatedAt = Status(from), Status(to), clock.Parse(created)
		return ev, nil
	}, `SELECT id, kind, action, from_status, to_status, note, detail, COALESCE(user_id, 0), user_name,
		created_at FROM case_event WHERE case_id = ? ORDER BY id`, caseID)
}

// SanctionHistory returns the cases about an employee in which the PPK
// imposed a sanction, newest decision first.
func SanctionHistory(ctx context.Context, q db.Querier, instansiID, employeeID int64) ([]Case, error) {
	return queryList(ctx, q, "sanction history", scanCase, `SELECT `+caseCols+caseFrom+` WHERE c.instansi_id = ? AND c.employee_id = ?
		AND c.decision_sanction <> '' AND c.decision_sanction <> ? AND c.status IN (?, ?)
		ORDER BY c.decided_at DESC, c.id DESC`, instansiID, employeeID, NotProven, string(Decided), string(Closed))
}

// Suggest returns the matrix's suggestion for a case, when its act kind is
// known.
func (s *Service) Suggest(c Case) (Suggestion, bool) {
	if c.ActKind == "" {
		return Suggestion{}, false
	}
	return s.LawInUse().Suggest(c.ActDate, c.Election.DeterminedOn, c.ActKind)
}

// OutboxEvent is a change for consumers outside the request.
type OutboxEvent struct {
	ID         int64
	InstansiID int64
	CaseID     int64
	Event      string         // case.opened, case.transition, case.assigned, case.message, case.summons, case.merged
	Payload    map[string]any // number, action, from, to, assignee_id, due_at, audience…
	CreatedAt  time.Time
}

// PendingEvents returns up to limit outbox events not yet marked
// processed, oldest first.
func PendingEvents(ctx context.Context, q db.Querier, limit int) ([]OutboxEvent, error) {
	return queryList(ctx, q, "case outbox", func(r scanner) (OutboxEvent, error) {
		var ev OutboxEvent
		var payload, created string
		if err := r.Scan(&ev.ID, &ev.InstansiID, &ev.CaseID, &ev.Event, &payload, &created); err != nil {
			return ev, err
		}
		_ = json.Unmarshal([]byte(payload), &ev.Payload)
		ev.CreatedAt = clock.Parse(created)
		return ev, nil
	}, `SELECT id, instansi_id, case_id, event, payload, created_at FROM case_outbox
		WHERE processed_at IS NULL ORDER BY id LIMIT `+strconv.Itoa(max(limit, 1)))
}

// MarkProcessed marks outbox events as handled.
func MarkProcessed(ctx context.Context, q db.Querier, at time.Time, ids ...int64) error {
	for _, id := range ids {
		if _, err := q.Exec(ctx, `UPDATE case_outbox SET processed_at = ? WHERE id = ? AND processed_at IS NULL`,
			clock.Format(at), id); err != nil {
			return fmt.Errorf("case outbox: %w", err)
		}
	}
	return nil
}
