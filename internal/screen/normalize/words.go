package normalize

import (
	"unicode"
	"unicode/utf8"
)

// emitAll rewrites the raw tokens into t.Norm / t.Toks.
func (n *Normalizer) emitAll(t *Text, s string) {
	lx := n.lx
	for i := 0; i < len(t.raw); i++ {
		r := &t.raw[i]
		w := t.scratch[r.fStart:r.fEnd]
		// The commonest case first: a plain ASCII word of letters that
		// needs no repair. This is emitWord's path for it: the slang
		// rewrite, or the word as it is.
		if r.ascii && !r.emoji && r.flags&(FlagHashtag|FlagMention) == 0 && r.letters > 0 && r.digits == 0 &&
			!r.run3 && !(r.double && len(w) >= 4) && !r.old {
			flags := r.flags
			if r.uppers > 0 {
				flags |= capsFlags(s, *r)
			}
			if len(w) <= lx.maxKey && lx.mayRewrite(w) {
				if v, ok := n.slang[string(w)]; ok {
					t.appendWords(v, r.oStart, r.oEnd, flags|FlagRewritten|numWord(w, v), r.sep)
					continue
				}
			}
			if len(w) >= minGlued && n.emitGlued(t, s, *r, w, flags) {
				continue
			}
			// appendTok, for a word that is not a number.
			if len(t.Norm) > 0 {
				t.Norm = append(t.Norm, ' ')
			}
			ns := int32(len(t.Norm))
			t.Norm = append(t.Norm, w...)
			t.Toks = append(t.Toks, Token{NStart: ns, NEnd: int32(len(t.Norm)), OStart: r.oStart, OEnd: r.oEnd, Flags: flags, Sep: r.sep})
			continue
		}
		flags := r.flags | capsFlags(s, *r)
		switch {
		case r.emoji:
			t.appendTok(w, r.oStart, r.oEnd, flags, r.sep)
		case r.flags&(FlagHashtag|FlagMention) != 0:
			n.emitTagged(t, s, *r, w, flags)
		default:
			n.emitWord(t, s, *r, w, flags)
		}
	}
	n.applyPairs(t, s)
}

// capsFlags reports capitalisation of the original token.
func capsFlags(s string, r rawTok) Flag {
	var f Flag
	if r.letters >= 2 && r.uppers == r.letters {
		f |= FlagAllCaps
	}
	if r.uppers > 0 {
		c := s[r.oStart]
		if c < utf8.RuneSelf {
			if asciiClass[c] == aUpper {
				f |= FlagCapital
			}
		} else if ru, _ := utf8.DecodeRuneInString(s[r.oStart:]); unicode.IsUpper(ru) {
			f |= FlagCapital
		}
	}
	return f
}

// minGlued is the shortest word that may be several words written
// together ("relawanprabowogibran", "ganjarpranowo").
const minGlued = 8

// emitGlued splits an unknown ASCII word written without spaces into known
// words when one of them is a word of the names being searched for
// (Options.Known) — account names such as "relawanprabowogibran" or
// "untungprasetyo" — and appends the parts, each mapped to its own
// original bytes. It reports whether it did.
//
// Only words written in lower case and placed as account names are
// ("ganjarpranowo: …", "relawanhendraratna.official", "dafa_fans")
// qualify: a capitalised "Ratnasari" is a person's own name, and a glued
// word in running text may be anything. The output keeps no punctuation,
// so a second pass never splits what the first left whole.
func (n *Normalizer) emitGlued(t *Text, s string, r rawTok, w []byte, flags Flag) bool {
	if len(n.extra) == 0 || r.uppers > 0 || !handleEnd(s, int(r.oEnd)) || n.known(w) {
		return false
	}
	var cuts [8]int
	nc := n.segment(w, cuts[:0])
	if len(nc) == 0 || len(nc) > 4 {
		return false
	}
	named := false
	prev := 0
	for k := 0; k <= len(nc) && !named; k++ {
		end := len(w)
		if k < len(nc) {
			end = nc[k]
		}
		if end-prev >= 4 {
			_, named = n.extra[string(w[prev:end])]
		}
		prev = end
	}
	if !named {
		return false
	}
	orig := s[r.oStart:r.oEnd]
	prev = 0
	for k := 0; k <= len(nc); k++ {
		end := len(w)
		if k < len(nc) {
			end = nc[k]
		}
		seg := w[prev:end]
		f := flags&^(FlagAllCaps|FlagCapital) | partCaps(orig[prev:end])
		sep := r.sep
		if k > 0 {
			f &^= FlagSentStart
			sep = 0
		}
		r3, dbl := hasRuns(seg)
		n.emitLetters(t, seg, r.oStart+int32(prev), r.oStart+int32(end), f|FlagRewritten, sep, r3, dbl, true)
		prev = end
	}
	return true
}

