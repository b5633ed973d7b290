package meili

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/accord-search/accord/search"
	"github.com/meilisearch/meilisearch-go"
)

// Setup creates the index if it does not exist and applies the settings in
// schema.go, waiting for each task. Settings come before documents: a
// settings change re-indexes what is already there.
func (e *Engine) Setup(ctx context.Context) error {
	info, err := e.client.CreateIndexWithContext(ctx, &meilisearch.IndexConfig{Uid: e.uid, PrimaryKey: attrID})
	if err != nil {
		return e.wrapErr("setup: create index", err)
	}
	if err := e.wait(ctx, info); err != nil && taskCode(err) != codeIndexExists {
		return e.wrapErr("setup: create index", err)
	}
	info, err = e.index().UpdateSettingsWithContext(ctx, settings())
	if err != nil {
		return e.wrapErr("setup: settings", err)
	}
	if err := e.wait(ctx, info); err != nil {
		return e.wrapErr("setup: settings", err)
	}
	return nil
}

// Index adds or replaces docs by ID in batches of at most Config.BatchSize
// documents and Config.MaxBatchBytes bytes of JSON. It waits for each
// batch's task before sending the next: Meilisearch reports a rejected
// batch only in its task, so an unchecked task would be a silent loss, and
// waiting also keeps a long run from flooding the task queue. A batch the
// server refuses as too large (413 payload_too_large: its payload limit is
// lower than ours) is split in two and retried. On error, the batches
// before the failing one are stored.
func (e *Engine) Index(ctx context.Context, docs []search.Document) error {
	for _, d := range docs {
		if !validID(d.ID) {
			return fmt.Errorf("meili: index: document id %q: want 1-511 characters of A-Z a-z 0-9 - _", d.ID)
		}
	}
	batch := make([]stored, 0, min(len(docs), e.batchSize))
	size, start := 2, 0 // the brackets of the JSON array
	flush := func(end int) error {
		if len(batch) == 0 {
			return nil
		}
		if err := e.send(ctx, batch); err != nil {
			return e.wrapErr(fmt.Sprintf("index: documents %d-%d of %d", start+1, end, len(docs)), err)
		}
		batch, size, start = batch[:0], 2, end
		return nil
	}
	for i, d := range docs {
		s := toStored(d)
		raw, err := json.Marshal(s)
		if err != nil {
			return fmt.Errorf("meili: index: document %q: %w", d.ID, err)
		}
		if len(batch) == e.batchSize || len(batch) > 0 && size+len(raw)+1 > e.maxBytes {
			if err := flush(i); err != nil {
				return err
			}
		}
		batch = append(batch, s)
		size += len(raw) + 1 // and a comma
	}
	return flush(len(docs))
}

// send adds one batch and waits for its task, splitting the batch in two
// when the server answers 413 payload_too_large.
func (e *Engine) send(ctx context.Context, batch []stored) error {
	pk := attrID
	info, err := e.index().AddDocumentsWithContext(ctx, batch, &meilisearch.DocumentOptions{PrimaryKey: &pk})
	if err == nil {
		return e.wait(ctx, info)
	}
	if !tooLarge(err) {
		return err
	}
	if len(batch) == 1 {
		return fmt.Errorf("document %q alone is larger than the server accepts: %w", batch[0].ID, err)
	}
	half := len(batch) / 2
	if err := e.send(ctx, batch[:half]); err != nil {
		return err
	}
	return e.send(ctx, batch[half:])
}

// tooLarge reports whether the server refused a payload as too large.
func tooLarge(err error) bool {
	var me *meilisearch.Error
	return apiCode(err) == codePayloadTooLarge || errors.As(err, &me) && me.StatusCode == http.StatusRequestEntityTooLarge
}

// Delete removes documents by ID, in batches of Config.BatchSize. IDs that
// cannot exist (invalid for Meilisearch) are skipped, and a missing index
// holds nothing to delete.
func (e *Engine) Delete(ctx context.Context, ids []string) error {
	valid := make([]string, 0, len(ids))
	for _, id := range ids {
		if validID(id) {
			valid = append(valid, id)
		}
	}
	for start := 0; start < len(valid); start += e.batchSize {
		end := min(start+e.batchSize, len(valid))
		info, err := e.index().DeleteDocumentsWithContext(ctx, valid[start:end], nil)
		if err == nil {
			err = e.wait(ctx, info)
		}
		if indexNotFound(err) {
			return nil
		}
		if err != nil {
			return e.wrapErr("delete", err)
		}
	}
	return nil
}

// indexNotFound reports whether err says the index does not exist, as an
// API error or as a failed task.
func indexNotFound(err error) bool {
	return apiCode(err) == codeIndexNotFound || taskCode(err) == codeIndexNotFound
}

// taskCode returns the error code of a failed task, or "".
func taskCode(err error) string {
	var te *taskError
	if errors.As(err, &te) {
		return te.Code
	}
	return ""
}

// wait waits for a task to finish and returns a *taskError unless it
// succeeded. WaitForTaskWithContext itself returns a failed task without
// an error.
func (e *Engine) wait(ctx context.Context, info *meilisearch.TaskInfo) error {
	task, err := e.client.WaitForTaskWithContext(ctx, info.TaskUID, taskPoll)
	if err != nil {
		return err
	}
	if task.Status == meilisearch.TaskStatusSucceeded {
		return nil
	}
	return &taskError{
		UID:     info.TaskUID,
		Type:    string(task.Type),
		Status:  string(task.Status),
		Code:    task.Error.Code,
		Message: task.Error.Message,
	}
}
