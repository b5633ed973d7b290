package bleve

import (
	"context"
	"maps"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2"

	"github.com/accord-search/accord/search"
)

// maxCachedResults bounds the results cache; when full it starts over.
const maxCachedResults = 256

// cache holds what is the same for every request until the index
// changes: the facet counts of the whole index (what the empty query and
// every facet's own counts under a lone selection show) and the results
// of queries without text, filters or dates (the browse pages). Counting
// facets over every document is the most expensive search there is, and
// the first page of the site asks for it.
//
// Entries belong to a generation of the index; Index, Delete and Swap
// start a new one. This cache sits in the backend rather than in a
// decorator because only the backend knows when its index changes.
type cache struct {
	mu      sync.Mutex
	gen     uint64
	counts  map[string]map[string]int // facet → value → count
	results map[browseKey]*search.Result
	// fill serializes the computation of whole-index counts, so that a
	// burst of requests after a swap counts the index once.
	fill sync.Mutex
}

// browseKey identifies a query without text, filters or dates.
type browseKey struct {
	sort                     search.Sort
	page, perPage, facetSize int
	noFacets                 bool
}

// matchesAll reports whether text, filters and dates select every
// document.
func matchesAll(text string, filters map[search.Facet][]string, q search.Query) bool {
	for _, v := range filters {
		if len(v) > 0 {
			return false
		}
	}
	return q.From.IsZero() && q.To.IsZero() && len(splitText(text)) == 0 && notQuery(search.ParseText(text).Not) == nil
}

// reset drops entries of older generations; it reports whether gen is
// current (entries of a newer generation are never replaced by older).
func (c *cache) reset(gen uint64) bool {
	if gen > c.gen || c.results == nil {
		c.gen = gen
		c.counts = nil
		c.results = map[browseKey]*search.Result{}
	}
	return gen == c.gen
}

func (c *cache) result(gen uint64, k browseKey) *search.Result {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen || c.results == nil {
		return nil
	}
	return cloneResult(c.results[k])
}

func (c *cache) storeResult(gen uint64, k browseKey, r *search.Result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.reset(gen) {
		return
	}
	if len(c.results) >= maxCachedResults {
		c.results = map[browseKey]*search.Result{}
	}
	c.results[k] = cloneResult(r)
}

func (c *cache) lookupCounts(gen uint64) map[string]map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return nil
	}
	return c.counts
}

// wholeIndexCounts returns the counts of every facet value and year over
// the whole index, computing them once per generation. The maps are
// shared: callers must not modify them.
func (x *Index) wholeIndexCounts(ctx context.Context, gen uint64) (map[string]map[string]int, error) {
	c := &x.cache
	if m := c.lookupCounts(gen); m != nil {
		return m, nil
	}
	c.fill.Lock()
	defer c.fill.Unlock()
	if m := c.lookupCounts(gen); m != nil { // counted while we waited
		return m, nil
	}
	rec := &matchSet{}
	req := bleve.NewSearchRequestOptions(&recordQuery{Query: bleve.NewMatchAllQuery(), rec: rec, noRecord: true}, 0, 0, false)
	if _, err := x.searchIn(withSnapshots(ctx, &x.snaps), req); err != nil {
		return nil, searchErr(err)
	}
	m := map[string]map[string]int{}
	for name := range rec.facets.values {
		m[name] = rec.facets.count(name, nil, 0, nil)
	}
	c.mu.Lock()
	if c.reset(gen) {
		c.counts = m
	}
	c.mu.Unlock()
	return m, nil
}

// cloneResult copies r deeply enough that callers may modify what they
// get (slices and maps) without touching the cache.
func cloneResult(r *search.Result) *search.Result {
	if r == nil {
		return nil
	}
	out := *r
	out.Hits = slices.Clone(r.Hits)
	out.Years = slices.Clone(r.Years)
	out.Facets = maps.Clone(r.Facets)
	for f, v := range out.Facets {
		out.Facets[f] = slices.Clone(v)
	}
	return &out
}
