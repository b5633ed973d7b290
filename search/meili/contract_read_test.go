package meili

import (
	"encoding/json"
	"errors"
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
		{"indexUid": "news", "q": "border", "matchingStrategy": "last", "hybrid": null,
		 "page": 1, "hitsPerPage": 10, "sort": ["date_ts:desc"],
		 "filter": [["countries = \"Côte d'Ivoire\"", "countries = \"The \\\"Hague\\\"\""], ["date_ts < 1735689600"]],
		 "facets": ["officials", "topics", "type", "source", "year"],
		 "attributesToRetrieve": ["id", "title", "url", "source", "date", "countries", "officials", "topics", "type", "title_derived", "roles", "path", "lang"],
		 "attributesToHighlight": ["title", "body"], "attributesToCrop": ["body"], "cropLength": 30,
		 "cropMarker": "…", "highlightPreTag": "\ue000", "highlightPostTag": "\ue001", "showRankingScore": true},
		{"indexUid": "news", "q": "border", "matchingStrategy": "last", "hybrid": null,
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

// searchOneResult is a single-index search answer (offset/limit mode).
func searchOneResult(hits string) string {
	n := 0
	if hits != "" {
		n = 1
	}
	return fmt.Sprintf(`{"hits": [%s], "query": "", "processingTimeMs": 0, "limit": 1, "offset": 0,
		"estimatedTotalHits": %d}`, hits, n)
}

// TestGet: a document is fetched with a filtered search, which a key with
// only the search action may run (issue 11, item 1).
func TestGet(t *testing.T) {
	f := newFake(t)
	f.handle("POST /indexes/news/search", func(w http.ResponseWriter, r *http.Request) {
		calls := f.recorded()
		hits := ""
		if calls[len(calls)-1].Body.(map[string]any)["filter"] == `id = "a1"` {
			hits = `{"id": "a1", "title": "T", "body": "B", "date": "2024-03-05", "countries": ["France"], "path": "a1.html"}`
		}
		writeJSON(w, http.StatusOK, searchOneResult(hits))
	})
	e := f.engine(Config{APIKey: searchKey})
	got, err := e.Get(t.Context(), "a1")
	if err != nil {
		t.Fatal(err)
	}
	want := &search.Document{ID: "a1", Title: "T", Body: "B", Date: "2024-03-05", Countries: []string{"France"}, Path: "a1.html"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("document (-want +got):\n%s", diff)
	}
	if _, err := e.Get(t.Context(), "nope"); !errors.Is(err, search.ErrNotFound) {
		t.Errorf("Get(nope): got %v, want ErrNotFound", err)
	}
	wantCalls := []call{
		{Method: "POST", Path: "/indexes/news/search", Body: decodeJSON(t, `{"q": "", "filter": "id = \"a1\"", "limit": 1, "hybrid": null}`)},
		{Method: "POST", Path: "/indexes/news/search", Body: decodeJSON(t, `{"q": "", "filter": "id = \"nope\"", "limit": 1, "hybrid": null}`)},
	}
	if diff := cmp.Diff(wantCalls, f.recorded()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	// id not filterable yet (an index set up by an older version): the
	// engine is not ready, which is no bad query of the reader's.
	f.handle("POST /indexes/news/search", reply(http.StatusBadRequest, errInvalidFilter))
	if _, err := e.Get(t.Context(), "a1"); !errors.Is(err, search.ErrUnavailable) || errors.Is(err, search.ErrBadQuery) {
		t.Errorf("Get with stale settings: got %v, want ErrUnavailable only", err)
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

// TestCount: the count is a hits-less multi-search, which a key with only
// the search action may run (issue 11, item 1); past the window it adds
// the year counts and the undated documents.
func TestCount(t *testing.T) {
	for _, tt := range []struct {
		name           string
		total, undated int
		years          string
		want           int
	}{
		{"up to the window, the total", 42, 3, `{"2024": 39}`, 42},
		{"past the window, years and undated", 1001, 7, `{"2024": 1500, "2023": 1200}`, 2707},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			f.handle("POST /multi-search", reply(http.StatusOK, `{"results": [`+
				pageResult("", tt.total, `{"year": `+tt.years+`}`)+`,`+pageResult("", tt.undated, `{}`)+`]}`))
			n, err := f.engine(Config{APIKey: searchKey}).Count(t.Context())
			if err != nil || n != tt.want {
				t.Errorf("Count = %d, %v; want %d, nil", n, err, tt.want)
			}
			want := []call{{Method: "POST", Path: "/multi-search", Body: decodeJSON(t, `{"queries": [
				{"indexUid": "news", "q": "", "hitsPerPage": 0, "facets": ["year"], "hybrid": null},
				{"indexUid": "news", "q": "", "hitsPerPage": 0, "filter": "year NOT EXISTS", "hybrid": null}]}`)}}
			if diff := cmp.Diff(want, f.recorded()); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("missing index", func(t *testing.T) {
		f := newFake(t)
		f.handle("POST /multi-search", reply(http.StatusBadRequest, errMultiIndexNotFound))
		if n, err := f.engine(Config{APIKey: searchKey}).Count(t.Context()); n != 0 || err != nil {
			t.Errorf("Count = %d, %v; want 0, nil", n, err)
		}
	})
}
