package clean

import (
	"regexp"
	"strings"
	"unicode"
)

// lineKind is what a page line turned out to be.
type lineKind int

const (
	kindText    lineKind = iota // article text
	kindBoiler                  // site furniture, dropped
	kindCaption                 // photo caption: kept in the body, never a headline
	kindDate                    // a line that only states a date
	kindMeta                    // page metadata ("Source: ...", "By ..."), dropped
)

// line is one non-empty line of a page.
type line struct {
	text        string // spaces collapsed, photo credits removed
	key         string // lowercased, without bullets or numbering
	words       int
	bullet      bool
	blankBefore bool
	kind        lineKind
	dated       bool // a metadata line that states a date
}

var (
	bulletTrim    = "•·*-–—►▪‣◦●■□>"
	numberingRe   = regexp.MustCompile(`^\d{1,2}[.)]\s+`)
	creditParenRe = regexp.MustCompile(`(?i)\s*\([^()]*\b(?:photo|credit|courtesy)\b[^()]*\)`)
	creditTailRe  = regexp.MustCompile(`(?i)\s*\b(?:photo|credit)\s*:.*$`)
	agencySlashRe = regexp.MustCompile(`\s*\b[A-Z]{2,}/[A-Z][\p{L}.\- ]+$`)
	slashAgencyRe = regexp.MustCompile(`\s*\b[A-Z][\p{L}.\- ]+/(?:AP|AFP|Reuters|REUTERS|Getty Images)\)?$`)
	filePhotoRe   = regexp.MustCompile(`(?i)^file photo:\s*`)
	altTextRe     = regexp.MustCompile(`^[a-z][a-z ]+ \d+\.\d+$`)
)

// splitLines cuts text into non-empty, space-collapsed lines.
func splitLines(text string) []line {
	var out []line
	blank := false
	for _, raw := range strings.Split(text, "\n") {
		t := strings.Join(strings.Fields(raw), " ")
		if t == "" {
			blank = true
			continue
		}
		out = append(out, newLine(t, blank))
		blank = false
	}
	return out
}

func newLine(t string, blank bool) line {
	l := line{blankBefore: blank}
	trimmed := strings.TrimLeft(t, bulletTrim+" ")
	l.bullet = len(trimmed) < len(t)
	trimmed = numberingRe.ReplaceAllString(trimmed, "")
	l.key = strings.ToLower(strings.TrimSpace(trimmed))
	l.words = len(strings.Fields(trimmed))
	l.text = t
	if isCaptionText(t) {
		l.kind = kindCaption
		l.text = stripCredits(t)
	}
	return l
}

// isCaptionText reports photo captions and credits.
func isCaptionText(t string) bool {
	lt := strings.ToLower(t)
	for _, m := range []string{"photo credit", "file photo", "photo:", "(photo", "photo by", "photo/", "getty images", "reuters/", "/ap)", "/ap ", "credit:"} {
		if strings.Contains(lt, m) {
			return true
		}
	}
	return false
}

// stripCredits removes photographer and agency credits from a caption.
func stripCredits(t string) string {
	t = filePhotoRe.ReplaceAllString(t, "")
	t = creditParenRe.ReplaceAllString(t, "")
	t = creditTailRe.ReplaceAllString(t, "")
	t = agencySlashRe.ReplaceAllString(t, "")
	t = slashAgencyRe.ReplaceAllString(t, "")
	return strings.TrimSpace(t)
}

// isJunk reports lines with no readable words: counters, weather widgets,
// image file names, hashes.
func isJunk(l line) bool {
	letters := 0
	for _, w := range strings.Fields(l.key) {
		n := 0
		digits := false
		for _, r := range w {
			if unicode.IsLetter(r) {
				n++
			} else if unicode.IsDigit(r) {
				digits = true
			}
		}
		if digits && n >= 6 && len(w) >= 12 && l.words <= 4 {
			return true // a hash or file name
		}
		if n >= 2 {
			letters++
		}
	}
	if letters == 0 {
		return true
	}
	return altTextRe.MatchString(l.key)
}

// classify marks boilerplate, junk, captions and footers. A footer marker
// drops the rest of the page once the article has begun; before that it only
// drops itself and the link list under it.
func classify(lines []line) {
	content := 0
	for i := 0; i < len(lines); i++ {
		l := &lines[i]
		boiler, footer := rules.match(l.key, l.words)
		switch {
		case footer && content >= 400:
			for j := i; j < len(lines); j++ {
				lines[j].kind = kindBoiler
			}
			return
		case footer:
			l.kind = kindBoiler
			for i+1 < len(lines) && lines[i+1].bullet {
				i++
				lines[i].kind = kindBoiler
			}
		case boiler || isJunk(*l) || isPromo(*l) || isNavList(*l):
			l.kind = kindBoiler
		case l.kind == kindText && l.words >= 12:
			content += len(l.text)
		}
	}
	markCaptionTwins(lines)
}

// isPromo reports all-capital teaser lines ("WHO COULD REPLACE X?",
// "CLICK HERE TO READ MORE").
func isPromo(l line) bool {
	if l.words < 3 || strings.ToUpper(l.text) != l.text || strings.ToLower(l.text) == l.text {
		return false
	}
	return strings.HasSuffix(l.text, "?") || strings.Contains(l.key, "read more") || strings.Contains(l.key, "click here")
}

// isNavList reports a menu flattened into one line ("Travel & Transportation
// Immigration & Borders Research & Technology ...").
func isNavList(l line) bool {
	return strings.Count(l.text, " & ") >= 3 || strings.Count(l.text, " | ") >= 3
}

// markCaptionTwins marks a line as a caption when the next line repeats it
// with a photo credit.
func markCaptionTwins(lines []line) {
	for i := 0; i+1 < len(lines); i++ {
		if lines[i].kind == kindText && lines[i+1].kind == kindCaption &&
			tokenOverlap(lines[i].key, lines[i+1].key) >= 0.6 {
			lines[i].kind = kindCaption
		}
	}
}

// tokenOverlap is the share of a's words that also occur in b.
func tokenOverlap(a, b string) float64 {
	aw := wordsOf(a)
	if len(aw) == 0 {
		return 0
	}
	bs := map[string]bool{}
	for _, w := range wordsOf(b) {
		bs[w] = true
	}
	n := 0
	for _, w := range aw {
		if bs[w] {
			n++
		}
	}
	return float64(n) / float64(len(aw))
}

// wordsOf splits lowercased text into letter/digit runs.
func wordsOf(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}
