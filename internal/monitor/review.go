package monitor

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
)

// The review inbox: every flagged activity of an instansi gets one review
// item (created in the transaction that stores the flagged result, at
// ingest or re-screen; idempotent, one item per activity). The Tim Pengawas
// confirms it as an indication, dismisses it with a reason, asks for more
// information, or assigns it to a member; each decision is kept
// (review_decision) and audited. An item nobody has acted on leaves the
// inbox when a re-screen no longer flags its activity.

// Review statuses.
const (
	ReviewNew       = "new"
	ReviewNeedsInfo = "needs_info"
	ReviewConfirmed = "confirmed"
	ReviewDismissed = "dismissed"
)

// ReviewStatuses lists the statuses in display order.
var ReviewStatuses = []string{ReviewNew, ReviewNeedsInfo, ReviewConfirmed, ReviewDismissed}

// Decision actions.
const (
	ActionConfirm   = "confirm"    // an indication: ready for case handling
	ActionDismiss   = "dismiss"    // not an indication; needs a reason
	ActionNeedsInfo = "needs_info" // more information needed
	ActionAssign    = "assign"     // (re)assign to a member, or to nobody
)

// Reasons of a dismissal.
const (
	ReasonNews        = "news"         // berita / cek fakta
	ReasonNeutralInfo = "neutral_info" // informasi netral KPU/Bawaslu
	ReasonNotASN      = "not_asn"      // bukan ASN
	ReasonSameName    = "same_name"    // nama sama
	ReasonCommonWord  = "common_word"  // kata umum (garuda, banteng…)
	ReasonOther       = "other"        // lainnya: the note says what
)

// DismissReasons lists the reason codes in display order.
var DismissReasons = []string{ReasonNews, ReasonNeutralInfo, ReasonNotASN, ReasonSameName, ReasonCommonWord, ReasonOther}

// maxNote is the longest decision note kept, in characters.
const maxNote = 2000

// Errors of decisions (they match ErrInvalid).
var (
	ErrReasonRequired = &invalidError{"a dismissal needs a reason (and, for \"other\", a note)"}
	ErrBadAction      = &invalidError{"unknown decision"}
	ErrBadAssignee    = &invalidError{"the assignee is not an active user of this instansi"}
)

// ReviewItem is one item of the inbox with its activity (attribution and
// latest screening result).
type ReviewItem struct {
	ID            int64
	InstansiID    int64
	Status        string
	AssigneeID    int64 // 0: nobody
	AssigneeName  string
	ReasonCode    string // of a dismissal
	Reason        string // the note of the last decision
	DecidedByID   int64
	DecidedByName string
	DecidedAt     time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
	Activity      Activity
}

// ReviewDecision is one decision taken on an item.
type ReviewDecision struct {
	ID                 int64
	ItemID             int64
	Action             string
	StatusBefore       string
	StatusAfter        string
	AssigneeBefore     int64
	AssigneeBeforeName string
	AssigneeAfter      int64
	AssigneeAfterName  string
	ReasonCode         string
	Note               string
	UserID             int64
	UserName           string
	At                 time.Time
}

// ReviewFilter selects review items of one instansi.
type ReviewFilter struct {
	InstansiID int64
	OPDIDs     []int64 // when non-nil, only items whose activity is attributed to one of these units
	Status     string  // "" every status
	Platform   string
	Kind       string
	Target     string    // a target id among the latest result's targets
	MinScore   float64   // latest result's score at least this (0: any)
	From, To   time.Time // activity time (or, without one, ingest time) in [From, To); zero: open
	AssigneeID int64     // >0 assigned to this user; -1 assigned to nobody
	DecidedBy  int64     // >0 last decided by this user
	EmployeeID int64
	Sort       string // "newest" (default: latest in the inbox first) or "score"
	Limit      int    // default 50, at most 500
	Cursor     string
}

// Sort orders of [ReviewList].
const (
	SortNewest = "newest"
	SortScore  = "score"
)

// ReviewPage is one page of review items.
type ReviewPage struct {
	Items []ReviewItem
	Total int  // the number of items f selects; when More, a lower bound
	More  bool // counting stopped at the cap (of a status): there are more than Total items
	Next  string
}

