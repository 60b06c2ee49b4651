package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/registry"
)

// Social-media text is untrusted everywhere (issue 4): every string field of
// an ingested activity, an employee's name and a reflected query parameter
// carry markup, and no page may write any of it as markup.

// xssPayloads would each set window.__xss if a page wrote them as HTML.
var xssPayloads = []string{
	`<script>window.__xss=1</script>`,
	`<img src=x onerror="window.__xss=1">`,
	`"><svg onload=window.__xss=1>`,
	`</textarea><script>window.__xss=1</script>`,
}

// xssAll is every payload in one string.
var xssAll = strings.Join(xssPayloads, " ")

// xssFlagged makes a record flagged, so that it enters the review inbox.
const xssFlagged = "coblos 02 Untung-Nurul #UNUR02"

// xssRecords are activity records (contract scan.md §2) with a payload in
// every string field. The first is by the account of the hostile employee
// (so it is attributed); the others have hostile ids, authors and URLs.
func xssRecords(handle string) string {
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
	caps := append([]string{}, xssPayloads...)
	for i := range caps {
		caps[i] += " " + xssFlagged
	}
	recs := []rec{
		{ID: "xss-attr-" + xssPayloads[0], Platform: "facebook", Kind: "post", Author: "@" + handle,
			CreatedAt: "2024-10-02T19:04:00+07:00", URL: "javascript:window.__xss=1",
			Text: xssAll + " " + xssFlagged, ContextText: xssAll + " ayo " + xssFlagged, MediaCaptions: caps},
	}
	for i, p := range xssPayloads {
		recs = append(recs, rec{ID: "xss-" + string(rune('a'+i)) + p, Platform: "facebook", Kind: "comment",
			Author: "@x" + p, CreatedAt: "2024-10-03T08:00:00+07:00", URL: `javascript:alert(1)//"` + p,
			Text: p + " " + xssFlagged, ContextText: p + " pilih Untung-Nurul", MediaCaptions: []string{p, xssFlagged + p}})
	}
	var b strings.Builder
	for _, r := range recs {
		j, _ := json.Marshal(r)
		b.Write(j)
		b.WriteByte('\n')
	}
	return b.String()
}

// xssName is the hostile employee's name.
const xssName = `Budi <script>window.__xss=1</script><img src=x onerror="window.__xss=1"> Santoso`

// xssFixtureData sets up the hostile data: EmpIn1 renamed to xssName,
// given an account, and the records of xssRecords ingested through the
// API. It returns the API token of admin.
func xssFixtureData(t *testing.T, f *fixture) string {
	t.Helper()
	ctx := context.Background()
	sys := audit.System("test")
	e, err := f.S.Reg.Employee(ctx, f.Inst, f.EmpIn1)
	if err != nil {
		t.Fatal(err)
	}
	e.Name = xssName
	if _, err := f.S.Reg.SaveEmployee(ctx, sys, e, timeZero, "test"); err != nil {
		t.Fatalf("hostile employee name: %v", err)
	}
	if _, err := f.S.Reg.SaveAccount(ctx, sys, registry.Account{InstansiID: f.Inst, EmployeeID: f.EmpIn1,
		Platform: "facebook", Handle: "budi.xss"}); err != nil {
		t.Fatal(err)
	}
	tok := f.apiToken("admin")
	m := f.postActivities(tok, "application/x-ndjson", xssRecords("budi.xss"), http.StatusOK)
	if m["accepted"].(float64) != 5 || m["flagged"].(float64) != 5 || m["attributed"].(float64) != 1 {
		t.Fatalf("ingest of hostile records: %v", m)
	}
	return tok
}

// rawPayload finds a payload written as markup.
var rawPayload = regexp.MustCompile(`(?i)<script>window\.__xss|<img src=x|<svg onload|</textarea><script|onerror="window|href="javascript:`)

// escapedPayload is a payload written as text.
var escapedPayload = regexp.MustCompile(`&lt;(script&gt;window\.__xss=1&lt;/script&gt;|img src=x onerror=|svg onload=|/textarea&gt;&lt;script&gt;)`)

func TestXSSPagesEscapeUntrustedText(t *testing.T) {
	f := newFixture(t)
	tok := xssFixtureData(t, f)
	c := f.login("admin")

	// The review items of the hostile records, from the inbox.
	_, inbox := c.get("/deteksi")
	ids := regexp.MustCompile(`href="/deteksi/(\d+)"`).FindAllStringSubmatch(inbox, -1)
	items := map[string]bool{}
	for _, m := range ids {
		items[m[1]] = true
	}
	if len(items) < 5 {
		t.Fatalf("inbox links %d items, want the 5 hostile ones:\n%s", len(items), inbox)
	}

	pages := []string{
		"/deteksi",
		"/deteksi?platform=facebook",
		"/deteksi?kind=comment",
		"/deteksi?sort=score",
		"/deteksi?platform=" + url.QueryEscape(xssAll) + "&target=" + url.QueryEscape(xssAll),
		"/pegawai/" + itoa(f.EmpIn1),
		"/pegawai?q=" + url.QueryEscape("Budi"),
		"/pegawai?q=" + url.QueryEscape(xssAll),
	}
	for id := range items {
		pages = append(pages, "/deteksi/"+id)
	}
	check := func(lang string) {
		for _, p := range pages {
			resp, body := c.get(p)
			if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusBadRequest {
				t.Errorf("%s %s: HTTP %d", lang, p, resp.StatusCode)
				continue
			}
			if m := rawPayload.FindStringIndex(body); m != nil {
				t.Errorf("%s %s writes a payload as markup: …%s…", lang, p, body[max(0, m[0]-200):min(len(body), m[1]+200)])
			}
			if strings.Contains(p, "/deteksi/") || strings.HasPrefix(p, "/pegawai/") {
				if !escapedPayload.MatchString(body) {
					t.Errorf("%s %s does not show the payload as escaped text", lang, p)
				}
			}
		}
	}
	check("id")
	if resp, _ := c.get("/bahasa/en?next=/deteksi"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("switch to English: HTTP %d", resp.StatusCode)
	}
	check("en")

	// The API answers JSON (never HTML) with the markup escaped.
	for _, p := range []string{"/api/v1/activities", "/api/v1/activities?flagged=true"} {
		resp, body := f.api("GET", p, tok, "")
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Fatalf("%s: HTTP %d, %s", p, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no X-Content-Type-Options: nosniff", p)
		}
		if strings.Contains(body, "<script") || strings.Contains(body, "<img") || strings.Contains(body, "<svg") {
			t.Errorf("%s writes raw markup in JSON", p)
		}
		var list struct {
			Items []apiActivity `json:"items"`
		}
		if err := json.Unmarshal([]byte(body), &list); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		got := 0
		for _, a := range list.Items {
			if strings.HasPrefix(a.ExternalID, "xss-") && a.Text != nil && strings.Contains(*a.Text, "window.__xss=1") {
				got++ // stored and answered as it was sent
			}
		}
		if got != 5 {
			t.Errorf("%s: %d hostile records answered intact, want 5", p, got)
		}
	}
}
