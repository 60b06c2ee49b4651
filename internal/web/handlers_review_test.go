package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/i18n"
	"github.com/netral-asn/netral/internal/monitor"
	"github.com/netral-asn/netral/internal/registry"
)

// reviewWalkValues are the route walk's values for the review routes.
func (w *walkFixture) reviewWalkValues() map[string]string {
	return map[string]string{
		"/deteksi/{id}":               itoa(w.Review), // in kepala_opd's scope
		"/deteksi/pengecualian/{xid}": itoa(w.Except),
	}
}

// hostileText is what someone might post: markup, emoji (4-byte and
// flag sequences) and accented letters around the evidence.
const hostileText = `🔥🔥 Ayo coblos Untung-Nurul 🇮🇩 <script>alert(1)</script> "menang" & <b>jaya</b>!`

// reviewFixture adds accounts for EmpIn1 (facebook budi.s, in OPD1's
// subtree) and EmpIn2 (x siti, OPD2), ingests activities with monitor's
// ingest and returns the review item id of each flagged one by record id.
func reviewFixture(t *testing.T) (*fixture, map[string]int64) {
	f := newFixture(t)
	ctx := context.Background()
	sys := audit.System("test")
	for _, a := range []registry.Account{
		{InstansiID: f.Inst, EmployeeID: f.EmpIn1, Platform: "facebook", Handle: "budi.s"},
		{InstansiID: f.Inst, EmployeeID: f.EmpIn2, Platform: "x", Handle: "siti", PlatformID: "777"},
	} {
		if _, err := f.S.Reg.SaveAccount(ctx, sys, a); err != nil {
			t.Fatal(err)
		}
	}
	recs := []string{
		`{"id":"r1","platform":"facebook","kind":"post","author":"@budi.s","created_at":"2024-10-02T19:04:00+07:00","url":"https://facebook.com/budi.s/posts/1","text":"Ayo coblos nomor 2 Untung-Nurul! #UNUR02 Pasti Untung"}`,
		`{"id":"r2","platform":"facebook","kind":"comment","author":"budi.s","created_at":"2024-01-25T08:00:00+07:00","text":"Dukung terus Banteng Muda Tanjung! Ayo menangkan banteng di laga final, pilih banteng!"}`,
		`{"id":"r3","platform":"x","kind":"post","author":"@siti","author_id":"777","created_at":"2024-02-01T08:00:00+07:00","text":"Coblos 02 Prabowo-Gibran, ayo menangkan!"}`,
		`{"id":"r4","platform":"x","kind":"like","author":"@nobody","created_at":"2024-01-20T10:00:00+07:00","context_text":"Ayo menangkan Prabowo-Gibran! Coblos 02"}`,
		`{"id":"r5","platform":"facebook","kind":"photo","author":"budi.s","created_at":"2024-10-03T08:00:00+07:00","url":"javascript:alert(1)","text":` +
			jsonString(hostileText) + `,"context_text":"Grup relawan Untung–Nurul","media_captions":["foto <img src=x onerror=alert(1)>","Spanduk: Pasti Untung"]}`,
		`{"id":"r6","platform":"facebook","kind":"post","author":"budi.s","text":"Rapat koordinasi dinas hari ini lancar."}`,
	}
	for _, in := range []struct {
		inst int64
		recs string
	}{{f.Inst, strings.Join(recs, "\n")}, {f.Inst2, recs[2]}} {
		if _, err := monitor.Ingest(ctx, f.DB, strings.NewReader(in.recs), monitor.IngestOptions{InstansiID: in.inst,
			Source: monitor.SourceImport, Actor: sys}); err != nil {
			t.Fatal(err)
		}
	}
	items := map[string]int64{}
	for _, id := range []string{"r1", "r2", "r3", "r4", "r5", "r6"} {
		platform := "facebook"
		if id == "r3" || id == "r4" {
			platform = "x"
		}
		a, err := monitor.ByExternalID(ctx, f.DB, f.Inst, platform, id)
		if err != nil {
			t.Fatal(err)
		}
		if it, err := monitor.ReviewByActivity(ctx, f.DB, f.Inst, a.ID); err == nil {
			items[id] = it.ID
		}
	}
	if len(items) != 5 {
		t.Fatalf("review items: %v", items)
	}
	a, _ := monitor.ByExternalID(ctx, f.DB, f.Inst2, "x", "r3")
	other, err := monitor.ReviewByActivity(ctx, f.DB, f.Inst2, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	items["other"] = other.ID
	return f, items
}

func jsonString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}

