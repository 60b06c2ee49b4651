package election

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Name is a candidate's name as derived from an official KPU name such as
// "Tgk. H. M. FADHIL RAHMI, Lc., M.Ag.": titles, ranks and degrees removed,
// title case restored.
type Name struct {
	// Official is the name as given.
	Official string
	// Clean is the name without titles and degrees, in title case:
	// "M. Fadhil Rahmi".
	Clean string
	// Tokens are the words of Clean.
	Tokens []string
	// Core are the words people use: Tokens without initials ("M.") and
	// without hereditary or birth-order prefixes ("I Wayan", "La Ode",
	// "Andi", "Raden"). Never empty when Tokens is not.
	Core []string
	// Call is the likely call name (nama panggilan): the first core word
	// that is not a generic given-name opener like "Muhammad" or "Siti".
	Call string
	// Nicknames come from parentheses ("(SI DOEL)" → "Si Doel") and from
	// trailing customary titles ("Datuak Putiah").
	Nicknames []string
}

// Last returns the last core word, or "".
func (n Name) Last() string {
	if len(n.Core) == 0 {
		return ""
	}
	return n.Core[len(n.Core)-1]
}

// ParseName cleans an official name. It never fails; an unusable input
// yields a Name with empty Clean.
func ParseName(official string) Name {
	n := Name{Official: official}
	body, nicks := splitParens(official)
	segs := strings.Split(body, ",")
	for _, s := range segs[1:] {
		if adat := customaryTitle(s); adat != "" {
			nicks = append(nicks, adat)
		}
	}
	toks := tokens(segs[0])
	// Leading titles and ranks ("Tuan Guru" is a Lombok religious title).
	i := 0
	for i < len(toks) {
		if i+1 < len(toks) && key(toks[i]) == "tuan" && key(toks[i+1]) == "guru" {
			i += 2
			continue
		}
		if !isTitle(toks[i]) {
			break
		}
		i++
	}
	toks = toks[i:]
	// "HENDRAR PRIHADI ALIAS HENDI": what follows "alias" is a nickname
	// (but "ALIAS WELLO" is a name).
	for i, t := range toks {
		if key(t) == "alias" && i > 0 && i < len(toks)-1 {
			nicks = append(nicks, strings.Join(toks[i+1:], " "))
			toks = toks[:i]
			break
		}
	}
	// Trailing degrees written without a comma ("YULIUS SELVANUS SE").
	for len(toks) > 1 && isDegree(toks[len(toks)-1]) {
		toks = toks[:len(toks)-1]
	}
	for _, t := range toks {
		n.Tokens = append(n.Tokens, titleCase(t))
	}
	n.Clean = strings.Join(n.Tokens, " ")
	n.Core = core(n.Tokens)
	n.Call = callName(n.Core)
	for _, s := range nicks {
		var w []string
		for _, t := range tokens(s) {
			w = append(w, titleCase(t))
		}
		if nick := strings.Join(w, " "); nick != "" && !strings.EqualFold(nick, n.Clean) {
			n.Nicknames = appendUnique(n.Nicknames, nick)
		}
	}
	return n
}

// splitParens removes parenthesised groups, returning the rest and the
// groups that look like nicknames (not "(Purn.)", "(H.C)", "(K)"...).
func splitParens(s string) (string, []string) {
	var b strings.Builder
	var nicks []string
	for {
		i := strings.IndexByte(s, '(')
		if i < 0 {
			b.WriteString(s)
			break
		}
		j := strings.IndexByte(s[i:], ')')
		if j < 0 {
			b.WriteString(s[:i])
			break
		}
		b.WriteString(s[:i])
		b.WriteByte(' ')
		inner := strings.TrimSpace(s[i+1 : i+j])
		if isNickname(inner) {
			nicks = append(nicks, inner)
		}
		s = s[i+j+1:]
	}
	return b.String(), nicks
}

func isNickname(s string) bool {
	if strings.ContainsAny(s, ".") || letters(s) < 3 {
		return false
	}
	switch strings.ToLower(s) {
	case "purn", "hons", "acc", "han", "hc", "pd", "cand":
		return false
	}
	return true
}

// customaryTitle recognises a Minangkabau-style title after the degrees,
// e.g. ", DATUAK PUTIAH" or ", Dt. MARUHUN", and returns it.
func customaryTitle(seg string) string {
	f := strings.Fields(seg)
	if len(f) < 2 {
		return ""
	}
	switch strings.ToLower(strings.TrimSuffix(f[0], ".")) {
	case "dt", "datuk", "datuak", "dato", "sutan", "rajo", "tuanku", "bagindo", "marah":
		return strings.TrimSpace(seg)
	}
	return ""
}

// tokens splits on spaces and after a dot glued to the next word
// ("Ir.H.JAYA" → "Ir.", "H.", "JAYA"); "K.H." stays whole.
func tokens(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		for f != "" {
			if strings.HasPrefix(strings.ToUpper(f), "K.H.") {
				out = append(out, f[:4])
				f = f[4:]
				continue
			}
			i := strings.IndexByte(f, '.')
			if i < 0 || i == len(f)-1 {
				out = append(out, f)
				break
			}
			out = append(out, f[:i+1])
			f = f[i+1:]
		}
	}
	// Drop stray punctuation tokens.
	kept := out[:0]
	for _, t := range out {
		if letters(t) > 0 {
			kept = append(kept, t)
		}
	}
	return kept
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// key lower-cases a token and strips dots, for table look-ups.
func key(t string) string {
	return strings.ToLower(strings.Trim(t, ".'"))
}

