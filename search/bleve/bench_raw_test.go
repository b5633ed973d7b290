package bleve_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	blevelib "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/accord-search/accord/search"
)

// BenchmarkVersusRaw times our engine against raw Bleve in the same run:
// query by query it alternates raw Bleve — the request of
// shared/bench/blevebench (every word must match in the title, boosted 2,
// or the body; the query's one term filter; top 10; 3 term facets of size
// 10; html highlighting) on that tool's own index of the same corpus —
// and Engine.Search of the same text and filter on ours. Alternating
// keeps a busy machine from favouring either side. It reports both
// sides' percentiles and the ratios of ours to raw.
//
//	/tmp/blevebench -docs /tmp/acc/corpus100k/docs.jsonl -index /tmp/acc/raw100k.bleve -queries /tmp/acc/queries.jsonl
//	ACCORD_BENCH_RAW=/tmp/acc/raw100k.bleve ACCORD_BENCH_INDEX=... ACCORD_BENCH_QUERIES=/tmp/acc/queries.jsonl \\
//	  go test ./search/bleve -run '^$' -bench VersusRaw -benchtime 400x
func BenchmarkVersusRaw(b *testing.B) {
	rawDir := os.Getenv(envRaw)
	if rawDir == "" {
		b.Skipf("set %s to the index shared/bench/blevebench built of the same corpus", envRaw)
	}
	idx := benchIndex(b)
	raw, err := blevelib.Open(rawDir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { raw.Close() })
	bq := benchQueries(b)
	ours := ourQueries(b, bq)
	runRaw := func(i int) {
		if _, err := raw.SearchInContext(b.Context(), rawRequest(bq[i])); err != nil {
			b.Fatal(err)
		}
	}
	runOurs := func(i int) {
		if _, err := idx.Search(b.Context(), ours[i]); err != nil {
			b.Fatal(err)
		}
	}
	for i := range bq { // warm up both
		runRaw(i)
		runOurs(i)
	}
	var rawLat, ourLat []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		k := i % len(bq)
		start := time.Now()
		runRaw(k)
		mid := time.Now()
		runOurs(k)
		rawLat = append(rawLat, mid.Sub(start))
		ourLat = append(ourLat, time.Since(mid))
	}
	slices.Sort(rawLat)
	slices.Sort(ourLat)
	for _, p := range []int{50, 95, 99} {
		r, o := percentile(rawLat, p), percentile(ourLat, p)
		b.ReportMetric(ms(r), fmt.Sprintf("raw-p%d-ms", p))
		b.ReportMetric(ms(o), fmt.Sprintf("ours-p%d-ms", p))
		b.ReportMetric(ms(o)/ms(r), fmt.Sprintf("ratio-p%d", p))
	}
}

// rawRequest is blevebench's makeRequest: the raw-Bleve peer of
// shared/bench, field names and all.
func rawRequest(q benchQuery) *blevelib.SearchRequest {
	var must []query.Query
	for _, w := range strings.Fields(q.Q) {
		t := blevelib.NewMatchQuery(w)
		t.SetField("title")
		t.SetBoost(2)
		bd := blevelib.NewMatchQuery(w)
		bd.SetField("body")
		must = append(must, blevelib.NewDisjunctionQuery(t, bd))
	}
	if q.Filter != nil {
		tq := blevelib.NewTermQuery(q.Filter.Value)
		tq.SetField(q.Filter.Field)
		must = append(must, tq)
	}
	req := blevelib.NewSearchRequestOptions(blevelib.NewConjunctionQuery(must...), 10, 0, false)
	req.Fields = []string{"title", "date", "source"}
	for _, f := range []string{"countries", "officials", "topics"} {
		req.AddFacet(f, blevelib.NewFacetRequest(f, 10))
	}
	req.Highlight = blevelib.NewHighlightWithStyle("html")
	req.Highlight.AddField("title")
	req.Highlight.AddField("body")
	return req
}

// BenchmarkThroughput measures queries per second with 16 concurrent
// searchers (SetParallelism(8) on 2 cores), alternating rounds of raw
// Bleve (as in BenchmarkVersusRaw) and of Engine.Search, 200 queries per
// round, so that a busy machine slows both alike. It reports both rates
// and their ratio.
func BenchmarkThroughput(b *testing.B) {
	rawDir := os.Getenv(envRaw)
	if rawDir == "" {
		b.Skipf("set %s to the index shared/bench/blevebench built of the same corpus", envRaw)
	}
	idx := benchIndex(b)
	raw, err := blevelib.Open(rawDir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { raw.Close() })
	bq := benchQueries(b)
	ours := ourQueries(b, bq)
	const clients, round = 16, 200
	// run sends n queries from 16 goroutines and returns how long it took.
	run := func(n int, search func(i int) error) time.Duration {
		var next atomic.Int64
		var wg sync.WaitGroup
		start := time.Now()
		for range clients {
			wg.Go(func() {
				for {
					i := int(next.Add(1)) - 1
					if i >= n {
						return
					}
					if err := search(i % len(bq)); err != nil {
						b.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
		return time.Since(start)
	}
	rawSearch := func(i int) error {
		_, err := raw.SearchInContext(b.Context(), rawRequest(bq[i]))
		return err
	}
	ourSearch := func(i int) error {
		_, err := idx.Search(b.Context(), ours[i])
		return err
	}
	run(len(bq), rawSearch) // warm up both
	run(len(bq), ourSearch)
	var rawTime, ourTime time.Duration
	queries := 0
	b.ResetTimer()
	for b.Loop() {
		rawTime += run(round, rawSearch)
		ourTime += run(round, ourSearch)
		queries += round
	}
	rawRate := float64(queries) / rawTime.Seconds()
	ourRate := float64(queries) / ourTime.Seconds()
	b.ReportMetric(rawRate, "raw-queries/s")
	b.ReportMetric(ourRate, "ours-queries/s")
	b.ReportMetric(ourRate/rawRate, "ratio")
}

// ourQueries turns benchmark queries into normalized engine queries.
func ourQueries(b *testing.B, bq []benchQuery) []search.Query {
	ours := make([]search.Query, len(bq))
	for i, q := range bq {
		ours[i] = search.Query{Text: q.Q}
		if q.Filter != nil {
			f := map[string]search.Facet{"countries": search.FacetCountry, "officials": search.FacetOfficial, "topics": search.FacetTopic}[q.Filter.Field]
			ours[i].Filters = map[search.Facet][]string{f: {q.Filter.Value}}
		}
		if err := ours[i].Normalize(); err != nil {
			b.Fatal(err)
		}
	}
	return ours
}
