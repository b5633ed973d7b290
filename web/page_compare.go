package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/web/components"
)

// compareValues is how many values per facet the compare page lists: the
// values with the most documents in either search.
const compareValues = 10

// comparePage serves /compare?a=<search query string>&b=<…>: two searches
// side by side, with their counts per year and per facet value and the
// difference. Each side is a search page's query string, so any search
// can be compared by copying its address.
func (s *Server) comparePage(c echo.Context) error {
	var sides [2]State
	var raw [2]string
	for i, k := range []string{"a", "b"} {
		r, err := single(c.QueryParams(), k)
		if err != nil {
			return s.fail(c, err)
		}
		raw[i] = r
		st, err := parseSide(k, r)
		if err != nil {
			return s.fail(c, err)
		}
		sides[i] = st
	}
	canon := compareURL(sides[0], sides[1])
	if r := c.Request().URL; "/compare?"+r.RawQuery != canon {
		return c.Redirect(http.StatusMovedPermanently, canon)
	}
	ctx := c.Request().Context()
	var res [2]*search.Result
	for i, st := range sides {
		q := st.Query()
		q.Page, q.PerPage = 1, 3
		r, err := s.search(ctx, q)
		if err != nil {
			return s.fail(c, err)
		}
		res[i] = r
	}
	v := components.CompareView{A: raw[0], B: raw[1]}
	for i, st := range sides {
		side := components.CompareSide{
			Label: describeQuery(st), TotalText: resultsText(res[i]),
			SearchURL: st.URL("/search"),
			Atom:      st.navigate().URL("/search.atom"),
			CSV:       st.navigate().URL("/search.csv"),
		}
		for _, h := range res[i].Hits {
			side.Hits = append(side.Hits, s.hitView(st, h))
		}
		v.Sides = append(v.Sides, side)
	}
	v.Tables = append(v.Tables, compareTable("Year", "Documents per year", yearCounts(res[0]), yearCounts(res[1]), true))
	for _, f := range search.Facets {
		names, ok := facetNames[f]
		if !ok {
			continue
		}
		a, b := valueCounts(res[0].Facets[f]), valueCounts(res[1].Facets[f])
		v.Tables = append(v.Tables, compareTable(names.single, names.label, a, b, false))
	}
	v.Meta = s.meta("Compare: "+v.Sides[0].Label+" and "+v.Sides[1].Label+" · Accord",
		"Two searches of DHS press releases side by side, per year and per facet value.", &components.SearchForm{Action: "/search"})
	v.Meta.Canonical = s.origin(c) + canon
	return s.render(c, http.StatusOK, components.ComparePage(v))
}

// parseSide reads one side of a comparison: a search query string, with
// or without a leading "?" or "/search?".
func parseSide(k, raw string) (State, error) {
	raw = strings.TrimSpace(raw)
	if i := strings.Index(raw, "?"); i >= 0 {
		raw = raw[i+1:]
	}
	v, err := url.ParseQuery(raw)
	if err != nil {
		return State{}, &ParamError{k, "not a search query string (like q=mexico&to=2019)"}
	}
	st, err := ParseState(v)
	if pe, ok := err.(*ParamError); ok {
		return State{}, &ParamError{k, fmt.Sprintf("%s: %s", pe.Param, pe.Reason)}
	}
	if err != nil {
		return State{}, err
	}
	st = st.navigate()
	st.Page = 1
	return st, nil
}

// compareURL is the canonical address of a comparison.
func compareURL(a, b State) string {
	return "/compare?a=" + url.QueryEscape(a.Encode()) + "&b=" + url.QueryEscape(b.Encode())
}

func yearCounts(r *search.Result) map[string]int { return valueCounts(r.Years) }

func valueCounts(fcs []search.FacetCount) map[string]int {
	out := map[string]int{}
	for _, fc := range fcs {
		out[fc.Value] = fc.Count
	}
	return out
}

// compareTable lists values of either side: every year (newest first),
// or the facet values with the most documents on either side.
func compareTable(single, label string, a, b map[string]int, years bool) components.CompareTable {
	t := components.CompareTable{Label: label, Single: single}
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	if years {
		slices.Sort(keys)
		slices.Reverse(keys)
	} else {
		slices.SortFunc(keys, func(x, y string) int {
			if d := max(b[y], a[y]) - max(b[x], a[x]); d != 0 {
				return d
			}
			return strings.Compare(x, y)
		})
		keys = keys[:min(len(keys), compareValues)]
	}
	for _, k := range keys {
		d := b[k] - a[k]
		diff := strconv.Itoa(d)
		if d > 0 {
			diff = "+" + diff
		} else if d < 0 {
			diff = "−" + strconv.Itoa(-d)
		}
		t.Rows = append(t.Rows, components.CompareRow{Value: k, A: commas(a[k]), B: commas(b[k]), Diff: diff, Up: d > 0, Down: d < 0})
	}
	return t
}
