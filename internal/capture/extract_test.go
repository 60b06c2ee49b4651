package capture

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestExtractText(t *testing.T) {
	for _, tc := range []struct{ name, html, text string }{
		{"inline joins, blocks break", "<p>a<b>b</b> c</p><p>d</p>", "ab c\nd"},
		{"whitespace collapsed", "<div>\n\t  x \u00a0 y \r\n</div>\n\n<div>  </div><div>z</div>", "x y\nz"},
		{"br", "one<br>two<br/><br>three", "one\ntwo\nthree"},
		{"entities", "<p>Tom &amp; Jerry &lt;3 &quot;x&quot; &#8220;y&#8221;</p>", `Tom & Jerry <3 "x" “y”`},
		{"dropped elements", `<script>alert(1)</script><style>p{}</style><nav>menu</nav><noscript>js!</noscript>` +
			`<template><p>tpl</p></template><svg><text>svg</text><title>svgtitle</title></svg><math><mi>x</mi></math>` +
			`<select><option>opt</option></select><textarea>ta</textarea><iframe>frame</iframe><p>kept</p>`, "kept"},
		{"nested nav", "<nav><div><nav>in</nav>still in</div></nav><p>out</p>", "out"},
		{"unclosed nav closed by parent", "<div><nav>menu</div><p>content</p>", "content"},
		{"img alt", `<p>Lihat <img alt="  Foto   kampanye "> ini</p><img alt="">`, "Lihat Foto kampanye ini"},
		{"table cells", "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>", "A B\n1 2"},
		{"lists", "<ul><li>satu</li><li>dua</li></ul>", "satu\ndua"},
		{"comments and doctype", "<!DOCTYPE html><!-- hidden --><p>v<!-- x -->isible</p>", "visible"},
		{"title not in text", "<title>T</title><p>body</p>", "body"},
		{"control characters", "<p>a\x00b\x01c\x7fd\u200be</p>", "abcd\u200be"},
		{"empty", "", ""},
	} {
		p := Extract([]byte(tc.html), "text/html; charset=utf-8")
		if p.Text != tc.text {
			t.Errorf("%s: text %q, want %q", tc.name, p.Text, tc.text)
		}
	}
}

func TestExtractTitleAndMeta(t *testing.T) {
	huge := strings.Repeat("x", 100_000)
	page := `<html><head>
<title>
  Pertama
  Judul </title><title>Kedua</title>
<meta property="OG:Title" content=" Judul  OG ">
<meta name="og:description" content="from name">
<meta property="og:description" content="ignored, first wins">
<meta property="og:image" content="">
<meta property="og:image" content="https://img.example/1.jpg">
<meta name="twitter:description" property="og:locale" content="both keys">
<meta name="author" content="Humas">
<meta name="keywords" content="not kept">
<meta http-equiv="refresh" content="0">
<meta property="og:huge" content="` + huge + `">
<meta property="` + huge + `" content="huge key">
<meta property="og:bad key" content="x">
</head><body><meta property="article:author" content="in body"></body></html>`
	p := Extract([]byte(page), "text/html")
	if p.Title != "Pertama Judul" {
		t.Errorf("title %q", p.Title)
	}
	want := map[string]string{
		"og:title":            "Judul OG",
		"og:description":      "from name",
		"og:image":            "https://img.example/1.jpg",
		"og:locale":           "both keys",
		"twitter:description": "both keys",
		"author":              "Humas",
		"og:huge":             huge[:maxMetaValue],
		"article:author":      "in body",
	}
	if fmt.Sprint(p.OpenGraph) != fmt.Sprint(want) {
		t.Errorf("meta\n%v\nwant\n%v", abbreviate(p.OpenGraph), abbreviate(want))
	}

	var many strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&many, `<meta property="og:k%d" content="v">`, i)
	}
	if p := Extract([]byte(many.String()), "text/html"); len(p.OpenGraph) != maxMetaTags {
		t.Errorf("%d meta tags kept", len(p.OpenGraph))
	}
	if p := Extract([]byte("<p>no meta</p>"), "text/html"); p.OpenGraph != nil {
		t.Errorf("no meta: %v", p.OpenGraph)
	}
	if p := Extract([]byte("<title>"+strings.Repeat("é", 5000)+"</title>"), "text/html"); len(p.Title) > maxTitle || !utf8.ValidString(p.Title) {
		t.Errorf("title of %d bytes", len(p.Title))
	}
}

