package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/web/components"
)

// Who met whom is computed on request only (its own page), and bounded:
// one search for the result set's officials, then one per top official.
const (
	// connectionsOfficials is how many officials (the most frequent in the
	// result set, or the selected ones) are paired.
	connectionsOfficials = 8
	// connectionsHits is how many documents per official are read for
	// official × official pairs (the newest); facet counts give the
	// official × country pairs exactly.
	connectionsHits = search.MaxPerPage
	// connectionsRows is how many pairs each table lists.
	connectionsRows = 15
)

// pair is two values that share documents in the result set.
type pair struct {
	a, b  string
	count int
}

// connectionsPage serves /connections?<search>: for the result set of the
// search, the strongest official × country and official × official pairs
// by documents in common, each a link to the search narrowed to both.
func (s *Server) connectionsPage(c echo.Context) error {
	st, err := ParseState(c.QueryParams())
	if err != nil {
		return s.fail(c, err)
	}
	st = st.navigate()
	if r := c.Request().URL; r.RawQuery != st.Encode() || r.ForceQuery {
		return c.Redirect(http.StatusMovedPermanently, st.URL("/connections"))
	}
	ctx := c.Request().Context()
	q := st.Query()
	q.PerPage = 1
	res, err := s.search(ctx, q)
	if err != nil {
		return s.fail(c, err)
	}
	officials := st.Filters[search.FacetOfficial]
	if len(officials) == 0 {
		for _, fc := range res.Facets[search.FacetOfficial] {
			if len(officials) == connectionsOfficials {
				break
			}
			if fc.Count > 0 {
				officials = append(officials, fc.Value)
			}
		}
	}
	selCountries := st.Filters[search.FacetCountry]
	var withCountry, together []pair
	seen := map[[2]string]bool{}
	partial := false
	for _, o := range officials[:min(len(officials), connectionsOfficials)] {
		one := st.clone()
		one.Filters[search.FacetOfficial] = []string{o}
		q := one.Query()
		q.Sort, q.PerPage = search.SortNewest, connectionsHits
		r, err := s.search(ctx, q)
		if err != nil {
			return s.fail(c, err)
		}
		// Country counts are exact: with no country selected they count
		// within the result set; with some selected (counts then ignore
		// that selection), only the selected countries lie within it.
		for _, fc := range r.Facets[search.FacetCountry] {
			if fc.Count > 0 && (len(selCountries) == 0 || slices.Contains(selCountries, fc.Value)) {
				withCountry = append(withCountry, pair{o, fc.Value, fc.Count})
			}
		}
		if r.Total > len(r.Hits) {
			partial = true
		}
		counts := map[string]int{}
		for _, h := range r.Hits {
			for _, o2 := range h.Officials {
				if o2 != o {
					counts[o2]++
				}
			}
		}
		for o2, n := range counts {
			k := [2]string{min(o, o2), max(o, o2)}
			if !seen[k] {
				seen[k] = true
				together = append(together, pair{k[0], k[1], n})
			}
		}
	}
	v := components.ConnectionsView{
		Label:     describeQuery(st),
		TotalText: resultsText(res),
		Back:      st.URL("/search"),
	}
	for _, p := range strongest(withCountry) {
		link := st.clone()
		link.Filters[search.FacetOfficial] = []string{p.a}
		link.Filters[search.FacetCountry] = []string{p.b}
		v.WithCountry = append(v.WithCountry, components.Connection{A: p.a, B: p.b,
			CountText: plural(p.count, "document", "documents"), URL: link.URL("/search")})
	}
	for _, p := range strongest(together) {
		// Values of one facet are OR-ed, so the second official is
		// looked for by name in the text.
		link := st.clone()
		link.Filters[search.FacetOfficial] = []string{p.a}
		link.Text = strings.TrimSpace(link.Text + ` "` + p.b + `"`)
		v.Together = append(v.Together, components.Connection{A: p.a, B: p.b,
			CountText: plural(p.count, "document", "documents"), URL: link.URL("/search")})
	}
	if partial {
		v.Note = "Pairs of officials are counted in the newest " + commas(connectionsHits) + " documents of each official."
	}
	v.Meta = s.meta("Who met whom: "+v.Label+" · Accord", "Officials and countries that appear together in "+v.TotalText+".",
		&components.SearchForm{Action: "/search", Text: st.Text, Hidden: hiddenFields(st, append([]string{paramQ, paramPage}, facetQueryParams...)...)})
	v.Meta.Canonical = s.origin(c) + st.URL("/connections")
	return s.render(c, http.StatusOK, components.ConnectionsPage(v))
}

// strongest orders pairs by documents in common and keeps the top rows.
func strongest(ps []pair) []pair {
	slices.SortFunc(ps, func(x, y pair) int {
		if x.count != y.count {
			return y.count - x.count
		}
		if c := strings.Compare(x.a, y.a); c != 0 {
			return c
		}
		return strings.Compare(x.b, y.b)
	})
	return ps[:min(len(ps), connectionsRows)]
}
