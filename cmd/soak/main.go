// Command soak is Accord's reliability load test. A closed loop of -c
// clients sends a realistic mix of requests — search pages with text and
// facets, paging, facet browsing, document pages, Atom feeds, the JSON
// API and the home page — to a server on this machine, for -duration or
// -n requests, whichever ends first. It samples the server's resident
// memory from /proc/PID/status every -sample, prints latency and status
// per kind of request and the memory timeline, and exits 1 unless every
// request answered 200 (no 5xx, no error, no timeout) and memory stayed
// flat after the warm-up.
//
//	go run ./cmd/gencorpus -n 10k -docs /tmp/soak/corpus/docs.jsonl -nq 200 -queries /tmp/soak/queries.jsonl
//	go run ./cmd/indexer -corpus /tmp/soak/corpus -data /tmp/soak/data -quiet
//	go build -o /tmp/soak/server ./cmd/server
//	/tmp/soak/server -addr 127.0.0.1:8091 -data /tmp/soak/data -corpus /tmp/soak/corpus 2>/tmp/soak/server.log &
//	go run ./cmd/soak -target http://127.0.0.1:8091 -queries /tmp/soak/queries.jsonl -c 64 -duration 60s -pid $!
//
// cmd/loadtest measures speed; soak checks that nothing fails and nothing
// grows. It only talks to loopback addresses.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"time"

	"github.com/accord-search/accord/cmd/internal/loopload"
)

// Hard limits, whatever the flags say.
const (
	maxRequests = 5_000_000
	maxDuration = 30 * time.Minute
	maxClients  = 256
)

type options struct {
	target    *url.URL
	queries   string
	clients   int
	n         int
	duration  time.Duration
	pid       int
	sample    time.Duration
	warmup    time.Duration
	maxGrowth float64
	timeout   time.Duration
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ok, err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "soak:", err)
		}
		os.Exit(2)
	}
	if !ok {
		os.Exit(1)
	}
}

func parse(args []string, stderr io.Writer) (*options, error) {
	fs := flag.NewFlagSet("soak", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	target := fs.String("target", "http://127.0.0.1:8080", "base URL of the server (loopback only)")
	fs.StringVar(&o.queries, "queries", "", "queries file: JSON Lines of {\"q\", \"filter\": {\"field\", \"value\"} | null} (cmd/gencorpus -queries)")
	fs.IntVar(&o.clients, "c", 64, "concurrent clients, each sending its next request when the last one answered")
	fs.IntVar(&o.n, "n", 1_000_000, "stop after this many requests")
	fs.DurationVar(&o.duration, "duration", time.Minute, "stop after this long")
	fs.IntVar(&o.pid, "pid", 0, "server process whose RSS to sample (Linux /proc); 0: no memory check")
	fs.DurationVar(&o.sample, "sample", 5*time.Second, "how often to sample the server's RSS")
	fs.DurationVar(&o.warmup, "warmup", 15*time.Second, "the start of the run left out of the memory check")
	fs.Float64Var(&o.maxGrowth, "max-growth", 0.10, "largest allowed RSS growth after warm-up, as a fraction (median of the last half over the first half)")
	fs.DurationVar(&o.timeout, "timeout", 30*time.Second, "per-request timeout; a request that takes longer fails")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	switch {
	case fs.NArg() > 0:
		return nil, fmt.Errorf("unexpected arguments %q", fs.Args())
	case o.queries == "":
		return nil, errors.New("-queries FILE is required")
	case o.clients < 1 || o.clients > maxClients:
		return nil, fmt.Errorf("-c %d: want 1..%d", o.clients, maxClients)
	case o.n < 1 || o.n > maxRequests:
		return nil, fmt.Errorf("-n %d: want 1..%d", o.n, maxRequests)
	case o.duration <= 0 || o.duration > maxDuration:
		return nil, fmt.Errorf("-duration %v: want up to %v", o.duration, maxDuration)
	case o.sample <= 0 || o.warmup < 0 || o.maxGrowth < 0:
		return nil, errors.New("-sample must be positive; -warmup and -max-growth must not be negative")
	}
	u, err := loopload.LoopbackURL(*target)
	if err != nil {
		return nil, err
	}
	o.target = u
	return &o, nil
}

// run returns whether the server passed.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (bool, error) {
	o, err := parse(args, stderr)
	if err != nil {
		return false, err
	}
	raw, err := os.ReadFile(o.queries)
	if err != nil {
		return false, err
	}
	queries, err := loopload.ParseQueries(raw)
	if err != nil {
		return false, err
	}
	c := loopload.NewClient(o.timeout, o.clients)
	base := o.target.String()
	ids, err := documentIDs(ctx, c, base, queries)
	if err != nil {
		return false, err
	}
	targets, err := mix(queries, ids)
	if err != nil {
		return false, err
	}
	fmt.Fprintf(stdout, "soak: %s, %d clients, up to %d requests or %v, %d distinct targets (%s), %d document ids\n",
		base, o.clients, o.n, o.duration, len(targets), kindCounts(targets), len(ids))
	var mem *sampler
	if o.pid > 0 {
		mem = &sampler{pid: o.pid}
		if err := mem.take(0); err != nil {
			return false, fmt.Errorf("-pid %d: %w", o.pid, err)
		}
	}
	res := attack(ctx, c, base, targets, o, mem)
	return report(stdout, res, mem, o), ctx.Err()
}
