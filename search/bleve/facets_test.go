package bleve

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/accord-search/accord/search"
)

// facetDocs makes n documents whose facet values follow skewed draws from
// pools larger than a page shows, so that counting has to choose.
func facetDocs(n int) []search.Document {
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"border", "cargo", "visa", "cyber", "asylum", "customs", "port", "drone", "treaty", "summit"}
	pick := func(pool string, size, k int) []string {
		out := []string{}
		seen := map[int]bool{}
		for range k {
			i := int(float64(size) * r.Float64() * r.Float64()) // skewed to low numbers
			if !seen[i] {
				seen[i] = true
				out = append(out, fmt.Sprintf("%s %03d", pool, i))
			}
		}
		return out
	}
	docs := make([]search.Document, n)
	for i := range docs {
		var body []string
		for range 12 {
			body = append(body, words[r.IntN(len(words))])
		}
		docs[i] = search.Document{
			ID: fmt.Sprintf("f%04d", i), Title: "Release " + words[r.IntN(len(words))],
			Body:      strings.Join(body, " ") + ".",
			Date:      fmt.Sprintf("%d-%02d-%02d", 2005+r.IntN(20), 1+r.IntN(12), 1+r.IntN(28)),
			Countries: pick("Country", 60, 1+r.IntN(3)), Officials: pick("Official", 300, r.IntN(3)),
			Topics: pick("Topic", 18, 1+r.IntN(3)),
		}
	}
	return docs
}

// TestFacetCountsExact: the counts Search gives, through the forward
// index and through bitmaps with pruning at several page sizes, equal the
// top values of Bleve's own term facet over every match (doc values).
func TestFacetCountsExact(t *testing.T) {
	ctx := t.Context()
	idx, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if err := idx.Index(ctx, facetDocs(1500)); err != nil {
		t.Fatal(err)
	}
	queries := []search.Query{
		{Text: "border"},
		{Text: "cargo visa"},
		{Text: "drone", Filters: map[search.Facet][]string{search.FacetCountry: {"Country 003"}}},
		{Text: "summit", Filters: map[search.Facet][]string{search.FacetCountry: {"Country 001", "Country 059"}, search.FacetTopic: {"Topic 002"}}},
		{Filters: map[search.Facet][]string{search.FacetOfficial: {"Official 299"}}},
		{Text: "nomatchword"},
	}
	defer func(f int) { forwardFactor = f }(forwardFactor)
	for _, factor := range []int{16, 0} { // forward index; bitmaps
		forwardFactor = factor
		for _, size := range []int{1, 3, 10, 100} {
			for _, q := range queries {
				q.FacetSize = size
				if err := q.Normalize(); err != nil {
					t.Fatal(err)
				}
				got, err := idx.Search(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				want := docValueResult(t, idx, q)
				name := fmt.Sprintf("factor %d, size %d, %q %v", factor, size, q.Text, q.Filters)
				if diff := cmp.Diff(want.Facets, got.Facets); diff != "" {
					t.Errorf("%s: facets (-doc values +ours):\n%s", name, diff)
				}
				if diff := cmp.Diff(want.Years, got.Years); diff != "" {
					t.Errorf("%s: years (-doc values +ours):\n%s", name, diff)
				}
			}
		}
	}
}

// docValueResult counts the facets of q as Bleve's term facet does.
func docValueResult(t *testing.T, idx *Index, q search.Query) *search.Result {
	t.Helper()
	res := &search.Result{Facets: map[search.Facet][]search.FacetCount{}}
	for _, fr := range buildRequests(q, newPlan(q)) {
		if len(fr.facets) == 0 {
			continue
		}
		req := fr.req
		if req == nil { // the whole index
			req = buildRequests(search.Query{Text: "", PerPage: 1}, newPlan(search.Query{}))[0].req
		}
		all, err := idx.docValueCounts(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range fr.facets {
			counts := all[name]
			if counts == nil {
				counts = map[string]int{}
			}
			if name == yearFacet {
				res.Years = search.SortYears(counts)
				continue
			}
			f := search.Facet(name)
			res.Facets[f] = search.SortFacetCounts(counts, q.Filters[f], q.FacetSize)
		}
	}
	return res
}
