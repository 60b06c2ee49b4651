package monitor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/capture"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/nip"
	"github.com/netral-asn/netral/internal/registry"
	"github.com/netral-asn/netral/internal/roster"
)

// This file stores URL captures: capture requests (a URL to capture and
// re-capture, pasted by the Tim Pengawas or carried by a flagged activity
// record) and their immutable capture rows (one per fetch). The jobs that
// fetch are in capture_jobs.go.

// Origins of a capture request.
const (
	CaptureOriginPaste    = "paste"    // pasted by a team member (GET/POST /tangkap)
	CaptureOriginActivity = "activity" // the URL of a flagged activity record
)

// States of a capture request.
const (
	CapturePending = "pending" // queued, nothing recorded yet
	CaptureActive  = "active"  // answered at least once: re-captured on schedule until RecaptureUntil
	CaptureFailed  = "failed"  // the first capture failed for good (blocked address, refused content …)
)

// Changes recorded on a capture row: how it compares with the previous
// capture of the same URL ([capture.Compare]), plus "first" and "failed".
const (
	ChangeFirst     = "first"     // the first answer for this URL in the instansi
	ChangeUnchanged = "unchanged" // same readable content (or still gone)
	ChangeChanged   = "changed"   // the content differs, or a gone post is back
	ChangeGone      = "gone"      // 404/410 or host gone after the post was seen: deleted after report
	ChangeUnknown   = "unknown"   // the answer shows nothing to compare (403, 429, 5xx …)
	ChangeFailed    = "failed"    // no usable answer: see Error
)

// Limits of a pasted capture request.
const (
	maxCaptureNote = 2000
	maxCaptureURL  = maxURLLen
)

// CaptureRequest is a URL Netral captures and re-captures.
type CaptureRequest struct {
	ID             int64
	InstansiID     int64
	URL            string
	Origin         string
	ActivityID     int64 // the activity the captures are linked to; 0 until there is one
	AccountID      int64 // attribution chosen when pasting; 0 when none
	EmployeeID     int64
	OPDID          int64
	EmployeeName   string
	Note           string
	State          string
	LastError      string
	LastRunAt      time.Time
	RecaptureUntil time.Time
	CreatedBy      int64
	CreatedByName  string
	CreatedAt      time.Time
	UpdatedAt      time.Time

	Captures     int    // capture rows recorded
	LatestID     int64  // the newest capture row, 0 when none
	LatestChange string // its change
	LatestStatus int    // its HTTP status
}

// CaptureRecord is one stored, immutable capture: what one fetch found.
type CaptureRecord struct {
	ID         int64
	InstansiID int64
	RequestID  int64 // 0 for rows without a request
	ActivityID int64 // 0 when not linked to an activity
	// OPDID is the OPD the capture belongs to for scoping: its activity's
	// attribution, else the attribution chosen on the request; 0 when none.
	OPDID int64
	capture.Capture
	TextHash  string
	Change    string // one of the Change* values
	Error     string
	ErrorKind string // see ErrorKind; "" when the fetch succeeded
	CreatedBy int64
	CreatedAt time.Time
	// BodySize is the length of the stored body (filled also when the body
	// itself is not loaded).
	BodySize int64
	// PurgedAt is when data minimisation removed the body and what was
	// extracted from it (the activity of the URL was never flagged; see
	// [Purge]); zero while they are kept.
	PurgedAt time.Time
}

// Answered reports whether the fetch got an answer worth comparing or
// showing (any status, or a host gone from DNS).
func (r CaptureRecord) Answered() bool { return r.Change != ChangeFailed }

// Lines returns the extracted text split into its lines (blocks), for
// display.
func (r CaptureRecord) Lines() []string {
	if r.Text == "" {
		return nil
	}
	return strings.Split(r.Text, "\n")
}

// PasteInput is a URL pasted by a team member.
type PasteInput struct {
	InstansiID int64
	URL        string
	NIP        string // optional: the employee the post is attributed to
	Account    string // optional: a registered account, "platform:@handle" or a profile URL
	Note       string
}

// PasteError is a refused paste: Field is "url", "nip", "account" or
// "note" and Reason a short code (url_invalid, url_scheme, url_blocked,
// url_too_long, nip_unknown, account_invalid, account_unknown,
// account_mismatch, note_too_long) a page maps to a message.
type PasteError struct {
	Field  string
	Reason string
	Detail string
}

