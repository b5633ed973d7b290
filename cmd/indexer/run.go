package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/accord-search/accord/cmd/internal/app"
	"github.com/accord-search/accord/indexer"
	"github.com/accord-search/accord/indexer/extract"
	"github.com/accord-search/accord/search"
)

// Exit codes.
const (
	exitOK       = 0
	exitFailed   = 1
	exitUsage    = 2
	exitBadInput = 3
)

type options struct {
	app.Config
	dryRun      bool
	jsonOut     bool
	prune       bool
	batch       int
	maxFileSize int64
	quiet       bool
	skippedOK   bool
}

func parse(args []string, stderr io.Writer) (*options, error) {
	var o options
	fs := flag.NewFlagSet("indexer", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o.Bind(fs)
	fs.BoolVar(&o.dryRun, "dry-run", false, "clean and extract only; index nothing")
	fs.BoolVar(&o.jsonOut, "json", false, "with -dry-run: print the documents as JSON Lines")
	fs.BoolVar(&o.prune, "prune", false, "delete documents whose files are gone from the corpus")
	fs.IntVar(&o.batch, "batch", 500, "documents per batch sent to the engine")
	fs.Int64Var(&o.maxFileSize, "max-file-size", 8<<20, "skip files (and .jsonl lines) larger than this many bytes")
	fs.BoolVar(&o.quiet, "quiet", false, "no progress output")
	fs.BoolVar(&o.skippedOK, "skipped-ok", false, "exit 0, not 3, when the run completed but skipped bad inputs (still named); "+
		"for one-shot jobs whose dependants start only on 0, such as docker compose's service_completed_successfully")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if o.batch < 1 {
		return nil, fmt.Errorf("-batch %d: must be at least 1", o.batch)
	}
	return &o, o.Validate()
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) (int, error) {
	o, err := parse(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK, nil
	}
	if err != nil {
		return exitUsage, err
	}
	x, err := extract.Load()
	if err != nil {
		return exitFailed, err
	}
	b := &indexer.Builder{Extractor: x}
	opt := indexer.Options{Root: o.Corpus, MaxFileSize: o.maxFileSize, BatchSize: o.batch, Prune: o.prune, Log: stderr}
	if !o.quiet {
		opt.Progress = indexer.NewProgress(stderr)
	}
	if o.dryRun {
		return dryRun(ctx, b, opt, o.jsonOut, stdout, stderr)
	}
	sum, err := index(ctx, b, opt, o)
	fmt.Fprintln(stderr, sum)
	switch {
	case err != nil:
		return exitFailed, err
	case sum.Failed() && !o.skippedOK:
		return exitBadInput, nil
	}
	return exitOK, nil
}

// index runs the pipeline into Meilisearch, or into a new embedded index
// generation that is committed (and so swapped into a running server)
// only when the run succeeds.
func index(ctx context.Context, b *indexer.Builder, opt indexer.Options, o *options) (indexer.Summary, error) {
	sum, dir, err := app.Index(ctx, &o.Config, b, opt)
	if err == nil && dir != "" {
		fmt.Fprintf(opt.Log, "committed index generation %s; a running server swaps it in\n", dir)
	}
	return sum, err
}

// dryDoc is a document as the dry run prints it.
type dryDoc struct {
	search.Document
	DuplicateOf string `json:"duplicate_of,omitempty"`
}

func dryRun(ctx context.Context, b *indexer.Builder, opt indexer.Options, jsonOut bool, stdout, stderr io.Writer) (int, error) {
	var sum indexer.Summary
	c, err := indexer.Read(ctx, b, opt, &sum)
	if err != nil {
		return exitFailed, err
	}
	sum.Duplicates = len(c.Duplicates)
	if jsonOut {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		for _, d := range c.Docs {
			if err := enc.Encode(dryDoc{Document: d}); err != nil {
				return exitFailed, err
			}
		}
		for _, d := range c.Duplicates {
			if err := enc.Encode(dryDoc{Document: d, DuplicateOf: c.DuplicateOf[d.ID]}); err != nil {
				return exitFailed, err
			}
		}
	}
	fmt.Fprintf(stderr, "dry run: %s\n", sum)
	if sum.Failed() {
		return exitBadInput, nil
	}
	return exitOK, nil
}
