package election

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// DateLayout is the layout of every date in an election definition.
const DateLayout = "2006-01-02"

// Date is a calendar day, written "YYYY-MM-DD" in JSON. The zero Date means
// "absent". A Date decoded from malformed text keeps that text so that
// [Parse] can report it with its field; [Date.Valid] is false for it.
type Date struct {
	y   int
	m   time.Month
	d   int
	bad string // malformed input, kept for error messages
}

// NewDate returns the given day. It does not normalise: callers pass a real date.
func NewDate(year int, month time.Month, day int) Date {
	return Date{y: year, m: month, d: day}
}

// DateOf returns the calendar day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y: y, m: m, d: d}
}

// ParseDate parses "YYYY-MM-DD".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil || t.Format(DateLayout) != s {
		return Date{}, fmt.Errorf("bad date %q (want YYYY-MM-DD)", s)
	}
	return DateOf(t), nil
}

// MustDate is ParseDate for literals known to be valid; it panics otherwise.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is absent.
func (d Date) IsZero() bool { return d.y == 0 && d.bad == "" }

// Valid reports whether d is a present, well-formed date.
func (d Date) Valid() bool { return d.bad == "" && d.y != 0 }

// String returns "YYYY-MM-DD", "" for the zero Date, or the malformed JSON
// text as it appeared.
func (d Date) String() string {
	if d.bad != "" {
		return d.bad
	}
	if d.y == 0 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.y, int(d.m), d.d)
}

// Time returns the start of the day d in loc (UTC when loc is nil); the
// zero time for an absent or malformed Date.
func (d Date) Time(loc *time.Location) time.Time {
	if !d.Valid() {
		return time.Time{}
	}
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(d.y, d.m, d.d, 0, 0, 0, 0, loc)
}

// Before reports whether d is an earlier day than o.
func (d Date) Before(o Date) bool {
	if d.y != o.y {
		return d.y < o.y
	}
	if d.m != o.m {
		return d.m < o.m
	}
	return d.d < o.d
}

// MarshalJSON writes "YYYY-MM-DD" (null for the zero Date).
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	if d.bad != "" && json.Valid([]byte(d.bad)) {
		return []byte(d.bad), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "YYYY-MM-DD" or null. Malformed text is kept, not
// rejected, so that [Parse] can name the field; see [Date.Valid].
func (d *Date) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		*d = Date{bad: string(bytes.TrimSpace(b))}
		return nil
	}
	p, err := ParseDate(s)
	if err != nil {
		*d = Date{bad: string(bytes.TrimSpace(b))}
		return nil
	}
	*d = p
	return nil
}
