package demo_test

import (
	"bufio"
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/demo"
	"github.com/netral-asn/netral/internal/election"
	"github.com/netral-asn/netral/internal/monitor"
	"github.com/netral-asn/netral/internal/screen"
)

func TestActivitiesDeterministicAndValid(t *testing.T) {
	ds := demo.Generate()
	recs := demo.Activities(ds)
	if again := demo.Activities(demo.Generate()); !reflect.DeepEqual(recs, again) {
		t.Fatal("Activities is not deterministic")
	}
	if len(recs) != demo.ActivityCount {
		t.Fatalf("%d records, want %d", len(recs), demo.ActivityCount)
	}
	owned := map[string]bool{}
	for _, e := range ds.Employees {
		for _, a := range e.Accounts {
			owned[a.Platform+" "+a.Author()] = true
		}
	}
	ids, kinds := map[string]bool{}, map[string]int{}
	unknown, early := 0, 0
	sc := bufio.NewScanner(bytes.NewReader(demo.ActivitiesJSONL(recs)))
	n := 0
	for sc.Scan() {
		rec, err := screen.ParseRecord(sc.Bytes())
		if err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		if err := rec.Validate(); err != nil {
			t.Fatalf("record %s: %v", rec.ID, err)
		}
		if rec.Time().IsZero() || rec.Time().Year() != 2024 {
			t.Errorf("record %s: created_at %q", rec.ID, rec.CreatedAt)
		}
		if rec.Time().Month() <= 2 {
			early++
		}
		if !strings.HasPrefix(rec.ID, "demo-") || ids[rec.Platform+" "+rec.ID] {
			t.Errorf("bad or repeated id %q", rec.ID)
		}
		ids[rec.Platform+" "+rec.ID] = true
		kinds[rec.Kind]++
		if !owned[rec.Platform+" "+rec.Author] {
			unknown++
		}
		n++
	}
	if n != len(recs) {
		t.Fatalf("%d JSON lines for %d records", n, len(recs))
	}
	for _, k := range []string{"post", "comment", "share", "like", "photo", "video", "story", "follow", "join_group", "profile"} {
		if kinds[k] == 0 {
			t.Errorf("no %s records", k)
		}
	}
	if unknown < n/20 || unknown > n/5 {
		t.Errorf("%d of %d records by unknown authors, want about 10%%", unknown, n)
	}
	if early < 15 || early > n/3 {
		t.Errorf("%d records in Jan–Feb 2024", early)
	}
	if recs[0].ID == "" || recs[0].URL == "" {
		t.Errorf("first record = %+v", recs[0])
	}
}

// TestActivitiesFlagShare screens the stream with the demo region's default
// elections: roughly a third should be flagged.
func TestActivitiesFlagShare(t *testing.T) {
	es, err := monitor.DefaultElections(demo.RegionCode)
	if err != nil {
		t.Fatal(err)
	}
	set, _ := election.NewSet(es)
	s, err := screen.New(set, screen.Options{})
	if err != nil {
		t.Fatal(err)
	}
	recs := demo.Activities(demo.Generate())
	flagged := 0
	sc := bufio.NewScanner(bytes.NewReader(demo.ActivitiesJSONL(recs)))
	for sc.Scan() {
		rec, err := screen.ParseRecord(sc.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		res := s.Screen(&rec)
		if res.Flagged {
			flagged++
		}
		if testing.Verbose() {
			t.Logf("%-5v %-10s %s | %s | %s | %v", res.Flagged, rec.Kind, rec.CreatedAt[:10], rec.Text, rec.ContextText, rec.MediaCaptions)
		}
	}
	t.Logf("%d of %d flagged", flagged, len(recs))
	if flagged < len(recs)/5 || flagged > len(recs)*2/5 {
		t.Errorf("%d of %d records flagged, want 20–40%%", flagged, len(recs))
	}
}
