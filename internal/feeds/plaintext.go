package feeds

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// PlainText converts an HTML fragment (a post's content, a feed item's
// description) to plain text: tags are removed, character references
// decoded, the content of script, style and similar elements dropped,
// whitespace collapsed to single spaces, and block boundaries kept as line
// breaks (a blank line between paragraphs, a newline for <br> and list
// items). Control characters are removed and invalid UTF-8 becomes U+FFFD.
// Text that holds no markup comes back with only its whitespace collapsed.
//
// The result is text, not HTML: it never needs unescaping again, and must be
// escaped like any other string before it is put into a page.
func PlainText(s string) string {
	t, _ := htmlText(s, false)
	return t
}

// htmlText is PlainText that also returns, when alts is set, the alt texts
// of the fragment's images (plain text, without duplicates).
func htmlText(s string, alts bool) (string, []string) {
	if !strings.ContainsAny(s, "<&") {
		return collapse(s), nil
	}
	var w textWriter
	var images []string
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0 // depth inside elements whose content is not text
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return w.String(), images
		case html.TextToken:
			if skip == 0 {
				w.text(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if skipped(a) {
				// Browsers ignore the self-closing flag of these elements:
				// <script/> opens a script.
				skip++
				continue
			}
			if skip > 0 {
				continue
			}
			w.boundary(a)
			if a == atom.Img && alts && hasAttr {
				for {
					key, val, more := z.TagAttr()
					if string(key) == "alt" {
						if alt := collapse(string(val)); alt != "" {
							images = appendUnique(images, alt)
						}
					}
					if !more {
						break
					}
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skipped(a) {
				if skip > 0 {
					skip--
				}
				continue
			}
			if skip == 0 {
				w.boundary(a)
			}
		}
	}
}

// skipped reports elements whose content is never shown as text.
func skipped(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Iframe,
		atom.Noembed, atom.Noframes, atom.Head, atom.Title:
		return true
	}
	return false
}

// textWriter accumulates text, collapsing whitespace and turning element
// boundaries into pending line breaks written only between two pieces of
// text, so the result has no leading or trailing space.
type textWriter struct {
	b       strings.Builder
	space   bool // whitespace seen since the last rune written
	newline int  // line breaks owed before the next rune (0, 1 or 2)
}

func (w *textWriter) String() string { return w.b.String() }

// boundary records the line breaks an element's edge implies.
func (w *textWriter) boundary(a atom.Atom) {
	n := 0
	switch a {
	case atom.Br, atom.Li, atom.Div, atom.Tr, atom.Dt, atom.Dd, atom.Figcaption,
		atom.Section, atom.Article, atom.Header, atom.Footer, atom.Aside, atom.Nav,
		atom.Caption, atom.Summary, atom.Details, atom.Address, atom.Hr:
		n = 1
	case atom.P, atom.Blockquote, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5,
		atom.H6, atom.Ul, atom.Ol, atom.Dl, atom.Pre, atom.Table, atom.Figure:
		n = 2
	case atom.Td, atom.Th:
		w.space = true
	}
	if a == atom.Br && w.newline == 1 {
		// Consecutive <br>s make a paragraph break, never more.
		n = 2
	}
	if n > w.newline {
		w.newline = n
	}
}

// text appends decoded text.
func (w *textWriter) text(b []byte) {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		w.rune(r)
	}
}

func (w *textWriter) rune(r rune) {
	switch {
	case unicode.IsSpace(r):
		w.space = true
		return
	case unicode.IsControl(r) || r == '\uFEFF':
		return
	}
	if w.b.Len() > 0 {
		switch {
		case w.newline > 0:
			w.b.WriteString("\n\n"[:w.newline])
		case w.space:
			w.b.WriteByte(' ')
		}
	}
	w.space, w.newline = false, 0
	w.b.WriteRune(r)
}

// collapse is PlainText for text without markup: whitespace runs become one
// space, control characters go, and the ends are trimmed.
func collapse(s string) string {
	var w textWriter
	for _, r := range s {
		w.rune(r)
	}
	return w.String()
}

// maxCaptions bounds the captions of one record, and so the work a hostile
// document full of images can cause.
const maxCaptions = 64

// appendUnique appends s unless list holds it already or is full.
func appendUnique(list []string, s string) []string {
	if len(list) >= maxCaptions {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
