package casenotify_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/casenotify"
	"github.com/netral-asn/netral/internal/cases"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/db/dbtest"
	"github.com/netral-asn/netral/internal/notify"
	"github.com/netral-asn/netral/internal/registry"
	"github.com/netral-asn/netral/internal/reports"
	"github.com/netral-asn/netral/internal/sealbox"
	"github.com/netral-asn/netral/internal/tenant"
)

var sys = audit.System("test")

// linker links cases to the real public reports.
type linker struct{}

func (linker) AttachCase(ctx context.Context, tx *db.Tx, a audit.Actor, inst, rep, c int64) error {
	return reports.AttachCase(ctx, tx, a, inst, rep, c)
}
func (linker) SetStatusForCase(ctx context.Context, tx *db.Tx, inst, c int64, st, msg string) error {
	return reports.SetStatusForCase(ctx, tx, inst, c, st, msg)
}
func (linker) MoveCase(ctx context.Context, tx *db.Tx, a audit.Actor, inst, from, to int64) error {
	return reports.MoveCase(ctx, tx, a, inst, from, to)
}

type outboxRow struct {
	Recipient, Sealed, Template, Subject, Body, ObjectType, ObjectID, Dedupe string
	Private                                                                  bool
}

func outbox(t *testing.T, d *db.DB) []outboxRow {
	t.Helper()
	rows, err := d.Query(context.Background(), `SELECT recipient, recipient_sealed, template, subject, body, object_type,
		object_id, COALESCE(dedupe_key, ''), private FROM email_outbox ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []outboxRow
	for rows.Next() {
		var r outboxRow
		var priv int
		if err := rows.Scan(&r.Recipient, &r.Sealed, &r.Template, &r.Subject, &r.Body, &r.ObjectType, &r.ObjectID, &r.Dedupe, &priv); err != nil {
			t.Fatal(err)
		}
		r.Private = priv == 1
		out = append(out, r)
	}
	return out
}

func TestCaseEmails(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t)
	now := time.Date(2024, 10, 7, 2, 0, 0, 0, time.UTC) // Monday 09:00 WIB
	box, err := sealbox.New(sealbox.GenerateKey())
	if err != nil {
		t.Fatal(err)
	}
	n, err := notify.New(d, notify.Config{Sealer: box, BaseURL: "https://netral.example.go.id", Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	hook := &casenotify.Hook{Notify: n, ReportKey: box, Now: func() time.Time { return now }}
	svc := &cases.Service{DB: d, Reports: linker{}, Now: func() time.Time { return now }, OnEvent: hook.OnEvent}

	var inst int64
	if err := d.InTx(ctx, func(tx *db.Tx) error {
		i, err := tenant.Create(ctx, tx, sys, "99.01", "Kabupaten Uji", tenant.KindKabupaten)
		inst = i.ID
		return err
	}); err != nil {
		t.Fatal(err)
	}
	reg := &registry.Store{DB: d}
	o, err := reg.SaveOPD(ctx, sys, registry.OPD{InstansiID: inst, Code: "1.00", Name: "Inspektorat", Kind: "dinas"})
	if err != nil {
		t.Fatal(err)
	}
	emp := func(nip, name, email string) int64 {
		e, err := reg.SaveEmployee(ctx, sys, registry.Employee{InstansiID: inst, NIP: nip, Name: name, Jabatan: "Auditor",
			OPDID: o.ID, Email: email}, now.AddDate(-1, 0, 0), "test")
		if err != nil {
			t.Fatal(err)
		}
		return e.ID
	}
	eKetua := emp("197001011995031001", "Ketua Tim", "ketua@example.go.id")
	eTim := emp("198001012005011002", "Anggota Tim", "tim@example.go.id")
	people := map[string]cases.Person{}
	if err := d.InTx(ctx, func(tx *db.Tx) error {
		for _, u := range []struct {
			name string
			role auth.Role
			emp  int64
		}{{"ketua", auth.RoleKetuaTim, eKetua}, {"tim", auth.RoleTim, eTim}, {"tanpa", auth.RoleTim, 0}} {
			id, err := auth.CreateUser(ctx, tx, sys, auth.User{InstansiID: inst, Username: u.name, FullName: "Pengguna " + u.name,
				Role: u.role, EmployeeID: u.emp}, "rahasia-uji-123")
			if err != nil {
				return err
			}
			people[u.name] = cases.Person{Actor: audit.Actor{UserID: id, Name: u.name, InstansiID: inst}, UserID: id,
				Name: "Pengguna " + u.name, Role: u.role, EmployeeID: u.emp}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	// Two reports: one confidential with an e-mail, one anonymous.
	rec, err := reports.Submit(ctx, d, box, reports.Submission{InstansiID: inst, Description: "Kepala bidang mengajak memilih calon di rapat dinas.",
		Identity: "confidential", Reporter: reports.Identity{Name: "Pelapor Rahasia", Email: "pelapor@example.org"},
		Channel: "web", Lang: "id", Reported: reports.Person{Name: "Budi Santoso", Unit: "Dinas Pendidikan"}})
	if err != nil {
		t.Fatal(err)
	}
	anon, err := reports.Submit(ctx, d, box, reports.Submission{InstansiID: inst, Description: "Kepala bidang berkampanye di media sosial.",
		Identity: "anonymous", Channel: "web", Lang: "id", Reported: reports.Person{Name: "Budi Santoso", Unit: "Dinas Pendidikan"}})
	if err != nil {
		t.Fatal(err)
	}

	// Opened with a handler → CaseAssigned to the handler's employee e-mail.
	c, err := svc.Open(ctx, people["ketua"], cases.OpenInput{InstansiID: inst, AssigneeID: people["tim"].UserID,
		Details: cases.Details{Title: "Ajakan memilih di rapat dinas"},
		Source:  cases.SourceInput{Kind: cases.SourceReport, ReportID: rec.Report.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.AddSource(ctx, people["ketua"], inst, c.ID, cases.SourceInput{Kind: cases.SourceReport, ReportID: anon.Report.ID}); err != nil {
		t.Fatal(err)
	}
	got := outbox(t, d)
	if len(got) != 1 || got[0].Template != notify.TemplateCaseAssigned || got[0].Recipient != "tim@example.go.id" ||
		!strings.Contains(got[0].Body, c.Number) || !strings.Contains(got[0].Body, "https://netral.example.go.id/perkara/") {
		t.Fatalf("after open: %+v", got)
	}
	// Reassigned to a user without e-mail: nothing queued, the change goes through.
	if err := svc.Assign(ctx, people["ketua"], inst, c.ID, people["tanpa"].UserID); err != nil {
		t.Fatal(err)
	}
	if got := outbox(t, d); len(got) != 1 {
		t.Fatalf("assign to a user without e-mail queued %d", len(got)-1)
	}
	if err := svc.Assign(ctx, people["ketua"], inst, c.ID, people["tim"].UserID); err != nil {
		t.Fatal(err)
	}

	// verify: received → in_review: the reporter with an e-mail is told,
	// sealed; the anonymous one is not.
	if _, err := svc.Transition(ctx, people["tim"], inst, c.ID, cases.TransitionInput{Action: cases.ActVerify}); err != nil {
		t.Fatal(err)
	}
	got = outbox(t, d)
	if len(got) != 3 {
		t.Fatalf("after verify: %d messages: %+v", len(got), got)
	}
	ru := got[2]
	if ru.Template != notify.TemplateReporterUpdate || !ru.Private || ru.Recipient != "" || ru.Sealed == "" ||
		!strings.Contains(ru.Body, rec.Receipt) || ru.ObjectType != "report" {
		t.Fatalf("reporter update: %+v", ru)
	}
	for _, r := range got {
		if strings.Contains(r.Sealed+r.Body+r.Subject+r.Recipient, "pelapor@example.org") {
			t.Fatalf("reporter's address in clear in the outbox: %+v", r)
		}
	}
	// A message to the reporters is mailed with its text.
	if err := svc.AddNote(ctx, people["tim"], inst, c.ID, cases.NoteInput{Audience: cases.NoteReporter,
		Body: "Mohon kirimkan foto aslinya."}); err != nil {
		t.Fatal(err)
	}
	// An internal note is not.
	if err := svc.AddNote(ctx, people["tim"], inst, c.ID, cases.NoteInput{Audience: cases.NoteInternal,
		Body: "Catatan internal tim."}); err != nil {
		t.Fatal(err)
	}
	got = outbox(t, d)
	if len(got) != 4 || got[3].Template != notify.TemplateReporterUpdate || !strings.Contains(got[3].Body, "Mohon kirimkan foto aslinya.") {
		t.Fatalf("after the message to the reporter: %+v", got)
	}
	// Every case event was processed in its transaction.
	if evs, err := cases.PendingEvents(ctx, d, 100); err != nil || len(evs) != 0 {
		t.Fatalf("pending case events: %d, %v", len(evs), err)
	}

	// Reminders: the verification step's due date; the day before it the
	// handler and the chair get "due tomorrow", once.
	steps, err := cases.Steps(ctx, d, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var due time.Time
	for _, s := range steps {
		if s.EndedAt.IsZero() {
			due = s.DueAt
		}
	}
	if due.IsZero() {
		t.Fatal("open step has no due date")
	}
	if msgs, err := casenotify.Reminders(ctx, d, n, now); err != nil || (due.Sub(now) > 48*time.Hour && len(msgs) != 0) {
		t.Fatalf("reminders now: %v, %v", msgs, err)
	}
	dayBefore := due.Add(-24 * time.Hour)
	msgs, err := casenotify.Reminders(ctx, d, n, dayBefore)
	if err != nil {
		t.Fatal(err)
	}
	to := map[string]bool{}
	for _, m := range msgs {
		if m.Template != notify.TemplateStepDue || m.DedupeKey == "" {
			t.Fatalf("due reminder: %+v", m)
		}
		to[m.To] = true
	}
	if len(msgs) != 2 || !to["tim@example.go.id"] || !to["ketua@example.go.id"] {
		t.Fatalf("due reminders: %+v", msgs)
	}
	// Overdue: handler and chair, deduplicated per day by RunReminders.
	casenotify.Register(n)
	late := due.Add(2 * time.Hour)
	if k, err := n.RunReminders(ctx, late); err != nil || k != 2 {
		t.Fatalf("overdue run: %d, %v", k, err)
	}
	if k, err := n.RunReminders(ctx, late.Add(time.Hour)); err != nil || k != 0 {
		t.Fatalf("second run the same day: %d, %v", k, err)
	}
	if k, err := n.RunReminders(ctx, late.Add(24*time.Hour)); err != nil || k != 2 {
		t.Fatalf("next day: %d, %v", k, err)
	}
	var overdue int
	for _, r := range outbox(t, d) {
		if r.Template == notify.TemplateStepOverdue {
			overdue++
		}
	}
	if overdue != 4 {
		t.Fatalf("overdue messages: %d", overdue)
	}
}
