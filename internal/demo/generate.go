package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/wilayah"
)

// The fixed seed of the generator. Changing it (or the order of random draws
// in this file) changes the whole data set.
const (
	seedHi = 0x4e657472616c // "Netral"
	seedLo = 2024
)

// historyShare is the share of employees with an earlier position.
const historyShare = 0.25

// Domains of the demo e-mail addresses, under the reserved .example TLD.
const (
	workDomain     = "tanjungharapankab.example"
	personalDomain = "surel.example"
)

// member is what the generator knows about an employee beyond Employee.
type member struct {
	spec      *opdSpec
	j         jab
	head      bool
	fixed     bool
	female    bool
	plain     string
	birth     time.Time
	appointed time.Time // TMT CPNS (PNS) or appointment (PPPK), 1st of the month
	pppk      bool
	seed      *seedPerson
	minFrom   time.Time // earliest allowed start of the current position
	// prevUnique is the earlier position when it is unique (set by histories).
	prevUnique prevOpt
}

type generator struct {
	r           *rand.Rand
	now         time.Time
	ds          *Dataset
	meta        []member
	specByCode  map[string]*opdSpec
	usedNIP     map[string]bool
	usedName    map[string]bool
	usedEmail   map[string]bool
	usedPhone   map[string]bool
	handleOwner map[string]int  // handle → employee index
	claimed     map[string]bool // "title@opd" of unique positions used in histories
}

// Generate returns the demo data set. It is deterministic: every call
// returns equal data (see the package documentation). The result is a fresh
// copy that the caller may modify.
func Generate() *Dataset {
	g := &generator{
		r:           rand.New(rand.NewPCG(seedHi, seedLo)),
		now:         AsOf(),
		specByCode:  make(map[string]*opdSpec),
		usedNIP:     make(map[string]bool),
		usedName:    make(map[string]bool),
		usedEmail:   make(map[string]bool),
		usedPhone:   make(map[string]bool),
		handleOwner: make(map[string]int),
		claimed:     make(map[string]bool),
	}
	name := RegionName
	if rg, ok := wilayah.Lookup(RegionCode); ok {
		name = rg.Name
	}
	g.ds = &Dataset{RegionCode: RegionCode, RegionName: name}
	for i := range opdSpecs {
		s := &opdSpecs[i]
		g.specByCode[s.Code] = s
		g.ds.OPDs = append(g.ds.OPDs, s.OPD)
	}
	for _, sp := range seedPeople {
		if sp.exact {
			if g.usedName[sp.given] || blockedNames[strings.ToLower(sp.given)] {
				panic("demo: seed name taken: " + sp.given)
			}
			g.usedName[sp.given] = true
		}
	}
	for i := range opdSpecs {
		g.staff(&opdSpecs[i])
	}
	g.histories()
	for i := range g.ds.Employees {
		g.contacts(i)
	}
	g.users()
	return g.ds
}

// slot is a position to fill in a unit.
type slot struct {
	j     jab
	head  bool
	fixed bool
	pppk  bool
	seed  *seedPerson
}

// staff creates the employees of one unit.
func (g *generator) staff(s *opdSpec) {
	headSenior := 3
	if s.ParentCode != "" {
		headSenior = 2
	}
	slots := []slot{{j: jab{title: s.head, edu: s.headEdu, senior: headSenior, who: pnsOnly}, head: true}}
	for _, fj := range s.fixed {
		slots = append(slots, slot{j: fj, fixed: true})
	}
	nFixed := len(slots)
	for len(slots) < s.size {
		pppk := g.r.Float64() < s.pppk
		j := g.pick(s.pool, pppk)
		slots = append(slots, slot{j: j, pppk: pppk && j.who != pnsOnly})
	}
	for k := range seedPeople {
		sp := &seedPeople[k]
		if sp.opd != s.Code {
			continue
		}
		placed := false
		for i := range slots {
			sl := &slots[i]
			if sl.seed != nil {
				continue
			}
			switch {
			case sp.jabatan == "" && sl.head,
				sp.jabatan != "" && i < nFixed && sl.j.title == sp.jabatan:
				sl.seed, placed = sp, true
			case sp.jabatan != "" && i >= nFixed && !inFixed(s, sp.jabatan):
				j, ok := findJab(s.pool, sp.jabatan)
				if !ok || sp.pppk && j.who == pnsOnly || !sp.pppk && j.who == pppkOnly || j.female && !sp.female {
					panic(fmt.Sprintf("demo: seed %s: position %q not available in %s", sp.handle, sp.jabatan, s.Code))
				}
				*sl = slot{j: j, pppk: sp.pppk, seed: sp}
				placed = true
			}
			if placed {
				break
			}
		}
		if !placed {
			panic("demo: no slot for seed " + sp.handle)
		}
	}
	for _, sl := range slots {
		g.employee(s, sl)
	}
}

