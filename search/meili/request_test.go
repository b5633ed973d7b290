package meili

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/accord-search/accord/search"
	"github.com/google/go-cmp/cmp"
)

// mainFields are the main query's fields that do not depend on the Query,
// as JSON. The SDK always sends "hybrid": null (no omitempty).
const mainFields = `
	"indexUid": "news",
	"matchingStrategy": "last",
	"attributesToRetrieve": ["id", "title", "url", "source", "date", "countries", "officials", "topics", "type", "title_derived", "roles", "path", "lang"],
	"attributesToHighlight": ["title", "body"],
	"attributesToCrop": ["body"],
	"cropLength": 30,
	"cropMarker": "…",
	"highlightPreTag": "\ue000",
	"highlightPostTag": "\ue001",
	"showRankingScore": true,
	"hybrid": null`

func TestBuildSearch(t *testing.T) {
	jan := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	jan31 := time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		q    search.Query
		want string // the multi-search body
	}{
		{
			name: "text by relevance",
			q:    search.Query{Text: "border security"},
			want: `{"queries": [{` + mainFields + `,
				"q": "border security", "page": 1, "hitsPerPage": 10,
				"facets": ["countries", "officials", "topics", "type", "source", "year"]}]}`,
		},
		{
			name: "no text browses newest first",
			q:    search.Query{Text: "  ", Sort: search.SortRelevance, Page: 2, PerPage: 20},
			want: `{"queries": [{` + mainFields + `,
				"q": "  ", "page": 2, "hitsPerPage": 20, "sort": ["date_ts:desc"],
				"facets": ["countries", "officials", "topics", "type", "source", "year"]}]}`,
		},
		{
			name: "newest",
			q:    search.Query{Text: "visa", Sort: search.SortNewest, NoFacets: true},
			want: `{"queries": [{` + mainFields + `,
				"q": "visa", "page": 1, "hitsPerPage": 10, "sort": ["date_ts:desc"]}]}`,
		},
		{
			name: "oldest",
			q:    search.Query{Text: "visa", Sort: search.SortOldest, NoFacets: true},
			want: `{"queries": [{` + mainFields + `,
				"q": "visa", "page": 1, "hitsPerPage": 10, "sort": ["date_ts:asc"]}]}`,
		},
		{
			name: "selections give disjunctive queries",
			q: search.Query{
				Text: "trade",
				Filters: map[search.Facet][]string{
					search.FacetTopic:   {"tariffs"},
					search.FacetCountry: {"France", `Côte d'Ivoire`},
				},
				From: jan, To: jan31,
			},
			want: `{"queries": [
				{` + mainFields + `,
					"q": "trade", "page": 1, "hitsPerPage": 10,
					"filter": [
						["countries = \"France\"", "countries = \"Côte d'Ivoire\""],
						["topics = \"tariffs\""],
						["date_ts >= 1704067200 AND date_ts < 1706745600"]
					],
					"facets": ["officials", "type", "source", "year"]},
				{"indexUid": "news", "q": "trade", "matchingStrategy": "last", "hybrid": null,
					"hitsPerPage": 0, "facets": ["countries"],
					"filter": [["topics = \"tariffs\""], ["date_ts >= 1704067200 AND date_ts < 1706745600"]]},
				{"indexUid": "news", "q": "trade", "matchingStrategy": "last", "hybrid": null,
					"hitsPerPage": 0, "facets": ["topics"],
					"filter": [
						["countries = \"France\"", "countries = \"Côte d'Ivoire\""],
						["date_ts >= 1704067200 AND date_ts < 1706745600"]
					]}
			]}`,
		},
		{
			name: "only selection: disjunctive query has no filter",
			q:    search.Query{Filters: map[search.Facet][]string{search.FacetOfficial: {"A"}}},
			want: `{"queries": [
				{` + mainFields + `,
					"q": "", "page": 1, "hitsPerPage": 10, "sort": ["date_ts:desc"],
					"filter": [["officials = \"A\""]],
					"facets": ["countries", "topics", "type", "source", "year"]},
				{"indexUid": "news", "q": "", "matchingStrategy": "last", "hybrid": null,
					"hitsPerPage": 0, "facets": ["officials"]}
			]}`,
		},
		{
			name: "NoFacets sends no facet queries",
			q: search.Query{Text: "x", NoFacets: true,
				Filters: map[search.Facet][]string{search.FacetTopic: {"a"}}},
			want: `{"queries": [{` + mainFields + `,
				"q": "x", "page": 1, "hitsPerPage": 10, "filter": [["topics = \"a\""]]}]}`,
		},
		{
			name: "page cut by the window",
			q:    search.Query{Text: "x", Page: 34, PerPage: 30, NoFacets: true},
			want: `{"queries": [{` + mainFields + `,
				"q": "x", "page": 34, "hitsPerPage": 30}]}`,
		},
		{
			name: "match=all is sent to every query",
			q: search.Query{Text: "border mexico", Match: search.MatchAll,
				Filters: map[search.Facet][]string{search.FacetTopic: {"a"}}},
			want: `{"queries": [
				{` + strings.Replace(mainFields, `"last"`, `"all"`, 1) + `,
					"q": "border mexico", "page": 1, "hitsPerPage": 10,
					"filter": [["topics = \"a\""]],
					"facets": ["countries", "officials", "type", "source", "year"]},
				{"indexUid": "news", "q": "border mexico", "matchingStrategy": "all", "hybrid": null,
					"hitsPerPage": 0, "facets": ["topics"]}
			]}`,
		},
		{
			name: "frequency",
			q:    search.Query{Text: "border mexico", Match: search.MatchFrequency, NoFacets: true},
			want: `{"queries": [{` + strings.Replace(mainFields, `"last"`, `"frequency"`, 1) + `,
				"q": "border mexico", "page": 1, "hitsPerPage": 10}]}`,
		},
		{
			name: "phrases and exclusions are sent as typed (Meilisearch reads them)",
			q:    search.Query{Text: `"coast guard" -cutter -"ice pact"`, NoFacets: true},
			want: `{"queries": [{` + mainFields + `,
				"q": "\"coast guard\" -cutter -\"ice pact\"", "page": 1, "hitsPerPage": 10}]}`,
		},
		{
			name: "only exclusions browse newest first",
			q:    search.Query{Text: "-coast -patrol", NoFacets: true},
			want: `{"queries": [{` + mainFields + `,
				"q": "-coast -patrol", "page": 1, "hitsPerPage": 10, "sort": ["date_ts:desc"]}]}`,
		},
		{
			name: "page past the window: total only",
			q:    search.Query{Text: "x", Page: 11, PerPage: 100, NoFacets: true},
			want: `{"queries": [{` + mainFields + `,
				"q": "x", "hitsPerPage": 0}]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := buildSearch("news", tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(decodeJSON(t, tt.want), toJSON(t, p.req)); diff != "" {
				t.Errorf("request (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBuildSearchRejects(t *testing.T) {
	tests := []struct {
		name string
		q    search.Query
	}{
		{"unknown facet", search.Query{Filters: map[search.Facet][]string{"source": {"x"}}}},
		{"page size", search.Query{PerPage: search.MaxPerPage + 1}},
		{"negative page", search.Query{Page: -1}},
		{"sort", search.Query{Sort: "random"}},
		{"dates reversed", search.Query{From: time.Unix(100, 0), To: time.Unix(0, 0)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := buildSearch("news", tt.q)
			if !errors.Is(err, search.ErrBadQuery) {
				t.Errorf("got error %v, want ErrBadQuery", err)
			}
		})
	}
}

// toJSON returns v marshaled and decoded into generic JSON values.
func toJSON(t *testing.T, v any) any {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return decodeJSON(t, string(raw))
}

// decodeJSON decodes s into generic JSON values.
func decodeJSON(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("bad JSON %s: %v", s, err)
	}
	return v
}
