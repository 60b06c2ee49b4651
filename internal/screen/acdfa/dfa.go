// Package acdfa is a dense byte-class Aho–Corasick automaton compiled to a
// full DFA (shared/reference/go-engineering.md, Appendix A).
//
// Bytes are mapped to equivalence classes (every byte that occurs in no
// pattern shares class 0), transitions are stored densely and premultiplied
// by the number of classes, and states that emit a match are numbered last,
// so the hot loop is one table load and one comparison per input byte.
// The table is filled lazily: a transition is computed from the trie and
// its failure links the first time a scan takes it, so that building a
// large automaton costs time in proportion to its patterns, not to its
// states × classes, and rows that text never reaches are never touched.
//
// The automaton reports every occurrence ([DFA.Overlapping]); the
// leftmost-longest selections ([DFA.LeftmostLongest] and, restricted to
// whole words, [DFA.LeftmostLongestWords]) are built on top of it.
package acdfa

import (
	"errors"
	"fmt"
	"math/bits"
	"sync/atomic"
)

// Match is one occurrence of a pattern: input bytes [Start, End).
type Match struct {
	// Pattern is the index of the pattern in the slice given to Build.
	Pattern int
	// Start and End delimit the occurrence: input bytes [Start, End).
	Start, End int
}

// DFA is a compiled pattern set, safe for concurrent use. Its only
// mutable part is the cache of transitions (trans), whose entries are
// written once, always with the same value, and read and written
// atomically.
type DFA struct {
	cls        [256]uint8 // byte -> class; 0 = byte absent from all patterns
	stride     uint32     // number of classes, including class 0
	trans      []uint32   // premultiplied next-state ids: trans[s+cls[b]]; 0 = not computed yet (row 0 is no state)
	root       uint32     // premultiplied start state
	matchStart uint32     // premultiplied; states >= matchStart emit matches
	outIdx     []uint32   // per match state: outs[outIdx[i]:outIdx[i+1]]
	outs       []int32    // pattern ids, longest first within a state
	plen       []int32    // pattern lengths
	maxLen     int
	nstates    int
	recip      uint64 // state number of a premultiplied id: id*recip>>rshift (exact, no division)
	rshift     uint
	// The trie, by state number (premultiplied id / stride), from which
	// transitions are computed: failure state (premultiplied) and children
	// (kidCls / kidTo[kidIdx[k]:kidIdx[k+1]], classes ascending).
	fail   []uint32
	kidIdx []uint32
	kidCls []uint8
	kidTo  []uint32
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
func (d *DFA) States() int { return d.nstates }

// Classes returns the number of byte classes.
func (d *DFA) Classes() int { return int(d.stride) }

// TableBytes returns the size of the transition table in bytes (states ×
// classes × 4); the memory in use is what scans have touched.
func (d *DFA) TableBytes() int { return d.nstates * int(d.stride) * 4 }

// String summarises the automaton's size.
func (d *DFA) String() string {
	return fmt.Sprintf("acdfa: %d patterns, %d states, %d classes, %d KiB",
		len(d.plen), d.States(), d.stride, d.TableBytes()/1024)
}

// Any reports whether any pattern occurs in b. It is the hot loop: one
// load and one compare per byte.
func (d *DFA) Any(b []byte) bool {
	s, tr, cls, ms := d.root, d.trans, &d.cls, d.matchStart
	for _, c := range b {
		k := uint32(cls[c])
		t := atomic.LoadUint32(&tr[s+k])
		if t == 0 {
			t = d.fill(s, k)
		}
		if s = t; s >= ms {
			return true
		}
	}
	return false
}

// fill computes, caches and returns the transition out of state s
// (premultiplied) on class k: the child of s for k if it has one, else
// the transition of its failure state (the root's missing children lead
// back to the root). Concurrent scans may compute the same entry; they
// store the same value.
func (d *DFA) fill(s, k uint32) uint32 {
	n := d.num(s)
	lo, hi := d.kidIdx[n], d.kidIdx[n+1]
	for i := lo; i < hi; i++ {
		if uint32(d.kidCls[i]) == k {
			t := d.kidTo[i]
			atomic.StoreUint32(&d.trans[s+k], t)
			return t
		}
	}
	t := d.root
	if s != d.root {
		f := d.fail[n]
		if t = atomic.LoadUint32(&d.trans[f+k]); t == 0 {
			t = d.fill(f, k)
		}
	}
	atomic.StoreUint32(&d.trans[s+k], t)
	return t
}

// num returns s / stride without a division: s times the rounded-up
// reciprocal 2^rshift/stride, shifted back; exact for every uint32 s
// (the rounding error times s stays below 2^rshift).
func (d *DFA) num(s uint32) uint32 {
	hi, lo := bits.Mul64(uint64(s), d.recip)
	return uint32(hi<<(64-d.rshift) | lo>>d.rshift)
}

// outputs returns the patterns emitted by match state s (premultiplied).
func (d *DFA) outputs(s uint32) []int32 {
	i := d.num(s - d.matchStart)
	return d.outs[d.outIdx[i]:d.outIdx[i+1]]
}

// Overlapping calls fn for every occurrence of every pattern in b, in
// order of end position (longer patterns first for equal ends). fn
// returns false to stop early.
func (d *DFA) Overlapping(b []byte, fn func(m Match) bool) {
	s, tr, cls, ms := d.root, d.trans, &d.cls, d.matchStart
	for i := 0; i < len(b); i++ {
		k := uint32(cls[b[i]])
		t := atomic.LoadUint32(&tr[s+k])
		if t == 0 {
			t = d.fill(s, k)
		}
		if s = t; s < ms {
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
	s, tr, cls, ms := d.root, d.trans, &d.cls, d.matchStart
	for i := 0; i < len(b); i++ {
		k := uint32(cls[b[i]])
		t := atomic.LoadUint32(&tr[s+k])
		if t == 0 {
			t = d.fill(s, k)
		}
		if s = t; s < ms {
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
	s, tr, cls, ms := d.root, d.trans, &d.cls, d.matchStart
	for i := 0; i < len(b); i++ {
		k := uint32(cls[b[i]])
		t := atomic.LoadUint32(&tr[s+k])
		if t == 0 {
			t = d.fill(s, k)
		}
		if s = t; s < ms {
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
