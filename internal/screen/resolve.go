package screen

import (
	"github.com/netral-asn/netral/internal/screen/normalize"
)

// resolveNumbers turns ballot numbers into mentions: a number next to a
// party with that ballot number belongs to the party ("coblos Gerindra
// nomor 2"); any other resolves to the contestant with that number in the
// active election, preferring elections the record already names.
func (s *Screener) resolveNumbers(st *state, day int) {
	fields := st.fields[:st.n]
	// Elections named in the record.
	named := st.named[:0]
	if len(st.elecMark) < len(s.elecs) {
		st.elecMark = make([]uint32, len(s.elecs))
	}
	st.gen++
	for fi := range fields {
		for _, m := range fields[fi].ments {
			tg := &s.targets[m.target]
			if !tg.party && m.id >= 0.5 && st.elecMark[tg.elec] != st.gen {
				st.elecMark[tg.elec] = st.gen
				named = append(named, tg.elec)
			}
		}
	}
	// A region named in full ("di Tanjung Harapan") names its election.
	for _, ei := range st.regions {
		if st.elecMark[ei] != st.gen && s.elecs[ei].active(day) {
			st.elecMark[ei] = st.gen
			named = append(named, ei)
		}
	}
	st.named = named
	for fi := range fields {
		f := &fields[fi]
		for ni := range f.nums {
			nh := &f.nums[ni]
			// A party's own number.
			for mi := range f.ments {
				m := &f.ments[mi]
				tg := &s.targets[m.target]
				if !tg.party || tg.ballot != nh.value || m.id < 0.3 {
					continue
				}
				if d := max(m.tok0-nh.tok-1, nh.tok-m.tok1, 0); d <= 3 {
					nh.party = m.target
					break
				}
			}
			if nh.party >= 0 {
				sc := st.score(nh.party, len(s.targets))
				sc.add(f, evid{val: 0.6, kind: cueVote, field: int16(fi), cue: -1, ment: -1, gest: -1})
				continue
			}
			t := s.contestantByNumber(nh.value, day, named)
			if t < 0 {
				continue
			}
			f.ments = append(f.ments, mention{target: t, class: tcAlias, id: nh.strength, tok0: nh.tok, tok1: nh.tok + 1,
				n0: f.tx.Toks[nh.tok].NStart, n1: f.tx.Toks[nh.tok].NEnd, isNumber: true})
			sc := st.score(t, len(s.targets))
			// The contestant's own number next to its name ("DAFA nomor 3").
			var near, elsewhere float32
			for oi := range fields {
				for mi := range fields[oi].ments {
					m := &fields[oi].ments[mi]
					if m.target != t || m.isNumber || !isIdent(m) {
						continue
					}
					if oi == fi && max(m.tok0-nh.tok-1, nh.tok-m.tok1, 0) <= 3 {
						near = max(near, m.id)
					} else if oi != fi {
						elsewhere = max(elsewhere, m.id)
					}
				}
			}
			// The contestant's number beside its name ("DAFA nomor 3"), or
			// cheered in reply to it ("Bismillah 01" under its post).
			v := max(0.55*near, 0.5*elsewhere*nh.strength/0.6)
			sc.add(f, evid{val: min(v, 0.55), kind: cueVote, field: int16(fi), cue: -1, ment: int32(len(f.ments) - 1), gest: -1})
			switch {
			case nh.vote:
				sc.add(f, evid{val: 0.9 * nh.strength, kind: cueVote, field: int16(fi), cue: -1, ment: int32(len(f.ments) - 1), gest: -1})
			case nh.hashtag:
				sc.add(f, evid{val: 0.7, kind: cueSupport, field: int16(fi), cue: -1, ment: int32(len(f.ments) - 1), gest: -1})
			}
		}
	}
}

// contestantByNumber finds the one contestant with ballot number n among
// the active elections (those named in the record first); -1 when none or
// ambiguous.
func (s *Screener) contestantByNumber(n, day int, named []int) int32 {
	pick := func(onlyNamed bool) (int32, int) {
		found, count := int32(-1), 0
		if onlyNamed {
			for _, ei := range named {
				if !s.elecs[ei].active(day) {
					continue
				}
				for _, t := range s.elecs[ei].contest {
					if s.targets[t].ballot == n {
						found = int32(t)
						count++
					}
				}
			}
			return found, count
		}
		for _, t := range s.byNumber[n] {
			if !s.elecs[s.targets[t].elec].active(day) {
				continue
			}
			found = t
			count++
			if count > 1 {
				break
			}
		}
		return found, count
	}
	if len(named) > 0 {
		if t, c := pick(true); c == 1 {
			return t
		} else if c > 1 {
			return -1
		}
	}
	if t, c := pick(false); c == 1 {
		return t
	}
	return -1
}

