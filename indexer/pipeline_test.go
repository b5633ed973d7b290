package indexer_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accord-search/accord/indexer"
	"github.com/accord-search/accord/indexer/extract"
	"github.com/accord-search/accord/indexer/source"
	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/search/bleve"
)

// article writes a synthetic press release long enough to count as one.
func article(title, country, extra string) string {
	// Each article gets its own wording around the country, so that the
	// near-duplicate detector keeps them apart.
	var own strings.Builder
	for i := 0; i < 12; i++ {
		fmt.Fprintf(&own, "%s point %d on the %s agenda was settled. ", country, i, strings.ToLower(country))
	}
	return fmt.Sprintf(`%s
`+own.String()+`
WASHINGTON - Secretary of Homeland Security Alejandro Mayorkas met officials of %s today to discuss
cooperation on border security, migration and the fight against human trafficking networks. The two
delegations agreed to expand information sharing between their agencies and to meet again next year. %s
The meeting was the latest in a series of talks between the two governments on shared security threats.
`, title, country, extra)
}

func writeFile(t *testing.T, dir, name, body string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func newBuilder(t testing.TB) *indexer.Builder {
	t.Helper()
	x, err := extract.Load()
	if err != nil {
		t.Fatal(err)
	}
	return &indexer.Builder{Extractor: x}
}

func TestRunIsIncrementalAndPrunes(t *testing.T) {
	ctx := t.Context()
	corpus := t.TempDir()
	writeFile(t, corpus, "a.txt", article("Mayorkas meets Mexican officials", "Mexico", ""))
	writeFile(t, corpus, "b.txt", article("Mayorkas meets Canadian officials", "Canada", "They also discussed Arctic icebreakers."))
	writeFile(t, corpus, "sub/c.txt", article("Mayorkas meets German officials", "Germany", "Cybersecurity was on the agenda."))
	writeFile(t, corpus, "d.jsonl", `{"id":"j1","title":"Given facets","body":"A short record.","countries":["Japan"],"officials":[],"topics":["Cybersecurity"],"date":"2023-01-07"}`+"\n"+
		`{"title":"Extracted facets","body":"Secretary Mayorkas met the Finnish minister about icebreakers in the Arctic."}`+"\n")
	writeFile(t, corpus, "links.txt", "More News\nHome\nContact us\n")
	idx, err := bleve.Open(filepath.Join(t.TempDir(), "idx"))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	b := newBuilder(t)
	run := func(prune bool) indexer.Summary {
		t.Helper()
		sum, err := indexer.Run(ctx, b, idx, indexer.Options{Root: corpus, Prune: prune})
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
		return sum
	}
	type counts struct{ read, indexed, unchanged, deleted, noArticle int }
	got := func(s indexer.Summary) counts {
		return counts{s.Read, s.Indexed, s.Unchanged, s.Deleted, s.Skipped[indexer.ReasonNoArticle]}
	}

	if s := run(false); got(s) != (counts{6, 5, 0, 0, 1}) || s.Failed() {
		t.Fatalf("first run: %+v (failed %v)", s, s.Failed())
	}
	if s := run(false); got(s) != (counts{6, 0, 5, 0, 1}) {
		t.Fatalf("second run sent something: %+v", s)
	}
	writeFile(t, corpus, "b.txt", article("Mayorkas meets Canadian officials", "Canada", "Changed text."))
	if s := run(false); got(s) != (counts{6, 1, 4, 0, 1}) {
		t.Fatalf("after a change: %+v", s)
	}
	os.Remove(filepath.Join(corpus, "sub/c.txt"))
	if s := run(false); got(s) != (counts{5, 0, 4, 0, 1}) {
		t.Fatalf("without -prune: %+v", s)
	}
	if s := run(true); got(s) != (counts{5, 0, 4, 1, 1}) {
		t.Fatalf("with -prune: %+v", s)
	}
	if n, _ := idx.Count(ctx); n != 4 {
		t.Errorf("index holds %d documents, want 4", n)
	}
	d, err := idx.Get(ctx, "j1")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(d.Countries, ",") != "Japan" || d.Date != "2023-01-07" || d.Path != "d.jsonl:1" {
		t.Errorf("given fields not kept: %+v", d)
	}
}

func TestDuplicatesAreFolded(t *testing.T) {
	corpus := t.TempDir()
	body := article("DHS and Mexico agree on border plan", "Mexico", "")
	writeFile(t, corpus, "1-dhs.txt", body)
	writeFile(t, corpus, "2-newswire.txt", "Newswire | Home | Politics\n\n"+body+"\nCopyright 2024 Newswire. All rights reserved.\n")
	var sum indexer.Summary
	c, err := indexer.Read(t.Context(), newBuilder(t), indexer.Options{Root: corpus}, &sum)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Docs) != 1 || len(c.Duplicates) != 1 {
		t.Fatalf("got %d docs and %d duplicates, want 1 and 1", len(c.Docs), len(c.Duplicates))
	}
	if cp := c.Docs[0].AlsoPublished; len(cp) != 1 || cp[0].Path != "2-newswire.txt" {
		t.Errorf("also published: %+v", cp)
	}
}

