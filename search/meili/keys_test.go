package meili

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/search/metered"
)

// TestFakeKeyActions checks the fake's reading of key actions against the
// routes and actions of Meilisearch v1.24's own authorization test
// (crates/meilisearch/tests/auth/authorization.rs, AUTHORIZATIONS): each
// route needs its action, its group's wildcard or "*".
func TestFakeKeyActions(t *testing.T) {
	for _, tt := range []struct{ method, path, action string }{
		{"POST", "/multi-search", "search"},
		{"POST", "/indexes/products/search", "search"},
		{"GET", "/indexes/products/search", "search"},
		{"POST", "/indexes/products/documents", "documents.add"},
		{"GET", "/indexes/products/documents", "documents.get"},
		{"POST", "/indexes/products/documents/fetch", "documents.get"},
		{"GET", "/indexes/products/documents/0", "documents.get"},
		{"DELETE", "/indexes/products/documents/0", "documents.delete"},
		{"POST", "/indexes/products/documents/delete-batch", "documents.delete"},
		{"POST", "/indexes/products/documents/delete", "documents.delete"},
		{"GET", "/tasks", "tasks.get"},
		{"DELETE", "/tasks", "tasks.delete"},
		{"GET", "/tasks/0", "tasks.get"},
		{"PATCH", "/indexes/products/", "indexes.update"},
		{"GET", "/indexes/products/", "indexes.get"},
		{"DELETE", "/indexes/products/", "indexes.delete"},
		{"POST", "/indexes", "indexes.create"},
		{"GET", "/indexes", "indexes.get"},
		{"POST", "/swap-indexes", "indexes.swap"},
		{"GET", "/indexes/products/settings", "settings.get"},
		{"GET", "/indexes/products/settings/stop-words", "settings.get"},
		{"PATCH", "/indexes/products/settings", "settings.update"},
		{"PUT", "/indexes/products/settings/stop-words", "settings.update"},
		{"DELETE", "/indexes/products/settings", "settings.update"},
		{"GET", "/indexes/products/stats", "stats.get"},
		{"GET", "/stats", "stats.get"},
		{"GET", "/version", "version"},
		{"GET", "/metrics", "metrics.get"},
		{"POST", "/keys", "keys.create"},
		{"GET", "/health", ""},
	} {
		if got := requiredAction(tt.method, tt.path); got != tt.action {
			t.Errorf("%s %s: action %q, want %q", tt.method, tt.path, got, tt.action)
		}
		if tt.action == "" {
			continue
		}
		group, _, _ := strings.Cut(tt.action, ".")
		for _, actions := range [][]string{{tt.action}, {group + ".*"}, {"*"}} {
			if !allows(actions, tt.action) {
				t.Errorf("%s %s: a key with %v is refused", tt.method, tt.path, actions)
			}
		}
		if other := "tasks.cancel"; tt.action != other && allows([]string{other}, tt.action) {
			t.Errorf("%s %s: a key with only %s is allowed", tt.method, tt.path, other)
		}
	}
}

// TestSearchKey: with a key whose only action is search, every read the
// web server makes works (search, document, count, the engine-up gauge),
// and writes are refused with Meilisearch's 403 invalid_api_key, which the
// engine reports as unavailable (issue 11, item 1).
func TestSearchKey(t *testing.T) {
	s := newSiteFake(t)
	s.handle("GET /health", reply(http.StatusOK, `{"status": "available"}`))
	e := s.engine(Config{APIKey: searchKey})
	ctx := t.Context()
	if _, err := e.Search(ctx, search.Query{Text: "border"}); err != nil {
		t.Errorf("Search: %v", err)
	}
	if d, err := e.Get(ctx, "a1"); err != nil || d.ID != "a1" {
		t.Errorf("Get: %v, %v", d, err)
	}
	if n, err := e.Count(ctx); err != nil || n != 1 {
		t.Errorf("Count: %d, %v", n, err)
	}
	if err := e.Ping(ctx); err != nil {
		t.Errorf("Ping: %v", err)
	}
	reg := prometheus.NewRegistry()
	if _, err := metered.New(e, reg); err != nil {
		t.Fatal(err)
	}
	mf, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	up := -1.0
	for _, m := range mf {
		if m.GetName() == "accord_engine_up" {
			up = m.GetMetric()[0].GetGauge().GetValue()
		}
	}
	if up != 1 {
		t.Errorf("accord_engine_up = %v with a search-only key, want 1", up)
	}
	for name, op := range map[string]func() error{
		"Setup":  func() error { return e.Setup(ctx) },
		"Index":  func() error { return e.Index(ctx, docs(1)) },
		"Delete": func() error { return e.Delete(ctx, []string{"a1"}) },
		"Hashes": func() error { _, err := e.Hashes(ctx); return err },
	} {
		err := op()
		if !errors.Is(err, search.ErrUnavailable) || apiCode(err) != "invalid_api_key" {
			t.Errorf("%s with a search-only key: got %v, want 403 invalid_api_key as ErrUnavailable", name, err)
		}
	}
}

// TestIndexerKey: the indexer's key, with the actions README lists, can do
// everything the indexer does.
func TestIndexerKey(t *testing.T) {
	f := newFake(t)
	f.handle("POST /indexes/news/documents/fetch", reply(http.StatusOK, `{"results": [], "offset": 0, "limit": 1000, "total": 0}`))
	f.handle("POST /multi-search", reply(http.StatusOK, `{"results": [`+pageResult("", 0, `{}`)+`,`+pageResult("", 0, `{}`)+`]}`))
	e := f.engine(Config{APIKey: indexerKey})
	ctx := t.Context()
	if err := e.Setup(ctx); err != nil {
		t.Errorf("Setup: %v", err)
	}
	if _, err := e.Hashes(ctx); err != nil {
		t.Errorf("Hashes: %v", err)
	}
	if err := e.Index(ctx, docs(3)); err != nil {
		t.Errorf("Index: %v", err)
	}
	if err := e.Delete(ctx, []string{"d1"}); err != nil {
		t.Errorf("Delete: %v", err)
	}
	if _, err := e.Count(ctx); err != nil {
		t.Errorf("Count: %v", err)
	}
}
