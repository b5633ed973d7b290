package web

import (
	"net/url"
	"testing"
	"time"

	"github.com/accord-search/accord/search"
)

func TestSafeHighlight(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"engine output passes", "Secretary <mark>Mayorkas</mark> &amp; &lt;b&gt;", "Secretary <mark>Mayorkas</mark> &amp; &lt;b&gt;"},
		{"raw markup is escaped", `<script>alert(1)</script> <mark>x</mark>`, "&lt;script&gt;alert(1)&lt;/script&gt; <mark>x</mark>"},
		{"attributes on mark are escaped", `<mark onclick="x">y</mark>`, "&lt;mark onclick=&#34;x&#34;&gt;y"},
		{"unbalanced marks are dropped", "cut <mark>word", "cut word"},
		{"quotes", `"a" 'b'`, "&#34;a&#34; &#39;b&#39;"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := safeHighlight(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestExternalURL(t *testing.T) {
	tests := map[string]string{
		"https://www.dhs.gov/news/2023/03/23/x": "https://www.dhs.gov/news/2023/03/23/x",
		"http://example.org/a?b=c":              "http://example.org/a?b=c",
		" https://example.org ":                 "https://example.org",
		"javascript:alert(1)":                   "",
		"JavaScript:alert(1)":                   "",
		"data:text/html,<script>":               "",
		"//evil.example/x":                      "",
		"/relative":                             "",
		"ftp://example.org/f":                   "",
		"":                                      "",
	}
	for in, want := range tests {
		if got := externalURL(in); got != want {
			t.Errorf("externalURL(%q): got %q, want %q", in, got, want)
		}
	}
}

func TestFormatting(t *testing.T) {
	tests := []struct{ name, got, want string }{
		{"commas", commas(1234567), "1,234,567"},
		{"commas small", commas(999), "999"},
		{"commas negative", commas(-1234), "-1,234"},
		{"plural one", plural(1, "result", "results"), "1 result"},
		{"plural many", plural(1200, "result", "results"), "1,200 results"},
		{"plural zero", plural(0, "result", "results"), "0 results"},
		{"took sub-ms", tookText(300 * time.Microsecond), "under 1 ms"},
		{"took ms", tookText(42 * time.Millisecond), "42 ms"},
		{"took s", tookText(1500 * time.Millisecond), "1.5 s"},
		{"day", displayDate("2023-03-23"), "23 March 2023"},
		{"month", displayDate("2023-03"), "March 2023"},
		{"year", displayDate("2023"), "2023"},
		{"no date", displayDate(""), ""},
		{"bad date", displayDate("March"), ""},
		{"excerpt escapes and cuts at a word", excerpt("a <b> c d e f g h", 9), "a &lt;b&gt; c…"},
		{"doc path escapes", docPath("a/b c"), "/doc/a%2Fb%20c"},
		{"date label year", dateLabel("2023", "2023"), "2023"},
		{"date label range", dateLabel("2021", "2023-06"), "2021–2023-06"},
		{"date label open end", dateLabel("2021", ""), "from 2021"},
		{"date label open start", dateLabel("", "2021"), "until 2021"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func TestDescribe(t *testing.T) {
	tests := []struct {
		query  string
		total  int
		capped bool
		want   string
	}{
		{"q=cyber&country=Germany", 14, false, "14 results for cyber · Germany"},
		{"", 10, false, "10 results"},
		{"country=Mexico&official=Antony+Blinken&from=2020&to=2021", 1, false, "1 result · Mexico · Antony Blinken · 2020–2021"},
		{"q=security", 1000, true, "more than 1,000 results for security"},
	}
	for _, tt := range tests {
		v, _ := url.ParseQuery(tt.query)
		st, err := ParseState(v)
		if err != nil {
			t.Fatal(err)
		}
		if got := describe(st, &search.Result{Total: tt.total, TotalCapped: tt.capped}); got != tt.want {
			t.Errorf("describe(%q): got %q, want %q", tt.query, got, tt.want)
		}
	}
}

func TestCorrect(t *testing.T) {
	vocab := map[string]int{"fentanyl": 3, "mayorkas": 5, "cybersecurity": 2, "migration": 4, "mitigation": 1, "border": 6}
	tests := []struct {
		in, want string
		changed  bool
	}{
		{"fentanly", "fentanyl", true}, // a swap of neighbours is one edit
		{"cybersecuirty", "cybersecurity", true},
		{"border fentanly", "border fentanyl", true},
		{"migraton", "migration", true},
		{"mayorkas", "mayorkas", false}, // known
		{"xyzzyx", "xyzzyx", false},     // nothing near
		{"bordr", "border", true},
		{"the", "the", false}, // short words are left alone
	}
	for _, tt := range tests {
		got, changed := correct(tt.in, vocab)
		if got != tt.want || changed != tt.changed {
			t.Errorf("correct(%q): got %q, %v, want %q, %v", tt.in, got, changed, tt.want, tt.changed)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"kitten", "sitting", 3, 3},
		{"fentanly", "fentanyl", 2, 1},
		{"abc", "abc", 1, 0},
		{"abc", "abcdef", 1, 2}, // over the limit: limit+1
		{"gómez", "gomez", 1, 1},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("editDistance(%q, %q, %d): got %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

func TestParagraphsAndExportName(t *testing.T) {
	if got := paragraphs("One.\n\n  Two\nstill two.\n\n\n"); len(got) != 2 || got[1] != "Two still two." {
		t.Errorf("paragraphs: got %q", got)
	}
	if got := paragraphs("Line one\nLine two"); len(got) != 2 {
		t.Errorf("paragraphs by line: got %q", got)
	}
	v, _ := url.ParseQuery("q=Cyber+Security&country=C%C3%B4te+d%27Ivoire")
	st, _ := ParseState(v)
	if got, want := exportName(st), "accord-cyber-security-c-te-d-ivoire"; got != want {
		t.Errorf("exportName: got %q, want %q", got, want)
	}
}

func TestTitleOf(t *testing.T) {
	if got := titleOf("Headline", "Body text here.", "X"); got != "Headline" {
		t.Errorf("titleOf with a title = %q", got)
	}
	if got := titleOf("", "Ministers met in the capital to sign a plan. More.", "X"); got != "Ministers met in the capital to sign a plan" {
		t.Errorf("titleOf derived = %q", got)
	}
	if got := titleOf("", "", "X"); got != "A document from X" {
		t.Errorf("titleOf without text = %q", got)
	}
}

func TestUntitled(t *testing.T) {
	for source, want := range map[string]string{"India Post": "A document from India Post", " ": "A document without a headline", "": "A document without a headline"} {
		if got := untitled(source); got != want {
			t.Errorf("untitled(%q) = %q, want %q", source, got, want)
		}
	}
}
