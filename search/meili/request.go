package meili

import (
	"github.com/accord-search/accord/search"
	"github.com/meilisearch/meilisearch-go"
)

// plan is a search.Query translated into one multi-search request, with
// what is needed to read the answer back.
type plan struct {
	// q is the normalized query.
	q   search.Query
	req *meilisearch.MultiSearchRequest
	// disjunctive[i] is the facet counted by req.Queries[i+1], or by
	// fed[i+1] for a federated plan.
	disjunctive []search.Facet
	// fed, when set, replaces req: the text expands into variants (OR,
	// entities) sent as federated multi-searches (federate.go), the first
	// for the hits, one more per facet with a selection.
	fed []*meilisearch.MultiSearchRequest
}

// buildSearch translates q into the Meilisearch requests for index. It is
// pure: everything the engine sends for a search is decided here.
//
// Query 0 is the main query: the hits, the total, the year counts and the
// counts of facets with no selection. Then, for each facet with a selection,
// a hits-less query with every filter except that facet's own gives that
// facet's counts, so the values not selected show how many results choosing
// them would add (OR within a facet). With q.NoFacets only the main query is
// sent, without facets.
func buildSearch(index string, q search.Query) (*plan, error) {
	if err := q.Normalize(); err != nil {
		return nil, err
	}
	if err := checkFacets(q.Filters); err != nil {
		return nil, err
	}
	p := &plan{q: q}
	if vs := variants(q); vs != nil {
		p.fed, p.disjunctive = federated(index, q, vs)
		return p, nil
	}
	p.req = &meilisearch.MultiSearchRequest{}
	p.req.Queries = append(p.req.Queries, mainQuery(index, q))
	if q.NoFacets {
		return p, nil
	}
	for _, f := range search.Facets {
		if len(q.Filters[f]) == 0 {
			continue
		}
		p.disjunctive = append(p.disjunctive, f)
		p.req.Queries = append(p.req.Queries, &meilisearch.SearchRequest{
			IndexUID:         index,
			Query:            q.Text,
			MatchingStrategy: strategy(q),
			Filter:           filterValue(facetFilter(q.Without(f), q.From, q.ToEnd())),
			Facets:           []string{facetAttr[f]},
			HitsPerPage:      ptr(int64(0)),
		})
	}
	return p, nil
}

// mainQuery returns the query for hits, total and the facets that have no
// selection.
func mainQuery(index string, q search.Query) *meilisearch.SearchRequest {
	r := &meilisearch.SearchRequest{
		IndexUID:         index,
		Query:            q.Text,
		MatchingStrategy: strategy(q),
		Filter:           filterValue(facetFilter(q.Filters, q.From, q.ToEnd())),
		Sort:             sortFor(q),
		// Any page or hitsPerPage selects exhaustive totalHits (capped at
		// maxTotalHits) instead of estimatedTotalHits.
		Page:                  int64(q.Page),
		HitsPerPage:           ptr(int64(q.PerPage)),
		AttributesToRetrieve:  hitAttributes,
		AttributesToHighlight: []string{attrTitle, attrBody},
		AttributesToCrop:      []string{attrBody},
		CropLength:            cropWords,
		CropMarker:            cropMarker,
		HighlightPreTag:       preTag,
		HighlightPostTag:      postTag,
		ShowRankingScore:      true,
	}
	if q.Window() == 0 {
		// The page lies past the window: no hits, but still the total. The
		// server would answer the same; asking for none says so plainly.
		r.Page = 0
		r.HitsPerPage = ptr(int64(0))
	}
	if !q.NoFacets {
		for _, f := range search.Facets {
			if len(q.Filters[f]) == 0 {
				r.Facets = append(r.Facets, facetAttr[f])
			}
		}
		r.Facets = append(r.Facets, attrYear)
	}
	return r
}

// strategy is q's matching strategy as Meilisearch names it. The server
// applies it the way the Bleve engine does: the universe of the query (and
// so totalHits and every facet count) is the most relaxed query, and the
// "words" ranking rule orders the buckets.
func strategy(q search.Query) meilisearch.MatchingStrategy {
	switch q.Strategy() {
	case search.MatchAll:
		return meilisearch.All
	case search.MatchFrequency:
		return meilisearch.Frequency
	}
	return meilisearch.Last
}

// sortFor returns the sort for q: by date when asked, and newest first when
// browsing by relevance (no query words: no text, or only -exclusions, which
// Meilisearch answers with a placeholder search), where every document
// ranks the same.
func sortFor(q search.Query) []string {
	switch {
	case q.Sort == search.SortNewest:
		return []string{attrDateTS + ":desc"}
	case q.Sort == search.SortOldest:
		return []string{attrDateTS + ":asc"}
	case len(search.ParseText(q.Text).Terms) == 0:
		return []string{attrDateTS + ":desc"}
	}
	return nil
}

func ptr[T any](v T) *T { return &v }
