package notify

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
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/jobs"
)

// Status of an outbox message.
const (
	StatusPending       = "pending"        // waiting to be sent, or waiting for a retry
	StatusSent          = "sent"           // accepted by the SMTP server
	StatusFailed        = "failed"         // refused for good, or retries exhausted
	StatusNotConfigured = "not_configured" // no SMTP server (or no key for a private address): kept, not sent
)

// Limits of a message.
const (
	MaxSubjectLen = 200     // characters; longer subjects are cut
	MaxBodyLen    = 100_000 // bytes
	MaxAddressLen = 254
)

// Message is one e-mail to send.
type Message struct {
	InstansiID int64
	// To is the recipient's address, without a display name. Never logged.
	To string
	// Private marks the address of a protected person (a public reporter):
	// it is stored only sealed (see [Sealer]), never shown in the outbox,
	// and scrubbed from error messages.
	Private bool
	// Subject is one line: line breaks and control characters are removed
	// (no header injection) and it is cut to MaxSubjectLen.
	Subject string
	// Body is plain text (no HTML is ever sent); control characters other
	// than line breaks and tabs are removed.
	Body string
	// Template names the kind of message (e.g. "case_assigned"), "" for
	// free text; Lang is its language ("id" or "en").
	Template string
	Lang     string
	// ObjectType and ObjectID name what the message is about (e.g. "case",
	// "42"), for the outbox page and the audit trail.
	ObjectType string
	ObjectID   string
	// DedupeKey, when set, makes the message unique per instansi: a second
	// message with the same key is not queued (reminders use it, so that a
	// reminder runs every hour but mails once).
	DedupeKey string
}

// Sealer seals and opens the address of a private recipient; *sealbox.Box
// is one. ad binds the sealed value to its outbox row.
type Sealer interface {
	Seal(plaintext []byte, ad string) (string, error)
	Open(sealed, ad string) ([]byte, error)
}

// Errors of [Notifier.Enqueue] and [Notifier.Retry].
var (
	// ErrInvalid is matched by every *FieldError.
	ErrInvalid = errors.New("invalid message")
	// ErrNotFound: no such message in the instansi.
	ErrNotFound = errors.New("message not found")
	// ErrNoQueue: the operation needs the job queue, which does not run here.
	ErrNoQueue = errors.New("notify: no job queue runs in this process")
)

// FieldError names the field of a [Message] that is wrong ("to", "subject",
// "body", "instansi").
type FieldError struct {
	Field  string
	Reason string // "required", "address", "too_long"
}

func (e *FieldError) Error() string { return "notify: " + e.Field + ": " + e.Reason }

// Unwrap makes a FieldError match [ErrInvalid].
func (e *FieldError) Unwrap() error { return ErrInvalid }

// Config configures a [Notifier]. The zero value is valid: no SMTP server
// (messages kept as not_configured), River-compatible retry defaults.
type Config struct {
	SMTP SMTPConfig
	// Sealer protects private addresses at rest; nil: private messages are
	// stored without their address, as not_configured.
	Sealer Sealer
	// BaseURL is the address of this Netral as users reach it, e.g.
	// "https://netral.tanjungharapankab.go.id", used for links in messages
	// ([Notifier.Link]); empty: messages carry paths without a host.
	BaseURL string
	// MaxAttempts is how many times a message is tried on temporary
	// failures (SMTP 4xx, network); 0 means DefaultMaxAttempts.
	MaxAttempts int
	// RetryBase is the wait before the second attempt; each later wait is
	// four times the previous, at most RetryMax. 0 means DefaultRetryBase.
	RetryBase time.Duration
	// ReminderEvery is how often the registered reminder functions run; 0
	// means DefaultReminderEvery.
	ReminderEvery time.Duration
	// SweepEvery is how often messages left pending without a job (queued
	// by a process without a queue) are handed to one; 0 means
	// DefaultSweepEvery.
	SweepEvery time.Duration
	Logger     *slog.Logger
	Now        func() time.Time
}

// Defaults of [Config].
const (
	DefaultMaxAttempts   = 8
	DefaultRetryBase     = time.Minute
	RetryMax             = 6 * time.Hour
	DefaultReminderEvery = time.Hour
	DefaultSweepEvery    = 5 * time.Minute
)

// Notifier queues e-mails in the outbox and delivers them through durable
// jobs. Build it with [New], register its workers ([Notifier.Register]) and
// periodic jobs ([Notifier.PeriodicJobs]), and give it the queue
// ([Notifier.SetQueue]) before the queue starts. A nil *Notifier still
// queues messages (Enqueue): they wait in the outbox for the sweep of a
// process that runs the queue.
type Notifier struct {
	d     *db.DB
	cfg   Config
	log   *slog.Logger
	now   func() time.Time
	mu    sync.RWMutex
	queue *jobs.Queue
	seal  Sealer
}

