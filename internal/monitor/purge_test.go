package monitor_test

import (
	"context"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/monitor"
)

func TestPurgeNeverFlagged(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	caption := `{"id":"p4","platform":"instagram","kind":"photo","text":"","media_captions":["kucing tidur"]}`
	f.ingest(t, flaggedPilkada+"\n"+plain+"\n"+flaggedPemilu+"\n"+caption, monitor.FormatAuto)
	// Nothing is old enough yet.
	if n, err := monitor.Purge(ctx, f.d, monitor.DefaultRetention); err != nil || n != 0 {
		t.Fatalf("fresh purge: %d %v", n, err)
	}
	old := clock.Format(time.Now().Add(-100 * 24 * time.Hour))
	if _, err := f.d.Exec(ctx, `UPDATE activity SET ingested_at = ?`, old); err != nil {
		t.Fatal(err)
	}
	// A record flagged once and unflagged by a re-screen keeps its text.
	v1, _ := monitor.ActiveElections(ctx, f.d, f.inst.ID)
	es, _ := v1.Elections()
	if _, _, err := monitor.ActivateElections(ctx, f.d, actor, f.inst.ID, es[:1], "pemilu.json"); err != nil {
		t.Fatal(err)
	}
	if _, err := monitor.Rescreen(ctx, f.d, f.inst.ID, monitor.RescreenOptions{Actor: actor}); err != nil {
		t.Fatal(err)
	}
	if a := f.get(t, "facebook", "a1"); a.Flagged {
		t.Fatal("a1 still flagged")
	}
	// A longer period purges nothing; the default purges a2 and p4.
	if n, err := monitor.Purge(ctx, f.d, 120*24*time.Hour); err != nil || n != 0 {
		t.Fatalf("120-day purge: %d %v", n, err)
	}
	n, err := monitor.Purge(ctx, f.d, monitor.DefaultRetention)
	if err != nil || n != 2 {
		t.Fatalf("purge: %d %v", n, err)
	}
	for _, c := range []struct {
		platform, id string
		purged       bool
	}{{"facebook", "a1", false}, {"facebook", "a2", true}, {"x", "a3", false}, {"instagram", "p4", true}} {
		a := f.get(t, c.platform, c.id)
		gone := a.Text == nil && a.ContextText == nil && a.MediaCaptions == nil
		if gone != c.purged || a.PurgedAt.IsZero() == c.purged {
			t.Errorf("%s: purged %v (at %v), want %v", c.id, gone, a.PurgedAt, c.purged)
		}
		if a.Screening == nil || (c.id != "p4" && a.Author == "") {
			t.Errorf("%s: screening or author lost", c.id)
		}
	}
	if n := f.count(t, `SELECT COUNT(*) FROM activity`); n != 4 {
		t.Fatalf("%d activities left", n)
	}
	if n, err := monitor.Purge(ctx, f.d, monitor.DefaultRetention); err != nil || n != 0 {
		t.Fatalf("second purge: %d %v", n, err)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'activity.purge'`); n != 1 {
		t.Fatalf("%d purge audit entries", n)
	}
	// Purged records are skipped by a re-screen.
	if _, _, err := monitor.ActivateElections(ctx, f.d, actor, f.inst.ID, es, "all.json"); err != nil {
		t.Fatal(err)
	}
	rep, err := monitor.Rescreen(ctx, f.d, f.inst.ID, monitor.RescreenOptions{Actor: actor})
	if err != nil || rep.Screened != 2 || rep.Skipped != 2 {
		t.Fatalf("rescreen after purge: %+v %v", rep, err)
	}
}
