package main

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/accord-search/accord/cmd/internal/relevance"
)

// Relevance floors on the dev pages and seeds, set a little under the
// figures measured when they were chosen (docs/RELEVANCE.md): overall, on
// the 15 given queries and on ours (cmd/internal/relevance/testdata). The
// same ranking is scored on pages and queries we do not have: rules, not
// cases. maxEmpty is how many judged queries may return nothing although a
// relevant page exists.
const (
	floorNDCG      = 0.86
	floorRecall    = 0.84
	floorMRR       = 0.93
	floorGivenNDCG = 0.90
	floorOursNDCG  = 0.85
	maxEmpty       = 0
)

// facetParam maps a judged query's filter names to URL parameters.
var facetParam = map[string]string{"countries": "country", "officials": "official", "topics": "topic"}

// TestRelevance serves the real pages of ../shared/corpus through the real
// server (indexer pipeline, Bleve index, web entity mapping) and scores the
// judged queries through /api/search as ../shared/tools/score_relevance.py
// does: nDCG@10, recall@10 and MRR, overall and per query class, and the
// same with match=all and match=frequency for comparison. It logs a
// plain BM25 ranking over the raw page text (all words required) beside it.
func TestRelevance(t *testing.T) {
	corpus := sharedCorpus(t)
	t.Setenv("MEILI_URL", "")
	given, err := relevance.Load(filepath.Join(corpus, "dev", "queries.jsonl"), "given")
	if err != nil {
		t.Fatal(err)
	}
	ours, err := relevance.Load(filepath.Join("..", "internal", "relevance", "testdata", "queries.jsonl"), "")
	if err != nil {
		t.Fatal(err)
	}
	labels := []string{filepath.Join(corpus, "dev", "labels.jsonl"), filepath.Join(corpus, "seeds", "labels.jsonl")}
	canon, err := relevance.LoadCanon(labels...)
	if err != nil {
		t.Fatal(err)
	}
	queries := append(given, ours...)

	s := startServer(t, "-addr", "127.0.0.1:0", "-data", t.TempDir(), "-corpus", corpus)
	var got, given0, ours0, base, baseF, strict, freq relevance.Report
	raw := rawIndex(t, corpus, labels)
	var empty []string
	for i, q := range queries {
		ids := apiRanking(t, s.base, q)
		sc := canon.Judge(q, ids, 10)
		got.Add(q.Class, sc)
		if i < len(given) {
			given0.Add(q.Class, sc)
		} else {
			ours0.Add(q.Class, sc)
		}
		if len(ids) == 0 {
			empty = append(empty, q.Q)
		}
		if testing.Verbose() {
			t.Logf("%.3f %.3f %.3f %-13s %q %v -> %v", sc.NDCG, sc.Recall, sc.RR, q.Class, q.Q, nonEmpty(q.Filters), ids)
		}
		strict.Add(q.Class, canon.Judge(q, apiRanking(t, s.base, q, "match", "all"), 10))
		freq.Add(q.Class, canon.Judge(q, apiRanking(t, s.base, q, "match", "frequency"), 10))
		base.Add(q.Class, canon.Judge(q, raw.rank(t, q, false), 10))
		baseF.Add(q.Class, canon.Judge(q, raw.rank(t, q, true), 10))
	}
	g, _ := given0.Mean(relevance.All)
	o, _ := ours0.Mean(relevance.All)
	t.Logf("Accord (%d queries: %d given, nDCG@10 %.3f; %d ours, nDCG@10 %.3f):\n%s", len(queries), len(given), g.NDCG, len(ours), o.NDCG, &got)
	t.Logf("the same with match=all (every word required):\n%s", &strict)
	t.Logf("the same with match=frequency:\n%s", &freq)
	t.Logf("baseline: BM25 over the raw page text, all words required, no filters:\n%s", &base)
	t.Logf("baseline: the same with the labels' facet values as filters:\n%s", &baseF)
	if len(empty) > maxEmpty {
		t.Errorf("%d judged queries return nothing while a relevant page exists (at most %d): %q", len(empty), maxEmpty, empty)
	} else if len(empty) > 0 {
		t.Logf("%d judged queries return nothing: %q", len(empty), empty)
	}
	all, _ := got.Mean(relevance.All)
	if all.NDCG < floorNDCG || all.Recall < floorRecall || all.RR < floorMRR {
		t.Errorf("nDCG@10 %.3f, recall@10 %.3f, MRR %.3f: below the floors %.2f, %.2f, %.2f",
			all.NDCG, all.Recall, all.RR, floorNDCG, floorRecall, floorMRR)
	}
	if m, _ := given0.Mean(relevance.All); m.NDCG < floorGivenNDCG {
		t.Errorf("given queries: nDCG@10 %.3f, below %.2f", m.NDCG, floorGivenNDCG)
	}
	if m, _ := ours0.Mean(relevance.All); m.NDCG < floorOursNDCG {
		t.Errorf("our queries: nDCG@10 %.3f, below %.2f", m.NDCG, floorOursNDCG)
	}
}

