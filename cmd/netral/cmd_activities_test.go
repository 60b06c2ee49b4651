package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/db/dbtest"
)

func TestMonitoringCommands(t *testing.T) {
	dsn := dbtest.DSN(t)
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.jsonl",
		`{"id":"a1","platform":"facebook","kind":"post","author":"@budi","created_at":"2024-10-02T19:04:00+07:00","text":"Ayo coblos nomor 2 Untung-Nurul! #UNUR02 Pasti Untung"}`+"\n"+
			`{"id":"a2","platform":"facebook","kind":"post","author":"@budi","created_at":"2023-01-05T08:00:00+07:00","text":"Rapat koordinasi hari ini."}`+"\n")
	mixed := write("mixed.jsonl",
		`{"id":"m1","platform":"x","kind":"post","text":"halo"}`+"\n"+
			`{"id":"m2","platform":"x","text":"no kind"}`+"\n"+
			`oops`+"\n")
	csv := write("acts.csv", "id;platform;kind;context_text;media_captions\nc1;instagram;like;Ayo menangkan Prabowo-Gibran! Coblos 02;\nc2;instagram;photo;;kucing|anjing\n")
	// A Pilkada file replacing the built-in demo contest: 02 has new names.
	pilkada := write("pilkada.json", `{"id":"pilkada-2024-tanjung-harapan","name":"Pilkada Tanjung Harapan","type":"pilkada",
		"voting_day":"2024-11-27","contestants":[{"id":"01","kind":"candidate_pair","ballot_number":1,"names":["Bunga Citra","Dimas Putra"]}]}`)
	badElection := write("bad.json", `{"id":"x","name":"X","type":"pilkada","contestants":[]}`)
	steps := []struct {
		args           []string
		code           int
		outHas, errHas string
	}{
		{[]string{"import", "activities", good, "--db", dsn}, 2, "", "no instansi"},
		{[]string{"import", "activities", "--db", dsn}, 2, "", "FILE"},
	}
	for _, s := range steps {
		code, out, errs := runCmd(t, "", s.args...)
		if code != s.code || !strings.Contains(out, s.outHas) || !strings.Contains(errs, s.errHas) {
			t.Errorf("netral %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(s.args, " "), code, s.code, out, errs)
		}
	}
	if code, _, errs := runCmd(t, "rahasia-uji-123\n", "setup", "--region", "99.01", "--admin", "admin", "--db", dsn); code != 0 {
		t.Fatalf("setup: %s", errs)
	}
	steps = []struct {
		args           []string
		code           int
		outHas, errHas string
	}{
		{[]string{"import", "activities", good, "--db", dsn}, 0, "2 new, 0 duplicate, 0 rejected; 1 flagged", ""},
		{[]string{"import", "activities", good, "--db", dsn}, 0, "0 new, 2 duplicate", ""},
		{[]string{"import", "activities", mixed, "--db", dsn}, 1, "1 new, 0 duplicate, 2 rejected", "mixed.jsonl: line 2 (id \"m2\")"},
		{[]string{"import", "activities", mixed, "--db", dsn}, 1, "", "mixed.jsonl: line 3: "},
		{[]string{"import", "activities", csv, "--db", dsn}, 0, "2 new", ""},
		{[]string{"import", "activities", csv, "--format", "xml", "--db", dsn}, 2, "", "--format"},
		{[]string{"elections", "import", badElection, "--db", dsn}, 1, "", "bad.json"},
		{[]string{"elections", "import", pilkada, "--db", dsn}, 0, "election version 2", ""},
		{[]string{"elections", "import", pilkada, "--db", dsn}, 0, "nothing changed", ""},
		{[]string{"rescreen", "--since", "yesterday", "--db", dsn}, 2, "", "--since"},
		{[]string{"rescreen", "--since", "2024-06-01", "--db", dsn}, 0, "99.01: 4 screened with election version 2", ""},
		{[]string{"rescreen", "--instansi", "99.01", "--db", dsn}, 0, "99.01: 1 screened", ""},
		{[]string{"rescreen", "--db", dsn}, 0, "99.01: 0 screened", ""},
		{[]string{"purge", "--days", "-1", "--db", dsn}, 2, "", "negative"},
		{[]string{"purge", "--db", dsn}, 0, "0 activities purged", ""},
		{[]string{"purge", "--days", "0", "--db", dsn}, 0, "3 activities purged", ""},
		{[]string{"audit", "verify", "--db", dsn}, 0, "intact", ""},
	}
	for _, s := range steps {
		code, out, errs := runCmd(t, "", s.args...)
		if code != s.code || !strings.Contains(out, s.outHas) || !strings.Contains(errs, s.errHas) {
			t.Errorf("netral %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(s.args, " "), code, s.code, out, errs)
		}
	}
}
