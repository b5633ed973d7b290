package meili

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/accord-search/accord/web"
)

// This file runs the real web server over this backend, pointed at the
// contract fake, for what only the two together show: the key reaches
// Meilisearch and nothing else, and engine faults become clear pages that
// heal by themselves. (The web package cannot reach the fake, which lives
// in this package's tests; nothing outside tests imports web here.)

// lockedBuffer is a log sink safe for concurrent writers.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// siteFake is the contract fake set up to serve a small site: searches
// answer one hit (or an error chosen by the query text or by mode),
// document a1 exists, the index holds one document.
type siteFake struct {
	*fakeMeili
	// mode is "" (answer), "stall", "500" or "502".
	mode atomic.Value
	// auth records the Authorization header of every request.
	authMu sync.Mutex
	auth   []string
}

func newSiteFake(t *testing.T) *siteFake {
	t.Helper()
	s := &siteFake{fakeMeili: newFake(t)}
	s.mode.Store("")
	s.handle("POST /multi-search", s.multiSearch)
	// Documents are fetched with a search filtered on the id.
	s.handle("POST /indexes/news/search", func(w http.ResponseWriter, r *http.Request) {
		calls := s.recorded()
		hit := ""
		if body, _ := calls[len(calls)-1].Body.(map[string]any); body["filter"] == `id = "a1"` {
			hit = `{"id": "a1", "title": "Border talks",
				"body": "Long body about the border agency.", "url": "https://example.org/a1", "source": "DHS",
				"date": "2024-03-05", "countries": ["France"], "officials": ["A"], "topics": ["trade"], "path": "a1.html"}`
		}
		writeJSON(w, http.StatusOK, searchOneResult(hit))
	})
	inner := s.srv.Config.Handler
	s.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.authMu.Lock()
		s.auth = append(s.auth, r.Header.Get("Authorization"))
		s.authMu.Unlock()
		inner.ServeHTTP(w, r)
	})
	return s
}

// multiSearch answers each query of the request: the main one with the
// hit, the disjunctive ones with counts. The query text picks a failure:
// "fail-filter" (400), "fail-internal" (500), "fail-key" (403, a revoked key).
func (s *siteFake) multiSearch(w http.ResponseWriter, r *http.Request) {
	switch s.mode.Load() {
	case "stall":
		stall(w, r)
		return
	case "500":
		reply(http.StatusInternalServerError, errInternal)(w, r)
		return
	case "502":
		reply(http.StatusBadGateway, `<html>Bad Gateway</html>`)(w, r)
		return
	}
	calls := s.recorded()
	raw, _ := json.Marshal(calls[len(calls)-1].Body)
	var req struct {
		Queries []struct {
			Q           string `json:"q"`
			HitsPerPage *int   `json:"hitsPerPage"`
		} `json:"queries"`
	}
	json.Unmarshal(raw, &req)
	switch q := req.Queries[0].Q; q {
	case "fail-filter":
		reply(http.StatusBadRequest, errInvalidFilter)(w, r)
		return
	case "fail-internal":
		reply(http.StatusInternalServerError, errInternal)(w, r)
		return
	case "fail-key":
		reply(http.StatusForbidden, errInvalidKey)(w, r)
		return
	}
	results := make([]string, len(req.Queries))
	for i, q := range req.Queries {
		hits := hitJSON
		if i > 0 || (q.HitsPerPage != nil && *q.HitsPerPage == 0) {
			hits = ""
		}
		results[i] = pageResult(hits, 1, `{"countries": {"France": 1}, "officials": {"A": 1}, "topics": {"trade": 1}, "year": {"2024": 1}}`)
	}
	writeJSON(w, http.StatusOK, `{"results": [`+strings.Join(results, ",")+`]}`)
}

// authorizations returns the Authorization headers received so far.
func (s *siteFake) authorizations() []string {
	s.authMu.Lock()
	defer s.authMu.Unlock()
	return append([]string(nil), s.auth...)
}

// site serves the web handler over an engine on the fake with key.
func (s *siteFake) site(t *testing.T, key string, timeout time.Duration, logs io.Writer) http.Handler {
	t.Helper()
	e, err := Open(t.Context(), Config{URL: s.srv.URL, APIKey: key, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return web.New(web.Options{Engine: e, Logger: slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})), Timeout: timeout}).Handler()
}

// fetch sends a GET through h.
func fetch(h http.Handler, target string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return rec
}

