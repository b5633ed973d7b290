package clean

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestHTML(t *testing.T) {
	page := []byte(`<!doctype html><html lang="en-US"><head>
<title>Harbor Pilot Agreed | Example News</title>
<meta property="og:title" content="Example Ministers Agree on Harbor Patrol Pilot | Example News">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2018-07-11T09:30:00Z">
<link rel="canonical" href="https://example.org/news/harbor-pilot">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Example Ministers Agree on Harbor Patrol Pilot</h1>
<p>WASHINGTON - Today the example ministers agreed on a harbor patrol pilot that will run for two years along the shared coast, with joint training for patrol crews and a common reporting desk.</p>
<p>The ministers said the pilot builds on earlier harbor work and will report back next spring, after the first season of joint patrols has ended.</p>
<p>Officials from both agencies will meet again in the autumn to review the first results of the pilot and decide on the next steps.</p>
</article>
<footer>Copyright © 2018 Example News</footer>
</body></html>`)
	a := HTML(page, "https://example.org/x")
	if a.Title != "Example Ministers Agree on Harbor Patrol Pilot" {
		t.Errorf("Title = %q", a.Title)
	}
	if a.Date != "2018-07-11" {
		t.Errorf("Date = %q", a.Date)
	}
	if a.Source != "Example News" {
		t.Errorf("Source = %q", a.Source)
	}
	if a.URL != "https://example.org/news/harbor-pilot" {
		t.Errorf("URL = %q", a.URL)
	}
	if a.Lang != "en" {
		t.Errorf("Lang = %q", a.Lang)
	}
	if !contains(a.Body, "harbor patrol pilot that will run") || contains(a.Body, "Copyright") {
		t.Errorf("Body = %q", a.Body)
	}
}

func TestHTMLGarbage(t *testing.T) {
	for _, in := range []string{"", "<", "\xff\xfe<html><p>\xc3", "plain text, no tags at all"} {
		a := HTML([]byte(in), "::not a url")
		for _, s := range []string{a.Title, a.Body, a.Date, a.Source, a.URL, a.Lang} {
			if !utf8.ValidString(s) {
				t.Errorf("HTML(%q): invalid UTF-8 %q", in, s)
			}
		}
	}
}

func contains(s, sub string) bool {
	return strings.Contains(s, sub)
}

// TestHTMLDeeperThan512 : the HTML parser refuses pages nested deeper
// than 512 elements, and such pages fell back to their raw text, tags
// and all ("<p>Secretary …</p>" as a title).
func TestHTMLDeeperThan512(t *testing.T) {
	body := "<p>Secretary Mayorkas met the Minister of the Interior in Washington to discuss border security.</p>" +
		"<script>var x = '<b>not text</b>';</script>"
	raw := "<html><head><title>Deep page title</title></head><body>" + strings.Repeat("<div>", 600) + body + strings.Repeat("</div>", 600) + "</body></html>"
	a := HTML([]byte(raw), "")
	if a.Title != "Deep page title" {
		t.Errorf("title %q, want the page title", a.Title)
	}
	if strings.ContainsAny(a.Title+a.Body, "<>") || strings.Contains(a.Body, "not text") {
		t.Errorf("markup or script in the text:\ntitle %q\nbody %q", a.Title, a.Body)
	}
	if !strings.Contains(a.Body, "Secretary Mayorkas met the Minister") {
		t.Errorf("body lost the text: %q", a.Body)
	}
}
