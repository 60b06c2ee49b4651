package nip

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"19660801 198803 1 001", "199009132025242014", "19850312 2021 21 1 003",
		"19660801.198803.1.001", "19661301 198800 3 000", "1.96608E+17", "",
		"\u00a019660801\u2013198803 1 001", "00000000000000000000", "99991231999912999",
	} {
		f.Add(s, int64(0))
	}
	f.Fuzz(func(t *testing.T, s string, days int64) {
		// A validation date between 1900 and 2100.
		now := time.Date(2000, 1, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, int(days%36500))
		norm := Normalize(s)
		if again := Normalize(norm); again != norm {
			t.Fatalf("Normalize not idempotent: %q -> %q -> %q", s, norm, again)
		}
		n, probs, err := Parse(s, now)
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) == 0 {
				t.Fatalf("Parse(%q) error %v is not a non-empty *ValidationError", s, err)
			}
			if n != (NIP{}) {
				t.Fatalf("Parse(%q) returned %+v with an error", s, n)
			}
			for _, p := range ve.Problems {
				if p.Severity != Error {
					t.Fatalf("warning %+v among the errors", p)
				}
			}
			return
		}
		for _, p := range probs {
			if p.Severity != Warning {
				t.Fatalf("Parse(%q) returned error problem %+v without an error", s, p)
			}
		}
		if len(n.Digits) != 18 || !n.Kind.Valid() || n.Gender < Male || n.Gender > Female || n.Sequence < 1 {
			t.Fatalf("Parse(%q) = %+v: not a valid NIP", s, n)
		}
		if Normalize(n.Format()) != n.Digits {
			t.Fatalf("Format %q does not normalise back to %q", n.Format(), n.Digits)
		}
		n2, probs2, err2 := Parse(n.Digits, now)
		if err2 != nil || n2 != n || !reflect.DeepEqual(probs, probs2) {
			t.Fatalf("re-parse of %q differs: %+v %v %v, want %+v %v", n.Digits, n2, probs2, err2, n, probs)
		}
	})
}
