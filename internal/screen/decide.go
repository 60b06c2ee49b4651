package screen

import (
	"slices"
	"strings"

	"github.com/netral-asn/netral/internal/screen/normalize"
)

// evid is one piece of evidence for or against a target.
type evid struct {
	val    float32
	oppose bool
	kind   cueKind // the cue, or cueNone for a term that speaks for itself
	field  int16
	cue    int32 // index in field.cues, -1
	ment   int32 // index in field.ments, -1
	gest   int32 // index in field.gests, -1
}

// tscore accumulates evidence about one target.
type tscore struct {
	used    bool
	idAuth  float32 // best identification in the author's own fields
	idAct   float32 // best identification in the acted-on content
	evAuth  []evid
	evAct   []evid
	final   float32
	oppose  bool
	neutral float32
	signals []string // distinct slogans and hashtags seen
}

func (st *state) score(t int32, ntargets int) *tscore {
	if len(st.scores) < ntargets {
		st.scores = make([]tscore, ntargets)
	}
	sc := &st.scores[t]
	if !sc.used {
		*sc = tscore{used: true, evAuth: sc.evAuth[:0], evAct: sc.evAct[:0], signals: sc.signals[:0]}
		st.touch = append(st.touch, t)
	}
	return sc
}

func (sc *tscore) add(f *field, e evid) {
	if e.val <= 0 {
		return
	}
	if f.role == roleActed {
		sc.evAct = append(sc.evAct, e)
	} else {
		sc.evAuth = append(sc.evAuth, e)
	}
}

// noisyOr combines the three strongest values.
func noisyOr(ev []evid, oppose bool) (float32, bool) {
	var top [3]float32
	any := false
	for _, e := range ev {
		if e.oppose != oppose {
			continue
		}
		any = true
		v := e.val
		for i := range top {
			if v > top[i] {
				top[i], v = v, top[i]
			}
		}
	}
	p := float32(1)
	for _, v := range top {
		p *= 1 - v
	}
	return 1 - p, any
}

// prox weighs how closely a cue and a mention in the same field belong
// together.
func prox(f *field, c0, c1, m0, m1 int32) float32 {
	d := max(c0-m1, m0-c1, 0)
	same := f.sent[min(int(c0), len(f.sent)-1)] == f.sent[min(int(m0), len(f.sent)-1)]
	switch {
	case d <= 3:
		return 1
	case d <= 8 && same:
		return 0.9
	case same:
		return 0.75
	case len(f.sent) <= 30:
		return 0.6
	case d <= 12:
		return 0.5
	}
	return 0.25
}

// selfEvidence is what a term says on its own.
func selfEvidence(m *mention) float32 {
	switch m.class {
	case tcHashtag:
		return m.id
	case tcTeam:
		return 0.8 * m.id
	case tcSloganStrong:
		return 0.75
	case tcSloganMedium:
		return 0.45
	case tcSloganWeak:
		return 0.12
	case tcGestureOther:
		return 0.6
	}
	return 0
}

// isIdent reports mentions that identify a target (not gestures).
func isIdent(m *mention) bool {
	return m.class != tcGestureNum && m.class != tcGestureOther
}

// sloganCue is the support a slogan lends to its own target's other mentions.
func sloganCue(c termClass) float32 {
	switch c {
	case tcSloganStrong:
		return 0.8
	case tcSloganMedium:
		return 0.65
	case tcSloganWeak:
		return 0.5
	}
	return 0
}

