package web

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/monitor"
	"github.com/netral-asn/netral/internal/registry"
)

// attrRecords are unattributed records of instansi 99.01: three by
// @pak.camat on facebook (one flagged), one by @warga on instagram, one
// flagged record without an author.
const attrRecords = `{"id":"p1","platform":"facebook","kind":"post","author":"@Pak.Camat","created_at":"2024-09-01T08:00:00+07:00","text":"Rapat pagi"}
{"id":"p2","platform":"facebook","kind":"post","author":"pak.camat","created_at":"2024-10-02T08:00:00+07:00","text":"Ayo coblos nomor 2 Untung-Nurul! #UNUR02 Pasti Untung"}
{"id":"p3","platform":"facebook","kind":"comment","author":"https://www.facebook.com/pak.camat/","text":"setuju"}
{"id":"w1","platform":"instagram","kind":"post","author":"@warga","text":"pagi"}
{"id":"n1","platform":"facebook","kind":"post","author":"","text":"Ayo coblos nomor 2 Untung-Nurul! #UNUR02"}`

// attrFixture ingests attrRecords into instansi 99.01 and one record of the
// same handle into instansi 32.16.
func attrFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	ctx := context.Background()
	sys := audit.System("test")
	for inst, recs := range map[int64]string{
		f.Inst:  attrRecords,
		f.Inst2: `{"id":"o1","platform":"facebook","kind":"post","author":"@pak.camat","text":"Ayo coblos nomor 2 Untung-Nurul! #UNUR02"}`,
	} {
		if _, err := monitor.Ingest(ctx, f.DB, strings.NewReader(recs), monitor.IngestOptions{InstansiID: inst,
			Source: monitor.SourceImport, Actor: sys}); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// reviewOf returns the review item id of an activity of instansi 99.01.
func (f *fixture) reviewOf(platform, externalID string) int64 {
	f.t.Helper()
	ctx := context.Background()
	a, err := monitor.ByExternalID(ctx, f.DB, f.Inst, platform, externalID)
	if err != nil {
		f.t.Fatal(err)
	}
	it, err := monitor.ReviewByActivity(ctx, f.DB, f.Inst, a.ID)
	if err != nil {
		f.t.Fatalf("review item of %s: %v", externalID, err)
	}
	return it.ID
}

func (f *fixture) attribution(inst int64, platform, externalID string) *monitor.Attribution {
	f.t.Helper()
	a, err := monitor.ByExternalID(context.Background(), f.DB, inst, platform, externalID)
	if err != nil {
		f.t.Fatal(err)
	}
	return a.Attribution
}

func TestUnattributedPermissions(t *testing.T) {
	f := attrFixture(t)
	item := f.reviewOf("facebook", "n1")
	group := "/aktivitas/tanpa-pemilik/kaitkan?platform=facebook&handle=pak.camat"
	for _, role := range auth.Roles {
		c := f.login(string(role))
		see := role == auth.RoleAdmin || role == auth.RoleKetuaTim || role == auth.RoleTim || role == auth.RoleInspektorat
		act := role == auth.RoleAdmin || role == auth.RoleKetuaTim || role == auth.RoleTim
		want := map[bool]int{true: http.StatusOK, false: http.StatusForbidden}
		status, _, body := c.send("GET", "/aktivitas/tanpa-pemilik", nil, "")
		if status != want[see] {
			t.Errorf("%s: list %d, want %d", role, status, want[see])
		}
		if see && (!strings.Contains(body, "pak.camat") || strings.Contains(body, `class="button secondary attr-link"`) != act) {
			t.Errorf("%s: list content (attribute links shown: %v, want %v)", role, strings.Contains(body, "attr-link"), act)
		}
		if status, _, _ := c.send("GET", group, nil, ""); status != want[act] {
			t.Errorf("%s: group form %d, want %d", role, status, want[act])
		}
		if status, _, _ := c.send("POST", "/aktivitas/tanpa-pemilik/kaitkan", url.Values{"platform": {"instagram"},
			"handle": {"warga"}, "nip": {"123"}}, ""); act != (status == http.StatusBadRequest) || !act && status != http.StatusForbidden {
			t.Errorf("%s: group submit %d", role, status)
		}
		// The navigation link and the dashboard count.
		_, page := c.get("/saya")
		if strings.Contains(page, `href="/aktivitas/tanpa-pemilik"`) != see {
			t.Errorf("%s: navigation link shown = %v, want %v", role, !see, see)
		}
		if auth.Can(role, auth.PermDashboard) {
			_, dash := c.get("/dasbor")
			if strings.Contains(dash, `id="unattributed-groups"`) != see {
				t.Errorf("%s: dashboard count shown = %v, want %v", role, !see, see)
			}
			if see && !regexp.MustCompile(`id="unattributed-groups"><b>2</b>`).MatchString(dash) {
				t.Errorf("%s: dashboard count: %s", role, dash[strings.Index(dash, "unattributed-groups"):][:200])
			}
		}
		// The form on the review item of an unattributed record.
		if auth.Can(role, auth.PermActivityView) && !role.ScopedToOPD() {
			_, page := c.get("/deteksi/" + itoa(item))
			if strings.Contains(page, `id="form-attribute"`) != act {
				t.Errorf("%s: attribution form on the review item shown = %v, want %v", role, !act, act)
			}
		}
		if status, _, _ := c.send("GET", "/deteksi/"+itoa(item)+"/kaitkan?q=budi", nil, ""); act && status != http.StatusOK ||
			!act && status != http.StatusForbidden && status != http.StatusNotFound {
			t.Errorf("%s: item form %d", role, status)
		}
		// The API, with a token of the role.
		tok := f.apiToken(string(role))
		resp, _ := f.api("GET", "/api/v1/activities/unattributed", tok, "")
		if resp.StatusCode != want[see] {
			t.Errorf("%s: API list %d, want %d", role, resp.StatusCode, want[see])
		}
		resp, _ = f.api("POST", "/api/v1/activities/attribute", tok, `{"platform":"facebook","handle":"warga","nip":"1"}`)
		if act && resp.StatusCode != http.StatusBadRequest || !act && resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s: API attribute %d", role, resp.StatusCode)
		}
	}
	if f.attribution(f.Inst, "instagram", "w1") != nil {
		t.Fatal("a refused request attributed a record")
	}
}

