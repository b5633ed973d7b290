package meili

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/accord-search/accord/indexer"
	"github.com/accord-search/accord/indexer/extract"
)

// storeFake is the contract fake with a document store: a documents
// request is stored only when its task succeeds, and the inventory
// (documents/fetch) answers from the store, as Meilisearch does.
type storeFake struct {
	*fakeMeili
	mu     sync.Mutex
	hashes map[string]string
}

func newStoreFake(t *testing.T) *storeFake {
	s := &storeFake{fakeMeili: newFake(t), hashes: map[string]string{}}
	s.handle("POST /indexes/news/documents", s.add)
	s.handle("POST /indexes/news/documents/fetch", s.fetch)
	return s
}

// add enqueues the documents task and stores the documents unless the
// task is set to fail.
func (s *storeFake) add(w http.ResponseWriter, r *http.Request) {
	calls := s.recorded()
	raw, _ := json.Marshal(calls[len(calls)-1].Body)
	var docs []struct{ ID, Hash string }
	json.Unmarshal(raw, &docs)
	s.fakeMeili.mu.Lock()
	uid := int64(len(s.tasks))
	_, fails := s.fail[uid]
	s.fakeMeili.mu.Unlock()
	if !fails {
		s.mu.Lock()
		for _, d := range docs {
			s.hashes[d.ID] = d.Hash
		}
		s.mu.Unlock()
	}
	s.enqueue(w, "documentAdditionOrUpdate")
}

// fetch answers the inventory from the store, in one page.
func (s *storeFake) fetch(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var docs []string
	for id, h := range s.hashes {
		docs = append(docs, fmt.Sprintf(`{"id": %q, "hash": %q}`, id, h))
	}
	writeJSON(w, http.StatusOK, fmt.Sprintf(`{"results": [%s], "offset": 0, "limit": 1000, "total": %d}`,
		strings.Join(docs, ","), len(docs)))
}

func (s *storeFake) stored() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []string
	for id := range s.hashes {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// TestFailedTaskIsNotMarkedIndexed runs the indexer pipeline into
// Meilisearch (the fake) where the task of the second batch fails: the
// run reports the failed task, and the next run sends that batch again,
// because the indexer compares against the engine's inventory, in which
// the failed batch is absent.
func TestFailedTaskIsNotMarkedIndexed(t *testing.T) {
	corpus := t.TempDir()
	var lines []string
	for i := range 4 {
		lines = append(lines, fmt.Sprintf(`{"id":"m%d","title":"Release %d","body":"Border cooperation with Canada, release %d.","countries":["Canada"],"officials":[],"topics":[],"organizations":[]}`, i, i, i))
	}
	if err := os.WriteFile(filepath.Join(corpus, "docs.jsonl"), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	x, err := extract.Load()
	if err != nil {
		t.Fatal(err)
	}
	s := newStoreFake(t)
	eng := s.engine(Config{})
	runIndexer := func() (indexer.Summary, error) {
		return indexer.Run(t.Context(), &indexer.Builder{Extractor: x}, eng, indexer.Options{Root: corpus, BatchSize: 2})
	}

	// Batches of two: tasks 0 and 1. Task 1 fails.
	s.fakeMeili.mu.Lock()
	s.fail[1] = taskErrNoSpace
	s.fakeMeili.mu.Unlock()
	sum, err := runIndexer()
	if err == nil {
		t.Fatal("the run succeeded although a task failed")
	}
	for _, part := range []string{"indexer: send documents 3-4", "task 1 (documentAdditionOrUpdate) failed", "no_space_left_on_device"} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("the error %q does not say %q", err, part)
		}
	}
	if sum.Indexed != 2 {
		t.Errorf("first run: %d indexed, want 2 (only the batch whose task succeeded)", sum.Indexed)
	}
	if diff := cmp.Diff([]string{"m0", "m1"}, s.stored()); diff != "" {
		t.Errorf("stored after the failure (-want +got):\n%s", diff)
	}

	// The re-run sends the failed batch again, and only it.
	sum, err = runIndexer()
	if err != nil {
		t.Fatal(err)
	}
	if sum.Indexed != 2 || sum.Unchanged != 2 {
		t.Errorf("re-run: indexed %d, unchanged %d; want 2 and 2", sum.Indexed, sum.Unchanged)
	}
	if diff := cmp.Diff([]string{"m0", "m1", "m2", "m3"}, s.stored()); diff != "" {
		t.Errorf("stored after the re-run (-want +got):\n%s", diff)
	}
	if sum, err = runIndexer(); err != nil || sum.Indexed != 0 || sum.Unchanged != 4 {
		t.Errorf("third run: %+v, %v; want nothing sent", sum, err)
	}
}
