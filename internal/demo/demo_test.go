package demo

import (
	"bufio"
	"encoding/json"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/nip"
	"github.com/netral-asn/netral/internal/wilayah"
)

func TestDeterministic(t *testing.T) {
	a, b := Generate(), Generate()
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two calls of Generate returned different data")
	}
	// The result is a fresh copy.
	a.Employees[0].Name = "changed"
	a.Employees[0].Positions[0].Jabatan = "changed"
	if c := Generate(); c.Employees[0].Name == "changed" || c.Employees[0].Positions[0].Jabatan == "changed" {
		t.Error("Generate shares data between calls")
	}
}

func share(n, total int) float64 { return float64(n) / float64(total) }

func TestSummary(t *testing.T) {
	ds := Generate()
	rg, ok := wilayah.Lookup(ds.RegionCode)
	if !ok || !rg.Fictional || rg.Name != ds.RegionName || ds.RegionCode != RegionCode || ds.RegionName != RegionName {
		t.Errorf("region %s %q does not match package wilayah (%+v)", ds.RegionCode, ds.RegionName, rg)
	}
	// The package documentation states these numbers.
	total := len(ds.Employees)
	if len(ds.OPDs) != 44 || total != 400 || len(seedPeople) != 16 {
		t.Errorf("%d OPDs, %d employees, %d development-set handles; the package documentation says 44, 400, 16",
			len(ds.OPDs), total, len(seedPeople))
	}
	var pppk, history, withAccount, accounts, noEmail, noPhone int
	perPlatform := map[string]int{}
	perKind := map[string]int{}
	for _, e := range ds.Employees {
		if e.Kind == PPPK {
			pppk++
		}
		if len(e.Positions) > 1 {
			history++
		}
		if len(e.Accounts) > 0 {
			withAccount++
		}
		accounts += len(e.Accounts)
		for _, a := range e.Accounts {
			perPlatform[a.Platform]++
		}
		if e.Email == "" {
			noEmail++
		}
		if e.Phone == "" {
			noPhone++
		}
	}
	for _, o := range ds.OPDs {
		perKind[o.Kind]++
	}
	if s := share(pppk, total); s < 0.25 || s > 0.35 {
		t.Errorf("PPPK share %.2f, want about 0.30", s)
	}
	if s := share(history, total); s < 0.20 || s > 0.30 {
		t.Errorf("share with an earlier position %.2f, want 0.20–0.30", s)
	}
	if s := share(withAccount, total); s < 0.55 || s > 0.65 {
		t.Errorf("share with accounts %.2f, want about 0.60", s)
	}
	if noEmail == 0 || share(noEmail, total) > 0.3 {
		t.Errorf("%d employees without e-mail, want some but not most", noEmail)
	}
	for _, p := range []string{PlatformFacebook, PlatformInstagram, PlatformTikTok, PlatformX} {
		if perPlatform[p] == 0 {
			t.Errorf("no %s accounts", p)
		}
	}
	t.Logf("OPDs %d %v; employees %d (PNS %d, PPPK %d); with earlier position %d; "+
		"with accounts %d (%d accounts %v); without e-mail %d, without phone %d; users %d",
		len(ds.OPDs), perKind, total, total-pppk, pppk, history, withAccount, accounts, perPlatform,
		noEmail, noPhone, len(ds.Users))
}

