package search

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNormalizeFacet(t *testing.T) {
	for in, want := range map[string]string{
		"Mexico":              "mexico",
		"  MEXICO ":           "mexico",
		"Côte d'Ivoire":       "co\u0302te d'ivoire",
		"Co\u0302te d'Ivoire": "co\u0302te d'ivoire",
		"ﬁnland":              "finland", // the ligature decomposes
	} {
		if got := NormalizeFacet(in); got != want {
			t.Errorf("NormalizeFacet(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSortFacetCountsNormalized: spellings of one value are one value, and
// a selection in another case marks it rather than showing apart at 0
// (issue 11, item 6).
func TestSortFacetCountsNormalized(t *testing.T) {
	got := SortFacetCounts(map[string]int{"Mexico": 2, "MEXICO": 1, "Japan": 1}, []string{"mexico", "Peru"}, 0)
	want := []FacetCount{
		{Value: "MEXICO", Count: 3, Selected: true},
		{Value: "Japan", Count: 1},
		{Value: "Peru", Count: 0, Selected: true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