var _ search.Inventory = (*bleve.Index)(nil)

// TestRepeatedIDIsStable: a .jsonl record repeated with the same id was
// deleted on every second run (the second copy counted as a duplicate of
// the first, so count 1, 0, 1, 0). The first record now wins and the
// repeat is skipped and named, the same on every run.
func TestRepeatedIDIsStable(t *testing.T) {
	ctx := t.Context()
	corpus := t.TempDir()
	rec := `{"id":"r1","title":"Repeated","body":"` + strings.Repeat("Secretary Mayorkas met the Finnish minister about icebreakers. ", 8) + `"}`
	other := `{"id":"r1","title":"Same id, other text","body":"A different record about Arctic shipping lanes."}`
	writeFile(t, corpus, "x.jsonl", rec+"\n"+rec+"\n"+other+"\n")
	idx, err := bleve.Open(filepath.Join(t.TempDir(), "idx"))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	var log strings.Builder
	for run := 1; run <= 4; run++ {
		log.Reset()
		sum, err := indexer.Run(ctx, newBuilder(t), idx, indexer.Options{Root: corpus, Log: &log})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Skipped[indexer.ReasonRepeatedID] != 2 || sum.Deleted != 0 {
			t.Errorf("run %d: %+v", run, sum)
		}
		if n, _ := idx.Count(ctx); n != 1 {
			t.Fatalf("run %d: index holds %d documents, want 1", run, n)
		}
		if d, err := idx.Get(ctx, "r1"); err != nil || d.Title != "Repeated" || d.Path != "x.jsonl:1" {
			t.Fatalf("run %d: r1 is %+v, %v; want the first record", run, d, err)
		}
	}
	if !strings.Contains(log.String(), `skip x.jsonl:3: repeated id ("r1", first at x.jsonl:1)`) {
		t.Errorf("the repeat is not named:\n%s", &log)
	}
}

// TestPruneKeepsSkippedFiles: -prune deleted the documents of files that
// still exist but were skipped this run (a file caught mid-write, a
// record broken for one run); only documents whose files are gone go.
func TestPruneKeepsSkippedFiles(t *testing.T) {
	ctx := t.Context()
	corpus := t.TempDir()
	writeFile(t, corpus, "a.txt", article("Mayorkas meets Mexican officials", "Mexico", ""))
	writeFile(t, corpus, "b.txt", article("Mayorkas meets Canadian officials", "Canada", ""))
	writeFile(t, corpus, "c.txt", article("Mayorkas meets German officials", "Germany", ""))
	writeFile(t, corpus, "d.jsonl", `{"id":"j1","title":"Given","body":"A short record about Japan."}`+"\n")
	idx, err := bleve.Open(filepath.Join(t.TempDir(), "idx"))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	b := newBuilder(t)
	if _, err := indexer.Run(ctx, b, idx, indexer.Options{Root: corpus}); err != nil {
		t.Fatal(err)
	}
	writeFile(t, corpus, "a.txt", "caught mid-wr\xe9")                         // skipped: invalid UTF-8
	writeFile(t, corpus, "b.txt", "Half written.")                             // skipped: no article
	writeFile(t, corpus, "d.jsonl", `{"id":"j1","title":"Given","body":"A sh`) // skipped: broken line
	os.Remove(filepath.Join(corpus, "c.txt"))                                  // gone
	sum, err := indexer.Run(ctx, b, idx, indexer.Options{Root: corpus, Prune: true})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Deleted != 1 {
		t.Errorf("deleted %d documents, want 1 (c.txt's): %+v", sum.Deleted, sum)
	}
	hashes, _ := idx.Hashes(ctx)
	if len(hashes) != 3 {
		t.Errorf("index holds %d documents, want 3 (a, b and j1 kept)", len(hashes))
	}
	if _, err := idx.Get(ctx, "j1"); err != nil {
		t.Errorf("j1, whose line is broken this run, was pruned: %v", err)
	}
}

