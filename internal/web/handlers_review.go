package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/monitor"
	"github.com/netral-asn/netral/internal/registry"
	"github.com/netral-asn/netral/internal/violation"
)

// The review inbox (deteksi dini): flagged activities of the instansi
// (review items, created by monitor when a flagged result is stored), the
// page of one item with its evidence highlighted, the decisions on it, and
// the instansi's exception phrases.

// reviewNotices maps the ?ok= value of a redirect to its message.
var reviewNotices = map[string]string{
	"confirm":       "review.notice_confirm",
	"dismiss":       "review.notice_dismiss",
	"needs_info":    "review.notice_needs_info",
	"assign":        "review.notice_assign",
	"exception":     "review.notice_exception",
	"exception_off": "review.notice_exception_off",
	"exception_on":  "review.notice_exception_on",
	"attributed":    "attr.notice_item", // handlers_attribution.go
}

func reviewNotice(c *reqCtx, r *http.Request) string {
	if k, ok := reviewNotices[r.URL.Query().Get("ok")]; ok {
		return c.L.T(k)
	}
	return ""
}

// knownLabel returns the message keyed prefix+v when v is one of known,
// else v itself (a value from an older version, shown as stored).
func knownLabel(c *reqCtx, prefix string, known []string, v string) string {
	if slices.Contains(known, v) {
		return c.L.T(prefix + v)
	}
	return v
}

// reviewActions are the decision actions that have a label.
var reviewActions = []string{monitor.ActionConfirm, monitor.ActionDismiss, monitor.ActionNeedsInfo, monitor.ActionAssign}

// Message-key prefixes of the labelled review values, with the values each
// covers (a test checks that every prefix+value key exists).
const (
	statusPrefix = "review.status_"
	reasonPrefix = "review.reason_"
	actionPrefix = "review.action_"
	kindPrefix   = "review.kind."
	signalPrefix = "review.sig."
)

func statusLabel(c *reqCtx, st string) string {
	return knownLabel(c, statusPrefix, monitor.ReviewStatuses, st)
}

func reasonLabel(c *reqCtx, code string) string {
	return knownLabel(c, reasonPrefix, monitor.DismissReasons, code)
}

func actionLabel(c *reqCtx, a string) string { return knownLabel(c, actionPrefix, reviewActions, a) }

func kindLabelOf(c *reqCtx, k string) string { return knownLabel(c, kindPrefix, monitor.Kinds, k) }

func signalLabel(c *reqCtx, sig string) string { return knownLabel(c, signalPrefix, hlSignals, sig) }

func stanceLabel(c *reqCtx, st string) string {
	switch st {
	case "support":
		return c.L.T("review.stance_support")
	case "oppose":
		return c.L.T("review.stance_oppose")
	}
	return c.L.T("review.stance_none")
}

// reviewDeciders returns the active users of the instansi who may decide
// on review items: the choices of an assignment.
func (s *Server) reviewDeciders(ctx context.Context, c *reqCtx) ([]option, error) {
	us, err := s.Auth.Users(ctx, c.Instansi.ID)
	if err != nil {
		return nil, err
	}
	var out []option
	for _, u := range us {
		if !u.Disabled && auth.Can(u.Role, auth.PermReviewDecide) {
			name := u.FullName
			if name == "" {
				name = u.Username
			}
			role := "role." + string(u.Role)
			out = append(out, option{itoa(u.ID), name + " (" + c.L.T(role) + ")"})
		}
	}
	return out, nil
}

// targetOptions labels target ids with the names of the active election version.
func (s *Server) targetLabels(ctx context.Context, c *reqCtx, version int, ids []string) map[string]string {
	var v monitor.ElectionVersion
	var err error
	if version > 0 {
		v, err = monitor.ElectionVersionByNumber(ctx, s.DB, c.Instansi.ID, version)
	} else {
		v, err = monitor.ActiveElections(ctx, s.DB, c.Instansi.ID)
	}
	if err != nil {
		return map[string]string{}
	}
	return monitor.TargetLabels(v, ids)
}

