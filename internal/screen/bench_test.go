package screen

import (
	"bytes"
	"context"
	"io"
	"os"
	"testing"

	"github.com/netral-asn/netral/internal/election"
)

// benchCorpus returns the corpus named by NETRAL_BENCH_CORPUS (see
// bench/scan.sh) or a small built-in one made of the dev set.
func benchCorpus(b *testing.B) []byte {
	if p := os.Getenv("NETRAL_BENCH_CORPUS"); p != "" {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		return data
	}
	data, err := os.ReadFile("../../../shared/data/screening-dev/labelled.jsonl")
	if err != nil {
		b.Skip("no corpus")
	}
	return bytes.Repeat(data, 20)
}

func allScreener(b testing.TB) *Screener {
	es, err := election.ForRegion("all")
	if err != nil {
		b.Fatal(err)
	}
	set, _ := election.NewSet(es)
	s, err := New(set, Options{})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkScanAll screens the corpus with every built-in election
// (--region all) on one goroutine, end to end (parse, screen, encode).
func BenchmarkScanAll(b *testing.B) {
	s := allScreener(b)
	data := benchCorpus(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Scan(context.Background(), bytes.NewReader(data), io.Discard, ScanOptions{Workers: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScanAllParallel is BenchmarkScanAll on every CPU.
func BenchmarkScanAllParallel(b *testing.B) {
	s := allScreener(b)
	data := benchCorpus(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Scan(context.Background(), bytes.NewReader(data), io.Discard, ScanOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewAll compiles the screener for every built-in election
// (--region all): the start-up cost of `netral scan --region all`.
func BenchmarkNewAll(b *testing.B) {
	es, err := election.ForRegion("all")
	if err != nil {
		b.Fatal(err)
	}
	set, _ := election.NewSet(es)
	for b.Loop() {
		if _, err := New(set, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
