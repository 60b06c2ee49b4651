// Package clock formats and parses the time values Netral stores: UTC
// timestamps with millisecond precision and plain dates, as sortable text that
// both SQLite and PostgreSQL hold the same way.
package clock

import "time"

// TimeLayout is the stored form of a timestamp.
const TimeLayout = "2006-01-02T15:04:05.000Z"

// DateLayout is the stored form of a date.
const DateLayout = "2006-01-02"

// Format returns t in UTC in [TimeLayout].
func Format(t time.Time) string { return t.UTC().Format(TimeLayout) }

// FormatDate returns the date part of t in [DateLayout].
func FormatDate(t time.Time) string { return t.Format(DateLayout) }

// Parse reads a stored timestamp; the zero time for "" or a malformed value.
func Parse(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(TimeLayout, s)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s)
	}
	return t
}

// ParseDate reads a stored date; the zero time for "" or a malformed value.
func ParseDate(s string) time.Time {
	t, _ := time.Parse(DateLayout, s)
	return t
}
