package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/accord-search/accord/cmd/internal/app"
	"github.com/accord-search/accord/indexer"
	"github.com/accord-search/accord/indexer/extract"
	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/search/bleve"
	"github.com/accord-search/accord/web"
)

// shutdownGrace bounds how long in-flight requests may take after SIGTERM.
const shutdownGrace = 10 * time.Second

func run(ctx context.Context, args []string, stderr io.Writer) error {
	var cfg app.Config
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.BindServer(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	log := slog.New(slog.NewJSONHandler(stderr, nil))
	eng, err := openEngine(ctx, &cfg, log)
	if err != nil {
		return err
	}
	defer eng.Close()

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{
		Handler:           web.New(web.Options{Engine: eng, Logger: log, Timeout: cfg.Timeout}).Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      cfg.Timeout + 10*time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
	fmt.Fprintf(stderr, "Accord is listening on http://%s/\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: draining requests", "grace", shutdownGrace.String())
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	return srv.Shutdown(sctx)
}

// openEngine opens Meilisearch, or the embedded index — indexing the
// corpus into it when it is new or empty, and watching for generations
// that the indexer command commits.
func openEngine(ctx context.Context, cfg *app.Config, log *slog.Logger) (search.Engine, error) {
	if !cfg.Embedded() {
		eng, err := cfg.OpenMeili(ctx)
		if err != nil {
			return nil, err
		}
		if err := eng.Ping(ctx); err != nil {
			log.Warn("Meilisearch is not reachable yet; pages answer 503 until it is", "url", cfg.MeiliURL, "err", err)
		}
		return eng, nil
	}
	st := cfg.BleveStore()
	if cur, err := st.Current(); err != nil || cur == "" || !bleve.Exists(cur) {
		indexCorpus(ctx, cfg.Corpus, st, log)
	}
	idx, fresh, err := st.OpenCurrent(log)
	if err != nil {
		return nil, err
	}
	if fresh { // the old index could not be used: rebuild it
		idx.Close()
		indexCorpus(ctx, cfg.Corpus, st, log)
		if idx, _, err = st.OpenCurrent(log); err != nil {
			return nil, err
		}
	}
	go st.Watch(ctx, idx, 2*time.Second, log)
	return idx, nil
}

// indexCorpus builds the first index generation from the corpus. A
// failure is logged, not fatal: the server then serves an empty index.
func indexCorpus(ctx context.Context, corpus string, st bleve.Store, log *slog.Logger) {
	x, err := extract.Load()
	if err != nil {
		log.Error("cannot load extraction data", "err", err)
		return
	}
	log.Info("first start: indexing the corpus", "corpus", corpus)
	sum, _, err := app.BuildGeneration(ctx, st, &indexer.Builder{Extractor: x}, indexer.Options{Root: corpus, Log: io.Discard})
	if err != nil {
		log.Error("indexing the corpus failed; serving what is indexed", "corpus", corpus, "err", err)
		return
	}
	log.Info("indexed the corpus", "summary", sum.String())
}