// gestureEvidence adds hand signs: a sign for number N supports the
// identified contestant with ballot number N; a listed gesture phrase
// ("salam dua jari") names its contestants; a gesture listed for several
// contestants of one election ("salam 4 jari") sides with them against
// the others, so every contestant of that election is a target.
func (s *Screener) gestureEvidence(st *state, fields []field, day int) {
	nt := len(s.targets)
	idOf := func(t int32) float32 {
		if !st.scores[t].used {
			return 0
		}
		sc := &st.scores[t]
		return max(sc.idAuth, sc.idAct)
	}
	if len(st.scores) < nt {
		st.scores = make([]tscore, nt)
	}
	// Identified contestants, once.
	ident := st.ident[:0]
	for _, t := range st.touch {
		if !s.targets[t].party && idOf(t) >= 0.3 {
			ident = append(ident, t)
		}
	}
	st.ident = ident
	for fi := range fields {
		f := &fields[fi]
		for gi := range f.gests {
			g := &f.gests[gi]
			for _, t := range ident {
				tg := &s.targets[t]
				if tg.ballot != g.num {
					continue
				}
				id := idOf(t)
				v := g.strength * id
				if numberBeside(f, t, g.tok) {
					v = max(v, 0.6) // "nomor 1 ☝️": the number said twice
				}
				sc := st.score(t, nt)
				sc.add(f, evid{val: v, kind: cueSupport, field: int16(fi), cue: -1, ment: -1, gest: int32(gi)})
			}
		}
		// Listed gesture phrases (emoji are counted above).
		for mi := range f.ments {
			m := &f.ments[mi]
			if m.class != tcGestureNum && m.class != tcGestureOther {
				continue
			}
			if m.tok1-m.tok0 == 1 && f.tx.Toks[m.tok0].Flags&normalize.FlagEmoji != 0 {
				continue
			}
			tg := &s.targets[m.target]
			ei := &s.elecs[tg.elec]
			joint := 0
			for mj := range f.ments {
				o := &f.ments[mj]
				if o.n0 == m.n0 && o.n1 == m.n1 && o.target != m.target && s.targets[o.target].elec == tg.elec {
					joint++
				}
			}
			if joint > 0 && len(ei.contest) > 2 {
				for _, t := range ei.contest {
					sc := st.score(int32(t), nt)
					listed := false
					for mj := range f.ments {
						o := &f.ments[mj]
						if o.n0 == m.n0 && o.n1 == m.n1 && o.target == int32(t) {
							listed = true
						}
					}
					sc.add(f, evid{val: 0.8, kind: cueSupport, oppose: !listed, field: int16(fi), cue: -1, ment: int32(mi), gest: -1})
				}
				continue
			}
			id := idOf(m.target)
			v := float32(0.55)
			if id >= 0.3 {
				v = max(v, 0.75*id)
			} else if s.listedElsewhere(fields, m) {
				continue // the same sign names contestants of several active elections
			}
			sc := st.score(m.target, nt)
			sc.idAuth = max(sc.idAuth, 0.5)
			sc.add(f, evid{val: v, kind: cueSupport, field: int16(fi), cue: -1, ment: int32(mi), gest: -1})
		}
	}
}

// numberBeside reports a ballot number of contestant t written with a
// ballot word ("nomor 1", "capres nomer 1") in field f within five tokens
// of the hand sign at token g.
func numberBeside(f *field, t int32, g int32) bool {
	for i := range f.ments {
		m := &f.ments[i]
		if m.isNumber && m.target == t && m.id >= 0.5 && max(g-m.tok1, m.tok0-g-1) <= 5 {
			return true
		}
	}
	return false
}

// listedElsewhere reports whether the gesture phrase of m also names a
// contestant of another election that is active.
func (s *Screener) listedElsewhere(fields []field, m *mention) bool {
	for fi := range fields {
		for _, o := range fields[fi].ments {
			if o.n0 == m.n0 && o.n1 == m.n1 && s.targets[o.target].elec != s.targets[m.target].elec {
				return true
			}
		}
	}
	return false
}

// accountEvidence: following or joining an account or group named after a
// contestant counts even without campaign words.
func (s *Screener) accountEvidence(st *state, fields []field, kind string) {
	if kind != KindFollow && kind != KindJoinGroup {
		return
	}
	for fi := range fields {
		f := &fields[fi]
		if f.role != roleActed || len(f.tx.Toks) > 20 {
			continue
		}
		for mi := range f.ments {
			m := &f.ments[mi]
			if !isIdent(m) || m.id < 0.85 || m.isNumber {
				continue
			}
			sc := st.score(m.target, len(s.targets))
			sc.add(f, evid{val: 0.55, kind: cueTeam, field: int16(fi), cue: -1, ment: int32(mi), gest: -1})
		}
	}
}

// prune settles names shared by several contestants ("Hendra", "Nurul",
// "Saputra" across many Pilkada): such a mention stays only with the
// targets that the record also names distinctly; when nothing singles one
// out, it stays only if it is strong and names at most three.
func (s *Screener) prune(st *state) {
	fields := st.fields[:st.n]
	if len(st.distinct) < len(s.targets) {
		st.distinct = make([]float32, len(s.targets))
		st.distGen = make([]uint32, len(s.targets))
	}
	st.gen++
	gen := st.gen
	ambiguous := false
	for fi := range fields {
		for _, m := range fields[fi].ments {
			if m.shared > 1 {
				ambiguous = true
				continue
			}
			if !isIdent(&m) {
				continue
			}
			if st.distGen[m.target] != gen {
				st.distGen[m.target], st.distinct[m.target] = gen, 0
			}
			st.distinct[m.target] = max(st.distinct[m.target], m.id)
		}
	}
	if !ambiguous {
		return
	}
	dist := func(t int32) float32 {
		if st.distGen[t] != gen {
			return 0
		}
		return st.distinct[t]
	}
	for fi := range fields {
		f := &fields[fi]
		out := f.ments[:0]
		for i := 0; i < len(f.ments); {
			// Mentions of one match are adjacent and share the span.
			j := i + 1
			for j < len(f.ments) && f.ments[j].n0 == f.ments[i].n0 && f.ments[j].n1 == f.ments[i].n1 {
				j++
			}
			group := f.ments[i:j]
			if len(group) == 1 || !isIdent(&group[0]) {
				out = append(out, group...)
				i = j
				continue
			}
			var best float32
			for _, m := range group {
				best = max(best, dist(m.target))
			}
			for _, m := range group {
				switch {
				case best >= 0.5 && dist(m.target) < 0.5:
				case best < 0.5 && (len(group) > 3 || m.id < 0.6):
				default:
					out = append(out, m)
				}
			}
			i = j
		}
		f.ments = out
	}
}
