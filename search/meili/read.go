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
// search.ErrNotFound.
func (e *Engine) Get(ctx context.Context, id string) (*search.Document, error) {
	if !validID(id) {
		// It cannot have been stored, and it must not reach a URL path.
		return nil, fmt.Errorf("meili: get %q: %w", id, search.ErrNotFound)
	}
	var d search.Document
	if err := e.index().GetDocumentWithContext(ctx, id, nil, &d); err != nil {
		return nil, wrapErr(fmt.Sprintf("get %q", id), err)
	}
	return &d, nil
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
			return nil, wrapErr("hashes", err)
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

// Count returns the number of stored documents; a missing index holds none.
func (e *Engine) Count(ctx context.Context) (int, error) {
	st, err := e.index().GetStatsWithContext(ctx, nil)
	if apiCode(err) == codeIndexNotFound {
		return 0, nil
	}
	if err != nil {
		return 0, wrapErr("count", err)
	}
	return int(st.NumberOfDocuments), nil
}

// decodeHit decodes one hit or document (a map of raw JSON values) into v.
func decodeHit(h meilisearch.Hit, v any) error {
	raw, err := json.Marshal(h)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, v)
}
