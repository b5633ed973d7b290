package app

import (
	"context"
	"path/filepath"

	"github.com/accord-search/accord/search/bleve"
	"github.com/accord-search/accord/search/meili"
)

// BleveStore is the store of embedded index generations under DataDir.
func (c *Config) BleveStore() bleve.Store {
	return bleve.Store{Root: filepath.Join(c.DataDir, "bleve")}
}

// OpenMeili connects to Meilisearch (without requiring it to be up).
func (c *Config) OpenMeili(ctx context.Context) (*meili.Engine, error) {
	return meili.Open(ctx, meili.Config{URL: c.MeiliURL, APIKey: c.MeiliKey, Index: c.MeiliIndex, Timeout: c.Timeout})
}
