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
	"sync"
	"time"

	"github.com/netral-asn/netral/internal/nip"
	"github.com/netral-asn/netral/internal/workcal"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// templates holds one parsed set per page (the page plus the layout). The
// parsed sets are never executed: each time zone gets its own clone (made
// on first use) whose date and datetime functions show times there.
type templates struct {
	pages map[string]*template.Template
	mu    sync.Mutex
	zoned map[zonedPage]*template.Template
}

// zonedPage names a page's clone for a time zone.
type zonedPage struct {
	page string
	loc  *time.Location
}

// showDate is the civil date of t in loc ("26-11-2026"); "" for the zero time.
func showDate(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("02-01-2006")
}

// showDateTime is t in loc with the zone's label ("26-11-2026 09:00 WIB");
// "" for the zero time.
func showDateTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("02-01-2006 15:04 MST")
}

// zoneFuncs are the template functions that depend on the time zone.
func zoneFuncs(loc *time.Location) template.FuncMap {
	return template.FuncMap{
		"date":     func(t time.Time) string { return showDate(t, loc) },
		"datetime": func(t time.Time) string { return showDateTime(t, loc) },
	}
}

// page returns the template set of page showing times in loc.
func (t *templates) page(name string, loc *time.Location) (*template.Template, bool, error) {
	base, ok := t.pages[name]
	if !ok {
		return nil, false, nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	k := zonedPage{name, loc}
	if p, ok := t.zoned[k]; ok {
		return p, true, nil
	}
	p, err := base.Clone()
	if err != nil {
		return nil, true, fmt.Errorf("template %s: clone for %v: %w", name, loc, err)
	}
	p.Funcs(zoneFuncs(loc))
	if t.zoned == nil {
		t.zoned = map[zonedPage]*template.Template{}
	}
	t.zoned[k] = p
	return p, true, nil
}

// Zone is the time zone of the instansi being worked on (WIB, WITA or WIT
// by its region code): where times are shown and date-and-time inputs read.
func (c *reqCtx) Zone() *time.Location {
	if c == nil {
		return workcal.WIB
	}
	return workcal.ZoneForRegion(c.Instansi.Code)
}

// zoned is page data that belongs to an instansi other than the request's
// (the public report pages): its times are shown in that instansi's zone.
type zoned interface{ zone() *time.Location }

var funcs = template.FuncMap{
	"date":     func(t time.Time) string { return showDate(t, workcal.WIB) },
	"datetime": func(t time.Time) string { return showDateTime(t, workcal.WIB) },
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
	loc := c.Zone()
	if z, ok := data.(zoned); ok {
		loc = z.zone()
	}
	t, ok, err := s.tpl.page(page, loc)
	if !ok {
		s.log.Error("unknown template", "page", page)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if err != nil {
		s.log.Error("render", "page", page, "err", err)
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
