package screen

import (
	"fmt"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/election"
	"github.com/netral-asn/netral/internal/screen/acdfa"
	"github.com/netral-asn/netral/internal/screen/normalize"
)

// termClass says how a term identifies its target.
type termClass uint8

const (
	tcName         termClass = iota // full name of a candidate or party
	tcAlias                         // specific alias of several words, or a distinctive word
	tcPair                          // pair form made of both candidates' names ("Untung-Nurul")
	tcTeam                          // alias naming a campaign team ("Timnas AMIN", "TKN Prabowo-Gibran")
	tcAcronym                       // acronym written in capitals in the definition ("HERA", "PKB")
	tcWeak                          // a common word or given name ("Untung", "Gelora")
	tcDictName                      // a contestant's listed name that is also an ordinary word, not a common name ("Ganjar")
	tcTitled                        // a title before a common name ("Pak Dedi")
	tcHashtag                       // campaign hashtag
	tcSloganStrong                  // slogan of four words or more
	tcSloganMedium                  // slogan of three words
	tcSloganWeak                    // slogan of one or two words
	tcGestureNum                    // hand sign for a ballot number ("salam dua jari", "✌️")
	tcGestureOther                  // other listed gesture ("joget gemoy")
	tcSymbol                        // party emblem ("banteng moncong putih")
)

// entry is one meaning of a pattern: a term of a target, or a cue.
type entry struct {
	target   int32 // index in Screener.targets, -1 for cues
	class    termClass
	cue      cueKind
	strength float32
	number   int8  // gesture number for tcGestureNum
	elec     int32 // election of a cueRegion entry
	joint    bool  // a gesture the same election lists for several contestants
	term     string
}

// target is a contestant or party with what the decision needs.
type target struct {
	id       string
	t        *election.Target
	elec     int // index in Screener.elecs
	party    bool
	ballot   int
	label    string
	hashtags []string
}

// elecInfo is an election with its activity window.
type elecInfo struct {
	e          *election.Election
	contest    []int // contestant target indices
	from, to   int   // active window, yyyymmdd inclusive; 0 = unbounded
	voteDay    int   // day of month of the vote, 0 when unknown
	voteMonth  int
	determined time.Time // penetapan (estimated when absent), zero when unknown
	regionToks map[string]bool
	office     uint8 // the office contested (officePres, officeBup…)
}

// lexicon is the compiled pattern set.
type lexicon struct {
	dfa      *acdfa.DFA
	patterns []string  // normalised pattern text, by pattern id
	entries  [][]entry // meanings, by pattern id
	hasCue   []bool    // pattern carries a cue or innocent entry
	hasTerm  []bool    // pattern carries a target term
	nterm    []uint16  // number of target terms of a pattern
	tags     map[string][]entry
	// The target entries of a pattern that may name their target, in
	// order (see termEntries): when the match is one emoji token, and
	// otherwise.
	termsEmoji, termsPlain [][]entry
}

type lexBuilder struct {
	norm  *normalize.Normalizer
	index map[string]int
	lex   *lexicon
	tx    normalize.Text
	cache map[string]string // normalised terms: names and phrases recur
}

// normalize returns the normalised form of text.
func (b *lexBuilder) normalize(text string) string {
	if n, ok := b.cache[text]; ok {
		return n
	}
	b.norm.Normalize(&b.tx, text)
	n := string(b.tx.Norm)
	b.cache[text] = n
	return n
}

func (b *lexBuilder) add(text string, e entry) {
	n := b.normalize(text)
	if n == "" {
		return
	}
	b.addNorm(n, e)
}

