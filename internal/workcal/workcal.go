// Package workcal is Netral's working-day calendar: which days the Pemda's
// offices work (Monday to Friday, except Indonesian national holidays and
// cuti bersama), and date arithmetic in working days for case deadlines.
//
// The national days of 2024–2027 are shipped as embedded data
// (data/holidays.json, from the yearly SKB of the Menteri Agama, Menteri
// Ketenagakerjaan and Menteri PANRB, plus voting days declared holidays by
// Keputusan Presiden). Years or days not yet checked against the official
// text are marked provisional. Each instansi can add its own days (a
// regional holiday, a corrected Idulfitri date) and remove shipped ones;
// [Load] returns the shipped calendar with the instansi's edits applied.
//
// Dates are civil dates in the calendar's [Calendar.Location] (WIB,
// Asia/Jakarta, by default): a time is turned into a date by reading its
// year, month and day in that location.
package workcal

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Kind is the kind of a non-working day.
type Kind string

// Kinds of non-working day. The first two are the SKB's; KindRegional is for
// days an instansi adds itself (e.g. a holiday set by Keputusan Bupati).
const (
	KindNational    Kind = "libur_nasional" // hari libur nasional
	KindCutiBersama Kind = "cuti_bersama"   // cuti bersama (ASN offices closed)
	KindRegional    Kind = "libur_daerah"   // a day off set for the instansi only
)

// Kinds lists every kind, in display order.
var Kinds = []Kind{KindNational, KindCutiBersama, KindRegional}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool {
	for _, x := range Kinds {
		if k == x {
			return true
		}
	}
	return false
}

// Origins of a day in a calendar.
const (
	OriginShipped  = "skb"      // from the embedded national data
	OriginInstansi = "instansi" // added by the instansi
)

// Day is one non-working day other than a weekend.
type Day struct {
	// Date is the day: its year, month and day in its own location count
	// (a [Calendar] returns it at midnight in the calendar's location).
	Date time.Time
	Kind Kind
	// Name is the Indonesian name, NameEN the English one ("" for days an
	// instansi added: [Day.Label] then falls back to Name).
	Name   string
	NameEN string
	// Note is a short remark (the instrument of a single day, the reason
	// given for an instansi's change).
	Note string
	// Provisional marks a shipped day not yet checked against the official
	// text.
	Provisional bool
	// Origin is OriginShipped or OriginInstansi.
	Origin string
}

// Label returns the name in lang ("id" or "en").
func (d Day) Label(lang string) string {
	if lang == "en" && d.NameEN != "" {
		return d.NameEN
	}
	return d.Name
}

// DateString returns the day as YYYY-MM-DD.
func (d Day) DateString() string { return d.Date.Format(DateLayout) }

// DateLayout is the form of a date in the data, the database, forms and the
// command line.
const DateLayout = "2006-01-02"

// WIB is Western Indonesian Time (UTC+7), the time of Asia/Jakarta, which
// has had no daylight saving since 1964. It is a fixed zone so that the
// calendar does not depend on the system's time-zone database.
var WIB = time.FixedZone("WIB", 7*3600)

// WITA and WIT are Central and Eastern Indonesian Time (UTC+8, UTC+9).
var (
	WITA = time.FixedZone("WITA", 8*3600)
	WIT  = time.FixedZone("WIT", 9*3600)
)

// ZoneForRegion returns the time zone of a Kemendagri region code by its
// province: WIT for Maluku and Papua (81, 82, 91–97), WITA for Bali, Nusa
// Tenggara, the eastern Kalimantan provinces and Sulawesi (51–53, 63–65,
// 71–76), WIB otherwise (including the national code "00").
func ZoneForRegion(code string) *time.Location {
	prov, _, _ := strings.Cut(code, ".")
	switch {
	case prov == "81" || prov == "82" || (prov >= "91" && prov <= "97"):
		return WIT
	case prov == "51" || prov == "52" || prov == "53" || (prov >= "63" && prov <= "65") || (prov >= "71" && prov <= "76"):
		return WITA
	}
	return WIB
}

// date is a civil date, comparable and usable as a map key.
type date struct {
	y int
	m time.Month
	d int
}

func dateOf(t time.Time) date {
	y, m, d := t.Date()
	return date{y, m, d}
}

func (d date) in(loc *time.Location) time.Time { return time.Date(d.y, d.m, d.d, 0, 0, 0, 0, loc) }

// next returns the day after d (prev the day before).
func (d date) next() date { return dateOf(time.Date(d.y, d.m, d.d+1, 0, 0, 0, 0, time.UTC)) }
func (d date) prev() date { return dateOf(time.Date(d.y, d.m, d.d-1, 0, 0, 0, 0, time.UTC)) }

