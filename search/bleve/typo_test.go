package bleve

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	index "github.com/blevesearch/bleve_index_api"
	"github.com/google/go-cmp/cmp"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/search/searchtest"
)

// TestTypoRules: Meilisearch's typo rules, including that a typo on the
// first letter counts as two.
func TestTypoRules(t *testing.T) {
	idx, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if err := idx.Index(t.Context(), searchtest.Documents()); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want []string
	}{
		{"mayorcas ", []string{"d01", "d02", "d03", "d06"}}, // 8 letters: one typo
		{"nayorkas ", []string{}},                           // ...but not on the first letter
		{"mayorcaz ", []string{}},                           // nor two
		{"icebrekers ", []string{"d06"}},                    // 10 letters: two typos
		{"qcebreakers ", []string{"d06"}},                   // ...or one on the first letter
		{"qcebreakrs ", []string{}},                         // ...but then no other
		{"ocebreakers ", []string{"d05", "d06"}},            // (and "outbreak" is two typos away)
		{"icebre", []string{"d06"}},                         // the last word is a prefix
		{"icebre ", []string{}},                             // unless followed by a space
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			q := search.Query{Text: tt.text, NoFacets: true}
			if err := q.Normalize(); err != nil {
				t.Fatal(err)
			}
			res, err := idx.Search(t.Context(), q)
			if err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			slices.Sort(got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Search(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// TestCandidatesBounded: a prefix with more terms than maxPrefixed
// expands to maxPrefixed of them, the first in dictionary order.
func TestCandidatesBounded(t *testing.T) {
	idx, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	var words []string
	for i := range maxPrefixed + 200 {
		words = append(words, fmt.Sprintf("zet%c%c%c", 'a'+i/676, 'a'+i/26%26, 'a'+i%26))
	}
	doc := search.Document{ID: "many", Title: "Many words", Body: strings.Join(words, " "), Countries: []string{}, Officials: []string{}, Topics: []string{}}
	if err := idx.Index(t.Context(), []search.Document{doc}); err != nil {
		t.Fatal(err)
	}
	ai, err := idx.current().Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := ai.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	q := &termQuery{field: fieldBody, term: "zet", prefix: "zet"}
	terms, _, err := q.candidates(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(terms) != maxPrefixed {
		t.Fatalf("%d candidates, want %d", len(terms), maxPrefixed)
	}
	var all []string
	d, err := r.FieldDictPrefix(fieldBody, []byte("zet"))
	if err := walk(d, err, func(e *index.DictEntry) { all = append(all, e.Term) }); err != nil {
		t.Fatal(err)
	}
	if len(all) <= maxPrefixed || !slices.Equal(terms, all[:maxPrefixed]) {
		t.Errorf("candidates %s … %s of %d terms: want the first %d in dictionary order", terms[0], terms[len(terms)-1], len(all), maxPrefixed)
	}
}