func TestOPDTree(t *testing.T) {
	ds := Generate()
	kinds := map[string]bool{
		KindSekretariat: true, KindInspektorat: true, KindDinas: true, KindBadan: true, KindSatuan: true,
		KindRSUD: true, KindKecamatan: true, KindBagian: true, KindBidang: true, KindUPTD: true, KindKelurahan: true,
	}
	code := regexp.MustCompile(`^[1-9]\.\d{2}(\.\d{2})?$`)
	byCode := map[string]OPD{}
	for i, o := range ds.OPDs {
		if _, dup := byCode[o.Code]; dup {
			t.Errorf("duplicate OPD code %s", o.Code)
		}
		byCode[o.Code] = o
		if !code.MatchString(o.Code) || o.Name == "" || !kinds[o.Kind] {
			t.Errorf("bad OPD %+v", o)
		}
		if i > 0 && ds.OPDs[i-1].Code >= o.Code {
			t.Errorf("OPDs not in code order at %s", o.Code)
		}
		if o.ParentCode != "" {
			if _, ok := byCode[o.ParentCode]; !ok {
				t.Errorf("%s: parent %s missing or listed after it", o.Code, o.ParentCode)
			}
			if !strings.HasPrefix(o.Code, o.ParentCode+".") {
				t.Errorf("%s: code does not extend parent %s", o.Code, o.ParentCode)
			}
		}
		if got, ok := ds.OPDByCode(o.Code); !ok || got != o {
			t.Errorf("OPDByCode(%s) = %+v, %v", o.Code, got, ok)
		}
	}
	// No cycles: walking up from any unit ends at a top-level unit.
	for _, o := range ds.OPDs {
		seen := map[string]bool{}
		for c := o.Code; c != ""; c = byCode[c].ParentCode {
			if seen[c] {
				t.Fatalf("cycle through %s", c)
			}
			seen[c] = true
		}
	}
	// The structure the demo promises.
	for _, c := range []string{"1.01", "1.01.02", "1.01.04", "1.02", "1.03", "2.01", "2.02", "2.03", "2.04",
		"2.05", "2.06", "2.07", "3.01", "3.02", "3.03", "3.04", "5.01"} {
		if _, ok := byCode[c]; !ok {
			t.Errorf("missing OPD %s", c)
		}
	}
	count := func(kind, parentKind string) int {
		n := 0
		for _, o := range ds.OPDs {
			if o.Kind == kind && (parentKind == "" || byCode[o.ParentCode].Kind == parentKind) {
				n++
			}
		}
		return n
	}
	if count(KindBagian, KindSekretariat) < 3 || count(KindKecamatan, "") < 3 || count(KindKelurahan, KindKecamatan) < 3 ||
		count(KindUPTD, KindDinas) < 5 || count(KindBidang, KindDinas) < 3 {
		t.Error("OPD tree lacks bagian, kecamatan, kelurahan, UPTD or bidang")
	}
}

// TestNIPs checks every NIP with package nip (rules of domain-rules §7.3)
// and against the generation rules of this package.
func TestNIPs(t *testing.T) {
	ds := Generate()
	now := AsOf()
	seen := map[string]bool{}
	for _, e := range ds.Employees {
		if seen[e.NIP] {
			t.Errorf("duplicate NIP %s", e.NIP)
		}
		seen[e.NIP] = true
		n, probs, err := nip.Parse(e.NIP, now)
		if err != nil || len(probs) > 0 || n.Digits != e.NIP {
			t.Errorf("%s %s: %v %v", e.NIP, e.Name, err, probs)
			continue
		}
		if string(n.Kind) != e.Kind {
			t.Errorf("%s: kind %s, NIP reads as %s", e.NIP, e.Kind, n.Kind)
		}
		if y := n.BirthDate.Year(); y < 1965 || y > 2000 {
			t.Errorf("%s: birth year %d outside 1965–2000", e.NIP, y)
		}
		female, ok := genderOf(plainName(e.Name))
		if !ok {
			t.Errorf("%s: gender of %q unknown", e.NIP, e.Name)
		} else if female != (n.Gender == nip.Female) {
			t.Errorf("%s: gender digit %d does not match %q", e.NIP, n.Gender, e.Name)
		}
		switch e.Kind {
		case PNS:
			if n.Appointed.Before(n.BirthDate.AddDate(18, 0, 0)) || n.Appointed.After(now) {
				t.Errorf("%s: TMT CPNS %s not between age 18 and %s", e.NIP, n.Appointed.Format("2006-01"), now.Format("2006-01-02"))
			}
		case PPPK:
			if y := n.Appointed.Year(); y < 2019 || y > now.Year() || e.NIP[12:14] != "21" {
				t.Errorf("%s: PPPK appointment %d code %s", e.NIP, y, e.NIP[12:14])
			}
		default:
			t.Errorf("%s: kind %q", e.NIP, e.Kind)
		}
		if got, ok := ds.EmployeeByNIP(e.NIP); !ok || got.Name != e.Name {
			t.Errorf("EmployeeByNIP(%s) failed", e.NIP)
		}
	}
}

