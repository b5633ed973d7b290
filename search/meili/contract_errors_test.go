package meili

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/accord-search/accord/search"
	"github.com/meilisearch/meilisearch-go"
)

// errAnyOther stands for an error that matches none of the sentinels.
var errAnyOther = errors.New("any error but a sentinel")

func TestErrors(t *testing.T) {
	ctx := t.Context()
	searchOp := func(e *Engine) error { _, err := e.Search(ctx, search.Query{Text: "x"}); return err }
	getOp := func(id string) func(e *Engine) error {
		return func(e *Engine) error { _, err := e.Get(ctx, id); return err }
	}
	tests := []struct {
		name      string
		cfg       Config
		key       string // overrides the test key; "-" sends none
		route     string
		handler   http.HandlerFunc
		fail      map[int64]string
		polls     int // the fake's processingPolls
		op        func(e *Engine) error
		want      error // a sentinel, errAnyOther, or nil
		wantCalls int   // 0: not checked
	}{
		{name: "search: filter rejected", route: "POST /multi-search",
			handler: reply(400, errInvalidFilter), op: searchOp, want: search.ErrBadQuery},
		{name: "search: missing index", route: "POST /multi-search",
			handler: reply(400, errMultiIndexNotFound), op: searchOp, want: search.ErrUnavailable},
		{name: "search: internal error", route: "POST /multi-search",
			handler: reply(500, errInternal), op: searchOp, want: search.ErrUnavailable},
		{name: "search: 503 from a proxy, not retried", route: "POST /multi-search",
			handler: reply(503, `<html>Service Unavailable</html>`), op: searchOp, want: search.ErrUnavailable, wantCalls: 1},
		{name: "search: 502 from a proxy", route: "POST /multi-search",
			handler: reply(502, `Bad Gateway`), op: searchOp, want: search.ErrUnavailable, wantCalls: 1},
		{name: "search: wrong key", key: "wrong", op: searchOp, want: search.ErrUnavailable},
		{name: "search: no key", key: "-", op: searchOp, want: search.ErrUnavailable},
		{name: "search: answer is not JSON", route: "POST /multi-search",
			handler: reply(200, `{"results": [`), op: searchOp, want: errAnyOther},
		{name: "search: slow server", cfg: Config{Timeout: 100 * time.Millisecond},
			route: "POST /multi-search", handler: stall, op: searchOp, want: search.ErrTimeout},
		{name: "search: context deadline", route: "POST /multi-search", handler: stall,
			op: func(e *Engine) error {
				ctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
				defer cancel()
				_, err := e.Search(ctx, search.Query{})
				return err
			}, want: search.ErrTimeout},
		{name: "search: canceled by the caller", route: "POST /multi-search", handler: stall,
			op: func(e *Engine) error {
				ctx, cancel := context.WithCancel(ctx)
				time.AfterFunc(50*time.Millisecond, cancel)
				_, err := e.Search(ctx, search.Query{})
				return err
			}, want: context.Canceled},
		{name: "get: not found", route: "POST /indexes/news/search",
			handler: reply(200, searchOneResult("")), op: getOp("nope"), want: search.ErrNotFound},
		{name: "get: invalid id is not sent", op: getOp("../stats"), want: search.ErrNotFound, wantCalls: -1},
		{name: "get: id not filterable yet (settings of an older version)", route: "POST /indexes/news/search",
			handler: reply(400, errInvalidFilter), op: getOp("a1"), want: search.ErrUnavailable},
		{name: "get: missing index", route: "POST /indexes/news/search",
			handler: reply(404, errIndexNotFound), op: getOp("a1"), want: search.ErrUnavailable},
		{name: "count: missing index is empty", route: "POST /multi-search",
			handler: reply(400, errMultiIndexNotFound), op: func(e *Engine) error {
				n, err := e.Count(ctx)
				if n != 0 {
					return fmt.Errorf("count %d", n)
				}
				return err
			}},
		{name: "hashes: missing index is empty", route: "POST /indexes/news/documents/fetch",
			handler: reply(404, errIndexNotFound), op: func(e *Engine) error {
				h, err := e.Hashes(ctx)
				if len(h) != 0 {
					return fmt.Errorf("hashes %v", h)
				}
				return err
			}},
		{name: "delete: missing index has nothing to delete", fail: map[int64]string{0: errIndexNotFound},
			op: func(e *Engine) error { return e.Delete(ctx, []string{"a"}) }},
		{name: "index: task never finishes", polls: 1 << 30, op: func(e *Engine) error {
			ctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
			defer cancel()
			return e.Index(ctx, docs(1))
		}, want: search.ErrTimeout},
		{name: "index: internal error", route: "POST /indexes/news/documents",
			handler: reply(500, errInternal), op: func(e *Engine) error { return e.Index(ctx, docs(1)) },
			want: search.ErrUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			f.fail, f.processingPolls = tt.fail, tt.polls
			if tt.route != "" {
				f.handle(tt.route, tt.handler)
			}
			cfg := tt.cfg
			cfg.URL, cfg.APIKey = f.srv.URL, testKey
			switch tt.key {
			case "-":
				cfg.APIKey = ""
			case "":
			default:
				cfg.APIKey = tt.key
			}
			e, err := Open(t.Context(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer e.Close()
			err = tt.op(e)
			checkSentinel(t, err, tt.want)
			if err != nil && !strings.HasPrefix(err.Error(), "meili: ") {
				t.Errorf("error %q lacks the meili: prefix", err)
			}
			switch n := len(f.recorded()); {
			case tt.wantCalls > 0 && n != tt.wantCalls:
				t.Errorf("got %d requests, want %d", n, tt.wantCalls)
			case tt.wantCalls < 0 && n != 0:
				t.Errorf("got %d requests, want none", n)
			}
		})
	}
}

// TestAPIErrorDetails checks that the server's code and message reach the
// caller, and the SDK error stays reachable with errors.As.
func TestAPIErrorDetails(t *testing.T) {
	f := newFake(t)
	f.handle("POST /multi-search", reply(400, errInvalidFilter))
	_, err := f.engine(Config{}).Search(t.Context(), search.Query{Text: "x"})
	var me *meilisearch.Error
	if !errors.As(err, &me) {
		t.Fatalf("errors.As(%v, *meilisearch.Error) = false", err)
	}
	if me.MeilisearchApiError.Code != "invalid_search_filter" || me.StatusCode != 400 {
		t.Errorf("got code %q, status %d; want invalid_search_filter, 400", me.MeilisearchApiError.Code, me.StatusCode)
	}
	for _, part := range []string{"meili: search: bad query: ", "invalid_search_filter", "is not filterable"} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("error %q does not contain %q", err, part)
		}
	}
}

