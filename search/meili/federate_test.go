package meili

import (
	"testing"
	"time"

	"github.com/accord-search/accord/search"
	"github.com/google/go-cmp/cmp"
)

func TestVariants(t *testing.T) {
	napolitano := search.Entity{Words: "napolitano", Facet: search.FacetOfficial, Value: "Janet Napolitano"}
	fiveEyes := search.Entity{Words: "five eyes", Facet: search.FacetTopic, Value: "Five Country Ministerial"}
	mexican := search.Entity{Words: "mexican", Facet: search.FacetCountry, Value: `Mexico "Estados"`}
	off := `officials = "Janet Napolitano"`
	tests := []struct {
		name     string
		text     string
		entities []search.Entity
		want     []variant
	}{
		{"plain words need no expansion", "harbor patrol", nil, nil},
		{"OR: one query per alternative", "icebreaker OR cutter ", nil,
			[]variant{{text: "icebreaker "}, {text: "cutter "}}},
		{"OR of phrases, other words and exclusions kept", `"coast guard" OR cutter harbor -ice`, nil,
			[]variant{{text: `"coast guard" harbor -ice`}, {text: `cutter harbor -ice`}}},
		{"entity: the words, or the value without them", "harbor napolitano", []search.Entity{napolitano},
			[]variant{{text: "harbor napolitano"}, {text: "harbor", filter: []string{off}}}},
		{"entity of two words", "five eyes meeting", []search.Entity{fiveEyes},
			[]variant{{text: "five eyes meeting"}, {text: "meeting", filter: []string{`topics = "Five Country Ministerial"`}}}},
		{"entity value quoted and escaped", "mexican", []search.Entity{mexican},
			[]variant{{text: "mexican"}, {text: "", filter: []string{`countries = "Mexico \"Estados\""`}}}},
		{"OR and entity multiply", "ice OR cbp napolitano ", []search.Entity{napolitano},
			[]variant{{text: "ice napolitano "}, {text: "ice ", filter: []string{off}},
				{text: "cbp napolitano "}, {text: "cbp ", filter: []string{off}}}},
		{"entity inside an OR group is not read", "napolitano OR ice", []search.Entity{napolitano},
			[]variant{{text: "napolitano"}, {text: "ice"}}},
		{"entity words not in the query", "harbor", []search.Entity{napolitano}, nil},
		{"entity in a phrase is not read", `"napolitano"`, []search.Entity{napolitano}, nil},
		{"more than maxVariants: sent as typed", "a OR b OR c d OR e OR f", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := variants(search.Query{Text: tt.text, Entities: tt.entities})
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(variant{})); diff != "" {
				t.Errorf("variants(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestBuildSearchFederated(t *testing.T) {
	jan := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	napolitano := []search.Entity{{Words: "napolitano", Facet: search.FacetOfficial, Value: "Janet Napolitano"}}
	tests := []struct {
		name string
		q    search.Query
		want []string // the multi-search bodies, in order
	}{
		{
			name: "OR: federated, facets by index, merged",
			q:    search.Query{Text: "icebreaker OR cutter "},
			want: []string{`{"federation": {"limit": 10,
				"facetsByIndex": {"news": ["countries", "officials", "topics", "type", "source", "year"]}, "mergeFacets": {}},
				"queries": [{` + mainFields + `, "q": "icebreaker "}, {` + mainFields + `, "q": "cutter "}]}`},
		},
		{
			name: "entity with a selection: one more request for its disjunctive counts",
			q: search.Query{Text: "harbor napolitano", Entities: napolitano, Page: 3, PerPage: 5, From: jan,
				Filters: map[search.Facet][]string{search.FacetCountry: {"Mexico"}}},
			want: []string{`{"federation": {"offset": 10, "limit": 5,
				"facetsByIndex": {"news": ["officials", "topics", "type", "source", "year"]}, "mergeFacets": {}},
				"queries": [
					{` + mainFields + `, "q": "harbor napolitano", "filter": [["countries = \"Mexico\""], ["date_ts >= 1704067200"]]},
					{` + mainFields + `, "q": "harbor", "filter": [["countries = \"Mexico\""], ["date_ts >= 1704067200"], ["officials = \"Janet Napolitano\""]]}]}`,
				`{"federation": {"limit": 1, "facetsByIndex": {"news": ["countries"]}, "mergeFacets": {}},
				"queries": [
					{"indexUid": "news", "q": "harbor napolitano", "matchingStrategy": "last", "attributesToRetrieve": ["id"],
					 "filter": [["date_ts >= 1704067200"]], "hybrid": null},
					{"indexUid": "news", "q": "harbor", "matchingStrategy": "last", "attributesToRetrieve": ["id"],
					 "filter": [["date_ts >= 1704067200"], ["officials = \"Janet Napolitano\""]], "hybrid": null}]}`},
		},
		{
			name: "sorted, no facets, past the window",
			q:    search.Query{Text: "ice OR cbp", Sort: search.SortNewest, NoFacets: true, Page: 11, PerPage: 100},
			want: []string{`{"federation": {"offset": 1000, "limit": 1},
				"queries": [{` + mainFields + `, "q": "ice", "sort": ["date_ts:desc"]},
				            {` + mainFields + `, "q": "cbp", "sort": ["date_ts:desc"]}]}`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := buildSearch("news", tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if p.req != nil {
				t.Fatalf("plain request %+v, want federated", p.req)
			}
			want := make([]any, len(tt.want))
			for i, w := range tt.want {
				want[i] = decodeJSON(t, w)
			}
			if diff := cmp.Diff(want, toJSON(t, p.fed)); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
		})
	}
}