var itemLinkRe = regexp.MustCompile(`href="/deteksi/(\d+)" class="item-link"`)

// inboxItems returns the item ids the inbox page lists, in order.
func inboxItems(body string) string {
	var out []string
	for _, m := range itemLinkRe.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return strings.Join(out, " ")
}

func ids(items map[string]int64, keys ...string) string {
	var out []string
	for _, k := range keys {
		out = append(out, itoa(items[k]))
	}
	return strings.Join(out, " ")
}

func TestReviewInboxFilters(t *testing.T) {
	f, items := reviewFixture(t)
	tim := f.login("tim")
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"", []string{"r5", "r4", "r3", "r2", "r1"}},
		{"?status=new", []string{"r5", "r4", "r3", "r2", "r1"}},
		{"?status=all", []string{"r5", "r4", "r3", "r2", "r1"}},
		{"?status=confirmed", nil},
		{"?platform=twitter", []string{"r4", "r3"}},
		{"?kind=comment", []string{"r2"}},
		{"?opd=" + itoa(f.OPD1), []string{"r5", "r2", "r1"}}, // with its sub-unit
		{"?opd=" + itoa(f.OPD2), []string{"r3"}},
		{"?target=pemilu-2024%2F02", []string{"r4", "r3"}},
		{"?min_score=0,9", []string{"r5", "r4", "r3", "r1"}},
		{"?from=2024-10-01", []string{"r5", "r1"}},
		{"?from=2024-01-01&to=2024-01-28", []string{"r4", "r2"}},
		{"?to=2024-01-20", []string{"r4"}}, // the whole day
		{"?assignee=none", []string{"r5", "r4", "r3", "r2", "r1"}},
		{"?platform=facebook&kind=post&min_score=0.5", []string{"r1"}},
	} {
		resp, body := tim.get("/deteksi" + c.query)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", c.query, resp.StatusCode)
		}
		if got, want := inboxItems(body), ids(items, c.want...); got != want {
			t.Errorf("inbox%s: %q, want %q", c.query, got, want)
		}
	}
	// Score order: highest first, ties newest first.
	_, body := tim.get("/deteksi?sort=score")
	scores := regexp.MustCompile(`<td class="num">([0-9.]+)</td>`).FindAllStringSubmatch(body, -1)
	var prev = "9"
	for _, s := range scores {
		if s[1] > prev {
			t.Fatalf("score order: %v", scores)
		}
		prev = s[1]
	}
	if len(scores) != 5 {
		t.Fatalf("%d scores", len(scores))
	}
	// Counts per status, and cursor paging.
	_, body = tim.get("/deteksi?n=2")
	if inboxItems(body) != ids(items, "r5", "r4") || !strings.Contains(body, `<span class="count">5</span>`) {
		t.Fatalf("first page: %q", inboxItems(body))
	}
	next := regexp.MustCompile(`id="next" rel="next" href="([^"]+)"`).FindStringSubmatch(body)
	if next == nil {
		t.Fatal("no next link")
	}
	_, body = tim.get(strings.ReplaceAll(next[1], "&amp;", "&"))
	if inboxItems(body) != ids(items, "r3", "r2") {
		t.Fatalf("second page: %q", inboxItems(body))
	}
	// Bad filters are 400, not 500.
	for _, q := range []string{"?status=bogus", "?kind=bogus", "?opd=x", "?opd=999999", "?min_score=2", "?from=kemarin",
		"?assignee=x", "?reviewer=-1", "?sort=random", "?cursor=***", "?n=0"} {
		if resp, _ := tim.get("/deteksi" + q); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("inbox%s: status %d, want 400", q, resp.StatusCode)
		}
	}
	// Another instansi's inbox does not list these.
	_, body = f.login("admin2").get("/deteksi")
	if got := inboxItems(body); got != itoa(items["other"]) {
		t.Fatalf("instansi 2 inbox: %q", got)
	}
}

