package monitor

import (
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/screen"
)

func TestExceptionOccurrences(t *testing.T) {
	x := newExceptionSet([]string{"Garuda Muda", " garuda   muda ", "ÉLAN jaya"})
	if len(x.phrases) != 2 {
		t.Fatalf("phrases %q", x.phrases)
	}
	for _, c := range []struct {
		v    string
		want string // the occurrences, "|"-separated
	}{
		{"Hidup GARUDA\t\n muda!", "GARUDA\t\n muda"},
		{"🔥garuda muda🔥 dan Garuda Muda FC", "garuda muda|Garuda Muda"},
		{"élan JAYA dan élanjaya", "élan JAYA"},
		{"garuda", ""},
		{"garudamuda", ""},
		{"", ""},
	} {
		var got []string
		for _, o := range x.occurrences(c.v) {
			got = append(got, c.v[o[0]:o[1]])
		}
		if strings.Join(got, "|") != c.want {
			t.Errorf("occurrences in %q: %q, want %q", c.v, got, c.want)
		}
	}
}

func TestExceptionApply(t *testing.T) {
	x := newExceptionSet([]string{"Garuda Muda"})
	rec := &screen.Record{Text: "Ayo dukung Garuda Muda!", ContextText: "coblos Garuda", MediaCaptions: []string{"x", "Garuda muda juara"}}
	flagged := func(ms ...screen.Match) screen.Result {
		return screen.Result{Flagged: true, Score: 0.9, Targets: []string{"pemilu-2024/garuda"}, Stance: "support",
			Violation: "DS-02", Matches: ms, Explanation: "asal."}
	}
	ent := func(field string, index, start, end int) screen.Match {
		return screen.Match{Field: field, Index: index, Start: start, End: end, Entity: "pemilu-2024/garuda", Signal: "entity"}
	}
	cue := screen.Match{Field: "text", Start: 0, End: 3, Signal: "support"}
	for _, c := range []struct {
		name string
		res  screen.Result
		want bool // still flagged
	}{
		{"inside the phrase", flagged(cue, ent("text", 0, 11, 17)), false},
		{"inside it in a caption", flagged(ent("media_captions", 1, 0, 6), ent("text", 0, 11, 22)), false},
		{"one mention outside", flagged(ent("text", 0, 11, 17), ent("context_text", 0, 7, 13)), true},
		{"caption index elsewhere", flagged(ent("media_captions", 0, 0, 1)), true},
		{"caption index out of range", flagged(ent("media_captions", 5, 0, 6)), true},
		{"cues only", flagged(cue), true},
		{"crossing the phrase's end", flagged(ent("text", 0, 11, 23)), true},
	} {
		res := c.res
		x.apply(rec, &res)
		if res.Flagged != c.want {
			t.Errorf("%s: flagged %v, want %v", c.name, res.Flagged, c.want)
		}
		if !c.want && (res.Score != 0 || res.Violation != "" || res.Targets != nil || res.Stance != screen.StanceNone ||
			!strings.Contains(res.Explanation, `("Garuda Muda")`) || !strings.HasSuffix(res.Explanation, "asal.") ||
			len(res.Matches) != len(c.res.Matches)) {
			t.Errorf("%s: suppressed result %+v", c.name, res)
		}
		if c.want && res.Explanation != "asal." {
			t.Errorf("%s: explanation changed: %q", c.name, res.Explanation)
		}
	}
	// No exceptions, or a result not flagged: nothing changes.
	res := flagged(ent("text", 0, 11, 17))
	newExceptionSet(nil).apply(rec, &res)
	if !res.Flagged {
		t.Fatal("no exceptions suppressed a result")
	}
}
