package clean

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestTextFixtures(t *testing.T) {
	tests := []struct {
		file       string
		want       Article
		bodyHas    []string
		bodyHasNot []string
	}{
		{
			file:       "press_release.txt",
			want:       Article{Title: "Example Ministers Agree on Harbor Patrol Pilot", Date: "2018-07-11", Lang: "en"},
			bodyHas:    []string{"harbor patrol pilot that will run", "report back next spring"},
			bodyHasNot: []string{".gov", "Breadcrumb", "More News", "Unrelated Story", "For Immediate Release", "Release Date"},
		},
		{
			file:       "newswire.txt",
			want:       Article{Title: "Coastal Agencies Sign Training Accord in Port City", Date: "2025-06-03", Lang: "en"},
			bodyHas:    []string{"signed a training accord", "search and rescue"},
			bodyHasNot: []string{"Sponsor", "LETTER TO THE EDITOR", "Have a concern", "Send a Letter", "Copyright", "Contact Us", "Instagram"},
		},
		{
			file:       "blog.txt",
			want:       Article{Title: "Agencies Sign Example Agreement on Shared Research", Date: "2008-04-29", Lang: "en"},
			bodyHas:    []string{"shared research last week"},
			bodyHasNot: []string{"Filed under", "Comments are closed", "News and analysis"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := Text(readFixture(t, tt.file))
			body := got.Body
			got.Body = ""
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Text(%s) (-want +got):\n%s", tt.file, diff)
			}
			for _, s := range tt.bodyHas {
				if !strings.Contains(body, s) {
					t.Errorf("body lacks %q:\n%s", s, body)
				}
			}
			for _, s := range tt.bodyHasNot {
				if strings.Contains(body, s) {
					t.Errorf("body keeps %q:\n%s", s, body)
				}
			}
		})
	}
}

func TestBoilerplateRules(t *testing.T) {
	if _, err := parseRules(boilerplateData); err != nil {
		t.Fatalf("embedded rules: %v", err)
	}
	for _, bad := range []string{"line", "nosuchkind\tx", "line\t"} {
		if _, err := parseRules(bad); err == nil {
			t.Errorf("parseRules(%q) = nil error, want one", bad)
		}
	}
	tests := []struct {
		line           string
		boiler, footer bool
	}{
		{"letter to the editor", true, false},
		{"a .gov website belongs to an official government organization in the united states.", true, false},
		{"more news", true, true},
		{"copyright © 2019 example", true, true},
		{"black twitter icon", true, false},
		{"the ministers met in the capital.", false, false},
	}
	for _, tt := range tests {
		b, f := rules.match(tt.line, len(strings.Fields(tt.line)))
		if b != tt.boiler || f != tt.footer {
			t.Errorf("match(%q) = %v, %v; want %v, %v", tt.line, b, f, tt.boiler, tt.footer)
		}
	}
}

func TestTextCaptionsAndCredits(t *testing.T) {
	in := "Example Headline About Harbor Agreement\n\nOfficials walk at the harbor (photo credit: Jane Example)\n\nThe agreement was signed today by the harbor officials of both example agencies after long talks."
	a := Text(in)
	if strings.Contains(a.Body, "Jane Example") {
		t.Errorf("photo credit kept: %q", a.Body)
	}
	if !strings.Contains(a.Body, "Officials walk at the harbor") {
		t.Errorf("caption dropped: %q", a.Body)
	}
}

func TestTextLinkListAtTop(t *testing.T) {
	in := "Something went wrong with the connection!\n Breaking News\n  • Teaser one about a city: text...\n  • Teaser two about another city: text...\n"
	if a := Text(in); strings.Contains(a.Body, "Teaser") {
		t.Errorf("link list kept: %q", a.Body)
	}
}

