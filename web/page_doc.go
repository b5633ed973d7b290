package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/web/components"
)

// relatedCount is how many related documents a document page lists.
const relatedCount = 5

// docPage serves /doc/{id}: the document's full text and metadata, its
// reprints and related documents.
func (s *Server) docPage(c echo.Context) error {
	id, err := url.PathUnescape(c.Param("id"))
	if err != nil || id == "" {
		return s.fail(c, fmt.Errorf("web: document id %q: %w", c.Param("id"), search.ErrNotFound))
	}
	if s.getter == nil {
		return s.fail(c, fmt.Errorf("web: the engine cannot fetch documents: %w", search.ErrNotFound))
	}
	ctx := c.Request().Context()
	doc, err := s.getter.Get(ctx, id)
	if err != nil {
		return s.fail(c, err)
	}
	related, err := s.related(ctx, doc)
	if err != nil {
		// The document itself is worth showing without its neighbours.
		s.log.Warn("related documents", "id", id, "err", err, "request_id", requestID(c))
	}
	v := s.docView(c, doc, related)
	// A document opened from a search carries that search in its
	// address: link back to it and mark the query's words.
	if st, err := ParseState(c.QueryParams()); err == nil && st.Encode() != "" {
		v.Back = st.URL("/search")
		v.BackLabel = "Back to the results: " + describeQuery(st)
		if terms := queryTerms(st.Text); len(terms) > 0 {
			for _, p := range v.Paragraphs {
				v.Marked = append(v.Marked, markTerms(p, terms))
			}
		}
		v.Meta.NoIndex = true
	}
	return s.render(c, http.StatusOK, components.DocPage(v))
}

// docView shapes a document for its page.
func (s *Server) docView(c echo.Context, d *search.Document, related []search.Hit) components.DocView {
	title := titleOf(d.Title, d.Body, d.Source)
	v := components.DocView{
		ID: d.ID, Title: title, Date: displayDate(d.Date), DateISO: isoDate(d.Date),
		Source: d.Source, OriginalURL: externalURL(d.URL), Paragraphs: paragraphs(d.Body),
	}
	v.TitleDerived = d.TitleDerived || d.Title == ""
	v.Why = whyValues(d, v.Title)
	if d.DateSource == search.DateFromFeed && v.Date != "" {
		v.DateNote = "date from the feed"
	}
	for _, f := range search.Facets {
		g := components.TagGroup{Label: facetNames[f].label}
		for _, val := range d.Values(f) {
			g.Chips = append(g.Chips, components.Chip{Facet: string(f), Label: facetNames[f].single, Value: val,
				URL:  State{Filters: map[search.Facet][]string{f: {val}}, Sort: search.SortRelevance, Page: 1, PerPage: search.DefaultPerPage}.URL("/search"),
				Note: roleNote(d, f, val)})
		}
		if len(g.Chips) > 0 {
			v.Tags = append(v.Tags, g)
		}
	}
	for _, cp := range d.AlsoPublished {
		src := cp.Source
		if src == "" {
			src = hostOf(cp.URL)
		}
		// The copy's file name is no name for a reader.
		v.Also = append(v.Also, components.Copy{Source: src, URL: externalURL(cp.URL)})
	}
	for _, h := range related {
		v.Related = append(v.Related, s.hitView(State{}, h))
	}
	for _, f := range []search.Facet{search.FacetOfficial, search.FacetCountry, search.FacetTopic} {
		if vals := d.Values(f); len(vals) > 0 {
			st := State{Filters: map[search.Facet][]string{f: slices.Sorted(slices.Values(vals))}, Sort: search.SortNewest, Page: 1, PerPage: search.DefaultPerPage}
			v.RelatedURL = st.URL("/search")
			v.RelatedLabel = "Everything with " + strings.Join(vals, " or ")
			break
		}
	}
	desc := html.UnescapeString(excerpt(d.Body, 200))
	v.Meta = s.meta(title+" · Accord", desc, &components.SearchForm{Action: "/search"})
	v.Meta.Canonical = s.origin(c) + docPath(d.ID)
	return v
}

// related finds documents that share the document's officials, countries
// and topics: one search per facet, then a score per document (a shared
// official weighs 3, a country 2, a topic 1), newest first among equals.
func (s *Server) related(ctx context.Context, d *search.Document) ([]search.Hit, error) {
	weights := map[search.Facet]int{search.FacetOfficial: 3, search.FacetCountry: 2, search.FacetTopic: 1}
	score := map[string]int{}
	hits := map[string]search.Hit{}
	for _, f := range search.Facets {
		vals := d.Values(f)
		// Most documents share a publisher: it says nothing of relatedness.
		if len(vals) == 0 || f == search.FacetPublisher {
			continue
		}
		res, err := s.search(ctx, search.Query{Filters: map[search.Facet][]string{f: vals}, Sort: search.SortNewest, PerPage: 20, NoFacets: true})
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			if h.ID == d.ID {
				continue
			}
			hits[h.ID] = h
			for _, v := range h.Values(f) {
				if slices.Contains(vals, v) {
					score[h.ID] += weights[f]
				}
			}
		}
	}
	out := make([]search.Hit, 0, len(hits))
	for _, h := range hits {
		out = append(out, h)
	}
	slices.SortFunc(out, func(a, b search.Hit) int {
		if score[a.ID] != score[b.ID] {
			return score[b.ID] - score[a.ID]
		}
		if a.Date != b.Date {
			return strings.Compare(b.Date, a.Date)
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out[:min(len(out), relatedCount)], nil
}

// paragraphs splits cleaned text into paragraphs at blank lines (or at
// line breaks when the text has no blank lines).
func paragraphs(body string) []string {
	body = strings.ReplaceAll(body, "\r\n", "\n")
	sep := "\n\n"
	if !strings.Contains(body, sep) {
		sep = "\n"
	}
	var out []string
	for _, p := range strings.Split(body, sep) {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// hostOf names a reprint by its site when it has no source name.
func hostOf(u string) string {
	if p, err := url.Parse(u); err == nil && p.Host != "" {
		return strings.TrimPrefix(p.Host, "www.")
	}
	return "A copy whose publisher is not stated"
}
