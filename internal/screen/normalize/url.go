package normalize

import "strings"

// urlWord is what a link becomes in the canonical text: its words (a
// headline slug, tracking parameters) are not the author's own.
const urlWord = "tautan"

var tlds = map[string]bool{
	"com": true, "id": true, "net": true, "org": true, "co": true, "ly": true, "me": true,
	"io": true, "tv": true, "info": true, "gl": true, "be": true, "it": true, "news": true,
}

// urlChunk reports whether the whitespace-delimited chunk s[a:b] is a link:
// a scheme ("https://"), "www.", or a host ending in a common top-level
// domain ("pic.twitter.com/…", "cekdptonline.kpu.go.id").
func urlChunk(s string, a, b int) bool {
	c := s[a:b]
	if len(c) < 4 {
		return false
	}
	lc := strings.ToLower(c[:min(len(c), 8)])
	if strings.HasPrefix(lc, "http://") || strings.HasPrefix(lc, "https://") || strings.HasPrefix(lc, "www.") {
		return true
	}
	if strings.Contains(c, "://") {
		return true
	}
	host := c
	if i := strings.IndexAny(c, "/?#"); i >= 0 {
		host = c[:i]
	}
	host = strings.TrimRight(host, ".,;:!)")
	dot := strings.LastIndexByte(host, '.')
	if dot <= 0 || dot == len(host)-1 {
		return false
	}
	for i := 0; i < len(host); i++ {
		ch := host[i]
		if !(asciiClass[ch] == aLower || asciiClass[ch] == aUpper || asciiClass[ch] == aDigit || ch == '.' || ch == '-' || ch == '_') {
			return false
		}
	}
	return tlds[strings.ToLower(host[dot+1:])]
}

// chunkEnd returns the end of the whitespace-delimited chunk starting at a.
func chunkEnd(s string, a int) int {
	for b := a; b < len(s); b++ {
		switch s[b] {
		case ' ', '\t', '\n', '\r':
			return b
		}
	}
	return len(s)
}
