package nip

import (
	"fmt"
	"time"
)

// Plausibility bounds of §7.3; crossing them gives a warning, not an error.
const (
	minBirthYear    = 1940 // earliest plausible birth year
	minAge          = 17   // a birth year after now−17 is implausible
	minAppointedAge = 18   // CPNS and PPPK minimum age
	firstPPPKYear   = 2019 // the first NI PPPK were issued around 2019–2021
)

// Parse validates s, a NIP or NI PPPK with or without separators (see
// Normalize), as of the date now, taken in now's location: it is the
// reference for "in the future" and for plausible birth years.
//
// Errors: not 18 digits; birth date (digits 1–8) not a calendar date; digits
// 13–14 equal to 00, which fit neither kind; for a PNS (13–14 = 01–12) a TMT
// CPNS (digits 9–14) in year 0000 or after now's month; for a PPPK (13–14 >
// 12) an appointment year (digits 9–12) of 0000 or after now's year; gender
// digit 15 not 1 or 2; sequence (digits 16–18) 000. Warnings: birth year
// before 1940 or after now's year − 17; appointed less than 18 years after
// birth; PPPK appointment year before 2019.
//
// The returned slice holds every problem found, errors first, then
// warnings. When the number is unusable, err is a *ValidationError listing
// the errors and the NIP is the zero value; otherwise err is nil and the
// slice holds only warnings, if any.
func Parse(s string, now time.Time) (NIP, []Problem, error) {
	probs := check(s, now)
	var errs []Problem
	for _, p := range probs {
		if p.Severity == Error {
			errs = append(errs, p)
		}
	}
	if len(errs) > 0 {
		return NIP{}, probs, &ValidationError{Input: s, Problems: errs}
	}
	d := Normalize(s)
	n := NIP{
		Digits:    d,
		BirthDate: time.Date(num(d[0:4]), time.Month(num(d[4:6])), num(d[6:8]), 0, 0, 0, 0, time.UTC),
		Gender:    Gender(num(d[14:15])),
		Sequence:  num(d[15:18]),
	}
	if n.Kind = kindOf(d); n.Kind == PNS {
		n.Appointed = time.Date(num(d[8:12]), time.Month(num(d[12:14])), 1, 0, 0, 0, 0, time.UTC)
	} else {
		n.Appointed = time.Date(num(d[8:12]), time.January, 1, 0, 0, 0, 0, time.UTC)
	}
	return n, probs, nil
}

// check returns every problem of s, errors first in digit order.
func check(s string, now time.Time) []Problem {
	d := Normalize(s)
	if p, ok := checkShape(d); !ok {
		return []Problem{p}
	}
	var probs []Problem
	by, bm, bd := num(d[0:4]), num(d[4:6]), num(d[6:8])
	birthOK := validDate(by, bm, bd)
	if !birthOK {
		probs = append(probs, errorf(CodeBirthDate,
			fmt.Sprintf("birth date %s (digits 1–8, YYYYMMDD) is not a valid date", d[0:8]),
			fmt.Sprintf("tanggal lahir %s (digit 1–8, TTTTBBHH) bukan tanggal yang valid", d[0:8])))
	}
	ny, nm, _ := now.Date()
	ay := num(d[8:12])
	var appointed []Problem
	switch kindOf(d) {
	case PNS:
		appointed = checkPNS(d, birthOK, ay, ny, int(nm))
	case PPPK:
		appointed = checkPPPK(d, birthOK, ay, ny)
	default:
		probs = append(probs, errorf(CodeKindCode,
			"digits 13–14 are 00: they must be the month of the CPNS appointment (01–12) for a PNS or a two-digit code above 12 for a PPPK",
			"digit 13–14 bernilai 00: untuk PNS seharusnya bulan TMT CPNS (01–12), untuk PPPK kode dua digit di atas 12"))
	}
	if g := d[14]; g != '1' && g != '2' {
		probs = append(probs, errorf(CodeGender,
			fmt.Sprintf("gender digit (digit 15) is %c; it must be 1 (male) or 2 (female)", g),
			fmt.Sprintf("digit jenis kelamin (digit 15) bernilai %c; seharusnya 1 (pria) atau 2 (wanita)", g)))
	}
	if d[15:18] == "000" {
		probs = append(probs, errorf(CodeSequence,
			"sequence number (digits 16–18) is 000; it starts at 001. If the file came from a spreadsheet, the NIP column may have been stored as a number, which rounds off the last digits: format that column as Text and type the NIPs again",
			"nomor urut (digit 16–18) bernilai 000; nomor urut dimulai dari 001. Jika berkas berasal dari spreadsheet, kolom NIP mungkin tersimpan sebagai angka sehingga digit terakhirnya dibulatkan: ubah format kolom itu menjadi Teks lalu ketik ulang NIP-nya"))
	}
	probs = append(probs, appointed...)
	if birthOK {
		probs = append(probs, checkBirthYear(by, bm, bd, now)...)
	}
	return sortErrorsFirst(probs)
}

// checkShape reports whether d is exactly 18 ASCII digits.
func checkShape(d string) (Problem, bool) {
	if d == "" {
		return errorf(CodeEmpty, "the NIP is empty", "NIP kosong"), false
	}
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return errorf(CodeNotDigits,
				"the NIP must contain only digits (spaces, dots and dashes are allowed between them)",
				"NIP hanya boleh berisi angka (spasi, titik dan tanda hubung di antaranya diperbolehkan)"), false
		}
	}
	if len(d) != 18 {
		return errorf(CodeLength,
			fmt.Sprintf("the NIP has %d digits; it must have 18", len(d)),
			fmt.Sprintf("NIP berisi %d digit; seharusnya 18 digit", len(d))), false
	}
	return Problem{}, true
}

