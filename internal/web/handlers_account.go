package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/netral-asn/netral/internal/registry"
)

func (s *Server) accountAdd(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	e, err := s.employee(r, c, r.PathValue("id"))
	if err != nil {
		return err
	}
	f := accountForm{
		Platform:   strings.TrimSpace(r.PostFormValue("platform")),
		Handle:     strings.TrimSpace(r.PostFormValue("handle")),
		URL:        strings.TrimSpace(r.PostFormValue("url")),
		PlatformID: strings.TrimSpace(r.PostFormValue("platform_id")),
		Verified:   r.PostFormValue("verified") != "",
	}
	fail := func(field, msg string) error {
		f.Errors = map[string]string{field: msg}
		return s.renderEmployee(w, r, c, e, f, "", http.StatusBadRequest)
	}
	if len(f.PlatformID) > 200 {
		return fail("platform_id", c.L.T("acct.err_platform_id"))
	}
	a, err := s.Reg.SaveAccount(r.Context(), c.actor(r), registry.Account{InstansiID: c.Instansi.ID, EmployeeID: e.ID,
		Platform: f.Platform, Handle: f.Handle, URL: f.URL, PlatformID: f.PlatformID, Verified: f.Verified})
	var fe *registry.FieldError
	if errors.As(err, &fe) {
		return fail(fe.Field, fieldMsg(c, fe))
	}
	if err != nil {
		return err
	}
	if a.ID == 0 {
		// The registry keeps an account already listed for this employee as it is.
		return fail("handle", c.L.T("acct.err_already_own"))
	}
	http.Redirect(w, r, "/pegawai/"+itoa(e.ID)+"?ok=account_added#akun", http.StatusSeeOther)
	return nil
}

func (s *Server) accountDelete(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	e, err := s.employee(r, c, r.PathValue("id"))
	if err != nil {
		return err
	}
	aid, err := strconv.ParseInt(r.PathValue("aid"), 10, 64)
	if err != nil {
		return errNotFound
	}
	if err := s.Reg.DeleteAccount(r.Context(), c.actor(r), c.Instansi.ID, e.ID, aid); err != nil {
		return err
	}
	http.Redirect(w, r, "/pegawai/"+itoa(e.ID)+"?ok=account_deleted#akun", http.StatusSeeOther)
	return nil
}
