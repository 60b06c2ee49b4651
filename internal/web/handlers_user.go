package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/nip"
	"github.com/netral-asn/netral/internal/registry"
)

// userRow is one user of the users page with the names of their OPD and employee.
type userRow struct {
	auth.User
	OPDName      string
	EmployeeName string
	EmployeeNIP  string
	Self         bool
}

// tokenRow is one API token of the users page.
type tokenRow struct {
	auth.Token
	Username string
}

// userForm is the state of the "new user" form.
type userForm struct {
	Username string
	FullName string
	Role     string
	OPD      string
	NIP      string
}

// usersData is what users.html shows.
type usersData struct {
	Users    []userRow
	Tokens   []tokenRow
	Roles    []auth.Role
	OPDs     []registry.OPD
	Form     userForm
	Errors   []string
	Notice   string // a message key of a done action
	NewToken string // the secret of a token just created, shown once
	NewFor   string // whose token it is
}

// userNotices maps the ?ok= values the users page accepts to message keys.
var userNotices = map[string]string{
	"created":  "users.notice_created",
	"disabled": "users.notice_disabled",
	"enabled":  "users.notice_enabled",
	"revoked":  "users.notice_revoked",
}

// usersPage loads the users and tokens of the current instansi into d.
func (s *Server) usersPage(r *http.Request, c *reqCtx, d *usersData) error {
	ctx := r.Context()
	users, err := s.Auth.Users(ctx, c.Instansi.ID)
	if err != nil {
		return err
	}
	if d.OPDs, err = s.Reg.OPDs(ctx, c.Instansi.ID); err != nil {
		return err
	}
	opdName := map[int64]string{}
	for _, o := range d.OPDs {
		opdName[o.ID] = o.Code + " " + o.Name
	}
	names := map[int64]string{}
	d.Users = make([]userRow, 0, len(users))
	for _, u := range users {
		row := userRow{User: u, OPDName: opdName[u.OPDID], Self: u.ID == c.User.ID}
		if u.EmployeeID != 0 {
			if e, err := s.Reg.Employee(ctx, c.Instansi.ID, u.EmployeeID); err == nil {
				row.EmployeeName, row.EmployeeNIP = e.Name, e.NIP
			} else if !errors.Is(err, registry.ErrNotFound) {
				return err
			}
		}
		names[u.ID] = u.Username
		d.Users = append(d.Users, row)
	}
	tokens, err := s.Auth.Tokens(ctx, c.Instansi.ID)
	if err != nil {
		return err
	}
	for _, t := range tokens {
		d.Tokens = append(d.Tokens, tokenRow{Token: t, Username: names[t.UserID]})
	}
	d.Roles = auth.Roles
	return nil
}

func (s *Server) userList(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	d := usersData{Notice: userNotices[r.URL.Query().Get("ok")]}
	if err := s.usersPage(r, c, &d); err != nil {
		return err
	}
	s.render(w, r, c, "users.html", c.L.T("users.title"), d)
	return nil
}

func (s *Server) userCreate(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	f := userForm{
		Username: auth.NormalizeUsername(r.PostFormValue("username")),
		FullName: strings.TrimSpace(r.PostFormValue("full_name")),
		Role:     r.PostFormValue("role"),
		OPD:      r.PostFormValue("opd"),
		NIP:      strings.TrimSpace(r.PostFormValue("nip")),
	}
	pw := r.PostFormValue("password")
	u := auth.User{InstansiID: c.Instansi.ID, Username: f.Username, FullName: f.FullName, Role: auth.Role(f.Role)}
	var errs []string
	if !auth.ValidUsername(f.Username) {
		errs = append(errs, c.L.T("users.err_username"))
	}
	if f.FullName == "" || len(f.FullName) > 200 {
		errs = append(errs, c.L.T("users.err_full_name"))
	}
	if !u.Role.Valid() {
		errs = append(errs, c.L.T("users.err_role"))
	}
	if u.Role == auth.RoleKepalaOPD {
		id, _ := strconv.ParseInt(f.OPD, 10, 64)
		if o, err := s.Reg.OPD(ctx, c.Instansi.ID, id); err == nil {
			u.OPDID = o.ID
		} else if errors.Is(err, registry.ErrNotFound) {
			errs = append(errs, c.L.T("users.err_opd"))
		} else {
			return err
		}
	}
	if f.NIP != "" {
		e, err := s.Reg.EmployeeByNIP(ctx, c.Instansi.ID, nip.Normalize(f.NIP))
		switch {
		case err == nil:
			u.EmployeeID = e.ID
		case errors.Is(err, registry.ErrNotFound):
			errs = append(errs, c.L.T("users.err_nip"))
		default:
			return err
		}
	}
	if auth.CheckPasswordPolicy(pw) != nil {
		errs = append(errs, c.L.T("users.err_password_weak", auth.MinPasswordLen))
	} else if pw != r.PostFormValue("password2") {
		errs = append(errs, c.L.T("users.err_password_mismatch"))
	}
	if len(errs) == 0 {
		err := s.DB.InTx(ctx, func(tx *db.Tx) error {
			_, err := auth.CreateUser(ctx, tx, c.actor(r), u, pw)
			return err
		})
		switch {
		case err == nil:
			http.Redirect(w, r, "/pengguna?ok=created", http.StatusSeeOther)
			return nil
		case errors.Is(err, auth.ErrUsernameTaken):
			errs = append(errs, c.L.T("users.err_taken"))
		case errors.Is(err, auth.ErrInvalidUser), errors.Is(err, auth.ErrWeakPassword):
			errs = append(errs, c.L.T("users.err_invalid"))
		default:
			return err
		}
	}
	d := usersData{Form: f, Errors: errs}
	if err := s.usersPage(r, c, &d); err != nil {
		return err
	}
	s.renderStatus(w, r, c, http.StatusBadRequest, "users.html", c.L.T("users.title"), d)
	return nil
}

