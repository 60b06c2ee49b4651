package monitor_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/monitor"
)

// TestReviewCountsStopAtTheCap checks the bounded counts of the inbox:
// exact up to the cap, "more" above it, the review-items-only cap for
// unfiltered counts and the filtered cap once a filter joins the activity.
func TestReviewCountsStopAtTheCap(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	var recs []string
	for i := range 12 { // 12 flagged: 6 facebook (budi's), 6 x
		platform, author := "facebook", "@Budi.S"
		if i%2 == 1 {
			platform, author = "x", "@someone"
		}
		recs = append(recs, fmt.Sprintf(`{"id":"c%d","platform":%q,"kind":"post","author":%q,"text":"Ayo coblos nomor 2 Untung-Nurul! #UNUR02 Pasti Untung"}`,
			i, platform, author))
	}
	f.ingest(t, strings.Join(recs, "\n"), monitor.FormatAuto)

	// With the real caps every count is exact.
	all := monitor.ReviewFilter{InstansiID: f.inst.ID}
	fb := monitor.ReviewFilter{InstansiID: f.inst.ID, Platform: "facebook"}
	if all.CountCap() != monitor.ReviewCountCap || fb.CountCap() != monitor.ReviewFilteredCountCap ||
		(monitor.ReviewFilter{InstansiID: f.inst.ID, AssigneeID: -1}).CountCap() != monitor.ReviewCountCap ||
		(monitor.ReviewFilter{InstansiID: f.inst.ID, MinScore: 0.5}).CountCap() != monitor.ReviewFilteredCountCap {
		t.Fatal("caps of the filters")
	}
	p, counts, err := monitor.ReviewInbox(ctx, f.d, monitor.ReviewFilter{InstansiID: f.inst.ID, Status: monitor.ReviewNew, Limit: 5})
	if err != nil || p.Total != 12 || p.More || len(p.Items) != 5 || p.Next == "" || counts[monitor.ReviewNew] != 12 ||
		counts[monitor.ReviewDismissed] != 0 || len(counts) != len(monitor.ReviewStatuses) {
		t.Fatalf("inbox: total %d more %v items %d counts %v %v", p.Total, p.More, len(p.Items), counts, err)
	}

	monitor.SetReviewCountCaps(t, 10, 4)
	for _, c := range []struct {
		name  string
		f     monitor.ReviewFilter
		total int
		more  bool
	}{
		{"every item, above the cap", monitor.ReviewFilter{Status: monitor.ReviewNew}, 10, true},
		{"every status", monitor.ReviewFilter{}, 10, true},
		{"filtered, above the filtered cap", monitor.ReviewFilter{Status: monitor.ReviewNew, Platform: "facebook"}, 4, true},
		{"filtered, none", monitor.ReviewFilter{Status: monitor.ReviewNew, Platform: "x", Kind: "comment"}, 0, false},
		{"nothing", monitor.ReviewFilter{Status: monitor.ReviewConfirmed}, 0, false},
		{"empty scope", monitor.ReviewFilter{OPDIDs: []int64{}}, 0, false},
	} {
		c.f.InstansiID = f.inst.ID
		p, err := monitor.ReviewList(ctx, f.d, c.f)
		if err != nil || p.Total != c.total || p.More != c.more {
			t.Errorf("%s: ReviewList total %d more %v (%v), want %d %v", c.name, p.Total, p.More, err, c.total, c.more)
		}
		p, _, err = monitor.ReviewInbox(ctx, f.d, c.f)
		if err != nil || p.Total != c.total || p.More != c.more {
			t.Errorf("%s: ReviewInbox total %d more %v (%v), want %d %v", c.name, p.Total, p.More, err, c.total, c.more)
		}
	}
	// Counts above the cap are cap+1 ("more than the cap").
	counts, err = monitor.ReviewCounts(ctx, f.d, monitor.ReviewFilter{InstansiID: f.inst.ID, Platform: "facebook"})
	if err != nil || counts[monitor.ReviewNew] != 5 || counts[monitor.ReviewConfirmed] != 0 {
		t.Fatalf("filtered counts: %v %v", counts, err)
	}
	counts, err = monitor.ReviewCounts(ctx, f.d, all)
	if err != nil || counts[monitor.ReviewNew] != 11 {
		t.Fatalf("counts: %v %v", counts, err)
	}
	// The scope of a kepala OPD joins the activity: the filtered cap.
	scoped := monitor.ReviewFilter{InstansiID: f.inst.ID, OPDIDs: []int64{f.opd.ID, f.sub.ID}}
	if scoped.CountCap() != 4 {
		t.Fatalf("scoped cap %d", scoped.CountCap())
	}
	if counts, err := monitor.ReviewCounts(ctx, f.d, scoped); err != nil || counts[monitor.ReviewNew] != 5 {
		t.Fatalf("scoped counts: %v %v", counts, err)
	}
}

