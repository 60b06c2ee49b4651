package web

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/netral-asn/netral/internal/monitor"
)

// Highlighting the evidence of a screening result in the original text.
//
// The text is untrusted (what someone wrote on social media) and is never
// turned into template.HTML: it is split at the byte offsets of the
// matches into segments, and the template writes each segment as text
// (escaped by html/template), the matched ones inside <mark class="sig-…">.

// hlSeg is one run of a field's text, highlighted or not.
type hlSeg struct {
	Text  string
	Class string // "" for plain text; else "sig-entity" etc. (several separated by spaces)
	Title string // what the evidence is, for the mark's title
}

// hlSignals are the match signals with a style of their own (contract §3).
var hlSignals = []string{"entity", "support", "oppose", "call_to_vote", "slogan", "hashtag", "gesture", "symbol", "context"}

// signalClass returns the CSS class of a match signal.
func signalClass(signal string) string {
	if slices.Contains(hlSignals, signal) {
		return "sig-" + strings.ReplaceAll(signal, "_", "-")
	}
	return "sig-other"
}

// validSpan reports whether [start, end) is a non-empty range of v that
// starts and ends on UTF-8 character boundaries.
func validSpan(v string, start, end int) bool {
	return start >= 0 && start < end && end <= len(v) && utf8.RuneStart(v[start]) &&
		(end == len(v) || utf8.RuneStart(v[end]))
}

// highlight splits v at the offsets of the matches of field (and, for
// media_captions, of caption index) into segments. Matches whose offsets
// are out of range or not on character boundaries are left out and
// counted in skipped. Overlapping matches are fine: each segment carries
// the classes and descriptions of every match covering it. describe gives
// a match's description (for the title).
func highlight(v string, ms []monitor.Match, field string, index int, describe func(monitor.Match) string) (segs []hlSeg, skipped int) {
	type span struct {
		start, end   int
		class, title string
	}
	var spans []span
	cuts := []int{0, len(v)}
	for _, m := range ms {
		if m.Field != field || (field == "media_captions" && m.Index != index) {
			continue
		}
		if !validSpan(v, m.Start, m.End) {
			skipped++
			continue
		}
		spans = append(spans, span{m.Start, m.End, signalClass(m.Signal), describe(m)})
		cuts = append(cuts, m.Start, m.End)
	}
	sort.Ints(cuts)
	cuts = slices.Compact(cuts)
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		var classes, titles []string
		for _, s := range spans {
			if s.start <= a && b <= s.end {
				if !slices.Contains(classes, s.class) {
					classes = append(classes, s.class)
				}
				if s.title != "" && !slices.Contains(titles, s.title) {
					titles = append(titles, s.title)
				}
			}
		}
		sort.Strings(classes)
		seg := hlSeg{Text: v[a:b], Class: strings.Join(classes, " "), Title: strings.Join(titles, "; ")}
		if n := len(segs); n > 0 && segs[n-1].Class == seg.Class && segs[n-1].Title == seg.Title {
			segs[n-1].Text += seg.Text
			continue
		}
		segs = append(segs, seg)
	}
	return segs, skipped
}