func TestAttributeGroupFromThePage(t *testing.T) {
	f := attrFixture(t)
	c := f.login("tim")
	itemP2 := f.reviewOf("facebook", "p2")

	// The list: flagged group first, with its count, sample and review link.
	_, body := c.get("/aktivitas/tanpa-pemilik")
	iCamat, iWarga := strings.Index(body, `data-handle="pak.camat"`), strings.Index(body, `data-handle="warga"`)
	if iCamat < 0 || iWarga < 0 || iCamat > iWarga || !strings.Contains(body, "Untung-Nurul") ||
		!strings.Contains(body, `href="/deteksi/`+itoa(itemP2)+`"`) || !strings.Contains(body, "1 aktivitas tanpa penulis") {
		t.Fatalf("list:\n%s", body)
	}
	if _, b := c.get("/aktivitas/tanpa-pemilik?platform=instagram"); strings.Contains(b, `data-handle="pak.camat"`) || !strings.Contains(b, `data-handle="warga"`) {
		t.Fatal("platform filter")
	}
	if _, b := c.get("/aktivitas/tanpa-pemilik?handle=CAM"); !strings.Contains(b, `data-handle="pak.camat"`) || strings.Contains(b, `data-handle="warga"`) {
		t.Fatal("handle search")
	}
	// Paging one group at a time.
	_, b := c.get("/aktivitas/tanpa-pemilik?cursor=%21")
	if !strings.Contains(b, "kursor") && !strings.Contains(b, "cursor") {
		t.Errorf("bad cursor not reported: %.300s", b)
	}

	// The search: by NIP (exact), by the start of a name.
	form := "/aktivitas/tanpa-pemilik/kaitkan?platform=facebook&handle=pak.camat"
	_, b = c.get(form + "&q=" + url.QueryEscape("19850315 201001 1 002"))
	if !strings.Contains(b, `data-id="`+itoa(f.EmpIn1)+`"`) || strings.Contains(b, `data-id="`+itoa(f.EmpIn2)+`"`) {
		t.Fatalf("search by NIP:\n%s", b)
	}
	_, b = c.get(form + "&q=sit")
	if !strings.Contains(b, `data-id="`+itoa(f.EmpIn2)+`"`) || strings.Contains(b, `data-id="`+itoa(f.EmpIn1)+`"`) {
		t.Fatal("search by name")
	}
	if _, b = c.get(form + "&q=Joko"); strings.Contains(b, `class="candidate"`) || !strings.Contains(b, `id="attr-none-found"`) {
		t.Fatal("the other instansi's employee was offered")
	}
	if _, b = c.get(form + "&q=197805052005011003"); !strings.Contains(b, "Tidak ada pegawai dengan NIP 197805052005011003") {
		t.Fatal("unknown NIP not reported")
	}

	// Attribute to Budi (OPD 1.01.01).
	status, loc, _ := c.send("POST", "/aktivitas/tanpa-pemilik/kaitkan", url.Values{"platform": {"facebook"},
		"handle": {"pak.camat"}, "employee": {itoa(f.EmpIn1)}}, "")
	if status != http.StatusSeeOther || loc != "/aktivitas/tanpa-pemilik?ok=attributed&pegawai="+itoa(f.EmpIn1) {
		t.Fatalf("attribute: %d %q", status, loc)
	}
	_, b = c.get(loc)
	if !strings.Contains(b, "aktivitasnya dikaitkan ke Budi Santoso;") || strings.Contains(b, `data-handle="pak.camat"`) {
		t.Fatalf("after attribution:\n%s", b)
	}
	for _, id := range []string{"p1", "p2", "p3"} {
		if at := f.attribution(f.Inst, "facebook", id); at == nil || at.EmployeeID != f.EmpIn1 || at.OPDID != f.OPD1Sub {
			t.Fatalf("%s: %+v", id, at)
		}
	}
	if f.attribution(f.Inst2, "facebook", "o1") != nil {
		t.Fatal("the other instansi's record of the same handle was attributed")
	}
	if f.countAudit("activity.attribute_handle", "") == 0 {
		t.Fatal("not audited")
	}
	// The review item shows the employee and OPD, and the kepala OPD of 1.01 now sees it.
	_, b = c.get("/deteksi/" + itoa(itemP2))
	if !strings.Contains(b, "Budi Santoso") || !strings.Contains(b, "Bidang Pembinaan SD") || strings.Contains(b, `id="form-attribute"`) {
		t.Fatalf("review item after attribution:\n%s", b)
	}
	if status, _, _ := f.login("kepala_opd").send("GET", "/deteksi/"+itoa(itemP2), nil, ""); status != http.StatusOK {
		t.Fatalf("kepala OPD of the employee's unit: %d", status)
	}
	// The account is in the registry.
	accs, err := f.S.Reg.Accounts(context.Background(), f.Inst, f.EmpIn1)
	if err != nil || len(accs) != 1 || accs[0].Platform != "facebook" || accs[0].Handle != "pak.camat" {
		t.Fatalf("accounts %+v %v", accs, err)
	}
	// Attributing twice: the group is gone (404), and the API answers 0.
	if status, _, _ := c.send("POST", "/aktivitas/tanpa-pemilik/kaitkan", url.Values{"platform": {"facebook"},
		"handle": {"pak.camat"}, "employee": {itoa(f.EmpIn1)}}, ""); status != http.StatusSeeOther {
		t.Fatalf("again: %d", status)
	}
	if n := f.countAudit("activity.attribute_handle", ""); n != 1 {
		t.Fatalf("%d attribution audit entries after a repeat, want 1", n)
	}

	// A handle that is another employee's account is refused, naming the owner.
	if _, err := f.S.Reg.SaveAccount(context.Background(), audit.System("test"), registry.Account{InstansiID: f.Inst,
		EmployeeID: f.EmpIn2, Platform: "instagram", Handle: "warga"}); err != nil {
		t.Fatal(err)
	}
	status, _, b = c.send("POST", "/aktivitas/tanpa-pemilik/kaitkan", url.Values{"platform": {"instagram"},
		"handle": {"warga"}, "employee": {itoa(f.EmpIn1)}}, "")
	if status != http.StatusConflict || !strings.Contains(b, "sudah terdaftar sebagai milik Siti Aminah") {
		t.Fatalf("taken: %d\n%s", status, b)
	}
	if f.attribution(f.Inst, "instagram", "w1") != nil {
		t.Fatal("a refused attribution changed the record")
	}
	// Unknown NIP, another instansi's employee: refused with a clear message.
	status, _, b = c.send("POST", "/aktivitas/tanpa-pemilik/kaitkan", url.Values{"platform": {"instagram"},
		"handle": {"warga"}, "nip": {"197805052005011003"}}, "")
	if status != http.StatusBadRequest || !strings.Contains(b, "tidak ada pegawai dengan NIP 197805052005011003") {
		t.Fatalf("unknown NIP: %d", status)
	}
	status, _, _ = c.send("POST", "/aktivitas/tanpa-pemilik/kaitkan", url.Values{"platform": {"instagram"},
		"handle": {"warga"}, "employee": {itoa(f.EmpOther)}}, "")
	if status != http.StatusBadRequest {
		t.Fatalf("other instansi's employee: %d", status)
	}

	// Instansi 32.16 sees only its own group and cannot reach 99.01's.
	c2 := f.login("admin2")
	_, b = c2.get("/aktivitas/tanpa-pemilik")
	if !strings.Contains(b, `data-handle="pak.camat"`) || strings.Contains(b, `data-handle="warga"`) {
		t.Fatalf("instansi 2 list:\n%s", b)
	}
	if status, _, _ := c2.send("GET", "/aktivitas/tanpa-pemilik/kaitkan?platform=instagram&handle=warga", nil, ""); status != http.StatusNotFound {
		t.Fatalf("instansi 2 opening 99.01's group: %d", status)
	}
}

