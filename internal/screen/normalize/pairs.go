package normalize

// applyPairs rewrites two-word keys ("pokok e" → "pokoknya") over the
// emitted words, or over the original words when they were rewritten
// alone ("o yh"). Working on the final words keeps a second pass idle.
func (n *Normalizer) applyPairs(t *Text, s string) {
	if len(t.Toks) < 2 || len(n.lx.slang2) == 0 {
		return
	}
	first := -1
	lx := n.lx
	for i := 0; i+1 < len(t.Toks); i++ {
		// The cheap tests of pairAt first: most pairs fail them.
		a, b := &t.Toks[i], &t.Toks[i+1]
		if (a.Flags|b.Flags)&(FlagEmoji|FlagNumber) != 0 {
			continue
		}
		if !lx.mayStartPair(t.Norm[a.NStart:a.NEnd]) &&
			((a.Flags|b.Flags)&FlagRewritten == 0 || !hasBit(&lx.firstBits, wordHashLower(s[a.OStart:a.OEnd]))) {
			continue
		}
		if n.pairAt(t.Norm, t.Toks, s, i) != "" {
			first = i
			break
		}
	}
	if first < 0 {
		return
	}
	norm := append([]byte(nil), t.Norm...)
	toks := append([]Token(nil), t.Toks...)
	t.Norm, t.Toks = t.Norm[:0], t.Toks[:0]
	for i := 0; i < len(toks); i++ {
		tk := toks[i]
		if i >= first && i+1 < len(toks) {
			if v := n.pairAt(norm, toks, s, i); v != "" {
				t.appendWords(v, tk.OStart, toks[i+1].OEnd, tk.Flags|FlagRewritten, tk.Sep)
				i++
				continue
			}
		}
		t.appendTok(norm[tk.NStart:tk.NEnd], tk.OStart, tk.OEnd, tk.Flags, tk.Sep)
	}
}

// pairAt returns the rewrite of tokens i, i+1, or "".
func (n *Normalizer) pairAt(norm []byte, toks []Token, s string, i int) string {
	a, b := &toks[i], &toks[i+1]
	if a.Flags&(FlagEmoji|FlagNumber) != 0 || b.Flags&(FlagEmoji|FlagNumber) != 0 {
		return ""
	}
	var key [64]byte
	wa, wb := norm[a.NStart:a.NEnd], norm[b.NStart:b.NEnd]
	if n.lx.mayStartPair(wa) && len(wa)+len(wb) < len(key) {
		k := append(append(append(key[:0], wa...), ' '), wb...)
		if v, ok := n.lx.slang2[string(k)]; ok {
			return v
		}
	}
	// The original spellings, when one was rewritten alone ("o yh").
	if a.Flags&FlagRewritten == 0 && b.Flags&FlagRewritten == 0 {
		return ""
	}
	oa, ob := s[a.OStart:a.OEnd], s[b.OStart:b.OEnd]
	if len(oa)+len(ob) >= len(key) || !hasBit(&n.lx.firstBits, wordHashLower(oa)) {
		return ""
	}
	k, ok := lowerWord(key[:0], oa)
	if !ok {
		return ""
	}
	k = append(k, ' ')
	if k, ok = lowerWord(k, ob); !ok {
		return ""
	}
	return n.lx.slang2[string(k)]
}

// lowerWord appends the lower-cased ASCII letter word w to dst; false for
// anything but letters.
func lowerWord(dst []byte, w string) ([]byte, bool) {
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch asciiClass[c] {
		case aLower:
		case aUpper:
			c += 32
		default:
			return dst, false
		}
		dst = append(dst, c)
	}
	return dst, len(w) > 0
}
