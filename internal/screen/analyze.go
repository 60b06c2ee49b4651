package screen

import (
	"slices"
	"sort"
	"strings"

	"github.com/netral-asn/netral/internal/screen/acdfa"
	"github.com/netral-asn/netral/internal/screen/normalize"
)

// role says whose words a field holds.
type role uint8

const (
	roleAuthor role = iota // what the author wrote or posted (text, media captions)
	roleActed              // what the author acted on (context_text)
)

// mention is a reference to a target in a field.
type mention struct {
	target     int32
	class      termClass
	id         float32 // how surely it names the target, 0..1
	tok0, tok1 int32   // token range in the field
	n0, n1     int32   // normalised byte range
	number     int8    // gesture number
	isNumber   bool    // a ballot number resolved to the target
	shared     int16   // targets named by the same words at the same place
}

// cueHit is a built-in cue found in a field.
type cueHit struct {
	kind       cueKind
	strength   float32
	tok0, tok1 int32
	n0, n1     int32
	term       string
}

// numHit is a number that may be a ballot number.
type numHit struct {
	value    int
	strength float32
	vote     bool // preceded by a call to vote ("coblos 2")
	tok      int32
	party    int32 // party target it belongs to, -1 if none
	hashtag  bool
}

// gestHit is a hand sign for a number: an emoji or "salam N jari".
type gestHit struct {
	num      int
	strength float32
	tok      int32
	n0, n1   int32
}

// field is one analysed text value of a record.
type field struct {
	name  string
	index int
	role  role
	src   string
	tx    normalize.Text
	sent  []int16
	ments []mention
	cues  []cueHit
	nums  []numHit
	gests []gestHit
	innoc [][2]int32    // token ranges of innocent phrases
	cand  []acdfa.Match // occurrences of term patterns (scanField)
	cueC  []acdfa.Match // occurrences of cue and innocent patterns
	maybe bool          // something in the field may name a target
	other bool          // the field is about another kind of election (ketua RT, OSIS)
	kin   bool          // the field speaks of a child or relative
}

// Limits per field, so that a pathological 5 MB line (the same name a
// million times) costs linear time: evidence saturates long before.
const (
	maxMentions = 256
	maxCues     = 256
	maxNumbers  = 64
	maxGestures = 64
)

// state is per-goroutine scratch space.
type state struct {
	fields   []field
	n        int
	all      []acdfa.Match
	pad      []byte
	scores   []tscore
	touch    []int32
	named    []int
	elecMark []uint32 // elecMark[e] == gen: election e is named in the record
	gen      uint32
	pairs    [][2]int32
	ident    []int32
	regions  []int     // elections whose region the record names
	distinct []float32 // best identification of a target by words naming it alone
	distGen  []uint32
}

func (st *state) next() *field {
	if st.n == len(st.fields) {
		st.fields = append(st.fields, field{})
	}
	f := &st.fields[st.n]
	st.n++
	f.ments, f.cues, f.nums, f.gests, f.innoc, f.sent = f.ments[:0], f.cues[:0], f.nums[:0], f.gests[:0], f.innoc[:0], f.sent[:0]
	f.cand, f.cueC, f.maybe, f.other, f.kin = f.cand[:0], f.cueC[:0], false, false, false
	return f
}

var spaceSep = func() *[256]bool {
	var s [256]bool
	s[' '] = true
	return &s
}()

