// Command indexer reads a corpus folder (.txt, .html, .jsonl), cleans the
// pages, extracts countries, officials and topics, and sends the documents
// to the search engine: Meilisearch when MEILI_URL is set, else the
// embedded index under -data.
//
// Exit status: 0 when everything was indexed, 3 when the run completed but
// some inputs were skipped as bad (0 with -skipped-ok), 1 when the run
// failed, 2 for bad usage.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	code, err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "indexer:", err)
	}
	os.Exit(code)
}
