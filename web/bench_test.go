package web

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/search/bleve"
)

// The web benchmarks time the path URL → State → Query → Engine.Search →
// view model → page (or JSON), through the real router and middleware,
// with the Accept-Encoding a browser sends (so gzip is included).
//
// By default they run over the fixture index, where the engine costs
// little and the figures are the web layer's. With ACCORD_BENCH_INDEX (an
// index directory, or a store root holding CURRENT) and
// ACCORD_BENCH_QUERIES (cmd/gencorpus -queries) they replay those queries
// on a large index:
//
//	ACCORD_BENCH_INDEX=/tmp/acc/data100k/bleve ACCORD_BENCH_QUERIES=/tmp/acc/queries.jsonl \
//	  go test ./web -run '^$' -bench . -benchtime 400x

// benchURLs are the fixture searches: text, facets, paging, JSON.
var benchURLs = []string{
	"/search?q=mayorkas",
	"/search?q=border+security",
	"/search?q=migration&country=United+States",
	"/search?country=Mexico&topic=Border+security",
	"/search?q=cybersecurity&sort=newest",
}

// BenchmarkSearchPage times a search page and the same search through the
// JSON API, with the real engine. It reports latency percentiles.
func BenchmarkSearchPage(b *testing.B) {
	eng, targets := benchEngine(b)
	h := New(Options{Engine: eng, Logger: quietLogger(), Aliases: testAliases}).Handler()
	for _, kind := range []struct{ name, path string }{{"page", "/search"}, {"api", "/api/search"}} {
		b.Run(kind.name, func(b *testing.B) {
			urls := retarget(targets, kind.path)
			benchHandler(b, h, urls)
		})
	}
}

// BenchmarkSearchRender times the same pages with an engine that answers
// each URL with the result the real engine gave it: the cost of the web
// layer alone (parsing, view model, templates, gzip).
func BenchmarkSearchRender(b *testing.B) {
	eng, targets := benchEngine(b)
	canned := cannedEngine{}
	for _, u := range targets {
		st, err := ParseState(mustQuery(b, u))
		if err != nil {
			b.Fatal(err)
		}
		q := st.Query()
		if err := q.Normalize(); err != nil {
			b.Fatal(err)
		}
		res, err := eng.Search(b.Context(), q)
		if err != nil {
			b.Fatal(err)
		}
		canned[cannedKey(q)] = res
	}
	h := New(Options{Engine: canned, Logger: quietLogger(), Aliases: testAliases}).Handler()
	for _, kind := range []struct{ name, path string }{{"page", "/search"}, {"api", "/api/search"}} {
		b.Run(kind.name, func(b *testing.B) {
			benchHandler(b, h, retarget(targets, kind.path))
		})
	}
}

// benchHandler requests the URLs in turn (one untimed pass first) and
// reports p50, p95 and p99 in milliseconds.
func benchHandler(b *testing.B, h http.Handler, urls []string) {
	serve := func(u string) {
		req := httptest.NewRequest(http.MethodGet, u, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("GET %s: status %d, want 200", u, rec.Code)
		}
	}
	for _, u := range urls {
		serve(u)
	}
	lat := make([]time.Duration, 0, b.N)
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		serve(urls[i%len(urls)])
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	for _, p := range []int{50, 95, 99} {
		i := min((p*len(lat)+99)/100, len(lat)) - 1
		b.ReportMetric(float64(lat[max(i, 0)].Microseconds())/1000, fmt.Sprintf("p%d-ms", p))
	}
}

// benchEngine returns the fixture index and URLs, or the index and
// queries named by ACCORD_BENCH_INDEX and ACCORD_BENCH_QUERIES. URLs are
// canonical, so that /search answers 200 rather than a redirect.
func benchEngine(b *testing.B) (search.Engine, []string) {
	dir := os.Getenv("ACCORD_BENCH_INDEX")
	if dir == "" {
		return newIndex(b), canonical(b, benchURLs)
	}
	if cur, err := (bleve.Store{Root: dir}).Current(); err == nil && cur != "" {
		dir = cur
	}
	// Read-only, as the server opens it: a read-write open changes the
	// files, and the damage check would then rebuild a served generation.
	idx, err := bleve.OpenReadOnly(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { idx.Close() })
	path := os.Getenv("ACCORD_BENCH_QUERIES")
	if path == "" {
		return idx, canonical(b, benchURLs)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	fields := map[string]string{"countries": "country", "officials": "official", "topics": "topic"}
	var urls []string
	for _, l := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		var q struct {
			Q      string `json:"q"`
			Filter *struct{ Field, Value string }
		}
		if err := json.Unmarshal([]byte(l), &q); err != nil {
			b.Fatalf("%s: %v", path, err)
		}
		v := url.Values{"q": {q.Q}}
		if q.Filter != nil {
			v.Set(fields[q.Filter.Field], q.Filter.Value)
		}
		urls = append(urls, "/search?"+v.Encode())
	}
	return idx, canonical(b, urls)
}

// canonical rewrites URLs in their canonical spelling.
func canonical(b *testing.B, urls []string) []string {
	out := make([]string, len(urls))
	for i, u := range urls {
		st, err := ParseState(mustQuery(b, u))
		if err != nil {
			b.Fatalf("%s: %v", u, err)
		}
		out[i] = st.URL("/search")
	}
	return out
}

func mustQuery(b *testing.B, u string) url.Values {
	p, err := url.Parse(u)
	if err != nil {
		b.Fatal(err)
	}
	return p.Query()
}

// retarget points /search URLs at path.
func retarget(urls []string, path string) []string {
	out := make([]string, len(urls))
	for i, u := range urls {
		out[i] = path + strings.TrimPrefix(u, "/search")
	}
	return out
}

// cannedEngine answers each query with a stored result.
type cannedEngine map[string]*search.Result

func cannedKey(q search.Query) string {
	return fmt.Sprintf("%q %v %v %v %s %d %d %d %v", q.Text, q.Filters, q.From, q.To, q.Sort, q.Page, q.PerPage, q.FacetSize, q.NoFacets)
}

func (c cannedEngine) Search(_ context.Context, q search.Query) (*search.Result, error) {
	res, ok := c[cannedKey(q)]
	if !ok {
		return &search.Result{Facets: map[search.Facet][]search.FacetCount{}}, nil
	}
	out := *res
	out.Facets = maps.Clone(res.Facets)
	return &out, nil
}

func (cannedEngine) Index(context.Context, []search.Document) error { return nil }
func (cannedEngine) Delete(context.Context, []string) error         { return nil }
func (cannedEngine) Close() error                                   { return nil }
