// Package normalize turns informal Indonesian social-media text into a
// canonical form for matching, keeping a map back to the original bytes.
//
// The canonical form is lower-case words separated by single spaces:
// Unicode letters are folded (NFKD, marks dropped, look-alike Cyrillic and
// Greek letters read as Latin), emoji become one-symbol words without skin
// tones or variation selectors, slang and abbreviations are rewritten from
// the embedded lexicons ("yg" → "yang", "nmr" → "nomor"), number words
// become digits ("satu" → "1"), leetspeak is read ("c0bl0s" → "coblos"),
// elongation is squeezed ("menaaang" → "menang"), letters written apart are
// joined ("A-N-I-E-S" → "anies"), and hashtags are split on case and
// digits ("#HeRaMenang" → "he ra menang") or, when written in one case, on
// known words. Pure-ASCII text takes a table-driven fast path.
//
// Patterns must be normalised with the same [Normalizer] as the text they
// are matched against; then every rewrite applies to both sides alike.
package normalize

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalizer normalises text. It is safe for concurrent use.
type Normalizer struct {
	lx      *Lexicon
	extra   map[string]struct{} // extra known words (names, aliases of the lexicon)
	protect map[string]struct{} // words never rewritten by the slang map
	slang   map[string]string   // the lexicon's one-word rewrites less the protected words
}

// Options configure [New].
type Options struct {
	// Lexicon is the word list to use; nil means [DefaultLexicon].
	Lexicon *Lexicon
	// Known are extra words to treat as known when repairing spelling,
	// typically every word of the names and aliases being searched for.
	// They are lower-cased.
	Known []string
	// Protect are words the slang map must leave alone (a party acronym
	// that a lexicon expands, for instance). They are lower-cased.
	Protect []string
}

// New returns a Normalizer.
func New(opt Options) *Normalizer {
	n := &Normalizer{lx: opt.Lexicon, extra: map[string]struct{}{}, protect: map[string]struct{}{}}
	if n.lx == nil {
		n.lx = DefaultLexicon()
	}
	for _, w := range opt.Known {
		for f := range strings.FieldsSeq(strings.ToLower(w)) {
			n.extra[f] = struct{}{}
		}
	}
	for _, w := range opt.Protect {
		for f := range strings.FieldsSeq(strings.ToLower(w)) {
			n.protect[f] = struct{}{}
		}
	}
	n.slang = n.lx.slang
	for w := range n.protect {
		if _, ok := n.lx.slang[w]; ok {
			n.slang = make(map[string]string, len(n.lx.slang))
			for k, v := range n.lx.slang {
				if _, p := n.protect[k]; !p {
					n.slang[k] = v
				}
			}
			break
		}
	}
	return n
}

// String normalises s and returns the canonical text.
func (n *Normalizer) String(s string) string {
	var t Text
	n.Normalize(&t, s)
	return string(t.Norm)
}

// Known reports whether w (one lower-case word) is known: in the lexicon
// or among the extra words given to [New].
func (n *Normalizer) Known(w string) bool { return n.known([]byte(w)) }

// known reports whether w is a known word.
func (n *Normalizer) known(w []byte) bool {
	if _, ok := n.lx.vocab[string(w)]; ok {
		return true
	}
	_, ok := n.extra[string(w)]
	return ok
}

// rawTok is a word or symbol of the original before rewriting.
type rawTok struct {
	oStart, oEnd int32
	fStart, fEnd int32 // folded bytes in Text.scratch
	flags        Flag
	sep          byte
	letters      int16
	uppers       int16
	digits       int16
	emoji        bool
	tagStart     int32 // offset of the '#' for a hashtag
	cont         bool  // continues the previous hashtag/handle after '_' or '.'
	ascii        bool
	run3         bool // a letter repeated three times or more
	double       bool // a doubled letter
	old          bool // an old-spelling digraph: "oe", "dj", "tj"
}

// Normalize normalises s into t (which is reset first).
func (n *Normalizer) Normalize(t *Text, s string) {
	t.Reset()
	t.srcLen = len(s)
	n.tokenize(t, s)
	joinSpaced(t, s)
	n.emitAll(t, s)
}

const (
	modeNone = iota
	modeHash
	modeAt
)

