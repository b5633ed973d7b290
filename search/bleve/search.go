package bleve

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/accord-search/accord/search"
)

// Search runs q: the main request and, for each facet with a selection,
// a hits-less request for its disjunctive counts.
func (x *Index) Search(ctx context.Context, q search.Query) (*search.Result, error) {
	start := time.Now()
	res := &search.Result{Facets: map[search.Facet][]search.FacetCount{}}
	for i, fr := range buildRequests(q) {
		r, err := x.alias.SearchInContext(ctx, fr.req)
		if err != nil {
			return nil, searchErr(err)
		}
		if i == 0 {
			res.Total = int(r.Total)
			res.Hits = make([]search.Hit, 0, len(r.Hits))
			for _, h := range r.Hits {
				res.Hits = append(res.Hits, toHit(h.ID, h.Score, h.Fields, h.Fragments))
			}
		}
		for _, name := range fr.facets {
			counts := map[string]int{}
			if fres := r.Facets[name]; fres != nil && fres.Terms != nil {
				for _, t := range fres.Terms.Terms() {
					counts[t.Term] = t.Count
				}
			}
			if name == yearFacet {
				res.Years = search.SortYears(counts)
				continue
			}
			f := search.Facet(name)
			res.Facets[f] = search.SortFacetCounts(counts, q.Filters[f], q.FacetSize)
		}
	}
	res.Took = time.Since(start)
	return res, nil
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