// instansiUser loads the user named by the {id} path value when they belong
// to the current instansi; errNotFound otherwise.
func (s *Server) instansiUser(r *http.Request, c *reqCtx) (auth.User, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return auth.User{}, errNotFound
	}
	u, err := s.Auth.User(r.Context(), id)
	if errors.Is(err, db.ErrNotFound) || (err == nil && u.InstansiID != c.Instansi.ID) {
		return auth.User{}, errNotFound
	}
	return u, err
}

var errDisableSelf = &httpError{http.StatusBadRequest, "invalid", "users.err_self", ""}

// userDisable disables a user (form field disabled=0 enables them again).
func (s *Server) userDisable(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	u, err := s.instansiUser(r, c)
	if err != nil {
		return err
	}
	if u.ID == c.User.ID {
		return errDisableSelf
	}
	disable := r.PostFormValue("disabled") != "0"
	if err := s.Auth.SetDisabled(r.Context(), c.actor(r), u.ID, disable); err != nil {
		return err
	}
	ok := "disabled"
	if !disable {
		ok = "enabled"
	}
	http.Redirect(w, r, "/pengguna?ok="+ok, http.StatusSeeOther)
	return nil
}

var errTokenDisabledUser = &httpError{http.StatusBadRequest, "invalid", "users.err_token_disabled", ""}

// tokenCreate makes an API token for a user of the instansi and shows its
// secret once, on the page itself (never in a URL).
func (s *Server) tokenCreate(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	u, err := s.instansiUser(r, c)
	if err != nil {
		return err
	}
	if u.Disabled {
		return errTokenDisabledUser
	}
	name := strings.TrimSpace(r.PostFormValue("name"))
	if len(name) > 100 {
		name = name[:100]
	}
	secret, err := s.Auth.CreateToken(r.Context(), c.actor(r), u.ID, name)
	if err != nil {
		return err
	}
	d := usersData{NewToken: secret, NewFor: u.Username}
	if err := s.usersPage(r, c, &d); err != nil {
		return err
	}
	s.render(w, r, c, "users.html", c.L.T("users.title"), d)
	return nil
}

// tokenRevoke revokes an API token of a user of the instansi.
func (s *Server) tokenRevoke(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	u, err := s.instansiUser(r, c)
	if err != nil {
		return err
	}
	tid, err := strconv.ParseInt(r.PathValue("tid"), 10, 64)
	if err != nil {
		return errNotFound
	}
	tokens, err := s.Auth.Tokens(r.Context(), c.Instansi.ID)
	if err != nil {
		return err
	}
	for _, t := range tokens {
		if t.ID != tid || t.UserID != u.ID {
			continue
		}
		if !t.Revoked {
			// The prefix names the token (auth.RevokeToken takes a secret or prefix).
			if err := s.Auth.RevokeToken(r.Context(), c.actor(r), t.Prefix); err != nil {
				return err
			}
		}
		http.Redirect(w, r, "/pengguna?ok=revoked", http.StatusSeeOther)
		return nil
	}
	return errNotFound
}