func inFixed(s *opdSpec, title string) bool {
	if title == s.head {
		return true
	}
	for _, j := range s.fixed {
		if j.title == title {
			return true
		}
	}
	return false
}

func findJab(pool []jab, title string) (jab, bool) {
	for _, j := range pool {
		if j.title == title {
			return j, true
		}
	}
	return jab{}, false
}

// pick draws a position from pool by weight, among those a PPPK (or a PNS)
// may hold. When no position suits a PPPK it falls back to PNS positions.
func (g *generator) pick(pool []jab, pppk bool) jab {
	total := 0
	for _, j := range pool {
		if allowed(j, pppk) {
			total += j.weight
		}
	}
	if total == 0 {
		return g.pick(pool, false)
	}
	n := g.r.IntN(total)
	for _, j := range pool {
		if !allowed(j, pppk) {
			continue
		}
		if n < j.weight {
			return j
		}
		n -= j.weight
	}
	panic("unreachable")
}

func allowed(j jab, pppk bool) bool {
	if pppk {
		return j.who != pnsOnly
	}
	return j.who != pppkOnly
}

// femaleShare is the percentage of women among holders of positions with the
// given academic-title family.
func femaleShare(edu string, head bool) int {
	if head {
		return 35
	}
	switch edu {
	case "edu", "nurse", "nursed3", "nutri", "health", "pharm", "pharmd3", "rm", "lab", "physio":
		return 65
	case "eng", "engd3", "satpol", "bare":
		return 20
	case "gov":
		return 35
	}
	return 45
}

// employee creates one employee for a slot.
func (g *generator) employee(s *opdSpec, sl slot) {
	r := g.r
	m := member{spec: s, j: sl.j, head: sl.head, fixed: sl.fixed, pppk: sl.pppk, seed: sl.seed}
	switch {
	case sl.seed != nil:
		m.female = sl.seed.female
	case sl.j.female:
		m.female = true
	default:
		m.female = r.IntN(100) < femaleShare(sl.j.edu, sl.head)
	}

	// Birth date.
	var lo, hi int
	switch {
	case m.pppk && sl.j.edu == "edu":
		lo, hi = 1970, 1998
	case m.pppk:
		lo, hi = 1978, 2000
	case sl.j.senior == 3:
		lo, hi = 1965, 1974
	case sl.j.senior == 2:
		lo, hi = 1966, 1980
	case sl.j.senior == 1:
		lo, hi = 1968, 1988
	default:
		lo, hi = 1967, 2000
	}
	by := lo + r.IntN(hi-lo+1)
	bm := time.Month(1 + r.IntN(12))
	bd := 1 + r.IntN(daysIn(by, bm))
	m.birth = time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC)

	// Name.
	if sl.seed != nil && sl.seed.given != "" {
		if sl.seed.exact {
			m.plain = sl.seed.given // reserved in Generate
		} else {
			m.plain = g.uniqueName(m.female, sl.seed.given)
		}
	} else {
		m.plain = g.uniqueName(m.female, "")
	}
	pre, suf := g.gelar(sl.j.edu, m.female, by, sl.j.senior)
	name := strings.Join(append(pre, m.plain), " ")
	if len(suf) > 0 {
		name += ", " + strings.Join(suf, ", ")
	}

	// NIP and appointment.
	gender := 1
	if m.female {
		gender = 2
	}
	var prefix string
	if m.pppk {
		years := []int{2019, 2020, 2021, 2021, 2021, 2022, 2022, 2022, 2022, 2023, 2023, 2023, 2023, 2024, 2024}
		ay := years[r.IntN(len(years))]
		months := []time.Month{1, 3, 4, 7, 10, 12}
		if ay == g.now.Year() {
			months = []time.Month{1, 3, 4}
		}
		m.appointed = time.Date(ay, months[r.IntN(len(months))], 1, 0, 0, 0, 0, time.UTC)
		prefix = fmt.Sprintf("%04d%02d%02d%04d21%d", by, bm, bd, ay, gender)
	} else {
		age := 21 + r.IntN(11)
		if sl.j.edu == "doctor" || sl.j.edu == "specialist" || sl.j.edu == "dentist" {
			age += 3
		}
		ty := by + age
		maxYear := []int{2023, 2016, 2010, 2004}[sl.j.senior]
		ty = min(ty, maxYear)
		months := []time.Month{1, 2, 3, 3, 4, 6, 10, 12, 12}
		m.appointed = time.Date(ty, months[r.IntN(len(months))], 1, 0, 0, 0, 0, time.UTC)
		prefix = fmt.Sprintf("%04d%02d%02d%04d%02d%d", by, bm, bd, ty, m.appointed.Month(), gender)
	}
	seq := 1
	switch x := r.IntN(100); {
	case x >= 95:
		seq = 4
	case x >= 85:
		seq = 3
	case x >= 70:
		seq = 2
	}
	for g.usedNIP[fmt.Sprintf("%s%03d", prefix, seq)] {
		seq++
	}
	nip := fmt.Sprintf("%s%03d", prefix, seq)
	g.usedNIP[nip] = true

	// Current position.
	var from time.Time
	switch {
	case m.pppk:
		from = m.appointed
	case sl.head || sl.fixed:
		from = g.monthIn(later(m.appointed, date(2019, 1)), date(2024, 3))
	default:
		from = g.monthIn(later(m.appointed, date(2012, 1)), date(2024, 1))
	}
	kind := PNS
	if m.pppk {
		kind = PPPK
	}
	g.ds.Employees = append(g.ds.Employees, Employee{
		NIP:       nip,
		Name:      name,
		Kind:      kind,
		Positions: []Position{{Jabatan: sl.j.title, OPDCode: s.Code, From: from}},
	})
	if sl.seed != nil {
		g.handleOwner[sl.seed.handle] = len(g.meta)
	}
	g.meta = append(g.meta, m)
}