// inboxForm holds the inbox's filters as given.
type inboxForm struct {
	OPD      int64
	Platform string
	Kind     string
	Target   string
	MinScore string
	From     string
	To       string
	Status   string // "" = new; "all" = every status
	Assignee string // user id, or "none"
	Reviewer string // user id
	Sort     string
	N        int
	Cursor   string
}

// values returns the filters as a query (without the cursor).
func (f inboxForm) values() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" && s != "0" {
			v.Set(k, s)
		}
	}
	set("opd", itoa(f.OPD))
	set("platform", f.Platform)
	set("kind", f.Kind)
	set("target", f.Target)
	set("min_score", f.MinScore)
	set("from", f.From)
	set("to", f.To)
	set("status", f.Status)
	set("assignee", f.Assignee)
	set("reviewer", f.Reviewer)
	if f.Sort == monitor.SortScore {
		v.Set("sort", f.Sort)
	}
	set("n", strconv.Itoa(f.N))
	return v
}

// href returns the inbox address with the filters, changed by kv pairs.
func (f inboxForm) href(kv ...string) string { return withParams("/deteksi", f.values(), kv...) }

// withParams returns path with the query v, changed by kv pairs (name,
// value; an empty value removes the name).
func withParams(path string, v url.Values, kv ...string) string {
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			v.Del(kv[i])
		} else {
			v.Set(kv[i], kv[i+1])
		}
	}
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

// statusTab is one status of the inbox with its count.
type statusTab struct {
	Value  string
	Label  string
	Count  int
	More   bool // Count is a lower bound (counting stops at the filter's cap, ReviewFilter.CountCap): shown "Count+"
	Href   string
	Active bool
}

// shownCount returns a count of monitor.ReviewCounts as shown: at most
// the filter's cap, and whether there are more.
func shownCount(f monitor.ReviewFilter, n int) (int, bool) {
	if limit := f.CountCap(); n > limit {
		return limit, true
	}
	return n, false
}

// inboxRow is one item of the inbox as shown.
type inboxRow struct {
	monitor.ReviewItem
	StatusLabel   string
	PlatformLabel string
	KindLabel     string
	Snippet       string
	Context       string
	When          time.Time
	Score         float64
	Targets       []string
}

// inboxPage is what review_inbox.html receives.
type inboxPage struct {
	F         inboxForm
	OPDs      []registry.OPD
	Platforms []option
	Kinds     []option
	Targets   []option
	Users     []option
	Scores    []option
	Tabs      []statusTab
	Rows      []inboxRow
	Total     int
	More      bool // Total is a lower bound: "more than Total"
	FirstHref string
	NextHref  string
}

