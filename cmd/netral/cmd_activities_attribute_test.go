package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/db/dbtest"
	"github.com/netral-asn/netral/internal/registry"
)

func TestActivitiesAttributeCommands(t *testing.T) {
	dsn := dbtest.DSN(t)
	ctx := context.Background()
	if code, _, errs := runCmd(t, "", "activities", "unattributed", "--db", dsn); code != exitUsage || !strings.Contains(errs, "no instansi") {
		t.Fatalf("before set-up: %d %s", code, errs)
	}
	if code, _, errs := runCmd(t, "rahasia-uji-123\n", "setup", "--region", "99.01", "--admin", "admin", "--db", dsn); code != 0 {
		t.Fatalf("setup: %s", errs)
	}
	// Two employees (one already holding instagram @warga).
	d, err := db.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	var inst int64
	if err := d.QueryRow(ctx, `SELECT id FROM instansi WHERE code = '99.01'`).Scan(&inst); err != nil {
		t.Fatal(err)
	}
	reg := &registry.Store{DB: d}
	sys := audit.System("test")
	o, err := reg.SaveOPD(ctx, sys, registry.OPD{InstansiID: inst, Code: "1.01", Name: "Dinas Pendidikan", Kind: "dinas"})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []registry.Employee{
		{InstansiID: inst, NIP: "198503152010011002", Name: "Budi Santoso", Jabatan: "Guru", OPDID: o.ID},
		{InstansiID: inst, NIP: "199001012015032001", Name: "Siti Aminah", Jabatan: "Guru", OPDID: o.ID},
	} {
		e, err := reg.SaveEmployee(ctx, sys, e, time.Time{}, "test")
		if err != nil {
			t.Fatal(err)
		}
		if e.Name == "Siti Aminah" {
			if _, err := reg.SaveAccount(ctx, sys, registry.Account{InstansiID: inst, EmployeeID: e.ID, Platform: "instagram", Handle: "siti.a"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	d.Close()

	file := filepath.Join(t.TempDir(), "acts.jsonl")
	os.WriteFile(file, []byte(strings.Join([]string{
		`{"id":"c1","platform":"twitter","kind":"post","author":"@Pak_Camat","text":"Ayo menangkan Prabowo-Gibran! Coblos 02 #PrabowoGibran2024"}`,
		`{"id":"c2","platform":"x","kind":"post","author":"pak_camat","text":"rapat\tpagi\nini"}`,
		`{"id":"c3","platform":"instagram","kind":"post","author":"@warga","text":"<script>alert(1)</script>"}`,
		`{"id":"c4","platform":"x","kind":"post","text":"tanpa penulis"}`,
	}, "\n")+"\n"), 0o600)
	if code, _, errs := runCmd(t, "", "import", "activities", file, "--db", dsn); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	steps := []struct {
		args           []string
		code           int
		outHas, errHas string
	}{
		{[]string{"activities", "unattributed", "--help"}, 0, "--platform", ""},
		{[]string{"activities", "attribute", "--help"}, 0, "--nip", ""},
		{[]string{"activities", "unattributed", "--db", dsn}, 0,
			"platform\thandle\tcount\tflagged\tfirst_seen\tlast_seen\tsample\nx\tpak_camat\t2\t1\t", "2 of 2 groups shown; 4 unattributed activities in all, 1 without an author"},
		{[]string{"activities", "unattributed", "--platform", "instagram", "--db", dsn}, 0, "instagram\twarga\t1\t0\t", "1 of 1 groups"},
		{[]string{"activities", "unattributed", "--limit", "1", "--db", dsn}, 0, "x\tpak_camat", "1 of 2 groups"},
		{[]string{"activities", "unattributed", "--limit", "-1", "--db", dsn}, 2, "", "--limit"},
		{[]string{"activities", "attribute", "--platform", "x", "--handle", "pak_camat", "--db", dsn}, 2, "", "--nip is required"},
		{[]string{"activities", "attribute", "--platform", "x", "--handle", "pak_camat", "--nip", "1", "extra", "--db", dsn}, 2, "", "unexpected argument"},
		{[]string{"activities", "attribute", "--platform", "x", "--handle", "pak_camat", "--nip", "197805052005011003", "--db", dsn}, 1, "", "--nip: no employee with NIP 197805052005011003"},
		{[]string{"activities", "attribute", "--platform", "x", "--handle", "pak_camat", "--nip", "12", "--db", dsn}, 1, "", "--nip: \"12\" is not a NIP"},
		{[]string{"activities", "attribute", "--platform", "x", "--handle", "nobody", "--nip", "198503152010011002", "--db", dsn}, 1, "", "--handle: no activity"},
		{[]string{"activities", "attribute", "--platform", "twitter", "--handle", "@Pak_Camat", "--nip", "1985 0315 2010 01 1 002", "--db", dsn}, 0,
			"2 activities of x @pak_camat attributed to Budi Santoso (NIP 198503152010011002, OPD 1.01 Dinas Pendidikan); account added", ""},
		{[]string{"activities", "attribute", "--platform", "x", "--handle", "pak_camat", "--nip", "198503152010011002", "--db", dsn}, 0,
			"0 activities of x @pak_camat attributed to Budi Santoso", ""},
		{[]string{"activities", "attribute", "--platform", "x", "--handle", "pak_camat", "--nip", "199001012015032001", "--db", dsn}, 1, "", "already registered to Budi Santoso"},
		{[]string{"activities", "unattributed", "--db", dsn}, 0, "instagram\twarga\t1\t0\t", "1 of 1 groups"},
		{[]string{"audit", "verify", "--db", dsn}, 0, "intact", ""},
	}
	for _, s := range steps {
		code, out, errs := runCmd(t, "", s.args...)
		if code != s.code || !strings.Contains(out, s.outHas) || !strings.Contains(errs, s.errHas) {
			t.Errorf("netral %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(s.args, " "), code, s.code, out, errs)
		}
	}
	// Tabs and newlines of the sample never break a line.
	_, out, _ := runCmd(t, "", "activities", "unattributed", "--db", dsn)
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.Count(l, "\t") != 6 {
			t.Errorf("line with %d tabs: %q", strings.Count(l, "\t"), l)
		}
	}
}
