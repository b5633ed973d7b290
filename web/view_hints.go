package web

import (
	"context"
	"slices"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/web/components"
)

// maxOffers bounds the "Filter by" links a query's entity names add.
const maxOffers = 4

// WithMatch changes the matching strategy ("" is the default).
func (s State) WithMatch(m search.Match) State {
	c := s.navigate()
	if m == search.DefaultMatch {
		m = ""
	}
	c.Match = m
	return c
}

// termCount counts the terms of the query text that the matching
// strategy can drop (phrases and OR groups count as one).
func termCount(text string) int { return len(search.ParseText(text).Terms) }

// hintsView says how the words were matched and what the query's names
// offer: the matching choice (most words or all) for a query of several
// words, a note when the hits come from dropping words, and "Filter by
// official: Janet Napolitano" for each facet value the words name that
// some hit carries.
func (s *Server) hintsView(ctx context.Context, st State, res *search.Result) components.Hints {
	var h components.Hints
	for _, e := range s.names.find(st.Text) {
		if len(h.Offers) == maxOffers || st.Selected(e.Facet, e.Value) {
			continue
		}
		n := valueCount(res.Facets[e.Facet], e.Value)
		label := "Filter by " + facetNames[e.Facet].single + ": " + e.Value
		if n == 0 || slices.ContainsFunc(h.Offers, func(o components.Suggestion) bool { return o.Label == label }) {
			continue
		}
		h.Offers = append(h.Offers, components.Suggestion{Label: label, URL: st.Toggle(e.Facet, e.Value).URL("/search"), TotalText: plural(n, "result", "results")})
	}
	if termCount(st.Text) < 2 {
		return h
	}
	strategy := st.Match
	if strategy == "" {
		strategy = search.DefaultMatch
	}
	for _, c := range []struct {
		label string
		m     search.Match
	}{{"Most words", search.MatchLast}, {"All words", search.MatchAll}, {"Rarest words", search.MatchFrequency}} {
		if c.m == search.MatchFrequency && strategy != c.m {
			continue // reachable by URL; offered only when chosen
		}
		h.Matches = append(h.Matches, components.Choice{Label: c.label, URL: st.WithMatch(c.m).URL("/search"), Selected: strategy == c.m})
	}
	if strategy == search.MatchAll || res.Total == 0 {
		return h
	}
	all, err := res.AllWords, error(nil)
	if !res.AllWordsKnown {
		q := st.Query()
		q.Match = search.MatchAll
		all, err = s.total(ctx, q)
	}
	switch {
	case err != nil || all >= res.Total:
	case all == 0:
		h.Relaxed = "No document has all the words of “" + st.Text + "”; showing documents with most of them."
	default:
		h.Relaxed = plural(all, "document has", "documents have") + " all the words; the others have most of them."
		h.AllWords = &components.Suggestion{Label: "Show only documents with all the words", URL: st.WithMatch(search.MatchAll).URL("/search"), TotalText: plural(all, "result", "results")}
	}
	return h
}

// valueCount is value v's count in a facet's counts, 0 when absent.
func valueCount(counts []search.FacetCount, v string) int {
	for _, c := range counts {
		if c.Value == v {
			return c.Count
		}
	}
	return 0
}
