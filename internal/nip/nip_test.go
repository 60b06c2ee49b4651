package nip

import (
	"errors"
	"slices"
	"testing"
	"time"
)

// refNow is the validation date of the tests.
var refNow = time.Date(2026, time.November, 23, 10, 0, 0, 0, time.FixedZone("WIB", 7*3600))

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParseValid(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     NIP
		warnings []string // codes
	}{
		{"PNS example from Perka BKN 22/2007", "19660801 198803 1 001",
			NIP{Digits: "196608011988031001", Kind: PNS, BirthDate: date(1966, 8, 1), Appointed: date(1988, 3, 1), Gender: Male, Sequence: 1}, nil},
		{"PNS dotted", "19660801.198803.1.001",
			NIP{Digits: "196608011988031001", Kind: PNS, BirthDate: date(1966, 8, 1), Appointed: date(1988, 3, 1), Gender: Male, Sequence: 1}, nil},
		{"PNS dashes, tabs, no-break spaces", "\t19660801\u00a0198803–1-001 ",
			NIP{Digits: "196608011988031001", Kind: PNS, BirthDate: date(1966, 8, 1), Appointed: date(1988, 3, 1), Gender: Male, Sequence: 1}, nil},
		{"PNS woman, leap day, sequence 12", "19640229 199012 2 012",
			NIP{Digits: "196402291990122012", Kind: PNS, BirthDate: date(1964, 2, 29), Appointed: date(1990, 12, 1), Gender: Female, Sequence: 12}, nil},
		{"PNS appointed this month", "19980105 202611 1 001",
			NIP{Digits: "199801052026111001", Kind: PNS, BirthDate: date(1998, 1, 5), Appointed: date(2026, 11, 1), Gender: Male, Sequence: 1}, nil},
		{"PPPK paruh waktu 2025", "199009132025242014",
			NIP{Digits: "199009132025242014", Kind: PPPK, BirthDate: date(1990, 9, 13), Appointed: date(2025, 1, 1), Gender: Female, Sequence: 14}, nil},
		{"PPPK penuh waktu 2021", "19850312 2021 21 1 003",
			NIP{Digits: "198503122021211003", Kind: PPPK, BirthDate: date(1985, 3, 12), Appointed: date(2021, 1, 1), Gender: Male, Sequence: 3}, nil},
		{"PPPK code 13 is not a month", "197701012023131999",
			NIP{Digits: "197701012023131999", Kind: PPPK, BirthDate: date(1977, 1, 1), Appointed: date(2023, 1, 1), Gender: Male, Sequence: 999}, nil},
		{"birth year before 1940", "19381231 196003 1 001",
			NIP{Digits: "193812311960031001", Kind: PNS, BirthDate: date(1938, 12, 31), Appointed: date(1960, 3, 1), Gender: Male, Sequence: 1},
			[]string{CodeBirthYear}},
		{"birth year too recent", "20100101 202601 2 001",
			NIP{Digits: "201001012026012001", Kind: PNS, BirthDate: date(2010, 1, 1), Appointed: date(2026, 1, 1), Gender: Female, Sequence: 1},
			[]string{CodeAppointedYoung, CodeBirthYear}},
		{"CPNS at 17", "19800302 199703 1 001",
			NIP{Digits: "198003021997031001", Kind: PNS, BirthDate: date(1980, 3, 2), Appointed: date(1997, 3, 1), Gender: Male, Sequence: 1},
			[]string{CodeAppointedYoung}},
		{"CPNS on the 18th birthday", "19800301 199803 1 001",
			NIP{Digits: "198003011998031001", Kind: PNS, BirthDate: date(1980, 3, 1), Appointed: date(1998, 3, 1), Gender: Male, Sequence: 1}, nil},
		{"TMT before birth (legacy conversion)", "19800101 197501 1 001",
			NIP{Digits: "198001011975011001", Kind: PNS, BirthDate: date(1980, 1, 1), Appointed: date(1975, 1, 1), Gender: Male, Sequence: 1},
			[]string{CodeAppointedYoung}},
		{"PPPK before 2019", "19900913 2018 21 2 014",
			NIP{Digits: "199009132018212014", Kind: PPPK, BirthDate: date(1990, 9, 13), Appointed: date(2018, 1, 1), Gender: Female, Sequence: 14},
			[]string{CodePPPKEarly}},
		{"PPPK appointed at 17", "200501012022211001",
			NIP{Digits: "200501012022211001", Kind: PPPK, BirthDate: date(2005, 1, 1), Appointed: date(2022, 1, 1), Gender: Male, Sequence: 1},
			[]string{CodeAppointedYoung}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, probs, err := Parse(tt.in, refNow)
			if err != nil {
				t.Fatalf("Parse(%q) error: %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Parse(%q) =\n %+v\nwant\n %+v", tt.in, got, tt.want)
			}
			if codes := codesOf(probs); !slices.Equal(codes, tt.warnings) {
				t.Errorf("warnings = %v, want %v", codes, tt.warnings)
			}
			for _, p := range probs {
				if p.Severity != Warning || p.Message == "" || p.MessageID == "" {
					t.Errorf("bad warning %+v", p)
				}
			}
		})
	}
}