// tokenizer splits the original into raw tokens (words, emoji), noting
// separators, sentence starts, hashtags and handles.
type tokenizer struct {
	t          *Text
	s          string
	in         bool    // inside a word
	cur        *rawTok // the word being read, last of t.raw (while in)
	pending    Flag    // flags for the next token
	sep        byte    // separator seen since the last token
	mode       int     // modeHash or modeAt while inside #tag or @handle
	prev1      byte    // previous two letters, for elongation
	prev2      byte
	hashAt     int
	chunk      int // start of the current whitespace-delimited chunk
	chunkRaw   int // len(t.raw) when the chunk started
	urlChecked int // chunk already checked for a link
}

func (z *tokenizer) start(i int) {
	z.in = true
	z.t.raw = append(z.t.raw, rawTok{oStart: int32(i), fStart: int32(len(z.t.scratch)), flags: z.pending, sep: z.sep, ascii: true})
	z.cur = &z.t.raw[len(z.t.raw)-1]
	switch z.mode {
	case modeHash:
		z.cur.flags |= FlagHashtag
		z.cur.tagStart = int32(z.hashAt)
	case modeAt:
		z.cur.flags |= FlagMention
	}
	z.pending, z.sep = 0, 0
	z.prev1, z.prev2 = 0, 0
}

func (z *tokenizer) end(i int) {
	if !z.in {
		return
	}
	z.in = false
	z.cur.oEnd = int32(i)
	z.cur.fEnd = int32(len(z.t.scratch))
}

func (z *tokenizer) noteSep(c byte) {
	if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
		if z.sep == 0 {
			z.sep = ' '
		}
		return
	}
	if z.sep == 0 || z.sep == ' ' {
		z.sep = c
	}
}

func (z *tokenizer) wordAt(j int) bool {
	if j >= len(z.s) {
		return false
	}
	c := asciiClass[z.s[j]]
	return c == aLower || c == aUpper || c == aDigit || c == aHigh
}

// addRun adds the run of ASCII letters and digits starting at s[i] to the
// current word (lower-cased into the scratch buffer, counting letters,
// capitals and digits, noting doubled and tripled letters) and returns
// the position after it.
func (z *tokenizer) addRun(i int) int {
	s, t := z.s, z.t
	n := len(t.scratch)
	if cap(t.scratch)-n < len(s)-i { // a run writes no more than it reads
		t.scratch = slices.Grow(t.scratch, len(s)-i)
	}
	dst := t.scratch[n:cap(t.scratch)]
	cur := z.cur
	letters, uppers, digits := cur.letters, cur.uppers, cur.digits
	double, run3, old := cur.double, cur.run3, cur.old
	p1, p2 := z.prev1, z.prev2
	j, k := i, 0
	for ; j < len(s); j++ {
		c := s[j]
		cl := asciiClass[c]
		if cl-aLower >= 3 { // not aLower, aUpper, aDigit
			break
		}
		lc := lowerASCII[c]
		switch cl {
		case aLower:
			letters++
		case aUpper:
			letters++
			uppers++
		default:
			digits++
		}
		if lc == 'e' && p1 == 'o' || lc == 'j' && (p1 == 'd' || p1 == 't') {
			old = true
		}
		if lc == p1 && letters > 0 && cl != aDigit {
			double = true
			if lc == p2 {
				run3 = true
			}
		}
		p2, p1 = p1, lc
		dst[k] = lc
		k++
	}
	t.scratch = t.scratch[:n+k]
	cur.letters, cur.uppers, cur.digits = letters, uppers, digits
	cur.double, cur.run3, cur.old = double, run3, old
	z.prev1, z.prev2 = p1, p2
	return j
}

// leetAt reads the '@' at s[i], inside an ASCII word and before a letter,
// as the letter 'a' ("G@njar", "Pr@bowo") and reports whether it did. An
// e-mail address (a dot further on in the same chunk) keeps it.
func (z *tokenizer) leetAt(i int) bool {
	s := z.s
	if i == 0 || i+1 >= len(s) || asciiClass[s[i-1]]-aLower >= 2 || asciiClass[s[i+1]]-aLower >= 2 {
		return false // not between two letters
	}
	for j := i + 1; j < len(s) && s[j] != ' ' && s[j] != '\n' && s[j] != '\t'; j++ {
		if s[j] == '.' {
			return false
		}
	}
	t, cur := z.t, z.cur
	t.scratch = append(t.scratch, 'a')
	cur.letters++
	cur.flags |= FlagRewritten | FlagLeet
	if z.prev1 == 'a' {
		cur.double = true
		if z.prev2 == 'a' {
			cur.run3 = true
		}
	}
	z.prev2, z.prev1 = z.prev1, 'a'
	return true
}

