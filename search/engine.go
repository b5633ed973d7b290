package search

import (
	"context"
	"errors"
)

// Engine is a full-text search backend. Implementations must be safe for
// concurrent use.
type Engine interface {
	// Search runs q (which the caller has normalized).
	Search(ctx context.Context, q Query) (*Result, error)
	// Index adds or replaces documents by ID. It returns only once the
	// documents are durably stored and searchable.
	Index(ctx context.Context, docs []Document) error
	// Delete removes documents by ID; unknown IDs are ignored.
	Delete(ctx context.Context, ids []string) error
	// Close releases the engine's resources.
	Close() error
}

// Getter fetches one stored document by ID.
type Getter interface {
	// Get returns ErrNotFound when no document has that ID.
	Get(ctx context.Context, id string) (*Document, error)
}

// Inventory lists what an engine holds, so the indexer can index
// incrementally against the engine's own truth.
type Inventory interface {
	// Hashes maps every stored document ID to its Hash.
	Hashes(ctx context.Context) (map[string]string, error)
}

// Counter reports how many documents an engine holds.
type Counter interface {
	Count(ctx context.Context) (int, error)
}

// Sentinel errors that callers test with errors.Is.
var (
	// ErrUnavailable: the engine cannot be reached or is not ready.
	ErrUnavailable = errors.New("search engine unavailable")
	// ErrTimeout: the engine did not answer in time.
	ErrTimeout = errors.New("search engine timed out")
	// ErrBadQuery: the query is invalid.
	ErrBadQuery = errors.New("bad query")
	// ErrNotFound: no such document.
	ErrNotFound = errors.New("document not found")
)
