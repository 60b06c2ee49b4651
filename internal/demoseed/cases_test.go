package demoseed

import (
	"context"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/cases"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/db/dbtest"
	"github.com/netral-asn/netral/internal/monitor"
	"github.com/netral-asn/netral/internal/reports"
	"github.com/netral-asn/netral/internal/sealbox"
	"github.com/netral-asn/netral/internal/tenant"
)

// demoCounts counts what the demo's reports and cases left in the database.
type demoCounts struct {
	reports, sealed, unlinked, cases, steps, events, summonses, outboxPending int
}

func countDemo(t *testing.T, d *db.DB, inst int64) demoCounts {
	t.Helper()
	ctx := context.Background()
	var c demoCounts
	for q, dst := range map[string]*int{
		`SELECT COUNT(*) FROM public_report WHERE instansi_id = ?`:                                         &c.reports,
		`SELECT COUNT(*) FROM public_report WHERE instansi_id = ? AND identity_sealed <> ''`:               &c.sealed,
		`SELECT COUNT(*) FROM public_report WHERE instansi_id = ? AND case_id IS NULL`:                     &c.unlinked,
		`SELECT COUNT(*) FROM case_file WHERE instansi_id = ?`:                                             &c.cases,
		`SELECT COUNT(*) FROM case_step s JOIN case_file c ON c.id = s.case_id WHERE c.instansi_id = ?`:    &c.steps,
		`SELECT COUNT(*) FROM case_event s JOIN case_file c ON c.id = s.case_id WHERE c.instansi_id = ?`:   &c.events,
		`SELECT COUNT(*) FROM case_summons s JOIN case_file c ON c.id = s.case_id WHERE c.instansi_id = ?`: &c.summonses,
		`SELECT COUNT(*) FROM case_outbox WHERE instansi_id = ? AND processed_at IS NULL`:                  &c.outboxPending,
	} {
		if err := d.QueryRow(ctx, q, inst).Scan(dst); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return c
}

func TestSeedCasesWithReportKey(t *testing.T) {
	d := dbtest.Open(t)
	ctx := context.Background()
	box, err := sealbox.New(sealbox.GenerateKey())
	if err != nil {
		t.Fatal(err)
	}
	res, err := SeedWith(ctx, d, Options{ReportKey: box})
	if err != nil {
		t.Fatal(err)
	}
	if res.Reports != 4 || res.Cases != 6 {
		t.Fatalf("seed = %+v, want 4 reports and 6 cases", res)
	}
	inst, err := tenant.ByCode(ctx, d, "99.01")
	if err != nil {
		t.Fatal(err)
	}
	first := countDemo(t, d, inst.ID)
	if first.reports != 4 || first.sealed != 2 || first.unlinked != 1 || first.cases != 6 || first.summonses != 4 ||
		first.outboxPending != 0 {
		t.Fatalf("after the first seed: %+v", first)
	}
	// Seeding again adds nothing.
	again, err := SeedWith(ctx, d, Options{ReportKey: box})
	if err != nil || again.Created || again.Reports != 0 || again.Cases != 0 {
		t.Fatalf("second seed = %+v, %v", again, err)
	}
	if second := countDemo(t, d, inst.ID); second != first {
		t.Fatalf("second seed changed the counts: %+v, was %+v", second, first)
	}

	svc := &cases.Service{DB: d}
	page, err := svc.List(ctx, cases.Filter{InstansiID: inst.ID, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	byStatus := map[cases.Status][]cases.Case{}
	overdue := 0
	for _, c := range page.Items {
		byStatus[c.Status] = append(byStatus[c.Status], c)
		if c.Overdue(now) {
			overdue++
		}
		if c.Accused.EmployeeID == 0 || c.Accused.Position == "" || c.Accused.Unit == "" || c.Election.Type != "pilkada" {
			t.Errorf("case %s: accused %+v, election %+v", c.Number, c.Accused, c.Election)
		}
		if !c.Status.Ended() && (c.DueAt.IsZero() || c.AssigneeID == 0) {
			t.Errorf("open case %s has no due date or handler: %+v", c.Number, c)
		}
		// The conflict-of-interest rule holds for the handler.
		if c.AssigneeID != 0 {
			p, _, err := cases.PersonOfUser(ctx, d, inst.ID, c.AssigneeID)
			if err != nil {
				t.Fatal(err)
			}
			if bad, err := cases.Conflicted(ctx, d, p, c); err != nil || bad {
				t.Errorf("case %s: handler %s has a conflict of interest (%v)", c.Number, p.Name, err)
			}
		}
		steps, err := cases.Steps(ctx, d, c.ID)
		if err != nil || len(steps) == 0 {
			t.Errorf("case %s: steps %v, %v", c.Number, steps, err)
		}
	}
	for st, n := range map[cases.Status]int{cases.Received: 1, cases.Verification: 1, cases.Clarification: 1,
		cases.Referred: 1, cases.PPK: 1, cases.Closed: 1} {
		if len(byStatus[st]) != n {
			t.Errorf("%d cases %s, want %d", len(byStatus[st]), st, n)
		}
	}
	if overdue != 1 || len(byStatus[cases.PPK]) != 1 || !byStatus[cases.PPK][0].Overdue(now) {
		t.Errorf("overdue cases = %d; want the one awaiting the PPK", overdue)
	}
	if cl := byStatus[cases.Closed]; len(cl) == 1 && (cl[0].Decision.Sanction != "HD-S6" || cl[0].Number != "NTR/2024/0001" ||
		cl[0].ClosedAt.Year() != 2024) {
		t.Errorf("closed case = %+v", cl[0])
	}
	if ref := byStatus[cases.Referred]; len(ref) == 1 {
		if !ref[0].ReferredToBawaslu() || ref[0].Overdue(now) {
			t.Errorf("referred case = %+v", ref[0])
		}
		src, err := cases.Sources(ctx, d, ref[0].ID)
		if err != nil || len(src) != 2 || src[0].Kind != cases.SourceFinding || src[1].Kind != cases.SourceReport {
			t.Errorf("referred case sources = %+v, %v; want the team's finding and the confidential report", src, err)
		}
		// Its reporter sees the case's public status.
		if r, err := reports.Get(ctx, d, inst.ID, src[len(src)-1].ReportID); err != nil || r.Status != reports.StatusReferred {
			t.Errorf("report of the referred case = %+v, %v", r, err)
		}
	}
	if cl := byStatus[cases.Clarification]; len(cl) == 1 {
		ss, err := cases.Summonses(ctx, d, cl[0].ID)
		if err != nil || len(ss) != 1 || !ss[0].ScheduledAt.After(now) || ss[0].Minutes != "" {
			t.Errorf("summons of the case in clarification = %+v, %v", ss, err)
		}
	}
	if rc := byStatus[cases.Received]; len(rc) == 1 {
		src, err := cases.Sources(ctx, d, rc[0].ID)
		if err != nil || len(src) != 2 {
			t.Errorf("sources of the case just received = %+v, %v; want two public reports", src, err)
		}
	}
	if v := byStatus[cases.Verification]; len(v) == 1 {
		src, err := cases.Sources(ctx, d, v[0].ID)
		if err != nil || len(src) != 1 || src[0].Kind != cases.SourceReview {
			t.Fatalf("review case sources = %+v, %v", src, err)
		}
		it, err := monitor.GetReview(ctx, d, inst.ID, src[0].ReviewItemID)
		if err != nil || it.Status != monitor.ReviewConfirmed {
			t.Errorf("review item = %+v, %v; want it confirmed", it, err)
		}
	}
	// The confidential reports open with the key.
	rs, _, err := reports.List(ctx, d, inst.ID, reports.ListFilter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	opened := 0
	for _, r := range rs {
		if r.Identity != reports.IdentityConfidential {
			continue
		}
		id, err := reports.ReporterContact(ctx, d, box, inst.ID, r.ID)
		if err != nil || id.Name == "" {
			t.Errorf("report %s: identity %+v, %v", r.Receipt, id, err)
		}
		opened++
	}
	if opened != 2 {
		t.Errorf("%d confidential reports opened, want 2", opened)
	}
	if n, err := audit.Verify(ctx, d); err != nil || n == 0 {
		t.Fatalf("audit = %d, %v", n, err)
	}
}

func TestSeedCasesWithoutReportKey(t *testing.T) {
	d := dbtest.Open(t)
	ctx := context.Background()
	res, err := Seed(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := tenant.ByCode(ctx, d, "99.01")
	if err != nil {
		t.Fatal(err)
	}
	c := countDemo(t, d, inst.ID)
	if res.Reports != 3 || res.Cases != 6 || c.reports != 3 || c.sealed != 0 || c.unlinked != 1 || c.cases != 6 {
		t.Fatalf("seed = %+v, counts %+v; want 3 anonymous reports and 6 cases", res, c)
	}
	var ident int
	if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM public_report WHERE instansi_id = ? AND identity <> ?`, inst.ID,
		reports.IdentityAnonymous).Scan(&ident); err != nil || ident != 0 {
		t.Fatalf("%d reports not anonymous, %v", ident, err)
	}
}
