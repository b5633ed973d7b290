package meili

import (
	"html"
	"strings"
)

// markHTML turns a _formatted string into safe HTML.
//
// Meilisearch builds _formatted by splicing the raw stored text around the
// highlight tags, without escaping it. So we ask for private-use marker
// characters as tags, escape the whole string (the markers pass through
// untouched), and only then replace the markers with <mark> and </mark>:
// the only markup in the result is ours. The replacement tracks whether a
// mark is open, so the output is balanced even if the text were to contain
// a stray marker.
func markHTML(formatted string) string {
	escaped := html.EscapeString(formatted)
	if !strings.ContainsAny(escaped, preTag+postTag) {
		return escaped
	}
	var b strings.Builder
	b.Grow(len(escaped) + 16)
	open := false
	for _, r := range escaped {
		switch string(r) {
		case preTag:
			if !open {
				b.WriteString("<mark>")
				open = true
			}
		case postTag:
			if open {
				b.WriteString("</mark>")
				open = false
			}
		default:
			b.WriteRune(r)
		}
	}
	if open {
		b.WriteString("</mark>")
	}
	return b.String()
}
