package bleve

import (
	"cmp"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/accord-search/accord/search"
)

// unit is one term of the words ranking rule: a word, a phrase, an OR
// group, or words that name an entity, with the Bleve query that matches
// it and what recognises its matches in a hit's term locations.
type unit struct {
	q query.Query
	// words are the text words of the unit (of every alternative).
	words []queryWord
	// phrase units are never removed by a matching strategy.
	phrase bool
	toks   []wordTok
}

// textPlan is the query text of a search.Query as Bleve queries: the
// units in query order, the exclusions, and the order in which a
// matching strategy removes units.
type textPlan struct {
	units []unit
	// not matches the excluded words and phrases; nil when none.
	not query.Query
	// groups lists unit indexes in removal order: groups[0] is removed
	// first; units in one group (equal frequency) are removed together.
	// Units never removed are in no group. Empty for MatchAll.
	groups [][]int
}

// newPlan parses q.Text and applies q.Entities. The removal order is
// set for MatchLast; MatchFrequency needs document counts (orderByFrequency).
func newPlan(q search.Query) *textPlan {
	parsed := search.ParseText(q.Text)
	p := &textPlan{not: notQuery(parsed.Not)}
	terms := parsed.Terms
	for i := 0; i < len(terms); i++ {
		if n, ents := entityRun(terms[i:], q.Entities); n > 0 {
			p.addEntityUnit(terms[i:i+n], ents)
			i += n - 1
			continue
		}
		p.addTerm(terms[i])
	}
	// Only the first maxQueryWords terms count, as in Meilisearch.
	if len(p.units) > maxQueryWords {
		p.units = p.units[:maxQueryWords]
	}
	for i := range p.units {
		p.units[i].toks = tokens(p.units[i].words)
	}
	if q.Strategy() != search.MatchAll {
		var removable []int
		for i, u := range p.units {
			if !u.phrase {
				removable = append(removable, i)
			}
		}
		slices.Reverse(removable) // the last word first
		for _, i := range removable {
			p.groups = append(p.groups, []int{i})
		}
		p.trimGroups()
	}
	return p
}

// trimGroups keeps the last group unless a phrase is mandatory: a query
// always needs at least one of its terms (Meilisearch's rule).
func (p *textPlan) trimGroups() {
	if len(p.groups) == 0 {
		return
	}
	removable := 0
	for _, g := range p.groups {
		removable += len(g)
	}
	if removable == len(p.units) {
		p.groups = p.groups[:len(p.groups)-1]
	}
}

// orderByFrequency reorders the removal groups for MatchFrequency: units
// that more documents match are removed first, units with equal counts
// together, and units no document matches before any other.
func (p *textPlan) orderByFrequency(count func(query.Query) (uint64, error)) error {
	type freq struct {
		unit int
		n    uint64
	}
	var fs []freq
	for i, u := range p.units {
		if u.phrase {
			continue
		}
		n, err := count(u.q)
		if err != nil {
			return err
		}
		if n == 0 {
			n = ^uint64(0)
		}
		fs = append(fs, freq{i, n})
	}
	slices.SortStableFunc(fs, func(a, b freq) int { return cmp.Compare(b.n, a.n) })
	p.groups = nil
	for k, f := range fs {
		if k > 0 && fs[k-1].n == f.n {
			last := &p.groups[len(p.groups)-1]
			*last = append(*last, f.unit)
			continue
		}
		p.groups = append(p.groups, []int{f.unit})
	}
	p.trimGroups()
	return nil
}

// addTerm adds one parsed term. A single word the index splits in
// several ("u.s.-mexico") becomes one unit per word, as if typed apart;
// alternatives of an OR group each need all their words.
func (p *textPlan) addTerm(t search.Term) {
	if len(t.Alts) == 1 {
		for _, w := range atomWords(t.Alts[0]) {
			p.units = append(p.units, unit{q: wordQuery(w), words: []queryWord{w}, phrase: w.phrase})
		}
		return
	}
	var u unit
	var alts []query.Query
	for _, a := range t.Alts {
		ws := atomWords(a)
		if len(ws) == 0 {
			continue
		}
		u.words = append(u.words, ws...)
		alts = append(alts, allWords(ws))
	}
	if len(alts) == 0 {
		return
	}
	u.q = bleve.NewDisjunctionQuery(alts...)
	p.units = append(p.units, u)
}

