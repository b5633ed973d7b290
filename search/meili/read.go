package meili

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/accord-search/accord/search"
	"github.com/meilisearch/meilisearch-go"
)

// hashPage is how many documents Hashes fetches per request.
const hashPage = 1000

// Get returns the stored document with the given ID, or an error wrapping
// search.ErrNotFound. It is a filtered search (id = "…"), not a document
// fetch, so that the web server's key needs only the search action
// (GET /indexes/{uid}/documents/{id} needs documents.get).
func (e *Engine) Get(ctx context.Context, id string) (*search.Document, error) {
	if !validID(id) {
		// It cannot have been stored, and it must not reach a filter.
		return nil, fmt.Errorf("meili: get %q: %w", id, search.ErrNotFound)
	}
	resp, err := e.index().SearchWithContext(ctx, "", getRequest(id))
	if apiCode(err) == "invalid_search_filter" {
		// id is not filterable: the index has the settings of an older
		// version until the indexer runs (Setup) again. Not the reader's
		// fault, so not a bad query.
		return nil, &redacted{key: e.key, err: fmt.Errorf("meili: get %q: index settings out of date (run the indexer): %w: %w",
			id, search.ErrUnavailable, err)}
	}
	if err != nil {
		return nil, e.wrapErr(fmt.Sprintf("get %q", id), err)
	}
	if len(resp.Hits) == 0 {
		return nil, fmt.Errorf("meili: get %q: %w", id, search.ErrNotFound)
	}
	var d search.Document
	if err := decodeHit(resp.Hits[0], &d); err != nil {
		return nil, fmt.Errorf("meili: get %q: %w", id, err)
	}
	return &d, nil
}

// getRequest is the search that fetches one document by ID: a placeholder
// search filtered on the primary key (filterable, see settings), one hit.
func getRequest(id string) *meilisearch.SearchRequest {
	return &meilisearch.SearchRequest{Filter: equals(attrID, id), Limit: 1}
}

// Hashes maps every stored document ID to its Hash, paging through the
// documents with only those two fields. A missing index holds nothing.
// Documents written while it pages may be missed or seen twice, as with any
// offset paging; the indexer calls it before it writes.
func (e *Engine) Hashes(ctx context.Context) (map[string]string, error) {
	out := make(map[string]string)
	for offset := int64(0); ; {
		var page meilisearch.DocumentsResult
		err := e.index().GetDocumentsWithContext(ctx, &meilisearch.DocumentsQuery{
			Fields: []string{attrID, attrHash},
			Offset: offset,
			Limit:  hashPage,
		}, &page)
		if apiCode(err) == codeIndexNotFound {
			return out, nil
		}
		if err != nil {
			return nil, e.wrapErr("hashes", err)
		}
		for _, hit := range page.Results {
			var d struct {
				ID   string `json:"id"`
				Hash string `json:"hash"`
			}
			if err := decodeHit(hit, &d); err != nil {
				return nil, fmt.Errorf("meili: hashes: %w", err)
			}
			out[d.ID] = d.Hash
		}
		offset += int64(len(page.Results))
		if len(page.Results) == 0 || offset >= page.Total {
			return out, nil
		}
	}
}

// Count returns the number of stored documents; a missing index holds
// none. It is one multi-search of two hits-less placeholder searches, so
// that the web server's key needs only the search action (the index stats
// need stats.get): the first counts every document, exactly up to the
// window (pagination.maxTotalHits), and counts them per year; past the
// window the count is the sum of the year counts plus the undated
// documents the second search counts.
func (e *Engine) Count(ctx context.Context) (int, error) {
	resp, err := e.client.MultiSearchWithContext(ctx, countRequest(e.uid))
	if apiCode(err) == codeIndexNotFound {
		return 0, nil
	}
	if err != nil {
		return 0, e.wrapErr("count", err)
	}
	return countResult(resp)
}

// countRequest is the multi-search Count sends.
func countRequest(index string) *meilisearch.MultiSearchRequest {
	return &meilisearch.MultiSearchRequest{Queries: []*meilisearch.SearchRequest{
		{IndexUID: index, HitsPerPage: ptr(int64(0)), Facets: []string{attrYear}},
		{IndexUID: index, HitsPerPage: ptr(int64(0)), Filter: attrYear + " NOT EXISTS"},
	}}
}

// countResult reads Count's answer.
func countResult(resp *meilisearch.MultiSearchResponse) (int, error) {
	if len(resp.Results) != 2 {
		return 0, fmt.Errorf("meili: count: %d results for 2 queries", len(resp.Results))
	}
	all := int(resp.Results[0].TotalHits)
	if all <= search.MaxWindow {
		return all, nil
	}
	d, err := distribution(resp.Results[0].FacetDistribution)
	if err != nil {
		return 0, fmt.Errorf("meili: count: %w", err)
	}
	n := int(resp.Results[1].TotalHits)
	for _, c := range d[attrYear] {
		n += c
	}
	return max(n, all), nil
}

// decodeHit decodes one hit or document (a map of raw JSON values) into v.
func decodeHit(h meilisearch.Hit, v any) error {
	raw, err := json.Marshal(h)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, v)
}