func TestTwoLineCapsTitle(t *testing.T) {
	in := "OPENING REMARKS\nEXAMPLE HOMELAND MINISTERIAL MEETING\n22 JULY 2013\nThank you all for coming to this meeting of ministers from our example countries today, it matters."
	a := Text(in)
	if want := "OPENING REMARKS – EXAMPLE HOMELAND MINISTERIAL MEETING"; a.Title != want {
		t.Errorf("Title = %q, want %q", a.Title, want)
	}
	if a.Date != "2013-07-22" {
		t.Errorf("Date = %q, want 2013-07-22", a.Date)
	}
}

func TestMojibake(t *testing.T) {
	in := "鈥淗onduras and now Guatemala,鈥 Noem said. 鈥淲e鈥檝e never believed it.鈥"
	got := repairMojibake(in)
	want := "“Honduras and now Guatemala,” Noem said. “We’ve never believed it.”"
	if got != want {
		t.Errorf("repairMojibake = %q, want %q", got, want)
	}
	if s := "中文新闻 鈥"; repairMojibake(s) != s {
		t.Errorf("one marker must not trigger a repair")
	}
}

func TestDetectLang(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The secretary said that the agreement was signed by the two countries and it will be in force.", "en"},
		{"El secretario de Seguridad dijo que los acuerdos con los países de la región son para la seguridad.", "es"},
		{"Le ministre a dit que les accords avec les pays de la région sont pour la sécurité des citoyens.", "fr"},
		{"", "en"},
	}
	for _, tt := range tests {
		if got := DetectLang(tt.in); got != tt.want {
			t.Errorf("DetectLang(%.30q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSourceAndURL(t *testing.T) {
	in := "Example Headline About Harbor Agreement\n\nURL: https://example.org/news/harbor\n\nThe agreement was signed today by both agencies.\n\nSource: US Department of Homeland Security"
	a := Text(in)
	if a.Source != "U.S. Department of Homeland Security" {
		t.Errorf("Source = %q", a.Source)
	}
	if a.URL != "https://example.org/news/harbor" {
		t.Errorf("URL = %q", a.URL)
	}
}

func TestTextInvalidUTF8(t *testing.T) {
	a := Text("Example \xff\xfe Headline Here Today\n\nBody \xc3 text.")
	for _, s := range []string{a.Title, a.Body, a.Date, a.Source, a.URL, a.Lang} {
		if !utf8.ValidString(s) {
			t.Errorf("invalid UTF-8 in %q", s)
		}
	}
}

func TestTextHeaderLines(t *testing.T) {
	const body = "The example ministers agreed today on a harbor patrol pilot that will run for two years along the shared coast."
	tests := []struct {
		name string
		in   string
		want Article
	}{
		{
			name: "source date url under the headline",
			in:   "Example Ministers Agree on Harbor Pilot\nSource: US Department of Homeland Security\nDate: August 14, 2009\nURL: https://example.org/harbor\n\n" + body,
			want: Article{Title: "Example Ministers Agree on Harbor Pilot", Source: "U.S. Department of Homeland Security", Date: "2009-08-14", URL: "https://example.org/harbor"},
		},
		{
			name: "source only",
			in:   "Example Ministers Agree on Harbor Pilot\nSource: Example Times\n\n" + body,
			want: Article{Title: "Example Ministers Agree on Harbor Pilot", Source: "Example Times"},
		},
		{
			name: "metadata above the headline",
			in:   "Source: Example Times\nPublished: March 4, 2020\n\nExample Ministers Agree on Harbor Pilot\n\n" + body,
			want: Article{Title: "Example Ministers Agree on Harbor Pilot", Source: "Example Times", Date: "2020-03-04"},
		},
		{
			name: "release date and byline",
			in:   "Example Ministers Agree on Harbor Pilot\nBy Anna Example\nRelease Date: July 11, 2018\n\n" + body,
			want: Article{Title: "Example Ministers Agree on Harbor Pilot", Date: "2018-07-11"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.in)
			if got.Body != body {
				t.Errorf("Body = %q, want only the story", got.Body)
			}
			got.Body, got.Lang = "", ""
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Text (-want +got):\n%s", diff)
			}
		})
	}
}
