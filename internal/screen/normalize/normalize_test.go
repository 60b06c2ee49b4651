package normalize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

var testNorm = New(Options{
	Known:   []string{"hera", "dafa", "anies", "prabowo", "ganjar", "gemoy", "unur", "amin", "gibran", "timnas"},
	Protect: []string{"pda"},
})

func TestNormalizeCases(t *testing.T) {
	cases := []struct{ in, want string }{
		// case and slang
		{"Yg penting sy dgn kalian", "yang penting saya dengan kalian"},
		{"gk usah, plh aja", "tidak usah pilih saja"},
		{"no 2, nmr 3, nomer 4, No. 5", "nomor 2 nomor 3 nomor 4 nomor 5"},
		// number words
		{"nomor urut satu", "nomor urut 1"},
		{"salam empat jari", "salam 4 jari"},
		// leetspeak
		{"c0bl0s n0m3r 2", "coblos nomor 2"},
		{"m4ju terus, G4nj4r", "maju terus ganjar"},
		{"b1ar ad4 p3rub4h4n", "biar ada perubahan"},
		// elongation
		{"menaaang!! Aminnn", "menang amin"},
		{"mantaaap bangeeet", "mantap banget"},
		{"maaf saat aamiin", "maaf saat aamiin"},
		{"gass", "gas"},
		// letters written apart
		{"A-N-I-E-S", "anies"},
		{"P R A B O W O presiden", "prabowo presiden"},
		{"a b", "a b"},
		// hashtags
		{"#HeRaMenang", "he ra menang"},
		{"#DAFAPastiBisa #HERA01", "dafa pasti bisa hera 01"},
		{"#heramenang", "hera menang"},
		{"#AniesMuhaimin2024", "anies muhaimin 2024"},
		{"#02", "02"},
		// handles
		{"@timnas.amin", "timnas amin"},
		// emoji and gestures
		{"☝️☝🏻✌️👌", "☝ ☝ ✌ 👌"},
		{"1️⃣", "1"},
		// reduplication and numbers
		{"rekan2 ikut2an", "rekan rekan ikut ikutan"},
		{"hera01 14feb O2SN", "hera 01 14 februari o2sn"},
		{"RT 01/RW 02", "rt 01 rw 02"},
		// regional
		{"pokok e 02 wae", "pokoknya 02 saja"},
		{"pokoke ojo lali", "pokoknya jangan lali"},
		// Unicode folding and look-alikes
		{"Café naïve", "kafe naive"},
		{"\u0410nies", "anies"},
		{"𝐏𝐫𝐚𝐛𝐨𝐰𝐨", "prabowo"},
		{"Ga\u200bnjar", "ganjar"},
		{"１２３", "123"},
		// protected words are not rewritten
		{"PDA pda", "pda pda"},
		// mojibake from a Windows-1252 round trip
		{"Berita ini ðŸ‘‡ pasti", "berita ini 👇 pasti"},
		{"salam âœŒï¸ ok", "salam ✌ ok"},
		{"Café ok", "kafe ok"},
		// links become one word
		{"Berita: https://kumparan.com/x/prabowo-sandi-menang?utm=1 ok", "berita tautan ok"},
		{"cek di cekdptonline.kpu.go.id ya", "cek di tautan ya"},
		{"lihat pic.twitter.com/W2ythnxsTp", "lihat tautan"},
		{"jam 09.00 di Kel.Sukamaju s.d. selesai", "jam 09 00 di kelurahan sukamaju s di selesai"},
		// invalid UTF-8 separates
		{"ok\xff\xfeya", "ok ya"},
		{"", ""},
	}
	for _, c := range cases {
		if got := testNorm.String(c.in); got != c.want {
			t.Errorf("%q → %q, want %q", c.in, got, c.want)
		}
	}
}

func TestOffsets(t *testing.T) {
	in := "Ayo c0bl0s #HeRaMenang ☝🏻 yg no 2!"
	var tx Text
	testNorm.Normalize(&tx, in)
	want := map[string]string{
		"ayo": "Ayo", "coblos": "c0bl0s", "he": "He", "ra": "Ra", "menang": "Menang",
		"☝": "☝🏻", "yang": "yg", "nomor": "no", "2": "2",
	}
	for i := range tx.Toks {
		w := string(tx.Word(i))
		a, b := tx.OrigSpan(int(tx.Toks[i].NStart), int(tx.Toks[i].NEnd))
		if o, ok := want[w]; ok && in[a:b] != o {
			t.Errorf("token %q maps to %q, want %q", w, in[a:b], o)
		}
	}
	if len(tx.Tags) != 1 || string(tx.TagText(0)) != "heramenang" || in[tx.Tags[0].OStart:tx.Tags[0].OEnd] != "#HeRaMenang" {
		t.Errorf("tags = %+v", tx.Tags)
	}
	// A span inside an unchanged token maps byte for byte.
	i := strings.Index(string(tx.Norm), "ayo")
	if a, b := tx.OrigSpan(i+1, i+3); in[a:b] != "yo" {
		t.Errorf("inner span = %q", in[a:b])
	}
}

