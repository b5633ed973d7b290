package indexer_test

import (
	"strings"
	"testing"

	"github.com/accord-search/accord/indexer"
	"github.com/accord-search/accord/indexer/source"
	"github.com/accord-search/accord/search"
)

// page is an HTML press release; dateLine, when given, states the date.
func page(title, country, dateLine string) string {
	return "<!doctype html><html lang=en><head><title>" + title + "</title></head><body><main><h1>" + title + "</h1>" +
		dateLine + "<p>" + strings.ReplaceAll(article(title, country, ""), "\n", " ") + "</p></main></body></html>"
}

// TestFetchMetadataIsUsed reads pages with and without .meta.json sidecars
// and checks the address, publisher and date each document gets.
func TestFetchMetadataIsUsed(t *testing.T) {
	corpus := t.TempDir()
	writeFile(t, corpus, "feed/a.html", page("Secretary meets Mexican counterpart", "Mexico", ""))
	writeFile(t, corpus, "feed/a.meta.json", `{"url":"https://www.dhs.gov/news/a?utm=x","final_url":"https://www.dhs.gov/news/a",
		"canonical":"https://www.dhs.gov/news/2025/01/02/a","feed_date":"2025-01-02T23:30:00-05:00","publisher":"U.S. Department of Homeland Security"}`)
	// The page states its date: the feed's is not used.
	writeFile(t, corpus, "feed/b.html", page("Joint statement on border talks", "Guatemala", "<p>Release Date: March 4, 2024</p>"))
	writeFile(t, corpus, "feed/b.meta.json", `{"url":"https://www.reuters.com/world/b","feed_date":"2024-03-09T08:00:00Z"}`)
	// A broken sidecar is named; its page is still indexed.
	writeFile(t, corpus, "feed/c.html", page("Ministers discuss migration routes", "Panama", ""))
	writeFile(t, corpus, "feed/c.meta.json", `{"url":`)
	// A page without a sidecar that states its address gets the table's publisher.
	writeFile(t, corpus, "saved/d.txt", "Officials review cargo screening\nURL: https://www.cbp.gov/newsroom/d\n\n"+article("Officials review cargo screening", "Singapore", ""))

	var log strings.Builder
	var sum indexer.Summary
	c, err := indexer.Read(t.Context(), newBuilder(t), indexer.Options{Root: corpus, Log: &log}, &sum)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]search.Document{}
	for _, d := range c.Docs {
		got[d.Path] = d
	}
	check := func(path, url, src, date, from string) {
		t.Helper()
		d, ok := got[path]
		if !ok {
			t.Fatalf("%s: not read; log:\n%s", path, &log)
		}
		if d.URL != url || d.Source != src || d.Date != date || d.DateSource != from {
			t.Errorf("%s: url %q source %q date %q (%q)\nwant url %q source %q date %q (%q)", path, d.URL, d.Source, d.Date, d.DateSource, url, src, date, from)
		}
	}
	check("feed/a.html", "https://www.dhs.gov/news/2025/01/02/a", "U.S. Department of Homeland Security", "2025-01-02", search.DateFromFeed)
	check("feed/b.html", "https://www.reuters.com/world/b", "Reuters", "2024-03-04", "")
	check("feed/c.html", "", "", "", "")
	check("saved/d.txt", "https://www.cbp.gov/newsroom/d", "U.S. Customs and Border Protection", "", "")
	if sum.Skipped[source.ReasonBadMeta] != 1 || !strings.Contains(log.String(), "feed/c.meta.json: broken metadata") {
		t.Errorf("the broken sidecar is not named: skipped %v, log:\n%s", sum.Skipped, &log)
	}
	if sum.Read != 4 {
		t.Errorf("read %d documents, want 4 (sidecars are not documents)", sum.Read)
	}

	// A change in the metadata alone changes the document's hash.
	before := got["feed/a.html"].Hash
	writeFile(t, corpus, "feed/a.meta.json", `{"url":"https://www.dhs.gov/news/a","feed_date":"2025-01-03T10:00:00Z"}`)
	c, err = indexer.Read(t.Context(), newBuilder(t), indexer.Options{Root: corpus}, &indexer.Summary{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range c.Docs {
		if d.Path == "feed/a.html" && d.Hash == before {
			t.Errorf("the hash did not change with the metadata")
		}
	}
}