// The counts of the inbox ([ReviewList]'s Total, [ReviewCounts]) stop at
// a cap: a count costs at most that many index entries (or joined rows),
// so an inbox page costs the same with a million activities stored as with
// ten thousand, and nobody works through a larger backlog by its exact
// size. Counts over the review items alone (status, assignee, reviewer:
// the unfiltered inbox and the dashboard) read only the index and stop at
// ReviewCountCap; counts with a condition on the activity or its result
// (OPD, platform, kind, target, score, date, employee) join a row per item
// and stop at ReviewFilteredCountCap.
const (
	ReviewCountCap         = 10000
	ReviewFilteredCountCap = 200
)

// The caps in force (tests lower them).
var reviewCountCap, reviewFilteredCountCap = ReviewCountCap, ReviewFilteredCountCap

// CountCap returns the cap of the counts of f: ReviewCountCap or
// ReviewFilteredCountCap. A count above it stands for "more than the cap".
func (f ReviewFilter) CountCap() int {
	where, _, needS, _ := f.where(false)
	if reviewCountFrom(where, needS) == reviewItemsOnly {
		return reviewCountCap
	}
	return reviewFilteredCountCap
}

const reviewCols = `r.id, r.instansi_id, r.status, COALESCE(r.assignee_user_id, 0),
	COALESCE(NULLIF(ua.full_name, ''), ua.username, ''), r.reason_code, r.reason, COALESCE(r.decided_by, 0),
	COALESCE(NULLIF(ud.full_name, ''), ud.username, ''), COALESCE(r.decided_at, ''), r.created_at, r.updated_at, `

// reviewSelect is activitySelect over review items.
var reviewSelect = func() string {
	sel, from, ok := strings.Cut(activitySelect, "FROM activity a")
	if !ok {
		panic("monitor: activitySelect has no FROM activity a")
	}
	return `SELECT ` + reviewCols + strings.TrimPrefix(sel, "SELECT ") +
		`FROM review_item r JOIN activity a ON a.id = r.activity_id` + from + `
LEFT JOIN app_user ua ON ua.id = r.assignee_user_id
LEFT JOIN app_user ud ON ud.id = r.decided_by`
}()

// latestScreening joins the latest screening result of a as s.
const latestScreening = `
LEFT JOIN activity_screening s ON s.id = (SELECT MAX(s2.id) FROM activity_screening s2 WHERE s2.activity_id = a.id)`

// prefixScanner scans the review columns, then hands the rest to scanActivity.
type prefixScanner struct {
	r   interface{ Scan(...any) error }
	pre []any
}

func (p prefixScanner) Scan(dest ...any) error { return p.r.Scan(append(p.pre, dest...)...) }

func scanReview(r interface{ Scan(...any) error }) (ReviewItem, error) {
	var it ReviewItem
	var decided, created, updated string
	a, err := scanActivity(prefixScanner{r, []any{&it.ID, &it.InstansiID, &it.Status, &it.AssigneeID, &it.AssigneeName,
		&it.ReasonCode, &it.Reason, &it.DecidedByID, &it.DecidedByName, &decided, &created, &updated}})
	if err != nil {
		return it, err
	}
	it.Activity = a
	it.DecidedAt, it.CreatedAt, it.UpdatedAt = clock.Parse(decided), clock.Parse(created), clock.Parse(updated)
	return it, nil
}

