package web

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
)

// These tests serve the real router over a real on-disk Bleve index of
// the fixture corpus (search/searchtest) and read the HTML by data-testid.

func TestSearchPageResults(t *testing.T) {
	h := newHandler(t)
	tests := []struct {
		name    string
		target  string
		total   string
		hits    []string
		ordered bool
	}{
		{"text", "/search?q=mayorkas", "4 results", []string{"d01", "d02", "d03", "d06"}, false},
		{"typo", "/search?q=mayorcas", "4 results", []string{"d01", "d02", "d03", "d06"}, false},
		{"prefix", "/search?q=icebreak", "1 result", []string{"d06"}, true},
		{"browse newest first", "/search", "10 results", []string{"d06", "d01", "d02", "d03", "d10", "d07", "d09", "d04", "d05", "d08"}, true},
		{"one facet value", "/search?country=Mexico", "2 results", []string{"d03", "d05"}, true},
		{"OR within a facet", "/search?country=Japan&country=Mexico", "3 results", []string{"d03", "d07", "d05"}, true},
		{"AND across facets", "/search?country=United+States&topic=Migration", "3 results", []string{"d02", "d10", "d04"}, true},
		{"text and facet", "/search?q=mayorkas&topic=Cybersecurity", "1 result", []string{"d01"}, true},
		{"date range", "/search?from=2019&to=2021-10-08", "3 results", []string{"d03", "d10", "d07"}, true},
		{"year", "/search?from=2023&to=2023", "1 result", []string{"d01"}, true},
		{"month", "/search?from=2019-11&to=2019-11", "1 result", []string{"d07"}, true},
		{"sort oldest", "/search?sort=oldest&per_page=3", "10 results", []string{"d05", "d04", "d09"}, true},
		{"sort newest with text", "/search?q=mayorkas&sort=newest", "4 results", []string{"d06", "d01", "d02", "d03"}, true},
		{"second page", "/search?page=2&per_page=4", "10 results", []string{"d10", "d07", "d09", "d04"}, true},
		{"quotes, backslashes and reserved words", `/search?country=C%C3%B4te+d%27Ivoire&official=Ana+%22OR%22+D%C3%ADaz%5C&topic=NOT+%3D+%5Bx%5D+AND+%28y%29`, "1 result", []string{"d09"}, true},
		{"non-ASCII value", "/search?official=Fernando+G%C3%B3mez-Mont", "1 result", []string{"d05"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := get(t, h, tt.target)
			if r.status != http.StatusOK {
				t.Fatalf("status: got %d, want 200 (Location %q)", r.status, r.header.Get("Location"))
			}
			d := r.doc(t)
			if got := texts(d, "[data-testid=total]"); !slices.Equal(got, []string{tt.total}) {
				t.Errorf("total: got %q, want %q", got, tt.total)
			}
			got := attrs(d, "[data-testid=hit]", "data-id")
			want := tt.hits
			if !tt.ordered {
				got, want = sorted(got), sorted(want)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("hits (-want +got):\n%s", diff)
			}
		})
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// facetCounts reads the options a facet shows before "show more", as
// "value=count" (with a * for selected values), in page order.
func facetCounts(t *testing.T, r response, facet string) []string {
	t.Helper()
	var out []string
	r.doc(t).Find("[data-testid=facet-" + facet + "-options] > ul > li > [data-testid=facet-option]").Each(func(_ int, s *goquery.Selection) {
		v := s.AttrOr("data-value", "")
		if _, sel := s.Attr("data-selected"); sel {
			v = "*" + v
		}
		out = append(out, v+"="+strings.Fields(s.Find("[data-testid=facet-count]").Text())[0])
	})
	return out
}

func TestSearchPageFacets(t *testing.T) {
	h := newHandler(t)
	tests := []struct {
		name   string
		target string
		facet  string
		want   []string
	}{
		{"counts for a text query", "/search?q=mayorkas", "official",
			[]string{"Alejandro Mayorkas=4", "Antony Blinken=1", "Nancy Faeser=1"}},
		{"disjunctive counts: a facet ignores its own selection", "/search?country=Mexico", "country",
			[]string{"*Mexico=2", "United States=8", "Canada=2", "Germany=2", "United Kingdom=2", "Australia=1", "Côte d'Ivoire=1", "Finland=1"}},
		{"other facets narrow to the selection", "/search?country=Mexico", "official",
			[]string{"Alejandro Mayorkas=1", "Antony Blinken=1", "Fernando Gómez-Mont=1", "Janet Napolitano=1"}},
		{"selected values first, even at zero", "/search?q=icebreak&topic=Migration", "topic",
			[]string{"*Migration=0", "Maritime and Arctic=1"}},
		{"several selected values", "/search?country=Japan&country=Mexico", "country",
			[]string{"*Mexico=2", "*Japan=1", "United States=8", "Canada=2", "Germany=2", "United Kingdom=2", "Australia=1", "Côte d'Ivoire=1"}},
		{"value search matches any word", "/search?fq_official=mayork", "official", []string{"Alejandro Mayorkas=4"}},
		{"value search folds diacritics", "/search?fq_official=gomez", "official", []string{"Fernando Gómez-Mont=1"}},
		{"value search matches aliases", "/search?fq_country=mexican", "country", []string{"Mexico=2"}},
		{"value search alias of a person", "/search?fq_official=secretary+mayorkas", "official", []string{"Alejandro Mayorkas=4"}},
		{"value search keeps the selection", "/search?official=Chad+Wolf&fq_official=blink", "official", []string{"*Chad Wolf=1", "Antony Blinken=1"}},
		{"value search without a match", "/search?fq_official=zzz", "official", nil},
		{"the rest behind show more", "/search", "country", []string{"United States=8", "Canada=2", "Germany=2", "Mexico=2", "United Kingdom=2", "Australia=1", "Côte d'Ivoire=1", "Finland=1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := get(t, h, tt.target)
			if r.status != http.StatusOK {
				t.Fatalf("status %d", r.status)
			}
			if diff := cmp.Diff(tt.want, facetCounts(t, r, tt.facet)); diff != "" {
				t.Errorf("%s options (-want +got):\n%s", tt.facet, diff)
			}
		})
	}
}

func TestSearchPageShowMore(t *testing.T) {
	d := get(t, newHandler(t), "/search").doc(t)
	if got, want := texts(d, "[data-testid=facet-country] [data-testid=facet-more] > summary > .more__closed"), []string{"Show 8 more countries"}; !slices.Equal(got, want) {
		t.Errorf("show more: got %q, want %q", got, want)
	}
	if got, want := d.Find("[data-testid=facet-country] [data-testid=facet-more] [data-testid=facet-option]").Length(), 8; got != want {
		t.Errorf("values behind show more: got %d, want %d", got, want)
	}
	// Long lists get a value search box; a short topic list would not.
	for _, f := range []string{"country", "official", "topic"} {
		if d.Find("[data-testid=facet-"+f+"] [data-testid=facet-search]").Length() != 1 {
			t.Errorf("facet %s has no value search box", f)
		}
	}
}

func TestSearchPageLinks(t *testing.T) {
	h := newHandler(t)
	r := get(t, h, "/search?q=mayorkas&country=Germany&per_page=25")
	d := r.doc(t)
	tests := []struct {
		name, sel, attr string
		want            []string
	}{
		{"facet toggles add and remove values", "[data-testid=facet-country] a[data-value=Germany], [data-testid=facet-country] a[data-value=Canada]", "href",
			[]string{"/search?q=mayorkas&per_page=25", "/search?q=mayorkas&country=Canada&country=Germany&per_page=25"}},
		{"current filter chips remove", "[data-testid=filter-chip]", "href", []string{"/search?q=mayorkas&per_page=25"}},
		{"clear all keeps text and page size", "[data-testid=clear-all]", "href", []string{"/search?q=mayorkas&per_page=25"}},
		{"sort links", "[data-testid=sort] a", "href", []string{
			"/search?q=mayorkas&country=Germany&per_page=25",
			"/search?q=mayorkas&country=Germany&sort=newest&per_page=25",
			"/search?q=mayorkas&country=Germany&sort=oldest&per_page=25"}},
		{"page sizes", "[data-testid=per-page] a", "href", []string{
			"/search?q=mayorkas&country=Germany",
			"/search?q=mayorkas&country=Germany&per_page=25",
			"/search?q=mayorkas&country=Germany&per_page=50",
			"/search?q=mayorkas&country=Germany&per_page=100"}},
		{"hit tags filter", "[data-testid=hit] [data-testid=tag][data-facet=topic]", "href", []string{
			"/search?q=mayorkas&country=Germany&topic=Counterterrorism&per_page=25",
			"/search?q=mayorkas&country=Germany&topic=Cybersecurity&per_page=25"}},
		{"year selects a one-year range", "[data-testid=year-option]", "href", []string{"/search?q=mayorkas&country=Germany&from=2023&to=2023&per_page=25"}},
		{"exports", "[data-testid=export] a", "href", []string{
			"/search.csv?q=mayorkas&country=Germany&per_page=25",
			"/search.atom?q=mayorkas&country=Germany&per_page=25",
			"/api/search?q=mayorkas&country=Germany&per_page=25"}},
		{"query box keeps the query", "[data-testid=query]", "value", []string{"mayorkas"}},
		{"search form keeps the filters", "[data-testid=search-form] input[type=hidden]", "value", []string{"Germany", "25"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, attrs(d, tt.sel, tt.attr)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestSearchPageHighlightsAndMeta(t *testing.T) {
	h := newHandler(t)
	title, _ := get(t, h, "/search?q=japan").doc(t).Find("[data-testid=hit-title] a").Html()
	if want := "Cyber cooperation with <mark>Japan</mark>"; strings.TrimSpace(title) != want {
		t.Errorf("title: got %s, want %s", title, want)
	}
	r := get(t, h, "/search?q=cyber&country=Germany")
	d := r.doc(t)
	snippet, _ := d.Find("[data-testid=hit-snippet]").Html()
	if !strings.Contains(snippet, "<mark>cybersecurity</mark>") {
		t.Errorf("snippet: got %s, want the matched word in <mark>", snippet)
	}
	meta := func(sel string) string { v, _ := d.Find(sel).Attr("content"); return v }
	for _, c := range []struct{ sel, want string }{
		{`meta[property="og:title"]`, "1 result for cyber · Germany"},
		{`meta[name="twitter:title"]`, "1 result for cyber · Germany"},
		{`meta[property="og:description"]`, "1 result for cyber · Germany in DHS press releases"},
		{`meta[property="og:url"]`, "http://example.com/search?q=cyber&country=Germany"},
	} {
		if got := meta(c.sel); !strings.Contains(got, c.want) {
			t.Errorf("%s: got %q, want it to contain %q", c.sel, got, c.want)
		}
	}
	if got := texts(d, "[data-testid=hit-date]"); !slices.Equal(got, []string{"23 March 2023"}) {
		t.Errorf("dates: got %q", got)
	}
	if got := texts(d, "[data-testid=hit-source]"); !slices.Equal(got, []string{"U.S. Department of Homeland Security"}) {
		t.Errorf("sources: got %q", got)
	}
	if got := attrs(d, `link[rel=search]`, "href"); !slices.Equal(got, []string{"/opensearch.xml"}) {
		t.Errorf("OpenSearch link: got %q", got)
	}
	if got := attrs(d, `link[rel=alternate][type="application/atom+xml"]`, "href"); !slices.Equal(got, []string{"/search.atom?q=cyber&country=Germany"}) {
		t.Errorf("feed link: got %q", got)
	}
}

func TestSearchPageStates(t *testing.T) {
	h := newHandler(t)
	tests := []struct {
		name   string
		target string
		sel    string // must be present
		want   []string
		attr   string // compare this attribute instead of the text
	}{
		{"no results", "/search?q=zzyzxq", "[data-testid=empty] h2 + p", []string{"Nothing matches “zzyzxq”. Check the spelling, or try fewer or more general words."}, ""},
		{"did you mean", "/search?q=fentanly", "[data-testid=did-you-mean] a", []string{"/search?q=fentanyl"}, "href"},
		{"did you mean without filters", "/search?q=fentanly&country=Germany", "[data-testid=did-you-mean]", []string{"Did you mean fentanyl? (1 result without filters)"}, ""},
		{"suggest removing a filter", "/search?q=mayorkas&country=Japan", "[data-testid=remove-filter]", []string{"/search?q=mayorkas"}, "href"},
		{"clear all on the empty page", "/search?q=mayorkas&country=Japan&topic=Migration", "[data-testid=empty-clear-all]", []string{"/search?q=mayorkas"}, "href"},
		{"page past the end", "/search?page=3", "[data-testid=first-page]", []string{"/search"}, "href"},
		{"pagination", "/search?page=2&per_page=3", "[data-testid=page-link]", []string{"Page 1", "Page 2", "Page 3", "Page 4"}, ""},
		{"current page", "/search?page=2&per_page=3", "[data-testid=page-link][aria-current=page]", []string{"Page 2"}, ""},
		{"selected year", "/search?from=2023&to=2023", "[data-testid=year-option][data-selected]", []string{"/search"}, "href"},
		{"date range chip", "/search?from=2019&to=2021", "[data-testid=filter-chip]", []string{"Date: 2019–2021 × (remove)"}, ""},
		{"date inputs keep the range", "/search?from=2019&to=2021-06", "[data-testid=date-range] input[name=from], [data-testid=date-range] input[name=to]", []string{"2019", "2021-06"}, "value"},
		{"value search box keeps its text", "/search?fq_official=may", "#fq-official", []string{"may"}, "value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := get(t, h, tt.target)
			if r.status != http.StatusOK {
				t.Fatalf("status %d", r.status)
			}
			d := r.doc(t)
			got := texts(d, tt.sel)
			if tt.attr != "" {
				got = attrs(d, tt.sel, tt.attr)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.sel, diff)
			}
		})
	}
}
