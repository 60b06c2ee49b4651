package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/monitor"
	"github.com/netral-asn/netral/internal/monitor/feedpoll"
	"github.com/netral-asn/netral/internal/registry"
)

// send makes one request with the client's cookies (and CSRF token for a
// POST form) or a bearer token, without following redirects.
func (c *client) send(method, path string, form url.Values, bearer string) (status int, location, body string) {
	c.f.t.Helper()
	var rd io.Reader
	if method == http.MethodPost {
		if form == nil {
			form = url.Values{}
		}
		if c.csrf != "" && form.Get("_csrf") == "" {
			form.Set("_csrf", c.csrf)
		}
		rd = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, c.f.TS.URL+path, rd)
	if err != nil {
		c.f.t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.f.t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

// apiErrorCode returns the code of a contract error body, "" when the body is not one.
func apiErrorCode(body string) string {
	var e struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	if json.Unmarshal([]byte(body), &e) != nil || e.Error.Message == "" {
		return ""
	}
	return e.Error.Code
}

// walkFixture adds to the fixture what the route walk needs beyond it: an
// account to delete, and a throw-away user with an API token to disable and
// revoke (so the walkers' own sessions survive the walk).
type walkFixture struct {
	*fixture
	Account  int64
	Victim   int64
	Token    int64
	Activity int64 // attributed to EmpIn1 (in kepala_opd's scope)
	Review   int64 // review item of a flagged activity of EmpIn1 (handlers_review.go)
	Except   int64 // an exception phrase of the review inbox
	Feed     int64 // an RSS feed of Account (handlers_feed.go)
	Capture  int64 // a capture attributed to EmpIn1 (handlers_capture.go)
}

func newWalkFixture(t *testing.T) *walkFixture {
	t.Helper()
	f := newFixture(t)
	ctx := context.Background()
	sys := audit.System("test")
	w := &walkFixture{fixture: f}
	a, err := f.S.Reg.SaveAccount(ctx, sys, registry.Account{InstansiID: f.Inst, EmployeeID: f.EmpIn1, Platform: "instagram", Handle: "budi.walk"})
	if err != nil {
		t.Fatal(err)
	}
	w.Account = a.ID
	fd, err := feedpoll.Add(ctx, f.DB, sys, feedpoll.NewFeed{InstansiID: f.Inst, AccountID: a.ID, Kind: feedpoll.KindRSS,
		URL: "http://127.0.0.1:9/walk.xml"}) // never fetched: the address guard refuses loopback
	if err != nil {
		t.Fatal(err)
	}
	w.Feed = fd.ID
	w.Capture = newWalkCapture(t, f)
	rec := `{"id":"walk-1","platform":"instagram","kind":"post","author":"@budi.walk","text":"Selamat pagi"}`
	if _, err := monitor.Ingest(ctx, f.DB, strings.NewReader(rec), monitor.IngestOptions{InstansiID: f.Inst,
		Source: monitor.SourceImport, Actor: sys}); err != nil {
		t.Fatal(err)
	}
	act, err := monitor.ByExternalID(ctx, f.DB, f.Inst, "instagram", "walk-1")
	if err != nil || act.Attribution == nil {
		t.Fatalf("walk activity: %v %+v", err, act)
	}
	w.Activity = act.ID
	flagged := `{"id":"walk-2","platform":"instagram","kind":"post","author":"@budi.walk","created_at":"2024-10-02T19:04:00+07:00","text":"Ayo coblos nomor 2 Untung-Nurul!"}`
	if _, err := monitor.Ingest(ctx, f.DB, strings.NewReader(flagged), monitor.IngestOptions{InstansiID: f.Inst,
		Source: monitor.SourceImport, Actor: sys}); err != nil {
		t.Fatal(err)
	}
	fa, err := monitor.ByExternalID(ctx, f.DB, f.Inst, "instagram", "walk-2")
	if err != nil {
		t.Fatal(err)
	}
	item, err := monitor.ReviewByActivity(ctx, f.DB, f.Inst, fa.ID)
	if err != nil {
		t.Fatalf("walk review item: %v", err)
	}
	w.Review = item.ID
	x, err := monitor.AddException(ctx, f.DB, sys, f.Inst, "Garuda Muda FC", "")
	if err != nil {
		t.Fatal(err)
	}
	w.Except = x.ID
	err = f.DB.InTx(ctx, func(tx *db.Tx) error {
		w.Victim, err = auth.CreateUser(ctx, tx, sys, auth.User{InstansiID: f.Inst, Username: "korban", FullName: "Korban Uji", Role: auth.RoleTim}, testPassword)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.S.Auth.CreateToken(ctx, sys, w.Victim, "walk"); err != nil {
		t.Fatal(err)
	}
	toks, err := f.S.Auth.Tokens(ctx, f.Inst)
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range toks {
		if tk.UserID == w.Victim {
			w.Token = tk.ID
		}
	}
	return w
}

var paramRe = regexp.MustCompile(`\{([a-zA-Z_]+)(\.\.\.)?\}`)

// walkPath turns a route pattern into a concrete path with fixture ids. A
// parameter is looked up by the pattern's literal prefix and its name, so a
// new route with a parameter fails loudly here until a value is given.
func (w *walkFixture) walkPath(t *testing.T, pattern string) string {
	values := map[string]string{
		"/pegawai/{id}":           itoa(w.EmpIn1), // in kepala_opd's scope
		"/pegawai/{aid}":          itoa(w.Account),
		"/pegawai/{fid}":          itoa(w.Feed),
		"/tangkapan/{id}":         itoa(w.Capture),
		"/pengguna/{id}":          itoa(w.Victim),
		"/pengguna/{tid}":         itoa(w.Token),
		"/api/v1/employees/{id}":  itoa(w.EmpIn1),
		"/api/v1/activities/{id}": itoa(w.Activity),
		"/bahasa/{lang}":          "id",
	}
	maps.Copy(values, w.reviewWalkValues())  // handlers_review_test.go
	maps.Copy(values, w.reportWalkValues(t)) // handlers_report_test.go
	maps.Copy(values, w.caseWalkValues(t))   // handlers_case_test.go
	maps.Copy(values, w.docsWalkValues(t))   // handlers_letterhead_test.go
	maps.Copy(values, docsCaseWalkValues())  // handlers_case_docs_test.go
	maps.Copy(values, caseFilesWalkValues()) // handlers_case_files_test.go
	subtreeExample := map[string]string{"/static/": "/static/netral.css"}
	if p, ok := subtreeExample[pattern]; ok {
		return p
	}
	if strings.HasSuffix(pattern, "/{$}") {
		return strings.TrimSuffix(pattern, "{$}")
	}
	if strings.HasSuffix(pattern, "/") && pattern != "/" {
		t.Fatalf("route %s: a subtree pattern needs an example path in walkPath", pattern)
	}
	prefix := pattern
	if i := strings.IndexByte(pattern, '{'); i >= 0 {
		prefix = pattern[:i]
	}
	return paramRe.ReplaceAllStringFunc(pattern, func(m string) string {
		name := paramRe.FindStringSubmatch(m)[1]
		v, ok := values[prefix+"{"+name+"}"]
		if !ok {
			t.Fatalf("route %s: no fixture value for {%s}: add %q to walkPath", pattern, name, prefix+"{"+name+"}")
		}
		return v
	})
}

// walkForms are form values that make a POST reach its real work (the walk is
// about permissions, so a request refused for other reasons would tell little).
func (w *walkFixture) walkForm(key, username string) url.Values {
	if v := caseWalkForm(key); v != nil { // handlers_case_test.go
		return v
	}
	switch key {
	case "POST /instansi":
		return url.Values{"instansi": {itoa(w.Inst)}}
	case "POST /masuk":
		return url.Values{"username": {username}, "password": {testPassword}}
	case "POST /deteksi/{id}/keputusan":
		return url.Values{"action": {"needs_info"}, "note": {"walk"}}
	case "POST /deteksi/pengecualian":
		return url.Values{"phrase": {"Banteng Muda"}}
	case "POST /deteksi/pengecualian/{xid}/status":
		return url.Values{"active": {"0"}}
	case "POST /pegawai/{id}/akun/{aid}/umpan":
		return url.Values{"kind": {"atom"}, "target": {"http://127.0.0.1:9/walk-" + username + ".xml"}}
	}
	return nil
}

// walkLast are routes that end the caller's session: walked after the others.
var walkLast = map[string]bool{"POST /keluar": true}

// walkOwnClient are routes called from a fresh client, so signing in does not
// replace the walker's session.
var walkOwnClient = map[string]bool{"POST /masuk": true}

// walkNotScoped are routes an OPD-scoped role (kepala OPD) is refused with
// 403 although it holds the route's permission: they show records that
// belong to no OPD (handlers_attribution.go).
var walkNotScoped = map[string]bool{"GET /aktivitas/tanpa-pemilik": true, "GET /api/v1/activities/unattributed": true}

// TestRouteWalkPermissions calls every route of the route table as anonymous
// and as every role, and checks the permission layer's answer: anonymous on a
// signed-in page → redirect to /masuk, on an API route → 401; a role without
// the route's permission → 403; a role with it → neither 401 nor 403.
func TestRouteWalkPermissions(t *testing.T) {
	w := newWalkFixture(t)
	routes := w.S.routes()
	// Walk order: the table's, except routes that end the session come last.
	order := make([]route, 0, len(routes))
	var last []route
	for _, rt := range routes {
		if walkLast[rt.method+" "+rt.pattern] {
			last = append(last, rt)
		} else {
			order = append(order, rt)
		}
	}
	order = append(order, last...)

	type caller struct {
		name  string
		role  auth.Role // "" for anonymous
		cl    *client
		token string
	}
	callers := []caller{{name: "anonymous", cl: w.anon()}}
	for _, role := range auth.Roles {
		cl := w.login(string(role))
		if cl.csrf == "" {
			t.Fatalf("%s: no CSRF token after sign-in", role)
		}
		callers = append(callers, caller{name: string(role), role: role, cl: cl, token: w.apiToken(string(role))})
	}

	walked := map[string]int{}
	for _, cr := range callers {
		for _, rt := range order {
			key := rt.method + " " + rt.pattern
			path := w.walkPath(t, rt.pattern)
			username := cr.name
			if cr.role == "" {
				username = "admin"
			}
			cl := cr.cl
			if walkOwnClient[key] {
				cl = w.anon()
			}
			bearer := ""
			if rt.access == apiToken {
				bearer = cr.token
			}
			status, loc, body := cl.send(rt.method, path, w.walkForm(key, username), bearer)
			walked[key]++
			where := fmt.Sprintf("%s as %s (%s %s)", key, cr.name, rt.method, path)
			holds := cr.role != "" && (rt.perm == "" || auth.Can(cr.role, rt.perm)) &&
				!(walkNotScoped[key] && cr.role.ScopedToOPD())
			if status >= 500 && status != http.StatusNotImplemented {
				t.Errorf("%s: server error %d: %.200s", where, status, body)
			}
			switch rt.access {
			case public, anonymous, setupOnly:
				if status == http.StatusUnauthorized || status == http.StatusForbidden {
					t.Errorf("%s: %d on a route open to everyone", where, status)
				}
			case signedIn:
				switch {
				case cr.role == "":
					if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/masuk") {
						t.Errorf("%s: want 303 to /masuk, got %d %q", where, status, loc)
					}
				case !holds:
					if status != http.StatusForbidden {
						t.Errorf("%s: role lacks %q: want 403, got %d", where, rt.perm, status)
					}
				default:
					if status == http.StatusUnauthorized || status == http.StatusForbidden ||
						(status == http.StatusSeeOther && strings.HasPrefix(loc, "/masuk?next=")) { // sent to sign in
						t.Errorf("%s: role holds %q but got %d %q: %.200s", where, rt.perm, status, loc, body)
					}
				}
			case apiToken:
				switch {
				case cr.role == "":
					if status != http.StatusUnauthorized || apiErrorCode(body) != "unauthorized" {
						t.Errorf("%s: want 401 unauthorized, got %d %.200s", where, status, body)
					}
					if st, _, b := cl.send(rt.method, path, nil, "ntr_not-a-real-token"); st != http.StatusUnauthorized || apiErrorCode(b) != "unauthorized" {
						t.Errorf("%s with a bad token: want 401 unauthorized, got %d %.200s", where, st, b)
					}
				case !holds:
					if status != http.StatusForbidden || apiErrorCode(body) != "forbidden" {
						t.Errorf("%s: role lacks %q: want 403 forbidden, got %d %.200s", where, rt.perm, status, body)
					}
				default:
					if status == http.StatusUnauthorized || status == http.StatusForbidden {
						t.Errorf("%s: role holds %q but got %d: %.200s", where, rt.perm, status, body)
					}
				}
			default:
				t.Errorf("%s: access %d not known to the walk", where, rt.access)
			}
		}
	}
	// Every route of the table was called by anonymous and by every role.
	var missing []string
	for _, rt := range routes {
		if n := walked[rt.method+" "+rt.pattern]; n != len(callers) {
			missing = append(missing, fmt.Sprintf("%s %s (%d of %d)", rt.method, rt.pattern, n, len(callers)))
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("routes not walked by every caller: %v", missing)
	}
	if len(walked) != len(routes) {
		t.Errorf("route table has duplicate method+pattern entries: %d routes, %d distinct", len(routes), len(walked))
	}
}
