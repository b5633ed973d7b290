package meili

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/accord-search/accord/search"
	"github.com/google/go-cmp/cmp"
	"github.com/meilisearch/meilisearch-go"
)

// The contract tests run the Engine against fakeMeili (fake_test.go): they
// check the exact requests we send and how we read Meilisearch's answers,
// including its failures. No Meilisearch server is involved.

// settingsJSON is the exact settings body Setup sends.
const settingsJSON = `{
	"rankingRules": ["sort", "words", "typo", "proximity", "attribute", "exactness"],
	"searchableAttributes": ["title", "body"],
	"displayedAttributes": ["id", "title", "body", "url", "source", "date", "countries", "officials",
		"topics", "organizations", "lang", "path", "also_published", "hash"],
	"filterableAttributes": ["countries", "officials", "topics", "date_ts", "year", "source"],
	"sortableAttributes": ["date_ts"],
	"stopWords": ` + stopWordsJSON + `,
	"typoTolerance": {"enabled": true, "minWordSizeForTypos": {"oneTypo": 5, "twoTypos": 9},
		"disableOnWords": [], "disableOnAttributes": [], "disableOnNumbers": false},
	"pagination": {"maxTotalHits": 1000},
	"faceting": {"maxValuesPerFacet": 100, "sortFacetValuesBy": {"*": "count"}}
}`

func TestSetup(t *testing.T) {
	tests := []struct {
		name    string
		fail    map[int64]string
		wantErr string
	}{
		{name: "new index"},
		{name: "index already exists", fail: map[int64]string{0: taskErrIndexExists}},
		{name: "settings task fails", fail: map[int64]string{1: taskErrNoSpace},
			wantErr: "meili: setup: settings: search engine unavailable: task 1 (settingsUpdate) failed: no_space_left_on_device: No space left on device"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			f.fail = tt.fail
			err := f.engine(Config{}).Setup(t.Context())
			checkErrText(t, err, tt.wantErr)
			want := []call{
				{Method: "POST", Path: "/indexes", Body: decodeJSON(t, `{"uid": "news", "primaryKey": "id"}`)},
				{Method: "GET", Path: "/tasks/0"},
				{Method: "PATCH", Path: "/indexes/news/settings", Body: decodeJSON(t, settingsJSON)},
				{Method: "GET", Path: "/tasks/1"},
			}
			if diff := cmp.Diff(want, f.recorded()); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
		})
	}
}

func TestIndexBatches(t *testing.T) {
	tests := []struct {
		docs, batch int
		wantIDs     [][]string // per POST
	}{
		{docs: 0, batch: 2},
		{docs: 1, batch: 1000, wantIDs: [][]string{{"d0"}}},
		{docs: 4, batch: 2, wantIDs: [][]string{{"d0", "d1"}, {"d2", "d3"}}},
		{docs: 5, batch: 2, wantIDs: [][]string{{"d0", "d1"}, {"d2", "d3"}, {"d4"}}},
		{docs: 3, batch: 5, wantIDs: [][]string{{"d0", "d1", "d2"}}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d docs in batches of %d", tt.docs, tt.batch), func(t *testing.T) {
			f := newFake(t)
			f.processingPolls = 1 // each task is polled twice
			if err := f.engine(Config{BatchSize: tt.batch}).Index(t.Context(), docs(tt.docs)); err != nil {
				t.Fatal(err)
			}
			var want []call
			for i, ids := range tt.wantIDs {
				var body []any
				for _, id := range ids {
					body = append(body, id)
				}
				want = append(want,
					call{Method: "POST", Path: "/indexes/news/documents?primaryKey=id", Body: body},
					call{Method: "GET", Path: fmt.Sprintf("/tasks/%d", i)},
					call{Method: "GET", Path: fmt.Sprintf("/tasks/%d", i)})
			}
			if diff := cmp.Diff(want, idsOnly(f.recorded())); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
		})
	}
}

