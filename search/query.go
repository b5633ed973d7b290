package search

import (
	"fmt"
	"time"
)

// Facet names a faceted field. The values are the URL parameter names.
type Facet string

// The facets every engine supports.
const (
	FacetCountry  Facet = "country"
	FacetOfficial Facet = "official"
	FacetTopic    Facet = "topic"
	// FacetType is the kind of document ("Press release", "Readout"):
	// one value per document (Document.Type).
	FacetType Facet = "type"
	// FacetPublisher is the publisher ("U.S. Department of Homeland
	// Security"): one value per document (Document.Source).
	FacetPublisher Facet = "publisher"
)

// Facets lists the facets in their canonical (URL and display) order.
var Facets = []Facet{FacetCountry, FacetOfficial, FacetTopic, FacetType, FacetPublisher}

// Sort is the order of hits.
type Sort string

// The sort orders. SortRelevance with an empty query text browses newest first.
const (
	SortRelevance Sort = "relevance"
	SortNewest    Sort = "newest"
	SortOldest    Sort = "oldest"
)

// Limits that every engine applies the same way.
const (
	// MaxWindow caps how deep results can be paged (page*per_page), like
	// Meilisearch's pagination.maxTotalHits.
	MaxWindow = 1000
	// MaxPerPage is the largest page size.
	MaxPerPage = 100
	// DefaultPerPage is the page size when none is asked for.
	DefaultPerPage = 10
	// FacetSize is how many values per facet an engine returns at most.
	FacetSize = 100
	// MinYear and MaxYear bound the dates a query may name. Every engine
	// can represent them (Bleve stores a date as int64 nanoseconds since
	// 1970, which ends in 1677 and 2262), and they cover any press release.
	MinYear = 1800
	MaxYear = 2200
)

// Query is an engine-neutral search request.
type Query struct {
	// Text is the user's query; empty browses everything.
	Text string
	// Filters selects values per facet: OR within a facet, AND across facets.
	Filters map[Facet][]string
	// From and To bound the publication date, inclusive, by day; zero is open.
	From, To time.Time
	Sort     Sort
	// Page is 1-based.
	Page    int
	PerPage int
	// FacetSize overrides how many values per facet to count (0: FacetSize).
	FacetSize int
	// NoFacets skips facet counting (used by exports and related documents).
	NoFacets bool
	// Match is the matching strategy for a query of several words (see
	// Match); empty means DefaultMatch. Text syntax (phrases, -exclusions,
	// OR) is read by ParseText.
	Match Match
	// Entities lists query words that name facet values (filled by the
	// caller from alias data): documents carrying the value match those
	// words. Words that are not terms of the query are ignored.
	Entities []Entity
}

// Normalize fills defaults and validates the query. It returns an error
// wrapping ErrBadQuery for a query no engine should run.
func (q *Query) Normalize() error {
	if q.Sort == "" {
		q.Sort = SortRelevance
	}
	switch q.Sort {
	case SortRelevance, SortNewest, SortOldest:
	default:
		return fmt.Errorf("%w: unknown sort %q", ErrBadQuery, q.Sort)
	}
	if err := q.checkMatch(); err != nil {
		return err
	}
	if q.Page == 0 {
		q.Page = 1
	}
	if q.PerPage == 0 {
		q.PerPage = DefaultPerPage
	}
	if q.Page < 1 || q.PerPage < 1 || q.PerPage > MaxPerPage {
		return fmt.Errorf("%w: page %d, per_page %d out of range", ErrBadQuery, q.Page, q.PerPage)
	}
	if q.FacetSize <= 0 {
		q.FacetSize = FacetSize
	}
	for _, t := range []time.Time{q.From, q.To} {
		if !t.IsZero() && (t.Year() < MinYear || t.Year() > MaxYear) {
			return fmt.Errorf("%w: date %s outside %d-%d", ErrBadQuery, t.Format(DateLayout), MinYear, MaxYear)
		}
	}
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		return fmt.Errorf("%w: date range ends before it starts", ErrBadQuery)
	}
	return nil
}

// Offset is the number of hits before the page; it may exceed MaxWindow,
// in which case engines return no hits.
func (q *Query) Offset() int { return (q.Page - 1) * q.PerPage }

// Window returns how many hits from Offset to fetch, honouring MaxWindow;
// zero means the page lies past the window.
func (q *Query) Window() int {
	n := min(q.PerPage, MaxWindow-q.Offset())
	return max(n, 0)
}

// Selected reports whether value v of facet f is selected.
func (q *Query) Selected(f Facet, v string) bool {
	for _, s := range q.Filters[f] {
		if s == v {
			return true
		}
	}
	return false
}

// Without returns a copy of the filters without facet f, for disjunctive
// counts: a facet's own counts ignore its own selection.
func (q *Query) Without(f Facet) map[Facet][]string {
	out := make(map[Facet][]string, len(q.Filters))
	for k, v := range q.Filters {
		if k != f && len(v) > 0 {
			out[k] = v
		}
	}
	return out
}

// ToEnd returns the exclusive upper bound of the date range (the day after
// To), or the zero time when To is open.
func (q *Query) ToEnd() time.Time {
	if q.To.IsZero() {
		return time.Time{}
	}
	return q.To.AddDate(0, 0, 1)
}
