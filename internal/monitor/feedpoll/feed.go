// Package feedpoll polls the feeds of registered social-media accounts — an
// RSS or Atom feed URL, or the account's Mastodon-compatible server — and
// ingests what is new through [monitor.Ingest] with source "feed": attributed
// to the account, screened on arrival, idempotent.
//
// A feed is a row of account_feed: which account, which kind (rss, atom,
// mastodon), the URL or server, and the poller's cursor (ETag and
// Last-Modified of a feed; the newest status id and the account's id on a
// Mastodon server), the time, outcome and error of the last poll. Adding,
// removing and switching feeds on or off are audited; the poller's own
// bookkeeping is not (it would flood the audit trail), but every ingest it
// makes is, as "activity.ingest".
//
// Polling runs as durable background jobs ([PollFeed], one coarse job per
// feed and poll, never one per post) on the job queue of internal/jobs, with
// retries and back-off; a periodic job ([EnqueueDue]) enqueues a poll of each
// enabled feed whose last poll is older than the interval. [Poller.Poll]
// polls one feed inline, for `netral feeds poll` and for tests.
package feedpoll

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/monitor"
)

// Kinds of feed.
const (
	KindRSS      = "rss"      // an RSS feed URL
	KindAtom     = "atom"     // an Atom feed URL (read the same way as RSS)
	KindMastodon = "mastodon" // the account on a Mastodon-compatible server
)

// Kinds lists every kind of feed.
var Kinds = []string{KindRSS, KindAtom, KindMastodon}

// Feed is one feed of a registered account, with the poller's state.
type Feed struct {
	ID         int64
	InstansiID int64
	AccountID  int64
	Kind       string // one of Kinds
	URL        string // rss, atom: the feed's address
	Server     string // mastodon: the server's base URL, e.g. "https://mastodon.social"
	Enabled    bool

	ETag            string    // validators of the last fetch (rss, atom)
	LastModified    string    //
	LastStatusID    string    // mastodon: newest status read
	RemoteAccountID string    // mastodon: the account's id on Server, from the first poll
	LastPolledAt    time.Time // zero: never polled
	LastNew         int       // activities the last successful poll stored
	Error           string    // of the last poll; "" when it succeeded
	ErrorCount      int       // polls failed in a row
	CreatedAt       time.Time
	UpdatedAt       time.Time

	// The account and its employee.
	Platform     string
	Handle       string
	AccountURL   string
	PlatformID   string
	EmployeeID   int64
	EmployeeName string
}

// Target is the feed's URL or server, whichever its kind uses.
func (f Feed) Target() string {
	if f.Kind == KindMastodon {
		return f.Server
	}
	return f.URL
}

// Status sums up the last poll: "never", "ok", "error" (failed, ErrorCount
// times in a row) or "warning" (a rate limit, or records the ingest refused:
// Error says which).
func (f Feed) Status() string {
	switch {
	case f.Error != "" && f.ErrorCount > 0:
		return "error"
	case f.Error != "":
		return "warning"
	case f.LastPolledAt.IsZero():
		return "never"
	}
	return "ok"
}

// Errors of the package.
var (
	ErrNotFound = errors.New("feed not found")
	ErrInvalid  = errors.New("invalid feed")
)

// FieldError is a feed that cannot be saved: which field, a code (for a
// message in the user's language: "kind", "url", "server", "handle",
// "duplicate", "account") and an English message. It matches [ErrInvalid].
type FieldError struct {
	Field string
	Code  string
	Msg   string
}

// Error returns the English message.
func (e *FieldError) Error() string { return e.Msg }

// Unwrap makes the error match ErrInvalid.
func (e *FieldError) Unwrap() error { return ErrInvalid }

func invalid(field, code, msg string) error { return &FieldError{Field: field, Code: code, Msg: msg} }

// maxURLLen bounds a feed URL or server.
const maxURLLen = 2000

// normalizeFeedURL checks the address of an RSS or Atom feed.
func normalizeFeedURL(s string) (string, error) {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if s == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(s) > maxURLLen {
		return "", invalid("url", "url", "the feed URL must be an http(s) address")
	}
	if u.User != nil {
		return "", invalid("url", "url", "the feed URL must not contain a user name or password")
	}
	u.Fragment = ""
	return u.String(), nil
}