// snippet returns the start of s, at most n characters.
func snippet(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// parseDate reads a date filter as the start of that day in loc (the
// instansi's zone); the zero time for "".
func parseDate(s string, loc *time.Location) (time.Time, bool) {
	t, ok := parseDay(s)
	if !ok || t.IsZero() {
		return time.Time{}, ok
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc), true
}

// opdFilter returns the OPD ids of unit id and its sub-units within the
// user's scope, or the scope itself when id is 0.
func (s *Server) opdFilter(r *http.Request, c *reqCtx, id int64) ([]registry.OPD, []int64, error) {
	full, tree, err := s.scopedTree(r, c)
	if err != nil {
		return nil, nil, err
	}
	if id == 0 {
		return tree, c.OPDScope, nil
	}
	if !c.inScope(id) || !slices.ContainsFunc(full, func(o registry.OPD) bool { return o.ID == id }) {
		return nil, nil, badRequest("opd")
	}
	ids := []int64{}
	for _, x := range registry.Subtree(full, id) {
		if c.inScope(x) {
			ids = append(ids, x)
		}
	}
	return tree, ids, nil
}

func (s *Server) reviewInbox(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	q := r.URL.Query()
	d := inboxPage{F: inboxForm{Platform: strings.TrimSpace(q.Get("platform")), Kind: strings.TrimSpace(q.Get("kind")),
		Target: strings.TrimSpace(q.Get("target")), Cursor: q.Get("cursor"), Status: q.Get("status")}}
	f := monitor.ReviewFilter{InstansiID: c.Instansi.ID, Platform: d.F.Platform, Target: d.F.Target, Cursor: d.F.Cursor}
	switch d.F.Status {
	case "":
		f.Status = monitor.ReviewNew
	case "all":
	default:
		if !slices.Contains(monitor.ReviewStatuses, d.F.Status) {
			return badRequest("status")
		}
		f.Status = d.F.Status
	}
	if d.F.Kind != "" {
		if !slices.Contains(monitor.Kinds, d.F.Kind) {
			return badRequest("kind")
		}
		f.Kind = d.F.Kind
	}
	if v := q.Get("opd"); v != "" && v != "0" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return badRequest("opd")
		}
		d.F.OPD = id
	}
	var err error
	if d.OPDs, f.OPDIDs, err = s.opdFilter(r, c, d.F.OPD); err != nil {
		return err
	}
	if v := strings.TrimSpace(q.Get("min_score")); v != "" {
		x, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64)
		if err != nil || x < 0 || x > 1 {
			return badRequest(c.L.T("review.err_score"))
		}
		d.F.MinScore, f.MinScore = v, x
	}
	if v := strings.TrimSpace(q.Get("from")); v != "" {
		t, ok := parseDate(v, c.Zone())
		if !ok {
			return badRequest(c.L.T("review.err_date"))
		}
		d.F.From, f.From = v, t
	}
	if v := strings.TrimSpace(q.Get("to")); v != "" {
		t, ok := parseDate(v, c.Zone())
		if !ok {
			return badRequest(c.L.T("review.err_date"))
		}
		d.F.To, f.To = v, t.AddDate(0, 0, 1) // the whole day
	}
	switch v := q.Get("assignee"); v {
	case "":
	case "none":
		d.F.Assignee, f.AssigneeID = v, -1
	default:
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return badRequest("assignee")
		}
		d.F.Assignee, f.AssigneeID = v, id
	}
	if v := q.Get("reviewer"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return badRequest("reviewer")
		}
		d.F.Reviewer, f.DecidedBy = v, id
	}
	switch v := q.Get("sort"); v {
	case "", monitor.SortNewest:
	case monitor.SortScore:
		d.F.Sort, f.Sort = v, v
	default:
		return badRequest("sort")
	}
	if v := q.Get("n"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return badRequest("n")
		}
		d.F.N, f.Limit = min(n, 500), min(n, 500)
	}
	page, counts, err := monitor.ReviewInbox(ctx, s.DB, f)
	if errors.Is(err, monitor.ErrInvalid) {
		return badRequest(c.L.T("activity.err_cursor"))
	}
	if err != nil {
		return err
	}
	all := statusTab{Value: "all", Label: c.L.T("review.status_all"), Href: d.F.href("status", "all")}
	current := d.F.Status
	if current == "" {
		current = monitor.ReviewNew
	}
	for _, st := range monitor.ReviewStatuses {
		n, more := shownCount(f, counts[st])
		d.Tabs = append(d.Tabs, statusTab{Value: st, Label: statusLabel(c, st), Count: n, More: more,
			Href: d.F.href("status", st, "cursor", ""), Active: current == st})
		all.Count, all.More = all.Count+n, all.More || more
		if current == st {
			d.Total, d.More = n, more
		}
	}
	all.Active = current == "all"
	if all.Active {
		d.Total, d.More = all.Count, all.More
	}
	d.Tabs = append(d.Tabs, all)
	platforms, targets, err := monitor.CachedReviewFacets(ctx, s.DB, c.Instansi.ID, c.OPDScope)
	if err != nil {
		return err
	}
	for _, p := range platforms {
		d.Platforms = append(d.Platforms, option{p, platformLabel(c, p)})
	}
	for _, k := range monitor.Kinds {
		d.Kinds = append(d.Kinds, option{k, kindLabelOf(c, k)})
	}
	var ids []string
	for _, it := range page.Items {
		if sc := it.Activity.Screening; sc != nil {
			ids = append(ids, sc.Targets...)
		}
	}
	labels := s.targetLabels(ctx, c, 0, append(ids, targets...))
	for _, t := range targets {
		l := t
		if x, ok := labels[t]; ok {
			l = x + " [" + t + "]"
		}
		d.Targets = append(d.Targets, option{t, l})
	}
	if d.Users, err = s.reviewDeciders(ctx, c); err != nil {
		return err
	}
	for _, x := range []string{"0.5", "0.7", "0.8", "0.9"} {
		d.Scores = append(d.Scores, option{x, "≥ " + strings.Replace(x, ".", ",", 1)})
	}
	for _, it := range page.Items {
		a := it.Activity
		row := inboxRow{ReviewItem: it, StatusLabel: statusLabel(c, it.Status), PlatformLabel: platformLabel(c, a.Platform),
			KindLabel: kindLabelOf(c, a.Kind), When: a.OccurredAt}
		if row.When.IsZero() {
			row.When = a.IngestedAt
		}
		switch {
		case a.Text != nil && *a.Text != "":
			row.Snippet = snippet(*a.Text, 160)
		case len(a.MediaCaptions) > 0:
			row.Snippet = snippet(a.MediaCaptions[0], 160)
		}
		if a.ContextText != nil { // what was liked, shared, joined…
			row.Context = snippet(*a.ContextText, 120)
		}
		if sc := a.Screening; sc != nil {
			row.Score = sc.Score
			for _, t := range sc.Targets {
				if l, ok := labels[t]; ok {
					t = l
				}
				row.Targets = append(row.Targets, t)
			}
		}
		d.Rows = append(d.Rows, row)
	}
	if d.F.Cursor != "" {
		d.FirstHref = d.F.href()
	}
	if page.Next != "" {
		d.NextHref = d.F.href("cursor", page.Next)
	}
	s.render(w, r, c, "review_inbox.html", c.L.T("review.inbox_title"), d)
	return nil
}

