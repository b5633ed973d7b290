package app

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/accord-search/accord/indexer"
	"github.com/accord-search/accord/search/bleve"
)

// BuildGeneration runs the pipeline into a new embedded index generation
// (a copy of the served one, so unchanged documents are not re-sent) and
// commits it only when the run succeeds: readers never see a half-built
// index, and an interrupted run leaves the served index as it was.
//
// It holds the store's writer lock for the whole run. When another run
// holds it, it waits (wait) until ctx ends, or fails at once with
// bleve.ErrLocked. A served generation that is damaged or of another
// schema is not copied: the run rebuilds the index from the corpus.
func BuildGeneration(ctx context.Context, st bleve.Store, b *indexer.Builder, opt indexer.Options, wait bool) (indexer.Summary, string, error) {
	unlock, err := st.Lock(ctx, wait)
	if err != nil {
		return indexer.Summary{}, "", err
	}
	defer unlock()
	dir, err := st.Begin()
	if err != nil {
		return indexer.Summary{}, "", err
	}
	idx, err := bleve.Open(dir)
	if errors.Is(err, bleve.ErrDamaged) {
		// The copy cannot be used (another schema, damage): start empty.
		os.RemoveAll(dir)
		if dir, err = st.BeginEmpty(); err != nil {
			return indexer.Summary{}, "", err
		}
		idx, err = bleve.Open(dir)
	}
	if err != nil {
		return indexer.Summary{}, "", err
	}
	sum, err := indexer.Run(ctx, b, idx, opt)
	if cerr := idx.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.RemoveAll(dir)
		return sum, "", fmt.Errorf("%w (the served index is unchanged)", err)
	}
	return sum, dir, st.Commit(dir)
}

// Index brings the configured engine in line with the corpus: Meilisearch
// when MEILI_URL is set, else a new embedded generation (see
// BuildGeneration), whose folder it returns.
func Index(ctx context.Context, c *Config, b *indexer.Builder, opt indexer.Options) (indexer.Summary, string, error) {
	if c.Embedded() {
		return BuildGeneration(ctx, c.BleveStore(), b, opt, false)
	}
	eng, err := c.OpenMeili(ctx)
	if err != nil {
		return indexer.Summary{}, "", err
	}
	defer eng.Close()
	if err := eng.Setup(ctx); err != nil {
		return indexer.Summary{}, "", err
	}
	sum, err := indexer.Run(ctx, b, eng, opt)
	return sum, "", err
}
