package notify

import (
	"context"
	"crypto/tls"
	"database/sql"
	"errors"
	"fmt"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"github.com/riverqueue/river"
	mail "github.com/wneessen/go-mail"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/jobs"
)

// SendEmail is the job that delivers one outbox message. Round is the
// message's send round when the job was made: a manual retry starts a new
// round (and a new job), and a job of an older round does nothing.
type SendEmail struct {
	OutboxID int64 `json:"outbox_id"`
	Round    int64 `json:"round"`
}

// Kind names the job kind.
func (SendEmail) Kind() string { return "send_email" }

// InsertOpts: one delivery of a message at a time.
func (SendEmail) InsertOpts() jobs.InsertOpts {
	return jobs.InsertOpts{UniqueOpts: jobs.UniqueWhileActive()}
}

// Register adds the notifier's workers to w: delivery, reminders and the
// outbox sweep.
func (n *Notifier) Register(w *jobs.Workers) {
	jobs.AddWorker(w, &sendWorker{n: n})
	jobs.AddWorker(w, &reminderWorker{n: n})
	jobs.AddWorker(w, &sweepWorker{n: n})
}

type sendWorker struct {
	jobs.WorkerDefaults[SendEmail]
	n *Notifier
}

func (w *sendWorker) Work(ctx context.Context, job *jobs.Job[SendEmail]) error {
	max := min(job.MaxAttempts, w.n.cfg.MaxAttempts)
	return w.n.deliver(ctx, job.Args.OutboxID, job.Args.Round, job.Attempt, max)
}

// NextRetry waits RetryBase, then four times longer at each attempt, at
// most RetryMax: with the defaults 1 min, 4 min, 16 min, ~1 h, ~4 h, 6 h …
func (w *sendWorker) NextRetry(job *jobs.Job[SendEmail]) time.Time {
	return time.Now().Add(w.n.backoff(job.Attempt))
}

func (n *Notifier) backoff(attempt int) time.Duration {
	d := n.cfg.RetryBase
	for i := 1; i < attempt && d < RetryMax; i++ {
		d *= 4
	}
	return min(d, RetryMax)
}

// Timeout leaves room for a slow server.
func (w *sendWorker) Timeout(*jobs.Job[SendEmail]) time.Duration {
	return w.n.cfg.SMTP.withDefaults().Timeout*2 + 30*time.Second
}

// outboxRow is a message as the delivery reads it.
type outboxRow struct {
	ID         int64
	InstansiID int64
	Recipient  string
	Sealed     string
	Private    bool
	Template   string
	Subject    string
	Body       string
	ObjectType string
	ObjectID   string
	Dedupe     sql.NullString
	Status     string
	Attempts   int
	Round      int64
}

func (n *Notifier) load(ctx context.Context, q db.Querier, id int64) (outboxRow, error) {
	var r outboxRow
	var private int
	err := q.QueryRow(ctx, `SELECT id, instansi_id, recipient, recipient_sealed, private, template, subject, body,
		object_type, object_id, dedupe_key, status, attempts, send_round FROM email_outbox WHERE id = ?`, id).
		Scan(&r.ID, &r.InstansiID, &r.Recipient, &r.Sealed, &private, &r.Template, &r.Subject, &r.Body, &r.ObjectType,
			&r.ObjectID, &r.Dedupe, &r.Status, &r.Attempts, &r.Round)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	r.Private = private == 1
	return r, err
}

// Deliver sends the outbox message id once: attempt is this try's number
// (from 1) and maxAttempts the last one allowed. It is what the send_email
// job does:
//
//   - a message no longer pending (sent, or set aside) is left alone;
//   - without an SMTP server (or, for a private address, without a sealer)
//     the message becomes not_configured and is not retried;
//   - accepted by the server: sent, with the time;
//   - refused for good (SMTP 5xx, a bad address) or on the last attempt:
//     failed, and the job is cancelled;
//   - a temporary failure (SMTP 4xx, network, timeout): stays pending with
//     the error, and the returned error makes the queue try again later.
//
// Each outcome records the attempt count and the last error (without the
// address), and final outcomes are audited. The address is never logged.
func (n *Notifier) Deliver(ctx context.Context, id int64, attempt, maxAttempts int) error {
	return n.deliver(ctx, id, -1, attempt, maxAttempts)
}

