package election

import (
	"slices"
	"strings"
	"testing"
)

// Real names from the KPU Pilkada 2024 list (shared/data/kpu-pilkada2024).
func TestParseName(t *testing.T) {
	tests := []struct {
		official, clean, call string
		nicks                 []string
	}{
		{"Tgk. H. M. FADHIL RAHMI, Lc., M.Ag.", "M. Fadhil Rahmi", "Fadhil", nil},
		{"BUSTAMI HAMZAH, S.E., M.Si.", "Bustami Hamzah", "Bustami", nil},
		{"H. RANO KARNO, S.IP. (SI DOEL)", "Rano Karno", "Rano", []string{"Si Doel"}},
		{"Dr. Ir. PRAMONO ANUNG WIBOWO, M.M.", "Pramono Anung Wibowo", "Pramono", nil},
		{"Jenderal TNI (Purn.) H. ANDIKA M PERKASA, S.E., M.A., M.Sc.", "Andika M Perkasa", "Andika", nil},
		{"Dr. (H.C) Ir. TRI RISMAHARINI, M.T.", "Tri Rismaharini", "Tri", nil},
		{"MUHAMMAD BOBBY AFIF NASUTION, S.E., M.M.", "Muhammad Bobby Afif Nasution", "Bobby", nil},
		{"SUHATRI BUR, S.E., M.M., DATUAK PUTIAH", "Suhatri Bur", "Suhatri", []string{"Datuak Putiah"}},
		{"Ir.H.JAYA IBNU SU'UD, ST", "Jaya Ibnu Su'ud", "Jaya", nil},
		{"H SAHRUL SUKARDI, S.Sos., M.Si", "Sahrul Sukardi", "Sahrul", nil},
		{"MUHAMMAD 'ASHIM ADZ-DZORIF FIKRI, S.Ak.", "Muhammad 'Ashim Adz-Dzorif Fikri", "Ashim", nil},
		{"LA ODE AMIRUDDIN, S.IP.", "La Ode Amiruddin", "Amiruddin", nil},
		{"H. MUHAMMAD NAZARUDDIN. US (GAM MAK LINA)", "Muhammad Nazaruddin Us", "Nazaruddin", []string{"Gam Mak Lina"}},
		{"ZAINAL ARIFIN (CHEK ZAINAL), M.Si.", "Zainal Arifin", "Zainal", []string{"Chek Zainal"}},
		{"dr. H. ASRI LUDIN TAMBUNAN, M.Ked (PD)., Sp.PD.", "Asri Ludin Tambunan", "Asri", nil},
		{"RESKI BASYAH HARAHAP, S.STP., M.Si (Hoji Obon)", "Reski Basyah Harahap", "Reski", []string{"Hoji Obon"}},
		{"Brigjen (P) Hj. GRA. MUSTIKANINGRAT", "Mustikaningrat", "Mustikaningrat", nil},
		{"WINDRA PURNAWAN,SP.", "Windra Purnawan", "Windra", nil},
		{"Dr. (H.C) Drs. H. MARTIAS WANTO, M.M., Dt. MARUHUN", "Martias Wanto", "Martias", []string{"Dt. Maruhun"}},
		{"I NYOMAN GIRI PRASTA, S.Sos.", "I Nyoman Giri Prasta", "Giri", nil},
		{"Ir. IDA BAGUS GDE GIRI PUTRA", "Ida Bagus Gde Giri Putra", "Giri", nil},
		{"KH. ABDUL GHOFUR", "Abdul Ghofur", "Ghofur", nil},
		{"Hj. ILLIZA SA'ADUDDIN DJAMAL", "Illiza Sa'aduddin Djamal", "Illiza", nil},
		{"MUHAMMAD, S.E. (AMAD LEUMBENG)", "Muhammad", "Muhammad", []string{"Amad Leumbeng"}},
		{"MOH NASIR DJ. DAIMAROTO", "Moh Nasir Dj. Daimaroto", "Nasir", nil},
		{"ANDI SUDIRMAN SULAIMAN, S.T.", "Andi Sudirman Sulaiman", "Sudirman", nil},
		{"MAYJEN TNI (Purn.) YULIUS SELVANUS, SE", "Yulius Selvanus", "Yulius", nil},
		{"Komjen Pol. (Purn). DHARMA PONGREKUN, S.I.K., M.M., M.Hum.", "Dharma Pongrekun", "Dharma", nil},
		{"Dr. H. HENDRAR PRIHADI ALIAS HENDI, S.E., M.M.", "Hendrar Prihadi", "Hendrar", []string{"Hendi"}},
		{"H. ALIAS WELLO, S.I.P., M.Tr.I.P.", "Alias Wello", "Alias", nil},
		{"Haji LALU NORMAL SUZANA", "Lalu Normal Suzana", "Normal", nil},
		{"UMBU LILI PEKUWALI, ST. MT", "Umbu Lili Pekuwali", "Lili", nil},
		{"ARMIA IR", "Armia", "Armia", nil},
		{"Pdt. Dr. FOLUAHA BIDAYA, M.Th.", "Foluaha Bidaya", "Foluaha", nil},
		{"Tuan Guru H. Ll. G. MUHAMMAD KHAIRUL FATIHIN", "Ll. G. Muhammad Khairul Fatihin", "Khairul", nil},
		{"", "", "", nil},
	}
	for _, tt := range tests {
		n := ParseName(tt.official)
		if n.Clean != tt.clean || n.Call != tt.call || !slices.Equal(n.Nicknames, tt.nicks) {
			t.Errorf("ParseName(%q) = clean %q call %q nicks %q; want %q %q %q",
				tt.official, n.Clean, n.Call, n.Nicknames, tt.clean, tt.call, tt.nicks)
		}
	}
}