// Error returns "field: reason (detail)".
func (e *PasteError) Error() string {
	s := e.Field + ": " + e.Reason
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	return s
}

// Unwrap makes the error match ErrInvalid.
func (e *PasteError) Unwrap() error { return ErrInvalid }

// ErrNoQueue is returned when a capture is asked for but no job queue runs.
var ErrNoQueue = errors.New("capture: no job queue")

// attribution is where a capture request's post is attributed.
type attribution struct {
	account, employee, opd int64
	platform, handle       string // of the account
}

// resolvePaste checks a paste and finds the employee and account it names.
// allowed reports whether the fetcher's test allow-list admits an address
// NormalizeURL refuses.
func resolvePaste(ctx context.Context, d *db.DB, in *PasteInput, allowed func(host string) bool) (string, attribution, error) {
	var at attribution
	raw := strings.TrimSpace(in.URL)
	if len(raw) > maxCaptureURL {
		return "", at, &PasteError{Field: "url", Reason: "url_too_long"}
	}
	u, err := capture.NormalizeURL(raw)
	var ce *capture.Error
	if errors.Is(err, capture.ErrBlockedAddress) && errors.As(err, &ce) && ce.URL != "" {
		if pu, perr := url.Parse(ce.URL); perr == nil && allowed(pu.Host) {
			u, err = ce.URL, nil
		}
	}
	if err != nil {
		reason := "url_invalid"
		switch {
		case errors.Is(err, capture.ErrScheme):
			reason = "url_scheme"
		case errors.Is(err, capture.ErrBlockedAddress):
			reason = "url_blocked"
		}
		return "", at, &PasteError{Field: "url", Reason: reason, Detail: err.Error()}
	}
	if len(u) > maxCaptureURL {
		return "", at, &PasteError{Field: "url", Reason: "url_too_long"}
	}
	in.Note = strings.TrimSpace(in.Note)
	if len(in.Note) > maxCaptureNote {
		return "", at, &PasteError{Field: "note", Reason: "note_too_long"}
	}
	if n := strings.TrimSpace(in.NIP); n != "" {
		e, err := (&registry.Store{DB: d}).EmployeeByNIP(ctx, in.InstansiID, nip.Normalize(n))
		if errors.Is(db.NoRows(err), db.ErrNotFound) || errors.Is(err, registry.ErrNotFound) {
			return "", at, &PasteError{Field: "nip", Reason: "nip_unknown"}
		}
		if err != nil {
			return "", at, err
		}
		at.employee, at.opd = e.ID, e.OPDID
	}
	if a := strings.TrimSpace(in.Account); a != "" {
		accs, err := roster.ParseAccounts(a)
		if err != nil || len(accs) != 1 {
			return "", at, &PasteError{Field: "account", Reason: "account_invalid"}
		}
		acc := accs[0]
		var q string
		var arg string
		switch {
		case acc.Handle != "":
			q, arg = `a.handle = ?`, registry.NormalizeHandle(acc.Handle)
		case acc.URL != "":
			q, arg = `a.url = ?`, acc.URL
		default:
			return "", at, &PasteError{Field: "account", Reason: "account_invalid"}
		}
		var emp, opd, id int64
		var platform, handle string
		err = d.QueryRow(ctx, `SELECT a.id, a.platform, a.handle, e.id, e.opd_id FROM social_account a
			JOIN employee e ON e.id = a.employee_id
			WHERE a.instansi_id = ? AND a.platform = ? AND `+q, in.InstansiID, acc.Platform, arg).
			Scan(&id, &platform, &handle, &emp, &opd)
		if errors.Is(db.NoRows(err), db.ErrNotFound) {
			return "", at, &PasteError{Field: "account", Reason: "account_unknown"}
		}
		if err != nil {
			return "", at, err
		}
		if at.employee != 0 && at.employee != emp {
			return "", at, &PasteError{Field: "account", Reason: "account_mismatch"}
		}
		at = attribution{account: id, employee: emp, opd: opd, platform: platform, handle: handle}
	}
	return u, at, nil
}

