// Command loadtest replays a fixed mix of requests — search pages with
// text and facets, paging, facet browsing, document pages and the JSON
// API — against a running Accord server on this machine, and prints
// latency percentiles, requests per second and status counts per kind.
//
//	go run ./cmd/gencorpus -nq 200 -queries /tmp/acc/queries.jsonl
//	go run ./cmd/loadtest -queries /tmp/acc/queries.jsonl -c 1 -n 2000
//	go run ./cmd/loadtest -queries /tmp/acc/queries.jsonl -c 16 -duration 60s -pid $(pgrep -n server)
//
// It uses vegeta as a library, with a fixed number of workers sending as
// fast as the server answers (a closed loop of -c clients). Every run is
// bounded by -n requests and -duration, and it only talks to loopback
// addresses. Before timing, one untimed pass over the distinct targets
// warms the server and finds document IDs for the document pages.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"sync"
	"time"

	"github.com/accord-search/accord/cmd/internal/loopload"
	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// Hard limits, whatever the flags say.
const (
	maxRequests = 1_000_000
	maxDuration = 30 * time.Minute
	maxWorkers  = 256
)

type options struct {
	target   *url.URL
	queries  string
	kinds    map[string]bool
	workers  int
	n        int
	duration time.Duration
	warmup   bool
	pid      int
	timeout  time.Duration
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "loadtest:", err)
		}
		os.Exit(1)
	}
}

func parse(args []string, stderr io.Writer) (*options, error) {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := options{}
	target := fs.String("target", "http://127.0.0.1:8080", "base URL of the server (loopback only)")
	kinds := fs.String("kinds", strings.Join(allKinds, ","), "kinds of request in the mix: "+strings.Join(allKinds, ", "))
	fs.StringVar(&o.queries, "queries", "", "queries file (cmd/gencorpus -queries, or shared/bench/queries.jsonl)")
	fs.IntVar(&o.workers, "c", 1, "concurrent clients")
	fs.IntVar(&o.n, "n", 2000, "stop after this many timed requests")
	fs.DurationVar(&o.duration, "duration", time.Minute, "stop after this long")
	fs.BoolVar(&o.warmup, "warmup", true, "one untimed pass over the distinct targets first")
	fs.IntVar(&o.pid, "pid", 0, "server process to sample RSS from during the attack (Linux /proc)")
	fs.DurationVar(&o.timeout, "timeout", 30*time.Second, "per-request timeout")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	switch {
	case fs.NArg() > 0:
		return nil, fmt.Errorf("unexpected arguments %q", fs.Args())
	case o.queries == "":
		return nil, errors.New("-queries FILE is required")
	case o.workers < 1 || o.workers > maxWorkers:
		return nil, fmt.Errorf("-c %d: want 1..%d", o.workers, maxWorkers)
	case o.n < 1 || o.n > maxRequests:
		return nil, fmt.Errorf("-n %d: want 1..%d", o.n, maxRequests)
	case o.duration <= 0 || o.duration > maxDuration:
		return nil, fmt.Errorf("-duration %v: want up to %v", o.duration, maxDuration)
	}
	u, err := loopload.LoopbackURL(*target)
	if err != nil {
		return nil, err
	}
	o.target = u
	o.kinds = map[string]bool{}
	for _, k := range strings.Split(*kinds, ",") {
		if k = strings.TrimSpace(k); k != "" {
			if !strings.Contains(","+strings.Join(allKinds, ",")+",", ","+k+",") {
				return nil, fmt.Errorf("-kinds: unknown kind %q", k)
			}
			o.kinds[k] = true
		}
	}
	return &o, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parse(args, stderr)
	if err != nil {
		return err
	}
	raw, err := os.ReadFile(o.queries)
	if err != nil {
		return err
	}
	queries, err := loopload.ParseQueries(raw)
	if err != nil {
		return err
	}
	targets, err := mix(queries)
	if err != nil {
		return err
	}
	c := loopload.NewClient(o.timeout, o.workers)
	base := o.target.String()
	var ids []string
	if o.warmup || o.kinds[kindDoc] {
		fmt.Fprintf(stderr, "loadtest: warming up on %d targets\n", len(targets))
		if ids, err = warm(ctx, c, base, targets, o.warmup); err != nil {
			return err
		}
	}
	targets = only(addDocs(targets, ids), o.kinds)
	if len(targets) == 0 {
		return errors.New("no targets of the chosen kinds")
	}
	if o.kinds[kindDoc] && o.warmup {
		for _, t := range only(targets, map[string]bool{kindDoc: true}) {
			get(ctx, c, base+t.path)
		}
	}
	return attack(ctx, o, c, base, targets, stdout)
}

