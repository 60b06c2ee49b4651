package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/cases"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/monitor"
	"github.com/netral-asn/netral/internal/registry"
	"github.com/netral-asn/netral/internal/reports"
)

// caseWalkValues gives the route walk a case (received, about an employee
// of kepala_opd's subtree) and a case referred to Bawaslu.
func (w *walkFixture) caseWalkValues(t *testing.T) map[string]string {
	t.Helper()
	if v, ok := caseWalkCache.Load(w); ok {
		return v.(map[string]string)
	}
	f := w.fixture
	c := f.caseOpen(t, "Walk", f.EmpIn1)
	ref := f.caseOpen(t, "Walk rujukan", f.EmpIn2)
	f.caseWalkTo(t, ref.ID, cases.Referred)
	v := map[string]string{
		"/perkara/{id}":      itoa(c.ID),
		"/perkara/{sid}":     "1",
		"/rujukan/{id}":      itoa(ref.ID),
		"/api/v1/cases/{id}": itoa(c.ID),
	}
	caseWalkCache.Store(w, v)
	t.Cleanup(func() { caseWalkCache.Delete(w) })
	return v
}

var caseWalkCache sync.Map // *walkFixture → its caseWalkValues

// caseWalkForm gives the route walk forms that reach the case service.
func caseWalkForm(key string) url.Values {
	switch key {
	case "POST /perkara/{id}/langkah":
		return url.Values{"action": {"verify"}}
	case "POST /perkara/{id}/catatan":
		return url.Values{"audience": {"internal"}, "body": {"walk"}}
	case "POST /perkara/{id}/gabung":
		return url.Values{"into": {"NTR/1999/9999"}}
	case "POST /rujukan/{id}/rekomendasi":
		return url.Values{"rec_outcome": {"violation"}, "rec_text": {"walk"}}
	case "POST /perkara/baru":
		return url.Values{"source": {"finding"}, "title": {"Walk baru"}, "description": {"temuan walk"}}
	}
	return nil
}

// person is a fixture user as a case person.
func (f *fixture) person(t *testing.T, username string) cases.Person {
	t.Helper()
	u, err := f.S.Auth.UserByName(context.Background(), username)
	if err != nil {
		t.Fatal(err)
	}
	return cases.Person{Actor: audit.Actor{UserID: u.ID, Name: u.Username, InstansiID: u.InstansiID}, UserID: u.ID,
		Name: u.FullName, Role: u.Role, EmployeeID: u.EmployeeID, OPDID: u.OPDID}
}

