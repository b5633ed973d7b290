package web

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// queryTerms are the folded words of a query's text worth marking in a
// document: words of two letters or more, without OR/AND/NOT and without
// excluded words (-word, -"phrase").
func queryTerms(text string) []string {
	var out []string
	neg, quoted := false, false
	for _, f := range strings.Fields(text) {
		if strings.HasPrefix(f, `-"`) {
			neg, quoted = true, true
		} else if strings.HasPrefix(f, "-") {
			neg = true
		}
		if !neg && f != "OR" && f != "AND" && f != "NOT" {
			for _, w := range words(f) {
				if utf8.RuneCountInString(w) >= 2 {
					out = append(out, w)
				}
			}
		}
		if quoted && strings.HasSuffix(f, `"`) && len(f) > 2 {
			quoted = false
		}
		if !quoted {
			neg = false
		}
	}
	return out
}

// markTerms escapes text and wraps each word that starts with one of the
// folded terms in <mark> (a prefix, so "cyber" marks "cybersecurity", as
// the search itself matches). It returns safe HTML.
func markTerms(text string, terms []string) string {
	if len(terms) == 0 {
		return html.EscapeString(text)
	}
	var b strings.Builder
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for len(text) > 0 {
		i := strings.IndexFunc(text, isWord)
		if i < 0 {
			b.WriteString(html.EscapeString(text))
			break
		}
		b.WriteString(html.EscapeString(text[:i]))
		text = text[i:]
		j := strings.IndexFunc(text, func(r rune) bool { return !isWord(r) })
		if j < 0 {
			j = len(text)
		}
		w := text[:j]
		text = text[j:]
		fw := fold(w)
		hit := false
		for _, t := range terms {
			if strings.HasPrefix(fw, t) {
				hit = true
				break
			}
		}
		if hit {
			b.WriteString("<mark>" + html.EscapeString(w) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(w))
		}
	}
	return b.String()
}
