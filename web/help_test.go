package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestHelpPage: /help explains the syntax, the search box links to it on
// every page that has one, and each example link on it is a working
// search.
func TestHelpPage(t *testing.T) {
	h := newHandler(t)
	r := get(t, h, "/help")
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
		t.Fatalf("/help: status %d, %s", r.status, r.header.Get("Content-Type"))
	}
	d := r.doc(t)
	if got := texts(d, "h1"); len(got) != 1 || got[0] != "Search tips" {
		t.Errorf("heading %q", got)
	}
	body := strings.Join(texts(d, `[data-testid="help"]`), " ")
	for _, want := range []string{`"smart border declaration"`, "border -mexico", `-"safe third country"`, "icebreakers OR arctic", "match=all", "Filter by Official: Janet Napolitano", "Copy link"} {
		if !strings.Contains(body, want) {
			t.Errorf("help lacks %q", want)
		}
	}
	for _, href := range attrs(d, `[data-testid="help"] a`, "href") {
		if r := get(t, h, href); r.status != http.StatusOK {
			t.Errorf("help links to %s: status %d", href, r.status)
		}
	}
	for _, page := range []string{"/", "/search?q=cyber", "/help"} {
		links := attrs(get(t, h, page).doc(t), `[data-testid="search-form"] [data-testid="search-help"]`, "href")
		if len(links) != 1 || links[0] != "/help" {
			t.Errorf("%s: search box help links %q, want /help", page, links)
		}
	}
}
