package bleve

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"html"
	"maps"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/accord-search/accord/search"
)

// Search runs q: the main request and, for each facet with a selection,
// a hits-less request for its disjunctive counts, all at once. Counts
// over the whole index, and the results of queries without text, filters
// or dates, come from the cache.
func (x *Index) Search(ctx context.Context, q search.Query) (*search.Result, error) {
	start := time.Now()
	gen := x.gen.Load()
	key := browseKey{q.Sort, q.Page, q.PerPage, q.FacetSize, q.NoFacets}
	browse := matchesAll(q.Text, q.Filters, q)
	if browse {
		if r := x.cache.result(gen, key); r != nil {
			r.Took = time.Since(start)
			return r, nil
		}
	}
	ctx = withSnapshots(ctx, &x.snaps)
	p := newPlan(q)
	if ranked(q, p) && q.Strategy() == search.MatchFrequency && len(p.groups) > 0 {
		if err := p.orderByFrequency(func(uq query.Query) (uint64, error) { return x.count(ctx, uq) }); err != nil {
			return nil, err
		}
	}
	reqs := buildRequests(q, p)
	var (
		results  []*bleve.SearchResult
		page     []*bsearch.DocumentMatch
		allWords = -1 // matches of bucket 0, when rankedPage searched it
		err      error
	)
	if ranked(q, p) && p.buckets() > 1 && q.Window() > 0 {
		// The buckets are searched while the counts are.
		var errPage error
		var wg sync.WaitGroup
		wg.Go(func() { page, allWords, errPage = x.rankedPage(ctx, q, p) })
		results, err = x.runAll(ctx, reqs)
		wg.Wait()
		err = cmp.Or(err, errPage)
	} else {
		results, err = x.runAll(ctx, reqs)
	}
	if err != nil {
		return nil, err
	}
	res := &search.Result{Facets: map[search.Facet][]search.FacetCount{}}
	res.Total = int(results[0].Total)
	if allWords >= 0 {
		res.AllWords, res.AllWordsKnown = allWords, true
	}
	if ranked(q, p) {
		if p.buckets() == 1 {
			if page, err = x.pageOf(ctx, p, results[0].Hits, q.Offset(), q.Window()); err != nil {
				return nil, err
			}
		}
		if res.Hits, err = x.fetchHits(ctx, p, page); err != nil {
			return nil, err
		}
	} else {
		res.Hits = make([]search.Hit, 0, len(results[0].Hits))
		for _, h := range results[0].Hits {
			res.Hits = append(res.Hits, toHit(h.ID, h.Score, h.Fields, h.Fragments))
		}
	}
	for i, fr := range reqs {
		if len(fr.facets) == 0 {
			continue
		}
		var all map[string]map[string]int
		shared := false // all is the cache's: copy before changing
		switch {
		case fr.wholeIndex:
			if all, err = x.wholeIndexCounts(ctx, gen); err != nil {
				return nil, err
			}
			shared = true
		case !fr.rec.bad && fr.rec.facets != nil && len(fr.rec.docs) == int(results[i].Total):
			all = fr.rec.facets.countMatches(fr.rec.docs, fr.facets, func(name string) int {
				if name == yearFacet {
					return 0
				}
				return q.FacetSize
			}, func(name string) []string { return q.Filters[search.Facet(name)] })
		default:
			// The matches could not be recorded: count from doc values.
			if all, err = x.docValueCounts(ctx, fr.req); err != nil {
				return nil, err
			}
		}
		for _, name := range fr.facets {
			f := search.Facet(name)
			counts := all[name]
			if shared {
				counts = maps.Clone(counts)
			}
			if counts == nil {
				counts = map[string]int{}
			}
			if name == yearFacet {
				res.Years = search.SortYears(counts)
				continue
			}
			res.Facets[f] = search.SortFacetCounts(counts, q.Filters[f], q.FacetSize)
		}
	}
	if browse {
		x.cache.storeResult(gen, key, res)
	}
	res.Took = time.Since(start)
	return res, nil
}

// count returns how many documents q matches in the whole index.
func (x *Index) count(ctx context.Context, q query.Query) (uint64, error) {
	r, err := x.searchIn(ctx, bleve.NewSearchRequestOptions(q, 0, 0, false))
	if err != nil {
		return 0, searchErr(err)
	}
	return r.Total, nil
}

// pageOf re-ranks the best candidates of one bucket (in BM25 order; see
// locate) and returns need of them from off.
func (x *Index) pageOf(ctx context.Context, p *textPlan, hits []*bsearch.DocumentMatch, off, need int) ([]*bsearch.DocumentMatch, error) {
	if off >= len(hits) {
		return nil, nil
	}
	top := hits[:min(len(hits), rankWindow)]
	if off < len(top) {
		if err := x.locate(ctx, p, top); err != nil {
			return nil, err
		}
		p.rerank(top)
	}
	return hits[off:min(off+need, len(hits))], nil
}

// locate sets the term locations of hits by a search of just those
// documents. The searches that find candidates ask for none: term
// locations would be decoded for every match, not only the candidates.
func (x *Index) locate(ctx context.Context, p *textPlan, hits []*bsearch.DocumentMatch) error {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	req := bleve.NewSearchRequestOptions(p.highlight(ids), len(ids), 0, false)
	req.IncludeLocations = true
	r, err := x.searchIn(ctx, req)
	if err != nil {
		return searchErr(err)
	}
	byID := make(map[string]bsearch.FieldTermLocationMap, len(r.Hits))
	for _, h := range r.Hits {
		byID[h.ID] = h.Locations
	}
	for _, h := range hits {
		h.Locations = byID[h.ID]
	}
	return nil
}

