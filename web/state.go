package web

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/accord-search/accord/search"
)

// URL parameter names. Facet parameters are the search.Facet names, and a
// facet's value search is "fq_" plus its name.
const (
	paramQ           = "q"
	paramFrom        = "from"
	paramTo          = "to"
	paramSort        = "sort"
	paramMatch       = "match"
	paramPage        = "page"
	paramPerPage     = "per_page"
	facetQueryPrefix = "fq_"
)

// Limits on what a URL may ask for; larger requests get a 400.
const (
	maxTextRunes       = 256
	maxValuesPerFacet  = 20
	maxValueBytes      = 200
	maxFacetQueryRunes = 64
	// facetSearchSize is how many values per facet are counted when a
	// facet value search is active, so that it reaches past the top values.
	facetSearchSize = 1000
)

// State is everything a search page shows, read from its URL and written
// back in one canonical spelling. The zero value (plus defaults from
// ParseState) browses everything.
type State struct {
	Text string
	// Filters holds the selected values per facet, deduplicated and sorted.
	Filters map[search.Facet][]string
	// From and To are dates as "YYYY", "YYYY-MM" or "YYYY-MM-DD"; To
	// includes its whole period.
	From, To string
	Sort     search.Sort
	// Match is the matching strategy; "" is search.DefaultMatch, which the
	// canonical URL leaves out ("match=all" keeps every word required).
	Match   search.Match
	Page    int
	PerPage int
	// FacetQuery holds the text of each facet's "find a value" box.
	FacetQuery map[search.Facet]string
}

// ParamError is a URL parameter that cannot be used. It wraps
// search.ErrBadQuery, so it maps to 400.
type ParamError struct {
	Param  string
	Reason string
}

func (e *ParamError) Error() string { return fmt.Sprintf("parameter %q: %s", e.Param, e.Reason) }

// Unwrap makes errors.Is(err, search.ErrBadQuery) hold.
func (e *ParamError) Unwrap() error { return search.ErrBadQuery }

// ParseState reads a search state from URL parameters. It trims and
// deduplicates values, clamps per_page to search.MaxPerPage and page to the
// deepest reachable page, drops unknown parameters, and rejects with a
// *ParamError what it cannot repair: malformed numbers and dates, an unknown
// sort, repeated single parameters, and oversized values. The canonical
// URL of the result is s.URL(path); callers redirect when it differs.
func ParseState(v url.Values) (State, error) {
	s := State{Sort: search.SortRelevance, Page: 1, PerPage: search.DefaultPerPage}
	var err error
	if s.Text, err = parseText(v); err != nil {
		return State{}, err
	}
	if s.Filters, err = parseFilters(v); err != nil {
		return State{}, err
	}
	if s.FacetQuery, err = parseFacetQueries(v); err != nil {
		return State{}, err
	}
	if err := s.parseDates(v); err != nil {
		return State{}, err
	}
	if err := s.parsePaging(v); err != nil {
		return State{}, err
	}
	return s, nil
}

// single returns the one value of parameter k; a repeated parameter is an error.
func single(v url.Values, k string) (string, error) {
	vals := v[k]
	switch {
	case len(vals) == 0:
		return "", nil
	case len(vals) > 1:
		return "", &ParamError{k, "given more than once"}
	case !utf8.ValidString(vals[0]):
		return "", &ParamError{k, "not valid UTF-8"}
	}
	return vals[0], nil
}

// clean replaces control characters with spaces, trims, and collapses runs
// of spaces, so that "  cyber\tsecurity " and "cyber security" are one URL.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

func parseText(v url.Values) (string, error) {
	raw, err := single(v, paramQ)
	if err != nil {
		return "", err
	}
	t := clean(raw)
	if utf8.RuneCountInString(t) > maxTextRunes {
		return "", &ParamError{paramQ, fmt.Sprintf("longer than %d characters", maxTextRunes)}
	}
	return t, nil
}

func parseFilters(v url.Values) (map[search.Facet][]string, error) {
	out := map[search.Facet][]string{}
	for _, f := range search.Facets {
		var vals []string
		for _, raw := range v[string(f)] {
			if !utf8.ValidString(raw) {
				return nil, &ParamError{string(f), "not valid UTF-8"}
			}
			val := clean(raw)
			if len(val) > maxValueBytes {
				return nil, &ParamError{string(f), fmt.Sprintf("a value is longer than %d bytes", maxValueBytes)}
			}
			if val != "" {
				vals = append(vals, val)
			}
		}
		slices.Sort(vals)
		vals = slices.Compact(vals)
		if len(vals) > maxValuesPerFacet {
			return nil, &ParamError{string(f), fmt.Sprintf("more than %d values", maxValuesPerFacet)}
		}
		if len(vals) > 0 {
			out[f] = vals
		}
	}
	return out, nil
}

