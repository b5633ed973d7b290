package web

import (
	"slices"
	"strings"

	"github.com/accord-search/accord/search"
)

// maxNameWords bounds how many query words one entity name may span.
const maxNameWords = 6

// entityNames finds the facet values that a query's words name through the
// extractor's names ("Mexican" → country Mexico, "Napolitano" → official
// Janet Napolitano), for search.Query.Entities and for the "Filter by"
// offers on the results page.
type entityNames struct {
	// byWords maps a name's folded words, space-separated, to the values
	// it names (a shared surname names several).
	byWords map[string][]search.Entity
	longest int
}

// newEntityNames indexes names whose Words hold a name as written.
func newEntityNames(names []search.Entity) *entityNames {
	n := &entityNames{byWords: map[string][]search.Entity{}}
	for _, e := range names {
		ws := words(e.Words)
		if len(ws) == 0 || len(ws) > maxNameWords || e.Value == "" {
			continue
		}
		key := strings.Join(ws, " ")
		v := search.Entity{Facet: e.Facet, Value: e.Value}
		if !slices.Contains(n.byWords[key], v) {
			n.byWords[key] = append(n.byWords[key], v)
		}
		n.longest = max(n.longest, len(ws))
	}
	return n
}

// find returns the entities that runs of consecutive query terms name,
// longest name first, left to right: in "janet napolitano mexican" the
// first two words name the official (not "napolitano" alone) and
// "mexican" names Mexico. Words of an OR group and excluded words name
// nothing. Each entity's Words spell the terms as search.ParseText does.
func (n *entityNames) find(text string) []search.Entity {
	if n == nil || len(n.byWords) == 0 {
		return nil
	}
	terms := search.ParseText(text).Terms
	var out []search.Entity
	for i := 0; i < len(terms); {
		matched := 0
		for l := min(len(terms)-i, n.longest); l >= 1 && matched == 0; l-- {
			var typed, folded []string
			for _, t := range terms[i : i+l] {
				x := t.Text()
				if x == "" {
					break
				}
				typed = append(typed, x)
				folded = append(folded, words(x)...)
			}
			if len(typed) < l || len(folded) == 0 {
				continue
			}
			for _, e := range n.byWords[strings.Join(folded, " ")] {
				e.Words = strings.Join(typed, " ")
				out = append(out, e)
				matched = l
			}
		}
		i += max(matched, 1)
	}
	return out
}
