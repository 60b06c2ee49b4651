package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/netral-asn/netral/internal/monitor/feedpoll"
	"github.com/netral-asn/netral/internal/registry"
)

// The feeds of an employee's accounts (RSS, Atom, Mastodon) on the employee
// page: listed with the outcome of their last poll, added, removed and
// polled now by holders of account.edit.

func init() {
	notices["feed_added"] = "feed.notice_added"
	notices["feed_deleted"] = "feed.notice_deleted"
	notices["feed_queued"] = "feed.notice_queued"
	notices["feed_busy"] = "feed.notice_busy"
	notices["feed_polled"] = "feed.notice_polled"
	notices["feed_failed"] = "feed.notice_failed"
}

// feedKindKeys and feedErrKeys name the messages of feed kinds and of the
// codes of feedpoll.FieldError.
var (
	feedKindKeys = map[string]string{feedpoll.KindRSS: "feed.kind_rss", feedpoll.KindAtom: "feed.kind_atom",
		feedpoll.KindMastodon: "feed.kind_mastodon"}
	feedErrKeys = map[string]string{"kind": "feed.err_kind", "url": "feed.err_url", "server": "feed.err_server",
		"handle": "feed.err_handle", "duplicate": "feed.err_duplicate", "account": "feed.err_account"}
)

// feedRow is one feed on the employee page.
type feedRow struct {
	feedpoll.Feed
	KindLabel   string
	StatusLabel string
	StatusClass string // "ok" or "" for the tag
}

// feedForm is the state of an add-feed form that was refused.
type feedForm struct {
	AccountID int64
	Kind      string
	Target    string
	Error     string
}

// feedSection is what the feeds part of employee.html receives.
type feedSection struct {
	ByAccount map[int64][]feedRow
	Kinds     []option
	Form      feedForm // the refused form, for Form.AccountID
}

// feedFormKey carries a refused add-feed form to renderEmployee.
type feedFormKey struct{}

// feedSection lists the feeds of the employee's accounts.
func (s *Server) feedSection(r *http.Request, c *reqCtx, e registry.Employee) (feedSection, error) {
	d := feedSection{ByAccount: map[int64][]feedRow{}}
	if f, ok := r.Context().Value(feedFormKey{}).(feedForm); ok {
		d.Form = f
	}
	for _, k := range feedpoll.Kinds {
		d.Kinds = append(d.Kinds, option{k, c.L.T(feedKindKeys[k])})
	}
	fs, err := feedpoll.List(r.Context(), s.DB, feedpoll.Filter{InstansiID: c.Instansi.ID, EmployeeID: e.ID})
	if err != nil {
		return d, err
	}
	for _, f := range fs {
		row := feedRow{Feed: f, KindLabel: c.L.T(feedKindKeys[f.Kind])}
		switch f.Status() {
		case "ok":
			row.StatusLabel, row.StatusClass = c.L.T("feed.status_ok", f.LastNew), "ok"
		case "error":
			row.StatusLabel = c.L.T("feed.status_error", f.ErrorCount)
		case "warning":
			row.StatusLabel = c.L.T("feed.status_warning")
		default:
			row.StatusLabel = c.L.T("feed.status_never")
		}
		if !f.Enabled {
			row.StatusLabel = c.L.T("feed.status_disabled")
		}
		d.ByAccount[f.AccountID] = append(d.ByAccount[f.AccountID], row)
	}
	return d, nil
}

// feedAccount loads the employee (in the user's scope) and the id of their
// account named by the path.
func (s *Server) feedAccount(r *http.Request, c *reqCtx) (registry.Employee, int64, error) {
	e, err := s.employee(r, c, r.PathValue("id"))
	if err != nil {
		return e, 0, err
	}
	aid, err := strconv.ParseInt(r.PathValue("aid"), 10, 64)
	if err != nil {
		return e, 0, errNotFound
	}
	accs, err := s.Reg.Accounts(r.Context(), c.Instansi.ID, e.ID)
	if err != nil {
		return e, 0, err
	}
	for _, a := range accs {
		if a.ID == aid {
			return e, aid, nil
		}
	}
	return e, 0, errNotFound
}