func (d date) before(o date) bool {
	if d.y != o.y {
		return d.y < o.y
	}
	if d.m != o.m {
		return d.m < o.m
	}
	return d.d < o.d
}

func (d date) weekday() time.Weekday { return time.Date(d.y, d.m, d.d, 0, 0, 0, 0, time.UTC).Weekday() }

// YearInfo describes one year of the shipped data.
type YearInfo struct {
	Year        int
	Source      string // the instruments the year's days come from
	Provisional bool   // the year as a whole is not yet checked against the official text
}

// Calendar says which days are working days. The zero value is not usable:
// start from [Default] or [Load]. A Calendar is safe for concurrent reads.
type Calendar struct {
	// Location is where dates are read (WIB by default).
	Location *time.Location

	days    map[date]Day // non-working days other than weekends
	removed map[date]Day // shipped days the instansi removed (for listings)
	years   map[int]YearInfo
}

//go:embed data/holidays.json
var holidaysJSON []byte

type fileDay struct {
	Date        string `json:"date"`
	Kind        Kind   `json:"kind"`
	Name        string `json:"name"`
	NameEN      string `json:"name_en"`
	Note        string `json:"note"`
	Provisional bool   `json:"provisional"`
}

type fileYear struct {
	Year        int       `json:"year"`
	Provisional bool      `json:"provisional"`
	Source      string    `json:"source"`
	Days        []fileDay `json:"days"`
}

// shipped is the parsed embedded data; parse errors are programming errors
// (a test parses the same file).
var shipped = func() *Calendar {
	c, err := parse(holidaysJSON)
	if err != nil {
		panic("workcal: " + err.Error())
	}
	return c
}()

