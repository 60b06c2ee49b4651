package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/db/dbtest"
	"github.com/netral-asn/netral/internal/sealbox"
)

func TestKeygenAndReportKeys(t *testing.T) {
	code, out, _ := runCmd(t, "", "keygen")
	if k, err := sealbox.ParseKey([]byte(out)); code != 0 || err != nil || len(k) != sealbox.KeySize {
		t.Fatalf("keygen: %d %q %v", code, out, err)
	}
	p := filepath.Join(t.TempDir(), "report.key")
	if code, out, errs := runCmd(t, "", "keygen", "--output", p); code != 0 || !strings.Contains(out, sealbox.EnvKeyFile) {
		t.Fatalf("keygen --output: %d %s %s", code, out, errs)
	}
	if st, err := os.Stat(p); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", st, err)
	}
	if code, _, errs := runCmd(t, "", "keygen", "--output", p); code != 2 || !strings.Contains(errs, "exists") {
		t.Fatalf("keygen over an existing file: %d %s", code, errs)
	}
	// serve refuses a broken key configuration (exit 2) before opening anything.
	for _, vars := range []map[string]string{{sealbox.EnvKey: "not a key"}, {sealbox.EnvKeyFile: p + ".missing"}} {
		if code, _, errs := runCmdEnv(t, vars, "serve", "--db", filepath.Join(t.TempDir(), "x.db")); code != 2 || !strings.Contains(errs, "report key") {
			t.Errorf("serve with %v: %d %s", vars, code, errs)
		}
	}
	// demo makes a key beside a SQLite database once, then reuses it.
	dsn := dbtest.DSN(t)
	code, out, errs := runCmd(t, "", "demo", "--seed-only", "--db", dsn)
	if code != 0 {
		t.Fatalf("demo: %d %s", code, errs)
	}
	if db.IsPostgresDSN(dsn) {
		if !strings.Contains(out, sealbox.EnvKeyFile) {
			t.Errorf("demo on PostgreSQL does not say how to set a key: %s", out)
		}
		return
	}
	kp := dsn + ".report-key"
	st, err := os.Stat(kp)
	if err != nil || st.Mode().Perm() != 0o600 || !strings.Contains(out, kp) {
		t.Fatalf("demo key file: %v %v\n%s", st, err, out)
	}
	b1, _ := sealbox.LoadKeyFile(kp)
	if code, out, _ := runCmd(t, "", "demo", "--seed-only", "--db", dsn); code != 0 || !strings.Contains(out, kp) {
		t.Fatalf("second demo: %d %s", code, out)
	}
	b2, err := sealbox.LoadKeyFile(kp)
	if err != nil || b1.ID() != b2.ID() {
		t.Fatal("the demo key changed")
	}
}