func abbreviate(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		if len(v) > 40 {
			v = fmt.Sprintf("%s… (%d bytes)", v[:20], len(v))
		}
		out[k] = v
	}
	return out
}

func TestExtractCharsets(t *testing.T) {
	asciiHead := "<html><head><title>t</title></head><body><p>" + strings.Repeat("a ", 600) + "</p>"
	for _, tc := range []struct {
		name, body, ct, charset, text string
	}{
		{"windows-1252 by header", "<p>caf\xe9 \x80</p>", "text/html; charset=windows-1252", "windows-1252", "café €"},
		{"latin1 label means windows-1252", "<p>\x93x\x94</p>", "text/html; charset=ISO-8859-1", "windows-1252", "“x”"},
		{"meta charset", "<meta charset=\"windows-1252\"><p>na\xefve</p>", "text/html", "windows-1252", "naïve"},
		{"shift_jis meta", "<meta charset=\"shift_jis\"><p>\x93\xfa\x96\x7b</p>", "text/html", "shift_jis", "日本"},
		{"utf-8 BOM beats header", "\xef\xbb\xbf<p>é</p>", "text/html; charset=windows-1252", "utf-8", "é"},
		{"utf-16le BOM", "\xff\xfe<\x00p\x00>\x00h\x00i\x00", "text/html", "utf-16le", "hi"},
		{"undeclared utf-8 after ascii head", asciiHead + "<p>Bhinneka — Tunggal</p>", "text/html", "utf-8", ""},
		{"invalid utf-8 declared utf-8", "<p>a\xffb\xc3</p>", "text/html; charset=utf-8", "utf-8", "a\ufffdb\ufffd"},
		{"unknown charset label", "<p>caf\xc3\xa9</p>", "text/html; charset=x-no-such", "utf-8", "café"},
	} {
		p := Extract([]byte(tc.body), tc.ct)
		if p.Charset != tc.charset {
			t.Errorf("%s: charset %q, want %q", tc.name, p.Charset, tc.charset)
		}
		if tc.text != "" && p.Text != tc.text {
			t.Errorf("%s: text %q, want %q", tc.name, p.Text, tc.text)
		}
		if tc.text == "" && !strings.HasSuffix(p.Text, "Bhinneka — Tunggal") {
			t.Errorf("%s: text ends %q", tc.name, p.Text[max(0, len(p.Text)-30):])
		}
	}
}

func TestExtractOtherTypes(t *testing.T) {
	if p := Extract([]byte("  baris  satu \r\n\n\n baris\tdua  "), "text/plain; charset=utf-8"); p.Text != "baris satu\nbaris dua" || p.Charset != "utf-8" {
		t.Errorf("plain: %+v", p)
	}
	if p := Extract([]byte(`{"content": "<p>ayo</p>",  "to": ["x"]}`), "application/activity+json"); p.Text != `{"content": "<p>ayo</p>", "to": ["x"]}` {
		t.Errorf("json: %+v", p)
	}
	if p := Extract([]byte("\x89PNG\r\n\x1a\n<title>no</title>"), "image/png"); fmt.Sprint(p) != fmt.Sprint(Page{}) {
		t.Errorf("image: %+v", p)
	}
	if p := Extract([]byte("<!DOCTYPE html><title>sniffed</title>"), ""); p.Title != "sniffed" {
		t.Errorf("sniffed: %+v", p)
	}
	if p := Extract([]byte("<title>x</title>"), "application/octet-stream"); fmt.Sprint(p) != fmt.Sprint(Page{}) {
		t.Errorf("octet-stream: %+v", p)
	}
}

