package election

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestBuiltinAll(t *testing.T) {
	all := Builtin()
	if len(all) != 1+545 {
		t.Fatalf("got %d elections, want 546", len(all))
	}
	pairs, provinces := 0, 0
	for _, e := range all[1:] {
		if e.Type != TypePilkada || !strings.HasPrefix(e.ID, PilkadaPrefix) || e.Region == nil ||
			e.ID != PilkadaPrefix+e.Region.Code || e.Source() != BuiltinSource {
			t.Fatalf("bad contest %s", e.ID)
		}
		if e.VotingDay.String() != "2024-11-27" || e.DeterminedOn.String() != "2024-09-22" ||
			e.Campaign.Start.String() != "2024-09-25" || e.Campaign.End.String() != "2024-11-23" {
			t.Fatalf("%s: wrong timetable", e.ID)
		}
		if !strings.Contains(e.Region.Code, ".") {
			provinces++
			if !strings.HasPrefix(e.Name, "Pemilihan Gubernur dan Wakil Gubernur ") {
				t.Errorf("%s: name %q", e.ID, e.Name)
			}
		}
		for i, c := range e.Contestants {
			if c.Kind != KindCandidatePair || len(c.Names) != 2 || c.BallotNumber < 1 || i > 0 && c.BallotNumber <= e.Contestants[i-1].BallotNumber {
				t.Errorf("%s/%s: %+v", e.ID, c.ID, c)
			}
		}
		pairs += len(e.Contestants)
	}
	if pairs != 1557 || provinces != 37 {
		t.Errorf("pairs %d, provinces %d; want 1557, 37", pairs, provinces)
	}
	s, warns := NewSet(all)
	if len(warns) != 0 {
		t.Errorf("warnings: %v", warns[:min(5, len(warns))])
	}
	if got := len(s.Targets()); got != 3+24+1557 {
		t.Errorf("targets = %d", got)
	}
	// Spot checks against the KPU list.
	for id, want := range map[string]string{
		"pilkada-2024-32.16": "Pemilihan Bupati dan Wakil Bupati Bekasi 2024",
		"pilkada-2024-32.75": "Pemilihan Wali Kota dan Wakil Wali Kota Bekasi 2024",
		"pilkada-2024-11":    "Pemilihan Gubernur dan Wakil Gubernur Aceh 2024",
	} {
		if e := s.Election(id); e == nil || e.Name != want {
			t.Errorf("%s: %v", id, e)
		}
	}
	if c := s.Target("pilkada-2024-11/01"); c == nil || c.Contestant.Names[0] != "Bustami Hamzah" {
		t.Errorf("Aceh 01: %+v", c)
	}
	if c := s.ByBallotNumber("pilkada-2024-31", 3); c == nil || !strings.Contains(strings.Join(c.Contestant.Aliases, "|"), "Si Doel") {
		t.Errorf("Jakarta 03: %+v", c)
	}
}

func TestBuiltinPemilu(t *testing.T) {
	s, _ := NewSet(Builtin()[:1])
	e := s.Election(PemiluID)
	if e == nil || len(e.Parties) != 24 || len(e.Contestants) != 3 {
		t.Fatalf("pemilu: %+v", e)
	}
	for n := 1; n <= 24; n++ {
		found := false
		for _, p := range e.Parties {
			found = found || p.BallotNumber == n
		}
		if !found {
			t.Errorf("no party number %d", n)
		}
	}
	c2 := s.Target("pemilu-2024/02")
	if c2.Contestant.Names[0] != "Prabowo Subianto" || len(c2.Supporters) != 8 {
		t.Errorf("02: %v supporters %d", c2.Contestant.Names, len(c2.Supporters))
	}
	pdip := s.Target("pemilu-2024/pdip")
	if pdip == nil || !strings.Contains(strings.Join(pdip.Party.Symbols, "|"), "banteng moncong putih") || len(pdip.Supports) != 1 {
		t.Errorf("pdip: %+v", pdip)
	}
	// At least as rich as the development file: every term there is here.
	dev := map[string][]string{
		"01": {"AMIN", "Cak Imin", "Perubahan", "#AniesMuhaimin2024", "salam 4 jari"},
		"02": {"Prabowo-Gibran", "Gemoy", "Oke Gas", "joget gemoy", "✌️"},
		"03": {"GAMA", "Sat Set", "salam tiga jari", "#GanjarMahfud"},
	}
	for id, terms := range dev {
		var all []string
		for _, tm := range s.Target("pemilu-2024/" + id).Terms() {
			all = append(all, tm.Text)
		}
		for _, w := range terms {
			if !strings.Contains("|"+strings.Join(all, "|")+"|", "|"+w+"|") {
				t.Errorf("%s lacks %q", id, w)
			}
		}
	}
}

func TestForRegion(t *testing.T) {
	ids := func(code string) string {
		es, err := ForRegion(code)
		if err != nil {
			return "error: " + err.Error()
		}
		var out []string
		for _, e := range es {
			out = append(out, e.ID)
		}
		return strings.Join(out, " ")
	}
	for code, want := range map[string]string{
		"32.16": "pemilu-2024 pilkada-2024-32 pilkada-2024-32.16",
		"3216":  "pemilu-2024 pilkada-2024-32 pilkada-2024-32.16",
		"11.06": "pemilu-2024 pilkada-2024-11 pilkada-2024-11.06",
		"34.71": "pemilu-2024 pilkada-2024-34.71", // no DIY governor election
		"31.71": "pemilu-2024 pilkada-2024-31",    // Jakarta's cities elect no mayor
		"00":    "pemilu-2024",
	} {
		if got := ids(code); got != want {
			t.Errorf("ForRegion(%q) = %s, want %s", code, got, want)
		}
	}
	if got := ids("32"); !strings.HasPrefix(got, "pemilu-2024 pilkada-2024-32 pilkada-2024-32.01 ") || strings.Count(got, " ") != 1+27 {
		t.Errorf("ForRegion(32) = %s", got)
	}
	for _, bad := range []string{"99.01", "x", "", "32.1"} {
		if _, err := ForRegion(bad); err == nil || !strings.Contains(err.Error(), "unknown region code") {
			t.Errorf("ForRegion(%q): %v", bad, err)
		}
	}
	if es, err := ForRegion("ALL"); err != nil || len(es) != 546 {
		t.Errorf("all: %d %v", len(es), err)
	}
	if r, ok := LookupRegion("3216"); !ok || r.Name != "Kabupaten Bekasi" || r.Kind != "kabupaten" {
		t.Errorf("LookupRegion: %+v", r)
	}
	if n := len(Regions()); n != 552 {
		t.Errorf("Regions = %d", n)
	}
}

// Loading and resolving everything must stay well under a second and
// 200 MB.
func TestLoadAllBudget(t *testing.T) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	es, err := ForRegion("all")
	if err != nil {
		t.Fatal(err)
	}
	s, _ := NewSet(es)
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	runtime.KeepAlive(s)
	t.Logf("load+resolve all: %v, %.1f MB allocated, heap in use %.1f MB", elapsed, float64(alloc)/1e6, float64(after.HeapInuse)/1e6)
	if elapsed > time.Second && !testing.Short() && !raceEnabled {
		t.Errorf("too slow: %v", elapsed)
	}
	if alloc > 200<<20 {
		t.Errorf("too much memory: %d bytes", alloc)
	}
}

func BenchmarkLoadAll(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		es, _ := ForRegion("all")
		NewSet(es)
	}
}

func BenchmarkForRegion(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ForRegion("32.16"); err != nil {
			b.Fatal(err)
		}
	}
}