// scanField normalises one field, finds every occurrence of every
// pattern and the numbers that may be ballot numbers, and notes whether
// anything in it may name a target (field.maybe). It is the part of the
// analysis every field needs; [Screener.analyse] does the rest, and only
// for records where some field may name a target: for the others the
// result is known without it.
func (s *Screener) scanField(st *state, f *field, day int) {
	s.norm.Normalize(&f.tx, f.src)
	tx := &f.tx
	if len(tx.Toks) == 0 {
		return
	}
	// Every whole-word occurrence of every pattern: the automaton's
	// patterns are padded with spaces, so the text is too.
	st.pad = append(append(append(st.pad[:0], ' '), tx.Norm...), ' ')
	lex := s.lex
	st.all = lex.dfa.AppendOverlapping(st.pad, st.all[:0])
	for _, m := range st.all {
		m.End -= 2 // back to unpadded offsets: [Start, End) of Norm
		if lex.hasTerm[m.Pattern] {
			f.cand = append(f.cand, m)
		}
		if lex.hasCue[m.Pattern] {
			f.cueC = append(f.cueC, m)
		}
	}
	s.findNumbers(f)
	// May the field name a target? The tests below are those of the
	// mention loops of analyse that do not depend on cues; analyse only
	// drops more (innocent phrases, someone else's name, the caps).
	for _, n := range f.nums {
		// A number alone can only flag as a call to vote or a tag.
		if n.vote || n.hashtag || n.strength >= 0.45 {
			f.maybe = true
			return
		}
	}
	for _, m := range f.cand {
		t0, t1 := tokRange(tx, m.Start, m.End)
		for _, e := range lex.termEntries(m.Pattern, emojiSign(tx, t0, t1)) {
			if _, ok := s.termID(e, m.Pattern, tx, t0, t1, day); ok {
				f.maybe = true
				return
			}
		}
	}
	for i := range tx.Tags {
		for _, e := range lex.tags[string(tx.TagText(i))] {
			if s.activeTarget(e.target, day) {
				f.maybe = true
				return
			}
		}
	}
}

// activeTarget reports whether target t can be named on day: parties
// always, contestants while their election is on.
func (s *Screener) activeTarget(t int32, day int) bool {
	tg := &s.targets[t]
	return tg.party || s.elecs[tg.elec].active(day)
}

// emojiSign reports a match that is one emoji token.
func emojiSign(tx *normalize.Text, t0, t1 int32) bool {
	return t1-t0 == 1 && tx.Toks[t0].Flags&normalize.FlagEmoji != 0
}

// termEntries returns the target entries of pattern p that may name their
// target: hand-sign emoji, and "salam N jari" listed by many elections,
// are read as plain hand signs (findGestures) instead.
func (lex *lexicon) termEntries(p int, emojiSign bool) []entry {
	if emojiSign {
		return lex.termsEmoji[p]
	}
	return lex.termsPlain[p]
}

// termID returns how surely term entry e of pattern p names its target at
// tokens [t0, t1); false when it says nothing.
func (s *Screener) termID(e entry, p int, tx *normalize.Text, t0, t1 int32, day int) (float32, bool) {
	if !s.activeTarget(e.target, day) {
		return 0, false
	}
	id := mentionStrength(e, tx, t0, t1)
	if id < 0.25 || (id < 0.3 && s.lex.nterm[p] > 3) {
		return 0, false // a common word in lower case, or naming many candidates, says nothing
	}
	return id, true
}

