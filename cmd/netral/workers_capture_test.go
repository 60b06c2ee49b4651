package main

import (
	"strings"
	"testing"
)

func TestCaptureIngestedFlag(t *testing.T) {
	code, _, errs := runCmd(t, "", "serve", "--capture-ingested", "all", "--db", t.TempDir()+"/x.db")
	if code != exitUsage || !strings.Contains(errs, "--capture-ingested must be flagged or off") {
		t.Fatalf("serve --capture-ingested all: exit %d, %s", code, errs)
	}
	code, out, _ := runCmd(t, "", "serve", "--help")
	if code != 0 || !strings.Contains(out, "-capture-ingested") {
		t.Fatalf("serve --help lacks --capture-ingested: %s", out)
	}
	names := map[string]bool{}
	for _, ws := range workerSets {
		names[ws.name] = true
	}
	if !names["capture"] {
		t.Fatal("the capture worker set is not registered")
	}
}