// link replaces the chunk at z.chunk by one "tautan" token when it is a
// link; it returns the position to continue from, or -1.
func (z *tokenizer) link() int {
	t, s := z.t, z.s
	if z.urlChecked == z.chunk {
		return -1
	}
	z.urlChecked = z.chunk
	b := chunkEnd(s, z.chunk)
	if !urlChunk(s, z.chunk, b) {
		return -1
	}
	z.in = false
	first := rawTok{sep: z.sep, flags: z.pending}
	if z.chunkRaw < len(t.raw) {
		first = t.raw[z.chunkRaw]
	}
	t.raw = t.raw[:z.chunkRaw]
	fs := int32(len(t.scratch))
	t.scratch = append(t.scratch, urlWord...)
	t.raw = append(t.raw, rawTok{oStart: int32(z.chunk), oEnd: int32(b), fStart: fs, fEnd: int32(len(t.scratch)),
		flags: first.flags &^ (FlagHashtag | FlagMention), sep: first.sep, letters: int16(len(urlWord)), ascii: false})
	z.pending, z.sep, z.mode = 0, 0, modeNone
	return b
}

// high handles the non-ASCII rune at s[i] (repairing mojibake) and
// returns the next position.
func (z *tokenizer) high(i int) int {
	t, s := z.t, z.s
	r, size := utf8.DecodeRuneInString(s[i:])
	runes := t.moji[:0]
	if r >= 0xC2 && r <= 0xF4 && i+size < len(s) && s[i+size] >= 0x80 {
		runes = unmojibake(s, i, runes)
		t.moji = runes
	}
	if len(runes) == 0 {
		runes = append(runes, mojiRune{r: r, size: size})
		t.moji = runes // keep the buffer
		if r == utf8.RuneError && size == 1 {
			runes[0].r = -1 // invalid byte: a separator
		}
	}
	for _, mr := range runes {
		r, size := mr.r, mr.size
		info := runeInfo{kind: rSep}
		if r >= 0 {
			info = classifyRune(r)
		}
		switch info.kind {
		case rWord:
			if !z.in {
				z.start(i)
			}
			z.cur.ascii = false
			z.cur.flags |= FlagRewritten
			if unicode.IsUpper(r) {
				z.cur.uppers++
			}
			if unicode.IsLetter(r) {
				z.cur.letters++
			} else {
				z.cur.digits++
			}
			t.scratch = append(t.scratch, info.repl...)
			z.prev1, z.prev2 = 0, 0
		case rIgnore:
			if z.in {
				z.cur.ascii = false // the original no longer maps byte for byte
				z.cur.flags |= FlagRewritten
			} else if len(t.raw) > 0 {
				if last := &t.raw[len(t.raw)-1]; last.emoji && int(last.oEnd) == i {
					last.oEnd = int32(i + size) // skin tone, VS16, ZWJ belong to the emoji
				}
			}
		case rEmoji:
			z.end(i)
			z.mode = modeNone
			fs := int32(len(t.scratch))
			t.scratch = append(t.scratch, info.repl...)
			t.raw = append(t.raw, rawTok{oStart: int32(i), oEnd: int32(i + size), fStart: fs,
				fEnd: int32(len(t.scratch)), flags: z.pending | FlagEmoji, sep: z.sep, emoji: true})
			z.pending, z.sep = 0, 0
		case rSent:
			z.end(i)
			z.mode = modeNone
			z.pending |= FlagSentStart
			z.noteSep('.')
		default:
			z.end(i)
			z.mode = modeNone
			z.noteSep('-')
		}
		i += size
	}
	return i
}

