// Package acdfa is a dense byte-class Aho–Corasick automaton compiled to a
// full DFA (shared/reference/go-engineering.md, Appendix A).
//
// Bytes are mapped to equivalence classes (every byte that occurs in no
// pattern shares class 0), transitions are stored densely and premultiplied
// by the number of classes, and states that emit a match are numbered last,
// so the hot loop is one table load and one comparison per input byte.
//
// The automaton reports every occurrence ([DFA.Overlapping]); the
// leftmost-longest selections ([DFA.LeftmostLongest] and, restricted to
// whole words, [DFA.LeftmostLongestWords]) are built on top of it.
package acdfa

import (
	"errors"
	"fmt"
)

// Match is one occurrence of a pattern: input bytes [Start, End).
type Match struct {
	// Pattern is the index of the pattern in the slice given to Build.
	Pattern int
	// Start and End delimit the occurrence: input bytes [Start, End).
	Start, End int
}

// DFA is an immutable compiled pattern set, safe for concurrent use.
type DFA struct {
	cls        [256]uint8 // byte -> class; 0 = byte absent from all patterns
	stride     uint32     // number of classes, including class 0
	trans      []uint32   // premultiplied next-state ids: trans[s+cls[b]]
	matchStart uint32     // premultiplied; states >= matchStart emit matches
	outIdx     []uint32   // per match state: outs[outIdx[i]:outIdx[i+1]]
	outs       []int32    // pattern ids, longest first within a state
	plen       []int32    // pattern lengths
	maxLen     int
}

// ErrTooLarge is returned by [Build] when the table would exceed the budget.
var ErrTooLarge = errors.New("acdfa: automaton exceeds the size budget")

// Options tune [BuildWith].
type Options struct {
	// MaxBytes caps the transition table (states × classes × 4 bytes);
	// 0 means 256 MiB.
	MaxBytes int
}

// Build compiles patterns with default options. Empty patterns never match.
func Build(patterns [][]byte) (*DFA, error) { return BuildWith(patterns, Options{}) }

// Patterns returns the number of patterns the automaton was built from.
func (d *DFA) Patterns() int { return len(d.plen) }

// PatternLen returns the length in bytes of pattern p.
func (d *DFA) PatternLen(p int) int { return int(d.plen[p]) }

// MaxPatternLen returns the length of the longest pattern.
func (d *DFA) MaxPatternLen() int { return d.maxLen }

// States returns the number of DFA states.
func (d *DFA) States() int { return len(d.trans) / int(d.stride) }

// Classes returns the number of byte classes.
func (d *DFA) Classes() int { return int(d.stride) }

// TableBytes returns the size of the transition table in bytes.
func (d *DFA) TableBytes() int { return len(d.trans) * 4 }

// String summarises the automaton's size.
func (d *DFA) String() string {
	return fmt.Sprintf("acdfa: %d patterns, %d states, %d classes, %d KiB",
		len(d.plen), d.States(), d.stride, d.TableBytes()/1024)
}

// Any reports whether any pattern occurs in b. It is the hot loop: one
// load and one compare per byte.
func (d *DFA) Any(b []byte) bool {
	s, tr, cls, ms := uint32(0), d.trans, &d.cls, d.matchStart
	for _, c := range b {
		s = tr[s+uint32(cls[c])]
		if s >= ms {
			return true
		}
	}
	return false
}

// outputs returns the patterns emitted by match state s (premultiplied).
func (d *DFA) outputs(s uint32) []int32 {
	i := (s - d.matchStart) / d.stride
	return d.outs[d.outIdx[i]:d.outIdx[i+1]]
}

// Overlapping calls fn for every occurrence of every pattern in b, in
// order of end position (longer patterns first for equal ends). fn
// returns false to stop early.
func (d *DFA) Overlapping(b []byte, fn func(m Match) bool) {
	s, tr, cls, ms := uint32(0), d.trans, &d.cls, d.matchStart
	for i := 0; i < len(b); i++ {
		s = tr[s+uint32(cls[b[i]])]
		if s < ms {
			continue
		}
		end := i + 1
		for _, p := range d.outputs(s) {
			if !fn(Match{Pattern: int(p), Start: end - int(d.plen[p]), End: end}) {
				return
			}
		}
	}
}

// AppendOverlapping appends every occurrence of every pattern in b to dst,
// in order of end position (longer patterns first for equal ends).
func (d *DFA) AppendOverlapping(b []byte, dst []Match) []Match {
	s, tr, cls, ms := uint32(0), d.trans, &d.cls, d.matchStart
	for i := 0; i < len(b); i++ {
		s = tr[s+uint32(cls[b[i]])]
		if s < ms {
			continue
		}
		end := i + 1
		for _, p := range d.outputs(s) {
			dst = append(dst, Match{Pattern: int(p), Start: end - int(d.plen[p]), End: end})
		}
	}
	return dst
}

// LeftmostLongest appends to dst the non-overlapping matches chosen
// leftmost-first, longest among equal starts, resuming after each match:
// the semantics of a leftmost-longest Aho–Corasick search.
func (d *DFA) LeftmostLongest(b []byte, dst []Match) []Match {
	return d.leftmostLongest(b, dst, nil)
}

// LeftmostLongestWords is [DFA.LeftmostLongest] over the occurrences that
// are whole words: the byte before Start and the byte at End (when inside
// b) must be separators according to sep. Occurrences that are not whole
// words never hide a shorter or later whole-word match.
func (d *DFA) LeftmostLongestWords(b []byte, sep *[256]bool, dst []Match) []Match {
	return d.leftmostLongest(b, dst, sep)
}

func (d *DFA) leftmostLongest(b []byte, dst []Match, sep *[256]bool) []Match {
	base := len(dst)
	s, tr, cls, ms := uint32(0), d.trans, &d.cls, d.matchStart
	for i := 0; i < len(b); i++ {
		s = tr[s+uint32(cls[b[i]])]
		if s < ms {
			continue
		}
		end := i + 1
		if sep != nil && end < len(b) && !sep[b[end]] {
			continue
		}
		for _, p := range d.outputs(s) {
			start := end - int(d.plen[p])
			if sep != nil && start > 0 && !sep[b[start-1]] {
				continue
			}
			dst = append(dst, Match{Pattern: int(p), Start: start, End: end})
		}
	}
	return selectLeftmostLongest(dst, base)
}

// selectLeftmostLongest keeps, in dst[base:], the greedy leftmost-longest
// non-overlapping subset of the candidates, sorted by start.
func selectLeftmostLongest(dst []Match, base int) []Match {
	cand := dst[base:]
	if len(cand) <= 1 {
		return dst
	}
	sortMatches(cand)
	out := base
	lastEnd := -1
	for _, m := range cand {
		if m.Start < lastEnd {
			continue
		}
		dst[out] = m
		out++
		lastEnd = m.End
	}
	return dst[:out]
}

// sortMatches orders by start, then longer first, then pattern id; the
// input is nearly sorted by end, so insertion sort is fast for the small
// candidate lists of real text and a merge-free fallback handles the rest.
func sortMatches(m []Match) {
	less := func(a, b Match) bool {
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End > b.End
		}
		return a.Pattern < b.Pattern
	}
	if len(m) <= 32 {
		for i := 1; i < len(m); i++ {
			x := m[i]
			j := i
			for j > 0 && less(x, m[j-1]) {
				m[j] = m[j-1]
				j--
			}
			m[j] = x
		}
		return
	}
	sortSlice(m, less)
}
