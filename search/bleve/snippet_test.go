package bleve

import "testing"

func TestTidyFragment(t *testing.T) {
	tests := []struct{ in, want string }{
		{"…elated to the <mark>border</mark> talks and so…", "…to the <mark>border</mark> talks and…"},
		{"Whole text, no cut.", "Whole text, no cut."},
		{"…<mark>border</mark> security…", "…<mark>border</mark> security…"},
		{"…&amp;co met the minister…", "…&amp;co met the…"},
		{"…ab", "…ab"},
		{"start of a body that goes on and o…", "start of a body that goes on and…"},
	}
	for _, tt := range tests {
		if got := tidyFragment(tt.in); got != tt.want {
			t.Errorf("tidyFragment(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
