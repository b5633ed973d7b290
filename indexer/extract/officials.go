package extract

import (
	"sort"
	"strings"
)

// mention is one person found at a position of the folded text.
type mention struct {
	name       string
	start, end int
}

// connectors may sit inside a title ("Minister of the Interior").
var connectors = map[string]bool{
	"of": true, "the": true, "for": true, "and": true, "to": true, "on": true, "&": true,
	"de": true, "del": true, "la": true, "y": true, "di": true, "per": true, "della": true,
}

// findOfficials finds office holders: gazetteer names, people introduced by a
// title, then surnames that point back to either.
func (x *Extractor) findOfficials(d *document, hits []hit, blocked spanSet) []mention {
	var full []mention
	var pending []hit // surnames that need a title, "administration" or an earlier full name
	var entities, known spanSet
	for _, h := range hits {
		switch h.p.kind {
		case kindCountry, kindOrg, kindBlocker:
			entities = append(entities, [2]int{h.start, h.end})
		case kindSurname:
			if x.officials[h.p.id].distinct {
				known = append(known, [2]int{h.start, h.end})
			}
		}
	}
	for _, h := range hits {
		if blocked.covers(h.start, h.end) || inHyphenated(d.folded, h.start, h.end) {
			continue
		}
		switch h.p.kind {
		case kindAlias:
			full = append(full, mention{x.officials[h.p.id].name, h.start, h.end})
		case kindSurname:
			if s, ok := x.fullName(d, h); ok {
				full = append(full, mention{x.officials[h.p.id].name, s, h.end})
			} else {
				pending = append(pending, h)
			}
		}
	}
	full = longestMentions(full)
	found := append(full, x.discover(d, spanSet(spansOf(full)).union(blocked).union(known), entities)...)
	for _, h := range pending {
		if spanSet(spansOf(found)).overlaps(h.start, h.end) {
			continue
		}
		if name, ok := x.surnameMention(d, h, found); ok {
			found = append(found, mention{name, h.start, h.end})
		}
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].start < found[j].start })
	return mergeSamePerson(found)
}

// inHyphenated reports a name match that is only part of a hyphenated word:
// "Martínez" in "Martínez-Acha" is another surname.
func inHyphenated(s string, start, end int) bool {
	if end+1 < len(s) && s[end] == '-' && !boundaryAfter(s, end+1) {
		return true
	}
	return start >= 2 && s[start-1] == '-' && !boundaryBefore(s, start-1)
}

// mergeSamePerson gives later mentions with the same first and last name
// the spelling of the first one ("Juan Pino" after "Juan Manuel Pino",
// "Guenther Mueller" after "Günther Müller").
func mergeSamePerson(ms []mention) []mention {
	for i := range ms {
		fi := strings.Fields(personKey(ms[i].name))
		for j := 0; j < i; j++ {
			fj := strings.Fields(personKey(ms[j].name))
			if len(fi) > 0 && len(fj) > 0 && fi[0] == fj[0] && fi[len(fi)-1] == fj[len(fj)-1] {
				ms[i].name = ms[j].name
				break
			}
		}
	}
	return ms
}

// umlautSpelling maps the ASCII spellings of German umlauts to the folded
// letter, so that "Mueller" and "Müller" (folded "muller") meet.
var umlautSpelling = strings.NewReplacer("ae", "a", "oe", "o", "ue", "u")

// personKey folds a name for comparing people: case, diacritics and the
// transliterated umlauts ae, oe, ue.
func personKey(name string) string {
	return umlautSpelling.Replace(Fold(name))
}

// fullName reports a surname preceded by one of the person's given names,
// allowing up to two middle names or initials between ("Kirstjen M.
// Nielsen", "Otto Fernando Pérez Molina"); it returns where the name starts.
func (x *Extractor) fullName(d *document, h hit) (int, bool) {
	ti := d.tokenAt(h.start)
	if ti < 0 || !d.tokens[ti].cap {
		return 0, false
	}
	o := x.officials[h.p.id]
	for _, first := range o.firsts {
		for middle := 0; middle <= 2; middle++ {
			s := ti - middle - len(first)
			if s < 0 || !allMiddle(d.tokens[ti-middle:ti]) {
				continue
			}
			if matchWords(d.tokens[s:ti-middle], first) {
				return d.tokens[s].start, true
			}
		}
	}
	return 0, false
}

