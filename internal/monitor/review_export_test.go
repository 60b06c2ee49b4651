package monitor

import (
	"testing"
	"time"
)

// SetReviewCountCaps lowers the caps of the inbox counts for the rest of a
// test (the package's tests do not run in parallel).
func SetReviewCountCaps(t testing.TB, items, filtered int) {
	oldItems, oldFiltered := reviewCountCap, reviewFilteredCountCap
	reviewCountCap, reviewFilteredCountCap = items, filtered
	t.Cleanup(func() { reviewCountCap, reviewFilteredCountCap = oldItems, oldFiltered })
}

// SetFacetTiming changes when cached facets are recomputed in the request
// or in the background, for the rest of a test.
func SetFacetTiming(t testing.TB, inline, every time.Duration) {
	oldInline, oldEvery := facetInline, facetEvery
	facetInline, facetEvery = inline, every
	t.Cleanup(func() { facetInline, facetEvery = oldInline, oldEvery })
}