// feedOf loads the employee, account and feed named by the path.
func (s *Server) feedOf(r *http.Request, c *reqCtx) (registry.Employee, feedpoll.Feed, error) {
	e, aid, err := s.feedAccount(r, c)
	if err != nil {
		return e, feedpoll.Feed{}, err
	}
	fid, err := strconv.ParseInt(r.PathValue("fid"), 10, 64)
	if err != nil {
		return e, feedpoll.Feed{}, errNotFound
	}
	f, err := feedpoll.Get(r.Context(), s.DB, c.Instansi.ID, fid)
	if errors.Is(err, feedpoll.ErrNotFound) || err == nil && f.AccountID != aid {
		return e, f, errNotFound
	}
	return e, f, err
}

func feedRedirect(w http.ResponseWriter, r *http.Request, e registry.Employee, ok string) {
	http.Redirect(w, r, "/pegawai/"+itoa(e.ID)+"?ok="+ok+"#umpan", http.StatusSeeOther)
}

// feedAdd adds a feed (kind and URL or server) to an account.
func (s *Server) feedAdd(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	e, aid, err := s.feedAccount(r, c)
	if err != nil {
		return err
	}
	form := feedForm{AccountID: aid, Kind: strings.TrimSpace(r.PostFormValue("kind")),
		Target: strings.TrimSpace(r.PostFormValue("target"))}
	nf := feedpoll.NewFeed{InstansiID: c.Instansi.ID, AccountID: aid, Kind: form.Kind}
	if form.Kind == feedpoll.KindMastodon {
		nf.Server = form.Target
	} else {
		nf.URL = form.Target
	}
	_, err = feedpoll.Add(r.Context(), s.DB, c.actor(r), nf)
	var fe *feedpoll.FieldError
	if errors.As(err, &fe) {
		form.Error = fe.Msg
		if k, ok := feedErrKeys[fe.Code]; ok {
			form.Error = c.L.T(k)
		}
		r = r.WithContext(context.WithValue(r.Context(), feedFormKey{}, form))
		return s.renderEmployee(w, r, c, e, accountForm{Platform: "instagram"}, "", http.StatusBadRequest)
	}
	if err != nil {
		return err
	}
	feedRedirect(w, r, e, "feed_added")
	return nil
}

// feedDelete removes a feed.
func (s *Server) feedDelete(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	e, f, err := s.feedOf(r, c)
	if err != nil {
		return err
	}
	err = feedpoll.Delete(r.Context(), s.DB, c.actor(r), c.Instansi.ID, f.AccountID, f.ID)
	if errors.Is(err, feedpoll.ErrNotFound) {
		return errNotFound
	}
	if err != nil {
		return err
	}
	feedRedirect(w, r, e, "feed_deleted")
	return nil
}

// feedPollNow enqueues a poll of the feed, or polls it at once when the
// server runs without a job queue.
func (s *Server) feedPollNow(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	e, f, err := s.feedOf(r, c)
	if err != nil {
		return err
	}
	p := s.Feeds
	if p == nil {
		p = &feedpoll.Poller{DB: s.DB, Logger: s.log}
	}
	if p.Queue == nil {
		ok := "feed_polled"
		if _, err := p.Poll(r.Context(), f.ID); err != nil {
			ok = "feed_failed" // recorded on the feed, shown on the page
		}
		feedRedirect(w, r, e, ok)
		return nil
	}
	queued, err := p.Enqueue(r.Context(), c.Instansi.ID, f.ID)
	if errors.Is(err, feedpoll.ErrNotFound) {
		return errNotFound
	}
	if err != nil {
		return err
	}
	ok := "feed_queued"
	if !queued {
		ok = "feed_busy"
	}
	feedRedirect(w, r, e, ok)
	return nil
}
