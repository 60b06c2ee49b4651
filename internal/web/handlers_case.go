package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/cases"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/i18n"
	"github.com/netral-asn/netral/internal/monitor"
	"github.com/netral-asn/netral/internal/registry"
	"github.com/netral-asn/netral/internal/reports"
	"github.com/netral-asn/netral/internal/violation"
)

// Case handling (penanganan perkara): the list with filters and the
// overdue view, opening a case (from a team finding, a confirmed review
// item or a public report), the case page with its timeline, the steps
// the user may take, notes and messages, clarification summonses and
// minutes, assignment and merging; the Bawaslu liaison's view of the cases
// referred to Bawaslu (/rujukan); the sanctions on an employee's page.
// Who may take which step is decided by internal/cases (the transition
// table and the conflict-of-interest rule); the routes only open the pages.

// caseNotices maps the ?ok= value of a redirect to its message.
var caseNotices = map[string]string{
	"opened":   "case.notice_opened",
	"step":     "case.notice_step",
	"assigned": "case.notice_assigned",
	"details":  "case.notice_details",
	"note":     "case.notice_note",
	"source":   "case.notice_source",
	"summons":  "case.notice_summons",
	"minutes":  "case.notice_minutes",
	"merged":   "case.notice_merged",
	"exists":   "case.notice_exists",
}

// tkey translates the message key prefix+name (a key built at run time).
func tkey(c *reqCtx, prefix, name string) string {
	key := prefix + name
	return c.L.T(key)
}

// caseStatusLabel is the label of a case state.
func caseStatusLabel(c *reqCtx, st cases.Status) string {
	if st.Valid() {
		return tkey(c, "case.status.", string(st))
	}
	return string(st)
}

// caseActionLabel is the label of a step.
func caseActionLabel(c *reqCtx, a cases.Action) string {
	if _, ok := cases.RuleOf(a); ok {
		return tkey(c, "case.action.", string(a))
	}
	return string(a)
}

// sanctionLabel is the label of a sanction id (or "not proven").
func sanctionLabel(c *reqCtx, id string) string {
	if id == "" {
		return ""
	}
	if id == cases.NotProven {
		return c.L.T("case.not_proven")
	}
	if s, ok := violation.SanctionByID(id); ok {
		return s.Label(c.L.Lang)
	}
	return id
}

// actKindLabel is the label of an act kind.
func actKindLabel(c *reqCtx, k string) string {
	for _, a := range violation.Acts() {
		if a.Key == k {
			return a.Label(c.L.Lang)
		}
	}
	return k
}

// targetLabel is the label of a referral target.
func targetLabel(c *reqCtx, t string) string {
	switch t {
	case cases.TargetBawaslu:
		return c.L.T("case.target_bawaslu")
	case cases.TargetBKN:
		return c.L.T("case.target_bkn")
	}
	return t
}

// caseErrorKeys are the messages of the errors of package cases, with
// their status.
var caseErrorKeys = []struct {
	err    error
	status int
	key    string
}{
	{cases.ErrNotAllowed, http.StatusForbidden, "case.err_not_allowed"},
	{cases.ErrConflictInterest, http.StatusForbidden, "case.err_conflict"},
	{cases.ErrWrongState, http.StatusConflict, "case.err_wrong_state"},
	{cases.ErrStale, http.StatusConflict, "case.err_stale"},
	{cases.ErrSourceTaken, http.StatusConflict, "case.err_source_taken"},
	{cases.ErrNoReporter, http.StatusBadRequest, "case.err_no_reporter"},
	{cases.ErrReportsOff, http.StatusBadRequest, "case.err_reports_off"},
	{cases.ErrNotIdentified, http.StatusBadRequest, "case.err_not_identified"},
	{cases.ErrMergeSelf, http.StatusBadRequest, "case.err_merge_self"},
	{cases.ErrMergeAccused, http.StatusBadRequest, "case.err_merge_accused"},
}

// caseFieldKeys are the fields of cases.FieldError that have a message.
var caseFieldKeys = []string{"title", "summary", "place", "act_kind", "act_date", "election", "accused", "accused_nip",
	"accused_name", "accused_position", "accused_unit", "accused_opd", "description", "links", "review_item", "report",
	"source", "assignee", "action", "note", "public_message", "finding", "violation_code", "target", "letter_number",
	"package_note", "rec_outcome", "rec_number", "rec_date", "rec_text", "rec_sanction", "sanction", "basis",
	"decree_number", "decree_date", "body", "refs", "audience", "scheduled_at", "attended", "minutes", "summons", "merge"}

// caseProblem turns an error of package cases into a status and a message
// for people; ok is false for other errors (returned as they are).
func caseProblem(c *reqCtx, err error) (status int, msg string, ok bool) {
	var fe *cases.FieldError
	if errors.As(err, &fe) {
		key := "case.field." + fe.Field
		if !slices.Contains(caseFieldKeys, fe.Field) {
			return http.StatusBadRequest, fe.Error(), true
		}
		if fe.Reason != "" && i18n.Has(key+"_"+fe.Reason) {
			key += "_" + fe.Reason // the precise rule, e.g. case.field.scheduled_at_before_act
		}
		msg := c.L.T(key)
		if c.L.Lang != "id" {
			msg += " (" + fe.Message + ")"
		}
		return http.StatusBadRequest, msg, true
	}
	for _, x := range caseErrorKeys {
		if errors.Is(err, x.err) {
			return x.status, c.L.T(x.key), true
		}
	}
	return 0, "", false
}

// caseHTTPError maps the errors of package cases for pages without a form
// to show them on.
func caseHTTPError(c *reqCtx, err error) error {
	if errors.Is(err, cases.ErrNotFound) {
		return errNotFound
	}
	if st, msg, ok := caseProblem(c, err); ok {
		code := map[int]string{http.StatusForbidden: "forbidden", http.StatusConflict: "conflict"}[st]
		if code == "" {
			code = "invalid"
		}
		return &httpError{st, code, "case.err_title", msg}
	}
	return err
}

