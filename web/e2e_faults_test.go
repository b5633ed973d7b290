package web

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/search/bleve"
	"github.com/accord-search/accord/search/searchtest"
)

// TestClosedIndex runs the real router over a real index that has been
// closed under it, the embedded engine's "engine down": every search
// answers 503 with its message, the probes say not ready but alive.
func TestClosedIndex(t *testing.T) {
	// Not newIndex: this test closes the index itself.
	idx, err := bleve.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	if err := idx.Index(t.Context(), searchtest.Documents()); err != nil {
		t.Fatal(err)
	}
	h := New(Options{Engine: idx, Logger: quietLogger()}).Handler()
	if r := get(t, h, "/search?q=cyber"); r.status != http.StatusOK {
		t.Fatalf("before closing: status %d", r.status)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		target string
		status int
		text   string
	}{
		{"/", http.StatusServiceUnavailable, "Search is temporarily unavailable"},
		{"/search?q=cyber", http.StatusServiceUnavailable, "Search is temporarily unavailable"},
		{"/api/search?q=cyber", http.StatusServiceUnavailable, `"status":503`},
		{"/search.atom", http.StatusServiceUnavailable, "Search is temporarily unavailable"},
		{"/search.csv", http.StatusServiceUnavailable, "Search is temporarily unavailable"},
		{"/doc/d01", http.StatusServiceUnavailable, "Search is temporarily unavailable"},
		{"/readyz", http.StatusServiceUnavailable, "not ready"},
		{"/healthz", http.StatusOK, "ok"},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			r := get(t, h, tt.target)
			if r.status != tt.status {
				t.Fatalf("status: got %d, want %d\n%.300s", r.status, tt.status, r.body)
			}
			if !strings.Contains(r.body, tt.text) {
				t.Errorf("body lacks %q:\n%.500s", tt.text, r.body)
			}
			if tt.status == http.StatusServiceUnavailable && r.header.Get("Retry-After") == "" {
				t.Error("503 without Retry-After")
			}
		})
	}
}

// stallingEngine never answers: each call waits for its context to end,
// like an engine that accepted the connection and hangs.
type stallingEngine struct{ failingEngine }

func (stallingEngine) Search(ctx context.Context, _ search.Query) (*search.Result, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

// TestSlowEngineIsBounded checks that a hanging engine costs a request at
// most the configured timeout, then a 504 with its message. The engine
// never answers, so the upper bound only has to tell "bounded" from
// "hangs": it leaves room for a loaded machine.
func TestSlowEngineIsBounded(t *testing.T) {
	const timeout = 200 * time.Millisecond
	h := New(Options{Engine: stallingEngine{}, Logger: quietLogger(), Timeout: timeout}).Handler()
	for _, tt := range []struct{ target, text string }{
		{"/search?q=cyber", "The search took too long"},
		{"/api/search?q=cyber", `"status":504`},
		{"/search.atom", "The search took too long"},
	} {
		t.Run(tt.target, func(t *testing.T) {
			start := time.Now()
			r := get(t, h, tt.target)
			took := time.Since(start)
			if r.status != http.StatusGatewayTimeout || !strings.Contains(r.body, tt.text) {
				t.Errorf("got %d, want 504 saying %q:\n%.300s", r.status, tt.text, r.body)
			}
			if took < timeout || took > timeout+10*time.Second {
				t.Errorf("answered after %v, want just over the %v timeout", took, timeout)
			}
		})
	}
}
