package meili

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/accord-search/accord/search"
)

// quote returns v as a double-quoted Meilisearch filter value.
//
// Meilisearch's filter parser unescapes a quoted value twice: first an
// escaped quote (\") becomes a quote, then the whole value goes through an
// unescaper that turns \\ into \ (and would also read \n, \t, \u{…}). So
// backslashes are doubled first and quotes escaped second; every backslash
// that reaches the server is then part of a pair, and no other escape can
// form. Quoting every value also keeps reserved words (AND, OR, NOT, TO,
// EXISTS, …) and characters outside [A-Za-z0-9_.-] from being parsed as
// syntax.
func quote(v string) string {
	v = strings.ReplaceAll(v, `\`, `\\`)
	v = strings.ReplaceAll(v, `"`, `\"`)
	return `"` + v + `"`
}

// equals returns the filter expression attr = "v". Attribute names are our
// own constants, never input.
func equals(attr, v string) string {
	return attr + " = " + quote(v)
}

// facetFilter returns the array-form filter (outer AND, inner OR) for the
// facet selections in filters, in the canonical facet order, followed by the
// date range [from, toEnd). It returns nil, not an empty slice, when nothing
// is filtered, so that no "filter" key is sent.
func facetFilter(filters map[search.Facet][]string, from, toEnd time.Time) [][]string {
	var out [][]string
	for _, f := range search.Facets {
		values := filters[f]
		if len(values) == 0 {
			continue
		}
		attr := facetAttr[f]
		group := make([]string, 0, len(values))
		for _, v := range values {
			group = append(group, equals(attr, v))
		}
		out = append(out, group)
	}
	if d := dateFilter(from, toEnd); d != "" {
		out = append(out, []string{d})
	}
	return out
}

// dateFilter returns the expression for from <= date < toEnd on date_ts
// (Unix seconds); a zero bound is open. It returns "" for an open range.
func dateFilter(from, toEnd time.Time) string {
	var parts []string
	if !from.IsZero() {
		parts = append(parts, attrDateTS+" >= "+strconv.FormatInt(from.Unix(), 10))
	}
	if !toEnd.IsZero() {
		parts = append(parts, attrDateTS+" < "+strconv.FormatInt(toEnd.Unix(), 10))
	}
	return strings.Join(parts, " AND ")
}

// filterValue returns the filter as the interface value the SDK sends:
// nil when empty (the key is then omitted), the array form otherwise.
func filterValue(f [][]string) any {
	if len(f) == 0 {
		return nil
	}
	return f
}

// checkFacets rejects filters on facets this backend does not know, rather
// than silently dropping them.
func checkFacets(filters map[search.Facet][]string) error {
	for f := range filters {
		if _, ok := facetAttr[f]; !ok {
			return fmt.Errorf("%w: unknown facet %q", search.ErrBadQuery, f)
		}
	}
	return nil
}
