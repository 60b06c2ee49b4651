package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/monitor"
	"github.com/netral-asn/netral/internal/registry"
)

// Matching unattributed activity by hand (aktivitas tanpa pemilik).
//
// Who may do what:
//   - See the groups (page, API): permission activity.view, and not scoped
//     to one OPD. Unattributed records belong to no OPD yet, so a kepala OPD
//     (who sees only their OPD's records) may not see them at all: 403.
//   - Attribute (a handle, or one activity from its review item): the route
//     needs review.decide (it decides which OPD's inbox an item lands in),
//     and the handler also requires account.edit, since matching a handle
//     adds the account to the employee in the registry. Today that is
//     admin, ketua_tim and tim.

// CanSeeUnattributed reports whether the user may see the instansi's
// unattributed activity (templates call it for the navigation link).
func (c *reqCtx) CanSeeUnattributed() bool {
	return c.Can(string(auth.PermActivityView)) && c.OPDScope == nil && !c.User.Role.ScopedToOPD()
}

// CanAttribute reports whether the user may attribute activity by hand.
func (c *reqCtx) CanAttribute() bool {
	return c.CanSeeUnattributed() && c.Can(string(auth.PermReviewDecide)) && c.Can(string(auth.PermAccountEdit))
}

func requireUnattributedView(c *reqCtx) error {
	if !c.CanSeeUnattributed() {
		return errForbidden
	}
	return nil
}

func requireAttribute(c *reqCtx) error {
	if !c.CanAttribute() {
		return errForbidden
	}
	return nil
}

// attrErrorText is the message of a refused attribution in the user's language.
func attrErrorText(c *reqCtx, err error) string {
	var ae *monitor.AttributeError
	if !errors.As(err, &ae) {
		return c.L.T("err.internal")
	}
	owner := func() (string, string) {
		if ae.Owner == nil {
			return "?", ""
		}
		return ae.Owner.Name, ae.Owner.NIP
	}
	switch ae.Code {
	case monitor.AttrPlatformUnknown:
		return c.L.T("attr.err_platform_unknown", ae.Value, strings.Join(registry.Platforms, ", "))
	case monitor.AttrHandleInvalid:
		return c.L.T("attr.err_handle_invalid", ae.Value)
	case monitor.AttrHandleTaken:
		name, nip := owner()
		return c.L.T("attr.err_handle_taken", ae.Value, name, nip)
	case monitor.AttrNoActivity:
		return c.L.T("attr.err_no_activity", ae.Value)
	case monitor.AttrNIPInvalid:
		return c.L.T("attr.err_nip_invalid", ae.Value)
	case monitor.AttrEmployeeNotFound:
		if ae.Field == "nip" {
			return c.L.T("attr.err_nip_unknown", ae.Value)
		}
		return c.L.T("attr.err_employee_unknown")
	case monitor.AttrAlreadyAttributed:
		name, _ := owner()
		return c.L.T("attr.err_already_attributed", name)
	}
	return ae.Error()
}

// attrHTTPError maps a refused attribution to the API's error: a conflict
// with what is stored is 409, anything else in the request 400 (naming the
// field); other errors pass through.
func attrHTTPError(c *reqCtx, err error) error {
	var ae *monitor.AttributeError
	if !errors.As(err, &ae) {
		return err
	}
	if errors.Is(err, monitor.ErrAttributionConflict) {
		return &httpError{http.StatusConflict, "conflict", "err.conflict", ae.Field + ": " + attrErrorText(c, err)}
	}
	return badRequest(ae.Field + ": " + attrErrorText(c, err))
}

func attrStatus(err error) int {
	if errors.Is(err, monitor.ErrAttributionConflict) {
		return http.StatusConflict
	}
	return http.StatusBadRequest
}

