package bleve_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/search/bleve"
	"github.com/accord-search/accord/search/searchtest"
)

// commitGeneration commits a generation holding docs (a new copy of the
// served one plus docs), as an indexer run does.
func commitGeneration(t *testing.T, st bleve.Store, docs []search.Document) string {
	t.Helper()
	unlock, err := st.Lock(t.Context(), false)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	dir, err := st.Begin()
	if err != nil {
		t.Fatal(err)
	}
	idx, err := bleve.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := idx.Index(t.Context(), docs); err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	if err := st.Commit(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

func count(t *testing.T, idx *bleve.Index) int {
	t.Helper()
	n, err := idx.Count(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestStoreBuildsAsideAndSwaps: an indexer updates a copy of the served
// generation; the server keeps answering from the old one until it swaps.
func TestStoreBuildsAsideAndSwaps(t *testing.T) {
	ctx := t.Context()
	log := slog.New(slog.DiscardHandler)
	st := bleve.Store{Root: filepath.Join(t.TempDir(), "bleve")}
	docs := searchtest.Documents()
	commitGeneration(t, st, docs[:4])
	served, err := st.OpenServed()
	if err != nil {
		t.Fatalf("OpenServed: %v", err)
	}
	defer served.Close()
	oldDir := served.Dir()

	// The "indexer": copy aside, add the rest, commit.
	dir, err := st.Begin()
	if err != nil {
		t.Fatal(err)
	}
	next, err := bleve.Open(dir)
	if err != nil {
		t.Fatalf("open the copy: %v", err)
	}
	if got := count(t, next); got != 4 {
		t.Fatalf("copy holds %d docs, want 4", got)
	}
	if err := next.Index(ctx, docs[4:]); err != nil {
		t.Fatal(err)
	}
	next.Close()
	if got := count(t, served); got != 4 {
		t.Fatalf("served index changed before commit: %d docs", got)
	}
	if err := st.Commit(dir); err != nil {
		t.Fatal(err)
	}

	wctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { st.Watch(wctx, served, 10*time.Millisecond, log); close(done) }()
	deadline := time.Now().Add(30 * time.Second) // the watcher polls every 10 ms; generous for a loaded machine
	for served.Dir() != dir && time.Now().Before(deadline) {
		res, err := served.Search(ctx, search.Query{Page: 1, PerPage: 10, FacetSize: 10})
		if err != nil || (res.Total != 4 && res.Total != 10) {
			t.Fatalf("search during swap: total %v, err %v", res, err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	<-done
	if got := count(t, served); got != len(docs) {
		t.Errorf("after swap: %d docs, want %d", got, len(docs))
	}
	if _, err := os.Stat(oldDir); !os.IsNotExist(err) {
		t.Errorf("old generation %s still on disk (err %v)", oldDir, err)
	}
}