// Paste records a URL pasted by a team member as a capture request and
// enqueues its capture job in the same transaction; both are audited. The
// answer is a [*PasteError] when the input is refused, ErrNoQueue when the
// capturer has no queue.
func (c *Capturer) Paste(ctx context.Context, actor audit.Actor, in PasteInput) (CaptureRequest, error) {
	q := c.queue
	if q == nil {
		return CaptureRequest{}, ErrNoQueue
	}
	u, at, err := resolvePaste(ctx, c.d, &in, c.allowListed)
	if err != nil {
		return CaptureRequest{}, err
	}
	now := c.now()
	var id int64
	err = c.d.InTx(ctx, func(tx *db.Tx) error {
		id, err = insertRequest(ctx, tx, requestRow{instansi: in.InstansiID, url: u, origin: CaptureOriginPaste,
			at: at, note: in.Note, createdBy: actor.UserID, now: now, until: now.Add(c.cfg.RecaptureFor)})
		if err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, actor, audit.Event{InstansiID: in.InstansiID, Action: "capture.request",
			ObjectType: "capture_request", ObjectID: strconv.FormatInt(id, 10),
			After: map[string]any{"url": u, "origin": CaptureOriginPaste, "account_id": nullID(at.account),
				"employee_id": nullID(at.employee), "note": in.Note}}); err != nil {
			return err
		}
		_, err := q.InsertTx(ctx, tx, CaptureURL{CaptureRequestID: id}, nil)
		return err
	})
	if err != nil {
		return CaptureRequest{}, err
	}
	return GetCaptureRequest(ctx, c.d, in.InstansiID, id)
}

// allowListed reports whether host (from a URL, with an optional port) is
// on the fetcher's test allow-list.
func (c *Capturer) allowListed(host string) bool {
	o := c.cfg.Fetch
	if slices.Contains(o.AllowHosts, host) {
		return true
	}
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	ip, err := netip.ParseAddr(strings.Trim(h, "[]"))
	if err != nil {
		return slices.Contains(o.AllowHosts, h)
	}
	for _, s := range o.AllowCIDRs {
		if p, err := netip.ParsePrefix(s); err == nil && p.Contains(ip) {
			return true
		}
		if a, err := netip.ParseAddr(s); err == nil && a == ip {
			return true
		}
	}
	return slices.Contains(o.AllowHosts, h)
}

// requestRow is a capture request to insert.
type requestRow struct {
	instansi   int64
	url        string
	origin     string
	activity   int64
	at         attribution
	note       string
	createdBy  int64
	now, until time.Time
}

// insertRequest inserts a capture request and returns its id; 0 when an
// activity's request already exists.
func insertRequest(ctx context.Context, tx *db.Tx, r requestRow) (int64, error) {
	stamp := clock.Format(r.now)
	var id int64
	err := tx.QueryRow(ctx, `INSERT INTO capture_request (instansi_id, url, origin, activity_id, account_id, employee_id,
		opd_id, note, state, recapture_until, created_by, created_at, updated_at)
		VALUES (?,?,?,?,?,?,?,?,'pending',?,?,?,?)
		ON CONFLICT (activity_id) WHERE origin = 'activity' DO NOTHING RETURNING id`,
		r.instansi, r.url, r.origin, nullID(r.activity), nullID(r.at.account), nullID(r.at.employee), nullID(r.at.opd),
		r.note, clock.Format(r.until), nullID(r.createdBy), stamp, stamp).Scan(&id)
	if errors.Is(db.NoRows(err), db.ErrNotFound) {
		return 0, nil
	}
	return id, err
}

const requestSelect = `SELECT r.id, r.instansi_id, r.url, r.origin, COALESCE(r.activity_id, 0), COALESCE(r.account_id, 0),
	COALESCE(r.employee_id, 0), COALESCE(r.opd_id, 0), COALESCE(e.name, ''), r.note, r.state, r.last_error,
	COALESCE(r.last_run_at, ''), r.recapture_until, COALESCE(r.created_by, 0), COALESCE(u.username, ''),
	r.created_at, r.updated_at,
	(SELECT COUNT(*) FROM capture c WHERE c.request_id = r.id),
	COALESCE((SELECT MAX(c.id) FROM capture c WHERE c.request_id = r.id), 0)
FROM capture_request r
LEFT JOIN employee e ON e.id = r.employee_id
LEFT JOIN app_user u ON u.id = r.created_by`