// handleEnd reports whether the word ending at s[i] reads as an account
// name: followed by a colon ("ganjarpranowo: Pagi ini"), or by a dot or an
// underscore and more of the handle ("untungprasetyo.official").
func handleEnd(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	switch s[i] {
	case ':':
		return true
	case '.', '_':
		return i+1 < len(s) && (asciiClass[s[i+1]] == aLower || asciiClass[s[i+1]] == aUpper || asciiClass[s[i+1]] == aDigit)
	}
	return false
}

// emitWord rewrites one plain word.
func (n *Normalizer) emitWord(t *Text, s string, r rawTok, w []byte, flags Flag) {
	if r.letters == 0 { // digits only (or folded non-ASCII digits)
		t.appendTok(w, r.oStart, r.oEnd, flags, r.sep)
		return
	}
	// Whole-token slang first: covers plain slang and digit forms ("2x").
	if v, ok := n.rewrite(w); ok {
		t.appendWords(v, r.oStart, r.oEnd, flags|FlagRewritten|numWord(w, v), r.sep)
		return
	}
	if r.digits > 0 && isASCII(w) {
		n.emitMixed(t, r, w, flags)
		return
	}
	r3, dbl := r.run3, r.double
	if !r.ascii {
		r3, dbl = hasRuns(w)
	} else if !r3 && r.digits == 0 && len(w) >= minGlued && n.emitGlued(t, s, r, w, flags) {
		return
	}
	// Already looked up whole: only a squeezed spelling needs a new look.
	n.emitLetters(t, w, r.oStart, r.oEnd, flags, r.sep, r3, dbl, false)
}

// emitLetters squeezes elongation, modernises old spelling, applies slang
// and appends.
func (n *Normalizer) emitLetters(t *Text, w []byte, os, oe int32, flags Flag, sep byte, run3, double, slang bool) {
	if fixed, ok := n.modernise(t, w); ok {
		w = fixed
		flags |= FlagRewritten
		slang = true
		run3, double = hasRuns(w)
	}
	if run3 || (double && len(w) >= 4) {
		if fixed, ok := n.squeeze(t, w, run3); ok {
			w = fixed
			flags |= FlagRewritten
			slang = true
		}
	}
	if slang {
		if v, ok := n.rewrite(w); ok {
			t.appendWords(v, os, oe, flags|FlagRewritten|numWord(w, v), sep)
			return
		}
	}
	t.appendTok(w, os, oe, flags, sep)
}

// rewrite looks w up in the slang map unless it is protected.
func (n *Normalizer) rewrite(w []byte) (string, bool) {
	if len(w) > n.lx.maxKey || !n.lx.mayRewrite(w) {
		return "", false
	}
	v, ok := n.slang[string(w)] // protected words are not in it
	return v, ok
}

// numWord flags a word rewritten into a number ("satu" → "1").
func numWord(w []byte, v string) Flag {
	if len(v) == 0 || v[0] < '0' || v[0] > '9' || (len(w) > 0 && w[0] >= '0' && w[0] <= '9') {
		return 0
	}
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return 0
		}
	}
	return FlagNumWord
}

// modernise rewrites the spelling used before 1972, which many official
// names keep, into today's: "oe" → "u", "dj" → "j", "tj" → "c"
// ("Soeparto" → "suparto", "Djunaidi" → "junaidi", "Tjahyono" →
// "cahyono"), so that either spelling of a name finds the other. Words of
// the vocabulary are left alone.
func (n *Normalizer) modernise(t *Text, w []byte) ([]byte, bool) {
	changed := false
	// Each round shortens the word; "tdj" → "tj" → "c" needs two.
	for hasOldSpelling(w) {
		if _, ok := n.lx.vocab[string(w)]; ok {
			break
		}
		w = modernOnce(t, w)
		changed = true
	}
	return w, changed
}

func hasOldSpelling(w []byte) bool {
	for i := 1; i < len(w); i++ {
		if w[i] == 'e' && w[i-1] == 'o' || w[i] == 'j' && (w[i-1] == 'd' || w[i-1] == 't') {
			return true
		}
	}
	return false
}

// modernOnce appends w with each old digraph replaced, left to right.
func modernOnce(t *Text, w []byte) []byte {
	base := len(t.scratch)
	for i := 0; i < len(w); i++ {
		c := w[i]
		if i+1 < len(w) {
			switch {
			case c == 'o' && w[i+1] == 'e':
				t.scratch = append(t.scratch, 'u')
				i++
				continue
			case c == 'd' && w[i+1] == 'j':
				t.scratch = append(t.scratch, 'j')
				i++
				continue
			case c == 't' && w[i+1] == 'j':
				t.scratch = append(t.scratch, 'c')
				i++
				continue
			}
		}
		t.scratch = append(t.scratch, c)
	}
	return t.scratch[base:]
}

