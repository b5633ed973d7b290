// Command fetch keeps a corpus folder current from live sources: feeds
// (RSS, Atom, JSON Feed), sitemaps and sitemap indexes, and URL lists
// named in a sources file (-config) or on the command line (-feed,
// -sitemap, -url). It saves each HTML page as served (in UTF-8) with a
// .meta.json sidecar that the indexer reads: canonical and final URL,
// fetch time, Last-Modified, the feed item's date and title, publisher
// and source. With -watch it fetches, indexes and sleeps until stopped.
//
// Exit status: 0 when every page was fetched, unchanged or skipped by
// rule, 3 when the run completed but some pages failed, 1 when the run
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
		fmt.Fprintln(os.Stderr, "fetch:", err)
	}
	os.Exit(code)
}
