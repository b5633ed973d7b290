package fetch

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
)

// TestFeedFormats lists the items of an Atom feed and a JSON Feed, with
// their dates and titles, relative links resolved.
func TestFeedFormats(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/atom":
			fmt.Fprint(w, `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>Joint statement</title><link href="/news/a"/><published>2025-02-03T09:00:00+01:00</published><updated>2025-02-04T09:00:00Z</updated></entry>
<entry><title>Readout</title><link href="https://example.org/news/b"/><updated>2025-02-05T10:00:00Z</updated></entry></feed>`)
		case "/json":
			fmt.Fprint(w, `{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[
{"id":"1","url":"/news/c","title":"Remarks","date_published":"2025-03-01T08:00:00-05:00"}]}`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	cfg := &Config{AllowPrivate: true, Rate: 1000, Sources: []Source{
		{Name: "atom", Kind: KindFeed, URL: srv.URL + "/atom"},
		{Name: "json", Kind: KindFeed, URL: srv.URL + "/json"},
	}}
	if err := cfg.Prepare(); err != nil {
		t.Fatal(err)
	}
	f, err := New(cfg, t.TempDir(), filepath.Join(t.TempDir(), "state.json"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]Item{
		"atom": {{URL: srv.URL + "/news/a", Title: "Joint statement", Date: "2025-02-03T09:00:00+01:00"},
			{URL: "https://example.org/news/b", Title: "Readout", Date: "2025-02-05T10:00:00Z"}},
		"json": {{URL: srv.URL + "/news/c", Title: "Remarks", Date: "2025-03-01T08:00:00-05:00"}},
	}
	for i := range cfg.Sources {
		src := &cfg.Sources[i]
		got, err := f.list(t.Context(), src, 10)
		if err != nil {
			t.Fatalf("%s: %v", src.Name, err)
		}
		if fmt.Sprint(got) != fmt.Sprint(want[src.Name]) {
			t.Errorf("%s: items\n%v\nwant\n%v", src.Name, got, want[src.Name])
		}
	}
}