// Nesting deeper than the HTML parser accepts falls back to the tokenizer,
// which must find the same things.
func TestExtractDeepNestingFallback(t *testing.T) {
	deep := `<html><head><title>Dalam</title><meta property="og:title" content="OG"></head><body>` +
		strings.Repeat("<div>", 2000) + "<nav>menu</nav><p>isi <b>tebal</b></p><script>x()</script>" +
		strings.Repeat("</div>", 2000) + "<p>akhir</p></body></html>"
	p := Extract([]byte(deep), "text/html")
	if p.Title != "Dalam" || p.OpenGraph["og:title"] != "OG" || p.Text != "isi tebal\nakhir" {
		t.Errorf("%+v", p)
	}
}

// The tokenizer fallback agrees with the tree walk on ordinary pages.
func TestExtractTokensAgrees(t *testing.T) {
	for _, page := range []string{postPage,
		"<title>A</title><title>B</title><p>x</p>",
		"<div><p>a<br>b</p><table><tr><td>1</td><td>2</td></tr></table></div>",
		`<p>Lihat <img alt="Foto"> ini</p><nav><nav>x</nav>y</nav>z`,
	} {
		tree, tokens := extractHTML(page), extractTokens(page)
		if fmt.Sprint(tree) != fmt.Sprint(tokens) {
			t.Errorf("tree   %+v\ntokens %+v", tree, tokens)
		}
	}
}

// checkPage fails on a Page that breaks Extract's promises.
func checkPage(t *testing.T, p Page) {
	t.Helper()
	for name, s := range map[string]string{"title": p.Title, "text": p.Text, "charset": p.Charset} {
		if !utf8.ValidString(s) {
			t.Fatalf("%s not UTF-8: %q", name, s)
		}
		if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' }) {
			t.Fatalf("%s has control characters: %q", name, s)
		}
		if s != strings.TrimSpace(s) {
			t.Fatalf("%s not trimmed: %q", name, s)
		}
	}
	if strings.Contains(p.Title, "\n") || len(p.Title) > maxTitle {
		t.Fatalf("title %q", p.Title)
	}
	if strings.Contains(p.Text, "\n\n") || strings.Contains(p.Text, "  ") || strings.Contains(p.Text, " \n") || strings.Contains(p.Text, "\n ") {
		t.Fatalf("whitespace not collapsed: %q", p.Text)
	}
	if len(p.OpenGraph) > maxMetaTags || (p.OpenGraph != nil && len(p.OpenGraph) == 0) {
		t.Fatalf("%d meta tags", len(p.OpenGraph))
	}
	for k, v := range p.OpenGraph {
		if !wantedMeta(k) || len(k) > maxMetaKey || v == "" || len(v) > maxMetaValue || !utf8.ValidString(v) || strings.ContainsFunc(v, unicode.IsControl) {
			t.Fatalf("meta %q = %q", k, v)
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		postPage,
		"",
		"<p>a\xffb</p>",
		"<meta charset=windows-1252><title>caf\xe9</title>",
		"\xff\xfe<\x00p\x00>\x00",
		"\xfe\xff\x00<\x00p",
		"<meta property='og:title' content='" + strings.Repeat("\xe9", 300) + "'>",
		strings.Repeat("<div>", 600) + "x",
		"<svg><title>a</title><foreignObject><p>b</p></foreignObject></svg>",
		"<table><td>a<td>b<tr><th>c",
		"<template><nav>",
		"<nav>",
		"<title>",
		"<img alt='\x00\x01'>",
		"<noscript><p>x</p></noscript>",
		"<math><mtext><nav>z",
		`<meta name="description" content="a&#0;b&#x1;c">`,
	} {
		f.Add([]byte(s), "text/html")
	}
	f.Add([]byte("plain\x00text\n\n x"), "text/plain; charset=utf-16")
	f.Add([]byte("{\"a\":\"\\u0000\"}"), "application/json")
	f.Add([]byte("caf\xe9"), "text/html; charset=euc-kr")
	f.Add([]byte("x"), "text/html; charset=\"")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		checkPage(t, Extract(body, contentType))
		s := strings.ToValidUTF8(string(body), "\ufffd")
		checkPage(t, extractHTML(s))
		checkPage(t, extractTokens(s))
	})
}
