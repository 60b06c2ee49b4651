package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/netral-asn/netral/internal/registry"
)

// opdKinds are the kinds of unit offered in the OPD form (each has a
// message "opd.kind.<kind>").
var opdKinds = []string{"sekretariat", "inspektorat", "dinas", "badan", "satuan", "rsud", "kecamatan", "kelurahan",
	"bagian", "bidang", "uptd", "lainnya"}

// opdRow is one line of the OPD tree page.
type opdRow struct {
	registry.OPD
	Total     int // employees of the unit and every unit below it
	KindLabel string
}

// option is one choice of a select.
type option struct {
	Value string
	Label string
}

// opdForm is the state of the add/edit unit form.
type opdForm struct {
	ID       int64
	Code     string
	Name     string
	Kind     string
	ParentID int64
	Errors   map[string]string // field → message
}

// opdPage is what opd.html receives.
type opdPage struct {
	Rows    []opdRow
	Form    opdForm
	Parents []registry.OPD // units the form may choose as parent
	Kinds   []option
	Notice  string
}

// kindLabel returns the display name of an OPD kind.
func kindLabel(c *reqCtx, kind string) string {
	if kind == "" {
		return ""
	}
	key := "opd.kind." + kind
	if s := c.L.T(key); s != key {
		return s
	}
	return kind
}

// scopedTree returns the OPD tree of the current instansi limited to the
// user's OPD scope.
func (s *Server) scopedTree(r *http.Request, c *reqCtx) ([]registry.OPD, []registry.OPD, error) {
	tree, err := s.Reg.OPDs(r.Context(), c.Instansi.ID)
	if err != nil {
		return nil, nil, err
	}
	if c.OPDScope == nil {
		return tree, tree, nil
	}
	var in []registry.OPD
	for _, o := range tree {
		if c.inScope(o.ID) {
			in = append(in, o)
		}
	}
	return tree, in, nil
}

// subtreeTotals returns, for each unit of a tree in display order, the
// number of employees of the unit and of every unit below it.
func subtreeTotals(tree []registry.OPD) []int {
	out := make([]int, len(tree))
	for i, o := range tree {
		n := o.Employees
		for j := i + 1; j < len(tree) && tree[j].Depth > o.Depth; j++ {
			n += tree[j].Employees
		}
		out[i] = n
	}
	return out
}

func (s *Server) opdList(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	var form opdForm
	if v := r.URL.Query().Get("ubah"); v != "" && c.Can("registry.edit") {
		id, _ := strconv.ParseInt(v, 10, 64)
		o, err := s.Reg.OPD(r.Context(), c.Instansi.ID, id)
		if err != nil {
			return err
		}
		form = opdForm{ID: o.ID, Code: o.Code, Name: o.Name, Kind: o.Kind, ParentID: o.ParentID}
	}
	return s.renderOPDs(w, r, c, form, notice(c, r), http.StatusOK)
}

func (s *Server) renderOPDs(w http.ResponseWriter, r *http.Request, c *reqCtx, form opdForm, note string, status int) error {
	full, tree, err := s.scopedTree(r, c)
	if err != nil {
		return err
	}
	d := opdPage{Form: form, Notice: note}
	totals := subtreeTotals(full)
	for i, o := range full {
		if c.inScope(o.ID) {
			d.Rows = append(d.Rows, opdRow{OPD: o, Total: totals[i], KindLabel: kindLabel(c, o.Kind)})
		}
	}
	if c.Can("registry.edit") {
		// A unit cannot be placed below itself or one of its own sub-units.
		var own []int64
		if form.ID != 0 {
			own = registry.Subtree(full, form.ID)
		}
		for _, o := range tree {
			if !containsID(own, o.ID) {
				d.Parents = append(d.Parents, o)
			}
		}
		known := false
		for _, k := range opdKinds {
			d.Kinds = append(d.Kinds, option{k, kindLabel(c, k)})
			known = known || k == form.Kind
		}
		if !known && form.Kind != "" {
			d.Kinds = append(d.Kinds, option{form.Kind, form.Kind})
		}
	}
	s.renderStatus(w, r, c, status, "opd.html", c.L.T("opd.title"), d)
	return nil
}

func (s *Server) opdSave(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	form := opdForm{
		Code: strings.TrimSpace(r.PostFormValue("code")),
		Name: strings.TrimSpace(r.PostFormValue("name")),
		Kind: strings.TrimSpace(r.PostFormValue("kind")),
	}
	var err error
	if v := r.PostFormValue("id"); v != "" && v != "0" {
		if form.ID, err = strconv.ParseInt(v, 10, 64); err != nil {
			return errNotFound
		}
	}
	if v := r.PostFormValue("parent"); v != "" && v != "0" {
		if form.ParentID, err = strconv.ParseInt(v, 10, 64); err != nil {
			return badRequest("parent")
		}
	}
	var old registry.OPD
	if form.ID != 0 {
		if old, err = s.Reg.OPD(ctx, c.Instansi.ID, form.ID); err != nil {
			return err
		}
	}
	fail := func(field, msg string) error {
		form.Errors = map[string]string{field: msg}
		return s.renderOPDs(w, r, c, form, "", http.StatusBadRequest)
	}
	if !validKind(form.Kind) && (form.ID == 0 || form.Kind != old.Kind) {
		return fail("kind", c.L.T("opd.err_kind"))
	}
	if (form.ParentID != 0 && !c.inScope(form.ParentID)) || (form.ID != 0 && !c.inScope(form.ID)) {
		return errNotFound
	}
	if form.ID != 0 && form.ParentID != 0 {
		tree, err := s.Reg.OPDs(ctx, c.Instansi.ID)
		if err != nil {
			return err
		}
		if containsID(registry.Subtree(tree, form.ID), form.ParentID) {
			return fail("parent", c.L.T("opd.err_parent_cycle"))
		}
	}
	o, err := s.Reg.SaveOPD(ctx, c.actor(r), registry.OPD{ID: form.ID, InstansiID: c.Instansi.ID, Code: form.Code,
		Name: form.Name, Kind: form.Kind, ParentID: form.ParentID})
	var fe *registry.FieldError
	if errors.As(err, &fe) {
		return fail(fe.Field, fieldMsg(c, fe))
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/opd?ok=opd_saved#opd-"+itoa(o.ID), http.StatusSeeOther)
	return nil
}

func validKind(k string) bool {
	if k == "" {
		return true
	}
	for _, x := range opdKinds {
		if x == k {
			return true
		}
	}
	return false
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
