package normalize

// emitTagged writes a #hashtag or @handle segment: split on case and digit
// changes ("HeRaMenang" → "he ra menang", "HERA01" → "hera 01") or, when
// written in one case, into known words ("heramenang" → "hera menang").
// A hashtag is also recorded whole in t.Tags.
func (n *Normalizer) emitTagged(t *Text, s string, r rawTok, w []byte, flags Flag) {
	if r.flags&FlagHashtag != 0 {
		if r.cont && len(t.Tags) > 0 {
			g := &t.Tags[len(t.Tags)-1]
			g.OEnd = r.oEnd
			t.tagBuf = append(t.tagBuf, w...)
			g.jEnd = int32(len(t.tagBuf))
		} else {
			js := int32(len(t.tagBuf))
			t.tagBuf = append(t.tagBuf, w...)
			t.Tags = append(t.Tags, Tag{OStart: r.tagStart, OEnd: r.oEnd, jStart: js, jEnd: int32(len(t.tagBuf))})
		}
	}
	flags &^= FlagAllCaps | FlagCapital
	if !r.ascii {
		// Folded from other scripts: split letters from digits only, every
		// part mapping to the whole original token.
		prev := 0
		for k := 1; k <= len(w); k++ {
			if k < len(w) && isDigitByte(w[k]) == isDigitByte(w[k-1]) {
				continue
			}
			seg := w[prev:k]
			f := flags | capsFlags(s, r)
			sep := r.sep
			if prev > 0 {
				f &^= FlagSentStart | FlagCapital | FlagAllCaps
				sep = 0
			}
			if isDigitByte(seg[0]) {
				t.appendTok(seg, r.oStart, r.oEnd, f, sep)
			} else {
				r3, dbl := hasRuns(seg)
				n.emitLetters(t, seg, r.oStart, r.oEnd, f, sep, r3, dbl, true)
			}
			prev = k
		}
		return
	}
	orig := s[r.oStart:r.oEnd]
	var cuts [32]int
	nc := camelCuts(orig, cuts[:0])
	if len(nc) == 0 && (len(w) >= 8 || len(w) >= 6 && r.flags&FlagHashtag != 0) && !n.known(w) {
		nc = n.segment(w, cuts[:0])
	}
	prev := 0
	for k := 0; k <= len(nc); k++ {
		end := len(w)
		if k < len(nc) {
			end = nc[k]
		}
		seg := w[prev:end]
		f := flags | partCaps(orig[prev:end])
		sep := r.sep
		if k > 0 {
			f &^= FlagSentStart
			sep = 0
		}
		os, oe := r.oStart+int32(prev), r.oStart+int32(end)
		if seg[0] >= '0' && seg[0] <= '9' {
			t.appendTok(seg, os, oe, f, sep)
		} else {
			r3, dbl := hasRuns(seg)
			n.emitLetters(t, seg, os, oe, f, sep, r3, dbl, true)
		}
		prev = end
	}
}

// partCaps reports the capitalisation of an ASCII word.
func partCaps(p string) Flag {
	letters, uppers := 0, 0
	for i := 0; i < len(p); i++ {
		switch asciiClass[p[i]] {
		case aLower:
			letters++
		case aUpper:
			letters++
			uppers++
		}
	}
	var f Flag
	if letters >= 2 && uppers == letters {
		f |= FlagAllCaps
	}
	if len(p) > 0 && asciiClass[p[0]] == aUpper {
		f |= FlagCapital
	}
	return f
}

// camelCuts returns the cut positions of an ASCII word at lower→upper and
// letter↔digit changes, and before the last capital of a capital run that
// is followed by a small letter ("DAFAPasti" → "DAFA|Pasti").
func camelCuts(w string, dst []int) []int {
	for i := 1; i < len(w); i++ {
		a, b := asciiClass[w[i-1]], asciiClass[w[i]]
		switch {
		case a == aLower && b == aUpper,
			(a == aDigit) != (b == aDigit):
			dst = append(dst, i)
		case a == aUpper && b == aUpper && i+1 < len(w) && asciiClass[w[i+1]] == aLower:
			dst = append(dst, i)
		}
	}
	return dst // grows past the caller's buffer only for pathological tags
}

// segment splits an unknown lower-case word into the fewest known words
// of two letters or more; nil when impossible.
func (n *Normalizer) segment(w []byte, dst []int) []int {
	const maxSeg = 40
	if len(w) > maxSeg {
		return nil
	}
	var best [maxSeg + 1]int8 // fewest parts covering w[:i]; -1 unreachable
	var from [maxSeg + 1]int8
	for i := range best {
		best[i] = -1
	}
	best[0] = 0
	for i := 2; i <= len(w); i++ {
		for j := 0; j <= i-2; j++ {
			if best[j] < 0 || (best[i] >= 0 && best[j]+1 >= best[i]) {
				continue // ties keep the smallest j: the longest last word
			}
			if n.known(w[j:i]) {
				best[i] = best[j] + 1
				from[i] = int8(j)
			}
		}
	}
	if best[len(w)] < 2 {
		return nil
	}
	// Walk back to collect the cuts.
	var tmp [maxSeg]int
	k := 0
	for i := len(w); i > 0; i = int(from[i]) {
		if from[i] > 0 {
			tmp[k] = int(from[i])
			k++
		}
	}
	for k > 0 {
		k--
		dst = append(dst, tmp[k])
	}
	return dst
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }
