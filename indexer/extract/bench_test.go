package extract_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accord-search/accord/indexer/clean"
	"github.com/accord-search/accord/indexer/extract"
)

// BenchmarkCleanExtract measures the per-document cost of the two indexer
// stages together on a synthetic ~3 KB press release, and on the shared
// corpus pages when they are present.
func BenchmarkCleanExtract(b *testing.B) {
	x, err := extract.Load()
	if err != nil {
		b.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join("testdata", "bench_article.txt"))
	if err != nil {
		b.Fatal(err)
	}
	run := func(b *testing.B, docs []string) {
		size := 0
		for _, d := range docs {
			size += len(d)
		}
		b.SetBytes(int64(size / len(docs)))
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			a := clean.Text(docs[i%len(docs)])
			_ = x.Extract(a.Title, a.Body)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	}
	b.Run("synthetic3KB", func(b *testing.B) { run(b, []string{string(raw)}) })
	pages, _ := filepath.Glob(filepath.Join(sharedDir(), "corpus", "*", "*.txt"))
	if len(pages) == 0 {
		return
	}
	var docs []string
	for _, p := range pages {
		if raw, err := os.ReadFile(p); err == nil {
			docs = append(docs, string(raw))
		}
	}
	b.Run("corpus", func(b *testing.B) { run(b, docs) })
}

// BenchmarkLoad measures building the gazetteers and the matcher.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := extract.Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkType measures the document type rules on a short record body.
func BenchmarkType(b *testing.B) {
	x, err := extract.Load()
	if err != nil {
		b.Fatal(err)
	}
	body := strings.Repeat("arctic cooperation 123 ", 30)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x.Type("Release 1", body, "")
	}
}
