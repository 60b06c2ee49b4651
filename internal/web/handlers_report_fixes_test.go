package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/cases"
	"github.com/netral-asn/netral/internal/reports"
)

// TestReportStaffPageCaseAndNIP: staff read a NIP warning worded for them
// (not the reporter's), and the case of a report by its number, linked.
func TestReportStaffPageCaseAndNIP(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	rec, err := reports.Submit(ctx, f.DB, nil, reports.Submission{InstansiID: f.Inst, Description: "ASN mengajak memilih paslon di grup WA",
		Identity: "anonymous", Reported: reports.Person{Name: "Budi", NIP: "12345"}})
	if err != nil {
		t.Fatal(err)
	}
	rid := itoa(rec.Report.ID)
	admin := f.login("admin")
	_, page := admin.get("/laporan/" + rid)
	if !strings.Contains(page, "NIP yang ditulis pelapor tampaknya tidak valid") || strings.Contains(page, "Laporan tetap diterima") {
		t.Fatalf("NIP warning for staff: %s", between(page, `id="report-reported"`, "</dd>"))
	}
	c, err := f.S.caseSvc().Open(ctx, f.person(t, "admin"), cases.OpenInput{InstansiID: f.Inst,
		Details: cases.Details{Title: "Dari laporan", Accused: cases.AccusedInput{EmployeeID: f.EmpIn1}},
		Source:  cases.SourceInput{Kind: cases.SourceReport, ReportID: rec.Report.ID}})
	if err != nil {
		t.Fatal(err)
	}
	link := `<a href="/perkara/` + itoa(c.ID) + `"`
	for _, path := range []string{"/laporan/" + rid, "/laporan"} {
		_, page := admin.get(path)
		if !strings.Contains(page, "perkara "+c.Number) || !strings.Contains(page, link) || strings.Contains(page, "perkara #") {
			t.Errorf("%s: case number or link missing (%s)", path, c.Number)
		}
	}
	admin.get("/bahasa/en")
	if _, page := admin.get("/laporan/" + rid); !strings.Contains(page, "The NIP the reporter wrote looks invalid") ||
		!strings.Contains(page, "case "+c.Number) {
		t.Errorf("English staff page: %s", between(page, `id="report-reported"`, "</dd>"))
	}
}