// decide weighs the evidence of every target; it returns the targets in
// st.touch with their final scores set.
func (s *Screener) decide(st *state, kind string, day int) {
	fields := st.fields[:st.n]
	nt := len(s.targets)
	s.corroborate(fields)
	// Identification per target and field role.
	for fi := range fields {
		f := &fields[fi]
		for mi := range f.ments {
			m := &f.ments[mi]
			if !isIdent(m) {
				continue
			}
			sc := st.score(m.target, nt)
			if f.role == roleActed {
				sc.idAct = max(sc.idAct, m.id)
			} else {
				sc.idAuth = max(sc.idAuth, m.id)
			}
			if v := selfEvidence(m); v > 0 {
				sc.add(f, evid{val: v, field: int16(fi), cue: -1, ment: int32(mi), gest: -1})
			}
			if v := nameTagEvidence(f, m); v > 0 {
				sc.add(f, evid{val: v, kind: cueSupport, field: int16(fi), cue: -1, ment: int32(mi), gest: -1})
			}
			if v := choiceEvidence(f, m); v > 0 {
				sc.add(f, evid{val: v, kind: cueVote, field: int16(fi), cue: -1, ment: int32(mi), gest: -1})
			}
			if v := s.taglineEvidence(f, m); v > 0 {
				sc.add(f, evid{val: v, kind: cueSupport, field: int16(fi), cue: -1, ment: int32(mi), gest: -1})
			}
			if sloganCue(m.class) > 0 || m.class == tcHashtag {
				txt := string(f.tx.Norm[m.n0:m.n1])
				if !slices.Contains(sc.signals, txt) {
					sc.signals = append(sc.signals, txt)
					if len(sc.signals) == 2 {
						// Two different slogans or hashtags of one contestant.
						sc.add(f, evid{val: 0.5, kind: cueCampaign, field: int16(fi), cue: -1, ment: int32(mi), gest: -1})
					}
				}
			}
		}
	}
	// Cues linked to mentions.
	for fi := range fields {
		f := &fields[fi]
		for ci := range f.cues {
			c := &f.cues[ci]
			if !c.kind.isStance() {
				continue
			}
			s.linkCue(st, fields, fi, c, evid{field: int16(fi), cue: int32(ci), ment: -1, gest: -1, kind: c.kind, oppose: c.kind == cueOppose})
		}
		// Slogans support their own target's other mentions.
		for mi := range f.ments {
			m := &f.ments[mi]
			if v := sloganCue(m.class); v > 0 {
				s.linkSlogan(st, fields, fi, m, v, int32(mi))
			}
		}
	}
	s.gestureEvidence(st, fields, day)
	s.accountEvidence(st, fields, kind)

	// Neutral context.
	var nAuth, nAct float32 = 0, 0
	debunk := false // the author's words call what is shared a hoax
	for fi := range fields {
		f := &fields[fi]
		p := float32(1)
		but := f.contrast()
		for _, c := range f.cues {
			if c.kind.isNeutral() && c.tok0 >= but {
				p *= 1 - c.strength
				if c.kind == cueNews && c.strength >= 0.8 && f.role == roleAuthor {
					debunk = true
				}
			}
		}
		if f.role == roleActed {
			nAct = max(nAct, 1-p)
		} else {
			nAuth = max(nAuth, 1-p)
			if isLabel(f) {
				nAuth = max(nAuth, 0.8) // "Berita", "Info buat warga": passing on news
			}
		}
		s.listingNeutral(st, f)
	}
	for _, t := range st.touch {
		sc := &st.scores[t]
		auth, _ := noisyOr(sc.evAuth, false)
		act, _ := noisyOr(sc.evAct, false)
		authO, _ := noisyOr(sc.evAuth, true)
		actO, _ := noisyOr(sc.evAct, true)
		var sup, opp, n float32
		switch kind {
		case KindLike, KindReaction, KindFollow, KindJoinGroup, KindShare:
			if debunk {
				act, actO = 0.3*act, 0.3*actO // passed on to refute it
			}
			sup, opp = or2(auth, act), or2(authO, actO)
			n = or2(nAuth, nAct)
		case KindComment:
			sup, opp = or2(auth, 0.4*act), or2(authO, 0.4*actO)
			n = nAuth
		default:
			sup, opp = or2(auth, 0.5*act), or2(authO, 0.5*actO)
			n = nAuth
		}
		n = or2(n, sc.neutral)
		best := max(sup, opp)
		lambda := float32(0.55)
		if strongest(sc, fields, kind) >= 0.8 {
			lambda = 0.25
		}
		sc.final = best * (1 - lambda*n)
		sc.oppose = opp > sup
	}
	slices.SortFunc(st.touch, func(x, y int32) int {
		a, b := &st.scores[x], &st.scores[y]
		if a.final != b.final {
			if a.final > b.final {
				return -1
			}
			return 1
		}
		return strings.Compare(s.targets[x].id, s.targets[y].id)
	})
}

