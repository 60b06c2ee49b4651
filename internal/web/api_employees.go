package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/registry"
)

// apiEmployee is an employee in API answers.
type apiEmployee struct {
	ID        int64   `json:"id"`
	NIP       string  `json:"nip"`
	Name      string  `json:"name"`
	Kind      string  `json:"kind"`
	Jabatan   string  `json:"jabatan"`
	OPDID     int64   `json:"opd_id"`
	OPDCode   string  `json:"opd_code"`
	OPDName   string  `json:"opd_name"`
	Email     string  `json:"email"`
	Phone     string  `json:"phone"`
	CreatedAt *string `json:"created_at"`
	UpdatedAt *string `json:"updated_at"`
}

func toAPIEmployee(e registry.Employee) apiEmployee {
	return apiEmployee{ID: e.ID, NIP: e.NIP, Name: e.Name, Kind: e.Kind, Jabatan: e.Jabatan, OPDID: e.OPDID,
		OPDCode: e.OPDCode, OPDName: e.OPDName, Email: e.Email, Phone: e.Phone,
		CreatedAt: isoTime(e.CreatedAt), UpdatedAt: isoTime(e.UpdatedAt)}
}

// apiPosition is one dated position of an employee.
type apiPosition struct {
	ID      int64   `json:"id"`
	Jabatan string  `json:"jabatan"`
	OPDID   int64   `json:"opd_id"`
	OPDName string  `json:"opd_name"`
	From    *string `json:"from"`
	To      *string `json:"to"` // null while current
	Source  string  `json:"source"`
}

// apiHandleChange is an earlier handle of an account.
type apiHandleChange struct {
	Handle string  `json:"handle"`
	URL    string  `json:"url"`
	From   *string `json:"from"`
	To     *string `json:"to"`
}

// apiAccount is a social-media account of an employee.
type apiAccount struct {
	ID         int64             `json:"id"`
	Platform   string            `json:"platform"`
	Handle     string            `json:"handle"`
	URL        string            `json:"url"`
	PlatformID string            `json:"platform_id"`
	Verified   bool              `json:"verified"`
	CreatedAt  *string           `json:"created_at"`
	History    []apiHandleChange `json:"history"`
}

// apiEmployeeDetail is an employee with positions and accounts.
type apiEmployeeDetail struct {
	apiEmployee
	Positions []apiPosition `json:"positions"`
	Accounts  []apiAccount  `json:"accounts"`
}

// apiEmployees lists employees of the instansi (a kepala OPD: of their OPD
// only) with the filters ?q= ?opd= ?kind= and paging.
func (s *Server) apiEmployees(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	q := r.URL.Query()
	limit, err := apiLimit(r, c)
	if err != nil {
		return err
	}
	f := registry.Filter{InstansiID: c.Instansi.ID, Q: q.Get("q"), OPDIDs: c.OPDScope, Limit: limit, Cursor: q.Get("cursor")}
	if k := strings.ToUpper(strings.TrimSpace(q.Get("kind"))); k != "" {
		if k != "PNS" && k != "PPPK" {
			return badRequest(c.L.T("api.err_kind"))
		}
		f.Kind = k
	}
	if v := strings.TrimSpace(q.Get("opd")); v != "" {
		tree, err := s.Reg.OPDs(r.Context(), c.Instansi.ID)
		if err != nil {
			return err
		}
		o, ok := findOPD(tree, v)
		if !ok || !c.inScope(o.ID) {
			return badRequest(c.L.T("api.err_opd", v))
		}
		var ids []int64
		for _, id := range registry.Subtree(tree, o.ID) {
			if c.inScope(id) {
				ids = append(ids, id)
			}
		}
		f.OPDIDs = ids
	}
	p, err := s.Reg.Employees(r.Context(), f)
	if err != nil {
		return err
	}
	items := make([]apiEmployee, 0, len(p.Items))
	for _, e := range p.Items {
		items = append(items, toAPIEmployee(e))
	}
	writeJSON(w, http.StatusOK, newAPIList(items, p.Total, p.Next))
	return nil
}

