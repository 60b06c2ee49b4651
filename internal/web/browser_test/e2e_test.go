// Package browser_test drives Netral's pages in a real headless Chromium, the
// way a BKPSDM admin uses them: sign in, import a roster, find an employee,
// switch language and sign out.
//
// The test is skipped unless NETRAL_BROWSER_TEST=1. With it set, a missing
// Chromium is a failure, not a skip. scripts/browser-test.sh installs
// Chromium (Debian package) when needed and runs this package.
//
// The server runs in-process (httptest) over a fresh SQLite database seeded
// with the demo Pemda; Chromium is started by chromedp with a fresh profile
// and reaches nothing but the loopback address of that server.
package browser_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/demoseed"
	"github.com/netral-asn/netral/internal/i18n"
	"github.com/netral-asn/netral/internal/web"
)

const (
	// envRun must be "1" for the test to run.
	envRun = "NETRAL_BROWSER_TEST"
	// envChromium may name another Chromium or Chrome binary.
	envChromium = "NETRAL_CHROMIUM"
	// defaultChromium is where Debian's chromium package puts its launcher.
	defaultChromium = "/usr/bin/chromium"

	// importShot is the screenshot of the report of a successful import.
	importShot = "/tmp/netral-e2e-import.png"
	// rejectedShot is the screenshot of the report of a rejected import.
	rejectedShot = "/tmp/netral-e2e-import-rejected.png"

	stepTimeout = 30 * time.Second
)

// The employees of testdata/roster-good.csv and testdata/roster-bad.csv. Their
// names hold a word no demo employee has, so a search finds only them.
const (
	goodWord = "Ujicoba"  // the three rows of roster-good.csv
	badWord  = "Ujigagal" // the rows of roster-bad.csv, none of which may be saved

	citraName = "Citra Ujicoba Lestari, S.Kom."
	citraNIP  = "19880214 201503 1 987" // as the pages format it
	citraJab  = "Pranata Komputer Ahli Pertama"
	citraUnit = "Dinas Komunikasi dan Informatika" // OPD 2.05 of the demo
	citraAcct = "@citra.ujicoba"
)

var (
	idL = i18n.For("id")
	enL = i18n.For("en")
	// rawKey catches a message key shown instead of its text (i18n shows a
	// missing key as itself).
	rawKey = regexp.MustCompile(`\b(?:import|emp|acct|nav|dash|login|action|err|role|home)\.[a-z][a-z0-9_]+\b`)
)

// chromiumPath returns the browser to drive, failing the test when there is none.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv(envChromium); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("%s=%s: %v", envChromium, p, err)
		}
		return p
	}
	if _, err := os.Stat(defaultChromium); err == nil {
		return defaultChromium
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatalf("%s=1 but Chromium is not installed (%s not found): run scripts/browser-test.sh, "+
		"or apt-get install chromium, or set %s", envRun, defaultChromium, envChromium)
	return ""
}

// syncBuffer is a bytes.Buffer safe for concurrent writers (server log, browser output).
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// session is one browser tab on one Netral server.
type session struct {
	t         *testing.T
	tab       context.Context // the chromedp context of the tab
	base      string          // the server's URL, e.g. http://127.0.0.1:41234
	serverLog *syncBuffer
	chromeLog *syncBuffer
	failed    int         // failure screenshots taken
	db        *db.DB      // the server's database
	srv       *web.Server // the server
}

