package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/notify"
)

// The e-mail outbox page (GET /pengaturan/email): the SMTP settings in
// effect, every message of the instansi with its status, and the actions to
// send failed or unsent messages again and to send a test message.

// outboxPage is what outbox.html receives.
type outboxPage struct {
	Configured bool
	SMTP       string // the server without its password
	Queue      bool   // a job queue runs in this process
	Status     string // the filter
	Statuses   []string
	Counts     map[string]int
	Messages   []notify.OutboxEntry
	Notice     string
	Error      string
	TestTo     string
	TestErr    string
}

var outboxStatuses = []string{notify.StatusPending, notify.StatusSent, notify.StatusFailed, notify.StatusNotConfigured}

func (s *Server) outboxData(r *http.Request, c *reqCtx, d *outboxPage) error {
	ctx := r.Context()
	d.Configured, d.SMTP, d.Statuses = s.Notify.Configured(), s.Notify.SMTP(), outboxStatuses
	d.Queue = s.Notify != nil
	counts, err := notify.Counts(ctx, s.DB, c.Instansi.ID)
	if err != nil {
		return err
	}
	d.Counts = counts
	d.Messages, err = notify.List(ctx, s.DB, c.Instansi.ID, notify.OutboxFilter{Status: d.Status, Limit: 200})
	return err
}

// outboxList shows the outbox.
func (s *Server) outboxList(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	q := r.URL.Query()
	d := outboxPage{Status: q.Get("status")}
	if d.Status != "" && !slices.Contains(outboxStatuses, d.Status) {
		return badRequest("status")
	}
	switch q.Get("ok") {
	case "retry":
		d.Notice = c.L.T("outbox.retried", 1)
	case "retry_all":
		n, _ := strconv.Atoi(q.Get("n"))
		d.Notice = c.L.T("outbox.retried", n)
	case "test":
		d.Notice = c.L.T("outbox.test_queued")
	}
	if err := s.outboxData(r, c, &d); err != nil {
		return err
	}
	s.render(w, r, c, "outbox.html", c.L.T("outbox.title"), d)
	return nil
}

// outboxFail shows the page again with an error and status.
func (s *Server) outboxFail(w http.ResponseWriter, r *http.Request, c *reqCtx, status int, d outboxPage) error {
	if err := s.outboxData(r, c, &d); err != nil {
		return err
	}
	s.renderStatus(w, r, c, status, "outbox.html", c.L.T("outbox.title"), d)
	return nil
}

// outboxRetry puts one failed or unsent message back in the queue.
func (s *Server) outboxRetry(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNotFound
	}
	err = s.Notify.Retry(r.Context(), c.actor(r), c.Instansi.ID, id)
	switch {
	case errors.Is(err, notify.ErrNotFound):
		return errNotFound
	case errors.Is(err, notify.ErrNoQueue):
		return s.outboxFail(w, r, c, http.StatusServiceUnavailable, outboxPage{Error: c.L.T("outbox.err_no_queue")})
	case err != nil:
		return err
	}
	http.Redirect(w, r, "/pengaturan/email?ok=retry", http.StatusSeeOther)
	return nil
}

// outboxRetryAll puts every failed or unsent message back in the queue.
func (s *Server) outboxRetryAll(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if s.Notify == nil {
		return s.outboxFail(w, r, c, http.StatusServiceUnavailable, outboxPage{Error: c.L.T("outbox.err_no_queue")})
	}
	n, err := s.Notify.RetryAll(r.Context(), c.actor(r), c.Instansi.ID)
	if errors.Is(err, notify.ErrNoQueue) {
		return s.outboxFail(w, r, c, http.StatusServiceUnavailable, outboxPage{Error: c.L.T("outbox.err_no_queue")})
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/pengaturan/email?ok=retry_all&n="+strconv.Itoa(n), http.StatusSeeOther)
	return nil
}

// outboxTest queues a test message to the address given, in the user's
// language, with an audit entry.
func (s *Server) outboxTest(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	to := strings.TrimSpace(r.PostFormValue("to"))
	d := outboxPage{TestTo: to}
	if to == "" {
		d.TestErr = c.L.T("outbox.err_test_to")
		return s.outboxFail(w, r, c, http.StatusBadRequest, d)
	}
	m := notify.TestMessage(c.L.Lang, c.User.FullName)
	m.InstansiID, m.To, m.ObjectType, m.ObjectID = c.Instansi.ID, to, "app_user", strconv.FormatInt(c.User.ID, 10)
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		id, err := s.Notify.Enqueue(ctx, tx, m)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, c.actor(r), audit.Event{InstansiID: c.Instansi.ID, Action: "email.test",
			ObjectType: "email_outbox", ObjectID: strconv.FormatInt(id, 10), After: map[string]string{"to": to}})
	})
	var fe *notify.FieldError
	if errors.As(err, &fe) {
		d.TestErr = c.L.T("outbox.err_test_to")
		return s.outboxFail(w, r, c, http.StatusBadRequest, d)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/pengaturan/email?ok=test", http.StatusSeeOther)
	return nil
}
