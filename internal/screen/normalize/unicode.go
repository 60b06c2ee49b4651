package normalize

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// runeKind classifies a non-ASCII rune.
type runeKind uint8

const (
	rSep    runeKind = iota // separates words
	rWord                   // letter or digit; repl holds its folded form
	rEmoji                  // pictograph / symbol token; repl holds the rune
	rIgnore                 // joins: combining marks, variation selectors, skin tones, zero-width
	rSent                   // separator that ends a sentence (…, 。, ！)
)

type runeInfo struct {
	kind runeKind
	repl string
}

// Runes below tableMax, and the pictographs of [emojiMin, emojiMax), are
// classified once into tables.
const (
	tableMax = 0x3000
	emojiMin = 0x1F000
	emojiMax = 0x1FB00
)

var (
	runeTable     []runeInfo
	emojiTable    []runeInfo
	runeTableOnce sync.Once
)

// confusable maps look-alike letters from other scripts to Latin, so that
// "Аnies" written with a Cyrillic А still reads "anies".
var confusable = map[rune]string{
	'а': "a", 'в': "b", 'е': "e", 'ё': "e", 'к': "k", 'м': "m", 'н': "h", 'о': "o", 'р': "p",
	'с': "c", 'т': "t", 'у': "y", 'х': "x", 'і': "i", 'ї': "i", 'ј': "j", 'ѕ': "s", 'ԁ': "d",
	'ɡ': "g", 'ո': "n", 'α': "a", 'β': "b", 'ε': "e", 'ι': "i", 'κ': "k", 'ν': "v", 'ο': "o",
	'ρ': "p", 'τ': "t", 'υ': "u", 'χ': "x", 'ı': "i", 'ł': "l", 'ø': "o", 'đ': "d", 'ß': "ss",
	'æ': "ae", 'œ': "oe", 'þ': "th", 'ð': "d",
}

// classifyRune folds one rune: NFKD, drop combining marks, lower-case,
// look-alikes to Latin.
func classifyRune(r rune) runeInfo {
	if r < tableMax {
		runeTableOnce.Do(buildRuneTable)
		return runeTable[r]
	}
	if r >= emojiMin && r < emojiMax {
		runeTableOnce.Do(buildRuneTable)
		return emojiTable[r-emojiMin]
	}
	return computeRune(r)
}

func buildRuneTable() {
	runeTable = make([]runeInfo, tableMax)
	for r := rune(0x80); r < tableMax; r++ {
		runeTable[r] = computeRune(r)
	}
	emojiTable = make([]runeInfo, emojiMax-emojiMin)
	for r := rune(emojiMin); r < emojiMax; r++ {
		emojiTable[r-emojiMin] = computeRune(r)
	}
}

func computeRune(r rune) runeInfo {
	switch {
	case r == utf8.RuneError:
		return runeInfo{kind: rSep}
	case r == 0xFE0E || r == 0xFE0F || (r >= 0xFE00 && r <= 0xFE0D) || (r >= 0xE0100 && r <= 0xE01EF):
		return runeInfo{kind: rIgnore} // variation selectors
	case r >= 0x1F3FB && r <= 0x1F3FF:
		return runeInfo{kind: rIgnore} // skin tones
	case r >= 0xE0020 && r <= 0xE007F:
		return runeInfo{kind: rIgnore} // emoji tag characters
	case r == 0x20E3:
		return runeInfo{kind: rIgnore} // combining enclosing keycap
	}
	if s, ok := confusable[unicode.ToLower(r)]; ok {
		return runeInfo{kind: rWord, repl: s}
	}
	if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) {
		return runeInfo{kind: rIgnore} // combining marks, ZWJ, ZWSP, soft hyphen
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.No, r) || unicode.Is(unicode.Nl, r) {
		var b strings.Builder
		for _, d := range norm.NFKD.String(string(r)) {
			switch {
			case unicode.Is(unicode.Mn, d):
			case d < utf8.RuneSelf:
				if isAlnumASCII(byte(d)) {
					b.WriteByte(lowerASCII[d])
				}
			case unicode.IsLetter(d) || unicode.IsDigit(d):
				if s, ok := confusable[unicode.ToLower(d)]; ok {
					b.WriteString(s)
				} else {
					b.WriteRune(unicode.ToLower(d))
				}
			}
		}
		if b.Len() > 0 {
			return runeInfo{kind: rWord, repl: b.String()}
		}
		return runeInfo{kind: rSep}
	}
	if unicode.Is(unicode.So, r) || (r >= 0x1F000 && r <= 0x1FAFF) {
		return runeInfo{kind: rEmoji, repl: string(r)}
	}
	// Fullwidth and other compatibility punctuation: look at what it folds to.
	switch r {
	case '…', '。', '！', '？', '｡', '¡', '¿', '\u2028', '\u2029', '؟', '।':
		return runeInfo{kind: rSent}
	}
	if d := norm.NFKD.String(string(r)); len(d) == 1 {
		switch d[0] {
		case '.', '!', '?', ';', '|':
			return runeInfo{kind: rSent}
		}
	}
	return runeInfo{kind: rSep}
}

func isAlnumASCII(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// ASCII byte classes.
const (
	aSep   = iota // separator
	aLower        // a-z
	aUpper        // A-Z
	aDigit        // 0-9
	aSent         // . ! ? ; | newline: separator ending a sentence
	aHash         // #
	aAt           // @
	aHigh         // >= 0x80
)

var (
	asciiClass [256]uint8
	lowerASCII [256]byte
)

func init() {
	for c := range 256 {
		b := byte(c)
		lowerASCII[c] = b
		switch {
		case b >= 'a' && b <= 'z':
			asciiClass[c] = aLower
		case b >= 'A' && b <= 'Z':
			asciiClass[c] = aUpper
			lowerASCII[c] = b + 32
		case b >= '0' && b <= '9':
			asciiClass[c] = aDigit
		case b == '.' || b == '!' || b == '?' || b == ';' || b == '|' || b == '\n' || b == '\r':
			asciiClass[c] = aSent
		case b == '#':
			asciiClass[c] = aHash
		case b == '@':
			asciiClass[c] = aAt
		case b >= 0x80:
			asciiClass[c] = aHigh
		default:
			asciiClass[c] = aSep
		}
	}
}
