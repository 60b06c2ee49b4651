package screen

import (
	"strings"

	"github.com/netral-asn/netral/internal/election"
	"github.com/netral-asn/netral/internal/screen/normalize"
)

// addTargetTerms adds every term of target ti with its class and strength.
func (s *Screener) addTargetTerms(b *lexBuilder, ti int32, terms []election.Term, namer *election.Namer) {
	tg := &s.targets[ti]
	t := tg.t
	ei := &s.elecs[tg.elec]
	nameToks := map[string]bool{}
	if t.Contestant != nil {
		for _, n := range t.Contestant.Names {
			for w := range strings.FieldsSeq(b.normalize(n)) {
				nameToks[w] = true
			}
		}
	}
	isCommon := func(w string) bool {
		return namer.IsCommon(w) || normalize.DefaultLexicon().Known(w) || len(w) < 4
	}
	// dictOnly: an ordinary word that is not a common given name
	// ("ganjar"): listed as an alias, written as a name, it names the
	// contestant. The aliases of the built-in Pilkada are derived from KPU
	// names, not chosen by people, and such words among them are often
	// places, holidays or slang ("Makassar", "Adha", "Karna"): they stay
	// weak.
	curated := t.Election.Source() != election.BuiltinSource || t.Election.Type != election.TypePilkada
	dictOnly := func(w string) bool {
		return curated && t.Contestant != nil && len(w) >= 4 && !namer.IsCommon(w) && !isTitleWord(w) &&
			!normalize.DefaultLexicon().IsSlang(w)
	}
	listed := map[string]bool{} // single words listed as aliases
	add := func(text string, cl termClass, str float32, num int8) {
		b.add(text, entry{target: ti, class: cl, strength: str, number: num, term: text})
	}
	for _, term := range terms { // t.Terms()
		txt := term.Text
		norm := b.normalize(txt)
		if norm == "" {
			continue
		}
		toks := strings.Fields(norm)
		switch term.Signal {
		case election.SignalHashtag:
			var tx normalize.Text
			s.norm.Normalize(&tx, txt)
			if len(tx.Tags) > 0 {
				j := string(tx.TagText(0))
				b.lex.tags[j] = append(b.lex.tags[j], entry{target: ti, class: tcHashtag, strength: 0.95, term: txt})
				tg.hashtags = append(tg.hashtags, j)
				if j != norm && len(j) >= 4 {
					b.addNorm(j, entry{target: ti, class: tcHashtag, strength: 0.9, term: txt})
				}
			}
			if len(toks) >= 2 || !isCommon(norm) {
				add(txt, tcHashtag, 0.9, 0)
			}
		case election.SignalGesture:
			num := int8(0)
			for _, w := range toks {
				if n, ok := gestureEmoji[w]; ok {
					num = int8(n)
				} else if len(w) == 1 && w[0] >= '1' && w[0] <= '9' {
					num = int8(w[0] - '0')
				}
			}
			if num > 0 {
				add(txt, tcGestureNum, 0.7, num)
			} else {
				add(txt, tcGestureOther, 0.7, 0)
			}
		case election.SignalSlogan:
			n := 0
			for _, w := range toks {
				if !ei.regionToks[w] {
					n++
				}
			}
			switch {
			case n >= 4:
				add(txt, tcSloganStrong, 0.8, 0)
			case n == 3:
				add(txt, tcSloganMedium, 0.6, 0)
			default:
				add(txt, tcSloganWeak, 0.3, 0)
			}
		case election.SignalSymbol:
			add(txt, tcSymbol, 0.5, 0)
		default: // entity
			if len(toks) == 1 {
				listed[toks[0]] = true
			}
			s.addEntityTerm(b, ti, txt, toks, term, nameToks, isCommon, dictOnly)
		}
	}
	// Single words of candidates' names, when not listed: "Dedi" alone.
	if t.Contestant != nil {
		for _, n := range t.Contestant.Names {
			for w := range strings.FieldsSeq(b.normalize(n)) {
				if len(w) < 3 || isTitleWord(w) || listed[w] {
					continue // listed words were added with their own class
				}
				if isCommon(w) {
					add(w, tcWeak, 0.3, 0)
				} else {
					add(w, tcAlias, 0.85, 0)
				}
			}
		}
	}
}

func (s *Screener) addEntityTerm(b *lexBuilder, ti int32, txt string, toks []string, term election.Term,
	nameToks map[string]bool, isCommon, dictOnly func(string) bool) {
	add := func(text string, cl termClass, str float32) {
		b.add(text, entry{target: ti, class: cl, strength: str, term: txt})
	}
	tg := &s.targets[ti]
	if len(toks) == 1 {
		w := toks[0]
		acr := isAcronym(txt)
		switch {
		case acr:
			add(txt, tcAcronym, 0.9)
		case !term.Weak && isCommon(w) && dictOnly(w):
			add(txt, tcDictName, 0.75)
		case term.Weak || isCommon(w):
			add(txt, tcWeak, 0.3)
		default:
			add(txt, tcAlias, 0.9)
		}
		return
	}
	for _, w := range toks {
		switch w {
		case "tkn", "tkd", "tpn", "tpd", "timnas", "relawan", "tim", "timses", "koalisi":
			add(txt, tcTeam, 0.9)
			return
		}
	}
	if term.Field == "names" || term.Field == "name" {
		add(txt, tcName, 0.95)
		return
	}
	if isTitleWord(toks[0]) {
		rest := toks[1:]
		common := true
		for _, w := range rest {
			if !isCommon(w) {
				common = false
			}
		}
		dict := common && !term.Weak && len(rest) == 1 && dictOnly(rest[0])
		switch {
		case dict:
			add(txt, tcAlias, 0.8) // "Pak Ganjar": a title makes the ordinary word a name
		case common || term.Weak:
			add(txt, tcTitled, 0.45)
		default:
			add(txt, tcAlias, 0.9)
		}
		// "Bu Ratna" + "Sari": the title before the full name.
		if c := tg.t.Contestant; c != nil {
			for _, n := range c.Names {
				nn := b.normalize(n)
				if strings.HasPrefix(nn, strings.Join(rest, " ")+" ") {
					b.addNorm(toks[0]+" "+nn, entry{target: ti, class: tcName, strength: 0.95, term: txt})
				}
			}
		}
		return
	}
	pair := len(toks) >= 2
	for _, w := range toks {
		if !nameToks[w] {
			pair = false
		}
	}
	switch {
	case pair:
		add(txt, tcPair, 0.95)
	case term.Weak:
		add(txt, tcTitled, 0.45)
	default:
		add(txt, tcAlias, 0.9)
	}
}

// isAcronym reports a single word written in capitals (at least three
// letters, digits allowed): "AMIN", "PKB", "HERA".
func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return letters >= 3
}

var titleSet = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range titles {
		m[t] = true
	}
	return m
}()

func isTitleWord(w string) bool { return titleSet[w] }