// New returns a notifier over d. It fails when cfg.SMTP is configured but
// invalid.
func New(d *db.DB, cfg Config) (*Notifier, error) {
	if err := cfg.SMTP.Validate(); err != nil {
		return nil, fmt.Errorf("notify: %w", err)
	}
	if cfg.SMTP.Configured() {
		cfg.SMTP = cfg.SMTP.withDefaults()
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = DefaultMaxAttempts
	}
	if cfg.RetryBase <= 0 {
		cfg.RetryBase = DefaultRetryBase
	}
	if cfg.ReminderEvery <= 0 {
		cfg.ReminderEvery = DefaultReminderEvery
	}
	if cfg.SweepEvery <= 0 {
		cfg.SweepEvery = DefaultSweepEvery
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cfg.BaseURL = strings.TrimRight(strings.TrimSpace(cfg.BaseURL), "/")
	return &Notifier{d: d, cfg: cfg, log: cfg.Logger, now: cfg.Now, seal: cfg.Sealer}, nil
}

// SetQueue gives the notifier the queue its messages' jobs go to.
func (n *Notifier) SetQueue(q *jobs.Queue) {
	n.mu.Lock()
	n.queue = q
	n.mu.Unlock()
}

// SetSealer sets (or replaces) the sealer of private addresses.
func (n *Notifier) SetSealer(s Sealer) {
	n.mu.Lock()
	n.seal = s
	n.mu.Unlock()
}

func (n *Notifier) getQueue() *jobs.Queue {
	if n == nil {
		return nil
	}
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.queue
}

func (n *Notifier) sealer() Sealer {
	if n == nil {
		return nil
	}
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.seal
}

// Configured reports whether an SMTP server is set.
func (n *Notifier) Configured() bool { return n != nil && n.cfg.SMTP.Configured() }

// SMTP describes the SMTP server without its password.
func (n *Notifier) SMTP() string {
	if n == nil {
		return SMTPConfig{}.String()
	}
	return n.cfg.SMTP.String()
}

// Link returns the address of path (e.g. "/perkara/12") under the base
// URL, or path alone when no base URL is set.
func (n *Notifier) Link(path string) string {
	if n == nil || n.cfg.BaseURL == "" {
		return path
	}
	return n.cfg.BaseURL + "/" + strings.TrimLeft(path, "/")
}

// sealAD binds a sealed address to its message.
func sealAD(instansiID int64, objectType, objectID, dedupe string) string {
	return "netral/email_outbox/" + strconv.FormatInt(instansiID, 10) + "/" + objectType + "/" + objectID + "/" + dedupe
}

// cleanSubject makes a subject one safe header line.
func cleanSubject(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == 0x2028 || r == 0x2029 || r == 0x85 {
			return ' '
		}
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > MaxSubjectLen {
		r := []rune(s)
		s = strings.TrimSpace(string(r[:MaxSubjectLen-1])) + "…"
	}
	return s
}

// cleanBody keeps a body plain text: line breaks normalised to "\n", tabs
// kept, other control and format characters removed.
func cleanBody(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) && r != 0x200D {
			return -1
		}
		return r
	}, s)
}

// checkAddress accepts a bare address ("a@b.go.id") and nothing else.
func checkAddress(s string) (string, error) {
	if strings.ContainsFunc(s, unicode.IsControl) {
		return "", &FieldError{Field: "to", Reason: "address"}
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return "", &FieldError{Field: "to", Reason: "required"}
	}
	if len(s) > MaxAddressLen || strings.ContainsAny(s, "\r\n<>,;\" ") {
		return "", &FieldError{Field: "to", Reason: "address"}
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" || !strings.Contains(s[strings.LastIndexByte(s, '@')+1:], ".") &&
		!strings.HasSuffix(s, "@localhost") {
		return "", &FieldError{Field: "to", Reason: "address"}
	}
	return s, nil
}

// Enqueue stores m in the outbox inside tx, and, when the notifier has a
// queue, the job that sends it in the same transaction: the message exists
// if and only if tx commits. It returns the message's id, or 0 when a
// message with the same DedupeKey already exists in the instansi (nothing
// is stored then). A nil notifier, or one without a queue, stores the
// message as pending for the periodic sweep of a process that runs the
// queue. A private message without a sealer is stored without its address
// as not_configured. Invalid messages give a [*FieldError].
func (n *Notifier) Enqueue(ctx context.Context, tx *db.Tx, m Message) (int64, error) {
	if m.InstansiID == 0 {
		return 0, &FieldError{Field: "instansi", Reason: "required"}
	}
	to, err := checkAddress(m.To)
	if err != nil {
		return 0, err
	}
	subject := cleanSubject(m.Subject)
	if subject == "" {
		return 0, &FieldError{Field: "subject", Reason: "required"}
	}
	body := cleanBody(m.Body)
	if strings.TrimSpace(body) == "" {
		return 0, &FieldError{Field: "body", Reason: "required"}
	}
	if len(body) > MaxBodyLen {
		return 0, &FieldError{Field: "body", Reason: "too_long"}
	}
	lang := m.Lang
	if lang != "en" {
		lang = "id"
	}
	status, lastErr := StatusPending, ""
	recipient, sealed := to, ""
	if m.Private {
		recipient = ""
		if s := n.sealer(); s != nil {
			if sealed, err = s.Seal([]byte(to), sealAD(m.InstansiID, m.ObjectType, m.ObjectID, m.DedupeKey)); err != nil {
				return 0, fmt.Errorf("notify: seal recipient: %w", err)
			}
		} else {
			status, lastErr = StatusNotConfigured, "no key to protect the recipient's address (NETRAL_REPORT_KEY_FILE)"
		}
	}
	var dedupe any
	if k := strings.TrimSpace(m.DedupeKey); k != "" {
		dedupe = k
	}
	now := clock.Format(n.clock())
	var id int64
	err = tx.QueryRow(ctx, `INSERT INTO email_outbox (instansi_id, recipient, recipient_sealed, private, template, lang,
		subject, body, object_type, object_id, dedupe_key, status, last_error, created_at, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT (instansi_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING RETURNING id`,
		m.InstansiID, recipient, sealed, boolInt(m.Private), m.Template, lang, subject, body, m.ObjectType, m.ObjectID,
		dedupe, status, lastErr, now, now).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil // a message with this DedupeKey exists
	}
	if err != nil {
		return 0, fmt.Errorf("notify: store message: %w", err)
	}
	if status == StatusPending {
		if q := n.getQueue(); q != nil {
			if _, err := q.InsertTx(ctx, tx, SendEmail{OutboxID: id}, nil); err != nil {
				return 0, fmt.Errorf("notify: queue message %d: %w", id, err)
			}
		}
	}
	return id, nil
}