// uniqueName returns a plain name not used before and not a candidate's. A
// non-empty given fixes the first name(s).
func (g *generator) uniqueName(female bool, given string) string {
	r := g.r
	givens, mono, seconds := maleGiven, maleMononym, maleSecond
	if female {
		givens, mono, seconds = femaleGiven, femaleMononym, femaleSecond
	}
	for {
		var name string
		x := r.Float64()
		second := seconds[r.IntN(len(seconds))]
		if r.IntN(5) == 0 {
			second = familyNames[r.IntN(len(familyNames))]
		}
		switch {
		case given != "":
			name = given + " " + second
		case x < 0.1:
			name = mono[r.IntN(len(mono))]
		case x < 0.75:
			name = givens[r.IntN(len(givens))] + " " + second
		case female:
			first := givens[r.IntN(len(givens))]
			if first == "Sri" { // "Sri" is itself used as a middle name
				continue
			}
			name = first + " " + pickStr(r, femaleMiddle...) + " " + second
		case x < 0.85:
			name = givens[r.IntN(len(givens))] + " " + pickStr(r, maleMiddle...) + " " + second
		default:
			name = "Muhammad " + givens[r.IntN(len(givens))] + " " + second
		}
		if hasRepeat(name) || g.usedName[name] || blockedNames[strings.ToLower(name)] {
			continue
		}
		g.usedName[name] = true
		return name
	}
}

// hasRepeat reports whether a word occurs twice in name ("Muhammad Muhammad").
func hasRepeat(name string) bool {
	seen := map[string]bool{}
	for _, w := range strings.Fields(name) {
		if seen[w] {
			return true
		}
		seen[w] = true
	}
	return false
}

