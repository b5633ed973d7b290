package extract

import "strings"

// roleKind says how much a title phrase tells about its holder.
type roleKind uint8

const (
	roleNone      roleKind = iota
	roleOffice             // names a public office on its own
	roleGeneric            // needs a government word nearby
	roleHonorific          // may stand between a title and a name
)

// maxComplement bounds how far a title may run before its holder's name.
const maxComplement = 18

// discover finds office holders the gazetteer does not know, from the way
// the text introduces them: a title followed by a name ("Minister of Public
// Security Avi Dichter") or a name followed by a title ("Pamela Wallin,
// Consul General"). In the headline, where every word is capitalized, only
// a titled name whose surname the body repeats counts.
func (x *Extractor) discover(d *document, taken, entities spanSet) []mention {
	d.markEntities(entities)
	var out []mention
	add := func(m mention, ok bool) {
		if ok && !taken.overlaps(m.start, m.end) && !x.isEntityName(m.name) {
			out = append(out, m)
			taken = append(taken, [2]int{m.start, m.end})
		}
	}
	for i := 0; i < len(d.tokens); i++ {
		k, n := x.roleStartingAt(d, i)
		if d.tokens[i].start < d.titleEnd {
			if k == roleOffice {
				m, ok := x.nameAfterTitle(d, i, n, k)
				add(m, ok && m.end <= d.titleEnd && surnameInBody(d, m))
			}
			continue
		}
		if k == roleOffice || k == roleGeneric {
			add(x.nameAfterTitle(d, i, n, k))
			continue
		}
		add(x.nameBeforeTitle(d, i))
	}
	for i := range out {
		out[i].name = x.shortSurname(d, out[i])
	}
	return out
}

// surnameInBody reports whether the body repeats the last word of a name
// found in the headline.
func surnameInBody(d *document, m mention) bool {
	last := d.tokens[d.tokenAfter(m.end)-1]
	for _, t := range d.tokens[d.tokenAfter(d.titleEnd):] {
		if t.word && t.cap && t.f == last.f {
			return true
		}
	}
	return false
}

// shortSurname drops the middle name before a hyphenated surname, and cuts
// a name of three or more words after the surname the
// text later uses alone: "Marcelo Ebrard Casaubon" ... "Secretary Ebrard
// said" gives "Marcelo Ebrard", as Spanish names are cited by the first
// surname. A name whose full double surname recurs ("López Obrador said")
// stays whole, and so does a word that recurs inside another name ("Luis
// Fernando Carrera" and "Otto Fernando Pérez").
func (x *Extractor) shortSurname(d *document, m mention) string {
	parts := strings.Fields(m.name)
	if len(parts) < 3 {
		return m.name
	}
	if len(parts) == 3 && strings.Contains(parts[2], "-") {
		// A hyphenated surname is already the double surname, so the word
		// before it is a middle name: "Javier Eduardo Martínez-Acha" is
		// cited as "Javier Martínez-Acha".
		return parts[0] + " " + parts[2]
	}
	for k := len(parts) - 2; k >= 1; k-- {
		w := Fold(parts[k])
		for i, t := range d.tokens {
			if t.start >= m.start && t.end <= m.end || !t.word || !t.cap || strings.TrimSuffix(t.f, "'s") != w {
				continue
			}
			if x.aloneInText(d, i) {
				return strings.Join(parts[:k+1], " ")
			}
		}
	}
	return m.name
}

// aloneInText reports a capitalized word that stands alone: no name word
// right after it, and before it none either unless a title ("President
// Cortizo", "Secretaries Ebrard and Rodríguez").
func (x *Extractor) aloneInText(d *document, i int) bool {
	if i+1 < len(d.tokens) && d.tokens[i+1].word && d.tokens[i+1].cap {
		return false
	}
	if i == 0 {
		return true
	}
	p := d.tokens[i-1]
	if !p.word || !p.cap {
		return true
	}
	if k, _ := x.roleEndingAt(d, i-1); k != roleNone {
		return true
	}
	return false
}

// nameAfterTitle reads "Title [of Org ...] [,] First Last": the name is the
// run of name-like words that ends the title phrase.
func (x *Extractor) nameAfterTitle(d *document, i, n int, k roleKind) (mention, bool) {
	j := i + n
	end := j
	for ; end < len(d.tokens) && end-j < maxComplement; end++ {
		t := d.tokens[end]
		if t.f == "(" {
			if _, ok := x.trailingName(d, j, end); ok {
				break // "Rep. Brian Fitzpatrick (R-PA)"
			}
			if c := closeParen(d.tokens, end); c > 0 {
				end = c
				continue
			}
			break
		}
		if t.f == "," && (end == j || !x.isNameWord(d.tokens[end-1])) && end+1 < len(d.tokens) &&
			(d.tokens[end+1].cap || connectors[d.tokens[end+1].f]) {
			continue // "Home Secretary, Theresa May"; "secretario de Seguridad, Alejandro Mayorkas"
		}
		if end == j && t.word && !t.cap && x.placeWord[t.f] {
			continue // "el presidente hondureño, Juan Orlando Hernández"
		}
		if !t.word || !(t.cap || connectors[t.f]) {
			break
		}
		if connectors[t.f] {
			if _, ok := x.trailingName(d, j, end); ok {
				break // "Secretary X Y and Minister Z W": the name is complete
			}
		}
	}
	start, ok := x.trailingName(d, j, end)
	if !ok {
		return mention{}, false
	}
	if end-start >= 3 && start > j && connectors[d.tokens[start-1].f] && !isInitial(d.tokens[start+1]) {
		start++ // "Minister of the Interior of Examplia Jana Novakova": a place the gazetteer lacks
	}
	if !x.governmentContext(d, qualifierStart(d, x.titleStart(d, i)), end, [2]int{i, i + n}, k) {
		return mention{}, false
	}
	return x.nameMention(d, start, end)
}

