package clean

import (
	"regexp"
	"strings"
)

// Pages often open with a block of "Label: value" lines above or right under
// the headline: "Source: ...", "Date: ...", "Release Date: ...",
// "Published: ...", "URL: ...", a "By ..." byline. They describe the page,
// so they are read for the source, date and address and kept out of the
// headline and the body.

var (
	metaLabelRe = regexp.MustCompile(`(?i)^(?:source|publisher|date|release date|released|published(?: on| date)?|posted(?: on)?|updated|last updated|dateline|url|source url|link|permalink|original(?: url)?|canonical|author|byline)\s*:\s*\S`)
	metaDateRe  = regexp.MustCompile(`(?i)^(?:release date|released|published|posted|updated|last updated)\b`)
	bylineRe    = regexp.MustCompile(`^(?:By|BY|by)\s+\p{Lu}`)
)

// headLines is how far down the page a metadata line may sit when no
// paragraph has started yet.
const headLines = 12

// markMeta marks the metadata lines of the page head: the lines above the
// first paragraph, at most headLines of them.
func markMeta(lines []line) {
	for i := 0; i < len(lines) && i < headLines; i++ {
		l := &lines[i]
		if isParagraph(*l) {
			return
		}
		if l.kind != kindBoiler && isMetaLine(*l) {
			l.kind = kindMeta
			l.dated = len(findDates(l.text)) > 0
		}
	}
}

// isMetaLine reports a labelled metadata line, an unlabelled publication
// line ("Published 9 September 2025") or a short byline ("By Anna Example").
func isMetaLine(l line) bool {
	t := strings.TrimLeft(l.text, bulletTrim+" ")
	switch {
	case metaLabelRe.MatchString(t):
		return l.words <= 25
	case metaDateRe.MatchString(t):
		return l.words <= 12 && len(findDates(t)) > 0
	case bylineRe.MatchString(t):
		return l.words <= 12 && !endsSentence(t)
	}
	return false
}

// isDateLine reports a line that only states a date or a metadata line that
// states one: both mark the headline above them.
func isDateLine(l line) bool {
	return l.kind == kindDate || l.dated
}