// gelar returns the titles written before and after a name, from the
// academic-title family of the position, gender, birth year and seniority.
func (g *generator) gelar(edu string, female bool, by, senior int) (pre, suf []string) {
	r := g.r
	chance := func(p float64) bool { return r.Float64() < p }
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	masterP := []float64{0.05, 0.3, 0.65, 0.9}[senior]
	drs := "Drs."
	if female {
		drs = "Dra."
	}
	oldDrs := by <= 1971 && chance(0.4)
	s1 := func(oldStyle bool, degrees ...string) {
		if oldStyle {
			pre = append(pre, drs)
		} else {
			suf = append(suf, pick(degrees...))
		}
	}
	master := func(p float64, degrees ...string) {
		if chance(p) {
			suf = append(suf, pick(degrees...))
		}
	}
	switch edu {
	case "bare":
	case "none":
		switch x := r.Float64(); {
		case x < 0.4:
		case x < 0.65:
			suf = append(suf, "A.Md.")
		default:
			suf = append(suf, pick("S.Sos.", "S.E.", "S.AP."))
		}
	case "admin":
		s1(oldDrs, "S.Sos.", "S.IP.", "S.AP.", "S.E.", "S.H.", "S.Kom.", "S.Sos.")
		master(masterP, "M.Si.", "M.M.", "M.AP.", "M.Si.")
	case "finance":
		if senior == 0 && chance(0.3) {
			suf = append(suf, "A.Md.Ak.")
		} else {
			s1(oldDrs, "S.E.", "S.E.", "S.Ak.")
			master(masterP, "M.Ak.", "M.M.", "M.Si.")
		}
	case "law":
		suf = append(suf, "S.H.")
		master(masterP, "M.H.")
	case "gov":
		s1(oldDrs, "S.STP", "S.IP.", "S.Sos.", "S.STP")
		master(masterP, "M.Si.", "M.AP.")
	case "it":
		if senior == 0 && chance(0.3) {
			suf = append(suf, "A.Md.Kom.")
		} else {
			suf = append(suf, pick("S.Kom.", "S.T.", "S.Kom."))
			master(masterP, "M.Kom.", "M.T.")
		}
	case "itd3":
		suf = append(suf, pick("A.Md.Kom.", "A.Md.Kom.", "A.Md.Kom.", "S.Kom."))
	case "stat":
		suf = append(suf, pick("S.Si.", "S.Stat."))
		master(masterP, "M.Si.")
	case "plan":
		s1(oldDrs, "S.T.", "S.E.", "S.P.", "S.Si.", "S.Sos.")
		master(masterP, "M.T.", "M.Si.", "M.E.", "M.M.")
	case "eng":
		switch {
		case by <= 1970 && chance(0.4):
			pre = append(pre, "Ir.")
		case senior == 0 && chance(0.25):
			suf = append(suf, "A.Md.T.")
		default:
			suf = append(suf, "S.T.")
		}
		master(masterP, "M.T.", "M.T.", "M.M.")
	case "engd3":
		suf = append(suf, pick("A.Md.T.", "A.Md.T.", "A.Md.T.", "S.T."))
	case "edu":
		s1(oldDrs, "S.Pd.", "S.Pd.", "S.Pd.", "S.Pd.", "S.Pd.I.", "S.Si.")
		master(masterP+0.1, "M.Pd.")
	case "doctor":
		pre = append(pre, "dr.")
		master([]float64{0.05, 0.2, 0.5, 0.6}[senior], "M.Kes.", "M.Kes.", "M.M.")
	case "specialist":
		pre = append(pre, "dr.")
		suf = append(suf, pick("Sp.PD", "Sp.A", "Sp.OG", "Sp.B", "Sp.An", "Sp.Rad", "Sp.N"))
	case "dentist":
		pre = append(pre, "drg.")
	case "nursed3":
		suf = append(suf, "A.Md.Kep.")
	case "nurse":
		suf = append(suf, "S.Kep.", "Ns.")
	case "midwife":
		suf = append(suf, "A.Md.Keb.")
	case "midwife4":
		if chance(0.5) {
			suf = append(suf, "S.Tr.Keb.")
		} else {
			suf = append(suf, "S.Keb.", "Bd.")
		}
	case "pharm":
		pre = append(pre, "apt.")
		suf = append(suf, "S.Farm.")
		master(masterP/2, "M.Farm.")
	case "pharmd3":
		suf = append(suf, "A.Md.Farm.")
	case "health":
		suf = append(suf, "S.KM.")
		master(masterP, "M.Kes.")
	case "nutri":
		suf = append(suf, "A.Md.Gz.")
	case "sanit":
		suf = append(suf, "A.Md.KL.")
	case "lab":
		suf = append(suf, "A.Md.AK.")
	case "rm":
		suf = append(suf, "A.Md.RMIK")
	case "rad":
		suf = append(suf, "A.Md.Rad.")
	case "physio":
		suf = append(suf, "A.Md.Ftr.")
	case "social":
		s1(oldDrs, "S.Sos.", "S.Sos.", "S.Tr.Sos.", "S.Psi.")
		master(masterP, "M.Si.")
	case "comm":
		suf = append(suf, pick("S.I.Kom.", "S.Sos.", "S.I.Kom."))
		master(masterP, "M.I.Kom.", "M.Si.")
	case "satpol":
		switch x := r.Float64(); {
		case x < 0.5:
		case x < 0.6:
			suf = append(suf, "A.Md.")
		default:
			suf = append(suf, pick("S.H.", "S.Sos."))
		}
	case "arsip":
		switch x := r.Float64(); {
		case x < 0.3:
		case x < 0.8:
			suf = append(suf, "A.Md.")
		default:
			suf = append(suf, "S.Sos.")
		}
	default:
		panic("demo: unknown title family " + edu)
	}
	// A doctorate, for some heads of OPD.
	if senior == 3 && len(pre) == 0 && len(suf) > 0 && chance(0.12) {
		pre = append(pre, "Dr.")
		if len(suf) == 1 {
			suf = append(suf, "M.Si.")
		}
	}
	// Those who made the hajj often write it.
	hajj := 0.08
	if senior >= 1 {
		hajj = 0.2
	}
	if by <= 1982 && chance(hajj) {
		if female {
			pre = append(pre, "Hj.")
		} else {
			pre = append(pre, "H.")
		}
	}
	return pre, suf
}

// prevOpt is a possible earlier position.
type prevOpt struct {
	title, opd string
	unique     bool // held by one person at a time
}

