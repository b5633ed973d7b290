package indexer_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accord-search/accord/indexer"
	"github.com/accord-search/accord/search/bleve"
)

// benchCorpus writes n JSON Lines documents of about 3 KB with facets given.
func benchCorpus(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	r := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("border security migration cooperation minister secretary partners cyber " +
		"trafficking fentanyl cartels arctic icebreakers maritime information sharing customs travel " +
		"agreement delegation ministerial counterterrorism extremism infrastructure resilience")
	f, err := os.Create(filepath.Join(dir, "bench.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	enc := json.NewEncoder(f)
	for i := 0; i < n; i++ {
		var body strings.Builder
		for body.Len() < 3000 {
			body.WriteString(words[r.IntN(len(words))])
			body.WriteByte(' ')
		}
		enc.Encode(map[string]any{
			"title": fmt.Sprintf("Release %d on %s", i, words[r.IntN(len(words))]), "body": body.String(),
			"date": fmt.Sprintf("20%02d-%02d-01", 5+r.IntN(20), 1+r.IntN(12)), "source": "Bench",
			"countries": []string{"Mexico", "Canada"}[:1+r.IntN(2)], "officials": []string{"Alejandro Mayorkas"},
			"topics": []string{"Border security"}, "organizations": []string{},
		})
	}
	f.Close()
	return dir
}

// BenchmarkIndexBleve measures end-to-end indexing (read, fold
// duplicates, send) of JSON Lines documents into an on-disk Bleve index.
// It reports docs/s.
func BenchmarkIndexBleve(b *testing.B) {
	const n = 5000
	corpus := benchCorpus(b, n)
	bld := newBuilder(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		idx, err := bleve.Open(filepath.Join(b.TempDir(), "idx"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := indexer.Run(b.Context(), bld, idx, indexer.Options{Root: corpus, BatchSize: 1000}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		idx.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "docs/s")
}
