package feedpoll

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/capture"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/feeds"
	"github.com/netral-asn/netral/internal/jobs"
	"github.com/netral-asn/netral/internal/monitor"
)

// Defaults of [Poller].
const (
	// DefaultInterval is how long after its last poll a feed is polled again.
	DefaultInterval = 15 * time.Minute
	// DefaultMaxItems bounds the records one poll reads from a feed (the
	// newest) or from a Mastodon account (after the cursor).
	DefaultMaxItems = 200
	// DefaultTimeout bounds the HTTP requests of one poll.
	DefaultTimeout = 30 * time.Second
	// MinInterval is the shortest polling interval accepted.
	MinInterval = 10 * time.Second
)

// Poller polls feeds and ingests what they bring. Its zero value is not
// usable: set DB. It is safe for concurrent use.
type Poller struct {
	// DB is the database of the feeds and activities.
	DB *db.DB
	// Client sends the feed and API requests; nil means an SSRF-safe client
	// ([capture.SafeClient]) allowing AllowHosts and AllowCIDRs.
	Client *http.Client
	// AllowHosts and AllowCIDRs lift the private-address check of the
	// default client (see capture.Options): for tests only.
	AllowHosts []string
	AllowCIDRs []string
	// Queue enqueues poll jobs ([Poller.Enqueue], [Poller.EnqueueDue]); nil
	// makes Enqueue poll inline.
	Queue *jobs.Queue
	// Interval is the time between two polls of a feed; DefaultInterval when 0.
	Interval time.Duration
	// MaxItems bounds the records read per poll; DefaultMaxItems when 0.
	MaxItems int
	// Logger receives a line per poll; nil means slog.Default.
	Logger *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	once      sync.Once
	client    *http.Client
	clientErr error
}

func (p *Poller) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

func (p *Poller) interval() time.Duration {
	if p.Interval > 0 {
		return p.Interval
	}
	return DefaultInterval
}

func (p *Poller) log() *slog.Logger {
	if p.Logger != nil {
		return p.Logger
	}
	return slog.Default()
}

// httpClient returns Client or the default SSRF-safe client.
func (p *Poller) httpClient() (*http.Client, error) {
	if p.Client != nil {
		return p.Client, nil
	}
	p.once.Do(func() {
		p.client, p.clientErr = capture.SafeClient(capture.Options{Timeout: DefaultTimeout,
			AllowHosts: p.AllowHosts, AllowCIDRs: p.AllowCIDRs})
	})
	return p.client, p.clientErr
}

// Result is what one poll did.
type Result struct {
	FeedID      int64
	Fetched     int  // records read from the feed (a Mastodon profile included)
	NotModified bool // the feed answered 304 Not Modified
	New         int  // activities stored
	Duplicates  int  // records already stored (by an earlier poll or another channel)
	Rejected    int  // records the ingest refused
	Flagged     int  // new activities flagged by screening
	Attributed  int  // new activities attributed to the account
	Profile     bool // a new version of the Mastodon profile was stored
}

// actor is who the audit trail names for the ingests of polls.
var actor = audit.System("feeds")

// Poll polls one feed now, whether enabled or not: it fetches what is new
// since the last poll, ingests it with source "feed" (attributed to the
// feed's account, screened, idempotent), and saves the cursor and the
// outcome on the feed. A failure is recorded on the feed (error and count of
// failures in a row) and returned; records read before a failure (a
// Mastodon account's first pages) are stored and their cursor kept. A rate
// limit is a [*feeds.RateLimitError] and is not counted as a failure. An
// unknown feed is [ErrNotFound].
func (p *Poller) Poll(ctx context.Context, feedID int64) (Result, error) {
	f, err := Get(ctx, p.DB, 0, feedID)
	if err != nil {
		return Result{FeedID: feedID}, err
	}
	return p.poll(ctx, f)
}

// cursor is the state a poll saves on its feed.
type cursor struct {
	etag, lastModified, statusID, remoteID string
}

func (p *Poller) poll(ctx context.Context, f Feed) (Result, error) {
	res := Result{FeedID: f.ID}
	started := p.now()
	cur := cursor{etag: f.ETag, lastModified: f.LastModified, statusID: f.LastStatusID, remoteID: f.RemoteAccountID}
	recs, fetchErr := p.fetch(ctx, f, &cur, &res)
	if fetchErr != nil && len(recs) == 0 && errors.Is(ctx.Err(), context.Canceled) {
		return res, fetchErr // stopped (shutdown): not the feed's failure
	}
	ctx = context.WithoutCancel(ctx) // what was read is stored and the outcome saved
	if len(recs) > 0 {
		if err := p.ingest(ctx, f, recs, &res); err != nil {
			// Not stored: keep the old cursor so the next poll reads them again.
			p.saveFailure(ctx, f, started, err)
			return res, err
		}
	}
	msg := ""
	if res.Rejected > 0 {
		msg = fmt.Sprintf("%d records rejected by the ingest", res.Rejected)
	}
	if err := p.saveOutcome(ctx, f, started, cur, res.New, fetchErr, msg); err != nil {
		if fetchErr == nil {
			return res, err
		}
		p.log().Error("save feed", "feed", f.ID, "err", err)
	}
	lg := p.log().With("feed", f.ID, "kind", f.Kind, "account", f.Platform+":"+f.Handle)
	if fetchErr != nil {
		lg.Warn("feed poll failed", "err", fetchErr, "new", res.New)
		return res, fetchErr
	}
	lg.Info("feed polled", "fetched", res.Fetched, "new", res.New, "flagged", res.Flagged, "not_modified", res.NotModified)
	return res, nil
}

