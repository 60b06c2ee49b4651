package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/cases"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/db/dbtest"
	"github.com/netral-asn/netral/internal/tenant"
)

func TestCasesCommands(t *testing.T) {
	// On a server kept in UTC the times are still shown in the instansi's
	// zone (99.01: WIB), labelled.
	saved := time.Local
	time.Local = time.UTC
	t.Cleanup(func() { time.Local = saved })
	dsn := dbtest.DSN(t)
	if code, _, errs := runCmd(t, "rahasia-uji-123\n", "setup", "--region", "99.01", "--admin", "admin", "--db", dsn); code != 0 {
		t.Fatalf("setup: %s", errs)
	}
	ctx := context.Background()
	d, err := db.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	inst, err := tenant.ByCode(ctx, d, "99.01")
	if err != nil {
		t.Fatal(err)
	}
	var uid int64
	if err := d.QueryRow(ctx, `SELECT id FROM app_user WHERE username = 'admin'`).Scan(&uid); err != nil {
		t.Fatal(err)
	}
	p := cases.Person{Actor: audit.Actor{UserID: uid, Name: "admin", InstansiID: inst.ID}, UserID: uid, Name: "Admin", Role: auth.RoleAdmin}
	// A clock in the past, so the first step is overdue today.
	svc := &cases.Service{DB: d, Now: func() time.Time { return time.Date(2024, 10, 7, 9, 0, 0, 0, time.UTC) }}
	c, err := svc.Open(ctx, p, cases.OpenInput{InstansiID: inst.ID, Details: cases.Details{Title: "Kasus CLI",
		Accused: cases.AccusedInput{Name: "Pegawai Luar", Unit: "SDN 1"}, ActKind: "interact"},
		Source: cases.SourceInput{Kind: cases.SourceFinding, Description: "temuan", Links: []string{"https://x.test/1"}}})
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCmd(t, "", "cases", "list", "--db", dsn)
	if code != 0 || !strings.Contains(out, c.Number) || !strings.Contains(out, "OVERDUE") || !strings.Contains(out, "1 cases") {
		t.Fatalf("list: %d %s %s", code, out, errs)
	}
	if !strings.Contains(out, " 23:59 WIB OVERDUE") {
		t.Errorf("list: due not shown at the end of a WIB day: %s", out)
	}
	code, out, _ = runCmd(t, "", "cases", "list", "--overdue", "--json", "--db", dsn)
	var l caseLine
	if code != 0 || json.Unmarshal([]byte(strings.TrimSpace(out)), &l) != nil || l.Number != c.Number || !l.Overdue || l.Status != "received" {
		t.Fatalf("list --json: %d %s", code, out)
	}
	if _, out, _ := runCmd(t, "", "cases", "list", "--status", "ended", "--db", dsn); !strings.Contains(out, "0 cases") {
		t.Errorf("ended: %s", out)
	}
	if code, _, errs := runCmd(t, "", "cases", "list", "--status", "bogus", "--db", dsn); code != exitUsage || !strings.Contains(errs, "--status") {
		t.Errorf("bad status: %d %s", code, errs)
	}
	code, out, errs = runCmd(t, "", "cases", "show", c.Number, "--db", dsn)
	if code != 0 || !strings.Contains(out, "Pegawai Luar") || !strings.Contains(out, "received") || !strings.Contains(out, "https://x.test/1") {
		t.Fatalf("show: %d %s %s", code, out, errs)
	}
	if !strings.Contains(out, "2024-10-07 16:00 WIB") || !strings.Contains(out, "23:59 WIB") {
		t.Errorf("show: times not in WIB (opened 09:00Z = 16:00 WIB): %s", out)
	}
	if code, _, errs := runCmd(t, "", "cases", "show", "NTR/1999/0001", "--db", dsn); code != exitInput || !strings.Contains(errs, "no case") {
		t.Errorf("unknown case: %d %s", code, errs)
	}
	if code, _, _ := runCmd(t, "", "cases", "show", "--db", dsn); code != exitUsage {
		t.Errorf("no number: %d", code)
	}
}