// TestPublicReportAPIOrder: once the no-proof budget is used, an invalid
// body still gets the 400 naming its field; every 429 carries Retry-After;
// a proof of work sent again gets its own message.
func TestPublicReportAPIOrder(t *testing.T) {
	f := newFixture(t)
	f.withReports(false)
	g := f.S.guard()
	g.cfg.SlowPerHour, g.cfg.SlowGlobalPerHour = 1, 100
	good := `{"description":"Kepala dinas mengajak memilih paslon.","identity":"anonymous","reported":{"name":"X"},"instansi":"99.01"}`
	bad := `{"description":"pendek","identity":"anonymous","instansi":"99.01"}`
	post := func(body string, headers map[string]string) (*http.Response, string) {
		h := map[string]string{"X-Forwarded-For": "10.9.0.1"}
		for k, v := range headers {
			h[k] = v
		}
		return f.anon().do("POST", "/api/v1/public/reports", "application/json", strings.NewReader(body), h)
	}
	if resp, b := post(good, nil); resp.StatusCode != http.StatusCreated {
		t.Fatalf("first: %d %s", resp.StatusCode, b)
	}
	resp, b := post(good, nil)
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("over the budget: %d Retry-After=%q %s", resp.StatusCode, resp.Header.Get("Retry-After"), b)
	}
	resp, b = post(bad, nil)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(b, "description") {
		t.Fatalf("invalid body over the budget: %d %s", resp.StatusCode, b)
	}
	// A proof used once is not a new report.
	ch := g.challenge()
	pow := map[string]string{"X-Netral-Pow-Challenge": ch, "X-Netral-Pow-Nonce": solveWork(ch, g.cfg.Difficulty)}
	if resp, b := post(good, pow); resp.StatusCode != http.StatusCreated {
		t.Fatalf("with a proof: %d %s", resp.StatusCode, b)
	}
	resp, b = post(good, pow)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(b, "sudah dikirim") || strings.Contains(b, "tanpa JavaScript") {
		t.Fatalf("the same proof again: %d %s", resp.StatusCode, b)
	}
	// An invalid body does not use up the proof.
	ch = g.challenge()
	pow = map[string]string{"X-Netral-Pow-Challenge": ch, "X-Netral-Pow-Nonce": solveWork(ch, g.cfg.Difficulty)}
	if resp, b := post(bad, pow); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("invalid with a proof: %d %s", resp.StatusCode, b)
	}
	if resp, b := post(good, pow); resp.StatusCode != http.StatusCreated {
		t.Fatalf("the proof after an invalid body: %d %s", resp.StatusCode, b)
	}
	// Every 429 of the public routes says when to retry (the attempt limit here).
	g.cfg.AttemptsPerHour = 0
	if resp, _ := post(good, nil); resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("attempt limit: %d Retry-After=%q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}

// TestReporterThreadStatusLinesAndClosedNote: a status change without text
// is a line on the reporter's thread, not an empty card; once the case is
// over the reporter is told the team may not act on a reply any more.
func TestReporterThreadStatusLinesAndClosedNote(t *testing.T) {
	f := newFixture(t)
	f.withReports(false)
	ctx := context.Background()
	rec, err := reports.Submit(ctx, f.DB, nil, reports.Submission{InstansiID: f.Inst, Description: "ASN mengajak memilih paslon di grup WA",
		Identity: "anonymous", Reported: reports.Person{Name: "Budi"}})
	if err != nil {
		t.Fatal(err)
	}
	svc, admin := f.S.caseSvc(), f.person(t, "admin")
	c, err := svc.Open(ctx, admin, cases.OpenInput{InstansiID: f.Inst,
		Details: cases.Details{Title: "Dari laporan", Accused: cases.AccusedInput{EmployeeID: f.EmpIn1}},
		Source:  cases.SourceInput{Kind: cases.SourceReport, ReportID: rec.Report.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Transition(ctx, admin, f.Inst, c.ID, cases.TransitionInput{Action: cases.ActVerify}); err != nil {
		t.Fatal(err)
	}
	status := func() string {
		t.Helper()
		resp, out := f.anon().do("POST", "/lapor/status", "application/x-www-form-urlencoded",
			strings.NewReader(url.Values{"kode": {rec.Receipt}, "rahasia": {rec.Secret}}.Encode()), nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status page: %d %.300s", resp.StatusCode, out)
		}
		return out
	}
	out := status()
	if !strings.Contains(out, "Status laporan berubah menjadi: ") || strings.Contains(out, `class="card message msg-team"`) {
		t.Errorf("status change on the thread: %s", between(out, "<h2>", `id="reply-form"`))
	}
	if strings.Contains(out, `id="status-closed-note"`) {
		t.Error("closed note on an open report")
	}
	if _, err := svc.Transition(ctx, admin, f.Inst, c.ID, cases.TransitionInput{Action: cases.ActInsufficient, Note: "bukti kurang",
		PublicMessage: "Bukti tidak cukup untuk dilanjutkan."}); err != nil {
		t.Fatal(err)
	}
	out = status()
	if !strings.Contains(out, `id="status-closed-note"`) || !strings.Contains(out, `id="reply-form"`) ||
		!strings.Contains(out, "Bukti tidak cukup untuk dilanjutkan.") {
		t.Errorf("closed report: %s", between(out, "<h2>", "</form>"))
	}
}

// TestMergeIntoClosedCaseNamesTarget: merging into a closed case says
// which case, and the note of to_finding is labelled required without minutes.
func TestMergeIntoClosedCaseNamesTarget(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	svc, admin := f.S.caseSvc(), f.person(t, "admin")
	a, b := f.caseOpen(t, "Perkara A", f.EmpIn1), f.caseOpen(t, "Perkara B", f.EmpIn1)
	if _, err := svc.Transition(ctx, admin, f.Inst, a.ID, cases.TransitionInput{Action: cases.ActReject, Note: "bukan netralitas"}); err != nil {
		t.Fatal(err)
	}
	ketua := f.login("ketua_tim")
	st, _, body := ketua.send("POST", "/perkara/"+itoa(b.ID)+"/gabung", url.Values{"into": {a.Number}}, "")
	if st != http.StatusConflict || !strings.Contains(body, "Perkara tujuan "+a.Number) {
		t.Fatalf("merge into a closed case: %d %.300s", st, between(body, `id="form-merge"`, "</form>"))
	}
	f.caseWalkTo(t, b.ID, cases.Verification)
	if _, err := svc.Transition(ctx, admin, f.Inst, b.ID, cases.TransitionInput{Action: cases.ActSummon}); err != nil {
		t.Fatal(err)
	}
	_, page := f.login("tim").get("/perkara/" + itoa(b.ID))
	form := between(page, `id="form-to_finding"`, "</form>")
	if !strings.Contains(form, "Alasan melanjutkan tanpa BA klarifikasi (wajib)") || strings.Contains(form, "tidak wajib") {
		t.Errorf("to_finding form without minutes: %s", form)
	}
}

// TestReportFormResentAndSlowLane: the /lapor form sent twice with the same
// proof of work is told so (not "no JavaScript"); an invalid form over the
// no-proof budget gets its problems, a valid one 429 with Retry-After.
func TestReportFormResentAndSlowLane(t *testing.T) {
	f := newFixture(t)
	f.withReports(false)
	g := f.S.guard()
	anon := f.anon()
	_, page := anon.get("/lapor?instansi=99.01")
	m := challengeRe.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no challenge on the form")
	}
	form := reportForm("anonymous")
	form.Set("pow_challenge", m[1])
	form.Set("pow_nonce", solveWork(m[1], g.cfg.Difficulty))
	send := func(form url.Values) (*http.Response, string) {
		ct, body := multipartBody(t, form, nil)
		return anon.do("POST", "/lapor", ct, bytes.NewReader(body), map[string]string{"X-Forwarded-For": "10.7.0.1"})
	}
	if resp, out := send(form); resp.StatusCode != http.StatusOK {
		t.Fatalf("first: %d %.300s", resp.StatusCode, out)
	}
	resp, out := send(form)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(out, "Formulir ini sudah dikirim") || strings.Contains(out, "tanpa JavaScript") {
		t.Fatalf("sent again: %d %.300s", resp.StatusCode, out)
	}
	// No proof, budget used: a valid report 429 (Retry-After), an invalid one its problems.
	g.cfg.SlowPerHour = 0
	form.Del("pow_challenge")
	form.Del("pow_nonce")
	if resp, out := send(form); resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("over the slow budget: %d %q %.300s", resp.StatusCode, resp.Header.Get("Retry-After"), out)
	}
	form.Set("deskripsi", "x")
	if resp, out := send(form); resp.StatusCode != http.StatusBadRequest || strings.Contains(out, "tanpa JavaScript") {
		t.Fatalf("invalid over the slow budget: %d %.300s", resp.StatusCode, out)
	}
}
