package browser_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/demoseed"
	"github.com/netral-asn/netral/internal/registry"
)

// Social-media text is untrusted everywhere (issue 4): records whose every
// string field carries markup are ingested through the API, an employee is
// given a hostile name, and every page that shows them is opened in
// Chromium. No page may run the markup: window.__xss stays undefined, and
// the markup is shown as text.

// xssPayloads would each set window.__xss if a page wrote them as HTML.
var xssPayloads = []string{
	`<script>window.__xss=1</script>`,
	`<img src=x onerror="window.__xss=1">`,
	`"><svg onload=window.__xss=1>`,
	`</textarea><script>window.__xss=1</script>`,
}

// xssFlagged makes a record flagged, so that it enters the review inbox.
const xssFlagged = "coblos 02 Untung-Nurul #UNUR02"

// xssName is the hostile employee's name; xssHandle their account.
const (
	xssName   = `Ujixss <script>window.__xss=1</script><img src=x onerror="window.__xss=1"> Santoso`
	xssHandle = "ujixss.budi"
)

// xssRecords are activity records (contract scan.md §2) with a payload in
// every string field: one by xssHandle (so it is attributed to the hostile
// employee), and one a payload with hostile ids, authors and URLs.
func xssRecords() string {
	type rec struct {
		ID            string   `json:"id"`
		Platform      string   `json:"platform"`
		Kind          string   `json:"kind"`
		Author        string   `json:"author"`
		CreatedAt     string   `json:"created_at"`
		URL           string   `json:"url"`
		Text          string   `json:"text"`
		ContextText   string   `json:"context_text"`
		MediaCaptions []string `json:"media_captions"`
	}
	all := strings.Join(xssPayloads, " ")
	caps := make([]string, len(xssPayloads))
	for i, p := range xssPayloads {
		caps[i] = p + " " + xssFlagged
	}
	recs := []rec{{ID: "xss-attr-" + xssPayloads[0], Platform: "facebook", Kind: "post", Author: "@" + xssHandle,
		CreatedAt: "2024-10-02T19:04:00+07:00", URL: "javascript:window.__xss=1",
		Text: all + " " + xssFlagged, ContextText: all + " ayo " + xssFlagged, MediaCaptions: caps}}
	for i, p := range xssPayloads {
		recs = append(recs, rec{ID: fmt.Sprintf("xss-%d%s", i, p), Platform: "facebook", Kind: "comment",
			Author: "@x" + p, CreatedAt: "2024-10-03T08:00:00+07:00", URL: `javascript:window.__xss=1//"` + p,
			Text: p + " " + xssFlagged, ContextText: p + " pilih Untung-Nurul", MediaCaptions: []string{p, xssFlagged + " " + p}})
	}
	var b strings.Builder
	for _, r := range recs {
		j, _ := json.Marshal(r)
		b.Write(j)
		b.WriteByte('\n')
	}
	return b.String()
}

