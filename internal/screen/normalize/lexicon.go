package normalize

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/binary"
	"slices"
	"strings"
	"sync"
)

//go:generate go run gendata.go -shared ../../../../shared/data

//go:embed data/slang.tsv
var slangTSV []byte

//go:embed data/overrides.tsv
var overridesTSV []byte

//go:embed data/vocab.txt
var vocabTxt []byte

//go:embed data/known.txt
var knownTxt []byte

// Lexicon holds the shared word lists: informal→formal rewrites and the
// vocabulary of known words used to validate repairs (elongation,
// leetspeak, hashtag segmentation). It is read-only after loading.
type Lexicon struct {
	slang  map[string]string   // one-word keys
	slang2 map[string]string   // two-word keys "a b"
	vocab  map[string]struct{} // standard words, slang keys and values
	maxKey int                 // longest one-word key, to skip lookups
	// Bloom-style bit sets over a cheap word hash, so that most words skip
	// the map lookups entirely.
	slangBits, firstBits [1 << 16 / 64]uint64
	slangBits2           [1 << 16 / 64]uint64 // over wordHash2, for fewer false hits
}

// wordHash is a cheap hash of a word's length and first, middle and last
// bytes.
func wordHash(w []byte) uint32 {
	n := len(w)
	if n == 0 {
		return 0
	}
	h := uint32(n)*0x9E3779B1 ^ uint32(w[0])*0x85EBCA77 ^ uint32(w[n-1])*0xC2B2AE3D
	if n > 2 {
		h ^= uint32(w[n/2]) * 0x27D4EB2F
	}
	return (h ^ h>>16) & 0xFFFF
}

// wordHash2 is a second hash, of every byte of words up to 16 bytes long
// (two overlapping loads), independent of wordHash: slang keys are often
// near-spellings of common words ("rumoh", "rumah") that wordHash alone
// cannot tell apart.
func wordHash2(w []byte) uint32 {
	n := len(w)
	var a, b uint64
	switch {
	case n >= 8:
		a, b = binary.LittleEndian.Uint64(w), binary.LittleEndian.Uint64(w[n-8:])
	case n >= 4:
		a, b = uint64(binary.LittleEndian.Uint32(w)), uint64(binary.LittleEndian.Uint32(w[n-4:]))
	case n > 0:
		a = uint64(w[0]) | uint64(w[n/2])<<8 | uint64(w[n-1])<<16
	}
	h := (a+uint64(n))*0x9E3779B97F4A7C15 ^ b*0xC2B2AE3D27D4EB4F
	return uint32(h>>48) & 0xFFFF
}

func setBit(b *[1 << 16 / 64]uint64, h uint32)      { b[h>>6] |= 1 << (h & 63) }
func hasBit(b *[1 << 16 / 64]uint64, h uint32) bool { return b[h>>6]&(1<<(h&63)) != 0 }

// mayRewrite reports whether w may be a one-word slang key.
func (lx *Lexicon) mayRewrite(w []byte) bool {
	return hasBit(&lx.slangBits, wordHash(w)) && hasBit(&lx.slangBits2, wordHash2(w))
}

// wordHashLower is wordHash of the ASCII lower-case form of w.
func wordHashLower(w string) uint32 {
	n := len(w)
	if n == 0 {
		return 0
	}
	h := uint32(n)*0x9E3779B1 ^ uint32(lowerASCII[w[0]])*0x85EBCA77 ^ uint32(lowerASCII[w[n-1]])*0xC2B2AE3D
	if n > 2 {
		h ^= uint32(lowerASCII[w[n/2]]) * 0x27D4EB2F
	}
	return (h ^ h>>16) & 0xFFFF
}

// mayStartPair reports whether w may be the first word of a two-word key.
func (lx *Lexicon) mayStartPair(w []byte) bool { return hasBit(&lx.firstBits, wordHash(w)) }

func (lx *Lexicon) buildBits() {
	for k := range lx.slang {
		setBit(&lx.slangBits, wordHash([]byte(k)))
		setBit(&lx.slangBits2, wordHash2([]byte(k)))
	}
	for k := range lx.slang2 {
		first, _, _ := strings.Cut(k, " ")
		setBit(&lx.firstBits, wordHash([]byte(first)))
	}
}

var (
	defaultLex     *Lexicon
	defaultLexOnce sync.Once
)