// TestKeyStaysServerSide serves every kind of page, API answer, export and
// error over Meilisearch with a key whose only action is search (the fake
// refuses any other route to it, as Meilisearch does), and checks that the key went to Meilisearch as
// a bearer token on every request, and appears in no response body or
// header and no log line — also when Meilisearch rejects it.
func TestKeyStaysServerSide(t *testing.T) {
	s := newSiteFake(t)
	var logs lockedBuffer
	h := s.site(t, searchKey, 5*time.Second, &logs)
	tests := []struct {
		target string
		status int
	}{
		{"/", 200},
		{"/search?q=border", 200},
		{"/search?q=border&country=France", 200},
		{"/search?q=border&country=France", 200},
		{"/api/search?q=border&topic=trade", 200},
		{"/search.atom?q=border", 200},
		{"/search.csv?q=border", 200},
		{"/doc/a1", 200},
		{"/doc/nope", 404},
		{"/readyz", 200},
		{"/healthz", 200},
		{"/opensearch.xml", 200},
		{"/search?q=fail-filter", 400},
		{"/api/search?q=fail-internal", 503},
		{"/search?q=fail-key", 503},
		{"/search?page=0", 400},
		{"/nope", 404},
	}
	var seen strings.Builder
	for _, tt := range tests {
		r := fetch(h, tt.target)
		if r.Code != tt.status {
			t.Errorf("%s: status %d, want %d\n%.300s", tt.target, r.Code, tt.status, r.Body)
		}
		fmt.Fprintf(&seen, "%s\n%v\n%s\n", tt.target, r.Header(), r.Body)
	}
	// The home page's count is a search too (issue 11, item 1).
	if body := fetch(h, "/").Body.String(); !strings.Contains(body, "1 document") {
		t.Errorf("home page: no document count with a search-only key\n%.500s", body)
	}
	// A server whose key Meilisearch refuses answers 503, and says nothing of the key.
	const wrongKey = "wrong-key-7d1e9c0b"
	wrong := s.site(t, wrongKey, 5*time.Second, &logs)
	for _, target := range []string{"/search?q=border", "/api/search", "/doc/a1", "/readyz"} {
		r := fetch(wrong, target)
		if r.Code != http.StatusServiceUnavailable {
			t.Errorf("wrong key %s: status %d, want 503", target, r.Code)
		}
		fmt.Fprintf(&seen, "%s\n%v\n%s\n", target, r.Header(), r.Body)
	}

	for _, key := range []string{searchKey, wrongKey} {
		if strings.Contains(seen.String(), key) {
			t.Errorf("a response shows the key %q", key)
		}
		if strings.Contains(logs.String(), key) {
			t.Errorf("the logs show the key %q", key)
		}
	}
	if strings.Contains(seen.String(), "Bearer") || strings.Contains(logs.String(), "Bearer") {
		t.Error("a response or a log line mentions the bearer token")
	}
	if !strings.Contains(logs.String(), "invalid_api_key") {
		t.Error("the logs do not say why Meilisearch refused the wrong key (the test would prove nothing)")
	}
	auths := s.authorizations()
	if len(auths) < len(tests) {
		t.Fatalf("Meilisearch saw %d requests, want at least %d", len(auths), len(tests))
	}
	for _, a := range auths {
		if a != "Bearer "+searchKey && a != "Bearer "+wrongKey {
			t.Errorf("Authorization %q, want the configured key as a bearer token", a)
		}
	}
}

// TestEngineFaultsHealByThemselves drives one web server over one engine
// through Meilisearch stopping, hanging and failing, and back: each fault
// is a clear 503 or 504 within a bounded time, the probes say not ready
// but alive, and pages answer again as soon as Meilisearch does, with no
// restart. The hang is deterministic (the fake waits until the request
// is cancelled), so the timeout can be long enough that a healthy answer
// on a loaded machine never meets it (300 ms once turned a healthy stage
// into a 504).
func TestEngineFaultsHealByThemselves(t *testing.T) {
	s := newSiteFake(t)
	const timeout = 2 * time.Second
	var logs lockedBuffer
	h := s.site(t, testKey, timeout, &logs)
	healthy := func(stage string) {
		t.Helper()
		for _, target := range []string{"/search?q=border", "/api/search", "/readyz"} {
			if r := fetch(h, target); r.Code != http.StatusOK {
				t.Fatalf("%s: %s answers %d, want 200", stage, target, r.Code)
			}
		}
	}
	failing := func(stage string, status int, message string) {
		t.Helper()
		for _, target := range []string{"/search?q=border", "/api/search", "/search.atom"} {
			start := time.Now()
			r := fetch(h, target)
			if took := time.Since(start); took > timeout+5*time.Second {
				t.Errorf("%s: %s took %v, want a bounded wait", stage, target, took)
			}
			if r.Code != status {
				t.Errorf("%s: %s answers %d, want %d", stage, target, r.Code, status)
			}
			if !strings.HasPrefix(target, "/api/") && !strings.Contains(r.Body.String(), message) {
				t.Errorf("%s: %s does not say %q", stage, target, message)
			}
			if status == http.StatusServiceUnavailable && r.Header().Get("Retry-After") == "" {
				t.Errorf("%s: %s: 503 without Retry-After", stage, target)
			}
		}
		if r := fetch(h, "/readyz"); r.Code != http.StatusServiceUnavailable {
			t.Errorf("%s: /readyz answers %d, want 503", stage, r.Code)
		}
		if r := fetch(h, "/healthz"); r.Code != http.StatusOK {
			t.Errorf("%s: /healthz answers %d, want 200", stage, r.Code)
		}
	}
	const unavailable, tooLong = "Search is temporarily unavailable", "The search took too long"

	healthy("at first")

	// Stopped: connections are refused.
	addr := s.srv.Listener.Addr().String()
	s.srv.Close()
	failing("stopped", http.StatusServiceUnavailable, unavailable)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s again to restart the fake: %v", addr, err)
	}
	restarted := &http.Server{Handler: s.srv.Config.Handler}
	go restarted.Serve(ln)
	t.Cleanup(func() { restarted.Close() })
	healthy("restarted")

	// Hanging: accepted, never answered.
	s.mode.Store("stall")
	failing("hanging", http.StatusGatewayTimeout, tooLong)
	s.mode.Store("")
	healthy("answering again")

	// Failing: an internal error, then a proxy's 502.
	for _, mode := range []string{"500", "502"} {
		s.mode.Store(mode)
		failing("answering "+mode, http.StatusServiceUnavailable, unavailable)
	}
	s.mode.Store("")
	healthy("recovered")
}