// reviewItemFor loads a review item of the current instansi that the user
// may see (a kepala OPD: attributed to their OPD subtree); 404 otherwise.
func (s *Server) reviewItemFor(r *http.Request, c *reqCtx) (monitor.ReviewItem, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return monitor.ReviewItem{}, errNotFound
	}
	it, err := monitor.GetReview(r.Context(), s.DB, c.Instansi.ID, id)
	if errors.Is(err, monitor.ErrNotFound) {
		return it, errNotFound
	}
	if err != nil {
		return it, err
	}
	if c.OPDScope != nil && (it.Activity.Attribution == nil || !c.inScope(it.Activity.Attribution.OPDID)) {
		return it, errNotFound // not "forbidden": do not confirm it exists
	}
	return it, nil
}

// hlField is one text field of the activity with its evidence highlighted.
type hlField struct {
	ID      string
	Label   string
	Segs    []hlSeg
	Skipped int // matches whose offsets did not fit the text
}

// screeningRow is one screening result in the history.
type screeningRow struct {
	monitor.Screening
	Shown   bool
	Latest  bool
	Targets string
	Href    string
}

// decisionRow is one decision in the history.
type decisionRow struct {
	monitor.ReviewDecision
	ActionLabel  string
	BeforeLabel  string
	AfterLabel   string
	ReasonLabel  string
	StatusChange bool
}

// targetRow is a target of the shown result.
type targetRow struct {
	ID    string
	Label string
}

// decisionForm is the state of the decision forms after a refused submit.
type decisionForm struct {
	Action     string
	ReasonCode string
	Note       string
	Assignee   string
	Error      string
}

// reviewItemPage is what review_item.html receives.
type reviewItemPage struct {
	It             monitor.ReviewItem
	A              monitor.Activity
	StatusLabel    string
	PlatformLabel  string
	KindLabel      string
	ReasonLabel    string
	Linkable       bool // the activity's URL is an http(s) address (others are shown, not linked)
	Fields         []hlField
	Purged         bool
	S              *monitor.Screening // the result shown
	ShownLatest    bool
	StanceLabel    string
	Targets        []targetRow
	ViolationTitle string
	Exceptions     []string // of the shown result's election version
	Legend         []option // signal class → label
	History        []screeningRow
	Decisions      []decisionRow
	Reasons        []option
	Users          []option
	Form           decisionForm
	Notice         string
	Suggestion     string // a phrase to offer as an exception
}

