package monitor_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/monitor"
	"github.com/netral-asn/netral/internal/registry"
)

func TestAttribution(t *testing.T) {
	f := setup(t)
	rec := func(id, platform, author, extra string) string {
		return `{"id":"` + id + `","platform":"` + platform + `","kind":"post","author":"` + author + `","text":"halo"` + extra + `}`
	}
	input := strings.Join([]string{
		rec("h1", "facebook", "@budi.s", ""),                          // handle with "@"
		rec("h2", "facebook", "BUDI.S", ""),                           // case
		rec("h3", "Facebook", " budi.s ", ""),                         // platform case, spaces
		rec("h4", "facebook", "https://www.facebook.com/Budi.S/", ""), // profile address
		rec("h5", "instagram", "@budi.s", ""),                         // other platform: not his
		rec("i1", "x", "@renamed_handle", `,"author_id":"4242"`),      // stable id wins
		rec("i2", "twitter", "@siti_aminah", ""),                      // platform alias
		rec("i3", "x", "4242", ""),                                    // author given as the id
		rec("i4", "x", "@someone", `,"author_id":4242`),               // numeric id
		rec("u1", "facebook", "@stranger", ""),                        // nobody
		rec("u2", "facebook", "", ""),                                 // no author
	}, "\n")
	rep := f.ingest(t, input, monitor.FormatAuto)
	if rep.New != 11 || rep.Attributed != 8 {
		t.Fatalf("report: %+v", rep)
	}
	for _, c := range []struct {
		platform, id string
		emp, opd     int64
	}{
		{"facebook", "h1", f.budi.ID, f.sub.ID}, {"facebook", "h2", f.budi.ID, f.sub.ID}, {"facebook", "h3", f.budi.ID, f.sub.ID},
		{"facebook", "h4", f.budi.ID, f.sub.ID}, {"instagram", "h5", 0, 0},
		{"x", "i1", f.siti.ID, f.opd2.ID}, {"x", "i2", f.siti.ID, f.opd2.ID}, {"x", "i3", f.siti.ID, f.opd2.ID},
		{"x", "i4", f.siti.ID, f.opd2.ID}, {"facebook", "u1", 0, 0}, {"facebook", "u2", 0, 0},
	} {
		a := f.get(t, c.platform, c.id)
		switch {
		case c.emp == 0 && a.Attribution != nil:
			t.Errorf("%s: attributed to %+v", c.id, a.Attribution)
		case c.emp != 0 && (a.Attribution == nil || a.Attribution.EmployeeID != c.emp || a.Attribution.OPDID != c.opd):
			t.Errorf("%s: attribution %+v, want employee %d opd %d", c.id, a.Attribution, c.emp, c.opd)
		}
	}
	a := f.get(t, "facebook", "h1")
	if at := a.Attribution; at.AccountID != f.budiFB.ID || at.Handle != "budi.s" || at.EmployeeName != "Budi Santoso" ||
		at.NIP != "198503152010011002" || at.OPDCode != "1.01.01" {
		t.Fatalf("attribution details: %+v", at)
	}
	// Unattributed records are kept, and found by a later account.
	u := f.get(t, "facebook", "u1")
	if u.AuthorKey != "stranger" || u.Author != "@stranger" {
		t.Fatalf("unattributed: %+v", u)
	}
	f.saveAccount(t, registry.Account{InstansiID: f.inst.ID, EmployeeID: f.siti.ID, Platform: "facebook", Handle: "Stranger"})
	n, err := monitor.AttributePending(context.Background(), f.d, actor, f.inst.ID)
	if err != nil || n != 1 {
		t.Fatalf("AttributePending: %d, %v", n, err)
	}
	if u := f.get(t, "facebook", "u1"); u.Attribution == nil || u.Attribution.EmployeeID != f.siti.ID {
		t.Fatalf("after AttributePending: %+v", u.Attribution)
	}
}

func TestManualAttributionIsAudited(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	f.ingest(t, flaggedPemilu, monitor.FormatAuto)
	a := f.get(t, "x", "a3")
	if a.Attribution != nil {
		t.Fatalf("attributed: %+v", a.Attribution)
	}
	who := audit.Actor{UserID: 0, Name: "ketua", IP: "10.0.0.1"}
	if err := monitor.Attribute(ctx, f.d, who, f.inst.ID, a.ID, f.sitiX.ID); err != nil {
		t.Fatal(err)
	}
	a = f.get(t, "x", "a3")
	if a.Attribution == nil || a.Attribution.EmployeeID != f.siti.ID || a.Attribution.AccountID != f.sitiX.ID || a.Attribution.OPDID != f.opd2.ID {
		t.Fatalf("after Attribute: %+v", a.Attribution)
	}
	var actorName, before, after string
	if err := f.d.QueryRow(ctx, `SELECT actor, before_json, after_json FROM audit_log WHERE action = 'activity.attribute'
		AND object_id = ?`, itoa(a.ID)).Scan(&actorName, &before, &after); err != nil {
		t.Fatalf("audit entry: %v", err)
	}
	if actorName != "ketua" || !strings.Contains(before, `"employee_id":null`) || !strings.Contains(after, "siti_aminah") {
		t.Fatalf("audit: %s %s %s", actorName, before, after)
	}
	// An account on another platform, of another instansi, or an activity
	// of another instansi are refused.
	if err := monitor.Attribute(ctx, f.d, who, f.inst.ID, a.ID, f.budiFB.ID); !errors.Is(err, monitor.ErrInvalid) {
		t.Fatalf("other platform: %v", err)
	}
	if err := monitor.Attribute(ctx, f.d, who, f.inst2.ID, a.ID, f.sitiX.ID); !errors.Is(err, monitor.ErrNotFound) {
		t.Fatalf("other instansi: %v", err)
	}
	// Removing the attribution.
	if err := monitor.Attribute(ctx, f.d, who, f.inst.ID, a.ID, 0); err != nil {
		t.Fatal(err)
	}
	if a = f.get(t, "x", "a3"); a.Attribution != nil {
		t.Fatalf("after removal: %+v", a.Attribution)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'activity.attribute'`); n != 2 {
		t.Fatalf("%d attribution audit entries", n)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
