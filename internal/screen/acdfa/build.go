package acdfa

import (
	"slices"
)

// BuildWith compiles patterns. Empty patterns are accepted and never match.
// Duplicate patterns all report.
func BuildWith(patterns [][]byte, opt Options) (*DFA, error) {
	budget := opt.MaxBytes
	if budget <= 0 {
		budget = 256 << 20
	}
	d := &DFA{plen: make([]int32, len(patterns))}

	// (1) byte classes: every distinct pattern byte gets its own class.
	var used [256]bool
	for i, p := range patterns {
		d.plen[i] = int32(len(p))
		d.maxLen = max(d.maxLen, len(p))
		for _, c := range p {
			used[c] = true
		}
	}
	n := uint32(1)
	for c := range 256 {
		if used[c] {
			d.cls[c] = uint8(n)
			n++
		}
	}
	if n > 256 { // all 256 bytes used: class 0 must be a real byte too
		n = 256
		for c := range 256 {
			d.cls[c] = uint8(c)
		}
	}
	d.stride = n
	stride := int(n)

	// (2) trie over classes; goto[-1 = missing] stored densely.
	total := 1
	for _, p := range patterns {
		total += len(p)
	}
	if total*stride*4 > budget {
		// The trie bounds the DFA's state count; refuse early.
		states := countTrieStates(patterns, &d.cls)
		if states*stride*4 > budget {
			return nil, ErrTooLarge
		}
	}
	gotoT := []int32{}
	newState := func() int32 {
		id := int32(len(gotoT) / stride)
		for range stride {
			gotoT = append(gotoT, -1)
		}
		return id
	}
	newState()
	own := [][]int32{nil} // patterns ending exactly at a state
	for pi, p := range patterns {
		if len(p) == 0 {
			continue
		}
		s := int32(0)
		for _, c := range p {
			k := int(s)*stride + int(d.cls[c])
			if gotoT[k] < 0 {
				ns := newState()
				gotoT[k] = ns
				own = append(own, nil)
			}
			s = gotoT[k]
		}
		own[s] = append(own[s], int32(pi))
	}
	nstates := len(gotoT) / stride
	if nstates*stride*4 > budget {
		return nil, ErrTooLarge
	}

	// (3) BFS failure links while completing goto into a full DFA; outputs
	// accumulate along the failure chain.
	fail := make([]int32, nstates)
	outs := make([][]int32, nstates)
	queue := make([]int32, 0, nstates)
	for c := range stride {
		if t := gotoT[c]; t > 0 {
			fail[t] = 0
			queue = append(queue, t)
		} else {
			gotoT[c] = 0
		}
	}
	outs[0] = own[0]
	for qi := 0; qi < len(queue); qi++ {
		s := queue[qi]
		outs[s] = append(slices.Clone(own[s]), outs[fail[s]]...)
		for c := range stride {
			k := int(s)*stride + c
			t := gotoT[k]
			fk := int(fail[s])*stride + c
			if t >= 0 {
				fail[t] = gotoT[fk]
				queue = append(queue, t)
			} else {
				gotoT[k] = gotoT[fk]
			}
		}
	}
	// Longest pattern first within a state, then by id, so callers that
	// only want one match per end position can take the first.
	for s := range outs {
		o := outs[s]
		slices.SortFunc(o, func(a, b int32) int {
			if d.plen[a] != d.plen[b] {
				return int(d.plen[b] - d.plen[a])
			}
			return int(a - b)
		})
		outs[s] = slices.Compact(o)
	}

	// (4) renumber: non-match states first (root stays 0), match states last.
	newID := make([]uint32, nstates)
	next := uint32(0)
	for s := range nstates {
		if len(outs[s]) == 0 {
			newID[s] = next
			next++
		}
	}
	firstMatch := next
	var order []int
	for s := range nstates {
		if len(outs[s]) > 0 {
			newID[s] = next
			next++
			order = append(order, s)
		}
	}
	if len(outs[0]) > 0 {
		// Only possible with empty patterns, which we drop above.
		panic("acdfa: root state emits")
	}

	// (5) premultiplied transitions.
	d.trans = make([]uint32, nstates*stride)
	for s := range nstates {
		row := int(newID[s]) * stride
		for c := range stride {
			d.trans[row+c] = newID[gotoT[s*stride+c]] * uint32(stride)
		}
	}
	d.matchStart = firstMatch * uint32(stride)
	d.outIdx = make([]uint32, 0, len(order)+1)
	for _, s := range order {
		d.outIdx = append(d.outIdx, uint32(len(d.outs)))
		d.outs = append(d.outs, outs[s]...)
	}
	d.outIdx = append(d.outIdx, uint32(len(d.outs)))
	return d, nil
}

// countTrieStates counts trie states without allocating the dense table.
func countTrieStates(patterns [][]byte, cls *[256]uint8) int {
	type key struct {
		s int32
		c uint8
	}
	m := map[key]int32{}
	n := int32(1)
	for _, p := range patterns {
		s := int32(0)
		for _, c := range p {
			k := key{s, cls[c]}
			t, ok := m[k]
			if !ok {
				t = n
				n++
				m[k] = t
			}
			s = t
		}
	}
	return int(n)
}

func sortSlice(m []Match, less func(a, b Match) bool) {
	slices.SortFunc(m, func(a, b Match) int {
		if less(a, b) {
			return -1
		}
		if less(b, a) {
			return 1
		}
		return 0
	})
}