func TestPositions(t *testing.T) {
	ds := Generate()
	now := AsOf()
	opds := map[string]bool{}
	for _, o := range ds.OPDs {
		opds[o.Code] = true
	}
	for _, e := range ds.Employees {
		if len(e.Positions) == 0 || len(e.Positions) > 2 {
			t.Errorf("%s: %d positions", e.NIP, len(e.Positions))
			continue
		}
		n, _, err := nip.Parse(e.NIP, now)
		if err != nil {
			continue // reported by TestNIPs
		}
		appointed := n.Appointed
		if e.Kind == PNS {
			appointed = time.Date(appointed.Year(), appointed.Month(), 1, 0, 0, 0, 0, time.UTC)
		}
		for i, p := range e.Positions {
			if !opds[p.OPDCode] {
				t.Errorf("%s: position in unknown OPD %q", e.NIP, p.OPDCode)
			}
			if strings.TrimSpace(p.Jabatan) == "" {
				t.Errorf("%s: empty jabatan", e.NIP)
			}
			if p.From.Day() != 1 || p.From.Location() != time.UTC || p.From.After(now) || p.From.Before(appointed) {
				t.Errorf("%s: position from %s (appointed %s)", e.NIP, p.From, appointed)
			}
			if i > 0 {
				prev := e.Positions[i-1]
				if !prev.From.Before(p.From) {
					t.Errorf("%s: positions not oldest first", e.NIP)
				}
				if prev.OPDCode == p.OPDCode && prev.Jabatan == p.Jabatan {
					t.Errorf("%s: earlier position equals the current one", e.NIP)
				}
			}
		}
		if len(e.Positions) == 2 {
			cur := e.Current().From
			if cur.Before(now.AddDate(-4, 0, 0)) || cur.After(now.AddDate(-1, 0, 0)) {
				t.Errorf("%s: move on %s, want 1–4 years before %s", e.NIP, cur.Format("2006-01"), now.Format("2006-01"))
			}
		}
	}
	if (Employee{}).Current() != (Position{}) {
		t.Error("Current of an employee without positions is not zero")
	}
}

// TestUniquePositions checks that every head and other single-holder
// position has exactly one holder now, and never had two at once.
func TestUniquePositions(t *testing.T) {
	ds := Generate()
	type interval struct {
		from, to time.Time
		nip      string
	}
	held := map[string][]interval{}
	for _, e := range ds.Employees {
		for i, p := range e.Positions {
			to := AsOf().AddDate(100, 0, 0)
			if i+1 < len(e.Positions) {
				to = e.Positions[i+1].From
			}
			held[p.Jabatan+"@"+p.OPDCode] = append(held[p.Jabatan+"@"+p.OPDCode], interval{p.From, to, e.NIP})
		}
	}
	for i := range opdSpecs {
		s := &opdSpecs[i]
		for _, title := range uniqueTitles(s) {
			key := title + "@" + s.Code
			var current int
			ivs := held[key]
			for _, iv := range ivs {
				if iv.to.After(AsOf()) {
					current++
				}
			}
			if current != 1 {
				t.Errorf("%s has %d current holders, want 1", key, current)
			}
			sort.Slice(ivs, func(a, b int) bool { return ivs[a].from.Before(ivs[b].from) })
			for k := 1; k < len(ivs); k++ {
				if ivs[k].from.Before(ivs[k-1].to) {
					t.Errorf("%s held by %s and %s at once", key, ivs[k-1].nip, ivs[k].nip)
				}
			}
		}
		h, ok := ds.Head(s.Code)
		if !ok || h.Current().Jabatan != s.head || h.Current().OPDCode != s.Code || h.Kind != PNS {
			t.Errorf("Head(%s) = %s %+v, %v", s.Code, h.Name, h.Current(), ok)
		}
	}
	if _, ok := ds.Head("9.99"); ok || HeadTitle("9.99") != "" {
		t.Error("Head of an unknown OPD found")
	}
	if HeadTitle("2.04") != "Kepala Dinas Sosial" || HeadTitle("4.02") != "Camat Pasir Putih" {
		t.Error("unexpected head titles")
	}
}

