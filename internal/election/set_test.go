package election

import (
	"strings"
	"testing"
)

func mustParse(t *testing.T, s string) []*Election {
	t.Helper()
	es, err := Parse(strings.NewReader(s), "t.json")
	if err != nil {
		t.Fatal(err)
	}
	return es
}

func TestSetResolution(t *testing.T) {
	national := mustParse(t, `{"id":"nat","name":"N","type":"pilpres","voting_day":"2024-02-14",
	  "contestants":[{"id":"01","kind":"candidate_pair","names":["A","B"],"supporting_parties":["x"]}],
	  "parties":[{"id":"x","name":"Partai X","aliases":["PX"],"weak_aliases":["Ex"],"symbols":["bintang"]},{"id":"y","name":"Partai Y"}]}`)
	local := mustParse(t, `{"id":"loc","name":"L","type":"pilkada","voting_day":"2024-11-27",
	  "contestants":[{"id":"01","kind":"candidate_pair","names":["C D","E"],"aliases":["Cede"],"weak_aliases":["E"],
	    "supporting_parties":["x","y","nat/x","loc/x","zzz"]}],
	  "parties":[{"id":"x","name":"Partai X lokal"}]}`)
	s, warns := NewSet(append(national, local...))
	if len(warns) != 1 || !strings.Contains(warns[0].Message, `"zzz"`) || warns[0].Field != "contestants[01].supporting_parties[4]" {
		t.Fatalf("warnings = %v", warns)
	}
	c := s.Target("loc/01")
	var got []string
	for _, p := range c.Supporters {
		got = append(got, p.ID)
	}
	// bare "x" → own election first; "y" → other election; full ids exact.
	if want := "loc/x nat/y nat/x loc/x"; strings.Join(got, " ") != want {
		t.Errorf("supporters = %v, want %s", got, want)
	}
	if n := len(s.Target("nat/x").Supports); n != 2 { // nat/01 and loc/01
		t.Errorf("nat/x supports %d", n)
	}
	if len(s.Targets()) != 5 || s.Election("loc") == nil || s.Target("nat/y").Kind() != KindParty {
		t.Errorf("targets: %d", len(s.Targets()))
	}
	if s.ByBallotNumber("nat", 1) != nil { // no ballot numbers given
		t.Error("ByBallotNumber")
	}
	if got := len(s.Contestants("loc")); got != 1 {
		t.Errorf("Contestants = %d", got)
	}
	terms := c.Terms()
	weak := map[string]bool{}
	for _, tm := range terms {
		weak[tm.Text] = tm.Weak
	}
	if !weak["E"] || weak["C D"] || weak["Cede"] {
		t.Errorf("weak marks: %v", weak)
	}
	pt := s.Target("nat/x").Terms()
	if len(pt) != 4 || pt[3].Signal != SignalSymbol || !pt[2].Weak {
		t.Errorf("party terms: %+v", pt)
	}
	if l := s.Target("nat/01").Label(); l != "A – B" {
		t.Errorf("label %q", l)
	}
}
