package bleve

import (
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/search/searchtest"
)

// TestCompact: an index written in many batches is merged into one
// segment, and keeps every document. (Whether Close compacts depends on
// how many segments scorch's background merger has left, so the test
// calls compact itself.)
func TestCompact(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	idx, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	docs := searchtest.Documents()
	for i := range docs { // one batch, so one segment, per document
		if err := idx.Index(t.Context(), docs[i:i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := compact(t.Context(), idx.current(), 0); err != nil {
		t.Fatalf("compact: %v", err)
	}
	if err := idx.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap")); len(files) != 1 {
		t.Errorf("segment files after Close: got %q, want one", files)
	}
	idx, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	adv, err := idx.current().Advanced()
	if err != nil {
		t.Fatal(err)
	}
	if n, err := segments(adv.(*scorch.Scorch)); err != nil || n != 1 {
		t.Errorf("segments after Close: got %d (%v), want 1", n, err)
	}
	res, err := idx.Search(t.Context(), search.Query{Page: 1, PerPage: 20, FacetSize: search.FacetSize})
	if err != nil || res.Total != len(docs) {
		t.Errorf("after compaction: total %v (%v), want %d", res, err, len(docs))
	}
}