// analyse finds the mentions, cues and gestures of a field scanned by
// scanField.
func (s *Screener) analyse(st *state, f *field, day int) {
	tx := &f.tx
	// Sentence ids.
	var sid int16
	for i := range tx.Toks {
		if i > 0 && tx.Toks[i].Flags&normalize.FlagSentStart != 0 {
			sid++
		}
		f.sent = append(f.sent, sid)
	}
	if len(tx.Toks) == 0 {
		return
	}
	lex := s.lex
	// Cues and innocent phrases: leftmost-longest among themselves.
	f.cueC = leftmostLongest(f.cueC)
	for _, m := range f.cueC {
		t0, t1 := tokRange(tx, m.Start, m.End)
		if brokenPhrase(tx, t0, t1) {
			continue // "dipimpin Untung, cuma pengusaha" is not "untung cuma"
		}
		for _, e := range lex.entries[m.Pattern] {
			if e.target >= 0 {
				continue
			}
			switch e.cue {
			case cueOtherElect:
				f.other = true
				continue
			case cueFamily:
				f.kin = true
				continue
			}
			if e.cue == cueInnocent || e.cue == cueRegion {
				f.innoc = append(f.innoc, [2]int32{t0, t1})
				if e.cue == cueRegion && !slices.Contains(st.regions, int(e.elec)) {
					st.regions = append(st.regions, int(e.elec))
				}
				continue
			}
			if len(f.cues) < maxCues {
				f.cues = append(f.cues, cueHit{kind: e.cue, strength: e.strength, tok0: t0, tok1: t1,
					n0: int32(m.Start), n1: int32(m.End), term: e.term})
			}
		}
	}
	negate(f)
	if f.other {
		f.nums = f.nums[:0] // "calon nomor 2 Pak Dedi" for ketua RT
	}
	if f.kin {
		// "Ponakan sy jadi relawan Prabowo": the relative is not the name.
		for _, c := range f.cues {
			switch c.kind {
			case cueTeam, cueVote, cueCampaign, cueMember, cueAttribute:
				f.kin = false
			}
		}
	}
	// Terms, unless inside an innocent phrase.
	for _, m := range f.cand {
		if len(f.ments) >= maxMentions {
			break
		}
		t0, t1 := tokRange(tx, m.Start, m.End)
		if f.innocent(t0, t1) {
			continue
		}
		first := len(f.ments)
		for _, e := range lex.termEntries(m.Pattern, emojiSign(tx, t0, t1)) {
			id, ok := s.termID(e, m.Pattern, tx, t0, t1, day)
			if !ok {
				continue
			}
			if id <= 0.55 && otherPerson(tx, t1) {
				continue // "Pak Dedi ketua RT": someone else with a common name
			}
			if personWord(e.class, tx, t0, t1) {
				kin := f.kin && tx.Toks[t1-1].Flags&normalize.FlagAllCaps == 0
				if kin || (f.other && id < 0.6) || named(tx, t0) || s.otherName(tx, t1) {
					// "jagoan ayah, Gibran", "namanya Anies", "Pak Ganjar
					// Nugroho", "HERA Beauty": someone or something else.
					continue
				}
			} else if f.other && id < 0.6 {
				continue
			}
			class := e.class
			if class == tcHashtag && t1-t0 > 1 && tx.Toks[t0].Flags&normalize.FlagHashtag == 0 {
				class = tcAlias // the words of a hashtag, written as plain words
			}
			f.ments = append(f.ments, mention{target: e.target, class: class, id: id, tok0: t0, tok1: t1,
				n0: int32(m.Start), n1: int32(m.End), number: e.number})
		}
		for k := first; k < len(f.ments); k++ {
			f.ments[k].shared = int16(min(len(f.ments)-first, 32000))
		}
	}
	// Hashtags written as such.
	cursor := 0
	for i := range tx.Tags {
		if len(f.ments) >= maxMentions {
			break
		}
		g := tx.Tags[i]
		for cursor < len(tx.Toks) && tx.Toks[cursor].OEnd <= g.OStart {
			cursor++
		}
		es, ok := lex.tags[string(tx.TagText(i))]
		if !ok {
			continue
		}
		t0, t1 := tokRangeOrig(tx, g.OStart, g.OEnd, cursor)
		if t0 >= t1 {
			continue
		}
		for _, e := range es {
			if !s.activeTarget(e.target, day) {
				continue
			}
			f.ments = append(f.ments, mention{target: e.target, class: tcHashtag, id: e.strength, tok0: t0, tok1: t1,
				n0: tx.Toks[t0].NStart, n1: tx.Toks[t1-1].NEnd})
		}
	}
	s.findGestures(f)
}

// brokenPhrase reports a phrase of several words with punctuation
// between them in the original.
func brokenPhrase(tx *normalize.Text, t0, t1 int32) bool {
	for k := t0 + 1; k < t1; k++ {
		switch tx.Toks[k].Sep {
		case ',', '.', '!', '?', ';', ':', '(', ')':
			return true
		}
	}
	return false
}

// innocent reports a term inside an innocent phrase ("garuda" in "timnas
// garuda"); a term reaching beyond the phrase ("abah untung" before
// "untung saja") stays.
func (f *field) innocent(t0, t1 int32) bool {
	// The phrases come from a leftmost-longest selection: sorted by start,
	// not overlapping. Find the last one starting at or before t0.
	i := sort.Search(len(f.innoc), func(i int) bool { return f.innoc[i][0] > t0 }) - 1
	return i >= 0 && t1 <= f.innoc[i][1]
}

