package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/i18n"
	"github.com/netral-asn/netral/internal/registry"
	"github.com/netral-asn/netral/internal/tenant"
)

// reqCtx is what the middleware established about a request.
type reqCtx struct {
	User     auth.User
	Session  auth.Session
	token    string
	Own      tenant.Instansi   // the user's own instansi
	Instansi tenant.Instansi   // the instansi being worked on (own, or one below it)
	Visible  []tenant.Instansi // instansi the user may switch to
	OPDScope []int64           // kepala OPD: ids of their OPD subtree; nil = every OPD
	L        i18n.Localizer
	API      bool
	SignedIn bool
}

// Can reports whether the user holds permission p (templates call it).
func (c *reqCtx) Can(p string) bool { return c.SignedIn && auth.Can(c.User.Role, auth.Perm(p)) }

// actor is the audit actor of the request.
func (c *reqCtx) actor(r *http.Request) audit.Actor {
	return audit.Actor{UserID: c.User.ID, Name: c.User.Username, InstansiID: c.Instansi.ID, IP: clientIP(r)}
}

// inScope reports whether an OPD id is within the user's OPD scope.
func (c *reqCtx) inScope(opdID int64) bool {
	if c.OPDScope == nil {
		return true
	}
	for _, id := range c.OPDScope {
		if id == opdID {
			return true
		}
	}
	return false
}

// employee loads an employee of the current instansi that the user may see.
func (s *Server) employee(r *http.Request, c *reqCtx, idStr string) (registry.Employee, error) {
	id, err := strconv.ParseInt(idStr, 10, 64)
	if err != nil {
		return registry.Employee{}, errNotFound
	}
	e, err := s.Reg.Employee(r.Context(), c.Instansi.ID, id)
	if err != nil {
		return e, err
	}
	if !c.inScope(e.OPDID) {
		return e, errNotFound // not "forbidden": do not confirm it exists
	}
	return e, nil
}

// clientIP is the remote address without port (proxies: first X-Forwarded-For
// hop only when the request came from loopback).
func clientIP(r *http.Request) string {
	host := r.RemoteAddr
	if i := strings.LastIndexByte(host, ':'); i > 0 {
		host = host[:i]
	}
	host = strings.Trim(host, "[]")
	if (host == "127.0.0.1" || host == "::1") && r.Header.Get("X-Forwarded-For") != "" {
		xff, _, _ := strings.Cut(r.Header.Get("X-Forwarded-For"), ",")
		return strings.TrimSpace(xff)
	}
	return host
}

func isHTTPS(r *http.Request) bool {
	return r.TLS != nil || (strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") && clientIP(r) != "")
}
