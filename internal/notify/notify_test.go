package notify_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"log/slog"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/db/dbtest"
	"github.com/netral-asn/netral/internal/jobs"
	"github.com/netral-asn/netral/internal/notify"
	"github.com/netral-asn/netral/internal/sealbox"
	"github.com/netral-asn/netral/internal/tenant"
)

type fixture struct {
	t    *testing.T
	d    *db.DB
	inst int64
	n    *notify.Notifier
	q    *jobs.Queue
}

func quietLog() *slog.Logger { return slog.New(slog.DiscardHandler) }

// newFixture returns a database with one instansi and a notifier on cfg
// whose queue runs (unless noQueue), with fast retries.
func newFixture(t *testing.T, cfg notify.Config, noQueue bool) *fixture {
	t.Helper()
	ctx := context.Background()
	d := dbtest.Open(t)
	f := &fixture{t: t, d: d}
	err := d.InTx(ctx, func(tx *db.Tx) error {
		i, err := tenant.Create(ctx, tx, audit.System("test"), "99.01", "Kabupaten Tanjung Harapan", tenant.KindKabupaten)
		f.inst = i.ID
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.RetryBase == 0 {
		cfg.RetryBase = 50 * time.Millisecond
	}
	cfg.Logger = quietLog()
	n, err := notify.New(d, cfg)
	if err != nil {
		t.Fatal(err)
	}
	f.n = n
	if noQueue {
		return f
	}
	w := jobs.NewWorkers()
	n.Register(w)
	q, err := jobs.New(d, jobs.Options{Workers: w, FetchCooldown: time.Millisecond, FetchPollInterval: 20 * time.Millisecond,
		Logger: quietLog()})
	if err != nil {
		t.Fatal(err)
	}
	n.SetQueue(q)
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	f.q = q
	return f
}

func smtpCfg(s *smtpServer) notify.SMTPConfig {
	return notify.SMTPConfig{Host: "127.0.0.1", Port: s.addr.Port, TLS: notify.TLSNone,
		From: "Netral <netral@tanjungharapankab.go.id>", Timeout: 5 * time.Second}
}

// enqueue queues m (InstansiID filled in) in a transaction of its own.
func (f *fixture) enqueue(m notify.Message) int64 {
	f.t.Helper()
	if m.InstansiID == 0 {
		m.InstansiID = f.inst
	}
	var id int64
	err := f.d.InTx(context.Background(), func(tx *db.Tx) error {
		var err error
		id, err = f.n.Enqueue(context.Background(), tx, m)
		return err
	})
	if err != nil {
		f.t.Fatalf("Enqueue: %v", err)
	}
	return id
}

// row reads the columns of an outbox row that the tests check.
type row struct {
	Recipient, Sealed, Status, LastError, Subject, Body string
	Attempts                                            int
	Sent                                                bool
}

func (f *fixture) row(id int64) row {
	f.t.Helper()
	var r row
	var sent *string
	err := f.d.QueryRow(context.Background(), `SELECT recipient, recipient_sealed, status, last_error, subject, body,
		attempts, sent_at FROM email_outbox WHERE id = ?`, id).Scan(&r.Recipient, &r.Sealed, &r.Status, &r.LastError,
		&r.Subject, &r.Body, &r.Attempts, &sent)
	if err != nil {
		f.t.Fatal(err)
	}
	r.Sent = sent != nil && *sent != ""
	return r
}

// waitStatus waits until message id has the status.
func (f *fixture) waitStatus(id int64, status string) row {
	f.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		r := f.row(id)
		if r.Status == status {
			return r
		}
		if time.Now().After(deadline) {
			var jobErrs string
			_ = f.d.QueryRow(context.Background(), `SELECT COALESCE(CAST(errors AS TEXT), '') || ' ' || state FROM river_job
				WHERE kind = 'send_email' ORDER BY id DESC LIMIT 1`).Scan(&jobErrs)
			f.t.Fatalf("message %d: status %s (attempts %d, %q), want %s; job: %s", id, r.Status, r.Attempts, r.LastError,
				status, jobErrs)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (f *fixture) count(q string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.d.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		f.t.Fatal(err)
	}
	return n
}

func parse(t *testing.T, data []byte) (*mail.Message, string) {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("received message does not parse: %v\n%s", err, data)
	}
	body, _ := io.ReadAll(m.Body)
	return m, string(body)
}

func TestDelivery(t *testing.T) {
	s := newSMTPServer(t, smtpOptions{})
	f := newFixture(t, notify.Config{SMTP: smtpCfg(s), BaseURL: "https://netral.example.go.id/"}, false)
	m := notify.CaseAssigned{CaseID: 7, CaseNumber: "NTR-9901-2024-0012", Title: "Unggahan dukungan", Recipient: "Andi Pratama",
		AssignedBy: "Dr. Hendra", Step: "Verifikasi", Due: time.Date(2024, 10, 7, 0, 0, 0, 0, time.UTC),
		Link: f.n.Link("/perkara/7")}.Message("id")
	m.To = "andi@tanjungharapankab.go.id"
	id := f.enqueue(m)
	r := f.waitStatus(id, notify.StatusSent)
	if r.Attempts != 1 || !r.Sent || r.LastError != "" {
		t.Fatalf("row after delivery = %+v", r)
	}
	got := s.messages()
	if len(got) != 1 || len(got[0].To) != 1 || got[0].To[0] != "andi@tanjungharapankab.go.id" ||
		got[0].From != "netral@tanjungharapankab.go.id" {
		t.Fatalf("server received %+v", got)
	}
	msg, body := parse(t, got[0].Data)
	dec := new(mime.WordDecoder)
	subject, _ := dec.DecodeHeader(msg.Header.Get("Subject"))
	if subject != "[Netral] Perkara NTR-9901-2024-0012 ditugaskan kepada Anda" {
		t.Errorf("Subject = %q", subject)
	}
	if ct := msg.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("Content-Type = %q", ct)
	}
	if msg.Header.Get("Auto-Submitted") != "auto-generated" || msg.Header.Get("Message-Id") == "" || msg.Header.Get("Date") == "" {
		t.Errorf("headers = %v", msg.Header)
	}
	plain := decodeQP(body)
	for _, want := range []string{"Yth. Andi Pratama,", "NTR-9901-2024-0012 (Unggahan dukungan)", "7 Oktober 2024",
		"https://netral.example.go.id/perkara/7", "Pesan ini dikirim otomatis"} {
		if !strings.Contains(plain, want) {
			t.Errorf("body lacks %q:\n%s", want, plain)
		}
	}
	if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'email.sent'`); n != 1 {
		t.Errorf("%d email.sent audit entries", n)
	}
	if f.n.SMTP() != "127.0.0.1:"+itoa(s.addr.Port)+" (none)" {
		t.Errorf("SMTP() = %q", f.n.SMTP())
	}
}

func TestRetryAfterTemporaryFailure(t *testing.T) {
	s := newSMTPServer(t, smtpOptions{})
	s.refuseNext(errTemp, errTemp)
	f := newFixture(t, notify.Config{SMTP: smtpCfg(s)}, false)
	id := f.enqueue(notify.Message{To: "budi@example.go.id", Subject: "Uji", Body: "Isi"})
	r := f.waitStatus(id, notify.StatusSent)
	if r.Attempts != 3 || s.rcptCount() != 3 || len(s.messages()) != 1 {
		t.Fatalf("attempts %d, RCPT seen %d, messages %d; want 3, 3, 1", r.Attempts, s.rcptCount(), len(s.messages()))
	}
	// The temporary error was recorded while waiting, then cleared.
	if r.LastError != "" {
		t.Errorf("last error after success = %q", r.LastError)
	}
}

func TestRetriesExhausted(t *testing.T) {
	s := newSMTPServer(t, smtpOptions{})
	s.refuseNext(errTemp, errTemp, errTemp, errTemp)
	f := newFixture(t, notify.Config{SMTP: smtpCfg(s), MaxAttempts: 3}, false)
	id := f.enqueue(notify.Message{To: "budi@example.go.id", Subject: "Uji", Body: "Isi"})
	r := f.waitStatus(id, notify.StatusFailed)
	if r.Attempts != 3 || s.rcptCount() != 3 || !strings.Contains(r.LastError, "gave up after 3 attempts") ||
		!strings.Contains(r.LastError, "451") {
		t.Fatalf("row = %+v, RCPT seen %d", r, s.rcptCount())
	}
}

func TestPermanentFailure(t *testing.T) {
	s := newSMTPServer(t, smtpOptions{})
	s.refuseNext(errPerm)
	f := newFixture(t, notify.Config{SMTP: smtpCfg(s)}, false)
	id := f.enqueue(notify.Message{To: "tidak.ada@example.go.id", Subject: "Uji", Body: "Isi"})
	r := f.waitStatus(id, notify.StatusFailed)
	if r.Attempts != 1 || !strings.Contains(r.LastError, "550") || r.Sent {
		t.Fatalf("row = %+v", r)
	}
	time.Sleep(300 * time.Millisecond) // a retry would have happened by now
	if s.rcptCount() != 1 {
		t.Fatalf("a permanent failure was retried: %d RCPT", s.rcptCount())
	}
	if n := f.count(`SELECT COUNT(*) FROM river_job WHERE kind = 'send_email' AND state = 'cancelled'`); n != 1 {
		t.Errorf("%d cancelled send_email jobs, want 1", n)
	}
	if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'email.failed'`); n != 1 {
		t.Errorf("%d email.failed audit entries", n)
	}
	// Retried by an admin (the server accepts now): sent.
	if err := f.n.Retry(context.Background(), audit.Actor{Name: "admin", InstansiID: f.inst}, f.inst, id); err != nil {
		t.Fatal(err)
	}
	f.waitStatus(id, notify.StatusSent)
	if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'email.retry'`); n != 1 {
		t.Errorf("%d email.retry audit entries", n)
	}
	// Another instansi cannot retry it.
	if err := f.n.Retry(context.Background(), audit.Actor{Name: "x"}, f.inst+1000, id); !errors.Is(err, notify.ErrNotFound) {
		t.Errorf("retry from another instansi: %v", err)
	}
}

func TestNotConfigured(t *testing.T) {
	f := newFixture(t, notify.Config{}, false)
	if f.n.Configured() {
		t.Fatal("configured without a host")
	}
	id := f.enqueue(notify.Message{To: "budi@example.go.id", Subject: "Uji", Body: "Isi", Template: "test"})
	r := f.waitStatus(id, notify.StatusNotConfigured)
	if r.Attempts != 0 || !strings.Contains(r.LastError, "not configured") {
		t.Fatalf("row = %+v", r)
	}
	list, err := notify.List(context.Background(), f.d, f.inst, notify.OutboxFilter{Status: notify.StatusNotConfigured})
	if err != nil || len(list) != 1 || list[0].Recipient != "budi@example.go.id" || list[0].Subject != "Uji" {
		t.Fatalf("List = %+v, %v", list, err)
	}
	counts, err := notify.Counts(context.Background(), f.d, f.inst)
	if err != nil || counts[notify.StatusNotConfigured] != 1 || counts[notify.StatusSent] != 0 {
		t.Fatalf("Counts = %v, %v", counts, err)
	}
	if other, _ := notify.List(context.Background(), f.d, f.inst+1000, notify.OutboxFilter{}); len(other) != 0 {
		t.Error("another instansi sees the message")
	}
	n, err := f.n.RetryAll(context.Background(), audit.Actor{Name: "admin"}, f.inst)
	if err != nil || n != 1 {
		t.Fatalf("RetryAll = %d, %v", n, err)
	}
	f.waitStatus(id, notify.StatusNotConfigured) // still no server
}

func TestHeaderInjection(t *testing.T) {
	s := newSMTPServer(t, smtpOptions{})
	f := newFixture(t, notify.Config{SMTP: smtpCfg(s)}, false)
	ctx := context.Background()
	// Line breaks in an address are refused outright.
	for _, to := range []string{"a@b.go.id\r\nBcc: korban@x.go.id", "Budi <budi@x.go.id>", "a@b.go.id, c@d.go.id",
		"not-an-address", "", "a@b.go.id\n"} {
		err := f.d.InTx(ctx, func(tx *db.Tx) error {
			_, err := f.n.Enqueue(ctx, tx, notify.Message{InstansiID: f.inst, To: to, Subject: "x", Body: "y"})
			return err
		})
		var fe *notify.FieldError
		if !errors.As(err, &fe) || fe.Field != "to" || !errors.Is(err, notify.ErrInvalid) {
			t.Errorf("To %q: err = %v", to, err)
		}
	}
	subject := "Halo\r\nBcc: korban@x.go.id\r\nX-Evil: 1\nContent-Type: text/html\u2028Reply-To: a@b.c\x00"
	body := "Baris satu\r\n.\r\nMAIL FROM:<attacker@x.go.id>\r\nRCPT TO:<korban@x.go.id>\r\nDATA\r\n<b>tebal</b>\x1b[31m"
	id := f.enqueue(notify.Message{To: "budi@example.go.id", Subject: subject, Body: body})
	r := f.waitStatus(id, notify.StatusSent)
	if strings.ContainsAny(r.Subject, "\r\n\x00\u2028") {
		t.Fatalf("stored subject %q", r.Subject)
	}
	got := s.messages()
	if len(got) != 1 || len(got[0].To) != 1 || got[0].To[0] != "budi@example.go.id" || s.rcptCount() != 1 {
		t.Fatalf("server received %+v (RCPT %d)", got, s.rcptCount())
	}
	msg, raw := parse(t, got[0].Data)
	for _, h := range []string{"Bcc", "X-Evil", "Reply-To"} {
		if v := msg.Header.Get(h); v != "" {
			t.Errorf("injected header %s: %q", h, v)
		}
	}
	if ct := msg.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("Content-Type = %q", ct)
	}
	dec := new(mime.WordDecoder)
	subj, _ := dec.DecodeHeader(msg.Header.Get("Subject"))
	if !strings.HasPrefix(subj, "Halo Bcc: korban@x.go.id X-Evil: 1 Content-Type: text/html") {
		t.Errorf("Subject = %q", subj)
	}
	plain := decodeQP(raw)
	if !strings.Contains(plain, "<b>tebal</b>") || strings.Contains(plain, "\x1b") {
		t.Errorf("body = %q", plain)
	}
}

func TestPrivateRecipient(t *testing.T) {
	s := newSMTPServer(t, smtpOptions{})
	box, err := sealbox.New(sealbox.GenerateKey())
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, notify.Config{SMTP: smtpCfg(s), Sealer: box}, false)
	const addr = "pelapor.rahasia@mail.example"
	m := notify.ReporterUpdate{ReportID: 3, Receipt: "LPR-7K2M-9QXD", Status: "sedang diklarifikasi",
		Link: "https://netral.example/lapor/status"}.Message("id")
	m.To = addr
	if !m.Private {
		t.Fatal("a reporter update is not private")
	}
	id := f.enqueue(m)
	r := f.waitStatus(id, notify.StatusSent)
	if r.Recipient != "" || r.Sealed == "" || strings.Contains(r.Sealed, "pelapor") {
		t.Fatalf("stored recipient %q, sealed %q", r.Recipient, r.Sealed)
	}
	got := s.messages()
	if len(got) != 1 || got[0].To[0] != addr {
		t.Fatalf("delivered to %+v", got)
	}
	_, body := parse(t, got[0].Data)
	if plain := decodeQP(body); !strings.Contains(plain, "LPR-7K2M-9QXD") || !strings.Contains(plain, "kode rahasia tidak pernah dikirim") {
		t.Errorf("body = %s", plain)
	}
	list, _ := notify.List(context.Background(), f.d, f.inst, notify.OutboxFilter{})
	if len(list) != 1 || !list[0].Private || list[0].Recipient != "" {
		t.Fatalf("List shows %+v", list)
	}
	// A refusal that quotes the address: scrubbed from the row, the job's
	// errors and the audit trail.
	s.refuseNext(&smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "<" + addr + ">: no such user"})
	m2 := m
	m2.ObjectID = "4"
	id2 := f.enqueue(m2)
	r2 := f.waitStatus(id2, notify.StatusFailed)
	if strings.Contains(strings.ToLower(r2.LastError), "pelapor.rahasia") || !strings.Contains(r2.LastError, "<recipient>") {
		t.Errorf("last error %q", r2.LastError)
	}
	for _, q := range []string{`SELECT COUNT(*) FROM river_job WHERE CAST(errors AS TEXT) LIKE '%pelapor.rahasia%' OR CAST(args AS TEXT) LIKE '%pelapor.rahasia%'`,
		`SELECT COUNT(*) FROM audit_log WHERE after_json LIKE '%pelapor.rahasia%' OR before_json LIKE '%pelapor.rahasia%'`,
		`SELECT COUNT(*) FROM email_outbox WHERE recipient LIKE '%pelapor.rahasia%' OR last_error LIKE '%pelapor.rahasia%'
			OR body LIKE '%pelapor.rahasia%' OR subject LIKE '%pelapor.rahasia%'`} {
		if n := f.count(q); n != 0 {
			t.Errorf("the address is stored in clear: %s", q)
		}
	}
	if f.d.Engine() == db.SQLite {
		f.q.Close() // the queue first: it uses the database
		f.d.Close()
		raw, err := os.ReadFile(f.d.DSN())
		if err != nil {
			t.Fatal(err)
		}
		wal, _ := os.ReadFile(f.d.DSN() + "-wal")
		if bytes.Contains(raw, []byte("pelapor.rahasia")) || bytes.Contains(wal, []byte("pelapor.rahasia")) {
			t.Error("the SQLite file holds the reporter's address in clear")
		}
	}
}

func TestPrivateWithoutSealer(t *testing.T) {
	s := newSMTPServer(t, smtpOptions{})
	f := newFixture(t, notify.Config{SMTP: smtpCfg(s)}, false)
	m := notify.ReporterUpdate{Receipt: "LPR-1", Status: "diterima"}.Message("en")
	m.To = "reporter@mail.example"
	id := f.enqueue(m)
	r := f.waitStatus(id, notify.StatusNotConfigured)
	if r.Recipient != "" || r.Sealed != "" || !strings.Contains(r.LastError, "no key") {
		t.Fatalf("row = %+v", r)
	}
	time.Sleep(200 * time.Millisecond)
	if s.rcptCount() != 0 {
		t.Error("a private message without a sealer was sent")
	}
	// A key configured later cannot bring back an address never kept.
	box, err := sealbox.New(sealbox.GenerateKey())
	if err != nil {
		t.Fatal(err)
	}
	f.n.SetSealer(box)
	if err := f.n.Retry(context.Background(), audit.Actor{Name: "admin"}, f.inst, id); err != nil {
		t.Fatal(err)
	}
	if r := f.waitStatus(id, notify.StatusFailed); !strings.Contains(r.LastError, "not kept") {
		t.Errorf("after retry with a key: %+v", r)
	}
}

func TestSTARTTLSWithAuth(t *testing.T) {
	s := newSMTPServer(t, smtpOptions{tls: true, user: "netral", pass: "s3cret-pass"})
	cfg := smtpCfg(s)
	cfg.TLS, cfg.User, cfg.Password = notify.TLSStartTLS, "netral", "s3cret-pass"
	cfg.TLSConfig = &tls.Config{RootCAs: s.ca, MinVersion: tls.VersionTLS12}
	f := newFixture(t, notify.Config{SMTP: cfg}, false)
	id := f.enqueue(notify.Message{To: "budi@example.go.id", Subject: "Uji TLS", Body: "Isi"})
	f.waitStatus(id, notify.StatusSent)
	if len(s.messages()) != 1 {
		t.Fatal("not delivered over STARTTLS")
	}
	// A wrong password is a permanent failure, recorded without the password.
	cfg.Password = "wrong-pass"
	s2 := newFixture(t, notify.Config{SMTP: cfg}, false)
	id = s2.enqueue(notify.Message{To: "budi@example.go.id", Subject: "Uji", Body: "Isi"})
	r := s2.waitStatus(id, notify.StatusFailed)
	if strings.Contains(r.LastError, "wrong-pass") || strings.Contains(r.LastError, "s3cret") {
		t.Errorf("last error shows the password: %q", r.LastError)
	}
}

func TestEnqueueIsTransactional(t *testing.T) {
	s := newSMTPServer(t, smtpOptions{})
	f := newFixture(t, notify.Config{SMTP: smtpCfg(s)}, false)
	ctx := context.Background()
	boom := errors.New("the change failed")
	err := f.d.InTx(ctx, func(tx *db.Tx) error {
		if _, err := f.n.Enqueue(ctx, tx, notify.Message{InstansiID: f.inst, To: "a@b.go.id", Subject: "x", Body: "y"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	if n := f.count(`SELECT COUNT(*) FROM email_outbox`); n != 0 {
		t.Errorf("%d outbox rows after rollback", n)
	}
	if n := f.count(`SELECT COUNT(*) FROM river_job WHERE kind = 'send_email'`); n != 0 {
		t.Errorf("%d jobs after rollback", n)
	}
	if s.rcptCount() != 0 {
		t.Error("a rolled-back message was sent")
	}
	for _, bad := range []notify.Message{{To: "a@b.go.id", Body: "y"}, {To: "a@b.go.id", Subject: "x"},
		{To: "a@b.go.id", Subject: "x", Body: strings.Repeat("y", notify.MaxBodyLen+1)}, {InstansiID: -1}} {
		if bad.InstansiID == 0 {
			bad.InstansiID = f.inst
		} else {
			bad.InstansiID = 0
		}
		err := f.d.InTx(ctx, func(tx *db.Tx) error { _, err := f.n.Enqueue(ctx, tx, bad); return err })
		if !errors.Is(err, notify.ErrInvalid) {
			t.Errorf("%+v: err = %v", bad, err)
		}
	}
}

// reminderCalls counts runs of the test reminder, which returns what
// reminderMsgs holds.
var (
	reminderCalls atomic.Int32
	reminderMsgs  atomic.Value // []notify.Message
)

func init() {
	notify.RegisterReminder("test", func(ctx context.Context, d *db.DB, now time.Time) ([]notify.Message, error) {
		reminderCalls.Add(1)
		ms, _ := reminderMsgs.Load().([]notify.Message)
		return ms, nil
	})
}

func TestRemindersQueueOnce(t *testing.T) {
	s := newSMTPServer(t, smtpOptions{})
	f := newFixture(t, notify.Config{SMTP: smtpCfg(s)}, false)
	due := time.Date(2024, 10, 8, 0, 0, 0, 0, time.UTC)
	handler := notify.StepReminder{CaseID: 7, CaseNumber: "NTR-1", Step: "Klarifikasi", Due: due, Recipient: "Andi"}.Message("id")
	handler.InstansiID, handler.To, handler.DedupeKey = f.inst, "andi@example.go.id", "step:1:due:2024-10-08:andi"
	chair := notify.StepReminder{CaseID: 7, CaseNumber: "NTR-1", Step: "Klarifikasi", Due: due, Overdue: true,
		ForChair: true, Recipient: "Ketua", Handler: "Andi"}.Message("en")
	chair.InstansiID, chair.To, chair.DedupeKey = f.inst, "ketua@example.go.id", "step:1:overdue:2024-10-09:ketua"
	noKey := handler
	noKey.DedupeKey = ""
	reminderMsgs.Store([]notify.Message{handler, chair, noKey})
	t.Cleanup(func() { reminderMsgs.Store([]notify.Message(nil)) })
	ctx := context.Background()
	n, err := f.n.RunReminders(ctx, time.Now())
	if err != nil || n != 2 {
		t.Fatalf("first run queued %d (%v), want 2", n, err)
	}
	n, err = f.n.RunReminders(ctx, time.Now())
	if err != nil || n != 0 {
		t.Fatalf("second run queued %d (%v), want 0", n, err)
	}
	deadline := time.Now().Add(15 * time.Second)
	for len(s.messages()) < 2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	got := s.messages()
	if len(got) != 2 {
		t.Fatalf("%d reminders delivered", len(got))
	}
	var subjects []string
	dec := new(mime.WordDecoder)
	for _, g := range got {
		m, body := parse(t, g.Data)
		s, _ := dec.DecodeHeader(m.Header.Get("Subject"))
		subjects = append(subjects, s+" | "+decodeQP(body))
	}
	all := strings.Join(subjects, "\n")
	for _, want := range []string{"[Netral] Tenggat besok: Klarifikasi (perkara NTR-1)", "jatuh tempo besok, 8 Oktober 2024",
		"[Netral] Overdue: Klarifikasi (case NTR-1)", "past its due date (8 October 2024)", "Handler of this step: Andi."} {
		if !strings.Contains(all, want) {
			t.Errorf("reminders lack %q:\n%s", want, all)
		}
	}
	if reminderCalls.Load() < 2 {
		t.Error("the registered reminder did not run")
	}
	defer func() {
		if recover() == nil {
			t.Error("a duplicate reminder name was accepted")
		}
	}()
	notify.RegisterReminder("test", func(context.Context, *db.DB, time.Time) ([]notify.Message, error) { return nil, nil })
}

func TestSweepDeliversMessagesQueuedWithoutAQueue(t *testing.T) {
	s := newSMTPServer(t, smtpOptions{})
	ctx := context.Background()
	f := newFixture(t, notify.Config{SMTP: smtpCfg(s)}, true) // no queue: e.g. a command-line tool
	var nilNotifier *notify.Notifier
	var id int64
	err := f.d.InTx(ctx, func(tx *db.Tx) error {
		var err error
		id, err = nilNotifier.Enqueue(ctx, tx, notify.Message{InstansiID: f.inst, To: "a@example.go.id", Subject: "x", Body: "y"})
		return err
	})
	if err != nil || id == 0 {
		t.Fatalf("Enqueue on a nil notifier: %d, %v", id, err)
	}
	if _, err := f.n.Sweep(ctx); !errors.Is(err, notify.ErrNoQueue) {
		t.Fatalf("Sweep without a queue: %v", err)
	}
	// A server process with a queue and a clock two minutes ahead sweeps it.
	later := func() time.Time { return time.Now().Add(2 * time.Minute) }
	n2, err := notify.New(f.d, notify.Config{SMTP: smtpCfg(s), Logger: quietLog(), Now: later})
	if err != nil {
		t.Fatal(err)
	}
	w := jobs.NewWorkers()
	n2.Register(w)
	q, err := jobs.New(f.d, jobs.Options{Workers: w, FetchCooldown: time.Millisecond, FetchPollInterval: 20 * time.Millisecond, Logger: quietLog()})
	if err != nil {
		t.Fatal(err)
	}
	n2.SetQueue(q)
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	k, err := n2.Sweep(ctx)
	if err != nil || k != 1 {
		t.Fatalf("Sweep = %d, %v", k, err)
	}
	f.waitStatus(id, notify.StatusSent)
	if k, _ := n2.Sweep(ctx); k != 0 {
		t.Errorf("a sent message swept again: %d", k)
	}
}

func TestSMTPFromEnv(t *testing.T) {
	dir := t.TempDir()
	pw := filepath.Join(dir, "pw")
	if err := os.WriteFile(pw, []byte("dari-berkas\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	c, err := notify.SMTPFromEnv(env(map[string]string{}))
	if err != nil || c.Configured() {
		t.Fatalf("empty env: %+v, %v", c, err)
	}
	c, err = notify.SMTPFromEnv(env(map[string]string{notify.EnvHost: "smtp.example.go.id", notify.EnvUser: "netral",
		notify.EnvPasswordFile: pw, notify.EnvFrom: "Netral <netral@example.go.id>", notify.EnvTLS: "TLS"}))
	if err != nil || c.Password != "dari-berkas" || c.TLS != notify.TLSImplicit || c.String() != "smtp.example.go.id:465 (tls, user netral)" {
		t.Fatalf("config = %+v (%s), %v", c, c, err)
	}
	if strings.Contains(c.String(), "dari-berkas") {
		t.Error("String shows the password")
	}
	for name, kv := range map[string]map[string]string{
		"no sender":            {notify.EnvHost: "smtp.example.go.id"},
		"bad sender":           {notify.EnvHost: "smtp.example.go.id", notify.EnvFrom: "nobody"},
		"bad port":             {notify.EnvHost: "smtp.example.go.id", notify.EnvFrom: "a@b.go.id", notify.EnvPort: "http"},
		"port out of range":    {notify.EnvHost: "smtp.example.go.id", notify.EnvFrom: "a@b.go.id", notify.EnvPort: "70000"},
		"bad tls":              {notify.EnvHost: "smtp.example.go.id", notify.EnvFrom: "a@b.go.id", notify.EnvTLS: "ssl3"},
		"password in clear":    {notify.EnvHost: "smtp.example.go.id", notify.EnvFrom: "a@b.go.id", notify.EnvTLS: "none", notify.EnvUser: "u", notify.EnvPassword: "p"},
		"both passwords":       {notify.EnvHost: "smtp.example.go.id", notify.EnvFrom: "a@b.go.id", notify.EnvPassword: "p", notify.EnvPasswordFile: pw},
		"missing passwordfile": {notify.EnvHost: "smtp.example.go.id", notify.EnvFrom: "a@b.go.id", notify.EnvPasswordFile: filepath.Join(dir, "none")},
	} {
		if _, err := notify.SMTPFromEnv(env(kv)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	// A local relay without TLS may take a password.
	if _, err := notify.SMTPFromEnv(env(map[string]string{notify.EnvHost: "localhost", notify.EnvFrom: "a@b.go.id",
		notify.EnvTLS: "none", notify.EnvUser: "u", notify.EnvPassword: "p"})); err != nil {
		t.Errorf("local relay: %v", err)
	}
}

func TestTemplatesInBothLanguages(t *testing.T) {
	due := time.Date(2024, 10, 7, 0, 0, 0, 0, time.UTC)
	for _, lang := range []string{"id", "en", "fr"} {
		for _, m := range []notify.Message{
			notify.CaseAssigned{CaseID: 1, CaseNumber: "N-1", Title: "T", Recipient: "R", AssignedBy: "A", Step: "S", Due: due, Link: "L"}.Message(lang),
			notify.StepReminder{CaseID: 1, CaseNumber: "N-1", Step: "S", Due: due, Recipient: "R"}.Message(lang),
			notify.StepReminder{CaseID: 1, CaseNumber: "N-1", Step: "S", Due: due, Overdue: true, ForChair: true, Recipient: "R", Handler: "H"}.Message(lang),
			notify.ReporterUpdate{ReportID: 1, Receipt: "X", Status: "S", Note: "N", Link: "L"}.Message(lang),
			notify.TestMessage(lang, "admin"),
		} {
			if m.Subject == "" || m.Body == "" || strings.Contains(m.Subject+m.Body, "%!") ||
				strings.Contains(m.Subject+m.Body, "notify.") || strings.ContainsAny(m.Subject, "\r\n") || m.Template == "" {
				t.Errorf("%s %s: %+v", lang, m.Template, m)
			}
			if want := map[string]string{"en": "en"}[lang]; (want == "en") != (m.Lang == "en") {
				t.Errorf("%s: Lang = %q", lang, m.Lang)
			}
		}
	}
	if m := (notify.CaseAssigned{Recipient: "R\r\nBcc: x"}).Message("id"); strings.Contains(m.Body, "\r") {
		t.Errorf("body keeps CR: %q", m.Body)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// decodeQP decodes a quoted-printable body (go-mail's default encoding).
func decodeQP(s string) string {
	b, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(s)))
	if err != nil {
		return s
	}
	return string(b)
}
