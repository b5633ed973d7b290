package web

import (
	"errors"
	"net/url"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/accord-search/accord/search"
)

func TestParseStateCanonicalURL(t *testing.T) {
	tests := []struct {
		name  string
		query string
		want  string // canonical URL
	}{
		{"empty", "", "/search"},
		{"text", "q=cyber", "/search?q=cyber"},
		{"text spaces collapsed", "q=+++cyber%09%09security++", "/search?q=cyber+security"},
		{"control characters", "q=a%00b", "/search?q=a+b"},
		{"empty params dropped", "q=&country=&from=&to=&sort=&page=&per_page=", "/search"},
		{"unknown params dropped", "utm_source=x&q=a", "/search?q=a"},
		{"canonical order", "per_page=25&page=2&sort=newest&to=2024&from=2023&topic=Cybersecurity&official=Alejandro+Mayorkas&country=Germany&q=cyber",
			"/search?q=cyber&country=Germany&official=Alejandro+Mayorkas&topic=Cybersecurity&from=2023&to=2024&sort=newest&page=2&per_page=25"},
		{"facet values sorted and deduplicated", "country=Mexico&country=Germany&country=Mexico&country=+Germany+", "/search?country=Germany&country=Mexico"},
		{"non-ASCII and quotes", "country=C%C3%B4te+d%27Ivoire", "/search?country=C%C3%B4te+d%27Ivoire"},
		{"default sort omitted", "sort=relevance", "/search"},
		{"match=all kept after sort", "match=all&sort=newest&page=2&q=x", "/search?q=x&sort=newest&match=all&page=2"},
		{"match=frequency kept", "match=frequency", "/search?match=frequency"},
		{"default match omitted", "match=last", "/search"},
		{"default page omitted", "page=1", "/search"},
		{"default per_page omitted", "per_page=10", "/search"},
		{"per_page clamped", "per_page=1000", "/search?per_page=100"},
		{"page clamped to the window", "page=500", "/search?page=100"},
		{"page clamped with per_page", "page=30&per_page=50", "/search?page=20&per_page=50"},
		{"dates zero-padded precision kept", "from=2023-04&to=2023-04-30", "/search?from=2023-04&to=2023-04-30"},
		{"year range in one year", "from=2023&to=2023", "/search?from=2023&to=2023"},
		{"date spaces trimmed", "from=+2023-01-05+", "/search?from=2023-01-05"},
		{"facet query", "fq_official=++mayork+", "/search?fq_official=mayork"},
		{"facet query after paging", "fq_official=may&per_page=20&q=x", "/search?q=x&per_page=20&fq_official=may"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := url.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			s, err := ParseState(v)
			if err != nil {
				t.Fatalf("ParseState(%q): %v", tt.query, err)
			}
			if got := s.URL("/search"); got != tt.want {
				t.Errorf("URL: got %s, want %s", got, tt.want)
			}
			// The canonical URL parses back to the same state.
			v2, _ := url.ParseQuery(s.Encode())
			s2, err := ParseState(v2)
			if err != nil {
				t.Fatalf("reparse: %v", err)
			}
			if diff := cmp.Diff(s, s2); diff != "" {
				t.Errorf("reparse (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseStateRejects(t *testing.T) {
	long := make([]byte, maxTextRunes+1)
	for i := range long {
		long[i] = 'a'
	}
	many := url.Values{}
	for i := range maxValuesPerFacet + 1 {
		many.Add("topic", string(rune('a'+i)))
	}
	tests := []struct {
		name  string
		v     url.Values
		param string
	}{
		{"page not a number", url.Values{"page": {"two"}}, "page"},
		{"page zero", url.Values{"page": {"0"}}, "page"},
		{"page negative", url.Values{"page": {"-3"}}, "page"},
		{"page overflow", url.Values{"page": {"999999999999999999999"}}, "page"},
		{"per_page zero", url.Values{"per_page": {"0"}}, "per_page"},
		{"unknown sort", url.Values{"sort": {"popular"}}, "sort"},
		{"unknown match", url.Values{"match": {"any"}}, "match"},
		{"repeated match", url.Values{"match": {"all", "all"}}, "match"},
		{"repeated q", url.Values{"q": {"a", "b"}}, "q"},
		{"repeated from", url.Values{"from": {"2020", "2021"}}, "from"},
		{"text too long", url.Values{"q": {string(long)}}, "q"},
		{"invalid UTF-8", url.Values{"q": {"\xff"}}, "q"},
		{"invalid UTF-8 facet", url.Values{"country": {"\xff"}}, "country"},
		{"bad date", url.Values{"from": {"yesterday"}}, "from"},
		{"bad month", url.Values{"from": {"2023-13"}}, "from"},
		{"bad day", url.Values{"to": {"2023-02-30"}}, "to"},
		{"slash date", url.Values{"to": {"2023/02/03"}}, "to"},
		{"range reversed", url.Values{"from": {"2024"}, "to": {"2023-06"}}, "to"},
		{"year before the range", url.Values{"from": {"1799"}}, "from"},
		{"year after the range", url.Values{"to": {"2201-01"}}, "to"},
		{"year the index cannot hold", url.Values{"from": {"9999-12-31"}}, "from"},
		{"too many values", many, "topic"},
		{"facet query too long", url.Values{"fq_official": {string(long)}}, "fq_official"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseState(tt.v)
			if !errors.Is(err, search.ErrBadQuery) {
				t.Fatalf("got %v, want an error wrapping search.ErrBadQuery", err)
			}
			var pe *ParamError
			if !errors.As(err, &pe) || pe.Param != tt.param {
				t.Errorf("got %v, want a ParamError for %q", err, tt.param)
			}
		})
	}
}

func TestStateQuery(t *testing.T) {
	day := func(s string) time.Time {
		t, _ := time.Parse(search.DateLayout, s)
		return t
	}
	tests := []struct {
		name  string
		query string
		want  search.Query
	}{
		{"defaults", "", search.Query{Filters: map[search.Facet][]string{}, Sort: search.SortRelevance, Page: 1, PerPage: 10}},
		{"year range covers the whole year", "from=2023&to=2023&sort=oldest",
			search.Query{Filters: map[search.Facet][]string{}, From: day("2023-01-01"), To: day("2023-12-31"), Sort: search.SortOldest, Page: 1, PerPage: 10}},
		{"month end", "to=2024-02",
			search.Query{Filters: map[search.Facet][]string{}, To: day("2024-02-29"), Sort: search.SortRelevance, Page: 1, PerPage: 10}},
		{"filters and paging", "q=cyber&country=Mexico&country=Canada&page=3&per_page=20",
			search.Query{Text: "cyber", Filters: map[search.Facet][]string{search.FacetCountry: {"Canada", "Mexico"}}, Sort: search.SortRelevance, Page: 3, PerPage: 20}},
		{"match=all is passed on", "q=a+b&match=all",
			search.Query{Text: "a b", Filters: map[search.Facet][]string{}, Sort: search.SortRelevance, Match: search.MatchAll, Page: 1, PerPage: 10}},
		{"facet search counts more values", "fq_official=may",
			search.Query{Filters: map[search.Facet][]string{}, Sort: search.SortRelevance, Page: 1, PerPage: 10, FacetSize: facetSearchSize}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, _ := url.ParseQuery(tt.query)
			s, err := ParseState(v)
			if err != nil {
				t.Fatal(err)
			}
			got := s.Query()
			if err := got.Normalize(); err != nil {
				t.Fatalf("Normalize: %v", err)
			}
			want := tt.want
			_ = want.Normalize()
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Query (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStateLinks(t *testing.T) {
	v, _ := url.ParseQuery("q=cyber&country=Germany&topic=Cybersecurity&page=3&per_page=25&fq_official=may")
	s, err := ParseState(v)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		got  State
		want string
	}{
		{"add a value resets page and facet search", s.Toggle(search.FacetCountry, "Mexico"),
			"/search?q=cyber&country=Germany&country=Mexico&topic=Cybersecurity&per_page=25"},
		{"remove a value", s.Toggle(search.FacetCountry, "Germany"), "/search?q=cyber&topic=Cybersecurity&per_page=25"},
		{"dates", s.WithDates("2023", "2023"), "/search?q=cyber&country=Germany&topic=Cybersecurity&from=2023&to=2023&per_page=25"},
		{"sort", s.WithSort(search.SortNewest), "/search?q=cyber&country=Germany&topic=Cybersecurity&sort=newest&per_page=25"},
		{"per page", s.WithPerPage(10), "/search?q=cyber&country=Germany&topic=Cybersecurity"},
		{"page keeps facet search", s.WithPage(4), "/search?q=cyber&country=Germany&topic=Cybersecurity&page=4&per_page=25&fq_official=may"},
		{"clear filters", s.ClearFilters(), "/search?q=cyber&per_page=25"},
		{"text", s.WithText("fentanyl"), "/search?q=fentanyl&country=Germany&topic=Cybersecurity&per_page=25"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.got.URL("/search"); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
	if got, want := s.URL("/search"), "/search?q=cyber&country=Germany&topic=Cybersecurity&page=3&per_page=25&fq_official=may"; got != want {
		t.Errorf("links changed the original state: got %s, want %s", got, want)
	}
}
