package searchtest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/accord-search/accord/search"
)

// Option changes what Run checks.
type Option func(*options)

type options struct{ without map[string]string }

// Without skips the cases that need feature, with the reason in the log:
// for an engine that documents the feature as missing.
func Without(feature, reason string) Option {
	return func(o *options) { o.without[feature] = reason }
}

// Run indexes the fixture into a fresh engine from open and checks every
// case, then the ranking cases on RankDocuments in a second fresh engine,
// then the document-level behaviours (highlighting, Get, Delete).
func Run(t *testing.T, open func(t *testing.T) search.Engine, opts ...Option) {
	o := options{without: map[string]string{}}
	for _, f := range opts {
		f(&o)
	}
	ctx := t.Context()
	e := open(t)
	docs := Documents()
	if err := e.Index(ctx, docs); err != nil {
		t.Fatalf("Index: %v", err)
	}
	runCases(t, e, docs)
	t.Run("ranking", func(t *testing.T) {
		re := open(t)
		rdocs := RankDocuments()
		if err := re.Index(ctx, rdocs); err != nil {
			t.Fatalf("Index: %v", err)
		}
		for _, c := range RankCases {
			t.Run(c.Name, func(t *testing.T) {
				if why, ok := o.without[c.Needs]; ok && c.Needs != "" {
					t.Skipf("engine without %s: %s", c.Needs, why)
				}
				runCase(t, re, c, rdocs)
			})
		}
	})
	t.Run("highlighting escapes document text", func(t *testing.T) { checkHighlight(ctx, t, e) })
	t.Run("browsing gives snippets", func(t *testing.T) { checkBrowseSnippets(ctx, t, e) })
	t.Run("get and inventory", func(t *testing.T) { checkGet(ctx, t, e, docs) })
	t.Run("delete", func(t *testing.T) { checkDelete(ctx, t, e) })
	t.Run("totals above the window are capped", func(t *testing.T) { checkCappedTotal(ctx, t, e) })
}

// RunCases checks the case table and the capped total on e, which must
// hold Documents(): the part of the suite that only searches, for an
// engine whose text matching is stood in for (the Meilisearch backend over
// its contract fake, which takes each case's TextMatches as the text
// match and checks everything around it).
func RunCases(t *testing.T, e search.Engine) {
	runCases(t, e, Documents())
	t.Run("totals above the window are capped", func(t *testing.T) { checkCappedTotal(t.Context(), t, e) })
}

func runCases(t *testing.T, e search.Engine, docs []search.Document) {
	for _, c := range Cases {
		t.Run(c.Name, func(t *testing.T) { runCase(t, e, c, docs) })
	}
}

// checkCappedTotal: with more than search.MaxWindow matches, Total is
// either exact or MaxWindow with TotalCapped set (Meilisearch counts no
// further), never a capped total passed off as exact; the year counts are
// over all matches; exactly MaxWindow matches are an exact total. It adds MaxWindow+1 documents and deletes them afterwards.
func checkCappedTotal(ctx context.Context, t *testing.T, e search.Engine) {
	n := search.MaxWindow + 1
	docs := make([]search.Document, n)
	ids := make([]string, n)
	for i := range docs {
		ids[i] = fmt.Sprintf("pad%04d", i)
		topic := "Padding"
		if i == 0 {
			topic = "Odd one"
		}
		docs[i] = search.Document{ID: ids[i], Title: "Padding document", Body: "Quillwort padding text.",
			Date: "2001-01-01", Countries: []string{}, Officials: []string{}, Topics: []string{topic}, Path: ids[i] + ".txt"}
	}
	if err := e.Index(ctx, docs); err != nil {
		t.Fatalf("Index: %v", err)
	}
	defer func() {
		if err := e.Delete(ctx, ids); err != nil {
			t.Errorf("Delete: %v", err)
		}
	}()
	res, err := e.Search(ctx, search.Query{Text: "quillwort", Page: 1, PerPage: 10, FacetSize: search.FacetSize})
	if err != nil {
		t.Fatalf("Search: %v", err)
	}
	// An engine that counts exactly says so; one that stops counting says
	// that it did, at the window.
	if res.TotalCapped && res.Total != search.MaxWindow || !res.TotalCapped && res.Total != n {
		t.Errorf("%d matches: total %d capped %v, want %d, or %d capped", n, res.Total, res.TotalCapped, n, search.MaxWindow)
	}
	if want := []search.FacetCount{{Value: "2001", Count: n}}; !cmp.Equal(want, res.Years) {
		t.Errorf("years: got %v, want %v (over all matches)", res.Years, want)
	}
	res, err = e.Search(ctx, search.Query{Text: "quillwort", Filters: map[search.Facet][]string{search.FacetTopic: {"Padding"}},
		Page: 1, PerPage: 10, FacetSize: search.FacetSize})
	if err != nil {
		t.Fatalf("Search: %v", err)
	}
	if res.Total != search.MaxWindow || res.TotalCapped {
		t.Errorf("%d matches: total %d capped %v, want exact", search.MaxWindow, res.Total, res.TotalCapped)
	}
}