// addEntityUnit adds terms that name entities as one unit: the terms'
// words all present, or any of the entity values carried.
func (p *textPlan) addEntityUnit(terms []search.Term, ents []search.Entity) {
	var u unit
	var alts []query.Query
	for _, t := range terms {
		u.words = append(u.words, atomWords(t.Alts[0])...)
	}
	if len(u.words) > 0 {
		alts = append(alts, allWords(u.words))
	}
	for _, e := range ents {
		t := bleve.NewTermQuery(search.NormalizeFacet(e.Value))
		t.SetField(facetField[string(e.Facet)])
		alts = append(alts, t)
	}
	u.q = bleve.NewDisjunctionQuery(alts...)
	p.units = append(p.units, u)
}

// entityRun finds the entities whose words are the longest run of terms
// at the start of terms, and the run's length (0: none).
func entityRun(terms []search.Term, ents []search.Entity) (int, []search.Entity) {
	best, out := 0, []search.Entity(nil)
	for _, e := range ents {
		want := strings.Fields(strings.ToLower(e.Words))
		if len(want) == 0 || len(want) > len(terms) || len(want) < best {
			continue
		}
		ok := true
		for i, w := range want {
			if t := terms[i]; len(t.Alts) != 1 || t.Alts[0].Phrase || t.Text() != w {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if len(want) > best {
			best, out = len(want), nil
		}
		out = append(out, e)
	}
	return best, out
}

// allWords requires every word of ws.
func allWords(ws []queryWord) query.Query {
	if len(ws) == 1 {
		return wordQuery(ws[0])
	}
	qs := make([]query.Query, len(ws))
	for i, w := range ws {
		qs[i] = wordQuery(w)
	}
	return bleve.NewConjunctionQuery(qs...)
}

// notQuery matches the excluded words and phrases exactly (as analyzed:
// -migrants also excludes "migrant"), in the title or the body.
func notQuery(atoms []search.Atom) query.Query {
	var qs []query.Query
	for _, a := range atoms {
		if !hasContent(a.Text) {
			continue
		}
		for _, f := range []string{fieldTitle, fieldBody} {
			if a.Phrase {
				q := bleve.NewMatchPhraseQuery(a.Text)
				q.SetField(f)
				qs = append(qs, q)
				continue
			}
			q := bleve.NewMatchQuery(a.Text)
			q.SetField(f)
			q.SetOperator(query.MatchQueryOperatorAnd)
			qs = append(qs, q)
		}
	}
	if len(qs) == 0 {
		return nil
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// empty reports whether the plan has no positive term: the query browses
// (minus any exclusions).
func (p *textPlan) empty() bool { return len(p.units) == 0 }

// buckets is the number of buckets of the words rule: one per removal
// step, plus the bucket with every unit.
func (p *textPlan) buckets() int { return len(p.groups) + 1 }

// level returns the query of the units left after removing the first j
// groups, with the exclusions.
func (p *textPlan) level(j int) query.Query {
	removed := map[int]bool{}
	for _, g := range p.groups[:j] {
		for _, i := range g {
			removed[i] = true
		}
	}
	var must []query.Query
	for i, u := range p.units {
		if !removed[i] {
			must = append(must, u.q)
		}
	}
	var q query.Query
	switch len(must) {
	case 0:
		q = bleve.NewMatchAllQuery()
	case 1:
		q = must[0]
	default:
		q = bleve.NewConjunctionQuery(must...)
	}
	if p.not == nil {
		return q
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(q)
	b.AddMustNot(p.not)
	return b
}

// universe is the query of every matching document: the most relaxed
// level (Meilisearch's "maximally reduced query").
func (p *textPlan) universe() query.Query { return p.level(len(p.groups)) }

// bucket returns the query of the documents in bucket j of the words
// rule: those of level j that lack a unit of group j-1 (bucket 0: every
// unit).
func (p *textPlan) bucket(j int) query.Query {
	if j == 0 {
		return p.level(0)
	}
	var group []query.Query
	for _, i := range p.groups[j-1] {
		group = append(group, p.units[i].q)
	}
	var missing query.Query = bleve.NewConjunctionQuery(group...)
	if len(group) == 1 {
		missing = group[0]
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(p.level(j))
	b.AddMustNot(missing)
	return b
}

// highlight returns a query that matches exactly ids and marks every
// matched word of every unit.
func (p *textPlan) highlight(ids []string) query.Query {
	b := bleve.NewBooleanQuery()
	b.AddMust(bleve.NewDocIDQuery(ids))
	for _, u := range p.units {
		b.AddShould(u.q)
	}
	return b
}
