package meili

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/accord-search/accord/search"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/meilisearch/meilisearch-go"
)

// hitJSON is a hit shaped like Meilisearch's: the displayed attributes,
// then _formatted with every retrieved attribute as strings (highlighted
// and cropped where asked), then _rankingScore.
const hitJSON = `{
	"id": "a1", "title": "Border <b>talks</b>", "body": "Long body about the border agency.",
	"url": "https://example.org/a1", "source": "DHS", "date": "2024-03-05",
	"countries": ["France"], "officials": ["A"], "topics": ["trade"], "path": "a1.html", "hash": "h1",
	"_formatted": {
		"id": "a1", "title": "\ue000Border\ue001 <b>talks</b>", "body": "…about the \ue000border\ue001 agency.",
		"url": "https://example.org/a1", "source": "DHS", "date": "2024-03-05",
		"countries": ["France"], "officials": ["A"], "topics": ["trade"], "path": "a1.html", "hash": "h1"
	},
	"_rankingScore": 0.75
}`

// wantHit is hitJSON decoded.
var wantHit = search.Hit{
	Document: search.Document{
		ID: "a1", Title: "Border <b>talks</b>", Body: "Long body about the border agency.",
		URL: "https://example.org/a1", Source: "DHS", Date: "2024-03-05",
		Countries: []string{"France"}, Officials: []string{"A"}, Topics: []string{"trade"},
		Path: "a1.html", Hash: "h1",
	},
	TitleHTML:   "<mark>Border</mark> &lt;b&gt;talks&lt;/b&gt;",
	SnippetHTML: "…about the <mark>border</mark> agency.",
	Score:       0.75,
}

// pageResult returns one multi-search result in page mode.
func pageResult(hits string, total int, facets string) string {
	return fmt.Sprintf(`{"indexUid": "news", "hits": [%s], "query": "border", "processingTimeMs": 2,
		"hitsPerPage": 10, "page": 1, "totalPages": %d, "totalHits": %d,
		"facetDistribution": %s, "facetStats": {}}`, hits, (total+9)/10, total, facets)
}