// newSession starts the server over a freshly seeded demo database and a
// headless Chromium with a fresh profile. It returns the session and the
// number of employees the demo seed wrote.
func newSession(t *testing.T) (*session, int) {
	t.Helper()
	chrome := chromiumPath(t)
	ctx := context.Background()
	tmp := t.TempDir() // removed after the browser has exited (cleanups run last-in first-out)

	d, err := db.Open(ctx, filepath.Join(tmp, "netral-e2e.db"))
	if err != nil {
		t.Fatalf("open database: %v", err)
	}
	t.Cleanup(func() { d.Close() })
	if err := d.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	seeded, err := demoseed.Seed(ctx, d)
	if err != nil {
		t.Fatalf("demo seed: %v", err)
	}
	if !seeded.Created || seeded.Employees == 0 {
		t.Fatalf("demo seed wrote nothing: %+v", seeded)
	}

	s := &session{t: t, serverLog: &syncBuffer{}, chromeLog: &syncBuffer{}, db: d}
	srv, err := web.New(d, web.Options{Logger: slog.New(slog.NewTextHandler(s.serverLog, nil))})
	if err != nil {
		t.Fatalf("web.New: %v", err)
	}
	s.srv = srv
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	s.base = ts.URL

	profile := filepath.Join(tmp, "chromium-profile")
	if err := os.Mkdir(profile, 0o700); err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chrome),
		chromedp.UserDataDir(profile),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter"),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("no-proxy-server", true), // only the loopback server is reached
		chromedp.Flag("lang", "id-ID"),
		chromedp.WindowSize(1280, 900),
		chromedp.CombinedOutput(s.chromeLog),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc) // waits for the browser to exit
	tab, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { _ = chromedp.Cancel(tab); cancelTab() })
	// The first action starts the browser; it must not run under a step's
	// timeout, or the browser would end with that step.
	start := time.Now()
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("start %s: %v\nbrowser output:\n%s", chrome, err, s.chromeLog)
	}
	t.Logf("Chromium %s started in %v; server at %s", chrome, time.Since(start).Round(time.Millisecond), s.base)
	s.tab = tab
	return s, seeded.Employees
}

// stepCtx limits one browser step.
func (s *session) stepCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(s.tab, stepTimeout)
}

// fatalf records the page the failure happened on and stops the test.
func (s *session) fatalf(format string, args ...any) {
	s.t.Helper()
	s.t.Fatal(s.describe(fmt.Sprintf(format, args...)))
}

// errorf records the page the failure happened on and lets the test go on.
func (s *session) errorf(format string, args ...any) {
	s.t.Helper()
	s.t.Error(s.describe(fmt.Sprintf(format, args...)))
}

