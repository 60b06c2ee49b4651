package demoseed

import (
	"context"
	"testing"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/db/dbtest"
	"github.com/netral-asn/netral/internal/demo"
	"github.com/netral-asn/netral/internal/monitor"
	"github.com/netral-asn/netral/internal/registry"
	"github.com/netral-asn/netral/internal/tenant"
)

func TestSeedIsIdempotent(t *testing.T) {
	d := dbtest.Open(t)
	ctx := context.Background()
	res, err := Seed(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Created || res.Employees < 300 || res.OPDs < 25 || res.Users < 8 || res.Accounts < 100 {
		t.Fatalf("seed = %+v", res)
	}
	again, err := Seed(ctx, d)
	if err != nil || again.Created {
		t.Fatalf("second seed = %+v, %v", again, err)
	}
	inst, err := tenant.ByCode(ctx, d, "99.01")
	if err != nil {
		t.Fatal(err)
	}
	p, err := (&registry.Store{DB: d}).Employees(ctx, registry.Filter{InstansiID: inst.ID, Limit: 1})
	if err != nil || p.Total != res.Employees {
		t.Fatalf("employees = %d, %v; want %d", p.Total, err, res.Employees)
	}
	users, _ := (&auth.Store{DB: d}).Users(ctx, inst.ID)
	roles := map[auth.Role]bool{}
	for _, u := range users {
		roles[u.Role] = true
	}
	for _, r := range auth.Roles {
		if !roles[r] {
			t.Errorf("no demo user with role %s", r)
		}
	}
	if _, err := (&auth.Store{DB: d}).Authenticate(ctx, AdminUser, Password, "127.0.0.1"); err != nil {
		t.Fatalf("demo admin cannot sign in: %v", err)
	}
	// The demo activity stream fills the review inbox, once.
	if res.Activities != demo.ActivityCount || res.Flagged < 40 || res.Attributed >= res.Activities ||
		res.Attributed < res.Activities/2 {
		t.Errorf("activities = %d, flagged %d, attributed %d", res.Activities, res.Flagged, res.Attributed)
	}
	t.Logf("demo activities: %d ingested, %d attributed, %d flagged", res.Activities, res.Attributed, res.Flagged)
	var stored, unattributed int
	if err := d.QueryRow(ctx, `SELECT COUNT(*), COUNT(*) - COUNT(account_id) FROM activity WHERE instansi_id = ?`,
		inst.ID).Scan(&stored, &unattributed); err != nil {
		t.Fatal(err)
	}
	if stored != res.Activities || unattributed == 0 {
		t.Errorf("stored activities = %d (%d unattributed), want %d with some unattributed", stored, unattributed, res.Activities)
	}
	// One flagged item was confirmed and opened as a demo case (cases.go).
	counts, err := monitor.ReviewCounts(ctx, d, monitor.ReviewFilter{InstansiID: inst.ID})
	if err != nil || counts[monitor.ReviewNew] != res.Flagged-1 || counts[monitor.ReviewConfirmed] != 1 {
		t.Errorf("inbox = %v, %v; want %d new and 1 confirmed", counts, err, res.Flagged-1)
	}
	if again.Activities != 0 || again.Flagged != 0 {
		t.Errorf("second seed ingested again: %+v", again)
	}
	if n, err := audit.Verify(ctx, d); err != nil || n == 0 {
		t.Fatalf("audit = %d, %v", n, err)
	}
}