func scanRequest(s interface{ Scan(...any) error }) (CaptureRequest, error) {
	var r CaptureRequest
	var last, until, created, updated string
	err := s.Scan(&r.ID, &r.InstansiID, &r.URL, &r.Origin, &r.ActivityID, &r.AccountID, &r.EmployeeID, &r.OPDID,
		&r.EmployeeName, &r.Note, &r.State, &r.LastError, &last, &until, &r.CreatedBy, &r.CreatedByName, &created,
		&updated, &r.Captures, &r.LatestID)
	r.LastRunAt, r.RecaptureUntil, r.CreatedAt, r.UpdatedAt = clock.Parse(last), clock.Parse(until),
		clock.Parse(created), clock.Parse(updated)
	return r, err
}

// fillLatest adds the change and status of each request's newest capture.
func fillLatest(ctx context.Context, q db.Querier, rs []CaptureRequest) error {
	for i := range rs {
		if rs[i].LatestID == 0 {
			continue
		}
		if err := q.QueryRow(ctx, `SELECT change, status FROM capture WHERE id = ?`, rs[i].LatestID).
			Scan(&rs[i].LatestChange, &rs[i].LatestStatus); err != nil {
			return err
		}
	}
	return nil
}

// GetCaptureRequest returns one capture request of an instansi.
func GetCaptureRequest(ctx context.Context, q db.Querier, instansiID, id int64) (CaptureRequest, error) {
	r, err := scanRequest(q.QueryRow(ctx, requestSelect+` WHERE r.instansi_id = ? AND r.id = ?`, instansiID, id))
	if errors.Is(db.NoRows(err), db.ErrNotFound) {
		return r, ErrNotFound
	}
	if err != nil {
		return r, err
	}
	rs := []CaptureRequest{r}
	err = fillLatest(ctx, q, rs)
	return rs[0], err
}

