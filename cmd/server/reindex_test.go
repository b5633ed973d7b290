package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/accord-search/accord/cmd/internal/app"
	"github.com/accord-search/accord/indexer"
	"github.com/accord-search/accord/indexer/extract"
	"github.com/accord-search/accord/search/bleve"
)

// writeRecords writes n JSON Lines documents, ids prefix0..prefixN-1,
// each with its own words so that none folds into another.
func writeRecords(t *testing.T, path, prefix string, n int) {
	t.Helper()
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"id":"%s%d","title":"Release %s %d","body":"%s","countries":["Canada"],"officials":[],"topics":[],"organizations":[]}`+"\n",
			prefix, i, prefix, i, strings.Repeat(fmt.Sprintf("border cooperation %s%d ", prefix, i), 20))
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReindexWhileServing runs the indexer (the same BuildGeneration the
// indexer command runs) into the store that a running server serves,
// twice — adding documents, then pruning them — while clients poll the
// API: every answer is a 200 with the old or the new full count, never
// an empty, partial or failed one. The search timeout is not under test
// (a loaded machine can take seconds per search while it indexes), so
// the server gets a long one; the polls are awaited on conditions, not
// on sleeps.
func TestReindexWhileServing(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes thousands of documents")
	}
	t.Setenv("MEILI_URL", "")
	const before, added = 1500, 1500
	corpus, data := t.TempDir(), t.TempDir()
	writeRecords(t, filepath.Join(corpus, "a.jsonl"), "a", before)
	s := startServer(t, "-addr", "127.0.0.1:0", "-data", data, "-corpus", corpus, "-timeout", "2m")
	if n, err := apiTotal(s.base, ""); err != nil || n != before {
		t.Fatalf("first start: %d documents (%v), want %d", n, err, before)
	}

	// Pollers: browse, a text search and a filtered search, back to back.
	var mu sync.Mutex
	seen := map[string]map[int]int{} // query → total → times
	var failures []string
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for _, q := range []string{"", "q=cooperation", "country=Canada&sort=newest"} {
		seen[q] = map[int]int{}
		for range 2 {
			wg.Go(func() {
				for {
					select {
					case <-stop:
						return
					default:
					}
					n, err := apiTotal(s.base, q)
					mu.Lock()
					if err != nil {
						failures = append(failures, fmt.Sprintf("%q: %v", q, err))
					} else {
						seen[q][n]++
					}
					mu.Unlock()
				}
			})
		}
	}
	stopPolls := sync.OnceFunc(func() { close(stop); wg.Wait() })
	defer stopPolls() // also when the test fails early
	// waitPolls waits until every query's pollers have seen total more
	// times than in the snapshot taken when it was called.
	waitPolls := func(total int) func() {
		mu.Lock()
		was := map[string]int{}
		for q, totals := range seen {
			was[q] = totals[total]
		}
		mu.Unlock()
		return func() {
			t.Helper()
			deadline := time.Now().Add(2 * time.Minute)
			for {
				mu.Lock()
				done := true
				for q, totals := range seen {
					done = done && totals[total] > was[q]
				}
				mu.Unlock()
				if done {
					return
				}
				if time.Now().After(deadline) {
					t.Fatalf("the pollers did not all see total %d within 2 minutes", total)
				}
				time.Sleep(20 * time.Millisecond)
			}
		}
	}
	waitTotal := func(want int) {
		t.Helper()
		deadline := time.Now().Add(2 * time.Minute)
		for {
			if n, err := apiTotal(s.base, ""); err == nil && n == want {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("the server never served %d documents", want)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	x, err := extract.Load()
	if err != nil {
		t.Fatal(err)
	}
	st := bleve.Store{Root: filepath.Join(data, "bleve")}
	reindex := func(prune bool) {
		t.Helper()
		sum, _, err := app.BuildGeneration(t.Context(), st, &indexer.Builder{Extractor: x},
			indexer.Options{Root: corpus, BatchSize: 100, Prune: prune}, false)
		if err != nil {
			t.Fatalf("reindex: %v", err)
		}
		t.Logf("reindex: %s", sum)
	}

	waitPolls(before)()
	writeRecords(t, filepath.Join(corpus, "b.jsonl"), "b", added)
	reindex(false)
	waitTotal(before + added)
	waitPolls(before + added)()
	if err := os.Remove(filepath.Join(corpus, "b.jsonl")); err != nil {
		t.Fatal(err)
	}
	reindex(true)
	waitTotal(before)
	waitPolls(before)()
	stopPolls()

	if len(failures) > 0 {
		t.Errorf("%d failed answers during reindexing, first: %s", len(failures), failures[0])
	}
	for q, totals := range seen {
		polls := 0
		for n, times := range totals {
			polls += times
			if n != before && n != before+added {
				t.Errorf("%q: %d answers with total %d, want only %d or %d", q, times, n, before, before+added)
			}
		}
		if totals[before] == 0 || totals[before+added] == 0 {
			t.Errorf("%q: totals seen %v: the polls did not span both generations", q, totals)
		}
		t.Logf("%q: %d polls, totals %v", q, polls, totals)
	}
}

// TestWatchOff: with -watch=false the server keeps serving the
// generation it opened when the indexer commits a new one (it says so in
// its log), and a restart serves the new one.
func TestWatchOff(t *testing.T) {
	t.Setenv("MEILI_URL", "")
	corpus, data := t.TempDir(), t.TempDir()
	writeRecords(t, filepath.Join(corpus, "a.jsonl"), "a", 5)
	s := startServer(t, "-addr", "127.0.0.1:0", "-data", data, "-corpus", corpus, "-watch=false")
	if n, err := apiTotal(s.base, ""); err != nil || n != 5 {
		t.Fatalf("first start: %d documents (%v), want 5", n, err)
	}
	x, err := extract.Load()
	if err != nil {
		t.Fatal(err)
	}
	writeRecords(t, filepath.Join(corpus, "b.jsonl"), "b", 3)
	st := bleve.Store{Root: filepath.Join(data, "bleve")}
	if _, _, err := app.BuildGeneration(t.Context(), st, &indexer.Builder{Extractor: x}, indexer.Options{Root: corpus}, false); err != nil {
		t.Fatal(err)
	}
	// A watching server polls every 2 s: wait three polls.
	time.Sleep(6 * time.Second)
	if n, err := apiTotal(s.base, ""); err != nil || n != 5 {
		t.Errorf("after a new generation: %d documents (%v), want the opened generation's 5", n, err)
	}
	if err := s.stop(t); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(s.logs.String(), "generation watcher off") {
		t.Errorf("the log does not say the watcher is off:\n%s", s.logs.String())
	}
	s = startServer(t, "-addr", "127.0.0.1:0", "-data", data, "-corpus", corpus, "-watch=false")
	if n, err := apiTotal(s.base, ""); err != nil || n != 8 {
		t.Errorf("after a restart: %d documents (%v), want 8", n, err)
	}
}
