package bleve

import (
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/google/go-cmp/cmp"

	"github.com/accord-search/accord/search"
)

func TestPlanRemovalOrder(t *testing.T) {
	tests := []struct {
		name   string
		q      search.Query
		units  int
		groups [][]int
	}{
		{"last: from the end, the first word kept", search.Query{Text: "harbor patrol vessels"}, 3, [][]int{{2}, {1}}},
		{"all: nothing removed", search.Query{Text: "harbor patrol vessels", Match: search.MatchAll}, 3, nil},
		{"a phrase is mandatory, so every word may go", search.Query{Text: `"coast guard" harbor patrol`}, 3, [][]int{{2}, {1}}},
		{"stop words are no terms", search.Query{Text: "the harbor of the patrol "}, 2, [][]int{{1}}},
		{"an OR group is one term", search.Query{Text: "ice OR cbp harbor"}, 2, [][]int{{1}}},
		{"entity words are one term", search.Query{Text: "five eyes ministerial", Entities: []search.Entity{
			{Words: "five eyes", Facet: search.FacetTopic, Value: "Five Country Ministerial"}}}, 2, [][]int{{1}}},
		{"only exclusions: no term", search.Query{Text: "-harbor"}, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPlan(tt.q)
			if len(p.units) != tt.units {
				t.Errorf("units: got %d, want %d", len(p.units), tt.units)
			}
			if diff := cmp.Diff(tt.groups, p.groups); diff != "" {
				t.Errorf("groups (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPlanFrequencyOrder(t *testing.T) {
	p := newPlan(search.Query{Text: "coast cutter harbor patrol", Match: search.MatchFrequency})
	counts := []uint64{5, 1, 5, 0} // by unit; 0 counts as the most frequent
	i := 0
	err := p.orderByFrequency(func(_ query.Query) (uint64, error) { n := counts[i]; i++; return n, nil })
	if err != nil {
		t.Fatal(err)
	}
	// patrol (no document) first, then coast and harbor together; cutter,
	// the rarest, is kept.
	if diff := cmp.Diff([][]int{{3}, {0, 2}}, p.groups); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}
}

func TestProximity(t *testing.T) {
	pos := func(field string, ps ...uint64) map[string][]uint64 { return map[string][]uint64{field: ps} }
	for _, tt := range []struct {
		a, b map[string][]uint64
		want int
	}{
		{pos(fieldBody, 3), pos(fieldBody, 4), 1},
		{pos(fieldBody, 4), pos(fieldBody, 3), 2}, // reversed order costs one more
		{pos(fieldBody, 1, 40), pos(fieldBody, 20, 43), 3},
		{pos(fieldBody, 1), pos(fieldBody, 30), maxProximity},
		{pos(fieldTitle, 1), pos(fieldBody, 2), maxProximity}, // not in one field
		{nil, pos(fieldBody, 2), maxProximity},
	} {
		if got := proximity(tt.a, tt.b); got != tt.want {
			t.Errorf("proximity(%v, %v) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