// likeEscape escapes s for a LIKE pattern with ESCAPE '\'.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// where returns the conditions of f (status included when withStatus),
// whether they need the latest screening result joined as s, and whether
// they select nothing at all.
func (f ReviewFilter) where(withStatus bool) (string, []any, bool, bool) {
	w := ` WHERE r.instansi_id = ?`
	args := []any{f.InstansiID}
	needS := false
	if f.OPDIDs != nil {
		if len(f.OPDIDs) == 0 {
			return w, args, false, true
		}
		w += ` AND a.opd_id IN (` + strings.TrimSuffix(strings.Repeat("?,", len(f.OPDIDs)), ",") + `)`
		for _, id := range f.OPDIDs {
			args = append(args, id)
		}
	}
	if withStatus && f.Status != "" {
		w += ` AND r.status = ?`
		args = append(args, f.Status)
	}
	if f.Platform != "" {
		w += ` AND a.platform = ?`
		args = append(args, NormalizePlatform(f.Platform))
	}
	if f.Kind != "" {
		w += ` AND a.kind = ?`
		args = append(args, f.Kind)
	}
	if f.EmployeeID != 0 {
		w += ` AND a.employee_id = ?`
		args = append(args, f.EmployeeID)
	}
	if f.Target != "" {
		b, _ := json.Marshal(f.Target)
		w += ` AND s.targets LIKE ? ESCAPE '\'`
		args = append(args, "%"+likeEscape(string(b))+"%")
		needS = true
	}
	if f.MinScore > 0 {
		w += ` AND s.score >= ?`
		args = append(args, f.MinScore)
		needS = true
	}
	if !f.From.IsZero() {
		w += ` AND COALESCE(a.occurred_at, a.ingested_at) >= ?`
		args = append(args, clock.Format(f.From))
	}
	if !f.To.IsZero() {
		w += ` AND COALESCE(a.occurred_at, a.ingested_at) < ?`
		args = append(args, clock.Format(f.To))
	}
	switch {
	case f.AssigneeID > 0:
		w += ` AND r.assignee_user_id = ?`
		args = append(args, f.AssigneeID)
	case f.AssigneeID < 0:
		w += ` AND r.assignee_user_id IS NULL`
	}
	if f.DecidedBy > 0 {
		w += ` AND r.decided_by = ?`
		args = append(args, f.DecidedBy)
	}
	return w, args, needS, false
}

// reviewCursor is the position after the last item of a page.
type reviewCursor struct {
	score float64
	id    int64
}

func encodeReviewCursor(sortBy string, it ReviewItem) string {
	s := "n:" + strconv.FormatInt(it.ID, 10)
	if sortBy == SortScore {
		score := 0.0
		if it.Activity.Screening != nil {
			score = it.Activity.Screening.Score
		}
		s = "s:" + strconv.FormatFloat(score, 'g', -1, 64) + ":" + strconv.FormatInt(it.ID, 10)
	}
	return base64.RawURLEncoding.EncodeToString([]byte(s))
}

func decodeReviewCursor(sortBy, c string) (reviewCursor, error) {
	var rc reviewCursor
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return rc, invalid("invalid cursor")
	}
	parts := strings.Split(string(b), ":")
	switch {
	case sortBy == SortScore && len(parts) == 3 && parts[0] == "s":
		if rc.score, err = strconv.ParseFloat(parts[1], 64); err != nil {
			return rc, invalid("invalid cursor")
		}
		parts = parts[1:]
	case sortBy != SortScore && len(parts) == 2 && parts[0] == "n":
	default:
		return rc, invalid("invalid cursor")
	}
	if rc.id, err = strconv.ParseInt(parts[len(parts)-1], 10, 64); err != nil || rc.id <= 0 {
		return rc, invalid("invalid cursor")
	}
	return rc, nil
}

// reviewCountFrom is the FROM clause of a count over the conditions where:
// review items alone when where names no activity column (an index-only
// count over review_item_inbox instead of a join per item), else joined
// with their activity (and its latest screening result when needS).
func reviewCountFrom(where string, needS bool) string {
	if !needS && !strings.Contains(where, "a.") {
		return reviewItemsOnly
	}
	from := ` FROM review_item r JOIN activity a ON a.id = r.activity_id`
	if needS {
		from += latestScreening
	}
	return from
}

const reviewItemsOnly = ` FROM review_item r`

// boundedCount returns a query counting the rows of the conditions where
// up to the cap of f's counts plus one, and that cap.
func boundedCount(where string, needS bool) (string, int) {
	from, limit := reviewCountFrom(where, needS), reviewFilteredCountCap
	if from == reviewItemsOnly {
		limit = reviewCountCap
	}
	return `SELECT COUNT(*) FROM (SELECT 1 AS x` + from + where + ` LIMIT ` + strconv.Itoa(limit+1) + `) c`, limit
}