func TestNames(t *testing.T) {
	ds := Generate()
	seen := map[string]bool{}
	wellFormed := regexp.MustCompile(`^((H|Hj|Dr|Drs|Dra|Ir|dr|drg|apt)\. )*[A-Z][a-z]+( [A-Z][a-z]+)*(, [A-Za-z.]+)*$`)
	for _, e := range ds.Employees {
		plain := plainName(e.Name)
		if !wellFormed.MatchString(e.Name) {
			t.Errorf("odd name %q", e.Name)
		}
		if seen[plain] {
			t.Errorf("two employees named %q", plain)
		}
		seen[plain] = true
		if blockedNames[strings.ToLower(plain)] {
			t.Errorf("employee %q shares a Pilkada candidate's name", e.Name)
		}
		female, _ := genderOf(plain)
		if strings.HasPrefix(e.Current().Jabatan, "Bidan") && !female {
			t.Errorf("male bidan %q", e.Name)
		}
		if strings.Contains(e.Name, "Dra.") && !female || strings.Contains(e.Name, "Drs.") && female ||
			strings.HasPrefix(e.Name, "Hj.") && !female || strings.Contains(e.Name, "H. ") && female {
			t.Errorf("title does not match gender: %q", e.Name)
		}
	}
	if got := plainName("Dra. Hj. Sri Wahyuni, M.Si."); got != "Sri Wahyuni" {
		t.Errorf("plainName = %q", got)
	}
}

func TestContacts(t *testing.T) {
	ds := Generate()
	phone := regexp.MustCompile(`^08\d{9,11}$`)
	email := regexp.MustCompile(`^[a-z0-9.]+@[a-z.]+\.example$`)
	emails, phones := map[string]bool{}, map[string]bool{}
	for _, e := range ds.Employees {
		if e.Email != "" {
			if !email.MatchString(e.Email) || emails[e.Email] {
				t.Errorf("%s: bad or duplicate e-mail %q", e.NIP, e.Email)
			}
			emails[e.Email] = true
		}
		if e.Phone != "" {
			if !phone.MatchString(e.Phone) || phones[e.Phone] {
				t.Errorf("%s: bad or duplicate phone %q", e.NIP, e.Phone)
			}
			phones[e.Phone] = true
		}
	}
}

func TestAccounts(t *testing.T) {
	ds := Generate()
	owner := map[string]string{} // handle → NIP
	urlPrefix := map[string]string{
		PlatformInstagram: "https://www.instagram.com/",
		PlatformFacebook:  "https://www.facebook.com/",
		PlatformX:         "https://x.com/",
		PlatformTikTok:    "https://www.tiktok.com/@",
	}
	for _, e := range ds.Employees {
		if len(e.Accounts) > 3 {
			t.Errorf("%s: %d accounts", e.NIP, len(e.Accounts))
		}
		platforms := map[string]bool{}
		for _, a := range e.Accounts {
			prefix, ok := urlPrefix[a.Platform]
			if !ok {
				t.Errorf("%s: platform %q", e.NIP, a.Platform)
				continue
			}
			if platforms[a.Platform] {
				t.Errorf("%s: two %s accounts", e.NIP, a.Platform)
			}
			platforms[a.Platform] = true
			if !validHandle(a.Platform, a.Handle) {
				t.Errorf("%s: invalid %s handle %q", e.NIP, a.Platform, a.Handle)
			}
			if a.URL != prefix+a.Handle {
				t.Errorf("%s: URL %q for handle %q", e.NIP, a.URL, a.Handle)
			}
			if a.Author() != "@"+a.Handle {
				t.Errorf("Author() = %q", a.Author())
			}
			// A handle belongs to one employee, on every platform.
			h := strings.ToLower(a.Handle)
			if o, ok := owner[h]; ok && o != e.NIP {
				t.Errorf("handle %q used by %s and %s", a.Handle, o, e.NIP)
			}
			owner[h] = e.NIP
		}
	}
}

