package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/accord-search/accord/cmd/internal/loopload"
)

// tally collects the latencies and statuses of one kind of request.
type tally struct {
	lat      []time.Duration
	statuses map[string]int
	errors   map[string]int
}

func (t *tally) add(latency time.Duration, code uint16, errMsg string) {
	if t.statuses == nil {
		t.statuses, t.errors = map[string]int{}, map[string]int{}
	}
	t.lat = append(t.lat, latency)
	status := strconv.Itoa(int(code))
	if code == 0 {
		status = "error"
	}
	t.statuses[status]++
	if errMsg != "" && (code == 0 || code >= 400) {
		t.errors[errMsg]++
	}
}

// report prints one line per kind and a total: requests, requests per
// second over the attack's wall time, latency percentiles, statuses.
func report(w io.Writer, tallies map[string]*tally, wall time.Duration) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "kind\trequests\treq/s\tp50 ms\tp95 ms\tp99 ms\tmax ms\tstatuses\t")
	total := &tally{}
	line := func(name string, t *tally) {
		lat := slices.Clone(t.lat)
		slices.Sort(lat)
		fmt.Fprintf(tw, "%s\t%d\t%.1f\t%s\t%s\t%s\t%s\t%s\t\n", name, len(lat), float64(len(lat))/wall.Seconds(),
			loopload.Ms(loopload.Percentile(lat, 50)), loopload.Ms(loopload.Percentile(lat, 95)), loopload.Ms(loopload.Percentile(lat, 99)), loopload.Ms(loopload.Percentile(lat, 100)), counts(t.statuses))
	}
	for _, k := range allKinds {
		t := tallies[k]
		if t == nil {
			continue
		}
		line(k, t)
		total.lat = append(total.lat, t.lat...)
		for s, n := range t.statuses {
			if total.statuses == nil {
				total.statuses, total.errors = map[string]int{}, map[string]int{}
			}
			total.statuses[s] += n
		}
		for e, n := range t.errors {
			total.errors[e] += n
		}
	}
	line("all", total)
	tw.Flush()
	for e, n := range total.errors {
		fmt.Fprintf(w, "error x%d: %s\n", n, e)
	}
}

func counts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s:%d", k, m[k]))
	}
	return strings.Join(parts, " ")
}

// rss samples a process's resident memory from /proc (Linux).
type rss struct {
	pid                      int
	maxRSS, maxAnon, maxFile int64 // kB
}

// sample reads VmRSS, RssAnon and RssFile once and keeps the maxima.
func (r *rss) sample() error {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", r.pid))
	if err != nil {
		return err
	}
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		n, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			r.maxRSS = max(r.maxRSS, n)
		case "RssAnon:":
			r.maxAnon = max(r.maxAnon, n)
		case "RssFile:":
			r.maxFile = max(r.maxFile, n)
		}
	}
	return nil
}

func (r *rss) String() string {
	return fmt.Sprintf("server pid %d: max RSS %d MB (max anonymous %d MB, max file-backed %d MB: mapped index pages)",
		r.pid, r.maxRSS>>10, r.maxAnon>>10, r.maxFile>>10)
}
