package monitor_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/election"
	"github.com/netral-asn/netral/internal/monitor"
)

func electionIDs(t *testing.T, v monitor.ElectionVersion) []string {
	t.Helper()
	es, err := v.Elections()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range es {
		ids = append(ids, e.ID)
	}
	return ids
}

func TestDefaultElections(t *testing.T) {
	for _, c := range []struct {
		code string
		want []string
	}{
		{"99.01", []string{"pemilu-2024", "pilkada-2024-tanjung-harapan"}},
		{"32.16", []string{"pemilu-2024", "pilkada-2024-32", "pilkada-2024-32.16"}},
		{"98.76", []string{"pemilu-2024"}},
	} {
		es, err := monitor.DefaultElections(c.code)
		if err != nil {
			t.Fatalf("%s: %v", c.code, err)
		}
		var ids []string
		for _, e := range es {
			ids = append(ids, e.ID)
		}
		if !slices.Equal(ids, c.want) {
			t.Errorf("DefaultElections(%s) = %v, want %v", c.code, ids, c.want)
		}
	}
}

func TestElectionVersions(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	if _, err := monitor.ActiveElections(ctx, f.d, f.inst.ID); err != monitor.ErrNotFound {
		t.Fatalf("before: %v", err)
	}
	v1, err := monitor.EnsureElections(ctx, f.d, f.inst.ID)
	if err != nil || v1.Version != 1 || v1.Source != election.BuiltinSource || len(v1.Lexicon) != 16 {
		t.Fatalf("EnsureElections: %+v %v", v1, err)
	}
	if again, _ := monitor.EnsureElections(ctx, f.d, f.inst.ID); again.ID != v1.ID {
		t.Fatalf("EnsureElections twice: %d then %d", v1.ID, again.ID)
	}
	es, _ := v1.Elections()
	// The same definitions again: no new version.
	v, changed, err := monitor.ActivateElections(ctx, f.d, actor, f.inst.ID, es, "same.json")
	if err != nil || changed || v.ID != v1.ID {
		t.Fatalf("same definitions: %+v %v %v", v, changed, err)
	}
	v2, changed, err := monitor.ActivateElections(ctx, f.d, actor, f.inst.ID, es[:1], "pemilu-only.json")
	if err != nil || !changed || v2.Version != 2 || v2.Lexicon == v1.Lexicon || v2.Source != "pemilu-only.json" {
		t.Fatalf("new version: %+v %v %v", v2, changed, err)
	}
	if ids := electionIDs(t, v2); !slices.Equal(ids, []string{"pemilu-2024"}) {
		t.Fatalf("v2 elections %v", ids)
	}
	all, err := monitor.ElectionVersions(ctx, f.d, f.inst.ID)
	if err != nil || len(all) != 2 || all[0].Version != 2 {
		t.Fatalf("versions: %d %v", len(all), err)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'elections.activate'`); n != 2 {
		t.Fatalf("%d activation audit entries", n)
	}
	// Other instansi are untouched.
	if _, err := monitor.ActiveElections(ctx, f.d, f.inst2.ID); err != monitor.ErrNotFound {
		t.Fatalf("other instansi: %v", err)
	}
}

func TestRescreenKeepsOldResults(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	f.ingest(t, flaggedPilkada+"\n"+plain+"\n"+flaggedPemilu, monitor.FormatAuto)
	v1, _ := monitor.ActiveElections(ctx, f.d, f.inst.ID)
	// Nothing to do while the lexicon is unchanged.
	rep, err := monitor.Rescreen(ctx, f.d, f.inst.ID, monitor.RescreenOptions{Actor: actor})
	if err != nil || rep.Screened != 0 {
		t.Fatalf("rescreen without change: %+v %v", rep, err)
	}
	// Drop the Pilkada: a1 is no longer flagged.
	es, _ := v1.Elections()
	v2, _, err := monitor.ActivateElections(ctx, f.d, actor, f.inst.ID, es[:1], "pemilu-only.json")
	if err != nil {
		t.Fatal(err)
	}
	rep, err = monitor.Rescreen(ctx, f.d, f.inst.ID, monitor.RescreenOptions{Actor: actor, BatchSize: 2})
	if err != nil || rep.Screened != 3 || rep.Flagged != 1 || rep.Changed != 1 || rep.ElectionVersion != 2 {
		t.Fatalf("rescreen: %+v %v", rep, err)
	}
	a1 := f.get(t, "facebook", "a1")
	if a1.Flagged || a1.Screening == nil || a1.Screening.LexiconVersion != v2.Lexicon || a1.Screening.Flagged {
		t.Fatalf("a1 after rescreen: flagged %v, %+v", a1.Flagged, a1.Screening)
	}
	hist, err := monitor.Screenings(ctx, f.d, a1.ID)
	if err != nil || len(hist) != 2 || hist[0].LexiconVersion != v1.Lexicon || !hist[0].Flagged || hist[1].Flagged {
		t.Fatalf("a1 history: %+v %v", hist, err)
	}
	// Again: nothing new.
	rep, err = monitor.Rescreen(ctx, f.d, f.inst.ID, monitor.RescreenOptions{Actor: actor})
	if err != nil || rep.Screened != 0 {
		t.Fatalf("second rescreen: %+v %v", rep, err)
	}
	// Screening results cannot be changed or removed.
	if _, err := f.d.Exec(ctx, `UPDATE activity_screening SET flagged = 1 - flagged`); err == nil {
		t.Fatal("screening rows could be updated")
	}
	if _, err := f.d.Exec(ctx, `DELETE FROM activity_screening`); err == nil {
		t.Fatal("screening rows could be deleted")
	}
	// --since limits the work to recent activities (a3 happened in January
	// 2024, a1 in October; a2 has no time and was ingested now).
	v3, _, err := monitor.ActivateElections(ctx, f.d, actor, f.inst.ID, es, "back.json")
	if err != nil {
		t.Fatal(err)
	}
	rep, err = monitor.Rescreen(ctx, f.d, f.inst.ID, monitor.RescreenOptions{Actor: actor,
		Since: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil || rep.Screened != 2 || rep.Changed != 1 || rep.ElectionVersion != v3.Version {
		t.Fatalf("rescreen since: %+v %v", rep, err)
	}
	if a1 = f.get(t, "facebook", "a1"); !a1.Flagged {
		t.Fatal("a1 not flagged again")
	}
	if n := f.count(t, `SELECT COUNT(*) FROM activity_screening`); n != 3+3+2 {
		t.Fatalf("%d screening rows", n)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'activity.rescreen'`); n != 2 {
		t.Fatalf("%d rescreen audit entries", n)
	}
}