func parse(b []byte) (*Calendar, error) {
	var f struct {
		Years []fileYear `json:"years"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("holidays.json: %w", err)
	}
	c := &Calendar{Location: WIB, days: map[date]Day{}, removed: map[date]Day{}, years: map[int]YearInfo{}}
	for _, y := range f.Years {
		if _, dup := c.years[y.Year]; dup {
			return nil, fmt.Errorf("holidays.json: year %d twice", y.Year)
		}
		if y.Source == "" {
			return nil, fmt.Errorf("holidays.json: year %d has no source", y.Year)
		}
		c.years[y.Year] = YearInfo{Year: y.Year, Source: y.Source, Provisional: y.Provisional}
		for _, fd := range y.Days {
			t, err := time.Parse(DateLayout, fd.Date)
			if err != nil {
				return nil, fmt.Errorf("holidays.json: %q: %w", fd.Date, err)
			}
			if t.Year() != y.Year {
				return nil, fmt.Errorf("holidays.json: %s listed under %d", fd.Date, y.Year)
			}
			if fd.Kind != KindNational && fd.Kind != KindCutiBersama {
				return nil, fmt.Errorf("holidays.json: %s: kind %q", fd.Date, fd.Kind)
			}
			if fd.Name == "" || fd.NameEN == "" {
				return nil, fmt.Errorf("holidays.json: %s: name and name_en are required", fd.Date)
			}
			k := dateOf(t)
			if _, dup := c.days[k]; dup {
				return nil, fmt.Errorf("holidays.json: %s twice", fd.Date)
			}
			c.days[k] = Day{Date: k.in(WIB), Kind: fd.Kind, Name: fd.Name, NameEN: fd.NameEN, Note: fd.Note,
				Provisional: fd.Provisional || y.Provisional, Origin: OriginShipped}
		}
	}
	return c, nil
}

// Default returns the shipped calendar: Saturdays and Sundays plus the
// national holidays and cuti bersama of the embedded data, in WIB. Each
// call returns a fresh copy that the caller may change.
func Default() *Calendar { return shipped.clone() }

func (c *Calendar) clone() *Calendar {
	n := &Calendar{Location: c.Location, days: make(map[date]Day, len(c.days)), removed: make(map[date]Day, len(c.removed)),
		years: make(map[int]YearInfo, len(c.years))}
	for k, v := range c.days {
		n.days[k] = v
	}
	for k, v := range c.removed {
		n.removed[k] = v
	}
	for k, v := range c.years {
		n.years[k] = v
	}
	return n
}

// FirstYear and LastYear bound the shipped data.
const (
	FirstYear = 2024
	LastYear  = 2027
)

// Years returns the shipped years, oldest first.
func (c *Calendar) Years() []YearInfo {
	out := make([]YearInfo, 0, len(c.years))
	for _, y := range c.years {
		out = append(out, y)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Year < out[j].Year })
	return out
}

// Covers reports whether the national days of year are known (shipped).
// For other years only weekends and the instansi's own days count, so a
// deadline there may fall on a holiday: callers should warn.
func (c *Calendar) Covers(year int) bool { _, ok := c.years[year]; return ok }

func (c *Calendar) loc() *time.Location {
	if c.Location == nil {
		return WIB
	}
	return c.Location
}

func (c *Calendar) dateOf(t time.Time) date { return dateOf(t.In(c.loc())) }

func isWeekend(d date) bool {
	wd := d.weekday()
	return wd == time.Saturday || wd == time.Sunday
}

func (c *Calendar) working(d date) bool {
	if isWeekend(d) {
		return false
	}
	_, off := c.days[d]
	return !off
}

// IsWorkingDay reports whether t's date (in the calendar's location) is a
// working day: Monday to Friday and not a listed day.
func (c *Calendar) IsWorkingDay(t time.Time) bool { return c.working(c.dateOf(t)) }

// Holiday returns the listed non-working day on t's date (weekends are not
// listed), with Date at midnight in the calendar's location.
func (c *Calendar) Holiday(t time.Time) (Day, bool) {
	k := c.dateOf(t)
	d, ok := c.days[k]
	if ok {
		d.Date = k.in(c.loc())
	}
	return d, ok
}

// Days returns the listed non-working days of year (weekends are not
// listed), in date order.
func (c *Calendar) Days(year int) []Day {
	return c.collect(c.days, year)
}

// Removed returns the shipped days of year that the instansi removed, in
// date order.
func (c *Calendar) Removed(year int) []Day {
	return c.collect(c.removed, year)
}

func (c *Calendar) collect(m map[date]Day, year int) []Day {
	var out []Day
	for k, d := range m {
		if k.y == year {
			d.Date = k.in(c.loc())
			out = append(out, d)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}

// WorkingDaysIn returns the number of working days in year.
func (c *Calendar) WorkingDaysIn(year int) int {
	n := 0
	for d := (date{year, time.January, 1}); d.y == year; d = d.next() {
		if c.working(d) {
			n++
		}
	}
	return n
}

// AddWorkingDays returns the moment n working days after from: from's own
// day is not counted, each following working day counts one, and the result
// is on the n-th such day at the same clock time as from (in the
// calendar's location). So a report received on Friday 5 April 2024 at
// 10:00 plus 3 working days is due on Thursday 18 April 2024 at 10:00
// (the week of 8–15 April is Idulfitri and cuti bersama). For the end of
// that day, see [Calendar.Due] or [EndOfDay].
//
// n = 0 returns from unchanged, even on a non-working day. A negative n
// counts backwards: the n-th working day before from.
func (c *Calendar) AddWorkingDays(from time.Time, n int) time.Time {
	if n == 0 {
		return from
	}
	t := from.In(c.loc())
	d := dateOf(t)
	step := date.next
	if n < 0 {
		step, n = date.prev, -n
	}
	for n > 0 {
		d = step(d)
		if c.working(d) {
			n--
		}
	}
	return time.Date(d.y, d.m, d.d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), c.loc())
}

// AddDays returns from plus n calendar days, at the same clock time in the
// calendar's location (limits counted in plain days).
func (c *Calendar) AddDays(from time.Time, n int) time.Time {
	t := from.In(c.loc())
	return time.Date(t.Year(), t.Month(), t.Day()+n, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), c.loc())
}

// WorkingDaysBetween returns the number of working days after from's day
// up to and including to's day: the n for which AddWorkingDays(from, n)
// falls on to's day when to is a working day. It is 0 when both are on the
// same day and negative when to is before from (−WorkingDaysBetween(to, from)).
func (c *Calendar) WorkingDaysBetween(from, to time.Time) int {
	a, b := c.dateOf(from), c.dateOf(to)
	if b.before(a) {
		return -c.WorkingDaysBetween(to, from)
	}
	n := 0
	for d := a; d.before(b); {
		d = d.next()
		if c.working(d) {
			n++
		}
	}
	return n
}

// EndOfDay returns the last millisecond of t's date in loc (23:59:59.999):
// a due date is met by anything done on that day. Milliseconds are what the
// database stores.
func EndOfDay(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 23, 59, 59, int(999*time.Millisecond), loc)
}

// set adds or replaces a listed day (used by Load for the instansi's edits).
func (c *Calendar) set(d Day) {
	k := dateOf(d.Date)
	delete(c.removed, k)
	c.days[k] = d
}

// unset removes a listed day, remembering a shipped one as removed.
func (c *Calendar) unset(k date, note string) {
	if d, ok := c.days[k]; ok {
		if d.Origin == OriginShipped {
			d.Note = note
			c.removed[k] = d
		}
		delete(c.days, k)
	}
}
