package monitor

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/capture"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/jobs"
	"github.com/netral-asn/netral/internal/roster"
)

// URL capture runs as two kinds of durable job:
//
//   - capture_url {capture_request_id}: fetch the request's URL once and
//     store the result as an immutable capture row, compared with the
//     previous capture of the same URL (first, unchanged, changed, gone,
//     unknown) or recorded as failed. Network errors and timeouts are
//     retried with back-off (CaptureMaxAttempts in all); a blocked address,
//     a refused content type, an invalid URL or too many redirects are not
//     (the job is cancelled after the failure is recorded).
//   - capture_sweep: periodic (every SweepEvery). Opens a capture request
//     for each flagged activity record with a URL that has none (when
//     Ingested is "flagged"), and enqueues a re-capture of every active
//     request whose last capture is RecaptureEvery old, until RecaptureFor
//     after the request was made — unless its activity's review item was
//     dismissed.
//
// A pasted URL's first capture that shows content (status 2xx) becomes an
// activity record (source "capture", kind "post" on a known social platform,
// "other" elsewhere) ingested through [Ingest], so it is attributed, screened
// and listed like any other record; later captures of the request are linked
// to that activity and record changes as facts on the capture rows. A
// request made for a flagged record links its captures to that record.

// Defaults of [CaptureConfig].
const (
	DefaultRecaptureEvery = 6 * time.Hour
	DefaultRecaptureFor   = 30 * 24 * time.Hour
	DefaultSweepEvery     = 15 * time.Minute
	// CaptureMaxAttempts is how many times a capture is tried on network
	// errors and timeouts before the failure is recorded.
	CaptureMaxAttempts = 5
)

// Settings of CaptureConfig.Ingested.
const (
	CaptureIngestedFlagged = "flagged" // capture the URL of every flagged record (the default)
	CaptureIngestedOff     = "off"     // capture only pasted URLs
)

// maxCaptureActivityText bounds the text of an activity made from a capture.
const maxCaptureActivityText = 1 << 20

// sweepBatch bounds the requests a sweep opens or re-enqueues per run.
const sweepBatch = 500

// CaptureConfig configures a [Capturer]. The zero value is the production
// configuration.
type CaptureConfig struct {
	// Fetch configures the fetcher. Production leaves it zero (no
	// allow-list); tests set AllowCIDRs to reach an httptest server.
	Fetch capture.Options
	// RecaptureEvery is the time between two captures of an active request;
	// 0 means DefaultRecaptureEvery (6 h).
	RecaptureEvery time.Duration
	// RecaptureFor is how long after a request is made it is re-captured;
	// 0 means DefaultRecaptureFor (30 days).
	RecaptureFor time.Duration
	// SweepEvery is how often the sweep job runs; 0 means DefaultSweepEvery.
	SweepEvery time.Duration
	// Ingested says which ingested activity records with a URL are captured:
	// CaptureIngestedFlagged ("" means it) or CaptureIngestedOff.
	Ingested string
	// Logger receives warnings; nil means slog.Default.
	Logger *slog.Logger
	// Now is the clock; nil means time.Now. Tests move it forward.
	Now func() time.Time
}

// Capturer fetches capture requests and stores their captures. Make one
// with [NewCapturer], register its workers with [Capturer.Register], and
// give it the queue with [Capturer.SetQueue] before the queue starts.
type Capturer struct {
	d     *db.DB
	f     *capture.Fetcher
	cfg   CaptureConfig
	log   *slog.Logger
	queue *jobs.Queue
	now   func() time.Time
}

