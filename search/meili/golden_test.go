package meili

import (
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/accord-search/accord/search"
	"github.com/google/go-cmp/cmp"
	"github.com/meilisearch/meilisearch-go"
)

// Golden fixtures (testdata/golden/*.json) are answers written by us in the
// shapes Meilisearch v1.24's own tests show; each names the upstream test
// it mirrors. The tests below serve them from the fake and check what our
// code makes of them.

// golden is one fixture: the answer's status and body.
type golden struct {
	Mirrors string          `json:"mirrors"`
	Status  int             `json:"status"`
	Body    json.RawMessage `json:"body"`
}

func loadGolden(t *testing.T, name string) golden {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "golden", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var g golden
	if err := json.Unmarshal(raw, &g); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if !strings.HasPrefix(g.Mirrors, "crates/meilisearch/tests/") || g.Status == 0 || len(g.Body) == 0 {
		t.Fatalf("%s: want mirrors (an upstream test), status and body", name)
	}
	return g
}

// serve answers with the fixture.
func (g golden) serve(w http.ResponseWriter, _ *http.Request) { writeJSON(w, g.Status, string(g.Body)) }

func TestGoldenKeyErrors(t *testing.T) {
	for _, name := range []string{"key_invalid", "key_missing"} {
		t.Run(name, func(t *testing.T) {
			g := loadGolden(t, name)
			f := newFake(t)
			f.handle("POST /multi-search", g.serve)
			_, err := f.engine(Config{}).Search(t.Context(), search.Query{Text: "x"})
			if !errors.Is(err, search.ErrUnavailable) {
				t.Errorf("got %v, want ErrUnavailable", err)
			}
			var body struct{ Code string }
			json.Unmarshal(g.Body, &body)
			if apiCode(err) != body.Code {
				t.Errorf("code %q, want %q", apiCode(err), body.Code)
			}
		})
	}
}

// TestGoldenMultiSearchOneFailing: one bad query fails the whole request,
// which is a bad query, not an outage.
func TestGoldenMultiSearchOneFailing(t *testing.T) {
	f := newFake(t)
	f.handle("POST /multi-search", loadGolden(t, "multi_search_one_failing").serve)
	_, err := f.engine(Config{}).Search(t.Context(), search.Query{Text: "x", Filters: map[search.Facet][]string{search.FacetCountry: {"France"}}})
	if !errors.Is(err, search.ErrBadQuery) || !strings.Contains(err.Error(), "queries[1]") {
		t.Errorf("got %v, want ErrBadQuery naming the query", err)
	}
}

