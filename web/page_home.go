package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/web/components"
)

// homeFacetSize is how many values of each facet the home page lists.
const homeFacetSize = 8

// home serves the landing page. A search submitted to / (an old link or a
// hand-written URL) redirects to the canonical /search URL.
func (s *Server) home(c echo.Context) error {
	if c.Request().URL.RawQuery != "" {
		st, err := ParseState(c.QueryParams())
		if err != nil {
			return s.fail(c, err)
		}
		return c.Redirect(http.StatusMovedPermanently, st.URL("/search"))
	}
	ctx := c.Request().Context()
	res, err := s.search(ctx, search.Query{Sort: search.SortNewest, PerPage: 5, FacetSize: homeFacetSize})
	if err != nil {
		return s.fail(c, err)
	}
	count := res.Total
	if s.counter != nil {
		if n, err := s.counter.Count(ctx); err == nil {
			count = n
		}
	}
	browse := State{Sort: search.SortRelevance, Page: 1, PerPage: search.DefaultPerPage}
	v := components.HomeView{
		Form:      components.SearchForm{Action: "/search"},
		CountText: plural(count, "document", "documents"),
		BrowseURL: State{Sort: search.SortNewest, Page: 1, PerPage: search.DefaultPerPage}.URL("/search"),
	}
	for _, f := range search.Facets {
		fv := components.Facet{Name: string(f), Label: "Top " + facetNames[f].plural}
		for _, fc := range res.Facets[f][:min(len(res.Facets[f]), homeFacetSize)] {
			fv.Options = append(fv.Options, s.option(browse, f, fc.Value, fc.Count, false))
		}
		v.Facets = append(v.Facets, fv)
	}
	for _, h := range res.Hits {
		v.Recent = append(v.Recent, s.hitView(browse, h))
	}
	v.Meta = s.meta("Accord · Search DHS international cooperation press releases",
		"Faceted full-text search over "+v.CountText+" of U.S. Department of Homeland Security press releases on international cooperation.", nil)
	v.Meta.Canonical = s.origin(c) + "/"
	return s.render(c, http.StatusOK, components.HomePage(v))
}
