package web

import (
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/i18n"
	"github.com/netral-asn/netral/internal/registry"
	"github.com/netral-asn/netral/internal/tenant"
)

// handlerFunc is a handler that returns its error for the single error renderer.
type handlerFunc func(w http.ResponseWriter, r *http.Request, c *reqCtx) error

const (
	sessionCookie  = "netral_session"
	langCookie     = "netral_lang"
	instansiCookie = "netral_instansi"
)

// anonCtx is the context of a request by nobody in particular.
func (s *Server) anonCtx(r *http.Request) *reqCtx {
	lang := i18n.Default
	if ck, err := r.Cookie(langCookie); err == nil {
		lang = ck.Value
	}
	return &reqCtx{L: i18n.For(lang), API: wantsJSON(r)}
}

// wrap enforces a route's access rules, then runs its handler.
func (s *Server) wrap(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := s.anonCtx(r)
		if r.Method == http.MethodPost {
			limit := int64(1 << 20)
			if rt.pattern == "/impor" || rt.pattern == "/aktivitas/impor" || rt.access == apiToken {
				limit = s.opts.MaxUploadBytes + 1<<20
			}
			if l := publicUploadLimit(rt.pattern); l > 0 { // public report files (handlers_report_public.go)
				limit = l
			}
			if l := caseFileUploadLimit(rt.pattern); l > 0 { // case files (handlers_case_files.go)
				limit = l
			}
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		setUp := s.isSetUp(r.Context())
		switch {
		case rt.access == public:
		case rt.access == setupOnly && setUp:
			http.Redirect(w, r, "/", http.StatusSeeOther)
			return
		case rt.access != setupOnly && !setUp:
			if c.API {
				writeJSON(w, http.StatusServiceUnavailable, map[string]any{"error": map[string]string{"code": "internal", "message": "Netral is not set up yet: open /setup"}})
				return
			}
			http.Redirect(w, r, "/setup", http.StatusSeeOther)
			return
		}
		var err error
		switch rt.access {
		case signedIn:
			err = s.authSession(w, r, c, rt)
		case apiToken:
			err = s.authToken(r, c, rt)
		}
		if err == nil {
			err = rt.h(w, r, c)
		}
		if err != nil {
			s.renderError(w, r, c, err)
		}
	})
}

func (s *Server) authSession(w http.ResponseWriter, r *http.Request, c *reqCtx, rt route) error {
	ck, err := r.Cookie(sessionCookie)
	if err != nil {
		return errUnauthorized
	}
	sess, u, err := s.Auth.LookupSession(r.Context(), ck.Value)
	if errors.Is(err, auth.ErrNoSession) {
		s.clearCookie(w, r, sessionCookie)
		return errExpired
	}
	if err != nil {
		return err
	}
	c.Session, c.token = sess, ck.Value
	if _, err := r.Cookie(langCookie); err != nil {
		c.L = i18n.For(u.Lang)
	}
	if err := s.principal(r, c, u); err != nil {
		return err
	}
	if !permitted(u.Role, rt.perm) {
		return errForbidden
	}
	if r.Method == http.MethodPost {
		if err := r.ParseMultipartForm(32 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return errTooLarge
			}
			return badRequest(err.Error())
		}
		if r.PostFormValue("_csrf") != sess.CSRFToken {
			return errForbiddenCSRF
		}
	}
	return nil
}

func (s *Server) authToken(r *http.Request, c *reqCtx, rt route) error {
	c.API = true
	h := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || strings.TrimSpace(tok) == "" {
		return errUnauthorized
	}
	u, err := s.Auth.LookupToken(r.Context(), strings.TrimSpace(tok))
	if err != nil {
		return errUnauthorized
	}
	c.L = i18n.For(u.Lang)
	if err := s.principal(r, c, u); err != nil {
		return err
	}
	if !permitted(u.Role, rt.perm) {
		return errForbidden
	}
	return nil
}

func permitted(role auth.Role, p auth.Perm) bool { return p == "" || auth.Can(role, p) }

// principal fills the user, their instansi, the instansi being worked on and
// the OPD scope.
func (s *Server) principal(r *http.Request, c *reqCtx, u auth.User) error {
	ctx := r.Context()
	c.User, c.SignedIn = u, true
	own, err := tenant.Get(ctx, s.DB, u.InstansiID)
	if err != nil {
		return fmt.Errorf("instansi of user %d: %w", u.ID, err)
	}
	c.Own, c.Instansi, c.Visible = own, own, []tenant.Instansi{own}
	if u.Role != auth.RoleKepalaOPD && u.Role != auth.RoleASN {
		vis, err := tenant.Visible(ctx, s.DB, own)
		if err != nil {
			return err
		}
		c.Visible = vis
		want := r.URL.Query().Get("instansi")
		if want == "" {
			if ck, err := r.Cookie(instansiCookie); err == nil {
				want = ck.Value
			}
		}
		if id, err := strconv.ParseInt(want, 10, 64); err == nil {
			for _, i := range vis {
				if i.ID == id {
					c.Instansi = i
				}
			}
		}
	}
	if u.Role.ScopedToOPD() {
		tree, err := s.Reg.OPDs(ctx, own.ID)
		if err != nil {
			return err
		}
		c.OPDScope = registry.Subtree(tree, u.OPDID)
	}
	return nil
}

func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge time.Duration) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: s.opts.SecureCookies || isHTTPS(r), MaxAge: int(maxAge.Seconds())})
}

func (s *Server) clearCookie(w http.ResponseWriter, r *http.Request, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: s.opts.SecureCookies || isHTTPS(r), MaxAge: -1})
}

// securityHeaders sets the headers every response carries.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// recoverer turns a panic into a 500 and a log line.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("panic", "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
				s.renderError(w, r, nil, errInternal)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// safeNext keeps a post-sign-in redirect on this site.
func safeNext(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") {
		return "/"
	}
	return p
}
