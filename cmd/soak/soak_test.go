package main

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/accord-search/accord/search/bleve"
	"github.com/accord-search/accord/search/searchtest"
	"github.com/accord-search/accord/web"
)

const testQueries = `{"q": "mayorkas", "filter": null}
{"q": "border", "filter": {"field": "countries", "value": "Mexico"}}
{"q": "cyber", "filter": {"field": "topics", "value": "Cybersecurity"}}
{"q": "", "filter": {"field": "officials", "value": "Alejandro Mayorkas"}}
{"q": "trafficking", "filter": null}
{"q": "migration", "filter": {"field": "countries", "value": "Canada"}}
`

// site serves the real web server over a real index of the fixtures,
// through wrap.
func site(t *testing.T, wrap func(http.Handler) http.Handler) string {
	t.Helper()
	idx, err := bleve.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	if err := idx.Index(t.Context(), searchtest.Documents()); err != nil {
		t.Fatal(err)
	}
	h := web.New(web.Options{Engine: idx, Logger: slog.New(slog.DiscardHandler)}).Handler()
	srv := httptest.NewServer(wrap(h))
	t.Cleanup(srv.Close)
	return srv.URL
}

func queriesFile(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "queries.jsonl")
	if err := os.WriteFile(p, []byte(testQueries), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSoakPasses runs a short soak at concurrency 32 against the real web
// server over a real index: every request of every kind answers 200.
func TestSoakPasses(t *testing.T) {
	base := site(t, func(h http.Handler) http.Handler { return h })
	var out strings.Builder
	ok, err := run(t.Context(), []string{"-target", base, "-queries", queriesFile(t), "-c", "32", "-duration", "3s",
		"-pid", fmt.Sprint(os.Getpid()), "-sample", "250ms", "-warmup", "0s", "-max-growth", "10"}, &out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.Fatalf("the soak failed:\n%s", &out)
	}
	for _, kind := range allKinds {
		if !strings.Contains(out.String(), "\n"+kind) && !strings.Contains(out.String(), " "+kind+" ") {
			t.Errorf("no %s requests in the report:\n%s", kind, &out)
		}
	}
	if !strings.Contains(out.String(), "failed 0, 5xx 0") || !strings.Contains(out.String(), "PASS") {
		t.Errorf("report:\n%s", &out)
	}
	t.Log("\n" + out.String())
}

// TestSoakFailsOnErrors checks that the soak catches a server whose
// document pages fail now and then.
func TestSoakFailsOnErrors(t *testing.T) {
	var n atomic.Int64
	base := site(t, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasPrefix(r.URL.Path, "/doc/") {
				// The first document request fails, then every 7th: a
				// loaded machine that sends only one or two in the run
				// still meets a failure.
				if n.Add(1)%7 == 1 {
					http.Error(w, "boom", http.StatusInternalServerError)
					return
				}
			}
			h.ServeHTTP(w, r)
		})
	})
	var out strings.Builder
	ok, err := run(t.Context(), []string{"-target", base, "-queries", queriesFile(t), "-c", "1", "-duration", "4s"}, &out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if ok || !strings.Contains(out.String(), "FAIL") || !strings.Contains(out.String(), "status 500 for") {
		t.Errorf("the soak passed a failing server:\n%s", &out)
	}
}

func TestMemoryGrowth(t *testing.T) {
	mk := func(rss ...int64) *sampler {
		s := &sampler{}
		for i, r := range rss {
			s.samples = append(s.samples, sample{at: time.Duration(i) * 5 * time.Second, rss: r})
		}
		return s
	}
	tests := []struct {
		name   string
		s      *sampler
		warmup time.Duration
		want   float64
		enough bool
	}{
		{"flat", mk(100, 200, 200, 210, 200, 205), 5 * time.Second, 0.025, true},
		{"warm-up growth is left out", mk(10, 50, 100, 100, 100, 100), 10 * time.Second, 0, true},
		{"leak", mk(100, 100, 120, 140, 160, 180, 200, 220), 0, 80.0 / 120, true},
		{"too few samples", mk(100, 200), 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, _, enough := tt.s.growth(tt.warmup)
			if enough != tt.enough || (enough && (g < tt.want-0.01 || g > tt.want+0.01)) {
				t.Errorf("growth = %.3f, %v; want %.3f, %v", g, enough, tt.want, tt.enough)
			}
		})
	}
}

func TestTargetIsLoopbackOnly(t *testing.T) {
	for _, bad := range []string{"http://example.org", "http://10.0.0.1:8080", "https://127.0.0.1:8080", "http://127.0.0.1:8080/x"} {
		if _, err := parse([]string{"-target", bad, "-queries", "q"}, io.Discard); err == nil {
			t.Errorf("-target %s accepted", bad)
		}
	}
	if _, err := parse([]string{"-target", "http://[::1]:8080", "-queries", "q"}, io.Discard); err != nil {
		t.Errorf("-target [::1]: %v", err)
	}
}
