package web

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/accord-search/accord/search"
)

// apiDocument is the JSON shape of GET /api/doc/{id}: the stored document
// (its body is the cleaned text the document page shows) with evidence for
// every value it shows: evidence[field][value] lists spans of body (byte
// offsets [start, end) and the text there). A value stated only outside
// the body (a headline, a date line above the article) has no span.
type apiDocument struct {
	search.Document
	Hash     string                              `json:"hash,omitempty"`
	Evidence map[string]map[string][]search.Span `json:"evidence"`
	Roles    []search.Role                       `json:"roles"`
}

// apiDoc serves GET /api/doc/{id}.
func (s *Server) apiDoc(c echo.Context) error {
	id, err := url.PathUnescape(c.Param("id"))
	if err != nil || id == "" {
		return s.fail(c, fmt.Errorf("web: document id %q: %w", c.Param("id"), search.ErrNotFound))
	}
	if s.getter == nil {
		return s.fail(c, fmt.Errorf("web: the engine cannot fetch documents: %w", search.ErrNotFound))
	}
	d, err := s.getter.Get(c.Request().Context(), id)
	if err != nil {
		return s.fail(c, err)
	}
	out := apiDocument{Document: *d, Roles: nonNil(d.Roles)}
	if d.Title == "" {
		out.Title, out.TitleDerived = titleOf(d.Title, d.Body, d.Source), true
	}
	out.Countries, out.Officials, out.Topics = nonNil(d.Countries), nonNil(d.Officials), nonNil(d.Topics)
	out.Evidence = map[string]map[string][]search.Span{}
	for _, field := range []string{search.EvidenceCountries, search.EvidenceOfficials, search.EvidenceTopics, search.EvidenceDate, search.EvidenceTitle} {
		out.Evidence[field] = map[string][]search.Span{}
		for v, spans := range d.Evidence[field] {
			out.Evidence[field][v] = nonNil(spans)
		}
	}
	return c.JSON(http.StatusOK, out)
}
