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
	f := newFake(t)
	s := &semanticFake{t: t, docs: map[string]map[string]any{}, text: map[string][]string{}}
	for _, c := range searchtest.Cases {
		if strings.TrimSpace(c.Query.Text) != "" {
			s.text[c.Query.Text] = c.TextMatches
		}
	}
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
	e := f.engine(Config{APIKey: indexerKey, BatchSize: 4})
	if err := e.Index(t.Context(), searchtest.Documents()); err != nil {
		t.Fatal(err)
	}
	searchtest.RunCases(t, e)
}

// semanticFake holds the stored documents and answers searches.
type semanticFake struct {
	t    *testing.T
	mu   sync.Mutex
	docs map[string]map[string]any // id → stored document, as sent
	// text maps a query text to the documents it matches.
	text map[string][]string
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
// does (the whole request fails).
func (s *semanticFake) multiSearch(body any) (string, int) {
	raw, _ := json.Marshal(body)
	var req struct {
		Queries []json.RawMessage `json:"queries"`
	}
	if err := json.Unmarshal(raw, &req); err != nil {
		return fmt.Sprintf(`{"message": %q, "code": "bad_request", "type": "invalid_request", "link": ""}`, err), 400
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

// fakeQuery is the part of a search request the fake reads.
type fakeQuery struct {
	Q                    string   `json:"q"`
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
	s.mu.Lock()
	defer s.mu.Unlock()
	var matched []map[string]any
	for _, d := range s.docs {
		ok, err := s.matches(d, q)
		if err != nil {
			return "", err
		}
		if ok {
			matched = append(matched, d)
		}
	}
	sortDocs(matched, q.Sort)
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

// matches applies the text (see TestConformanceFake) and the filter.
func (s *semanticFake) matches(d map[string]any, q fakeQuery) (bool, error) {
	if text := strings.TrimSpace(q.Q); text != "" {
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
