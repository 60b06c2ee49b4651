package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/registry"
)

// postActivities sends body to POST /api/v1/activities and decodes the answer.
func (f *fixture) postActivities(token, contentType, body string, wantStatus int) map[string]any {
	f.t.Helper()
	req, _ := http.NewRequest("POST", f.TS.URL+"/api/v1/activities", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		f.t.Fatalf("POST activities: not JSON: %v", err)
	}
	if resp.StatusCode != wantStatus {
		f.t.Fatalf("POST activities: status %d, want %d: %v", resp.StatusCode, wantStatus, m)
	}
	return m
}

func externalIDs(m map[string]any) string {
	var out []string
	for _, it := range m["items"].([]any) {
		out = append(out, it.(map[string]any)["external_id"].(string))
	}
	return strings.Join(out, " ")
}

// activityFixture adds accounts for EmpIn1 (facebook budi.s, in OPD1's
// subtree) and EmpIn2 (x siti, OPD2) and posts five activities.
func activityFixture(t *testing.T) (*fixture, string) {
	f := newFixture(t)
	ctx := context.Background()
	for _, a := range []registry.Account{
		{InstansiID: f.Inst, EmployeeID: f.EmpIn1, Platform: "facebook", Handle: "budi.s"},
		{InstansiID: f.Inst, EmployeeID: f.EmpIn2, Platform: "x", Handle: "siti", PlatformID: "777"},
	} {
		if _, err := f.S.Reg.SaveAccount(ctx, audit.System("test"), a); err != nil {
			t.Fatal(err)
		}
	}
	tok := f.apiToken("tim")
	body := `[
 {"id":"f1","platform":"facebook","kind":"post","author":"@Budi.S","created_at":"2024-10-02T19:04:00+07:00","text":"Ayo coblos nomor 2 Untung-Nurul! #UNUR02 Pasti Untung"},
 {"id":"f2","platform":"facebook","kind":"post","author":"budi.s","text":"Rapat koordinasi dinas hari ini lancar."},
 {"id":"x1","platform":"twitter","kind":"share","author":"@x","author_id":"777","text":"mantap","context_text":"Ayo menangkan Prabowo-Gibran! Coblos 02"},
 {"id":"x2","platform":"x","kind":"like","author":"@nobody","context_text":"Ayo menangkan Prabowo-Gibran! Coblos 02"},
 {"id":"x3","platform":"x","kind":"post","author":"@nobody","text":"Selamat pagi semua"}
]`
	m := f.postActivities(tok, "application/json", body, 200)
	if m["accepted"] != 5.0 || m["duplicates"] != 0.0 || len(m["rejected"].([]any)) != 0 || m["attributed"] != 3.0 {
		t.Fatalf("post array: %v", m)
	}
	return f, tok
}

func TestAPIActivitiesPost(t *testing.T) {
	f, tok := activityFixture(t)
	// The same again: duplicates only.
	m := f.postActivities(tok, "", `[{"id":"f2","platform":"facebook","kind":"post","text":"x"}]`, 200)
	if m["accepted"] != 0.0 || m["duplicates"] != 1.0 {
		t.Fatalf("again: %v", m)
	}
	// JSON Lines with bad lines: the good ones are stored, the bad named by line.
	jsonl := `{"id":"l1","platform":"facebook","kind":"post","text":"halo"}` + "\n" +
		`{"id":"l2","platform":"facebook","text":"no kind"}` + "\n" +
		"\n" +
		`{broken` + "\n" +
		`{"id":"l5","platform":"facebook","kind":"comment","context_text":"halo juga"}` + "\n"
	m = f.postActivities(tok, "application/x-ndjson", jsonl, 200)
	rej := m["rejected"].([]any)
	if m["accepted"] != 2.0 || len(rej) != 2 || m["rejected_total"] != 2.0 {
		t.Fatalf("jsonl: %v", m)
	}
	r0, r1 := rej[0].(map[string]any), rej[1].(map[string]any)
	if r0["line"] != 2.0 || r0["id"] != "l2" || !strings.Contains(r0["error"].(string), "kind") || r1["line"] != 4.0 || r1["id"] != nil {
		t.Fatalf("rejected: %v", rej)
	}
	// CSV.
	m = f.postActivities(tok, "text/csv", "id,platform,kind,text,media_captions\nc1,facebook,photo,foto,baliho|spanduk\n", 200)
	if m["accepted"] != 1.0 {
		t.Fatalf("csv: %v", m)
	}
	// The answer matches the documented schema.
	doc := f.getJSON("/api/v1/openapi.json", "", 200)
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	checkActivitySchema(t, schemas, "IngestResult", m)
	// A body over the upload limit (50 MiB + 1 MiB) is 413.
	big := `{"id":"big","platform":"facebook","kind":"post","text":"` + strings.Repeat("a", 52<<20) + `"}`
	if m := f.postActivities(tok, "", big, http.StatusRequestEntityTooLarge); apiErrorCode(mustJSON(m)) != "too_large" {
		t.Fatalf("too large: %v", m)
	}
	// Roles without activity.ingest are refused.
	f.postActivities(f.apiToken("inspektorat"), "", "[]", http.StatusForbidden)
}

