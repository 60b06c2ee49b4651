package election

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const minimal = `{"id":"e1","name":"Pemilihan X","type":"pilkada","voting_day":"2024-11-27",
 "contestants":[{"id":"01","kind":"candidate_pair","names":["A B","C D"],"supporting_parties":["p1"]}],
 "parties":[{"id":"p1","name":"Partai Satu"}]}`

func TestParseObjectAndArray(t *testing.T) {
	es, err := Parse(strings.NewReader(minimal), "one.json")
	if err != nil || len(es) != 1 || es[0].ID != "e1" || es[0].Source() != "one.json" {
		t.Fatalf("object: %v %v", es, err)
	}
	if got := es[0].VotingDay.String(); got != "2024-11-27" {
		t.Errorf("voting_day = %q", got)
	}
	arr := "[" + minimal + "," + strings.Replace(minimal, `"e1"`, `"e2"`, 1) + "]"
	es, err = Parse(strings.NewReader("\ufeff"+arr), "arr.json")
	if err != nil || len(es) != 2 || es[1].ID != "e2" {
		t.Fatalf("array: %v %v", es, err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // substrings of the error
	}{
		{"bad date", strings.Replace(minimal, `"2024-11-27"`, `"2024-13-01"`, 1),
			[]string{"f.json", "(e1)", "voting_day", "bad date", "2024-13-01"}},
		{"date not a string", strings.Replace(minimal, `"2024-11-27"`, `20241127`, 1),
			[]string{"voting_day", "bad date"}},
		{"bad campaign date", strings.Replace(minimal, `"voting_day"`, `"campaign":{"start":"2024-9-25","end":"2024-11-23"},"voting_day"`, 1),
			[]string{"campaign.start", "bad date"}},
		{"missing voting day", strings.Replace(minimal, `"voting_day":"2024-11-27",`, ``, 1),
			[]string{"voting_day", "missing"}},
		{"unknown type", strings.Replace(minimal, `"pilkada"`, `"pilgub"`, 1),
			[]string{"type", `unknown type "pilgub"`}},
		{"unknown kind", strings.Replace(minimal, `"candidate_pair"`, `"pair"`, 1),
			[]string{"contestants[0].kind", `unknown kind "pair"`}},
		{"no contestants", `{"id":"e1","name":"X","type":"other","voting_day":"2024-01-01","contestants":[]}`,
			[]string{"contestants", "no contestants"}},
		{"duplicate contestant", strings.Replace(minimal, `"contestants":[`, `"contestants":[{"id":"01","kind":"candidate","names":["Z"]},`, 1),
			[]string{"contestants[1].id", `duplicate contestant id "01"`}},
		{"duplicate party", strings.Replace(minimal, `"parties":[`, `"parties":[{"id":"p1","name":"Y"},`, 1),
			[]string{"parties[1].id", `duplicate party id "p1"`}},
		{"duplicate election in array", "[" + minimal + "," + minimal + "]",
			[]string{"id", `duplicate election id "e1"`}},
		{"wrong JSON type", strings.Replace(minimal, `"names":["A B","C D"]`, `"names":"A B"`, 1),
			[]string{"contestants.names", "cannot use"}},
		{"syntax", `{"id":`, []string{"f.json", "invalid JSON"}},
		{"empty", ``, []string{"empty"}},
		{"missing id", strings.Replace(minimal, `"id":"e1",`, ``, 1), []string{"id: missing"}},
		{"slash in id", strings.Replace(minimal, `"id":"01"`, `"id":"0/1"`, 1), []string{"contestants[0].id", "'/'"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.in), "f.json")
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestLoadDirectoryAndWarnings(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.json", minimal)
	write("b.json", `[{"id":"e2","name":"Y","type":"pilkada","voting_day":"2024-11-27",
	  "contestants":[{"id":"01","kind":"candidate","names":["Q"],"supporting_parties":["p1","e1/p1","nope","e1/nope"]}]}]`)
	write("notes.txt", "ignored")
	es, warns, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 2 {
		t.Fatalf("got %d elections", len(es))
	}
	if len(warns) != 2 {
		t.Fatalf("warnings = %v", warns)
	}
	for _, w := range warns {
		if w.File != filepath.Join(dir, "b.json") || w.Election != "e2" || !strings.Contains(w.String(), "unknown party") {
			t.Errorf("warning %+v", w)
		}
	}
	// The same election twice across paths is an error naming both files.
	_, _, err = Load(dir, filepath.Join(dir, "a.json"))
	if err == nil || !strings.Contains(err.Error(), `duplicate election id "e1"`) || !strings.Contains(err.Error(), "a.json") {
		t.Errorf("duplicate across paths: %v", err)
	}
	if _, _, err := Load(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing file: no error")
	}
	empty := t.TempDir()
	if _, _, err := Load(empty); err == nil || !strings.Contains(err.Error(), "no *.json") {
		t.Errorf("empty dir: %v", err)
	}
}

// The development set's two files load together without warnings: the
// Pilkada file's bare party ids resolve in pemilu-2024.json.
func TestLoadScreeningDev(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "data", "screening-dev")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("needs the shared data at %s (a checkout without ../shared)", dir)
	}
	es, warns, err := Load(filepath.Join(dir, "pemilu-2024.json"), filepath.Join(dir, "pilkada-2024-tanjung-harapan.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 0 {
		t.Errorf("warnings: %v", warns)
	}
	s, _ := NewSet(es)
	t2 := s.Target("pilkada-2024-tanjung-harapan/02")
	if t2 == nil || len(t2.Supporters) != 5 || t2.Supporters[0].ID != "pemilu-2024/gerindra" {
		t.Fatalf("supporters of 02: %+v", t2)
	}
}
