package meili

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/search/searchtest"
	"github.com/google/go-cmp/cmp"
)

// TestConformanceFake runs the conformance cases (searchtest.RunCases,
// with the issue 11 cases) through this backend against a fake that
// evaluates our requests the way Meilisearch v1.24 does: filters parsed as
// its filter parser reads them, facet values compared in normalized form
// (milli's normalize_facet: trim, NFKD, lowercase), sorting on date_ts
// with documents without it last, page/hitsPerPage with totalHits counted
// up to pagination.maxTotalHits (1001), facet counts over all matches.
//
// What the fake cannot do is Meilisearch's text matching (tokenizing,
// stop words, typos, prefixes): which documents a query text matches
// comes from each case's TextMatches, the list the Bleve leg is checked
// against, or for texts outside the table from every query word appearing
// in the title or body. So this leg checks what we send and what we make
// of the answers; TestLive checks the text rules against a real server.
func TestConformanceFake(t *testing.T) {
	s := &semanticFake{t: t, docs: map[string]map[string]any{}, text: map[string][]string{}}
	for _, c := range searchtest.Cases {
		if strings.TrimSpace(c.Query.Text) != "" {
			s.text[c.Query.Text] = c.TextMatches
		}
	}
	e := s.engine(t)
	if err := e.Index(t.Context(), searchtest.Documents()); err != nil {
		t.Fatal(err)
	}
	searchtest.RunCases(t, e)
	t.Run("OR and entity cases", func(t *testing.T) { checkExpansionsFake(t) })
}

