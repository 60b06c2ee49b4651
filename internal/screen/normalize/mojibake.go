package normalize

import "unicode/utf8"

// cp1252 maps the Windows-1252 characters of 0x80–0x9F back to their byte.
var cp1252 = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88,
	'‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E, '‘': 0x91, '’': 0x92, '“': 0x93,
	'”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B,
	'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

// cp1252Byte returns the Windows-1252 (or Latin-1) byte that displays as r.
func cp1252Byte(r rune) (byte, bool) {
	if r >= 0x80 && r <= 0xFF {
		return byte(r), true
	}
	b, ok := cp1252[r]
	return b, ok
}

// unmojibake repairs UTF-8 that was decoded as Windows-1252 and encoded
// again ("ðŸ‘‡" for 👇, "âœŒï¸" for ✌️), as spreadsheet round trips do.
// Starting at s[i], it returns the repaired runes with the number of
// original bytes each stands for; nil when s[i:] is not such a sequence.
func unmojibake(s string, i int, dst []mojiRune) []mojiRune {
	var buf [16]byte
	var from [16]int // original byte offset where each buffer byte starts
	n := 0
	j := i
	for j < len(s) && n < len(buf) {
		r, size := utf8.DecodeRuneInString(s[j:])
		b, ok := cp1252Byte(r)
		if !ok || r < 0x80 {
			break
		}
		buf[n], from[n] = b, j
		n++
		j += size
	}
	// Decode complete multi-byte sequences from the start.
	k := 0
	for k < n {
		if buf[k] < 0xC2 || buf[k] > 0xF4 {
			break
		}
		r, size := utf8.DecodeRune(buf[k:n])
		if r == utf8.RuneError || size < 2 {
			break
		}
		end := j
		if k+size < n {
			end = from[k+size]
		}
		dst = append(dst, mojiRune{r: r, size: end - from[k]})
		k += size
	}
	// The bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D have no Windows-1252
	// character and are often lost: complete a sequence missing its last
	// byte ("ï¸" is EF B8 8F, U+FE0F).
	if len(dst) > 0 && k < n && n-k == seqLen(buf[k])-1 {
		for _, last := range []byte{0x8F, 0x81, 0x8D, 0x90, 0x9D} {
			var tmp [4]byte
			m := copy(tmp[:], buf[k:n])
			tmp[m] = last
			if r, size := utf8.DecodeRune(tmp[:m+1]); r != utf8.RuneError && size == m+1 {
				dst = append(dst, mojiRune{r: r, size: j - from[k]})
				break
			}
		}
	}
	return dst
}

// seqLen is the length of the UTF-8 sequence a lead byte starts.
func seqLen(b byte) int {
	switch {
	case b >= 0xF0 && b <= 0xF4:
		return 4
	case b >= 0xE0:
		return 3
	case b >= 0xC2:
		return 2
	}
	return 0
}

// mojiRune is a repaired rune and the original bytes it replaces.
type mojiRune struct {
	r    rune
	size int
}
