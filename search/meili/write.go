package meili

import (
	"context"
	"errors"
	"fmt"

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

// Index adds or replaces docs by ID in batches of Config.BatchSize. It
// waits for each batch's task before sending the next: Meilisearch reports
// a rejected batch only in its task, so an unchecked task would be a silent
// loss, and waiting also keeps a long run from flooding the task queue.
// On error, the batches before the failing one are stored.
func (e *Engine) Index(ctx context.Context, docs []search.Document) error {
	for _, d := range docs {
		if !validID(d.ID) {
			return fmt.Errorf("meili: index: document id %q: want 1-511 characters of A-Z a-z 0-9 - _", d.ID)
		}
	}
	pk := attrID
	opts := &meilisearch.DocumentOptions{PrimaryKey: &pk}
	for start := 0; start < len(docs); start += e.batchSize {
		end := min(start+e.batchSize, len(docs))
		batch := make([]stored, 0, end-start)
		for _, d := range docs[start:end] {
			batch = append(batch, toStored(d))
		}
		info, err := e.index().AddDocumentsWithContext(ctx, batch, opts)
		if err == nil {
			err = e.wait(ctx, info)
		}
		if err != nil {
			return e.wrapErr(fmt.Sprintf("index: documents %d-%d of %d", start+1, end, len(docs)), err)
		}
	}
	return nil
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
