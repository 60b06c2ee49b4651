package workcal

import (
	"testing"
	"time"
)

// TestZoneForRegion maps Kemendagri region codes to WIB, WITA and WIT by
// province, and the zones carry their Indonesian labels.
func TestZoneForRegion(t *testing.T) {
	for _, tt := range []struct {
		code string
		want *time.Location
	}{
		{"32", WIB}, {"32.16", WIB}, {"31.71", WIB}, {"61.01", WIB}, {"62", WIB},
		{"51", WITA}, {"51.71", WITA}, {"52", WITA}, {"53.10", WITA},
		{"63", WITA}, {"64", WITA}, {"64.72", WITA}, {"65", WITA}, {"71", WITA}, {"76.01", WITA},
		{"81", WIT}, {"82.71", WIT}, {"91", WIT}, {"94", WIT}, {"94.71", WIT}, {"97", WIT},
		{"00", WIB}, {"99.01", WIB}, {"99", WIB}, {"", WIB}, {"xx", WIB}, {"77", WIB}, {"98", WIB},
	} {
		if got := ZoneForRegion(tt.code); got != tt.want {
			t.Errorf("ZoneForRegion(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
	at := time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	for loc, want := range map[*time.Location]string{WIB: "09.00 WIB", WITA: "10.00 WITA", WIT: "11.00 WIT"} {
		if got := at.In(loc).Format("15.04 MST"); got != want {
			t.Errorf("02:00Z in %v = %q, want %q", loc, got, want)
		}
	}
}