func parseFacetQueries(v url.Values) (map[search.Facet]string, error) {
	out := map[search.Facet]string{}
	for _, f := range search.Facets {
		k := facetQueryPrefix + string(f)
		raw, err := single(v, k)
		if err != nil {
			return nil, err
		}
		t := clean(raw)
		if utf8.RuneCountInString(t) > maxFacetQueryRunes {
			return nil, &ParamError{k, fmt.Sprintf("longer than %d characters", maxFacetQueryRunes)}
		}
		if t != "" {
			out[f] = t
		}
	}
	return out, nil
}

// dateLayouts maps the length of a date string to its layout.
var dateLayouts = map[int]string{4: "2006", 7: "2006-01", 10: search.DateLayout}

// canonicalDate validates a "YYYY", "YYYY-MM" or "YYYY-MM-DD" date and
// returns it in that same precision, zero-padded.
func canonicalDate(k, raw string) (string, time.Time, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", time.Time{}, nil
	}
	t, err := search.ParseDate(s)
	if err != nil {
		return "", time.Time{}, &ParamError{k, fmt.Sprintf("%q is not a date: use YYYY-MM-DD, YYYY-MM or YYYY", s)}
	}
	if t.Year() < search.MinYear || t.Year() > search.MaxYear {
		return "", time.Time{}, &ParamError{k, fmt.Sprintf("%q is out of range: dates run from %d to %d", s, search.MinYear, search.MaxYear)}
	}
	return t.Format(dateLayouts[len(s)]), t, nil
}

func (s *State) parseDates(v url.Values) error {
	from, err := single(v, paramFrom)
	if err != nil {
		return err
	}
	to, err := single(v, paramTo)
	if err != nil {
		return err
	}
	var fromT, toT time.Time
	if s.From, fromT, err = canonicalDate(paramFrom, from); err != nil {
		return err
	}
	if s.To, toT, err = canonicalDate(paramTo, to); err != nil {
		return err
	}
	if s.From != "" && s.To != "" && periodEnd(toT, s.To).Before(fromT) {
		return &ParamError{paramTo, fmt.Sprintf("the range ends (%s) before it starts (%s)", s.To, s.From)}
	}
	return nil
}

// periodEnd returns the last day of the period that date string d (with
// start t) names: the year, the month or the day itself.
func periodEnd(t time.Time, d string) time.Time {
	switch len(d) {
	case 4:
		return t.AddDate(1, 0, -1)
	case 7:
		return t.AddDate(0, 1, -1)
	}
	return t
}

func (s *State) parsePaging(v url.Values) error {
	sort, err := single(v, paramSort)
	if err != nil {
		return err
	}
	switch search.Sort(sort) {
	case "", search.SortRelevance:
	case search.SortNewest, search.SortOldest:
		s.Sort = search.Sort(sort)
	default:
		return &ParamError{paramSort, fmt.Sprintf("%q is not one of relevance, newest, oldest", sort)}
	}
	match, err := single(v, paramMatch)
	if err != nil {
		return err
	}
	switch m := search.Match(match); m {
	case "", search.DefaultMatch:
	case search.MatchAll, search.MatchFrequency:
		s.Match = m
	default:
		return &ParamError{paramMatch, fmt.Sprintf("%q is not one of last, all, frequency", match)}
	}
	if s.PerPage, err = positive(v, paramPerPage, search.DefaultPerPage); err != nil {
		return err
	}
	s.PerPage = min(s.PerPage, search.MaxPerPage)
	if s.Page, err = positive(v, paramPage, 1); err != nil {
		return err
	}
	s.Page = min(s.Page, lastPage(s.PerPage))
	return nil
}

// positive parses a whole number ≥ 1, or returns def when k is absent.
func positive(v url.Values, k string, def int) (int, error) {
	raw, err := single(v, k)
	if err != nil || raw == "" {
		return def, err
	}
	n, err := strconv.Atoi(strings.TrimSpace(raw))
	if err != nil || n < 1 {
		return 0, &ParamError{k, fmt.Sprintf("%q is not a whole number of at least 1", raw)}
	}
	return n, nil
}

// lastPage is the deepest page the engines serve (search.MaxWindow).
func lastPage(perPage int) int {
	return (search.MaxWindow + perPage - 1) / perPage
}