// describe adds to msg what the browser shows (screenshot, address, text)
// and the end of the server's log.
func (s *session) describe(msg string) string {
	s.failed++
	shot := fmt.Sprintf("/tmp/netral-e2e-failure-%d.png", s.failed)
	ctx, cancel := context.WithTimeout(s.tab, 10*time.Second)
	defer cancel()
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil && os.WriteFile(shot, png, 0o644) == nil {
		msg += "\nscreenshot: " + shot
	}
	if loc, err := chromedp.Run(ctx, chromedp.Location()); err == nil {
		msg += "\npage: " + loc
	}
	if txt, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`)); err == nil {
		msg += "\npage text:\n" + indent(clip(txt, 3000))
	}
	if l := s.serverLog.String(); l != "" {
		msg += "\nserver log (end):\n" + indent(clipTail(l, 2000))
	}
	return msg
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

func clipTail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

func indent(s string) string {
	return "\t" + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n\t")
}

// open loads path and returns the HTTP status of the document (after redirects).
func (s *session) open(path string) int64 {
	s.t.Helper()
	ctx, cancel := s.stepCtx()
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(s.base+path))
	if err != nil {
		s.fatalf("open %s: %v", path, err)
	}
	return resp.Status
}

// do runs actions that load no new page.
func (s *session) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	s.t.Helper()
	ctx, cancel := s.stepCtx()
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		s.fatalf("%s: %v", what, err)
	}
}

// follow runs actions that load a new page (a click on a link or a submit
// button) and returns the response of the page loaded last.
func (s *session) follow(what string, actions ...chromedp.Action[chromedp.Void]) *network.Response {
	s.t.Helper()
	ctx, cancel := s.stepCtx()
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		s.fatalf("%s: %v", what, err)
	}
	return resp
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](s *session, expr string) T {
	s.t.Helper()
	ctx, cancel := s.stepCtx()
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		s.fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// has reports whether an element matches the CSS selector now, without waiting.
func (s *session) has(css string) bool {
	s.t.Helper()
	return eval[bool](s, fmt.Sprintf("document.querySelector(%s) !== null", strconv.Quote(css)))
}

// text returns the visible text of the first element matching css, which
// must be on the page.
func (s *session) text(css string) string {
	s.t.Helper()
	if !s.has(css) {
		s.fatalf("no element %s on the page", css)
	}
	return strings.TrimSpace(eval[string](s, fmt.Sprintf("document.querySelector(%s).innerText", strconv.Quote(css))))
}

// body returns the page's visible text.
func (s *session) body() string {
	s.t.Helper()
	return eval[string](s, `document.body.innerText`)
}

// path returns the path and query of the page shown.
func (s *session) path() string {
	s.t.Helper()
	return eval[string](s, `location.pathname + location.search`)
}

// checkPage checks what every page must be: in the language asked for, with
// a title, and with no message key shown in place of its text.
func (s *session) checkPage(lang string) {
	s.t.Helper()
	if got := eval[string](s, `document.documentElement.lang`); got != lang {
		s.fatalf("page language is %q, want %q", got, lang)
	}
	if h1 := s.text("h1"); h1 == "" {
		s.fatalf("page has an empty <h1>")
	}
	if m := rawKey.FindString(s.body()); m != "" {
		s.fatalf("page shows the message key %q instead of its text", m)
	}
}

// screenshot saves the whole page as a PNG.
func (s *session) screenshot(file string) {
	s.t.Helper()
	ctx, cancel := s.stepCtx()
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		s.fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(file, png, 0o644); err != nil {
		s.t.Fatal(err)
	}
	s.t.Logf("screenshot: %s (%d bytes)", file, len(png))
}

// dashboardCount opens the dashboard and returns the employee count it shows.
func (s *session) dashboardCount() int {
	s.t.Helper()
	if st := s.open("/dasbor"); st != http.StatusOK {
		s.fatalf("dashboard: HTTP %d", st)
	}
	txt := s.text("#stat-employees")
	n, err := strconv.Atoi(strings.NewReplacer(".", "", ",", "", " ", "").Replace(txt))
	if err != nil {
		s.fatalf("dashboard employee count %q is not a number", txt)
	}
	return n
}

// searchCount opens the employee list searched for q and returns how many rows it shows.
func (s *session) searchCount(q string) int {
	s.t.Helper()
	if st := s.open("/pegawai?q=" + url.QueryEscape(q)); st != http.StatusOK {
		s.fatalf("employee list ?q=%s: HTTP %d", q, st)
	}
	n := eval[int](s, `document.querySelectorAll("#employees tbody tr").length`)
	if n == 0 && !s.has("#no-employees") {
		s.fatalf("employee list ?q=%s shows neither rows nor the no-employees message", q)
	}
	return n
}

// importFile uploads a roster file on /impor and returns the HTTP status of the report.
func (s *session) importFile(file string, dryRun bool) int64 {
	s.t.Helper()
	abs, err := filepath.Abs(file)
	if err != nil {
		s.t.Fatal(err)
	}
	if st := s.open("/impor"); st != http.StatusOK {
		s.fatalf("import page: HTTP %d", st)
	}
	s.checkPage("id")
	s.do("choose the file", chromedp.SetUploadFiles(chromedp.CSS("#import-form input[type=file][name=file]"), []string{abs}))
	if dryRun {
		s.do("tick dry run", chromedp.Click(chromedp.CSS(`#import-form input[type=checkbox][name=dry_run]`), chromedp.NodeVisible))
	}
	if got := eval[bool](s, `document.querySelector('#import-form input[name=dry_run]').checked`); got != dryRun {
		s.fatalf("dry-run box checked = %v, want %v", got, dryRun)
	}
	resp := s.follow("submit the import", chromedp.Click(chromedp.CSS("#import-form button[type=submit]"), chromedp.NodeVisible))
	if p := s.path(); p != "/impor" {
		s.fatalf("import report at %s, want /impor", p)
	}
	s.checkPage("id")
	if !strings.Contains(s.body(), filepath.Base(file)) {
		s.fatalf("import report does not name the file %s", filepath.Base(file))
	}
	return resp.Status
}

// counts returns the added, updated and unchanged counts of an import report.
func (s *session) counts() (added, updated, unchanged string) {
	s.t.Helper()
	return s.text("#count-added"), s.text("#count-updated"), s.text("#count-unchanged")
}