// TestGoldenSearchFacets: a capped total is reported as capped (item 4),
// facet counts are read as they are, and a selection in another case marks
// the counted value (item 6).
func TestGoldenSearchFacets(t *testing.T) {
	f := newFake(t)
	q := search.Query{Text: "border", Filters: map[search.Facet][]string{search.FacetTopic: {"BORDER SECURITY"}}}
	f.handle("POST /multi-search", func(w http.ResponseWriter, r *http.Request) {
		// The fixture's one result, and the topic facet's own counts.
		var g struct {
			Results []json.RawMessage `json:"results"`
		}
		json.Unmarshal(loadGolden(t, "search_facets").Body, &g)
		writeJSON(w, http.StatusOK, `{"results": [`+string(g.Results[0])+`,`+
			pageResult("", 1001, `{"topics": {"Border security": 1001, "Migration": 300}}`)+`]}`)
	})
	res, err := f.engine(Config{}).Search(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != search.MaxWindow || !res.TotalCapped {
		t.Errorf("total %d capped %v, want %d capped", res.Total, res.TotalCapped, search.MaxWindow)
	}
	want := []search.FacetCount{{Value: "Border security", Count: 1001, Selected: true}, {Value: "Migration", Count: 300}}
	if diff := cmp.Diff(want, res.Facets[search.FacetTopic]); diff != "" {
		t.Errorf("topics (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]search.FacetCount{{Value: "united states", Count: 1400}, {Value: "mexico", Count: 650}}, res.Facets[search.FacetCountry]); diff != "" {
		t.Errorf("countries (-want +got):\n%s", diff)
	}
}

// TestGoldenFormattedPrefix: a prefix match is highlighted only over the
// matched part, and the hit carries no body (item 9).
func TestGoldenFormattedPrefix(t *testing.T) {
	var resp struct {
		Hits meilisearch.Hits `json:"hits"`
	}
	if err := json.Unmarshal(loadGolden(t, "formatted_prefix").Body, &resp); err != nil {
		t.Fatal(err)
	}
	hits, err := decodeHits(resp.Hits)
	if err != nil || len(hits) != 1 {
		t.Fatalf("decodeHits: %v, %v", hits, err)
	}
	h := hits[0]
	if h.TitleHTML != "ICE Pact signed for Arctic <mark>icebre</mark>akers" || h.SnippetHTML != "…build polar <mark>icebre</mark>akers together." {
		t.Errorf("title %q, snippet %q", h.TitleHTML, h.SnippetHTML)
	}
	if h.Body != "" || h.ID != "d06" || h.Path != "fixture/d06.txt" {
		t.Errorf("document fields: %+v", h.Document)
	}
}

// TestGoldenTasks: a failed and a canceled task mid-run stop the run with
// an error naming the batch, after the batches before it were stored.
func TestGoldenTasks(t *testing.T) {
	for _, tt := range []struct{ name, says string }{
		{"task_failed", "invalid_document_id"},
		{"task_canceled", "canceled"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			f.handle("GET /tasks/1", loadGolden(t, tt.name).serve)
			err := f.engine(Config{BatchSize: 2}).Index(t.Context(), docs(6))
			if err == nil || !strings.Contains(err.Error(), tt.says) || !strings.Contains(err.Error(), "documents 3-4 of 6") {
				t.Fatalf("got %v, want an error naming documents 3-4 and %q", err, tt.says)
			}
			var adds int
			for _, c := range f.recorded() {
				if c.Method == "POST" {
					adds++
				}
			}
			if adds != 2 {
				t.Errorf("%d batches sent, want 2 (none after the failed one)", adds)
			}
		})
	}
}

// TestGoldenPayloadTooLarge: batches are bounded in bytes, and a batch the
// server still refuses with 413 is split until it passes; a document that
// alone is too large is named (item 9).
func TestGoldenPayloadTooLarge(t *testing.T) {
	g := loadGolden(t, "payload_too_large")
	const limit = 3000 // the fake server's payload limit, in bytes
	f := newFake(t)
	var sizes []int
	f.handle("POST /indexes/news/documents", func(w http.ResponseWriter, r *http.Request) {
		calls := f.recorded()
		raw, _ := json.Marshal(calls[len(calls)-1].Body)
		if len(raw) > limit {
			g.serve(w, r)
			return
		}
		sizes = append(sizes, len(calls[len(calls)-1].Body.([]any)))
		f.enqueue(w, "documentAdditionOrUpdate")
	})
	d := docs(12)
	for i := range d {
		d[i].Body = strings.Repeat("x", 400)
	}
	// 12 documents of ~500 bytes: MaxBatchBytes 4000 makes batches of 7
	// and 5; the server's 3000-byte limit refuses the 7, split into 3 and 4.
	if err := f.engine(Config{MaxBatchBytes: 4000}).Index(t.Context(), d); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sizes, []int{3, 4, 5}) {
		t.Errorf("batches stored %v, want [3 4 5]", sizes)
	}
	big := docs(1)
	big[0].Body = strings.Repeat("y", limit)
	err := f.engine(Config{}).Index(t.Context(), big)
	if err == nil || !strings.Contains(err.Error(), "alone is larger than the server accepts") || apiCode(err) != "payload_too_large" {
		t.Errorf("one oversized document: got %v", err)
	}
}