func (s *Server) reviewShow(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	it, err := s.reviewItemFor(r, c)
	if err != nil {
		return err
	}
	return s.renderReviewItem(w, r, c, it, decisionForm{}, reviewNotice(c, r), http.StatusOK)
}

// renderReviewItem shows an item; the view is recorded in the audit trail.
func (s *Server) renderReviewItem(w http.ResponseWriter, r *http.Request, c *reqCtx, it monitor.ReviewItem,
	form decisionForm, note string, status int) error {
	ctx := r.Context()
	a := it.Activity
	hist, err := monitor.Screenings(ctx, s.DB, a.ID)
	if err != nil {
		return err
	}
	decs, err := monitor.ReviewDecisions(ctx, s.DB, it.ID)
	if err != nil {
		return err
	}
	if err := audit.RecordNow(ctx, s.DB, c.actor(r), audit.Event{InstansiID: c.Instansi.ID, Action: "activity.view",
		ObjectType: "activity", ObjectID: itoa(a.ID), After: map[string]any{"review_item": it.ID}}); err != nil {
		return err
	}
	d := reviewItemPage{It: it, A: a, StatusLabel: statusLabel(c, it.Status), PlatformLabel: platformLabel(c, a.Platform),
		KindLabel: kindLabelOf(c, a.Kind), ReasonLabel: reasonLabel(c, it.ReasonCode), Form: form, Notice: note,
		Purged: !a.PurgedAt.IsZero()}
	if u, err := url.Parse(a.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		d.Linkable = true
	}
	// The result shown: ?hasil=<id> of one in the history, else the latest.
	shown := a.Screening
	if v := r.URL.Query().Get("hasil"); v != "" {
		for i := range hist {
			if itoa(hist[i].ID) == v {
				shown = &hist[i]
			}
		}
	}
	d.S = shown
	versions := map[int]monitor.ElectionVersion{}
	version := func(n int) monitor.ElectionVersion {
		if v, ok := versions[n]; ok {
			return v
		}
		v, _ := monitor.ElectionVersionByNumber(ctx, s.DB, c.Instansi.ID, n)
		versions[n] = v
		return v
	}
	labels := map[string]string{}
	if shown != nil {
		d.ShownLatest = a.Screening != nil && shown.ID == a.Screening.ID
		v := version(shown.ElectionVersion)
		var ids []string
		for _, m := range shown.Matches {
			if m.Entity != "" {
				ids = append(ids, m.Entity)
			}
		}
		labels = monitor.TargetLabels(v, append(ids, shown.Targets...))
		d.Exceptions = v.Exceptions
		d.StanceLabel = stanceLabel(c, shown.Stance)
		for _, t := range shown.Targets {
			d.Targets = append(d.Targets, targetRow{t, labels[t]})
		}
		if e, ok := violation.Lookup(violation.Code(shown.Violation)); ok {
			d.ViolationTitle = e.Title
		}
		describe := func(m monitor.Match) string {
			desc := signalLabel(c, m.Signal)
			if m.Entity != "" {
				l := labels[m.Entity]
				if l == "" {
					l = m.Entity
				}
				desc += ": " + l
			}
			return desc
		}
		add := func(id, label, v string, field string, index int) {
			segs, skipped := highlight(v, shown.Matches, field, index, describe)
			d.Fields = append(d.Fields, hlField{ID: id, Label: label, Segs: segs, Skipped: skipped})
		}
		if a.Text != nil {
			add("text", c.L.T("review.field_text"), *a.Text, "text", 0)
		}
		if a.ContextText != nil {
			add("context", c.L.T("review.field_context"), *a.ContextText, "context_text", 0)
		}
		for i, cap := range a.MediaCaptions {
			add(fmt.Sprintf("caption-%d", i), c.L.T("review.field_caption", i+1), cap, "media_captions", i)
		}
		seen := map[string]bool{}
		for _, m := range shown.Matches {
			cl := signalClass(m.Signal)
			if !seen[cl] {
				seen[cl] = true
				d.Legend = append(d.Legend, option{cl, signalLabel(c, m.Signal)})
			}
			if m.Entity != "" && len(m.Term) > len(d.Suggestion) { // the longest mention
				d.Suggestion = m.Term
			}
		}
	}
	for i := range hist {
		h := hist[i]
		row := screeningRow{Screening: h, Shown: shown != nil && h.ID == shown.ID,
			Latest: a.Screening != nil && h.ID == a.Screening.ID, Href: fmt.Sprintf("/deteksi/%d?hasil=%d#bukti", it.ID, h.ID)}
		row.Targets = strings.Join(h.Targets, ", ")
		d.History = append(d.History, row)
	}
	slices.Reverse(d.History) // newest first
	for _, x := range decs {
		d.Decisions = append(d.Decisions, decisionRow{ReviewDecision: x, ActionLabel: actionLabel(c, x.Action),
			BeforeLabel: statusLabel(c, x.StatusBefore), AfterLabel: statusLabel(c, x.StatusAfter),
			ReasonLabel: reasonLabel(c, x.ReasonCode), StatusChange: x.StatusBefore != x.StatusAfter})
	}
	for _, code := range monitor.DismissReasons {
		d.Reasons = append(d.Reasons, option{code, reasonLabel(c, code)})
	}
	if c.Can(string(auth.PermReviewDecide)) {
		if d.Users, err = s.reviewDeciders(ctx, c); err != nil {
			return err
		}
	}
	title := c.L.T("review.item_title", it.ID)
	s.renderStatus(w, r, c, status, "review_item.html", title, d)
	return nil
}

