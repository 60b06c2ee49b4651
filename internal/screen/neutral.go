package screen

import "slices"

// listingNeutral marks records that name several contestants of one
// election side by side (news, official information, "A vs B vs C").
func (s *Screener) listingNeutral(st *state, f *field) {
	pairs := st.pairs[:0] // (election, target) of confident contestant mentions
	for i := range f.ments {
		m := &f.ments[i]
		tg := &s.targets[m.target]
		if tg.party || m.id < 0.8 || !isIdent(m) {
			continue
		}
		p := [2]int32{int32(tg.elec), m.target}
		if !slices.Contains(pairs, p) {
			pairs = append(pairs, p)
		}
	}
	st.pairs = pairs
	for _, p := range pairs {
		n := 0
		for _, q := range pairs {
			if q[0] == p[0] {
				n++
			}
		}
		if n < 2 {
			continue
		}
		sc := st.score(p[1], len(s.targets))
		sc.neutral = max(sc.neutral, 0.3+0.15*float32(n))
	}
}

// isLabel reports a short author text that only labels what is passed on
// as news or information ("Berita", "Info penting 📢").
func isLabel(f *field) bool {
	if f.name != FieldText || len(f.tx.Toks) > 5 {
		return false
	}
	label := false
	for _, c := range f.cues {
		switch {
		case c.kind.isStance():
			return false
		case c.kind == cueNews || c.kind == cueOfficial:
			label = true
		}
	}
	return label && len(f.ments) == 0
}

// contrast returns the position of the last "tapi"/"namun" of a field: a
// neutral statement before it ("sy tdk boleh kampanye, tapi …") is taken
// back. 0 when there is none.
func (f *field) contrast() int32 {
	for i := len(f.tx.Toks) - 1; i >= 0; i-- {
		switch string(f.tx.Word(i)) {
		case "tapi", "tetapi", "namun":
			if i > 0 {
				return int32(i)
			}
		}
	}
	return 0
}

// singleTarget reports whether a field identifies exactly one target.
func singleTarget(f *field) bool {
	t := int32(-1)
	for i := range f.ments {
		m := &f.ments[i]
		if !isIdent(m) || m.id < 0.3 {
			continue
		}
		if t >= 0 && m.target != t {
			return false
		}
		t = m.target
	}
	return t >= 0
}