// DefaultLexicon returns the embedded lexicon (IndoCollex, Louis Owen's
// combined lists, stopwords-iso, and Netral's overrides), loaded once.
func DefaultLexicon() *Lexicon {
	defaultLexOnce.Do(func() { defaultLex = loadLexicon() })
	return defaultLex
}

func loadLexicon() *Lexicon {
	lx := &Lexicon{
		slang:  make(map[string]string, 4096),
		slang2: make(map[string]string, 128),
		vocab:  make(map[string]struct{}, 40000),
	}
	eachLine(vocabTxt, func(l string) {
		lx.vocab[l] = struct{}{}
	})
	eachLine(knownTxt, func(l string) {
		lx.vocab[strings.TrimSpace(l)] = struct{}{}
	})
	set := func(k, v string) {
		k = cleanWords(k)
		if k == "" {
			return
		}
		if v == "=" {
			delete(lx.slang, k)
			delete(lx.slang2, k)
			lx.vocab[k] = struct{}{}
			return
		}
		v = cleanWords(v)
		if v == "" {
			return
		}
		if strings.Contains(k, " ") {
			lx.slang2[k] = v
		} else {
			lx.slang[k] = v
			lx.maxKey = max(lx.maxKey, len(k))
		}
		lx.vocab[k] = struct{}{}
		for w := range strings.FieldsSeq(v) {
			lx.vocab[w] = struct{}{}
		}
	}
	eachLine(slangTSV, func(l string) {
		f := strings.Split(l, "\t")
		if len(f) >= 2 {
			set(f[0], f[1])
		}
	})
	eachLine(overridesTSV, func(l string) {
		f := strings.Split(l, "\t")
		if len(f) >= 2 {
			set(f[0], f[1])
		}
	})
	lx.resolveChains()
	lx.buildBits()
	return lx
}

// resolveChains rewrites values whose words are themselves informal keys
// ("lom" → "blm" → "belum"), so that normalising twice changes nothing.
func (lx *Lexicon) resolveChains() {
	fix := func(v string) string {
		for range 4 {
			changed := false
			ws := strings.Fields(v)
			for i, w := range ws {
				if r, ok := lx.slang[w]; ok && r != w {
					ws[i] = r
					changed = true
				}
			}
			if !changed {
				break
			}
			v = strings.Join(ws, " ")
		}
		return v
	}
	// Keys are visited in sorted order: each step reads what earlier
	// steps wrote, and map order would make the lexicon differ from one
	// run to the next.
	for _, k := range sortedKeys(lx.slang) {
		lx.slang[k] = fix(lx.slang[k])
	}
	for _, k := range sortedKeys(lx.slang2) {
		lx.slang2[k] = fix(lx.slang2[k])
	}
	// A two-word key found inside a value would fire again on a second
	// pass: drop it.
	for _, m := range []map[string]string{lx.slang, lx.slang2} {
		for _, k := range sortedKeys(m) {
			v, ok := m[k]
			if !ok {
				continue // deleted on the way
			}
			ws := strings.Fields(v)
			for i := 0; i+1 < len(ws); i++ {
				delete(lx.slang2, ws[i]+" "+ws[i+1])
			}
		}
	}
	// Break cycles ("haha" ↔ "hahaha"): a word that appears in a value is
	// formal by definition and is never rewritten itself.
	for _, m := range []map[string]string{lx.slang, lx.slang2} {
		for _, k := range sortedKeys(m) {
			v, ok := m[k]
			if !ok {
				continue // deleted on the way
			}
			for w := range strings.FieldsSeq(v) {
				lx.vocab[w] = struct{}{}
				if r, ok := lx.slang[w]; ok && r != w {
					delete(lx.slang, w)
				}
			}
		}
	}
}

// Known reports whether w (lower case, one word) is a known word: in the
// standard vocabulary or a slang key or value.
func (lx *Lexicon) Known(w string) bool {
	_, ok := lx.vocab[w]
	return ok
}

// IsSlang reports whether w (lower case, one word) is an informal
// spelling that the lexicon rewrites ("karna" → "karena").
func (lx *Lexicon) IsSlang(w string) bool {
	_, ok := lx.slang[w]
	return ok
}

// Rewrite returns the formal form of the informal word w, if any.
func (lx *Lexicon) Rewrite(w string) (string, bool) {
	v, ok := lx.slang[w]
	return v, ok
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func eachLine(b []byte, fn func(string)) {
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		l := strings.TrimRight(sc.Text(), "\r")
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		fn(l)
	}
}

// cleanWords lower-cases ASCII and collapses runs of spaces.
func cleanWords(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}
