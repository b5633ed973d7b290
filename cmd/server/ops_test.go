package main

import (
	"strings"
	"testing"
	"time"
)

const (
	adminKey  = "admin-key-3b9f6c2e0d14a7"
	searchKey = "search-key-c81d4e5f9a2b60"
)

// TestMeiliDownAtStartup starts the server while Meilisearch is down: it
// serves anyway, /healthz is 200, /readyz and the pages 503 with a clear
// message; once Meilisearch answers, everything recovers with no restart.
// Throughout, Meilisearch gets the search key, and neither key shows in a
// response or a log line. /metrics is served on its own address only.
func TestMeiliDownAtStartup(t *testing.T) {
	m := newMeiliStandIn(t)
	t.Setenv("MEILI_URL", m.url())
	t.Setenv("MEILI_API_KEY", adminKey)
	t.Setenv("MEILI_SEARCH_KEY", searchKey)
	s := startServer(t, "-addr", "127.0.0.1:0", "-timeout", "2s", "-metrics-addr", "127.0.0.1:0")
	var seen strings.Builder
	check := func(path string, status int, text string) {
		t.Helper()
		r := fetch(t, s.base+path)
		if r.status != status || !strings.Contains(r.body, text) {
			t.Errorf("%s: got %d, want %d with %q:\n%.300s", path, r.status, status, text, r.body)
		}
		seen.WriteString(r.body)
		for k, v := range r.header {
			seen.WriteString(k + ": " + strings.Join(v, ",") + "\n")
		}
	}

	check("/healthz", 200, "ok")
	check("/readyz", 503, "not ready")
	check("/search?q=border", 503, "Search is temporarily unavailable")
	check("/api/search?q=border", 503, `"status":503`)
	check("/doc/a1", 503, "Search is temporarily unavailable")
	check("/metrics", 404, "")
	if got := fetch(t, s.metrics+"/metrics").body; !strings.Contains(got, "accord_engine_up 0") {
		t.Errorf("metrics while Meilisearch is down lack accord_engine_up 0:\n%s", got)
	}

	m.start(t)
	deadline := time.Now().Add(60 * time.Second) // generous: the time to recover is not under test
	for fetch(t, s.base+"/readyz").status != 200 {
		if time.Now().After(deadline) {
			t.Fatal("/readyz did not recover after Meilisearch came up")
		}
		time.Sleep(100 * time.Millisecond)
	}
	check("/search?q=border", 200, "No results")
	check("/api/search?q=border", 200, `"total":0`)
	check("/", 200, "Accord")

	metrics := fetch(t, s.metrics+"/metrics").body
	for _, want := range []string{
		"accord_engine_up 1",
		"accord_index_documents 0",
		`accord_http_request_duration_seconds_count{code="503",method="GET",route="/search"} 1`,
		`accord_http_request_duration_seconds_count{code="200",method="GET",route="/search"} 1`,
		`accord_engine_request_duration_seconds_count{op="search",outcome="unavailable"}`,
		`accord_engine_request_duration_seconds_count{op="search",outcome="ok"}`,
		"go_goroutines", "process_resident_memory_bytes",
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	if err := s.stop(t); err != nil {
		t.Errorf("shutdown: %v", err)
	}
	auths := m.authorizations()
	if len(auths) == 0 {
		t.Fatal("Meilisearch saw no request")
	}
	for _, a := range auths {
		if a != "Bearer "+searchKey {
			t.Errorf("Authorization %q, want the search key", a)
		}
	}
	for _, key := range []string{adminKey, searchKey} {
		if strings.Contains(seen.String()+metrics, key) {
			t.Errorf("a response shows the key %q", key)
		}
		if strings.Contains(s.logs.String(), key) {
			t.Errorf("the logs show the key %q", key)
		}
	}
	for _, l := range logLines(t, s.logs.String()) {
		if l["msg"] == "request" && (l["request_id"] == "" || l["latency"] == nil) {
			t.Errorf("request log line without request_id or latency: %v", l)
		}
	}
}

// TestServerFallsBackToTheAPIKey checks the fallback when only
// MEILI_API_KEY is set: the server uses it and warns.
func TestServerFallsBackToTheAPIKey(t *testing.T) {
	m := newMeiliStandIn(t)
	m.start(t)
	t.Setenv("MEILI_URL", m.url())
	t.Setenv("MEILI_API_KEY", adminKey)
	t.Setenv("MEILI_SEARCH_KEY", "")
	s := startServer(t, "-addr", "127.0.0.1:0")
	if r := fetch(t, s.base+"/search?q=border"); r.status != 200 {
		t.Fatalf("status %d", r.status)
	}
	s.stop(t)
	if a := m.authorizations(); len(a) == 0 || a[len(a)-1] != "Bearer "+adminKey {
		t.Errorf("Authorization %q, want the API key", a)
	}
	logs := s.logs.String()
	if !strings.Contains(logs, "MEILI_SEARCH_KEY is unset") {
		t.Errorf("no warning about the missing search key:\n%s", logs)
	}
	if strings.Contains(logs, adminKey) {
		t.Error("the logs show the key")
	}
}
