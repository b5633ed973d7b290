package search

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// NormalizeFacet is the form in which facet values are compared, as
// Meilisearch compares them (milli's normalize_facet in v1.24.0): trimmed,
// in Unicode compatibility decomposition (NFKD), lowercased. A filter on
// "mexico" matches documents tagged "Mexico", on every engine, and the
// counts of "Mexico" and "MEXICO" are one value's.
func NormalizeFacet(v string) string {
	return strings.ToLower(norm.NFKD.String(strings.TrimSpace(v)))
}

// mergeFacetValues folds the counts of values that normalize alike into
// one value, shown as the smallest of their spellings (as Meilisearch
// shows one original per normalized value). A document tagged with two
// spellings of one value is counted twice; extraction never produces that.
func mergeFacetValues(counts map[string]int) map[string]int {
	shown := make(map[string]string, len(counts)) // normalized → spelling shown
	sum := make(map[string]int, len(counts))
	for v, n := range counts {
		k := NormalizeFacet(v)
		if s, ok := shown[k]; !ok || v < s {
			shown[k] = v
		}
		sum[k] += n
	}
	if len(sum) == len(counts) {
		return counts
	}
	out := make(map[string]int, len(sum))
	for k, n := range sum {
		out[shown[k]] = n
	}
	return out
}
