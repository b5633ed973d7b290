package extract

import (
	"slices"
	"sync"
	"testing"
	"unicode/utf8"
)

var (
	fuzzOnce sync.Once
	fuzzX    *Extractor
)

// FuzzExtract checks the invariants of Extract: any text in, no panic,
// valid UTF-8 facet values, no duplicates, and topics from the fixed list.
func FuzzExtract(f *testing.F) {
	for _, s := range [][2]string{
		{"", ""},
		{"Mayorkas meets Faeser", "Secretary Alejandro N. Mayorkas met German Minister Nancy Faeser on fentanyl and cyber threats."},
		{"\xff\xfe", "Minister of the Interior \xff Ana \"OR\" Díaz\\ met the U.S. delegation."},
		{"G7", "The G7 and Five Countries ministers, Minister X Y and President of Mexico, met."},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, title, body string) {
		fuzzOnce.Do(func() {
			var err error
			if fuzzX, err = Load(); err != nil {
				panic(err)
			}
		})
		got := fuzzX.Extract(title, body)
		for name, vals := range map[string][]string{"countries": got.Countries, "officials": got.Officials, "topics": got.Topics, "organizations": got.Organizations} {
			seen := map[string]bool{}
			for _, v := range vals {
				if !utf8.ValidString(v) || v == "" {
					t.Fatalf("%s: bad value %q", name, v)
				}
				if seen[v] {
					t.Fatalf("%s: %q twice", name, v)
				}
				seen[v] = true
			}
		}
		for _, topic := range got.Topics {
			if !slices.Contains(fuzzX.topics.names, topic) {
				t.Fatalf("topic %q is not in the fixed list", topic)
			}
		}
	})
}