func TestParseInvalid(t *testing.T) {
	tests := []struct {
		name string
		in   string
		now  time.Time
		want []string // error codes, in order
	}{
		{"empty", "", refNow, []string{CodeEmpty}},
		{"only separators", " - . ", refNow, []string{CodeEmpty}},
		{"letters", "19660801 198803 1 OO1", refNow, []string{CodeNotDigits}},
		{"too short (old 9-digit NIP)", "130 254 321", refNow, []string{CodeLength}},
		{"16 digits", "1966080119880310", refNow, []string{CodeLength}},
		{"19 digits", "1966080119880310011", refNow, []string{CodeLength}},
		{"Excel scientific notation", "1.96608E+17", refNow, []string{CodeNotDigits}},
		{"birth month 13", "19661301 198803 1 001", refNow, []string{CodeBirthDate}},
		{"30 February", "19660230 198803 1 001", refNow, []string{CodeBirthDate}},
		{"29 February of a common year", "19650229 198803 1 001", refNow, []string{CodeBirthDate}},
		{"birth year 0000", "00000101 198803 1 001", refNow, []string{CodeBirthDate}},
		{"digits 13-14 are 00", "19660801 198800 1 001", refNow, []string{CodeKindCode}},
		{"TMT year 0000", "19660801 000003 1 001", refNow, []string{CodeTMT}},
		{"TMT next month", "19980105 202612 1 001", refNow, []string{CodeTMTFuture}},
		{"TMT next year", "19980105 202701 1 001", refNow, []string{CodeTMTFuture}},
		{"gender 3", "19660801 198803 3 001", refNow, []string{CodeGender}},
		{"gender 0", "19660801 198803 0 001", refNow, []string{CodeGender}},
		{"sequence 000 (Excel rounding)", "196608011988031000", refNow, []string{CodeSequence}},
		{"PPPK year in the future", "19900913 2027 24 2 014", refNow, []string{CodeAppointedFuture}},
		{"PPPK 2025 checked in 2024", "199009132025242014", date(2024, 6, 1), []string{CodeAppointedFuture}},
		{"PPPK year 0000", "19900913 0000 21 2 014", refNow, []string{CodeAppointedYear}},
		{"everything wrong", "19661301 198800 3 000", refNow, []string{CodeBirthDate, CodeKindCode, CodeGender, CodeSequence}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, probs, err := Parse(tt.in, tt.now)
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Parse(%q) err = %v, want *ValidationError", tt.in, err)
			}
			if got != (NIP{}) {
				t.Errorf("Parse(%q) returned %+v with an error, want the zero NIP", tt.in, got)
			}
			if codes := codesOf(ve.Problems); !slices.Equal(codes, tt.want) {
				t.Errorf("error codes = %v, want %v (%v)", codes, tt.want, err)
			}
			if ve.Input != tt.in {
				t.Errorf("Input = %q, want %q", ve.Input, tt.in)
			}
			if !slices.Equal(probs[:len(ve.Problems)], ve.Problems) {
				t.Errorf("problems %v do not start with the errors %v", probs, ve.Problems)
			}
			for _, p := range probs {
				if p.Message == "" || p.MessageID == "" || p.Code == "" {
					t.Errorf("incomplete problem %+v", p)
				}
			}
			if err.Error() == "" || ve.ErrorID() == "" {
				t.Error("empty error text")
			}
		})
	}
}

func TestParseErrorsKeepWarnings(t *testing.T) {
	// A bad gender digit and an implausible birth year: one error, one warning.
	_, probs, err := Parse("19300101 195003 5 001", refNow)
	if err == nil {
		t.Fatal("want an error")
	}
	want := []Problem{
		{Severity: Error, Code: CodeGender},
		{Severity: Warning, Code: CodeBirthYear},
	}
	if len(probs) != len(want) {
		t.Fatalf("problems = %+v", probs)
	}
	for i, p := range probs {
		if p.Severity != want[i].Severity || p.Code != want[i].Code {
			t.Errorf("problem %d = %+v, want %s %s", i, p, want[i].Severity, want[i].Code)
		}
	}
}

func TestFormat(t *testing.T) {
	n, _, err := Parse("196608011988031001", refNow)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := n.Format(), "19660801 198803 1 001"; got != want {
		t.Errorf("Format() = %q, want %q", got, want)
	}
	if got := (NIP{Digits: "123"}).Format(); got != "123" {
		t.Errorf("Format of a short value = %q", got)
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"196608011988031001", "196608011988031001"},
		{"19660801 198803 1 001", "196608011988031001"},
		{"19660801.198803.1.001", "196608011988031001"},
		{"19660801-198803-1-001", "196608011988031001"},
		{"19660801\u00a0198803\u20131\u2014001", "196608011988031001"},
		{"\ufeff19660801\u200b198803\t1\n001\r", "196608011988031001"},
		{"NIP: 1966", "NIP:1966"},
		{"1.96608E+17", "196608E+17"},
		{"12\xff 34", "12\ufffd34"}, {"\xc2 \x85", "\ufffd\ufffd"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKind(t *testing.T) {
	for _, tt := range []struct {
		in    string
		want  Kind
		valid bool
	}{
		{"PNS", PNS, true}, {"pns", PNS, true}, {" Pppk ", PPPK, true}, {"P3K", PPPK, true},
		{"", "", false}, {"honorer", "", false}, {"PNS/PPPK", "", false},
	} {
		k, ok := ParseKind(tt.in)
		if k != tt.want || ok != tt.valid {
			t.Errorf("ParseKind(%q) = %q, %v; want %q, %v", tt.in, k, ok, tt.want, tt.valid)
		}
		if k.Valid() != tt.valid {
			t.Errorf("Kind(%q).Valid() = %v", k, k.Valid())
		}
	}
	if Kind("pns").Valid() {
		t.Error(`Kind("pns").Valid() = true; only the canonical spelling is valid`)
	}
}

func codesOf(ps []Problem) []string {
	var codes []string
	for _, p := range ps {
		codes = append(codes, p.Code)
	}
	return codes
}