func or2(a, b float32) float32 { return 1 - (1-a)*(1-b) }

// strongest returns the strongest evidence that neutral context cannot
// explain away: campaign hashtags, team and membership words, calls to
// vote for a ballot number.
func strongest(sc *tscore, fields []field, kind string) float32 {
	var m float32
	lists := [2][]evid{sc.evAuth}
	if kind == KindFollow || kind == KindJoinGroup {
		lists[1] = sc.evAct // an account or group name is what was joined
	}
	for _, list := range lists {
		for _, e := range list {
			strong := e.kind == cueMember || e.kind == cueTeam || (e.kind == cueVote && e.cue < 0)
			if e.ment >= 0 && e.kind == cueNone {
				c := fields[e.field].ments[e.ment].class
				strong = c == tcHashtag || c == tcTeam
			}
			if strong {
				m = max(m, e.val)
			}
		}
	}
	return m
}

// linkCue adds evidence from one cue to every target mentioned nearby.
func (s *Screener) linkCue(st *state, fields []field, fi int, c *cueHit, base evid) {
	f := &fields[fi]
	kind, str, c0, c1 := c.kind, c.strength, c.tok0, c.tok1
	if kind == cueAsk {
		s.linkAnswer(st, fields, fi, c, base)
		return
	}
	verb := verbCues[c.term]
	single := singleTarget(f)
	// Best link per target: same field by proximity, other fields flatly.
	for oi := range fields {
		o := &fields[oi]
		var cross float32 = 1
		if oi != fi {
			switch {
			case o.role == roleActed && f.role == roleAuthor:
				cross = 0.7
			case o.role == f.role:
				cross = 0.8
			default:
				continue // words of the acted-on content do not speak for the author's own text
			}
		}
		for mi := range o.ments {
			m := &o.ments[mi]
			if !isIdent(m) {
				continue
			}
			tg := &s.targets[m.target]
			k := kindFactor(kind, tg.party)
			if k == 0 {
				continue
			}
			p := cross
			if oi == fi {
				p = prox(f, c0, c1, m.tok0, m.tok1)
				if single {
					p = max(p, 0.5) // nobody else to refer to
					if len(f.tx.Toks) <= 30 && m.id >= 0.6 {
						p = max(p, 0.75) // a short text about one contestant
					}
				}
				if verb && m.tok1 <= c0 && c0-m.tok1 <= 1 {
					p *= 0.5 // "X menolak ...": X is the subject, not the object
				}
			}
			e := base
			e.val = str * m.id * p * k
			if kind == cueCampaign && f.role == roleActed {
				e.val *= 0.7 // a report about a campaign is not campaign material
			}
			e.ment = -1
			sc := st.score(m.target, len(s.targets))
			sc.addBest(f, e)
		}
	}
}

// linkAnswer links a question asking whom to vote for ("pilih siapa?")
// to the one contestant the author names after it, in a reply to it or
// in the same text: naming one is the answer.
func (s *Screener) linkAnswer(st *state, fields []field, fi int, c *cueHit, base evid) {
	for oi := range fields {
		o := &fields[oi]
		if o.role != roleAuthor || !singleTarget(o) {
			continue
		}
		for mi := range o.ments {
			m := &o.ments[mi]
			if !isIdent(m) || oi == fi && m.tok0 < c.tok1 {
				continue
			}
			e := base
			e.kind = cueVote
			// The question says what election is meant: a common name
			// given as the answer names the contestant.
			id := m.id
			if !m.isNumber {
				id = max(id, min(0.7, 2*id))
			}
			e.val = c.strength * id
			sc := st.score(m.target, len(s.targets))
			sc.addBest(o, e) // the author's own answer
		}
	}
}

