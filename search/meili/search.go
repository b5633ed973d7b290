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
// A text with OR groups or entities is run as federated multi-searches
// instead, one call plus one per facet with a selection (federate.go).
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
	reqs := p.fed
	if reqs == nil {
		reqs = []*meilisearch.MultiSearchRequest{p.req}
	}
	resps := make([]*meilisearch.MultiSearchResponse, len(reqs))
	for i, r := range reqs {
		if resps[i], err = e.client.MultiSearchWithContext(ctx, r); err != nil {
			return nil, e.wrapErr("search", err)
		}
	}
	var res *search.Result
	if p.fed != nil {
		res, err = p.federatedResult(resps)
	} else {
		res, err = p.result(resps[0])
	}
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
	dist, err := distribution(main.FacetDistribution)
	if err != nil {
		return nil, err
	}
	others := make([]map[string]map[string]int, len(p.disjunctive))
	for i := range p.disjunctive {
		if others[i], err = distribution(resp.Results[i+1].FacetDistribution); err != nil {
			return nil, err
		}
	}
	return p.assemble(main.TotalHits, main.Hits, dist, others)
}

// federatedResult reads the federated answers back: resps[0] for the
// hits, the total and the main counts, resps[i+1] for the counts of
// p.disjunctive[i].
func (p *plan) federatedResult(resps []*meilisearch.MultiSearchResponse) (*search.Result, error) {
	if got, want := len(resps), len(p.fed); got != want {
		return nil, fmt.Errorf("%d answers for %d requests", got, want)
	}
	dist, err := mergedDistribution(resps[0].FacetDistribution)
	if err != nil {
		return nil, err
	}
	others := make([]map[string]map[string]int, len(p.disjunctive))
	for i := range p.disjunctive {
		if others[i], err = mergedDistribution(resps[i+1].FacetDistribution); err != nil {
			return nil, err
		}
	}
	return p.assemble(resps[0].EstimatedTotalHits, resps[0].Hits, dist, others)
}

// assemble builds the result from the total, the hits, the main facet
// distribution and one distribution per disjunctive facet.
func (p *plan) assemble(total int64, rawHits meilisearch.Hits, dist map[string]map[string]int, others []map[string]map[string]int) (*search.Result, error) {
	res := &search.Result{Total: int(total)}
	if res.Total > search.MaxWindow {
		res.Total, res.TotalCapped = search.MaxWindow, true
	}
	hits, err := decodeHits(rawHits)
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
	res.Years = search.SortYears(dist[attrYear])
	counts := make(map[search.Facet]map[string]int, len(search.Facets))
	for _, f := range search.Facets {
		counts[f] = dist[facetAttr[f]]
	}
	for i, f := range p.disjunctive {
		counts[f] = others[i][facetAttr[f]]
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

// mergedDistribution decodes a federated facetDistribution (the SDK keeps
// it as one raw value per facet).
func mergedDistribution(raw map[string]json.RawMessage) (map[string]map[string]int, error) {
	out := make(map[string]map[string]int, len(raw))
	for attr, r := range raw {
		var d map[string]int
		if err := json.Unmarshal(r, &d); err != nil {
			return nil, fmt.Errorf("decode facetDistribution.%s: %w", attr, err)
		}
		out[attr] = d
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
