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

// sample is the server's memory at one moment of the run.
type sample struct {
	at        time.Duration
	rss, anon int64 // kB
	file      int64 // kB, file-backed: the mapped index
	peak      int64 // kB, VmHWM: the highest RSS so far
	threads   int64
}

// sampler reads /proc/PID/status.
type sampler struct {
	pid     int
	samples []sample
}

func (s *sampler) take(at time.Duration) error {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.pid))
	if err != nil {
		return err
	}
	sm := sample{at: at}
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		n, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			sm.rss = n
		case "RssAnon:":
			sm.anon = n
		case "RssFile:":
			sm.file = n
		case "VmHWM:":
			sm.peak = n
		case "Threads:":
			sm.threads = n
		}
	}
	s.samples = append(s.samples, sm)
	return nil
}

// growth compares the median RSS of the last half of the samples taken
// after warm-up with that of the first half: 0.05 is 5% more.
func (s *sampler) growth(warmup time.Duration) (float64, int, bool) {
	var rss []int64
	for _, sm := range s.samples {
		if sm.at >= warmup {
			rss = append(rss, sm.rss)
		}
	}
	if len(rss) < 4 {
		return 0, len(rss), false
	}
	half := len(rss) / 2
	first, last := median(rss[:half]), median(rss[len(rss)-half:])
	return float64(last-first) / float64(first), len(rss), true
}

func median(xs []int64) int64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// report prints the results and returns whether the server passed.
func report(w io.Writer, r result, mem *sampler, o *options) bool {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "kind\trequests\treq/s\tp50 ms\tp95 ms\tp99 ms\tmax ms\tstatuses\t")
	total := &tally{statuses: map[int]int{}, errors: map[string]int{}}
	line := func(name string, t *tally) {
		lat := slices.Clone(t.lat)
		slices.Sort(lat)
		fmt.Fprintf(tw, "%s\t%d\t%.1f\t%s\t%s\t%s\t%s\t%s\t\n", name, len(lat), float64(len(lat))/r.wall.Seconds(),
			loopload.Ms(loopload.Percentile(lat, 50)), loopload.Ms(loopload.Percentile(lat, 95)), loopload.Ms(loopload.Percentile(lat, 99)), loopload.Ms(loopload.Percentile(lat, 100)), statusText(t.statuses))
	}
	for _, k := range allKinds {
		t := r.kinds[k]
		if t == nil {
			continue
		}
		line(k, t)
		total.lat = append(total.lat, t.lat...)
		for s, n := range t.statuses {
			total.statuses[s] += n
		}
		for e, n := range t.errors {
			total.errors[e] += n
		}
	}
	line("all", total)
	tw.Flush()
	fmt.Fprintf(w, "wall time %.1fs\n", r.wall.Seconds())
	errs := make([]string, 0, len(total.errors))
	for e := range total.errors {
		errs = append(errs, e)
	}
	sort.Strings(errs)
	for i, e := range errs {
		if i == 10 {
			fmt.Fprintf(w, "... and %d more kinds of failure\n", len(errs)-10)
			break
		}
		fmt.Fprintf(w, "failure x%d: %s\n", total.errors[e], e)
	}

	ok := true
	failed, fivexx := 0, 0
	for s, n := range total.statuses {
		if s != 200 {
			failed += n
		}
		if s >= 500 {
			fivexx += n
		}
	}
	fmt.Fprintf(w, "requests %d, failed %d, 5xx %d\n", len(total.lat), failed, fivexx)
	if failed > 0 || len(total.lat) == 0 {
		ok = false
	}
	if mem != nil {
		fmt.Fprintf(w, "server pid %d memory (MB): t=s rss/anon/file, threads\n", mem.pid)
		for _, s := range mem.samples {
			fmt.Fprintf(w, "  t=%3.0fs %4d/%4d/%4d, %d threads\n", s.at.Seconds(), s.rss>>10, s.anon>>10, s.file>>10, s.threads)
		}
		if len(mem.samples) > 0 {
			fmt.Fprintf(w, "  peak RSS (VmHWM) %d MB\n", mem.samples[len(mem.samples)-1].peak>>10)
		}
		g, n, enough := mem.growth(o.warmup)
		switch {
		case !enough:
			fmt.Fprintf(w, "memory: only %d samples after the %v warm-up: not checked\n", n, o.warmup)
		case g > o.maxGrowth:
			fmt.Fprintf(w, "memory: RSS grew %.1f%% after warm-up (%d samples), more than %.0f%%\n", 100*g, n, 100*o.maxGrowth)
			ok = false
		default:
			fmt.Fprintf(w, "memory: flat after warm-up: RSS median %+.1f%% from the first half to the last (%d samples, limit %.0f%%)\n", 100*g, n, 100*o.maxGrowth)
		}
	}
	if ok {
		fmt.Fprintln(w, "PASS")
	} else {
		fmt.Fprintln(w, "FAIL")
	}
	return ok
}

func statusText(m map[int]int) string {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		name := strconv.Itoa(k)
		if k == 0 {
			name = "error"
		}
		parts = append(parts, fmt.Sprintf("%s:%d", name, m[k]))
	}
	return strings.Join(parts, " ")
}