// choiceWords may follow "X saja" when it closes a choice ("Ganjar-Mahfud
// aja bu", "nomor 2 aja lah").
var choiceWords = map[string]bool{
	"lah": true, "ya": true, "deh": true, "dong": true, "bu": true, "pak": true, "bund": true,
	"bunda": true, "kak": true, "mas": true, "mbak": true, "gaes": true, "guys": true, "sudah": true,
	"bos": true, "bro": true, "sis": true, "teman": true, "kawan": true, "semua": true, "pokoknya": true,
}

// choiceEvidence: a contestant followed by "saja" ("aja", "wae") that ends
// the clause is the author's choice ("sy mah Anies-Muhaimin aja",
// "nomor 2 aja lah"); "Prabowo saja tidak bisa" is not.
func choiceEvidence(f *field, m *mention) float32 {
	tx := &f.tx
	k := int(m.tok1)
	if k >= len(tx.Toks) || string(tx.Word(k)) != "saja" || tx.Toks[k].Sep != ' ' && tx.Toks[k].Sep != '-' {
		return 0
	}
	if k+1 < len(tx.Toks) {
		nx := &tx.Toks[k+1]
		if nx.Flags&(normalize.FlagEmoji|normalize.FlagSentStart) == 0 && nx.Sep == ' ' && !choiceWords[string(tx.Word(k+1))] {
			return 0
		}
	}
	return 0.7 * m.id
}

// taglineEvidence: a contestant followed by the office contested as a
// slogan ("Anies presiden 2024!", "HERA bupati!", "Ganjar RI 1") wants
// them in it; "Prabowo presiden ke-8" after the vote is outside the
// election's window anyway.
func (s *Screener) taglineEvidence(f *field, m *mention) float32 {
	tx := &f.tx
	k := int(m.tok1)
	tg := &s.targets[m.target]
	if m.isNumber || tg.party || k >= len(tx.Toks) || tx.Toks[k].Sep != ' ' {
		return 0
	}
	w := string(tx.Word(k))
	switch {
	case officeWords[w]&s.elecs[tg.elec].office != 0 && w != "paslon":
	case w == "ri" && k+1 < len(tx.Toks) && string(tx.Word(k+1)) == "1" && s.elecs[tg.elec].office == officePres:
		k++
	default:
		return 0
	}
	if k+1 < len(tx.Toks) {
		nx := &tx.Toks[k+1]
		year := nx.Flags&normalize.FlagNumber != 0 && len(tx.Word(k+1)) == 4
		if !year && nx.Flags&(normalize.FlagEmoji|normalize.FlagSentStart) == 0 && nx.Sep == ' ' {
			return 0 // "Prabowo presiden partai" is not a slogan
		}
	}
	return 0.6 * m.id
}

// tagWords in a hashtag with a contestant's name make it a campaign tag
// ("#GanjarPresiden", "#AniesMenang", "#Hendra2024").
var tagWords = map[string]bool{
	"presiden": true, "presidenku": true, "menang": true, "bupati": true, "gubernur": true,
	"walikota": true, "pilih": true, "dukung": true, "lanjut": true, "lanjutkan": true, "2024": true,
	"2029": true, "1": true, "putaran": true, "ri": true, "jadi": true, "pasti": true, "for": true,
	"untuk": true, "bersama": true, "juara": true, "hebat": true, "mania": true, "lovers": true,
}

