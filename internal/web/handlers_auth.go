package web

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/i18n"
	"github.com/netral-asn/netral/internal/wilayah"
)

// setupData is the set-up form's state.
type setupData struct {
	Provinces []provinceGroup
	Region    string
	Username  string
	FullName  string
	Errors    []string
}

type provinceGroup struct {
	Province wilayah.Region
	Children []wilayah.Region
}

func regionGroups() []provinceGroup {
	var out []provinceGroup
	for _, p := range wilayah.Provinces() {
		out = append(out, provinceGroup{Province: p, Children: wilayah.Children(p.Code)})
	}
	return out
}

func (s *Server) setupForm(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	s.render(w, r, c, "setup.html", c.L.T("setup.title"), setupData{Provinces: regionGroups()})
	return nil
}

func (s *Server) setupSubmit(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if err := r.ParseForm(); err != nil {
		return badRequest(err.Error())
	}
	d := setupData{Provinces: regionGroups(), Region: r.PostFormValue("region"),
		Username: auth.NormalizeUsername(r.PostFormValue("username")), FullName: strings.TrimSpace(r.PostFormValue("full_name"))}
	pw := r.PostFormValue("password")
	region, ok := wilayah.Lookup(d.Region)
	if !ok {
		d.Errors = append(d.Errors, c.L.T("setup.err_region"))
	}
	if !auth.ValidUsername(d.Username) {
		d.Errors = append(d.Errors, c.L.T("setup.err_username"))
	}
	if auth.CheckPasswordPolicy(pw) != nil {
		d.Errors = append(d.Errors, c.L.T("setup.err_password_weak"))
	} else if pw != r.PostFormValue("password2") {
		d.Errors = append(d.Errors, c.L.T("setup.err_password_mismatch"))
	}
	if len(d.Errors) > 0 {
		s.renderStatus(w, r, c, http.StatusBadRequest, "setup.html", c.L.T("setup.title"), d)
		return nil
	}
	actor := audit.Actor{Name: "setup", IP: clientIP(r)}
	inst, _, err := Setup(r.Context(), s.DB, actor, region, d.Username, d.FullName, pw, c.L.Lang)
	if errors.Is(err, ErrAlreadySetUp) {
		http.Redirect(w, r, "/masuk", http.StatusSeeOther)
		return nil
	}
	if err != nil {
		return err
	}
	s.setUp.Store(true)
	s.log.Info("set-up done", "instansi", inst.Code, "admin", d.Username)
	u, err := s.Auth.Authenticate(r.Context(), d.Username, pw, clientIP(r))
	if err != nil {
		return err
	}
	return s.startSession(w, r, u, "/")
}

type loginData struct {
	Username string
	Next     string
	Error    string
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	d := loginData{Next: safeNext(r.URL.Query().Get("next"))}
	if r.URL.Query().Get("expired") == "1" {
		d.Error = c.L.T("login.expired")
	}
	s.render(w, r, c, "login.html", c.L.T("login.title"), d)
	return nil
}

func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if err := r.ParseForm(); err != nil {
		return badRequest(err.Error())
	}
	d := loginData{Username: r.PostFormValue("username"), Next: safeNext(r.PostFormValue("next"))}
	u, err := s.Auth.Authenticate(r.Context(), d.Username, r.PostFormValue("password"), clientIP(r))
	status := http.StatusUnauthorized
	switch {
	case err == nil:
		return s.startSession(w, r, u, d.Next)
	case errors.Is(err, auth.ErrBadCredentials):
		d.Error = c.L.T("login.bad")
	case errors.Is(err, auth.ErrThrottled):
		d.Error, status = c.L.T("login.throttled"), http.StatusTooManyRequests
	case errors.Is(err, auth.ErrDisabled):
		d.Error, status = c.L.T("login.disabled"), http.StatusForbidden
	default:
		return err
	}
	s.renderStatus(w, r, c, status, "login.html", c.L.T("login.title"), d)
	return nil
}

func (s *Server) startSession(w http.ResponseWriter, r *http.Request, u auth.User, next string) error {
	tok, _, err := s.Auth.CreateSession(r.Context(), u.ID, clientIP(r), r.UserAgent())
	if err != nil {
		return err
	}
	s.setCookie(w, r, sessionCookie, tok, auth.SessionMaxAge)
	s.clearCookie(w, r, instansiCookie)
	if next == "" || next == "/" {
		next = u.Role.Home()
	}
	http.Redirect(w, r, safeNext(next), http.StatusSeeOther)
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	if err := s.Auth.DeleteSession(r.Context(), c.token, c.actor(r)); err != nil {
		return err
	}
	s.clearCookie(w, r, sessionCookie)
	s.clearCookie(w, r, instansiCookie)
	http.Redirect(w, r, "/masuk", http.StatusSeeOther)
	return nil
}

func (s *Server) switchLang(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	lang := i18n.Lang(r.PathValue("lang"))
	s.setCookie(w, r, langCookie, lang, 365*24*time.Hour)
	if ck, err := r.Cookie(sessionCookie); err == nil {
		if _, u, err := s.Auth.LookupSession(r.Context(), ck.Value); err == nil {
			_ = s.Auth.SetLang(r.Context(), u.ID, lang)
		}
	}
	http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
	return nil
}

func (s *Server) switchInstansi(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	want := r.PostFormValue("instansi")
	for _, i := range c.Visible {
		if want == itoa(i.ID) {
			s.setCookie(w, r, instansiCookie, want, auth.SessionMaxAge)
			http.Redirect(w, r, "/", http.StatusSeeOther)
			return nil
		}
	}
	return errForbidden
}

func (s *Server) home(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	http.Redirect(w, r, c.User.Role.Home(), http.StatusSeeOther)
	return nil
}
