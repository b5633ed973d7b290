package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
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
	st, dateErr, err := parseSearchState(c.QueryParams())
	if err != nil {
		return s.fail(c, err)
	}
	code := http.StatusOK
	if dateErr != nil {
		// A bad date range is a 400, but the page keeps the search and
		// shows the message beside the date fields, not instead of it.
		code = http.StatusBadRequest
		c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	} else if r := c.Request().URL; r.RawQuery != st.Encode() || r.ForceQuery {
		return c.Redirect(http.StatusMovedPermanently, st.URL("/search"))
	}
	ctx := c.Request().Context()
	res, err := s.search(ctx, st.Query())
	if err != nil {
		return s.fail(c, err)
	}
	v := s.searchView(c, st, res)
	if dateErr != nil {
		v.Dates.Error = "The " + dateErr.Param + " parameter is invalid: " + dateErr.Reason + ". The results below are without the date range."
		v.Dates.From, v.Dates.To = c.QueryParam(paramFrom), c.QueryParam(paramTo)
		v.Meta.NoIndex = true
	}
	frag := fragment(c.Request())
	if !strings.HasPrefix(frag, fragmentFacetPrefix) {
		v.Hints = s.hintsView(ctx, st, res)
		if err := s.dateFacets(ctx, st, res, &v); err != nil {
			return s.fail(c, err)
		}
	}
	if len(res.Hits) == 0 && !strings.HasPrefix(frag, fragmentFacetPrefix) {
		// Suggestions cost extra searches; a facet's list needs none.
		v.Empty = s.emptyState(ctx, st, res)
	}
	if frag != "" {
		c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	}
	switch {
	case frag == "":
		return s.render(c, code, components.SearchPage(v))
	case strings.HasPrefix(frag, fragmentFacetPrefix):
		for _, f := range v.Facets {
			if fragmentFacetPrefix+f.Name == frag {
				return s.render(c, code, components.FacetOptions(f))
			}
		}
		return s.fail(c, fmt.Errorf("%w: unknown fragment %q", search.ErrBadQuery, frag))
	}
	return s.render(c, code, components.Results(v))
}

// parseSearchState is ParseState for the search page: a date parameter
// that cannot be used (not a date, out of range, a reversed range) does
// not fail the page. The state is read without the dates and the date
// error is returned on its own, for an inline message.
func parseSearchState(v url.Values) (State, *ParamError, error) {
	st, err := ParseState(v)
	var pe *ParamError
	if err == nil || !errors.As(err, &pe) || (pe.Param != paramFrom && pe.Param != paramTo) {
		return st, nil, err
	}
	rest := url.Values{}
	for k, vals := range v {
		if k != paramFrom && k != paramTo {
			rest[k] = vals
		}
	}
	st, err = ParseState(rest)
	return st, pe, err
}

// search normalizes q, adds the entities its words name, and runs it.
func (s *Server) search(ctx context.Context, q search.Query) (*search.Result, error) {
	if q.Entities == nil {
		q.Entities = s.names.find(q.Text)
	}
	q.Text = s.names.expand(q.Text)
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
