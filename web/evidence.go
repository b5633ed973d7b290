package web

import (
	"strings"
	"unicode/utf8"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/web/components"
)

// quoteContext is how many bytes of text around a piece of evidence a
// document page quotes, each side.
const quoteContext = 60

// maxQuotes is how many passages a document page quotes per value.
const maxQuotes = 2

// roleNote is an official's role as the text gives it ("Federal Minister
// of the Interior and Community, Germany"), or "".
func roleNote(d *search.Document, f search.Facet, value string) string {
	if f != search.FacetOfficial {
		return ""
	}
	r, ok := d.RoleOf(value)
	if !ok || r.Role == "" {
		return ""
	}
	if r.Country != "" {
		return r.Role + ", " + r.Country
	}
	return r.Role
}

// whyValues explains each value the document page shows with the
// passages of the body the extractor found it in.
func whyValues(d *search.Document, title string) []components.Why {
	var out []components.Why
	add := func(field, key, value, note string) {
		w := components.Why{Field: field, Value: value, Note: note}
		for _, sp := range d.Evidence[key][value] {
			if q, ok := quote(d.Body, sp); ok {
				w.Quotes = append(w.Quotes, q)
				if len(w.Quotes) == maxQuotes {
					break
				}
			}
		}
		out = append(out, w)
	}
	if d.Date != "" {
		add("Date", search.EvidenceDate, d.Date, "")
	}
	if d.TitleDerived {
		add("Title", search.EvidenceTitle, title, "made from the opening of the text")
	}
	for _, v := range d.Countries {
		add("Country", search.EvidenceCountries, v, "")
	}
	for _, v := range d.Officials {
		add("Official", search.EvidenceOfficials, v, roleNote(d, search.FacetOfficial, v))
	}
	for _, v := range d.Topics {
		add("Topic", search.EvidenceTopics, v, "")
	}
	return out
}

// quote cuts the passage around span sp of body, at word boundaries.
func quote(body string, sp search.Span) (components.Quote, bool) {
	if sp.Start < 0 || sp.End > len(body) || sp.Start >= sp.End || body[sp.Start:sp.End] != sp.Text {
		return components.Quote{}, false
	}
	from := max(sp.Start-quoteContext, 0)
	for from > 0 && !utf8.RuneStart(body[from]) {
		from--
	}
	if i := strings.IndexAny(body[from:sp.Start], " \n"); from > 0 && i >= 0 {
		from += i + 1
	}
	to := min(sp.End+quoteContext, len(body))
	for to < len(body) && !utf8.RuneStart(body[to]) {
		to++
	}
	if i := strings.LastIndexAny(body[sp.End:to], " \n"); to < len(body) && i >= 0 {
		to = sp.End + i
	}
	q := components.Quote{
		Before: oneLine(body[from:sp.Start]), Match: sp.Text, After: oneLine(body[sp.End:to]),
	}
	if from > 0 {
		q.Before = "…" + q.Before
	}
	if to < len(body) {
		q.After += "…"
	}
	return q, true
}

func oneLine(s string) string {
	return strings.ReplaceAll(s, "\n", " ")
}

// roleNotes maps the officials of hits to the first role the hits give
// them, for tooltips on the official facet.
func roleNotes(hits []search.Hit) map[string]string {
	out := map[string]string{}
	for i := range hits {
		for _, r := range hits[i].Roles {
			if _, ok := out[r.Official]; !ok {
				if n := roleNote(&hits[i].Document, search.FacetOfficial, r.Official); n != "" {
					out[r.Official] = n
				}
			}
		}
	}
	return out
}
