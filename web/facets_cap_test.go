package web

import (
	"fmt"
	"testing"

	"github.com/accord-search/accord/search"
)

// TestFacetViewCapsShowMore: a facet with 100 counted values renders the
// top values, at most facetMoreN more, and its value search for the rest.
func TestFacetViewCapsShowMore(t *testing.T) {
	h := New(Options{Engine: newIndex(t), Logger: quietLogger()})
	var counts []search.FacetCount
	for i := 0; i < 100; i++ {
		counts = append(counts, search.FacetCount{Value: fmt.Sprintf("Official %03d", i), Count: 100 - i})
	}
	fv := h.facetView(State{}, search.FacetOfficial, counts)
	if got := len(fv.Options) + len(fv.More); got != facetTopN+facetMoreN {
		t.Errorf("rendered %d values, want %d", got, facetTopN+facetMoreN)
	}
	if fv.Search == nil {
		t.Error("a capped facet has no value search")
	}
	st := State{FacetQuery: map[search.Facet]string{search.FacetOfficial: "099"}}
	if fv := h.facetView(st, search.FacetOfficial, counts); len(fv.Options) != 1 || fv.Options[0].Value != "Official 099" {
		t.Errorf("value search beyond the cap: got %+v", fv.Options)
	}
}