// NormalizeServer turns what a user types for a Mastodon server
// ("mastodon.social", "https://mastodon.social/", "@budi@mastodon.social"'s
// host) into the base URL stored: scheme (https unless http was written),
// lower-case host and port, no path.
func NormalizeServer(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s != "" && !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if s == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" || len(s) > maxURLLen ||
		u.User != nil || strings.Trim(u.Path, "/") != "" || u.RawQuery != "" {
		return "", invalid("server", "server", "the Mastodon server must be a host name such as mastodon.social")
	}
	host := strings.ToLower(u.Hostname())
	if p := u.Port(); p != "" {
		host = net.JoinHostPort(host, p)
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return u.Scheme + "://" + host, nil
}

// serverFromAccount guesses the Mastodon server of an account: the domain of
// a handle "user@domain", else the host of its profile URL.
func serverFromAccount(handle, profileURL string) string {
	if _, domain, ok := strings.Cut(strings.TrimPrefix(handle, "@"), "@"); ok && domain != "" {
		return domain
	}
	if u, err := url.Parse(profileURL); err == nil && u.Hostname() != "" {
		return u.Scheme + "://" + u.Host
	}
	return ""
}

// account is what the poller needs of a registered account.
type account struct {
	id, employeeID                    int64
	platform, handle, url, platformID string
	employeeName                      string
}

func loadAccount(ctx context.Context, q db.Querier, instansiID, accountID int64) (account, error) {
	var a account
	err := q.QueryRow(ctx, `SELECT a.id, a.employee_id, a.platform, a.handle, a.url, a.platform_id, e.name
		FROM social_account a JOIN employee e ON e.id = a.employee_id WHERE a.id = ? AND a.instansi_id = ?`,
		accountID, instansiID).Scan(&a.id, &a.employeeID, &a.platform, &a.handle, &a.url, &a.platformID, &a.employeeName)
	if errors.Is(db.NoRows(err), db.ErrNotFound) {
		return a, invalid("account", "account", "no such account")
	}
	return a, err
}

// NewFeed is a feed to add: the account (of the instansi), the kind and the
// URL (rss, atom) or server (mastodon; when empty, the domain of the
// account's handle or profile URL).
type NewFeed struct {
	InstansiID int64
	AccountID  int64
	Kind       string
	URL        string
	Server     string
}

// Add adds a feed to an account, enabled, and audits it ("feed.create").
// A feed the account already has is a [FieldError] with code "duplicate".
func Add(ctx context.Context, d *db.DB, actor audit.Actor, nf NewFeed) (Feed, error) {
	f := Feed{InstansiID: nf.InstansiID, AccountID: nf.AccountID, Kind: strings.ToLower(strings.TrimSpace(nf.Kind)), Enabled: true}
	if !slices.Contains(Kinds, f.Kind) {
		return f, invalid("kind", "kind", "the kind of feed must be rss, atom or mastodon")
	}
	err := d.InTx(ctx, func(tx *db.Tx) error {
		a, err := loadAccount(ctx, tx, nf.InstansiID, nf.AccountID)
		if err != nil {
			return err
		}
		if f.Kind == KindMastodon {
			server := nf.Server
			if strings.TrimSpace(server) == "" {
				server = serverFromAccount(a.handle, a.url)
			}
			if f.Server, err = NormalizeServer(server); err != nil {
				return err
			}
			if mastodonAcct(a.handle, f.Server) == "" {
				return invalid("handle", "handle", "the account's handle is not a Mastodon user name")
			}
		} else if f.URL, err = normalizeFeedURL(nf.URL); err != nil {
			return err
		}
		now := clock.Format(time.Now())
		err = tx.QueryRow(ctx, `INSERT INTO account_feed (instansi_id, account_id, kind, url, server, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?) RETURNING id`, f.InstansiID, f.AccountID, f.Kind, f.URL, f.Server, now, now).Scan(&f.ID)
		if db.IsUniqueViolation(err) {
			return invalid(f.Kind, "duplicate", "the account already has this feed")
		}
		if err != nil {
			return fmt.Errorf("add feed: %w", err)
		}
		f.Platform, f.Handle, f.AccountURL, f.PlatformID = a.platform, a.handle, a.url, a.platformID
		f.EmployeeID, f.EmployeeName = a.employeeID, a.employeeName
		f.CreatedAt, f.UpdatedAt = clock.Parse(now), clock.Parse(now)
		return audit.Record(ctx, tx, actor, audit.Event{InstansiID: f.InstansiID, Action: "feed.create",
			ObjectType: "account_feed", ObjectID: strconv.FormatInt(f.ID, 10), After: feedView(f)})
	})
	return f, err
}

// feedView is a feed as the audit trail records it.
func feedView(f Feed) map[string]any {
	return map[string]any{"account_id": f.AccountID, "platform": f.Platform, "handle": f.Handle, "kind": f.Kind,
		"url": f.URL, "server": f.Server, "enabled": f.Enabled}
}

const feedSelect = `SELECT f.id, f.instansi_id, f.account_id, f.kind, f.url, f.server, f.enabled, f.etag, f.last_modified,
	f.last_status_id, f.remote_account_id, COALESCE(f.last_polled_at, ''), f.last_new, f.error, f.error_count,
	f.created_at, f.updated_at, a.platform, a.handle, a.url, a.platform_id, a.employee_id, e.name
FROM account_feed f
JOIN social_account a ON a.id = f.account_id
JOIN employee e ON e.id = a.employee_id`

func scanFeed(r interface{ Scan(...any) error }) (Feed, error) {
	var f Feed
	var enabled int
	var polled, created, updated string
	err := r.Scan(&f.ID, &f.InstansiID, &f.AccountID, &f.Kind, &f.URL, &f.Server, &enabled, &f.ETag, &f.LastModified,
		&f.LastStatusID, &f.RemoteAccountID, &polled, &f.LastNew, &f.Error, &f.ErrorCount, &created, &updated,
		&f.Platform, &f.Handle, &f.AccountURL, &f.PlatformID, &f.EmployeeID, &f.EmployeeName)
	if err != nil {
		return f, err
	}
	f.Enabled = enabled != 0
	f.LastPolledAt, f.CreatedAt, f.UpdatedAt = clock.Parse(polled), clock.Parse(created), clock.Parse(updated)
	return f, nil
}

// Get returns a feed of an instansi; instansiID 0 means any instansi (for
// the poller, whose jobs carry only the feed's id).
func Get(ctx context.Context, q db.Querier, instansiID, id int64) (Feed, error) {
	query, args := feedSelect+` WHERE f.id = ?`, []any{id}
	if instansiID != 0 {
		query, args = query+` AND f.instansi_id = ?`, append(args, instansiID)
	}
	f, err := scanFeed(q.QueryRow(ctx, query, args...))
	if errors.Is(db.NoRows(err), db.ErrNotFound) {
		return f, ErrNotFound
	}
	return f, err
}

// Filter selects feeds for [List].
type Filter struct {
	InstansiID  int64 // 0: every instansi
	EmployeeID  int64 // when set, this employee's feeds
	AccountID   int64 // when set, this account's feeds
	EnabledOnly bool
}

// List returns feeds by employee name, platform, handle and id.
func List(ctx context.Context, q db.Querier, fl Filter) ([]Feed, error) {
	var where []string
	var args []any
	add := func(cond string, v any) { where, args = append(where, cond), append(args, v) }
	if fl.InstansiID != 0 {
		add("f.instansi_id = ?", fl.InstansiID)
	}
	if fl.EmployeeID != 0 {
		add("a.employee_id = ?", fl.EmployeeID)
	}
	if fl.AccountID != 0 {
		add("f.account_id = ?", fl.AccountID)
	}
	if fl.EnabledOnly {
		where = append(where, "f.enabled = 1")
	}
	query := feedSelect
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := q.Query(ctx, query+" ORDER BY e.name, a.platform, a.handle, f.id", args...)
	if err != nil {
		return nil, fmt.Errorf("list feeds: %w", err)
	}
	defer rows.Close()
	var out []Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// Delete removes a feed of an instansi (the activities it brought stay) and
// audits it ("feed.delete"). accountID, when not 0, must be the feed's
// account.
func Delete(ctx context.Context, d *db.DB, actor audit.Actor, instansiID, accountID, id int64) error {
	return d.InTx(ctx, func(tx *db.Tx) error {
		f, err := Get(ctx, tx, instansiID, id)
		if err != nil {
			return err
		}
		if accountID != 0 && f.AccountID != accountID {
			return ErrNotFound
		}
		if _, err := tx.Exec(ctx, `DELETE FROM account_feed WHERE id = ?`, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Event{InstansiID: f.InstansiID, Action: "feed.delete",
			ObjectType: "account_feed", ObjectID: strconv.FormatInt(id, 10), Before: feedView(f)})
	})
}

// SetEnabled switches the polling of a feed on or off and audits the change
// ("feed.update").
func SetEnabled(ctx context.Context, d *db.DB, actor audit.Actor, instansiID, id int64, enabled bool) error {
	return d.InTx(ctx, func(tx *db.Tx) error {
		f, err := Get(ctx, tx, instansiID, id)
		if err != nil {
			return err
		}
		if f.Enabled == enabled {
			return nil
		}
		if _, err := tx.Exec(ctx, `UPDATE account_feed SET enabled = ?, updated_at = ? WHERE id = ?`,
			boolInt(enabled), clock.Format(time.Now()), id); err != nil {
			return err
		}
		before := feedView(f)
		f.Enabled = enabled
		return audit.Record(ctx, tx, actor, audit.Event{InstansiID: f.InstansiID, Action: "feed.update",
			ObjectType: "account_feed", ObjectID: strconv.FormatInt(id, 10), Before: before, After: feedView(f)})
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// mastodonAcct is the address to look an account up with on server: the
// handle's user name when its domain is the server's (or it has none),
// "user@domain" otherwise; "" when the handle cannot be one.
func mastodonAcct(handle, server string) string {
	h := strings.TrimPrefix(strings.TrimSpace(handle), "@")
	user, domain, _ := strings.Cut(h, "@")
	if user == "" || strings.ContainsAny(user, "/?#: ") || strings.ContainsAny(domain, "/?#@ ") {
		return ""
	}
	if domain == "" {
		return user
	}
	if u, err := url.Parse(server); err == nil && strings.EqualFold(u.Host, domain) || err == nil && strings.EqualFold(u.Hostname(), domain) {
		return user
	}
	return user + "@" + domain
}

// normalizedPlatform is the platform records of an account are stored under.
func normalizedPlatform(p string) string { return monitor.NormalizePlatform(p) }