func TestReviewScopeAndTenancy(t *testing.T) {
	f, items := reviewFixture(t)
	kep := f.login("kepala_opd") // OPD1 and its sub-unit
	_, body := kep.get("/deteksi")
	if got, want := inboxItems(body), ids(items, "r5", "r2", "r1"); got != want {
		t.Fatalf("kepala_opd inbox: %q, want %q", got, want)
	}
	if strings.Contains(body, "Dinas Kesehatan") {
		t.Fatal("kepala_opd sees units outside their scope in the filter")
	}
	if resp, _ := kep.get("/deteksi/" + itoa(items["r1"])); resp.StatusCode != http.StatusOK {
		t.Fatalf("kepala_opd own item: %d", resp.StatusCode)
	}
	for _, k := range []string{"r3", "r4", "other"} { // OPD2, unattributed, another instansi
		if resp, _ := kep.get("/deteksi/" + itoa(items[k])); resp.StatusCode != http.StatusNotFound {
			t.Errorf("kepala_opd item %s: %d, want 404", k, resp.StatusCode)
		}
	}
	if resp, _ := kep.get("/deteksi?opd=" + itoa(f.OPD2)); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("kepala_opd filtering another OPD: %d", resp.StatusCode)
	}
	// A kepala OPD may look but not decide.
	if resp := kep.post("/deteksi/"+itoa(items["r1"])+"/keputusan", url.Values{"action": {"confirm"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("kepala_opd decision: %d", resp.StatusCode)
	}
	admin := f.login("admin")
	if resp, _ := admin.get("/deteksi/" + itoa(items["other"])); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("item of another instansi: %d", resp.StatusCode)
	}
	if resp := admin.post("/deteksi/"+itoa(items["other"])+"/keputusan", url.Values{"action": {"confirm"}}); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("decision on another instansi's item: %d", resp.StatusCode)
	}
	for _, p := range []string{"/deteksi/0", "/deteksi/abc", "/deteksi/999999"} {
		if resp, _ := admin.get(p); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d", p, resp.StatusCode)
		}
	}
	for _, role := range []string{"bawaslu", "asn", "pimpinan"} {
		cl := f.login(role)
		for _, p := range []string{"/deteksi", "/deteksi/" + itoa(items["r1"]), "/deteksi/alasan"} {
			if resp, _ := cl.get(p); resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s %s: %d, want 403", role, p, resp.StatusCode)
			}
		}
		if _, body := cl.get(auth.Role(role).Home()); strings.Contains(body, `href="/deteksi"`) {
			t.Errorf("%s sees the Deteksi Dini link", role)
		}
	}
	if _, body := f.login("inspektorat").get("/deteksi"); !strings.Contains(body, `href="/deteksi"`) {
		t.Error("inspektorat has no Deteksi Dini link")
	}
}

var markRe = regexp.MustCompile(`<mark class="([^"]+)" title="[^"]*">([^<]*)</mark>`)

