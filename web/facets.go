package web

import (
	"slices"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/web/components"
)

// facetTopN is how many values a facet shows before "show more".
const facetTopN = 8

// facetMoreN caps the values behind "show more": the rest are found with
// the facet's value search (server-side, also used as you type). Rendering
// all 100 counted values with their toggle links made search pages three
// times larger and slower to render and compress (docs/PERFORMANCE.md).
const facetMoreN = 40

// facetNames are the words used for each facet on the page.
var facetNames = map[search.Facet]struct{ label, single, plural string }{
	search.FacetCountry:   {"Countries", "Country", "countries"},
	search.FacetOfficial:  {"Officials", "Official", "officials"},
	search.FacetTopic:     {"Topics", "Topic", "topics"},
	search.FacetType:      {"Document types", "Document type", "document types"},
	search.FacetPublisher: {"Publishers", "Publisher", "publishers"},
}

// facetView shapes one facet's counts: selected values first, then the
// top values, the rest behind "show more"; with a value search, only the
// matching values (selected ones stay).
func (s *Server) facetView(st State, f search.Facet, counts []search.FacetCount) components.Facet {
	names := facetNames[f]
	fv := components.Facet{Name: string(f), Label: names.label, Single: names.single,
		NoValues: "No " + names.plural + " in these results."}
	fq := st.FacetQuery[f]
	var selected, rest []components.Option
	for _, fc := range counts {
		sel := fc.Selected || st.Selected(f, fc.Value)
		if fq != "" && !sel && !s.aliases.match(fq, fc.Value) {
			continue
		}
		o := s.option(st, f, fc.Value, fc.Count, sel)
		if sel {
			selected = append(selected, o)
		} else {
			rest = append(rest, o)
		}
	}
	fv.Options = selected
	switch {
	case fq != "":
		fv.Options = append(fv.Options, rest...)
		fv.NoValues = "No " + names.plural + " match “" + fq + "”."
	default:
		n := min(len(rest), max(facetTopN-len(selected), 3))
		fv.Options = append(fv.Options, rest[:n]...)
		fv.More = rest[n:min(len(rest), n+facetMoreN)]
		if len(fv.More) > 0 {
			fv.MoreLabel = "Show " + commas(len(fv.More)) + " more " + names.plural
		}
		if shown := len(selected) + n + len(fv.More); shown < len(counts) {
			more := commas(len(counts))
			if len(counts) >= search.FacetSize {
				more += "+"
			}
			fv.Cut = more + " " + names.plural + " — find one with the box above"
		}
	}
	if f == search.FacetOfficial || len(counts) > facetTopN || fq != "" {
		fv.Search = s.facetSearch(st, f)
	}
	return fv
}

// option is one facet value with its toggle link.
func (s *Server) option(st State, f search.Facet, v string, n int, sel bool) components.Option {
	return components.Option{
		Value: v, Count: n, CountText: commas(n), Selected: sel,
		URL:   st.Toggle(f, v).URL("/search"),
		Key:   "f:" + string(f) + ":" + v,
		Terms: s.aliases.terms(v),
	}
}

// facetSearch is the "find a value" form of facet f.
func (s *Server) facetSearch(st State, f search.Facet) *components.FacetSearch {
	names := facetNames[f]
	param := facetQueryPrefix + string(f)
	fs := &components.FacetSearch{
		Param: param, Value: st.FacetQuery[f],
		Label:       "Find " + article(names.single) + " " + lower(names.single),
		Placeholder: "Find " + article(names.single) + " " + lower(names.single) + "…",
		Action:      "/search",
		// The page stays: the results on screen do not change.
		Hidden:   hiddenFields(st, param),
		Fragment: fragmentFacetPrefix + string(f),
	}
	if fs.Value != "" {
		fs.ClearURL = st.WithFacetQuery(f, "").URL("/search")
	}
	return fs
}

// hiddenFields returns the state's parameters as hidden form fields, in
// canonical order, leaving out the given parameters.
func hiddenFields(st State, drop ...string) []components.Field {
	v := st.Values()
	var out []components.Field
	for _, k := range canonicalKeys {
		if slices.Contains(drop, k) {
			continue
		}
		for _, val := range v[k] {
			out = append(out, components.Field{Name: k, Value: val})
		}
	}
	return out
}

func article(word string) string {
	if word != "" && slices.Contains([]byte("AEIOU"), word[0]) {
		return "an"
	}
	return "a"
}

func lower(s string) string {
	if s == "" {
		return s
	}
	b := []byte(s)
	if b[0] >= 'A' && b[0] <= 'Z' {
		b[0] += 'a' - 'A'
	}
	return string(b)
}