// TestStoppedServer checks every call against a port nobody listens on.
// Open itself must succeed: the web server starts while the engine is down.
func TestStoppedServer(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	e, err := Open(t.Context(), Config{URL: url, APIKey: testKey})
	if err != nil {
		t.Fatalf("Open with the server down: %v", err)
	}
	defer e.Close()
	ctx := t.Context()
	ops := map[string]func() error{
		"ping":   func() error { return e.Ping(ctx) },
		"setup":  func() error { return e.Setup(ctx) },
		"index":  func() error { return e.Index(ctx, docs(1)) },
		"delete": func() error { return e.Delete(ctx, []string{"a"}) },
		"search": func() error { _, err := e.Search(ctx, search.Query{}); return err },
		"get":    func() error { _, err := e.Get(ctx, "a"); return err },
		"hashes": func() error { _, err := e.Hashes(ctx); return err },
		"count":  func() error { _, err := e.Count(ctx); return err },
	}
	for name, op := range ops {
		t.Run(name, func(t *testing.T) {
			checkSentinel(t, op(), search.ErrUnavailable)
		})
	}
}

func TestPing(t *testing.T) {
	f := newFake(t)
	f.handle("GET /health", reply(200, `{"status": "available"}`))
	if err := f.engine(Config{}).Ping(t.Context()); err != nil {
		t.Errorf("Ping: %v", err)
	}
}

func TestOpen(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		wantErr bool
	}{
		{"defaults", Config{URL: "http://localhost:7700"}, false},
		{"trailing slash", Config{URL: "https://meili.example.org/"}, false},
		{"no scheme", Config{URL: "localhost:7700"}, true},
		{"empty URL", Config{}, true},
		{"bad index", Config{URL: "http://localhost:7700", Index: "news/../keys"}, true},
		{"negative batch", Config{URL: "http://localhost:7700", BatchSize: -1}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Open(t.Context(), tt.cfg)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Open: got error %v, want error: %v", err, tt.wantErr)
			}
			if err == nil {
				if e.uid != DefaultIndex || e.batchSize != DefaultBatchSize {
					t.Errorf("got index %q, batch %d; want the defaults", e.uid, e.batchSize)
				}
				e.Close()
			}
		})
	}
}
