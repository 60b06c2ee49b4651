package monitor_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/monitor"
)

func TestIngestIsIdempotent(t *testing.T) {
	f := setup(t)
	input := flaggedPilkada + "\n" + plain + "\n\n" + flaggedPemilu + "\n"
	rep := f.ingest(t, input, monitor.FormatAuto)
	if rep.Records != 3 || rep.New != 3 || rep.Duplicates != 0 || rep.RejectedCount != 0 {
		t.Fatalf("first ingest: %+v", rep)
	}
	if rep.Flagged != 2 || rep.Attributed != 2 || rep.ElectionVersion != 1 || rep.Lexicon == "" {
		t.Fatalf("first ingest counts: %+v", rep)
	}
	rep = f.ingest(t, input, monitor.FormatAuto)
	if rep.New != 0 || rep.Duplicates != 3 {
		t.Fatalf("second ingest: %+v", rep)
	}
	// Repeated within one input (also across batches, BatchSize is 2 here).
	rep = f.ingest(t, strings.Repeat(plain+"\n", 5), monitor.FormatAuto)
	if rep.New != 0 || rep.Duplicates != 5 {
		t.Fatalf("repeated: %+v", rep)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM activity`); n != 3 {
		t.Fatalf("%d activities stored", n)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM activity_screening`); n != 3 {
		t.Fatalf("%d screening rows stored", n)
	}
	// The same record id in another instansi is another record.
	rep = f.ingestInto(t, f.inst2.ID, plain, monitor.FormatAuto)
	if rep.New != 1 {
		t.Fatalf("other instansi: %+v", rep)
	}
	// Each ingest with something stored is audited.
	if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'activity.ingest'`); n != 4 {
		t.Fatalf("%d ingest audit entries", n)
	}
}

func TestIngestStoresFieldsAndScreening(t *testing.T) {
	f := setup(t)
	rec := `{"id":"p1","platform":"Instagram","kind":"photo","author":"https://www.instagram.com/nobody.here/",` +
		`"created_at":"2024-10-02T19:04:00+07:00","url":"https://instagram.com/p/1","text":"Kampanye akbar",` +
		`"media_captions":["Foto baliho #UNUR02","spanduk"],"extra":{"ignored":[1,2]}}`
	f.ingest(t, rec+"\n"+flaggedPilkada, monitor.FormatAuto)
	a := f.get(t, "instagram", "p1")
	if a.Platform != "instagram" || a.Kind != "photo" || a.AuthorKey != "nobody.here" || a.URL != "https://instagram.com/p/1" ||
		a.Source != monitor.SourceImport || a.IngestedAt.IsZero() || a.Attribution != nil {
		t.Fatalf("stored: %+v", a)
	}
	if a.OccurredAt.UTC().Format("2006-01-02T15:04") != "2024-10-02T12:04" {
		t.Fatalf("occurred at %v", a.OccurredAt)
	}
	if a.Text == nil || *a.Text != "Kampanye akbar" || a.ContextText != nil || !slices.Equal(a.MediaCaptions, []string{"Foto baliho #UNUR02", "spanduk"}) {
		t.Fatalf("text %v context %v captions %v", a.Text, a.ContextText, a.MediaCaptions)
	}
	b := f.get(t, "facebook", "a1")
	ver, err := monitor.ActiveElections(context.Background(), f.d, f.inst.ID)
	if err != nil {
		t.Fatal(err)
	}
	s := b.Screening
	if s == nil || !b.Flagged || !s.Flagged || s.LexiconVersion != ver.Lexicon || s.ElectionVersion != 1 || s.Score <= 0 ||
		!slices.Contains(s.Targets, "pilkada-2024-tanjung-harapan/02") || s.Stance != "support" || len(s.Matches) == 0 ||
		s.Explanation == "" || s.ScreenedAt.IsZero() {
		t.Fatalf("screening: %+v", s)
	}
	m := s.Matches[0]
	if text := *b.Text; m.End <= m.Start || m.End > len(text) || text[m.Start:m.End] != m.Term {
		t.Fatalf("match %+v does not point into the text", m)
	}
}

func TestIngestRejectsBadLinesAndKeepsGoodOnes(t *testing.T) {
	f := setup(t)
	lines := []string{
		flaggedPilkada, // 1
		`{"id":"b2","platform":"facebook","kind":"post"`, // 2: truncated JSON
		plain, // 3
		`{"id":"b4","platform":"facebook","text":"x"}`,                                      // 4: no kind
		`{"id":"b5","platform":"facebook","kind":"dance","text":"x"}`,                       // 5: unknown kind
		`{"id":"b6","platform":"face book","kind":"post","text":"x"}`,                       // 6: bad platform
		`{"id":"b7","platform":"facebook","kind":"post","text":"x","created_at":"kemarin"}`, // 7: bad time
		`{"id":"b8","platform":"facebook","kind":"post"}`,                                   // 8: no text at all
		`not json`,    // 9
		flaggedPemilu, // 10
		`{"id":"` + strings.Repeat("x", 600) + `","platform":"facebook","kind":"post","text":"x"}`, // 11: id too long
	}
	var seen []int
	rep, err := monitor.Ingest(context.Background(), f.d, strings.NewReader(strings.Join(lines, "\n")), monitor.IngestOptions{
		InstansiID: f.inst.ID, Source: monitor.SourceImport, Actor: actor,
		OnReject: func(r monitor.Rejection) { seen = append(seen, r.Line) }})
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, r := range rep.Rejected {
		got = append(got, r.Line)
		if r.Error == "" {
			t.Errorf("line %d: no reason", r.Line)
		}
	}
	want := []int{2, 4, 5, 6, 7, 8, 9, 11}
	if !slices.Equal(got, want) || !slices.Equal(seen, want) || rep.RejectedCount != len(want) {
		t.Fatalf("rejected lines %v (callback %v), want %v: %+v", got, seen, want, rep.Rejected)
	}
	if rep.New != 3 || rep.Records != 11 {
		t.Fatalf("report: %+v", rep)
	}
	if r := rep.Rejected[1]; r.ID != "b4" || !strings.Contains(r.Error, "kind") {
		t.Fatalf("line 4: %+v", r)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM activity`); n != 3 {
		t.Fatalf("%d stored", n)
	}
}