func TestFlags(t *testing.T) {
	var tx Text
	testNorm.Normalize(&tx, "HERA menang. Hera #DAFA03 satu")
	get := func(w string) Flag {
		for i := range tx.Toks {
			if string(tx.Word(i)) == w {
				return tx.Toks[i].Flags
			}
		}
		t.Fatalf("no token %q in %q", w, tx.Norm)
		return 0
	}
	if f := tx.Toks[0].Flags; f&FlagAllCaps == 0 || f&FlagSentStart == 0 {
		t.Errorf("HERA flags %b", f)
	}
	if f := tx.Toks[2].Flags; f&FlagCapital == 0 || f&FlagAllCaps != 0 || f&FlagSentStart == 0 {
		t.Errorf("Hera flags %b", f)
	}
	if f := get("dafa"); f&FlagHashtag == 0 || f&FlagAllCaps == 0 {
		t.Errorf("dafa flags %b", f)
	}
	if f := get("03"); f&FlagNumber == 0 || f&FlagHashtag == 0 {
		t.Errorf("03 flags %b", f)
	}
	if f := get("1"); f&FlagNumWord == 0 || f&FlagNumber == 0 {
		t.Errorf("satu flags %b", f)
	}
}

// checkInvariants verifies what every caller relies on.
func checkInvariants(t *testing.T, in string, tx *Text) {
	t.Helper()
	if !utf8.Valid(tx.Norm) {
		t.Fatalf("invalid UTF-8 out of %q: %q", in, tx.Norm)
	}
	prevEnd := int32(-1)
	for i, tk := range tx.Toks {
		if tk.NStart >= tk.NEnd || int(tk.NEnd) > len(tx.Norm) || tk.NStart <= prevEnd {
			t.Fatalf("bad token %d %+v in %q", i, tk, tx.Norm)
		}
		if tk.NStart > 0 && tx.Norm[tk.NStart-1] != ' ' {
			t.Fatalf("token %d not space-separated in %q", i, tx.Norm)
		}
		if strings.ContainsRune(string(tx.Word(i)), ' ') {
			t.Fatalf("space inside token %d of %q", i, tx.Norm)
		}
		if tk.OStart < 0 || tk.OEnd > int32(len(in)) || tk.OStart > tk.OEnd {
			t.Fatalf("bad original span %+v for %q", tk, in)
		}
		a, b := tx.OrigSpan(int(tk.NStart), int(tk.NEnd))
		if a < 0 || b > len(in) || a > b {
			t.Fatalf("OrigSpan out of range")
		}
		prevEnd = tk.NEnd
	}
	if len(tx.Toks) > 0 && int(tx.Toks[len(tx.Toks)-1].NEnd) != len(tx.Norm) {
		t.Fatalf("trailing bytes in %q", tx.Norm)
	}
	for i := range tx.Tags {
		g := tx.Tags[i]
		if g.OStart < 0 || g.OEnd > int32(len(in)) || in[g.OStart] != '#' {
			t.Fatalf("bad tag %+v in %q", g, in)
		}
	}
}

// FuzzNormalize: never panics, valid UTF-8 out, sane offsets, and
// normalising the output again changes nothing. Run:
// go test -fuzz FuzzNormalize ./internal/screen/normalize
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"gw sih udh mantep, 14 feb c0bl0s n0m3r 2 biar lanjut terus 💪 #PrabowoGibran",
		"tgl 14 jgn lupa c0bl0s n0m0r s4tu y, b1ar ad4 p3rub4h4n ☝🏻",
		"A-N-I-E-S #HeRaMenang @timnas.amin pokok e rekan2 sebanyak2nya",
		"Аnies 𝐏𝐫𝐚𝐛𝐨𝐰𝐨 Ga\u200bnjar Café １２３ 1️⃣ \xff",
		"RT 01/RW 02 jam 09.00 skor 2-0 O2SN hera01 menaaang aamiin",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var tx Text
		testNorm.Normalize(&tx, in)
		checkInvariants(t, in, &tx)
		once := string(tx.Norm)
		if spacedLetters(&tx) {
			return // "a b c" in the output would be joined on a second pass
		}
		if twice := testNorm.String(once); twice != once {
			t.Fatalf("not idempotent: %q → %q → %q", in, once, twice)
		}
	})
}

// spacedLetters reports three single-letter tokens in a row.
func spacedLetters(tx *Text) bool {
	run := 0
	for i := range tx.Toks {
		w := tx.Word(i)
		if len(w) == 1 && w[0] >= 'a' && w[0] <= 'z' {
			run++
			if run >= 3 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