// deliver is Deliver for the job of a send round (-1: any).
func (n *Notifier) deliver(ctx context.Context, id, round int64, attempt, maxAttempts int) error {
	r, err := n.load(ctx, n.d, id)
	if errors.Is(err, ErrNotFound) {
		return river.JobCancel(fmt.Errorf("outbox message %d: %w", id, err))
	}
	if err != nil {
		return fmt.Errorf("notify: load message %d: %w", id, err)
	}
	if r.Status != StatusPending || (round >= 0 && round != r.Round) {
		return nil // done, set aside, or superseded by a newer round
	}
	if !n.cfg.SMTP.Configured() {
		return n.finish(ctx, r, StatusNotConfigured, false, "SMTP server not configured (NETRAL_SMTP_HOST)")
	}
	to := r.Recipient
	if r.Private {
		s := n.sealer()
		if s == nil {
			return n.finish(ctx, r, StatusNotConfigured, false,
				"no key to open the recipient's address (NETRAL_REPORT_KEY_FILE)")
		}
		if r.Sealed == "" {
			return n.finish(ctx, r, StatusFailed, false,
				"the recipient's address was not kept (no key when the message was queued)")
		}
		b, err := s.Open(r.Sealed, sealAD(r.InstansiID, r.ObjectType, r.ObjectID, r.Dedupe.String))
		if err != nil {
			return n.finish(ctx, r, StatusFailed, true, "cannot open the sealed recipient address: "+err.Error())
		}
		to = string(b)
	}
	sendErr := n.send(ctx, r, to)
	if sendErr == nil {
		return n.finish(ctx, r, StatusSent, true, "")
	}
	msg := scrub(sendErr.Error(), to)
	switch {
	case isPermanent(sendErr):
		if err := n.finish(ctx, r, StatusFailed, true, msg); err != nil {
			return err
		}
		return river.JobCancel(errors.New(msg))
	case attempt >= maxAttempts:
		if err := n.finish(ctx, r, StatusFailed, true, "gave up after "+strconv.Itoa(attempt)+" attempts: "+msg); err != nil {
			return err
		}
		return river.JobCancel(errors.New(msg))
	}
	if _, err := n.d.Exec(ctx, `UPDATE email_outbox SET attempts = attempts + 1, last_error = ?, updated_at = ?
		WHERE id = ? AND status = ?`, msg, clock.Format(n.clock()), r.ID, StatusPending); err != nil {
		return fmt.Errorf("notify: record attempt of %d: %w", r.ID, err)
	}
	n.log.Warn("e-mail not sent, will retry", "outbox_id", r.ID, "attempt", attempt, "err", msg)
	return errors.New(msg)
}

