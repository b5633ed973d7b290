package web

import (
	"encoding/xml"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/accord-search/accord/search"
)

// feedSize is how many entries a feed carries.
const feedSize = 50

// atomFeed and its parts follow RFC 4287.
type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title     string      `xml:"title"`
	Subtitle  string      `xml:"subtitle,omitempty"`
	ID        string      `xml:"id"`
	Updated   string      `xml:"updated"`
	Links     []atomLink  `xml:"link"`
	Author    atomPerson  `xml:"author"`
	Generator string      `xml:"generator"`
	Entries   []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomCategory struct {
	Term   string `xml:"term,attr"`
	Scheme string `xml:"scheme,attr"`
	Label  string `xml:"label,attr"`
}

type atomEntry struct {
	ID    string   `xml:"id"`
	Title atomText `xml:"title"`
	// Updated is empty for an undated document: a made-up date would
	// sort it among dated news and mislead (RFC 4287 wants one; feed
	// readers show such entries undated).
	Updated    string         `xml:"updated,omitempty"`
	Published  string         `xml:"published,omitempty"`
	Links      []atomLink     `xml:"link"`
	Author     *atomPerson    `xml:"author,omitempty"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Categories []atomCategory `xml:"category"`
}

// searchAtom serves /search.atom: the newest documents of a search as an
// Atom feed, so that researchers can follow it in a feed reader.
func (s *Server) searchAtom(c echo.Context) error {
	st, err := ParseState(c.QueryParams())
	if err != nil {
		return s.fail(c, err)
	}
	st = st.navigate()
	q := st.Query()
	q.Sort, q.PerPage, q.NoFacets = search.SortNewest, feedSize, true
	res, err := s.search(c.Request().Context(), q)
	if err != nil {
		return s.fail(c, err)
	}
	base := s.origin(c)
	feed := atomFeed{
		Title:     "Accord: " + describe(st, res),
		Subtitle:  "The newest DHS press releases on international cooperation that match this search.",
		ID:        base + st.URL("/search"),
		Author:    atomPerson{Name: "Accord"},
		Generator: "Accord",
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: base + st.URL("/search.atom")},
			{Rel: "alternate", Type: "text/html", Href: base + st.WithSort(search.SortNewest).URL("/search")},
		},
	}
	var newest time.Time
	for _, h := range res.Hits {
		if t, ok := h.Time(); ok && t.After(newest) {
			newest = t
		}
	}
	if newest.IsZero() {
		newest = time.Now().UTC().Truncate(time.Second)
	}
	feed.Updated = newest.Format(time.RFC3339)
	for _, h := range res.Hits {
		feed.Entries = append(feed.Entries, atomEntryOf(base, h))
	}
	out, err := xml.MarshalIndent(feed, "", "  ")
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, "application/atom+xml; charset=utf-8", append([]byte(xml.Header), out...))
}

// atomEntryOf turns a hit into an entry; undated documents get no date.
func atomEntryOf(base string, h search.Hit) atomEntry {
	e := atomEntry{
		ID:    base + docPath(h.ID),
		Title: atomText{Type: "text", Body: h.Title},
		Links: []atomLink{{Rel: "alternate", Type: "text/html", Href: base + docPath(h.ID)}},
	}
	if t, ok := h.Time(); ok {
		e.Updated = t.Format(time.RFC3339)
		e.Published = e.Updated
	}
	if u := externalURL(h.URL); u != "" {
		e.Links = append(e.Links, atomLink{Rel: "related", Type: "text/html", Href: u})
	}
	if h.Source != "" {
		e.Author = &atomPerson{Name: h.Source}
	}
	if snip := safeHighlight(h.SnippetHTML); snip != "" {
		e.Summary = &atomText{Type: "html", Body: snip}
	}
	for _, f := range search.Facets {
		for _, v := range h.Values(f) {
			e.Categories = append(e.Categories, atomCategory{Term: v, Scheme: base + "/search?" + string(f) + "=", Label: facetNames[f].single + ": " + v})
		}
	}
	return e
}