func nonEmpty(f map[string][]string) map[string][]string {
	out := map[string][]string{}
	for k, v := range f {
		if len(v) > 0 {
			out[k] = v
		}
	}
	return out
}

// apiRanking asks the server for the first page of q and returns the hits'
// page ids (file stems), best first.
func apiRanking(t *testing.T, base string, q relevance.Query, extra ...string) []string {
	t.Helper()
	v := url.Values{"q": {q.Q}, "per_page": {"10"}}
	for i := 0; i+1 < len(extra); i += 2 {
		v.Set(extra[i], extra[i+1])
	}
	for f, vals := range q.Filters {
		for _, x := range vals {
			v.Add(facetParam[f], x)
		}
	}
	resp, err := http.Get(base + "/api/search?" + v.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r struct {
		Hits []struct {
			Path string `json:"path"`
		} `json:"hits"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/search?%s: status %d, %v", v.Encode(), resp.StatusCode, err)
	}
	ids := make([]string, len(r.Hits))
	for i, h := range r.Hits {
		ids[i] = strings.TrimSuffix(filepath.Base(h.Path), filepath.Ext(h.Path))
	}
	return ids
}

// rawBM25 is the baseline: the raw page files (navigation and all) in an
// in-memory Bleve index with BM25 scoring and English analysis, with the
// labels' facet values for the filtered variant.
type rawBM25 struct{ idx bleve.Index }

func rawIndex(t *testing.T, corpus string, labels []string) rawBM25 {
	t.Helper()
	m := bleve.NewIndexMapping()
	m.ScoringModel = "bm25"
	doc := bleve.NewDocumentMapping()
	text := bleve.NewTextFieldMapping()
	text.Analyzer = "en"
	doc.AddFieldMappingsAt("text", text)
	for _, f := range []string{"countries", "officials", "topics"} {
		kw := bleve.NewKeywordFieldMapping()
		doc.AddFieldMappingsAt(f, kw)
	}
	m.DefaultMapping = doc
	m.DefaultAnalyzer = "en"
	idx, err := bleve.NewMemOnly(m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	facets := map[string]map[string][]string{}
	for _, p := range labels {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for line := range strings.SplitSeq(string(data), "\n") {
			var l struct {
				ID                           string
				Countries, Officials, Topics []string
			}
			if json.Unmarshal([]byte(line), &l) == nil && l.ID != "" {
				facets[l.ID] = map[string][]string{"countries": l.Countries, "officials": l.Officials, "topics": l.Topics}
			}
		}
	}
	b := idx.NewBatch()
	for _, dir := range []string{"dev", "seeds"} {
		files, _ := filepath.Glob(filepath.Join(corpus, dir, "*.txt"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			id := strings.TrimSuffix(filepath.Base(f), ".txt")
			d := map[string]any{"text": string(data)}
			for k, v := range facets[id] {
				d[k] = v
			}
			if err := b.Index(id, d); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	return rawBM25{idx}
}

func (r rawBM25) rank(t *testing.T, q relevance.Query, filtered bool) []string {
	t.Helper()
	mq := bleve.NewMatchQuery(q.Q)
	mq.SetField("text")
	mq.SetOperator(bquery.MatchQueryOperatorAnd)
	parts := []bquery.Query{mq}
	if filtered {
		for f, vals := range q.Filters {
			if len(vals) == 0 {
				continue
			}
			var or []bquery.Query
			for _, v := range vals {
				tq := bleve.NewTermQuery(v)
				tq.SetField(f)
				or = append(or, tq)
			}
			parts = append(parts, bleve.NewDisjunctionQuery(or...))
		}
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(parts...), 10, 0, false)
	res, err := r.idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids
}
