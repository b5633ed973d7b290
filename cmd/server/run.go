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
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/accord-search/accord/cmd/internal/app"
	"github.com/accord-search/accord/indexer"
	"github.com/accord-search/accord/indexer/extract"
	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/search/bleve"
	"github.com/accord-search/accord/search/metered"
	"github.com/accord-search/accord/web"
)

// shutdownGrace bounds how long in-flight requests may take after SIGTERM.
const shutdownGrace = 10 * time.Second

// timeouts are the http.Server's limits on slow clients.
type timeouts struct {
	// ReadHeader bounds the request line and headers (slowloris).
	ReadHeader time.Duration
	// Read bounds the whole request, body included.
	Read time.Duration
	// Write bounds the handler and the response: the search timeout
	// (after which a page answers 504) plus time to send the page.
	Write time.Duration
	// Idle closes kept-alive connections that send nothing.
	Idle time.Duration
}

// maxHeaderBytes bounds the request line and headers; a longer URL or
// larger headers get 431 from net/http.
const maxHeaderBytes = 16 << 10

// headerSlack is what net/http reads beyond http.Server.MaxHeaderBytes
// before it answers 431; the server's setting subtracts it, so that the
// limit is maxHeaderBytes as documented.
const headerSlack = 4096

func defaultTimeouts(search time.Duration) timeouts {
	return timeouts{ReadHeader: 5 * time.Second, Read: 10 * time.Second, Write: search + 10*time.Second, Idle: 60 * time.Second}
}

// newHTTPServer returns the public server with its limits.
func newHTTPServer(h http.Handler, t timeouts, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: t.ReadHeader,
		ReadTimeout:       t.Read,
		WriteTimeout:      t.Write,
		IdleTimeout:       t.Idle,
		MaxHeaderBytes:    maxHeaderBytes - headerSlack,
		// net/http's own complaints (bad TLS handshakes, panics it
		// recovered) go to the structured log too.
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

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
	return serve(ctx, &cfg, defaultTimeouts(cfg.Timeout), stderr)
}

// serve runs the server until ctx ends, then drains it.
func serve(ctx context.Context, cfg *app.Config, t timeouts, stderr io.Writer) error {
	log := slog.New(slog.NewJSONHandler(stderr, nil))
	// The extraction data serves twice: to index the corpus on first
	// start, and as the aliases the facet value search understands
	// ("Mayorkas", "Mexican").
	x, err := extract.Load()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	raw, closeEngine, err := openEngine(ctx, cfg, x, log)
	if err != nil {
		cancel()
		return err
	}
	// Closed last, after the servers have drained (no search runs on a
	// closed index) and the generation watcher has stopped.
	defer func() {
		cancel()
		if err := closeEngine(); err != nil {
			log.Error("closing the search engine", "err", err)
		}
	}()
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	eng, err := metered.New(raw, reg)
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	h := web.New(web.Options{Engine: eng, Logger: log, Timeout: cfg.Timeout, Metrics: reg, Aliases: x.Aliases(), EntityNames: x.EntityNames(), Synonyms: x.OrgNames(),
		BaseURL: cfg.BaseURL, Hosts: listenHosts(ln.Addr())}).Handler()
	servers := []*http.Server{newHTTPServer(h, t, log)}
	listeners := []net.Listener{ln}
	if cfg.MetricsAddr != "" {
		mln, err := net.Listen("tcp", cfg.MetricsAddr)
		if err != nil {
			ln.Close()
			return fmt.Errorf("listen for metrics: %w", err)
		}
		servers = append(servers, metricsServer(reg, t, log))
		listeners = append(listeners, mln)
		fmt.Fprintf(stderr, "Prometheus metrics on http://%s/metrics\n", mln.Addr())
	}
	if cfg.BaseURL == "" {
		log.Warn("BASE_URL is unset: absolute links (canonical, feeds, OpenSearch) name the listen address; set -base-url to the public origin", "hosts", listenHosts(ln.Addr()))
	}
	fmt.Fprintf(stderr, "Accord is listening on http://%s/\n", ln.Addr())
	errc := make(chan error, len(servers))
	for i, srv := range servers {
		go func() { errc <- srv.Serve(listeners[i]) }()
	}
	select {
	case err := <-errc:
		for _, srv := range servers {
			srv.Close()
		}
		return err
	case <-ctx.Done():
	}
	// Shutdown closes the listeners at once (new connections are
	// refused), then waits for the requests in flight.
	log.Info("shutting down: draining requests", "grace", shutdownGrace.String())
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	var errs []error
	for _, srv := range servers {
		errs = append(errs, srv.Shutdown(sctx))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped: every request answered")
	return nil
}

// listenHosts are the Host headers that name the listener: its address
// and, on a loopback or unspecified address, localhost and the loopback
// addresses with its port. Without -base-url, absolute links use one of
// these, never another Host a client sends.
func listenHosts(addr net.Addr) []string {
	own := strings.ToLower(addr.String())
	tcp, ok := addr.(*net.TCPAddr)
	if !ok || !(tcp.IP.IsLoopback() || tcp.IP.IsUnspecified()) {
		return []string{own}
	}
	var hosts []string
	if tcp.IP.IsLoopback() {
		hosts = append(hosts, own)
	}
	port := strconv.Itoa(tcp.Port)
	for _, h := range []string{"localhost", "127.0.0.1", "::1"} {
		if hp := net.JoinHostPort(h, port); !slices.Contains(hosts, hp) {
			hosts = append(hosts, hp)
		}
	}
	return hosts
}

// metricsServer serves /metrics, apart from the public pages: it is meant
// for a private address (METRICS_ADDR), carries no page middleware, and
// knows no other route.
func metricsServer(g prometheus.Gatherer, t timeouts, log *slog.Logger) *http.Server {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(g, promhttp.HandlerOpts{
		ErrorLog:      slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		ErrorHandling: promhttp.ContinueOnError,
		Timeout:       10 * time.Second,
	}))
	return newHTTPServer(mux, t, log)
}