// unattributedFilter reads ?platform= and ?handle= (also ?q=).
func unattributedFilter(r *http.Request, c *reqCtx) monitor.UnattributedFilter {
	q := r.URL.Query()
	h := q.Get("handle")
	if h == "" {
		h = q.Get("q")
	}
	if len(h) > 200 {
		h = h[:200]
	}
	return monitor.UnattributedFilter{InstansiID: c.Instansi.ID, Platform: strings.TrimSpace(q.Get("platform")),
		Handle: strings.TrimSpace(h), Cursor: q.Get("cursor")}
}

// groupRow is one group as shown.
type groupRow struct {
	monitor.UnattributedGroup
	PlatformLabel string
	Snippet       string
	AttributeHref string
	AuthorShown   bool // the author as given says more than the handle (a profile address)
}

// unattributedPage is what attribution_list.html receives.
type unattributedPage struct {
	Platform  string
	Handle    string
	Platforms []option
	Rows      []groupRow
	Total     int
	Records   int
	Summary   monitor.UnattributedSummary
	FirstHref string
	NextHref  string
	Notice    string
}

func attributeHref(platform, handle string) string {
	return "/aktivitas/tanpa-pemilik/kaitkan?" + url.Values{"platform": {platform}, "handle": {handle}}.Encode()
}

// unattributedList shows the instansi's unattributed activity grouped by
// platform and author handle, flagged groups first.
func (s *Server) unattributedList(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if err := requireUnattributedView(c); err != nil {
		return err
	}
	ctx := r.Context()
	f := unattributedFilter(r, c)
	d := unattributedPage{Platform: f.Platform, Handle: f.Handle}
	page, err := monitor.UnattributedGroups(ctx, s.DB, f)
	if errors.Is(err, monitor.ErrInvalid) {
		return badRequest(c.L.T("activity.err_cursor"))
	}
	if err != nil {
		return err
	}
	if d.Summary, err = monitor.SummarizeUnattributed(ctx, s.DB, c.Instansi.ID); err != nil {
		return err
	}
	plats, err := monitor.UnattributedPlatforms(ctx, s.DB, c.Instansi.ID)
	if err != nil {
		return err
	}
	for _, p := range plats {
		d.Platforms = append(d.Platforms, option{p, platformLabel(c, p)})
	}
	for _, g := range page.Items {
		d.Rows = append(d.Rows, groupRow{UnattributedGroup: g, PlatformLabel: platformLabel(c, g.Platform),
			Snippet: snippet(g.Sample, 160), AttributeHref: attributeHref(g.Platform, g.Handle),
			AuthorShown: registry.NormalizeHandle(g.Author) != g.Handle})
	}
	d.Total, d.Records = page.Total, page.Records
	base := url.Values{}
	if f.Platform != "" {
		base.Set("platform", f.Platform)
	}
	if f.Handle != "" {
		base.Set("handle", f.Handle)
	}
	if f.Cursor != "" {
		d.FirstHref = "/aktivitas/tanpa-pemilik"
		if len(base) > 0 {
			d.FirstHref += "?" + base.Encode()
		}
	}
	if page.Next != "" {
		base.Set("cursor", page.Next)
		d.NextHref = "/aktivitas/tanpa-pemilik?" + base.Encode()
	}
	q := r.URL.Query()
	// The notice names the employee looked up here; it carries no count, so
	// a crafted link cannot make the page claim numbers it did not produce.
	if q.Get("ok") == "attributed" {
		if id, err := strconv.ParseInt(q.Get("pegawai"), 10, 64); err == nil {
			if e, err := s.Reg.Employee(ctx, c.Instansi.ID, id); err == nil {
				d.Notice = c.L.T("attr.notice_group", e.Name)
			}
		}
	}
	s.render(w, r, c, "attribution_list.html", c.L.T("attr.title"), d)
	return nil
}

// attributeForm is the state of the attribution page: what is being
// attributed, the employee search and its results.
type attributeForm struct {
	// A group (platform, handle), or one activity (Item set).
	Group     *monitor.UnattributedGroup
	Item      *monitor.ReviewItem
	Platform  string
	Handle    string
	HandleOK  bool // the handle can become a registry account (its platform is one the registry knows)
	PlatLabel string
	Snippet   string
	Action    string // where the choice is posted
	BackHref  string
	Query     string
	Searched  bool
	Found     []registry.Employee
	NIPQuery  bool // the query was a NIP
	Error     string
}