// fetch reads what is new on the feed, updating cur; records read before an
// error come back with it.
func (p *Poller) fetch(ctx context.Context, f Feed, cur *cursor, res *Result) ([]feeds.Record, error) {
	client, err := p.httpClient()
	if err != nil {
		return nil, err
	}
	max := p.MaxItems
	if max <= 0 {
		max = DefaultMaxItems
	}
	platform := normalizedPlatform(f.Platform)
	author := authorOf(f)
	switch f.Kind {
	case KindRSS, KindAtom:
		fr, err := feeds.FetchFeed(ctx, client, f.URL, feeds.FeedOptions{Platform: platform, Author: author,
			ETag: f.ETag, LastModified: f.LastModified, MaxItems: max})
		if err != nil {
			return nil, err
		}
		cur.etag, cur.lastModified = fr.ETag, fr.LastModified
		res.NotModified = fr.NotModified
		res.Fetched = len(fr.Records)
		return fr.Records, nil
	case KindMastodon:
		return p.fetchMastodon(ctx, client, f, cur, res, platform, author, max)
	}
	return nil, fmt.Errorf("feed %d: unknown kind %q", f.ID, f.Kind)
}

// fetchMastodon looks the account up (its id and profile) and reads its
// statuses after the last one seen.
func (p *Poller) fetchMastodon(ctx context.Context, client *http.Client, f Feed, cur *cursor, res *Result,
	platform, author string, max int) ([]feeds.Record, error) {
	acct := mastodonAcct(f.Handle, f.Server)
	if acct == "" {
		return nil, permanentError{fmt.Errorf("handle %q is not a Mastodon user name", f.Handle)}
	}
	m := &feeds.Mastodon{Client: client, BaseURL: f.Server}
	a, err := m.LookupAccount(ctx, acct)
	if err != nil {
		return nil, err
	}
	since := f.LastStatusID
	if f.RemoteAccountID != "" && a.ID != f.RemoteAccountID {
		// Another account answers to the handle now: start afresh.
		since = ""
	}
	cur.remoteID = a.ID
	recs, newest, err := m.Statuses(ctx, a.ID, since, max)
	cur.statusID = newest
	if prof := feeds.ProfileRecord(a); prof.Text != "" {
		recs = append(recs, prof)
	}
	for i := range recs {
		recs[i].Platform, recs[i].Author = platform, author
	}
	res.Fetched = len(recs)
	return recs, err
}

// authorOf is the author written into the feed's records: the account's
// handle, so that the ingest attributes them to it.
func authorOf(f Feed) string {
	if strings.ContainsAny(f.Handle, "/?") {
		return f.Handle // an account known by its address
	}
	return "@" + f.Handle
}

// ingestRecord is a record as the ingest reads it, with the account's stable
// platform id when the registry has one.
type ingestRecord struct {
	feeds.Record
	AuthorID string `json:"author_id,omitempty"`
}

// ingest stores the records not yet stored through monitor.Ingest.
func (p *Poller) ingest(ctx context.Context, f Feed, recs []feeds.Record, res *Result) error {
	platform := normalizedPlatform(f.Platform)
	known, err := existing(ctx, p.DB, f.InstansiID, platform, recs)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	n := 0
	var profileID string
	for _, r := range recs {
		if known[r.ID] {
			res.Duplicates++
			continue
		}
		known[r.ID] = true // a feed listing an item twice
		if r.Kind == feeds.KindProfile {
			profileID = r.ID
		}
		if err := enc.Encode(ingestRecord{Record: r, AuthorID: f.PlatformID}); err != nil {
			return err
		}
		n++
	}
	if n == 0 {
		// Nothing new: no ingest, so no audit entry every interval.
		return nil
	}
	rep, err := monitor.Ingest(ctx, p.DB, &buf, monitor.IngestOptions{InstansiID: f.InstansiID, Source: monitor.SourceFeed,
		Format: monitor.FormatJSONL, Actor: actor, Workers: 1,
		OnReject: func(r monitor.Rejection) {
			p.log().Warn("feed record rejected", "feed", f.ID, "id", r.ID, "err", r.Error)
		}})
	res.New += rep.New
	res.Duplicates += rep.Duplicates
	res.Rejected += rep.RejectedCount
	res.Flagged += rep.Flagged
	res.Attributed += rep.Attributed
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	if profileID != "" {
		res.Profile = true
		for _, r := range rep.Rejected {
			if r.ID == profileID {
				res.Profile = false
			}
		}
	}
	return nil
}