func runCase(t *testing.T, e search.Engine, c Case, docs []search.Document) {
	q := c.Query
	if err := q.Normalize(); err != nil {
		t.Fatalf("Normalize: %v", err)
	}
	res, err := e.Search(t.Context(), q)
	if err != nil {
		t.Fatalf("Search: %v", err)
	}
	got := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		got = append(got, h.ID)
	}
	want := slices.Clone(c.Want)
	if c.Groups != nil {
		// Each group of hits is compared as a set.
		want = []string{}
		at := 0
		for _, g := range c.Groups {
			want = append(want, slices.Sorted(slices.Values(g))...)
			if end := min(at+len(g), len(got)); at < end {
				slices.Sort(got[at:end])
			}
			at += len(g)
		}
	} else if !c.Ordered {
		slices.Sort(got)
		slices.Sort(want)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("hits (-want +got):\n%s", diff)
	}
	if res.Total != c.WantTotal {
		t.Errorf("total: got %d, want %d", res.Total, c.WantTotal)
	}
	if diff := cmp.Diff(expectedFacets(c, docs), res.Facets); diff != "" {
		t.Errorf("facets (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(expectedYears(c, docs), res.Years); diff != "" {
		t.Errorf("years (-want +got):\n%s", diff)
	}
	if res.AllWordsKnown {
		// An engine that reports how many matches have every word must
		// agree with the strict search's total.
		strict := q
		strict.Match = search.MatchAll
		all, err := e.Search(t.Context(), strict)
		if err != nil {
			t.Fatalf("Search with match=all: %v", err)
		}
		if res.AllWords != all.Total {
			t.Errorf("AllWords: got %d, the match=all search has %d", res.AllWords, all.Total)
		}
	}
}

func checkHighlight(ctx context.Context, t *testing.T, e search.Engine) {
	res, err := e.Search(ctx, search.Query{Text: "alert", Page: 1, PerPage: 10, FacetSize: search.FacetSize})
	if err != nil {
		t.Fatalf("Search: %v", err)
	}
	if len(res.Hits) != 1 || res.Hits[0].ID != "d09" {
		t.Fatalf("hits: got %+v, want d09", res.Hits)
	}
	h := res.Hits[0]
	for name, s := range map[string]string{"title": h.TitleHTML, "snippet": h.SnippetHTML} {
		if strings.Contains(s, "<script") || strings.Contains(s, "<b>") {
			t.Errorf("%s HTML carries document markup: %q", name, s)
		}
		if !strings.Contains(s, "<mark>alert</mark>") {
			t.Errorf("%s HTML does not mark the match: %q", name, s)
		}
	}
	if !strings.Contains(h.TitleHTML, "&lt;script&gt;") {
		t.Errorf("title HTML: got %q, want the escaped <script>", h.TitleHTML)
	}
	if h.Source != `Weird "Source" \ Press` || h.Path != "fixture/d09.txt" {
		t.Errorf("stored fields: got source %q path %q", h.Source, h.Path)
	}
}

func checkGet(ctx context.Context, t *testing.T, e search.Engine, docs []search.Document) {
	g, ok := e.(search.Getter)
	if !ok {
		t.Skip("engine has no Get")
	}
	d, err := g.Get(ctx, "d05")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if diff := cmp.Diff(docs[4], *d); diff != "" {
		t.Errorf("Get(d05) (-want +got):\n%s", diff)
	}
	if _, err := g.Get(ctx, "nope"); !errors.Is(err, search.ErrNotFound) {
		t.Errorf("Get(nope): got %v, want ErrNotFound", err)
	}
	if inv, ok := e.(search.Inventory); ok {
		h, err := inv.Hashes(ctx)
		if err != nil {
			t.Fatalf("Hashes: %v", err)
		}
		if len(h) != len(docs) {
			t.Errorf("Hashes: got %d ids, want %d", len(h), len(docs))
		}
	}
}

func checkDelete(ctx context.Context, t *testing.T, e search.Engine) {
	if err := e.Delete(ctx, []string{"d08", "unknown"}); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	res, err := e.Search(ctx, search.Query{Page: 1, PerPage: 20, FacetSize: search.FacetSize})
	if err != nil {
		t.Fatalf("Search: %v", err)
	}
	if res.Total != 9 {
		t.Errorf("after delete: total %d, want 9", res.Total)
	}
	for _, h := range res.Hits {
		if h.ID == "d08" {
			t.Errorf("d08 still found after delete")
		}
	}
}

// checkBrowseSnippets: without query text every hit still gets a title
// and a snippet (the start of its body, escaped).
func checkBrowseSnippets(ctx context.Context, t *testing.T, e search.Engine) {
	res, err := e.Search(ctx, search.Query{Page: 1, PerPage: 20, FacetSize: search.FacetSize})
	if err != nil {
		t.Fatalf("Search: %v", err)
	}
	for _, h := range res.Hits {
		if h.TitleHTML == "" || h.SnippetHTML == "" {
			t.Errorf("%s: title %q snippet %q, want both", h.ID, h.TitleHTML, h.SnippetHTML)
		}
		if strings.Contains(h.SnippetHTML, "<b>") || strings.Contains(h.TitleHTML, "<script") {
			t.Errorf("%s: unescaped markup in %q / %q", h.ID, h.TitleHTML, h.SnippetHTML)
		}
	}
}
