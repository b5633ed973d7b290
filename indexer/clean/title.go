package clean

import (
	"regexp"
	"strings"
	"unicode"
)

// page is a classified page with its chosen headline.
type page struct {
	lines    []line
	titleIdx int // index of the headline line, -1 when none
	title    string
}

var (
	gluedPrefixRe = regexp.MustCompile(`^[A-Za-z]+:(\S)`)
	journalistRe  = regexp.MustCompile(`(?i)\b(reporter|correspondent|editor|writer|columnist|staff|contributor|journalist)\b`)
	// Markup around a headline: list numbering ("6. "), wiki rules
	// ("= Headline ="), a trailing separator ("Headline |").
	listNumberRe = regexp.MustCompile(`^\d{1,3}[.)]\s+`)
	wikiRuleRe   = regexp.MustCompile(`^=+\s*(.*?)\s*=+$`)
	trailingBar  = regexp.MustCompile(`(?:\s*[|¦]\s*)+$`)
	nextCueRe    = regexp.MustCompile(`(?i)^(by\b|release date|published|posted|filed under|date:|updated|written by)`)
)

// analyze classifies lines and picks the headline.
func analyze(lines []line) page {
	classify(lines)
	markMeta(lines)
	for i := range lines {
		if lines[i].kind == kindText {
			if _, ok := standaloneDate(lines[i]); ok {
				lines[i].kind = kindDate
			}
		}
	}
	p := page{lines: lines, titleIdx: -1}
	p.pickTitle()
	return p
}

// body joins the article lines after the headline (all of them when there
// is none): lines above a headline are site furniture.
func (p page) body() string {
	var b strings.Builder
	for i := p.titleIdx + 1; i < len(p.lines); i++ {
		l := p.lines[i]
		if l.kind == kindText || l.kind == kindCaption {
			b.WriteString(l.text)
			b.WriteByte('\n')
		}
	}
	return strings.TrimSpace(b.String())
}

// isParagraph reports a line of running text.
func isParagraph(l line) bool {
	switch l.kind {
	case kindText:
		return l.words >= 30 || (l.words >= 12 && endsSentence(l.text))
	case kindCaption:
		// A long caption ends the header block; a short one may sit above
		// the headline.
		return l.words >= 20 && endsSentence(l.text)
	}
	return false
}

// endsSentence reports text ending in ".", "!" or "?", possibly inside quotes.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"”’')» ")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?")
}

// pickTitle scores the short lines above the first paragraph: headlines
// share words with the story, sit next to a date or byline, and come early.
func (p *page) pickTitle() {
	first := len(p.lines)
	for i, l := range p.lines {
		if isParagraph(l) {
			first = i
			break
		}
	}
	if first == len(p.lines) && first > 15 {
		first = 15
	}
	lastSeen := stemLastSeen(p.lines)
	best, bestScore, rank := -1, 0.0, 0
	for i := 0; i < first; i++ {
		l := p.lines[i]
		if !isTitleCandidate(l) {
			continue
		}
		s := 1.0 - 0.15*float64(rank) + 1.5*overlapAfter(l.text, i, lastSeen)
		rank++
		if next := p.lines[min(i+1, len(p.lines)-1)]; i+1 < len(p.lines) &&
			(isDateLine(next) || next.kind == kindMeta || nextCueRe.MatchString(next.key)) {
			s += 1.0
		} else if p.dateWithin(i, 5) {
			s += 0.6
		}
		if prev := p.prev(i); prev >= 0 && isDateLine(p.lines[prev]) {
			s += 0.4
		}
		if l.words >= 5 && l.words <= 25 {
			s += 0.3
		}
		if isAllCaps(l.text) {
			s -= 0.7
		}
		if strings.Contains(l.text, " | ") {
			s -= 0.5
		}
		if best < 0 || s > bestScore {
			best, bestScore = i, s
		}
	}
	if best < 0 {
		return
	}
	p.titleIdx = best
	p.title = p.titleText(best)
}

// titleText tidies the chosen line: a glued site prefix goes ("NextImg:"),
// and an all-capital headline takes a short all-capital kicker above it.
func (p page) titleText(i int) string {
	t := tidyTitle(gluedPrefixRe.ReplaceAllString(p.lines[i].text, "$1"))
	if isAllCaps(t) {
		if j := i - 1; j >= 0 && p.lines[j].words <= 4 && isAllCaps(p.lines[j].text) && p.lines[j].kind == kindText {
			t = p.lines[j].text + " – " + t
		}
	}
	return strings.TrimSpace(t)
}

// tidyTitle removes list and wiki markup around a headline.
func tidyTitle(t string) string {
	t = strings.TrimSpace(t)
	t = wikiRuleRe.ReplaceAllString(t, "$1")
	t = trailingBar.ReplaceAllString(t, "")
	if rest := listNumberRe.ReplaceAllString(t, ""); len(strings.Fields(rest)) >= 3 {
		t = rest
	}
	return strings.TrimSpace(t)
}

func isTitleCandidate(l line) bool {
	if l.kind != kindText || l.words < 3 || l.words > 30 || len(l.text) > 220 {
		return false
	}
	t := l.text
	if strings.HasSuffix(t, ":") || (strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "...")) {
		return false
	}
	if strings.HasPrefix(l.key, "by ") {
		return false
	}
	// "Anna Example, Homeland Security Reporter" is a byline.
	if name, role, ok := strings.Cut(t, ", "); ok && len(strings.Fields(name)) <= 3 && journalistRe.MatchString(role) {
		return false
	}
	return true
}

// dateWithin reports a date line among the n lines after line i.
func (p page) dateWithin(i, n int) bool {
	for j := i + 1; j < len(p.lines) && j <= i+n; j++ {
		if isDateLine(p.lines[j]) {
			return true
		}
	}
	return false
}

func (p page) prev(i int) int {
	for j := i - 1; j >= 0; j-- {
		if p.lines[j].kind != kindBoiler {
			return j
		}
	}
	return -1
}

func isAllCaps(s string) bool {
	return strings.ToUpper(s) == s && strings.ToLower(s) != s
}

// stem cuts a lowercased word to five letters, enough to match "visit" with
// "visited" and "country" with "countries".
func stem(w string) string {
	if len(w) > 5 {
		return w[:5]
	}
	return w
}

// stemLastSeen maps each content-word stem to the last line it occurs on.
func stemLastSeen(lines []line) map[string]int {
	last := map[string]int{}
	for i, l := range lines {
		if l.kind == kindBoiler {
			continue
		}
		for _, w := range wordsOf(l.text) {
			if len(w) >= 3 && !stopwordsEN[w] {
				last[stem(w)] = i
			}
		}
	}
	return last
}

// overlapAfter is the share of line i's content words that recur below it.
func overlapAfter(s string, i int, last map[string]int) float64 {
	n, hit := 0, 0
	for _, w := range wordsOf(s) {
		if len(w) < 3 || stopwordsEN[w] || !unicode.IsLetter([]rune(w)[0]) {
			continue
		}
		n++
		if last[stem(w)] > i {
			hit++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(hit) / float64(n)
}
