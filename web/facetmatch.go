package web

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// fold lowercases s and strips diacritics, so that "gomez" finds "Gómez".
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}

// words splits folded text into words at anything but letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// aliasIndex finds facet values by their words and by the words of their
// aliases ("Mayorkas" → "Alejandro Mayorkas", "Mexican" → "Mexico").
type aliasIndex struct {
	// names maps a canonical value to its aliases.
	names map[string][]string
}

// newAliasIndex inverts an alias → canonical value map.
func newAliasIndex(aliases map[string]string) *aliasIndex {
	ix := &aliasIndex{names: map[string][]string{}}
	for alias, canonical := range aliases {
		if alias != canonical {
			ix.names[canonical] = append(ix.names[canonical], alias)
		}
	}
	for _, a := range ix.names {
		slices.Sort(a)
	}
	return ix
}

// aliases returns the aliases of canonical value v.
func (ix *aliasIndex) aliases(v string) []string { return ix.names[v] }

// match reports whether every word of query q starts a word of value v or
// of one of its aliases (all query words within the same name).
func (ix *aliasIndex) match(q, v string) bool {
	qw := words(q)
	if len(qw) == 0 {
		return true
	}
	for _, name := range append([]string{v}, ix.names[v]...) {
		if prefixesAll(qw, words(name)) {
			return true
		}
	}
	return false
}

// terms returns the folded words of v and its aliases, space-separated,
// for the page script that filters an already rendered list.
func (ix *aliasIndex) terms(v string) string {
	all := words(v)
	for _, a := range ix.names[v] {
		all = append(all, words(a)...)
	}
	slices.Sort(all)
	return strings.Join(slices.Compact(all), " ")
}

// prefixesAll reports whether each query word is a prefix of some name word.
func prefixesAll(query, name []string) bool {
	for _, q := range query {
		if !slices.ContainsFunc(name, func(w string) bool { return strings.HasPrefix(w, q) }) {
			return false
		}
	}
	return true
}
