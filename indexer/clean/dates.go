package clean

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// dateMatch is one date expression found in a string. Year or month may be
// 0 when the text does not give them.
type dateMatch struct {
	year, month, day int
	start, end       int
}

// String formats the date at the precision the text gave.
func (d dateMatch) String() string {
	switch {
	case d.year == 0:
		return ""
	case d.month == 0:
		return fmt.Sprintf("%04d", d.year)
	case d.day == 0:
		return fmt.Sprintf("%04d-%02d", d.year, d.month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.year, d.month, d.day)
}

const (
	monthPat = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|sept?iembre|octubre|noviembre|diciembre)\.?`
	dayPat   = `(\d{1,2})(?:st|nd|rd|th)?`
	rangePat = `(?:\s*(?:-|–|—|to|&|and|y|al)\s*\d{1,2}(?:st|nd|rd|th)?)?`
	yearPat  = `((?:19|20)\d{2})`
)

var (
	mdyRe     = regexp.MustCompile(`(?i)\b` + monthPat + `\s+` + dayPat + rangePat + `(?:(?:,\s*|\s+)` + yearPat + `)?`)
	dmyRe     = regexp.MustCompile(`(?i)\b` + dayPat + rangePat + `\s+(?:de\s+)?` + monthPat + `(?:(?:,\s*|\s+)(?:de\s+|del\s+)?` + yearPat + `)?`)
	myRe      = regexp.MustCompile(`(?i)\b` + monthPat + `,?\s+(?:de\s+|del\s+)?` + yearPat)
	isoRe     = regexp.MustCompile(`\b((?:19|20)\d{2})([-/.])(\d{1,2})([-/.])(\d{1,2})\b`)
	numericRe = regexp.MustCompile(`\b(\d{1,2})([-/.])(\d{1,2})([-/.])((?:19|20)\d{2})`)
	yearRe    = regexp.MustCompile(`\b(?:19|20)\d{2}\b`)
)

var monthNums = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
	"ene": 1, "abr": 4, "ago": 8, "dic": 12,
}

// monthNumber maps an English or Spanish month name or abbreviation to 1..12.
func monthNumber(s string) int {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	switch s {
	case "marzo":
		return 3
	case "mayo":
		return 5
	case "junio":
		return 6
	case "julio":
		return 7
	case "septiembre", "setiembre":
		return 9
	case "octubre":
		return 10
	case "noviembre":
		return 11
	}
	if len(s) < 3 {
		return 0
	}
	return monthNums[s[:3]]
}

// findDates lists the date expressions in s, earliest first, without overlaps.
func findDates(s string) []dateMatch {
	if !strings.ContainsAny(s, "0123456789") {
		return nil
	}
	var out []dateMatch
	add := func(d dateMatch) {
		if d.valid() && !digitAt(s, d.end) {
			out = append(out, d)
		}
	}
	for _, m := range isoRe.FindAllStringSubmatchIndex(s, -1) {
		if s[m[4]:m[5]] == s[m[8]:m[9]] {
			add(dateMatch{year: atoi(s, m[2], m[3]), month: atoi(s, m[6], m[7]), day: atoi(s, m[10], m[11]), start: m[0], end: m[1]})
		}
	}
	for _, m := range numericRe.FindAllStringSubmatchIndex(s, -1) {
		if s[m[4]:m[5]] == s[m[8]:m[9]] {
			add(numericDate(s, m))
		}
	}
	for _, m := range mdyRe.FindAllStringSubmatchIndex(s, -1) {
		add(dateMatch{month: monthNumber(s[m[2]:m[3]]), day: atoi(s, m[4], m[5]), year: atoiOpt(s, m[6], m[7]), start: m[0], end: m[1]})
	}
	for _, m := range dmyRe.FindAllStringSubmatchIndex(s, -1) {
		add(dateMatch{day: atoi(s, m[2], m[3]), month: monthNumber(s[m[4]:m[5]]), year: atoiOpt(s, m[6], m[7]), start: m[0], end: m[1]})
	}
	for _, m := range myRe.FindAllStringSubmatchIndex(s, -1) {
		add(dateMatch{month: monthNumber(s[m[2]:m[3]]), year: atoi(s, m[4], m[5]), start: m[0], end: m[1]})
	}
	return dropOverlaps(out)
}

// numericDate reads 07-30-2018 (month first), 24/03/2014 (day first when the
// first number cannot be a month) and 27.06.2025 (day first with dots).
func numericDate(s string, m []int) dateMatch {
	a, b := atoi(s, m[2], m[3]), atoi(s, m[6], m[7])
	d := dateMatch{year: atoi(s, m[10], m[11]), month: a, day: b, start: m[0], end: m[1]}
	if s[m[4]:m[5]] == "." || a > 12 {
		d.month, d.day = b, a
	}
	return d
}

func (d dateMatch) valid() bool {
	return d.month >= 1 && d.month <= 12 && d.day >= 0 && d.day <= 31 && (d.year == 0 || (d.year >= 1900 && d.year <= 2099))
}

// better orders overlapping matches: more precise first, then longer.
func (d dateMatch) better(o dateMatch) bool {
	if (d.year != 0) != (o.year != 0) {
		return d.year != 0
	}
	if (d.day != 0) != (o.day != 0) {
		return d.day != 0
	}
	return d.end-d.start > o.end-o.start
}

func dropOverlaps(ms []dateMatch) []dateMatch {
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].better(ms[j]) })
	var kept []dateMatch
	for _, m := range ms {
		clash := false
		for _, k := range kept {
			if m.start < k.end && k.start < m.end {
				clash = true
				break
			}
		}
		if !clash {
			kept = append(kept, m)
		}
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].start < kept[j].start })
	return kept
}

func digitAt(s string, i int) bool { return i < len(s) && s[i] >= '0' && s[i] <= '9' }

func atoi(s string, i, j int) int {
	n, _ := strconv.Atoi(s[i:j])
	return n
}

func atoiOpt(s string, i, j int) int {
	if i < 0 {
		return 0
	}
	return atoi(s, i, j)
}

// DateSpan is one date written in a text: byte offsets and the date as
// "YYYY-MM-DD", "YYYY-MM" or "YYYY" ("" when the year is not written).
type DateSpan struct {
	Start, End int
	Date       string
}

// DatesIn returns the dates written in s, in order.
func DatesIn(s string) []DateSpan {
	var out []DateSpan
	for _, d := range findDates(s) {
		out = append(out, DateSpan{Start: d.start, End: d.end, Date: d.String()})
	}
	return out
}
