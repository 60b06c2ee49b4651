package acdfa

import (
	"bytes"
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"
)

// bruteOverlapping lists every occurrence, ordered by end then longer first.
func bruteOverlapping(pats [][]byte, b []byte) []Match {
	var out []Match
	for end := 1; end <= len(b); end++ {
		for pi, p := range pats {
			if len(p) == 0 || len(p) > end {
				continue
			}
			if bytes.Equal(b[end-len(p):end], p) {
				out = append(out, Match{Pattern: pi, Start: end - len(p), End: end})
			}
		}
	}
	return out
}

func normOverlap(ms []Match) []Match {
	ms = slices.Clone(ms)
	slices.SortFunc(ms, func(a, b Match) int {
		if a.End != b.End {
			return a.End - b.End
		}
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.Pattern - b.Pattern
	})
	return ms
}

// bruteLLWords is the reference for LeftmostLongestWords: greedy over all
// whole-word occurrences sorted by start, then longest.
func bruteLLWords(pats [][]byte, b []byte, sep *[256]bool) []Match {
	var cand []Match
	for _, m := range bruteOverlapping(pats, b) {
		if sep != nil {
			if m.Start > 0 && !sep[b[m.Start-1]] {
				continue
			}
			if m.End < len(b) && !sep[b[m.End]] {
				continue
			}
		}
		cand = append(cand, m)
	}
	slices.SortFunc(cand, func(a, b Match) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		if a.End != b.End {
			return b.End - a.End
		}
		return a.Pattern - b.Pattern
	})
	var out []Match
	last := -1
	for _, m := range cand {
		if m.Start >= last {
			out = append(out, m)
			last = m.End
		}
	}
	return out
}

var spaceSep = func() *[256]bool {
	var s [256]bool
	s[' '] = true
	return &s
}()

func TestBasic(t *testing.T) {
	pats := [][]byte{[]byte("anies"), []byte("anies baswedan"), []byte("bas"), []byte("wedan"), []byte("s b")}
	d, err := Build(pats)
	if err != nil {
		t.Fatal(err)
	}
	text := []byte("pilih anies baswedan ya")
	got := d.LeftmostLongest(text, nil)
	want := []Match{{Pattern: 1, Start: 6, End: 20}}
	if !slices.Equal(got, want) {
		t.Fatalf("LeftmostLongest = %v, want %v", got, want)
	}
	if !d.Any(text) || d.Any([]byte("tidak ada")) {
		t.Fatal("Any wrong")
	}
	// Whole words: "bas" inside "baswedan" must not count; "s b" straddles words.
	got = d.LeftmostLongestWords([]byte("anies bas"), spaceSep, nil)
	want = []Match{{Pattern: 0, Start: 0, End: 5}, {Pattern: 2, Start: 6, End: 9}}
	if !slices.Equal(got, want) {
		t.Fatalf("LeftmostLongestWords = %v, want %v", got, want)
	}
}

func TestNonWordMatchDoesNotHide(t *testing.T) {
	// "xan" is not a word match in "xanies", so "anies" later still counts.
	pats := [][]byte{[]byte("xani"), []byte("anies")}
	d, _ := Build(pats)
	got := d.LeftmostLongestWords([]byte("xanies anies"), spaceSep, nil)
	want := []Match{{Pattern: 1, Start: 7, End: 12}}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v want %v", got, want)
	}
}

func TestEmptyAndDuplicate(t *testing.T) {
	pats := [][]byte{{}, []byte("ab"), []byte("ab")}
	d, err := Build(pats)
	if err != nil {
		t.Fatal(err)
	}
	var got []Match
	d.Overlapping([]byte("xab"), func(m Match) bool { got = append(got, m); return true })
	if len(got) != 2 {
		t.Fatalf("got %v", got)
	}
	empty, err := Build(nil)
	if err != nil || empty.Any([]byte("abc")) {
		t.Fatal("empty automaton should match nothing")
	}
}

func TestAllBytes(t *testing.T) {
	var all []byte
	for c := range 256 {
		all = append(all, byte(c))
	}
	pats := [][]byte{all[:128], all[128:], {0, 255}}
	d, err := Build(pats)
	if err != nil {
		t.Fatal(err)
	}
	text := append(append([]byte{}, all...), 0, 255)
	got := normOverlap(collect(d, text))
	want := normOverlap(bruteOverlapping(pats, text))
	if !slices.Equal(got, want) {
		t.Fatalf("got %v want %v", got, want)
	}
}