func (p prevOpt) key() string { return p.title + "@" + p.opd }

// histories gives about historyShare of the employees an earlier position
// (transfer or promotion), 1 to 4 years before AsOf.
func (g *generator) histories() {
	r := g.r
	target := int(float64(len(g.ds.Employees))*historyShare + 0.5)
	cutoff := date(2019, 6)
	var eligible []int
	for i, m := range g.meta {
		if !m.pppk && !m.appointed.After(cutoff) {
			eligible = append(eligible, i)
		}
	}
	r.Shuffle(len(eligible), func(a, b int) { eligible[a], eligible[b] = eligible[b], eligible[a] })
	done := 0
	for _, i := range eligible {
		if done == target {
			break
		}
		opts := g.prevOptions(i)
		r.Shuffle(len(opts), func(a, b int) { opts[a], opts[b] = opts[b], opts[a] })
		for _, opt := range opts {
			if opt.unique && g.claimed[opt.key()] {
				continue
			}
			m := &g.meta[i]
			e := &g.ds.Employees[i]
			cur := g.monthIn(date(2020, 6), date(2023, 6))
			cur = later(cur, m.minFrom)
			prev := g.monthIn(later(m.appointed, cur.AddDate(0, -96, 0)), cur.AddDate(0, -12, 0))
			e.Positions = []Position{
				{Jabatan: opt.title, OPDCode: opt.opd, From: prev},
				{Jabatan: e.Positions[0].Jabatan, OPDCode: e.Positions[0].OPDCode, From: cur},
			}
			if opt.unique {
				g.claimed[opt.key()] = true
				m.prevUnique = opt
				// The present holder took over on or after the move.
				g.pushHolder(opt, cur)
			}
			done++
			break
		}
	}
}

// pushHolder makes the present holder of the unique position p start no
// earlier than t, and so on down the chain: if that holder left a unique
// position of their own, its present holder starts no earlier either.
func (g *generator) pushHolder(p prevOpt, t time.Time) {
	h := g.holder(p.title, p.opd)
	if h < 0 {
		return
	}
	m := &g.meta[h]
	m.minFrom = later(m.minFrom, t)
	e := &g.ds.Employees[h]
	last := &e.Positions[len(e.Positions)-1]
	if !last.From.Before(t) {
		return
	}
	last.From = t
	if m.prevUnique.unique {
		g.pushHolder(m.prevUnique, t)
	}
}

// holder returns the index of the employee whose current position is title
// in unit opd, or -1.
func (g *generator) holder(title, opd string) int {
	for i, e := range g.ds.Employees {
		if c := e.Current(); c.Jabatan == title && c.OPDCode == opd {
			return i
		}
	}
	return -1
}

// uniqueTitles returns the unique positions (head and fixed) of a unit.
func uniqueTitles(s *opdSpec) []string {
	out := []string{s.head}
	for _, j := range s.fixed {
		out = append(out, j.title)
	}
	return out
}

// lowerGrade returns the title one grade below a functional position
// ("Perawat Mahir" → "Perawat Terampil"), or "".
func lowerGrade(title string) string {
	for _, p := range [][2]string{
		{" Ahli Madya", " Ahli Muda"}, {" Ahli Muda", " Ahli Pertama"},
		{" Penyelia", " Mahir"}, {" Mahir", " Terampil"},
	} {
		if base, ok := strings.CutSuffix(title, p[0]); ok {
			return base + p[1]
		}
	}
	return ""
}