// apiCall calls the server's API with a bearer token and decodes the JSON answer.
func (s *session) apiCall(method, path, token, contentType, body string) map[string]any {
	s.t.Helper()
	req, _ := http.NewRequest(method, s.base+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil || resp.StatusCode != http.StatusOK {
		s.t.Fatalf("%s %s: HTTP %d: %s", method, path, resp.StatusCode, b)
	}
	return m
}

// xssSetup gives a demo employee a hostile name and an account, and
// ingests xssRecords through the API. It returns the admin's API token and
// the employee's id.
func xssSetup(t *testing.T, s *session) (string, int64) {
	ctx := context.Background()
	sys := audit.System("test")
	u, err := s.srv.Auth.UserByName(ctx, demoseed.AdminUser)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := s.srv.Auth.CreateToken(ctx, sys, u.ID, "xss-test")
	if err != nil {
		t.Fatal(err)
	}
	emps := s.apiCall("GET", "/api/v1/employees?limit=1", tok, "", "")["items"].([]any)
	if len(emps) == 0 {
		t.Fatal("the demo has no employee")
	}
	empID := int64(emps[0].(map[string]any)["id"].(float64))
	e, err := s.srv.Reg.Employee(ctx, u.InstansiID, empID)
	if err != nil {
		t.Fatal(err)
	}
	e.Name = xssName
	if _, err := s.srv.Reg.SaveEmployee(ctx, sys, e, time.Time{}, "test"); err != nil {
		t.Fatalf("hostile employee name: %v", err)
	}
	if _, err := s.srv.Reg.SaveAccount(ctx, sys, registry.Account{InstansiID: u.InstansiID, EmployeeID: empID,
		Platform: "facebook", Handle: xssHandle}); err != nil {
		t.Fatal(err)
	}
	m := s.apiCall("POST", "/api/v1/activities", tok, "application/x-ndjson", xssRecords())
	if m["accepted"] != float64(5) || m["flagged"] != float64(5) || m["attributed"] != float64(1) {
		t.Fatalf("ingest of the hostile records: %v", m)
	}
	return tok, empID
}

// xssCheck is the JavaScript that reports what of the payloads the page
// ran or made into elements, or "" when none.
const xssCheck = `(() => {
	const bad = [];
	if (typeof window.__xss !== "undefined") bad.push("window.__xss = " + String(window.__xss));
	for (const s of document.querySelectorAll("script")) {
		if (s.textContent.includes("__xss")) bad.push("script element: " + s.outerHTML.slice(0, 200));
	}
	for (const el of document.querySelectorAll("*")) {
		for (const a of el.attributes) {
			if (a.name.startsWith("on") && a.value.includes("__xss")) bad.push("handler: " + el.outerHTML.slice(0, 200));
		}
	}
	for (const el of document.querySelectorAll("svg, img[src=x]")) bad.push("element: " + el.outerHTML.slice(0, 200));
	for (const el of document.querySelectorAll("[href],[src],[action],[formaction]")) {
		for (const n of ["href", "src", "action", "formaction"]) {
			const v = el.getAttribute(n);
			if (v && /^\s*javascript:/i.test(v)) bad.push("javascript: URL: " + el.outerHTML.slice(0, 200));
		}
	}
	return bad.join("\n");
})()`

// checkNoXSS fails the test when the page ran or embedded a payload, and
// when shown is set, when the page does not show it as text.
func (s *session) checkNoXSS(page string, shown ...string) {
	s.t.Helper()
	s.do("let handlers fire", chromedp.Sleep(300*time.Millisecond)) // an <img onerror> fires after the failed load
	if bad := eval[string](s, xssCheck); bad != "" {
		s.errorf("%s runs or embeds untrusted markup:\n%s", page, bad)
	}
	body := s.body()
	for _, want := range shown {
		if !strings.Contains(body, want) {
			s.errorf("%s does not show %q as text", page, want)
		}
	}
}

func TestBrowserXSS(t *testing.T) {
	if os.Getenv(envRun) != "1" {
		t.Skipf("browser test: set %s=1 to run it (scripts/browser-test.sh does)", envRun)
	}
	s, _ := newSession(t)
	tok, empID := xssSetup(t, s)

	// Sign in as the admin.
	if st := s.open("/masuk"); st != http.StatusOK {
		s.fatalf("sign-in page: HTTP %d", st)
	}
	s.follow("sign in",
		chromedp.SendKeys(chromedp.CSS("#login-form input[name=username]"), demoseed.AdminUser),
		chromedp.SendKeys(chromedp.CSS("#login-form input[name=password]"), demoseed.Password),
		chromedp.Click(chromedp.CSS("#login-form button[type=submit]"), chromedp.NodeVisible))
	if p := s.path(); p != "/dasbor" {
		s.fatalf("after sign-in the admin is on %s, want /dasbor", p)
	}

	// The review items of the hostile records, from the inbox.
	if st := s.open("/deteksi?n=100"); st != http.StatusOK {
		s.fatalf("inbox: HTTP %d", st)
	}
	var items []string
	for _, h := range eval[[]string](s, `[...new Set([...document.querySelectorAll("a[href^='/deteksi/']")]
			.filter(a => a.innerText.includes("__xss") || a.closest("tr")?.innerText.includes("__xss"))
			.map(a => a.getAttribute("href")))]`) {
		if regexp.MustCompile(`^/deteksi/\d+$`).MatchString(h) {
			items = append(items, h)
		}
	}
	if len(items) != 5 {
		s.fatalf("inbox links %d hostile items, want 5: %q", len(items), items)
	}

	all := strings.Join(xssPayloads, " ")
	type page struct {
		path  string
		shown []string // text the page must show
	}
	pages := []page{
		{"/deteksi", xssPayloads},
		{"/deteksi?platform=facebook&n=100", xssPayloads},
		{"/deteksi?kind=comment", xssPayloads},
		{"/deteksi?sort=score&n=100", nil},
		{"/deteksi?platform=" + url.QueryEscape(all) + "&target=" + url.QueryEscape(all), nil},
		{"/pegawai/" + strconv.FormatInt(empID, 10), []string{xssName, "@" + xssHandle}},
		{"/pegawai?q=Ujixss", []string{xssName}},
		{"/pegawai?q=" + url.QueryEscape(all), nil},
	}
	for _, it := range items {
		pages = append(pages, page{it, nil})
	}
	for _, lang := range []string{"id", "en"} {
		if lang == "en" {
			s.follow("switch to English", chromedp.Click(chromedp.CSS(".lang a[href^='/bahasa/en']"), chromedp.NodeVisible))
		}
		for _, p := range pages {
			st := s.open(p.path)
			if st != http.StatusOK && st != http.StatusBadRequest {
				s.errorf("%s (%s): HTTP %d", p.path, lang, st)
				continue
			}
			s.checkNoXSS(p.path+" ("+lang+")", p.shown...)
			if got := eval[string](s, `document.documentElement.lang`); got != lang {
				s.errorf("%s: page language %q, want %q", p.path, got, lang)
			}
			if strings.HasPrefix(p.path, "/deteksi/") {
				// The item shows its text, author and captions as text.
				body := s.body()
				n := 0
				for _, pl := range xssPayloads {
					if strings.Contains(body, pl) {
						n++
					}
				}
				if n == 0 {
					s.errorf("%s (%s) shows none of the payloads as text", p.path, lang)
				}
				if st == http.StatusOK && !s.has("#item-employee") {
					s.errorf("%s (%s) has no #item-employee", p.path, lang)
				}
			}
		}
	}

	// The API answer opened in the browser is JSON, never a page.
	ctx, cancel := s.stepCtx()
	defer cancel()
	if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders,
		network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Authorization": "Bearer " + tok}}); err != nil {
		s.fatalf("set the API token: %v", err)
	}
	for _, p := range []string{"/api/v1/activities", "/api/v1/activities?flagged=true&limit=100"} {
		if st := s.open(p); st != http.StatusOK {
			s.fatalf("%s: HTTP %d", p, st)
		}
		if ct := eval[string](s, `document.contentType`); ct != "application/json" {
			s.errorf("%s: document type %q, want application/json", p, ct)
		}
		s.checkNoXSS(p)
		var list struct {
			Items []struct {
				ExternalID string `json:"external_id"`
				Text       string `json:"text"`
			} `json:"items"`
		}
		if err := json.Unmarshal([]byte(s.body()), &list); err != nil {
			s.fatalf("%s: the page is not the JSON answer: %v", p, err)
		}
		n := 0
		for _, a := range list.Items {
			if strings.HasPrefix(a.ExternalID, "xss-") && strings.Contains(a.Text, "window.__xss=1") {
				n++
			}
		}
		if n != 5 {
			s.errorf("%s: %d hostile records answered as sent, want 5", p, n)
		}
	}
}
