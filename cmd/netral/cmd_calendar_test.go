package main

import (
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/db/dbtest"
)

func TestCalendarCommands(t *testing.T) {
	dsn := dbtest.DSN(t)
	if code, _, errs := runCmd(t, "rahasia-uji-123\n", "setup", "--region", "99.01", "--admin", "admin", "--db", dsn); code != 0 {
		t.Fatalf("setup: %s", errs)
	}
	code, out, errs := runCmd(t, "", "calendar", "list", "--year", "2025", "--db", dsn)
	if code != 0 {
		t.Fatalf("list: %d %s", code, errs)
	}
	for _, want := range []string{"2025-03-31", "Idulfitri 1446 Hijriah", "cuti_bersama", "2025-08-18", "working days in 2025", "source: SKB"} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	if _, out, _ := runCmd(t, "", "calendar", "list", "--year", "2027", "--db", dsn); !strings.Contains(out, "provisional") {
		t.Error("2027 not marked provisional")
	}
	if _, out, _ := runCmd(t, "", "calendar", "list", "--year", "2030", "--db", dsn); !strings.Contains(out, "no national holidays shipped for 2030") {
		t.Error("2030 not marked as not shipped")
	}

	// Add, refuse a duplicate, remove a shipped day, restore it.
	code, out, errs = runCmd(t, "", "calendar", "add", "--date", "2025-07-16", "--name", "Hari Jadi Kabupaten", "--note", "Perda 1/2000", "--db", dsn)
	if code != 0 || !strings.Contains(out, "added") {
		t.Fatalf("add: %d %s %s", code, out, errs)
	}
	if code, _, errs := runCmd(t, "", "calendar", "add", "--date", "2025-07-16", "--name", "Lagi", "--db", dsn); code != exitInput || !strings.Contains(errs, "date:") {
		t.Errorf("duplicate add: %d %s", code, errs)
	}
	if code, _, errs := runCmd(t, "", "calendar", "remove", "--date", "2025-12-26", "--note", "layanan tetap buka", "--db", dsn); code != 0 {
		t.Fatalf("remove: %d %s", code, errs)
	}
	_, out, _ = runCmd(t, "", "calendar", "list", "--year", "2025", "--db", dsn)
	if !strings.Contains(out, "Hari Jadi Kabupaten — Perda 1/2000") || !strings.Contains(out, "made a working day") {
		t.Errorf("list after edits:\n%s", out)
	}
	if code, _, errs := runCmd(t, "", "calendar", "restore", "--date", "2025-12-26", "--db", dsn); code != 0 {
		t.Fatalf("restore: %d %s", code, errs)
	}
	if code, _, _ := runCmd(t, "", "calendar", "restore", "--date", "2025-12-26", "--db", dsn); code != exitInput {
		t.Error("second restore accepted")
	}

	// Bad input: exit 1 naming the field; usage errors: exit 2.
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"calendar", "add", "--date", "2025-02-30", "--name", "x"}, exitInput, "YYYY-MM-DD"},
		{[]string{"calendar", "add", "--date", "2040-01-02", "--name", "x"}, exitInput, "out of range"},
		{[]string{"calendar", "add", "--date", "2025-07-17", "--name", "x", "--kind", "bogus"}, exitInput, "kind:"},
		{[]string{"calendar", "add", "--date", "2025-07-17"}, exitInput, "name:"},
		{[]string{"calendar", "remove", "--date", "2025-07-17"}, exitInput, "not a listed"},
		{[]string{"calendar", "add", "--name", "x"}, exitUsage, "--date is required"},
		{[]string{"calendar", "list", "--year", "x"}, exitUsage, ""},
		{[]string{"calendar", "list", "--instansi", "11.01"}, exitUsage, "unknown instansi"},
	} {
		code, _, errs := runCmd(t, "", append(tc.args, "--db", dsn)...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: %d %q, want %d with %q", tc.args, code, errs, tc.code, tc.want)
		}
	}
	// The changes are in the audit trail.
	code, out, errs = runCmd(t, "", "audit", "verify", "--db", dsn)
	if code != 0 {
		t.Errorf("audit verify: %d %s %s", code, out, errs)
	}
}
