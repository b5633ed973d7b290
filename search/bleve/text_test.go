package bleve

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSplitText(t *testing.T) {
	tests := []struct {
		in   string
		want []queryWord
	}{
		{"", nil},
		{"the", []queryWord{{text: "the", last: true, stop: true}}},
		{"the ", nil},
		{"border and", []queryWord{{text: "border"}, {text: "and", last: true, stop: true}}},
		{"and border.", []queryWord{{text: "border"}}},
		{"don't", []queryWord{{text: "don"}, {text: "t", last: true}}},
		{"one two three four five six seven eight nine ten eleven",
			[]queryWord{{text: "one"}, {text: "two"}, {text: "three"}, {text: "four"}, {text: "five"},
				{text: "six"}, {text: "seven"}, {text: "eight"}, {text: "nine"}, {text: "ten"}}},
		{"Mayorkas", []queryWord{{text: "mayorkas", last: true}}},
		{"mayorkas ", []queryWord{{text: "mayorkas"}}},
		{"moore below security", []queryWord{{text: "moore"}, {text: "security", last: true}}},
		{`"border security" mexico`, []queryWord{{text: "border security", phrase: true}, {text: "mexico", last: true}}},
		{`"unbalanced quote`, []queryWord{{text: "unbalanced"}, {text: "quote", last: true}}},
		{`U.S. - China /.*/ C++`, []queryWord{{text: "u.s"}, {text: "china"}, {text: "c"}}},
		{"Russia's", []queryWord{{text: "russia"}, {text: "s", last: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, splitText(tt.in), cmp.AllowUnexported(queryWord{})); diff != "" {
				t.Errorf("splitText(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestAllowedTypos(t *testing.T) {
	for word, want := range map[string]int{"cyber": 1, "arms": 0, "mayorcas": 1, "cybersecurity": 2, "icebreake": 2, "Gómez": 1} {
		if got := allowedTypos(word); got != want {
			t.Errorf("allowedTypos(%q): got %d, want %d", word, got, want)
		}
	}
}
