package screen

import (
	"testing"

	"github.com/netral-asn/netral/internal/election"
)

// devScreener loads the screening-dev elections (copied to
// testdata/elections from shared/data/screening-dev).
func devScreener(t testing.TB) *Screener {
	t.Helper()
	es, _, err := election.Load("testdata/elections")
	if err != nil {
		t.Fatal(err)
	}
	set, _ := election.NewSet(es)
	s, err := New(set, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}
