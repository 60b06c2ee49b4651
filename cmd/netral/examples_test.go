package main

import (
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/db/dbtest"
)

// TestExamplesActivities keeps the README's monitoring walk-through true:
// importing examples/activities.jsonl into the demo Pemda stores 8 records,
// rejects lines 9 and 10, flags 5 and attributes 7; a second import stores
// nothing new.
func TestExamplesActivities(t *testing.T) {
	dsn := dbtest.DSN(t)
	if code, _, errs := runCmd(t, "", "demo", "--seed-only", "--db", dsn); code != 0 {
		t.Fatalf("demo: %d %s", code, errs)
	}
	file := "../../examples/activities.jsonl"
	code, out, errs := runCmd(t, "", "import", "activities", file, "--db", dsn)
	if code != 1 {
		t.Fatalf("import: exit %d, want 1 (two bad lines)\n%s\n%s", code, out, errs)
	}
	for _, want := range []string{"8 new", "0 duplicate", "2 rejected", "5 flagged", "7 attributed"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	for _, want := range []string{"line 9:", "line 10 (id \"contoh-fb-010\")"} {
		if !strings.Contains(errs, want) {
			t.Errorf("errors lack %q:\n%s", want, errs)
		}
	}
	_, out, _ = runCmd(t, "", "import", "activities", file, "--db", dsn)
	if !strings.Contains(out, "0 new, 8 duplicate") {
		t.Errorf("second import:\n%s", out)
	}
}
