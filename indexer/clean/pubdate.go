package clean

import (
	"regexp"
	"strings"
)

// The page's own date is looked for in this order: a labelled line
// ("Release Date:", "Published", "Posted"), a byline with a date, a line that
// states only a date (or a dateline "Place, Date"), a date in the headline,
// and last the signature of an embedded post. Dates inside the story
// ("On February 20, 2019, ...") are events, not publication dates.

var (
	injectedDateRe = regexp.MustCompile(`^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*`)
	labelRe        = regexp.MustCompile(`(?i)(?:^|\(|\s)(release date|published|posted|date|fecha|pubblicato|issued|this article is from|aired(?: on)?|first aired|broadcast on)\b`)
	// datelineDashRe is the dash that ends a dateline ("--", "–", "—", "-").
	datelineDashRe = regexp.MustCompile(`^\s*(?:--|[-–—])\s*`)
	weekdayRe      = regexp.MustCompile(`(?i)\b(mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?|sun)(day)?\b`)
	ordinalRe      = regexp.MustCompile(`\d(st|nd|rd|th)\b`)
	residueWordRe  = regexp.MustCompile(`(?i)^(am|pm|a\.m\.|p\.m\.|edt|est|cdt|cst|pdt|pst|utc|gmt|cet|cest|ist|de|del|la|of|the|at|on|updated|last|modified|\|)$`)
)

// stripInjectedDate removes a leading " date YYYY-MM-DD" marker that some
// dumps carry and returns its date.
func stripInjectedDate(s string) (string, string) {
	m := injectedDateRe.FindStringSubmatchIndex(s)
	if m == nil {
		return s, ""
	}
	d := findDates(s[m[2]:m[3]])
	if len(d) != 1 || d[0].day == 0 {
		return s[m[1]:], ""
	}
	return s[m[1]:], d[0].String()
}

// standaloneDate returns the date when a short line states only a date,
// possibly with a weekday, time, place ("Cartagena de Indias, August 26,
// 2024") or counter ("#1028 Aug 14, 2010").
func standaloneDate(l line) (dateMatch, bool) {
	if l.words > 12 || len(l.text) > 90 {
		return dateMatch{}, false
	}
	ds := findDates(l.text)
	if len(ds) == 0 {
		return dateMatch{}, false
	}
	d := ds[0]
	if d.year == 0 {
		return dateMatch{}, false
	}
	rest := l.text[:d.start] + " " + l.text[d.end:]
	for _, e := range ds[1:] {
		rest = strings.Replace(rest, l.text[e.start:e.end], " ", 1)
	}
	free := 0
	for _, w := range strings.Fields(rest) {
		w = strings.Trim(w, ",;:·|#()-–—/")
		if w == "" || isNumberish(w) || residueWordRe.MatchString(w) || weekdayRe.MatchString(w) {
			continue
		}
		if !isCapitalized(w) {
			return dateMatch{}, false
		}
		free++
	}
	if free > 4 || (d.day == 0 && free > 0) {
		return dateMatch{}, false
	}
	return d, true
}

// isBanner reports a site's current-date banner ("Saturday, November 23rd,
// 2024"): a weekday with an ordinal day.
func isBanner(l line) bool {
	return weekdayRe.MatchString(l.text) && ordinalRe.MatchString(l.text)
}

// labelledDate finds "Release Date: ...", "Published 9 September 2025",
// "(posted Aug. 14, 2009)", "Date: December 12, 2001".
func labelledDate(l line) (dateMatch, bool) {
	loc := labelRe.FindStringIndex(l.text)
	if loc == nil {
		return dateMatch{}, false
	}
	atStart := loc[0] <= 1 || l.text[loc[0]] == '('
	if !atStart && l.words > 20 {
		return dateMatch{}, false
	}
	for _, d := range findDates(l.text[loc[1]:]) {
		if d.start <= 70 {
			return d, true
		}
	}
	return dateMatch{}, false
}

// bylineDate finds "By EDRi · June 2, 2005".
func bylineDate(l line) (dateMatch, bool) {
	if l.words > 14 || !strings.HasPrefix(l.key, "by ") {
		return dateMatch{}, false
	}
	ds := findDates(l.text)
	if len(ds) == 0 {
		return dateMatch{}, false
	}
	return ds[0], true
}

// tweetDate finds the date of an embedded post's signature
// ("— Name (@handle) March 22, 2025").
func tweetDate(l line) (dateMatch, bool) {
	if !strings.Contains(l.text, "(@") || l.words > 16 {
		return dateMatch{}, false
	}
	ds := findDates(l.text)
	if len(ds) == 0 || ds[len(ds)-1].year == 0 {
		return dateMatch{}, false
	}
	return ds[len(ds)-1], true
}

func isNumberish(w string) bool {
	for _, r := range w {
		if !(r >= '0' && r <= '9') && !strings.ContainsRune(":.,/-", r) {
			return false
		}
	}
	return true
}

func isCapitalized(w string) bool {
	for _, r := range w {
		return r >= 'A' && r <= 'Z' || (r > 127 && strings.ToUpper(string(r)) == string(r))
	}
	return false
}

