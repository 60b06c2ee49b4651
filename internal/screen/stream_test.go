package screen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

func scanString(t *testing.T, s *Screener, in string, opt ScanOptions) ([]map[string]any, []string, ScanStats) {
	t.Helper()
	var out bytes.Buffer
	var errs []string
	opt.OnError = func(line int, id string, err error) { errs = append(errs, fmt.Sprintf("%d:%s", line, id)) }
	stats, err := s.Scan(context.Background(), strings.NewReader(in), &out, opt)
	if err != nil {
		t.Fatal(err)
	}
	var res []map[string]any
	for l := range strings.SplitSeq(strings.TrimRight(out.String(), "\n"), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("output line %q: %v", l, err)
		}
		res = append(res, m)
	}
	return res, errs, stats
}

// TestScanBadInput: unreadable lines yield error records in place and the
// rest is screened; blank lines are skipped.
func TestScanBadInput(t *testing.T) {
	s := devScreener(t)
	big := strings.Repeat("kata biasa ", 500_000) // 5.5 MB of text
	lines := []string{
		`{"id":"ok1","platform":"x","kind":"post","created_at":"2024-01-20T10:00:00+07:00","text":"coblos 02 ya #PrabowoGibran"}`,
		`this is not json`,
		"{\"id\":\"bad-utf8\",\"platform\":\"x\",\"kind\":\"post\",\"text\":\"a\xffb\"}",
		``,
		`{"id":"nofield","platform":"x","kind":"post"}`,
		`{"id":"kind","platform":"x","kind":"tweet","text":"x"}`,
		`{"id":"big","platform":"x","kind":"post","text":"` + big + `"}`,
		`{"id":"bigbad","platform":"x","kind":"post","text":"` + big,
		`{"id":"ok2","platform":"x","kind":"post","text":"selamat pagi"}`,
	}
	res, errs, stats := scanString(t, s, strings.Join(lines, "\n")+"\n", ScanOptions{Workers: 3})
	ids := []string{"ok1", "", "bad-utf8", "nofield", "kind", "big", "bigbad", "ok2"}
	if len(res) != len(ids) {
		t.Fatalf("got %d results, want %d", len(res), len(ids))
	}
	for i, id := range ids {
		if got, _ := res[i]["id"].(string); got != id {
			t.Errorf("result %d id %q, want %q", i, got, id)
		}
	}
	for _, i := range []int{1, 2, 3, 4, 6} {
		if _, ok := res[i]["error"]; !ok {
			t.Errorf("result %d: no error: %v", i, res[i])
		}
	}
	if res[0]["flagged"] != true || res[5]["flagged"] != false || res[7]["flagged"] != false {
		t.Errorf("screening results wrong: %v / %v / %v", res[0]["flagged"], res[5]["flagged"], res[7]["flagged"])
	}
	if want := []string{"2:", "3:bad-utf8", "5:nofield", "6:kind", "8:bigbad"}; strings.Join(errs, " ") != strings.Join(want, " ") {
		t.Errorf("errors %v, want %v", errs, want)
	}
	if stats.Records != 8 || stats.Errors != 5 || stats.Flagged != 1 {
		t.Errorf("stats %+v", stats)
	}
}

// TestScanLongLine: a line over MaxLine is an error record; the next
// line is still read.
func TestScanLongLine(t *testing.T) {
	s := devScreener(t)
	in := `{"id":"long","platform":"x","kind":"post","text":"` + strings.Repeat("a", 5000) + "\"}\n" +
		`{"id":"next","platform":"x","kind":"post","text":"b"}` + "\n"
	res, errs, _ := scanString(t, s, in, ScanOptions{MaxLine: 1000})
	if len(res) != 2 || res[0]["id"] != "long" || res[0]["error"] == nil || res[1]["id"] != "next" || res[1]["error"] != nil {
		t.Fatalf("results %v", res)
	}
	if len(errs) != 1 || errs[0] != "1:long" {
		t.Errorf("errors %v", errs)
	}
}

// TestScanOrder: many workers keep input order and agree with Screen.
func TestScanOrder(t *testing.T) {
	s := devScreener(t)
	var in strings.Builder
	texts := []string{"coblos 01 ☝️", "selamat pagi rekan2", "Jangan pilih Gibran!", "#HeRaMenang", "info KPU"}
	for i := range 3000 {
		fmt.Fprintf(&in, `{"id":"r%d","platform":"x","kind":"post","created_at":"2024-01-20T10:00:00+07:00","text":%q}`+"\n", i, texts[i%len(texts)])
	}
	res, _, stats := scanString(t, s, in.String(), ScanOptions{Workers: 4})
	if len(res) != 3000 || stats.Records != 3000 {
		t.Fatalf("got %d results", len(res))
	}
	for i, r := range res {
		if r["id"] != fmt.Sprintf("r%d", i) {
			t.Fatalf("result %d is %v", i, r["id"])
		}
		rec := Record{ID: "x", Platform: "x", Kind: KindPost, CreatedAt: "2024-01-20T10:00:00+07:00"}
		rec.SetText(texts[i%len(texts)])
		if want := s.Screen(&rec); r["flagged"] != want.Flagged {
			t.Fatalf("result %d flagged %v, Screen says %v", i, r["flagged"], want.Flagged)
		}
	}
}

// TestScanCancel: a cancelled context stops the scan.
func TestScanCancel(t *testing.T) {
	s := devScreener(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	in := strings.Repeat(`{"id":"a","platform":"x","kind":"post","text":"b"}`+"\n", 100000)
	done := make(chan error, 1)
	go func() {
		_, err := s.Scan(ctx, strings.NewReader(in), &bytes.Buffer{}, ScanOptions{})
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Error("no error after cancel")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("scan did not stop")
	}
}

// TestPathologicalLines: huge repetitive values screen in bounded time.
func TestPathologicalLines(t *testing.T) {
	s := devScreener(t)
	for _, unit := range []string{"coblos 02 ☝ Prabowo ", "a ", "☝", "#AMIN ", "Pak Dedi 03 👌 ", "aaaaaaaaaa", "A-", "no 2 "} {
		rec := Record{ID: "p", Platform: "x", Kind: KindPost, CreatedAt: "2024-01-20T10:00:00+07:00"}
		rec.SetText(strings.Repeat(unit, 2_000_000/len(unit)))
		start := time.Now()
		res := s.Screen(&rec)
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%q: %v", unit, d)
		}
		if len(res.Matches) > maxMatches {
			t.Errorf("%q: %d matches", unit, len(res.Matches))
		}
	}
}
