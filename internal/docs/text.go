package docs

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// Replacement is drawn in place of a character the embedded fonts cannot
// show (emoji, most non-Latin scripts) and of invalid UTF-8.
const Replacement = '?'

// coverage says which runes of the Basic Multilingual Plane every embedded
// font has a glyph for; runes beyond it are never covered.
var coverage struct {
	once sync.Once
	has  []uint64 // bit set over 0..0xFFFF
}

func loadCoverage() {
	has := make([]uint64, 0x10000/64)
	var fonts []*sfnt.Font
	for _, ttf := range [][]byte{goregular.TTF, gobold.TTF, goitalic.TTF, gomono.TTF} {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			panic("docs: embedded font: " + err.Error()) // the fonts are compiled in
		}
		fonts = append(fonts, f)
	}
	var buf sfnt.Buffer
	for r := rune(0x20); r < 0x10000; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		ok := true
		for _, f := range fonts {
			if gi, err := f.GlyphIndex(&buf, r); err != nil || gi == 0 {
				ok = false
				break
			}
		}
		if ok {
			has[r/64] |= 1 << (uint(r) % 64)
		}
	}
	coverage.has = has
}

// covered reports whether every embedded font can draw r.
func covered(r rune) bool {
	coverage.once.Do(loadCoverage)
	if r < 0 || r >= 0x10000 {
		return false
	}
	return coverage.has[r/64]&(1<<(uint(r)%64)) != 0
}

// Clean prepares untrusted text for drawing: it is composed (NFC), line
// ends become "\n", tabs become spaces, other control and format characters
// (zero-width, bidirectional overrides) are dropped, and characters the
// embedded fonts cannot draw become [Replacement]. The text is drawn as
// text: nothing in it is interpreted as markup.
func Clean(s string) string {
	if s == "" {
		return ""
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, string(utf8.RuneError))
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	prevCR := false
	for _, r := range s {
		switch {
		case r == '\r':
			b.WriteByte('\n')
			prevCR = true
			continue
		case r == '\n':
			if !prevCR {
				b.WriteByte('\n')
			}
		case r == '\t':
			b.WriteString("    ")
		case r == 0x2028 || r == 0x2029: // line and paragraph separators
			b.WriteByte('\n')
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			// dropped: NUL, escape sequences, zero-width and bidi controls
		case unicode.Is(unicode.Zs, r):
			b.WriteByte(' ')
		case covered(r):
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
			// a combining mark NFC could not merge and the font lacks: dropped
		default:
			b.WriteRune(Replacement)
		}
		prevCR = false
	}
	return b.String()
}

// oneLine is [Clean] for fields drawn on one line: line breaks become
// spaces and runs of spaces collapse.
func oneLine(s string) string {
	return strings.Join(strings.Fields(Clean(s)), " ")
}