// checkActivitySchema is checkSchema for activity answers. The shared
// validator does not know the type "number" (screening scores): those are
// checked here instead.
func checkActivitySchema(t *testing.T, schemas map[string]any, name string, v any) {
	t.Helper()
	for _, p := range checkSchema(schemas, map[string]any{"$ref": "#/components/schemas/" + name}, v, "$") {
		if strings.HasSuffix(p, ".score: schema without a known type") {
			continue
		}
		t.Error(p)
	}
	var walk func(any)
	walk = func(x any) {
		switch y := x.(type) {
		case map[string]any:
			if sc, ok := y["score"]; ok {
				if n, ok := sc.(float64); !ok || n < 0 || n > 1 {
					t.Errorf("score %v is not a number in 0..1", sc)
				}
			}
			for _, z := range y {
				walk(z)
			}
		case []any:
			for _, z := range y {
				walk(z)
			}
		}
	}
	walk(v)
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestAPIActivitiesList(t *testing.T) {
	f, tok := activityFixture(t)
	// Another instansi's activities are never visible.
	tok2 := f.apiToken("admin2")
	f.postActivities(tok2, "", `{"id":"o1","platform":"facebook","kind":"post","author":"@budi.s","text":"Coblos 02 Prabowo-Gibran, ayo menangkan!"}`, 200)
	for _, c := range []struct{ query, want string }{
		{"", "x3 x2 x1 f2 f1"},
		{"?flagged=true", "x2 x1 f1"},
		{"?flagged=false", "x3 f2"},
		{"?platform=x", "x3 x2 x1"},
		{"?platform=twitter&kind=share", "x1"},
		{"?opd=1.01", "f2 f1"}, // includes the sub-unit 1.01.01
		{"?opd=" + itoa(f.OPD2), "x1"},
		{"?employee=" + itoa(f.EmpIn1) + "&flagged=true", "f1"},
		{"?attributed=false", "x3 x2"},
		{"?instansi=" + itoa(f.Inst2), "x3 x2 x1 f2 f1"}, // a kabupaten user cannot switch to a sibling
	} {
		m := f.getJSON("/api/v1/activities"+c.query, tok, 200)
		if got := externalIDs(m); got != c.want || m["total"] != float64(strings.Count(c.want, " ")+1) {
			t.Errorf("%s: %q (total %v), want %q", c.query, got, m["total"], c.want)
		}
	}
	m := f.getJSON("/api/v1/activities?limit=2", tok, 200)
	if externalIDs(m) != "x3 x2" || m["next"] == "" {
		t.Fatalf("page 1: %v", m)
	}
	m = f.getJSON("/api/v1/activities?limit=2&cursor="+m["next"].(string), tok, 200)
	if externalIDs(m) != "x1 f2" {
		t.Fatalf("page 2: %v", externalIDs(m))
	}
	for _, q := range []string{"?flagged=yes", "?kind=dance", "?opd=9.99", "?employee=abc", "?cursor=@@", "?limit=0", "?attributed=1"} {
		if st, _ := f.api("GET", "/api/v1/activities"+q, tok, ""); st.StatusCode != 400 {
			t.Errorf("%s: status %d, want 400", q, st.StatusCode)
		}
	}
	// Items carry the latest screening and the attribution, as documented.
	all := f.getJSON("/api/v1/activities?flagged=true&opd=1.01", tok, 200)
	it := all["items"].([]any)[0].(map[string]any)
	sc, at := it["screening"].(map[string]any), it["attribution"].(map[string]any)
	if sc["flagged"] != true || len(sc["targets"].([]any)) == 0 || sc["lexicon_version"] == "" || sc["election_version"] != 1.0 ||
		at["employee_id"] != float64(f.EmpIn1) || at["opd_id"] != float64(f.OPD1Sub) || at["handle"] != "budi.s" {
		t.Fatalf("item: %v", it)
	}
	doc := f.getJSON("/api/v1/openapi.json", "", 200)
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	checkActivitySchema(t, schemas, "ActivityList", f.getJSON("/api/v1/activities", tok, 200))
	one := f.getJSON("/api/v1/activities/"+itoa(int64(it["id"].(float64))), tok, 200)
	checkActivitySchema(t, schemas, "Activity", one)
	// kepala_opd: only OPD1's subtree, never unattributed records.
	kep := f.apiToken("kepala_opd")
	if got := externalIDs(f.getJSON("/api/v1/activities", kep, 200)); got != "f2 f1" {
		t.Fatalf("kepala_opd: %q", got)
	}
	if st, _ := f.api("GET", "/api/v1/activities?opd=1.02", kep, ""); st.StatusCode != 400 {
		t.Fatalf("kepala_opd outside scope: %d", st.StatusCode)
	}
	x1 := f.getJSON("/api/v1/activities?platform=x&kind=share", tok, 200)["items"].([]any)[0].(map[string]any)
	if st, _ := f.api("GET", "/api/v1/activities/"+itoa(int64(x1["id"].(float64))), kep, ""); st.StatusCode != 404 {
		t.Fatalf("kepala_opd GET outside scope: %d", st.StatusCode)
	}
	// Instansi 2 sees only its own record; instansi 1's are 404 there.
	if got := externalIDs(f.getJSON("/api/v1/activities", tok2, 200)); got != "o1" {
		t.Fatalf("instansi 2: %q", got)
	}
	if st, _ := f.api("GET", "/api/v1/activities/"+itoa(int64(x1["id"].(float64))), tok2, ""); st.StatusCode != 404 {
		t.Fatalf("cross-instansi GET: %d", st.StatusCode)
	}
	// Roles without activity.view are refused.
	if st, _ := f.api("GET", "/api/v1/activities", f.apiToken("pimpinan"), ""); st.StatusCode != 403 {
		t.Fatalf("pimpinan: %d", st.StatusCode)
	}
}
