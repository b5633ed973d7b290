package extract

import (
	"slices"

	"github.com/accord-search/accord/search"
)

// EntityNames lists every name the data files give a country or an
// official, with the facet value it names, so that a search for
// "Mexican" or "Napolitano" can match documents that carry country
// Mexico or official Janet Napolitano: canonical names, country aliases
// and demonyms, officials' aliases and surname forms. Words holds the
// name as the data files write it; callers fold and split it as they
// split query text. A name shared by two values (a surname) is listed
// for both.
func (x *Extractor) EntityNames() []search.Entity {
	var out []search.Entity
	seen := map[search.Entity]bool{}
	add := func(name string, f search.Facet, value string) {
		e := search.Entity{Words: name, Facet: f, Value: value}
		if name != "" && !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	countries := map[string]bool{}
	for _, c := range x.countries {
		countries[c] = true
	}
	// The country pairs include the canonical name unless the data drop
	// it ("-Georgia": mostly the U.S. state).
	for _, p := range x.aliasPairs {
		if countries[p.canonical] {
			add(p.alias, search.FacetCountry, p.canonical)
		}
	}
	for _, o := range x.officials {
		add(o.name, search.FacetOfficial, o.name)
		for _, a := range o.aliases {
			add(a, search.FacetOfficial, o.name)
		}
		for _, s := range o.surnameForms {
			add(s, search.FacetOfficial, o.name)
		}
	}
	return out
}

// OrgNames lists the names of each government or international body
// (canonical first, then the aliases as the data files write them), so
// that a search for "CBP" or "Five Eyes" also finds pages that write
// "Customs and Border Protection" or "Five Country Ministerial".
// Organizations are not a facet: callers expand query words instead.
func (x *Extractor) OrgNames() [][]string {
	out := make([][]string, len(x.orgNames))
	for i, n := range x.orgNames {
		out[i] = slices.Clone(n)
	}
	return out
}