func (b *lexBuilder) addNorm(n string, e entry) {
	id, ok := b.index[n]
	if !ok {
		id = len(b.lex.patterns)
		b.index[n] = id
		b.lex.patterns = append(b.lex.patterns, n)
		b.lex.entries = append(b.lex.entries, nil)
		b.lex.hasCue = append(b.lex.hasCue, false)
		b.lex.hasTerm = append(b.lex.hasTerm, false)
	}
	for i, x := range b.lex.entries[id] {
		if x.target == e.target && x.cue == e.cue && x.class == e.class {
			if e.strength > x.strength { // same meaning twice: keep the stronger
				b.lex.entries[id][i].strength = e.strength
			}
			return
		}
	}
	b.lex.entries[id] = append(b.lex.entries[id], e)
	if e.target >= 0 {
		b.lex.hasTerm[id] = true
	} else {
		b.lex.hasCue[id] = true
	}
}

// windowDays around an election: contestant mentions count from this long
// before penetapan or the campaign, and until this long after the vote.
const (
	windowBefore = 120
	windowAfter  = 30
)

func dateInt(t time.Time) int { return t.Year()*10000 + int(t.Month())*100 + t.Day() }

func buildElecInfo(e *election.Election) elecInfo {
	ei := elecInfo{e: e, regionToks: map[string]bool{}}
	if e.VotingDay.Valid() {
		vd := e.VotingDay.Time(nil)
		start := vd.AddDate(0, 0, -90)
		if c := e.Campaign; c != nil && c.Start.Valid() && c.Start.Time(nil).Before(start) {
			start = c.Start.Time(nil)
		}
		if e.DeterminedOn.Valid() && e.DeterminedOn.Time(nil).Before(start) {
			start = e.DeterminedOn.Time(nil)
		}
		ei.from = dateInt(start.AddDate(0, 0, -windowBefore))
		ei.to = dateInt(vd.AddDate(0, 0, windowAfter))
		ei.voteDay, ei.voteMonth = vd.Day(), int(vd.Month())
	}
	switch {
	case e.DeterminedOn.Valid():
		ei.determined = e.DeterminedOn.Time(nil)
	case e.Campaign != nil && e.Campaign.Start.Valid():
		// Penetapan usually falls a few days before the campaign opens.
		ei.determined = e.Campaign.Start.Time(nil).AddDate(0, 0, -3)
	}
	switch {
	case e.Type == "pilpres":
		ei.office = officePres
	case e.Type == "pilkada" && e.Region != nil && strings.HasPrefix(strings.ToLower(e.Region.Name), "kota"):
		ei.office = officeWal
	case e.Type == "pilkada" && e.Region != nil && (strings.HasPrefix(strings.ToLower(e.Region.Name), "provinsi") ||
		!strings.Contains(e.Region.Code, ".")):
		ei.office = officeGub
	case e.Type == "pilkada":
		ei.office = officeBup
	}
	if e.Region != nil {
		for w := range strings.FieldsSeq(strings.ToLower(e.Region.Name)) {
			switch w {
			case "kabupaten", "kota", "provinsi", "kab", "kab.":
			default:
				ei.regionToks[w] = true
			}
		}
	}
	return ei
}

// active reports whether day (yyyymmdd; 0 = unknown) falls in the window.
func (ei *elecInfo) active(day int) bool {
	if day == 0 || ei.from == 0 {
		return true
	}
	return day >= ei.from && day <= ei.to
}

