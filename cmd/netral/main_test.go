package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/db/dbtest"
)

// runCmd runs the command line in-process with stdin and returns the exit
// status, standard output and standard error.
func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code := run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

func TestCommandLine(t *testing.T) {
	dsn := dbtest.DSN(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("nip;nama;unit_kerja;jabatan;akun\n198503152010011002;Budi Santoso;1.01;Analis;instagram:@budi.s\n"), 0o600)
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("nip,nama,unit_kerja\n19850315201001100,Budi,1.01\n198503152010011002,Siti,9.99\n"), 0o600)
	steps := []struct {
		stdin   string
		args    []string
		code    int
		outHas  string
		errHas  string
		comment string
	}{
		{"", []string{"version"}, 0, "netral", "", ""},
		{"", []string{"nope"}, 2, "", "unknown command", ""},
		{"", []string{"user"}, 2, "", "user add", "a group lists its subcommands"},
		{"", []string{"serve", "--help"}, 0, "--addr", "", ""},
		{"", []string{"migrate", "--db", "mysql://x"}, 2, "", "unsupported", ""},
		{"pendek\n", []string{"setup", "--region", "99.01", "--admin", "admin", "--db", dsn}, 2, "", "password", "weak password"},
		{"rahasia-uji-123\n", []string{"setup", "--region", "99.01", "--admin", "admin", "--db", dsn}, 0, "99.01", "", ""},
		{"rahasia-uji-123\n", []string{"setup", "--region", "99.01", "--admin", "admin", "--db", dsn}, 2, "", "already set up", ""},
		{"rahasia-uji-123\n", []string{"user", "add", "--username", "tim1", "--role", "tim", "--db", dsn}, 0, "tim1", "", ""},
		{"rahasia-uji-123\n", []string{"user", "add", "--username", "k1", "--role", "kepala_opd", "--opd", "9.9", "--db", dsn}, 1, "", "unknown OPD", ""},
		{"", []string{"user", "list", "--db", dsn}, 0, "tim1", "", ""},
		{"", []string{"import", "employees", good, "--db", dsn}, 1, "", "unit", "no OPD exists yet"},
		{"", []string{"audit", "verify", "--db", dsn}, 0, "intact", "", ""},
		{"", []string{"import", "employees", "--db", dsn}, 2, "", "FILE", ""},
		{"", []string{"export", "employees", "--format", "pdf", "--db", dsn}, 2, "", "csv or xlsx", ""},
		{"", []string{"export", "employees", "--format", "csv", "--db", dsn}, 0, "nip,nama", "", ""},
		{"", []string{"import", "employees", bad, "--db", dsn}, 1, "", "line 2", "bad rows are named"},
	}
	for _, s := range steps {
		code, out, errs := runCmd(t, s.stdin, s.args...)
		if code != s.code || !strings.Contains(out, s.outHas) || !strings.Contains(errs, s.errHas) {
			t.Errorf("netral %s (%s): exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(s.args, " "), s.comment, code, s.code, out, errs)
		}
	}
	code, tok, _ := runCmd(t, "", "token", "create", "--username", "tim1", "--db", dsn)
	tok = strings.TrimSpace(tok)
	if code != 0 || !strings.HasPrefix(tok, "ntr_") || strings.Contains(tok, "\n") {
		t.Fatalf("token create: %d %q", code, tok)
	}
	if code, _, _ := runCmd(t, "", "token", "revoke", tok, "--db", dsn); code != 0 {
		t.Fatalf("token revoke: %d", code)
	}
	if code, _, _ := runCmd(t, "", "token", "revoke", tok, "--db", dsn); code != 1 {
		t.Fatalf("second revoke: %d", code)
	}
}

func TestDemoSeedOnlyIsIdempotent(t *testing.T) {
	dsn := dbtest.DSN(t)
	code, out, errs := runCmd(t, "", "demo", "--seed-only", "--db", dsn)
	if code != 0 || !strings.Contains(out, "netral-demo-2024") || !strings.Contains(out, "400 pegawai") ||
		!strings.Contains(out, "6 perkara (/perkara)") {
		t.Fatalf("demo: %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = runCmd(t, "", "demo", "--seed-only", "--db", dsn)
	if code != 0 || !strings.Contains(out, "already present") {
		t.Fatalf("demo again: %d\n%s", code, out)
	}
	code, out, _ = runCmd(t, "", "export", "employees", "--format", "csv", "--db", dsn)
	if code != 0 || strings.Count(out, "\n") != 401 {
		t.Fatalf("export after demo: %d, %d lines", code, strings.Count(out, "\n"))
	}
}
