package bleve

import (
	"context"
	"errors"
	"fmt"
	"html"
	"maps"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"

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
	reqs := buildRequests(q)
	results, err := x.runAll(withSnapshots(ctx, &x.snaps), reqs)
	if err != nil {
		return nil, err
	}
	res := &search.Result{Facets: map[search.Facet][]search.FacetCount{}}
	res.Total = int(results[0].Total)
	res.Hits = make([]search.Hit, 0, len(results[0].Hits))
	for _, h := range results[0].Hits {
		res.Hits = append(res.Hits, toHit(h.ID, h.Score, h.Fields, h.Fragments))
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

// runAll runs the requests that need a search, the first in this
// goroutine and the others (hits-less, for disjunctive counts) in their
// own, so that one query uses more than one core.
func (x *Index) runAll(ctx context.Context, reqs []facetRequest) ([]*bleve.SearchResult, error) {
	results := make([]*bleve.SearchResult, len(reqs))
	errs := make([]error, len(reqs))
	var wg sync.WaitGroup
	for i := 1; i < len(reqs); i++ {
		if reqs[i].req != nil {
			wg.Go(func() { results[i], errs[i] = x.alias.SearchInContext(ctx, reqs[i].req) })
		}
	}
	results[0], errs[0] = x.alias.SearchInContext(ctx, reqs[0].req)
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
	r, err := x.alias.SearchInContext(ctx, cr)
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
	case errors.Is(err, bleve.ErrorIndexClosed):
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
