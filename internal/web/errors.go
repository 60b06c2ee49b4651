package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"

	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/registry"
)

// httpError is an error with the HTTP status, the API code of the contract
// and a message key for people.
type httpError struct {
	Status int
	Code   string // invalid, unauthorized, forbidden, not_found, conflict, too_large, rate_limited, internal
	Key    string // i18n key
	Detail string // optional extra text (already safe to show)
}

func (e *httpError) Error() string { return e.Code + ": " + e.Key + " " + e.Detail }

var (
	errNotFound      = &httpError{http.StatusNotFound, "not_found", "err.not_found", ""}
	errForbidden     = &httpError{http.StatusForbidden, "forbidden", "err.forbidden", ""}
	errForbiddenCSRF = &httpError{http.StatusForbidden, "forbidden", "err.csrf", ""}
	errUnauthorized  = &httpError{http.StatusUnauthorized, "unauthorized", "err.unauthorized", ""}
	errExpired       = &httpError{http.StatusUnauthorized, "unauthorized", "login.expired", ""}
	errTooLarge      = &httpError{http.StatusRequestEntityTooLarge, "too_large", "err.too_large", ""}
	errInternal      = &httpError{http.StatusInternalServerError, "internal", "err.internal", ""}
)

func badRequest(detail string) error {
	return &httpError{http.StatusBadRequest, "invalid", "err.invalid", detail}
}

// classify maps any error to an httpError.
func classify(err error) *httpError {
	var he *httpError
	var fe *registry.FieldError
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &he):
		return he
	case errors.As(err, &mbe):
		return errTooLarge
	case errors.As(err, &fe):
		return &httpError{http.StatusBadRequest, "invalid", "err.invalid", fe.Field + ": " + fe.Message}
	case errors.Is(err, registry.ErrNotFound), errors.Is(err, db.ErrNotFound):
		return errNotFound
	case errors.Is(err, registry.ErrConflict):
		return &httpError{http.StatusConflict, "conflict", "err.conflict", ""}
	}
	return errInternal
}

// renderError answers with err as JSON (API and JSON clients) or as a page.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, c *reqCtx, err error) {
	he := classify(err)
	if he.Status >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if c == nil {
		c = s.anonCtx(r)
	}
	msg := c.L.T(he.Key)
	if he.Detail != "" {
		msg += " " + he.Detail
	}
	if he.Status == http.StatusTooManyRequests && w.Header().Get("Retry-After") == "" {
		w.Header().Set("Retry-After", retryAfter) // handlers_report_guard.go
	}
	if c.API || wantsJSON(r) {
		writeJSON(w, he.Status, map[string]any{"error": map[string]string{"code": he.Code, "message": msg}})
		return
	}
	if he.Status == http.StatusUnauthorized {
		q := url.Values{"next": {safeNext(r.URL.RequestURI())}}
		if he == errExpired {
			q.Set("expired", "1")
		}
		http.Redirect(w, r, "/masuk?"+q.Encode(), http.StatusSeeOther)
		return
	}
	s.renderStatus(w, r, c, he.Status, "error.html", c.L.T("err.title"), map[string]any{"Status": he.Status, "Message": msg})
}

func wantsJSON(r *http.Request) bool {
	return len(r.URL.Path) >= 5 && r.URL.Path[:5] == "/api/"
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}
