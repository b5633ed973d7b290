package main

import (
	"fmt"
	"net/url"

	"github.com/accord-search/accord/cmd/internal/loopload"
	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/web"
)

// Kinds of request in the mix.
const (
	kindPage   = "page"   // /search with text and the query's facet filter
	kindAPI    = "api"    // /api/search with the same parameters
	kindPaging = "paging" // /search, pages 2 and 3
	kindFacets = "facets" // /search with facet selections and no text
	kindDoc    = "doc"    // /doc/{id}
)

var allKinds = []string{kindPage, kindAPI, kindPaging, kindFacets, kindDoc}

// target is one request of the mix: a path with its canonical query
// string (so that /search answers 200, not a redirect).
type target struct {
	kind string
	path string
}

// state builds the canonical search state of q, on page.
func state(text string, filters map[search.Facet][]string, page int) (web.State, error) {
	v := url.Values{}
	if text != "" {
		v.Set("q", text)
	}
	for f, vals := range filters {
		v[string(f)] = vals
	}
	if page > 1 {
		v.Set("page", fmt.Sprint(page))
	}
	return web.ParseState(v)
}

// mix builds the fixed request mix from the queries: per query, its
// search page and its JSON API call; for every 4th, page 2 (every 8th
// page 3); for every query with a filter, that filter alone and joined
// with the previous filter on another facet; then the browse page.
// Document pages are added by addDocs once IDs are known.
func mix(queries []loopload.Query) ([]target, error) {
	var out []target
	add := func(kind, path string, text string, filters map[search.Facet][]string, page int) error {
		st, err := state(text, filters, page)
		if err != nil {
			return fmt.Errorf("%s %q: %w", kind, text, err)
		}
		out = append(out, target{kind, st.URL(path)})
		return nil
	}
	var prev struct {
		f search.Facet
		v string
	}
	for i, q := range queries {
		filters := q.Filters()
		steps := []error{
			add(kindPage, "/search", q.Q, filters, 1),
			add(kindAPI, "/api/search", q.Q, filters, 1),
		}
		if i%4 == 0 {
			steps = append(steps, add(kindPaging, "/search", q.Q, filters, 2+min(i%8, 1)))
		}
		if q.Filter != nil {
			f := q.Facet()
			steps = append(steps, add(kindFacets, "/search", "", filters, 1))
			if prev.v != "" && prev.f != f {
				both := map[search.Facet][]string{f: {q.Filter.Value}, prev.f: {prev.v}}
				steps = append(steps, add(kindFacets, "/search", "", both, 1))
			}
			prev.f, prev.v = f, q.Filter.Value
		}
		for _, err := range steps {
			if err != nil {
				return nil, err
			}
		}
	}
	if err := add(kindFacets, "/search", "", nil, 1); err != nil {
		return nil, err
	}
	return out, nil
}

// addDocs inserts a document page after every other search page, cycling
// through ids.
func addDocs(targets []target, ids []string) []target {
	if len(ids) == 0 {
		return targets
	}
	out := make([]target, 0, len(targets)+len(targets)/4)
	pages, next := 0, 0
	for _, t := range targets {
		out = append(out, t)
		if t.kind == kindPage {
			if pages++; pages%2 == 0 {
				out = append(out, target{kindDoc, "/doc/" + url.PathEscape(ids[next%len(ids)])})
				next++
			}
		}
	}
	return out
}

// only keeps the targets of the given kinds.
func only(targets []target, kinds map[string]bool) []target {
	var out []target
	for _, t := range targets {
		if kinds[t.kind] {
			out = append(out, t)
		}
	}
	return out
}

// kindOf names the kind of a request path (for results, which carry
// only the URL).
func kindOf(targets []target) map[string]string {
	m := make(map[string]string, len(targets))
	for _, t := range targets {
		m[t.path] = t.kind
	}
	return m
}