// existing returns which of the records' ids the instansi already has on
// platform.
func existing(ctx context.Context, d *db.DB, instansiID int64, platform string, recs []feeds.Record) (map[string]bool, error) {
	known := make(map[string]bool, len(recs))
	const chunk = 200
	for start := 0; start < len(recs); start += chunk {
		part := recs[start:min(start+chunk, len(recs))]
		args := []any{instansiID, platform}
		for _, r := range part {
			args = append(args, r.ID)
		}
		rows, err := d.Query(ctx, `SELECT external_id FROM activity WHERE instansi_id = ? AND platform = ? AND external_id IN (`+
			strings.TrimSuffix(strings.Repeat("?,", len(part)), ",")+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			known[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return known, nil
}

// maxErrorLen bounds the error text kept on a feed.
const maxErrorLen = 1000

// saveOutcome saves the cursor and the outcome of a poll: a success clears
// the error and the failure count, a rate limit keeps the count, any other
// error adds one to it. note, when set, is kept as the error of a success.
func (p *Poller) saveOutcome(ctx context.Context, f Feed, at time.Time, cur cursor, added int, fetchErr error, note string) error {
	msg, count := note, "0"
	switch {
	case errors.Is(fetchErr, feeds.ErrRateLimited):
		msg, count = errorText(fetchErr), "error_count"
	case fetchErr != nil:
		msg, count = errorText(fetchErr), "error_count + 1"
	}
	set, args := "", []any{cur.etag, cur.lastModified, cur.statusID, cur.remoteID, clock.Format(at)}
	if fetchErr == nil || added > 0 {
		// A failure that stored nothing keeps what the last poll brought.
		set, args = "last_new = ?, ", append(args, added)
	}
	args = append(args, msg, clock.Format(p.now()), f.ID)
	_, err := p.DB.Exec(ctx, `UPDATE account_feed SET etag = ?, last_modified = ?, last_status_id = ?, remote_account_id = ?,
		last_polled_at = ?, `+set+`error = ?, error_count = `+count+`, updated_at = ? WHERE id = ?`, args...)
	if err != nil {
		return fmt.Errorf("save feed %d: %w", f.ID, err)
	}
	return nil
}

// saveFailure records a failed poll without touching the cursor.
func (p *Poller) saveFailure(ctx context.Context, f Feed, at time.Time, pollErr error) {
	if _, err := p.DB.Exec(ctx, `UPDATE account_feed SET last_polled_at = ?, error = ?,
		error_count = error_count + 1, updated_at = ? WHERE id = ?`, clock.Format(at), errorText(pollErr),
		clock.Format(p.now()), f.ID); err != nil {
		p.log().Error("save feed", "feed", f.ID, "err", err)
	}
}

func errorText(err error) string {
	s := err.Error()
	if len(s) > maxErrorLen {
		s = strings.ToValidUTF8(s[:maxErrorLen], "") + "…"
	}
	return s
}

// permanentError is a failure that retrying soon will not cure: a feed or
// account that does not exist, a refused address, a handle that cannot be
// looked up.
type permanentError struct{ error }

func (e permanentError) Unwrap() error { return e.error }

// Permanent reports whether a poll error will not go away by retrying soon
// (the periodic poll tries again later): the feed or account is gone (404,
// 410), the server refuses (other 4xx but 408 and 429), the address is one
// Netral does not connect to, or the feed's configuration is wrong.
func Permanent(err error) bool {
	var pe permanentError
	if errors.As(err, &pe) {
		return true
	}
	var he *feeds.HTTPError
	if errors.As(err, &he) {
		return he.StatusCode >= 400 && he.StatusCode < 500 && he.StatusCode != http.StatusRequestTimeout &&
			he.StatusCode != http.StatusTooManyRequests
	}
	return errors.Is(err, capture.ErrBlockedAddress) || errors.Is(err, capture.ErrScheme) ||
		errors.Is(err, capture.ErrInvalidURL) || errors.Is(err, capture.ErrHostNotFound)
}

// Due returns the ids of the enabled feeds to poll at now: never polled, or
// polled longer than the interval ago — longer still after failures in a
// row (twice the interval after 5, up to 16 times after 20), so that a dead
// feed is not hammered. Oldest poll first.
func (p *Poller) Due(ctx context.Context, now time.Time) ([]int64, error) {
	iv := p.interval()
	rows, err := p.DB.Query(ctx, `SELECT id, COALESCE(last_polled_at, ''), error_count FROM account_feed
		WHERE enabled = 1 AND (last_polled_at IS NULL OR last_polled_at <= ?) ORDER BY COALESCE(last_polled_at, ''), id`,
		clock.Format(now.Add(-iv)))
	if err != nil {
		return nil, fmt.Errorf("due feeds: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		var polled string
		var failures int
		if err := rows.Scan(&id, &polled, &failures); err != nil {
			return nil, err
		}
		if polled != "" && now.Sub(clock.Parse(polled)) < backoffInterval(iv, failures) {
			continue
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// backoffInterval is the time between polls of a feed that failed failures
// times in a row.
func backoffInterval(iv time.Duration, failures int) time.Duration {
	return iv << min(max(failures, 0)/MaxAttempts, 4)
}
