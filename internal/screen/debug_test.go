package screen

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/election"
)

// devScreener loads the screening-dev elections (copied to
// testdata/elections from shared/data/screening-dev).
func devScreener(t testing.TB) *Screener {
	t.Helper()
	es, _, err := election.Load("testdata/elections")
	if err != nil {
		t.Fatal(err)
	}
	set, _ := election.NewSet(es)
	s, err := New(set, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// dump describes the evidence of one screening, for debugging.
func (s *Screener) dump(st *state) string {
	var b strings.Builder
	for fi := range st.fields[:st.n] {
		f := &st.fields[fi]
		fmt.Fprintf(&b, "  [%s#%d] %q\n", f.name, f.index, f.tx.Norm)
		for _, m := range f.ments {
			fmt.Fprintf(&b, "     ment %s class=%d id=%.2f tok=%d-%d num=%v %q\n", s.targets[m.target].id, m.class, m.id, m.tok0, m.tok1, m.isNumber, f.tx.Norm[m.n0:m.n1])
		}
		for _, c := range f.cues {
			fmt.Fprintf(&b, "     cue kind=%d str=%.2f tok=%d-%d %q\n", c.kind, c.strength, c.tok0, c.tok1, c.term)
		}
		for _, n := range f.nums {
			fmt.Fprintf(&b, "     num %d str=%.2f vote=%v party=%d\n", n.value, n.strength, n.vote, n.party)
		}
		for _, g := range f.gests {
			fmt.Fprintf(&b, "     gest %d str=%.2f\n", g.num, g.strength)
		}
	}
	for _, t := range st.touch {
		sc := &st.scores[t]
		fmt.Fprintf(&b, "  target %s final=%.3f idA=%.2f idC=%.2f neutral=%.2f opp=%v\n", s.targets[t].id, sc.final, sc.idAuth, sc.idAct, sc.neutral, sc.oppose)
		for _, e := range sc.evAuth {
			fmt.Fprintf(&b, "     auth %+v\n", e)
		}
		for _, e := range sc.evAct {
			fmt.Fprintf(&b, "     act  %+v\n", e)
		}
	}
	return b.String()
}

// TestDebugDev prints the evidence for the dev records named in
// NETRAL_DEBUG (comma-separated ids; "all" for every record).
func TestDebugDev(t *testing.T) {
	ids := os.Getenv("NETRAL_DEBUG")
	if ids == "" {
		t.Skip("set NETRAL_DEBUG=dev-001,dev-002 to print evidence")
	}
	s := devScreener(t)
	if p := os.Getenv("NETRAL_DEBUG_ELECTIONS"); p != "" {
		es, _, err := election.Load(p)
		if err != nil {
			t.Fatal(err)
		}
		set, _ := election.NewSet(es)
		if s, err = New(set, Options{}); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]bool{}
	for id := range strings.SplitSeq(ids, ",") {
		want[id] = true
	}
	file := os.Getenv("NETRAL_DEBUG_FILE")
	if file == "" {
		file = "../../../shared/data/screening-dev/labelled.jsonl"
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	st := new(state)
	for sc.Scan() {
		rec, err := ParseRecord(sc.Bytes())
		if err != nil || !(want["all"] || want[rec.ID]) {
			continue
		}
		res := s.screen(st, &rec)
		lab := ""
		if rec.Label != nil {
			lab = fmt.Sprintf(" label=%v %v", rec.Label.Flagged, rec.Label.Targets)
		}
		t.Logf("%s kind=%s flagged=%v score=%.2f targets=%v%s\n%s  %s", rec.ID, rec.Kind, res.Flagged, res.Score, res.Targets, lab, s.dump(st), res.Explanation)
	}
}