// tokRange maps a normalised byte range on token boundaries to tokens.
func tokRange(tx *normalize.Text, n0, n1 int) (int32, int32) {
	return int32(tx.TokenAt(n0)), int32(tx.TokenAt(n1-1)) + 1
}

// tokRangeOrig returns the tokens whose original span lies in [o0, o1),
// looking from token from on.
func tokRangeOrig(tx *normalize.Text, o0, o1 int32, from int) (int32, int32) {
	t0, t1 := int32(-1), int32(-1)
	for i := from; i < len(tx.Toks); i++ {
		tk := &tx.Toks[i]
		if tk.OStart >= o0 && tk.OEnd <= o1 {
			if t0 < 0 {
				t0 = int32(i)
			}
			t1 = int32(i) + 1
		} else if tk.OStart >= o1 {
			break
		}
	}
	if t0 < 0 {
		return 0, 0
	}
	return t0, t1
}

// leftmostLongest keeps the greedy leftmost-longest subset of candidate
// matches (in place).
func leftmostLongest(c []acdfa.Match) []acdfa.Match {
	if len(c) <= 1 {
		return c
	}
	cmp := func(a, b acdfa.Match) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	}
	if len(c) <= 32 { // insertion sort: lists are short
		for i := 1; i < len(c); i++ {
			x := c[i]
			j := i
			for j > 0 && cmp(x, c[j-1]) < 0 {
				c[j] = c[j-1]
				j--
			}
			c[j] = x
		}
	} else {
		slices.SortStableFunc(c, cmp)
	}
	out := c[:0]
	last := -1
	for _, m := range c {
		if m.Start < last {
			continue
		}
		if len(out) > 0 && out[len(out)-1].Start == m.Start && out[len(out)-1].End == m.End {
			out = append(out, m) // same span, another pattern: keep both
			continue
		}
		out = append(out, m)
		last = m.End
	}
	return out
}

// mentionStrength adjusts a term's strength to how it is written.
func mentionStrength(e entry, tx *normalize.Text, t0, t1 int32) float32 {
	tk := tx.Toks[t0]
	fl := tk.Flags
	caps := fl&normalize.FlagAllCaps != 0
	capital := fl&normalize.FlagCapital != 0
	sentStart := fl&normalize.FlagSentStart != 0
	switch e.class {
	case tcAcronym:
		switch {
		case caps:
			return 0.9
		case fl&normalize.FlagHashtag != 0:
			return 0.65
		case fl&normalize.FlagMention != 0:
			return 0.7
		case capital && !sentStart:
			return 0.45
		case capital:
			return 0.35
		}
		return 0.25
	case tcWeak:
		v := float32(0.2)
		switch {
		case caps:
			v = 0.5
		case fl&(normalize.FlagHashtag|normalize.FlagMention) != 0:
			v = 0.5
		case capital && !sentStart:
			v = 0.45
		case capital:
			v = 0.35
		}
		if t0 > 0 && isTitleWord(string(tx.Word(int(t0-1)))) {
			v = max(v, 0.45) // "Pak Dedi": a common name with a title
		}
		return min(v, 0.55)
	case tcTitled:
		if t1-t0 >= 2 && tx.Toks[t0+1].Flags&normalize.FlagAllCaps != 0 {
			return 0.6
		}
		return e.strength
	case tcDictName:
		// A name that is also an ordinary word ("Ganjar", "ganjar"):
		// written as a name, it is one.
		switch {
		case caps, fl&(normalize.FlagHashtag|normalize.FlagMention) != 0, capital && !sentStart:
			return 0.75
		case capital:
			return 0.6 // at a sentence start: the ordinary word rarely opens one
		}
		return 0.3
	}
	return e.strength
}

var negators = map[string]bool{"tidak": true, "bukan": true, "tak": true, "jangan": true, "belum": true, "ndak": true,
	"kapok": true, "ogah": true, "enggan": true, "berhenti": true, "menyesal": true}

