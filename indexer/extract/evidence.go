package extract

import (
	"sort"
	"strings"

	"github.com/accord-search/accord/search"
)

// maxEvidence caps the spans kept per value: enough to show why a value is
// there without storing every mention of a long article.
const maxEvidence = 5

// evidence collects, per field and value, the folded spans that support it.
type evidence map[string]map[string]spanSet

func (e evidence) add(field, value string, s, end int) {
	if e[field] == nil {
		e[field] = map[string]spanSet{}
	}
	e[field][value] = append(e[field][value], [2]int{s, end})
}

// spans turns folded spans into byte offsets of body, the text Extract was
// given after the title. Spans in the headline are left out, and so is any
// span whose text does not read the same in body (a body that was not in
// NFC, which matching normalizes).
func (e evidence) spans(d *document, title, body string) map[string]map[string][]search.Span {
	base := 0
	if title != "" {
		base = len(d.text) - len(body)
		if base < 0 || !strings.HasSuffix(d.text, body) {
			base = len(title) + 1
		}
	}
	out := map[string]map[string][]search.Span{}
	for field, vals := range e {
		for v, ss := range vals {
			sort.Slice(ss, func(i, j int) bool { return ss[i][0] < ss[j][0] })
			var kept []search.Span
			for _, s := range ss {
				a, b := d.offs[s[0]]-base, d.offs[s[1]]-base
				if a < 0 || b > len(body) || a >= b || body[a:b] != d.text[d.offs[s[0]]:d.offs[s[1]]] {
					continue
				}
				if n := len(kept); n > 0 && kept[n-1].Start == a {
					continue
				}
				kept = append(kept, search.Span{Start: a, End: b, Text: body[a:b]})
				if len(kept) == maxEvidence {
					break
				}
			}
			if len(kept) == 0 {
				continue
			}
			if out[field] == nil {
				out[field] = map[string][]search.Span{}
			}
			out[field][v] = kept
		}
	}
	return out
}

// roleOf reads the office the text gives a person at mention m: the
// title right before the name ("German Federal Minister of the Interior
// and Community Nancy Faeser") or right after it, set off by a comma
// ("Nancy Faeser, Federal Minister of the Interior of Germany"). The
// country is the one the title names, if any.
func (x *Extractor) roleOf(d *document, m mention, countries []hit) (search.Role, bool) {
	ti := d.tokenAt(m.start)
	if ti < 0 {
		return search.Role{}, false
	}
	// Before: a run of capitalized words and connectors that holds a title.
	s := ti
	for s > 0 && ti-s < maxComplement {
		t := d.tokens[s-1]
		if !t.word || !(t.cap || connectors[t.f]) {
			break
		}
		s--
	}
	if span, ok := x.roleSpan(d, s, ti); ok {
		return x.makeRole(d, m, span, countries), true
	}
	// After: ", Title ..." up to the next comma, period or parenthesis.
	end := d.tokenAfter(m.end)
	if end < len(d.tokens) && d.tokens[end].f == "," {
		from := end + 1
		to := from
		for to < len(d.tokens) && to-from < maxComplement {
			t := d.tokens[to]
			if !t.word || !(t.cap || connectors[t.f]) {
				break
			}
			to++
		}
		if span, ok := x.roleSpan(d, from, to); ok {
			return x.makeRole(d, m, span, countries), true
		}
	}
	return search.Role{}, false
}

// roleSpan trims tokens [from, to) to the part that starts at a title word
// or a demonym before it and ends at a capitalized word, if it holds an
// office title.
func (x *Extractor) roleSpan(d *document, from, to int) ([2]int, bool) {
	for i := from; i < to; i++ {
		k, _ := x.roleStartingAt(d, i)
		if k != roleOffice && k != roleGeneric {
			continue
		}
		start := i
		// Keep the qualifiers before the title ("Federal", "German").
		for start > from && d.tokens[start-1].cap && d.tokens[start-1].word {
			start--
		}
		last := to - 1
		for last > i && !d.tokens[last].cap {
			last--
		}
		return [2]int{d.tokens[start].start, d.tokens[last].end}, true
	}
	return [2]int{}, false
}

// makeRole builds the role: its text without a leading demonym or country,
// and the country named in it.
func (x *Extractor) makeRole(d *document, m mention, span [2]int, countries []hit) search.Role {
	r := search.Role{Official: m.name}
	text := d.original(span[0], span[1])
	for _, h := range countries {
		if h.start < span[0] || h.end > span[1] {
			continue
		}
		r.Country = x.countries[h.p.id]
		if h.start == span[0] {
			text = strings.TrimSpace(d.original(h.end, span[1]))
		} else if strings.HasSuffix(strings.TrimRight(d.folded[span[0]:h.start], " "), " of") && h.end == span[1] {
			text = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(d.original(span[0], h.start)), "of"))
			text = strings.TrimSuffix(strings.TrimSpace(text), " the")
		}
		break
	}
	r.Role = strings.Trim(text, " ,")
	return r
}