func TestPersonFormsStrength(t *testing.T) {
	nm := DefaultNamer()
	tests := []struct {
		official     string
		strong, weak []string // must be present (others may be too)
	}{
		// A common given name alone is weak; a rare one is strong.
		{"BUSTAMI HAMZAH, S.E., M.Si.", []string{"Bustami"}, []string{"Hamzah"}},
		{"Tgk. H. M. FADHIL RAHMI, Lc., M.Ag.", []string{"Fadhil Rahmi", "Rahmi"}, []string{"Fadhil"}},
		// First + last, call + last; a lone "Muhammad" is weak.
		{"MUHAMMAD BOBBY AFIF NASUTION, S.E., M.M.", []string{"Bobby Afif Nasution"}, []string{"Bobby", "Nasution", "Bobby Nasution"}},
		{"Dr. Ir. PRAMONO ANUNG WIBOWO, M.M.", []string{"Pramono Anung", "Pramono Wibowo", "Pramono"}, []string{"Wibowo"}},
		// A full name of two common words is weak itself.
		{"H. AHMAD FAUZI, S.Ag.", nil, []string{"Ahmad Fauzi", "Fauzi"}},
		{"MUHAMMAD, S.E. (AMAD LEUMBENG)", []string{"Amad Leumbeng"}, []string{"Muhammad"}},
		{"RUSLI (TAMBI)", []string{"Tambi"}, []string{"Rusli"}},
		// Three words are specific even when each is common.
		{"LA ODE AMIRUDDIN, S.IP.", nil, []string{"Amiruddin"}},
		{"H. RANO KARNO, S.IP. (SI DOEL)", []string{"Si Doel", "Rano", "Karno"}, nil},
	}
	for _, tt := range tests {
		n := ParseName(tt.official)
		s, w := nm.PersonForms(n)
		for _, x := range tt.strong {
			if !slices.Contains(s, x) {
				t.Errorf("%s: strong %q missing from %q (weak %q)", tt.official, x, s, w)
			}
		}
		for _, x := range tt.weak {
			if !slices.Contains(w, x) {
				t.Errorf("%s: weak %q missing from %q (strong %q)", tt.official, x, w, s)
			}
		}
		for _, x := range s {
			if slices.Contains(w, x) {
				t.Errorf("%s: %q both strong and weak", tt.official, x)
			}
		}
	}
	if nm.IsCommon("Bustami") || !nm.IsCommon("SITI") || !nm.IsCommon("budi") || !nm.IsCommon("Ali") {
		t.Error("IsCommon")
	}
}

func TestPairForms(t *testing.T) {
	nm := DefaultNamer()
	f := nm.Pair("BUSTAMI HAMZAH, S.E., M.Si.", "Tgk. H. M. FADHIL RAHMI, Lc., M.Ag.")
	if !slices.Equal(f.Names, []string{"Bustami Hamzah", "M. Fadhil Rahmi"}) {
		t.Errorf("names %q", f.Names)
	}
	for _, a := range []string{"Bustami-Fadhil", "Hamzah-Rahmi", "Bustami", "Fadhil Rahmi"} {
		if !slices.Contains(f.Aliases, a) {
			t.Errorf("alias %q missing: %q", a, f.Aliases)
		}
	}
	if !slices.Equal(f.Hashtags, []string{"#BustamiFadhil"}) {
		t.Errorf("hashtags %q", f.Hashtags)
	}
	// Same surname: no "Nahak-Nahak".
	f = nm.Pair("SIMON NAHAK, S.H., M.H.", "Drs. FELIX BERE NAHAK")
	if slices.Contains(f.Aliases, "Nahak-Nahak") || !slices.Contains(f.Aliases, "Simon-Felix") {
		t.Errorf("aliases %q", f.Aliases)
	}
	// Single candidate.
	f = nm.Pair("H. RUSDY MASTURA (CUDY)", "")
	if len(f.Names) != 1 || !slices.Contains(f.Aliases, "Cudy") || len(f.Hashtags) != 0 {
		t.Errorf("single %+v", f)
	}
	if strings.Contains(strings.Join(f.Aliases, "|"), "H.") {
		t.Errorf("title left in %q", f.Aliases)
	}
}
