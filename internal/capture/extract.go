package capture

import (
	"iter"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// Limits on extracted values, so that a hostile page cannot bloat a Capture
// beyond its body (huge attributes, thousands of meta tags).
const (
	maxTitle     = 2048 // bytes
	maxMetaValue = 8192 // bytes
	maxMetaKey   = 128  // bytes
	maxMetaTags  = 100
	maxAlt       = 2048 // bytes
)

// Page is what [Extract] finds in a body.
type Page struct {
	// Charset is the encoding the body was decoded from ("utf-8",
	// "windows-1252" …); empty when the body is not text.
	Charset string
	// Title is the document's <title>, whitespace collapsed.
	Title string
	// Text is the readable text, one block per line (see Capture.Text).
	Text string
	// OpenGraph holds og:*, article:*, twitter:*, description and author
	// meta tags (see Capture.OpenGraph); nil when there are none.
	OpenGraph map[string]string
}

// Extract decodes body according to contentType (its charset parameter, a
// byte-order mark or a <meta charset>; invalid UTF-8 is replaced) and pulls
// out the title, readable text and OpenGraph tags of HTML, or the text of
// text/* and JSON bodies. Other types (images …) give an empty Page. All
// strings in the result are valid UTF-8 without control characters other
// than newlines in Text. Extract never panics; it is how Fetch fills a
// Capture, and can re-extract a stored body.
func Extract(body []byte, contentType string) Page {
	mt := mediaType(contentType)
	if mt == "" {
		mt = mediaType(http.DetectContentType(body))
	}
	switch {
	case mt == "text/html" || mt == "application/xhtml+xml":
		s, cs := decode(body, contentType)
		p := extractHTML(s)
		p.Charset = cs
		return p
	case strings.HasPrefix(mt, "text/") || mt == "application/json" || strings.HasSuffix(mt, "+json") ||
		mt == "application/xml" || strings.HasSuffix(mt, "+xml"):
		s, cs := decode(body, contentType)
		var t textBuilder
		for line := range strings.SplitSeq(s, "\n") {
			t.text(line)
			t.newline()
		}
		return Page{Charset: cs, Text: t.String()}
	}
	return Page{}
}

// decode converts body to valid UTF-8 without a byte-order mark and names
// the encoding it came from.
func decode(body []byte, contentType string) (string, string) {
	enc, name, certain := charset.DetermineEncoding(body, contentType)
	s := ""
	if name == "utf-8" || (!certain && utf8.Valid(body)) {
		// Unless the header or a BOM says otherwise, a body that is valid
		// UTF-8 is read as UTF-8: legacy bytes are almost never valid UTF-8,
		// while undeclared UTF-8 (ASCII in the first 1024 bytes, where the
		// HTML default would be windows-1252) and mis-declared UTF-8 are
		// common.
		s, name = string(body), "utf-8"
	} else if out, err := enc.NewDecoder().Bytes(body); err == nil {
		s = string(out)
	} else {
		s, name = string(body), "utf-8"
	}
	return strings.TrimPrefix(strings.ToValidUTF8(s, "\uFFFD"), "\uFEFF"), name
}

// skipped are elements whose content is not readable text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Nav: true, atom.Svg: true, atom.Math: true, atom.Iframe: true,
	atom.Object: true, atom.Embed: true, atom.Canvas: true, atom.Select: true,
	atom.Textarea: true, atom.Title: true,
}

// blocks are elements that start a new line of text.
var blocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Br: true, atom.Caption: true, atom.Dd: true, atom.Details: true,
	atom.Dialog: true, atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Html: true, atom.Legend: true,
	atom.Li: true, atom.Main: true, atom.Ol: true, atom.Option: true, atom.P: true,
	atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Table: true,
	atom.Tr: true, atom.Ul: true,
}

// cells are elements separated by a space.
var cells = map[atom.Atom]bool{atom.Td: true, atom.Th: true}

// extractHTML walks the parse tree; when the parser gives up (nesting
// deeper than it allows) it falls back to the tokenizer.
func extractHTML(s string) Page {
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return extractTokens(s)
	}
	var (
		t          textBuilder
		m          = metaSet{}
		title      string
		titleFound bool
	)
	// Iterative pre-order walk: no recursion, whatever the depth.
	for n := doc; n != nil; {
		descend := true
		switch n.Type {
		case html.ElementNode:
			isHTML := n.Namespace == ""
			switch {
			case isHTML && n.DataAtom == atom.Title:
				if !titleFound {
					var b strings.Builder
					for c := n.FirstChild; c != nil; c = c.NextSibling {
						if c.Type == html.TextNode {
							b.WriteString(c.Data)
						}
					}
					title, titleFound = b.String(), true
				}
			case isHTML && n.DataAtom == atom.Meta:
				m.add(func(yield func(string, string) bool) {
					for _, a := range n.Attr {
						if !yield(a.Key, a.Val) {
							return
						}
					}
				})
			case isHTML && n.DataAtom == atom.Img:
				for _, a := range n.Attr {
					if a.Key == "alt" {
						t.space()
						t.text(capBytes(a.Val, maxAlt))
						t.space()
					}
				}
			}
			switch {
			case skipped[n.DataAtom] || (!isHTML && n.Data == "svg"):
				descend = false
			case blocks[n.DataAtom]:
				t.newline()
			case cells[n.DataAtom]:
				t.space()
			}
		case html.TextNode:
			t.text(n.Data)
		}
		if descend && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		for n != nil { // leave n, then its ancestors without a next sibling
			if n.Type == html.ElementNode {
				if blocks[n.DataAtom] {
					t.newline()
				} else if cells[n.DataAtom] {
					t.space()
				}
			}
			if n == doc {
				n = nil
				break
			}
			if n.NextSibling != nil {
				n = n.NextSibling
				break
			}
			n = n.Parent
		}
	}
	return Page{Title: cleanLine(title, maxTitle), Text: t.String(), OpenGraph: m.result()}
}

