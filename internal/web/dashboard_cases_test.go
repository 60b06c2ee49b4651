package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/cases"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/reports"
)

// TestDashboardCaseCounts checks the dashboard's public reports and cases:
// the counts for the roles that may see them, linked to the lists they
// stand for, and nothing for a kepala OPD.
func TestDashboardCaseCounts(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	admin := f.login("admin")
	_, page := admin.get("/dasbor")
	for _, want := range []string{`id="dash-reports-unlinked">0<`, `id="dash-cases-open">0<`, `id="dash-cases-overdue">0<`,
		`id="dash-cases-ppk">0<`} {
		if !strings.Contains(page, want) {
			t.Errorf("empty dashboard lacks %s", want)
		}
	}
	if strings.Contains(page, "setelah modulnya aktif") {
		t.Error("the dashboard still shows the placeholder of the modules to come")
	}

	var reportIDs []int64
	for _, desc := range []string{"Pegawai dinas membagikan stiker calon di kantor.", "Guru mengajak murid memilih calon tertentu."} {
		rec, err := reports.Submit(ctx, f.DB, nil, reports.Submission{InstansiID: f.Inst, Identity: reports.IdentityAnonymous,
			Description: desc, Reported: reports.Person{Name: "Budi Santoso"}, Act: "props"})
		if err != nil {
			t.Fatal(err)
		}
		reportIDs = append(reportIDs, rec.Report.ID)
	}
	svc := f.S.caseSvc()
	fromReport, err := svc.Open(ctx, f.person(t, "admin"), cases.OpenInput{InstansiID: f.Inst,
		Details: cases.Details{Title: "Dari laporan", Accused: cases.AccusedInput{EmployeeID: f.EmpIn1}},
		Source:  cases.SourceInput{Kind: cases.SourceReport, ReportID: reportIDs[0]}})
	if err != nil {
		t.Fatal(err)
	}
	atPPK := f.caseOpen(t, "Menunggu PPK", f.EmpIn2)
	f.caseWalkTo(t, atPPK.ID, cases.Referred)
	if _, err := svc.Transition(ctx, f.person(t, "admin"), f.Inst, atPPK.ID, cases.TransitionInput{Action: cases.ActRecommend,
		RecOutcome: cases.RecViolation}); err != nil {
		t.Fatal(err)
	}
	late := f.caseOpen(t, "Terlambat", f.EmpIn1)
	if _, err := f.DB.Exec(ctx, `UPDATE case_file SET due_at = ? WHERE id = ?`, clock.Format(time.Now().Add(-48*time.Hour)), late.ID); err != nil {
		t.Fatal(err)
	}
	rejected := f.caseOpen(t, "Ditolak", f.EmpIn2)
	if _, err := svc.Transition(ctx, f.person(t, "admin"), f.Inst, rejected.ID, cases.TransitionInput{Action: cases.ActReject,
		Note: "bukan ASN"}); err != nil {
		t.Fatal(err)
	}

	_, page = admin.get("/dasbor")
	for _, want := range []string{`id="case-stats"`, `id="dash-reports-unlinked">1<`, `id="dash-cases-open">3<`,
		`id="dash-cases-overdue">1<`, `id="dash-cases-ppk">1<`, `href="/laporan"`, `href="/perkara?terlambat=1"`,
		`href="/perkara?status=ppk"`, "Menunggu keputusan PPK", "Laporan masyarakat belum masuk perkara"} {
		if !strings.Contains(page, want) {
			t.Errorf("admin's dashboard lacks %s", want)
		}
	}
	// The links lead to the cases counted.
	if _, list := admin.get("/perkara?terlambat=1"); !strings.Contains(list, late.Number) || strings.Contains(list, atPPK.Number) {
		t.Errorf("the overdue list does not hold just %s", late.Number)
	}
	if _, list := admin.get("/perkara?status=ppk"); !strings.Contains(list, atPPK.Number) || strings.Contains(list, fromReport.Number) {
		t.Errorf("the PPK list does not hold just %s", atPPK.Number)
	}

	// The PPK (pimpinan) sees the cases but not the public reports.
	_, page = f.login("pimpinan").get("/dasbor")
	if !strings.Contains(page, `id="dash-cases-ppk">1<`) || strings.Contains(page, `id="dash-reports-unlinked"`) {
		t.Error("pimpinan's dashboard: want the case counts and no public reports")
	}
	// The Inspektorat sees both.
	_, page = f.login("inspektorat").get("/dasbor")
	if !strings.Contains(page, `id="dash-cases-open">3<`) || !strings.Contains(page, `id="dash-reports-unlinked">1<`) {
		t.Error("inspektorat's dashboard lacks the counts")
	}
	// A kepala OPD sees neither.
	_, page = f.login("kepala_opd").get("/dasbor")
	for _, bad := range []string{`id="case-stats"`, "dash-reports-unlinked", "dash-cases-", `href="/perkara`, `href="/laporan"`,
		"Menunggu keputusan PPK"} {
		if strings.Contains(page, bad) {
			t.Errorf("kepala_opd's dashboard shows %s", bad)
		}
	}
	if !strings.Contains(page, `id="stat-employees"`) {
		t.Error("kepala_opd's dashboard did not render")
	}
}
