package meili

import (
	"strings"

	"github.com/accord-search/accord/search"
	"github.com/meilisearch/meilisearch-go"
)

// maxVariants bounds how many queries one search may expand into (the
// product of the OR alternatives and the entity choices). Past it the text
// is sent as typed, as if it had no OR and no entities.
const maxVariants = 8

// variant is one expansion of a query text: a text with one alternative
// chosen per OR group, and for each entity either its words or, instead of
// them, a filter on the value it names.
type variant struct {
	text   string
	filter []string // extra AND groups (one expression each)
}

// variants expands q's text into the queries that together match what the
// text means (OR: either alternative; an entity: its words, or the value
// carried). It returns nil when the text needs no expansion or when it
// would need more than maxVariants queries.
func variants(q search.Query) []variant {
	p := search.ParseText(q.Text)
	// A unit is a run of terms read together: one term with its OR
	// alternatives, or the terms that an entity's words span.
	type unit struct {
		alts   []search.Atom // the term's alternatives (len 1 for an entity)
		words  []search.Term // the entity's terms
		entity *search.Entity
	}
	var units []unit
	n := 1
	for i := 0; i < len(p.Terms); {
		if e, k := entityAt(p.Terms, i, q.Entities); e != nil {
			units = append(units, unit{words: p.Terms[i : i+k], entity: e})
			n *= 2
			i += k
			continue
		}
		units = append(units, unit{alts: p.Terms[i].Alts})
		n *= len(p.Terms[i].Alts)
		i++
	}
	if n == 1 || n > maxVariants {
		return nil
	}
	trailing := strings.TrimRightFunc(q.Text, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' }) != q.Text
	out := make([]variant, 0, n)
	var walk func(i int, terms []search.Term, filter []string)
	walk = func(i int, terms []search.Term, filter []string) {
		if i == len(units) {
			text := search.Parsed{Terms: terms, Not: p.Not}.String()
			if trailing {
				text += " "
			}
			out = append(out, variant{text: text, filter: filter})
			return
		}
		u := units[i]
		if u.entity != nil {
			walk(i+1, append(terms[:len(terms):len(terms)], u.words...), filter)
			walk(i+1, terms, append(filter[:len(filter):len(filter)], equals(facetAttr[u.entity.Facet], u.entity.Value)))
			return
		}
		for _, a := range u.alts {
			walk(i+1, append(terms[:len(terms):len(terms)], search.Term{Alts: []search.Atom{a}}), filter)
		}
	}
	walk(0, nil, nil)
	return out
}

// entityAt returns the first entity whose words are the texts of the
// single-alternative terms starting at i, and how many terms it spans.
func entityAt(terms []search.Term, i int, entities []search.Entity) (*search.Entity, int) {
	for k := range entities {
		e := &entities[k]
		words := strings.Fields(e.Words)
		if i+len(words) > len(terms) {
			continue
		}
		ok := true
		for j, w := range words {
			t := terms[i+j]
			if len(t.Alts) != 1 || t.Alts[0].Phrase || t.Alts[0].Text != w {
				ok = false
				break
			}
		}
		if ok && len(words) > 0 {
			return e, len(words)
		}
	}
	return nil, 0
}

// federated builds the federated multi-search requests for q's variants:
// the first for the hits, the total (the union's size), the year counts
// and the counts of facets without a selection; then one per facet with a
// selection, with every filter except its own, for that facet's counts.
// Federation merges the variants' hits by ranking score (by the sort
// first, when there is one), keeps each document once, and counts totals
// and facets over the union of the variants' matches.
func federated(index string, q search.Query, vs []variant) ([]*meilisearch.MultiSearchRequest, []search.Facet) {
	main := &meilisearch.MultiSearchRequest{Federation: &meilisearch.MultiSearchFederation{
		Offset: int64(q.Offset()),
		Limit:  int64(q.Window()),
	}}
	if q.Window() == 0 {
		// A zero limit cannot be sent (the SDK omits it and the server
		// takes 20); one hit past the window is dropped in result.
		main.Federation.Limit = 1
	}
	var facets []string
	if !q.NoFacets {
		for _, f := range search.Facets {
			if len(q.Filters[f]) == 0 {
				facets = append(facets, facetAttr[f])
			}
		}
		facets = append(facets, attrYear)
		main.Federation.FacetsByIndex = map[string][]string{index: facets}
		main.Federation.MergeFacets = &meilisearch.MultiSearchFederationMergeFacets{}
	}
	base := facetFilter(q.Filters, q.From, q.ToEnd())
	for _, v := range vs {
		r := mainQuery(index, q)
		r.Query = v.text
		r.Filter = filterValue(withGroups(base, v.filter))
		// Pagination and facets belong to the federation.
		r.Page, r.HitsPerPage, r.Facets = 0, nil, nil
		main.Queries = append(main.Queries, r)
	}
	reqs := []*meilisearch.MultiSearchRequest{main}
	var disjunctive []search.Facet
	if q.NoFacets {
		return reqs, nil
	}
	for _, f := range search.Facets {
		if len(q.Filters[f]) == 0 {
			continue
		}
		disjunctive = append(disjunctive, f)
		r := &meilisearch.MultiSearchRequest{Federation: &meilisearch.MultiSearchFederation{
			Limit:         1, // the hits are not read; 0 cannot be sent
			FacetsByIndex: map[string][]string{index: {facetAttr[f]}},
			MergeFacets:   &meilisearch.MultiSearchFederationMergeFacets{},
		}}
		without := facetFilter(q.Without(f), q.From, q.ToEnd())
		for _, v := range vs {
			r.Queries = append(r.Queries, &meilisearch.SearchRequest{
				IndexUID:             index,
				Query:                v.text,
				MatchingStrategy:     strategy(q),
				Filter:               filterValue(withGroups(without, v.filter)),
				AttributesToRetrieve: []string{attrID},
			})
		}
		reqs = append(reqs, r)
	}
	return reqs, disjunctive
}

// withGroups returns f with one more AND group per expression in extra.
func withGroups(f [][]string, extra []string) [][]string {
	out := append([][]string(nil), f...)
	for _, e := range extra {
		out = append(out, []string{e})
	}
	return out
}
