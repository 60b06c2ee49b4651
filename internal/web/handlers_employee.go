package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/nip"
	"github.com/netral-asn/netral/internal/registry"
)

// notices maps the ?ok= value of a redirect after a change to its message.
var notices = map[string]string{
	"saved":           "emp.notice_saved",
	"opd_saved":       "opd.notice_saved",
	"account_added":   "acct.notice_added",
	"account_deleted": "acct.notice_deleted",
}

// notice returns the message confirming the change a redirect came from.
func notice(c *reqCtx, r *http.Request) string {
	if k, ok := notices[r.URL.Query().Get("ok")]; ok {
		return c.L.T(k)
	}
	return ""
}

// renderStatus renders a page with the layout under a status other than 200
// (a form with errors, a rejected import).
func (s *Server) renderStatus(w http.ResponseWriter, r *http.Request, c *reqCtx, status int, page, title string, data any) {
	if status != http.StatusOK {
		// render sets these too, but only before the status is written.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(status)
	}
	s.render(w, r, c, page, title, data)
}

// fieldMsg returns a validation message in the user's language.
func fieldMsg(c *reqCtx, fe *registry.FieldError) string {
	if c.L.Lang == "id" && fe.Pesan != "" {
		return fe.Pesan
	}
	return fe.Message
}

// employeeListPage is what employees.html receives.
type employeeListPage struct {
	Q      string
	OPD    int64
	Kind   string
	N      int    // page size asked for; 0 = default
	Cursor string // of the page shown; "" on the first page
	OPDs   []registry.OPD
	Page   registry.Page
}

func (s *Server) employeeList(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	q := r.URL.Query()
	d := employeeListPage{Q: strings.TrimSpace(q.Get("q")), Cursor: q.Get("cursor")}
	switch k := strings.ToUpper(q.Get("kind")); k {
	case "PNS", "PPPK":
		d.Kind = k
	}
	full, tree, err := s.scopedTree(r, c)
	if err != nil {
		return err
	}
	d.OPDs = tree
	f := registry.Filter{InstansiID: c.Instansi.ID, Q: d.Q, Kind: d.Kind, Cursor: d.Cursor, OPDIDs: c.OPDScope}
	if v := q.Get("opd"); v != "" && v != "0" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return badRequest("opd")
		}
		d.OPD = id
		// A unit and its sub-units, within the user's scope.
		ids := []int64{}
		for _, x := range registry.Subtree(full, id) {
			if c.inScope(x) {
				ids = append(ids, x)
			}
		}
		f.OPDIDs = ids
	}
	if v := q.Get("n"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return badRequest("n")
		}
		d.N, f.Limit = min(n, 500), min(n, 500)
	}
	if d.Page, err = s.Reg.Employees(r.Context(), f); err != nil {
		return err
	}
	s.render(w, r, c, "employees.html", c.L.T("emp.list_title"), d)
	return nil
}

// positionRow is one period of the position history.
type positionRow struct {
	registry.Position
	SourceLabel string
}

// accountRow is one account on the employee page.
type accountRow struct {
	registry.Account
	PlatformLabel string
}

// accountForm is the state of the add-account form.
type accountForm struct {
	Platform   string
	Handle     string
	URL        string
	PlatformID string
	Verified   bool
	Errors     map[string]string // field → message
}

// employeePage is what employee.html receives.
type employeePage struct {
	E         registry.Employee
	Positions []positionRow
	Accounts  []accountRow
	Platforms []option
	Acc       accountForm
	Notice    string
	Feeds     feedSection   // handlers_feed.go
	Sanctions []sanctionRow // handlers_case.go: nil when the user does not see cases
}

// platformNames are the display names of registry.Platforms.
var platformNames = map[string]string{"facebook": "Facebook", "instagram": "Instagram", "x": "X (Twitter)",
	"tiktok": "TikTok", "youtube": "YouTube", "threads": "Threads", "linkedin": "LinkedIn", "mastodon": "Mastodon", "telegram": "Telegram", "bluesky": "Bluesky"}

func platformLabel(c *reqCtx, p string) string {
	if p == "other" {
		return c.L.T("acct.platform_other")
	}
	if n, ok := platformNames[p]; ok {
		return n
	}
	return p
}

func sourceLabel(c *reqCtx, src string) string {
	switch src {
	case "import":
		return c.L.T("emp.source_import")
	case "manual":
		return c.L.T("emp.source_manual")
	case "demo":
		return c.L.T("emp.source_demo")
	}
	return src
}

