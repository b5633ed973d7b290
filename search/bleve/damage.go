package bleve

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/blevesearch/bleve/v2"
)

// searchIn runs req on the served generation. A read that finds the
// generation damaged (Bleve's "index read inconsistency", a panic in its
// decoders, a fault on its memory-mapped files) marks the generation
// damaged: from then on every read fails with ErrDamaged, which callers
// see as search.ErrUnavailable (a 503, and /readyz fails) until a good
// generation is swapped in.
func (x *Index) searchIn(ctx context.Context, req *bleve.SearchRequest) (res *bleve.SearchResult, err error) {
	if x.damaged.Load() {
		return nil, fmt.Errorf("%w: %s; the next indexer run rebuilds it", ErrDamaged, x.Dir())
	}
	// A fault on a mapped file becomes a panic in this goroutine rather
	// than a crash of the process.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			x.damaged.Store(true)
			res, err = nil, fmt.Errorf("%w: %s: %v", ErrDamaged, x.Dir(), r)
		}
	}()
	res, err = x.alias.SearchInContext(ctx, req)
	if err != nil && errors.Is(err, bleve.ErrorIndexReadInconsistency) {
		x.damaged.Store(true)
		err = fmt.Errorf("%w: %s: %v", ErrDamaged, x.Dir(), err)
	}
	return res, err
}

// Damaged reports whether a read found the served generation damaged.
func (x *Index) Damaged() bool { return x.damaged.Load() }
