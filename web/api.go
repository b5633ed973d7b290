package web

import (
	"math"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/accord-search/accord/search"
)

// apiResult is the JSON shape of GET /api/search.
type apiResult struct {
	Total int `json:"total"`
	// TotalCapped: more than Total documents match (see search.Result).
	TotalCapped bool                           `json:"total_capped,omitempty"`
	Page        int                            `json:"page"`
	PerPage     int                            `json:"per_page"`
	TookMS      float64                        `json:"took_ms"`
	Hits        []apiHit                       `json:"hits"`
	Facets      map[string][]search.FacetCount `json:"facets"`
	Years       []search.FacetCount            `json:"years"`
}

// apiHit is one hit in the JSON API; title_html and snippet_html are safe
// HTML (escaped text with <mark>).
type apiHit struct {
	ID        string   `json:"id"`
	Path      string   `json:"path"`
	Title     string   `json:"title"`
	URL       string   `json:"url"`
	Source    string   `json:"source"`
	Date      string   `json:"date"`
	Countries []string `json:"countries"`
	Officials []string `json:"officials"`
	Topics    []string `json:"topics"`
	// Type is the document type (search.FacetType), when known.
	Type string `json:"type,omitempty"`
	// TitleDerived marks a title made from the text, not a headline.
	TitleDerived bool   `json:"title_derived,omitempty"`
	TitleHTML    string `json:"title_html"`
	SnippetHTML  string `json:"snippet_html"`
}

// apiSearch serves GET /api/search: the same parameters as /search (in
// any order; no redirect), answered as JSON.
func (s *Server) apiSearch(c echo.Context) error {
	st, err := ParseState(c.QueryParams())
	if err != nil {
		return s.fail(c, err)
	}
	res, err := s.search(c.Request().Context(), st.Query())
	if err != nil {
		return s.fail(c, err)
	}
	out := apiResult{
		Total: res.Total, TotalCapped: res.TotalCapped, Page: st.Page, PerPage: st.PerPage,
		TookMS: math.Round(float64(res.Took.Microseconds())/10) / 100,
		Hits:   make([]apiHit, 0, len(res.Hits)),
		Facets: map[string][]search.FacetCount{},
		Years:  nonNil(res.Years),
	}
	for _, h := range res.Hits {
		title := safeHighlight(h.TitleHTML)
		if title == "" {
			title = excerpt(h.Title, 300)
		}
		out.Hits = append(out.Hits, apiHit{
			ID: h.ID, Path: h.Path, Title: h.Title, URL: externalURL(h.URL), Source: h.Source, Date: h.Date,
			Countries: nonNil(h.Countries), Officials: nonNil(h.Officials), Topics: nonNil(h.Topics),
			Type: h.Type, TitleDerived: h.TitleDerived,
			TitleHTML: title, SnippetHTML: safeHighlight(h.SnippetHTML),
		})
	}
	for _, f := range search.Facets {
		counts := []search.FacetCount{}
		for _, fc := range res.Facets[f] {
			fc.Selected = fc.Selected || st.Selected(f, fc.Value)
			if q := st.FacetQuery[f]; q != "" && !fc.Selected && !s.aliases.match(q, fc.Value) {
				continue
			}
			counts = append(counts, fc)
		}
		out.Facets[string(f)] = counts
	}
	return c.JSON(http.StatusOK, out)
}

// nonNil turns a nil slice into an empty one, so JSON shows [] not null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
