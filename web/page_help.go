package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/accord-search/accord/web/components"
)

// helpPage serves /help: the query syntax and how searches are shared.
func (s *Server) helpPage(c echo.Context) error {
	m := s.meta("Search tips · Accord", "How Accord matches words: phrases, excluded words, OR, all words, names, filters and shareable links.",
		&components.SearchForm{Action: "/search"})
	m.Canonical = s.origin(c) + "/help"
	return s.render(c, http.StatusOK, components.HelpPage(m))
}