// titles are honorifics, academic and religious titles and ranks written
// before a name; they are never part of a name people write.
var titles = set(
	// religious and academic
	"h", "hj", "hi", "hc", "kh", "k.h", "tgk", "tgh", "ust", "ustadz", "ustaz", "ustad", "habib", "syekh",
	"haji", "hajjah", "hajah", "kyai", "kiai", "buya", "pdt", "pnt", "capt",
	"dr", "drs", "dra", "ir", "prof", "apt", "ars", "drh", "drg", "ns", "dipl",
	// Javanese court titles
	"gra", "gkr", "bra", "grm", "kph", "kgpaa",
	// military and police ranks and their qualifiers
	"jenderal", "jend", "letjen", "mayjen", "brigjen", "komjen", "irjen", "jenderal", "laksamana",
	"laksdya", "laksda", "laksma", "marsekal", "marsdya", "marsda", "marsma",
	"kolonel", "kol", "letkol", "mayor", "kapten", "kombes", "kombespol", "akbp", "akp", "kompol", "iptu", "ipda",
	"pol", "tni", "ckm", "inf", "purn", "cpl", "kav", "arh",
)

// degrees that may trail a name without a comma.
var degrees = set(
	"se", "sh", "mm", "msi", "st", "spd", "sip", "sag", "ssos", "skm", "mh", "mpd", "mt", "ma", "map",
	"me", "mkes", "sked", "spdi", "shi", "sthi", "sstp", "ak", "mba", "sp", "ssi", "ssit", "skom", "ns",
	"ir", "sei",
)

// balinese are Balinese caste and birth-order prefixes; a run of them is
// skipped only when it opens with one of balineseStart (so that "Agung
// Laksono" keeps "Agung").
var balinese = set(
	"i", "ni", "gusti", "ngurah", "made", "wayan", "nyoman", "ketut", "putu", "kadek", "komang", "gede",
	"gde", "luh", "nengah", "ida", "bagus", "ayu", "anak", "agung", "cokorda", "tjokorda", "dewa", "sang",
)

// balineseStart open a Balinese prefix run.
var balineseStart = set("i", "ni", "ida", "anak", "cokorda", "tjokorda", "gusti", "dewa", "sang",
	"wayan", "made", "nyoman", "ketut", "putu", "kadek", "komang", "gede", "gde", "nengah", "luh", "ngurah")

// singlePrefixes are one-word hereditary or customary prefixes that are
// part of the official name but not of the name people write alone
// ("Andi Sudirman Sulaiman" → "Sudirman Sulaiman").
var singlePrefixes = set(
	"andi", "lalu", "ll", "baiq", "raden", "rd", "tengku", "teuku", "cut", "datu", "datuk", "dt", "tuan",
	"umbu", "rambu",
)

// openers are given names so common as the first word that people call
// the person by the next one ("Muhammad Bobby Afif Nasution" → "Bobby").
var openers = set(
	"muhammad", "muhamad", "mohammad", "mohamad", "mochammad", "mochamad", "muhammed", "mohamed", "moh",
	"muh", "mhd", "mokhammad", "moch", "m", "ahmad", "achmad", "akhmad", "ahmat", "abdul", "abd", "siti",
	"nur", "noor", "sri", "hj", "raja", "sultan", "syarifah", "syarif", "sayyid", "abu", "ibnu", "al",
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

func isTitle(t string) bool { return titles[key(t)] }

func isDegree(t string) bool { return degrees[key(t)] && strings.ToUpper(t) == t }

// isInitial reports a one-letter token, with or without its dot ("M.", "A").
func isInitial(t string) bool { return letters(t) == 1 }

// core drops initials and leading prefixes; it keeps at least one word.
func core(toks []string) []string {
	var c []string
	for _, t := range toks {
		if !isInitial(t) {
			c = append(c, strings.Trim(strings.TrimSuffix(t, "."), "'"))
		}
	}
	if len(c) == 0 {
		return nil
	}
	i := 0
	switch k := key(c[0]); {
	case balineseStart[k]:
		for i < len(c)-1 && balinese[key(c[i])] {
			i++
		}
	case (k == "la" || k == "wa") && len(c) > 2 && key(c[1]) == "ode":
		i = 2
	case k == "raden" && len(c) > 2 && (key(c[1]) == "mas" || key(c[1]) == "ayu"):
		i = 2
	case singlePrefixes[k] && len(c) > 1:
		i = 1
	}
	return c[i:]
}

// callName picks the first core word of three letters or more that is
// not a generic opener.
func callName(c []string) string {
	for _, t := range c {
		if !openers[key(t)] && letters(t) >= 3 {
			return t
		}
	}
	if len(c) > 0 {
		return c[len(c)-1]
	}
	return ""
}

// titleCase turns "MAS'UD" into "Mas'ud" and "ADZ-DZORIF" into
// "Adz-Dzorif"; tokens with lower-case letters are kept as written except
// for their first letter; tokens without vowels ("MD") stay upper-case.
func titleCase(t string) string {
	t = strings.Trim(t, ",;:")
	if letters(t) >= 4 {
		t = strings.TrimSuffix(t, ".")
	}
	if !strings.ContainsAny(strings.ToLower(t), "aiueoy") && letters(t) <= 3 && letters(t) > 1 && !strings.HasSuffix(t, ".") {
		return strings.ToUpper(t) // "MD", "SF"
	}
	lower := t == strings.ToUpper(t)
	var b strings.Builder
	start := true
	for _, r := range t {
		switch {
		case start && unicode.IsLetter(r):
			b.WriteRune(unicode.ToUpper(r))
			start = false
		case lower:
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteRune(r)
		}
		if r == '-' {
			start = true
		}
	}
	return b.String()
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return list
		}
	}
	return append(list, s)
}

// runes counts the letters of s.
func runes(s string) int { return utf8.RuneCountInString(s) }
