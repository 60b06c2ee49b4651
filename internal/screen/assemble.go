package screen

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// screen runs the whole pipeline for one valid record.
func (s *Screener) screen(st *state, rec *Record) Result {
	for _, t := range st.touch {
		st.scores[t].used = false
	}
	st.touch = st.touch[:0]
	st.n = 0
	st.regions = st.regions[:0]
	tm := rec.Time()
	day := 0
	if !tm.IsZero() {
		day = dateInt(tm)
	}
	add := func(name string, idx int, r role, src string) {
		if blankText(src) {
			return
		}
		f := st.next()
		f.name, f.index, f.role, f.src = name, idx, r, src
		s.scanField(st, f, day)
	}
	add(FieldText, 0, roleAuthor, rec.Text)
	add(FieldContext, 0, roleActed, rec.ContextText)
	for i, c := range rec.MediaCaptions {
		add(FieldCaptions, i, roleAuthor, c)
	}
	fields := st.fields[:st.n]
	maybe := false
	for fi := range fields {
		maybe = maybe || fields[fi].maybe
	}
	if !maybe {
		// Nothing may name a target: "any" below would be false.
		return Result{ID: rec.ID, Stance: StanceNone, Targets: []string{}, Matches: []Match{}, Explanation: explainNothing}
	}
	for fi := range fields {
		s.analyse(st, &fields[fi], day)
	}
	any := false
	for fi := range fields {
		f := &fields[fi]
		if len(f.ments) > 0 {
			any = true
		}
		for _, n := range f.nums {
			// A number alone can only flag as a call to vote or a tag.
			if n.vote || n.hashtag || n.strength >= 0.45 {
				any = true
			}
		}
		// The voting day written out is a call to vote.
		s.voteDates(f, day, func(tok int32) {
			f.cues = append(f.cues, cueHit{kind: cueVote, strength: 0.5, tok0: tok, tok1: tok + 2,
				n0: f.tx.Toks[tok].NStart, n1: f.tx.Toks[min(int(tok)+1, len(f.tx.Toks)-1)].NEnd, term: "hari pemungutan suara"})
		})
	}
	res := Result{ID: rec.ID, Stance: StanceNone, Targets: []string{}, Matches: []Match{}}
	if !any {
		res.Explanation = explainNothing
		return res
	}
	s.prune(st)
	s.resolveNumbers(st, day)
	s.decide(st, rec.Kind, day)

	var best float32
	var flagged []int32
	for _, t := range st.touch {
		sc := &st.scores[t]
		best = max(best, sc.final)
		if sc.final >= Threshold {
			flagged = append(flagged, t)
		}
	}
	res.Score = round2(best)
	if len(flagged) == 0 {
		res.Explanation = s.explainClear(st, fields)
		return res
	}
	res.Flagged = true
	res.Stance = StanceOppose
	for _, t := range flagged {
		res.Targets = append(res.Targets, s.targets[t].id)
		if !st.scores[t].oppose {
			res.Stance = StanceSupport
		}
	}
	sort.Strings(res.Targets)
	res.Matches = s.collectMatches(st, fields, flagged)
	act := s.pickAct(st, fields, flagged, rec.Kind)
	res.Violation = s.violation(tm, flagged[0], act)
	res.Explanation = s.explainFlag(st, fields, flagged, rec.Kind, act)
	return res
}

// explainNothing explains a record that names no target.
const explainNothing = "Tidak ditemukan nama, nomor urut, tagar, atau simbol peserta pemilu."

// blankText reports whether s is empty or white space only, as
// strings.TrimSpace(s) == "" does.
func blankText(s string) bool {
	if len(s) > 0 && s[0] < utf8.RuneSelf && !asciiSpace[s[0]] {
		return false
	}
	return strings.TrimSpace(s) == ""
}

var asciiSpace = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// maxMatches caps the evidence listed for one record.
const maxMatches = 100

func round2(v float32) float64 {
	return math.Round(float64(v)*100) / 100
}

// collectMatches lists the evidence of the flagged targets, mapped back
// to original byte offsets.
func (s *Screener) collectMatches(st *state, fields []field, flagged []int32) []Match {
	var out []Match
	put := func(f *field, n0, n1 int32, entity, signal string) {
		o0, o1 := f.tx.OrigSpan(int(n0), int(n1))
		if o1 <= o0 {
			return
		}
		m := Match{Field: f.name, Index: f.index, Start: o0, End: o1, Term: f.src[o0:o1], Entity: entity, Signal: signal}
		if len(out) < maxMatches && !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	for fi := range fields {
		f := &fields[fi]
		for _, m := range f.ments {
			if !slices.Contains(flagged, m.target) {
				continue
			}
			put(f, m.n0, m.n1, s.targets[m.target].id, mentionSignal(m.class))
		}
	}
	for _, t := range flagged {
		sc := &st.scores[t]
		for _, list := range [][]evid{sc.evAuth, sc.evAct} {
			for _, e := range list {
				f := &fields[e.field]
				switch {
				case e.cue >= 0:
					c := &f.cues[e.cue]
					put(f, c.n0, c.n1, "", cueSignal(c.kind))
				case e.gest >= 0:
					g := &f.gests[e.gest]
					put(f, g.n0, g.n1, s.targets[t].id, SignalGesture)
				}
			}
		}
	}
	fieldOrder := func(m Match) int {
		switch m.Field {
		case FieldText:
			return 0
		case FieldContext:
			return 1
		}
		return 2 + m.Index
	}
	slices.SortStableFunc(out, func(a, b Match) int {
		if fa, fb := fieldOrder(a), fieldOrder(b); fa != fb {
			return fa - fb
		}
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	})
	return out
}

func mentionSignal(c termClass) string {
	switch c {
	case tcHashtag:
		return SignalHashtag
	case tcSloganStrong, tcSloganMedium, tcSloganWeak:
		return SignalSlogan
	case tcGestureNum, tcGestureOther:
		return SignalGesture
	case tcSymbol:
		return SignalSymbol
	}
	return SignalEntity
}

func cueSignal(k cueKind) string {
	switch k {
	case cueSupport:
		return SignalSupport
	case cueVote:
		return SignalCallToVote
	case cueOppose:
		return SignalOppose
	}
	return SignalContext
}
