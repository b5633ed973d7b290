package indexer

import (
	"strings"
	"unicode"

	"github.com/accord-search/accord/search"
)

// Limits on the facet values a .jsonl record gives, the same as a search
// URL accepts (web: 20 values per facet, 200 bytes per value), so that
// every value's facet link works.
const (
	maxRecordValues     = 20
	maxRecordValueBytes = 200
)

// cleanValues makes a record's facet values fit to index: control
// characters become spaces, runs of space collapse, empty and over-long
// values and repeats are dropped, and at most maxRecordValues are kept.
// nil (the record gave no such field) stays nil.
func cleanValues(vals []string) []string {
	if vals == nil {
		return nil
	}
	out := make([]string, 0, min(len(vals), maxRecordValues))
	seen := map[string]bool{}
	for _, v := range vals {
		v = strings.Join(strings.FieldsFunc(v, func(r rune) bool {
			return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\uFFFD'
		}), " ")
		if v == "" || len(v) > maxRecordValueBytes || seen[v] {
			continue
		}
		seen[v] = true
		out = append(out, v)
		if len(out) == maxRecordValues {
			break
		}
	}
	return out
}

// validDate keeps a record's date only within the years every engine
// and the search form accept (search.MinYear to search.MaxYear).
func validDate(date string) string {
	t, err := search.ParseDate(date)
	if err != nil || t.Year() < search.MinYear || t.Year() > search.MaxYear {
		return ""
	}
	return date
}
