package bleve

import (
	"context"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	index "github.com/blevesearch/bleve_index_api"
)

// snapshots keeps, for the index snapshots being searched, what is the
// same for every query on one snapshot: the typo and prefix expansions
// of query terms, and one bitmap of documents per facet value (facet
// counts then intersect the matches with these bitmaps instead of
// reading every match's values).
//
// Entries are keyed by the snapshot (the index.IndexReader a searcher is
// given): documents are numbered per snapshot, and a snapshot never
// changes, so an entry is never stale. A new snapshot (documents added or
// deleted, segments merged) starts a new entry; the older entries are
// dropped once more than maxSnapshots are held.
type snapshots struct {
	mu   sync.Mutex
	data map[index.IndexReader]*snapshotData
	// order lists the keys of data, oldest first.
	order []index.IndexReader
}

// maxSnapshots bounds snapshots: searches in flight on the previous
// snapshot keep their entry while new ones use the current one.
const maxSnapshots = 2

// snapshotData is what one snapshot answers for every query.
type snapshotData struct {
	mu         sync.Mutex
	expansions map[expansionKey]expansion

	// facetsOnce builds facets the first time a search needs it.
	facetsOnce sync.Once
	facets     *facetIndex
	facetsErr  error
}

// maxExpansions bounds the cache of expansions of one snapshot; when it
// is full it starts over.
const maxExpansions = 4096

type expansionKey struct {
	field, term, prefix string
	typos               int
}

// expansion is the candidates of a termQuery: the terms other than the
// exact one, with their number of typos.
type expansion struct {
	terms []string
	typos []uint8
}

// snapshotsKey carries the Index's snapshots to the custom queries'
// Searcher methods, which Bleve calls with the search's context.
type snapshotsKey struct{}

func withSnapshots(ctx context.Context, s *snapshots) context.Context {
	return context.WithValue(ctx, snapshotsKey{}, s)
}

// snapshotFor returns the data of snapshot r, or nil when ctx carries no
// snapshots (a query searched outside Index.Search).
func snapshotFor(ctx context.Context, r index.IndexReader) *snapshotData {
	s, _ := ctx.Value(snapshotsKey{}).(*snapshots)
	if s == nil {
		return nil
	}
	return s.get(r)
}

func (s *snapshots) get(r index.IndexReader) *snapshotData {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d := s.data[r]; d != nil {
		return d
	}
	if s.data == nil {
		s.data = map[index.IndexReader]*snapshotData{}
	}
	for len(s.order) >= maxSnapshots {
		delete(s.data, s.order[0])
		s.order = s.order[1:]
	}
	d := &snapshotData{expansions: map[expansionKey]expansion{}}
	s.data[r] = d
	s.order = append(s.order, r)
	return d
}

func (d *snapshotData) expansion(k expansionKey) (expansion, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	e, ok := d.expansions[k]
	return e, ok
}

func (d *snapshotData) storeExpansion(k expansionKey, e expansion) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.expansions) >= maxExpansions {
		d.expansions = map[expansionKey]expansion{}
	}
	d.expansions[k] = e
}

// facetIndex returns the facet bitmaps of snapshot r, building them the
// first time.
func (d *snapshotData) facetIndex(ctx context.Context, r index.IndexReader) (*facetIndex, error) {
	d.facetsOnce.Do(func() { d.facets, d.facetsErr = buildFacetIndex(ctx, r) })
	return d.facets, d.facetsErr
}

// facetIndex holds, per facet (and the year), its values with the
// documents that have each, largest first; and the same the other way
// round, each document's values (the "forward" index), which is cheaper
// for small match sets.
type facetIndex struct {
	values map[string][]facetValue
	// The values of document d are ids[start[d]:start[d+1]], indexes
	// into names and vals.
	start       []uint32
	ids         []uint32
	names, vals []string
}

type facetValue struct {
	value string
	docs  *roaring.Bitmap
	n     int // docs' cardinality
}

// buildFacetIndex reads the postings of every term of fieldFacets.
func buildFacetIndex(ctx context.Context, r index.IndexReader) (*facetIndex, error) {
	dict, err := r.FieldDict(fieldFacets)
	if err != nil {
		return nil, err
	}
	var terms []string
	err = walk(dict, nil, func(e *index.DictEntry) { terms = append(terms, e.Term) })
	if err != nil {
		return nil, err
	}
	fi := &facetIndex{values: map[string][]facetValue{}}
	var docs []uint32
	var postings [][]uint32 // by value id
	maxDoc := -1
	for _, t := range terms {
		name, value, ok := strings.Cut(t, facetSep)
		if !ok {
			continue
		}
		tfr, err := r.TermFieldReader(ctx, []byte(t), fieldFacets, false, false, false)
		if err != nil {
			return nil, err
		}
		docs = docs[:0]
		var next index.TermFieldDoc
		for {
			td, err := tfr.Next(&next)
			if err != nil {
				tfr.Close()
				return nil, err
			}
			if td == nil {
				break
			}
			n, ok := docNumber(td.ID)
			if !ok {
				tfr.Close()
				return nil, errDocNumbers
			}
			docs = append(docs, n)
		}
		tfr.Close()
		if len(docs) == 0 {
			continue
		}
		fi.names, fi.vals = append(fi.names, name), append(fi.vals, value)
		postings = append(postings, slices.Clone(docs))
		maxDoc = max(maxDoc, int(slices.Max(docs)))
		bm := roaring.BitmapOf(docs...)
		bm.RunOptimize()
		fi.values[name] = append(fi.values[name], facetValue{value: value, docs: bm, n: int(bm.GetCardinality())})
	}
	for _, vs := range fi.values {
		sort.SliceStable(vs, func(i, j int) bool { return vs[i].n > vs[j].n })
	}
	// The forward index, in two passes over the postings: sizes, then ids.
	fi.start = make([]uint32, maxDoc+2)
	total := 0
	for _, p := range postings {
		for _, d := range p {
			fi.start[d+1]++
		}
		total += len(p)
	}
	for d := 1; d < len(fi.start); d++ {
		fi.start[d] += fi.start[d-1]
	}
	fi.ids = make([]uint32, total)
	fill := slices.Clone(fi.start)
	for id, p := range postings {
		for _, d := range p {
			fi.ids[fill[d]] = uint32(id)
			fill[d]++
		}
	}
	return fi, nil
}