// caseFor loads the case of the path's {id} that the user may see.
func (s *Server) caseFor(r *http.Request, c *reqCtx) (cases.Case, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return cases.Case{}, errNotFound
	}
	cs, err := s.caseSvc().View(r.Context(), casePerson(c, c.actor(r)), c.Instansi.ID, id)
	if err != nil {
		return cs, caseHTTPError(c, err)
	}
	return cs, nil
}

// caseRow is one case of a list.
type caseRow struct {
	cases.Case
	StatusLabel string
	Overdue     bool
}

// caseListForm is the list's filters as given.
type caseListForm struct {
	Status   string // "" = open, "ended", "all" or a state
	Assignee string // "", "me", "none" or a user id
	Overdue  bool
	Q        string
	Cursor   string
}

func (f caseListForm) href(kv ...string) string {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("status", f.Status)
	set("assignee", f.Assignee)
	if f.Overdue {
		v.Set("terlambat", "1")
	}
	set("q", f.Q)
	return withParams("/perkara", v, kv...)
}

// caseListPage is what case_list.html receives.
type caseListPage struct {
	F         caseListForm
	Tabs      []statusTab
	Statuses  []option
	Users     []option
	Rows      []caseRow
	Total     int
	NextHref  string
	FirstHref string
	CanOpen   bool
	Referred  bool // the Bawaslu liaison's list (/rujukan)
}

// caseStatusFilter reads a status filter: "" (open), "ended", "all" or a state.
func caseStatusFilter(v string) ([]cases.Status, bool) {
	switch v {
	case "":
		return cases.OpenStatuses(), true
	case "all":
		return nil, true
	case "ended":
		var out []cases.Status
		for _, st := range cases.Statuses {
			if st.Ended() {
				out = append(out, st)
			}
		}
		return out, true
	}
	if st := cases.Status(v); st.Valid() {
		return []cases.Status{st}, true
	}
	return nil, false
}

func (s *Server) caseList(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return s.renderCaseList(w, r, c, false)
}

// caseReferredList is the Bawaslu liaison's list: the cases referred to Bawaslu.
func (s *Server) caseReferredList(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return s.renderCaseList(w, r, c, true)
}

func (s *Server) renderCaseList(w http.ResponseWriter, r *http.Request, c *reqCtx, referred bool) error {
	ctx := r.Context()
	q := r.URL.Query()
	d := caseListPage{F: caseListForm{Status: q.Get("status"), Assignee: q.Get("assignee"), Overdue: q.Get("terlambat") == "1",
		Q: strings.TrimSpace(q.Get("q")), Cursor: q.Get("cursor")}, Referred: referred,
		CanOpen: !referred && c.Can(string(auth.PermCasesHandle))}
	svc := s.caseSvc()
	p := casePerson(c, c.actor(r))
	f := cases.Filter{InstansiID: c.Instansi.ID, Viewer: &p, Overdue: d.F.Overdue, Query: d.F.Q, Cursor: d.F.Cursor}
	if referred {
		f.ReferredTo = cases.TargetBawaslu
	}
	var ok bool
	if f.Statuses, ok = caseStatusFilter(d.F.Status); !ok {
		return badRequest(c.L.T("case.field.status"))
	}
	switch v := d.F.Assignee; v {
	case "":
	case "me":
		f.AssigneeID = c.User.ID
	case "none":
		f.AssigneeID = -1
	default:
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return badRequest("assignee")
		}
		f.AssigneeID = id
	}
	if v := q.Get("n"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return badRequest("n")
		}
		f.Limit = min(n, 500)
	}
	page, err := svc.List(ctx, f)
	if errors.Is(err, cases.ErrBadCursor) {
		return badRequest(c.L.T("activity.err_cursor"))
	}
	if err != nil {
		return err
	}
	counts, err := svc.Counts(ctx, cases.Filter{InstansiID: c.Instansi.ID, Viewer: &p, ReferredTo: f.ReferredTo})
	if err != nil {
		return err
	}
	open, ended, all := 0, 0, 0
	for _, st := range cases.Statuses {
		all += counts[string(st)]
		if st.Ended() {
			ended += counts[string(st)]
		} else {
			open += counts[string(st)]
		}
	}
	base := "/perkara"
	if referred {
		base = "/rujukan"
	}
	tab := func(value, label string, n int, active bool, kv ...string) statusTab {
		href := strings.Replace(d.F.href(kv...), "/perkara", base, 1)
		return statusTab{Value: value, Label: label, Count: n, Href: href, Active: active}
	}
	d.Tabs = []statusTab{
		tab("open", c.L.T("case.tab_open"), open, d.F.Status == "" && !d.F.Overdue, "status", "", "terlambat", "", "cursor", ""),
		tab("overdue", c.L.T("case.tab_overdue"), counts["overdue"], d.F.Overdue, "status", "", "terlambat", "1", "cursor", ""),
		tab("ended", c.L.T("case.tab_ended"), ended, d.F.Status == "ended" && !d.F.Overdue, "status", "ended", "terlambat", "", "cursor", ""),
		tab("all", c.L.T("case.tab_all"), all, d.F.Status == "all" && !d.F.Overdue, "status", "all", "terlambat", "", "cursor", ""),
	}
	for _, st := range cases.Statuses {
		d.Statuses = append(d.Statuses, option{string(st), caseStatusLabel(c, st) + " (" + strconv.Itoa(counts[string(st)]) + ")"})
	}
	if !referred {
		if d.Users, err = s.caseHandlers(ctx, c); err != nil {
			return err
		}
	}
	now := time.Now()
	for _, x := range page.Items {
		d.Rows = append(d.Rows, caseRow{Case: x, StatusLabel: caseStatusLabel(c, x.Status), Overdue: x.Overdue(now)})
	}
	d.Total = page.Total
	if d.F.Cursor != "" {
		d.FirstHref = strings.Replace(d.F.href("cursor", ""), "/perkara", base, 1)
	}
	if page.Next != "" {
		d.NextHref = strings.Replace(d.F.href("cursor", page.Next), "/perkara", base, 1)
	}
	title := c.L.T("case.list_title")
	if referred {
		title = c.L.T("case.referred_title")
	}
	s.render(w, r, c, "case_list.html", title, d)
	return nil
}