func TestAttributeActivityFromReviewItem(t *testing.T) {
	f := attrFixture(t)
	c := f.login("ketua_tim")
	item := f.reviewOf("facebook", "n1") // no author: this record only
	_, b := c.get("/deteksi/" + itoa(item) + "/kaitkan?q=siti")
	if !strings.Contains(b, `data-id="`+itoa(f.EmpIn2)+`"`) || strings.Contains(b, `name="scope" value="handle"`) {
		t.Fatalf("item form:\n%s", b)
	}
	status, loc, _ := c.send("POST", "/deteksi/"+itoa(item)+"/kaitkan", url.Values{"employee": {itoa(f.EmpIn2)}, "scope": {"activity"}}, "")
	if status != http.StatusSeeOther || loc != "/deteksi/"+itoa(item)+"?ok=attributed" {
		t.Fatalf("attribute: %d %q", status, loc)
	}
	_, b = c.get(loc)
	if !strings.Contains(b, "Aktivitas dikaitkan ke pegawai.") || !strings.Contains(b, "Siti Aminah") || !strings.Contains(b, "Dinas Kesehatan") {
		t.Fatalf("item after attribution:\n%s", b)
	}
	// Now attributed: the form page sends back to the item; another employee is refused.
	if status, loc, _ := c.send("GET", "/deteksi/"+itoa(item)+"/kaitkan", nil, ""); status != http.StatusSeeOther || loc != "/deteksi/"+itoa(item) {
		t.Fatalf("form of an attributed item: %d %q", status, loc)
	}
	status, _, b = c.send("POST", "/deteksi/"+itoa(item)+"/kaitkan", url.Values{"employee": {itoa(f.EmpIn1)}, "scope": {"activity"}}, "")
	if status != http.StatusConflict || !strings.Contains(b, "sudah dikaitkan ke Siti Aminah") {
		t.Fatalf("re-attribution: %d", status)
	}
	// The handle scope from a flagged record of @pak.camat attributes the whole group.
	p2 := f.reviewOf("facebook", "p2")
	_, b = c.get("/deteksi/" + itoa(p2) + "/kaitkan?q=budi")
	if !strings.Contains(b, `name="scope" value="handle"`) || !strings.Contains(b, "3 aktivitas belum dikaitkan") {
		t.Fatalf("handle choice:\n%s", b)
	}
	if status, _, _ := c.send("POST", "/deteksi/"+itoa(p2)+"/kaitkan", url.Values{"employee": {itoa(f.EmpIn1)}, "scope": {"handle"}}, ""); status != http.StatusSeeOther {
		t.Fatalf("handle scope: %d", status)
	}
	if at := f.attribution(f.Inst, "facebook", "p3"); at == nil || at.EmployeeID != f.EmpIn1 {
		t.Fatalf("sibling record: %+v", at)
	}
	if status, _, _ := c.send("POST", "/deteksi/"+itoa(p2)+"/kaitkan", url.Values{"employee": {itoa(f.EmpIn1)}, "scope": {"everything"}}, ""); status != http.StatusBadRequest {
		t.Fatalf("bad scope: %d", status)
	}
	// Another instansi's item is not found.
	if status, _, _ := f.login("admin2").send("GET", "/deteksi/"+itoa(item)+"/kaitkan", nil, ""); status != http.StatusNotFound {
		t.Fatalf("instansi 2: %d", status)
	}
}

