package demo

import (
	"strings"
)

// Given names by gender. The two lists are disjoint, so the first word of a
// name tells the gender (the tests rely on it).
var maleGiven = []string{
	"Agus", "Ahmad", "Aditya", "Andi", "Anton", "Arif", "Arief", "Asep", "Bagus", "Bambang",
	"Bayu", "Budi", "Dani", "Daniel", "Dedi", "Dimas", "Dodi", "Edi", "Eko", "Fajar",
	"Fauzan", "Fikri", "Firman", "Gilang", "Hadi", "Hari", "Hasan", "Hendra", "Hendro", "Heru",
	"Ikhsan", "Ilham", "Imam", "Irfan", "Iwan", "Joko", "Markus", "Muhammad", "Rahmat", "Rendy",
	"Reza", "Ridwan", "Rizal", "Rizki", "Robert", "Rudi", "Slamet", "Sugeng", "Syahrul", "Taufik",
	"Teguh", "Wahyu", "Wawan", "Yoga", "Yohanes", "Yudi", "Yusuf", "Zainal",
}

var femaleGiven = []string{
	"Agustina", "Annisa", "Anisa", "Ayu", "Citra", "Desi", "Dewi", "Dian", "Dina", "Eka",
	"Endang", "Erna", "Evi", "Fitri", "Heni", "Herlina", "Indah", "Intan", "Kartika", "Laila",
	"Lia", "Lilis", "Maria", "Maya", "Mega", "Melati", "Mira", "Nadia", "Nia", "Nining",
	"Novi", "Nurul", "Putri", "Rahmi", "Ratih", "Ratna", "Retno", "Rika", "Rina", "Rini",
	"Siska", "Siti", "Sri", "Susi", "Theresia", "Tuti", "Winda", "Wiwik", "Yanti", "Yulia",
	"Yuni",
}

// Single-word (mostly Javanese) names, common among older civil servants.
var maleMononym = []string{
	"Darmadi", "Mulyono", "Riyanto", "Sugiyanto", "Sumarno", "Sunarto", "Suparman", "Supriyadi", "Sutarno", "Suwarno",
}

var femaleMononym = []string{
	"Murni", "Rahmawati", "Sulastri", "Sumiati", "Sunarsih", "Suparmi", "Suryani", "Sutini", "Wahyuni", "Yuliani",
}

var maleSecond = []string{
	"Firmansyah", "Gunawan", "Hakim", "Hartono", "Hermawan", "Hidayat", "Iskandar", "Kurniawan", "Kusnadi", "Maulana",
	"Nugroho", "Permana", "Prasetya", "Pratama", "Purnomo", "Rahman", "Ramadhan", "Riyadi", "Santoso", "Saputra",
	"Setiawan", "Sudrajat", "Sulistyo", "Suryana", "Susanto", "Syahputra", "Wibowo", "Wijayanto",
}

var femaleSecond = []string{
	"Anggraini", "Astuti", "Damayanti", "Fitriani", "Handayani", "Hidayati", "Kurniasih", "Lestari", "Maharani", "Marlina",
	"Novitasari", "Nurhayati", "Oktaviani", "Permatasari", "Pertiwi", "Puspitasari", "Purwanti", "Rahayu", "Rahmawati", "Safitri",
	"Sari", "Susanti", "Utami", "Wahyuni", "Wulandari", "Yuliani",
}

// Middle names of three-part names ("Agus Dwi Santoso", "Dewi Ayu Lestari").
var maleMiddle = []string{"Adi", "Agung", "Dwi", "Eko", "Nur", "Tri", "Budi", "Ari"}

var femaleMiddle = []string{"Ayu", "Dwi", "Nur", "Tri", "Indah", "Puspita", "Sri", "Putri"}

// Family names (Batak and others) used by both genders.
var familyNames = []string{
	"Daulay", "Ginting", "Harahap", "Hutapea", "Lubis", "Manurung", "Nasution", "Pane", "Pohan", "Rangkuti",
	"Sembiring", "Simanjuntak", "Siregar", "Sitompul", "Tarigan",
}

// blockedNames are the fictional Pilkada candidates of the demo region
// (shared/data/screening-dev/pilkada-2024-tanjung-harapan.json): no employee
// may share a candidate's name, or screening demos would confuse the two.
var blockedNames = map[string]bool{
	"hendra wijaya": true, "ratna sari": true, "untung prasetyo": true,
	"nurul hidayah": true, "dedi saputra": true, "ahmad fauzi": true,
}

// genderOf returns the gender implied by the first word of a plain name
// (without academic titles), and false when the word is in neither list.
func genderOf(plain string) (female bool, ok bool) {
	first, _, _ := strings.Cut(plain, " ")
	for _, list := range [][]string{maleGiven, maleMononym} {
		for _, n := range list {
			if n == first {
				return false, true
			}
		}
	}
	for _, list := range [][]string{femaleGiven, femaleMononym} {
		for _, n := range list {
			if n == first {
				return true, true
			}
		}
	}
	return false, false
}

// namePrefixes are the titles that may precede a name.
var namePrefixes = map[string]bool{
	"H.": true, "Hj.": true, "Dr.": true, "Drs.": true, "Dra.": true, "Ir.": true,
	"dr.": true, "drg.": true, "apt.": true,
}

// plainName strips the academic and religious titles from a name as written:
// "Dra. Hj. Sri Wahyuni, M.Si." → "Sri Wahyuni".
func plainName(name string) string {
	name, _, _ = strings.Cut(name, ",")
	words := strings.Fields(name)
	for len(words) > 0 && namePrefixes[words[0]] {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// nameTokens returns the lower-case ASCII letters of each word of a plain name.
func nameTokens(plain string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(plain)) {
		var b strings.Builder
		for _, c := range w {
			if c >= 'a' && c <= 'z' {
				b.WriteRune(c)
			}
		}
		if b.Len() > 0 {
			out = append(out, b.String())
		}
	}
	return out
}