// squeeze repairs elongation: runs of three or more letters become two or
// one letter, whichever is a known word (one when neither is); a word that
// is not known loses doubled letters when that makes it known.
func (n *Normalizer) squeeze(t *Text, w []byte, run3 bool) ([]byte, bool) {
	if n.known(w) { // "PPP", "maaf", "saat": already a word
		return w, false
	}
	base := len(t.scratch)
	if run3 {
		two := squeezeTo(t, w, 2)
		if n.known(two) {
			return two, true
		}
		one := squeezeTo(t, w, 1)
		if n.known(one) || !hasDouble(one) {
			return one, true
		}
		w = one
	}
	c := squeezeTo(t, w, 1)
	if n.known(c) {
		return c, true
	}
	if run3 {
		return w, true
	}
	t.scratch = t.scratch[:base]
	return w, false
}

// squeezeTo appends w with every run of a repeated letter cut to k bytes.
func squeezeTo(t *Text, w []byte, k int) []byte {
	base := len(t.scratch)
	run := 0
	for i, c := range w {
		if i > 0 && c == w[i-1] && c >= 'a' && c <= 'z' {
			run++
		} else {
			run = 1
		}
		if run <= k {
			t.scratch = append(t.scratch, c)
		}
	}
	return t.scratch[base:]
}

func hasDouble(w []byte) bool {
	for i := 1; i < len(w); i++ {
		if w[i] == w[i-1] && w[i] >= 'a' && w[i] <= 'z' {
			return true
		}
	}
	return false
}

// leet maps digits used as letters; '2' is not one (it marks reduplication).
var leet = [10]byte{'o', 'i', 0, 'e', 'a', 's', 'g', 't', 'b', 'g'}

// emitMixed handles words mixing ASCII letters and digits: reduplication
// ("ibu2" → "ibu ibu"), letters glued to numbers ("hera01", "14feb") and
// leetspeak ("c0bl0s", "s4tu").
func (n *Normalizer) emitMixed(t *Text, r rawTok, w []byte, flags Flag) {
	// Runs of letters and digits.
	type run struct {
		a, b  int
		digit bool
	}
	var runs [8]run
	nr := 0
	for i := 0; i < len(w); {
		d := w[i] >= '0' && w[i] <= '9'
		j := i + 1
		for j < len(w) && (w[j] >= '0' && w[j] <= '9') == d {
			j++
		}
		if nr == len(runs) {
			nr = -1
			break
		}
		runs[nr] = run{i, j, d}
		nr++
		i = j
	}
	os, oe := r.oStart, r.oEnd
	span := func(a, b int) (int32, int32) {
		if !r.ascii { // folded from other scripts: parts map to the whole token
			return os, oe
		}
		return os + int32(a), os + int32(b)
	}
	part := func(a, b int, f Flag, sep byte) {
		seg := w[a:b]
		ps, pe := span(a, b)
		if seg[0] >= '0' && seg[0] <= '9' {
			t.appendTok(seg, ps, pe, f&^FlagCapital, sep)
			return
		}
		r3, dbl := hasRuns(seg)
		n.emitLetters(t, seg, ps, pe, f, sep, r3, dbl, true)
	}
	split := func() {
		for k := 0; k < nr; k++ {
			f, sep := flags, r.sep
			if k > 0 {
				f &^= FlagSentStart
				sep = 0
			}
			part(runs[k].a, runs[k].b, f, sep)
		}
	}
	if nr == 2 {
		L, D := runs[0], runs[1]
		if L.digit { // "14feb", "10k", "4nies"
			if D.b-D.a >= 1 && L.b-L.a == 1 {
				if lw, ok := n.leetWord(t, w); ok && n.known(lw) {
					n.emitLetters(t, lw, os, oe, flags|FlagRewritten|FlagLeet, r.sep, false, false, true)
					return
				}
			}
			split()
			return
		}
		dl := D.b - D.a
		switch {
		case dl == 1 && w[D.a] == '2' && L.b-L.a >= 2 && !isPrefixWord(w[L.a:L.b]): // "ibu2"
			n.emitRedup(t, w[L.a:L.b], nil, os, oe, flags, r.sep)
			return
		case dl >= 2 || w[D.a] == '2': // "hera01", "kpps2024", "ke2"
			split()
			return
		}
		// One trailing digit: leetspeak unless the letters alone are a
		// known word and the leet reading is not ("ad4" → "ada").
		lw, ok := n.leetWord(t, w)
		if ok && (n.known(lw) || !n.known(w[L.a:L.b])) {
			n.emitLetters(t, lw, os, oe, flags|FlagRewritten|FlagLeet, r.sep, hasRunsR3(lw), hasDouble(lw), true)
			return
		}
		split()
		return
	}
	if nr == 3 && !runs[0].digit && runs[0].b-runs[0].a >= 2 && runs[1].b-runs[1].a == 1 && w[runs[1].a] == '2' {
		if suf := w[runs[2].a:runs[2].b]; isRedupSuffix(suf) { // "sebanyak2nya", "ikut2an"
			n.emitRedup(t, w[runs[0].a:runs[0].b], suf, os, oe, flags, r.sep)
			return
		}
	}
	if nr > 0 && !runs[0].digit {
		if lw, ok := n.leetWord(t, w); ok {
			n.emitLetters(t, lw, os, oe, flags|FlagRewritten|FlagLeet, r.sep, hasRunsR3(lw), hasDouble(lw), true)
			return
		}
	}
	if nr > 0 && runs[nr-1].digit && runs[nr-1].b-runs[nr-1].a >= 2 {
		split()
		return
	}
	t.appendTok(w, os, oe, flags, r.sep) // "o2sn": keep as written
}

