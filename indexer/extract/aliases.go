package extract

import "strings"

// aliasPair is one alternative name of a facet value.
type aliasPair struct {
	alias, canonical string
}

// Aliases maps alternative names to canonical facet values, for a facet
// value search that should find "Mexico" from "Mexican" or "Alejandro
// Mayorkas" from "Mayorkas": country aliases and demonyms, and officials'
// aliases and surnames. Keys are as written in the data files; an alias
// that points to two values (a surname two officials share) is left out,
// as is one that only repeats its value.
func (x *Extractor) Aliases() map[string]string {
	target := map[string]string{} // folded alias -> canonical, "" when ambiguous
	shown := map[string]string{}  // folded alias -> alias as written
	add := func(alias, canonical string) {
		f := Fold(alias)
		if f == "" || f == Fold(canonical) {
			return
		}
		if prev, ok := target[f]; ok && prev != canonical {
			target[f] = ""
			return
		}
		target[f] = canonical
		if _, ok := shown[f]; !ok {
			shown[f] = alias
		}
	}
	for _, p := range x.aliasPairs {
		add(p.alias, p.canonical)
	}
	for _, o := range x.officials {
		for _, a := range o.aliases {
			add(a, o.name)
		}
		for _, s := range o.surnameForms {
			add(s, o.name)
		}
	}
	out := map[string]string{}
	for f, c := range target {
		if c != "" {
			out[shown[f]] = c
		}
	}
	return out
}

// isEntityName reports a found "name" that is a country, demonym,
// organization or blocked phrase ("El Salvador", "the Five Countries").
func (x *Extractor) isEntityName(name string) bool {
	f := Fold(name)
	return x.entityNames[f] || x.entityNames[strings.TrimPrefix(f, "the ")]
}
