package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/nip"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// templates holds one parsed set per page (the page plus the layout).
type templates struct{ pages map[string]*template.Template }

var funcs = template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("02-01-2006")
	},
	"datetime": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Local().Format("02-01-2006 15:04")
	},
	"nipfmt": func(s string) string {
		if n, _, err := nip.Parse(s, time.Now()); err == nil {
			return n.Format()
		}
		return s
	},
	"indent": func(depth int) string { return strings.Repeat("— ", depth) },
	"query": func(kv ...any) template.URL {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			if s := fmt.Sprint(kv[i+1]); s != "" && s != "0" {
				v.Set(fmt.Sprint(kv[i]), s)
			}
		}
		return template.URL(v.Encode())
	},
}

func parseTemplates() (*templates, error) {
	t := &templates{pages: map[string]*template.Template{}}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		base := strings.TrimPrefix(n, "templates/")
		if base == "layout.html" {
			continue
		}
		p, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", n)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", base, err)
		}
		t.pages[base] = p
	}
	return t, nil
}

// view is what every page template receives.
type view struct {
	C     *reqCtx
	Title string
	Data  any
	Path  string
}

// L returns the localizer (templates call it with a message key).
func (v view) L() interface{ T(string, ...any) string } { return v.C.L }

// CSRF is the form token of the session.
func (v view) CSRF() string { return v.C.Session.CSRFToken }

// render writes page with the layout.
func (s *Server) render(w http.ResponseWriter, r *http.Request, c *reqCtx, page, title string, data any) {
	t, ok := s.tpl.pages[page]
	if !ok {
		s.log.Error("unknown template", "page", page)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, view{C: c, Title: title, Data: data, Path: r.URL.Path}); err != nil {
		s.log.Error("render", "page", page, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}

func (s *Server) static(w http.ResponseWriter, r *http.Request, _ *reqCtx) error {
	w.Header().Set("Cache-Control", "public, max-age=3600")
	http.FileServerFS(staticFS).ServeHTTP(w, r)
	return nil
}
