package main

import (
	"strings"
	"testing"
)

func TestPurgeDaysFlag(t *testing.T) {
	dsn := t.TempDir() + "/x.db"
	code, _, errs := runCmd(t, "", "serve", "--purge-days", "-1", "--db", dsn)
	if code != exitUsage || !strings.Contains(errs, "--purge-days must be 0 (off) or a number of days") {
		t.Fatalf("serve --purge-days -1: exit %d, %s", code, errs)
	}
	code, _, errs = runCmdEnv(t, map[string]string{"NETRAL_PURGE_DAYS": "sembilan"}, "serve", "--db", dsn)
	if code != exitUsage || !strings.Contains(errs, "NETRAL_PURGE_DAYS") {
		t.Fatalf("serve with NETRAL_PURGE_DAYS=sembilan: exit %d, %s", code, errs)
	}
	code, out, _ := runCmd(t, "", "serve", "--help")
	if code != 0 || !strings.Contains(out, "-purge-days") {
		t.Fatalf("serve --help lacks --purge-days: %s", out)
	}
	names := map[string]bool{}
	for _, ws := range workerSets {
		names[ws.name] = true
	}
	if !names["purge"] {
		t.Fatal("the purge worker set is not registered")
	}
}