// CaptureRequests returns the newest capture requests of an instansi (at
// most limit, default 50), newest first.
func CaptureRequests(ctx context.Context, q db.Querier, instansiID int64, limit int) ([]CaptureRequest, error) {
	if limit <= 0 || limit > 1000 {
		limit = 50
	}
	rows, err := q.Query(ctx, requestSelect+` WHERE r.instansi_id = ? ORDER BY r.id DESC LIMIT `+strconv.Itoa(limit),
		instansiID)
	if err != nil {
		return nil, err
	}
	var out []CaptureRequest
	for rows.Next() {
		r, err := scanRequest(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, fillLatest(ctx, q, out)
}

// captureCols are the columns of a capture row without the body.
const captureCols = `c.id, c.instansi_id, COALESCE(c.request_id, 0), COALESCE(c.activity_id, 0),
	COALESCE(a.opd_id, r.opd_id, 0), c.requested_url, c.final_url, c.redirects, c.status, c.content_type, c.fetched_at,
	c.sha256, c.truncated, c.gone, c.charset, c.title, c.text, c.og_json, c.headers_json, c.text_hash, c.change,
	c.error, c.error_kind, COALESCE(c.created_by, 0), c.created_at, COALESCE(LENGTH(c.body), 0), COALESCE(c.purged_at, '')`

const captureFrom = ` FROM capture c
LEFT JOIN activity a ON a.id = c.activity_id
LEFT JOIN capture_request r ON r.id = c.request_id`

func scanCapture(s interface{ Scan(...any) error }, withBody bool) (CaptureRecord, error) {
	var c CaptureRecord
	var redirects, fetched, og, headers, created, purged string
	var truncated, gone int
	dest := []any{&c.ID, &c.InstansiID, &c.RequestID, &c.ActivityID, &c.OPDID, &c.RequestedURL, &c.FinalURL, &redirects,
		&c.Status, &c.ContentType, &fetched, &c.SHA256, &truncated, &gone, &c.Charset, &c.Title, &c.Text, &og, &headers,
		&c.TextHash, &c.Change, &c.Error, &c.ErrorKind, &c.CreatedBy, &created, &c.BodySize, &purged}
	if withBody {
		dest = append(dest, &c.Body)
	}
	if err := s.Scan(dest...); err != nil {
		return c, err
	}
	c.FetchedAt, c.CreatedAt, c.PurgedAt = clock.Parse(fetched), clock.Parse(created), clock.Parse(purged)
	c.Truncated, c.Gone = truncated != 0, gone != 0
	_ = json.Unmarshal([]byte(redirects), &c.Redirects)
	if og != "" {
		_ = json.Unmarshal([]byte(og), &c.OpenGraph)
	}
	if headers != "" {
		var h http.Header
		if json.Unmarshal([]byte(headers), &h) == nil {
			c.Headers = h
		}
	}
	return c, nil
}

// GetCapture returns one capture of an instansi with its body.
func GetCapture(ctx context.Context, q db.Querier, instansiID, id int64) (CaptureRecord, error) {
	c, err := scanCapture(q.QueryRow(ctx, `SELECT `+captureCols+`, c.body`+captureFrom+
		` WHERE c.instansi_id = ? AND c.id = ?`, instansiID, id), true)
	if errors.Is(db.NoRows(err), db.ErrNotFound) {
		return c, ErrNotFound
	}
	return c, err
}

// CaptureHistory returns the captures of a URL in an instansi, oldest first
// (at most the newest 500), without their bodies.
func CaptureHistory(ctx context.Context, q db.Querier, instansiID int64, url string) ([]CaptureRecord, error) {
	rows, err := q.Query(ctx, `SELECT `+captureCols+captureFrom+` WHERE c.instansi_id = ? AND c.requested_url = ?
		ORDER BY c.id DESC LIMIT 500`, instansiID, url)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CaptureRecord
	for rows.Next() {
		c, err := scanCapture(rows, false)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, rows.Err()
}

// ErrorKind names the kind of a capture error as stored in error_kind:
// invalid_url, scheme, blocked_address, too_many_redirects, timeout,
// too_large, content_type, host_not_found, network, cancelled or other.
func ErrorKind(err error) string {
	for _, k := range []struct {
		err  error
		name string
	}{
		{capture.ErrInvalidURL, "invalid_url"}, {capture.ErrScheme, "scheme"},
		{capture.ErrBlockedAddress, "blocked_address"}, {capture.ErrTooManyRedirects, "too_many_redirects"},
		{capture.ErrTimeout, "timeout"}, {capture.ErrTooLarge, "too_large"},
		{capture.ErrContentType, "content_type"}, {capture.ErrHostNotFound, "host_not_found"},
		{capture.ErrNetwork, "network"}, {context.Canceled, "cancelled"},
	} {
		if errors.Is(err, k.err) {
			return k.name
		}
	}
	if err == nil {
		return ""
	}
	return "other"
}

// insertCapture stores one capture row.
func insertCapture(ctx context.Context, tx *db.Tx, row *CaptureRecord) (int64, error) {
	redirects := "[]"
	if len(row.Redirects) > 0 {
		b, _ := json.Marshal(row.Redirects)
		redirects = string(b)
	}
	og, headers := "", ""
	if len(row.OpenGraph) > 0 {
		b, _ := json.Marshal(row.OpenGraph)
		og = string(b)
	}
	if len(row.Headers) > 0 {
		b, _ := json.Marshal(row.Headers)
		headers = string(b)
	}
	var body any
	if row.Body != nil {
		body = row.Body
	}
	var id int64
	err := tx.QueryRow(ctx, `INSERT INTO capture (instansi_id, request_id, activity_id, requested_url, final_url,
		redirects, status, content_type, fetched_at, sha256, body, truncated, gone, charset, title, text, og_json,
		headers_json, text_hash, change, error, error_kind, created_by, created_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id`,
		row.InstansiID, nullID(row.RequestID), nullID(row.ActivityID), row.RequestedURL, row.FinalURL, redirects,
		row.Status, row.ContentType, clock.Format(row.FetchedAt), row.SHA256, body, flag(row.Truncated), flag(row.Gone),
		row.Charset, row.Title, row.Text, og, headers, row.TextHash, row.Change, capText(row.Error, 4000),
		row.ErrorKind, nullID(row.CreatedBy), clock.Format(row.CreatedAt)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store capture: %w", err)
	}
	row.ID = id
	return id, nil
}

// capText cuts s to at most n bytes on a rune boundary.
func capText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