// TestRunStreamsCopiesFoundLate: documents go to the engine in batches as
// they are read; an original whose copy turns up after its batch was sent
// is re-sent with the copy, and a second run finds everything unchanged.
func TestRunStreamsCopiesFoundLate(t *testing.T) {
	ctx := t.Context()
	corpus := t.TempDir()
	body := article("DHS and Mexico agree on border plan", "Mexico", "")
	writeFile(t, corpus, "1-dhs.txt", body)
	writeFile(t, corpus, "2-other.txt", article("Mayorkas meets Canadian officials", "Canada", ""))
	writeFile(t, corpus, "3-other.txt", article("Mayorkas meets German officials", "Germany", ""))
	writeFile(t, corpus, "4-newswire.txt", "Newswire | Home | Politics\n\n"+body+"\nCopyright 2024 Newswire.\n")
	idx, err := bleve.Open(filepath.Join(t.TempDir(), "idx"))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	b := newBuilder(t)
	for run, want := range [][2]int{{3, 0}, {0, 3}} { // indexed, unchanged
		sum, err := indexer.Run(ctx, b, idx, indexer.Options{Root: corpus, BatchSize: 1})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Indexed != want[0] || sum.Unchanged != want[1] || sum.Duplicates != 1 {
			t.Errorf("run %d: %+v, want indexed %d, unchanged %d, 1 duplicate", run+1, sum, want[0], want[1])
		}
	}
	if n, _ := idx.Count(ctx); n != 3 {
		t.Errorf("index holds %d documents, want 3", n)
	}
	original := func() *search.Document {
		t.Helper()
		hashes, err := idx.Hashes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for id := range hashes {
			d, err := idx.Get(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if d.Path == "1-dhs.txt" {
				return d
			}
		}
		t.Fatal("the original is not in the index")
		return nil
	}
	if cp := original().AlsoPublished; len(cp) != 1 || cp[0].Path != "4-newswire.txt" {
		t.Errorf("original's copies: %+v", cp)
	}
	// The copy goes: the original is sent again, without it.
	os.Remove(filepath.Join(corpus, "4-newswire.txt"))
	sum, err := indexer.Run(ctx, b, idx, indexer.Options{Root: corpus, BatchSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Indexed != 1 || sum.Unchanged != 2 || sum.Deleted != 0 {
		t.Errorf("after the copy went: %+v, want indexed 1, unchanged 2", sum)
	}
	if cp := original().AlsoPublished; len(cp) != 0 {
		t.Errorf("original's copies after the copy went: %+v", cp)
	}
}

// TestRecordFacetsAndDatesAreValidated: a .jsonl record's facets and
// date were indexed as given (30 countries, 300-byte values, control
// characters, the year 9999), and their facet links answered 400. They
// are now cleaned to what a search URL accepts.
func TestRecordFacetsAndDatesAreValidated(t *testing.T) {
	countries := make([]string, 30)
	for i := range countries {
		countries[i] = fmt.Sprintf("Country %d", i)
	}
	rec := &source.Record{
		ID: "v1", Title: "T", Body: "A record about border security cooperation.",
		Countries: append([]string{"Mexico\x00\x1b[31m", "Mexico", "  "}, countries...),
		Officials: []string{strings.Repeat("x", 300), "Jane\tDoe\n"},
		Topics:    []string{}, Organizations: []string{},
		Date: "9999-12-31",
	}
	for _, tt := range []struct {
		date, want string
	}{{"9999-12-31", ""}, {"1700-01-01", ""}, {"2021-10-08T09:00:00Z", "2021-10-08"}, {"2021-10", "2021-10"}} {
		rec.Date = tt.date
		d, ok := newBuilder(t).Build(source.Item{Path: "x.jsonl", Line: 1, Format: source.FormatJSONL, Raw: []byte("{}"), Record: rec})
		if !ok {
			t.Fatal("record skipped")
		}
		if d.Date != tt.want {
			t.Errorf("date %q: indexed as %q, want %q", tt.date, d.Date, tt.want)
		}
		if len(d.Countries) != 20 || d.Countries[0] != "Mexico [31m" || d.Countries[1] != "Mexico" {
			t.Errorf("countries: %d values %q", len(d.Countries), d.Countries)
		}
		if strings.Join(d.Officials, "|") != "Jane Doe" {
			t.Errorf("officials: %q", d.Officials)
		}
	}
}