// nameTagEvidence is what a contestant's name inside a hashtag that the
// election does not list says: people tag a name to promote it.
func nameTagEvidence(f *field, m *mention) float32 {
	tx := &f.tx
	if m.class == tcHashtag || m.isNumber || tx.Toks[m.tok0].Flags&normalize.FlagHashtag == 0 {
		return 0
	}
	// The hashtag's tokens: its first has '#' before it, the rest touch.
	a := int(m.tok0)
	for a > 0 && tx.Toks[a].Sep == 0 && tx.Toks[a-1].Flags&normalize.FlagHashtag != 0 {
		a--
	}
	b := int(m.tok1)
	for b < len(tx.Toks) && tx.Toks[b].Sep == 0 && tx.Toks[b].Flags&normalize.FlagHashtag != 0 {
		b++
	}
	for i := range f.ments {
		o := &f.ments[i]
		if o.class == tcHashtag && o.target == m.target && int(o.tok0) <= a && int(o.tok1) >= b {
			return 0 // a listed hashtag speaks for itself
		}
	}
	v := 0.45 * m.id
	for k := a; k < b; k++ {
		if (k < int(m.tok0) || k >= int(m.tok1)) && tagWords[string(tx.Word(k))] {
			v = 0.8 * m.id
		}
	}
	return v
}

// addBest keeps, per cue, only the best-linked value.
func (sc *tscore) addBest(f *field, e evid) {
	list := &sc.evAuth
	if f.role == roleActed {
		list = &sc.evAct
	}
	for i := range *list {
		x := &(*list)[i]
		if x.cue >= 0 && x.cue == e.cue && x.field == e.field && x.kind == e.kind {
			if e.val > x.val {
				x.val = e.val
			}
			return
		}
	}
	if e.val > 0 {
		*list = append(*list, e)
	}
}

// kindFactor limits cues to the targets they can concern.
func kindFactor(k cueKind, party bool) float32 {
	switch k {
	case cueMember:
		if party {
			return 1
		}
		return 0.3
	case cueTeam:
		if party {
			return 0.6
		}
	case cueMobilise, cueInvite, cueGoods:
		if party {
			return 0.7
		}
	}
	return 1
}

// linkSlogan lets a slogan support its own target's other mentions.
func (s *Screener) linkSlogan(st *state, fields []field, fi int, sm *mention, v float32, smi int32) {
	f := &fields[fi]
	var best float32
	for oi := range fields {
		o := &fields[oi]
		for mi := range o.ments {
			m := &o.ments[mi]
			if m.target != sm.target || !isIdent(m) || sloganCue(m.class) > 0 {
				continue
			}
			p := float32(0.7)
			if oi == fi {
				p = prox(f, sm.tok0, sm.tok1, m.tok0, m.tok1)
			}
			best = max(best, m.id*p)
		}
	}
	if best > 0 {
		sc := st.score(sm.target, len(s.targets))
		sc.add(f, evid{val: v * best, kind: cueSupport, field: int16(fi), cue: -1, ment: smi, gest: -1})
	}
}

// officeWords name the office contested; written beside a common name
// ("Ustaz Fauzi pantas jadi wakil bupati") they show the candidate is meant.
// The names of the elections themselves ("pilkada", "pilpres") are not
// among them: they say what the text is about, not who.
var officeWords = map[string]uint8{
	"presiden": officePres, "capres": officePres, "cawapres": officePres, "wapres": officePres,
	"bupati": officeBup, "cabup": officeBup, "cawabup": officeBup,
	"walikota": officeWal, "cawalkot": officeWal,
	"gubernur": officeGub, "cagub": officeGub, "cawagub": officeGub,
	"paslon": officeAny,
}

const (
	officePres uint8 = 1 << iota
	officeBup
	officeWal
	officeGub
	officeAny = officePres | officeBup | officeWal | officeGub
)

// fieldOffice returns the offices named in a field; with near >= 0, only
// those within eight tokens of token near.
func fieldOffice(f *field, near int32) uint8 {
	if f.other {
		return 0
	}
	var m uint8
	lo, hi := 0, len(f.tx.Toks)
	if near >= 0 {
		lo, hi = max(0, int(near)-8), min(hi, int(near)+9)
	}
	for i := lo; i < hi; i++ {
		m |= officeWords[string(f.tx.Word(i))]
	}
	return m
}

