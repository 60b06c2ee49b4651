package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/netral-asn/netral/internal/auth"
)

// Paging of API lists (contract: ?limit= default 50, at most 1000).
const (
	apiDefaultLimit = 50
	apiMaxLimit     = 1000
)

// apiList is the envelope of every API list.
type apiList[T any] struct {
	Items []T    `json:"items"`
	Total int    `json:"total"`
	Next  string `json:"next"`
}

// newAPIList returns a list whose items encode as [] even when empty.
func newAPIList[T any](items []T, total int, next string) apiList[T] {
	if items == nil {
		items = []T{}
	}
	return apiList[T]{Items: items, Total: total, Next: next}
}

// apiLimit reads ?limit=: absent means the default, a value above the
// maximum is lowered to it, anything but a positive integer is invalid.
func apiLimit(r *http.Request, c *reqCtx) (int, error) {
	v := r.URL.Query().Get("limit")
	if v == "" {
		return apiDefaultLimit, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, badRequest(c.L.T("api.err_limit", apiMaxLimit))
	}
	return min(n, apiMaxLimit), nil
}

// isoTime is a timestamp as RFC 3339 in UTC, or nil for none.
func isoTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}

// isoDate is a date as YYYY-MM-DD, or nil for none.
func isoDate(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.DateOnly)
	return &s
}

// optID is an id, or nil for none (0).
func optID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// apiInstansi is an instansi in API answers.
type apiInstansi struct {
	ID   int64  `json:"id"`
	Code string `json:"code"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// apiMeBody is the answer of GET /api/v1/me.
type apiMeBody struct {
	ID          int64         `json:"id"`
	Username    string        `json:"username"`
	FullName    string        `json:"full_name"`
	Role        string        `json:"role"`
	Lang        string        `json:"lang"`
	Instansi    apiInstansi   `json:"instansi"`
	Working     apiInstansi   `json:"working_instansi"`
	Visible     []apiInstansi `json:"visible_instansi"`
	OPDID       *int64        `json:"opd_id"`
	OPDScope    []int64       `json:"opd_scope"`
	EmployeeID  *int64        `json:"employee_id"`
	Permissions []string      `json:"permissions"`
	CreatedAt   *string       `json:"created_at"`
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	u := c.User
	b := apiMeBody{ID: u.ID, Username: u.Username, FullName: u.FullName, Role: string(u.Role), Lang: u.Lang,
		Instansi: apiInstansi{c.Own.ID, c.Own.Code, c.Own.Name, c.Own.Kind},
		Working:  apiInstansi{c.Instansi.ID, c.Instansi.Code, c.Instansi.Name, c.Instansi.Kind},
		OPDID:    optID(u.OPDID), OPDScope: c.OPDScope, EmployeeID: optID(u.EmployeeID),
		Permissions: []string{}, CreatedAt: isoTime(u.CreatedAt)}
	for _, i := range c.Visible {
		b.Visible = append(b.Visible, apiInstansi{i.ID, i.Code, i.Name, i.Kind})
	}
	for _, p := range auth.AllPerms {
		if auth.Can(u.Role, p) {
			b.Permissions = append(b.Permissions, string(p))
		}
	}
	writeJSON(w, http.StatusOK, b)
	return nil
}
