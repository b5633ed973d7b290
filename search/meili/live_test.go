package meili

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/search/searchtest"
	"github.com/meilisearch/meilisearch-go"
)

// The live tests run only against a real server:
//
//	MEILI_URL=http://localhost:7700 MEILI_API_KEY=masterKey go test ./search/meili/
//
// Each test works in a fresh index, deleted afterwards.

// TestLive runs the shared conformance suite.
func TestLive(t *testing.T) {
	url, key := liveServer(t)
	searchtest.Run(t, func(t *testing.T) search.Engine {
		// A small batch size, so that the fixture goes in several batches.
		e := liveEngine(t, url, key, 3)
		if err := e.Setup(t.Context()); err != nil {
			t.Fatalf("Setup: %v", err)
		}
		return e
	})
}

// TestLiveErrors checks our reading of the real server's errors.
func TestLiveErrors(t *testing.T) {
	url, key := liveServer(t)
	e := liveEngine(t, url, key, 0) // never set up: the index does not exist
	ctx := t.Context()
	if _, err := e.Search(ctx, search.Query{Text: "x"}); !errors.Is(err, search.ErrUnavailable) {
		t.Errorf("Search on a missing index: got %v, want ErrUnavailable", err)
	}
	if n, err := e.Count(ctx); n != 0 || err != nil {
		t.Errorf("Count on a missing index: got %d, %v; want 0, nil", n, err)
	}
	if h, err := e.Hashes(ctx); len(h) != 0 || err != nil {
		t.Errorf("Hashes on a missing index: got %v, %v; want none", h, err)
	}
	if err := e.Delete(ctx, []string{"a"}); err != nil {
		t.Errorf("Delete on a missing index: %v", err)
	}
	if err := e.Setup(ctx); err != nil {
		t.Fatalf("Setup: %v", err)
	}
	if err := e.Setup(ctx); err != nil {
		t.Errorf("Setup again: %v", err)
	}
	if _, err := e.Get(ctx, "nope"); !errors.Is(err, search.ErrNotFound) {
		t.Errorf("Get(nope): got %v, want ErrNotFound", err)
	}
	bad, err := Open(ctx, Config{URL: url, APIKey: key + "-wrong", Index: e.uid})
	if err != nil {
		t.Fatal(err)
	}
	defer bad.Close()
	if _, err := bad.Search(ctx, search.Query{}); key != "" && !errors.Is(err, search.ErrUnavailable) {
		t.Errorf("Search with a wrong key: got %v, want ErrUnavailable", err)
	}
}

// liveServer returns the server's URL and key, waiting for it to be
// healthy, or skips the test when MEILI_URL is not set.
func liveServer(t *testing.T) (url, key string) {
	t.Helper()
	url, key = os.Getenv("MEILI_URL"), os.Getenv("MEILI_API_KEY")
	if url == "" {
		t.Skip("MEILI_URL not set: live Meilisearch conformance not run " +
			"(set MEILI_URL and, if the server has a master key, MEILI_API_KEY)")
	}
	e, err := Open(t.Context(), Config{URL: url, APIKey: key})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	deadline := time.Now().Add(30 * time.Second)
	for {
		err := e.Ping(t.Context())
		if err == nil {
			return url, key
		}
		if time.Now().After(deadline) {
			t.Fatalf("Meilisearch at %s is not healthy: %v", url, err)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

var liveIndexes atomic.Int64

// liveEngine opens an engine on a fresh index, deleted when t ends.
func liveEngine(t *testing.T, url, key string, batch int) *Engine {
	t.Helper()
	uid := fmt.Sprintf("accord_test_%d_%d", time.Now().UnixNano(), liveIndexes.Add(1))
	e, err := Open(t.Context(), Config{URL: url, APIKey: key, Index: uid, BatchSize: batch})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		e.Close()
		// t.Context() is already canceled when cleanups run.
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		client := meilisearch.New(url, meilisearch.WithAPIKey(key))
		defer client.Close()
		info, err := client.DeleteIndexWithContext(ctx, uid)
		if err == nil {
			_, err = client.WaitForTaskWithContext(ctx, info.TaskUID, taskPoll)
		}
		if err != nil {
			t.Logf("deleting index %s: %v", uid, err)
		}
	})
	return e
}