// extractTokens is the streaming fallback: same rules on the token stream,
// with the nesting of skipped elements tracked by counting.
func extractTokens(s string) Page {
	z := html.NewTokenizer(strings.NewReader(s))
	var (
		t          textBuilder
		m          = metaSet{}
		title      strings.Builder
		inTitle    bool // inside a <title>
		keepTitle  bool // and it is the first
		titleFound bool
		skip       atom.Atom // the skipped element we are inside, if any
		depth      int       // its nesting
	)
	attrs := func(yield func(string, string) bool) {
		for {
			k, v, more := z.TagAttr()
			if !yield(string(k), string(v)) || !more {
				return
			}
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return Page{Title: cleanLine(title.String(), maxTitle), Text: t.String(), OpenGraph: m.result()}
		case html.TextToken:
			switch {
			case inTitle:
				if keepTitle && title.Len() < maxTitle*4 {
					title.Write(z.Text())
				}
			case skip == 0:
				t.text(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if tt == html.EndTagToken {
				switch {
				case skip != 0:
					if a == skip {
						if depth--; depth == 0 {
							skip = 0
						}
					}
				case a == atom.Title:
					inTitle = false
				case blocks[a]:
					t.newline()
				case cells[a]:
					t.space()
				}
				continue
			}
			if skip != 0 {
				if a == skip && tt == html.StartTagToken {
					depth++
				}
				continue
			}
			switch {
			case a == atom.Meta && hasAttr:
				m.add(attrs)
			case a == atom.Img && hasAttr:
				for k, v := range attrs {
					if k == "alt" {
						t.space()
						t.text(capBytes(v, maxAlt))
						t.space()
					}
				}
			case a == atom.Title && tt == html.StartTagToken:
				inTitle, keepTitle, titleFound = true, !titleFound, true
				continue
			}
			switch {
			case skipped[a] && tt == html.StartTagToken:
				skip, depth = a, 1
			case blocks[a]:
				t.newline()
			case cells[a]:
				t.space()
			}
		}
	}
}

// metaSet collects wanted <meta> tags, first occurrence winning.
type metaSet map[string]string

// add records one <meta> element given its attributes.
func (m metaSet) add(attrs iter.Seq2[string, string]) {
	var keys [2]string
	var content string
	var hasContent bool
	for k, v := range attrs {
		switch strings.ToLower(k) {
		case "property":
			keys[0] = v
		case "name":
			keys[1] = v
		case "content":
			content, hasContent = v, true
		}
	}
	if !hasContent {
		return
	}
	var val string
	for _, k := range keys {
		if len(k) > maxMetaKey || len(m) >= maxMetaTags {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		if !wantedMeta(k) {
			continue
		}
		if _, dup := m[k]; dup {
			continue
		}
		if val == "" {
			val = cleanLine(content, maxMetaValue)
			if val == "" {
				return
			}
		}
		m[k] = val
	}
}

func (m metaSet) result() map[string]string {
	if len(m) == 0 {
		return nil
	}
	return m
}

// wantedMeta reports whether a meta name or property is kept.
func wantedMeta(k string) bool {
	if !utf8.ValidString(k) || strings.ContainsFunc(k, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return false
	}
	return strings.HasPrefix(k, "og:") || strings.HasPrefix(k, "article:") ||
		strings.HasPrefix(k, "twitter:") || k == "description" || k == "author"
}

// textBuilder collapses whitespace: runs of spaces become one space, line
// breaks requested by blocks become one newline, no line is empty, nothing
// leads or trails, control characters are dropped. With limit > 0 it stops
// growing at limit bytes.
type textBuilder struct {
	b           strings.Builder
	limit       int
	pendingSp   bool
	pendingLine bool
}

// text appends s.
func (t *textBuilder) text(s string) {
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			t.pendingSp = true
		case unicode.IsControl(r):
			// dropped: invisible, and PostgreSQL text cannot hold NUL
		default:
			if t.limit > 0 && t.b.Len() >= t.limit {
				return
			}
			if t.b.Len() > 0 {
				if t.pendingLine {
					t.b.WriteByte('\n')
				} else if t.pendingSp {
					t.b.WriteByte(' ')
				}
			}
			t.pendingSp, t.pendingLine = false, false
			t.b.WriteRune(r)
		}
	}
}

// space separates what comes next by at least a space.
func (t *textBuilder) space() { t.pendingSp = true }

// newline puts what comes next on a new line.
func (t *textBuilder) newline() { t.pendingLine = true }

// String returns the text.
func (t *textBuilder) String() string { return t.b.String() }

// cleanLine collapses whitespace to single spaces, drops control
// characters and cuts the result to at most max bytes on a rune boundary.
func cleanLine(s string, max int) string {
	t := textBuilder{limit: max + utf8.UTFMax}
	t.text(s) // ranging over a string yields U+FFFD for invalid bytes
	return capBytes(t.String(), max)
}

// capBytes cuts s to at most n bytes without splitting a rune.
func capBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
