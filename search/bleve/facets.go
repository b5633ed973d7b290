package bleve

import (
	"container/heap"
	"context"
	"errors"
	"math"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Facet counting. Bleve's own term facets read every match's values from
// doc values, so their cost grows with the number of matches times the
// values per match. Instead, a search's query is wrapped (recordQuery) so
// that the searcher records the number of every document it matches; the
// counts are then the intersections of that set with one bitmap per facet
// value (facetIndex, built once per index snapshot), and only the values
// the page can show (the top FacetSize of each facet, found by visiting
// values largest first and stopping when no other can reach the top) and
// the selected values are intersected. The counts are exact.

// errDocNumbers: the index numbers documents in a way this code does
// not know (not 8-byte numbers that fit in 32 bits).
var errDocNumbers = errors.New("bleve: unexpected internal document numbers")

// docNumber decodes a scorch document number.
func docNumber(id index.IndexInternalID) (uint32, bool) {
	if len(id) != 8 {
		return 0, false
	}
	n := id.Value()
	return uint32(n), n <= math.MaxUint32
}

// matchSet is what a recorded search matched.
type matchSet struct {
	docs   []uint32
	bad    bool        // a document number could not be recorded
	facets *facetIndex // the bitmaps of the snapshot searched
	err    error       // building facets failed
}

// recordQuery wraps a query so that its searcher records every match in
// rec, and looks up (or builds) the facet bitmaps of the snapshot it
// searches.
type recordQuery struct {
	query.Query
	rec *matchSet
	// noRecord: only the facet bitmaps are wanted (whole-index counts).
	noRecord bool
}

func (q *recordQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	if d := snapshotFor(ctx, r); d != nil {
		q.rec.facets, q.rec.err = d.facetIndex(ctx, r)
	} else {
		q.rec.facets, q.rec.err = buildFacetIndex(ctx, r)
	}
	if q.rec.err != nil {
		return nil, q.rec.err
	}
	s, err := q.Query.Searcher(ctx, r, m, opts)
	if err != nil || q.noRecord {
		return s, err
	}
	return &recordSearcher{Searcher: s, rec: q.rec}, nil
}

type recordSearcher struct {
	bsearch.Searcher
	rec *matchSet
}

func (s *recordSearcher) record(dm *bsearch.DocumentMatch) {
	if dm == nil {
		return
	}
	n, ok := docNumber(dm.IndexInternalID)
	if !ok {
		s.rec.bad = true
		return
	}
	s.rec.docs = append(s.rec.docs, n)
}

func (s *recordSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	dm, err := s.Searcher.Next(ctx)
	s.record(dm)
	return dm, err
}

func (s *recordSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(ctx, id)
	s.record(dm)
	return dm, err
}

// forwardFactor: a match set smaller than forwardFactor times the number
// of facet values is counted through the forward index (a few array
// increments per match) rather than by intersecting bitmaps.
var forwardFactor = 16

// countMatches returns the counts of the facets names among the matched
// documents docs: exact, and for each facet at least its top limit(name)
// values (all when 0) and the selected ones, as count does.
func (fi *facetIndex) countMatches(docs []uint32, names []string, limit func(string) int, selected func(string) []string) map[string]map[string]int {
	out := make(map[string]map[string]int, len(names))
	if len(docs) < forwardFactor*len(fi.names) {
		want := map[string]bool{}
		for _, n := range names {
			want[n] = true
			out[n] = map[string]int{}
		}
		counts := make([]int32, len(fi.names))
		for _, d := range docs {
			if int(d)+1 >= len(fi.start) {
				continue // no facet values
			}
			for _, id := range fi.ids[fi.start[d]:fi.start[d+1]] {
				counts[id]++
			}
		}
		for id, c := range counts {
			if c > 0 && want[fi.names[id]] {
				out[fi.names[id]][fi.vals[id]] = int(c)
			}
		}
		return out
	}
	matches := roaring.BitmapOf(docs...)
	for _, n := range names {
		out[n] = fi.count(n, matches, limit(n), selected(n))
	}
	return out
}

// count returns the counts of facet name's values among matches: every
// value's when limit is 0; otherwise those of the selected values and
// enough others that the top limit values by count are all there (any
// value left out counts less than the limit-th).
func (fi *facetIndex) count(name string, matches *roaring.Bitmap, limit int, selected []string) map[string]int {
	out := map[string]int{}
	values := fi.values[name]
	var top intHeap // the largest counts so far, at most limit
	for _, v := range values {
		if limit > 0 && len(top) == limit && top[0] > v.n {
			break // v and every later value count at most v.n
		}
		n := v.n
		if matches != nil {
			n = int(v.docs.AndCardinality(matches))
		}
		if n == 0 {
			continue
		}
		out[v.value] = n
		if limit > 0 {
			if len(top) < limit {
				heap.Push(&top, n)
			} else if n > top[0] {
				top[0] = n
				heap.Fix(&top, 0)
			}
		}
	}
	for _, s := range selected {
		if _, ok := out[s]; ok {
			continue
		}
		for _, v := range values {
			if v.value == s {
				n := v.n
				if matches != nil {
					n = int(v.docs.AndCardinality(matches))
				}
				if n > 0 {
					out[s] = n
				}
				break
			}
		}
	}
	return out
}

// intHeap is a min-heap of ints.
type intHeap []int

func (h intHeap) Len() int           { return len(h) }
func (h intHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h intHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *intHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *intHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
