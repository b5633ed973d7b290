package bleve

import (
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/accord-search/accord/search"
)

// highlightStyle is the highlighter registered in init: the html
// formatter (escapes text, wraps matches in <mark>) with longer fragments.
const highlightStyle = "accord"

// snippetRunes is the length of a body snippet.
const snippetRunes = 240

func init() {
	c := bleve.Config.Cache
	if _, err := c.DefineFragmenter(highlightStyle, map[string]interface{}{"type": "simple", "size": float64(snippetRunes)}); err != nil {
		panic(err)
	}
	if _, err := c.DefineHighlighter(highlightStyle, map[string]interface{}{
		"type": "simple", "fragmenter": highlightStyle, "formatter": "html",
	}); err != nil {
		panic(err)
	}
}

// hitFields are the stored fields a hit needs (the body only through
// its highlighted snippet).
var hitFields = []string{fieldTitle, fieldURL, fieldSource, fieldDateText, fieldCountries, fieldOfficials, fieldTopics, fieldType, fieldTitleDerived, fieldRoles, fieldPath, fieldLang}

// facetRequest is one search a Query needs: the main one (hits, and
// the counts of facets without a selection) or a hits-less one per
// selected facet (its disjunctive counts). A request that counts records
// its matches (rec), from which every facet can be counted (see
// facets.go); facets says which counts to keep.
type facetRequest struct {
	// req is nil when nothing needs searching: a hits-less request
	// whose counts are the whole index's.
	req *bleve.SearchRequest
	// facets are the search.Facet names whose counts come from this
	// request; "year" stands for the year histogram.
	facets []string
	// wholeIndex: the request matches every document, so its facet
	// counts are the whole index's (cached, see cache) and req asks for
	// none.
	wholeIndex bool
	// rec receives the matches of req when facets are counted from them.
	rec *matchSet
}

const yearFacet = "year"

// rankWindow is how many hits of a bucket of the words rule, the best by
// BM25, are re-ranked by the rules after it (typo, proximity, attribute,
// exactness). Hits of a bucket beyond it keep their BM25 order, after
// the re-ranked ones: ranking stays bounded per query however many
// documents match, and exact for buckets of up to rankWindow documents.
// (200 made a one-word query over 3,000 matches a sixth slower than 50
// under the race detector, for pages that rarely reach that deep.)
const rankWindow = 50

// ranked reports whether q's hits are ranked by the words-bucket rules
// (relevance with query words) rather than by date.
func ranked(q search.Query, p *textPlan) bool {
	return q.Sort == search.SortRelevance && !p.empty()
}

// candidates is how many hits of one bucket to fetch for a page that
// starts off hits into the bucket and needs need hits.
func candidates(off, need int) int { return max(rankWindow, off+need) }

// buildRequests translates a normalized Query into Bleve requests. It is
// pure: no index is needed to test it.
//
// The text matches the universe of p: the documents of its most relaxed
// level. Total, facet and year counts are all over the universe (with the
// filters), as Meilisearch counts them. With a date sort, or without query
// words, the main request also fetches the page's hits. Ranked by
// relevance, hits come from the buckets (see Index.rankedPage): the main
// request fetches only candidates (IDs and scores) when there is a single
// bucket, and nothing when there are several.
func buildRequests(q search.Query, p *textPlan) []facetRequest {
	text := p.universe()
	main := bleve.NewSearchRequestOptions(filtered(text, q.Filters, q.From, q.ToEnd()), q.Window(), 0, false)
	main.SortByCustom(sortOrder(q, p))
	switch {
	case !ranked(q, p):
		if main.Size > 0 {
			main.From = q.Offset()
		}
		main.Fields = hitFields
		h := bleve.NewHighlightWithStyle(highlightStyle)
		h.AddField(fieldTitle)
		h.AddField(fieldBody)
		main.Highlight = h
	case p.buckets() == 1 && main.Size > 0:
		main.Size = candidates(q.Offset(), q.Window())
	default:
		main.Size = 0
	}

	reqs := []facetRequest{{req: main, wholeIndex: matchesAll(q.Text, q.Filters, q)}}
	if q.NoFacets {
		return reqs
	}
	addFacet := func(r *facetRequest, name string) {
		if !r.wholeIndex && r.rec == nil {
			r.rec = &matchSet{}
			r.req.Query = &recordQuery{Query: r.req.Query, rec: r.rec}
		}
		r.facets = append(r.facets, name)
	}
	for _, f := range search.Facets {
		if len(q.Filters[f]) == 0 {
			addFacet(&reqs[0], string(f))
			continue
		}
		others := q.Without(f)
		r := facetRequest{wholeIndex: matchesAll(q.Text, others, q)}
		if !r.wholeIndex {
			r.req = bleve.NewSearchRequestOptions(filtered(text, others, q.From, q.ToEnd()), 0, 0, false)
		}
		addFacet(&r, string(f))
		reqs = append(reqs, r)
	}
	addFacet(&reqs[0], yearFacet)
	return reqs
}

// filtered combines the text query with facet filters (OR within a
// facet, AND across facets) and a date range [from, toEnd).
func filtered(text query.Query, filters map[search.Facet][]string, from, toEnd time.Time) query.Query {
	must := []query.Query{text}
	for _, f := range search.Facets {
		vals := filters[f]
		if len(vals) == 0 {
			continue
		}
		terms := make([]query.Query, 0, len(vals))
		for _, v := range vals {
			t := bleve.NewTermQuery(search.NormalizeFacet(v))
			t.SetField(facetField[string(f)])
			terms = append(terms, t)
		}
		must = append(must, bleve.NewDisjunctionQuery(terms...))
	}
	if !from.IsZero() || !toEnd.IsZero() {
		incl, excl := true, false
		r := bleve.NewDateRangeInclusiveQuery(from, toEnd, &incl, &excl)
		r.SetField(fieldDate)
		must = append(must, r)
	}
	if len(must) == 1 {
		return text
	}
	return bleve.NewConjunctionQuery(must...)
}

// sortOrder: relevance, then newest (newest first for an empty query),
// newest or oldest, undated documents last. The sort key breaks ties
// between documents of one day by ID (descending when newest first), so
// pages are stable; undated documents tie by index order.
func sortOrder(q search.Query, p *textPlan) bsearch.SortOrder {
	byKey := func(desc bool) *bsearch.SortField {
		return &bsearch.SortField{Field: fieldSortKey, Desc: desc, Type: bsearch.SortFieldAsString, Missing: bsearch.SortFieldMissingLast}
	}
	switch {
	case q.Sort == search.SortOldest:
		return bsearch.SortOrder{byKey(false)}
	case q.Sort == search.SortNewest || p.empty():
		return bsearch.SortOrder{byKey(true)}
	}
	return bsearch.SortOrder{&bsearch.SortScore{Desc: true}, byKey(true)}
}
