package bleve

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/accord-search/accord/search"
)

var _ search.Speller = (*Index)(nil)

// spellCandidates is how many stems per wanted proposal Spell reads back.
const spellCandidates = 4

// maxSpellCache bounds the cached spellings; when full it starts over.
const maxSpellCache = 1024

// spellCache holds Spell answers of one index generation.
type spellCache struct {
	mu  sync.Mutex
	gen uint64
	m   map[string][]search.Spelling
}

func (c *spellCache) get(gen uint64, key string) ([]search.Spelling, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return nil, false
	}
	s, ok := c.m[key]
	return s, ok
}

func (c *spellCache) put(gen uint64, key string, s []search.Spelling) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen || c.m == nil || len(c.m) >= maxSpellCache {
		c.gen, c.m = gen, map[string][]search.Spelling{}
	}
	c.m[key] = s
}

// Spell proposes indexed words close to word from the body's term
// dictionary, walked with Bleve's fuzzy automaton. The dictionary holds
// English stems ("cooper" for "cooperation"), so each proposal is read back
// as a document writes it: the first place the stem occurs in a body.
// Answers are cached per index generation.
func (x *Index) Spell(ctx context.Context, word string, maxEdits, limit int) ([]search.Spelling, error) {
	toks := textAnalyzer.Analyze([]byte(strings.ToLower(word)))
	if len(toks) != 1 || limit <= 0 {
		return nil, nil
	}
	stem := string(toks[0].Term)
	gen := x.gen.Load()
	key := fmt.Sprintf("%d\x00%d\x00%s", maxEdits, limit, stem)
	if s, ok := x.spells.get(gen, key); ok {
		return s, nil
	}
	x.mu.Lock()
	idx := x.idx
	x.mu.Unlock()
	cands, err := fuzzyTerms(idx, stem, maxEdits)
	if err != nil {
		return nil, fmt.Errorf("bleve: spell %q: %w", word, searchErr(err))
	}
	// Closest stems first; each is read back as written and measured
	// against the word as typed.
	slices.SortFunc(cands, func(a, b search.Spelling) int {
		return cmp.Or(cmp.Compare(a.Edits, b.Edits), cmp.Compare(a.Word, b.Word))
	})
	lower := strings.ToLower(word)
	var out []search.Spelling
	for _, c := range cands[:min(len(cands), spellCandidates*limit)] {
		w, docs, err := x.surface(ctx, c.Word)
		if err != nil {
			return nil, err
		}
		d := bsearch.LevenshteinDistance(lower, w)
		if w == "" || d > maxEdits || slices.ContainsFunc(out, func(s search.Spelling) bool { return s.Word == w }) {
			continue
		}
		out = append(out, search.Spelling{Word: w, Edits: d, Docs: docs})
	}
	slices.SortFunc(out, func(a, b search.Spelling) int {
		return cmp.Or(cmp.Compare(a.Edits, b.Edits), cmp.Compare(b.Docs, a.Docs), cmp.Compare(a.Word, b.Word))
	})
	out = out[:min(len(out), limit)]
	x.spells.put(gen, key, out)
	return out, nil
}

// fuzzyTerms lists the body terms within maxEdits of stem; Word holds the
// term (a stem).
func fuzzyTerms(idx bleve.Index, stem string, maxEdits int) ([]search.Spelling, error) {
	adv, err := idx.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	fr, ok := r.(index.IndexReaderFuzzy)
	if !ok {
		return nil, fmt.Errorf("the index reader has no fuzzy term dictionary")
	}
	dict, auto, err := fr.FieldDictFuzzyAutomaton(fieldBody, stem, maxEdits, "")
	if err != nil {
		return nil, err
	}
	defer dict.Close()
	var out []search.Spelling
	for {
		e, err := dict.Next()
		if err != nil {
			return nil, err
		}
		if e == nil {
			return out, nil
		}
		if ok, d := auto.MatchAndDistance(e.Term); ok {
			out = append(out, search.Spelling{Word: e.Term, Edits: int(d)})
		}
	}
}

// surface returns how a document writes the body term t (lowercased) and
// how many documents hold it; "" when no stored body holds it.
func (x *Index) surface(ctx context.Context, t string) (string, int, error) {
	q := bleve.NewTermQuery(t)
	q.SetField(fieldBody)
	req := bleve.NewSearchRequestOptions(q, 1, 0, false)
	req.Fields = []string{fieldBody}
	req.IncludeLocations = true
	res, err := x.searchIn(ctx, req)
	if err != nil {
		return "", 0, fmt.Errorf("bleve: spell: %w", searchErr(err))
	}
	if len(res.Hits) == 0 {
		return "", 0, nil
	}
	h := res.Hits[0]
	body, _ := h.Fields[fieldBody].(string)
	for _, l := range h.Locations[fieldBody][t] {
		if l.Start < l.End && int(l.End) <= len(body) {
			return strings.ToLower(body[l.Start:l.End]), int(res.Total), nil
		}
	}
	return "", 0, nil
}