// prevOptions lists plausible earlier positions of employee i.
func (g *generator) prevOptions(i int) []prevOpt {
	m := g.meta[i]
	s := m.spec
	title := m.j.title
	var opts []prevOpt
	unique := func(t, opd string) {
		if opd != s.Code || t != title {
			opts = append(opts, prevOpt{title: t, opd: opd, unique: true})
		}
	}
	plain := func(t, opd string) { opts = append(opts, prevOpt{title: t, opd: opd}) }
	others := func(match func(*opdSpec) bool) []*opdSpec {
		var out []*opdSpec
		for k := range opdSpecs {
			o := &opdSpecs[k]
			if o.Code != s.Code && match(o) {
				out = append(out, o)
			}
		}
		return out
	}
	isKind := func(kinds ...string) func(*opdSpec) bool {
		return func(o *opdSpec) bool {
			for _, k := range kinds {
				if o.Kind == k {
					return true
				}
			}
			return false
		}
	}
	hasFixed := func(t string) func(*opdSpec) bool {
		return func(o *opdSpec) bool {
			for _, j := range o.fixed {
				if j.title == t {
					return true
				}
			}
			return false
		}
	}
	hasPool := func(t string) func(*opdSpec) bool {
		return func(o *opdSpec) bool { _, ok := findJab(o.pool, t); return ok }
	}
	isSchool := func(o *opdSpec) bool { return o.group == groupSchool }
	isPuskesmas := func(o *opdSpec) bool { return o.Kind == KindUPTD && o.group == groupHealth }
	// Sekretaris of another dinas or badan.
	secretaries := func() {
		for _, o := range others(isKind(KindDinas, KindBadan)) {
			if len(o.fixed) > 0 && strings.HasPrefix(o.fixed[0].title, "Sekretaris") {
				unique(o.fixed[0].title, o.Code)
			}
		}
	}
	kasubbag := func() {
		for _, o := range others(hasFixed(titleKasubbagUmum)) {
			unique(titleKasubbagUmum, o.Code)
		}
	}
	headsOf := func(match func(*opdSpec) bool) {
		for _, o := range others(match) {
			unique(o.head, o.Code)
		}
	}

	switch {
	case m.head && s.ParentCode == "":
		switch {
		case s.Kind == KindKecamatan:
			for _, o := range others(isKind(KindKecamatan)) {
				unique(titleSekcam, o.Code)
			}
			unique("Kepala Bagian Pemerintahan", "1.01.01")
			headsOf(isKind(KindKecamatan))
		case s.group == groupHealth:
			unique("Kepala Bidang Pelayanan Kesehatan", "2.02.01")
			unique("Wakil Direktur Pelayanan", "5.01")
			headsOf(isPuskesmas)
		case s.Code == "1.01":
			unique("Asisten Administrasi Umum", "1.01")
			unique("Asisten Pemerintahan dan Kesejahteraan Rakyat", "1.01")
			headsOf(isKind(KindBadan))
		default:
			secretaries()
			headsOf(isKind(KindDinas, KindBadan))
			unique("Asisten Perekonomian dan Pembangunan", "1.01")
		}
	case m.head:
		switch {
		case isSchool(s):
			for _, o := range others(isSchool) {
				plain("Guru Ahli Madya", o.Code)
			}
		case isPuskesmas(s):
			for _, o := range others(isPuskesmas) {
				plain("Dokter Ahli Muda", o.Code)
			}
		case s.Kind == KindKelurahan:
			for _, o := range others(isKind(KindKecamatan)) {
				unique(titleKasiPem, o.Code)
			}
			for _, o := range others(isKind(KindKelurahan)) {
				unique(titleSeklur, o.Code)
			}
		default: // bagian, bidang
			kasubbag()
			plain("Analis Kebijakan Ahli Muda", s.Code)
		}
	case m.fixed && m.j.senior >= 2:
		switch {
		case strings.HasPrefix(title, "Asisten"), strings.HasPrefix(title, "Staf Ahli"):
			headsOf(isKind(KindDinas, KindBadan))
		case title == titleSekcam:
			for _, o := range others(isKind(KindKecamatan)) {
				unique(titleKasiPem, o.Code)
			}
			headsOf(isKind(KindKelurahan))
		case strings.HasPrefix(title, "Inspektur Pembantu"):
			plain("Auditor Ahli Madya", s.Code)
		case strings.HasPrefix(title, "Wakil Direktur"):
			unique("Kepala Bidang Pelayanan Kesehatan", "2.02.01")
			headsOf(isPuskesmas)
		default:
			kasubbag()
			headsOf(isKind(KindKecamatan))
			plain("Analis Kebijakan Ahli Muda", s.Code)
		}
	case m.fixed:
		if s.group == groupWilayah {
			for _, o := range others(isKind(KindKelurahan)) {
				unique(titleSeklur, o.Code)
				plain("Penata Layanan Operasional", o.Code)
			}
		} else {
			for _, o := range others(hasPool("Penata Layanan Operasional")) {
				if o.group == groupUmum {
					plain("Penata Layanan Operasional", o.Code)
				}
			}
		}
	default:
		if lower := lowerGrade(title); lower != "" && g.r.IntN(10) < 6 {
			return []prevOpt{{title: lower, opd: s.Code}}
		}
		switch {
		case s.group == groupSchool || s.group == groupHealth || s.group == groupWilayah:
			for _, o := range others(hasPool(title)) {
				if o.group == s.group {
					plain(title, o.Code)
				}
			}
		default:
			if _, generic := findJab(genericPool, title); generic {
				for _, o := range others(hasPool(title)) {
					if o.group == groupUmum {
						plain(title, o.Code)
					}
				}
			} else {
				for _, o := range others(hasPool("Pengadministrasi Perkantoran")) {
					if o.group == groupUmum {
						plain(pickStr(g.r, "Pengadministrasi Perkantoran", "Pengelola Keuangan", "Penata Layanan Operasional"), o.Code)
					}
				}
			}
		}
		if lower := lowerGrade(title); lower != "" && len(opts) == 0 {
			plain(lower, s.Code)
		}
	}
	return opts
}

