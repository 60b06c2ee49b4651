package workcal

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func d(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, WIB)
	if err != nil {
		t, err = time.ParseInLocation(DateLayout, s, WIB)
	}
	if err != nil {
		panic(err)
	}
	return t
}

func TestShippedData(t *testing.T) {
	c := Default()
	// Counts per year and kind, as the SKB state them (2024 adds the two
	// voting days declared holidays by Keputusan Presiden; 2025 the cuti
	// bersama of 18 August added by the amending SKB; 2027 counts Isra
	// Mikraj twice).
	want := map[int][2]int{2024: {19, 10}, 2025: {17, 11}, 2026: {17, 8}, 2027: {18, 8}}
	for y, w := range want {
		if !c.Covers(y) {
			t.Fatalf("year %d not covered", y)
		}
		var nat, cuti int
		for _, day := range c.Days(y) {
			switch day.Kind {
			case KindNational:
				nat++
			case KindCutiBersama:
				cuti++
				// Cuti bersama are offered on weekdays only.
				if wd := day.Date.Weekday(); wd == time.Saturday || wd == time.Sunday {
					t.Errorf("%s cuti bersama on a %s", day.DateString(), wd)
				}
			default:
				t.Errorf("%s: kind %s", day.DateString(), day.Kind)
			}
			if day.Name == "" || day.NameEN == "" || day.Origin != OriginShipped {
				t.Errorf("%s incomplete: %+v", day.DateString(), day)
			}
			if day.Provisional != (y == 2027) {
				t.Errorf("%s provisional = %v", day.DateString(), day.Provisional)
			}
		}
		if nat != w[0] || cuti != w[1] {
			t.Errorf("%d: %d libur nasional, %d cuti bersama; want %d, %d", y, nat, cuti, w[0], w[1])
		}
	}
	if c.Covers(2023) || c.Covers(2028) {
		t.Error("covers a year that is not shipped")
	}
	years := c.Years()
	if len(years) != 4 || years[0].Year != FirstYear || years[3].Year != LastYear || !years[3].Provisional || years[0].Provisional {
		t.Errorf("years %+v", years)
	}
	for _, y := range years {
		if y.Source == "" {
			t.Errorf("%d has no source", y.Year)
		}
	}
	// Known fixed dates.
	for _, s := range []string{"2024-08-17", "2025-08-17", "2026-08-17", "2027-08-17", "2025-12-25", "2026-06-01"} {
		if _, ok := c.Holiday(d(s)); !ok {
			t.Errorf("%s not a holiday", s)
		}
	}
	// Islamic holidays move about 11 days earlier each year.
	fitri := []string{"2024-04-10", "2025-03-31", "2026-03-21", "2027-03-10"}
	for i := 1; i < len(fitri); i++ {
		gap := d(fitri[i-1]).AddDate(1, 0, 0).Sub(d(fitri[i])).Hours() / 24
		if gap < 9 || gap > 13 {
			t.Errorf("Idulfitri %s → %s: moved %v days", fitri[i-1], fitri[i], gap)
		}
		if day, _ := c.Holiday(d(fitri[i])); !strings.HasPrefix(day.Name, "Idulfitri") {
			t.Errorf("%s: %q", fitri[i], day.Name)
		}
	}
}

