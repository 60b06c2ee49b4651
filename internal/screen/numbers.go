package screen

import (
	"github.com/netral-asn/netral/internal/screen/normalize"
)

// bridgeWords may stand between a ballot word and its number
// ("coblos nomor urut 2", "paslon no 3").
var bridgeWords = map[string]bool{
	"nomor": true, "urut": true, "ke": true, "paslon": true, "calon": true, "pasangan": true,
	"capres": true, "cawapres": true, "cabup": true, "cagub": true, "yang": true, "si": true,
	"bupati": true, "gubernur": true, "walikota": true, "presiden": true,
}

var voteWords = map[string]bool{
	"coblos": true, "mencoblos": true, "dicoblos": true, "pilih": true, "memilih": true,
	"dukung": true, "mendukung": true, "menangkan": true, "memenangkan": true, "tusuk": true,
	"contreng": true, "arahkan": true, "arahin": true,
}

// isNum reports whether token i is all digits.
func isNum(tx *normalize.Text, i int) bool {
	return i >= 0 && i < len(tx.Toks) && tx.Toks[i].Flags&normalize.FlagNumber != 0
}

// listMarkers reports a numbered list ("1. nasi uduk 2. lontong", "(1)
// maroon (2) navy"): two or more items numbered k and k+1 with a dot or a
// parenthesis after the number. It returns the highest item number, 0
// when there is no list. Numbers up to it are items, not ballot numbers.
func listMarkers(tx *normalize.Text) int {
	var seen uint64
	found := false
	for i := range tx.Toks {
		if !isNum(tx, i) || i+1 >= len(tx.Toks) {
			continue
		}
		w := tx.Word(i)
		if len(w) > 2 {
			continue
		}
		nx := &tx.Toks[i+1]
		if nx.Sep != '.' && nx.Sep != ')' || nx.Flags&normalize.FlagNumber != 0 {
			continue
		}
		v := int(w[0] - '0')
		if len(w) == 2 {
			v = v*10 + int(w[1]-'0')
		}
		if v < 1 || v > 40 {
			continue
		}
		if seen&(1<<(v-1)|1<<(v+1)) != 0 {
			found = true
		}
		seen |= 1 << v
	}
	if !found {
		return 0
	}
	top := 0
	for v := 1; v < 64; v++ {
		if seen&(1<<v) != 0 {
			top = v
		}
	}
	return top
}

// strongBallotWords name a contest's ballot number even inside a list
// ("paslon 2"); "nomor" alone does not.
var strongBallotWords = map[string]bool{
	"paslon": true, "capres": true, "cawapres": true, "cagub": true, "cawagub": true, "cabup": true,
	"cawabup": true, "cawalkot": true, "cakada": true, "urut": true, "coblos": true, "mencoblos": true,
}