func (s *Server) employeeShow(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	e, err := s.employee(r, c, r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.renderEmployee(w, r, c, e, accountForm{Platform: "instagram"}, notice(c, r), http.StatusOK)
}

// renderEmployee shows an employee's record; showing it is recorded in the
// audit trail as a view of a sensitive record.
func (s *Server) renderEmployee(w http.ResponseWriter, r *http.Request, c *reqCtx, e registry.Employee, acc accountForm, note string, status int) error {
	ctx := r.Context()
	pos, err := s.Reg.Positions(ctx, e.ID)
	if err != nil {
		return err
	}
	accs, err := s.Reg.Accounts(ctx, c.Instansi.ID, e.ID)
	if err != nil {
		return err
	}
	if err := audit.RecordNow(ctx, s.DB, c.actor(r), audit.Event{InstansiID: c.Instansi.ID, Action: "employee.view",
		ObjectType: "employee", ObjectID: itoa(e.ID)}); err != nil {
		return err
	}
	d := employeePage{E: e, Acc: acc, Notice: note}
	for _, p := range pos {
		d.Positions = append(d.Positions, positionRow{p, sourceLabel(c, p.Source)})
	}
	for _, a := range accs {
		d.Accounts = append(d.Accounts, accountRow{a, platformLabel(c, a.Platform)})
	}
	for _, p := range registry.Platforms {
		d.Platforms = append(d.Platforms, option{p, platformLabel(c, p)})
	}
	if d.Feeds, err = s.feedSection(r, c, e); err != nil {
		return err
	}
	if d.Sanctions, err = s.sanctionSection(r, c, e); err != nil {
		return err
	}
	s.renderStatus(w, r, c, status, "employee.html", e.Name, d)
	return nil
}

// employeeForm is the state of the create/edit employee form.
type employeeForm struct {
	Edit      bool
	ID        int64
	NIP       string
	Name      string
	Kind      string // "", PNS or PPPK ("" = from the NIP)
	Jabatan   string
	OPDID     int64
	Email     string
	Phone     string
	Effective string // YYYY-MM-DD
	OPDs      []registry.OPD
	Errors    map[string]string // field → message
}

func today() string { return time.Now().Format("2006-01-02") }

func (s *Server) employeeNew(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	d := employeeForm{Effective: today()}
	if id, err := strconv.ParseInt(r.URL.Query().Get("opd"), 10, 64); err == nil {
		d.OPDID = id
	}
	return s.renderEmployeeForm(w, r, c, d, http.StatusOK)
}

func (s *Server) employeeEdit(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	e, err := s.employee(r, c, r.PathValue("id"))
	if err != nil {
		return err
	}
	d := employeeForm{Edit: true, ID: e.ID, NIP: e.NIP, Name: e.Name, Kind: e.Kind, Jabatan: e.Jabatan, OPDID: e.OPDID,
		Email: e.Email, Phone: e.Phone, Effective: today()}
	return s.renderEmployeeForm(w, r, c, d, http.StatusOK)
}

func (s *Server) renderEmployeeForm(w http.ResponseWriter, r *http.Request, c *reqCtx, d employeeForm, status int) error {
	_, tree, err := s.scopedTree(r, c)
	if err != nil {
		return err
	}
	d.OPDs = tree
	title := c.L.T("emp.new_title")
	if d.Edit {
		title = c.L.T("emp.edit_title")
	}
	s.renderStatus(w, r, c, status, "employee_form.html", title, d)
	return nil
}

// employeeFormValues reads the submitted employee form.
func employeeFormValues(r *http.Request) employeeForm {
	d := employeeForm{
		NIP:       strings.TrimSpace(r.PostFormValue("nip")),
		Name:      strings.TrimSpace(r.PostFormValue("name")),
		Kind:      strings.ToUpper(strings.TrimSpace(r.PostFormValue("kind"))),
		Jabatan:   strings.TrimSpace(r.PostFormValue("jabatan")),
		Email:     strings.TrimSpace(r.PostFormValue("email")),
		Phone:     strings.TrimSpace(r.PostFormValue("phone")),
		Effective: strings.TrimSpace(r.PostFormValue("effective")),
	}
	d.OPDID, _ = strconv.ParseInt(r.PostFormValue("opd"), 10, 64)
	return d
}

func (s *Server) employeeCreate(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return s.saveEmployeeForm(w, r, c, employeeFormValues(r))
}

func (s *Server) employeeUpdate(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	e, err := s.employee(r, c, r.PathValue("id"))
	if err != nil {
		return err
	}
	d := employeeFormValues(r)
	d.Edit, d.ID, d.NIP = true, e.ID, e.NIP // the NIP of an employee never changes
	return s.saveEmployeeForm(w, r, c, d)
}

// parseDay reads a date as typed: 2024-06-01 (what date inputs send) or
// 01-06-2024 (how dates are shown). Empty is the zero time (today).
func parseDay(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	for _, layout := range []string{"2006-01-02", "02-01-2006", "02/01/2006"} {
		if t, err := time.Parse(layout, s); err == nil && t.Year() >= 1900 && t.Year() <= 2200 {
			return t, true
		}
	}
	return time.Time{}, false
}

func (s *Server) saveEmployeeForm(w http.ResponseWriter, r *http.Request, c *reqCtx, d employeeForm) error {
	fail := func(field, msg string) error {
		d.Errors = map[string]string{field: msg}
		return s.renderEmployeeForm(w, r, c, d, http.StatusBadRequest)
	}
	eff, ok := parseDay(d.Effective)
	if !ok {
		return fail("effective", c.L.T("emp.err_effective"))
	}
	if d.OPDID != 0 && !c.inScope(d.OPDID) {
		return fail("opd", c.L.T("emp.err_opd_scope"))
	}
	e, err := s.Reg.SaveEmployee(r.Context(), c.actor(r), registry.Employee{ID: d.ID, InstansiID: c.Instansi.ID,
		NIP: d.NIP, Name: d.Name, Kind: d.Kind, Jabatan: d.Jabatan, OPDID: d.OPDID, Email: d.Email, Phone: d.Phone},
		eff, "manual")
	var fe *registry.FieldError
	if errors.As(err, &fe) {
		msg := fieldMsg(c, fe)
		// The registry's Indonesian NIP message carries the English detail;
		// the nip package has it in both languages.
		var ve *nip.ValidationError
		if _, _, perr := nip.Parse(d.NIP, time.Now()); fe.Field == "nip" && errors.As(perr, &ve) {
			if msg = ve.Error(); c.L.Lang == "id" {
				msg = ve.ErrorID()
			}
		}
		return fail(fe.Field, msg)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/pegawai/"+itoa(e.ID)+"?ok=saved", http.StatusSeeOther)
	return nil
}
