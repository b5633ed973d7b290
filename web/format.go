package web

import (
	"fmt"
	"html"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/accord-search/accord/search"
)

// commas formats n with thousands separators: 1234567 → "1,234,567".
func commas(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + commas(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// plural formats a count with a noun: "1 result", "1,234 results".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return commas(n) + " " + many
}

// tookText formats a search duration: "3 ms", "<1 ms", "1.2 s".
func tookText(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return "under 1 ms"
	case d < time.Second:
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

// displayDate formats a document date for people, at its own precision:
// "23 March 2023", "March 2023", "2023". It returns "" for no date.
func displayDate(d string) string {
	t, err := search.ParseDate(d)
	if err != nil || t.IsZero() {
		return ""
	}
	switch len(d) {
	case 4:
		return t.Format("2006")
	case 7:
		return t.Format("January 2006")
	}
	return t.Format("2 January 2006")
}

// isoDate returns the date for a datetime attribute, or "" when invalid.
func isoDate(d string) string {
	if t, err := search.ParseDate(d); err == nil && !t.IsZero() {
		return d
	}
	return ""
}

// externalURL returns u if it is an absolute http(s) URL, else "": links
// to originals must never become javascript: or data: URLs.
func externalURL(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || p.Host == "" || (p.Scheme != "http" && p.Scheme != "https") {
		return ""
	}
	return p.String()
}

// Highlight markup: the only HTML that document text may carry.
const (
	markOpen  = "<mark>"
	markClose = "</mark>"
)

// safeHighlight re-sanitizes an engine's highlight HTML: it decodes the
// string, escapes all of it, then restores <mark> and </mark>. Whatever
// an engine returns, only our highlight tags survive as markup.
func safeHighlight(h string) string {
	s := html.EscapeString(html.UnescapeString(h))
	s = strings.ReplaceAll(s, html.EscapeString(markOpen), markOpen)
	s = strings.ReplaceAll(s, html.EscapeString(markClose), markClose)
	if strings.Count(s, markOpen) != strings.Count(s, markClose) {
		// Unbalanced marks (a cut fragment): drop them rather than leave
		// an element open.
		s = strings.NewReplacer(markOpen, "", markClose, "").Replace(s)
	}
	return s
}

// excerpt returns the escaped start of text, cut at a word boundary.
func excerpt(text string, runes int) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= runes {
		return html.EscapeString(text)
	}
	cut := string([]rune(text)[:runes])
	if i := strings.LastIndexByte(cut, ' '); i > runes/2 {
		cut = cut[:i]
	}
	return html.EscapeString(cut) + "…"
}

// docPath is the page of document id.
func docPath(id string) string { return "/doc/" + url.PathEscape(id) }

// docLink is a document's address as linked from a search: it carries the
// search, so that the page links back to it and marks the query's words.
func docLink(id string, st State) string {
	if q := st.Encode(); q != "" {
		return docPath(id) + "?" + q
	}
	return docPath(id)
}

// untitled names a document that has no title and no text to derive one
// from (the indexer derives titles; an old index may lack them), by its
// publisher where known ("A document from India Post").
func untitled(source string) string {
	if source = strings.TrimSpace(source); source != "" {
		return "A document from " + source
	}
	return "A document without a headline"
}

// titleOf is a document's title, else one derived from its text, else
// untitled.
func titleOf(title, body, source string) string {
	if strings.TrimSpace(title) != "" {
		return title
	}
	if t := search.DeriveTitle(body); t != "" {
		return t
	}
	return untitled(source)
}
