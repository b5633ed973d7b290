package web

import (
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/accord-search/accord/search"
)

// canonicalKeys lists every parameter in canonical URL order.
var canonicalKeys = func() []string {
	keys := []string{paramQ}
	for _, f := range search.Facets {
		keys = append(keys, string(f))
	}
	keys = append(keys, paramFrom, paramTo, paramSort, paramMatch, paramPage, paramPerPage)
	return append(keys, facetQueryParams...)
}()

// facetQueryParams are the value-search parameters of every facet.
var facetQueryParams = func() []string {
	var out []string
	for _, f := range search.Facets {
		out = append(out, facetQueryPrefix+string(f))
	}
	return out
}()

// Values returns the state's parameters, defaults omitted.
func (s State) Values() url.Values {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set(paramQ, s.Text)
	for _, f := range search.Facets {
		if vals := s.Filters[f]; len(vals) > 0 {
			v[string(f)] = slices.Clone(vals)
		}
	}
	set(paramFrom, s.From)
	set(paramTo, s.To)
	if s.Sort != search.SortRelevance {
		set(paramSort, string(s.Sort))
	}
	set(paramMatch, string(s.Match))
	if s.Page > 1 {
		set(paramPage, strconv.Itoa(s.Page))
	}
	if s.PerPage != search.DefaultPerPage && s.PerPage > 0 {
		set(paramPerPage, strconv.Itoa(s.PerPage))
	}
	for _, f := range search.Facets {
		set(facetQueryPrefix+string(f), s.FacetQuery[f])
	}
	return v
}

// Encode returns the canonical query string: parameters in canonical order
// (url.Values.Encode would sort them by name), facet values sorted.
func (s State) Encode() string {
	return encodeOrdered(s.Values())
}

func encodeOrdered(v url.Values) string {
	var b strings.Builder
	for _, k := range canonicalKeys {
		for _, val := range v[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(k))
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(val))
		}
	}
	return b.String()
}

// URL returns path with the canonical query string.
func (s State) URL(path string) string {
	if q := s.Encode(); q != "" {
		return path + "?" + q
	}
	return path
}

// clone returns a deep copy, so that link builders never share maps.
func (s State) clone() State {
	c := s
	c.Filters = make(map[search.Facet][]string, len(s.Filters))
	for f, vals := range s.Filters {
		c.Filters[f] = slices.Clone(vals)
	}
	c.FacetQuery = maps.Clone(s.FacetQuery)
	if c.FacetQuery == nil {
		c.FacetQuery = map[search.Facet]string{}
	}
	return c
}

// navigate is the base of every link that changes what is shown: back to
// page 1, with any facet value search closed.
func (s State) navigate() State {
	c := s.clone()
	c.Page = 1
	clear(c.FacetQuery)
	return c
}

// Toggle selects value v of facet f, or removes it when it is selected.
func (s State) Toggle(f search.Facet, v string) State {
	c := s.navigate()
	vals := c.Filters[f]
	if i := slices.Index(vals, v); i >= 0 {
		vals = slices.Delete(vals, i, i+1)
	} else {
		vals = append(vals, v)
		slices.Sort(vals)
	}
	if len(vals) == 0 {
		delete(c.Filters, f)
	} else {
		c.Filters[f] = vals
	}
	return c
}

// WithDates sets the date range.
func (s State) WithDates(from, to string) State {
	c := s.navigate()
	c.From, c.To = from, to
	return c
}

// WithText replaces the query text.
func (s State) WithText(t string) State {
	c := s.navigate()
	c.Text = t
	return c
}

// WithSort changes the order of hits.
func (s State) WithSort(o search.Sort) State {
	c := s.navigate()
	c.Sort = o
	return c
}

// WithPerPage changes the page size.
func (s State) WithPerPage(n int) State {
	c := s.navigate()
	c.PerPage = n
	return c
}

// WithPage moves to page n, keeping any facet value search open.
func (s State) WithPage(n int) State {
	c := s.clone()
	c.Page = n
	return c
}

// WithFacetQuery sets or clears (q == "") facet f's value search.
func (s State) WithFacetQuery(f search.Facet, q string) State {
	c := s.clone()
	if q == "" {
		delete(c.FacetQuery, f)
	} else {
		c.FacetQuery[f] = q
	}
	return c
}

// ClearFilters removes every facet selection and the date range, keeping
// the text, the order and the page size.
func (s State) ClearFilters() State {
	c := s.navigate()
	clear(c.Filters)
	c.From, c.To = "", ""
	return c
}

// Selected reports whether value v of facet f is selected.
func (s State) Selected(f search.Facet, v string) bool {
	return slices.Contains(s.Filters[f], v)
}

// HasFilters reports whether any facet value or date bound is selected.
func (s State) HasFilters() bool {
	for _, vals := range s.Filters {
		if len(vals) > 0 {
			return true
		}
	}
	return s.From != "" || s.To != ""
}

// Query returns the engine query for the state: To is widened to the end of
// its period, and facet value searches count more values.
func (s State) Query() search.Query {
	q := search.Query{
		Text:    s.Text,
		Filters: s.clone().Filters,
		Sort:    s.Sort,
		Match:   s.Match,
		Page:    s.Page,
		PerPage: s.PerPage,
	}
	q.From, _ = search.ParseDate(s.From)
	if t, err := search.ParseDate(s.To); err == nil && !t.IsZero() {
		q.To = periodEnd(t, s.To)
	}
	if len(s.FacetQuery) > 0 {
		q.FacetSize = facetSearchSize
	}
	return q
}
