package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/cases"
	"github.com/netral-asn/netral/internal/tenant"
	"github.com/netral-asn/netral/internal/workcal"
)

// utcServer makes the test's time.Local UTC (a server kept in UTC) until
// the test ends.
func utcServer(t *testing.T) {
	t.Helper()
	saved := time.Local
	time.Local = time.UTC
	t.Cleanup(func() { time.Local = saved })
}

// TestTimesInInstansiZone: on a server kept in UTC, a summons entered as
// 09:00 for a case of 99.01 (WIB) is stored as 02:00Z, printed "09.00 WIB"
// in the invitation and shown as 09:00 WIB on the case page.
func TestTimesInInstansiZone(t *testing.T) {
	utcServer(t)
	f := newFixture(t)
	ctx := context.Background()
	admin := f.person(t, "admin")
	svc := f.S.caseSvc()
	c, err := svc.Open(ctx, admin, cases.OpenInput{InstansiID: f.Inst,
		Details: cases.Details{Title: "Unggahan dukungan", Accused: cases.AccusedInput{EmployeeID: f.EmpIn1}, ActKind: "interact"},
		Source:  cases.SourceInput{Kind: cases.SourceFinding, Description: "patroli siber", Links: []string{"https://x.test/zona"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []cases.Action{cases.ActVerify, cases.ActSummon} {
		if _, err := svc.Transition(ctx, admin, f.Inst, c.ID, cases.TransitionInput{Action: a}); err != nil {
			t.Fatalf("%s: %v", a, err)
		}
	}
	id := itoa(c.ID)
	tim := f.login("tim")
	if st, _, b := tim.send("POST", "/perkara/"+id+"/panggilan", url.Values{"scheduled_at": {"2026-11-26T09:00"},
		"place": {"Aula Inspektorat"}, "letter_number": {"800/7/TPN"}}, ""); st != http.StatusSeeOther {
		t.Fatalf("summons: %d %.400s", st, b)
	}
	sms, err := cases.Summonses(ctx, f.DB, c.ID)
	if err != nil || len(sms) != 1 {
		t.Fatalf("summonses: %v %v", sms, err)
	}
	if got, want := sms[0].ScheduledAt.UTC(), time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("stored %v, want %v (09:00 WIB)", got, want)
	}
	st, hdr, body := tim.fetch("/perkara/" + id + "/dokumen/" + caseDocInvitation)
	wantPDF(t, "invitation", st, hdr, body, "09.00 WIB", "26 November 2026")
	if text := pdfText(t, []byte(body)); strings.Contains(text, "UTC") || strings.Contains(text, "02.00") {
		t.Errorf("invitation in UTC: %.1500s", text)
	}
	st, hdr, body = tim.fetch("/perkara/" + id + "/dokumen/" + caseDocSummary)
	wantPDF(t, "summary", st, hdr, body, "WIB")
	if text := pdfText(t, []byte(body)); strings.Contains(text, "UTC") {
		t.Errorf("summary in UTC: %.1500s", text)
	}
	_, page := tim.get("/perkara/" + id)
	if !strings.Contains(page, "26-11-2026 09:00 WIB") {
		t.Errorf("case page lacks the summons at 09:00 WIB: %s", between(page, `id="klarifikasi"`, "</table>"))
	}
	if strings.Contains(page, " UTC") {
		t.Error("case page shows UTC times")
	}
	// A second summons can be scheduled: the form says which zone to type in.
	if !strings.Contains(between(page, `id="form-summons"`, "</form>"), "(WIB)</label>") {
		t.Errorf("summons form does not name the zone: %s", between(page, `id="form-summons"`, "</form>"))
	}
}

// TestZoneOfPages: the request's instansi (or, on the public report pages,
// the report's instansi) decides the zone of the times shown.
func TestZoneOfPages(t *testing.T) {
	at := time.Date(2026, 11, 23, 7, 31, 0, 0, time.UTC)
	for code, want := range map[string]string{"99.01": "23-11-2026 14:31 WIB", "64.72": "23-11-2026 15:31 WITA",
		"94.71": "23-11-2026 16:31 WIT", "": "23-11-2026 14:31 WIB"} {
		c := &reqCtx{Instansi: tenant.Instansi{Code: code}}
		if got := showDateTime(at, c.Zone()); got != want {
			t.Errorf("%q: %q, want %q", code, got, want)
		}
	}
	if (*reqCtx)(nil).Zone() != workcal.WIB {
		t.Error("no request: not WIB")
	}
	if showDateTime(time.Time{}, workcal.WIB) != "" || showDate(time.Time{}, workcal.WIB) != "" {
		t.Error("zero time shown")
	}
	// Late on the 23rd UTC is the 24th in WIT.
	if got := showDate(time.Date(2026, 11, 23, 16, 0, 0, 0, time.UTC), workcal.WIT); got != "24-11-2026" {
		t.Errorf("date in WIT: %s", got)
	}
	var p any = reportStatusPage{Instansi: tenant.Instansi{Code: "51.71"}}
	if z, ok := p.(zoned); !ok || z.zone() != workcal.WITA {
		t.Error("status page of a Bali instansi not in WITA")
	}
	if z, ok := any(reportReceiptPage{Instansi: tenant.Instansi{Code: "81.01"}}).(zoned); !ok || z.zone() != workcal.WIT {
		t.Error("receipt of a Maluku instansi not in WIT")
	}
	// The clones of a page per zone render the same page with its own zone.
	tpl, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	for _, loc := range []*time.Location{workcal.WIB, workcal.WITA, workcal.WIB} {
		if _, ok, err := tpl.page("audit.html", loc); !ok || err != nil {
			t.Fatalf("page in %v: %v %v", loc, ok, err)
		}
	}
	if len(tpl.zoned) != 2 {
		t.Errorf("clones: %d", len(tpl.zoned))
	}
}
