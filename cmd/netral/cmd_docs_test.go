package main

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/db/dbtest"
	"github.com/netral-asn/netral/internal/notify"
)

func TestDocsSample(t *testing.T) {
	dir := t.TempDir()
	for _, kind := range []string{"invitation", "minutes", "referral", "summary"} {
		out := filepath.Join(dir, kind+".pdf")
		code, stdout, stderr := runCmd(t, "", "docs", "sample", "--kind", kind, "--output", out)
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", kind, code, stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b[len(b)-64:], []byte("%%EOF")) {
			t.Fatalf("%s: not a PDF (%v)", kind, err)
		}
		if !strings.Contains(stdout, out) {
			t.Errorf("%s: output %q", kind, stdout)
		}
	}
	// To standard output, under an instansi's letterhead from the database.
	dsn := dbtest.DSN(t)
	if code, _, errs := runCmd(t, "", "demo", "--seed-only", "--db", dsn); code != 0 {
		t.Fatalf("demo: %d %s", code, errs)
	}
	code, stdout, stderr := runCmd(t, "", "docs", "sample", "--kind", "summary", "--output", "-", "--instansi", "99.01", "--db", dsn)
	if code != exitOK || !strings.HasPrefix(stdout, "%PDF-") {
		t.Fatalf("stdout: exit %d %s", code, stderr)
	}
	for _, args := range [][]string{
		{"docs", "sample", "--kind", "letter", "--output", filepath.Join(dir, "x.pdf")},
		{"docs", "sample", "--kind", "invitation"},
		{"docs", "sample", "--kind", "invitation", "--output", "-", "extra"},
		{"docs", "sample", "--kind", "invitation", "--output", "-", "--instansi", "12.34", "--db", dsn},
	} {
		if code, _, _ := runCmd(t, "", args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

func TestNotifyFlags(t *testing.T) {
	parse := func(vars map[string]string, args ...string) (notifyConfig, error) {
		e := &env{stdout: io.Discard, stderr: io.Discard, getenv: func(k string) string { return vars[k] }}
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		get := notifyFlags(e, fs)
		if err := fs.Parse(args); err != nil {
			return notifyConfig{}, err
		}
		return get()
	}
	c, err := parse(nil)
	if err != nil || c.SMTP.Configured() {
		t.Fatalf("no settings: %+v %v", c, err)
	}
	c, err = parse(map[string]string{notify.EnvHost: "smtp.example.go.id", notify.EnvFrom: "netral@example.go.id",
		notify.EnvUser: "netral", notify.EnvPassword: "rahasia", "NETRAL_BASE_URL": "https://netral.example.go.id"},
		"--smtp-port", "2525")
	if err != nil || c.SMTP.Port != 2525 || c.SMTP.Password != "rahasia" || c.BaseURL != "https://netral.example.go.id" {
		t.Fatalf("env and flags: %+v %v", c, err)
	}
	if _, err := parse(nil, "--smtp-host", "smtp.example.go.id"); err == nil || !strings.Contains(err.Error(), "NETRAL_SMTP_FROM") {
		t.Errorf("host without sender: %v", err)
	}
	if _, err := parse(nil, "--base-url", "javascript:alert(1)"); err == nil {
		t.Error("bad base URL accepted")
	}
}
