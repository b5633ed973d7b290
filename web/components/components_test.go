package components

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"
	"github.com/google/go-cmp/cmp"
)

// render renders a component and parses it.
func render(t *testing.T, c templ.Component) *goquery.Document {
	t.Helper()
	var buf bytes.Buffer
	if err := c.Render(context.Background(), &buf); err != nil {
		t.Fatalf("render: %v", err)
	}
	d, err := goquery.NewDocumentFromReader(&buf)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return d
}

func text(s *goquery.Selection) string { return strings.Join(strings.Fields(s.Text()), " ") }

func testView() SearchView {
	return SearchView{
		Meta:   Meta{Title: "2 results for cyber · Accord", Canonical: "https://accord.example/search?q=cyber", Description: "2 results", Search: &SearchForm{Action: "/search", Text: "cyber", Hidden: []Field{{"country", "Japan"}}}},
		Title:  "2 results for cyber",
		Status: Status{Total: 2, TotalText: "2 results", TookText: "3 ms"},
		Hits: []Hit{{
			ID: "d07", DocURL: "/doc/d07", OriginalURL: "https://www.dhs.gov/x",
			TitleHTML: "<mark>Cyber</mark> cooperation &amp; more", SnippetHTML: "a <mark>cyber</mark>security pact",
			Date: "5 November 2019", DateISO: "2019-11-05", Source: `Weird <b>"Source"</b>`,
			Tags: []Chip{{Facet: "country", Label: "Country", Value: "Japan", URL: "/search?q=cyber", Selected: true}},
		}},
		Facets: []Facet{{
			Name: "country", Label: "Countries", Single: "Country",
			Options: []Option{
				{Value: "Japan", URL: "/search?q=cyber", Count: 1, CountText: "1", Selected: true, Key: "f:country:Japan"},
				{Value: "Germany", URL: "/search?q=cyber&country=Germany&country=Japan", Count: 1, CountText: "1", Key: "f:country:Germany"},
			},
			More:      []Option{{Value: "Mexico", URL: "/m", Count: 1, CountText: "1"}},
			MoreLabel: "Show 1 more countries",
			Search:    &FacetSearch{Param: "fq_country", Label: "Find a country", Action: "/search", Hidden: []Field{{"q", "cyber"}}, Fragment: "facet-country"},
		}},
		Years:    Years{Options: []YearOption{{Year: "2019", URL: "/y", Count: 1, CountText: "1", Percent: 100}}},
		Dates:    DateRange{From: "2019", Action: "/search", Hidden: []Field{{"q", "cyber"}}, ClearURL: "/search?q=cyber"},
		Chips:    []Chip{{Facet: "country", Label: "Country", Value: "Japan", URL: "/search?q=cyber"}},
		ClearAll: "/search?q=cyber",
		Sorts:    []Choice{{Label: "Relevance", URL: "/a", Selected: true}, {Label: "Newest", URL: "/b"}},
		PerPages: []Choice{{Label: "10", URL: "/c", Selected: true}},
		Pages: Pagination{Next: "/search?page=2", Items: []PageItem{
			{Number: 1, URL: "/search", Current: true}, {Gap: true}, {Number: 9, URL: "/search?page=9"},
		}},
		Links:       ExportLinks{Atom: "/search.atom", CSV: "/search.csv", JSON: "/api/search"},
		FiltersOpen: true,
	}
}