// campaignBeside reports a campaign or campaign-team word right before or
// after a mention ("kampanye Pak Untung", "relawan Bang Hendra").
func campaignBeside(f *field, m *mention) bool {
	if f.other {
		return false
	}
	for i := range f.cues {
		c := &f.cues[i]
		if (c.kind == cueCampaign || c.kind == cueTeam && c.strength >= 0.8) && max(c.tok0-m.tok1, m.tok0-c.tok1) <= 2 {
			return true
		}
	}
	return false
}

// weakID reports a mention that names its target only weakly.
func weakID(m *mention) bool {
	return !m.isNumber && isIdent(m) && m.id >= 0.3 && m.id < 0.6
}

// corroborate lifts a weak mention ("Pak Hendra", "untung") when the same
// record also shows that contestant's ballot number or hand sign, names
// the contestant surely elsewhere ("Hendra Wijaya: …" above "Pak Hendra
// 🔥"), names the running mate too ("Bang Hendra & Bu Ratna"), or names
// the office contested beside it ("Ustaz Fauzi pantas jadi wakil bupati").
func (s *Screener) corroborate(fields []field) {
	s.corroborateNames(fields)
	var nums [8]int
	n := 0
	for fi := range fields {
		f := &fields[fi]
		for _, g := range f.gests {
			if n < len(nums) {
				nums[n] = g.num
				n++
			}
		}
		for _, m := range f.ments {
			if m.isNumber && n < len(nums) {
				nums[n] = s.targets[m.target].ballot
				n++
			}
		}
	}
	if n == 0 {
		return
	}
	for fi := range fields {
		f := &fields[fi]
		for mi := range f.ments {
			m := &f.ments[mi]
			if m.isNumber || !isIdent(m) || m.id >= 0.6 || m.id < 0.3 {
				continue
			}
			b := s.targets[m.target].ballot
			for _, v := range nums[:n] {
				if v == b && b > 0 {
					m.id = max(m.id, 0.6)
					break
				}
			}
		}
	}
}

// corroborateNames: see corroborate.
func (s *Screener) corroborateNames(fields []field) {
	weak := false
	for fi := range fields {
		for mi := range fields[fi].ments {
			if weakID(&fields[fi].ments[mi]) {
				weak = true
			}
		}
	}
	if !weak {
		return
	}
	// Lifts are decided on the mentions as found, then applied.
	type raise struct {
		m  *mention
		id float32
	}
	var lifts []raise
	for fi := range fields {
		f := &fields[fi]
		var elsewhere uint8 // offices named in the record's other fields
		for oi := range fields {
			if oi != fi {
				elsewhere |= fieldOffice(&fields[oi], -1)
			}
		}
		for mi := range f.ments {
			m := &f.ments[mi]
			if !weakID(m) {
				continue
			}
			tg := &s.targets[m.target]
			if tg.party {
				continue
			}
			lift := float32(0)
			if (elsewhere|fieldOffice(f, m.tok0))&s.elecs[tg.elec].office != 0 || campaignBeside(f, m) {
				lift = 0.6
			}
			last := f.tx.Word(int(m.tok1 - 1))
			for oi := range fields {
				for _, o := range fields[oi].ments {
					if o.target != m.target || o.isNumber || !isIdent(&o) {
						continue
					}
					switch {
					case o.id >= 0.8 && o.class != tcSloganWeak && o.class != tcSloganMedium:
						lift = 0.7 // named surely elsewhere
					case o.id >= 0.3 && o.id < 0.6 && (oi != fi || o.tok1 <= m.tok0 || o.tok0 >= m.tok1) &&
						string(fields[oi].tx.Word(int(o.tok1-1))) != string(last):
						lift = max(lift, 0.7) // the running mate
					}
				}
			}
			if lift > m.id {
				lifts = append(lifts, raise{m, lift})
			}
		}
	}
	for _, l := range lifts {
		l.m.id = l.id
	}
}