// caseHandlers returns the active users of the instansi who handle cases
// (the assignee filter).
func (s *Server) caseHandlers(ctx context.Context, c *reqCtx) ([]option, error) {
	us, err := s.Auth.Users(ctx, c.Instansi.ID)
	if err != nil {
		return nil, err
	}
	var out []option
	for _, u := range us {
		if !u.Disabled && auth.Can(u.Role, auth.PermCasesHandle) {
			name := u.FullName
			if name == "" {
				name = u.Username
			}
			out = append(out, option{itoa(u.ID), name})
		}
	}
	return out, nil
}

// caseForm is the state of the "open a case" form.
type caseForm struct {
	Title, Summary                          string
	SourceKind                              string
	ReviewItemID, ReportID                  int64
	ReportReceipt                           string
	Description, Links                      string
	EmployeeID                              int64
	EmployeeLabel                           string
	NIP, Name, Position, Unit               string
	OPDID                                   int64
	ActDate, ActKind, Place, Election       string
	Assignee                                string
	Error                                   string
	Elections, Acts, OPDs, Reports, Handler []option
	CanAssign                               bool
}

// elections returns the instansi's active election definitions as options
// (value: the election id) and by id.
func (s *Server) caseElections(ctx context.Context, c *reqCtx) ([]option, map[string]cases.ElectionRef) {
	refs := map[string]cases.ElectionRef{}
	v, err := monitor.ActiveElections(ctx, s.DB, c.Instansi.ID)
	if err != nil {
		return nil, refs
	}
	es, err := v.Elections()
	if err != nil {
		return nil, refs
	}
	var out []option
	for _, e := range es {
		ref := cases.ElectionRef{ID: e.ID, Name: e.Name, Type: e.Type}
		if e.DeterminedOn.Valid() {
			ref.DeterminedOn = e.DeterminedOn.Time(time.UTC)
		}
		refs[e.ID] = ref
		label := e.Name
		if ref.DeterminedOn.IsZero() {
			label += " — " + c.L.T("case.determined_unknown")
		} else {
			label += " — " + c.L.T("case.determined_on", ref.DeterminedOn.Format("02-01-2006"))
		}
		out = append(out, option{e.ID, label})
	}
	return out, refs
}

// fillCaseOptions fills the choices of the form.
func (s *Server) fillCaseOptions(ctx context.Context, c *reqCtx, f *caseForm) error {
	f.Elections, _ = s.caseElections(ctx, c)
	f.Acts = nil
	for _, a := range violation.Acts() {
		f.Acts = append(f.Acts, option{a.Key, a.Label(c.L.Lang)})
	}
	tree, err := s.Reg.OPDs(ctx, c.Instansi.ID)
	if err != nil {
		return err
	}
	f.OPDs = nil
	for _, o := range tree {
		f.OPDs = append(f.OPDs, option{itoa(o.ID), strings.Repeat("— ", o.Depth) + o.Name + " (" + o.Code + ")"})
	}
	f.Reports = nil
	if c.Can(string(auth.PermReportsView)) {
		rs, err := reports.ListUnlinked(ctx, s.DB, c.Instansi.ID)
		if err != nil {
			return err
		}
		for _, x := range rs {
			f.Reports = append(f.Reports, option{itoa(x.ID), x.Receipt + " · " + x.CreatedAt.In(c.Zone()).Format("02-01-2006") + " · " +
				snippet(x.Description, 80)})
		}
	}
	f.CanAssign = c.Can(string(auth.PermCasesAssign))
	if f.CanAssign {
		if f.Handler, err = s.caseHandlers(ctx, c); err != nil {
			return err
		}
	}
	return nil
}

// caseNew shows the form to open a case: a team finding, or prefilled from
// a confirmed review item (?deteksi=ID) or a public report (?laporan=ID).
func (s *Server) caseNew(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	f := caseForm{SourceKind: cases.SourceFinding}
	q := r.URL.Query()
	if v := q.Get("deteksi"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return errNotFound
		}
		if existing, ok, err := caseOfSource(ctx, s, c, "review_item_id", id); err != nil {
			return err
		} else if ok {
			http.Redirect(w, r, "/perkara/"+itoa(existing)+"?ok=exists", http.StatusSeeOther)
			return nil
		}
		it, err := monitor.GetReview(ctx, s.DB, c.Instansi.ID, id)
		if errors.Is(err, monitor.ErrNotFound) {
			return errNotFound
		}
		if err != nil {
			return err
		}
		prefillFromReview(c, &f, it)
		if it.Status != monitor.ReviewConfirmed {
			f.Error = c.L.T("case.field.review_item")
		}
	}
	if v := q.Get("laporan"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 || !c.Can(string(auth.PermReportsView)) {
			return errNotFound
		}
		rep, err := reports.Get(ctx, s.DB, c.Instansi.ID, id)
		if errors.Is(err, reports.ErrNotFound) {
			return errNotFound
		}
		if err != nil {
			return err
		}
		if rep.CaseID != 0 {
			http.Redirect(w, r, "/perkara/"+itoa(rep.CaseID)+"?ok=exists", http.StatusSeeOther)
			return nil
		}
		links, err := reports.Links(ctx, s.DB, c.Instansi.ID, id)
		if err != nil {
			return err
		}
		prefillFromReport(&f, rep, links)
	}
	if err := s.fillCaseOptions(ctx, c, &f); err != nil {
		return err
	}
	status := http.StatusOK
	if f.Error != "" {
		status = http.StatusBadRequest
	}
	s.renderStatus(w, r, c, status, "case_new.html", c.L.T("case.new_title"), f)
	return nil
}