// checkExpansionsFake runs the ranking cases on query syntax (OR) and
// entities, plus the case of entity words without the entity, over a fake
// that matches query words as substrings under the query's strategy (see
// semanticFake.words), not over the case's TextMatches: a text sent as
// typed ("icebreaker OR cutter" under "last" keeps "icebreaker"; the
// entity's words are in no text) misses documents, so the cases pass only
// through the federated variants. The fake has no ranking scores: the hits
// are compared as a set, with the total.
func checkExpansionsFake(t *testing.T) {
	s := &semanticFake{t: t, docs: map[string]map[string]any{}, words: true}
	e := s.engine(t)
	if err := e.Index(t.Context(), searchtest.RankDocuments()); err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, c := range searchtest.RankCases {
		if c.Needs == "" && !strings.HasPrefix(c.Name, "entity") {
			continue
		}
		ran++
		t.Run(c.Name, func(t *testing.T) {
			res, err := e.Search(t.Context(), c.Query)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			want := slices.Concat(c.Groups...)
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) || res.Total != c.WantTotal {
				t.Errorf("hits %v, total %d; want %v, total %d", got, res.Total, want, c.WantTotal)
			}
		})
	}
	if ran < 3 {
		t.Errorf("%d OR and entity cases in searchtest.RankCases, want at least 3", ran)
	}
	t.Run("entity with a selection: disjunctive counts over the union", func(t *testing.T) {
		q := search.Query{Text: "harbor napolitano", Entities: []search.Entity{{Words: "napolitano", Facet: search.FacetOfficial, Value: "Janet Napolitano"}},
			Filters: map[search.Facet][]string{search.FacetCountry: {"Mexico"}}}
		res, err := e.Search(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		// "harbor" (the relaxed "last" query) in Mexico: r02, r07; r07
		// also through the entity, once.
		if want := []string{"r02", "r07"}; !slices.Equal(got, want) || res.Total != 2 {
			t.Errorf("hits %v, total %d; want %v, total 2", got, res.Total, want)
		}
		wantCountries := []search.FacetCount{{Value: "Canada", Count: 2}, {Value: "Mexico", Count: 2, Selected: true}, {Value: "Finland", Count: 1}}
		if diff := cmp.Diff(wantCountries, res.Facets[search.FacetCountry]); diff != "" {
			t.Errorf("country counts, without the country selection (-want +got):\n%s", diff)
		}
		wantOfficials := []search.FacetCount{{Value: "Janet Napolitano", Count: 1}}
		if diff := cmp.Diff(wantOfficials, res.Facets[search.FacetOfficial]); diff != "" {
			t.Errorf("official counts (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]search.FacetCount{{Value: "2020", Count: 2}}, res.Years); diff != "" {
			t.Errorf("years (-want +got):\n%s", diff)
		}
	})
}

// engine returns an engine over a fake server whose writes and searches s
// answers.
func (s *semanticFake) engine(t *testing.T) *Engine {
	f := newFake(t)
	f.handle("POST /indexes/news/documents", func(w http.ResponseWriter, r *http.Request) {
		calls := f.recorded()
		s.add(calls[len(calls)-1].Body)
		f.enqueue(w, "documentAdditionOrUpdate")
	})
	f.handle("POST /indexes/news/documents/delete-batch", func(w http.ResponseWriter, r *http.Request) {
		calls := f.recorded()
		s.remove(calls[len(calls)-1].Body)
		f.enqueue(w, "documentDeletion")
	})
	f.handle("POST /multi-search", func(w http.ResponseWriter, r *http.Request) {
		calls := f.recorded()
		body, status := s.multiSearch(calls[len(calls)-1].Body)
		writeJSON(w, status, body)
	})
	return f.engine(Config{APIKey: indexerKey, BatchSize: 4})
}

// semanticFake holds the stored documents and answers searches.
type semanticFake struct {
	t    *testing.T
	mu   sync.Mutex
	docs map[string]map[string]any // id → stored document, as sent
	// text maps a query text to the documents it matches.
	text map[string][]string
	// words, when set, replaces text: a query matches the documents whose
	// title or body contains every word ("all") or the first word (the
	// most relaxed query of "last"), as substrings.
	words bool
}

func (s *semanticFake) add(body any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range body.([]any) {
		m := d.(map[string]any)
		s.docs[m["id"].(string)] = m
	}
}

func (s *semanticFake) remove(body any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range body.([]any) {
		delete(s.docs, id.(string))
	}
}

// multiSearch answers every query, or the first error as Meilisearch
// does (the whole request fails); a request with "federation" is answered
// as one merged list (federatedSearch).
func (s *semanticFake) multiSearch(body any) (string, int) {
	raw, _ := json.Marshal(body)
	var req struct {
		Queries    []json.RawMessage `json:"queries"`
		Federation *fakeFederation   `json:"federation"`
	}
	if err := json.Unmarshal(raw, &req); err != nil {
		return fmt.Sprintf(`{"message": %q, "code": "bad_request", "type": "invalid_request", "link": ""}`, err), 400
	}
	if req.Federation != nil {
		return s.federatedSearch(req.Queries, *req.Federation)
	}
	results := make([]string, len(req.Queries))
	for i, q := range req.Queries {
		r, err := s.search(q)
		if err != nil {
			s.t.Errorf("query %d: %v", i, err)
			return fmt.Sprintf(`{"message": "Inside .queries[%d]: %s", "code": "invalid_search_filter", "type": "invalid_request", "link": ""}`, i, err), 400
		}
		results[i] = r
	}
	return `{"results": [` + strings.Join(results, ",") + `]}`, 200
}

// fakeFederation is the "federation" object of a multi-search (v1.24:
// crates/meilisearch/src/search/federated/types.rs, Federation).
type fakeFederation struct {
	Offset        *int                `json:"offset"`
	Limit         *int                `json:"limit"`
	FacetsByIndex map[string][]string `json:"facetsByIndex"`
	MergeFacets   *struct {
		MaxValuesPerFacet *int `json:"maxValuesPerFacet"`
	} `json:"mergeFacets"`
}

// federatedSearch answers a federated multi-search as Meilisearch v1.24
// does (federated/perform.rs): a query with pagination or facets of its
// own is an error; the queries' matches are merged, each document once
// (at its best place), the total is the size of the union
// (estimatedTotalHits) and the facets listed for the index are counted
// over the union. Merging is by ranking score, which the fake does not
// have: it orders by the sort when there is one, else by the position of
// the first query that matched, then by id.
func (s *semanticFake) federatedSearch(queries []json.RawMessage, fed fakeFederation) (string, int) {
	fail := func(code, msg string) (string, int) {
		s.t.Errorf("federated search: %s", msg)
		return fmt.Sprintf(`{"message": %q, "code": %q, "type": "invalid_request", "link": ""}`, msg, code), 400
	}
	type placed struct {
		doc map[string]any
		pos int
	}
	var union []placed
	seen := map[string]bool{}
	var sortRules []string
	for i, raw := range queries {
		var keys map[string]json.RawMessage
		_ = json.Unmarshal(raw, &keys)
		for _, k := range []string{"offset", "limit", "page", "hitsPerPage"} {
			if _, ok := keys[k]; ok {
				return fail("invalid_multi_search_query_pagination",
					fmt.Sprintf("Inside `.queries[%d]`: Using pagination options is not allowed in federated queries.", i))
			}
		}
		var q fakeQuery
		if err := json.Unmarshal(raw, &q); err != nil {
			return fail("bad_request", err.Error())
		}
		if len(q.Facets) > 0 {
			return fail("invalid_multi_search_query_facets",
				fmt.Sprintf("Inside `.queries[%d]`: Using facet options is not allowed in federated queries.", i))
		}
		if i > 0 && !slices.Equal(q.Sort, sortRules) {
			return fail("bad_request", fmt.Sprintf("query %d sorts by %v, query 0 by %v: hits not comparable", i, q.Sort, sortRules))
		}
		sortRules = q.Sort
		matched, err := s.matching(q)
		if err != nil {
			return fail("invalid_search_filter", fmt.Sprintf("Inside `.queries[%d]`: %s", i, err))
		}
		for _, d := range matched {
			if id := d["id"].(string); !seen[id] {
				seen[id] = true
				union = append(union, placed{d, i})
			}
		}
	}
	sort.SliceStable(union, func(i, j int) bool {
		if union[i].pos != union[j].pos {
			return union[i].pos < union[j].pos
		}
		return union[i].doc["id"].(string) < union[j].doc["id"].(string)
	})
	docs := make([]map[string]any, len(union))
	pos := map[string]int{}
	for i, p := range union {
		docs[i] = p.doc
		pos[p.doc["id"].(string)] = p.pos
	}
	if len(sortRules) > 0 {
		sortDocs(docs, sortRules)
	}
	offset, limit := 0, 20
	if fed.Offset != nil {
		offset = *fed.Offset
	}
	if fed.Limit != nil {
		limit = *fed.Limit
	}
	var hits []string
	for _, d := range docs[min(offset, len(docs)):min(offset+limit, len(docs))] {
		var h map[string]any
		_ = json.Unmarshal([]byte(hitFor(d, nil)), &h)
		h["_federation"] = map[string]any{"indexUid": "news", "queriesPosition": pos[d["id"].(string)], "weightedRankingScore": 1.0}
		raw, _ := json.Marshal(h)
		hits = append(hits, string(raw))
	}
	facets := ""
	for index, attrs := range fed.FacetsByIndex {
		if index != "news" {
			return fail("index_not_found", "Inside `.federation.facetsByIndex."+index+"`: index not used")
		}
		dist := map[string]map[string]int{}
		for _, attr := range attrs {
			dist[attr] = facetDistribution(docs, attr)
		}
		d, _ := json.Marshal(dist)
		if fed.MergeFacets != nil {
			facets = fmt.Sprintf(`, "facetDistribution": %s, "facetStats": {}`, d)
		} else {
			facets = fmt.Sprintf(`, "facetsByIndex": {"news": {"distribution": %s, "stats": {}}}`, d)
		}
	}
	return fmt.Sprintf(`{"hits": [%s], "processingTimeMs": 0, "limit": %d, "offset": %d, "estimatedTotalHits": %d%s}`,
		strings.Join(hits, ","), limit, offset, len(docs), facets), 200
}

// fakeQuery is the part of a search request the fake reads.
type fakeQuery struct {
	Q                    string   `json:"q"`
	MatchingStrategy     string   `json:"matchingStrategy"`
	Filter               any      `json:"filter"`
	Sort                 []string `json:"sort"`
	Facets               []string `json:"facets"`
	Page                 int      `json:"page"`
	HitsPerPage          *int     `json:"hitsPerPage"`
	AttributesToRetrieve []string `json:"attributesToRetrieve"`
}

func (s *semanticFake) search(raw json.RawMessage) (string, error) {
	var q fakeQuery
	if err := json.Unmarshal(raw, &q); err != nil {
		return "", err
	}
	matched, err := s.matching(q)
	if err != nil {
		return "", err
	}
	dist := map[string]map[string]int{}
	for _, attr := range q.Facets {
		dist[attr] = facetDistribution(matched, attr)
	}
	page, per := max(q.Page, 1), 20
	if q.HitsPerPage != nil {
		per = *q.HitsPerPage
	}
	total := min(len(matched), maxTotalHits)
	var hits []string
	for _, d := range matched[min((page-1)*per, total):min(page*per, total)] {
		hits = append(hits, hitFor(d, q.AttributesToRetrieve))
	}
	facets, _ := json.Marshal(dist)
	return fmt.Sprintf(`{"indexUid": "news", "hits": [%s], "query": %q, "processingTimeMs": 0,
		"hitsPerPage": %d, "page": %d, "totalPages": %d, "totalHits": %d, "facetDistribution": %s}`,
		strings.Join(hits, ","), q.Q, per, page, (total+max(per, 1)-1)/max(per, 1), total, facets), nil
}

// matching returns the stored documents q matches, in its sort order.
func (s *semanticFake) matching(q fakeQuery) ([]map[string]any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var matched []map[string]any
	for _, d := range s.docs {
		ok, err := s.matches(d, q)
		if err != nil {
			return nil, err
		}
		if ok {
			matched = append(matched, d)
		}
	}
	sortDocs(matched, q.Sort)
	return matched, nil
}

// matches applies the text (see TestConformanceFake) and the filter.
func (s *semanticFake) matches(d map[string]any, q fakeQuery) (bool, error) {
	if text := strings.TrimSpace(q.Q); text != "" && s.words {
		words := strings.Fields(strings.ToLower(text))
		if q.MatchingStrategy != "all" {
			words = words[:1] // the most relaxed query of "last"
		}
		hay := strings.ToLower(fmt.Sprint(d["title"], " ", d["body"]))
		for _, w := range words {
			if !strings.Contains(hay, w) {
				return false, nil
			}
		}
	} else if text != "" {
		ids, known := s.text[q.Q]
		if known && !slices.Contains(ids, d["id"].(string)) {
			return false, nil
		}
		if !known {
			hay := strings.ToLower(fmt.Sprint(d["title"], " ", d["body"]))
			for _, w := range strings.Fields(strings.ToLower(text)) {
				if !strings.Contains(hay, w) {
					return false, nil
				}
			}
		}
	}
	var groups [][]string
	switch fl := q.Filter.(type) {
	case nil:
	case []any:
		for _, g := range fl {
			var group []string
			for _, e := range g.([]any) {
				group = append(group, e.(string))
			}
			groups = append(groups, group)
		}
	default:
		return false, fmt.Errorf("filter %v: not the array form the backend sends for searches", fl)
	}
	parsed, err := parseWire(groups)
	if err != nil {
		return false, err
	}
	for _, group := range parsed { // AND of groups
		anyOK := false
		for _, expr := range group { // OR within a group
			all := true
			for _, c := range expr { // AND within an expression
				ok, err := compare(d, c)
				if err != nil {
					return false, err
				}
				all = all && ok
			}
			anyOK = anyOK || all
		}
		if !anyOK {
			return false, nil
		}
	}
	return true, nil
}

// compare evaluates one comparison on a stored document: strings compare
// normalized, as Meilisearch's facet filters do.
func compare(d map[string]any, c comparison) (bool, error) {
	v, ok := d[c.Attr]
	if !ok || v == nil {
		return false, nil
	}
	switch c.Op {
	case "=":
		var values []any
		if arr, isArr := v.([]any); isArr {
			values = arr
		} else {
			values = []any{v}
		}
		for _, x := range values {
			if str, isStr := x.(string); isStr && search.NormalizeFacet(str) == search.NormalizeFacet(c.Value) {
				return true, nil
			}
		}
		return false, nil
	case ">=", "<":
		n, isNum := v.(float64)
		bound, err := strconv.ParseFloat(c.Value, 64)
		if !isNum || err != nil {
			return false, fmt.Errorf("%s %s %s: not a number", c.Attr, c.Op, c.Value)
		}
		if c.Op == ">=" {
			return n >= bound, nil
		}
		return n < bound, nil
	}
	return false, fmt.Errorf("operator %q", c.Op)
}

// sortDocs orders by the sort rule (documents without the field last), by
// id otherwise: relevance order is the text matcher's, which the fake does
// not have, and the cases compare such hits as sets.
func sortDocs(docs []map[string]any, rules []string) {
	sort.SliceStable(docs, func(i, j int) bool { return docs[i]["id"].(string) < docs[j]["id"].(string) })
	for _, rule := range rules {
		attr, dir, _ := strings.Cut(rule, ":")
		sort.SliceStable(docs, func(i, j int) bool {
			a, aok := docs[i][attr].(float64)
			b, bok := docs[j][attr].(float64)
			switch {
			case aok != bok:
				return aok
			case !aok || a == b:
				return false
			case dir == "desc":
				return a > b
			}
			return a < b
		})
	}
}

// facetDistribution counts attr's values over docs by normalized value,
// shown in the first spelling met (in id order).
func facetDistribution(docs []map[string]any, attr string) map[string]int {
	byID := slices.Clone(docs)
	sort.Slice(byID, func(i, j int) bool { return byID[i]["id"].(string) < byID[j]["id"].(string) })
	shown, out := map[string]string{}, map[string]int{}
	for _, d := range byID {
		var values []any
		switch v := d[attr].(type) {
		case []any:
			values = v
		case string:
			values = []any{v}
		}
		for _, x := range values {
			str, _ := x.(string)
			k := search.NormalizeFacet(str)
			if _, ok := shown[k]; !ok {
				shown[k] = str
			}
			out[shown[k]]++
		}
	}
	return out
}

// hitFor returns a hit with the retrieved attributes (all when none are
// listed) and _formatted title and body, unhighlighted.
func hitFor(d map[string]any, retrieve []string) string {
	h := map[string]any{}
	for k, v := range d {
		if k == "date_ts" || k == "year" {
			continue // not displayed
		}
		if len(retrieve) == 0 || slices.Contains(retrieve, k) {
			h[k] = v
		}
	}
	h["_formatted"] = map[string]any{"title": d["title"], "body": d["body"]}
	h["_rankingScore"] = 1.0
	raw, _ := json.Marshal(h)
	return string(raw)
}
