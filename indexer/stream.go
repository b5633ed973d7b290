package indexer

import (
	"context"
	"runtime"
	"sync"

	"github.com/accord-search/accord/indexer/source"
	"github.com/accord-search/accord/search"
)

// built is one step of a walk, in corpus order: a skipped file or line
// (skip), or an item and what Build made of it.
type built struct {
	skip *source.Skip
	ref  string
	doc  search.Document
	ok   bool
	done chan struct{} // closed once doc and ok are set
}

// buildAll walks the corpus and builds its items on every core, calling
// each for every step in corpus order (so runs are deterministic, whatever
// the workers' timing). At most a few items per worker are in flight, so
// memory stays bounded. When want is set, only the items it accepts are
// built and passed on. An error from each stops the walk and is returned.
func buildAll(ctx context.Context, b *Builder, opt Options, want func(source.Item) bool, each func(built) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := max(1, runtime.GOMAXPROCS(0))
	order := make(chan *built, 4*workers)
	type job struct {
		it source.Item
		e  *built
	}
	jobs := make(chan job, 4*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				j.e.doc, j.e.ok = b.Build(j.it)
				close(j.e.done)
			}
		})
	}
	closed := make(chan struct{})
	close(closed)
	var walkErr error
	go func() {
		defer close(order)
		defer close(jobs)
		w := source.Walker{Root: opt.Root, MaxFileSize: opt.MaxFileSize}
		walkErr = w.Walk(ctx, func(it source.Item) error {
			if want != nil && !want(it) {
				return nil
			}
			e := &built{ref: it.Ref(), done: make(chan struct{})}
			select {
			case order <- e:
			case <-ctx.Done():
				return ctx.Err()
			}
			jobs <- job{it, e} // workers drain jobs whatever happens
			return nil
		}, func(s source.Skip) {
			select {
			case order <- &built{skip: &s, done: closed}:
			case <-ctx.Done():
			}
		})
	}()
	var err error
	for e := range order {
		<-e.done
		if err == nil {
			if err = each(*e); err != nil {
				cancel()
			}
		}
	}
	wg.Wait()
	if err != nil {
		return err
	}
	return walkErr
}
