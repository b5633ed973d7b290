package search

import (
	"sort"
	"time"
)

// Result is what an engine answers to a Query.
type Result struct {
	Hits []Hit
	// Total is the number of matching documents, or MaxWindow when
	// TotalCapped.
	Total int
	// TotalCapped: more than MaxWindow documents match and the engine
	// stopped counting, so Total (MaxWindow) is only a lower bound and
	// pages say "more than 1,000 results". Meilisearch counts no further
	// than its pagination.maxTotalHits; Bleve counts exactly and never
	// sets it. Facet and year counts are over all matches either way.
	TotalCapped bool
	// AllWords is how many matches have every query word (the first
	// bucket of the words rule) when AllWordsKnown: an engine that ranks
	// by buckets learns it for free, so a page can say that its later
	// hits lack some words without a second search. Unknown otherwise.
	AllWords      int
	AllWordsKnown bool
	// Facets holds value counts per facet. A facet with a selection gets
	// disjunctive counts: computed with every filter except its own.
	Facets map[Facet][]FacetCount
	// Years counts matching documents per publication year, newest first.
	Years []FacetCount
	Took  time.Duration
}

// Hit is one matching document with safe HTML highlights.
type Hit struct {
	Document
	// TitleHTML and SnippetHTML are HTML: the document text escaped, and
	// only the matched words wrapped in <mark>.
	TitleHTML   string
	SnippetHTML string
	Score       float64
}

// FacetCount is one facet value and the number of matching documents.
type FacetCount struct {
	Value    string `json:"value"`
	Count    int    `json:"count"`
	Selected bool   `json:"selected"`
}

// SortFacetCounts orders counts by count descending, then value, and
// marks and keeps the selected values (at count 0 if the engine had none).
// Values are compared by NormalizeFacet: spellings of one value are
// counted as one, and a selection in another case marks the counted value
// instead of showing separately at 0.
func SortFacetCounts(counts map[string]int, selected []string, limit int) []FacetCount {
	counts = mergeFacetValues(counts)
	byNorm := make(map[string]string, len(counts))
	for v := range counts {
		byNorm[NormalizeFacet(v)] = v
	}
	sel := make(map[string]bool, len(selected))
	for _, s := range selected {
		v, ok := byNorm[NormalizeFacet(s)]
		if !ok {
			// Not counted: shown as selected at 0, as typed.
			v = s
			counts[v] = 0
			byNorm[NormalizeFacet(s)] = v
		}
		sel[v] = true
	}
	out := make([]FacetCount, 0, len(counts))
	for v, n := range counts {
		out = append(out, FacetCount{Value: v, Count: n, Selected: sel[v]})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Value < out[j].Value
	})
	if limit > 0 && len(out) > limit {
		kept := out[:limit:limit]
		for _, fc := range out[limit:] {
			if fc.Selected {
				kept = append(kept, fc)
			}
		}
		out = kept
	}
	return out
}

// SortYears orders year counts newest first.
func SortYears(counts map[string]int) []FacetCount {
	out := make([]FacetCount, 0, len(counts))
	for y, n := range counts {
		if y != "" && n > 0 {
			out = append(out, FacetCount{Value: y, Count: n})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Value > out[j].Value })
	return out
}