func TestAttributeAPI(t *testing.T) {
	f := attrFixture(t)
	tok := f.apiToken("tim")
	var list struct {
		Items []apiGroup `json:"items"`
		Total int        `json:"total"`
		Next  string     `json:"next"`
	}
	resp, body := f.api("GET", "/api/v1/activities/unattributed?limit=1", tok, "")
	if resp.StatusCode != http.StatusOK || json.Unmarshal([]byte(body), &list) != nil || list.Total != 2 || len(list.Items) != 1 ||
		list.Next == "" || list.Items[0].Handle != "pak.camat" || list.Items[0].Count != 3 || list.Items[0].Flagged != 1 ||
		list.Items[0].SampleReview == nil {
		t.Fatalf("list: %d %s", resp.StatusCode, body)
	}
	resp, body = f.api("GET", "/api/v1/activities/unattributed?cursor="+list.Next, tok, "")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `"handle": "warga"`) || !strings.Contains(body, `"next": ""`) {
		t.Fatalf("second page: %s", body)
	}
	for q, want := range map[string]int{"?platform=twitter": 0, "?handle=%40WAR": 1, "?limit=0": -1, "?cursor=x": -1} {
		resp, body := f.api("GET", "/api/v1/activities/unattributed"+q, tok, "")
		var l struct{ Total int }
		_ = json.Unmarshal([]byte(body), &l)
		if want < 0 && (resp.StatusCode != http.StatusBadRequest || apiErrorCode(body) != "invalid") || want >= 0 && l.Total != want {
			t.Errorf("%s: %d %s", q, resp.StatusCode, body)
		}
	}

	post := func(body string) (int, map[string]any) {
		resp, b := f.api("POST", "/api/v1/activities/attribute", tok, body)
		var m map[string]any
		_ = json.Unmarshal([]byte(b), &m)
		return resp.StatusCode, m
	}
	st, m := post(`{"platform":"Facebook","handle":"@Pak.Camat","nip":"19850315 201001 1 002"}`)
	if st != http.StatusOK || m["attributed"] != 3.0 || m["account_created"] != true || m["employee_id"] != float64(f.EmpIn1) ||
		m["opd_code"] != "1.01.01" || m["handle"] != "pak.camat" {
		t.Fatalf("attribute: %d %v", st, m)
	}
	st, m = post(`{"platform":"facebook","handle":"pak.camat","nip":"198503152010011002"}`)
	if st != http.StatusOK || m["attributed"] != 0.0 || m["account_created"] != false {
		t.Fatalf("again: %d %v", st, m)
	}
	msg := func(m map[string]any) string {
		e, _ := m["error"].(map[string]any)
		s, _ := e["message"].(string)
		c, _ := e["code"].(string)
		return c + " " + s
	}
	for body, want := range map[string]string{
		`{"platform":"facebook","handle":"pak.camat","nip":"199001012015032001"}`: "conflict", // Budi's now
		`{"platform":"instagram","handle":"warga","nip":"197805052005011003"}`:    "invalid nip: tidak ada pegawai",
		`{"platform":"instagram","handle":"warga","nip":"12345"}`:                 "invalid nip:",
		`{"platform":"instagram","handle":"nobody","nip":"199001012015032001"}`:   "invalid handle: tidak ada aktivitas",
		`{"platform":"myspace","handle":"warga","nip":"199001012015032001"}`:      "invalid platform:",
		`{"platform":"instagram","handle":"","nip":"199001012015032001"}`:         "invalid handle:",
		`{"platform":"instagram","handle":"warga"}`:                               "invalid nip:",
		`[1,2]`:                    "invalid",
		`{"platform":"x","bad":1}`: "invalid",
	} {
		st, m := post(body)
		code, text, _ := strings.Cut(want, " ")
		if got := msg(m); !strings.HasPrefix(got, code+" ") || !strings.Contains(got, text) || (want == "conflict") != (st == http.StatusConflict) {
			t.Errorf("%s: %d %q, want %q", body, st, msg(m), want)
		}
	}
	if at := f.attribution(f.Inst, "instagram", "w1"); at != nil {
		t.Fatalf("refused calls attributed: %+v", at)
	}
	// Another instansi's token sees and attributes only its own records.
	tok2 := f.apiToken("admin2")
	resp, body = f.api("GET", "/api/v1/activities/unattributed", tok2, "")
	if resp.StatusCode != http.StatusOK || strings.Contains(body, "warga") || !strings.Contains(body, "pak.camat") {
		t.Fatalf("instansi 2 list: %s", body)
	}
	resp, body = f.api("POST", "/api/v1/activities/attribute", tok2, `{"platform":"instagram","handle":"warga","nip":"197805052005011003"}`)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "handle") {
		t.Fatalf("instansi 2 attributing 99.01's handle: %d %s", resp.StatusCode, body)
	}
}

