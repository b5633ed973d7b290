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
	// synonyms maps a name's folded words to the other names of the same
	// body ("cbp" → "U.S. Customs and Border Protection", ...).
	synonyms map[string][]string
	longest  int
}

// maxSynonyms bounds the alternatives a query word or phrase expands to.
const maxSynonyms = 4

// addSynonyms registers groups of names that mean the same body. A name
// of two letters ("EU", "EP", "UN") is not expanded from: typed in lower
// case it is too often another word.
func (n *entityNames) addSynonyms(groups [][]string) {
	if n.synonyms == nil {
		n.synonyms = map[string][]string{}
	}
	for _, g := range groups {
		for _, name := range g {
			ws := words(name)
			key := strings.Join(ws, " ")
			if len(ws) == 0 || len(ws) > maxNameWords || (len(ws) == 1 && len([]rune(key)) < 3 && !strings.ContainsAny(key, "0123456789")) {
				continue
			}
			var alts []string
			seen := map[string]bool{key: true}
			for _, other := range g {
				k := strings.Join(words(other), " ")
				if k != "" && !seen[k] && len(alts) < maxSynonyms {
					seen[k] = true
					alts = append(alts, other)
				}
			}
			if len(alts) > 0 {
				n.synonyms[key] = alts
				n.longest = max(n.longest, len(ws))
			}
		}
	}
}

// expand rewrites text so that a word or phrase naming a body also
// matches its other names: "cbp officers" becomes
// `cbp OR "u.s. customs and border protection" OR ... officers`. The
// typed words stay the first alternative; text without such a name comes
// back unchanged.
func (n *entityNames) expand(text string) string {
	if n == nil || len(n.synonyms) == 0 {
		return text
	}
	p := search.ParseText(text)
	var terms []search.Term
	changed := false
	for i := 0; i < len(p.Terms); {
		matched := 0
		for l := min(len(p.Terms)-i, n.longest); l >= 1 && matched == 0; l-- {
			var typed, folded []string
			for _, t := range p.Terms[i : i+l] {
				x := t.Text()
				if x == "" {
					break
				}
				typed = append(typed, x)
				folded = append(folded, words(x)...)
			}
			alts, ok := n.synonyms[strings.Join(folded, " ")]
			if len(typed) < l || !ok {
				continue
			}
			t := search.Term{Alts: []search.Atom{{Text: strings.Join(typed, " "), Phrase: l > 1 || p.Terms[i].Alts[0].Phrase}}}
			for _, a := range alts {
				t.Alts = append(t.Alts, search.Atom{Text: strings.Join(strings.Fields(strings.ToLower(a)), " "), Phrase: len(words(a)) > 1})
			}
			terms = append(terms, t)
			matched, changed = l, true
		}
		if matched == 0 {
			terms = append(terms, p.Terms[i])
			matched = 1
		}
		i += matched
	}
	if !changed {
		return text
	}
	p.Terms = terms
	return p.String()
}

// newEntityNames indexes names whose Words hold a name as written, and
// groups of synonyms.
func newEntityNames(names []search.Entity, synonyms [][]string) *entityNames {
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
	n.addSynonyms(synonyms)
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