// allMiddle reports capitalized words or initials, as middle names are.
func allMiddle(ts []token) bool {
	for _, t := range ts {
		if !t.word || !t.cap {
			return false
		}
	}
	return true
}

func matchWords(ts []token, words []string) bool {
	if len(ts) != len(words) {
		return false
	}
	for i, t := range ts {
		if !t.word || !t.cap || strings.TrimSuffix(t.f, ".") != strings.TrimSuffix(words[i], ".") {
			return false
		}
	}
	return true
}

// surnameMention accepts a bare surname when a title precedes it, when
// "administration" follows it, or when it is distinctive; a surname shared
// by several people goes to the one already named in full.
func (x *Extractor) surnameMention(d *document, h hit, found []mention) (string, bool) {
	ti := d.tokenAt(h.start)
	if ti < 0 || !d.tokens[ti].cap {
		return "", false
	}
	o := x.officials[h.p.id]
	surname := d.folded[h.start:h.end]
	for _, m := range found {
		if strings.HasSuffix(Fold(m.name), " "+surname) {
			return m.name, true
		}
	}
	if d.tokens[ti].allCaps && !o.distinct {
		return "", false
	}
	if x.titledBefore(d, ti) || administrationAfter(d.folded, h.end) {
		return x.officials[x.surnames[surname][0]].name, true
	}
	if o.distinct {
		return o.name, true
	}
	return "", false
}

// titledBefore reports a title shortly before token ti, across capitalized
// words and connectors ("Secretary of Security Pacheco").
func (x *Extractor) titledBefore(d *document, ti int) bool {
	for back := 1; back <= 6 && ti-back >= 0; back++ {
		i := ti - back
		if k, _ := x.roleEndingAt(d, i); k == roleOffice || k == roleGeneric {
			return true
		}
		t := d.tokens[i]
		if !t.word || !(t.cap || connectors[t.f]) {
			return false
		}
	}
	return false
}

// roleEndingAt returns the kind and length of the longest title phrase that
// ends at token i.
func (x *Extractor) roleEndingAt(d *document, i int) (roleKind, int) {
	for n := min(x.roleMax, i+1); n >= 1; n-- {
		if k, ok := x.roles[joinTokens(d.tokens[i-n+1:i+1])]; ok {
			return k, n
		}
	}
	return roleNone, 0
}

// roleStartingAt returns the kind and length of the longest title phrase
// that starts at token i.
func (x *Extractor) roleStartingAt(d *document, i int) (roleKind, int) {
	for n := min(x.roleMax, len(d.tokens)-i); n >= 1; n-- {
		if k, ok := x.roles[joinTokens(d.tokens[i:i+n])]; ok {
			return k, n
		}
	}
	return roleNone, 0
}

func joinTokens(ts []token) string {
	if len(ts) == 1 {
		return ts[0].f
	}
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.f
	}
	return strings.Join(parts, " ")
}

// administrationAfter reports "Obama administration", "Trump's
// administration", "Trump-era".
func administrationAfter(folded string, end int) bool {
	rest := folded[end:]
	for _, s := range []string{" administration", "'s administration", " admin", "-era", " era"} {
		if strings.HasPrefix(rest, s) {
			return boundaryAfter(rest, len(s))
		}
	}
	return false
}

// longestMentions drops mentions inside longer ones.
func longestMentions(ms []mention) []mention {
	sort.SliceStable(ms, func(i, j int) bool {
		return ms[i].end-ms[i].start > ms[j].end-ms[j].start
	})
	var out []mention
	var taken spanSet
	for _, m := range ms {
		if !taken.overlaps(m.start, m.end) {
			out = append(out, m)
			taken = append(taken, [2]int{m.start, m.end})
		}
	}
	return out
}

func spansOf(ms []mention) [][2]int {
	out := make([][2]int, len(ms))
	for i, m := range ms {
		out[i] = [2]int{m.start, m.end}
	}
	return out
}

// spanSet is a small set of folded spans.
type spanSet [][2]int

func (s spanSet) overlaps(a, b int) bool {
	for _, sp := range s {
		if a < sp[1] && sp[0] < b {
			return true
		}
	}
	return false
}

// covers reports a span that contains [a, b) and is longer than it.
func (s spanSet) covers(a, b int) bool {
	for _, sp := range s {
		if sp[0] <= a && b <= sp[1] && sp[1]-sp[0] > b-a {
			return true
		}
	}
	return false
}

func (s spanSet) union(o spanSet) spanSet {
	return append(append(spanSet{}, s...), o...)
}
