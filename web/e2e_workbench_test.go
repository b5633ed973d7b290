package web

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

// The small wordings and links of issue 15: counts that say "1 document",
// a browse link that sorts newest, nothing to share or export when
// nothing was found.
func TestWorkbenchWordings(t *testing.T) {
	h := newHandler(t)
	d := get(t, h, "/search?q=mayorkas").doc(t)
	germany := d.Find(`[data-testid="facet-country"] a[data-value="Germany"] [data-testid=facet-count]`).Text()
	if germany != "1 document" {
		t.Errorf("Germany count reads %q, want %q", germany, "1 document")
	}
	us := d.Find(`[data-testid="facet-country"] a[data-value="United States"] [data-testid=facet-count]`).Text()
	if us != "4 documents" {
		t.Errorf("United States count reads %q, want %q", us, "4 documents")
	}
	if n := d.Find("[data-testid=copy-link], [data-testid=export]").Length(); n != 2 {
		t.Errorf("a search with results: %d of Copy link and Export, want both", n)
	}
	empty := get(t, h, "/search?q=zzzzqqqxx").doc(t)
	if n := empty.Find("[data-testid=copy-link], [data-testid=export]").Length(); n != 0 {
		t.Errorf("no results, yet %d Copy link/Export controls", n)
	}
	home := get(t, h, "/").doc(t)
	browse := attrs(home, ".hero__browse a", "href")
	if !slices.Equal(browse, []string{"/search?sort=newest"}) {
		t.Errorf("Browse everything, newest first links to %q", browse)
	}
}

// A document opened from a search links back to that search and marks
// the query's words.
func TestDocPageFromSearch(t *testing.T) {
	h := newHandler(t)
	d := get(t, h, "/search?q=faeser&country=Germany").doc(t)
	links := attrs(d, "[data-testid=hit-title] a", "href")
	if !slices.Equal(links, []string{"/doc/d01?q=faeser&country=Germany"}) {
		t.Fatalf("hit links: %q", links)
	}
	r := get(t, h, links[0])
	if r.status != http.StatusOK {
		t.Fatalf("status %d", r.status)
	}
	doc := r.doc(t)
	if got := attrs(doc, "[data-testid=doc-back]", "href"); !slices.Equal(got, []string{"/search?q=faeser&country=Germany"}) {
		t.Errorf("back link: %q", got)
	}
	if got := texts(doc, "[data-testid=doc-back]"); len(got) != 1 || !strings.Contains(got[0], "faeser · Germany") {
		t.Errorf("back link text: %q", got)
	}
	if got := texts(doc, "[data-testid=doc-body] mark"); !slices.Equal(got, []string{"Faeser"}) {
		t.Errorf("marked words: %q", got)
	}
	if got := attrs(doc, `link[rel=canonical]`, "href"); !slices.Equal(got, []string{"http://example.com/doc/d01"}) {
		t.Errorf("canonical: %q", got)
	}
	// Opened directly: no back link, nothing marked.
	plain := get(t, h, "/doc/d01").doc(t)
	if n := plain.Find("[data-testid=doc-back], [data-testid=doc-body] mark").Length(); n != 0 {
		t.Errorf("a directly opened document has %d back links or marks", n)
	}
}

func TestMarkTerms(t *testing.T) {
	for _, c := range []struct{ text, query, want string }{
		{"Cybersecurity & <b>Gómez</b>", "cyber gomez", "<mark>Cybersecurity</mark> &amp; &lt;b&gt;<mark>Gómez</mark>&lt;/b&gt;"},
		{"border and trade", `border -trade`, "<mark>border</mark> and trade"},
		{"border and trade", `-"and trade" border OR x`, "<mark>border</mark> and trade"},
		{"a b", "", "a b"},
	} {
		if got := markTerms(c.text, queryTerms(c.query)); got != c.want {
			t.Errorf("markTerms(%q, %q) = %q, want %q", c.text, c.query, got, c.want)
		}
	}
}