// caseOfSource returns the case a review item or report is a source of.
func caseOfSource(ctx context.Context, s *Server, c *reqCtx, col string, id int64) (int64, bool, error) {
	var caseID int64
	err := s.DB.QueryRow(ctx, `SELECT cs.case_id FROM case_source cs JOIN case_file cf ON cf.id = cs.case_id
		WHERE cs.`+col+` = ? AND cf.instansi_id = ?`, id, c.Instansi.ID).Scan(&caseID)
	if err != nil {
		if errors.Is(db.NoRows(err), db.ErrNotFound) {
			return 0, false, nil
		}
		return 0, false, err
	}
	return caseID, true, nil
}

// prefillFromReview fills the form from a review item's activity.
func prefillFromReview(c *reqCtx, f *caseForm, it monitor.ReviewItem) {
	a := it.Activity
	f.SourceKind, f.ReviewItemID = cases.SourceReview, it.ID
	who := a.Author
	if at := a.Attribution; at != nil {
		f.EmployeeID, f.NIP, who = at.EmployeeID, at.NIP, at.EmployeeName
		f.EmployeeLabel = at.EmployeeName + " · " + at.NIP + " · " + at.OPDName
	}
	f.Title = c.L.T("case.title_from_review", kindLabelOf(c, a.Kind), who)
	if !a.OccurredAt.IsZero() {
		f.ActDate = a.OccurredAt.In(c.Zone()).Format("2006-01-02")
	}
	f.ActKind = "interact"
	if a.Kind == "photo" {
		f.ActKind = "photo"
	}
	f.Place = platformLabel(c, a.Platform)
	if a.Text != nil {
		f.Description = snippet(*a.Text, 2000)
	}
	if u, err := url.Parse(a.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		f.Links = a.URL
	}
	if sc := a.Screening; sc != nil {
		if code := violation.Code(sc.Violation); code.Valid() {
			if act, ok := violation.ActOf(code); ok {
				f.ActKind = act.String()
			}
		}
		for _, t := range sc.Targets {
			if id, _, ok := strings.Cut(t, "/"); ok && f.Election == "" {
				f.Election = id
			}
		}
	}
}

// prefillFromReport fills the form from a public report.
func prefillFromReport(f *caseForm, r reports.Report, links []reports.Link) {
	f.SourceKind, f.ReportID, f.ReportReceipt = cases.SourceReport, r.ID, r.Receipt
	f.Title = snippet(r.Description, 120)
	f.Description = r.Description
	f.Place = r.Place
	if !r.OccurredOn.IsZero() {
		f.ActDate = r.OccurredOn.Format("2006-01-02")
	}
	f.ActKind = cases.ActKindOfReport(r.Act)
	f.Name, f.NIP, f.Unit = r.Reported.Name, r.Reported.NIP, r.Reported.Unit
	f.EmployeeID = r.ReportedEmployeeID
	var ls []string
	for _, l := range links {
		ls = append(ls, l.URL)
	}
	f.Links = strings.Join(ls, "\n")
}

