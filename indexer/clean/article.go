package clean

import "strings"

// Article is one cleaned page.
type Article struct {
	// Title is the headline as the page shows it, or "" when none was found.
	Title string
	// Body is the article text without site furniture, one paragraph per line.
	Body string
	// Date is the publication date the page states: "YYYY-MM-DD", or
	// "YYYY-MM" / "YYYY" when only that is given, or "" when none is stated.
	// It is never taken from a URL and never invented.
	Date string
	// Source is the publisher, e.g. "U.S. Department of Homeland Security".
	Source string
	// URL is the page address when the page states it.
	URL string
	// Lang is an ISO 639-1 code guessed from stop words ("en", "es", ...).
	Lang string
}

// Text cleans a plain-text page dump.
func Text(raw string) Article {
	text, injected := stripInjectedDate(normalize(raw))
	lines := splitLines(text)
	page := analyze(lines)
	a := Article{
		Title:  page.title,
		Body:   page.body(),
		Source: findSource(lines),
		URL:    findURL(lines),
	}
	a.Date = injected
	if a.Date == "" {
		a.Date = findDate(lines, page)
	}
	a.Lang = DetectLang(a.Title + "\n" + a.Body)
	return a
}

// normalize makes any input valid UTF-8 with "\n" line ends and plain spaces.
func normalize(raw string) string {
	s := strings.ToValidUTF8(raw, "\uFFFD")
	s = repairMojibake(s)
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return spaceReplacer.Replace(s)
}

var spaceReplacer = strings.NewReplacer(
	"\u00a0", " ", "\u2009", " ", "\u202f", " ", "\u2002", " ", "\u2003", " ",
	"\u200b", "", "\u200c", "", "\u200d", "", "\ufeff", "", "\t", " ",
)
