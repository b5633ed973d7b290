package bleve_test

import (
	"path/filepath"
	"testing"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/search/bleve"
	"github.com/accord-search/accord/search/searchtest"
)

func TestConformance(t *testing.T) {
	searchtest.Run(t, func(t *testing.T) search.Engine {
		idx, err := bleve.Open(filepath.Join(t.TempDir(), "index"))
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		t.Cleanup(func() { idx.Close() })
		return idx
	})
}