func TestBudget(t *testing.T) {
	pats := [][]byte{bytes.Repeat([]byte("abcdefghij"), 100)}
	if _, err := BuildWith(pats, Options{MaxBytes: 1000}); err != ErrTooLarge {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
}

func collect(d *DFA, b []byte) []Match {
	var out []Match
	d.Overlapping(b, func(m Match) bool { out = append(out, m); return true })
	return out
}

func randPatterns(r *rand.Rand, alpha string, n, maxLen int) [][]byte {
	pats := make([][]byte, n)
	for i := range pats {
		l := 1 + r.IntN(maxLen)
		p := make([]byte, l)
		for j := range p {
			p[j] = alpha[r.IntN(len(alpha))]
		}
		pats[i] = p
	}
	return pats
}

func randText(r *rand.Rand, alpha string, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = alpha[r.IntN(len(alpha))]
	}
	return b
}

func petarLL(pats [][]byte, text []byte) []Match {
	strs := make([]string, len(pats))
	for i, p := range pats {
		strs[i] = string(p)
	}
	b := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{MatchKind: ahocorasick.LeftMostLongestMatch, DFA: true})
	ac := b.Build(strs)
	// petar's iterator resumes one byte after each match's start, so its
	// list overlaps; keeping the greedy non-overlapping prefix gives the
	// classic leftmost-longest answer.
	var out []Match
	last := -1
	for _, m := range ac.FindAll(string(text)) {
		if m.Start() < last {
			continue
		}
		out = append(out, Match{Pattern: m.Pattern(), Start: m.Start(), End: m.End()})
		last = m.End()
	}
	return out
}

// samePositions compares matches by span only: with duplicate patterns the
// oracle may name another id of the same bytes.
func samePositions(pats [][]byte, a, b []Match) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Start != b[i].Start || a[i].End != b[i].End || !bytes.Equal(pats[a[i].Pattern], pats[b[i].Pattern]) {
			return false
		}
	}
	return true
}

func TestDifferentialRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for iter := range 400 {
		alpha := "ab c"
		if iter%3 == 0 {
			alpha = "abcdefg h"
		}
		pats := randPatterns(r, alpha, 1+r.IntN(20), 6)
		text := randText(r, alpha, r.IntN(200))
		d, err := Build(pats)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := normOverlap(d.AppendOverlapping(text, nil)), normOverlap(bruteOverlapping(pats, text)); !slices.Equal(got, want) {
			t.Fatalf("AppendOverlapping mismatch\npats=%q\ntext=%q\ngot=%v\nwant=%v", pats, text, got, want)
		}
		if got, want := normOverlap(collect(d, text)), normOverlap(bruteOverlapping(pats, text)); !slices.Equal(got, want) {
			t.Fatalf("overlapping mismatch\npats=%q\ntext=%q\ngot=%v\nwant=%v", pats, text, got, want)
		}
		if got, want := d.LeftmostLongest(text, nil), petarLL(pats, text); !samePositions(pats, got, want) {
			t.Fatalf("leftmost-longest mismatch vs petar\npats=%q\ntext=%q\ngot=%v\nwant=%v", pats, text, got, want)
		}
		if got, want := d.LeftmostLongestWords(text, spaceSep, nil), bruteLLWords(pats, text, spaceSep); !samePositions(pats, got, want) {
			t.Fatalf("words mismatch\npats=%q\ntext=%q\ngot=%v\nwant=%v", pats, text, got, want)
		}
		if got, want := d.Any(text), len(bruteOverlapping(pats, text)) > 0; got != want {
			t.Fatalf("Any = %v want %v", got, want)
		}
	}
}

