package web

import (
	"encoding/xml"
	"net/http"

	"github.com/labstack/echo/v4"
)

// openSearchDescription is an OpenSearch 1.1 description document, so
// browsers can add Accord as a search engine.
type openSearchDescription struct {
	XMLName       xml.Name        `xml:"http://a9.com/-/spec/opensearch/1.1/ OpenSearchDescription"`
	ShortName     string          `xml:"ShortName"`
	Description   string          `xml:"Description"`
	InputEncoding string          `xml:"InputEncoding"`
	Image         openSearchImage `xml:"Image"`
	URLs          []openSearchURL `xml:"Url"`
}

type openSearchImage struct {
	Type   string `xml:"type,attr"`
	Width  int    `xml:"width,attr"`
	Height int    `xml:"height,attr"`
	URL    string `xml:",chardata"`
}

type openSearchURL struct {
	Type     string `xml:"type,attr"`
	Rel      string `xml:"rel,attr,omitempty"`
	Template string `xml:"template,attr"`
}

// openSearch serves the OpenSearch description that every page links.
func (s *Server) openSearch(c echo.Context) error {
	base := s.origin(c)
	d := openSearchDescription{
		ShortName:     "Accord",
		Description:   "Search DHS press releases on international cooperation",
		InputEncoding: "UTF-8",
		Image:         openSearchImage{Type: "image/svg+xml", Width: 64, Height: 64, URL: base + s.assets.url("icon.svg")},
		URLs: []openSearchURL{
			{Type: "text/html", Template: base + "/search?q={searchTerms}"},
			{Type: "application/atom+xml", Template: base + "/search.atom?q={searchTerms}"},
			{Type: "application/json", Template: base + "/api/search?q={searchTerms}"},
			{Type: "application/opensearchdescription+xml", Rel: "self", Template: base + "/opensearch.xml"},
		},
	}
	out, err := xml.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "public, max-age=3600")
	return c.Blob(http.StatusOK, "application/opensearchdescription+xml; charset=utf-8", append([]byte(xml.Header), out...))
}