// findDate picks the page's own date from its lines; "" when it states none.
func findDate(lines []line, p page) string {
	var yearless []dateMatch
	for _, pick := range []func(line) (dateMatch, bool){labelledDate, bylineDate} {
		for _, l := range lines {
			if d, ok := pick(l); ok {
				if d.year != 0 {
					return d.String()
				}
				yearless = append(yearless, d)
			}
		}
	}
	if len(yearless) > 0 {
		if y := onlyYear(lines); y != 0 {
			d := yearless[0]
			d.year = y
			return d.String()
		}
	}
	if d, ok := p.datelineDate(); ok {
		return d.String()
	}
	if d, ok := p.standaloneDate(); ok {
		return d.String()
	}
	if p.title != "" {
		if d, ok := titleDate(p.title, lines); ok {
			return d.String()
		}
	}
	for _, l := range lines {
		if d, ok := tweetDate(l); ok {
			return d.String()
		}
	}
	return ""
}

// standaloneDate prefers the first date line after the headline, then the
// last one before it; full dates win over month-only lines, and runs of
// month-only lines (archive menus) are ignored.
func (p page) standaloneDate() (dateMatch, bool) {
	type cand struct {
		d dateMatch
		i int
	}
	var full, month []cand
	for i, l := range p.lines {
		d, ok := standaloneDate(l)
		if !ok || isBanner(l) {
			continue
		}
		if d.day != 0 {
			full = append(full, cand{d, i})
		} else {
			month = append(month, cand{d, i})
		}
	}
	isolated := month[:0:0]
	for k, c := range month {
		if (k > 0 && month[k-1].i == c.i-1) || (k+1 < len(month) && month[k+1].i == c.i+1) {
			continue
		}
		isolated = append(isolated, c)
	}
	for _, cs := range [][]cand{full, isolated} {
		if len(cs) == 0 {
			continue
		}
		best := cs[0]
		for _, c := range cs {
			if p.titleIdx >= 0 && c.i > p.titleIdx {
				best = c
				break
			}
			best = c
		}
		return best.d, true
	}
	return dateMatch{}, false
}

// titleDate reads a date in the headline ("Homeland Security Monitor: June
// 2018"). A bare year is refined by the first full date of that year in the
// page ("Ministerial 2017" with "met in Ottawa on June 26, 2017").
func titleDate(title string, lines []line) (dateMatch, bool) {
	if ds := findDates(title); len(ds) > 0 && ds[0].year != 0 {
		return ds[0], true
	}
	y := yearRe.FindString(title)
	if y == "" {
		return dateMatch{}, false
	}
	year := atoi(y, 0, 4)
	for _, l := range lines {
		for _, d := range findDates(l.text) {
			if d.year == year && d.month != 0 {
				return d, true
			}
		}
	}
	return dateMatch{year: year}, true
}

// onlyYear returns the one year the page mentions, or 0 when it names none
// or several.
func onlyYear(lines []line) int {
	year := 0
	for _, l := range lines {
		for _, y := range yearRe.FindAllString(l.text, -1) {
			n := atoi(y, 0, 4)
			if year != 0 && n != year {
				return 0
			}
			year = n
		}
	}
	return year
}

// datelineLines is how many lines after the headline may open with a
// dateline.
const datelineLines = 6

// datelineDate finds a news dateline that opens a paragraph: a place, then
// a full date, then a dash ("Ottawa, February 27, 2012 -- The ministers
// ..."), or the date first ("March 29, 2025 – Mexico City – ...").
func (p page) datelineDate() (dateMatch, bool) {
	from := max(p.titleIdx+1, 0)
	for i := from; i < len(p.lines) && i < from+datelineLines; i++ {
		if d, ok := dateline(p.lines[i].text); ok {
			return d, true
		}
	}
	return dateMatch{}, false
}

// dateline reads the dateline that opens text, if any.
func dateline(text string) (dateMatch, bool) {
	ds := findDates(text)
	if len(ds) == 0 {
		return dateMatch{}, false
	}
	d := ds[0]
	if d.day == 0 || d.year == 0 || d.start > 60 {
		return dateMatch{}, false
	}
	if !datelineDashRe.MatchString(text[d.end:]) {
		return dateMatch{}, false
	}
	// Before the date: nothing, or a short place ("WASHINGTON, D.C.,").
	place := strings.TrimSpace(text[:d.start])
	if place == "" {
		return d, true
	}
	if !strings.HasSuffix(place, ",") && !datelineDashRe.MatchString(reverseDash(place)) {
		return dateMatch{}, false
	}
	place = strings.Trim(place, " ,-–—")
	words := strings.Fields(place)
	if len(words) == 0 || len(words) > 5 {
		return dateMatch{}, false
	}
	for _, w := range words {
		w = strings.Trim(w, ",.()")
		if w != "" && !isCapitalized(w) && !residueWordRe.MatchString(w) {
			return dateMatch{}, false
		}
	}
	return d, true
}

// reverseDash returns the last two characters of s moved to its front, so
// that a trailing dash can be matched by datelineDashRe ("Ottawa –").
func reverseDash(s string) string {
	s = strings.TrimRight(s, " ")
	for _, dash := range []string{"--", "–", "—", "-"} {
		if strings.HasSuffix(s, dash) {
			return dash
		}
	}
	return ""
}