// ReviewList returns a page of review items with their (bounded) total.
func ReviewList(ctx context.Context, q db.Querier, f ReviewFilter) (ReviewPage, error) {
	return reviewList(ctx, q, f, true)
}

// ReviewInbox returns what an inbox page shows: a page of review items
// and the counts per status of the filter (as [ReviewCounts]), with the
// page's Total taken from the counts (f.Status's, or their sum when f
// selects every status). It costs two bounded queries.
func ReviewInbox(ctx context.Context, q db.Querier, f ReviewFilter) (ReviewPage, map[string]int, error) {
	p, err := reviewList(ctx, q, f, false)
	if err != nil {
		return p, nil, err
	}
	counts, err := ReviewCounts(ctx, q, f)
	if err != nil {
		return p, nil, err
	}
	limit := f.CountCap()
	for st, n := range counts {
		if f.Status == "" || f.Status == st {
			p.Total += min(n, limit)
			p.More = p.More || n > limit
		}
	}
	return p, counts, nil
}

func reviewList(ctx context.Context, q db.Querier, f ReviewFilter, total bool) (ReviewPage, error) {
	var p ReviewPage
	if f.Sort != SortScore {
		f.Sort = SortNewest
	}
	where, args, needS, none := f.where(true)
	if none {
		return p, nil
	}
	if total {
		count, limit := boundedCount(where, needS)
		if err := q.QueryRow(ctx, count, args...).Scan(&p.Total); err != nil {
			return p, fmt.Errorf("count review items: %w", err)
		}
		p.Total, p.More = min(p.Total, limit), p.Total > limit
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 500)
	order := ` ORDER BY r.id DESC`
	if f.Sort == SortScore {
		order = ` ORDER BY COALESCE(s.score, 0) DESC, r.id DESC`
	}
	if f.Cursor != "" {
		rc, err := decodeReviewCursor(f.Sort, f.Cursor)
		if err != nil {
			return p, err
		}
		if f.Sort == SortScore {
			where += ` AND (COALESCE(s.score, 0) < ? OR (COALESCE(s.score, 0) = ? AND r.id < ?))`
			args = append(args, rc.score, rc.score, rc.id)
		} else {
			where += ` AND r.id < ?`
			args = append(args, rc.id)
		}
	}
	rows, err := q.Query(ctx, reviewSelect+where+order+` LIMIT `+strconv.Itoa(limit+1), args...)
	if err != nil {
		return p, fmt.Errorf("list review items: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		it, err := scanReview(rows)
		if err != nil {
			return p, err
		}
		p.Items = append(p.Items, it)
	}
	if len(p.Items) > limit {
		p.Items = p.Items[:limit]
		p.Next = encodeReviewCursor(f.Sort, p.Items[limit-1])
	}
	return p, rows.Err()
}

// ReviewCounts returns the number of items per status that f selects,
// whatever f.Status says, each counted up to f.CountCap()+1 (a count
// above the cap means "more than the cap"). It is one query.
func ReviewCounts(ctx context.Context, q db.Querier, f ReviewFilter) (map[string]int, error) {
	out := map[string]int{}
	for _, st := range ReviewStatuses {
		out[st] = 0
	}
	where, args, needS, none := f.where(false)
	if none {
		return out, nil
	}
	var sel strings.Builder
	var all []any
	sel.WriteString(`SELECT `)
	for i, st := range ReviewStatuses {
		if i > 0 {
			sel.WriteString(`, `)
		}
		// The status is a constant of this package: inlined, so that each
		// count is a bounded range of the (instansi_id, status, id) index.
		count, _ := boundedCount(where+` AND r.status = '`+st+`'`, needS)
		sel.WriteString(`(` + count + `)`)
		all = append(all, args...)
	}
	n := make([]int, len(ReviewStatuses))
	dest := make([]any, len(n))
	for i := range n {
		dest[i] = &n[i]
	}
	if err := q.QueryRow(ctx, sel.String(), all...).Scan(dest...); err != nil {
		return nil, fmt.Errorf("count review items: %w", err)
	}
	for i, st := range ReviewStatuses {
		out[st] = n[i]
	}
	return out, nil
}

// GetReview returns one review item of an instansi; [ErrNotFound] when
// the instansi has no such item.
func GetReview(ctx context.Context, q db.Querier, instansiID, id int64) (ReviewItem, error) {
	it, err := scanReview(q.QueryRow(ctx, reviewSelect+` WHERE r.instansi_id = ? AND r.id = ?`, instansiID, id))
	if errors.Is(db.NoRows(err), db.ErrNotFound) {
		return it, ErrNotFound
	}
	return it, err
}

// ReviewByActivity returns the review item of an activity; [ErrNotFound]
// when it has none.
func ReviewByActivity(ctx context.Context, q db.Querier, instansiID, activityID int64) (ReviewItem, error) {
	it, err := scanReview(q.QueryRow(ctx, reviewSelect+` WHERE r.instansi_id = ? AND r.activity_id = ?`, instansiID, activityID))
	if errors.Is(db.NoRows(err), db.ErrNotFound) {
		return it, ErrNotFound
	}
	return it, err
}

// ReviewDecisions returns the decisions taken on an item, oldest first.
func ReviewDecisions(ctx context.Context, q db.Querier, itemID int64) ([]ReviewDecision, error) {
	rows, err := q.Query(ctx, `SELECT d.id, d.review_item_id, d.action, d.status_before, d.status_after,
		COALESCE(d.assignee_before, 0), COALESCE(NULLIF(ub.full_name, ''), ub.username, ''),
		COALESCE(d.assignee_after, 0), COALESCE(NULLIF(ua.full_name, ''), ua.username, ''),
		d.reason_code, d.note, COALESCE(d.user_id, 0), COALESCE(NULLIF(u.full_name, ''), d.user_name), d.created_at
		FROM review_decision d
		LEFT JOIN app_user ub ON ub.id = d.assignee_before
		LEFT JOIN app_user ua ON ua.id = d.assignee_after
		LEFT JOIN app_user u ON u.id = d.user_id
		WHERE d.review_item_id = ? ORDER BY d.id`, itemID)
	if err != nil {
		return nil, fmt.Errorf("review decisions: %w", err)
	}
	defer rows.Close()
	var out []ReviewDecision
	for rows.Next() {
		var d ReviewDecision
		var at string
		if err := rows.Scan(&d.ID, &d.ItemID, &d.Action, &d.StatusBefore, &d.StatusAfter, &d.AssigneeBefore,
			&d.AssigneeBeforeName, &d.AssigneeAfter, &d.AssigneeAfterName, &d.ReasonCode, &d.Note, &d.UserID,
			&d.UserName, &at); err != nil {
			return nil, err
		}
		d.At = clock.Parse(at)
		out = append(out, d)
	}
	return out, rows.Err()
}

// Decision is what a reviewer decides on an item.
type Decision struct {
	Action     string // one of the Action* constants
	ReasonCode string // dismiss: one of DismissReasons
	Note       string // free text (required for a dismissal with ReasonOther)
	AssigneeID int64  // assign: the user, 0 for nobody
}

// Decide applies a decision to a review item of an instansi, keeps it in
// the item's history and audits it with the item before and after, in one
// transaction. It returns [ErrNotFound] for an item of another instansi and
// errors matching [ErrInvalid] for a decision that is not complete. Who may
// decide, and whom an item may be assigned to, is the caller's to check.
func Decide(ctx context.Context, d *db.DB, actor audit.Actor, instansiID, itemID int64, dec Decision) error {
	dec.Note = strings.TrimSpace(dec.Note)
	if utf8.RuneCountInString(dec.Note) > maxNote {
		dec.Note = string([]rune(dec.Note)[:maxNote])
	}
	switch dec.Action {
	case ActionConfirm, ActionNeedsInfo:
		dec.ReasonCode = ""
	case ActionDismiss:
		if !slices.Contains(DismissReasons, dec.ReasonCode) || (dec.ReasonCode == ReasonOther && dec.Note == "") {
			return ErrReasonRequired
		}
	case ActionAssign:
		if dec.AssigneeID < 0 {
			return ErrBadAssignee
		}
	default:
		return ErrBadAction
	}
	return d.InTx(ctx, func(tx *db.Tx) error {
		lock := ""
		if tx.Engine() == db.Postgres {
			lock = ` FOR UPDATE`
		}
		var cur reviewState
		err := tx.QueryRow(ctx, `SELECT status, reason_code, reason, COALESCE(assignee_user_id, 0), activity_id
			FROM review_item WHERE id = ? AND instansi_id = ?`+lock, itemID, instansiID).Scan(&cur.status,
			&cur.reasonCode, &cur.reason, &cur.assignee, &cur.activity)
		if errors.Is(db.NoRows(err), db.ErrNotFound) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		now := clock.Format(time.Now())
		next := cur
		switch dec.Action {
		case ActionAssign:
			if dec.AssigneeID != 0 {
				var ok int
				err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM app_user WHERE id = ? AND instansi_id = ? AND disabled = 0`,
					dec.AssigneeID, instansiID).Scan(&ok)
				if err != nil {
					return err
				}
				if ok == 0 {
					return ErrBadAssignee
				}
			}
			next.assignee = dec.AssigneeID
			if _, err := tx.Exec(ctx, `UPDATE review_item SET assignee_user_id = ?, updated_at = ? WHERE id = ?`,
				optID(next.assignee), now, itemID); err != nil {
				return err
			}
		default:
			next.status = map[string]string{ActionConfirm: ReviewConfirmed, ActionDismiss: ReviewDismissed,
				ActionNeedsInfo: ReviewNeedsInfo}[dec.Action]
			next.reasonCode, next.reason = dec.ReasonCode, dec.Note
			if _, err := tx.Exec(ctx, `UPDATE review_item SET status = ?, reason_code = ?, reason = ?, decided_by = ?,
				decided_at = ?, updated_at = ? WHERE id = ?`, next.status, next.reasonCode, next.reason, optID(actor.UserID),
				now, now, itemID); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `INSERT INTO review_decision (review_item_id, action, status_before, status_after,
			assignee_before, assignee_after, reason_code, note, user_id, user_name, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
			itemID, dec.Action, cur.status, next.status, optID(cur.assignee), optID(next.assignee), dec.ReasonCode,
			dec.Note, optID(actor.UserID), actor.Name, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Event{InstansiID: instansiID, Action: "review." + dec.Action,
			ObjectType: "review_item", ObjectID: strconv.FormatInt(itemID, 10), Before: cur.audit(), After: next.audit()})
	})
}

// reviewState is what a decision changes on an item.
type reviewState struct {
	status, reasonCode, reason string
	assignee, activity         int64
}

func (s reviewState) audit() map[string]any {
	return map[string]any{"activity_id": s.activity, "status": s.status, "assignee_user_id": s.assignee,
		"reason_code": s.reasonCode, "reason": s.reason}
}

func optID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// addReviewItems creates the review items of flagged activities that have
// none (ids the writer has just stored or re-screened).
func (w *writer) addReviewItems(ctx context.Context, tx *db.Tx, ids []int64) error {
	inst, at := strconv.FormatInt(w.instansi, 10), quote(w.ingested)
	for start := 0; start < len(ids); start += stmtRows {
		var b strings.Builder
		b.WriteString(`INSERT INTO review_item (instansi_id, activity_id, status, created_at, updated_at) VALUES `)
		for i, id := range ids[start:min(start+stmtRows, len(ids))] {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString("(" + inst + "," + strconv.FormatInt(id, 10) + ",'new'," + at + "," + at + ")")
		}
		b.WriteString(` ON CONFLICT (activity_id) DO NOTHING`)
		if _, err := tx.Exec(ctx, b.String()); err != nil {
			return fmt.Errorf("review items: %w", err)
		}
	}
	return nil
}

// withdrawReviewItems removes the items of activities no longer flagged
// that nobody has acted on (new, unassigned, no decision).
func withdrawReviewItems(ctx context.Context, tx *db.Tx, activityIDs []string) error {
	for start := 0; start < len(activityIDs); start += stmtRows {
		part := activityIDs[start:min(start+stmtRows, len(activityIDs))]
		if _, err := tx.Exec(ctx, `DELETE FROM review_item WHERE activity_id IN (`+strings.Join(part, ",")+`)
			AND status = 'new' AND assignee_user_id IS NULL AND decided_by IS NULL
			AND NOT EXISTS (SELECT 1 FROM review_decision d WHERE d.review_item_id = review_item.id)`); err != nil {
			return fmt.Errorf("review items: %w", err)
		}
	}
	return nil
}

// CountByKey is a count of items per key.
type CountByKey struct {
	Key   string
	Count int
}

// DismissReasonCounts counts the dismissed items of an instansi (within
// opdIDs when non-nil) per reason code, in DismissReasons order.
func DismissReasonCounts(ctx context.Context, q db.Querier, instansiID int64, opdIDs []int64) ([]CountByKey, error) {
	f := ReviewFilter{InstansiID: instansiID, OPDIDs: opdIDs, Status: ReviewDismissed}
	where, args, _, none := f.where(true)
	m := map[string]int{}
	if !none {
		rows, err := q.Query(ctx, `SELECT r.reason_code, COUNT(*) FROM review_item r JOIN activity a ON a.id = r.activity_id`+
			where+` GROUP BY r.reason_code`, args...)
		if err != nil {
			return nil, fmt.Errorf("dismiss reasons: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var k string
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				return nil, err
			}
			m[k] = n
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	var out []CountByKey
	for _, k := range DismissReasons {
		out = append(out, CountByKey{k, m[k]})
		delete(m, k)
	}
	for k, n := range m { // codes of older releases, if any
		out = append(out, CountByKey{k, n})
	}
	return out, nil
}

// DismissedTerms counts, over the latest maxItems dismissed items, the
// entity evidence (lower-cased) of their latest results: a term dismissed
// again and again is a candidate exception. The most frequent come first.
func DismissedTerms(ctx context.Context, q db.Querier, instansiID int64, opdIDs []int64, maxItems, top int) ([]CountByKey, error) {
	f := ReviewFilter{InstansiID: instansiID, OPDIDs: opdIDs, Status: ReviewDismissed}
	where, args, _, none := f.where(true)
	if none {
		return nil, nil
	}
	rows, err := q.Query(ctx, `SELECT COALESCE(s.matches, '[]') FROM review_item r JOIN activity a ON a.id = r.activity_id`+
		latestScreening+where+` ORDER BY r.id DESC LIMIT `+strconv.Itoa(maxItems), args...)
	if err != nil {
		return nil, fmt.Errorf("dismissed terms: %w", err)
	}
	defer rows.Close()
	m := map[string]int{}
	for rows.Next() {
		var js string
		if err := rows.Scan(&js); err != nil {
			return nil, err
		}
		var ms []Match
		_ = json.Unmarshal([]byte(js), &ms)
		seen := map[string]bool{}
		for _, mt := range ms {
			k := strings.ToLower(NormalizePhrase(mt.Term))
			if mt.Entity == "" || k == "" || seen[k] {
				continue
			}
			seen[k] = true
			m[k]++
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]CountByKey, 0, len(m))
	for k, n := range m {
		out = append(out, CountByKey{k, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Key < out[j].Key
	})
	if len(out) > top {
		out = out[:top]
	}
	return out, nil
}

// ElectionVersionByNumber returns version n of an instansi's elections.
func ElectionVersionByNumber(ctx context.Context, q db.Querier, instansiID int64, n int) (ElectionVersion, error) {
	v, err := scanVersion(q.QueryRow(ctx, `SELECT `+versionCols+` FROM instansi_election_version
		WHERE instansi_id = ? AND version = ?`, instansiID, n))
	if errors.Is(db.NoRows(err), db.ErrNotFound) {
		return v, ErrNotFound
	}
	return v, err
}

// TargetLabels returns the human labels ("Untung – Nurul (02)", a party's
// name) of target ids in an election version; ids it does not know are
// left out.
func TargetLabels(v ElectionVersion, ids []string) map[string]string {
	out := map[string]string{}
	if len(ids) == 0 {
		return out
	}
	scr, err := Screener(v)
	if err != nil {
		return out
	}
	set := scr.Set()
	for _, id := range ids {
		if t := set.Target(id); t != nil {
			out[id] = t.Label()
		}
	}
	return out
}
