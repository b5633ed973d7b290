package bleve

import (
	"cmp"
	"slices"
	"strings"

	bsearch "github.com/blevesearch/bleve/v2/search"
)

// maxProximity is the cost of two words farther apart than 7 positions,
// or of a pair where a word has no position (Meilisearch's cap).
const maxProximity = 8

// rankKey is what Meilisearch's rules after "words" compare, for one hit
// of a bucket: lower typos, then lower proximity, then more units in the
// title (attribute), then more exact units (exactness). Ties keep BM25
// order.
type rankKey struct {
	typos, proximity, inTitle, exact int
}

func compareKeys(a, b rankKey) int {
	return cmp.Or(
		cmp.Compare(a.typos, b.typos),
		cmp.Compare(a.proximity, b.proximity),
		cmp.Compare(b.inTitle, a.inTitle),
		cmp.Compare(b.exact, a.exact),
	)
}

// rerank sorts hits (in BM25 order) by the rules after "words", stably.
func (p *textPlan) rerank(hits []*bsearch.DocumentMatch) {
	keys := make(map[*bsearch.DocumentMatch]rankKey, len(hits))
	for _, h := range hits {
		keys[h] = p.key(h.Locations)
	}
	slices.SortStableFunc(hits, func(a, b *bsearch.DocumentMatch) int { return compareKeys(keys[a], keys[b]) })
}

// unitMatch is how a hit matches one unit: its fewest typos, whether it
// matches exactly and in the title, and its positions per field.
type unitMatch struct {
	found          bool
	typos          int
	exact, inTitle bool
	pos            map[string][]uint64
}

// key computes the rank key of a hit from its term locations. A unit a
// hit matches only through an entity value has no location: it counts
// as matched without typos, at the farthest proximity, not in the title
// and not exact.
func (p *textPlan) key(locs bsearch.FieldTermLocationMap) rankKey {
	ms := make([]unitMatch, len(p.units))
	for i, u := range p.units {
		ms[i] = matchUnit(u, locs)
	}
	var k rankKey
	prev := -1
	for i, m := range ms {
		if !m.found {
			continue
		}
		k.typos += m.typos
		if m.inTitle {
			k.inTitle++
		}
		if m.exact {
			k.exact++
		}
		if prev >= 0 {
			k.proximity += proximity(ms[prev].pos, m.pos)
		}
		prev = i
	}
	return k
}

func matchUnit(u unit, locs bsearch.FieldTermLocationMap) unitMatch {
	m := unitMatch{typos: 1 << 10, pos: map[string][]uint64{}}
	for _, field := range []string{fieldTitle, fieldBody} {
		for term, ls := range locs[field] {
			typos, exact, ok := u.matches(term)
			if !ok {
				continue
			}
			m.found = true
			m.typos = min(m.typos, typos)
			m.exact = m.exact || exact
			m.inTitle = m.inTitle || field == fieldTitle
			for _, l := range ls {
				m.pos[field] = append(m.pos[field], l.Pos)
			}
		}
	}
	if !m.found {
		m.typos = 0
	}
	for _, ps := range m.pos {
		slices.Sort(ps)
	}
	return m
}

// wordTok is one analyzed token of a unit's words, for recognising
// matched terms in hit locations.
type wordTok struct {
	term   string // analyzed (stemmed)
	typed  string // lowercased as typed
	typos  int    // allowed
	prefix bool   // the word being typed: longer terms match
}

// tokens analyzes ws once per query.
func tokens(ws []queryWord) []wordTok {
	var out []wordTok
	for _, w := range ws {
		for _, tok := range textAnalyzer.Analyze([]byte(w.text)) {
			typed := w.text[tok.Start:tok.End]
			t := wordTok{term: string(tok.Term), typed: typed}
			if !w.phrase {
				t.typos = allowedTypos(typed)
				t.prefix = w.last
			}
			out = append(out, t)
		}
	}
	return out
}

// matches reports whether an indexed term is one of the unit's words:
// with how many typos (a typo on the first letter counts two), and
// whether it is the word itself (not a typo, nor a longer word of which
// the typed word is a prefix).
func (u unit) matches(term string) (typos int, exact, ok bool) {
	typos = 1 << 10
	for _, t := range u.toks {
		switch {
		case t.term == term:
			return 0, true, true
		case t.prefix && strings.HasPrefix(term, t.typed):
			typos, ok = 0, true
		case t.typos > 0:
			d := bsearch.LevenshteinDistance(t.term, term)
			if firstRune(t.term) != firstRune(term) {
				d++
			}
			if d <= t.typos {
				typos, ok = min(typos, d), true
			}
		}
	}
	return typos, false, ok
}

// proximity is the distance of the closest pair of positions of two
// units in one field: the number of positions from a to b, plus one when
// b comes first; maxProximity when none is closer.
func proximity(a, b map[string][]uint64) int {
	best := maxProximity
	for field, pa := range a {
		pb := b[field]
		i, j := 0, 0
		for i < len(pa) && j < len(pb) && best > 1 {
			x, y := pa[i], pb[j]
			switch {
			case x < y:
				best = min(best, int(min(y-x, maxProximity)))
				i++
			case y < x:
				best = min(best, int(min(x-y+1, maxProximity)))
				j++
			default:
				i++
				j++
			}
		}
	}
	return best
}
