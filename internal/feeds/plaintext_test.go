package feeds

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

func TestPlainText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"   \n\t ", ""},
		{"teks biasa  saja\n\nbaris", "teks biasa saja baris"},
		{"<p>Halo&nbsp;&amp; salam</p><p>dua</p>", "Halo & salam\n\ndua"},
		{"Bapak &amp; Ibu &quot;RT&quot; &#8212; &#x1F44D; &eacute;", "Bapak & Ibu \"RT\" — 👍 é"},
		{"&amp;amp; sekali saja", "&amp; sekali saja"},
		{"a<br>b<br/><br><br>c", "a\nb\n\nc"},
		{"<ul><li>satu</li><li>dua</li></ul>sesudah", "satu\ndua\n\nsesudah"},
		{"<p>  spasi   <b>tebal</b>\n miring </p>", "spasi tebal miring"},
		{"<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc"},
		{"a < b dan c > d", "a < b dan c > d"},
		{"3<5", "3<5"},
		{"<script>alert('x')</script>aman", "aman"},
		{"<script/>alert(1)</script>aman", "aman"},
		{"<style>p{color:red}</style><p>teks</p>", "teks"},
		{"<template><p>tersembunyi</p></template>tampak", "tampak"},
		{"<noscript><p>nojs</p></noscript>ok", "ok"},
		{"<title>judul</title>isi", "isi"},
		{"<!-- komentar -->isi<!DOCTYPE html>", "isi"},
		{"&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"},
		{"<textarea>t &amp; u</textarea>", "t & u"},
		{"\x00a\x01b\u200bc\ufeffd", "ab\u200bcd"},
		{"invalid \xff utf8", "invalid \ufffd utf8"},
		{"<p>unclosed <b>bold", "unclosed bold"},
		{"<a href=\"https://ex.example/p\">tautan</a>", "tautan"},
		{"<img alt=\"hanya gambar\">", ""},
		{
			// Mastodon's markup: mentions and shortened links.
			`<p><span class="h-card"><a href="https://m.example/@user" class="u-url mention">@<span>user</span></a></span> lihat <a href="https://ex.example/berita/panjang"><span class="invisible">https://</span><span class="ellipsis">ex.example/berita</span><span class="invisible">/panjang</span></a></p>`,
			"@user lihat https://ex.example/berita/panjang",
		},
	} {
		if got := PlainText(c.in); got != c.want {
			t.Errorf("PlainText(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestHTMLTextAlts(t *testing.T) {
	text, alts := htmlText(`<p>Foto</p><img src="a.jpg" alt=" Warga &amp; pegawai "><img alt=""><img src="b.jpg"><IMG ALT="Warga &amp; pegawai"><img alt="Spanduk
	kampanye"/>`, true)
	if text != "Foto" || !reflect.DeepEqual(alts, []string{"Warga & pegawai", "Spanduk kampanye"}) {
		t.Errorf("got %q, %q", text, alts)
	}
	if _, alts := htmlText(`<img alt="x">`, false); alts != nil {
		t.Errorf("alts collected when not asked: %q", alts)
	}
	if _, alts := htmlText(`<script><img alt="x"></script>`, true); alts != nil {
		t.Errorf("alt inside a script: %q", alts)
	}
}

// collapseRef is an independent statement of PlainText on markup-free text.
func collapseRef(s string) string {
	s = strings.Map(func(r rune) rune {
		if !unicode.IsSpace(r) && (unicode.IsControl(r) || r == '\uFEFF') {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

func FuzzPlainText(f *testing.F) {
	for _, s := range []string{
		"", "teks", "<p>Halo&nbsp;&amp; salam</p><p>dua</p>", "a<br>b<br><br>c",
		"<script>alert(1)</script>x", "<script/>x</script>y", "&lt;b&gt;", "&amp;amp;",
		"<ul><li>a<li>b</ul>", "<plaintext><b>x", "<textarea>&amp;</textarea>",
		"a < b & c", "&#0;&#x110000;&#xD800;", "\x00\r\n\t\u00a0\u2028", "\xff\xfe<\xff>",
		"<img alt='a&quot;b'>", "<!--", "<![CDATA[x]]>", "<svg><style>x</style></svg>y",
		`<p><span class="invisible">https://</span>x</p>`, "<template><template>a</template>b</template>c",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, alts := htmlText(s, true)
		if got != PlainText(s) {
			t.Fatalf("htmlText and PlainText disagree on %q", s)
		}
		for _, v := range append([]string{got}, alts...) {
			if !utf8.ValidString(v) {
				t.Fatalf("invalid UTF-8 %q from %q", v, s)
			}
			if strings.TrimSpace(v) != v {
				t.Fatalf("untrimmed %q from %q", v, s)
			}
			if strings.Contains(v, "  ") || strings.Contains(v, "\n\n\n") || strings.Contains(v, " \n") || strings.Contains(v, "\n ") {
				t.Fatalf("uncollapsed whitespace %q from %q", v, s)
			}
			for _, r := range v {
				if r != ' ' && r != '\n' && (unicode.IsSpace(r) || unicode.IsControl(r) || r == '\uFEFF') {
					t.Fatalf("stray %U in %q from %q", r, v, s)
				}
			}
		}
		for _, a := range alts {
			if a == "" || strings.Contains(a, "\n") {
				t.Fatalf("bad alt %q from %q", a, s)
			}
		}
		if len(got) > 4*len(s)+8 {
			t.Fatalf("output %d bytes from %d", len(got), len(s))
		}
		if utf8.ValidString(s) && !strings.Contains(s, "<") {
			// Without markup, the text is its entities decoded (as HTML5
			// does: "&#0" is U+FFFD, unlike the standard library's
			// html.UnescapeString), whitespace collapsed.
			if want := collapseRef(html.UnescapeString(s)); got != want {
				t.Fatalf("PlainText(%q) = %q, want %q", s, got, want)
			}
		}
	})
}
