package screen

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"slices"
	"sync"
	"testing"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/golden/*.golden.jsonl from the current engine")

// goldenInput is testdata/golden/input.jsonl: 1,600 records of
// bench/gencorpus (seed 2024, --region all term list), the 150 records of
// shared/data/screening-dev, and 250 lines with Unicode folding,
// mojibake, leetspeak, hashtags, escapes and unreadable records. Every
// readable record has a created_at, so no result depends on the clock.
const goldenInput = "testdata/golden/input.jsonl"

// TestGoldenScan pins the exact output of Scan (and of Screen, alone and
// from several goroutines at once) for --region all and for the dev
// elections. Performance work must leave it byte for byte unchanged; a
// deliberate change of the screening rules regenerates it with
//
//	go test ./internal/screen -run TestGoldenScan -update
//
// and the diff of the golden files is then part of the review.
func TestGoldenScan(t *testing.T) {
	in, err := os.ReadFile(goldenInput)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		file string
		s    func(testing.TB) *Screener
	}{
		{"testdata/golden/scan-all.golden.jsonl", allScreener},
		{"testdata/golden/scan-dev.golden.jsonl", devScreener},
	} {
		s := c.s(t)
		scan := func(workers int) []byte {
			var out bytes.Buffer
			if _, err := s.Scan(context.Background(), bytes.NewReader(in), &out, ScanOptions{Workers: workers}); err != nil {
				t.Fatal(err)
			}
			return out.Bytes()
		}
		got := scan(1)
		if *updateGolden {
			if err := os.WriteFile(c.file, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(c.file)
		if err != nil {
			t.Fatal(err)
		}
		compareLines(t, c.file+" (1 worker)", got, want)
		compareLines(t, c.file+" (3 workers)", scan(3), want)

		// Results handed to OnResult and ids handed to OnError stay
		// valid after Scan has reused its buffers (the input repeated, so
		// that batches are recycled).
		const reps = 6
		var kept []Result
		var ids, ids2 []string
		_, err = s.Scan(context.Background(), bytes.NewReader(bytes.Repeat(in, reps)), io.Discard, ScanOptions{Workers: 2,
			OnResult: func(_ int, r *Result) { kept = append(kept, *r) },
			OnError:  func(_ int, id string, _ error) { ids = append(ids, id) },
		})
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.Scan(context.Background(), bytes.NewReader(bytes.Repeat(in, reps)), io.Discard, ScanOptions{Workers: 2,
			OnError: func(_ int, id string, _ error) { ids2 = append(ids2, id) },
		})
		if err != nil {
			t.Fatal(err)
		}
		var again []byte
		var errIDs []string
		for i := range kept {
			again = kept[i].AppendJSON(again)
			again = append(again, '\n')
			if kept[i].Error != "" {
				errIDs = append(errIDs, kept[i].ID)
			}
		}
		compareLines(t, c.file+" (OnResult, re-encoded)", again, bytes.Repeat(want, reps))
		if !slices.Equal(ids, errIDs) || !slices.Equal(ids2, errIDs) {
			t.Errorf("OnError ids %q and %q, want %q", ids, ids2, errIDs)
		}

		// Screen, the per-record entry point, gives the same results,
		// also when called from several goroutines at once.
		lines := bytes.Split(bytes.TrimRight(in, "\n"), []byte("\n"))
		wantLines := bytes.Split(bytes.TrimRight(want, "\n"), []byte("\n"))
		var recs []Record
		var exp [][]byte
		k := 0
		for _, l := range lines {
			if blank(l) {
				continue
			}
			rec, err := ParseRecord(l)
			if err == nil {
				recs = append(recs, rec)
				exp = append(exp, wantLines[k])
			}
			k++
		}
		var wg sync.WaitGroup
		for g := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var b []byte
				for i := g; i < len(recs); i += 2 { // overlapping halves
					res := s.Screen(&recs[i])
					b = res.AppendJSON(b[:0])
					if !bytes.Equal(b, exp[i]) {
						t.Errorf("%s: Screen(%s) =\n%s\nwant\n%s", c.file, recs[i].ID, b, exp[i])
						return
					}
				}
			}()
		}
		wg.Wait()
	}
}

func compareLines(t *testing.T, name string, got, want []byte) {
	t.Helper()
	if bytes.Equal(got, want) {
		return
	}
	g := bytes.Split(got, []byte("\n"))
	w := bytes.Split(want, []byte("\n"))
	for i := range max(len(g), len(w)) {
		var a, b []byte
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if !bytes.Equal(a, b) {
			t.Fatalf("%s: output line %d differs:\n got %s\nwant %s", name, i+1, a, b)
		}
	}
}
