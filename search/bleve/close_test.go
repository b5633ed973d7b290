package bleve_test

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/search/bleve"
	"github.com/accord-search/accord/search/searchtest"
)

// TestClosedIndex: a closed index answers ErrUnavailable to searches and
// document fetches alike, and a second Close is harmless.
func TestClosedIndex(t *testing.T) {
	idx, err := bleve.Open(filepath.Join(t.TempDir(), "idx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := idx.Index(t.Context(), searchtest.Documents()); err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	q := search.Query{}
	q.Normalize()
	if _, err := idx.Search(t.Context(), q); !errors.Is(err, search.ErrUnavailable) {
		t.Errorf("Search: got %v, want ErrUnavailable", err)
	}
	if _, err := idx.Get(t.Context(), "d01"); !errors.Is(err, search.ErrUnavailable) {
		t.Errorf("Get: got %v, want ErrUnavailable", err)
	}
}
