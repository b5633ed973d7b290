package searchtest

import (
	"slices"

	"github.com/accord-search/accord/search"
)

// expectedFacets computes the facet counts a case implies, from the
// fixture: for each facet, count values over the documents that match
// the text, the date range and every filter except the facet's own.
func expectedFacets(c Case, docs []search.Document) map[search.Facet][]search.FacetCount {
	q := c.Query
	_ = q.Normalize()
	out := map[search.Facet][]search.FacetCount{}
	for _, f := range search.Facets {
		counts := map[string]int{}
		for _, d := range docs {
			if !matches(c, d, q.Without(f)) {
				continue
			}
			for _, v := range d.Values(f) {
				counts[v]++
			}
		}
		out[f] = search.SortFacetCounts(counts, q.Filters[f], q.FacetSize)
	}
	return out
}

// expectedYears counts matching documents per year.
func expectedYears(c Case, docs []search.Document) []search.FacetCount {
	counts := map[string]int{}
	for _, d := range docs {
		if matches(c, d, c.Query.Filters) {
			counts[d.Year()]++
		}
	}
	return search.SortYears(counts)
}

func matches(c Case, d search.Document, filters map[search.Facet][]string) bool {
	if c.TextMatches != nil && !slices.Contains(c.TextMatches, d.ID) {
		return false
	}
	for f, vals := range filters {
		// Values compare in normalized form, as Meilisearch compares them.
		if len(vals) > 0 && !slices.ContainsFunc(vals, func(v string) bool {
			return slices.ContainsFunc(d.Values(f), func(dv string) bool { return search.NormalizeFacet(dv) == search.NormalizeFacet(v) })
		}) {
			return false
		}
	}
	q := c.Query
	if !q.From.IsZero() || !q.To.IsZero() {
		t, ok := d.Time()
		if !ok || (!q.From.IsZero() && t.Before(q.From)) || (!q.To.IsZero() && !t.Before(q.ToEnd())) {
			return false
		}
	}
	return true
}