const maxQueryLen = 200

// searchEmployees fills the form's search results from ?q=.
func (s *Server) searchEmployees(ctx context.Context, c *reqCtx, d *attributeForm, q string) error {
	q = strings.TrimSpace(q)
	if len(q) > maxQueryLen {
		q = q[:maxQueryLen]
	}
	d.Query = q
	if q == "" {
		return nil
	}
	d.Searched = true
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, q)
	d.NIPQuery = len(digits) == 18
	var err error
	d.Found, err = monitor.FindEmployees(ctx, s.DB, c.Instansi.ID, q, 20)
	return err
}

// groupAttributeForm shows a group and the employee search (GET
// /aktivitas/tanpa-pemilik/kaitkan?platform=&handle=&q=).
func (s *Server) groupAttributeForm(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if err := requireAttribute(c); err != nil {
		return err
	}
	q := r.URL.Query()
	return s.renderGroupAttribute(w, r, c, q.Get("platform"), q.Get("handle"), q.Get("q"), "", http.StatusOK)
}

func (s *Server) renderGroupAttribute(w http.ResponseWriter, r *http.Request, c *reqCtx, platform, handle, query, msg string, status int) error {
	ctx := r.Context()
	g, err := monitor.UnattributedGroupOf(ctx, s.DB, c.Instansi.ID, platform, handle)
	if errors.Is(err, monitor.ErrNotFound) {
		return errNotFound // attributed meanwhile, or never there
	}
	if err != nil {
		return err
	}
	d := attributeForm{Group: &g, Platform: g.Platform, Handle: g.Handle, PlatLabel: platformLabel(c, g.Platform),
		Snippet: snippet(g.Sample, 300), Action: "/aktivitas/tanpa-pemilik/kaitkan", BackHref: "/aktivitas/tanpa-pemilik",
		Error: msg}
	if err := s.searchEmployees(ctx, c, &d, query); err != nil {
		return err
	}
	s.renderStatus(w, r, c, status, "attribution_attribute.html", c.L.T("attr.group_title", g.Handle), d)
	return nil
}

// formEmployee reads the chosen employee: ?employee= (an id from the
// search), or ?nip=.
func (s *Server) formEmployee(r *http.Request, c *reqCtx) (int64, error) {
	if v := strings.TrimSpace(r.PostFormValue("employee")); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return 0, &monitor.AttributeError{Field: "employee", Code: monitor.AttrEmployeeNotFound, Value: v, Msg: "not an employee id"}
		}
		return id, nil
	}
	e, err := monitor.EmployeeByNIP(r.Context(), s.DB, c.Instansi.ID, r.PostFormValue("nip"))
	return e.ID, err
}

// groupAttributeSubmit attributes a group to the chosen employee.
func (s *Server) groupAttributeSubmit(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if err := requireAttribute(c); err != nil {
		return err
	}
	platform, handle := r.PostFormValue("platform"), r.PostFormValue("handle")
	fail := func(err error) error {
		var ae *monitor.AttributeError
		if !errors.As(err, &ae) {
			return err
		}
		return s.renderGroupAttribute(w, r, c, platform, handle, r.PostFormValue("q"), attrErrorText(c, err), attrStatus(err))
	}
	emp, err := s.formEmployee(r, c)
	if err != nil {
		return fail(err)
	}
	res, err := monitor.AttributeHandle(r.Context(), s.DB, c.actor(r), c.Instansi.ID, platform, handle, emp)
	if err != nil {
		return fail(err)
	}
	http.Redirect(w, r, fmt.Sprintf("/aktivitas/tanpa-pemilik?ok=attributed&pegawai=%d", res.Employee.ID), http.StatusSeeOther)
	return nil
}

