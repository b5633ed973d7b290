package web

import "github.com/labstack/echo/v4"

// route is one entry of the route table. Every route answers GET and HEAD.
type route struct {
	name    string
	path    string
	handler echo.HandlerFunc
}

// routes is every route the server has, in one table.
func (s *Server) routes() []route {
	return []route{
		{"home", "/", s.home},
		{"search", "/search", s.searchPage},
		{"search-atom", "/search.atom", s.searchAtom},
		{"search-csv", "/search.csv", s.searchCSV},
		{"api-search", "/api/search", s.apiSearch},
		{"api-doc", "/api/doc/:id", s.apiDoc},
		{"doc", "/doc/:id", s.docPage},
		{"compare", "/compare", s.comparePage},
		{"connections", "/connections", s.connectionsPage},
		{"help", "/help", s.helpPage},
		{"opensearch", "/opensearch.xml", s.openSearch},
		{"static", "/static/*", s.static},
		{"favicon", "/favicon.ico", s.favicon},
		{"healthz", "/healthz", s.healthz},
		{"readyz", "/readyz", s.readyz},
	}
}
