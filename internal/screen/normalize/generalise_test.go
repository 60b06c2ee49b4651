package normalize

import "testing"

// TestGluedWords: account names written without spaces are split into
// known words when one of them is a name being searched for; ordinary
// unknown words, capitalised personal names and known words are not.
func TestGluedWords(t *testing.T) {
	n := New(Options{Known: []string{"prabowo", "gibran", "ganjar", "pranowo", "untung", "prasetyo", "ratna", "sari", "hendra", "mahfud"}})
	cases := []struct{ in, want string }{
		{"relawanprabowogibran.bekasi: Terima kasih", "relawan prabowo gibran bekasi terima kasih"},
		{"ganjarpranowo: Pagi ini", "ganjar pranowo pagi ini"},
		{"untungprasetyo.official", "untung prasetyo official"},
		{"relawanganjarmahfud_sukamaju posko", "relawan ganjar mahfud sukamaju posko"},
		{"dukung prabowogibran", "dukung prabowogibran"}, // running text, not an account name
		// hard negatives
		{"Bu Ratnasari guru kami", "bu ratnasari guru kami"},       // a capitalised personal name
		{"Pak Hendrawan pensiun", "pak hendrawan pensiun"},         // idem
		{"Ratnasari: selamat pagi", "ratnasari selamat pagi"},      // idem, as a speaker
		{"pembangunan berkelanjutan", "pembangunan berkelanjutan"}, // known words
		{"xyzqwertyuiop: ok", "xyzqwertyuiop ok"},                  // nothing to split into
		{"kebersamaankeluarga: ok", "kebersamaankeluarga ok"},      // known parts, but no name among them
		{"semangatpagi semuanya", "semangatpagi semuanya"},         // idem
	}
	for _, c := range cases {
		if got := n.String(c.in); got != c.want {
			t.Errorf("%q → %q, want %q", c.in, got, c.want)
		}
	}
	// The parts map back to their own bytes.
	in := "ganjarpranowo: ok"
	var tx Text
	n.Normalize(&tx, in)
	for i, want := range []string{"ganjar", "pranowo"} {
		a, b := tx.OrigSpan(int(tx.Toks[i].NStart), int(tx.Toks[i].NEnd))
		if in[a:b] != want {
			t.Errorf("part %d maps to %q, want %q", i, in[a:b], want)
		}
	}
}

// TestSpacedCapitals: letters written apart in capitals keep the
// all-capitals flag ("A.M.I.N", "U N U R"), so acronyms are read as such.
func TestSpacedCapitals(t *testing.T) {
	for _, c := range []struct {
		in, word string
		caps     bool
	}{
		{"A.M.I.N 2024", "amin", true},
		{"U N U R pasti", "unur", true},
		{"H-E-R-A", "hera", true},
		{"a.m.i.n", "amin", false},
		{"P r a b o w o", "prabowo", false},
	} {
		var tx Text
		testNorm.Normalize(&tx, c.in)
		if len(tx.Toks) == 0 || string(tx.Word(0)) != c.word {
			t.Errorf("%q → %q, want first word %q", c.in, tx.Norm, c.word)
			continue
		}
		if got := tx.Toks[0].Flags&FlagAllCaps != 0; got != c.caps {
			t.Errorf("%q: all-caps %v, want %v", c.in, got, c.caps)
		}
	}
}

// TestRegionalWords: Javanese and Sundanese words common in campaign talk.
func TestRegionalWords(t *testing.T) {
	cases := []struct{ in, want string }{
		{"nomer loro", "nomor 2"},
		{"coblos siji", "coblos 1"},
		{"salam tilu jari", "salam 3 jari"},
		{"mugi-mugi dados bupati", "semoga semoga jadi bupati"},
		{"Pak Ganjar dadi presiden", "pak ganjar jadi presiden"},
		{"wis kebukti", "sudah terbukti"},
		{"ulah milih nu korupsi", "jangan memilih nu korupsi"},
		{"sopo maneh nek ora", "siapa lagi kalau tidak"},
		{"sing penting rukun", "yang penting rukun"},
		{"Info lalin hari ini", "info lalu lintas hari ini"},
		{"laporin aja", "laporkan saja"},
		// hard negatives: the same words in other senses stay
		{"ulah oknum", "ulah oknum"},
		{"nek saya sakit", "nek saya sakit"},
		{"sing a song", "sing a song"},
	}
	for _, c := range cases {
		if got := testNorm.String(c.in); got != c.want {
			t.Errorf("%q → %q, want %q", c.in, got, c.want)
		}
	}
}

// TestOldSpelling: names in the spelling used before 1972 (kept by many
// KPU names) and in today's spelling normalise alike.
func TestOldSpelling(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Soeparto", "suparto"},
		{"Suparto", "suparto"},
		{"Arinal Djunaidi", "arinal junaidi"},
		{"Tri Adhianto Tjahyono", "tri adhianto cahyono"},
		{"Noegroho Loebis", "nugroho lubis"},
		{"tdjj", "cj"},
		// words of the vocabulary keep their spelling
		{"aamiin", "aamiin"},
	}
	for _, c := range cases {
		got := testNorm.String(c.in)
		if got != c.want {
			t.Errorf("%q → %q, want %q", c.in, got, c.want)
		}
		if again := testNorm.String(got); again != got {
			t.Errorf("%q: not idempotent: %q → %q", c.in, got, again)
		}
	}
}

// TestAtForA: '@' between letters reads as 'a' ("G@njar"); e-mail
// addresses and handles keep it.
func TestAtForA(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Fix pilih G@njar", "fix pilih ganjar"},
		{"Pr@bowo-Gibr@n lanjutkan", "prabowo gibran lanjutkan"},
		{"budi@gmail.com ok", "budi gmail com ok"},
		{"@timnas.amin", "timnas amin"},
		{"ok @ nanti", "ok nanti"},
	}
	for _, c := range cases {
		if got := testNorm.String(c.in); got != c.want {
			t.Errorf("%q → %q, want %q", c.in, got, c.want)
		}
	}
	in := "pilih G@njar!"
	var tx Text
	testNorm.Normalize(&tx, in)
	if a, b := tx.OrigSpan(int(tx.Toks[1].NStart), int(tx.Toks[1].NEnd)); in[a:b] != "G@njar" {
		t.Errorf("maps to %q", in[a:b])
	}
}