// finish records a final outcome of a delivery attempt (counted when
// attempted) with its audit entry.
func (n *Notifier) finish(ctx context.Context, r outboxRow, status string, attempted bool, lastErr string) error {
	now := clock.Format(n.clock())
	inc := 0
	if attempted {
		inc = 1
	}
	var sentAt any
	if status == StatusSent {
		sentAt = now
	}
	err := n.d.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE email_outbox SET status = ?, attempts = attempts + ?, last_error = ?,
			sent_at = COALESCE(?, sent_at), updated_at = ? WHERE id = ? AND status = ?`,
			status, inc, lastErr, sentAt, now, r.ID, StatusPending)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return nil // changed meanwhile
		}
		return audit.Record(ctx, tx, audit.System("notify"), audit.Event{InstansiID: r.InstansiID,
			Action: "email." + status, ObjectType: "email_outbox", ObjectID: strconv.FormatInt(r.ID, 10),
			After: map[string]any{"status": status, "attempts": r.Attempts + inc, "template": r.Template,
				"object_type": r.ObjectType, "object_id": r.ObjectID, "error": lastErr}})
	})
	if err != nil {
		return fmt.Errorf("notify: record outcome of %d: %w", r.ID, err)
	}
	switch status {
	case StatusSent:
		n.log.Info("e-mail sent", "outbox_id", r.ID, "template", r.Template)
	case StatusFailed:
		n.log.Warn("e-mail failed", "outbox_id", r.ID, "template", r.Template, "err", lastErr)
	default:
		n.log.Info("e-mail kept in the outbox", "outbox_id", r.ID, "status", status, "reason", lastErr)
	}
	return nil
}

// send hands one message to the SMTP server.
func (n *Notifier) send(ctx context.Context, r outboxRow, to string) error {
	c := n.cfg.SMTP
	opts := []mail.Option{mail.WithPort(c.Port), mail.WithTimeout(c.Timeout)}
	tc := c.TLSConfig
	if tc == nil {
		tc = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	tc = tc.Clone()
	if tc.ServerName == "" {
		tc.ServerName = c.Host
	}
	opts = append(opts, mail.WithTLSConfig(tc))
	switch c.TLS {
	case TLSNone:
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	case TLSImplicit:
		opts = append(opts, mail.WithSSL())
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	}
	if c.User != "" {
		auth := mail.SMTPAuthAutoDiscover
		if c.TLS == TLSNone { // only to a server on this host (Validate)
			auth = mail.SMTPAuthPlainNoEnc
		}
		opts = append(opts, mail.WithSMTPAuth(auth), mail.WithUsername(c.User), mail.WithPassword(c.Password))
	}
	client, err := mail.NewClient(c.Host, opts...)
	if err != nil {
		return fmt.Errorf("smtp client: %w", err)
	}
	m := mail.NewMsg(mail.WithNoDefaultUserAgent())
	if err := m.From(c.From); err != nil {
		return permanentError{fmt.Errorf("sender address: %w", err)}
	}
	if err := m.To(to); err != nil {
		return permanentError{errors.New("recipient address refused")}
	}
	m.Subject(r.Subject)
	m.SetDate()
	m.SetMessageID()
	m.SetGenHeader(mail.HeaderUserAgent, "Netral")
	m.SetGenHeader("Auto-Submitted", "auto-generated")
	m.SetBodyString(mail.TypeTextPlain, r.Body)
	if err := client.DialAndSendWithContext(ctx, m); err != nil {
		return err
	}
	return nil
}

// permanentError marks a failure that retrying cannot fix.
type permanentError struct{ error }

func (e permanentError) Unwrap() error { return e.error }

// isPermanent reports whether a delivery error is final: an SMTP 5xx reply,
// or an address the client refused. Network errors, timeouts and 4xx
// replies are temporary.
func isPermanent(err error) bool {
	var pe permanentError
	if errors.As(err, &pe) {
		return true
	}
	var se *mail.SendError
	if errors.As(err, &se) {
		if se.IsTemp() {
			return false
		}
		if code := se.ErrorCode(); code >= 500 {
			return true
		} else if code >= 400 {
			return false
		}
		return se.Reason == mail.ErrGetSender || se.Reason == mail.ErrGetRcpts
	}
	var te *textproto.Error
	if errors.As(err, &te) {
		return te.Code >= 500
	}
	return false
}

// scrub removes the recipient's address from an error message, so it is
// neither stored nor logged.
func scrub(msg, addr string) string {
	if addr != "" {
		msg = replaceFold(msg, addr, "<recipient>")
		if at := strings.IndexByte(addr, '@'); at > 0 {
			msg = replaceFold(msg, addr[:at]+"@", "<recipient>@")
		}
	}
	if len(msg) > 1000 {
		msg = msg[:1000] + "…"
	}
	return msg
}

// replaceFold replaces every occurrence of old in s, ignoring ASCII case.
func replaceFold(s, old, repl string) string {
	if old == "" {
		return s
	}
	lower, lold := strings.ToLower(s), strings.ToLower(old)
	if len(lower) != len(s) { // non-ASCII case mapping changed lengths: fall back to exact matching
		return strings.ReplaceAll(s, old, repl)
	}
	var b strings.Builder
	for {
		i := strings.Index(lower, lold)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteString(repl)
		s, lower = s[i+len(old):], lower[i+len(old):]
	}
}
