package meili

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/accord-search/accord/search"
	"github.com/google/go-cmp/cmp"
)

func TestSearch(t *testing.T) {
	f := newFake(t)
	f.handle("POST /multi-search", reply(http.StatusOK, `{"results": [`+
		pageResult(hitJSON, 1, `{"officials": {"A": 1}, "year": {"2024": 1}}`)+`,`+
		pageResult("", 7, `{"countries": {"France": 1, "Germany": 6}}`)+`]}`))
	q := search.Query{
		Text:    "border",
		Filters: map[search.Facet][]string{search.FacetCountry: {`Côte d'Ivoire`, `The "Hague"`}},
		To:      time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC),
		Sort:    search.SortNewest,
	}
	res, err := f.engine(Config{}).Search(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	want := []call{{Method: "POST", Path: "/multi-search", Body: decodeJSON(t, `{"queries": [
		{"indexUid": "news", "q": "border", "matchingStrategy": "all", "hybrid": null,
		 "page": 1, "hitsPerPage": 10, "sort": ["date_ts:desc"],
		 "filter": [["countries = \"Côte d'Ivoire\"", "countries = \"The \\\"Hague\\\"\""], ["date_ts < 1735689600"]],
		 "facets": ["officials", "topics", "type", "year"],
		 "attributesToHighlight": ["title", "body"], "attributesToCrop": ["body"], "cropLength": 30,
		 "cropMarker": "…", "highlightPreTag": "\ue000", "highlightPostTag": "\ue001", "showRankingScore": true},
		{"indexUid": "news", "q": "border", "matchingStrategy": "all", "hybrid": null,
		 "hitsPerPage": 0, "facets": ["countries"], "filter": [["date_ts < 1735689600"]]}
	]}`)}}
	if diff := cmp.Diff(want, f.recorded()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	wantCountries := []search.FacetCount{
		{Value: "Germany", Count: 6},
		{Value: "France", Count: 1},
		{Value: "Côte d'Ivoire", Selected: true},
		{Value: `The "Hague"`, Selected: true},
	}
	if diff := cmp.Diff(wantCountries, res.Facets[search.FacetCountry]); diff != "" {
		t.Errorf("country counts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]search.Hit{wantHit}, res.Hits); diff != "" {
		t.Errorf("hits (-want +got):\n%s", diff)
	}
	if res.Total != 1 || res.Took <= 0 {
		t.Errorf("got total %d, took %v; want 1 and > 0", res.Total, res.Took)
	}
}

func TestGet(t *testing.T) {
	f := newFake(t)
	f.handle("GET /indexes/news/documents/a1", reply(http.StatusOK,
		`{"id": "a1", "title": "T", "body": "B", "date": "2024-03-05", "countries": ["France"], "path": "a1.html"}`))
	got, err := f.engine(Config{}).Get(t.Context(), "a1")
	if err != nil {
		t.Fatal(err)
	}
	want := &search.Document{ID: "a1", Title: "T", Body: "B", Date: "2024-03-05", Countries: []string{"France"}, Path: "a1.html"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("document (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]call{{Method: "GET", Path: "/indexes/news/documents/a1"}}, f.recorded()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

func TestHashes(t *testing.T) {
	const total = 2500
	f := newFake(t)
	f.handle("POST /indexes/news/documents/fetch", func(w http.ResponseWriter, r *http.Request) {
		calls := f.recorded()
		var q struct{ Offset, Limit int }
		raw, _ := json.Marshal(calls[len(calls)-1].Body)
		json.Unmarshal(raw, &q)
		var docs []string
		for i := q.Offset; i < min(q.Offset+q.Limit, total); i++ {
			docs = append(docs, fmt.Sprintf(`{"id": "d%d", "hash": "h%d"}`, i, i))
		}
		writeJSON(w, http.StatusOK, fmt.Sprintf(`{"results": [%s], "offset": %d, "limit": %d, "total": %d}`,
			strings.Join(docs, ","), q.Offset, q.Limit, total))
	})
	got, err := f.engine(Config{}).Hashes(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != total || got["d0"] != "h0" || got["d2499"] != "h2499" {
		t.Errorf("got %d hashes (d0=%q, d2499=%q), want %d", len(got), got["d0"], got["d2499"], total)
	}
	want := []call{
		{Method: "POST", Path: "/indexes/news/documents/fetch", Body: decodeJSON(t, `{"fields": ["id", "hash"], "limit": 1000}`)},
		{Method: "POST", Path: "/indexes/news/documents/fetch", Body: decodeJSON(t, `{"fields": ["id", "hash"], "limit": 1000, "offset": 1000}`)},
		{Method: "POST", Path: "/indexes/news/documents/fetch", Body: decodeJSON(t, `{"fields": ["id", "hash"], "limit": 1000, "offset": 2000}`)},
	}
	if diff := cmp.Diff(want, f.recorded()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

func TestCount(t *testing.T) {
	f := newFake(t)
	f.handle("GET /indexes/news/stats", reply(http.StatusOK, `{"numberOfDocuments": 42, "rawDocumentDbSize": 8192,
		"avgDocumentSize": 195, "isIndexing": false, "numberOfEmbeddings": 0, "numberOfEmbeddedDocuments": 0,
		"fieldDistribution": {"id": 42, "title": 42, "body": 42}}`))
	n, err := f.engine(Config{}).Count(t.Context())
	if err != nil || n != 42 {
		t.Errorf("Count = %d, %v; want 42, nil", n, err)
	}
}