func TestIngestHugeLine(t *testing.T) {
	f := setup(t)
	big := strings.Repeat("kata biasa tanpa politik ", 5<<20/25) // 5 MB
	rec := fmt.Sprintf(`{"id":"big","platform":"facebook","kind":"post","author":"@budi.s","text":%q}`, big)
	rep := f.ingest(t, plain+"\n"+rec+"\n"+flaggedPemilu+"\n", monitor.FormatAuto)
	if rep.New != 3 || rep.RejectedCount != 0 {
		t.Fatalf("report: %+v", rep)
	}
	if a := f.get(t, "facebook", "big"); a.Text == nil || len(*a.Text) != len(big) || a.Screening == nil {
		t.Fatalf("big record not stored whole")
	}
	// Beyond MaxLine the line is rejected, and the rest still read.
	rep, err := monitor.Ingest(context.Background(), f.d, strings.NewReader(rec+"\n"+flaggedPilkada+"\n"), monitor.IngestOptions{
		InstansiID: f.inst2.ID, Source: monitor.SourceAPI, Actor: actor, MaxLine: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	if rep.New != 1 || rep.RejectedCount != 1 || rep.Rejected[0].Line != 1 || !strings.Contains(rep.Rejected[0].Error, "longer") {
		t.Fatalf("over MaxLine: %+v", rep)
	}
}

func TestIngestJSONArrayAndCSV(t *testing.T) {
	f := setup(t)
	rep := f.ingest(t, " [\n"+flaggedPilkada+",\n"+plain+",\n"+`{"id":"c3"}`+"]", monitor.FormatAuto)
	if rep.New != 2 || rep.RejectedCount != 1 || rep.Rejected[0].Line != 3 {
		t.Fatalf("array: %+v", rep)
	}
	rep = f.ingest(t, "["+plain+", {oops", monitor.FormatJSON)
	if rep.New != 0 || rep.Duplicates != 1 || rep.RejectedCount != 1 || rep.Rejected[0].Line != 2 {
		t.Fatalf("broken array: %+v", rep)
	}
	csv := "\ufeffID;Platform;Kind;Author;created_at;Text;context_text;media_captions;url\n" +
		"v1;facebook;photo;@budi.s;2024-10-02T19:04:00+07:00;Kampanye;;\"Baliho #UNUR02 | spanduk HERA \";\n" +
		"v2;facebook;post;;;;;;\n" +
		"v3;x;like;4242;;;\"Ayo menangkan Prabowo-Gibran; coblos 02\";;https://x.com/a/1\n"
	rep = f.ingest(t, csv, monitor.FormatCSV)
	if rep.New != 2 || rep.RejectedCount != 1 || rep.Rejected[0].Line != 3 {
		t.Fatalf("csv: %+v", rep)
	}
	a := f.get(t, "facebook", "v1")
	if !slices.Equal(a.MediaCaptions, []string{"Baliho #UNUR02", "spanduk HERA"}) || a.Attribution == nil || a.ContextText != nil {
		t.Fatalf("csv v1: %+v", a)
	}
	b := f.get(t, "x", "v3")
	if b.Attribution == nil || b.Attribution.EmployeeID != f.siti.ID || b.URL != "https://x.com/a/1" || b.Text != nil {
		t.Fatalf("csv v3 (author given as platform id): %+v", b)
	}
	rep, err := monitor.Ingest(context.Background(), f.d, strings.NewReader("id,kind\nx,post\n"), monitor.IngestOptions{
		InstansiID: f.inst.ID, Source: monitor.SourceImport, Format: monitor.FormatCSV, Actor: actor})
	if err != nil || rep.RejectedCount != 1 || !strings.Contains(rep.Rejected[0].Error, "platform") {
		t.Fatalf("csv without platform column: %v %+v", err, rep)
	}
}
