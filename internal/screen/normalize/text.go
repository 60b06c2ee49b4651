package normalize

import "sort"

// Flag describes a normalised token.
type Flag uint16

// Token flags.
const (
	FlagHashtag   Flag = 1 << iota // part of a #hashtag
	FlagMention                    // part of an @handle
	FlagEmoji                      // a pictograph or other symbol
	FlagNumber                     // all digits
	FlagNumWord                    // a number written as a word ("satu")
	FlagAllCaps                    // written in capitals, at least two letters
	FlagCapital                    // starts with a capital letter
	FlagSentStart                  // first token of the field or of a sentence
	FlagRewritten                  // spelling changed (slang, leetspeak, elongation, folding)
	FlagLeet                       // digits read as letters ("c0bl0s")
	FlagSpaced                     // letters written apart ("A-N-I-E-S")
)

// Token is one normalised word: Norm[NStart:NEnd] came from the original
// bytes [OStart, OEnd).
type Token struct {
	// NStart and NEnd delimit the word in Text.Norm.
	NStart, NEnd int32
	// OStart and OEnd delimit the original bytes it came from.
	OStart, OEnd int32
	// Flags describe the word (FlagHashtag, FlagAllCaps, …).
	Flags Flag
	// Sep is the most telling separator between the previous token and
	// this one in the original: the first non-space punctuation byte, ' '
	// for whitespace only, 0 when the tokens touch or this is the first.
	Sep byte
}

// Tag is one hashtag of the original: bytes [OStart, OEnd) including the
// '#', and its lower-case joined spelling Text.TagText(i).
type Tag struct {
	// OStart and OEnd delimit the hashtag in the original, '#' included.
	OStart, OEnd int32
	jStart, jEnd int32
}

// Text is the result of normalising one field. Norm holds the tokens
// separated by single spaces. Reuse a Text across calls to avoid
// allocations.
type Text struct {
	// Norm is the normalised text: lower-case words separated by one space.
	Norm []byte
	// Toks are the tokens of Norm in order.
	Toks []Token
	// Tags are the hashtags of the original, in order.
	Tags []Tag

	tagBuf  []byte
	scratch []byte
	moji    []mojiRune
	raw     []rawTok
	srcLen  int
}

// Reset empties t, keeping its buffers.
func (t *Text) Reset() {
	t.Norm = t.Norm[:0]
	t.Toks = t.Toks[:0]
	t.Tags = t.Tags[:0]
	t.tagBuf = t.tagBuf[:0]
	t.scratch = t.scratch[:0]
	t.raw = t.raw[:0]
	t.srcLen = 0
}

// TagText returns the joined lower-case spelling of hashtag i, without '#'.
func (t *Text) TagText(i int) []byte {
	g := t.Tags[i]
	return t.tagBuf[g.jStart:g.jEnd]
}

// TokenAt returns the index of the token containing Norm byte n, or of the
// token just after it when n falls on a separating space; len(Toks) past
// the end.
func (t *Text) TokenAt(n int) int {
	return sort.Search(len(t.Toks), func(i int) bool { return int(t.Toks[i].NEnd) > n })
}

// OrigSpan maps the normalised byte range [ns, ne) back to original bytes.
// Token boundaries map exactly; a position inside a token whose spelling
// was not changed maps byte for byte, otherwise to the whole token.
func (t *Text) OrigSpan(ns, ne int) (int, int) {
	if len(t.Toks) == 0 || ns >= ne {
		return 0, 0
	}
	i := t.TokenAt(ns)
	j := t.TokenAt(ne - 1)
	if i >= len(t.Toks) {
		i = len(t.Toks) - 1
	}
	if j >= len(t.Toks) {
		j = len(t.Toks) - 1
	}
	a, b := &t.Toks[i], &t.Toks[j]
	os := int(a.OStart)
	if ns > int(a.NStart) && a.exact() {
		os += ns - int(a.NStart)
	}
	oe := int(b.OEnd)
	if ne < int(b.NEnd) && ne > int(b.NStart) && b.exact() {
		oe = int(b.OStart) + ne - int(b.NStart)
	}
	return os, oe
}

// exact reports whether the token's bytes equal its original bytes up to
// ASCII case, so that positions inside map one to one.
func (tk *Token) exact() bool {
	return tk.Flags&FlagRewritten == 0 && tk.NEnd-tk.NStart == tk.OEnd-tk.OStart
}

// Word returns the normalised bytes of token i.
func (t *Text) Word(i int) []byte {
	tk := t.Toks[i]
	return t.Norm[tk.NStart:tk.NEnd]
}