// titleStart extends a title backwards over the capitalized words that
// qualify it ("UK Home Office Permanent Secretary").
func (x *Extractor) titleStart(d *document, i int) int {
	s := i
	for s > 0 && i-s < 6 {
		t := d.tokens[s-1]
		if !t.word || !(t.cap || connectors[t.f]) {
			break
		}
		s--
	}
	return s
}

// qualifierStart extends a title backwards over up to three lowercase words
// of its own clause ("Honduras's immigration director"), which say whose
// title it is.
func qualifierStart(d *document, s int) int {
	for n := 0; n < 3 && s > 0; n++ {
		t := d.tokens[s-1]
		if !t.word || t.cap {
			break
		}
		s--
	}
	return s
}

// nameBeforeTitle reads "First Last, [the] Title ...". The title must
// describe this person, not open a new phrase about someone else ("Fox News,
// Secretary Noem said").
func (x *Extractor) nameBeforeTitle(d *document, i int) (mention, bool) {
	if !x.isNameWord(d.tokens[i]) || (i > 0 && x.isNameWord(d.tokens[i-1])) {
		return mention{}, false
	}
	end := i
	for end < len(d.tokens) && end-i < 4 && (x.isNameWord(d.tokens[end]) || isInitial(d.tokens[end])) {
		end++
	}
	comma := end
	for comma < len(d.tokens) && postNominals[d.tokens[comma].f] {
		comma++ // "Theresa May MP, Home Secretary"
	}
	if comma >= len(d.tokens)-1 || d.tokens[comma].f != "," {
		return mention{}, false
	}
	for j := comma + 1; j < len(d.tokens) && j <= comma+5; j++ {
		k, n := x.roleStartingAt(d, j)
		if k == roleOffice || k == roleGeneric {
			if j+n < len(d.tokens) && x.isNameWord(d.tokens[j+n]) {
				return mention{}, false
			}
			if !x.governmentContext(d, i, j+n+10, [2]int{j, j + n}, k) {
				return mention{}, false
			}
			return x.nameMention(d, i, end)
		}
		t := d.tokens[j]
		if !t.word || (x.stopwords[t.f] && !determiners[t.f]) {
			break
		}
	}
	return mention{}, false
}

// postNominals may follow a name before its title.
var postNominals = map[string]bool{"mp": true, "qc": true, "kc": true, "mep": true, "jr.": true, "jr": true}

// determiners may stand between a name and its title ("X, the head of").
var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "former": true, "then": true, "its": true, "his": true, "her": true,
	"their": true, "our": true, "now": true, "el": true, "la": true,
}

// trailingName returns where the name at the end of tokens [from, to)
// starts: at least two name words, initials allowed inside.
func (x *Extractor) trailingName(d *document, from, to int) (int, bool) {
	if to < len(d.tokens) && isNumber(d.tokens[to].f) {
		return 0, false // "Intelligence Corps Unit 8200"
	}
	s := to
	words := 0
	for s > from {
		t := d.tokens[s-1]
		if s < to && strings.HasSuffix(t.f, "'s") {
			return 0, false // "Nielsen's Closing Remarks": not the title holder
		}
		if x.isNameWord(t) {
			words++
		} else if !(isInitial(t) && words > 0) {
			break
		}
		s--
	}
	for s < to && isInitial(d.tokens[s]) {
		s++
	}
	if words < 2 || words > 4 {
		return 0, false
	}
	return s, true
}

// governmentContext reads the words around a title, skipping the title
// itself, in order. A non-government word (a board of trade, an institute)
// before any government word rejects the title, and so does a generic title
// with no government word ("Senior Counselor to the Secretary and Chair of
// the ... Campaign" is an office; "President, Toronto Board of Trade" and
// "Director, Canada Institute" are not). A country name only counts when
// nothing non-governmental follows it.
func (x *Extractor) governmentContext(d *document, from, to int, title [2]int, k roleKind) bool {
	from, to = max(from, 0), min(to, len(d.tokens))
	place := false
	for i := from; i < to; i++ {
		t := d.tokens[i]
		if i >= title[0] && i < title[1] {
			continue
		}
		if t.f == "\n" {
			break
		}
		w := strings.TrimSuffix(t.f, "'s")
		switch {
		case x.nonGov[w]:
			return false
		case x.govWords[w]:
			return true
		case x.placeWord[w]:
			place = true
		}
	}
	return k == roleOffice || place
}

