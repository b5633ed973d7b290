package bleve

import (
	"path/filepath"
	"slices"
	"testing"

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