// activityAttributeForm shows one flagged activity's attribution page (GET
// /deteksi/{id}/kaitkan?q=): the employee search, and the choice between
// the author's handle (every record of it) and this record only.
func (s *Server) activityAttributeForm(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if err := requireAttribute(c); err != nil {
		return err
	}
	it, err := s.reviewItemFor(r, c)
	if err != nil {
		return err
	}
	return s.renderActivityAttribute(w, r, c, it, r.URL.Query().Get("q"), "", http.StatusOK)
}

func (s *Server) renderActivityAttribute(w http.ResponseWriter, r *http.Request, c *reqCtx, it monitor.ReviewItem, query, msg string, status int) error {
	ctx := r.Context()
	a := it.Activity
	if a.Attribution != nil && msg == "" {
		http.Redirect(w, r, "/deteksi/"+itoa(it.ID), http.StatusSeeOther)
		return nil
	}
	d := attributeForm{Item: &it, Platform: a.Platform, Handle: a.AuthorKey, PlatLabel: platformLabel(c, a.Platform),
		Action: "/deteksi/" + itoa(it.ID) + "/kaitkan", BackHref: "/deteksi/" + itoa(it.ID), Error: msg}
	switch {
	case a.Text != nil && *a.Text != "":
		d.Snippet = snippet(*a.Text, 300)
	case a.ContextText != nil:
		d.Snippet = snippet(*a.ContextText, 300)
	}
	d.HandleOK = a.AuthorKey != "" && slices.Contains(registry.Platforms, a.Platform)
	if a.AuthorKey != "" {
		g, err := monitor.UnattributedGroupOf(ctx, s.DB, c.Instansi.ID, a.Platform, a.AuthorKey)
		switch {
		case err == nil:
			d.Group = &g
		case !errors.Is(err, monitor.ErrNotFound):
			return err
		}
	}
	if err := s.searchEmployees(ctx, c, &d, query); err != nil {
		return err
	}
	s.renderStatus(w, r, c, status, "attribution_attribute.html", c.L.T("attr.item_title", it.ID), d)
	return nil
}

// activityAttributeSubmit attributes a review item's activity: with
// scope=handle the author's handle becomes the employee's account (every
// unattributed record of it follows); with scope=activity only this record.
func (s *Server) activityAttributeSubmit(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if err := requireAttribute(c); err != nil {
		return err
	}
	it, err := s.reviewItemFor(r, c)
	if err != nil {
		return err
	}
	a := it.Activity
	fail := func(err error) error {
		var ae *monitor.AttributeError
		if !errors.As(err, &ae) {
			return err
		}
		return s.renderActivityAttribute(w, r, c, it, r.PostFormValue("q"), attrErrorText(c, err), attrStatus(err))
	}
	emp, err := s.formEmployee(r, c)
	if err != nil {
		return fail(err)
	}
	switch r.PostFormValue("scope") {
	case "handle":
		if a.AuthorKey == "" {
			return badRequest("scope")
		}
		_, err = monitor.AttributeHandle(r.Context(), s.DB, c.actor(r), c.Instansi.ID, a.Platform, a.AuthorKey, emp)
	case "activity", "":
		_, err = monitor.AttributeActivityTo(r.Context(), s.DB, c.actor(r), c.Instansi.ID, a.ID, emp)
	default:
		return badRequest("scope")
	}
	if errors.Is(err, monitor.ErrNotFound) && !errors.As(err, new(*monitor.AttributeError)) {
		return errNotFound
	}
	if err != nil {
		return fail(err)
	}
	http.Redirect(w, r, "/deteksi/"+itoa(it.ID)+"?ok=attributed", http.StatusSeeOther)
	return nil
}

// unattributedDashboard returns the counts of unattributed activity for the
// dashboard, or nil when the user may not see them.
func (s *Server) unattributedDashboard(ctx context.Context, c *reqCtx) (*monitor.UnattributedSummary, error) {
	if !c.CanSeeUnattributed() {
		return nil, nil
	}
	sum, err := monitor.SummarizeUnattributed(ctx, s.DB, c.Instansi.ID)
	if err != nil {
		return nil, err
	}
	return &sum, nil
}