func hasRunsR3(w []byte) bool { r3, _ := hasRuns(w); return r3 }

// leetWord reads every digit of w as a letter; false when a digit has no
// letter reading.
func (n *Normalizer) leetWord(t *Text, w []byte) ([]byte, bool) {
	base := len(t.scratch)
	for _, c := range w {
		if c >= '0' && c <= '9' {
			l := leet[c-'0']
			if l == 0 {
				t.scratch = t.scratch[:base]
				return nil, false
			}
			c = l
		}
		t.scratch = append(t.scratch, c)
	}
	return t.scratch[base:], true
}

func isPrefixWord(w []byte) bool {
	s := string(w)
	return s == "ke" || s == "se" || s == "ber" || s == "di"
}

func isRedupSuffix(w []byte) bool {
	switch string(w) {
	case "nya", "an", "kan", "lah", "ku", "mu", "in":
		return true
	}
	return false
}

// emitRedup writes a reduplicated word: "ibu2" → "ibu ibu",
// "sebanyak2nya" → "sebanyak sebanyaknya".
func (n *Normalizer) emitRedup(t *Text, base, suffix []byte, os, oe int32, flags Flag, sep byte) {
	r3, dbl := hasRuns(base)
	n.emitLetters(t, base, os, oe, flags|FlagRewritten, sep, r3, dbl, true)
	if suffix == nil {
		n.emitLetters(t, base, os, oe, (flags|FlagRewritten)&^FlagSentStart, ' ', r3, dbl, true)
		return
	}
	b := len(t.scratch)
	t.scratch = append(t.scratch, base...)
	t.scratch = append(t.scratch, suffix...)
	w := t.scratch[b:]
	r3, dbl = hasRuns(w)
	n.emitLetters(t, w, os, oe, (flags|FlagRewritten)&^FlagSentStart, ' ', r3, dbl, true)
}

// appendTok appends one word.
func (t *Text) appendTok(w []byte, os, oe int32, flags Flag, sep byte) {
	if len(w) == 0 {
		return
	}
	if len(t.Norm) > 0 {
		t.Norm = append(t.Norm, ' ')
	}
	ns := int32(len(t.Norm))
	t.Norm = append(t.Norm, w...)
	if w[0] >= '0' && w[0] <= '9' && allDigits(w) {
		flags |= FlagNumber
	}
	t.Toks = append(t.Toks, Token{NStart: ns, NEnd: int32(len(t.Norm)), OStart: os, OEnd: oe, Flags: flags, Sep: sep})
}

// appendWords appends the space-separated words of v, all mapped to the
// original span [os, oe).
func (t *Text) appendWords(v string, os, oe int32, flags Flag, sep byte) {
	first := true
	for len(v) > 0 {
		i := 0
		for i < len(v) && v[i] != ' ' {
			i++
		}
		if i > 0 {
			f := flags
			if !first {
				f &^= FlagSentStart
				sep = ' '
			}
			t.appendTokStr(v[:i], os, oe, f, sep)
			first = false
		}
		if i < len(v) {
			i++
		}
		v = v[i:]
	}
}

func (t *Text) appendTokStr(w string, os, oe int32, flags Flag, sep byte) {
	if len(t.Norm) > 0 {
		t.Norm = append(t.Norm, ' ')
	}
	ns := int32(len(t.Norm))
	t.Norm = append(t.Norm, w...)
	if w[0] >= '0' && w[0] <= '9' && allDigits([]byte(t.Norm[ns:])) {
		flags |= FlagNumber
	}
	t.Toks = append(t.Toks, Token{NStart: ns, NEnd: int32(len(t.Norm)), OStart: os, OEnd: oe, Flags: flags, Sep: sep})
}

func allDigits(w []byte) bool {
	for _, c := range w {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func isASCII(w []byte) bool {
	for _, c := range w {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
