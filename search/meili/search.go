package meili

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"time"

	"github.com/accord-search/accord/search"
	"github.com/meilisearch/meilisearch-go"
)

// Search runs q as one multi-search call: the main query, plus one
// hits-less query per facet with a selection for its disjunctive counts.
//
// A missing index is reported as search.ErrUnavailable, not as an empty
// result: Setup creates the index, so its absence means the engine is not
// ready or points at the wrong index.
func (e *Engine) Search(ctx context.Context, q search.Query) (*search.Result, error) {
	start := time.Now()
	p, err := buildSearch(e.uid, q)
	if err != nil {
		return nil, fmt.Errorf("meili: search: %w", err)
	}
	resp, err := e.client.MultiSearchWithContext(ctx, p.req)
	if err != nil {
		return nil, e.wrapErr("search", err)
	}
	res, err := p.result(resp)
	if err != nil {
		return nil, fmt.Errorf("meili: search: %w", err)
	}
	res.Took = time.Since(start)
	return res, nil
}

// hit is one search hit as Meilisearch returns it.
type hit struct {
	search.Document
	Formatted struct {
		Title string `json:"title"`
		Body  string `json:"body"`
	} `json:"_formatted"`
	RankingScore float64 `json:"_rankingScore"`
}

// result reads the multi-search answer back into a search.Result.
func (p *plan) result(resp *meilisearch.MultiSearchResponse) (*search.Result, error) {
	if got, want := len(resp.Results), len(p.req.Queries); got != want {
		return nil, fmt.Errorf("%d results for %d queries", got, want)
	}
	main := resp.Results[0]
	res := &search.Result{Total: int(main.TotalHits)}
	if res.Total > search.MaxWindow {
		res.Total, res.TotalCapped = search.MaxWindow, true
	}
	hits, err := decodeHits(main.Hits)
	if err != nil {
		return nil, err
	}
	if w := p.q.Window(); len(hits) > w {
		hits = hits[:w]
	}
	res.Hits = hits
	if p.q.NoFacets {
		return res, nil
	}
	dist, err := distribution(main.FacetDistribution)
	if err != nil {
		return nil, err
	}
	res.Years = search.SortYears(dist[attrYear])
	counts := make(map[search.Facet]map[string]int, len(search.Facets))
	for _, f := range search.Facets {
		counts[f] = dist[facetAttr[f]]
	}
	for i, f := range p.disjunctive {
		d, err := distribution(resp.Results[i+1].FacetDistribution)
		if err != nil {
			return nil, err
		}
		counts[f] = d[facetAttr[f]]
	}
	res.Facets = make(map[search.Facet][]search.FacetCount, len(search.Facets))
	for _, f := range search.Facets {
		c := counts[f]
		if c == nil {
			c = map[string]int{}
		}
		// Meilisearch omits zero counts; SortFacetCounts puts the selected
		// values back at 0.
		res.Facets[f] = search.SortFacetCounts(c, p.q.Filters[f], p.q.FacetSize)
	}
	return res, nil
}

// decodeHits decodes hits and turns their _formatted fields into safe HTML.
func decodeHits(hits meilisearch.Hits) ([]search.Hit, error) {
	out := make([]search.Hit, 0, len(hits))
	for _, raw := range hits {
		var h hit
		if err := decodeHit(raw, &h); err != nil {
			return nil, fmt.Errorf("decode hit: %w", err)
		}
		titleHTML := markHTML(h.Formatted.Title)
		if h.Formatted.Title == "" {
			titleHTML = html.EscapeString(h.Title)
		}
		out = append(out, search.Hit{
			Document:    h.Document,
			TitleHTML:   titleHTML,
			SnippetHTML: markHTML(h.Formatted.Body),
			Score:       h.RankingScore,
		})
	}
	return out, nil
}

// distribution decodes a facetDistribution object.
func distribution(raw json.RawMessage) (map[string]map[string]int, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	var d map[string]map[string]int
	if err := json.Unmarshal(raw, &d); err != nil {
		return nil, fmt.Errorf("decode facetDistribution: %w", err)
	}
	return d, nil
}