func pickStr(r *rand.Rand, xs ...string) string { return xs[r.IntN(len(xs))] }

// contacts sets the e-mail, phone and accounts of employee i.
func (g *generator) contacts(i int) {
	r := g.r
	m := g.meta[i]
	e := &g.ds.Employees[i]
	toks := nameTokens(m.plain)
	yy := fmt.Sprintf("%02d", m.birth.Year()%100)

	// E-mail: work address, personal address or none.
	var local, domain string
	switch x := r.Float64(); {
	case x < 0.2:
	case x < 0.8:
		local, domain = strings.Join(toks, "."), workDomain
		if len(toks) == 1 {
			local += yy
		}
	default:
		local, domain = strings.Join(toks, "")+yy, personalDomain
	}
	if local != "" {
		addr := local + "@" + domain
		for n := 2; g.usedEmail[addr]; n++ {
			addr = fmt.Sprintf("%s%d@%s", local, n, domain)
		}
		g.usedEmail[addr] = true
		e.Email = addr
	}

	// Phone: Indonesian mobile number, 11 to 13 digits.
	if r.IntN(100) < 96 {
		ops := []string{"11", "12", "13", "21", "22", "23", "52", "53", "14", "15", "16", "56", "57", "58",
			"17", "18", "19", "59", "77", "78", "81", "82", "83", "85", "87", "88", "95", "96", "97", "98", "99"}
		for {
			n := 8 // digits after "08xx"
			switch x := r.IntN(100); {
			case x < 15:
				n = 7
			case x >= 85:
				n = 9
			}
			var b strings.Builder
			b.WriteString("08" + ops[r.IntN(len(ops))])
			for range n {
				b.WriteByte(byte('0' + r.IntN(10)))
			}
			if p := b.String(); !g.usedPhone[p] {
				g.usedPhone[p] = true
				e.Phone = p
				break
			}
		}
	}

	// Accounts.
	n := 0
	if m.seed != nil {
		e.Accounts = append(e.Accounts, newAccount(m.seed.platform, m.seed.handle, m.seed.verified))
		if r.IntN(100) < 30 {
			n = 1
		}
	} else if r.IntN(100) < 58 {
		switch x := r.IntN(100); {
		case x < 55:
			n = 1
		case x < 85:
			n = 2
		default:
			n = 3
		}
	}
	young := m.birth.Year() >= 1988
	for range n {
		p := g.platform(e.Accounts, young)
		h := g.handle(i, p, toks, yy)
		e.Accounts = append(e.Accounts, newAccount(p, h, r.IntN(100) < 55))
	}
}

func newAccount(platform, handle string, verified bool) Account {
	url := map[string]string{
		PlatformInstagram: "https://www.instagram.com/" + handle,
		PlatformFacebook:  "https://www.facebook.com/" + handle,
		PlatformX:         "https://x.com/" + handle,
		PlatformTikTok:    "https://www.tiktok.com/@" + handle,
	}[platform]
	return Account{Platform: platform, Handle: handle, URL: url, Verified: verified}
}

// platform draws a platform the employee has no account on yet.
func (g *generator) platform(have []Account, young bool) string {
	type pw struct {
		p string
		w int
	}
	weights := []pw{{PlatformFacebook, 55}, {PlatformInstagram, 30}, {PlatformTikTok, 8}, {PlatformX, 7}}
	if young {
		weights = []pw{{PlatformFacebook, 25}, {PlatformInstagram, 40}, {PlatformTikTok, 25}, {PlatformX, 10}}
	}
	total := 0
	var avail []pw
	for _, x := range weights {
		taken := false
		for _, a := range have {
			taken = taken || a.Platform == x.p
		}
		if !taken {
			avail = append(avail, x)
			total += x.w
		}
	}
	n := g.r.IntN(total)
	for _, x := range avail {
		if n < x.w {
			return x.p
		}
		n -= x.w
	}
	panic("unreachable")
}