// openEngine opens Meilisearch, or the embedded index — indexing the
// corpus into it when it is new or empty, and watching for generations
// that the indexer command commits until ctx ends. The returned function
// closes the engine, after the watcher has stopped.
func openEngine(ctx context.Context, cfg *app.Config, x *extract.Extractor, log *slog.Logger) (search.Engine, func() error, error) {
	if !cfg.Embedded() {
		if cfg.MeiliKeyFallback {
			log.Warn("MEILI_SEARCH_KEY is unset: the server uses MEILI_API_KEY; give it a search-only key in production")
		}
		eng, err := cfg.OpenMeili(ctx)
		if err != nil {
			return nil, nil, err
		}
		if err := eng.Ping(ctx); err != nil {
			log.Warn("Meilisearch is not reachable yet; pages answer 503 until it is", "url", cfg.MeiliURL, "err", err)
		}
		return eng, eng.Close, nil
	}
	st := cfg.BleveStore()
	idx, err := st.OpenServed()
	if errors.Is(err, bleve.ErrDamaged) {
		// None yet, another schema, or damage (checked before any file
		// is mapped): rebuild from the corpus, then serve what there is.
		log.Warn("no usable index: indexing the corpus", "err", err)
		indexCorpus(ctx, cfg.Corpus, st, x, log)
		idx, _, err = st.OpenCurrent(log)
	}
	if err != nil {
		return nil, nil, err
	}
	watching := make(chan struct{})
	go func() {
		defer close(watching)
		if !cfg.Watch {
			log.Info("generation watcher off (-watch=false): serving this generation until restarted", "dir", idx.Dir())
			return
		}
		st.Watch(ctx, idx, 2*time.Second, log)
	}()
	closeIndex := func() error {
		<-watching // a swap in progress finishes before the close
		return idx.Close()
	}
	return idx, closeIndex, nil
}

// indexCorpus builds an index generation from the corpus, after waiting
// for an indexer run that holds the store. A failure is logged, not
// fatal: the server then serves an empty index.
func indexCorpus(ctx context.Context, corpus string, st bleve.Store, x *extract.Extractor, log *slog.Logger) {
	log.Info("first start: indexing the corpus", "corpus", corpus)
	sum, _, err := app.BuildGeneration(ctx, st, &indexer.Builder{Extractor: x}, indexer.Options{Root: corpus, Log: io.Discard}, true)
	if err != nil {
		log.Error("indexing the corpus failed; serving what is indexed", "corpus", corpus, "err", err)
		return
	}
	log.Info("indexed the corpus", "summary", sum.String())
}
