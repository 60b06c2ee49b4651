package acdfa

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchSetup builds 5,000 name-like patterns and 1 MiB of word text with
// some hits, in the spirit of go-engineering.md §2.1.
func benchSetup() ([][]byte, []byte) {
	r := rand.New(rand.NewPCG(7, 11))
	syl := []string{"ka", "ri", "mu", "an", "to", "su", "di", "la", "ne", "wi", "ja", "ya", "ha", "ra", "sa"}
	word := func() string {
		w := ""
		for range 2 + r.IntN(2) {
			w += syl[r.IntN(len(syl))]
		}
		return w
	}
	var pats [][]byte
	for range 5000 {
		pats = append(pats, []byte(" "+word()+" "+word()+" "))
	}
	var text []byte
	for len(text) < 1<<20 {
		if r.IntN(200) == 0 {
			text = append(text, pats[r.IntN(len(pats))]...)
			continue
		}
		text = fmt.Appendf(text, "%s ", word())
	}
	return pats, text
}

// BenchmarkAppendOverlapping: every occurrence, the screener's hot loop.
func BenchmarkAppendOverlapping(b *testing.B) {
	pats, text := benchSetup()
	d, err := Build(pats)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	var buf []Match
	for b.Loop() {
		buf = d.AppendOverlapping(text, buf[:0])
	}
}

// BenchmarkAny: the "any match" loop over text without a match (the
// whole input is read).
func BenchmarkAny(b *testing.B) {
	pats, _ := benchSetup()
	d, _ := Build(pats)
	miss := []byte{}
	for len(miss) < 1<<20 {
		miss = append(miss, "pegawai kantor kecamatan rapat pelayanan "...)
	}
	if d.Any(miss) {
		b.Fatal("unexpected match")
	}
	b.SetBytes(int64(len(miss)))
	for b.Loop() {
		d.Any(miss)
	}
}

// BenchmarkBuild: compiling 5,000 patterns.
func BenchmarkBuild(b *testing.B) {
	pats, _ := benchSetup()
	for b.Loop() {
		if _, err := Build(pats); err != nil {
			b.Fatal(err)
		}
	}
}
