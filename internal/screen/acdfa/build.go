package acdfa

import (
	"bytes"
	"cmp"
	"math/bits"
	"slices"
)

// BuildWith compiles patterns. Empty patterns are accepted and never match.
// Duplicate patterns all report.
//
// Building costs time in proportion to the patterns' bytes: the trie,
// its failure links and every state's outputs are computed here, but a
// row of the dense transition table is filled only when a scan first
// takes a transition out of its state (see [DFA.fill]). Ordinary text
// visits a small part of a large automaton, so most rows are never
// computed and their memory is never touched.
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
	d.rshift = 32 + uint(bits.Len32(n))
	d.recip = (1<<d.rshift + uint64(n) - 1) / uint64(n)

	// (2) the trie, from the patterns in sorted order: each pattern shares
	// the path of its common prefix with the one before and adds a node
	// for every byte beyond it. The size is known before anything large
	// is allocated, so a pattern set over the budget is refused early.
	sorted := make([]int32, 0, len(patterns))
	for pi, p := range patterns {
		if len(p) > 0 {
			sorted = append(sorted, int32(pi))
		}
	}
	slices.SortFunc(sorted, func(a, b int32) int {
		if c := bytes.Compare(patterns[a], patterns[b]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	lcp := make([]int32, len(sorted))
	nstates := 1
	for k, pi := range sorted {
		p := patterns[pi]
		l := 0
		if k > 0 {
			prev := patterns[sorted[k-1]]
			for l < len(p) && l < len(prev) && p[l] == prev[l] {
				l++
			}
		}
		lcp[k] = int32(l)
		nstates += len(p) - l
	}
	if nstates*stride*4 > budget {
		return nil, ErrTooLarge
	}
	// Trie nodes are numbered in creation order, root 0; a node's children
	// are created in increasing byte order (classes follow byte order).
	parent := make([]int32, nstates)
	edge := make([]uint8, nstates)  // class of the edge from the parent
	own := make([][]int32, nstates) // patterns ending exactly at a node, in id order
	path := []int32{0}
	next := int32(1)
	for k, pi := range sorted {
		p := patterns[pi]
		path = path[:lcp[k]+1]
		for i := int(lcp[k]); i < len(p); i++ {
			parent[next], edge[next] = path[i], d.cls[p[i]]
			path = append(path, next)
			next++
		}
		last := path[len(p)]
		own[last] = append(own[last], pi)
	}
	// Children lists (compressed rows), in class order.
	kidIdx := make([]int32, nstates+1)
	for s := 1; s < nstates; s++ {
		kidIdx[parent[s]+1]++
	}
	for s := range nstates {
		kidIdx[s+1] += kidIdx[s]
	}
	kids := make([]int32, nstates)
	fill := slices.Clone(kidIdx[:nstates])
	for s := 1; s < nstates; s++ {
		kids[fill[parent[s]]] = int32(s)
		fill[parent[s]]++
	}
	child := func(s int32, c uint8) int32 {
		ks := kids[kidIdx[s]:kidIdx[s+1]]
		i, ok := slices.BinarySearchFunc(ks, c, func(k int32, c uint8) int { return cmp.Compare(edge[k], c) })
		if !ok {
			return -1
		}
		return ks[i]
	}

	// (3) failure links in breadth-first order; outputs accumulate along
	// the failure chain. Longest pattern first within a state, then by id,
	// so callers that only want one match per end position can take the
	// first: the patterns ending exactly at a node all have its depth and
	// come in id order, those of its failure state are shorter and already
	// sorted.
	fail := make([]int32, nstates)
	outs := make([][]int32, nstates)
	queue := make([]int32, 1, nstates)
	for qi := 0; qi < len(queue); qi++ {
		s := queue[qi]
		for _, t := range kids[kidIdx[s]:kidIdx[s+1]] {
			queue = append(queue, t)
			if s == 0 {
				continue // fail[t] = root
			}
			c := edge[t]
			f := fail[s]
			for {
				if g := child(f, c); g >= 0 {
					fail[t] = g
					break
				}
				if f == 0 {
					break // fail[t] = root
				}
				f = fail[f]
			}
		}
		if s == 0 {
			continue // empty patterns are dropped: the root emits nothing
		}
		if len(own[s]) == 0 {
			outs[s] = outs[fail[s]] // shared, never written
		} else {
			outs[s] = append(own[s], outs[fail[s]]...)
		}
	}

	// (4) states: row 0 of the table is no state (a zero entry means "not
	// computed yet"); then the states that emit nothing, root first, then
	// those that do, each group in breadth-first order.
	id := make([]uint32, nstates) // trie node -> state number
	num := uint32(1)
	for _, s := range queue {
		if len(outs[s]) == 0 {
			id[s] = num
			num++
		}
	}
	firstMatch := num
	for _, s := range queue {
		if len(outs[s]) > 0 {
			id[s] = num
			num++
		}
	}
	st := uint32(stride)
	d.root = id[0] * st
	d.matchStart = firstMatch * st
	d.nstates = nstates
	d.fail = make([]uint32, nstates+1)
	d.kidIdx = make([]uint32, nstates+2)
	d.kidCls = make([]uint8, 0, nstates-1)
	d.kidTo = make([]uint32, 0, nstates-1)
	byNum := make([]int32, nstates+1) // state number -> trie node
	for s := range nstates {
		byNum[id[s]] = int32(s)
	}
	for k := uint32(1); k <= uint32(nstates); k++ {
		s := byNum[k]
		d.fail[k] = id[fail[s]] * st
		d.kidIdx[k] = uint32(len(d.kidTo))
		for _, t := range kids[kidIdx[s]:kidIdx[s+1]] {
			d.kidCls = append(d.kidCls, edge[t])
			d.kidTo = append(d.kidTo, id[t]*st)
		}
	}
	d.kidIdx[nstates+1] = uint32(len(d.kidTo))
	d.outIdx = make([]uint32, 0, nstates-int(firstMatch)+2)
	for k := firstMatch; k <= uint32(nstates); k++ {
		d.outIdx = append(d.outIdx, uint32(len(d.outs)))
		d.outs = append(d.outs, outs[byNum[k]]...)
	}
	d.outIdx = append(d.outIdx, uint32(len(d.outs)))

	// (5) the table, zero (nothing computed) but for the root's row.
	d.trans = make([]uint32, (nstates+1)*stride)
	for c := range uint32(stride) {
		d.fill(d.root, c)
	}
	return d, nil
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
