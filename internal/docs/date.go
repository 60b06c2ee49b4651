package docs

import (
	"fmt"
	"strings"
	"time"
)

// Indonesian names of months and days, as written in official letters.
var (
	monthNames = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
		"September", "Oktober", "November", "Desember"}
	dayNames = [...]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}
)

// MonthName returns the Indonesian name of m ("Oktober").
func MonthName(m time.Month) string {
	if m < time.January || m > time.December {
		return ""
	}
	return monthNames[m-1]
}

// DayName returns the Indonesian name of d ("Rabu").
func DayName(d time.Weekday) string {
	if d < time.Sunday || d > time.Saturday {
		return ""
	}
	return dayNames[d]
}

// FormatDate writes t's date the Indonesian way: "2 Oktober 2024"; "" for
// the zero time. The date is t's wall-clock date in its own location.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d %s %d", t.Day(), MonthName(t.Month()), t.Year())
}

// FormatDayDate writes "Rabu, 2 Oktober 2024".
func FormatDayDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return DayName(t.Weekday()) + ", " + FormatDate(t)
}

// FormatTime writes t's wall-clock time the Indonesian way, "09.00", with
// the zone label when given ("09.00 WIB").
func FormatTime(t time.Time, zone string) string {
	if t.IsZero() {
		return ""
	}
	s := fmt.Sprintf("%02d.%02d", t.Hour(), t.Minute())
	if zone = strings.TrimSpace(zone); zone != "" {
		s += " " + zone
	}
	return s
}

// FormatDateTime writes "2 Oktober 2024 09.00".
func FormatDateTime(t time.Time, zone string) string {
	if t.IsZero() {
		return ""
	}
	return FormatDate(t) + " " + FormatTime(t, zone)
}

// PlaceDate writes the place and date line of a letter: "Tanjung Harapan,
// 2 Oktober 2024".
func PlaceDate(place string, t time.Time) string {
	place = oneLine(place)
	d := FormatDate(t)
	switch {
	case place == "":
		return d
	case d == "":
		return place
	}
	return place + ", " + d
}

var ones = [...]string{"nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
	"sepuluh", "sebelas"}

// Terbilang spells n in Indonesian words, as minutes and amounts are written
// out: 2024 → "dua ribu dua puluh empat", 11 → "sebelas", 100 → "seratus".
// Negative numbers get "minus".
func Terbilang(n int64) string {
	if n < 0 {
		return "minus " + Terbilang(-n)
	}
	if n < 12 {
		return ones[n]
	}
	var parts []string
	add := func(s string) {
		if s != "" {
			parts = append(parts, s)
		}
	}
	switch {
	case n < 20:
		add(ones[n-10] + " belas")
	case n < 100:
		add(ones[n/10] + " puluh")
		if n%10 != 0 {
			add(ones[n%10])
		}
	case n < 200:
		add("seratus")
		if n%100 != 0 {
			add(Terbilang(n % 100))
		}
	case n < 1000:
		add(ones[n/100] + " ratus")
		if n%100 != 0 {
			add(Terbilang(n % 100))
		}
	case n < 2000:
		add("seribu")
		if n%1000 != 0 {
			add(Terbilang(n % 1000))
		}
	default:
		scales := []struct {
			v    int64
			name string
		}{{1_000_000_000_000, "triliun"}, {1_000_000_000, "miliar"}, {1_000_000, "juta"}, {1_000, "ribu"}}
		for _, sc := range scales {
			if n >= sc.v {
				if sc.name == "ribu" && n/sc.v == 1 {
					add("seribu")
				} else {
					add(Terbilang(n/sc.v) + " " + sc.name)
				}
				n %= sc.v
			}
		}
		if n != 0 {
			add(Terbilang(n))
		}
	}
	return strings.Join(parts, " ")
}

// DateInWords writes a date as minutes (berita acara) open: "hari Rabu
// tanggal dua bulan Oktober tahun dua ribu dua puluh empat".
func DateInWords(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("hari %s tanggal %s bulan %s tahun %s", DayName(t.Weekday()), Terbilang(int64(t.Day())),
		MonthName(t.Month()), Terbilang(int64(t.Year())))
}

// CountInWords writes "3 (tiga)", the way counts are given in letters.
func CountInWords(n int) string {
	return fmt.Sprintf("%d (%s)", n, Terbilang(int64(n)))
}