// apiGroup is an unattributed group in API answers.
type apiGroup struct {
	Platform       string  `json:"platform"`
	Handle         string  `json:"handle"`
	Author         string  `json:"author"`
	Count          int     `json:"count"`
	Flagged        int     `json:"flagged"`
	FirstSeen      *string `json:"first_seen"`
	LastSeen       *string `json:"last_seen"`
	Sample         string  `json:"sample"`
	SampleActivity int64   `json:"sample_activity_id"`
	SampleReview   *int64  `json:"sample_review_id"`
}

// apiUnattributed lists the unattributed groups (GET /api/v1/activities/unattributed).
func (s *Server) apiUnattributed(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if err := requireUnattributedView(c); err != nil {
		return err
	}
	limit, err := apiLimit(r, c)
	if err != nil {
		return err
	}
	f := unattributedFilter(r, c)
	f.Limit = limit
	p, err := monitor.UnattributedGroups(r.Context(), s.DB, f)
	if errors.Is(err, monitor.ErrInvalid) {
		return badRequest(c.L.T("activity.err_cursor"))
	}
	if err != nil {
		return err
	}
	items := make([]apiGroup, 0, len(p.Items))
	for _, g := range p.Items {
		ag := apiGroup{Platform: g.Platform, Handle: g.Handle, Author: g.Author, Count: g.Count, Flagged: g.Flagged,
			FirstSeen: isoTime(g.FirstSeen), LastSeen: isoTime(g.LastSeen), Sample: g.Sample, SampleActivity: g.SampleActivityID}
		if g.SampleReviewID != 0 {
			id := g.SampleReviewID
			ag.SampleReview = &id
		}
		items = append(items, ag)
	}
	writeJSON(w, http.StatusOK, newAPIList(items, p.Total, p.Next))
	return nil
}

// apiAttributeBody is the body of POST /api/v1/activities/attribute.
type apiAttributeBody struct {
	Platform string `json:"platform"`
	Handle   string `json:"handle"`
	NIP      string `json:"nip"`
}

// apiAttributeResult is its answer.
type apiAttributeResult struct {
	Platform       string `json:"platform"`
	Handle         string `json:"handle"`
	AccountID      int64  `json:"account_id"`
	AccountCreated bool   `json:"account_created"`
	EmployeeID     int64  `json:"employee_id"`
	NIP            string `json:"nip"`
	EmployeeName   string `json:"employee_name"`
	OPDID          int64  `json:"opd_id"`
	OPDCode        string `json:"opd_code"`
	Attributed     int    `json:"attributed"`
}

// apiAttribute attributes a (platform, handle) group to the employee with a
// NIP (POST /api/v1/activities/attribute).
func (s *Server) apiAttribute(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if err := requireAttribute(c); err != nil {
		return err
	}
	var b apiAttributeBody
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 16<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return errTooLarge
		}
		return badRequest(c.L.T("attr.err_body"))
	}
	for field, v := range map[string]string{"platform": b.Platform, "handle": b.Handle, "nip": b.NIP} {
		if strings.TrimSpace(v) == "" {
			return badRequest(field + ": " + c.L.T("attr.err_required"))
		}
	}
	e, err := monitor.EmployeeByNIP(r.Context(), s.DB, c.Instansi.ID, b.NIP)
	if err != nil {
		return attrHTTPError(c, err)
	}
	res, err := monitor.AttributeHandle(r.Context(), s.DB, c.actor(r), c.Instansi.ID, b.Platform, b.Handle, e.ID)
	if err != nil {
		return attrHTTPError(c, err)
	}
	writeJSON(w, http.StatusOK, apiAttributeResult{Platform: res.Platform, Handle: res.Handle, AccountID: res.AccountID,
		AccountCreated: res.AccountCreated, EmployeeID: res.Employee.ID, NIP: res.Employee.NIP,
		EmployeeName: res.Employee.Name, OPDID: res.Employee.OPDID, OPDCode: res.Employee.OPDCode, Attributed: res.Attributed})
	return nil
}
