package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/accord-search/accord/cmd/internal/loopload"
	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/web"
)

// Kinds of request in the mix.
const (
	kindPage   = "page"   // /search with text and the query's facet filter
	kindFacets = "facets" // /search with facet selections and no text
	kindPaging = "paging" // /search, pages 2 and 3
	kindDoc    = "doc"    // /doc/{id}
	kindFeed   = "feed"   // /search.atom
	kindAPI    = "api"    // /api/search
	kindHome   = "home"   // /
)

var allKinds = []string{kindPage, kindFacets, kindPaging, kindDoc, kindFeed, kindAPI, kindHome}

// target is one request of the mix, by its canonical URL (so that /search
// answers 200, not a redirect to its canonical spelling).
type target struct {
	kind string
	path string
}

// canonical returns path with the canonical query string of the state.
func canonical(path, text string, filters map[search.Facet][]string, page int) (string, error) {
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
	st, err := web.ParseState(v)
	if err != nil {
		return "", err
	}
	return st.URL(path), nil
}

// mix builds the request mix, per query: its search page; its API call
// for every other query; page 2 or 3 for every 4th; its filter alone and
// with the previous query's filter on another facet; its feed for every
// 5th; a document page for every query, cycling through ids; the home
// page for every 10th. Roughly: 30% search pages, 25% facet browsing,
// 20% document pages, 10% API, 8% paging, 6% feeds, 3% home.
func mix(queries []loopload.Query, ids []string) ([]target, error) {
	var out []target
	var firstErr error
	add := func(kind, path, text string, filters map[search.Facet][]string, page int) {
		u, err := canonical(path, text, filters, page)
		if err != nil && firstErr == nil {
			firstErr = fmt.Errorf("%s %q: %w", kind, text, err)
		}
		out = append(out, target{kind, u})
	}
	var prev struct {
		f search.Facet
		v string
	}
	for i, q := range queries {
		add(kindPage, "/search", q.Q, q.Filters(), 1)
		if i%2 == 0 {
			add(kindAPI, "/api/search", q.Q, q.Filters(), 1)
		}
		if i%4 == 0 {
			add(kindPaging, "/search", q.Q, nil, 2+i/4%2)
		}
		if q.Filter != nil {
			f := q.Facet()
			add(kindFacets, "/search", "", q.Filters(), 1)
			if prev.v != "" && prev.f != f {
				add(kindFacets, "/search", "", map[search.Facet][]string{f: {q.Filter.Value}, prev.f: {prev.v}}, 1)
			}
			prev.f, prev.v = f, q.Filter.Value
		}
		if i%5 == 0 {
			add(kindFeed, "/search.atom", q.Q, q.Filters(), 1)
		}
		if len(ids) > 0 {
			out = append(out, target{kindDoc, "/doc/" + url.PathEscape(ids[i%len(ids)])})
		}
		if i%10 == 0 {
			out = append(out, target{kindHome, "/"})
		}
	}
	return out, firstErr
}

// documentIDs collects document IDs from the queries' API answers, before
// the timed run.
func documentIDs(ctx context.Context, c *http.Client, base string, queries []loopload.Query) ([]string, error) {
	var ids []string
	seen := map[string]bool{}
	for _, q := range queries {
		u, err := canonical("/api/search", q.Q, q.Filters(), 1)
		if err != nil {
			return nil, err
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+u, nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.Do(req)
		if err != nil {
			return nil, fmt.Errorf("collect document ids: %w", err)
		}
		var res struct {
			Hits []struct {
				ID string `json:"id"`
			} `json:"hits"`
		}
		err = json.NewDecoder(resp.Body).Decode(&res)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("collect document ids: %s: status %d, %v", u, resp.StatusCode, err)
		}
		for _, h := range res.Hits[:min(3, len(res.Hits))] {
			if !seen[h.ID] {
				seen[h.ID] = true
				ids = append(ids, h.ID)
			}
		}
	}
	return ids, nil
}

// kindCounts summarizes the mix: "page 200, facets 150, ...".
func kindCounts(ts []target) string {
	n := map[string]int{}
	for _, t := range ts {
		n[t.kind]++
	}
	var parts []string
	for _, k := range allKinds {
		if n[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", k, n[k]))
		}
	}
	return strings.Join(parts, ", ")
}
