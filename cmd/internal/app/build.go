package app

import (
	"context"
	"fmt"

	"github.com/accord-search/accord/indexer"
	"github.com/accord-search/accord/search/bleve"
)

// BuildGeneration runs the pipeline into a new embedded index generation
// (a copy of the served one, so unchanged documents are not re-sent) and
// commits it only when the run succeeds: readers never see a half-built
// index, and an interrupted run leaves the served index as it was.
func BuildGeneration(ctx context.Context, st bleve.Store, b *indexer.Builder, opt indexer.Options) (indexer.Summary, string, error) {
	dir, err := st.Begin()
	if err != nil {
		return indexer.Summary{}, "", err
	}
	idx, err := bleve.Open(dir)
	if err != nil {
		return indexer.Summary{}, "", err
	}
	sum, err := indexer.Run(ctx, b, idx, opt)
	if cerr := idx.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return sum, "", fmt.Errorf("%w (the served index is unchanged)", err)
	}
	return sum, dir, st.Commit(dir)
}

// Index brings the configured engine in line with the corpus: Meilisearch
// when MEILI_URL is set, else a new embedded generation (see
// BuildGeneration), whose folder it returns.
func Index(ctx context.Context, c *Config, b *indexer.Builder, opt indexer.Options) (indexer.Summary, string, error) {
	if c.Embedded() {
		return BuildGeneration(ctx, c.BleveStore(), b, opt)
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