// caseOpen opens a team finding about an employee as admin.
func (f *fixture) caseOpen(t *testing.T, title string, emp int64) cases.Case {
	t.Helper()
	c, err := f.S.caseSvc().Open(context.Background(), f.person(t, "admin"), cases.OpenInput{InstansiID: f.Inst,
		Details: cases.Details{Title: title, Accused: cases.AccusedInput{EmployeeID: emp}, ActKind: "interact",
			ActDate: time.Date(2024, 10, 2, 0, 0, 0, 0, time.UTC)},
		Source: cases.SourceInput{Kind: cases.SourceFinding, Description: "temuan " + title}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// caseWalkTo takes a case, as admin, up to state to (referred to Bawaslu).
func (f *fixture) caseWalkTo(t *testing.T, id int64, to cases.Status) {
	t.Helper()
	steps := []cases.TransitionInput{{Action: cases.ActVerify}, {Action: cases.ActSummon}, {Action: cases.ActToFinding, Note: "x"},
		{Action: cases.ActProven, ViolationCode: "DS-06", Finding: "Terbukti"}, {Action: cases.ActRefer, Target: cases.TargetBawaslu, LetterNumber: "800/7/TPN"}}
	for _, in := range steps {
		c, err := f.S.caseSvc().Transition(context.Background(), f.person(t, "admin"), f.Inst, id, in)
		if err != nil {
			t.Fatalf("%s: %v", in.Action, err)
		}
		if c.Status == to {
			return
		}
	}
	t.Fatalf("state %s not reached", to)
}

var caseLinkRe = regexp.MustCompile(`^/perkara/(\d+)`)

// caseIDFrom reads the case id of a redirect to its page.
func caseIDFrom(t *testing.T, loc string) string {
	t.Helper()
	m := caseLinkRe.FindStringSubmatch(loc)
	if m == nil {
		t.Fatalf("not a case page: %q", loc)
	}
	return m[1]
}

// TestCaseWebLifecycle walks a case from a team finding to a sanction in the
// browser's way: the team, the chair, the Bawaslu liaison and the PPK.
func TestCaseWebLifecycle(t *testing.T) {
	f := newFixture(t)
	tim, ketua, bawaslu, pimpinan := f.login("tim"), f.login("ketua_tim"), f.login("bawaslu"), f.login("pimpinan")
	st, loc, body := tim.send("POST", "/perkara/baru", url.Values{"source": {"finding"}, "title": {"Like unggahan paslon"},
		"description": {"Patroli siber: menyukai unggahan paslon 02"}, "links": {"https://instagram.com/p/xyz\nhttps://instagram.com/p/xyz"},
		"nip": {"198503152010011002"}, "act_date": {"2024-10-02"}, "act_kind": {"interact"}, "place": {"Instagram"}}, "")
	if st != http.StatusSeeOther {
		t.Fatalf("open: %d %s", st, body)
	}
	id := caseIDFrom(t, loc)
	_, page := tim.get("/perkara/" + id)
	// No election chosen: the determination date is unknown, the calon phase (disiplin list) is assumed.
	for _, want := range []string{"NTR/", "Budi Santoso", "Bidang Pembinaan SD", `id="form-verify"`, "<b>DS-06</b>",
		"tanggal tidak lengkap", `data-id="HD-B1"`} {
		if !strings.Contains(page, want) {
			t.Errorf("case page lacks %q", want)
		}
	}
	timID := f.person(t, "tim").UserID
	if st, _, b := ketua.send("POST", "/perkara/"+id+"/tugaskan", url.Values{"assignee": {itoa(timID)}}, ""); st != http.StatusSeeOther {
		t.Fatalf("assign: %d %s", st, b)
	}
	step := func(cl *client, path string, form url.Values) {
		t.Helper()
		if st, _, b := cl.send("POST", path, form, ""); st != http.StatusSeeOther {
			t.Fatalf("%s %v: %d %.400s", path, form, st, b)
		}
	}
	step(tim, "/perkara/"+id+"/langkah", url.Values{"action": {"verify"}, "expect": {"received"}})
	step(tim, "/perkara/"+id+"/langkah", url.Values{"action": {"summon"}})
	step(tim, "/perkara/"+id+"/panggilan", url.Values{"scheduled_at": {"2024-10-10T09:00"}, "place": {"Aula"}, "letter_number": {"800/1"}})
	cs, _ := cases.Summonses(context.Background(), f.DB, mustInt(t, id))
	if len(cs) != 1 {
		t.Fatalf("summonses %v", cs)
	}
	step(tim, "/perkara/"+id+"/panggilan/"+itoa(cs[0].ID)+"/ba", url.Values{"attended": {"yes"}, "minutes": {"ASN hadir dan mengakui."}})
	step(tim, "/perkara/"+id+"/langkah", url.Values{"action": {"to_finding"}})
	// A tim member may not conclude: 403 with the reason on the page.
	st, _, b := tim.send("POST", "/perkara/"+id+"/langkah", url.Values{"action": {"proven"}, "violation_code": {"DS-06"}, "finding": {"x"}}, "")
	if st != http.StatusForbidden || !strings.Contains(b, "Peran Anda tidak dapat mengambil langkah ini") {
		t.Fatalf("proven by tim: %d %.300s", st, b)
	}
	// Missing finding: 400 naming the field, the typed values kept.
	st, _, b = ketua.send("POST", "/perkara/"+id+"/langkah", url.Values{"action": {"proven"}, "violation_code": {"DS-06"}, "note": {"catatan ketua"}}, "")
	if st != http.StatusBadRequest || !strings.Contains(b, "Kesimpulan tim wajib diisi") || !strings.Contains(b, "catatan ketua") {
		t.Fatalf("proven without finding: %d %.300s", st, b)
	}
	step(ketua, "/perkara/"+id+"/langkah", url.Values{"action": {"proven"}, "violation_code": {"DS-06"}, "finding": {"Terbukti."}})
	step(tim, "/perkara/"+id+"/langkah", url.Values{"action": {"refer"}, "target": {"bawaslu"}, "letter_number": {"800/2"}})
	// The Bawaslu liaison: listed, shown (without internal notes), recommends.
	_, list := bawaslu.get("/rujukan")
	if !strings.Contains(list, "/rujukan/"+id) {
		t.Fatalf("bawaslu list lacks the case: %.500s", list)
	}
	_, view := bawaslu.get("/rujukan/" + id)
	if !strings.Contains(view, `id="form-recommend"`) || strings.Contains(view, `id="form-note"`) || strings.Contains(view, `id="case-timeline"`) {
		t.Fatalf("bawaslu view: %.1000s", view)
	}
	step(bawaslu, "/rujukan/"+id+"/rekomendasi", url.Values{"rec_outcome": {"violation"}, "rec_number": {"12/PM"}, "rec_date": {time.Now().Format(time.DateOnly)},
		"rec_sanction": {"HD-B1"}, "rec_text": {"Direkomendasikan hukuman disiplin"}})
	// The PPK decides, on another basis than suggested.
	_, pp := pimpinan.get("/perkara/" + id)
	if !strings.Contains(pp, `id="form-decide"`) || strings.Contains(pp, `id="form-verify"`) {
		t.Fatalf("pimpinan page: %.300s", pp)
	}
	if st, _, _ := pimpinan.send("POST", "/perkara/"+id+"/langkah", url.Values{"action": {"close"}}, ""); st != http.StatusForbidden {
		t.Fatalf("pimpinan on a team route: %d", st) // lacks cases.handle
	}
	step(pimpinan, "/perkara/"+id+"/putusan", url.Values{"sanction": {"SM-TBK"}, "basis": {"PP 42/2004 Ps. 15: pelanggaran pertama"},
		"decree_number": {"800/KEP/1/2024"}, "decree_date": {"2024-10-25"}})
	step(tim, "/perkara/"+id+"/langkah", url.Values{"action": {"close"}})
	c, err := cases.Get(context.Background(), f.DB, f.Inst, mustInt(t, id))
	if err != nil || c.Status != cases.Closed || c.Decision.Sanction != "SM-TBK" || c.Rec.Sanction != "HD-B1" || c.Accused.OPDID != f.OPD1Sub {
		t.Fatalf("case at the end: %v %+v", err, c)
	}
	// Bawaslu learns the outcome.
	_, view = bawaslu.get("/rujukan/" + id)
	if !strings.Contains(view, "Sanksi moral") {
		t.Errorf("bawaslu does not see the outcome: %.500s", view)
	}
	// The sanction is on Budi's page for the team, not for the kepala OPD.
	admin := f.login("admin")
	_, emp := admin.get("/pegawai/" + itoa(f.EmpIn1))
	if !strings.Contains(emp, `id="sanctions"`) || !strings.Contains(emp, "800/KEP/1/2024") {
		t.Errorf("employee page lacks the sanction")
	}
	_, emp = f.login("kepala_opd").get("/pegawai/" + itoa(f.EmpIn1))
	if strings.Contains(emp, `id="sanksi"`) || strings.Contains(emp, "800/KEP/1/2024") {
		t.Errorf("kepala OPD sees the sanction")
	}
	// The API: list with the contract's envelope, filter by status, detail.
	tok := f.apiToken("ketua_tim")
	resp, js := f.api("GET", "/api/v1/cases?status=closed", tok, "")
	var lst struct {
		Items []map[string]any `json:"items"`
		Total int              `json:"total"`
		Next  *string          `json:"next"`
	}
	if resp.StatusCode != 200 || json.Unmarshal([]byte(js), &lst) != nil || lst.Total != 1 || len(lst.Items) != 1 || lst.Next == nil {
		t.Fatalf("api list: %d %s", resp.StatusCode, js)
	}
	if lst.Items[0]["number"] != c.Number || lst.Items[0]["decision"].(map[string]any)["sanction"] != "SM-TBK" {
		t.Errorf("api item %v", lst.Items[0])
	}
	if resp, js := f.api("GET", "/api/v1/cases?status=open", tok, ""); resp.StatusCode != 200 || !strings.Contains(js, `"total": 0`) {
		t.Errorf("open cases: %s", js)
	}
	if resp, js := f.api("GET", "/api/v1/cases?status=bogus", tok, ""); resp.StatusCode != 400 || apiErrorCode(js) != "invalid" {
		t.Errorf("bad status: %d %s", resp.StatusCode, js)
	}
	resp, js = f.api("GET", "/api/v1/cases/"+id, tok, "")
	if resp.StatusCode != 200 || !strings.Contains(js, `"steps"`) || strings.Count(js, `"status": "`) < 9 {
		t.Errorf("api detail: %d %.300s", resp.StatusCode, js)
	}
}

func mustInt(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	for _, r := range s {
		if r < '0' || r > '9' {
			t.Fatalf("not a number: %q", s)
		}
		n = n*10 + int64(r-'0')
	}
	return n
}

// TestCaseWebRefusals: roles without cases, another instansi, the Bawaslu
// liaison outside referred cases, a conflict of interest.
func TestCaseWebRefusals(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c := f.caseOpen(t, "Kasus Budi", f.EmpIn1)
	path := "/perkara/" + itoa(c.ID)
	for _, who := range []string{"kepala_opd", "asn", "bawaslu"} {
		cl := f.login(who)
		for _, p := range []string{"/perkara", path} {
			if st, _, _ := cl.send("GET", p, nil, ""); st != http.StatusForbidden {
				t.Errorf("%s GET %s: %d", who, p, st)
			}
		}
	}
	if st, _, _ := f.login("bawaslu").send("GET", "/rujukan/"+itoa(c.ID), nil, ""); st != http.StatusNotFound {
		t.Errorf("bawaslu on a case not referred: %d", st)
	}
	admin2 := f.login("admin2")
	if st, _, _ := admin2.send("GET", path, nil, ""); st != http.StatusNotFound {
		t.Errorf("another instansi: %d", st)
	}
	if resp, _ := f.api("GET", "/api/v1/cases/"+itoa(c.ID), f.apiToken("admin2"), ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another instansi (API): %d", resp.StatusCode)
	}
	if _, js := f.api("GET", "/api/v1/cases", f.apiToken("admin2"), ""); !strings.Contains(js, `"total": 0`) {
		t.Errorf("another instansi lists: %s", js)
	}
	// A tim member whose employee works in Dinas Pendidikan (above Budi's unit).
	reg := &registry.Store{DB: f.DB}
	e, err := reg.SaveEmployee(ctx, audit.System("test"), registry.Employee{InstansiID: f.Inst, NIP: "197001011995031001",
		Name: "Kadis", Jabatan: "Kepala Dinas", OPDID: f.OPD1}, timeZero, "test")
	if err != nil {
		t.Fatal(err)
	}
	err = f.DB.InTx(ctx, func(tx *db.Tx) error {
		_, err := auth.CreateUser(ctx, tx, audit.System("test"), auth.User{InstansiID: f.Inst, Username: "timdik", FullName: "Tim Dik",
			Role: auth.RoleTim, EmployeeID: e.ID}, testPassword)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	timdik := f.login("timdik")
	st, _, body := timdik.send("GET", path, nil, "")
	if st != http.StatusForbidden || !strings.Contains(body, "Benturan kepentingan") {
		t.Errorf("conflicted member: %d %.300s", st, body)
	}
	if _, list := timdik.get("/perkara"); strings.Contains(list, path) {
		t.Error("conflicted member lists the case")
	}
	if st, _, _ := timdik.send("POST", path+"/catatan", url.Values{"audience": {"internal"}, "body": {"x"}}, ""); st != http.StatusForbidden {
		t.Errorf("conflicted member writes a note: %d", st)
	}
	timdikID := f.person(t, "timdik").UserID
	st, _, body = f.login("ketua_tim").send("POST", path+"/tugaskan", url.Values{"assignee": {itoa(timdikID)}}, "")
	if st != http.StatusForbidden || !strings.Contains(body, "Benturan kepentingan") {
		t.Errorf("assigning a conflicted member: %d %.300s", st, body)
	}
	if _, page := f.login("ketua_tim").get(path); strings.Contains(page, `value="`+itoa(timdikID)+`"`) {
		t.Error("a conflicted member is offered for assignment")
	}
	// Wrong state: 409 with the reason.
	st, _, body = f.login("tim").send("POST", path+"/langkah", url.Values{"action": {"close"}}, "")
	if st != http.StatusConflict || !strings.Contains(body, "status perkara saat ini") {
		t.Errorf("close a received case: %d %.300s", st, body)
	}
	// A request without the cross-site token.
	if st, _, _ := f.login("tim").send("POST", path+"/catatan", url.Values{"_csrf": {"salah"}, "audience": {"internal"}, "body": {"x"}}, ""); st != http.StatusForbidden {
		t.Errorf("without CSRF token: %d", st)
	}
}

// TestCaseXSS: markup in every text a person types is shown as text.
func TestCaseXSS(t *testing.T) {
	f := newFixture(t)
	tim := f.login("tim")
	evil := `<script>alert(1)</script><img src=x onerror=alert(2)>`
	st, loc, body := tim.send("POST", "/perkara/baru", url.Values{"source": {"finding"}, "title": {"T " + evil},
		"summary": {evil}, "description": {evil}, "links": {"https://x.test/a?q=\"><script>alert(3)</script>"},
		"name": {"N " + evil}, "position": {evil}, "unit": {evil}, "place": {evil}}, "")
	if st != http.StatusSeeOther {
		t.Fatalf("open: %d %.300s", st, body)
	}
	id := caseIDFrom(t, loc)
	for _, form := range []url.Values{
		{"audience": {"internal"}, "body": {evil}},
		{"audience": {"accused"}, "body": {evil}},
		{"audience": {"accused_reply"}, "body": {evil}, "refs": {evil}},
	} {
		if st, _, b := tim.send("POST", "/perkara/"+id+"/catatan", form, ""); st != http.StatusSeeOther {
			t.Fatalf("note %v: %d %.300s", form, st, b)
		}
	}
	_, page := tim.get("/perkara/" + id)
	_, list := tim.get("/perkara")
	for name, p := range map[string]string{"case page": page, "list": list} {
		if strings.Contains(p, "<script>alert") || strings.Contains(p, "<img src=x") {
			t.Errorf("%s emits markup raw", name)
		}
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the note is not shown escaped")
	}
	// A refused form echoes the typed text escaped too.
	st, _, body = tim.send("POST", "/perkara/"+id+"/langkah", url.Values{"action": {"reject"}, "note": {evil}}, "")
	if st != http.StatusForbidden || strings.Contains(body, "<script>alert") {
		t.Errorf("refused form: %d", st)
	}
}

// TestCaseFromReviewAndReports: a confirmed review item and public reports
// become cases; duplicates merge and every reporter follows the outcome.
func TestCaseFromReviewAndReports(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	sys := audit.System("test")
	rec := `{"id":"case-1","platform":"instagram","kind":"post","author":"@budi.case","created_at":"2024-10-02T19:04:00+07:00","text":"Ayo coblos nomor 2 Untung-Nurul!","url":"https://instagram.com/p/case1"}`
	if _, err := f.S.Reg.SaveAccount(ctx, sys, registry.Account{InstansiID: f.Inst, EmployeeID: f.EmpIn1, Platform: "instagram", Handle: "budi.case"}); err != nil {
		t.Fatal(err)
	}
	if _, err := monitor.Ingest(ctx, f.DB, strings.NewReader(rec), monitor.IngestOptions{InstansiID: f.Inst, Source: monitor.SourceImport, Actor: sys}); err != nil {
		t.Fatal(err)
	}
	act, err := monitor.ByExternalID(ctx, f.DB, f.Inst, "instagram", "case-1")
	if err != nil {
		t.Fatal(err)
	}
	item, err := monitor.ReviewByActivity(ctx, f.DB, f.Inst, act.ID)
	if err != nil {
		t.Fatal(err)
	}
	tim := f.login("tim")
	if _, p := tim.get("/deteksi/" + itoa(item.ID)); strings.Contains(p, `id="open-case"`) {
		t.Fatal("open-case button on an unconfirmed item")
	}
	if st, _, _ := tim.send("GET", "/perkara/baru?deteksi="+itoa(item.ID), nil, ""); st != http.StatusBadRequest {
		t.Fatalf("form from an unconfirmed item: %d", st)
	}
	if err := monitor.Decide(ctx, f.DB, sys, f.Inst, item.ID, monitor.Decision{Action: monitor.ActionConfirm}); err != nil {
		t.Fatal(err)
	}
	if _, p := tim.get("/deteksi/" + itoa(item.ID)); !strings.Contains(p, `id="open-case"`) {
		t.Fatal("no open-case button on a confirmed item")
	}
	_, form := tim.get("/perkara/baru?deteksi=" + itoa(item.ID))
	for _, want := range []string{`name="review_item" value="` + itoa(item.ID) + `"`, `name="employee" value="` + itoa(f.EmpIn1) + `"`,
		"https://instagram.com/p/case1", `value="2024-10-02"`} {
		if !strings.Contains(form, want) {
			t.Errorf("prefilled form lacks %q", want)
		}
	}
	st, loc, body := tim.send("POST", "/perkara/baru", url.Values{"source": {"review"}, "review_item": {itoa(item.ID)},
		"employee": {itoa(f.EmpIn1)}, "title": {"Ajakan memilih"}, "act_date": {"2024-10-02"}, "act_kind": {"campaign"},
		"links": {"https://instagram.com/p/case1"}}, "")
	if st != http.StatusSeeOther {
		t.Fatalf("open from review: %d %.300s", st, body)
	}
	a := caseIDFrom(t, loc)
	if st, loc, _ := tim.send("GET", "/perkara/baru?deteksi="+itoa(item.ID), nil, ""); st != http.StatusSeeOther || caseIDFrom(t, loc) != a {
		t.Fatalf("second open from the same item: %d %s", st, loc)
	}
	// Two public reports of the same act: one joins case A, the other opens B, which is merged into A.
	submit := func(desc string) reports.Receipt {
		r, err := reports.Submit(ctx, f.DB, nil, reports.Submission{InstansiID: f.Inst, Description: desc, Identity: "anonymous",
			Reported: reports.Person{Name: "Budi", NIP: "198503152010011002"}})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r1, r2 := submit("ASN Budi mengajak memilih paslon 2 di Instagram"), submit("Budi kampanye di IG")
	if st, _, b := tim.send("POST", "/perkara/"+a+"/sumber", url.Values{"source": {"report"}, "report": {itoa(r1.Report.ID)}}, ""); st != http.StatusSeeOther {
		t.Fatalf("add report 1: %d %.300s", st, b)
	}
	_, form = tim.get("/perkara/baru?laporan=" + itoa(r2.Report.ID))
	if !strings.Contains(form, `name="report" value="`+itoa(r2.Report.ID)+`"`) || !strings.Contains(form, "Budi kampanye di IG") {
		t.Fatalf("form from report: %.500s", form)
	}
	st, loc, body = tim.send("POST", "/perkara/baru", url.Values{"source": {"report"}, "report": {itoa(r2.Report.ID)},
		"title": {"Laporan Budi"}, "nip": {"198503152010011002"}}, "")
	if st != http.StatusSeeOther {
		t.Fatalf("open from report: %d %.300s", st, body)
	}
	b := caseIDFrom(t, loc)
	ca, _ := cases.Get(ctx, f.DB, f.Inst, mustInt(t, a))
	if st, _, _ := tim.send("POST", "/perkara/"+b+"/gabung", url.Values{"into": {ca.Number}}, ""); st != http.StatusForbidden {
		t.Fatalf("merge by tim: %d", st) // route needs cases.assign
	}
	ketua := f.login("ketua_tim")
	st, loc, body = ketua.send("POST", "/perkara/"+b+"/gabung", url.Values{"into": {ca.Number}}, "")
	if st != http.StatusSeeOther || caseIDFrom(t, loc) != a {
		t.Fatalf("merge: %d %s %.300s", st, loc, body)
	}
	for _, r := range []reports.Receipt{r1, r2} {
		got, err := reports.Get(ctx, f.DB, f.Inst, r.Report.ID)
		if err != nil || itoa(got.CaseID) != a {
			t.Fatalf("report %s in case %d: %v", r.Receipt, got.CaseID, err)
		}
	}
	// A walks to the team's "not proven": both reporters are told, with the team's message.
	for _, form := range []url.Values{{"action": {"verify"}}, {"action": {"summon"}}, {"action": {"to_finding"}, "note": {"tertulis"}}} {
		if st, _, b := tim.send("POST", "/perkara/"+a+"/langkah", form, ""); st != http.StatusSeeOther {
			t.Fatalf("%v: %d %.300s", form, st, b)
		}
	}
	if st, _, b := ketua.send("POST", "/perkara/"+a+"/langkah", url.Values{"action": {"not_proven"}, "finding": {"Akun bukan milik Budi"},
		"public_message": {"Setelah diperiksa, laporan tidak terbukti."}}, ""); st != http.StatusSeeOther {
		t.Fatalf("not proven: %d %.300s", st, b)
	}
	for _, r := range []reports.Receipt{r1, r2} {
		got, _ := reports.Get(ctx, f.DB, f.Inst, r.Report.ID)
		msgs, _ := reports.Messages(ctx, f.DB, f.Inst, r.Report.ID)
		if got.Status != reports.StatusClosed || len(msgs) == 0 || msgs[len(msgs)-1].Body != "Setelah diperiksa, laporan tidak terbukti." {
			t.Errorf("report %s: %s %+v", r.Receipt, got.Status, msgs)
		}
	}
	// The merged case points to A.
	_, page := ketua.get("/perkara/" + b)
	if !strings.Contains(page, `id="merged-into"`) {
		t.Error("merged case does not point to A")
	}
}