// problem is one row of the table of problems of a rejected import.
type problem struct {
	Row, Column, Message string
}

func TestBrowserEndToEnd(t *testing.T) {
	if os.Getenv(envRun) != "1" {
		t.Skipf("browser test: set %s=1 to run it (scripts/browser-test.sh does)", envRun)
	}
	// Screenshots of an earlier run must not pass for this one's.
	old, _ := filepath.Glob("/tmp/netral-e2e-failure-*.png")
	for _, f := range append(old, importShot, rejectedShot) {
		_ = os.Remove(f)
	}
	began := time.Now()
	s, seeded := newSession(t)
	// timed runs one step as a subtest. A step that stopped (Fatal) ends
	// the test, since each step needs the state the ones before it left; a
	// step that only reported errors lets the next ones run.
	timed := func(name string, f func(t *testing.T)) {
		t.Helper()
		t0 := time.Now()
		finished := false
		t.Run(name, func(t *testing.T) {
			s.t = t
			f(t)
			finished = true
		})
		s.t = t
		t.Logf("%-26s %v", name, time.Since(t0).Round(time.Millisecond))
		if !finished {
			t.FailNow()
		}
	}

	timed("wrong_password", func(t *testing.T) {
		if st := s.open("/masuk"); st != http.StatusOK {
			s.fatalf("sign-in page: HTTP %d", st)
		}
		s.checkPage("id")
		if !s.has("form#login-form") {
			s.fatalf("no #login-form on /masuk")
		}
		resp := s.follow("sign in with a wrong password",
			chromedp.SendKeys(chromedp.CSS("#login-form input[name=username]"), demoseed.AdminUser),
			chromedp.SendKeys(chromedp.CSS("#login-form input[name=password]"), "bukan-sandi-yang-benar"),
			chromedp.Click(chromedp.CSS("#login-form button[type=submit]"), chromedp.NodeVisible))
		if resp.Status != http.StatusUnauthorized {
			s.fatalf("wrong password: HTTP %d, want %d", resp.Status, http.StatusUnauthorized)
		}
		if p := s.path(); !strings.HasPrefix(p, "/masuk") {
			s.fatalf("after a wrong password the page is %s, want /masuk", p)
		}
		if got, want := s.text(".error[role=alert]"), idL.T("login.bad"); got != want {
			s.fatalf("error shown: %q, want %q", got, want)
		}
		if got := eval[string](s, `document.querySelector('#login-form input[name=password]').value`); got != "" {
			s.fatalf("the password field kept the wrong password")
		}
	})

	timed("sign_in_dashboard", func(t *testing.T) {
		ctx, cancel := s.stepCtx()
		defer cancel()
		resp, err := chromedp.RunResponse(ctx,
			chromedp.Clear(chromedp.CSS("#login-form input[name=username]")),
			chromedp.SendKeys(chromedp.CSS("#login-form input[name=username]"), demoseed.AdminUser),
			chromedp.SendKeys(chromedp.CSS("#login-form input[name=password]"), demoseed.Password),
			chromedp.Click(chromedp.CSS("#login-form button[type=submit]"), chromedp.NodeVisible))
		switch {
		case err != nil:
			// Reported, then the dashboard is opened by hand, so that the
			// steps after this one still run when the session was made.
			s.errorf("sign in as admin from /masuk: %v", err)
			if st := s.open("/dasbor"); st != http.StatusOK {
				s.fatalf("dashboard after sign-in: HTTP %d", st)
			}
		case resp.Status != http.StatusOK:
			s.fatalf("sign in: HTTP %d", resp.Status)
		}
		if p := s.path(); p != "/dasbor" {
			s.fatalf("after sign-in the admin is on %s, want /dasbor", p)
		}
		s.checkPage("id")
		if got, want := s.text("h1"), idL.T("dash.title"); got != want {
			s.fatalf("dashboard title %q, want %q", got, want)
		}
		if n := s.text("#stat-employees"); n != strconv.Itoa(seeded) {
			s.fatalf("dashboard shows %s employees, want %d (the demo seed)", n, seeded)
		}
		if !s.has("#logout") {
			s.fatalf("no sign-out button")
		}
	})

	timed("import_dry_run", func(t *testing.T) {
		if st := s.importFile("testdata/roster-good.csv", true); st != http.StatusOK {
			s.fatalf("dry run: HTTP %d", st)
		}
		if !s.has("#import-dry-run") || s.has("#import-done") {
			s.fatalf("the report does not say it was a dry run")
		}
		if a, u, n := s.counts(); a != "3" || u != "0" || n != "0" {
			s.fatalf("dry run counts added/updated/unchanged = %s/%s/%s, want 3/0/0", a, u, n)
		}
		if n := s.searchCount(goodWord); n != 0 {
			s.fatalf("the dry run saved %d employees", n)
		}
	})

	timed("import_good", func(t *testing.T) {
		if st := s.importFile("testdata/roster-good.csv", false); st != http.StatusOK {
			s.fatalf("import: HTTP %d", st)
		}
		if !s.has("#import-done") || s.has("#import-dry-run") || s.has("#import-rejected") {
			s.fatalf("the report does not say the import was done")
		}
		if got, want := s.text("#import-done"), idL.T("import.done"); got != want {
			s.fatalf("import notice %q, want %q", got, want)
		}
		if a, u, n := s.counts(); a != "3" || u != "0" || n != "0" {
			s.fatalf("import counts added/updated/unchanged = %s/%s/%s, want 3/0/0", a, u, n)
		}
		s.screenshot(importShot)
		if n := s.searchCount(goodWord); n != 3 {
			s.fatalf("employee list ?q=%s shows %d rows after the import, want 3", goodWord, n)
		}
		if n := s.dashboardCount(); n != seeded+3 {
			s.fatalf("dashboard shows %d employees after the import, want %d", n, seeded+3)
		}
	})

	timed("import_rejected", func(t *testing.T) {
		if st := s.importFile("testdata/roster-bad.csv", false); st != http.StatusBadRequest {
			s.fatalf("rejected import: HTTP %d, want %d", st, http.StatusBadRequest)
		}
		if !s.has("#import-rejected") || s.has("#import-done") || s.has("#import-counts") {
			s.fatalf("the report does not say the file was rejected")
		}
		var probs []problem
		for _, r := range eval[[][]string](s, `[...document.querySelectorAll("#import-problems tbody tr")].map(
				tr => [...tr.querySelectorAll("td")].map(td => td.innerText.trim()))`) {
			if len(r) != 3 {
				s.fatalf("problem row has %d cells, want 3: %q", len(r), r)
			}
			probs = append(probs, problem{Row: r[0], Column: r[1], Message: r[2]})
		}
		want := []struct{ row, column, inMessage string }{
			{"2", "nip", "17"},          // 17 digits instead of 18
			{"3", "unit_kerja", "9.99"}, // no such OPD in the demo Pemda
		}
		if len(probs) != len(want) {
			s.fatalf("%d problems shown, want %d: %+v", len(probs), len(want), probs)
		}
		for i, w := range want {
			p := probs[i]
			if p.Row != w.row || p.Column != w.column || !strings.Contains(p.Message, w.inMessage) {
				s.fatalf("problem %d is %+v, want row %s, column %s, a message naming %q", i+1, p, w.row, w.column, w.inMessage)
			}
		}
		s.screenshot(rejectedShot)
		if n := s.searchCount(badWord); n != 0 {
			s.fatalf("the rejected import saved %d employees (the file's valid row must not be saved either)", n)
		}
		if n := s.dashboardCount(); n != seeded+3 {
			s.fatalf("dashboard shows %d employees after the rejected import, want %d", n, seeded+3)
		}
	})

	var employeePath string
	timed("search_and_open_employee", func(t *testing.T) {
		if st := s.open("/pegawai"); st != http.StatusOK {
			s.fatalf("employee list: HTTP %d", st)
		}
		s.checkPage("id")
		s.follow("search the list",
			chromedp.SendKeys(chromedp.CSS("#employee-search input[name=q]"), "Citra "+goodWord),
			chromedp.Click(chromedp.CSS("#employee-search button[type=submit]"), chromedp.NodeVisible))
		if p, err := url.Parse(s.path()); err != nil || p.Path != "/pegawai" || p.Query().Get("q") != "Citra "+goodWord {
			s.fatalf("search went to %s, want /pegawai?q=Citra+%s", s.path(), goodWord)
		}
		if n := eval[int](s, `document.querySelectorAll("#employees tbody tr").length`); n != 1 {
			s.fatalf("search shows %d rows, want 1", n)
		}
		row := s.text("#employees tbody tr")
		for _, want := range []string{citraNIP, citraName, "PNS", citraJab, citraUnit} {
			if !strings.Contains(row, want) {
				s.fatalf("result row %q lacks %q", row, want)
			}
		}
		s.follow("open the employee", chromedp.Click(chromedp.CSS("#employees tbody tr a[href^='/pegawai/']"), chromedp.NodeVisible))
		employeePath = s.path()
		if !regexp.MustCompile(`^/pegawai/\d+$`).MatchString(employeePath) {
			s.fatalf("employee page at %s, want /pegawai/ID", employeePath)
		}
		s.checkPage("id")
		if got := s.text("h1"); !strings.Contains(got, "Citra "+goodWord) {
			s.fatalf("employee page title %q, want the employee's name", got)
		}
		if got := s.text("#emp-nip"); got != citraNIP {
			s.fatalf("NIP shown %q, want %q", got, citraNIP)
		}
		if got := s.text("#emp-jabatan"); got != citraJab {
			s.fatalf("position shown %q, want %q", got, citraJab)
		}
		if hist := s.text("#positions"); !strings.Contains(hist, idL.T("emp.source_import")) {
			s.fatalf("position history %q does not say it came from an import", hist)
		}
		if acc := s.text("#accounts"); !strings.Contains(acc, citraAcct) {
			s.fatalf("accounts %q lack the imported %s", acc, citraAcct)
		}
	})

	timed("switch_to_english", func(t *testing.T) {
		link := chromedp.CSS(".lang a[href^='/bahasa/en']")
		s.follow("click English", chromedp.Click(link, chromedp.NodeVisible))
		if p := s.path(); p != employeePath {
			s.fatalf("after switching language the page is %s, want %s", p, employeePath)
		}
		s.checkPage("en")
		if got, want := s.text("#logout"), enL.T("nav.logout"); got != want {
			s.fatalf("sign-out button says %q, want %q", got, want)
		}
		body := s.body()
		for _, key := range []string{"nav.employees", "nav.import", "emp.history", "acct.title"} {
			if want := enL.T(key); !strings.Contains(body, want) {
				s.fatalf("English page lacks %q (%s)", want, key)
			}
		}
		if id := idL.T("emp.history"); id != enL.T("emp.history") && strings.Contains(body, id) {
			s.fatalf("English page still shows the Indonesian %q", id)
		}
		// The choice sticks on the next page.
		if st := s.open("/pegawai?q=" + goodWord); st != http.StatusOK {
			s.fatalf("employee list: HTTP %d", st)
		}
		s.checkPage("en")
		if got, want := s.text("h1"), enL.T("emp.list_title"); got != want {
			s.fatalf("employee list title %q, want %q", got, want)
		}
	})

	timed("sign_out", func(t *testing.T) {
		s.follow("sign out", chromedp.Click(chromedp.CSS("#logout"), chromedp.NodeVisible))
		if p := s.path(); !strings.HasPrefix(p, "/masuk") {
			s.fatalf("after sign-out the page is %s, want /masuk", p)
		}
		s.checkPage("en")
		if got, want := s.text("h1"), enL.T("login.title"); got != want {
			s.fatalf("sign-in page title %q, want %q", got, want)
		}
		// The session is gone: the dashboard sends the browser back to sign in.
		s.open("/dasbor")
		if p := s.path(); !strings.HasPrefix(p, "/masuk") {
			s.fatalf("after sign-out /dasbor shows %s, want the sign-in page", p)
		}
		if s.has("#logout") {
			s.fatalf("a sign-out button is still shown")
		}
	})

	t.Logf("browser end-to-end test: %v in all", time.Since(began).Round(time.Millisecond))
}
