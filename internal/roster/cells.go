package roster

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Cell length limits, in bytes. A longer value is almost always several rows
// run together by a quotation mark left open.
const (
	maxCellLen  = 1000
	maxAkunLen  = 8000
	formulaHead = "=+-@" // first characters a spreadsheet may run as a formula
)

// isSpace reports whether r is white space, including the zero-width
// characters and byte order marks that copy and paste leaves behind.
func isSpace(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return unicode.IsSpace(r)
}

// cleanCell tidies a cell value: the apostrophe Write puts before a value a
// spreadsheet could read as a formula is removed, control characters are
// dropped, the text is put in Unicode NFC form and surrounding space is
// trimmed. In a single-line column every run of white space, line breaks
// included, becomes one space; a multi-line column keeps its line breaks. A
// value made only of dashes ("-", a common "none") counts as empty.
func cleanCell(s string, multiline bool) string {
	s = strings.TrimFunc(s, isSpace)
	if len(s) >= 2 && s[0] == '\'' && strings.IndexByte(formulaHead, s[1]) >= 0 {
		s = s[1:]
	}
	var b strings.Builder
	b.Grow(len(s))
	space, lineStart := false, true
	for _, r := range s {
		switch {
		case multiline && (r == '\n' || r == '\r'):
			b.WriteByte('\n')
			space, lineStart = false, true
			continue
		case isSpace(r):
			space = true
			continue
		case unicode.IsControl(r) || r == utf8.RuneError:
			continue
		}
		if space && !lineStart {
			b.WriteByte(' ')
		}
		space, lineStart = false, false
		b.WriteRune(r)
	}
	out := b.String()
	if !isASCII(out) {
		out = norm.NFC.String(out)
	}
	if strings.Trim(out, "-–—") == "" {
		return ""
	}
	return out
}

// escapeFormula puts an apostrophe before a CSV value that a spreadsheet
// would run as a formula (CSV injection); cleanCell removes it again.
func escapeFormula(s string) string {
	if s != "" && strings.IndexByte(formulaHead, s[0]) >= 0 {
		return "'" + s
	}
	return s
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// colName returns the spreadsheet letters of the 0-based column i: A, B, …, AA.
func colName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}

// truncate shortens s to at most n runes, marking the cut with "…".
func truncate(s string, n int) string {
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos] + "…"
		}
		i++
	}
	return s
}
