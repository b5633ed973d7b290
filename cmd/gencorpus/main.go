// Command gencorpus writes a deterministic synthetic corpus of press
// releases, and benchmark queries, for Accord's performance runs.
//
//	go run ./cmd/gencorpus -n 100k -docs /tmp/accord100k/docs.jsonl
//	go run ./cmd/gencorpus -nq 200 -queries /tmp/queries.jsonl
//
// Documents are JSON Lines in the shape cmd/indexer reads (id, title, body,
// date, source, countries, officials, topics, organizations; facet fields
// given are kept as given, so nothing is extracted) and that
// shared/bench/blevebench reads, so that Accord and raw Bleve can be timed
// on the same corpus. Queries are {"q", "filter": {"field", "value"} | null}
// like shared/bench/queries.jsonl.
//
// The corpus mirrors shared/bench/gencorpus.py: bodies of word salad with a
// Zipf term-frequency curve over 63,000 words (function words, the words of
// DHS releases, then made-up words), ~150 countries, 2,000 officials and
// the 18 topics of the taxonomy, each drawn by a Zipf law and spliced into
// the text. Document i depends only on -seed and i, so a smaller corpus is
// a prefix of a larger one.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "gencorpus:", err)
		}
		os.Exit(2)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		n         = fs.String("n", "10k", "number of documents: 10k, 100k, 1M or a number")
		seed      = fs.Uint64("seed", 1, "seed of the documents")
		worldSeed = fs.Uint64("world-seed", 1, "seed of the vocabulary and the officials (keep it fixed)")
		docsOut   = fs.String("docs", "", "write the documents to this .jsonl file (- for stdout)")
		nq        = fs.Int("nq", 200, "number of queries")
		qseed     = fs.Uint64("qseed", 7, "seed of the queries")
		qOut      = fs.String("queries", "", "write the queries to this .jsonl file (- for stdout); keep it out of the corpus folder")
	)
	if err := fs.Parse(args); err != nil {
		return err
	}
	count, err := parseCount(*n)
	if err != nil {
		return err
	}
	if *docsOut == "" && *qOut == "" {
		return errors.New("nothing to do: give -docs FILE and/or -queries FILE")
	}
	w := newWorld(*worldSeed)
	if *docsOut != "" {
		st, err := writeFile(*docsOut, stdout, func(out io.Writer) (*stats, error) { return w.writeDocs(ctx, out, *seed, count) })
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "gencorpus: %s: %s\n", *docsOut, st)
	}
	if *qOut != "" {
		_, err := writeFile(*qOut, stdout, func(out io.Writer) (*stats, error) {
			enc := json.NewEncoder(out)
			enc.SetEscapeHTML(false)
			for _, q := range w.queries(*qseed, *nq) {
				if err := enc.Encode(q); err != nil {
					return nil, err
				}
			}
			return nil, nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// parseCount reads "100000", "100k" or "1M".
func parseCount(s string) (int, error) {
	mult := 1
	switch {
	case strings.HasSuffix(s, "k"), strings.HasSuffix(s, "K"):
		mult, s = 1000, s[:len(s)-1]
	case strings.HasSuffix(s, "M"), strings.HasSuffix(s, "m"):
		mult, s = 1000000, s[:len(s)-1]
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("-n %q: want a count such as 10k, 100k, 1M or 2500", s)
	}
	return n * mult, nil
}

// writeFile runs write into path (stdout for "-"), creating its folder,
// and removes a partial file on failure.
func writeFile(path string, stdout io.Writer, write func(io.Writer) (*stats, error)) (*stats, error) {
	if path == "-" {
		return write(stdout)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	st, err := write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	return st, nil
}