// kindOf applies the digit 13–14 heuristic of §7.3: 01–12 reads as a TMT
// month (PNS), above 12 as a PPPK code; 00 gives "".
func kindOf(d string) Kind {
	switch c := num(d[12:14]); {
	case c == 0:
		return ""
	case c <= 12:
		return PNS
	default:
		return PPPK
	}
}

func checkPNS(d string, birthOK bool, ty, ny, nm int) []Problem {
	tm := num(d[12:14])
	tmt := d[8:14]
	if ty == 0 {
		return []Problem{errorf(CodeTMT,
			fmt.Sprintf("TMT CPNS %s (digits 9–14, YYYYMM) is not a valid year and month", tmt),
			fmt.Sprintf("TMT CPNS %s (digit 9–14, TTTTBB) bukan tahun dan bulan yang valid", tmt))}
	}
	if ty > ny || ty == ny && tm > nm {
		return []Problem{errorf(CodeTMTFuture,
			fmt.Sprintf("TMT CPNS %s (digits 9–14, YYYYMM) is in the future", tmt),
			fmt.Sprintf("TMT CPNS %s (digit 9–14, TTTTBB) berada di masa depan", tmt))}
	}
	if !birthOK {
		return nil
	}
	by, bm, bd := num(d[0:4]), num(d[4:6]), num(d[6:8])
	age := ty - by
	if tm < bm || tm == bm && bd > 1 {
		age--
	}
	if age >= minAppointedAge {
		return nil
	}
	return []Problem{warningf(CodeAppointedYoung,
		fmt.Sprintf("TMT CPNS %s is less than %d years after the birth date %s; check the NIP", tmt, minAppointedAge, d[0:8]),
		fmt.Sprintf("TMT CPNS %s kurang dari %d tahun setelah tanggal lahir %s; periksa kembali NIP-nya", tmt, minAppointedAge, d[0:8]))}
}

func checkPPPK(d string, birthOK bool, ay, ny int) []Problem {
	year := d[8:12]
	if ay == 0 {
		return []Problem{errorf(CodeAppointedYear,
			"PPPK appointment year 0000 (digits 9–12) is not a valid year",
			"tahun pengangkatan PPPK 0000 (digit 9–12) bukan tahun yang valid")}
	}
	if ay > ny {
		return []Problem{errorf(CodeAppointedFuture,
			fmt.Sprintf("PPPK appointment year %s (digits 9–12) is in the future", year),
			fmt.Sprintf("tahun pengangkatan PPPK %s (digit 9–12) berada di masa depan", year))}
	}
	var probs []Problem
	if ay < firstPPPKYear {
		probs = append(probs, warningf(CodePPPKEarly,
			fmt.Sprintf("PPPK appointment year %s (digits 9–12) is before %d, when the first NI PPPK were issued; check the NIP and whether the employee is a PNS", year, firstPPPKYear),
			fmt.Sprintf("tahun pengangkatan PPPK %s (digit 9–12) sebelum %d, saat NI PPPK pertama diterbitkan; periksa NIP dan apakah pegawai ini PNS", year, firstPPPKYear)))
	}
	if birthOK && ay-num(d[0:4]) < minAppointedAge {
		probs = append(probs, warningf(CodeAppointedYoung,
			fmt.Sprintf("PPPK appointment year %s is less than %d years after the birth year %s; check the NIP", year, minAppointedAge, d[0:4]),
			fmt.Sprintf("tahun pengangkatan PPPK %s kurang dari %d tahun setelah tahun lahir %s; periksa kembali NIP-nya", year, minAppointedAge, d[0:4])))
	}
	return probs
}

func checkBirthYear(by, bm, bd int, now time.Time) []Problem {
	ny, nm, nd := now.Date()
	date := fmt.Sprintf("%04d%02d%02d", by, bm, bd)
	switch {
	case by > ny || by == ny && (bm > int(nm) || bm == int(nm) && bd > nd):
		return []Problem{warningf(CodeBirthYear,
			fmt.Sprintf("birth date %s (digits 1–8) is in the future; check the NIP", date),
			fmt.Sprintf("tanggal lahir %s (digit 1–8) berada di masa depan; periksa kembali NIP-nya", date))}
	case by < minBirthYear || by > ny-minAge:
		return []Problem{warningf(CodeBirthYear,
			fmt.Sprintf("birth year %04d (digits 1–4) is implausible for a serving civil servant (expected %d to %d); check the NIP", by, minBirthYear, ny-minAge),
			fmt.Sprintf("tahun lahir %04d (digit 1–4) tidak wajar untuk ASN aktif (seharusnya %d sampai %d); periksa kembali NIP-nya", by, minBirthYear, ny-minAge))}
	}
	return nil
}

// validDate reports whether y-m-d is a calendar date in years 1–9999.
func validDate(y, m, d int) bool {
	if y < 1 || m < 1 || m > 12 || d < 1 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d && int(t.Month()) == m
}

// num converts a string of ASCII digits to an int.
func num(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// sortErrorsFirst moves errors before warnings, keeping their order.
func sortErrorsFirst(ps []Problem) []Problem {
	out := make([]Problem, 0, len(ps))
	for _, sev := range []Severity{Error, Warning} {
		for _, p := range ps {
			if p.Severity == sev {
				out = append(out, p)
			}
		}
	}
	return out
}
