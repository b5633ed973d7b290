package bleve_test

import (
	"path/filepath"
	"testing"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/search/bleve"
	"github.com/accord-search/accord/search/searchtest"
)

// TestCacheFollowsChanges: the browse results and whole-index facet
// counts that Search caches change as soon as documents are indexed or
// deleted.
func TestCacheFollowsChanges(t *testing.T) {
	ctx := t.Context()
	idx, err := bleve.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	docs := searchtest.Documents()
	browse := search.Query{}
	mexico := search.Query{Filters: map[search.Facet][]string{search.FacetCountry: {"Mexico"}}}
	for _, q := range []*search.Query{&browse, &mexico} {
		if err := q.Normalize(); err != nil {
			t.Fatal(err)
		}
	}
	// countries counts the documents naming a country, over the whole
	// index: the disjunctive counts of a lone country selection.
	countries := func(country string) int {
		t.Helper()
		res, err := idx.Search(ctx, mexico)
		if err != nil {
			t.Fatal(err)
		}
		for _, fc := range res.Facets[search.FacetCountry] {
			if fc.Value == country {
				return fc.Count
			}
		}
		return 0
	}
	total := func() int {
		t.Helper()
		res, err := idx.Search(ctx, browse)
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	if err := idx.Index(ctx, docs[:2]); err != nil { // d01, d02
		t.Fatal(err)
	}
	for range 2 { // the second answer comes from the cache
		if got := total(); got != 2 {
			t.Fatalf("browse total: got %d, want 2", got)
		}
		if got := countries("United States"); got != 2 {
			t.Fatalf("United States: got %d, want 2", got)
		}
	}
	if err := idx.Index(ctx, docs[2:]); err != nil {
		t.Fatal(err)
	}
	if got := total(); got != len(docs) {
		t.Errorf("browse total after indexing: got %d, want %d", got, len(docs))
	}
	if got := countries("United States"); got != 8 {
		t.Errorf("United States after indexing: got %d, want 8", got)
	}
	if err := idx.Delete(ctx, []string{"d01"}); err != nil {
		t.Fatal(err)
	}
	if got := total(); got != len(docs)-1 {
		t.Errorf("browse total after delete: got %d, want %d", got, len(docs)-1)
	}
	if got := countries("United States"); got != 7 {
		t.Errorf("United States after delete: got %d, want 7", got)
	}
}
