// Command server serves Accord's search pages and JSON API.
//
// With MEILI_URL unset it serves the embedded index under -data, and on
// first start indexes the -corpus folder into it (the project's own
// sample corpus by default). It swaps in index generations that the
// indexer command commits while it runs.
//
// It logs JSON lines to stderr, serves Prometheus metrics on a separate
// private listener when METRICS_ADDR is set, and on SIGTERM stops
// accepting, drains the requests in flight and closes the index.
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
	if err := run(ctx, os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
}
