package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/web/components"
)

// searchPage serves /search: parse → search → view model → render. A
// non-canonical URL redirects to its canonical spelling. A fragment
// request gets only the results region, or one facet's options.
func (s *Server) searchPage(c echo.Context) error {
	// The same URL answers with a page or a fragment, depending on headers.
	c.Response().Header().Set(echo.HeaderVary, varyOnFragmentHeader)
	st, err := ParseState(c.QueryParams())
	if err != nil {
		return s.fail(c, err)
	}
	if r := c.Request().URL; r.RawQuery != st.Encode() || r.ForceQuery {
		return c.Redirect(http.StatusMovedPermanently, st.URL("/search"))
	}
	ctx := c.Request().Context()
	res, err := s.search(ctx, st.Query())
	if err != nil {
		return s.fail(c, err)
	}
	v := s.searchView(c, st, res)
	frag := fragment(c.Request())
	if len(res.Hits) == 0 && !strings.HasPrefix(frag, fragmentFacetPrefix) {
		// Suggestions cost extra searches; a facet's list needs none.
		v.Empty = s.emptyState(ctx, st, res)
	}
	if frag != "" {
		c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	}
	switch {
	case frag == "":
		return s.render(c, http.StatusOK, components.SearchPage(v))
	case strings.HasPrefix(frag, fragmentFacetPrefix):
		for _, f := range v.Facets {
			if fragmentFacetPrefix+f.Name == frag {
				return s.render(c, http.StatusOK, components.FacetOptions(f))
			}
		}
		return s.fail(c, fmt.Errorf("%w: unknown fragment %q", search.ErrBadQuery, frag))
	}
	return s.render(c, http.StatusOK, components.Results(v))
}

// search normalizes q and runs it.
func (s *Server) search(ctx context.Context, q search.Query) (*search.Result, error) {
	if err := q.Normalize(); err != nil {
		return nil, err
	}
	res, err := s.engine.Search(ctx, q)
	if err != nil {
		return nil, err
	}
	if res == nil {
		return nil, fmt.Errorf("web: the engine returned no result: %w", search.ErrUnavailable)
	}
	return res, nil
}

// total runs q for its number of hits only.
func (s *Server) total(ctx context.Context, q search.Query) (int, error) {
	q.Page, q.PerPage, q.NoFacets = 1, 1, true
	res, err := s.search(ctx, q)
	if err != nil {
		return 0, err
	}
	return res.Total, nil
}