func TestSearchPageComponent(t *testing.T) {
	d := render(t, SearchPage(testView()))
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"title", d.Find("title").Text(), "2 results for cyber · Accord"},
		{"og:title", d.Find(`meta[property="og:title"]`).AttrOr("content", ""), "2 results for cyber · Accord"},
		{"canonical", d.Find(`link[rel=canonical]`).AttrOr("href", ""), "https://accord.example/search?q=cyber"},
		{"query box", d.Find("[data-testid=query]").AttrOr("value", ""), "cyber"},
		{"query box is labelled", d.Find(`label[for=q]`).Length(), 1},
		{"hidden filter in the search form", d.Find("[data-testid=search-form] input[type=hidden][name=country]").AttrOr("value", ""), "Japan"},
		{"highlight markup is HTML", d.Find("[data-testid=hit-title] mark").Text(), "Cyber"},
		{"snippet highlight", d.Find("[data-testid=hit-snippet] mark").Text(), "cyber"},
		{"other text is escaped", d.Find("[data-testid=hit-source]").Text(), `Weird <b>"Source"</b>`},
		{"no markup from the source", d.Find("[data-testid=hit-source] b").Length(), 0},
		{"date", d.Find("[data-testid=hit-date]").AttrOr("datetime", ""), "2019-11-05"},
		{"original link is external", d.Find(".hit a.external").AttrOr("rel", ""), "noopener noreferrer nofollow"},
		{"selected tag", d.Find("[data-testid=tag].is-selected").Length(), 1},
		{"status", text(d.Find("[data-testid=status]")), "2 results (3 ms)"},
		{"results region carries the title", d.Find("#results").AttrOr("data-title", ""), "2 results for cyber · Accord"},
		{"selected option", d.Find("[data-testid=facet-option][data-selected]").AttrOr("data-value", ""), "Japan"},
		{"selected option says so", text(d.Find("[data-testid=facet-option][data-selected] .sr-only").First()), "(selected, activate to remove)"},
		{"option link", d.Find(`[data-testid=facet-option][data-value=Germany]`).AttrOr("href", ""), "/search?q=cyber&country=Germany&country=Japan"},
		{"option count", text(d.Find(`[data-value=Germany] [data-testid=facet-count]`)), "1 document"},
		{"show more", text(d.Find("[data-testid=facet-more] > summary > .more__closed")), "Show 1 more countries"},
		{"show fewer when open", text(d.Find("[data-testid=facet-more] > summary > .more__open")), "Show fewer"},
		{"more options", d.Find("[data-testid=facet-more] [data-testid=facet-option]").AttrOr("data-value", ""), "Mexico"},
		{"facet search field", d.Find("[data-testid=facet-search] input[type=search]").AttrOr("name", ""), "fq_country"},
		{"facet search is labelled", d.Find(`label[for=fq-country]`).Length(), 1},
		{"facet search keeps state", d.Find("[data-testid=facet-search] input[type=hidden]").AttrOr("name", ""), "q"},
		{"facet heading labels the section", d.Find("[data-testid=facet-country]").AttrOr("aria-labelledby", ""), "facet-country-h"},
		{"year bar width", d.Find("[data-testid=year-option] rect").AttrOr("width", ""), "100"},
		{"date input keeps the value", d.Find("[data-testid=date-range] input[name=from]").AttrOr("value", ""), "2019"},
		{"clear dates", d.Find("[data-testid=clear-dates]").AttrOr("href", ""), "/search?q=cyber"},
		{"filter chip", text(d.Find("[data-testid=filter-chip]")), "Country: Japan × (remove)"},
		{"clear all", d.Find("[data-testid=clear-all]").AttrOr("href", ""), "/search?q=cyber"},
		{"selected sort", d.Find("[data-testid=sort] a[aria-current=true]").Text(), "Relevance"},
		{"current page", text(d.Find("[data-testid=page-link][aria-current=page]")), "Page 1"},
		{"next page", d.Find(`.pagination a[rel=next]`).AttrOr("href", ""), "/search?page=2"},
		{"no previous page", d.Find(`.pagination a[rel=prev]`).Length(), 0},
		{"copy link waits for the script", d.Find("[data-testid=copy-link]").AttrOr("hidden", "absent"), ""},
		{"exports", d.Find("[data-testid=export] a").Length(), 3},
		{"one script, from /static", d.Find("script[src]").Length(), 1},
		{"live region", d.Find("#live[aria-live=polite]").Length(), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestResultsFragment(t *testing.T) {
	var buf bytes.Buffer
	if err := Results(testView()).Render(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	if s := buf.String(); !strings.HasPrefix(s, `<div id="results"`) || strings.Contains(s, "<html") || strings.Contains(s, "<header") {
		t.Errorf("fragment is not just the region: %.120s", s)
	}
}

func TestEmptyState(t *testing.T) {
	v := testView()
	v.Hits, v.Status = nil, Status{TotalText: "0 results", TookText: "1 ms"}
	v.Empty = &Empty{
		Text:       "Nothing matches “fentanly”.",
		DidYouMean: &Suggestion{Label: "fentanyl", URL: "/search?q=fentanyl", TotalText: "1 result"},
		Removals:   []Suggestion{{Label: "Country: Japan", URL: "/search?q=x", TotalText: "4 results"}},
		ClearAll:   "/search?q=x",
	}
	d := render(t, Results(v))
	for _, c := range []struct{ name, got, want string }{
		{"text", text(d.Find("[data-testid=empty] h2 + p")), "Nothing matches “fentanly”."},
		{"did you mean", text(d.Find("[data-testid=did-you-mean]")), "Did you mean fentanyl? (1 result)"},
		{"did you mean link", d.Find("[data-testid=did-you-mean] a").AttrOr("href", ""), "/search?q=fentanyl"},
		{"removal", text(d.Find("[data-testid=remove-filter]")), "Remove Country: Japan"},
		{"clear all", d.Find("[data-testid=empty-clear-all]").AttrOr("href", ""), "/search?q=x"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
	if n := d.Find("[data-testid=sort], [data-testid=hits]").Length(); n != 0 {
		t.Errorf("an empty result shows sort links or a hit list (%d)", n)
	}
}

func TestFacetOptionsWhileSearching(t *testing.T) {
	f := testView().Facets[0]
	f.Options, f.More = nil, nil
	f.NoValues = "No countries match “zz”."
	f.Search.Value, f.Search.ClearURL = "zz", "/search?q=cyber"
	d := render(t, FacetOptions(f))
	if got := text(d.Find(".facet__none")); got != "No countries match “zz”." {
		t.Errorf("no values: got %q", got)
	}
	if got := d.Find(".facet__searching a").AttrOr("href", ""); got != "/search?q=cyber" {
		t.Errorf("show all: got %q", got)
	}
	if got := d.Find("#facet-country-options").Length(); got != 1 {
		t.Errorf("the fragment must keep its id for the page script")
	}
}

func TestDocPageComponent(t *testing.T) {
	v := DocView{
		Meta: Meta{Title: "T · Accord"}, ID: "x", Title: "A <i>title</i>", Date: "1 May 2009", DateISO: "2009-05-01",
		Source: "DHS", OriginalURL: "https://www.dhs.gov/x", Paragraphs: []string{"One <b>1</b>.", "Two."},
		Tags:    []TagGroup{{Label: "Countries", Chips: []Chip{{Facet: "country", Label: "Country", Value: "Mexico", URL: "/search?country=Mexico"}}}},
		Also:    []Copy{{Source: "Newswire", URL: "https://n.example/x", Path: "p"}, {Source: "Unlinked", Path: "q"}},
		Related: []Hit{{DocURL: "/doc/y", TitleHTML: "Y", Date: "2 May 2009", DateISO: "2009-05-02"}},
	}
	d := render(t, DocPage(v))
	for _, c := range []struct{ name, got, want string }{
		{"title escaped", d.Find("[data-testid=doc-title]").Text(), "A <i>title</i>"},
		{"paragraphs", text(d.Find("[data-testid=doc-body] p").First()), "One <b>1</b>."},
		{"original", d.Find("[data-testid=doc-original]").AttrOr("href", ""), "https://www.dhs.gov/x"},
		{"tag", d.Find(".doc-aside [data-testid=tag]").AttrOr("href", ""), "/search?country=Mexico"},
		{"reprint link", d.Find("[data-testid=also-published] a").AttrOr("href", ""), "https://n.example/x"},
		{"unlinked reprint", text(d.Find("[data-testid=also-published] li").Last()), "Unlinked q"},
		{"related", d.Find("[data-testid=related-doc] a").AttrOr("href", ""), "/doc/y"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
	if d.Find("[data-testid=doc-body] b, [data-testid=doc-title] i").Length() != 0 {
		t.Error("document text became markup")
	}
	if d.Find("[data-testid=search-form]").Length() != 0 {
		t.Error("a page without Meta.Search shows the header search form")
	}
}

func TestErrorPageComponent(t *testing.T) {
	d := render(t, ErrorPage(ErrorView{Meta: Meta{Title: "Unavailable"}, Status: 503, Heading: "Search is temporarily unavailable",
		Message: "Try again.", RequestID: "abc", Retry: true, Back: "/search"}))
	for _, c := range []struct{ name, got, want string }{
		{"status", d.Find("[data-testid=error]").AttrOr("data-status", ""), "503"},
		{"heading", d.Find("[data-testid=error] h1").Text(), "Search is temporarily unavailable"},
		{"message", d.Find("[data-testid=error-message]").Text(), "Try again."},
		{"retry", d.Find("[data-testid=retry]").Text(), "Try again"},
		{"request id", d.Find("[data-testid=error] code").Text(), "abc"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
}