// TestCachedReviewFacets checks that the cached filter choices equal
// ReviewFacets and follow new items and re-screens.
func TestCachedReviewFacets(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	monitor.SetFacetTiming(t, time.Hour, time.Minute) // always within the request, however slow the machine
	check := func(step string, opdIDs []int64) {
		t.Helper()
		wp, wt, err := monitor.ReviewFacets(ctx, f.d, f.inst.ID, opdIDs)
		if err != nil {
			t.Fatal(err)
		}
		gp, gt, err := monitor.CachedReviewFacets(ctx, f.d, f.inst.ID, opdIDs)
		if err != nil || strings.Join(gp, " ") != strings.Join(wp, " ") || strings.Join(gt, " ") != strings.Join(wt, " ") {
			t.Fatalf("%s: cached %v %v (%v), want %v %v", step, gp, gt, err, wp, wt)
		}
	}
	check("empty", nil)
	f.ingest(t, flaggedPilkada, monitor.FormatAuto)
	check("one item", nil)
	p, ts, _ := monitor.CachedReviewFacets(ctx, f.d, f.inst.ID, nil)
	if strings.Join(p, " ") != "facebook" || strings.Join(ts, " ") != "pilkada-2024-tanjung-harapan/02" {
		t.Fatalf("facets %v %v", p, ts)
	}
	f.ingest(t, flaggedPemilu+"\n"+`{"id":"s1","platform":"x","kind":"post","author":"@siti_aminah","text":"Coblos 02 Prabowo-Gibran, ayo menangkan!"}`, monitor.FormatAuto)
	check("three items", nil)
	check("budi's unit", []int64{f.opd.ID, f.sub.ID})
	check("siti's unit", []int64{f.opd2.ID})
	if p, ts, err := monitor.CachedReviewFacets(ctx, f.d, f.inst.ID, []int64{}); err != nil || p != nil || ts != nil {
		t.Fatalf("empty scope: %v %v %v", p, ts, err)
	}
	// A re-screen with Pemilu only withdraws the Pilkada item.
	v1, _ := monitor.ActiveElections(ctx, f.d, f.inst.ID)
	es, _ := v1.Elections()
	if _, _, err := monitor.ActivateElections(ctx, f.d, actor, f.inst.ID, es[:1], "pemilu.json"); err != nil {
		t.Fatal(err)
	}
	if _, err := monitor.Rescreen(ctx, f.d, f.inst.ID, monitor.RescreenOptions{Actor: actor}); err != nil {
		t.Fatal(err)
	}
	check("after a re-screen", nil)
	// Another instansi has its own.
	if p, _, err := monitor.CachedReviewFacets(ctx, f.d, f.inst2.ID, nil); err != nil || len(p) != 0 {
		t.Fatalf("instansi 2: %v %v", p, err)
	}
}

// TestCachedReviewFacetsInTheBackground: facets that are slow to compute
// are served as they were while a background computation catches up.
func TestCachedReviewFacetsInTheBackground(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	monitor.SetFacetTiming(t, 0, 0) // every recomputation is a background one
	f.ingest(t, flaggedPilkada, monitor.FormatAuto)
	if p, _, err := monitor.CachedReviewFacets(ctx, f.d, f.inst.ID, nil); err != nil || strings.Join(p, " ") != "facebook" {
		t.Fatalf("first (computed in the request): %v %v", p, err)
	}
	f.ingest(t, `{"id":"s1","platform":"x","kind":"post","author":"@siti_aminah","text":"Coblos 02 Prabowo-Gibran, ayo menangkan!"}`, monitor.FormatAuto)
	deadline := time.Now().Add(10 * time.Second)
	for {
		p, _, err := monitor.CachedReviewFacets(ctx, f.d, f.inst.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(p, " ") == "facebook x" {
			break
		}
		if strings.Join(p, " ") != "facebook" {
			t.Fatalf("facets %v", p)
		}
		if time.Now().After(deadline) {
			t.Fatal("the background computation did not catch up")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