// findNumbers records numbers that read as ballot numbers.
func (s *Screener) findNumbers(f *field) {
	tx := &f.tx
	n := len(tx.Toks)
	list := 0
	if n >= 4 {
		list = listMarkers(tx)
	}
	for i := 0; i < n && len(f.nums) < maxNumbers; i++ {
		tk := &tx.Toks[i]
		if tk.Flags&normalize.FlagNumber == 0 {
			continue
		}
		w := tx.Word(i)
		if len(w) > 2 {
			continue
		}
		v := int(w[0] - '0')
		if len(w) == 2 {
			v = v*10 + int(w[1]-'0')
		}
		if v == 0 || v > 50 {
			continue
		}
		// "0 2" written apart reads as "02": the scan for ballot words
		// starts before the zero.
		lead := i
		zero := len(w) == 1 && i > 0 && tk.Sep == ' ' && tx.Word(i - 1)[0] == '0' && len(tx.Word(i-1)) == 1 &&
			tx.Toks[i-1].Flags&normalize.FlagNumWord == 0 && !isNum(tx, i-2)
		if zero {
			lead = i - 1
		}
		// Parts of dates, times, scores, ranges: 01/02, 09.00, 2-0.
		if (tk.Sep == '/' || tk.Sep == ':' || tk.Sep == '-') && isNum(tx, i-1) && !zero {
			continue
		}
		if i+1 < n {
			nx := &tx.Toks[i+1]
			if nx.Flags&normalize.FlagNumber != 0 && (nx.Sep == '/' || nx.Sep == ':' || nx.Sep == '.' || nx.Sep == '-' || nx.Sep == ',') {
				continue
			}
			if numberInnocentAfter[string(tx.Word(i+1))] && tx.Toks[i+1].Flags&normalize.FlagSentStart == 0 {
				continue
			}
		}
		if lead > 0 && numberInnocentBefore[string(tx.Word(lead-1))] {
			continue
		}
		// In a numbered list, "pilih nomor 2" picks an item; "02" and
		// "paslon 2" still name a ballot number.
		if v <= list && !(len(w) == 2 && w[0] == '0' || zero || tk.Flags&normalize.FlagHashtag != 0 ||
			lead > 0 && strongBallotWords[string(tx.Word(lead-1))]) {
			continue
		}
		var str float32
		vote := false
		gaps := 0
		for j, k := lead-1, 0; j >= 0 && k < 6; j, k = j-1, k+1 {
			pw := string(tx.Word(j))
			if numberInnocentBefore[pw] {
				if gaps == 0 {
					str = 0 // "kamar nomor 3": the ballot words belong to it
				}
				break // "tanggal 27 yang nomor 3": it belongs to another number
			}
			if b, ok := ballotWords[pw]; ok {
				if gaps > 0 && !voteWords[pw] {
					break // only a call to vote reaches over other words
				}
				b *= 1 - 0.05*float32(k) - 0.1*float32(gaps)
				if b > str {
					str = b
				}
				if voteWords[pw] {
					if j > 0 && thirdPersons[string(tx.Word(j-1))] {
						break // "dia pilih 02": someone else's choice
					}
					vote = true
				}
			}
			if !bridgeWords[pw] {
				// "arahkan warga ke nomor 1": a call to vote may stand a
				// word or two before the ballot words.
				if _, ok := ballotWords[pw]; !ok {
					gaps++
				}
				if gaps > 2 || tx.Toks[j+1].Flags&normalize.FlagSentStart != 0 {
					break
				}
			}
		}
		// "pilih yang muda, yang wakilnya ustaz, nomor 3": a call to vote
		// earlier in the sentence reaches a ballot number.
		if !vote && str > 0 {
			for j := lead - 1; j >= 0 && j >= lead-14; j-- {
				pw := string(tx.Word(j))
				if voteWords[pw] && (j == 0 || !thirdPersons[string(tx.Word(j-1))] && !negators[string(tx.Word(j-1))]) {
					vote = true
					str = max(str, 0.6)
					break
				}
				if tx.Toks[j].Flags&normalize.FlagSentStart != 0 || numberInnocentBefore[pw] {
					break
				}
			}
		}
		// "#02" is a campaign tag; a number inside a longer hashtag
		// ("#PopulerB1") is not.
		hashtag := tk.Flags&normalize.FlagHashtag != 0 && tk.Sep == '#' &&
			(i+1 >= n || tx.Toks[i+1].Sep != 0 || tx.Toks[i+1].Flags&normalize.FlagHashtag == 0)
		if hashtag {
			str = max(str, 0.8)
		}
		if len(w) == 2 && w[0] == '0' || zero {
			str = max(str, 0.6)
		}
		if tk.Flags&normalize.FlagNumWord != 0 && !vote {
			if v == 1 {
				str = min(str, 0.25) // "nomor satu" is usually "the best"
			} else {
				str = min(str, 0.45) // "nomor tiga": a number spelt out
			}
		}
		if str == 0 {
			continue
		}
		f.nums = append(f.nums, numHit{value: v, strength: str, vote: vote, tok: int32(i), party: -1, hashtag: hashtag})
	}
}

// findGestures records hand signs: gesture emoji and "N jari" after a
// gesture verb ("salam 2 jari", "mengacungkan tiga jari").
func (s *Screener) findGestures(f *field) {
	tx := &f.tx
	for i := range tx.Toks {
		if len(f.gests) >= maxGestures {
			break
		}
		tk := &tx.Toks[i]
		w := tx.Word(i)
		if tk.Flags&normalize.FlagEmoji != 0 {
			if num, ok := gestureEmoji[string(w)]; ok {
				f.gests = append(f.gests, gestHit{num: num, strength: 0.6, tok: int32(i), n0: tk.NStart, n1: tk.NEnd})
			}
			continue
		}
		if string(w) != "jari" || i == 0 || tx.Toks[i-1].Flags&normalize.FlagNumber == 0 {
			continue
		}
		nw := tx.Word(i - 1)
		if len(nw) != 1 || nw[0] < '1' || nw[0] > '5' {
			continue
		}
		str := float32(0.6) // "Ganjar 3 jari!": a sign only beside its contestant
		for j := i - 2; j >= 0 && j >= i-4; j-- {
			if gestureVerbs[string(tx.Word(j))] {
				str = 0.75
				break
			}
		}
		f.gests = append(f.gests, gestHit{num: int(nw[0] - '0'), strength: str, tok: int32(i - 1),
			n0: tx.Toks[i-1].NStart, n1: tk.NEnd})
	}
}

// voteDate reports whether tokens i, i+1 read as the voting day of an
// active election ("14 feb", "27 november") or "tanggal 14".
func (s *Screener) voteDates(f *field, day int, fn func(tok int32)) {
	tx := &f.tx
	for i := range tx.Toks {
		if tx.Toks[i].Flags&normalize.FlagNumber == 0 {
			continue
		}
		w := tx.Word(i)
		if len(w) > 2 {
			continue
		}
		d := int(w[0] - '0')
		if len(w) == 2 {
			d = d*10 + int(w[1]-'0')
		}
		m := 0
		if i+1 < len(tx.Toks) {
			m = monthNames[string(tx.Word(i+1))]
		}
		dateWord := i > 0 && (string(tx.Word(i-1)) == "tanggal" || string(tx.Word(i-1)) == "tgl")
		if m == 0 && !dateWord {
			continue
		}
	keys:
		for _, vk := range s.voteKeys {
			if d != vk.day || (m != vk.month && m != 0) {
				continue
			}
			for _, ei := range vk.elecs {
				if s.elecs[ei].active(day) {
					fn(int32(i))
					break keys
				}
			}
		}
	}
}