func (n *Notifier) clock() time.Time {
	if n == nil || n.now == nil {
		return time.Now().UTC()
	}
	return n.now().UTC()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Send queues m in a transaction of its own (see [Notifier.Enqueue]).
func (n *Notifier) Send(ctx context.Context, m Message) (int64, error) {
	var id int64
	err := n.d.InTx(ctx, func(tx *db.Tx) error {
		var err error
		id, err = n.Enqueue(ctx, tx, m)
		return err
	})
	return id, err
}

// Retry puts a failed or not_configured message of the instansi back in the
// queue (after the SMTP settings were fixed), with an audit entry
// ("email.retry"). A message already sent or pending is left as it is.
func (n *Notifier) Retry(ctx context.Context, actor audit.Actor, instansiID, id int64) error {
	q := n.getQueue()
	if q == nil {
		return ErrNoQueue
	}
	return n.d.InTx(ctx, func(tx *db.Tx) error {
		var status string
		err := tx.QueryRow(ctx, `SELECT status FROM email_outbox WHERE id = ? AND instansi_id = ?`, id, instansiID).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("notify: retry %d: %w", id, err)
		}
		if status != StatusFailed && status != StatusNotConfigured {
			return nil
		}
		return n.requeue(ctx, tx, q, actor, instansiID, id, status)
	})
}

// RetryAll puts every failed or not_configured message of the instansi back
// in the queue and returns how many.
func (n *Notifier) RetryAll(ctx context.Context, actor audit.Actor, instansiID int64) (int, error) {
	q := n.getQueue()
	if q == nil {
		return 0, ErrNoQueue
	}
	count := 0
	err := n.d.InTx(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(ctx, `SELECT id, status FROM email_outbox WHERE instansi_id = ? AND status IN (?, ?)
			ORDER BY id LIMIT 1000`, instansiID, StatusFailed, StatusNotConfigured)
		if err != nil {
			return fmt.Errorf("notify: retry all: %w", err)
		}
		type row struct {
			id     int64
			status string
		}
		var todo []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.id, &r.status); err != nil {
				rows.Close()
				return err
			}
			todo = append(todo, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range todo {
			if err := n.requeue(ctx, tx, q, actor, instansiID, r.id, r.status); err != nil {
				return err
			}
		}
		count = len(todo)
		return nil
	})
	return count, err
}

func (n *Notifier) requeue(ctx context.Context, tx *db.Tx, q *jobs.Queue, actor audit.Actor, instansiID, id int64, before string) error {
	var round int64
	if err := tx.QueryRow(ctx, `UPDATE email_outbox SET status = ?, attempts = 0, last_error = '', updated_at = ?,
		send_round = send_round + 1 WHERE id = ? RETURNING send_round`, StatusPending, clock.Format(n.clock()), id).
		Scan(&round); err != nil {
		return fmt.Errorf("notify: retry %d: %w", id, err)
	}
	if _, err := q.InsertTx(ctx, tx, SendEmail{OutboxID: id, Round: round}, nil); err != nil {
		return fmt.Errorf("notify: queue message %d: %w", id, err)
	}
	return audit.Record(ctx, tx, actor, audit.Event{InstansiID: instansiID, Action: "email.retry",
		ObjectType: "email_outbox", ObjectID: strconv.FormatInt(id, 10),
		Before: map[string]string{"status": before}, After: map[string]string{"status": StatusPending}})
}