func TestResult(t *testing.T) {
	selected := search.Query{
		Text: "border",
		Filters: map[search.Facet][]string{
			search.FacetCountry: {"France", "Côte d'Ivoire"},
			search.FacetTopic:   {"trade"},
		},
	}
	tests := []struct {
		name    string
		q       search.Query
		results []string
		want    *search.Result
	}{
		{
			name: "disjunctive counts and selected values at zero",
			q:    selected,
			results: []string{
				pageResult(hitJSON, 1, `{"officials": {"A": 1}, "year": {"2024": 1}}`),
				pageResult("", 7, `{"countries": {"France": 1, "Germany": 6}}`),
				pageResult("", 3, `{"topics": {"trade": 1, "visas": 2}}`),
			},
			want: &search.Result{
				Hits:  []search.Hit{wantHit},
				Total: 1,
				Facets: map[search.Facet][]search.FacetCount{
					search.FacetCountry: {
						{Value: "Germany", Count: 6},
						{Value: "France", Count: 1, Selected: true},
						{Value: "Côte d'Ivoire", Count: 0, Selected: true},
					},
					search.FacetOfficial: {{Value: "A", Count: 1}},
					search.FacetTopic: {
						{Value: "visas", Count: 2},
						{Value: "trade", Count: 1, Selected: true},
					},
					search.FacetType:      {},
					search.FacetPublisher: {},
				},
				Years: []search.FacetCount{{Value: "2024", Count: 1}},
			},
		},
		{
			name: "no matches: empty facets, selected values kept",
			q:    search.Query{Text: "zzz", Filters: map[search.Facet][]string{search.FacetTopic: {"trade"}}},
			results: []string{
				pageResult("", 0, `{}`),
				pageResult("", 0, `{}`),
			},
			want: &search.Result{
				Hits: []search.Hit{},
				Facets: map[search.Facet][]search.FacetCount{
					search.FacetCountry:   {},
					search.FacetOfficial:  {},
					search.FacetTopic:     {{Value: "trade", Selected: true}},
					search.FacetType:      {},
					search.FacetPublisher: {},
				},
				Years: []search.FacetCount{},
			},
		},
		{
			name:    "years newest first, exactly the window: an exact total",
			q:       search.Query{},
			results: []string{pageResult("", 1000, `{"year": {"2019": 400, "2024": 10, "2021": 590}}`)},
			want: &search.Result{
				Hits:  []search.Hit{},
				Total: 1000,
				Facets: map[search.Facet][]search.FacetCount{
					search.FacetCountry: {}, search.FacetOfficial: {}, search.FacetTopic: {}, search.FacetType: {}, search.FacetPublisher: {},
				},
				Years: []search.FacetCount{{Value: "2024", Count: 10}, {Value: "2021", Count: 590}, {Value: "2019", Count: 400}},
			},
		},
		{
			// maxTotalHits is 1001: a total of 1001 means "more than 1000".
			name:    "a total past the window is capped",
			q:       search.Query{},
			results: []string{pageResult("", 1001, `{"year": {"2019": 400, "2024": 10, "2021": 1590}}`)},
			want: &search.Result{
				Hits:        []search.Hit{},
				Total:       1000,
				TotalCapped: true,
				Facets: map[search.Facet][]search.FacetCount{
					search.FacetCountry: {}, search.FacetOfficial: {}, search.FacetTopic: {}, search.FacetType: {}, search.FacetPublisher: {},
				},
				Years: []search.FacetCount{{Value: "2024", Count: 10}, {Value: "2021", Count: 1590}, {Value: "2019", Count: 400}},
			},
		},
		{
			name:    "NoFacets",
			q:       search.Query{Text: "border", NoFacets: true},
			results: []string{pageResult(hitJSON, 1, `null`)},
			want:    &search.Result{Hits: []search.Hit{wantHit}, Total: 1},
		},
		{
			name:    "hits beyond the window are dropped",
			q:       search.Query{Text: "border", Page: 100, PerPage: 10, NoFacets: true},
			results: []string{pageResult(strings.Repeat(hitJSON+",", 9)+hitJSON, 1000, `null`)},
			want: &search.Result{Hits: []search.Hit{wantHit, wantHit, wantHit, wantHit, wantHit,
				wantHit, wantHit, wantHit, wantHit, wantHit}, Total: 1000},
		},
		{
			name:    "no _formatted: title escaped, no snippet",
			q:       search.Query{Text: "x", NoFacets: true},
			results: []string{pageResult(`{"id": "b", "title": "a & b"}`, 1, `null`)},
			want: &search.Result{Total: 1, Hits: []search.Hit{{
				Document: search.Document{ID: "b", Title: "a & b"}, TitleHTML: "a &amp; b",
			}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := buildSearch("news", tt.q)
			if err != nil {
				t.Fatal(err)
			}
			got, err := p.result(multiResponse(t, tt.results...))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("result (-want +got):\n%s", diff)
			}
		})
	}
}

func TestResultCountMismatch(t *testing.T) {
	p, err := buildSearch("news", search.Query{Filters: map[search.Facet][]string{search.FacetTopic: {"a"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.result(multiResponse(t, pageResult("", 0, `{}`))); err == nil {
		t.Error("got no error for 1 result to 2 queries")
	}
}

// multiResponse decodes a multi-search body made of results.
func multiResponse(t *testing.T, results ...string) *meilisearch.MultiSearchResponse {
	t.Helper()
	var resp meilisearch.MultiSearchResponse
	body := `{"results": [` + strings.Join(results, ",") + `]}`
	if err := json.Unmarshal([]byte(body), &resp); err != nil {
		t.Fatalf("bad response %s: %v", body, err)
	}
	return &resp
}