// reviewDecide applies a decision (confirm, dismiss, needs_info) to an item.
func (s *Server) reviewDecide(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return s.decide(w, r, c, false)
}

// reviewAssign assigns an item to a member of the team, or to nobody.
func (s *Server) reviewAssign(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return s.decide(w, r, c, true)
}

func (s *Server) decide(w http.ResponseWriter, r *http.Request, c *reqCtx, assign bool) error {
	it, err := s.reviewItemFor(r, c)
	if err != nil {
		return err
	}
	form := decisionForm{Action: r.PostFormValue("action"), ReasonCode: r.PostFormValue("reason"),
		Note: strings.TrimSpace(r.PostFormValue("note")), Assignee: r.PostFormValue("assignee")}
	dec := monitor.Decision{Action: form.Action, ReasonCode: form.ReasonCode, Note: form.Note}
	if assign {
		dec.Action, form.Action = monitor.ActionAssign, monitor.ActionAssign
		dec.Note, dec.ReasonCode = "", ""
		if form.Assignee != "" && form.Assignee != "0" {
			users, err := s.reviewDeciders(r.Context(), c)
			if err != nil {
				return err
			}
			if !slices.ContainsFunc(users, func(o option) bool { return o.Value == form.Assignee }) {
				form.Error = c.L.T("review.err_assignee")
				return s.renderReviewItem(w, r, c, it, form, "", http.StatusBadRequest)
			}
			dec.AssigneeID, _ = strconv.ParseInt(form.Assignee, 10, 64)
		}
	} else if !slices.Contains([]string{monitor.ActionConfirm, monitor.ActionDismiss, monitor.ActionNeedsInfo}, dec.Action) {
		return badRequest("action")
	}
	err = monitor.Decide(r.Context(), s.DB, c.actor(r), c.Instansi.ID, it.ID, dec)
	switch {
	case errors.Is(err, monitor.ErrReasonRequired):
		form.Error = c.L.T("review.err_reason")
		return s.renderReviewItem(w, r, c, it, form, "", http.StatusBadRequest)
	case errors.Is(err, monitor.ErrBadAssignee):
		form.Error = c.L.T("review.err_assignee")
		return s.renderReviewItem(w, r, c, it, form, "", http.StatusBadRequest)
	case errors.Is(err, monitor.ErrNotFound):
		return errNotFound
	case err != nil:
		return err
	}
	http.Redirect(w, r, "/deteksi/"+itoa(it.ID)+"?ok="+dec.Action, http.StatusSeeOther)
	return nil
}

