package bleve_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/search/bleve"
)

// The engine benchmarks run on a large index that normal test runs do
// not build:
//
//	go run ./cmd/gencorpus -n 100k -docs /tmp/acc/corpus100k/docs.jsonl -queries /tmp/acc/queries.jsonl
//	ACCORD_BENCH_INDEX=/tmp/acc/bench100k.bleve ACCORD_BENCH_CORPUS=/tmp/acc/corpus100k/docs.jsonl \
//	ACCORD_BENCH_QUERIES=/tmp/acc/queries.jsonl go test ./search/bleve -run '^$' -bench Search -benchtime 400x
//
// ACCORD_BENCH_INDEX is an index directory, or a store root holding
// CURRENT (DATA_DIR/bleve of a server); a missing index is built from
// ACCORD_BENCH_CORPUS (JSON Lines of search.Document, as cmd/gencorpus
// writes). ACCORD_BENCH_QUERIES (cmd/gencorpus -queries) gives the query
// texts; without it a built-in list of DHS words is used.
const (
	envIndex   = "ACCORD_BENCH_INDEX"
	envCorpus  = "ACCORD_BENCH_CORPUS"
	envQueries = "ACCORD_BENCH_QUERIES"
	envRaw     = "ACCORD_BENCH_RAW"
)

// builtinTexts are used when no queries file is given: words every
// cmd/gencorpus corpus (and the real one) holds, from rare to common.
var builtinTexts = []string{"mayorkas", "fentanyl cartels", "border security", "cyber", "arctic icebreakers",
	"migration asylum", "information sharing", "trafficking", "security", "faeser germany"}

// Selections for the facet cases: popular values of cmd/gencorpus
// corpora (and of the real one).
var (
	oneFacet    = map[search.Facet][]string{search.FacetCountry: {"Mexico"}}
	threeFacets = map[search.Facet][]string{
		search.FacetCountry:  {"Mexico"},
		search.FacetOfficial: {"Alejandro Mayorkas"},
		search.FacetTopic:    {"Migration"},
	}
)

// BenchmarkSearch times Engine.Search alone (top 10, highlighting, three
// facet distributions and the year histogram) with 0, 1 and 3 selected
// facets (each selection adds a hits-less search for its disjunctive
// counts), and the empty query that the first page shows.
func BenchmarkSearch(b *testing.B) {
	idx := benchIndex(b)
	texts := benchTexts(b)
	cases := []struct {
		name    string
		texts   []string
		filters map[search.Facet][]string
	}{
		{"facets=0", texts, nil},
		{"facets=1", texts, oneFacet},
		{"facets=3", texts, threeFacets},
		{"browse", []string{""}, nil},
		{"browse/facets=1", []string{""}, oneFacet},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			queries := make([]search.Query, len(c.texts))
			for i, t := range c.texts {
				queries[i] = search.Query{Text: t, Filters: c.filters}
				if err := queries[i].Normalize(); err != nil {
					b.Fatal(err)
				}
			}
			for _, q := range queries { // warm up: one pass, untimed
				if _, err := idx.Search(b.Context(), q); err != nil {
					b.Fatal(err)
				}
			}
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				if _, err := idx.Search(b.Context(), queries[i%len(queries)]); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			reportPercentiles(b, lat)
		})
	}
}