func TestParseRejectsBadData(t *testing.T) {
	good := fileYear{Year: 2030, Source: "x", Days: []fileDay{{Date: "2030-01-01", Kind: KindNational, Name: "a", NameEN: "a"}}}
	for name, mut := range map[string]func(*fileYear){
		"bad date":      func(y *fileYear) { y.Days[0].Date = "2030-02-30" },
		"wrong year":    func(y *fileYear) { y.Days[0].Date = "2031-01-01" },
		"bad kind":      func(y *fileYear) { y.Days[0].Kind = "libur_daerah" },
		"no name":       func(y *fileYear) { y.Days[0].NameEN = "" },
		"no source":     func(y *fileYear) { y.Source = "" },
		"duplicate day": func(y *fileYear) { y.Days = append(y.Days, y.Days[0]) },
	} {
		y := good
		y.Days = append([]fileDay(nil), good.Days...)
		mut(&y)
		b, _ := json.Marshal(map[string]any{"years": []fileYear{y}})
		if _, err := parse(b); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	b, _ := json.Marshal(map[string]any{"years": []fileYear{good}})
	if _, err := parse(b); err != nil {
		t.Fatal(err)
	}
}

func TestIsWorkingDay(t *testing.T) {
	c := Default()
	for s, want := range map[string]bool{
		"2024-04-05": true,  // Friday before Lebaran
		"2024-04-08": false, // cuti bersama
		"2024-04-10": false, // Idulfitri
		"2024-04-13": false, // Saturday
		"2024-04-16": true,
		"2024-11-27": false, // Pilkada voting day
		"2025-08-18": false, // added cuti bersama
		"2025-08-19": true,
		"2028-01-03": true, // not shipped: weekdays work
		"2028-01-01": false,
	} {
		if got := c.IsWorkingDay(d(s)); got != want {
			t.Errorf("IsWorkingDay(%s) = %v", s, got)
		}
	}
	// A moment late on 9 April UTC is already 10 April (Idulfitri) in WIB.
	late := time.Date(2024, 4, 9, 20, 0, 0, 0, time.UTC)
	if c.IsWorkingDay(late) {
		t.Error("UTC evening read in UTC, not WIB")
	}
	if day, ok := c.Holiday(late); !ok || day.DateString() != "2024-04-10" || day.Date.Location() != WIB {
		t.Errorf("Holiday(late) = %+v %v", day, ok)
	}
	if day, _ := c.Holiday(d("2024-04-10")); day.Label("en") != "Eid al-Fitr 1445 H" || day.Label("id") != "Idulfitri 1445 Hijriah" {
		t.Errorf("labels %q %q", day.Label("en"), day.Label("id"))
	}
	if got := c.WorkingDaysIn(2024); got != 238 { // 366 − 104 weekend days − 14 weekday holidays − 10 cuti bersama
		t.Errorf("working days in 2024 = %d", got)
	}
}

func TestAddWorkingDays(t *testing.T) {
	c := Default()
	tests := []struct {
		name string
		from string
		n    int
		want string
	}{
		{"n=0 keeps the moment", "2024-04-06 09:30", 0, "2024-04-06 09:30"},
		{"plain week", "2024-01-08 10:00", 3, "2024-01-11 10:00"},
		{"over a weekend", "2024-01-11 10:00", 2, "2024-01-15 10:00"},
		{"from a Saturday", "2024-01-13 08:00", 1, "2024-01-15 08:00"},
		{"Lebaran 2024: 8–15 April closed", "2024-04-05 10:00", 3, "2024-04-18 10:00"},
		{"Lebaran 2024 from inside", "2024-04-10 12:00", 1, "2024-04-16 12:00"},
		{"Lebaran 2025: 31 March–7 April closed", "2025-03-27 14:00", 1, "2025-04-08 14:00"},
		{"Lebaran 2025, 5 working days", "2025-03-26 09:00", 5, "2025-04-11 09:00"},
		{"Idul Adha 2025 (Fri) + cuti Monday", "2025-06-05 09:00", 1, "2025-06-10 09:00"},
		{"17–18 August 2025", "2025-08-15 09:00", 1, "2025-08-19 09:00"},
		{"year boundary 2024→2025", "2024-12-24 16:00", 4, "2025-01-02 16:00"},
		{"year boundary 2025→2026", "2025-12-24 16:00", 4, "2026-01-02 16:00"},
		{"Pilkada voting day", "2024-11-26 09:00", 1, "2024-11-28 09:00"},
		{"negative: back over a weekend", "2024-01-15 10:00", -1, "2024-01-12 10:00"},
		{"negative: back over Lebaran 2024", "2024-04-16 10:00", -1, "2024-04-05 10:00"},
		{"negative over year boundary", "2025-01-02 10:00", -3, "2024-12-27 10:00"},
		{"14 working days over Nyepi and Lebaran 2026", "2026-03-16 08:00", 14, "2026-04-13 08:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.AddWorkingDays(d(tt.from), tt.n)
			if !got.Equal(d(tt.want)) {
				t.Fatalf("AddWorkingDays(%s, %d) = %s, want %s", tt.from, tt.n, got.Format("2006-01-02 15:04 Mon"), tt.want)
			}
			if got.Location() != WIB {
				t.Errorf("location %v", got.Location())
			}
			if tt.n != 0 {
				if !c.IsWorkingDay(got) {
					t.Errorf("result %s is not a working day", got)
				}
				if back := c.WorkingDaysBetween(d(tt.from), got); back != tt.n {
					t.Errorf("WorkingDaysBetween = %d, want %d", back, tt.n)
				}
			}
		})
	}
	// A time in another zone is read in WIB and the result keeps the WIB clock.
	utc := time.Date(2024, 1, 12, 20, 0, 0, 0, time.UTC) // Saturday 03:00 WIB
	if got := c.AddWorkingDays(utc, 1); !got.Equal(d("2024-01-15 03:00")) {
		t.Errorf("UTC input: %s", got)
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	c := Default()
	for _, tt := range []struct {
		from, to string
		want     int
	}{
		{"2024-04-05", "2024-04-05", 0},
		{"2024-04-05", "2024-04-16", 1},
		{"2024-04-16", "2024-04-05", -1},
		{"2024-04-05", "2024-04-15", 0},       // all closed
		{"2024-01-01", "2024-12-31", 238 - 0}, // 1 January itself is not counted (and is a holiday)
		{"2024-12-31", "2025-01-02", 1},
	} {
		if got := c.WorkingDaysBetween(d(tt.from), d(tt.to)); got != tt.want {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestLocationField(t *testing.T) {
	c := Default()
	c.Location = WIT
	// 10 April 2024 00:30 WIT is still 9 April in WIB; the calendar reads it in WIT.
	at := time.Date(2024, 4, 10, 0, 30, 0, 0, WIT)
	if c.IsWorkingDay(at) {
		t.Error("read in WIB, not the calendar's location")
	}
	if got := c.AddWorkingDays(at, 1); got.Location() != WIT || got.Day() != 16 {
		t.Errorf("AddWorkingDays in WIT = %s", got)
	}
	c.Location = nil                                                   // nil means WIB
	if c.IsWorkingDay(time.Date(2024, 4, 9, 17, 30, 0, 0, time.UTC)) { // 10 April 00:30 WIB
		t.Error("nil location is not read as WIB")
	}
	for code, want := range map[string]*time.Location{"32.16": WIB, "00": WIB, "51.71": WITA, "73": WITA, "64.72": WITA,
		"61.01": WIB, "81.01": WIT, "94.71": WIT, "11.01": WIB} {
		if got := ZoneForRegion(code); got != want {
			t.Errorf("ZoneForRegion(%s) = %v, want %v", code, got, want)
		}
	}
}

func TestDefaultIsACopy(t *testing.T) {
	a := Default()
	a.set(Day{Date: d("2024-01-02"), Kind: KindRegional, Name: "x", Origin: OriginInstansi})
	a.unset(dateOf(d("2024-01-01")), "")
	b := Default()
	if !b.IsWorkingDay(d("2024-01-02")) || b.IsWorkingDay(d("2024-01-01")) {
		t.Fatal("changing one calendar changed the shipped one")
	}
	if len(a.Removed(2024)) != 1 || len(b.Removed(2024)) != 0 {
		t.Fatal("removed days shared")
	}
}

func TestLimits(t *testing.T) {
	limits := DefaultLimits()
	if len(limits) != len(Steps) {
		t.Fatalf("%d limits for %d steps", len(limits), len(Steps))
	}
	for i, l := range limits {
		if l.Step != Steps[i] {
			t.Errorf("limit %d is %s, want %s", i, l.Step, Steps[i])
		}
		if err := l.Validate(); err != nil {
			t.Error(err)
		}
		if !strings.Contains(l.Basis, "§") {
			t.Errorf("%s: basis cites no section: %q", l.Step, l.Basis)
		}
	}
	ref, _ := Limit(limits, StepReferral)
	if ref.Days != 3 || !ref.WorkingDays {
		t.Errorf("Pilkada referral %+v", ref)
	}
	pem, ok := Limit(LimitsFor(Pemilu), StepReferral)
	if !ok || pem.Days != 7 || pem.WorkingDays {
		t.Errorf("Pemilu referral %+v", pem)
	}
	if _, ok := Limit(limits, "nope"); ok {
		t.Error("unknown step found")
	}
	if w := ReportWindow(); w.Days != 7 || w.Validate() != nil {
		t.Errorf("report window %+v", w)
	}
	if (StepLimit{Step: "x", Days: 0}).Validate() == nil || (StepLimit{Days: 3}).Validate() == nil {
		t.Error("bad limits accepted")
	}

	c := Default()
	// Bawaslu study of 3 working days from the eve of Lebaran 2025.
	due := c.Due(d("2025-03-27 15:00"), ref)
	if want := time.Date(2025, 4, 10, 23, 59, 59, int(999*time.Millisecond), WIB); !due.Equal(want) {
		t.Errorf("Due(referral) = %s, want %s", due, want)
	}
	// 7 calendar days ignore holidays.
	rec, _ := Limit(limits, StepReceived)
	if due := c.Due(d("2025-03-27 15:00"), rec); due.Format(DateLayout) != "2025-04-03" || due.Hour() != 23 {
		t.Errorf("Due(received) = %s", due)
	}
}