// nameMention turns name tokens [s, e) into a mention, dropping initials.
func (x *Extractor) nameMention(d *document, s, e int) (mention, bool) {
	var parts []string
	for _, t := range d.tokens[s:e] {
		if !isInitial(t) {
			parts = append(parts, d.original(t.start, t.end))
		}
	}
	if len(parts) > 0 {
		last := parts[len(parts)-1]
		last = strings.TrimSuffix(strings.TrimSuffix(last, "'s"), "’s")
		parts[len(parts)-1] = last
	}
	if len(parts) < 2 {
		return mention{}, false
	}
	name := strings.Join(parts, " ")
	if c, ok := x.nearGazetteer(parts); ok {
		name = c
	}
	return mention{name, d.tokens[s].start, d.tokens[e-1].end}, true
}

// nearGazetteer maps a found name to a known official: same surname and a
// given name one letter away ("Savid Javid"), the same given name and a
// surname cut short by the page ("Ayelet Shak"), or the full given names
// alone ("Rosa Icela").
func (x *Extractor) nearGazetteer(parts []string) (string, bool) {
	folded := make([]string, len(parts))
	for i, p := range parts {
		folded[i] = Fold(p)
	}
	first, last := folded[0], folded[len(folded)-1]
	for _, id := range x.surnames[last] {
		for _, f := range x.officials[id].firsts {
			if len(f) == 1 && editDistanceAtMost1(first, f[0]) {
				return x.officials[id].name, true
			}
		}
	}
	// The same given name and a surname one letter away ("Nancy Feaser")
	// or spelled with ae, oe, ue for an umlaut ("Guenther Mueller").
	if len(folded) == 2 && len(last) >= 5 {
		for _, o := range x.officials {
			for _, f := range o.firsts {
				if len(f) != 1 || umlautSpelling.Replace(f[0]) != umlautSpelling.Replace(first) {
					continue
				}
				for _, sn := range o.surnames {
					if umlautSpelling.Replace(sn) == umlautSpelling.Replace(last) ||
						(len(sn) >= 5 && oneTypo(sn, last)) {
						return o.name, true
					}
				}
			}
		}
	}
	for _, o := range x.officials {
		for _, f := range o.firsts {
			if len(f) >= 2 && strings.Join(f, " ") == strings.Join(folded, " ") {
				return o.name, true
			}
			if len(f) == 1 && f[0] == first && len(last) >= 3 && len(folded) == 2 {
				for _, sn := range o.surnames {
					if strings.HasPrefix(sn, last) {
						return o.name, true
					}
				}
			}
		}
	}
	return "", false
}

// isNameWord reports a capitalized word that can be part of a person's name.
func (x *Extractor) isNameWord(t token) bool {
	if !t.word || !t.cap || t.allCaps || t.entity || strings.HasSuffix(t.f, ".") {
		return false
	}
	w := strings.TrimSuffix(t.f, "'s")
	if x.orgWords[w] || x.placeWord[w] || connectors[w] || x.stopwords[w] {
		return false
	}
	if _, ok := x.roles[w]; ok {
		return false
	}
	for _, r := range w {
		if r >= '0' && r <= '9' {
			return false
		}
	}
	return true
}

// isInitial reports "N." or "P".
func isInitial(t token) bool {
	f := strings.TrimSuffix(t.f, ".")
	return t.word && t.cap && len(f) == 1
}

// isNumber reports digits, possibly with separators ("8200", "1,000").
func isNumber(s string) bool {
	digits := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits = true
		case r != '.' && r != ',':
			return false
		}
	}
	return digits
}

func closeParen(ts []token, i int) int {
	for j := i + 1; j < len(ts) && j <= i+6; j++ {
		if ts[j].f == ")" {
			return j
		}
	}
	return -1
}

func editDistanceAtMost1(a, b string) bool {
	if a == b {
		return true
	}
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) {
		return false
	}
	diff := 0
	for i := range ra {
		if ra[i] != rb[i] {
			diff++
		}
	}
	return diff <= 1
}

// oneTypo reports words one typing slip apart: a letter changed, two
// neighbours swapped, or a letter missing or extra.
func oneTypo(a, b string) bool {
	if editDistanceAtMost1(a, b) {
		return true
	}
	ra, rb := []rune(a), []rune(b)
	if len(ra) == len(rb) {
		for i := 0; i+1 < len(ra); i++ {
			if ra[i] != rb[i] {
				return ra[i] == rb[i+1] && ra[i+1] == rb[i] && string(ra[i+2:]) == string(rb[i+2:])
			}
		}
		return false
	}
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	if len(ra) != len(rb)+1 {
		return false
	}
	for i := range rb {
		if ra[i] != rb[i] {
			return string(ra[i+1:]) == string(rb[i:])
		}
	}
	return true
}