// rankedPage returns the page's hits in the order of the words rule:
// bucket after bucket (every unit, then without the first removal group,
// and so on), each re-ranked by pageOf, searching only the buckets the
// page reaches, as Meilisearch stops once it has enough documents. It
// also returns how many documents bucket 0 holds (those with every
// unit), which the first search counts anyway.
func (x *Index) rankedPage(ctx context.Context, q search.Query, p *textPlan) ([]*bsearch.DocumentMatch, int, error) {
	off, need := q.Offset(), q.Window()
	var page []*bsearch.DocumentMatch
	allWords := -1
	for j := 0; j < p.buckets() && need > 0; j++ {
		req := bleve.NewSearchRequestOptions(filtered(p.bucket(j), q.Filters, q.From, q.ToEnd()), candidates(off, need), 0, false)
		req.SortByCustom(sortOrder(q, p))
		r, err := x.searchIn(ctx, req)
		if err != nil {
			return nil, allWords, searchErr(err)
		}
		if j == 0 {
			allWords = int(r.Total)
		}
		// The request asked for more than off hits: fewer means the
		// bucket has no more.
		if off >= len(r.Hits) {
			off -= len(r.Hits)
			continue
		}
		got, err := x.pageOf(ctx, p, r.Hits, off, need)
		if err != nil {
			return nil, allWords, err
		}
		page = append(page, got...)
		need -= len(got)
		off = 0
	}
	return page, allWords, nil
}

// fetchHits loads the stored fields and highlights of the page's hits,
// keeping their order and scores.
func (x *Index) fetchHits(ctx context.Context, p *textPlan, page []*bsearch.DocumentMatch) ([]search.Hit, error) {
	out := make([]search.Hit, 0, len(page))
	if len(page) == 0 {
		return out, nil
	}
	ids := make([]string, len(page))
	for i, h := range page {
		ids[i] = h.ID
	}
	req := bleve.NewSearchRequestOptions(p.highlight(ids), len(ids), 0, false)
	req.Fields = hitFields
	h := bleve.NewHighlightWithStyle(highlightStyle)
	h.AddField(fieldTitle)
	h.AddField(fieldBody)
	req.Highlight = h
	r, err := x.searchIn(ctx, req)
	if err != nil {
		return nil, searchErr(err)
	}
	byID := make(map[string]*bsearch.DocumentMatch, len(r.Hits))
	for _, h := range r.Hits {
		byID[h.ID] = h
	}
	for _, ph := range page {
		// A document deleted between the searches is left out.
		if h := byID[ph.ID]; h != nil {
			out = append(out, toHit(h.ID, ph.Score, h.Fields, h.Fragments))
		}
	}
	return out, nil
}

// runAll runs the requests that need a search, the first in this
// goroutine and the others (hits-less, for disjunctive counts) in their
// own, so that one query uses more than one core.
func (x *Index) runAll(ctx context.Context, reqs []facetRequest) ([]*bleve.SearchResult, error) {
	results := make([]*bleve.SearchResult, len(reqs))
	errs := make([]error, len(reqs))
	var wg sync.WaitGroup
	for i := 1; i < len(reqs); i++ {
		if reqs[i].req != nil {
			wg.Go(func() { results[i], errs[i] = x.searchIn(ctx, reqs[i].req) })
		}
	}
	results[0], errs[0] = x.searchIn(ctx, reqs[0].req)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, searchErr(err)
		}
	}
	return results, nil
}

// docValueCounts counts every facet value among the matches of req's
// query with Bleve's term facet (doc values): the fallback when matches
// cannot be recorded.
func (x *Index) docValueCounts(ctx context.Context, req *bleve.SearchRequest) (map[string]map[string]int, error) {
	q := req.Query
	if rq, ok := q.(*recordQuery); ok {
		q = rq.Query
	}
	cr := bleve.NewSearchRequestOptions(q, 0, 0, false)
	cr.AddFacet(fieldFacets, bleve.NewFacetRequest(fieldFacets, 1<<30))
	r, err := x.searchIn(ctx, cr)
	if err != nil {
		return nil, searchErr(err)
	}
	out := map[string]map[string]int{}
	fres := r.Facets[fieldFacets]
	if fres == nil || fres.Terms == nil {
		return out, nil
	}
	for _, t := range fres.Terms.Terms() {
		name, value, ok := strings.Cut(t.Term, facetSep)
		if !ok {
			continue
		}
		if out[name] == nil {
			out[name] = map[string]int{}
		}
		out[name][value] = t.Count
	}
	return out, nil
}

func searchErr(err error) error {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("bleve: search: %w: %v", search.ErrTimeout, err)
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("bleve: search: %w", err)
	case errors.Is(err, bleve.ErrorIndexClosed), errors.Is(err, ErrDamaged):
		return fmt.Errorf("bleve: search: %w: %v", search.ErrUnavailable, err)
	}
	return fmt.Errorf("bleve: search: %w", err)
}

func toHit(id string, score float64, fields map[string]interface{}, frags map[string][]string) search.Hit {
	d := fromFields(id, fields)
	h := search.Hit{Document: d, Score: score}
	h.TitleHTML = html.EscapeString(d.Title)
	if f := frags[fieldTitle]; len(f) > 0 && strings.Contains(f[0], "<mark>") {
		h.TitleHTML = f[0]
	}
	if f := frags[fieldBody]; len(f) > 0 {
		h.SnippetHTML = tidyFragment(f[0])
	}
	return h
}
