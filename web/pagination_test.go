package web

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPaginate(t *testing.T) {
	tests := []struct {
		name  string
		query string
		total int
		want  string // page numbers, "…" for gaps, [n] for the current page
		prev  bool
		next  bool
	}{
		{"one page", "", 7, "", false, false},
		{"two pages", "", 11, "[1] 2", false, true},
		{"middle", "page=6", 200, "1 … 4 5 [6] 7 8 … 20", true, true},
		{"near start", "page=2", 200, "1 [2] 3 4 … 20", true, true},
		{"last", "page=20", 200, "1 … 18 19 [20]", true, false},
		{"capped by the window", "per_page=100", 5000, "[1] 2 3 … 10", false, true},
		{"past the end", "page=9", 30, "1 2 3", true, false},
		{"one-page gap is filled", "page=4", 200, "1 2 3 [4] 5 6 … 20", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, _ := url.ParseQuery(tt.query)
			st, err := ParseState(v)
			if err != nil {
				t.Fatal(err)
			}
			p := paginate(st, tt.total)
			var got []string
			for _, it := range p.Items {
				switch {
				case it.Gap:
					got = append(got, "…")
				case it.Current:
					got = append(got, "["+strconv.Itoa(it.Number)+"]")
				default:
					got = append(got, strconv.Itoa(it.Number))
				}
			}
			if diff := cmp.Diff(tt.want, strings.Join(got, " ")); diff != "" {
				t.Errorf("pages (-want +got):\n%s", diff)
			}
			if (p.Prev != "") != tt.prev || (p.Next != "") != tt.next {
				t.Errorf("prev/next: got %q/%q, want %v/%v", p.Prev, p.Next, tt.prev, tt.next)
			}
		})
	}
}
