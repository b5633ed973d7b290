package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/accord-search/accord/cmd/internal/app"
	"github.com/accord-search/accord/indexer"
	"github.com/accord-search/accord/indexer/extract"
	"github.com/accord-search/accord/indexer/fetch"
)

// Exit codes, as the indexer's.
const (
	exitOK       = 0
	exitFailed   = 1
	exitUsage    = 2
	exitBadInput = 3
)

// stateFile is the default state file, inside the corpus folder (the
// indexer reads no .json file).
const stateFile = ".fetch-state.json"

type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

type options struct {
	engine       app.Config
	config       string
	feeds        multi
	sitemaps     multi
	urls         multi
	publisher    string
	contact      string
	out          string
	state        string
	allowPrivate bool
	watch        time.Duration
	verbose      bool
	quiet        bool
}

func parse(args []string, stderr io.Writer) (*options, *fetch.Config, error) {
	var o options
	// The engine settings (DATA_DIR, MEILI_URL...) as the indexer reads
	// them, without its flags: -out is the corpus here.
	o.engine.Bind(flag.NewFlagSet("env", flag.ContinueOnError))
	fs := flag.NewFlagSet("fetch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.config, "config", "", "sources file (JSON; see sources/README.md)")
	fs.Var(&o.feeds, "feed", "an RSS, Atom or JSON feed to follow (repeatable)")
	fs.Var(&o.sitemaps, "sitemap", "a sitemap or sitemap index to follow (repeatable)")
	fs.Var(&o.urls, "url", "a page to fetch (repeatable)")
	fs.StringVar(&o.publisher, "publisher", "", "publisher of the pages of -feed, -sitemap and -url")
	fs.StringVar(&o.contact, "contact", "", "contact URL sent in the User-Agent (overrides the sources file)")
	fs.StringVar(&o.out, "out", o.engine.Corpus, "corpus folder the pages are saved in (env CORPUS)")
	fs.StringVar(&o.state, "state", "", "state file (default: OUT/"+stateFile+")")
	fs.BoolVar(&o.allowPrivate, "allow-private", false, "allow loopback and private addresses (off by default)")
	fs.DurationVar(&o.watch, "watch", 0, "fetch, index, sleep this long, again until stopped (0: fetch once, no indexing)")
	fs.StringVar(&o.engine.DataDir, "data", o.engine.DataDir, "with -watch: directory of the embedded index (env DATA_DIR)")
	fs.BoolVar(&o.verbose, "v", false, "print every page's outcome, not only failures")
	fs.BoolVar(&o.quiet, "quiet", false, "print only failures and the summary")
	if err := fs.Parse(args); err != nil {
		return nil, nil, err
	}
	if fs.NArg() > 0 {
		return nil, nil, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if o.watch < 0 {
		return nil, nil, fmt.Errorf("-watch %s: must not be negative", o.watch)
	}
	if o.out == "" {
		return nil, nil, errors.New("-out: a corpus folder is needed")
	}
	if o.state == "" {
		o.state = filepath.Join(o.out, stateFile)
	}
	cfg := &fetch.Config{}
	if o.config != "" {
		var err error
		if cfg, err = fetch.LoadConfig(o.config); err != nil {
			return nil, nil, err
		}
	}
	for _, x := range []struct {
		kind string
		urls []string
	}{{fetch.KindFeed, o.feeds}, {fetch.KindSitemap, o.sitemaps}} {
		for _, u := range x.urls {
			cfg.Sources = append(cfg.Sources, fetch.Source{Name: x.kind + " " + u, Kind: x.kind, URL: u, Publisher: o.publisher})
		}
	}
	if len(o.urls) > 0 {
		cfg.Sources = append(cfg.Sources, fetch.Source{Name: "urls", Kind: fetch.KindURLs, URLs: o.urls, Publisher: o.publisher})
	}
	if o.contact != "" {
		cfg.Contact = o.contact
	}
	cfg.AllowPrivate = cfg.AllowPrivate || o.allowPrivate
	if err := cfg.Prepare(); err != nil {
		return nil, nil, err
	}
	if o.watch > 0 {
		o.engine.Corpus = o.out
		if err := o.engine.Validate(); err != nil {
			return nil, nil, err
		}
	}
	return &o, cfg, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) (int, error) {
	o, cfg, err := parse(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK, nil
	}
	if err != nil {
		return exitUsage, err
	}
	f, err := fetch.New(cfg, o.out, o.state)
	if err != nil {
		return exitFailed, err
	}
	p := &printer{w: stderr, verbose: o.verbose, quiet: o.quiet}
	f.Report, f.SourceDone = p.event, p.sourceDone
	if !o.quiet {
		fmt.Fprintf(stderr, "fetching %d source(s) into %s as %q (state %s)\n", len(cfg.Sources), o.out, cfg.UserAgentHeader(), o.state)
	}
	if o.watch == 0 {
		code, _, err := once(ctx, f, stderr)
		return code, err
	}
	return watch(ctx, f, o, stderr)
}

// once runs the fetcher and prints its summary.
func once(ctx context.Context, f *fetch.Fetcher, stderr io.Writer) (int, fetch.Stats, error) {
	st, err := f.Run(ctx)
	fmt.Fprintf(stderr, "fetch: %s\n", st)
	switch {
	case err != nil:
		return exitFailed, st, err
	case st.Failed > 0:
		return exitBadInput, st, nil
	}
	return exitOK, st, nil
}

// watch fetches, indexes what changed, and sleeps, until ctx ends.
func watch(ctx context.Context, f *fetch.Fetcher, o *options, stderr io.Writer) (int, error) {
	x, err := extract.Load()
	if err != nil {
		return exitFailed, err
	}
	b := &indexer.Builder{Extractor: x}
	for first := true; ; first = false {
		code, st, err := once(ctx, f, stderr)
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, "fetch: stopped")
			return exitOK, nil
		}
		if err != nil {
			return code, err
		}
		if st.Fetched > 0 || first {
			sum, dir, err := app.Index(ctx, &o.engine, b, indexer.Options{Root: o.out, Log: stderr})
			fmt.Fprintf(stderr, "index: %s\n", sum)
			if ctx.Err() != nil {
				fmt.Fprintln(stderr, "fetch: stopped")
				return exitOK, nil
			}
			if err != nil {
				return exitFailed, err
			}
			if dir != "" {
				fmt.Fprintf(stderr, "committed index generation %s; a running server swaps it in\n", dir)
			}
		}
		fmt.Fprintf(stderr, "next fetch in %s (Ctrl-C stops)\n", o.watch)
		t := time.NewTimer(o.watch)
		select {
		case <-ctx.Done():
			t.Stop()
			fmt.Fprintln(stderr, "fetch: stopped")
			return exitOK, nil
		case <-t.C:
		}
	}
}

// printer writes progress lines: failures always, every page with -v,
// one line per source unless quiet.
type printer struct {
	mu      sync.Mutex
	w       io.Writer
	verbose bool
	quiet   bool
}

func (p *printer) event(ev fetch.Event) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case ev.Outcome == fetch.OutcomeFailed:
		fmt.Fprintf(p.w, "fail %s: %s\n", ev.URL, ev.Reason)
	case !p.verbose:
	case ev.Reason != "":
		fmt.Fprintf(p.w, "%s %s: %s\n", ev.Outcome, ev.URL, ev.Reason)
	default:
		fmt.Fprintf(p.w, "%s %s → %s\n", ev.Outcome, ev.URL, ev.File)
	}
}

func (p *printer) sourceDone(st fetch.Stats) {
	if p.quiet {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "source %s: %s\n", st.Source, st)
}