// parseLocalDate reads a date field (YYYY-MM-DD); ok false when malformed.
func parseLocalDate(s string) (time.Time, bool) {
	t, ok := parseDay(strings.TrimSpace(s))
	if !ok || t.IsZero() {
		return time.Time{}, ok
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
}

// splitLinks reads a textarea of links, one a line (or separated by spaces).
func splitLinks(s string) []string {
	return strings.Fields(s)
}

// caseCreate opens a case from the form.
func (s *Server) caseCreate(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	pf := r.PostFormValue
	f := caseForm{Title: pf("title"), Summary: pf("summary"), SourceKind: pf("source"), Description: pf("description"),
		Links: pf("links"), NIP: pf("nip"), Name: pf("name"), Position: pf("position"), Unit: pf("unit"),
		ActDate: pf("act_date"), ActKind: pf("act_kind"), Place: pf("place"), Election: pf("election"), Assignee: pf("assignee"),
		ReportReceipt: pf("report_receipt"), EmployeeLabel: pf("employee_label")}
	f.ReviewItemID, _ = strconv.ParseInt(pf("review_item"), 10, 64)
	f.ReportID, _ = strconv.ParseInt(pf("report"), 10, 64)
	f.EmployeeID, _ = strconv.ParseInt(pf("employee"), 10, 64)
	f.OPDID, _ = strconv.ParseInt(pf("opd"), 10, 64)
	fail := func(status int, msg string) error {
		f.Error = msg
		if err := s.fillCaseOptions(ctx, c, &f); err != nil {
			return err
		}
		s.renderStatus(w, r, c, status, "case_new.html", c.L.T("case.new_title"), f)
		return nil
	}
	in := cases.OpenInput{InstansiID: c.Instansi.ID}
	d := &in.Details
	d.Title, d.Summary, d.Place, d.ActKind = f.Title, f.Summary, f.Place, f.ActKind
	d.Accused = cases.AccusedInput{EmployeeID: f.EmployeeID, NIP: f.NIP, Name: f.Name, Position: f.Position, Unit: f.Unit, OPDID: f.OPDID}
	act, ok := parseLocalDate(f.ActDate)
	if !ok {
		return fail(http.StatusBadRequest, c.L.T("case.field.act_date"))
	}
	d.ActDate = act
	if f.Election != "" {
		_, refs := s.caseElections(ctx, c)
		ref, ok := refs[f.Election]
		if !ok {
			return fail(http.StatusBadRequest, c.L.T("case.field.election"))
		}
		d.Election = ref
	}
	in.Source = cases.SourceInput{Kind: f.SourceKind, ReviewItemID: f.ReviewItemID, ReportID: f.ReportID,
		Description: f.Description, Links: splitLinks(f.Links)}
	if f.SourceKind == cases.SourceReport && !c.Can(string(auth.PermReportsView)) {
		return fail(http.StatusForbidden, c.L.T("case.err_not_allowed"))
	}
	if f.Assignee != "" && f.Assignee != "0" {
		if !c.Can(string(auth.PermCasesAssign)) {
			return fail(http.StatusForbidden, c.L.T("case.err_not_allowed"))
		}
		id, err := strconv.ParseInt(f.Assignee, 10, 64)
		if err != nil {
			return fail(http.StatusBadRequest, c.L.T("case.field.assignee"))
		}
		in.AssigneeID = id
	}
	cs, err := s.caseSvc().Open(ctx, casePerson(c, c.actor(r)), in)
	if err != nil {
		if st, msg, ok := caseProblem(c, err); ok {
			return fail(st, msg)
		}
		return err
	}
	http.Redirect(w, r, "/perkara/"+itoa(cs.ID)+"?ok=opened", http.StatusSeeOther)
	return nil
}

// stepRow is a step of the case as shown.
type stepRow struct {
	cases.Step
	StatusLabel string
	ActionLabel string
	Overdue     bool
}

// eventRow is a line of the timeline as shown.
type eventRow struct {
	cases.Event
	Label string
}

// sourceRow is a source as shown.
type sourceRow struct {
	cases.Source
	KindLabel string
	Receipt   string // public report: its receipt code
	Links     []option
}

// stepForm is one step the user may take, with what it asks.
type stepForm struct {
	Action cases.Action
	Label  string
	Route  string // /perkara/{id}/langkah, /putusan or /rujukan/{id}/rekomendasi
	Help   string
}

// caseFormState is the state of a refused form on the case page.
type caseFormState struct {
	Form  string // which form: the action, "assign", "note", …
	Error string
	Vals  url.Values
}

// Get returns a submitted value of the refused form.
func (s caseFormState) Get(form, key string) string {
	if s.Form != form || s.Vals == nil {
		return ""
	}
	return s.Vals.Get(key)
}

// casePage is what case_show.html receives.
type casePage struct {
	C              cases.Case
	StatusLabel    string
	Overdue        bool
	Limited        bool // the Bawaslu liaison's view: no internal notes, no messages, no team forms
	ActKindLabel   string
	Suggestion     *cases.Suggestion
	SuggestedLabel []option // sanction options of the suggestion (id, label)
	SuggestedCode  string   // preselected in the finding form
	SuggestedBasis string   // prefilled in the decision form
	TargetLabel    string
	RecSanction    string
	DecisionLabel  string
	Steps          []stepRow
	Events         []eventRow
	Sources        []sourceRow
	Internal       []cases.Note
	ToReporter     []cases.Note
	ToAccused      []cases.Note
	Replies        []cases.Note
	Summonses      []cases.Summons
	Held           bool // a summons has minutes or the ASN did not attend (the note of to_finding is optional)
	Forms          []stepForm
	HasReports     bool
	Codes          []option // violation codes for the finding
	Sanctions      []option // every sanction, for the decision and the recommendation
	Handlers       []option // assignable users
	Elections      []option
	Acts           []option
	OPDs           []option
	CanEdit        bool // identify
	CanAssign      bool
	CanNote        bool
	CanMessage     bool
	CanSource      bool
	CanSummons     bool
	CanMerge       bool
	Reports        []option // unlinked public reports to add
	State          caseFormState
	Notice         string
	Base           string // "/perkara" or "/rujukan"
	Files          caseFilesBox
}

func (s *Server) caseShow(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	cs, err := s.caseFor(r, c)
	if err != nil {
		return err
	}
	return s.renderCase(w, r, c, cs, caseFormState{}, caseNoticeOf(c, r), http.StatusOK, false)
}

// caseReferredShow is the Bawaslu liaison's view of a case referred to Bawaslu.
func (s *Server) caseReferredShow(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	cs, err := s.caseFor(r, c)
	if err != nil {
		return err
	}
	if !cs.ReferredToBawaslu() {
		return errNotFound
	}
	return s.renderCase(w, r, c, cs, caseFormState{}, caseNoticeOf(c, r), http.StatusOK, true)
}

func caseNoticeOf(c *reqCtx, r *http.Request) string {
	if k, ok := caseNotices[r.URL.Query().Get("ok")]; ok {
		return c.L.T(k)
	}
	return ""
}

// renderCase shows a case; the view is recorded in the audit trail.
func (s *Server) renderCase(w http.ResponseWriter, r *http.Request, c *reqCtx, cs cases.Case, st caseFormState, note string,
	status int, limited bool) error {
	ctx := r.Context()
	svc := s.caseSvc()
	if err := audit.RecordNow(ctx, s.DB, c.actor(r), audit.Event{InstansiID: c.Instansi.ID, Action: "case.view",
		ObjectType: "case", ObjectID: itoa(cs.ID)}); err != nil {
		return err
	}
	d := casePage{C: cs, StatusLabel: caseStatusLabel(c, cs.Status), Overdue: cs.Overdue(time.Now()), Limited: limited,
		ActKindLabel: actKindLabel(c, cs.ActKind), TargetLabel: targetLabel(c, cs.Referral.Target),
		RecSanction: sanctionLabel(c, cs.Rec.Sanction), DecisionLabel: sanctionLabel(c, cs.Decision.Sanction),
		State: st, Notice: note, Base: "/perkara"}
	if limited {
		d.Base = "/rujukan"
	}
	if sug, ok := svc.Suggest(cs); ok {
		d.Suggestion, d.SuggestedCode, d.SuggestedBasis = &sug, sug.Code, sug.Basis
		for _, id := range sug.Sanctions {
			d.SuggestedLabel = append(d.SuggestedLabel, option{id, sanctionLabel(c, id)})
		}
	}
	steps, err := cases.Steps(ctx, s.DB, cs.ID)
	if err != nil {
		return err
	}
	now := time.Now()
	for _, x := range steps {
		d.Steps = append(d.Steps, stepRow{Step: x, StatusLabel: caseStatusLabel(c, x.Status),
			ActionLabel: caseActionLabel(c, cases.Action(x.EndedAction)), Overdue: x.Overdue(now)})
	}
	srcs, err := cases.Sources(ctx, s.DB, cs.ID)
	if err != nil {
		return err
	}
	for _, x := range srcs {
		row := sourceRow{Source: x, KindLabel: tkey(c, "case.source.", x.Kind)}
		for _, l := range x.Links {
			row.Links = append(row.Links, option{l, l})
		}
		if x.Kind == cases.SourceReport {
			d.HasReports = true
			if rep, err := reports.Get(ctx, s.DB, c.Instansi.ID, x.ReportID); err == nil {
				row.Receipt = rep.Receipt
			}
		}
		d.Sources = append(d.Sources, row)
	}
	notes, err := cases.Notes(ctx, s.DB, cs.ID)
	if err != nil {
		return err
	}
	for _, n := range notes {
		switch n.Audience {
		case cases.NoteInternal:
			d.Internal = append(d.Internal, n)
		case cases.NoteReporter:
			d.ToReporter = append(d.ToReporter, n)
		case cases.NoteAccused:
			d.ToAccused = append(d.ToAccused, n)
		case cases.NoteAccusedReply:
			d.Replies = append(d.Replies, n)
		}
	}
	if d.Summonses, err = cases.Summonses(ctx, s.DB, cs.ID); err != nil {
		return err
	}
	d.Held = slices.ContainsFunc(d.Summonses, func(x cases.Summons) bool { return x.Minutes != "" || x.Attended == "no" })
	if d.Files, err = s.caseFilesSection(ctx, c, cs, limited); err != nil {
		return err
	}
	if !limited {
		evs, err := cases.Events(ctx, s.DB, cs.ID)
		if err != nil {
			return err
		}
		for _, e := range evs {
			d.Events = append(d.Events, eventRow{Event: e, Label: eventLabel(c, e)})
		}
	} else {
		d.Internal, d.ToReporter, d.ToAccused = nil, nil, nil
	}
	for _, a := range cases.Transitions(c.User.Role, cs.Status) {
		route := "/perkara/" + itoa(cs.ID) + "/langkah"
		switch {
		case a == cases.ActDecide:
			route = "/perkara/" + itoa(cs.ID) + "/putusan"
		case limited && a == cases.ActRecommend:
			route = "/rujukan/" + itoa(cs.ID) + "/rekomendasi"
		case limited:
			continue
		case c.User.Role == auth.RoleBawaslu:
			continue
		}
		d.Forms = append(d.Forms, stepForm{Action: a, Label: caseActionLabel(c, a), Route: route, Help: tkey(c, "case.help.", string(a))})
	}
	allowed := func(a cases.Action) bool { return !limited && cases.Allowed(c.User.Role, a, cs.Status) == nil }
	d.CanEdit, d.CanAssign, d.CanNote = allowed(cases.OpIdentify), allowed(cases.OpAssign), allowed(cases.OpNote)
	d.CanMessage, d.CanSource, d.CanSummons, d.CanMerge = allowed(cases.OpMessage), allowed(cases.OpSource),
		allowed(cases.OpSummons), allowed(cases.ActMerge)
	for _, e := range violation.Catalogue() {
		d.Codes = append(d.Codes, option{string(e.Code), string(e.Code) + " — " + snippet(violation.Matrix().Label(e.Code, c.L.Lang), 90)})
	}
	for _, x := range svc.LawInUse().Sanctions() {
		label := x.ID + " — " + x.Label(c.L.Lang)
		if d.Suggestion != nil && slices.Contains(d.Suggestion.Sanctions, x.ID) {
			label += " ★ " + c.L.T("case.suggested")
		}
		d.Sanctions = append(d.Sanctions, option{x.ID, label})
	}
	if d.CanAssign {
		people, err := svc.Assignable(ctx, cs)
		if err != nil {
			return err
		}
		for _, u := range people {
			d.Handlers = append(d.Handlers, option{itoa(u.UserID), u.Name + " (" + tkey(c, "role.", string(u.Role)) + ")"})
		}
	}
	if d.CanEdit {
		f := caseForm{}
		if err := s.fillCaseOptions(ctx, c, &f); err != nil {
			return err
		}
		d.Elections, d.Acts, d.OPDs = f.Elections, f.Acts, f.OPDs
		if id := cs.Election.ID; id != "" && !slices.ContainsFunc(d.Elections, func(o option) bool { return o.Value == id }) {
			d.Elections = append(d.Elections, option{id, cs.Election.Name}) // no longer in the definitions: keep its copy
		}
	}
	if d.CanSource && c.Can(string(auth.PermReportsView)) {
		rs, err := reports.ListUnlinked(ctx, s.DB, c.Instansi.ID)
		if err != nil {
			return err
		}
		for _, x := range rs {
			d.Reports = append(d.Reports, option{itoa(x.ID), x.Receipt + " · " + snippet(x.Description, 80)})
		}
	}
	s.renderStatus(w, r, c, status, "case_show.html", cs.Number+" · "+cs.Title, d)
	return nil
}

// eventLabel describes a line of the timeline.
func eventLabel(c *reqCtx, e cases.Event) string {
	switch e.Kind {
	case "transition":
		return caseActionLabel(c, e.Action) + ": " + caseStatusLabel(c, e.FromStatus) + " → " + caseStatusLabel(c, e.ToStatus)
	case "open", "assign", "identify", "source", "note", "summons", "minutes", "merge", "merged_in":
		return tkey(c, "case.event.", e.Kind)
	}
	return e.Kind
}

// caseFail re-renders the case page with the problem of a refused form,
// or returns the error when it is not a problem of the case.
func (s *Server) caseFail(w http.ResponseWriter, r *http.Request, c *reqCtx, cs cases.Case, form string, err error, limited bool) error {
	st, msg, ok := caseProblem(c, err)
	if !ok {
		if errors.Is(err, cases.ErrNotFound) {
			return errNotFound
		}
		return err
	}
	return s.renderCase(w, r, c, cs, caseFormState{Form: form, Error: msg, Vals: r.PostForm}, "", st, limited)
}

// caseStep takes a step of the lifecycle (every step but the PPK's decision
// and the Bawaslu liaison's recommendation, which have their own routes).
func (s *Server) caseStep(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return s.takeStep(w, r, c, cases.Action(r.PostFormValue("action")), false)
}

// caseDecide records the PPK's decision.
func (s *Server) caseDecide(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return s.takeStep(w, r, c, cases.ActDecide, false)
}

// caseRecommend records Bawaslu's recommendation (the Bawaslu liaison).
func (s *Server) caseRecommend(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return s.takeStep(w, r, c, cases.ActRecommend, true)
}

func (s *Server) takeStep(w http.ResponseWriter, r *http.Request, c *reqCtx, a cases.Action, limited bool) error {
	cs, err := s.caseFor(r, c)
	if err != nil {
		return err
	}
	if limited && !cs.ReferredToBawaslu() {
		return errNotFound
	}
	pf := r.PostFormValue
	if !cases.IsTransition(a) || a == cases.ActMerge || (!limited && a == cases.ActRecommend && c.User.Role == auth.RoleBawaslu) {
		return s.caseFail(w, r, c, cs, string(a), &cases.FieldError{Field: "action", Message: "unknown step"}, limited)
	}
	in := cases.TransitionInput{Action: a, Note: pf("note"), ViolationCode: pf("violation_code"), Finding: pf("finding"),
		Target: pf("target"), LetterNumber: pf("letter_number"), PackageNote: pf("package_note"),
		RecOutcome: pf("rec_outcome"), RecNumber: pf("rec_number"), RecText: pf("rec_text"), RecSanction: pf("rec_sanction"),
		Sanction: pf("sanction"), Basis: pf("basis"), DecreeNumber: pf("decree_number"), PublicMessage: pf("public_message"),
		ExpectStatus: cases.Status(pf("expect"))}
	for field, dst := range map[string]*time.Time{"rec_date": &in.RecDate, "decree_date": &in.DecreeDate} {
		t, ok := parseLocalDate(pf(field))
		if !ok {
			return s.caseFail(w, r, c, cs, string(a), &cases.FieldError{Field: field, Message: "not a date"}, limited)
		}
		*dst = t
	}
	if limited {
		in.PublicMessage = "" // the Bawaslu liaison does not write to reporters
	}
	if _, err := s.caseSvc().Transition(r.Context(), casePerson(c, c.actor(r)), c.Instansi.ID, cs.ID, in); err != nil {
		return s.caseFail(w, r, c, cs, string(a), err, limited)
	}
	base := "/perkara/"
	if limited {
		base = "/rujukan/"
	}
	http.Redirect(w, r, base+itoa(cs.ID)+"?ok=step", http.StatusSeeOther)
	return nil
}

// caseAssign assigns the handler.
func (s *Server) caseAssign(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	cs, err := s.caseFor(r, c)
	if err != nil {
		return err
	}
	var uid int64
	if v := r.PostFormValue("assignee"); v != "" && v != "0" {
		if uid, err = strconv.ParseInt(v, 10, 64); err != nil || uid <= 0 {
			return s.caseFail(w, r, c, cs, "assign", &cases.FieldError{Field: "assignee", Message: "bad user"}, false)
		}
	}
	if err := s.caseSvc().Assign(r.Context(), casePerson(c, c.actor(r)), c.Instansi.ID, cs.ID, uid); err != nil {
		return s.caseFail(w, r, c, cs, "assign", err, false)
	}
	http.Redirect(w, r, "/perkara/"+itoa(cs.ID)+"?ok=assigned", http.StatusSeeOther)
	return nil
}

// caseIdentify sets the accused, the act and the election.
func (s *Server) caseIdentify(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	cs, err := s.caseFor(r, c)
	if err != nil {
		return err
	}
	pf := r.PostFormValue
	d := cases.Details{Title: pf("title"), Summary: pf("summary"), Place: pf("place"), ActKind: pf("act_kind")}
	d.Accused = cases.AccusedInput{NIP: pf("nip"), Name: pf("name"), Position: pf("position"), Unit: pf("unit")}
	d.Accused.EmployeeID, _ = strconv.ParseInt(pf("employee"), 10, 64)
	d.Accused.OPDID, _ = strconv.ParseInt(pf("opd"), 10, 64)
	act, ok := parseLocalDate(pf("act_date"))
	if !ok {
		return s.caseFail(w, r, c, cs, "identify", &cases.FieldError{Field: "act_date", Message: "not a date"}, false)
	}
	d.ActDate = act
	if id := pf("election"); id != "" {
		_, refs := s.caseElections(ctx, c)
		ref, ok := refs[id]
		if !ok && id == cs.Election.ID {
			ref, ok = cs.Election, true // an election no longer in the definitions keeps its copy
		}
		if !ok {
			return s.caseFail(w, r, c, cs, "identify", &cases.FieldError{Field: "election", Message: "unknown election"}, false)
		}
		d.Election = ref
	}
	if err := s.caseSvc().Identify(ctx, casePerson(c, c.actor(r)), c.Instansi.ID, cs.ID, d); err != nil {
		return s.caseFail(w, r, c, cs, "identify", err, false)
	}
	http.Redirect(w, r, "/perkara/"+itoa(cs.ID)+"?ok=details", http.StatusSeeOther)
	return nil
}

// caseNote adds a note or message.
func (s *Server) caseNote(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	cs, err := s.caseFor(r, c)
	if err != nil {
		return err
	}
	in := cases.NoteInput{Audience: r.PostFormValue("audience"), Body: r.PostFormValue("body"), Refs: r.PostFormValue("refs"),
		Question: r.PostFormValue("question") == "1"}
	if err := s.caseSvc().AddNote(r.Context(), casePerson(c, c.actor(r)), c.Instansi.ID, cs.ID, in); err != nil {
		return s.caseFail(w, r, c, cs, "note-"+in.Audience, err, false)
	}
	http.Redirect(w, r, "/perkara/"+itoa(cs.ID)+"?ok=note#catatan", http.StatusSeeOther)
	return nil
}

// caseSource adds a source.
func (s *Server) caseSource(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	cs, err := s.caseFor(r, c)
	if err != nil {
		return err
	}
	in := cases.SourceInput{Kind: r.PostFormValue("source"), Description: r.PostFormValue("description"),
		Links: splitLinks(r.PostFormValue("links"))}
	in.ReportID, _ = strconv.ParseInt(r.PostFormValue("report"), 10, 64)
	in.ReviewItemID, _ = strconv.ParseInt(r.PostFormValue("review_item"), 10, 64)
	if in.Kind == cases.SourceReport && !c.Can(string(auth.PermReportsView)) {
		return s.caseFail(w, r, c, cs, "source", cases.ErrNotAllowed, false)
	}
	if err := s.caseSvc().AddSource(r.Context(), casePerson(c, c.actor(r)), c.Instansi.ID, cs.ID, in); err != nil {
		return s.caseFail(w, r, c, cs, "source", err, false)
	}
	http.Redirect(w, r, "/perkara/"+itoa(cs.ID)+"?ok=source#sumber", http.StatusSeeOther)
	return nil
}

// caseSummons schedules a summons to clarification.
func (s *Server) caseSummons(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	cs, err := s.caseFor(r, c)
	if err != nil {
		return err
	}
	in := cases.SummonsInput{LetterNumber: r.PostFormValue("letter_number"), Place: r.PostFormValue("place"), Note: r.PostFormValue("note")}
	if v := strings.TrimSpace(r.PostFormValue("scheduled_at")); v != "" {
		t, err := time.ParseInLocation("2006-01-02T15:04", v, c.Zone())
		if err != nil {
			return s.caseFail(w, r, c, cs, "summons", &cases.FieldError{Field: "scheduled_at", Message: "not a date and time"}, false)
		}
		in.ScheduledAt = t
	}
	if err := s.caseSvc().AddSummons(r.Context(), casePerson(c, c.actor(r)), c.Instansi.ID, cs.ID, in); err != nil {
		return s.caseFail(w, r, c, cs, "summons", err, false)
	}
	http.Redirect(w, r, "/perkara/"+itoa(cs.ID)+"?ok=summons#klarifikasi", http.StatusSeeOther)
	return nil
}

// caseMinutes records the minutes (BA klarifikasi) of a summons.
func (s *Server) caseMinutes(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	cs, err := s.caseFor(r, c)
	if err != nil {
		return err
	}
	sid, err := strconv.ParseInt(r.PathValue("sid"), 10, 64)
	if err != nil {
		return errNotFound
	}
	form := "minutes-" + itoa(sid)
	if err := s.caseSvc().RecordMinutes(r.Context(), casePerson(c, c.actor(r)), c.Instansi.ID, cs.ID, sid,
		r.PostFormValue("attended"), r.PostFormValue("minutes")); err != nil {
		return s.caseFail(w, r, c, cs, form, err, false)
	}
	http.Redirect(w, r, "/perkara/"+itoa(cs.ID)+"?ok=minutes#klarifikasi", http.StatusSeeOther)
	return nil
}

// caseMerge merges this case into another, named by its number.
func (s *Server) caseMerge(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	cs, err := s.caseFor(r, c)
	if err != nil {
		return err
	}
	into, err := cases.GetByNumber(ctx, s.DB, c.Instansi.ID, r.PostFormValue("into"))
	if errors.Is(err, cases.ErrNotFound) {
		return s.caseFail(w, r, c, cs, "merge", &cases.FieldError{Field: "merge", Message: "no case with that number"}, false)
	}
	if err != nil {
		return err
	}
	if err := s.caseSvc().Merge(ctx, casePerson(c, c.actor(r)), c.Instansi.ID, cs.ID, into.ID); err != nil {
		if errors.Is(err, cases.ErrWrongState) && cs.ID != into.ID &&
			errors.Is(cases.Allowed(c.User.Role, cases.ActMerge, into.Status), cases.ErrWrongState) {
			// The target is the one that cannot take the merge: name it.
			msg := c.L.T("case.err_merge_target_state", into.Number, caseStatusLabel(c, into.Status))
			return s.renderCase(w, r, c, cs, caseFormState{Form: "merge", Error: msg, Vals: r.PostForm}, "", http.StatusConflict, false)
		}
		return s.caseFail(w, r, c, cs, "merge", err, false)
	}
	http.Redirect(w, r, "/perkara/"+itoa(into.ID)+"?ok=merged", http.StatusSeeOther)
	return nil
}

// sanctionRow is a sanction on an employee's page.
type sanctionRow struct {
	cases.Case
	SanctionLabel string
}

// sanctionSection returns the sanctions imposed on an employee, for users
// who see cases (nil for others: a kepala OPD does not see them).
func (s *Server) sanctionSection(r *http.Request, c *reqCtx, e registry.Employee) ([]sanctionRow, error) {
	if !c.Can(string(auth.PermCasesView)) {
		return nil, nil
	}
	hist, err := cases.SanctionHistory(r.Context(), s.DB, c.Instansi.ID, e.ID)
	if err != nil {
		return nil, err
	}
	out := []sanctionRow{}
	for _, x := range hist {
		out = append(out, sanctionRow{Case: x, SanctionLabel: sanctionLabel(c, x.Decision.Sanction)})
	}
	return out, nil
}