// thirdPersons before a call to vote report someone else's choice ("kata
// tetangga, dia pilih 02").
var thirdPersons = map[string]bool{"dia": true, "ia": true, "mereka": true, "doi": true}

// negate turns "tidak banyak omong" into praise and "jangan lanjutkan"
// into opposition, and weakens a choice reported of someone else.
func negate(f *field) {
	for i := range f.cues {
		c := &f.cues[i]
		if c.tok0 > 0 && (c.kind == cueVote || c.kind == cueSupport) && thirdPersons[string(f.tx.Word(int(c.tok0-1)))] {
			c.strength *= 0.3
			continue
		}
		if c.tok0 == 0 || !negators[string(f.tx.Word(int(c.tok0-1)))] {
			continue
		}
		switch c.kind {
		case cueOppose:
			c.kind, c.strength = cueSupport, 0.45
		case cueSupport, cueVote:
			c.kind, c.strength = cueOppose, 0.6
		}
	}
}

// personWord reports a mention made of one name word, with or without a
// title before it ("Gibran", "Pak Ganjar", "HERA"): a name that someone
// or something else may bear. Hashtags and full names are not.
func personWord(c termClass, tx *normalize.Text, t0, t1 int32) bool {
	if tx.Toks[t0].Flags&normalize.FlagHashtag != 0 {
		return false
	}
	switch c {
	case tcAlias, tcWeak, tcDictName, tcAcronym, tcTitled:
		return t1-t0 == 1 || t1-t0 == 2 && isTitleWord(string(tx.Word(int(t0))))
	}
	return false
}

// nameIntros introduce a name as someone's ("anak saya namanya Anies").
var nameIntros = map[string]bool{"namanya": true, "bernama": true, "dinamai": true, "dinamakan": true}

// named reports a name word introduced as the name of someone else.
func named(tx *normalize.Text, t0 int32) bool {
	return t0 > 0 && nameIntros[string(tx.Word(int(t0-1)))]
}

// otherName reports a name word followed by a capitalised word that is
// not a known word nor a word of any name being searched for: another
// person or a brand ("Ganjar Nugroho", "HERA Beauty").
func (s *Screener) otherName(tx *normalize.Text, t1 int32) bool {
	if int(t1) >= len(tx.Toks) || tx.Toks[t1-1].Flags&normalize.FlagMention != 0 {
		return false // an @handle is the account itself
	}
	nx := &tx.Toks[t1]
	if nx.Flags&(normalize.FlagCapital|normalize.FlagAllCaps) == 0 ||
		nx.Flags&(normalize.FlagSentStart|normalize.FlagNumber|normalize.FlagEmoji|normalize.FlagHashtag|normalize.FlagMention|normalize.FlagRewritten) != 0 ||
		nx.Sep != ' ' {
		return false
	}
	w := string(tx.Word(int(t1)))
	return len(w) >= 3 && !s.knownStem(w)
}

// knownStem reports a known word, or one once its common affixes are
// removed ("tegaskan" → "tegas", "dilantiknya" → "lantik").
func (s *Screener) knownStem(w string) bool {
	if s.norm.Known(w) {
		return true
	}
	for _, suf := range []string{"", "nya", "kan", "lah", "an", "i"} {
		x, ok := strings.CutSuffix(w, suf)
		if !ok || len(x) < 3 {
			continue
		}
		for _, pre := range []string{"", "di", "me", "mem", "men", "meng", "ber", "ter", "pe", "per", "ke", "se"} {
			y, ok := strings.CutPrefix(x, pre)
			if ok && len(y) >= 3 && (suf != "" || pre != "") && s.norm.Known(y) {
				return true
			}
		}
	}
	return false
}

// otherPerson reports a role noun right after a name ending at token t1.
func otherPerson(tx *normalize.Text, t1 int32) bool {
	for k := int(t1); k < len(tx.Toks) && k <= int(t1)+1; k++ {
		w := string(tx.Word(k))
		if personRoles[w] {
			return true
		}
		if !roleFillers[w] {
			return false
		}
	}
	return false
}
