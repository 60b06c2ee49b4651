// Package nip validates the 18-digit identity numbers of Indonesian civil
// servants: the NIP of a PNS and the NI PPPK of a contract civil servant.
//
// The rules follow shared/reference/domain-rules.md §7. Neither number has a
// check digit, so a well-formed number can still be fake: only a lookup
// against BKN or BKPSDM data proves it belongs to someone.
package nip

import (
	"strings"
	"time"
	"unicode"
)

// Kind is the kind of civil servant an 18-digit number belongs to.
type Kind string

// The two kinds of ASN.
const (
	PNS  Kind = "PNS"  // Pegawai Negeri Sipil: NIP is YYYYMMDD YYYYMM G NNN
	PPPK Kind = "PPPK" // Pegawai Pemerintah dengan Perjanjian Kerja: YYYYMMDD YYYY CC G NNN
)

// Valid reports whether k is PNS or PPPK.
func (k Kind) Valid() bool { return k == PNS || k == PPPK }

// ParseKind reads a kind as written in a roster: "PNS" or "PPPK" in any case,
// with surrounding spaces ignored. The common spelling "P3K" is read as PPPK.
func ParseKind(s string) (Kind, bool) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "PNS":
		return PNS, true
	case "PPPK", "P3K":
		return PPPK, true
	}
	return "", false
}

// Gender is digit 15 of the number.
type Gender int

// The two values digit 15 may hold.
const (
	Male   Gender = 1 // pria
	Female Gender = 2 // wanita
)

// NIP is a parsed, valid NIP or NI PPPK.
type NIP struct {
	Digits    string    // the 18 digits, without separators
	Kind      Kind      // PNS or PPPK, from the digit 13–14 heuristic
	BirthDate time.Time // digits 1–8, midnight UTC
	// Appointed is the TMT CPNS (digits 9–14, the 1st of that month) for a
	// PNS, or 1 January of the appointment year (digits 9–12) for a PPPK;
	// midnight UTC.
	Appointed time.Time
	Gender    Gender // digit 15
	Sequence  int    // digits 16–18, 1..999
}

// Format returns the 8-6-1-3 grouped display form, e.g.
// "19660801 198803 1 001". A value that does not hold 18 digits is returned
// as is.
func (n NIP) Format() string {
	d := n.Digits
	if len(d) != 18 {
		return d
	}
	return d[:8] + " " + d[8:14] + " " + d[14:15] + " " + d[15:]
}

// Normalize strips the separators people type or paste into a NIP: spaces
// (including no-break and other Unicode spaces and tabs), zero-width
// characters, dots and dashes (including Unicode dashes and the minus sign).
// It does not validate: other characters are kept, except that bytes that
// are not valid UTF-8 become U+FFFD, so that Normalize is idempotent.
func Normalize(s string) string {
	if isPlainDigits(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if !isSeparator(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isPlainDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isSeparator(r rune) bool {
	switch r {
	case '.', '-', '\u2212', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return unicode.IsSpace(r) || unicode.Is(unicode.Pd, r)
}