// buildLexicon compiles the targets' terms and the built-in cues.
func (s *Screener) buildLexicon() error {
	namer := election.DefaultNamer()
	// Every word of every term is known to the normaliser (so that
	// repairs and hashtag splitting find them), and short party acronyms
	// are protected from slang rewriting.
	var known, protect []string
	targetTerms := make([][]election.Term, len(s.set.Targets()))
	for i, t := range s.set.Targets() {
		targetTerms[i] = t.Terms()
		for _, term := range targetTerms[i] {
			known = append(known, term.Text)
			if len(term.Text) <= 5 && !strings.Contains(term.Text, " ") {
				protect = append(protect, term.Text)
			}
		}
	}
	protect = append(protect, protectedCueWords...)
	s.norm = normalize.New(normalize.Options{Known: known, Protect: protect})
	b := &lexBuilder{norm: s.norm, index: map[string]int{}, lex: &lexicon{tags: map[string][]entry{}}, cache: map[string]string{}}

	for _, e := range s.set.Elections() {
		s.elecs = append(s.elecs, buildElecInfo(e))
	}
	elecIdx := map[*election.Election]int{}
	for i := range s.elecs {
		elecIdx[s.elecs[i].e] = i
	}
	for _, t := range s.set.Targets() {
		ti := int32(len(s.targets))
		tg := target{id: t.ID, t: t, elec: elecIdx[t.Election], party: t.Party != nil,
			ballot: t.BallotNumber(), label: t.Label()}
		s.targets = append(s.targets, tg)
		if !tg.party {
			s.elecs[tg.elec].contest = append(s.elecs[tg.elec].contest, int(ti))
		}
		s.addTargetTerms(b, ti, targetTerms[ti], namer)
	}
	for _, g := range builtinCues {
		for _, p := range g.phrases {
			b.add(p, entry{target: -1, cue: g.kind, strength: g.strength, term: p})
		}
	}
	for _, p := range innocentPhrases {
		b.add(p, entry{target: -1, cue: cueInnocent, term: p})
	}
	// Region names ("Tanjung Harapan", "Kabupaten Aceh Jaya") use words that
	// are also candidates' names; written whole they name the region.
	for ei, e := range s.set.Elections() {
		if e.Region == nil || strings.TrimSpace(e.Region.Name) == "" {
			continue
		}
		name := e.Region.Name
		for _, pre := range []string{"Kabupaten ", "Kota ", "Provinsi "} {
			name = strings.TrimPrefix(name, pre)
		}
		if len(strings.Fields(name)) >= 2 {
			b.add(name, entry{target: -1, cue: cueRegion, elec: int32(ei), term: name})
		}
	}
	// Gestures listed for several contestants of one election ("salam 4
	// jari" for 01 and 03) side with them against the rest.
	perElec := map[int]int{} // gesture entries of a pattern per election
	for _, es := range b.lex.entries {
		clear(perElec)
		for i := range es {
			if es[i].class == tcGestureNum && es[i].target >= 0 {
				perElec[s.targets[es[i].target].elec]++
			}
		}
		for i := range es {
			if es[i].class == tcGestureNum && es[i].target >= 0 && perElec[s.targets[es[i].target].elec] > 1 {
				es[i].joint = true
			}
		}
	}
	// Patterns are padded with a space on both sides and so is the text:
	// every occurrence the automaton reports is then a run of whole words,
	// and "as" inside "dinas" never even reaches the caller.
	pats := make([][]byte, len(b.lex.patterns))
	b.lex.nterm = make([]uint16, len(b.lex.patterns))
	for i, p := range b.lex.patterns {
		pats[i] = []byte(" " + p + " ")
		for _, e := range b.lex.entries[i] {
			if e.target >= 0 && b.lex.nterm[i] < 65535 {
				b.lex.nterm[i]++
			}
		}
	}
	b.lex.termsEmoji = make([][]entry, len(b.lex.patterns))
	b.lex.termsPlain = make([][]entry, len(b.lex.patterns))
	for i, es := range b.lex.entries {
		for _, e := range es {
			if e.target < 0 {
				continue
			}
			if e.class != tcGestureNum {
				b.lex.termsEmoji[i] = append(b.lex.termsEmoji[i], e)
			}
			if e.class != tcGestureNum || b.lex.nterm[i] <= 3 || e.joint {
				b.lex.termsPlain[i] = append(b.lex.termsPlain[i], e)
			}
		}
	}
	d, err := acdfa.Build(pats)
	if err != nil {
		return fmt.Errorf("screen: building the matcher: %w", err)
	}
	b.lex.dfa = d
	s.lex = b.lex
	return nil
}