func TestIndexDocumentBody(t *testing.T) {
	f := newFake(t)
	doc := search.Document{
		ID: "a1", Title: `Talks on "trade"`, Body: "Body.", URL: "https://example.org/a1", Source: "DHS",
		Date: "2024-03-05", Countries: []string{"France"}, Officials: []string{}, Topics: nil,
		Path: "a1.html", Hash: "h1", AlsoPublished: []search.Copy{{Source: "AP", Path: "b.html"}},
	}
	undated := search.Document{ID: "b2", Title: "Undated", Path: "b2.txt"}
	if err := f.engine(Config{}).Index(t.Context(), []search.Document{doc, undated}); err != nil {
		t.Fatal(err)
	}
	want := decodeJSON(t, `[
		{"id": "a1", "title": "Talks on \"trade\"", "body": "Body.", "url": "https://example.org/a1",
		 "source": "DHS", "date": "2024-03-05", "countries": ["France"], "officials": [], "topics": null,
		 "path": "a1.html", "also_published": [{"source": "AP", "path": "b.html"}], "hash": "h1",
		 "date_ts": 1709596800, "year": "2024"},
		{"id": "b2", "title": "Undated", "body": "", "countries": null, "officials": null, "topics": null,
		 "path": "b2.txt"}
	]`)
	if diff := cmp.Diff(want, f.recorded()[0].Body); diff != "" {
		t.Errorf("documents body (-want +got):\n%s", diff)
	}
}

func TestIndexFailedTask(t *testing.T) {
	f := newFake(t)
	f.fail = map[int64]string{1: taskErrNoSpace}
	err := f.engine(Config{BatchSize: 2}).Index(t.Context(), docs(6))
	checkErrText(t, err, "meili: index: documents 3-4 of 6: search engine unavailable: "+
		"task 1 (documentAdditionOrUpdate) failed: no_space_left_on_device: No space left on device")
	if !errors.Is(err, search.ErrUnavailable) {
		t.Errorf("errors.Is(%v, ErrUnavailable) = false", err)
	}
	if got := len(f.recorded()); got != 4 {
		t.Errorf("got %d requests, want 4: no batch after the failed one", got)
	}
}

func TestIndexRejectsBadID(t *testing.T) {
	f := newFake(t)
	d := docs(3)
	d[2].ID = "a/b"
	err := f.engine(Config{}).Index(t.Context(), d)
	checkErrText(t, err, `meili: index: document id "a/b": want 1-511 characters of A-Z a-z 0-9 - _`)
	if got := f.recorded(); len(got) != 0 {
		t.Errorf("sent %v, want nothing", got)
	}
}

