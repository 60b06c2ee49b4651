package web

import (
	"testing"

	"github.com/netral-asn/netral/internal/i18n"
	"github.com/netral-asn/netral/internal/monitor"
)

// TestReviewLabelKeysExist checks that every labelled review value has its
// message key, since the keys are built from a prefix and the value.
func TestReviewLabelKeysExist(t *testing.T) {
	sets := map[string][]string{
		statusPrefix: monitor.ReviewStatuses,
		reasonPrefix: monitor.DismissReasons,
		actionPrefix: reviewActions,
		kindPrefix:   monitor.Kinds,
		signalPrefix: hlSignals,
	}
	for prefix, values := range sets {
		for _, v := range values {
			if !i18n.Has(prefix + v) {
				t.Errorf("no message key %q", prefix+v)
			}
		}
	}
}