func TestAttributionEscapesUntrustedText(t *testing.T) {
	f := newFixture(t)
	tok := xssFixtureData(t, f)
	c := f.login("admin")
	pages := []string{
		"/aktivitas/tanpa-pemilik",
		"/aktivitas/tanpa-pemilik?handle=" + url.QueryEscape(xssAll) + "&platform=" + url.QueryEscape(xssAll),
	}
	_, list := c.get("/aktivitas/tanpa-pemilik")
	links := regexp.MustCompile(`href="(/aktivitas/tanpa-pemilik/kaitkan\?[^"]+)"`).FindAllStringSubmatch(list, -1)
	if len(links) != len(xssPayloads) {
		t.Fatalf("%d attribute links, want %d:\n%s", len(links), len(xssPayloads), list)
	}
	for _, l := range links {
		pages = append(pages, html.UnescapeString(l[1])+"&q="+url.QueryEscape(xssAll))
	}
	_, inbox := c.get("/deteksi?platform=facebook&kind=comment")
	for _, m := range regexp.MustCompile(`href="/deteksi/(\d+)"`).FindAllStringSubmatch(inbox, -1) {
		pages = append(pages, "/deteksi/"+m[1], "/deteksi/"+m[1]+"/kaitkan?q="+url.QueryEscape(xssAll))
	}
	for _, p := range pages {
		resp, body := c.get(p)
		if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: HTTP %d", p, resp.StatusCode)
			continue
		}
		if m := rawPayload.FindStringIndex(body); m != nil {
			t.Errorf("%s writes a payload as markup: …%s…", p, body[max(0, m[0]-200):min(len(body), m[1]+200)])
		}
		if !escapedPayload.MatchString(body) && !strings.Contains(p, "platform=") {
			t.Errorf("%s does not show the payload as escaped text", p)
		}
	}
	// Attributing a hostile handle is refused with the handle escaped.
	for _, l := range links[:1] {
		u, _ := url.Parse(html.UnescapeString(l[1]))
		resp := c.post("/aktivitas/tanpa-pemilik/kaitkan", url.Values{"platform": {u.Query().Get("platform")},
			"handle": {u.Query().Get("handle")}, "employee": {itoa(f.EmpIn2)}})
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("hostile handle: %d", resp.StatusCode)
		}
	}
	resp, body := f.api("GET", "/api/v1/activities/unattributed", tok, "")
	if resp.StatusCode != http.StatusOK || strings.Contains(body, "<script") || strings.Contains(body, "<img") {
		t.Fatalf("API: %d raw markup in JSON", resp.StatusCode)
	}
}