func TestReviewItemPage(t *testing.T) {
	f, items := reviewFixture(t)
	ctx := context.Background()
	tim := f.login("tim")
	resp, body := tim.get("/deteksi/" + itoa(items["r5"]))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	// Untrusted text is escaped, never markup.
	for _, bad := range []string{"<script>alert", "<b>jaya", "<img src=x", `href="javascript`, `href="#ZgotmplZ"`} {
		if strings.Contains(body, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;jaya&lt;/b&gt;", "&#34;<mark", "</mark>&#34; &amp;",
		"foto &lt;img src=x onerror=alert(1)&gt;", `href="/pegawai/` + itoa(f.EmpIn1) + `"`, "Budi Santoso", "Bidang Pembinaan SD",
		`id="item-explanation"`, "<b>DS-07</b> Memposting", `<span class="break">javascript:alert(1)</span>`, "Untung Prasetyo – Nurul Hidayah (02)", `id="form-dismiss"`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// The evidence is marked at the right characters, around emoji.
	text := regexp.MustCompile(`(?s)<section class="evidence-field" id="field-text">.*?</section>`).FindString(body)
	var marked []string
	for _, m := range markRe.FindAllStringSubmatch(text, -1) {
		marked = append(marked, m[1]+"="+m[2])
	}
	if got := strings.Join(marked, "|"); got != "sig-support=🔥🔥|sig-support=Ayo|sig-call-to-vote=coblos|sig-entity=Untung-Nurul|sig-support=menang" {
		t.Errorf("marks of the text: %s", got)
	}
	if !strings.Contains(text, "🇮🇩 &lt;script&gt;") {
		t.Errorf("text around the marks: %s", text)
	}
	caption := regexp.MustCompile(`(?s)id="field-caption-1">.*?</section>`).FindString(body)
	if !strings.Contains(caption, `<mark class="sig-slogan" title="Slogan: Untung Prasetyo – Nurul Hidayah (02)">Pasti </mark>`) ||
		!strings.Contains(caption, `<mark class="sig-entity sig-slogan" title="Slogan: Untung Prasetyo – Nurul Hidayah (02); Sebutan peserta: Untung Prasetyo – Nurul Hidayah (02)">Untung</mark>`) {
		t.Errorf("caption 2: %s", caption)
	}
	// The URL is a plain link, and not one that runs script.
	_, body1 := tim.get("/deteksi/" + itoa(items["r1"]))
	if !strings.Contains(body1, `<a href="https://facebook.com/budi.s/posts/1" rel="noopener noreferrer nofollow"`) {
		t.Error("no plain link to the post")
	}
	// The view is audited.
	if n := f.countAudit("activity.view", ""); n != 2 {
		t.Fatalf("%d activity.view audit entries, want 2", n)
	}
	// Stored offsets that do not fit the text (out of range, inside a
	// character) do not break the page: a newer result with bad matches.
	a, _ := monitor.ByExternalID(ctx, f.DB, f.Inst, "facebook", "r5")
	if _, err := f.DB.Exec(ctx, `INSERT INTO activity_screening (activity_id, election_version, lexicon_version, flagged,
		score, stance, targets, violation, matches, explanation, screened_at) VALUES (?, 99, 'test', 1, 0.5, 'support', '[]', '',
		?, 'uji', '2030-01-01T00:00:00.000Z')`, a.ID,
		`[{"field":"text","start":1,"end":3,"term":"x","signal":"entity"},{"field":"text","start":-5,"end":2,"term":"x","signal":"support"},`+
			`{"field":"text","start":5,"end":100000,"term":"x","signal":"support"},{"field":"text","start":9,"end":12,"term":"Ayo","signal":"<script>"},`+
			`{"field":"media_captions","index":7,"start":0,"end":2,"term":"x","signal":"entity"},{"field":"bogus","start":0,"end":1,"term":"x","signal":"entity"}]`); err != nil {
		t.Fatal(err)
	}
	resp, body = tim.get("/deteksi/" + itoa(items["r5"]))
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, i18n.For("id").T("review.skipped", 3)) {
		t.Fatalf("bad offsets: status %d", resp.StatusCode)
	}
	if !strings.Contains(body, `<mark class="sig-other" title="&lt;script&gt;">Ayo</mark>`) {
		t.Errorf("unknown signal not neutralised: %s", markRe.FindAllString(body, -1))
	}
	// The older result can still be shown.
	hist, _ := monitor.Screenings(ctx, f.DB, a.ID)
	_, body = tim.get("/deteksi/" + itoa(items["r5"]) + "?hasil=" + itoa(hist[0].ID))
	if !strings.Contains(body, `sig-entity" title="Sebutan peserta: Untung Prasetyo – Nurul Hidayah (02)">Untung-Nurul</mark>`) {
		t.Errorf("older result not highlighted: %v", markRe.FindAllString(body, -1))
	}
}

func TestReviewDecisions(t *testing.T) {
	f, items := reviewFixture(t)
	ctx := context.Background()
	tim := f.login("tim")
	item := "/deteksi/" + itoa(items["r1"])
	status := func() monitor.ReviewItem {
		it, err := monitor.GetReview(ctx, f.DB, f.Inst, items["r1"])
		if err != nil {
			t.Fatal(err)
		}
		return it
	}
	// A dismissal needs a reason (and a note for "other"); the page says so.
	for _, form := range []url.Values{{"action": {"dismiss"}}, {"action": {"dismiss"}, "reason": {"other"}},
		{"action": {"dismiss"}, "reason": {"bogus"}, "note": {"x"}}} {
		code, _, body := tim.send("POST", item+"/keputusan", form, "")
		if code != http.StatusBadRequest || !strings.Contains(body, `id="decision-error"`) {
			t.Fatalf("dismiss %v: %d", form, code)
		}
	}
	if code, _, _ := tim.send("POST", item+"/keputusan", url.Values{"action": {"delete"}}, ""); code != http.StatusBadRequest {
		t.Fatalf("unknown action: %d", code)
	}
	if st := status(); st.Status != monitor.ReviewNew {
		t.Fatalf("refused decisions changed the item: %+v", st)
	}
	// Without the form token: refused.
	if code, _, _ := tim.send("POST", item+"/keputusan", url.Values{"action": {"confirm"}, "_csrf": {"wrong"}}, ""); code != http.StatusForbidden {
		t.Fatalf("bad CSRF token: %d", code)
	}
	// Inspektorat sees, but does not decide.
	if resp := f.login("inspektorat").post(item+"/keputusan", url.Values{"action": {"confirm"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("inspektorat decision: %d", resp.StatusCode)
	}
	code, loc, _ := tim.send("POST", item+"/keputusan", url.Values{"action": {"dismiss"}, "reason": {"common_word"}, "note": {"nama orang"}}, "")
	if code != http.StatusSeeOther || loc != item+"?ok=dismiss" {
		t.Fatalf("dismiss: %d %q", code, loc)
	}
	if st := status(); st.Status != monitor.ReviewDismissed || st.ReasonCode != "common_word" || st.Reason != "nama orang" {
		t.Fatalf("after dismiss: %+v", st)
	}
	// Assignment: to a member who may decide; not to a kepala OPD or to
	// someone of another instansi.
	ketua, _ := f.S.Auth.UserByName(ctx, "ketua_tim")
	kep, _ := f.S.Auth.UserByName(ctx, "kepala_opd")
	admin2, _ := f.S.Auth.UserByName(ctx, "admin2")
	for _, u := range []auth.User{kep, admin2} {
		if code, _, body := tim.send("POST", item+"/tugaskan", url.Values{"assignee": {itoa(u.ID)}}, ""); code != http.StatusBadRequest ||
			!strings.Contains(body, `id="decision-error"`) {
			t.Fatalf("assign to %s: %d", u.Username, code)
		}
	}
	if code, _, _ := tim.send("POST", item+"/tugaskan", url.Values{"assignee": {itoa(ketua.ID)}}, ""); code != http.StatusSeeOther {
		t.Fatalf("assign: %d", code)
	}
	if code, _, _ := tim.send("POST", item+"/keputusan", url.Values{"action": {"needs_info"}, "note": {"cek akun"}}, ""); code != http.StatusSeeOther {
		t.Fatalf("needs_info: %d", code)
	}
	if code, _, _ := tim.send("POST", item+"/keputusan", url.Values{"action": {"confirm"}}, ""); code != http.StatusSeeOther {
		t.Fatalf("confirm: %d", code)
	}
	st := status()
	timUser, _ := f.S.Auth.UserByName(ctx, "tim")
	if st.Status != monitor.ReviewConfirmed || st.AssigneeID != ketua.ID || st.DecidedByID != timUser.ID || st.ReasonCode != "" {
		t.Fatalf("after confirm: %+v", st)
	}
	// The page shows the history; the inbox finds it by assignee and reviewer.
	_, body := tim.get(item + "?ok=confirm")
	if n := strings.Count(body, `class="decision"`); n != 4 {
		t.Fatalf("%d decisions shown", n)
	}
	if !strings.Contains(body, "Dikonfirmasi sebagai indikasi; siap ditangani sebagai kasus.") {
		t.Fatal("no notice")
	}
	_, body = tim.get("/deteksi?status=all&assignee=" + itoa(ketua.ID) + "&reviewer=" + itoa(timUser.ID))
	if inboxItems(body) != itoa(items["r1"]) {
		t.Fatalf("by assignee and reviewer: %q", inboxItems(body))
	}
	_, body = tim.get("/deteksi?status=confirmed")
	if inboxItems(body) != itoa(items["r1"]) {
		t.Fatalf("confirmed: %q", inboxItems(body))
	}
	// Every decision is audited with the item before and after.
	entries, err := audit.List(ctx, f.DB, audit.Filter{InstansiID: f.Inst, ObjectType: "review_item", ObjectID: itoa(items["r1"]), Limit: 10})
	if err != nil || len(entries) != 4 {
		t.Fatalf("audit: %d %v", len(entries), err)
	}
	e := entries[0]
	if e.Action != "review.confirm" || e.ActorID != timUser.ID || !strings.Contains(e.Before, `"status":"needs_info"`) ||
		!strings.Contains(e.After, `"status":"confirmed"`) || e.IP == "" {
		t.Fatalf("confirm audit entry: %+v", e)
	}
	if e := entries[3]; e.Action != "review.dismiss" || !strings.Contains(e.After, `"reason_code":"common_word"`) {
		t.Fatalf("dismiss audit entry: %+v", e)
	}
	// Dismissal reasons are counted.
	r2 := "/deteksi/" + itoa(items["r2"])
	tim.post(r2+"/keputusan", url.Values{"action": {"dismiss"}, "reason": {"common_word"}})
	_, body = tim.get("/deteksi/alasan")
	if !regexp.MustCompile(`data-reason="common_word"><td>[^<]+</td><td class="num">1</td>`).MatchString(body) ||
		!strings.Contains(body, `id="dismissed-total">1<`) || !strings.Contains(body, "<td>banteng</td>") {
		t.Fatalf("reasons page: %s", regexp.MustCompile(`(?s)<table id="dismiss-reasons".*?</table>`).FindString(body))
	}
}

func TestReviewExceptionsAndDashboard(t *testing.T) {
	f, items := reviewFixture(t)
	ctx := context.Background()
	admin, tim := f.login("admin"), f.login("tim")
	// Dashboard counts, per status (kepala_opd: their subtree).
	_, body := admin.get("/dasbor")
	if !strings.Contains(body, `id="review-count-new">5<`) || !strings.Contains(body, `id="review-count-confirmed">0<`) {
		t.Fatalf("dashboard: %s", regexp.MustCompile(`(?s)<div class="stats" id="review-stats">.*?</div>\s*</div>`).FindString(body))
	}
	_, body = f.login("kepala_opd").get("/dasbor")
	if !strings.Contains(body, `id="review-count-new">3<`) {
		t.Fatal("kepala_opd dashboard count")
	}
	_, body = f.login("pimpinan").get("/dasbor")
	if !strings.Contains(body, `id="review-count-new">5<`) || strings.Contains(body, `href="/deteksi`) {
		t.Fatal("pimpinan dashboard: counts without links")
	}
	// Only an admin manages exceptions.
	if resp := tim.post("/deteksi/pengecualian", url.Values{"phrase": {"Banteng Muda Tanjung"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("tim adds an exception: %d", resp.StatusCode)
	}
	if code, _, body := admin.send("POST", "/deteksi/pengecualian", url.Values{"phrase": {" b "}}, ""); code != http.StatusBadRequest ||
		!strings.Contains(body, "errors-box") {
		t.Fatalf("short phrase: %d", code)
	}
	code, loc, _ := admin.send("POST", "/deteksi/pengecualian", url.Values{"phrase": {"Banteng Muda Tanjung"}, "note": {"klub sepak bola"}}, "")
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/deteksi/alasan?ok=exception") {
		t.Fatalf("add exception: %d %q", code, loc)
	}
	_, body = tim.get("/deteksi/alasan")
	if !strings.Contains(body, "“Banteng Muda Tanjung”") || strings.Contains(body, `action="/deteksi/pengecualian"`) {
		t.Fatal("exceptions list (tim sees it, without forms)")
	}
	// Adding it changed nothing stored: r2 is still in the inbox.
	if _, body = tim.get("/deteksi"); !strings.Contains(inboxItems(body), itoa(items["r2"])) {
		t.Fatal("r2 left the inbox before a rescreen")
	}
	// netral rescreen applies it: r2 leaves the inbox, the dashboard follows.
	rep, err := monitor.Rescreen(ctx, f.DB, f.Inst, monitor.RescreenOptions{Actor: audit.System("test")})
	if err != nil || rep.Changed != 1 {
		t.Fatalf("rescreen: %+v %v", rep, err)
	}
	_, body = tim.get("/deteksi")
	if got, want := inboxItems(body), ids(items, "r5", "r4", "r3", "r1"); got != want {
		t.Fatalf("inbox after rescreen: %q, want %q", got, want)
	}
	if resp, _ := tim.get("/deteksi/" + itoa(items["r2"])); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("r2's item after rescreen: %d", resp.StatusCode)
	}
	if _, body = admin.get("/dasbor"); !strings.Contains(body, `id="review-count-new">4<`) {
		t.Fatal("dashboard after rescreen")
	}
	// The exception can be turned off (of this instansi only).
	xs, _ := monitor.Exceptions(ctx, f.DB, f.Inst)
	if resp := f.login("admin2").post("/deteksi/pengecualian/"+itoa(xs[0].ID)+"/status", url.Values{"active": {"0"}}); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("admin2 turns off instansi 1's exception: %d", resp.StatusCode)
	}
	if code, _, _ := admin.send("POST", "/deteksi/pengecualian/"+itoa(xs[0].ID)+"/status", url.Values{"active": {"0"}}, ""); code != http.StatusSeeOther {
		t.Fatalf("turn off: %d", code)
	}
	if xs, _ = monitor.Exceptions(ctx, f.DB, f.Inst); xs[0].Active {
		t.Fatal("still active")
	}
	if n := f.countAudit("review.exception_off", itoa(xs[0].ID)); n != 1 {
		t.Fatalf("%d audit entries", n)
	}
}

func TestHighlight(t *testing.T) {
	describe := func(m monitor.Match) string { return m.Signal }
	show := func(segs []hlSeg) string {
		var b strings.Builder
		for _, s := range segs {
			if s.Class == "" {
				b.WriteString(s.Text)
			} else {
				b.WriteString("[" + s.Class + ":" + s.Text + "]")
			}
		}
		return b.String()
	}
	m := func(field string, index, start, end int, signal string) monitor.Match {
		return monitor.Match{Field: field, Index: index, Start: start, End: end, Signal: signal}
	}
	text := "Ayo 🔥 coblos Ñino-Élan 🇮🇩!" // 🔥 is 4 bytes, Ñ and É 2, the flag 8
	for _, c := range []struct {
		name    string
		v       string
		ms      []monitor.Match
		field   string
		index   int
		want    string
		skipped int
	}{
		{"plain", "halo", nil, "text", 0, "halo", 0},
		{"empty", "", []monitor.Match{m("text", 0, 0, 1, "entity")}, "text", 0, "", 1},
		{"multibyte", text, []monitor.Match{m("text", 0, 4, 8, "support"), m("text", 0, 16, 27, "entity")}, "text", 0,
			"Ayo [sig-support:🔥] coblos [sig-entity:Ñino-Élan] 🇮🇩!", 0},
		{"overlap", text, []monitor.Match{m("text", 0, 16, 21, "entity"), m("text", 0, 16, 27, "entity"), m("text", 0, 9, 21, "call_to_vote")}, "text", 0,
			"Ayo 🔥 [sig-call-to-vote:coblos ][sig-call-to-vote sig-entity:Ñino][sig-entity:-Élan] 🇮🇩!", 0},
		{"whole and last rune", text, []monitor.Match{m("text", 0, 0, len(text), "context"), m("text", 0, len(text)-1, len(text), "oppose")}, "text", 0,
			"[sig-context:Ayo 🔥 coblos Ñino-Élan 🇮🇩][sig-context sig-oppose:!]", 0},
		{"inside a character", text, []monitor.Match{m("text", 0, 5, 8, "support"), m("text", 0, 4, 6, "support"), m("text", 0, 17, 21, "entity")}, "text", 0,
			text, 3},
		{"out of range", "abc", []monitor.Match{m("text", 0, -1, 2, "entity"), m("text", 0, 2, 4, "entity"), m("text", 0, 2, 2, "entity"), m("text", 0, 3, 1, "entity")}, "text", 0,
			"abc", 4},
		{"other field and caption", "abc", []monitor.Match{m("context_text", 0, 0, 1, "entity"), m("media_captions", 1, 0, 1, "entity"), m("media_captions", 0, 1, 2, "slogan")}, "media_captions", 0,
			"a[sig-slogan:b]c", 0},
		{"unknown signal", "abc", []monitor.Match{m("text", 0, 0, 3, "<b>")}, "text", 0, "[sig-other:abc]", 0},
	} {
		segs, skipped := highlight(c.v, c.ms, c.field, c.index, describe)
		if got := show(segs); got != c.want || skipped != c.skipped {
			t.Errorf("%s: %q (%d skipped), want %q (%d)", c.name, got, skipped, c.want, c.skipped)
		}
		var joined strings.Builder
		for _, s := range segs {
			joined.WriteString(s.Text)
		}
		if joined.String() != c.v {
			t.Errorf("%s: segments do not rebuild the text: %q", c.name, joined.String())
		}
	}
}