// handle returns a handle for employee i on platform, derived from the name,
// that no other employee uses on any platform.
func (g *generator) handle(i int, platform string, toks []string, yy string) string {
	r := g.r
	m := g.meta[i]
	// Reuse a handle the employee already has, as people often do.
	for _, a := range g.ds.Employees[i].Accounts {
		if h, ok := fitHandle(platform, a.Handle); ok && h == a.Handle && r.IntN(100) < 40 {
			return h
		}
	}
	first, last := toks[0], ""
	if len(toks) > 1 {
		last = toks[len(toks)-1]
	}
	honor := "pak"
	if m.female {
		honor = "bu"
	}
	var pats []string
	if last != "" {
		pats = append(pats, first+"."+last, first+last, first+"_"+last, first+"."+last+yy,
			first+"."+last[:1], first+last+yy)
	}
	pats = append(pats, first+yy, first+"."+m.spec.short, first+"_"+m.spec.short, honor+"."+first, first+".th")
	start := r.IntN(len(pats))
	if last != "" && r.IntN(2) == 0 {
		start = r.IntN(3) // the plain forms are the most common
	}
	free := func(h string) bool { o, ok := g.handleOwner[h]; return !ok || o == i }
	for k := range pats {
		if h, ok := fitHandle(platform, pats[(start+k)%len(pats)]); ok && free(h) {
			g.handleOwner[h] = i
			return h
		}
	}
	base := pats[start]
	for n := 1; ; n++ {
		if h, ok := fitHandle(platform, fmt.Sprintf("%s%d", base, n)); ok && free(h) {
			g.handleOwner[h] = i
			return h
		}
		if n > 999 {
			base = first
		}
	}
}

// fitHandle adapts h to a platform's user-name rules and reports whether the
// result is acceptable: X allows letters, digits and "_" (4–15 characters),
// Facebook letters, digits and "." (at least 5), Instagram up to 30 and
// TikTok up to 24 characters of letters, digits, "." and "_".
func fitHandle(platform, h string) (string, bool) {
	switch platform {
	case PlatformX:
		h = strings.ReplaceAll(h, ".", "_")
	case PlatformFacebook:
		h = strings.ReplaceAll(h, "_", ".")
	}
	return h, validHandle(platform, h)
}

// validHandle reports whether h is a valid user name on platform.
func validHandle(platform, h string) bool {
	minLen, maxLen, extra := 1, 30, "._"
	switch platform {
	case PlatformX:
		minLen, maxLen, extra = 4, 15, "_"
	case PlatformFacebook:
		minLen, maxLen, extra = 5, 50, "."
	case PlatformTikTok:
		minLen, maxLen = 2, 24
	}
	if len(h) < minLen || len(h) > maxLen || strings.HasPrefix(h, ".") || strings.HasSuffix(h, ".") || strings.Contains(h, "..") {
		return false
	}
	for _, c := range h {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.ContainsRune(extra, c)) {
			return false
		}
	}
	return true
}

// users creates one login per role.
func (g *generator) users() {
	ds := g.ds
	byTitle := func(title, opd string) Employee {
		h := g.holder(title, opd)
		if h < 0 {
			panic("demo: nobody is " + title + " in " + opd)
		}
		return ds.Employees[h]
	}
	bySeed := func(handle string) (Employee, member) {
		i, ok := g.handleOwner[handle]
		if !ok {
			panic("demo: no employee with handle " + handle)
		}
		return ds.Employees[i], g.meta[i]
	}
	staffUser := func(username, role string, e Employee) User {
		return User{Username: username, FullName: e.Name, Role: role, EmployeeNIP: e.NIP}
	}
	kepala := func(username, opd string) User {
		u := staffUser(username, RoleKepalaOPD, byTitle(HeadTitle(opd), opd))
		u.OPDCode = opd
		return u
	}
	asn := func(handle string) User {
		e, m := bySeed(handle)
		return staffUser(strings.Join(nameTokens(m.plain), "."), RoleASN, e)
	}
	bawaslu := g.uniqueName(false, "")
	ds.Users = []User{
		{Username: "admin", FullName: "Administrator Sistem", Role: RoleAdmin},
		staffUser("ketua.tim", RoleTim, byTitle(HeadTitle("3.03"), "3.03")),
		staffUser("anggota.tim1", RoleTim, byTitle("Kepala Bidang Mutasi dan Promosi", "3.03")),
		staffUser("anggota.tim2", RoleTim, byTitle("Kepala Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan", "3.04")),
		staffUser("inspektorat", RoleInspektorat, byTitle("Inspektur Pembantu Wilayah I", "1.03")),
		kepala("kadis.pupr", "2.03"),
		kepala("kadis.sosial", "2.04"),
		staffUser("sekda", RolePimpinan, byTitle(HeadTitle("1.01"), "1.01")),
		{Username: "bawaslu", FullName: bawaslu + ", S.H.", Role: RoleBawaslu},
		asn("yuni.kominfo"),
		asn("fauzan.hakim"),
	}
}

// Date helpers. All dates are the 1st of a month, 00:00 UTC.

func date(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }

func daysIn(y int, m time.Month) int { return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day() }

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// monthIn returns a random 1st of the month between a and b inclusive (a when
// b is before a).
func (g *generator) monthIn(a, b time.Time) time.Time {
	a, b = date(a.Year(), a.Month()), date(b.Year(), b.Month())
	n := (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
	if n <= 0 {
		return a
	}
	return a.AddDate(0, g.r.IntN(n+1), 0)
}