func TestDelete(t *testing.T) {
	f := newFake(t)
	err := f.engine(Config{BatchSize: 2}).Delete(t.Context(), []string{"a", "b", "bad id", "c"})
	if err != nil {
		t.Fatal(err)
	}
	want := []call{
		{Method: "POST", Path: "/indexes/news/documents/delete-batch", Body: decodeJSON(t, `["a", "b"]`)},
		{Method: "GET", Path: "/tasks/0"},
		{Method: "POST", Path: "/indexes/news/documents/delete-batch", Body: decodeJSON(t, `["c"]`)},
		{Method: "GET", Path: "/tasks/1"},
	}
	if diff := cmp.Diff(want, f.recorded()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

func TestSearch(t *testing.T) {
	f := newFake(t)
	f.handle("POST /multi-search", reply(http.StatusOK, `{"results": [`+
		pageResult(hitJSON, 1, `{"officials": {"A": 1}, "year": {"2024": 1}}`)+`,`+
		pageResult("", 7, `{"countries": {"France": 1, "Germany": 6}}`)+`]}`))
	q := search.Query{
		Text:    "border",
		Filters: map[search.Facet][]string{search.FacetCountry: {`Côte d'Ivoire`, `The "Hague"`}},
		To:      time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC),
		Sort:    search.SortNewest,
	}
	res, err := f.engine(Config{}).Search(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	want := []call{{Method: "POST", Path: "/multi-search", Body: decodeJSON(t, `{"queries": [
		{"indexUid": "news", "q": "border", "matchingStrategy": "all", "hybrid": null,
		 "page": 1, "hitsPerPage": 10, "sort": ["date_ts:desc"],
		 "filter": [["countries = \"Côte d'Ivoire\"", "countries = \"The \\\"Hague\\\"\""], ["date_ts < 1735689600"]],
		 "facets": ["officials", "topics", "year"],
		 "attributesToHighlight": ["title", "body"], "attributesToCrop": ["body"], "cropLength": 30,
		 "cropMarker": "…", "highlightPreTag": "\ue000", "highlightPostTag": "\ue001", "showRankingScore": true},
		{"indexUid": "news", "q": "border", "matchingStrategy": "all", "hybrid": null,
		 "hitsPerPage": 0, "facets": ["countries"], "filter": [["date_ts < 1735689600"]]}
	]}`)}}
	if diff := cmp.Diff(want, f.recorded()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	wantCountries := []search.FacetCount{
		{Value: "Germany", Count: 6},
		{Value: "France", Count: 1},
		{Value: "Côte d'Ivoire", Selected: true},
		{Value: `The "Hague"`, Selected: true},
	}
	if diff := cmp.Diff(wantCountries, res.Facets[search.FacetCountry]); diff != "" {
		t.Errorf("country counts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]search.Hit{wantHit}, res.Hits); diff != "" {
		t.Errorf("hits (-want +got):\n%s", diff)
	}
	if res.Total != 1 || res.Took <= 0 {
		t.Errorf("got total %d, took %v; want 1 and > 0", res.Total, res.Took)
	}
}

func TestGet(t *testing.T) {
	f := newFake(t)
	f.handle("GET /indexes/news/documents/a1", reply(http.StatusOK,
		`{"id": "a1", "title": "T", "body": "B", "date": "2024-03-05", "countries": ["France"], "path": "a1.html"}`))
	got, err := f.engine(Config{}).Get(t.Context(), "a1")
	if err != nil {
		t.Fatal(err)
	}
	want := &search.Document{ID: "a1", Title: "T", Body: "B", Date: "2024-03-05", Countries: []string{"France"}, Path: "a1.html"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("document (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]call{{Method: "GET", Path: "/indexes/news/documents/a1"}}, f.recorded()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

func TestHashes(t *testing.T) {
	const total = 2500
	f := newFake(t)
	f.handle("POST /indexes/news/documents/fetch", func(w http.ResponseWriter, r *http.Request) {
		calls := f.recorded()
		var q struct{ Offset, Limit int }
		raw, _ := json.Marshal(calls[len(calls)-1].Body)
		json.Unmarshal(raw, &q)
		var docs []string
		for i := q.Offset; i < min(q.Offset+q.Limit, total); i++ {
			docs = append(docs, fmt.Sprintf(`{"id": "d%d", "hash": "h%d"}`, i, i))
		}
		writeJSON(w, http.StatusOK, fmt.Sprintf(`{"results": [%s], "offset": %d, "limit": %d, "total": %d}`,
			strings.Join(docs, ","), q.Offset, q.Limit, total))
	})
	got, err := f.engine(Config{}).Hashes(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != total || got["d0"] != "h0" || got["d2499"] != "h2499" {
		t.Errorf("got %d hashes (d0=%q, d2499=%q), want %d", len(got), got["d0"], got["d2499"], total)
	}
	want := []call{
		{Method: "POST", Path: "/indexes/news/documents/fetch", Body: decodeJSON(t, `{"fields": ["id", "hash"], "limit": 1000}`)},
		{Method: "POST", Path: "/indexes/news/documents/fetch", Body: decodeJSON(t, `{"fields": ["id", "hash"], "limit": 1000, "offset": 1000}`)},
		{Method: "POST", Path: "/indexes/news/documents/fetch", Body: decodeJSON(t, `{"fields": ["id", "hash"], "limit": 1000, "offset": 2000}`)},
	}
	if diff := cmp.Diff(want, f.recorded()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

func TestCount(t *testing.T) {
	f := newFake(t)
	f.handle("GET /indexes/news/stats", reply(http.StatusOK, `{"numberOfDocuments": 42, "rawDocumentDbSize": 8192,
		"avgDocumentSize": 195, "isIndexing": false, "numberOfEmbeddings": 0, "numberOfEmbeddedDocuments": 0,
		"fieldDistribution": {"id": 42, "title": 42, "body": 42}}`))
	n, err := f.engine(Config{}).Count(t.Context())
	if err != nil || n != 42 {
		t.Errorf("Count = %d, %v; want 42, nil", n, err)
	}
}

// errAnyOther stands for an error that matches none of the sentinels.
var errAnyOther = errors.New("any error but a sentinel")

func TestErrors(t *testing.T) {
	ctx := context.Background()
	searchOp := func(e *Engine) error { _, err := e.Search(ctx, search.Query{Text: "x"}); return err }
	getOp := func(id string) func(e *Engine) error {
		return func(e *Engine) error { _, err := e.Get(ctx, id); return err }
	}
	tests := []struct {
		name      string
		cfg       Config
		key       string // overrides the fake's key
		route     string
		handler   http.HandlerFunc
		fail      map[int64]string
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
		{name: "get: not found", route: "GET /indexes/news/documents/nope",
			handler: reply(404, errDocumentNotFound), op: getOp("nope"), want: search.ErrNotFound},
		{name: "get: invalid id is not sent", op: getOp("../stats"), want: search.ErrNotFound, wantCalls: -1},
		{name: "get: missing index", route: "GET /indexes/news/documents/a1",
			handler: reply(404, errIndexNotFound), op: getOp("a1"), want: search.ErrUnavailable},
		{name: "count: missing index is empty", route: "GET /indexes/news/stats",
			handler: reply(404, errIndexNotFound), op: func(e *Engine) error {
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
		{name: "delete: missing index has nothing to delete", fail: map[int64]string{0: `{"message": "Index ` +
			"`news`" + ` not found.", "code": "index_not_found", "type": "invalid_request",
			"link": "https://docs.meilisearch.com/errors#index_not_found"}`},
			op: func(e *Engine) error { return e.Delete(ctx, []string{"a"}) }},
		{name: "index: task never finishes", op: func(e *Engine) error {
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
			f.fail = tt.fail
			if tt.name == "index: task never finishes" {
				f.processingPolls = 1 << 30
			}
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

// docs returns n documents d0…d(n-1); the even ones have a date.
func docs(n int) []search.Document {
	out := make([]search.Document, n)
	for i := range out {
		out[i] = search.Document{ID: fmt.Sprintf("d%d", i), Title: fmt.Sprintf("Title %d", i), Path: "p"}
		if i%2 == 0 {
			out[i].Date = "2024-03-05"
		}
	}
	return out
}

// idsOnly replaces document bodies by their ids and checks on the way that
// every document has date_ts and year exactly when it has a date.
func idsOnly(calls []call) []call {
	out := append([]call(nil), calls...)
	for i, c := range out {
		docs, ok := c.Body.([]any)
		if !ok {
			continue
		}
		ids := make([]any, len(docs))
		for j, d := range docs {
			m := d.(map[string]any)
			_, hasDate := m["date"]
			_, hasTS := m[attrDateTS]
			_, hasYear := m[attrYear]
			ids[j] = m["id"]
			if hasDate != hasTS || hasDate != hasYear {
				ids[j] = fmt.Sprintf("%v: date %v, date_ts %v, year %v", m["id"], hasDate, hasTS, hasYear)
			}
		}
		out[i].Body = ids
	}
	return out
}

// checkSentinel checks that err matches want (see TestErrors).
func checkSentinel(t *testing.T, err, want error) {
	t.Helper()
	switch {
	case want == nil:
		if err != nil {
			t.Errorf("got error %v, want none", err)
		}
	case want == errAnyOther:
		for _, s := range []error{search.ErrUnavailable, search.ErrTimeout, search.ErrBadQuery, search.ErrNotFound} {
			if errors.Is(err, s) {
				t.Errorf("got %v, want an error that is not %v", err, s)
			}
		}
		if err == nil {
			t.Error("got no error")
		}
	case !errors.Is(err, want):
		t.Errorf("got error %v, want one matching %v", err, want)
	}
}

// checkErrText checks err's text; want "" means no error.
func checkErrText(t *testing.T, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("got error %v, want none", err)
	case want != "" && (err == nil || err.Error() != want):
		t.Errorf("got error %v\nwant %s", err, want)
	}
}
