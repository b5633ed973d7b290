package web

import (
	"html"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/web/components"
)

// perPageChoices are the page sizes offered (any size up to
// search.MaxPerPage works in the URL).
var perPageChoices = []int{10, 25, 50, 100}

// searchView shapes a result for the search page.
func (s *Server) searchView(c echo.Context, st State, res *search.Result) components.SearchView {
	summary := describe(st, res)
	v := components.SearchView{
		Title:       summary,
		Status:      status(st, res),
		Dates:       dateRangeView(st),
		Chips:       currentChips(st),
		Sorts:       sortChoices(st),
		PerPages:    perPageLinks(st),
		Pages:       paginate(st, res.Total),
		FiltersOpen: true,
		Links: components.ExportLinks{
			Atom:        st.navigate().URL("/search.atom"),
			CSV:         st.navigate().URL("/search.csv"),
			JSON:        st.URL("/api/search"),
			Connections: st.navigate().URL("/connections"),
			Compare:     compareURL(st.navigate(), State{Sort: search.SortRelevance, Page: 1, PerPage: search.DefaultPerPage}),
		},
	}
	for _, h := range res.Hits {
		v.Hits = append(v.Hits, s.hitView(st, h))
	}
	notes := roleNotes(res.Hits)
	for _, f := range search.Facets {
		fv := s.facetView(st, f, res.Facets[f])
		if f == search.FacetOfficial {
			for _, opts := range [][]components.Option{fv.Options, fv.More} {
				for i := range opts {
					opts[i].Note = notes[opts[i].Value]
				}
			}
		}
		v.Facets = append(v.Facets, fv)
		v.SelectedCount += len(st.Filters[f])
	}
	if st.From != "" || st.To != "" {
		v.SelectedCount++
	}
	// The year facet and the timeline: dateFacets, for pages that show them.
	if st.HasFilters() {
		v.ClearAll = st.ClearFilters().URL("/search")
	}
	if (res.Total > search.MaxWindow || res.TotalCapped) && len(res.Hits) > 0 {
		v.Notice = "Only the first " + commas(search.MaxWindow) + " results can be paged through. Add words or filters to narrow the search, or export it as CSV."
	}
	form := &components.SearchForm{Action: "/search", Text: st.Text, Hidden: hiddenFields(st, append([]string{paramQ, paramPage}, facetQueryParams...)...)}
	v.Meta = s.meta(summary+" · Accord", describeLong(st, res), form)
	v.Meta.Canonical = s.origin(c) + st.URL("/search")
	v.Meta.SkipToResults = true
	v.Meta.FeedURL = v.Links.Atom
	return v
}

// meta fills the parts of a page's head that every page shares.
func (s *Server) meta(title, description string, form *components.SearchForm) components.Meta {
	return components.Meta{
		Title: title, Description: description,
		OpenSearchURL: "/opensearch.xml",
		Assets:        s.assets.urls(),
		Search:        form,
	}
}

// describe sums up a search in a line: "14 results for cyber · Germany".
func describe(st State, res *search.Result) string {
	b := resultsText(res)
	if st.Text != "" {
		b += " for " + st.Text
	}
	return b + filtersText(st)
}

// filtersText is " · Germany · 2021–2023" for the state's filters.
func filtersText(st State) string {
	var b strings.Builder
	for _, f := range search.Facets {
		for _, val := range st.Filters[f] {
			b.WriteString(" · " + val)
		}
	}
	if d := dateLabel(st.From, st.To); d != "" {
		b.WriteString(" · " + d)
	}
	return b.String()
}

// describeQuery names a search without its count: "cyber · Germany",
// or "everything" when it has no text and no filters.
func describeQuery(st State) string {
	d := strings.TrimPrefix(st.Text+filtersText(st), " · ")
	if d == "" {
		return "everything"
	}
	return d
}

// describeLong is the page description for link previews.
func describeLong(st State, res *search.Result) string {
	d := describe(st, res) + " in DHS press releases on international cooperation"
	if st.Sort != search.SortRelevance {
		d += ", " + string(st.Sort) + " first"
	}
	return d + "."
}

