package search

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name    string
		in      Query
		want    Query
		wantErr bool
	}{
		{"defaults", Query{}, Query{Sort: SortRelevance, Page: 1, PerPage: DefaultPerPage, FacetSize: FacetSize}, false},
		{"kept", Query{Sort: SortOldest, Page: 3, PerPage: 50, FacetSize: 5}, Query{Sort: SortOldest, Page: 3, PerPage: 50, FacetSize: 5}, false},
		{"unknown sort", Query{Sort: "random"}, Query{}, true},
		{"page size too large", Query{PerPage: MaxPerPage + 1}, Query{}, true},
		{"negative page", Query{Page: -1}, Query{}, true},
		{"date before MinYear", Query{From: time.Date(MinYear-1, 12, 31, 0, 0, 0, 0, time.UTC)}, Query{}, true},
		{"date after MaxYear", Query{To: time.Date(MaxYear+1, 1, 1, 0, 0, 0, 0, time.UTC)}, Query{}, true},
		{"dates at the bounds", Query{From: time.Date(MinYear, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(MaxYear, 12, 31, 0, 0, 0, 0, time.UTC)},
			Query{From: time.Date(MinYear, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(MaxYear, 12, 31, 0, 0, 0, 0, time.UTC), Sort: SortRelevance, Page: 1, PerPage: DefaultPerPage, FacetSize: FacetSize}, false},
		{"range ends before it starts", Query{From: time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC), To: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}, Query{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := tt.in
			err := q.Normalize()
			if tt.wantErr {
				if !errors.Is(err, ErrBadQuery) {
					t.Fatalf("got %v, want ErrBadQuery", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, q); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestWindow(t *testing.T) {
	tests := []struct{ page, per, offset, window int }{
		{1, 10, 0, 10}, {100, 10, 990, 10}, {101, 10, 1000, 0}, {34, 30, 990, 10}, {500, 100, 49900, 0},
	}
	for _, tt := range tests {
		q := Query{Page: tt.page, PerPage: tt.per}
		if q.Offset() != tt.offset || q.Window() != tt.window {
			t.Errorf("page %d per %d: offset %d window %d, want %d %d", tt.page, tt.per, q.Offset(), q.Window(), tt.offset, tt.window)
		}
	}
}

func TestSortFacetCounts(t *testing.T) {
	got := SortFacetCounts(map[string]int{"b": 2, "a": 2, "c": 5, "d": 1}, []string{"d", "zero"}, 2)
	want := []FacetCount{{"c", 5, false}, {"a", 2, false}, {"d", 1, true}, {"zero", 0, true}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{"2016": "2016-01-01", "2016-10": "2016-10-01", "2016-10-20": "2016-10-20", "": "0001-01-01"} {
		got, err := ParseDate(in)
		if err != nil || got.Format(DateLayout) != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, bad := range []string{"20", "2016-13", "Oct 2016", "2016-10-20T00:00:00Z"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q): no error", bad)
		}
	}
}
