package web

import (
	"slices"
	"strings"
	"testing"

	"github.com/accord-search/accord/search"
)

// testEntityNames are the names of facet values the hint tests use.
var testEntityNames = []search.Entity{
	{Words: "Mayorkas", Facet: search.FacetOfficial, Value: "Alejandro Mayorkas"},
	{Words: "Mexican", Facet: search.FacetCountry, Value: "Mexico"},
	{Words: "Atlantis", Facet: search.FacetCountry, Value: "Atlantis"},
}

// testSynonyms name one body two ways.
var testSynonyms = [][]string{{"Customs and Border Protection", "CBP"}}

func newHintsHandler(t *testing.T) *Server {
	t.Helper()
	return New(Options{Engine: newIndex(t), Logger: quietLogger(), Aliases: testAliases, EntityNames: testEntityNames, Synonyms: testSynonyms})
}

// TestFilterOffers: a query word that names a facet value offers it as a
// one-click filter, with the number of results that carry it; a value no
// result carries, or one already selected, is not offered.
func TestFilterOffers(t *testing.T) {
	h := newHintsHandler(t).Handler()
	d := get(t, h, "/search?q=mayorkas").doc(t)
	offers := texts(d, `[data-testid="offers"] li`)
	if len(offers) != 1 || !strings.HasPrefix(offers[0], "Filter by Official: Alejandro Mayorkas (") {
		t.Fatalf("offers %q, want one for Alejandro Mayorkas", offers)
	}
	link := attrs(d, `[data-testid="offers"] a`, "href")[0]
	if link != "/search?q=mayorkas&official=Alejandro+Mayorkas" {
		t.Errorf("offer links to %s", link)
	}
	if got := texts(get(t, h, "/search?q=atlantis").doc(t), `[data-testid="offers"] li`); len(got) != 0 {
		t.Errorf("a value no result carries is offered: %q", got)
	}
	// Once selected, the value is a filter chip, not an offer.
	d = get(t, h, "/search?q=mayorkas&official=Alejandro+Mayorkas").doc(t)
	if got := texts(d, `[data-testid="offers"] li`); len(got) != 0 {
		t.Errorf("selected value still offered: %q", got)
	}
}

// TestMatchChoice: a query of several words shows the matching choice,
// the default selected, with match=all one click away; one word shows none.
func TestMatchChoice(t *testing.T) {
	h := newHintsHandler(t).Handler()
	d := get(t, h, "/search?q=mayorkas+fentanyl").doc(t)
	labels := texts(d, `[data-testid="match"] a`)
	if !slices.Equal(labels, []string{"Most words", "All words"}) {
		t.Fatalf("match choices %q", labels)
	}
	if cur := texts(d, `[data-testid="match"] a[aria-current="true"]`); len(cur) != 1 || cur[0] != "Most words" {
		t.Errorf("current choice %q, want Most words", cur)
	}
	hrefs := attrs(d, `[data-testid="match"] a`, "href")
	if hrefs[0] != "/search?q=mayorkas+fentanyl" || hrefs[1] != "/search?q=mayorkas+fentanyl&match=all" {
		t.Errorf("choice links %q", hrefs)
	}
	d = get(t, h, hrefs[1]).doc(t)
	if cur := texts(d, `[data-testid="match"] a[aria-current="true"]`); len(cur) != 1 || cur[0] != "All words" {
		t.Errorf("with match=all the current choice is %q", cur)
	}
	if n := len(texts(get(t, h, "/search?q=mayorkas").doc(t), `[data-testid="match"]`)); n != 0 {
		t.Errorf("one word shows %d match choices", n)
	}
}

// TestDidYouMeanFromIndexWords: a misspelled word that no title, facet
// value or alias holds is corrected from the words of the documents'
// bodies, as they write them.
func TestDidYouMeanFromIndexWords(t *testing.T) {
	h := newHintsHandler(t).Handler()
	d := get(t, h, "/search?q=ootbreek").doc(t)
	got := texts(d, `[data-testid="did-you-mean"] a`)
	if len(got) != 1 || got[0] != "outbreak" {
		t.Fatalf("did you mean %q, want outbreak", got)
	}
	if href := attrs(d, `[data-testid="did-you-mean"] a`, "href")[0]; href != "/search?q=outbreak" {
		t.Errorf("suggestion links to %s", href)
	}
}

// TestRelaxedNote: when no document has every word, the page says the
// hits have most of them; when some do, it says how many and links to
// the strict search; with match=all and no document with every word, the
// empty page offers the relaxed search instead of nothing.
func TestRelaxedNote(t *testing.T) {
	h := newHintsHandler(t).Handler()
	d := get(t, h, "/search?q=mayorkas+zzyzxq").doc(t)
	if n := texts(d, `[data-testid="total"]`); len(n) != 1 || n[0] == "0 results" {
		t.Fatalf("a query with one unknown word: %q", n)
	}
	if got := texts(d, `[data-testid="relaxed"]`); len(got) != 1 || !strings.HasPrefix(got[0], "No document has all the words of “mayorkas zzyzxq”") {
		t.Errorf("relaxed note %q", got)
	}
	// The last word goes first: every Mayorkas document, the one that
	// also names fentanyl first.
	d = get(t, h, "/search?q=mayorkas+fentanyl").doc(t)
	note := texts(d, `[data-testid="relaxed"]`)
	if len(note) != 1 || !strings.Contains(note[0], "1 document has all the words") {
		t.Errorf("partly relaxed note %q", note)
	}
	if href := attrs(d, `[data-testid="all-words"]`, "href"); len(href) != 1 || href[0] != "/search?q=mayorkas+fentanyl&match=all" {
		t.Errorf("strict link %q", href)
	}
	strict := get(t, h, "/search?q=mayorkas+fentanyl&match=all").doc(t)
	if n := texts(strict, `[data-testid="total"]`); len(n) != 1 || n[0] != "1 result" {
		t.Errorf("match=all: %q, want 1 result", n)
	}
	if got := texts(strict, `[data-testid="relaxed"]`); len(got) != 0 {
		t.Errorf("match=all shows a relaxed note: %q", got)
	}
	empty := get(t, h, "/search?q=mayorkas+zzyzxq&match=all").doc(t)
	if got := attrs(empty, `[data-testid="most-words"] a`, "href"); len(got) != 1 || got[0] != "/search?q=mayorkas+zzyzxq" {
		t.Errorf("empty strict page offers %q, want the search with most of the words", got)
	}
}
