package search

import "testing"

func TestDeriveTitle(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"first clause", "The Secretary met the Interior Minister of Canada in Ottawa on Monday, and the two agreed on a border plan.\nMore text.",
			"The Secretary met the Interior Minister of Canada in Ottawa on Monday…"},
		{"short sentence whole", "Ministers signed a plan on maritime safety. Later they spoke.", "Ministers signed a plan on maritime safety"},
		{"dateline dropped", "OTTAWA, May 3, 2016 – Ministers from five countries met today to discuss shared challenges at the border.",
			"Ministers from five countries met today to discuss shared challenges at the border"},
		{"long clause cut at a word", "Officials from the agencies of both governments reviewed every one of the shared programs for travelers crossing the land border.",
			"Officials from the agencies of both governments reviewed every one of the shared programs…"},
		{"abbreviation is no sentence end", "U.S. and Mexican officials met. They agreed.", "U.S. and Mexican officials met"},
		{"skips a short first line", "Photo\nThe ministers agreed to share information on travelers.", "The ministers agreed to share information on travelers"},
		{"lowercase start", "officials met in the capital.", "Officials met in the capital"},
		{"empty", " \n ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DeriveTitle(tt.body); got != tt.want {
				t.Errorf("DeriveTitle(%q) = %q, want %q", tt.body, got, tt.want)
			}
		})
	}
}

func FuzzDeriveTitle(f *testing.F) {
	f.Add("OTTAWA, May 3, 2016 – Ministers met. More.")
	f.Add("a\n\nb, c, d, e, f, g, h, i")
	f.Fuzz(func(t *testing.T, body string) {
		got := DeriveTitle(body)
		if len(got) > len(body)+len("…")+4 {
			t.Fatalf("DeriveTitle(%q) = %q: longer than the body", body, got)
		}
	})
}
