// Package casenotify turns the changes of case handling (package cases) into
// e-mail notifications (package notify):
//
//   - a case assigned to a handler (when it is opened with a handler or
//     (re)assigned) → [notify.CaseAssigned] to the handler;
//   - a step that changes the public status of the case's reports →
//     [notify.ReporterUpdate] to each reporter who left an e-mail address
//     (read from the sealed identity with [reports.ReporterContact], queued
//     Private so the address is stored only sealed);
//   - every hour, a step due tomorrow or overdue → [notify.StepReminder] to
//     the step's handler and to the chair (the instansi's ketua_tim users),
//     once per step, recipient and day.
//
// Staff accounts have no e-mail address of their own: a user is mailed at
// the address of the employee (pegawai) the account is linked to; a user
// without one is skipped with a log line.
//
// [Hook.OnEvent] runs inside the transaction of the case change (it is the
// [cases.Service] OnEvent hook), so the e-mails are queued exactly when the
// change commits; it marks the case_outbox event processed in that same
// transaction.
package casenotify

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/cases"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/i18n"
	"github.com/netral-asn/netral/internal/notify"
	"github.com/netral-asn/netral/internal/reports"
	"github.com/netral-asn/netral/internal/sealbox"
	"github.com/netral-asn/netral/internal/workcal"
)

// ReminderName is the name under which the case reminders are registered
// with package notify.
const ReminderName = "cases"

// Hook queues the e-mails of case changes. The zero value works: messages
// are queued through a nil *notify.Notifier (they wait in the outbox for a
// process that runs the queue), reporters are skipped without ReportKey.
type Hook struct {
	// Notify queues the messages; nil still writes them to the outbox.
	Notify *notify.Notifier
	// ReportKey opens the sealed contact of public reporters; nil: no
	// reporter is mailed.
	ReportKey *sealbox.Box
	// Log receives the skipped recipients; nil: slog.Default().
	Log *slog.Logger
	// Now is the clock; nil: time.Now.
	Now func() time.Time
}

func (h *Hook) log() *slog.Logger {
	if h == nil || h.Log == nil {
		return slog.Default()
	}
	return h.Log
}

func (h *Hook) now() time.Time {
	if h == nil || h.Now == nil {
		return time.Now().UTC()
	}
	return h.Now().UTC()
}

// OnEvent is the cases.Service OnEvent hook: it queues the e-mails of ev in
// tx and marks ev processed. Only database errors are returned (they roll
// the change back); a recipient without a usable address is skipped.
func (h *Hook) OnEvent(ctx context.Context, tx *db.Tx, ev cases.OutboxEvent) error {
	var err error
	switch ev.Event {
	case "case.open", "case.assign":
		if uid := payloadInt(ev.Payload, "assignee_id"); uid != 0 {
			err = h.assigned(ctx, tx, ev, uid)
		}
	case "case.transition":
		from := cases.PublicStatus(cases.Status(payloadString(ev.Payload, "from")))
		to := cases.PublicStatus(cases.Status(payloadString(ev.Payload, "to")))
		if to != "" && to != from {
			err = h.reporterUpdate(ctx, tx, ev, to, "")
		}
	case "case.note":
		if payloadString(ev.Payload, "audience") == cases.NoteReporter {
			err = h.reporterMessage(ctx, tx, ev, payloadInt(ev.Payload, "note_id"))
		}
	}
	if err != nil {
		return fmt.Errorf("case e-mails of %s: %w", ev.Event, err)
	}
	if err := cases.MarkProcessed(ctx, tx, h.now(), ev.ID); err != nil {
		return fmt.Errorf("case e-mails of %s: %w", ev.Event, err)
	}
	return nil
}

// staff is a user to be mailed.
type staff struct {
	ID    int64
	Name  string
	Lang  string
	Email string
}

// userByID returns the active user uid of the instansi with the e-mail of
// their linked employee (Email "" when there is none).
func userByID(ctx context.Context, q db.Querier, instansiID, uid int64) (staff, bool, error) {
	rows, err := usersWhere(ctx, q, `u.instansi_id = ? AND u.id = ?`, instansiID, uid)
	if err != nil || len(rows) == 0 {
		return staff{}, false, err
	}
	return rows[0], true, nil
}

