package web

import "testing"

func TestAliasIndexMatch(t *testing.T) {
	ix := newAliasIndex(map[string]string{
		"Mayorkas":                        "Alejandro Mayorkas",
		"Secretary Alejandro N. Mayorkas": "Alejandro Mayorkas",
		"Mexican":                         "Mexico",
		"United Mexican States":           "Mexico",
		"U.S.":                            "United States",
	})
	tests := []struct {
		q, v string
		want bool
	}{
		{"mayork", "Alejandro Mayorkas", true},
		{"Mayorkas", "Alejandro Mayorkas", true},
		{"alej may", "Alejandro Mayorkas", true},
		{"secretary mayorkas", "Alejandro Mayorkas", true},
		{"orkas", "Alejandro Mayorkas", false},
		{"Mexican", "Mexico", true},
		{"mex", "Mexico", true},
		{"gomez", "Fernando Gómez-Mont", true},
		{"mont", "Fernando Gómez-Mont", true},
		{"GÓMEZ", "Fernando Gómez-Mont", true},
		{"u s", "United States", true},
		{"mexican", "Germany", false},
		{"", "Germany", true},
		{"  ", "Germany", true},
		{"faeser nancy", "Nancy Faeser", true},
		{"faeser x", "Nancy Faeser", false},
	}
	for _, tt := range tests {
		t.Run(tt.q+"→"+tt.v, func(t *testing.T) {
			if got := ix.match(tt.q, tt.v); got != tt.want {
				t.Errorf("match(%q, %q): got %v, want %v", tt.q, tt.v, got, tt.want)
			}
		})
	}
}

func TestAliasIndexTerms(t *testing.T) {
	ix := newAliasIndex(map[string]string{"Mexican": "Mexico", "Mexico": "Mexico"})
	if got, want := ix.terms("Mexico"), "mexican mexico"; got != want {
		t.Errorf("terms: got %q, want %q", got, want)
	}
	if got, want := ix.terms("Fernando Gómez-Mont"), "fernando gomez mont"; got != want {
		t.Errorf("terms: got %q, want %q", got, want)
	}
}