// findOPD finds an OPD of tree by its code, or else by its numeric id.
func findOPD(tree []registry.OPD, v string) (registry.OPD, bool) {
	for _, o := range tree {
		if o.Code == v {
			return o, true
		}
	}
	if id, err := strconv.ParseInt(v, 10, 64); err == nil {
		for _, o := range tree {
			if o.ID == id {
				return o, true
			}
		}
	}
	return registry.OPD{}, false
}

// apiEmployee returns one employee with their positions and accounts. The
// view is recorded in the audit trail.
func (s *Server) apiEmployee(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	e, err := s.employee(r, c, r.PathValue("id"))
	if err != nil {
		return err
	}
	positions, err := s.Reg.Positions(ctx, e.ID)
	if err != nil {
		return err
	}
	accounts, err := s.Reg.Accounts(ctx, c.Instansi.ID, e.ID)
	if err != nil {
		return err
	}
	d := apiEmployeeDetail{apiEmployee: toAPIEmployee(e), Positions: []apiPosition{}, Accounts: []apiAccount{}}
	for _, p := range positions {
		d.Positions = append(d.Positions, apiPosition{ID: p.ID, Jabatan: p.Jabatan, OPDID: p.OPDID, OPDName: p.OPDName,
			From: isoDate(p.From), To: isoDate(p.To), Source: p.Source})
	}
	for _, a := range accounts {
		aa := apiAccount{ID: a.ID, Platform: a.Platform, Handle: a.Handle, URL: a.URL, PlatformID: a.PlatformID,
			Verified: a.Verified, CreatedAt: isoTime(a.CreatedAt), History: []apiHandleChange{}}
		for _, h := range a.History {
			aa.History = append(aa.History, apiHandleChange{Handle: h.Handle, URL: h.URL, From: isoTime(h.From), To: isoTime(h.To)})
		}
		d.Accounts = append(d.Accounts, aa)
	}
	if err := audit.RecordNow(ctx, s.DB, c.actor(r), audit.Event{InstansiID: c.Instansi.ID, Action: "employee.view",
		ObjectType: "employee", ObjectID: fmt.Sprint(e.ID)}); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, d)
	return nil
}

// apiOPDNode is an OPD with its sub-units.
type apiOPDNode struct {
	ID        int64        `json:"id"`
	Code      string       `json:"code"`
	Name      string       `json:"name"`
	Kind      string       `json:"kind"`
	ParentID  *int64       `json:"parent_id"`
	Depth     int          `json:"depth"`
	Employees int          `json:"employees"`
	Children  []apiOPDNode `json:"children"`
}

// apiOPDs returns the OPD tree of the instansi (a kepala OPD: their own OPD
// and its sub-units) as nested nodes; it is not paged, so next is always "".
func (s *Server) apiOPDs(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	tree, err := s.Reg.OPDs(r.Context(), c.Instansi.ID)
	if err != nil {
		return err
	}
	var visible []registry.OPD
	in := map[int64]bool{}
	for _, o := range tree {
		if c.inScope(o.ID) {
			visible = append(visible, o)
			in[o.ID] = true
		}
	}
	children := map[int64][]registry.OPD{}
	var roots []registry.OPD
	for _, o := range visible { // tree order: parents first, siblings by code
		if o.ParentID != 0 && in[o.ParentID] {
			children[o.ParentID] = append(children[o.ParentID], o)
		} else {
			roots = append(roots, o)
		}
	}
	var build func(o registry.OPD) apiOPDNode
	build = func(o registry.OPD) apiOPDNode {
		n := apiOPDNode{ID: o.ID, Code: o.Code, Name: o.Name, Kind: o.Kind, ParentID: optID(o.ParentID), Depth: o.Depth,
			Employees: o.Employees, Children: []apiOPDNode{}}
		for _, k := range children[o.ID] {
			n.Children = append(n.Children, build(k))
		}
		return n
	}
	items := make([]apiOPDNode, 0, len(roots))
	for _, o := range roots {
		items = append(items, build(o))
	}
	writeJSON(w, http.StatusOK, newAPIList(items, len(visible), ""))
	return nil
}
