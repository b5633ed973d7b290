package web

import (
	"context"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/web/components"
)

// maxRemovals bounds the extra searches the no-results page runs to say
// what removing each filter would give.
const maxRemovals = 6

// emptyState explains a page without hits and offers ways out: a spelling
// suggestion that finds something, and the filters whose removal helps.
func (s *Server) emptyState(ctx context.Context, st State, res *search.Result) *components.Empty {
	e := &components.Empty{}
	if res.Total > 0 {
		e.Text = "This page is past the last result (" + plural(res.Total, "result", "results") + " in all)."
		e.FirstPage = st.WithPage(1).URL("/search")
		return e
	}
	switch {
	case st.Text != "" && st.HasFilters():
		e.Text = "Nothing matches “" + st.Text + "” with these filters."
	case st.Text != "":
		e.Text = "Nothing matches “" + st.Text + "”. Check the spelling, or try fewer or more general words."
	default:
		e.Text = "No documents match these filters."
	}
	if st.Text != "" {
		e.DidYouMean = s.didYouMean(ctx, st)
	}
	if st.Match == search.MatchAll && termCount(st.Text) > 1 {
		next := st.WithMatch(search.DefaultMatch)
		if n, err := s.total(ctx, next.Query()); err == nil && n > 0 {
			e.MostWords = &components.Suggestion{Label: "Show documents with most of the words", URL: next.URL("/search"), TotalText: plural(n, "result", "results")}
		}
	}
	rs := removals(st)
	for _, r := range rs[:min(len(rs), maxRemovals)] {
		n, err := s.total(ctx, r.next.Query())
		if err != nil || n == 0 {
			continue
		}
		e.Removals = append(e.Removals, components.Suggestion{Label: r.label, URL: r.next.URL("/search"), TotalText: plural(n, "result", "results")})
	}
	if st.HasFilters() {
		e.ClearAll = st.ClearFilters().URL("/search")
	}
	return e
}

// removal is the state without one of its filters.
type removal struct {
	label string
	next  State
}

// removals lists the state's filters, each with the state without it.
func removals(st State) []removal {
	var out []removal
	for _, f := range search.Facets {
		for _, v := range st.Filters[f] {
			out = append(out, removal{facetNames[f].single + ": " + v, st.Toggle(f, v)})
		}
	}
	if d := dateLabel(st.From, st.To); d != "" {
		out = append(out, removal{"Date: " + d, st.WithDates("", "")})
	}
	return out
}

// didYouMean corrects the query's words against the index's own words
// (when the engine can spell) and the facet values with their aliases,
// and suggests the corrected query if it finds something, with the same
// filters or else without any.
func (s *Server) didYouMean(ctx context.Context, st State) *components.Suggestion {
	vocab, err := s.vocab.get(ctx, s)
	if err != nil {
		return nil
	}
	fixed, ok := correctWith(st.Text, vocab, s.spell(ctx))
	if !ok {
		return nil
	}
	// With the same filters first; failing that, without them.
	for i, next := range []State{st.WithText(fixed), st.WithText(fixed).ClearFilters()} {
		if i == 1 && !st.HasFilters() {
			break
		}
		n, err := s.total(ctx, next.Query())
		if err != nil || n == 0 {
			continue
		}
		total := plural(n, "result", "results")
		if i == 1 {
			total += " without filters"
		}
		return &components.Suggestion{Label: fixed, URL: next.URL("/search"), TotalText: total}
	}
	return nil
}

// spellings proposes indexed words within maxEdits of a word.
type spellings func(word string, maxEdits int) []search.Spelling

// spellLimit is how many proposals per word the engine is asked for.
const spellLimit = 3

// spell returns the engine's speller, or nil when it has none (Meilisearch:
// the vocabulary then also holds the newest documents' title words).
func (s *Server) spell(ctx context.Context) spellings {
	if s.speller == nil {
		return nil
	}
	return func(word string, maxEdits int) []search.Spelling {
		out, err := s.speller.Spell(ctx, word, maxEdits, spellLimit)
		if err != nil {
			return nil
		}
		return out
	}
}

// correct replaces each word of text that the vocabulary lacks with the
// closest known word (one edit for short words, two from eight letters).
// It reports whether anything changed.
func correct(text string, vocab map[string]int) (string, bool) {
	return correctWith(text, vocab, nil)
}

// correctWith is correct that also draws on the index's words through
// spell (nil: the vocabulary only). A word the index or the vocabulary
// holds is kept; otherwise the candidate with the fewest edits wins, then
// the one more documents (or vocabulary entries) contain.
func correctWith(text string, vocab map[string]int, spell spellings) (string, bool) {
	fields := strings.Fields(text)
	changed := false
	for i, f := range fields {
		ws := words(f)
		if len(ws) != 1 || utf8.RuneCountInString(ws[0]) < 4 {
			continue
		}
		w := ws[0]
		if _, known := vocab[w]; known {
			continue
		}
		limit := 1
		if utf8.RuneCountInString(w) >= 8 {
			limit = 2
		}
		best, bestD, bestN := "", limit+1, 0
		consider := func(cand string, d, n int) {
			if d < bestD || (d == bestD && (n > bestN || n == bestN && cand < best)) {
				best, bestD, bestN = cand, d, n
			}
		}
		for cand, n := range vocab {
			consider(cand, editDistance(w, cand, limit), n)
		}
		if spell != nil {
			for _, sp := range spell(w, limit) {
				if c := words(sp.Word); len(c) == 1 {
					consider(c[0], sp.Edits, sp.Docs)
				}
			}
		}
		if best != "" && bestD > 0 && bestD <= limit {
			fields[i], changed = best, true
		}
	}
	return strings.Join(fields, " "), changed
}

// editDistance is the optimal-string-alignment distance between a and b
// (insertions, deletions, substitutions and swaps of neighbours), or
// limit+1 as soon as it must exceed limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// vocabulary caches the words that spelling suggestions draw from besides
// the engine's own: every facet value and alias, and, for an engine that
// cannot spell (Meilisearch), the titles of the newest documents.
type vocabulary struct {
	ttl   time.Duration
	mu    sync.Mutex
	words map[string]int
	built time.Time
}

func newVocabulary(ttl time.Duration) *vocabulary { return &vocabulary{ttl: ttl} }

// vocabDocs is how many of the newest documents lend their title words.
const vocabDocs = search.MaxPerPage

func (v *vocabulary) get(ctx context.Context, s *Server) (map[string]int, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.words != nil && time.Since(v.built) < v.ttl {
		return v.words, nil
	}
	perPage := vocabDocs
	if s.speller != nil {
		perPage = 1 // the engine spells from every document
	}
	res, err := s.search(ctx, search.Query{Sort: search.SortNewest, PerPage: perPage, FacetSize: facetSearchSize})
	if err != nil {
		return nil, err
	}
	w := map[string]int{}
	add := func(text string) {
		for _, x := range words(text) {
			if utf8.RuneCountInString(x) >= 3 {
				w[x]++
			}
		}
	}
	if s.speller == nil {
		for _, h := range res.Hits {
			add(h.Title)
		}
	}
	for _, f := range search.Facets {
		for _, fc := range res.Facets[f] {
			add(fc.Value)
			for _, a := range s.aliases.aliases(fc.Value) {
				add(a)
			}
		}
	}
	v.words, v.built = w, time.Now()
	return w, nil
}