// reasonsPage is what review_reasons.html receives.
type reasonsPage struct {
	Reasons    []statusTab
	Dismissed  int
	Terms      []monitor.CountByKey
	Exceptions []monitor.Exception
	Phrase     string
	Note       string
	Error      string
	Notice     string
}

// reviewReasons shows how often each dismissal reason was given, the
// evidence most often dismissed, and the instansi's exception phrases.
func (s *Server) reviewReasons(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return s.renderReasons(w, r, c, reasonsPage{Notice: reviewNotice(c, r)}, http.StatusOK)
}

func (s *Server) renderReasons(w http.ResponseWriter, r *http.Request, c *reqCtx, d reasonsPage, status int) error {
	ctx := r.Context()
	counts, err := monitor.DismissReasonCounts(ctx, s.DB, c.Instansi.ID, c.OPDScope)
	if err != nil {
		return err
	}
	for _, x := range counts {
		d.Reasons = append(d.Reasons, statusTab{Value: x.Key, Label: reasonLabel(c, x.Key), Count: x.Count})
		d.Dismissed += x.Count
	}
	if d.Terms, err = monitor.DismissedTerms(ctx, s.DB, c.Instansi.ID, c.OPDScope, 2000, 20); err != nil {
		return err
	}
	if d.Exceptions, err = monitor.Exceptions(ctx, s.DB, c.Instansi.ID); err != nil {
		return err
	}
	s.renderStatus(w, r, c, status, "review_reasons.html", c.L.T("review.reasons_title"), d)
	return nil
}

// exceptionAdd adds an exception phrase (or turns an old one on again).
func (s *Server) exceptionAdd(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	phrase, note := r.PostFormValue("phrase"), r.PostFormValue("note")
	_, err := monitor.AddException(r.Context(), s.DB, c.actor(r), c.Instansi.ID, phrase, note)
	if errors.Is(err, monitor.ErrInvalid) {
		d := reasonsPage{Phrase: phrase, Note: note,
			Error: c.L.T("review.err_phrase", monitor.MinPhraseLen, monitor.MaxPhraseLen)}
		return s.renderReasons(w, r, c, d, http.StatusBadRequest)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/deteksi/alasan?ok=exception#pengecualian", http.StatusSeeOther)
	return nil
}

// exceptionStatus turns an exception phrase on or off.
func (s *Server) exceptionStatus(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	id, err := strconv.ParseInt(r.PathValue("xid"), 10, 64)
	if err != nil {
		return errNotFound
	}
	active := r.PostFormValue("active") == "1"
	if _, err := monitor.SetExceptionActive(r.Context(), s.DB, c.actor(r), c.Instansi.ID, id, active); err != nil {
		if errors.Is(err, monitor.ErrNotFound) {
			return errNotFound
		}
		return err
	}
	ok := "exception_off"
	if active {
		ok = "exception_on"
	}
	http.Redirect(w, r, "/deteksi/alasan?ok="+ok+"#pengecualian", http.StatusSeeOther)
	return nil
}

// reviewSummary is the inbox on the dashboard.
type reviewSummary struct {
	Statuses []statusTab
	New      int
	NewMore  bool // New is a lower bound: shown "New+"
}

// reviewDashboard counts the review items per status (a kepala OPD: of
// their OPD subtree).
func (s *Server) reviewDashboard(ctx context.Context, c *reqCtx) (reviewSummary, error) {
	var d reviewSummary
	f := monitor.ReviewFilter{InstansiID: c.Instansi.ID, OPDIDs: c.OPDScope}
	counts, err := monitor.ReviewCounts(ctx, s.DB, f)
	if err != nil {
		return d, err
	}
	for _, st := range monitor.ReviewStatuses {
		n, more := shownCount(f, counts[st])
		d.Statuses = append(d.Statuses, statusTab{Value: st, Label: statusLabel(c, st), Count: n, More: more,
			Href: "/deteksi?status=" + st})
	}
	d.New, d.NewMore = shownCount(f, counts[monitor.ReviewNew])
	return d, nil
}