// labelledAuthors reads the platform and author of every record of the
// screening development set, or skips the test when it is not available.
func labelledAuthors(t *testing.T) map[string]bool {
	f, err := os.Open("../../../shared/data/screening-dev/labelled.jsonl")
	if err != nil {
		t.Skipf("screening-dev set not available: %v", err)
	}
	defer f.Close()
	out := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var rec struct{ Platform, Author string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		out[rec.Platform+" "+rec.Author] = true
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestScreeningDevHandles(t *testing.T) {
	ds := Generate()
	if n := len(seedPeople); n < 12 || n > 20 {
		t.Errorf("%d development-set handles, want about 15", n)
	}
	found := map[string]Employee{}
	for _, e := range ds.Employees {
		for _, a := range e.Accounts {
			found[a.Platform+" "+a.Author()] = e
		}
	}
	for _, sp := range seedPeople {
		key := sp.platform + " @" + sp.handle
		e, ok := found[key]
		if !ok {
			t.Errorf("no demo account %s", key)
			continue
		}
		if e.Current().OPDCode != sp.opd || sp.jabatan != "" && e.Current().Jabatan != sp.jabatan {
			t.Errorf("%s belongs to %s, %+v", key, e.Name, e.Current())
		}
		if (e.Kind == PPPK) != sp.pppk {
			t.Errorf("%s: kind %s", key, e.Kind)
		}
	}
	authors := labelledAuthors(t)
	seeded := map[string]bool{}
	for _, sp := range seedPeople {
		key := sp.platform + " @" + sp.handle
		seeded[key] = true
		if !authors[key] {
			t.Errorf("%s is not an author in labelled.jsonl", key)
		}
	}
	// No other demo account may take an author handle of the set by chance,
	// or demos would attribute posts of non-employees to employees. (The
	// employee behind a seeded handle may reuse it on another platform.)
	seedOwner := map[string]string{} // "@handle" → NIP
	for key := range seeded {
		_, h, _ := strings.Cut(key, " ")
		seedOwner[h] = found[key].NIP
	}
	authorHandles := map[string]bool{}
	for k := range authors {
		_, h, _ := strings.Cut(k, " ")
		authorHandles[h] = true
	}
	for key, e := range found {
		_, h, _ := strings.Cut(key, " ")
		if authorHandles[h] && seedOwner[h] != e.NIP {
			t.Errorf("demo account %s (%s) collides with a development-set author", key, e.Name)
		}
	}
}

func TestUsers(t *testing.T) {
	ds := Generate()
	roles := map[string]int{}
	names := map[string]bool{}
	username := regexp.MustCompile(`^[a-z][a-z0-9.]*[a-z0-9]$`)
	for _, u := range ds.Users {
		if names[u.Username] || !username.MatchString(u.Username) {
			t.Errorf("bad or duplicate username %q", u.Username)
		}
		names[u.Username] = true
		roles[u.Role]++
		if u.FullName == "" {
			t.Errorf("%s: no full name", u.Username)
		}
		if u.EmployeeNIP != "" {
			e, ok := ds.EmployeeByNIP(u.EmployeeNIP)
			if !ok || e.Name != u.FullName {
				t.Errorf("%s: linked to unknown employee %s", u.Username, u.EmployeeNIP)
			}
		}
		switch u.Role {
		case RoleKepalaOPD:
			h, ok := ds.Head(u.OPDCode)
			if !ok || h.NIP != u.EmployeeNIP {
				t.Errorf("%s: kepala_opd of %q is not linked to its head", u.Username, u.OPDCode)
			}
		case RoleASN:
			if u.EmployeeNIP == "" || u.OPDCode != "" {
				t.Errorf("%s: asn user %+v", u.Username, u)
			}
		case RolePimpinan:
			if h, _ := ds.Head("1.01"); h.NIP != u.EmployeeNIP {
				t.Errorf("%s: pimpinan is not the Sekretaris Daerah", u.Username)
			}
		case RoleAdmin, RoleBawaslu:
			if u.EmployeeNIP != "" || u.OPDCode != "" {
				t.Errorf("%s: %+v", u.Username, u)
			}
		}
		if u.Role != RoleKepalaOPD && u.OPDCode != "" {
			t.Errorf("%s: OPD scope on role %s", u.Username, u.Role)
		}
	}
	want := map[string]int{RoleAdmin: 1, RoleTim: 3, RoleInspektorat: 1, RoleKepalaOPD: 2, RolePimpinan: 1, RoleBawaslu: 1, RoleASN: 2}
	if !reflect.DeepEqual(roles, want) {
		t.Errorf("roles %v, want %v", roles, want)
	}
	if _, ok := names["admin"]; !ok {
		t.Error(`no user "admin"`)
	}
}