// warm requests every target once (API first, to collect document IDs
// from their hits) and returns the IDs. With all false it only runs the
// API calls it needs for IDs.
func warm(ctx context.Context, c *http.Client, base string, targets []target, all bool) ([]string, error) {
	var ids []string
	seen := map[string]bool{}
	for _, t := range only(targets, map[string]bool{kindAPI: true}) {
		body, code, err := get(ctx, c, base+t.path)
		if err != nil {
			return nil, fmt.Errorf("warm-up %s: %w", t.path, err)
		}
		if code != http.StatusOK {
			return nil, fmt.Errorf("warm-up %s: status %d", t.path, code)
		}
		var res struct {
			Hits []struct {
				ID string `json:"id"`
			} `json:"hits"`
		}
		if err := json.Unmarshal(body, &res); err != nil {
			return nil, fmt.Errorf("warm-up %s: %w", t.path, err)
		}
		if len(res.Hits) > 0 && !seen[res.Hits[0].ID] {
			seen[res.Hits[0].ID] = true
			ids = append(ids, res.Hits[0].ID)
		}
	}
	if all {
		for _, t := range targets {
			if t.kind != kindAPI {
				if _, _, err := get(ctx, c, base+t.path); err != nil {
					return nil, fmt.Errorf("warm-up %s: %w", t.path, err)
				}
			}
		}
	}
	return ids, ctx.Err()
}

func get(ctx context.Context, c *http.Client, u string) ([]byte, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return b, resp.StatusCode, err
}

// attack replays the targets in order, cycling, with o.workers clients
// sending back to back, until o.n requests or o.duration.
func attack(ctx context.Context, o *options, c *http.Client, base string, targets []target, stdout io.Writer) error {
	kinds := kindOf(targets)
	next := 0
	tr := func(t *vegeta.Target) error {
		if next >= o.n {
			return vegeta.ErrNoTargets
		}
		t.Method, t.URL = http.MethodGet, base+targets[next%len(targets)].path
		next++
		return nil
	}
	atk := vegeta.NewAttacker(vegeta.Client(c), vegeta.Workers(uint64(o.workers)), vegeta.MaxWorkers(uint64(o.workers)))
	mem := &rss{pid: o.pid}
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	tallies := map[string]*tally{}
	fmt.Fprintf(stdout, "loadtest: %s, %d clients, up to %d requests or %v, %d distinct targets (%s)\n",
		base, o.workers, o.n, o.duration, len(targets), strings.Join(kindNames(o.kinds), ", "))
	start := time.Now()
	var last time.Time
	results := atk.Attack(vegeta.Targeter(syncTargeter(tr)), vegeta.Rate{}, o.duration, "loadtest")
	for done := false; !done; {
		select {
		case r, ok := <-results:
			if !ok {
				done = true
				break
			}
			if r.URL == "" { // the targeter's end marker
				continue
			}
			k := kinds[strings.TrimPrefix(r.URL, base)]
			if tallies[k] == nil {
				tallies[k] = &tally{}
			}
			tallies[k].add(r.Latency, r.Code, r.Error)
			last = r.End()
		case <-tick.C:
			if o.pid > 0 {
				mem.sample()
			}
		case <-ctx.Done():
			atk.Stop()
		}
	}
	wall := last.Sub(start)
	if wall <= 0 {
		return errors.New("no request completed")
	}
	fmt.Fprintf(stdout, "wall time %.1fs\n", wall.Seconds())
	report(stdout, tallies, wall)
	if o.pid > 0 {
		if err := mem.sample(); err == nil {
			fmt.Fprintln(stdout, mem)
		}
	}
	return ctx.Err()
}

func kindNames(m map[string]bool) []string {
	var out []string
	for _, k := range allKinds {
		if m[k] {
			out = append(out, k)
		}
	}
	return out
}

// syncTargeter serializes calls to tr: vegeta's workers call the
// targeter concurrently.
func syncTargeter(tr vegeta.Targeter) vegeta.Targeter {
	var mu sync.Mutex
	return func(t *vegeta.Target) error {
		mu.Lock()
		defer mu.Unlock()
		return tr(t)
	}
}
