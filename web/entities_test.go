package web

import (
	"slices"
	"testing"

	"github.com/accord-search/accord/search"
)

func TestEntityNamesFind(t *testing.T) {
	n := newEntityNames([]search.Entity{
		{Words: "Mexican", Facet: search.FacetCountry, Value: "Mexico"},
		{Words: "Mexico", Facet: search.FacetCountry, Value: "Mexico"},
		{Words: "U.S.", Facet: search.FacetCountry, Value: "United States"},
		{Words: "Napolitano", Facet: search.FacetOfficial, Value: "Janet Napolitano"},
		{Words: "Janet Napolitano", Facet: search.FacetOfficial, Value: "Janet Napolitano"},
		{Words: "Gómez-Mont", Facet: search.FacetOfficial, Value: "Fernando Gómez-Mont"},
		{Words: "Johnson", Facet: search.FacetOfficial, Value: "Jeh Johnson"},
		{Words: "Johnson", Facet: search.FacetOfficial, Value: "Boris Johnson"},
	}, nil)
	official := func(words, v string) search.Entity {
		return search.Entity{Words: words, Facet: search.FacetOfficial, Value: v}
	}
	country := func(words, v string) search.Entity {
		return search.Entity{Words: words, Facet: search.FacetCountry, Value: v}
	}
	for _, c := range []struct {
		text string
		want []search.Entity
	}{
		{"", nil},
		{"border security", nil},
		{"Mexican drug cartels", []search.Entity{country("mexican", "Mexico")}},
		// The longest name wins, and its words are the query's words.
		{"Janet  Napolitano border", []search.Entity{official("janet napolitano", "Janet Napolitano")}},
		{"napolitano MEXICO", []search.Entity{official("napolitano", "Janet Napolitano"), country("mexico", "Mexico")}},
		// Diacritics and punctuation fold as in the data.
		{"gomez-mont", []search.Entity{official("gomez-mont", "Fernando Gómez-Mont")}},
		{"u.s. aid", []search.Entity{country("u.s.", "United States")}},
		// A phrase is one term; a name spans it.
		{`"janet napolitano"`, []search.Entity{official("janet napolitano", "Janet Napolitano")}},
		// A shared surname names every holder.
		{"johnson", []search.Entity{official("johnson", "Jeh Johnson"), official("johnson", "Boris Johnson")}},
		// Excluded words and OR groups name nothing.
		{"border -mexico", nil},
		{"mexico OR canada", nil},
	} {
		if got := n.find(c.text); !slices.Equal(got, c.want) {
			t.Errorf("find(%q) = %v, want %v", c.text, got, c.want)
		}
	}
	var none *entityNames
	if got := none.find("mexico"); got != nil {
		t.Errorf("no names: %v", got)
	}
}

func TestSynonymExpand(t *testing.T) {
	n := newEntityNames(nil, [][]string{
		{"U.S. Customs and Border Protection", "Customs and Border Protection", "CBP"},
		{"Five Eyes", "Five Country Ministerial", "Five Countries"},
		{"European Union", "EU", "E.U."},
		{"G7", "G-7", "Group of Seven"},
	})
	for _, c := range []struct{ in, want string }{
		{"border security", "border security"},
		{"CBP officers", `cbp OR "u.s. customs and border protection" OR "customs and border protection" officers`},
		{"five eyes ministers", `"five eyes" OR "five country ministerial" OR "five countries" ministers`},
		{`"five eyes"`, `"five eyes" OR "five country ministerial" OR "five countries"`},
		// Two-letter names are not expanded from; longer names of the same body are.
		{"eu data", "eu data"},
		{"european union data", `"european union" OR eu OR "e.u." data`},
		{"g7 -summit", `g7 OR "g-7" OR "group of seven" -summit`},
		// An OR group the user wrote is left alone.
		{"cbp OR ice", "cbp OR ice"},
	} {
		if got := n.expand(c.in); got != c.want {
			t.Errorf("expand(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
