package bleve

import (
	"context"
	"sort"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// termQuery matches one analyzed term in one field as Meilisearch does:
// exactly; with up to q.typos typos, where a typo on the first letter
// counts as two; and, for the word being typed, as a prefix.
//
// It is a custom Bleve query rather than a disjunction of a match, a
// fuzzy and a prefix query because those would each read the postings
// of the exact term again (the fuzzy and prefix expansions include it),
// and the exact term is usually the most frequent one. Here the index's
// dictionaries are walked once per expansion, and every candidate term
// is searched once.
type termQuery struct {
	field string
	term  string // the analyzed (stemmed) term
	typos int
	// prefix, when set, also matches every term that starts with it
	// (the lowercased word as typed, not stemmed).
	prefix string
	boost  float64
}

// Field and SetField make termQuery a query.FieldableQuery.
func (q *termQuery) Field() string     { return q.field }
func (q *termQuery) SetField(f string) { q.field = f }

// Searcher searches the exact term with boost × exactBoost and the other
// candidates with boost, scaled down by their number of typos as Bleve's
// fuzzy searcher does (1/(typos+1)).
func (q *termQuery) Searcher(ctx context.Context, r index.IndexReader, _ mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	if q.term == "" {
		// Only a prefix (a stop word being typed): its expansions.
		terms, typos, err := q.cachedCandidates(ctx, r)
		if err != nil {
			return nil, err
		}
		if len(terms) == 0 {
			return searcher.NewMatchNoneSearcher(r)
		}
		return searcher.NewMultiTermSearcherBoosted(ctx, r, terms, q.field, q.boost, typos, opts, false)
	}
	exact, err := searcher.NewTermSearcher(ctx, r, q.term, q.field, q.boost*exactBoost, opts)
	if err != nil {
		return nil, err
	}
	terms, typos, err := q.cachedCandidates(ctx, r)
	if err != nil || len(terms) == 0 {
		if err != nil {
			exact.Close()
		}
		return exact, err
	}
	others, err := searcher.NewMultiTermSearcherBoosted(ctx, r, terms, q.field, q.boost, typos, opts, false)
	if err != nil {
		exact.Close()
		return nil, err
	}
	return searcher.NewDisjunctionSearcher(ctx, r, []bsearch.Searcher{exact, others}, 0, opts)
}

// Bounds on the expansions of one term, as Meilisearch has them
// (milli's search limits): the words at one typo, at two typos and the
// prefix matches are each cut at this many, in dictionary order.
const (
	maxOneTypo  = 150
	maxTwoTypos = 50
	maxPrefixed = 1000
)

// cachedCandidates returns candidates, from the snapshot's cache when
// the search carries one: expanding walks the dictionary with a
// Levenshtein automaton built for the term, which costs more than
// searching a rare word.
func (q *termQuery) cachedCandidates(ctx context.Context, r index.IndexReader) ([]string, []uint8, error) {
	d := snapshotFor(ctx, r)
	if d == nil {
		return q.candidates(r)
	}
	k := expansionKey{field: q.field, term: q.term, prefix: q.prefix, typos: q.typos}
	if e, ok := d.expansion(k); ok {
		return e.terms, e.typos, nil
	}
	terms, typos, err := q.candidates(r)
	if err == nil {
		d.storeExpansion(k, expansion{terms: terms, typos: typos})
	}
	return terms, typos, err
}

// candidates returns the terms other than q.term that match with typos
// or as a prefix, with their number of typos (0 for prefix matches), in
// a stable order; at most maxOneTypo terms at one typo, maxTwoTypos at
// two and maxPrefixed prefix matches.
func (q *termQuery) candidates(r index.IndexReader) ([]string, []uint8, error) {
	found := map[string]uint8{}
	var n [3]int // terms kept at 0 (prefix), 1 and 2 typos
	limit := [3]int{maxPrefixed, maxOneTypo, maxTwoTypos}
	keep := func(term string, typos uint8) {
		if term == q.term || n[typos] >= limit[typos] {
			return
		}
		old, ok := found[term]
		switch {
		case !ok:
			n[typos]++
		case typos < old:
			n[old]--
			n[typos]++
		default:
			return
		}
		found[term] = typos
	}
	if fz, ok := r.(index.IndexReaderFuzzy); ok && q.typos > 0 {
		// The first letter must be right...
		d, err := fz.FieldDictFuzzy(q.field, q.term, q.typos, firstRune(q.term))
		if err := walk(d, err, func(e *index.DictEntry) { keep(e.Term, e.EditDistance) }); err != nil {
			return nil, nil, err
		}
		// ...unless two typos are allowed: a typo on the first letter
		// counts as two, and then it must be the only one.
		if q.typos == 2 {
			d, err := fz.FieldDictFuzzy(q.field, q.term, 1, "")
			if err := walk(d, err, func(e *index.DictEntry) { keep(e.Term, 2) }); err != nil {
				return nil, nil, err
			}
		}
	}
	if q.prefix != "" {
		d, err := r.FieldDictPrefix(q.field, []byte(q.prefix))
		if err := walk(d, err, func(e *index.DictEntry) { keep(e.Term, 0) }); err != nil {
			return nil, nil, err
		}
	}
	terms := make([]string, 0, len(found))
	for t := range found {
		terms = append(terms, t)
	}
	sort.Strings(terms)
	typos := make([]uint8, len(terms))
	for i, t := range terms {
		typos[i] = found[t]
	}
	return terms, typos, nil
}

// walk calls f on every entry of d and closes it.
func walk(d index.FieldDict, err error, f func(*index.DictEntry)) error {
	if err != nil {
		return err
	}
	defer d.Close()
	for {
		e, err := d.Next()
		if err != nil || e == nil {
			return err
		}
		f(e)
	}
}

// firstRune returns the first letter of s.
func firstRune(s string) string {
	_, n := utf8.DecodeRuneInString(s)
	return s[:n]
}