// BenchmarkIndex times Index alone (no reading, cleaning or folding) on
// the first ACCORD_BENCH_INDEX_DOCS (default 20,000) documents of
// ACCORD_BENCH_CORPUS, in calls of 500 documents as cmd/indexer makes
// them, into a fresh index, Close (and so compaction) included. It
// reports docs/s.
func BenchmarkIndex(b *testing.B) {
	corpus := os.Getenv(envCorpus)
	if corpus == "" {
		b.Skipf("set %s to a JSON Lines corpus (cmd/gencorpus) to time indexing", envCorpus)
	}
	n := 20000
	if s := os.Getenv("ACCORD_BENCH_INDEX_DOCS"); s != "" {
		fmt.Sscan(s, &n)
	}
	docs := readDocs(b, corpus, n)
	for b.Loop() {
		b.StopTimer()
		dir := filepath.Join(b.TempDir(), "index")
		idx, err := bleve.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for i := 0; i < len(docs); i += 500 {
			if err := idx.Index(b.Context(), docs[i:min(i+500, len(docs))]); err != nil {
				b.Fatal(err)
			}
		}
		if err := idx.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
}

// readDocs reads up to n documents of a JSON Lines corpus.
func readDocs(b *testing.B, path string, n int) []search.Document {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	var docs []search.Document
	for len(docs) < n && sc.Scan() {
		var d search.Document
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			b.Fatalf("%s: %v", path, err)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	return docs
}

// reportPercentiles adds p50, p95 and p99 latencies in milliseconds.
func reportPercentiles(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	for _, p := range []int{50, 95, 99} {
		b.ReportMetric(ms(percentile(lat, p)), fmt.Sprintf("p%d-ms", p))
	}
}

// percentile is the nearest-rank percentile of sorted latencies.
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := min((p*len(sorted)+99)/100, len(sorted)) - 1
	return sorted[max(i, 0)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// benchIndex opens the index named by ACCORD_BENCH_INDEX, building it
// from ACCORD_BENCH_CORPUS if it does not exist; it skips when unset.
func benchIndex(b *testing.B) *bleve.Index {
	dir := os.Getenv(envIndex)
	if dir == "" {
		b.Skipf("set %s (and %s to build it) to run the engine benchmarks on a large index", envIndex, envCorpus)
	}
	if cur, err := (bleve.Store{Root: dir}).Current(); err == nil && cur != "" {
		dir = cur
	}
	exists := bleve.Exists(dir)
	if !exists && os.Getenv(envCorpus) == "" {
		b.Fatalf("%s=%s holds no index: set %s to a JSON Lines corpus to build it", envIndex, dir, envCorpus)
	}
	// An index that exists is opened read-only, as the server opens it: a
	// read-write open changes the files of a served generation.
	open := bleve.OpenReadOnly
	if !exists {
		open = bleve.Open
	}
	idx, err := open(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { idx.Close() })
	if !exists {
		buildIndex(b, idx, os.Getenv(envCorpus))
	}
	return idx
}

func buildIndex(b *testing.B, idx *bleve.Index, corpus string) {
	f, err := os.Open(corpus)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	start := time.Now()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	var batch []search.Document
	n := 0
	flush := func() {
		if err := idx.Index(b.Context(), batch); err != nil {
			b.Fatal(err)
		}
		n += len(batch)
		batch = batch[:0]
	}
	for sc.Scan() {
		var d search.Document
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			b.Fatalf("%s: %v", corpus, err)
		}
		if batch = append(batch, d); len(batch) == 1000 {
			flush()
		}
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	flush()
	b.Logf("built %s: %d documents in %v", filepath.Base(idx.Dir()), n, time.Since(start).Round(time.Second))
}

// benchQuery is one line of a queries file.
type benchQuery struct {
	Q      string `json:"q"`
	Filter *struct {
		Field string `json:"field"` // countries, officials or topics
		Value string `json:"value"`
	} `json:"filter"`
}

// benchQueries reads ACCORD_BENCH_QUERIES, or makes queries of the
// built-in texts.
func benchQueries(b *testing.B) []benchQuery {
	path := os.Getenv(envQueries)
	if path == "" {
		out := make([]benchQuery, len(builtinTexts))
		for i, t := range builtinTexts {
			out[i].Q = t
		}
		return out
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	var out []benchQuery
	for _, l := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		var q benchQuery
		if err := json.Unmarshal([]byte(l), &q); err != nil {
			b.Fatalf("%s: %v", path, err)
		}
		out = append(out, q)
	}
	return out
}

// benchTexts returns the texts of the benchmark queries.
func benchTexts(b *testing.B) []string {
	var out []string
	for _, q := range benchQueries(b) {
		out = append(out, q.Q)
	}
	return out
}