// NewCapturer returns a Capturer over d with cfg's defaults filled in.
func NewCapturer(d *db.DB, cfg CaptureConfig) (*Capturer, error) {
	if cfg.RecaptureEvery <= 0 {
		cfg.RecaptureEvery = DefaultRecaptureEvery
	}
	if cfg.RecaptureFor <= 0 {
		cfg.RecaptureFor = DefaultRecaptureFor
	}
	if cfg.SweepEvery <= 0 {
		cfg.SweepEvery = DefaultSweepEvery
	}
	switch cfg.Ingested {
	case "":
		cfg.Ingested = CaptureIngestedFlagged
	case CaptureIngestedFlagged, CaptureIngestedOff:
	default:
		return nil, fmt.Errorf("capture: Ingested must be %q or %q, not %q", CaptureIngestedFlagged, CaptureIngestedOff, cfg.Ingested)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	f, err := capture.New(cfg.Fetch)
	if err != nil {
		return nil, err
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Capturer{d: d, f: f, cfg: cfg, log: cfg.Logger, now: cfg.Now}, nil
}

// Config returns the configuration in effect, defaults filled in.
func (c *Capturer) Config() CaptureConfig { return c.cfg }

// SetQueue gives the capturer the queue its sweep inserts jobs into.
func (c *Capturer) SetQueue(q *jobs.Queue) { c.queue = q }

// Register adds the capture workers to w.
func (c *Capturer) Register(w *jobs.Workers) {
	jobs.AddWorker(w, &captureWorker{c: c})
	jobs.AddWorker(w, &sweepWorker{c: c})
}

// PeriodicJobs returns the sweep, every SweepEvery and once at start.
func (c *Capturer) PeriodicJobs() []*jobs.PeriodicJob {
	return []*jobs.PeriodicJob{jobs.Every(c.cfg.SweepEvery, func() (jobs.Args, *jobs.InsertOpts) {
		return CaptureSweep{}, nil
	}, true)}
}

// CaptureURL is the job that captures a capture request's URL once.
type CaptureURL struct {
	CaptureRequestID int64 `json:"capture_request_id"`
}

// Kind names the job kind.
func (CaptureURL) Kind() string { return "capture_url" }

// InsertOpts: one capture of a request at a time.
func (CaptureURL) InsertOpts() jobs.InsertOpts {
	return jobs.InsertOpts{MaxAttempts: CaptureMaxAttempts, UniqueOpts: jobs.UniqueWhileActive()}
}

// CaptureSweep is the periodic job opening requests for flagged records and
// enqueueing due re-captures.
type CaptureSweep struct{}

// Kind names the job kind.
func (CaptureSweep) Kind() string { return "capture_sweep" }

// InsertOpts: one sweep at a time.
func (CaptureSweep) InsertOpts() jobs.InsertOpts {
	return jobs.InsertOpts{MaxAttempts: 3, UniqueOpts: jobs.UniqueWhileActive()}
}

type captureWorker struct {
	jobs.WorkerDefaults[CaptureURL]
	c *Capturer
}

func (w *captureWorker) Work(ctx context.Context, job *jobs.Job[CaptureURL]) error {
	_, err := w.c.Capture(ctx, job.Args.CaptureRequestID, job.Attempt >= job.MaxAttempts)
	return err
}

// NextRetry backs off 30 s, 2 min, 8 min, 32 min … (at most 2 h) after a
// network error or timeout.
func (w *captureWorker) NextRetry(job *jobs.Job[CaptureURL]) time.Time {
	return time.Now().Add(CaptureBackoff(job.Attempt))
}

// Timeout leaves room for the fetch and the database work after it.
func (w *captureWorker) Timeout(*jobs.Job[CaptureURL]) time.Duration {
	return w.c.f.Options().Timeout + time.Minute
}

// CaptureBackoff is the wait after failed attempt n (from 1).
func CaptureBackoff(attempt int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < attempt && d < 2*time.Hour; i++ {
		d *= 4
	}
	return min(d, 2*time.Hour)
}

type sweepWorker struct {
	jobs.WorkerDefaults[CaptureSweep]
	c *Capturer
}

func (w *sweepWorker) Work(ctx context.Context, _ *jobs.Job[CaptureSweep]) error {
	_, err := w.c.Sweep(ctx)
	return err
}

// captureActor is the audit actor of capture jobs.
var captureActor = audit.System("capture")

// transient reports whether a fetch error may go away on a later attempt.
func transient(err error) bool {
	return errors.Is(err, capture.ErrNetwork) || errors.Is(err, capture.ErrTimeout) || errors.Is(err, context.Canceled) ||
		errors.Is(err, context.DeadlineExceeded)
}

// Capture fetches the URL of capture request id once and stores the result
// (the work of a capture_url job). final says this is the last attempt: a
// network error or timeout is then recorded as a failed capture instead of
// being returned for a retry. The error is nil when a capture row was
// stored for an answer; a river.JobCancel error (so the job is not retried)
// when a failure was recorded; any other error means nothing was stored and
// the job should be retried. An unknown request is not an error.
func (c *Capturer) Capture(ctx context.Context, id int64, final bool) (*CaptureRecord, error) {
	req, err := scanRequest(c.d.QueryRow(ctx, requestSelect+` WHERE r.id = ?`, id))
	if errors.Is(db.NoRows(err), db.ErrNotFound) {
		c.log.Warn("capture: no such request", "request", id)
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if req.State == CaptureFailed {
		return nil, nil
	}
	page, ferr := c.f.Fetch(ctx, req.URL)
	answered := page != nil && (ferr == nil || errors.Is(ferr, capture.ErrTooLarge) || errors.Is(ferr, capture.ErrHostNotFound))
	if !answered && transient(ferr) && (!final || ctx.Err() != nil) {
		return nil, ferr // River retries with back-off
	}
	row := &CaptureRecord{InstansiID: req.InstansiID, RequestID: req.ID, CreatedAt: c.now()}
	if page != nil {
		row.Capture = *page
	} else {
		row.RequestedURL, row.FetchedAt = req.URL, c.now().UTC().Truncate(time.Millisecond)
		var ce *capture.Error
		if errors.As(ferr, &ce) && ce.URL != "" && ce.URL != req.URL {
			row.FinalURL = ce.URL
		}
	}
	row.RequestedURL = req.URL // the request's form, so that a URL's history is one list
	if ferr != nil {
		row.Error, row.ErrorKind = ferr.Error(), ErrorKind(ferr)
	}
	if !answered {
		row.Change = ChangeFailed
		if err := c.store(ctx, req, row, 0); err != nil {
			return nil, err
		}
		return row, river.JobCancel(ferr)
	}
	if page.Body == nil {
		row.Body = []byte{} // a stored answer always has a body, possibly empty, matching its hash
	}
	row.TextHash = page.TextHash()
	var activityID int64
	if req.Origin == CaptureOriginPaste && req.ActivityID == 0 && showsContent(page) {
		if activityID, err = c.ingestActivity(ctx, req, page); err != nil {
			return nil, err
		}
	}
	if err := c.store(ctx, req, row, activityID); err != nil {
		return nil, err
	}
	return row, nil
}

// showsContent reports whether a capture shows the post: a 2xx answer with
// some readable content.
func showsContent(p *capture.Capture) bool {
	return p.Status >= 200 && p.Status < 300 && !p.Gone &&
		(p.Text != "" || p.Title != "" || p.OpenGraph["og:description"] != "" || p.OpenGraph["og:title"] != "")
}

// comparableCapture reports whether a stored capture can be compared with a later
// one: it showed the content (2xx) or that the post is gone.
func comparableCapture(r *CaptureRecord) bool {
	return r.Change != ChangeFailed && (r.Gone || r.Status >= 200 && r.Status < 300)
}

// changeOf decides the change of row against the earlier captures of the
// same URL in the instansi, read inside tx.
func changeOf(ctx context.Context, tx *db.Tx, row *CaptureRecord) (string, error) {
	rows, err := tx.Query(ctx, `SELECT `+captureCols+captureFrom+` WHERE c.instansi_id = ? AND c.requested_url = ?
		AND c.change <> 'failed' ORDER BY c.id DESC LIMIT 100`, row.InstansiID, row.RequestedURL)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	seen := false
	for rows.Next() {
		prev, err := scanCapture(rows, false)
		if err != nil {
			return "", err
		}
		seen = true
		if comparableCapture(&prev) {
			return capture.Compare(&prev.Capture, &row.Capture).String(), rows.Err()
		}
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	if seen {
		return ChangeUnknown, nil
	}
	return ChangeFirst, nil
}

// store writes a capture row and moves its request on, in one transaction.
// activityID is the activity just made from the capture, 0 when none.
func (c *Capturer) store(ctx context.Context, req CaptureRequest, row *CaptureRecord, activityID int64) error {
	now := c.now()
	return c.d.InTx(ctx, func(tx *db.Tx) error {
		// The request as it is now (another job may have linked an activity).
		var linked *int64
		if err := tx.QueryRow(ctx, `SELECT activity_id FROM capture_request WHERE id = ?`, req.ID).Scan(&linked); err != nil {
			return err
		}
		switch {
		case linked != nil:
			row.ActivityID = *linked
		case activityID != 0:
			row.ActivityID = activityID
		}
		if row.Change != ChangeFailed {
			ch, err := changeOf(ctx, tx, row)
			if err != nil {
				return err
			}
			row.Change = ch
		}
		if _, err := insertCapture(ctx, tx, row); err != nil {
			return err
		}
		stamp := clock.Format(now)
		state := req.State
		switch {
		case row.Change != ChangeFailed:
			state = CaptureActive
		case state == CapturePending:
			state = CaptureFailed
		}
		if _, err := tx.Exec(ctx, `UPDATE capture_request SET state = ?, activity_id = ?, last_error = ?, last_run_at = ?,
			updated_at = ? WHERE id = ?`, state, nullID(row.ActivityID), capText(row.Error, 2000), stamp, stamp, req.ID); err != nil {
			return err
		}
		if activityID != 0 && linked == nil && req.EmployeeID != 0 {
			if err := attributeCapture(ctx, tx, req, activityID); err != nil {
				return err
			}
		}
		action := "capture.store"
		if row.Change == ChangeFailed {
			action = "capture.fail"
		}
		return audit.Record(ctx, tx, captureActor, audit.Event{InstansiID: req.InstansiID, Action: action,
			ObjectType: "capture", ObjectID: strconv.FormatInt(row.ID, 10),
			After: map[string]any{"request_id": req.ID, "url": row.RequestedURL, "final_url": row.FinalURL,
				"status": row.Status, "sha256": row.SHA256, "change": row.Change, "activity_id": nullID(row.ActivityID),
				"error_kind": row.ErrorKind, "state": state}})
	})
}

// attributeCapture attributes the activity made from a pasted capture to
// the employee (and account) chosen when pasting, unless it is attributed
// already (its author matched a registered account).
func attributeCapture(ctx context.Context, tx *db.Tx, req CaptureRequest, activityID int64) error {
	res, err := tx.Exec(ctx, `UPDATE activity SET account_id = ?, employee_id = ?, opd_id = ?
		WHERE id = ? AND employee_id IS NULL`, nullID(req.AccountID), req.EmployeeID, nullID(req.OPDID), activityID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	return audit.Record(ctx, tx, captureActor, audit.Event{InstansiID: req.InstansiID, Action: "activity.attribute",
		ObjectType: "activity", ObjectID: strconv.FormatInt(activityID, 10),
		Before: map[string]any{"account_id": nil, "employee_id": nil, "opd_id": nil},
		After: map[string]any{"account_id": nullID(req.AccountID), "employee_id": req.EmployeeID, "opd_id": nullID(req.OPDID),
			"capture_request_id": req.ID}})
}

// CaptureExternalID is the external id of the activity made from captures
// of a URL: one activity per URL and instansi.
func CaptureExternalID(url string) string {
	sum := sha256.Sum256([]byte(url))
	return "capture:" + hex.EncodeToString(sum[:16])
}

// captureRecord builds the activity record of a capture: platform and
// author from the account chosen when pasting or from the URL itself
// ("https://x.com/budi/status/1" → x, @budi), the text from the page.
func captureRecord(req CaptureRequest, page *capture.Capture, accPlatform, accHandle string) (platform string, rec map[string]any) {
	platform, author := "other", ""
	if accs, err := roster.ParseAccounts(req.URL); err == nil && len(accs) == 1 {
		platform = accs[0].Platform
		if accs[0].Handle != "" {
			author = "@" + accs[0].Handle
		}
	}
	if accPlatform != "" {
		platform, author = NormalizePlatform(accPlatform), "@"+accHandle
	}
	kind := "post"
	if platform == "other" {
		kind = "other"
	}
	var parts []string
	add := func(s string) {
		s = strings.TrimSpace(s)
		if s == "" {
			return
		}
		for _, p := range parts {
			if strings.Contains(p, s) {
				return
			}
		}
		parts = append(parts, s)
	}
	add(page.Text)
	add(page.OpenGraph["og:description"])
	add(page.OpenGraph["og:title"])
	add(page.Title)
	// Shorter summaries first: the post itself usually is the og:description.
	for i := len(parts) - 1; i > 0; i-- {
		if len(parts[i]) < len(parts[0]) {
			parts[0], parts[i] = parts[i], parts[0]
		}
	}
	rec = map[string]any{"id": CaptureExternalID(req.URL), "platform": platform, "kind": kind, "url": req.URL,
		"text": capText(strings.Join(parts, "\n\n"), maxCaptureActivityText)}
	if author != "" {
		rec["author"] = author
	}
	if t := publishedAt(page); !t.IsZero() {
		rec["created_at"] = t.Format(time.RFC3339)
	}
	return platform, rec
}

// publishedAt reads the page's article:published_time (or og:updated_time).
func publishedAt(p *capture.Capture) time.Time {
	for _, k := range []string{"article:published_time", "og:published_time", "og:updated_time"} {
		v := strings.TrimSpace(p.OpenGraph[k])
		if v == "" {
			continue
		}
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05-0700", "2006-01-02"} {
			if t, err := time.Parse(layout, v); err == nil {
				return t
			}
		}
	}
	return time.Time{}
}

// ingestActivity makes the activity record of a pasted URL's capture with
// [Ingest] (attributed, screened, audited as any ingest) and returns its id;
// the record is found again when it exists already.
func (c *Capturer) ingestActivity(ctx context.Context, req CaptureRequest, page *capture.Capture) (int64, error) {
	var accPlatform, accHandle string
	if req.AccountID != 0 {
		err := c.d.QueryRow(ctx, `SELECT platform, handle FROM social_account WHERE id = ? AND instansi_id = ?`,
			req.AccountID, req.InstansiID).Scan(&accPlatform, &accHandle)
		if err != nil && !errors.Is(db.NoRows(err), db.ErrNotFound) {
			return 0, err
		}
	}
	platform, rec := captureRecord(req, page, accPlatform, accHandle)
	line, err := json.Marshal(rec)
	if err != nil {
		return 0, err
	}
	rep, err := Ingest(ctx, c.d, strings.NewReader(string(line)+"\n"), IngestOptions{InstansiID: req.InstansiID,
		Source: SourceCapture, Format: FormatJSONL, Actor: captureActor, Workers: 1, BatchSize: 1})
	if err != nil {
		return 0, fmt.Errorf("capture %d: ingest activity: %w", req.ID, err)
	}
	if rep.RejectedCount > 0 {
		// Nothing a retry would change: keep the capture without an activity.
		c.log.Warn("capture: activity record refused", "request", req.ID, "reason", rep.Rejected[0].Error)
		return 0, nil
	}
	a, err := ByExternalID(ctx, c.d, req.InstansiID, platform, rec["id"].(string))
	if err != nil {
		return 0, fmt.Errorf("capture %d: find activity: %w", req.ID, err)
	}
	return a.ID, nil
}

// SweepSoon enqueues a sweep now (after an upload that flagged records, so
// that their URLs are captured without waiting for the schedule). It does
// nothing when the capturer has no queue, captures no ingested records, or
// a sweep is queued already.
func (c *Capturer) SweepSoon(ctx context.Context) error {
	if c == nil || c.queue == nil || c.cfg.Ingested != CaptureIngestedFlagged {
		return nil
	}
	_, err := c.queue.Insert(ctx, CaptureSweep{}, nil)
	return err
}

// SweepReport says what a sweep did.
type SweepReport struct {
	Opened     int // requests opened for flagged records
	Recaptures int // re-captures enqueued (duplicates of queued ones excluded)
}

// Sweep opens capture requests for flagged activity records with a URL (when
// Ingested is "flagged") and enqueues the re-captures that are due (the work
// of a capture_sweep job).
func (c *Capturer) Sweep(ctx context.Context) (SweepReport, error) {
	var rep SweepReport
	if c.queue == nil {
		return rep, ErrNoQueue
	}
	now := c.now()
	if c.cfg.Ingested == CaptureIngestedFlagged {
		n, err := c.openFlagged(ctx, now)
		rep.Opened = n
		if err != nil {
			return rep, err
		}
	}
	rows, err := c.d.Query(ctx, `SELECT r.id FROM capture_request r
		WHERE r.state = 'active' AND r.recapture_until > ? AND (r.last_run_at IS NULL OR r.last_run_at <= ?)
		AND NOT EXISTS (SELECT 1 FROM review_item ri WHERE ri.activity_id = r.activity_id AND ri.status = 'dismissed')
		ORDER BY r.last_run_at, r.id LIMIT `+strconv.Itoa(sweepBatch),
		clock.Format(now), clock.Format(now.Add(-c.cfg.RecaptureEvery)))
	if err != nil {
		return rep, err
	}
	var due []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return rep, err
		}
		due = append(due, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return rep, err
	}
	for _, id := range due {
		res, err := c.queue.Insert(ctx, CaptureURL{CaptureRequestID: id}, nil)
		if err != nil {
			return rep, err
		}
		if !res.UniqueSkippedAsDuplicate {
			rep.Recaptures++
		}
	}
	return rep, nil
}

// openFlagged opens a request, and enqueues its capture, for each flagged
// record with a URL ingested within RecaptureFor that has none.
func (c *Capturer) openFlagged(ctx context.Context, now time.Time) (int, error) {
	type cand struct {
		id, instansi, account, employee, opd int64
		url                                  string
	}
	rows, err := c.d.Query(ctx, `SELECT a.id, a.instansi_id, COALESCE(a.account_id, 0), COALESCE(a.employee_id, 0),
		COALESCE(a.opd_id, 0), a.url FROM activity a
		WHERE a.flagged = 1 AND a.url <> '' AND a.source <> 'capture' AND a.ingested_at >= ?
		AND NOT EXISTS (SELECT 1 FROM capture_request r WHERE r.activity_id = a.id)
		ORDER BY a.id LIMIT `+strconv.Itoa(sweepBatch), clock.Format(now.Add(-c.cfg.RecaptureFor)))
	if err != nil {
		return 0, err
	}
	var todo []cand
	for rows.Next() {
		var k cand
		if err := rows.Scan(&k.id, &k.instansi, &k.account, &k.employee, &k.opd, &k.url); err != nil {
			rows.Close()
			return 0, err
		}
		todo = append(todo, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	opened := 0
	for _, k := range todo {
		u, err := capture.NormalizeURL(k.url)
		if err != nil {
			u = capText(strings.TrimSpace(k.url), maxCaptureURL) // the job records the failure
		}
		added := false
		err = c.d.InTx(ctx, func(tx *db.Tx) error {
			added = false
			id, err := insertRequest(ctx, tx, requestRow{instansi: k.instansi, url: u, origin: CaptureOriginActivity,
				activity: k.id, at: attribution{account: k.account, employee: k.employee, opd: k.opd},
				now: now, until: now.Add(c.cfg.RecaptureFor)})
			if err != nil || id == 0 {
				return err
			}
			if err := audit.Record(ctx, tx, captureActor, audit.Event{InstansiID: k.instansi, Action: "capture.request",
				ObjectType: "capture_request", ObjectID: strconv.FormatInt(id, 10),
				After: map[string]any{"url": u, "origin": CaptureOriginActivity, "activity_id": k.id}}); err != nil {
				return err
			}
			added = true
			_, err = c.queue.InsertTx(ctx, tx, CaptureURL{CaptureRequestID: id}, nil)
			return err
		})
		if err != nil {
			return opened, err
		}
		if added {
			opened++
		}
	}
	return opened, nil
}