func (n *Normalizer) tokenize(t *Text, s string) {
	z := tokenizer{t: t, s: s, pending: FlagSentStart, urlChecked: -1}
	for i := 0; i < len(s); {
		c := s[i]
		switch asciiClass[c] {
		case aLower, aUpper, aDigit:
			if !z.in {
				z.start(i)
			}
			i = z.addRun(i)
		case aHigh:
			i = z.high(i)
		case aHash, aAt:
			if c == '@' && z.in && z.cur.ascii && z.leetAt(i) {
				i++ // "G@njar": '@' for 'a' inside a word
				continue
			}
			z.end(i)
			z.mode = modeNone
			if z.wordAt(i + 1) {
				if c == '#' {
					z.mode = modeHash
					z.hashAt = i
				} else {
					z.mode = modeAt
				}
			}
			z.noteSep(c)
			i++
		case aSent:
			z.end(i)
			if c == '.' && z.wordAt(i+1) {
				if j := z.link(); j >= 0 {
					i = j
					continue
				}
			}
			if c == '\n' || c == '\r' {
				z.chunk, z.chunkRaw = i+1, len(t.raw)
			}
			keep := z.mode == modeAt && c == '.' && z.wordAt(i+1)
			if !keep {
				z.mode = modeNone
			}
			// "09.00", "kec.sukamaju", "no.2": a dot inside a word is not a full stop.
			if c != '.' || i+1 >= len(s) || !z.wordAt(i+1) {
				z.pending |= FlagSentStart
			}
			z.noteSep(c)
			i++
			if keep {
				z.pending = 0
				t.markCont()
			}
		default:
			z.end(i)
			if c == ' ' || c == '\t' {
				z.chunk, z.chunkRaw = i+1, len(t.raw)
			} else if (c == '/' || c == ':') && i+1 < len(s) && s[i+1] != ' ' {
				if j := z.link(); j >= 0 {
					i = j
					continue
				}
			}
			if (z.mode == modeHash || z.mode == modeAt) && c == '_' && z.wordAt(i+1) {
				z.noteSep(c)
				i++
				t.markCont()
				continue
			}
			z.mode = modeNone
			z.noteSep(c)
			i++
		}
	}
	z.end(len(s))
	// Continuation marks were set on the token before the separator; move
	// them to the token after it.
	for k := len(t.raw) - 1; k > 0; k-- {
		if t.raw[k-1].cont {
			t.raw[k-1].cont = false
			t.raw[k].cont = true
		}
	}
}

// markCont marks the last raw token as followed by a continuation.
func (t *Text) markCont() {
	if len(t.raw) > 0 {
		t.raw[len(t.raw)-1].cont = true
	}
}

// joinSpaced merges three or more single ASCII letters written with one
// identical separator between them ("A N I E S", "c-o-b-l-o-s").
func joinSpaced(t *Text, s string) {
	raw := t.raw
	// Quick exit: no three single letters in a row.
	run := 0
	for i := range raw {
		if single(raw[i]) {
			run++
			if run == 3 {
				break
			}
		} else {
			run = 0
		}
	}
	if run < 3 {
		return
	}
	out := raw[:0]
	for i := 0; i < len(raw); {
		j := i
		if single(raw[i]) {
			var gap byte
			for j+1 < len(raw) && single(raw[j+1]) && raw[j+1].oStart == raw[j].oEnd+1 {
				g := s[raw[j].oEnd]
				if g != ' ' && g != '-' && g != '.' && g != '_' && g != '*' {
					break
				}
				if gap != 0 && g != gap {
					break
				}
				gap = g
				j++
			}
		}
		if j-i+1 >= 3 {
			m := raw[i]
			m.fStart = int32(len(t.scratch))
			m.uppers = 0 // counted below, the first letter included
			for k := i; k <= j; k++ {
				t.scratch = append(t.scratch, t.scratch[raw[k].fStart])
				m.uppers += raw[k].uppers
			}
			m.fEnd = int32(len(t.scratch))
			m.oEnd = raw[j].oEnd
			m.letters = int16(j - i + 1)
			m.flags |= FlagSpaced | FlagRewritten
			m.run3, m.double = hasRuns(t.scratch[m.fStart:m.fEnd])
			m.old = hasOldSpelling(t.scratch[m.fStart:m.fEnd])
			out = append(out, m)
			i = j + 1
			continue
		}
		out = append(out, raw[i])
		i++
	}
	t.raw = out
}

func single(r rawTok) bool {
	return !r.emoji && r.ascii && r.letters == 1 && r.digits == 0 && r.flags&(FlagHashtag|FlagMention) == 0
}

func hasRuns(w []byte) (run3, double bool) {
	for i := 1; i < len(w); i++ {
		if w[i] == w[i-1] && w[i] >= 'a' && w[i] <= 'z' {
			double = true
			if i >= 2 && w[i] == w[i-2] {
				run3 = true
			}
		}
	}
	return
}