// FuzzDifferential compares the automaton with petar's leftmost-longest
// DFA and with brute force. Run: go test -fuzz FuzzDifferential ./internal/screen/acdfa
func FuzzDifferential(f *testing.F) {
	f.Add([]byte("he\x00she\x00his\x00hers"), []byte("ushers and his"))
	f.Add([]byte("a\x00ab\x00abc\x00b c"), []byte("abc ab a b c"))
	f.Add([]byte("\xe2\x98\x9d\x00salam 1 jari"), []byte("salam 1 jari \xe2\x98\x9d"))
	f.Fuzz(func(t *testing.T, patBlob, text []byte) {
		if len(patBlob) > 400 || len(text) > 2000 {
			return
		}
		var pats [][]byte
		for _, p := range bytes.Split(patBlob, []byte{0}) {
			if len(p) > 0 {
				pats = append(pats, p)
			}
		}
		if len(pats) == 0 {
			return
		}
		d, err := Build(pats)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := normOverlap(collect(d, text)), normOverlap(bruteOverlapping(pats, text)); !slices.Equal(got, want) {
			t.Fatalf("overlapping mismatch: got %v want %v", got, want)
		}
		if got, want := d.LeftmostLongest(text, nil), petarLL(pats, text); !samePositions(pats, got, want) {
			t.Fatalf("leftmost-longest mismatch vs petar: got %v want %v", got, want)
		}
		if got, want := d.LeftmostLongestWords(text, spaceSep, nil), bruteLLWords(pats, text, spaceSep); !samePositions(pats, got, want) {
			t.Fatalf("words mismatch: got %v want %v", got, want)
		}
	})
}

// bruteOrdered is bruteOverlapping in the order the automaton reports:
// by end, then longer first, then by pattern id.
func bruteOrdered(pats [][]byte, b []byte) []Match {
	out := bruteOverlapping(pats, b)
	slices.SortStableFunc(out, func(x, y Match) int {
		if x.End != y.End {
			return x.End - y.End
		}
		if x.Start != y.Start {
			return x.Start - y.Start // longer first
		}
		return x.Pattern - y.Pattern
	})
	return out
}

// TestOverlappingOrder checks the exact order of the reported matches,
// which callers rely on, and that the lazily filled table gives the same
// answers on a second pass.
func TestOverlappingOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for iter := range 300 {
		alpha := "ab c\xe2\x98"
		pats := randPatterns(r, alpha, 1+r.IntN(40), 7)
		if iter%5 == 0 {
			pats = append(pats, pats[0], nil) // a duplicate and an empty pattern
		}
		d, err := Build(pats)
		if err != nil {
			t.Fatal(err)
		}
		for pass := range 2 {
			text := randText(r, alpha+"xyz", r.IntN(300))
			want := bruteOrdered(pats, text)
			if got := d.AppendOverlapping(text, nil); !slices.Equal(got, want) && (len(got) > 0 || len(want) > 0) {
				t.Fatalf("pass %d: order mismatch\npats=%q\ntext=%q\ngot=%v\nwant=%v", pass, pats, text, got, want)
			}
			if got := collect(d, text); !slices.Equal(got, want) && (len(got) > 0 || len(want) > 0) {
				t.Fatalf("pass %d: Overlapping order mismatch", pass)
			}
		}
	}
}

// TestConcurrentScans scans with one automaton from several goroutines
// while its table is being filled (run with -race).
func TestConcurrentScans(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	alpha := "abcdef gh"
	pats := randPatterns(r, alpha, 300, 8)
	d, err := Build(pats)
	if err != nil {
		t.Fatal(err)
	}
	texts := make([][]byte, 8)
	wants := make([][]Match, len(texts))
	for i := range texts {
		texts[i] = randText(r, alpha, 3000)
		wants[i] = bruteOrdered(pats, texts[i])
	}
	done := make(chan string, 4)
	for g := range 4 {
		go func() {
			for k := range texts {
				i := (k + g) % len(texts)
				if got := d.AppendOverlapping(texts[i], nil); !slices.Equal(got, wants[i]) {
					done <- "mismatch"
					return
				}
				if d.Any(texts[i]) != (len(wants[i]) > 0) {
					done <- "Any mismatch"
					return
				}
			}
			done <- ""
		}()
	}
	for range 4 {
		if msg := <-done; msg != "" {
			t.Fatal(msg)
		}
	}
}

// TestNum checks the division by multiplication for every stride.
func TestNum(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for stride := uint32(1); stride <= 256; stride++ {
		d := &DFA{stride: stride}
		d.rshift = 32 + uint(bits.Len32(stride))
		d.recip = (1<<d.rshift + uint64(stride) - 1) / uint64(stride)
		for range 2000 {
			s := r.Uint32()
			if r.IntN(2) == 0 {
				s = s / stride * stride
			}
			if got := d.num(s); got != s/stride {
				t.Fatalf("stride %d: num(%d) = %d, want %d", stride, s, got, s/stride)
			}
		}
		for _, s := range []uint32{0, stride - 1, stride, ^uint32(0), ^uint32(0) - stride + 1} {
			if got := d.num(s); got != s/stride {
				t.Fatalf("stride %d: num(%d) = %d, want %d", stride, s, got, s/stride)
			}
		}
	}
}
