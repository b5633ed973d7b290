package web

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/accord-search/accord/search"
)

// reprinted is a document beyond the fixture: reprints, a hostile
// original link, markup in its text, and two paragraphs.
var reprinted = search.Document{
	ID: "x01", Title: "Joint statement on <img src=x onerror=alert(1)> border data", Date: "2024-02-01",
	Body:      "First paragraph about border data sharing with Canada.\n\nSecond paragraph: <script>alert('body')</script> ends here.",
	URL:       "javascript:alert(3)",
	Source:    "U.S. Department of Homeland Security",
	Countries: []string{"Canada", "United States"}, Officials: []string{"Alejandro Mayorkas"}, Topics: []string{"Border security"},
	Path: "extra/x01.html",
	AlsoPublished: []search.Copy{
		{Source: "Homeland Newswire", URL: "https://www.homelandnewswire.example/x01", Path: "extra/x01-hn.html"},
		{Source: "Evil Mirror", URL: "javascript:alert(4)", Path: "extra/x01-evil.html"},
		{URL: "http://www.mirror.example/copy", Path: "extra/x01-m.html"},
	},
}

func newHandlerWith(t *testing.T, docs ...search.Document) http.Handler {
	t.Helper()
	idx := newIndex(t)
	if err := idx.Index(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	return New(Options{Engine: idx, Logger: quietLogger(), Aliases: testAliases}).Handler()
}

func TestDocPage(t *testing.T) {
	h := newHandlerWith(t, reprinted)
	r := get(t, h, "/doc/d01")
	if r.status != http.StatusOK {
		t.Fatalf("status %d", r.status)
	}
	d := r.doc(t)
	for _, c := range []struct{ sel, want string }{
		{"[data-testid=doc-title]", "Mayorkas meets German interior minister Faeser"},
		{"[data-testid=doc-date]", "23 March 2023"},
		{"[data-testid=doc-source]", "U.S. Department of Homeland Security"},
		{"[data-testid=doc-body]", "Secretary Mayorkas and Minister Faeser discussed terrorism, cybersecurity and critical infrastructure in Washington."},
	} {
		if got := texts(d, c.sel); !slices.Equal(got, []string{c.want}) {
			t.Errorf("%s: got %q, want %q", c.sel, got, c.want)
		}
	}
	if diff := cmp.Diff([]string{
		"/search?country=Germany", "/search?country=United+States",
		"/search?official=Alejandro+Mayorkas", "/search?official=Nancy+Faeser",
		"/search?topic=Counterterrorism", "/search?topic=Cybersecurity",
		"/search?type=Readout",
		"/search?publisher=U.S.+Department+of+Homeland+Security",
	}, attrs(d, ".doc-aside [data-testid=tag]", "href")); diff != "" {
		t.Errorf("facet links (-want +got):\n%s", diff)
	}
	// Scores: an official 3, a country 2, a topic 1; d06, x01, d02 and d03
	// share Mayorkas and the United States (5), d04 two countries and a
	// topic (5), d07 a country and a topic (3): newest first among equals,
	// never d01 itself.
	if diff := cmp.Diff([]string{"/doc/d06", "/doc/x01", "/doc/d02", "/doc/d03", "/doc/d04"},
		attrs(d, "[data-testid=related-doc] a", "href")); diff != "" {
		t.Errorf("related (-want +got):\n%s", diff)
	}
	if got := attrs(d, "[data-testid=related-search]", "href"); !slices.Equal(got, []string{"/search?official=Alejandro+Mayorkas&official=Nancy+Faeser&sort=newest"}) {
		t.Errorf("related search: got %q", got)
	}
	if got := attrs(d, `link[rel=canonical]`, "href"); !slices.Equal(got, []string{"http://example.com/doc/d01"}) {
		t.Errorf("canonical: got %q", got)
	}
}

func TestDocPageReprintsAndLinks(t *testing.T) {
	h := newHandlerWith(t, reprinted)
	r := get(t, h, "/doc/x01")
	if r.status != http.StatusOK {
		t.Fatalf("status %d", r.status)
	}
	d := r.doc(t)
	if got := texts(d, "[data-testid=also-published] li"); !slices.Equal(got, []string{
		"Homeland Newswire", "Evil Mirror", "mirror.example", // never the copies' file names
	}) {
		t.Errorf("also published: got %q", got)
	}
	if got := attrs(d, "[data-testid=also-published] a", "href"); !slices.Equal(got, []string{
		"https://www.homelandnewswire.example/x01", "http://www.mirror.example/copy",
	}) {
		t.Errorf("reprint links (http(s) only): got %q", got)
	}
	if n := d.Find("[data-testid=doc-original]").Length(); n != 0 {
		t.Errorf("a javascript: original got a link")
	}
	if got := texts(d, "[data-testid=doc-body] p"); len(got) != 2 {
		t.Errorf("paragraphs: got %q, want 2", got)
	}
	assertNoInjectedMarkup(t, r.body)
}

// assertNoInjectedMarkup checks that document text never became markup.
func assertNoInjectedMarkup(t *testing.T, body string) {
	t.Helper()
	for _, bad := range []string{"<script>alert", "<img src=x", "<b>reviewed", "javascript:alert", "onerror=alert(1)>"} {
		if strings.Contains(body, bad) {
			t.Errorf("document text became markup: found %q", bad)
		}
	}
	if n := strings.Count(body, "<script"); n != 1 {
		t.Errorf("<script> elements: got %d, want only the page script", n)
	}
}

func TestEscaping(t *testing.T) {
	h := newHandlerWith(t, reprinted)
	tests := []struct {
		name, target string
		want         []string // escaped text that must appear
	}{
		{"search hit title and snippet", "/search?q=trade", []string{
			"&lt;script&gt;alert(1)&lt;/script&gt; <mark>trade</mark>",
			"&lt;b&gt;reviewed&lt;/b&gt; <mark>trade</mark> lanes",
			"Weird &#34;Source&#34; \\ Press",
		}},
		{"browse", "/search", []string{"&lt;script&gt;alert(1)&lt;/script&gt;"}},
		{"hostile values in links", "/search?q=trade", []string{
			`href="/search?q=trade&amp;official=Ana+%22OR%22+D%C3%ADaz%5C"`,
			`href="/search?q=trade&amp;topic=NOT+%3D+%5Bx%5D+AND+%28y%29"`,
		}},
		{"doc page", "/doc/d09", []string{"Quote &#34;test&#34; &amp; &lt;script&gt;alert(1)&lt;/script&gt; trade", "&lt;b&gt;reviewed&lt;/b&gt;"}},
		{"doc page title", "/doc/x01", []string{"<title>Joint statement on &lt;img src=x onerror=alert(1)&gt; border data · Accord</title>"}},
		{"typed query", "/search?q=%3Cscript%3Ealert%289%29%3C%2Fscript%3E", []string{`value="&lt;script&gt;alert(9)&lt;/script&gt;"`}},
		{"home", "/", []string{"Joint statement on &lt;img src=x onerror=alert(1)&gt; border data"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := get(t, h, tt.target)
			if r.status != http.StatusOK {
				t.Fatalf("status %d", r.status)
			}
			assertNoInjectedMarkup(t, r.body)
			for _, w := range tt.want {
				if !strings.Contains(r.body, w) {
					t.Errorf("missing %s", w)
				}
			}
		})
	}
	t.Run("api", func(t *testing.T) {
		r := get(t, h, "/api/search?q=trade")
		if !strings.Contains(r.body, `"title_html":"Quote \u0026#34;test\u0026#34; \u0026amp; \u0026lt;script\u0026gt;alert(1)\u0026lt;/script\u0026gt; \u003cmark\u003etrade\u003c/mark\u003e"`) {
			t.Errorf("title_html not escaped:\n%s", r.body)
		}
	})
	t.Run("atom", func(t *testing.T) {
		r := get(t, h, "/search.atom?q=trade")
		if strings.Contains(r.body, "<script>") || !strings.Contains(r.body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("atom title not escaped:\n%s", r.body)
		}
	})
}