// dateLabel names a date range: "2023", "2021–2023", "from 2023-04", "until 2020".
func dateLabel(from, to string) string {
	switch {
	case from != "" && from == to:
		return from
	case from != "" && to != "":
		return from + "–" + to
	case from != "":
		return "from " + from
	case to != "":
		return "until " + to
	}
	return ""
}

func status(st State, res *search.Result) components.Status {
	s := components.Status{Total: res.Total, TotalText: resultsText(res), TookText: tookText(res.Took)}
	if res.Total > st.PerPage && len(res.Hits) > 0 {
		first := (st.Page-1)*st.PerPage + 1
		of := commas(res.Total)
		if res.TotalCapped {
			of = "more than " + of
		}
		s.Range = commas(first) + "–" + commas(first+len(res.Hits)-1) + " of " + of
	}
	return s
}

// resultsText is "12 results", or "more than 1,000 results" when the
// engine stopped counting (search.Result.TotalCapped).
func resultsText(res *search.Result) string {
	if res.TotalCapped {
		return "more than " + plural(res.Total, "result", "results")
	}
	return plural(res.Total, "result", "results")
}

// hitView shapes one hit: safe highlights, a link to its page, its
// facet values as links that filter.
func (s *Server) hitView(st State, h search.Hit) components.Hit {
	v := components.Hit{
		ID: h.ID, DocURL: docLink(h.ID, st), OriginalURL: externalURL(h.URL),
		TitleHTML: safeHighlight(h.TitleHTML), SnippetHTML: safeHighlight(h.SnippetHTML),
		Date: displayDate(h.Date), DateISO: isoDate(h.Date), Source: h.Source,
	}
	if v.TitleHTML == "" {
		v.TitleHTML = excerpt(h.Title, 300)
	}
	if v.TitleHTML == "" {
		v.TitleHTML = html.EscapeString(titleOf(h.Title, h.Body, h.Source))
	}
	if v.SnippetHTML == "" && h.Body != "" {
		v.SnippetHTML = excerpt(h.Body, 240)
	}
	for _, f := range search.Facets {
		for _, val := range h.Values(f) {
			v.Tags = append(v.Tags, components.Chip{
				Facet: string(f), Label: facetNames[f].single, Value: val,
				URL: st.Toggle(f, val).URL("/search"), Selected: st.Selected(f, val),
			})
		}
	}
	return v
}

// currentChips lists the active filters, each linking to the state without it.
func currentChips(st State) []components.Chip {
	var out []components.Chip
	for _, f := range search.Facets {
		for _, val := range st.Filters[f] {
			out = append(out, components.Chip{Facet: string(f), Label: facetNames[f].single, Value: val,
				URL: st.Toggle(f, val).URL("/search"), Selected: true})
		}
	}
	if d := dateLabel(st.From, st.To); d != "" {
		out = append(out, components.Chip{Facet: "date", Label: "Date", Value: d,
			URL: st.WithDates("", "").URL("/search"), Selected: true})
	}
	return out
}

func sortChoices(st State) []components.Choice {
	out := make([]components.Choice, 0, 3)
	for _, o := range []struct {
		sort  search.Sort
		label string
	}{{search.SortRelevance, "Relevance"}, {search.SortNewest, "Newest"}, {search.SortOldest, "Oldest"}} {
		out = append(out, components.Choice{Label: o.label, URL: st.WithSort(o.sort).URL("/search"), Selected: st.Sort == o.sort})
	}
	return out
}

func perPageLinks(st State) []components.Choice {
	sizes := perPageChoices
	if !slices.Contains(sizes, st.PerPage) {
		sizes = append(slices.Clone(sizes), st.PerPage)
		slices.Sort(sizes)
	}
	out := make([]components.Choice, 0, len(sizes))
	for _, n := range sizes {
		out = append(out, components.Choice{Label: strconv.Itoa(n), URL: st.WithPerPage(n).URL("/search"), Selected: n == st.PerPage})
	}
	return out
}

func dateRangeView(st State) components.DateRange {
	d := components.DateRange{From: st.From, To: st.To, Action: "/search",
		Hidden: hiddenFields(st, append([]string{paramFrom, paramTo, paramPage}, facetQueryParams...)...)}
	if st.From != "" || st.To != "" {
		d.ClearURL = st.WithDates("", "").URL("/search")
	}
	return d
}