// chairs returns the active ketua_tim users of the instansi.
func chairs(ctx context.Context, q db.Querier, instansiID int64) ([]staff, error) {
	return usersWhere(ctx, q, `u.instansi_id = ? AND u.role = ?`, instansiID, string(auth.RoleKetuaTim))
}

func usersWhere(ctx context.Context, q db.Querier, where string, args ...any) ([]staff, error) {
	rows, err := q.Query(ctx, `SELECT u.id, u.full_name, u.username, u.lang, COALESCE(e.email, '')
		FROM app_user u LEFT JOIN employee e ON e.id = u.employee_id AND e.instansi_id = u.instansi_id
		WHERE u.disabled = 0 AND `+where+` ORDER BY u.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("users to mail: %w", err)
	}
	defer rows.Close()
	var out []staff
	for rows.Next() {
		var s staff
		var username string
		if err := rows.Scan(&s.ID, &s.Name, &username, &s.Lang, &s.Email); err != nil {
			return nil, fmt.Errorf("users to mail: %w", err)
		}
		if strings.TrimSpace(s.Name) == "" {
			s.Name = username
		}
		s.Email = strings.TrimSpace(s.Email)
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("users to mail: %w", err)
	}
	return out, nil
}

// validAddress reports whether a is a bare e-mail address.
func validAddress(a string) bool {
	if a == "" || len(a) > notify.MaxAddressLen {
		return false
	}
	p, err := mail.ParseAddress(a)
	return err == nil && p.Address == a
}

// assigned queues CaseAssigned to user uid.
func (h *Hook) assigned(ctx context.Context, tx *db.Tx, ev cases.OutboxEvent, uid int64) error {
	u, ok, err := userByID(ctx, tx, ev.InstansiID, uid)
	if err != nil {
		return err
	}
	if !ok || !validAddress(u.Email) {
		h.log().Info("case assigned: handler not mailed (no linked employee with an e-mail address)",
			"case_id", ev.CaseID, "user_id", uid)
		return nil
	}
	c, err := cases.Get(ctx, tx, ev.InstansiID, ev.CaseID)
	if err != nil {
		return err
	}
	msg := notify.CaseAssigned{CaseID: c.ID, CaseNumber: c.Number, Title: c.Title, Recipient: u.Name,
		AssignedBy: payloadString(ev.Payload, "by"), Step: stepLabel(c.Status, u.Lang), Due: c.DueAt,
		Link: h.Notify.Link("/perkara/" + strconv.FormatInt(c.ID, 10))}.Message(u.Lang)
	msg.InstansiID, msg.To = ev.InstansiID, u.Email
	msg.DedupeKey = "case_event:" + strconv.FormatInt(ev.ID, 10) + ":user:" + strconv.FormatInt(uid, 10)
	return h.enqueue(ctx, tx, msg)
}

// reporterUpdate queues ReporterUpdate to each reporter of the case who
// left an e-mail address.
func (h *Hook) reporterUpdate(ctx context.Context, tx *db.Tx, ev cases.OutboxEvent, public, note string) error {
	if h.ReportKey == nil {
		return nil
	}
	rows, err := tx.Query(ctx, `SELECT id, receipt, lang FROM public_report
		WHERE instansi_id = ? AND case_id = ? AND identity <> 'anonymous' AND has_contact = 1 ORDER BY id`,
		ev.InstansiID, ev.CaseID)
	if err != nil {
		return fmt.Errorf("reports of case: %w", err)
	}
	type rep struct {
		id            int64
		receipt, lang string
	}
	var reps []rep
	for rows.Next() {
		var r rep
		if err := rows.Scan(&r.id, &r.receipt, &r.lang); err != nil {
			rows.Close()
			return fmt.Errorf("reports of case: %w", err)
		}
		reps = append(reps, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reports of case: %w", err)
	}
	for _, r := range reps {
		id, err := reports.ReporterContact(ctx, tx, h.ReportKey, ev.InstansiID, r.id)
		if err != nil {
			// A key that cannot open the identity (rotated, wrong file)
			// must not block the case: log without any personal data.
			h.log().Warn("reporter not mailed: contact cannot be opened", "report_id", r.id, "err", err)
			continue
		}
		to := strings.TrimSpace(id.Email)
		if !validAddress(to) {
			continue // left only a phone number, or nothing usable
		}
		msg := notify.ReporterUpdate{ReportID: r.id, Receipt: r.receipt, Status: reports.StatusLabel(public, r.lang),
			Note: note, Link: h.Notify.Link("/lapor/status")}.Message(r.lang)
		msg.InstansiID, msg.To, msg.Private = ev.InstansiID, to, true
		msg.DedupeKey = "case_event:" + strconv.FormatInt(ev.ID, 10) + ":report:" + strconv.FormatInt(r.id, 10)
		if err := h.enqueue(ctx, tx, msg); err != nil {
			return err
		}
	}
	return nil
}

// reporterMessage queues ReporterUpdate carrying the team's message
// noteID (written to the reporters of the case) with the case's current
// public status.
func (h *Hook) reporterMessage(ctx context.Context, tx *db.Tx, ev cases.OutboxEvent, noteID int64) error {
	if h.ReportKey == nil || noteID == 0 {
		return nil
	}
	var body string
	err := tx.QueryRow(ctx, `SELECT body FROM case_note WHERE id = ? AND case_id = ?`, noteID, ev.CaseID).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("message to reporters: %w", err)
	}
	c, err := cases.Get(ctx, tx, ev.InstansiID, ev.CaseID)
	if err != nil {
		return err
	}
	public := cases.PublicStatus(c.Status)
	if public == "" {
		return nil
	}
	return h.reporterUpdate(ctx, tx, ev, public, body)
}

// enqueue queues m; an invalid message (which a check above should have
// caught) is logged, not returned, so that it cannot undo the case change.
func (h *Hook) enqueue(ctx context.Context, tx *db.Tx, m notify.Message) error {
	_, err := h.Notify.Enqueue(ctx, tx, m)
	if err != nil && errors.Is(err, notify.ErrInvalid) {
		h.log().Warn("case e-mail not queued", "template", m.Template, "object_type", m.ObjectType,
			"object_id", m.ObjectID, "err", err)
		return nil
	}
	return err
}

// stepLabel is the name of a case state in lang.
func stepLabel(s cases.Status, lang string) string {
	return i18n.For(lang).T("case.status." + string(s))
}

func payloadInt(p map[string]any, k string) int64 {
	switch v := p[k].(type) {
	case int64:
		return v
	case int:
		return int64(v)
	case float64:
		return int64(v)
	case string:
		n, _ := strconv.ParseInt(v, 10, 64)
		return n
	}
	return 0
}

func payloadString(p map[string]any, k string) string {
	switch v := p[k].(type) {
	case nil:
		return ""
	case string:
		return v
	case fmt.Stringer:
		return v.String()
	default:
		return fmt.Sprint(v)
	}
}

// --- reminders ---

var (
	registerOnce sync.Once
	reminderLink atomic.Pointer[notify.Notifier]
)

// Register registers the case reminders with package notify (once per
// process, under ReminderName); links in the messages are built with n
// (the last one given wins; nil gives paths without a host).
func Register(n *notify.Notifier) {
	reminderLink.Store(n)
	registerOnce.Do(func() {
		notify.RegisterReminder(ReminderName, func(ctx context.Context, d *db.DB, now time.Time) ([]notify.Message, error) {
			return Reminders(ctx, d, reminderLink.Load(), now)
		})
	})
}

// Reminders returns the reminders due at now: for every open step of an
// open case due tomorrow (in the instansi calendar's time zone) or already
// overdue, a StepReminder to the step's handler and to each chair
// (ketua_tim) of the instansi. Each carries a DedupeKey naming the step,
// the kind, the recipient and the day, so each is mailed once a day at
// most (a due-tomorrow reminder once). Users without an e-mail address (no
// linked employee with one) are skipped. n builds links (nil: paths).
func Reminders(ctx context.Context, d *db.DB, n *notify.Notifier, now time.Time) ([]notify.Message, error) {
	now = now.UTC()
	open := cases.OpenStatuses()
	ph := strings.TrimSuffix(strings.Repeat("?,", len(open)), ",")
	args := []any{clock.Format(now.Add(72 * time.Hour))}
	for _, s := range open {
		args = append(args, string(s))
	}
	rows, err := d.Query(ctx, `SELECT s.id, s.status, s.due_at, COALESCE(s.assignee_user_id, c.assignee_user_id, 0),
		c.id, c.instansi_id, c.number, c.title
		FROM case_step s JOIN case_file c ON c.id = s.case_id
		WHERE s.ended_at IS NULL AND s.due_at IS NOT NULL AND s.due_at <= ? AND c.status IN (`+ph+`)
		ORDER BY c.instansi_id, s.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("case reminders: %w", err)
	}
	type step struct {
		id, assignee, caseID, instansiID int64
		status, due, number, title       string
	}
	var steps []step
	for rows.Next() {
		var s step
		if err := rows.Scan(&s.id, &s.status, &s.due, &s.assignee, &s.caseID, &s.instansiID, &s.number, &s.title); err != nil {
			rows.Close()
			return nil, fmt.Errorf("case reminders: %w", err)
		}
		steps = append(steps, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("case reminders: %w", err)
	}
	var out []notify.Message
	locs := map[int64]*time.Location{}
	chairsOf := map[int64][]staff{}
	for _, s := range steps {
		loc, ok := locs[s.instansiID]
		if !ok {
			cal, err := workcal.Load(ctx, d, s.instansiID)
			if err != nil {
				return nil, fmt.Errorf("case reminders: calendar: %w", err)
			}
			loc = cal.Location
			if loc == nil {
				loc = workcal.WIB
			}
			locs[s.instansiID] = loc
		}
		due := clock.Parse(s.due)
		if due.IsZero() {
			continue
		}
		today := now.In(loc).Format(time.DateOnly)
		tomorrow := now.In(loc).AddDate(0, 0, 1).Format(time.DateOnly)
		overdue := now.After(due)
		if !overdue && due.In(loc).Format(time.DateOnly) != tomorrow {
			continue
		}
		kind, day := "due", due.In(loc).Format(time.DateOnly)
		if overdue {
			kind, day = "overdue", today
		}
		var handler staff
		if s.assignee != 0 {
			u, ok, err := userByID(ctx, d, s.instansiID, s.assignee)
			if err != nil {
				return nil, fmt.Errorf("case reminders: %w", err)
			}
			if ok {
				handler = u
			}
		}
		link := n.Link("/perkara/" + strconv.FormatInt(s.caseID, 10))
		mk := func(u staff, forChair bool) {
			if !validAddress(u.Email) {
				slog.Default().Info("case reminder: user not mailed (no linked employee with an e-mail address)",
					"case_id", s.caseID, "step_id", s.id, "user_id", u.ID)
				return
			}
			m := notify.StepReminder{CaseID: s.caseID, CaseNumber: s.number, Title: s.title,
				Step: stepLabel(cases.Status(s.status), u.Lang), Due: due, Overdue: overdue, ForChair: forChair,
				Recipient: u.Name, Handler: handler.Name, Link: link}.Message(u.Lang)
			m.InstansiID, m.To = s.instansiID, u.Email
			m.DedupeKey = "step:" + strconv.FormatInt(s.id, 10) + ":" + kind + ":" + day + ":user:" + strconv.FormatInt(u.ID, 10)
			out = append(out, m)
		}
		if handler.ID != 0 {
			mk(handler, false)
		}
		cs, ok := chairsOf[s.instansiID]
		if !ok {
			if cs, err = chairs(ctx, d, s.instansiID); err != nil {
				return nil, fmt.Errorf("case reminders: %w", err)
			}
			chairsOf[s.instansiID] = cs
		}
		for _, c := range cs {
			if c.ID != handler.ID {
				mk(c, true)
			}
		}
	}
	return out, nil
}
