package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// tally is what one kind of request got.
type tally struct {
	lat      []time.Duration
	statuses map[int]int // 0: no response (transport error or timeout)
	errors   map[string]int
}

// result is a run's outcome.
type result struct {
	wall  time.Duration
	kinds map[string]*tally
}

// attack runs o.clients workers over the targets, cycling, until o.n
// requests or o.duration, sampling memory every o.sample.
func attack(ctx context.Context, c *http.Client, base string, targets []target, o *options, mem *sampler) result {
	ctx, cancel := context.WithTimeout(ctx, o.duration)
	defer cancel()
	var next atomic.Int64
	var mu sync.Mutex
	kinds := map[string]*tally{}
	record := func(kind string, lat time.Duration, status int, errMsg string) {
		mu.Lock()
		defer mu.Unlock()
		t := kinds[kind]
		if t == nil {
			t = &tally{statuses: map[int]int{}, errors: map[string]int{}}
			kinds[kind] = t
		}
		t.lat = append(t.lat, lat)
		t.statuses[status]++
		if errMsg != "" {
			t.errors[errMsg]++
		}
	}
	start := time.Now()
	sampling := make(chan struct{})
	if mem != nil {
		go func() {
			defer close(sampling)
			tick := time.NewTicker(o.sample)
			defer tick.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-tick.C:
					mem.take(time.Since(start))
				}
			}
		}()
	} else {
		close(sampling)
	}
	var wg sync.WaitGroup
	for range o.clients {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := next.Add(1) - 1
				if i >= int64(o.n) {
					return
				}
				t := targets[i%int64(len(targets))]
				lat, status, errMsg := send(ctx, c, base+t.path)
				if ctx.Err() != nil && status == 0 {
					return // the run ended under this request: not a failure
				}
				record(t.kind, lat, status, errMsg)
			}
		})
	}
	wg.Wait()
	wall := time.Since(start)
	cancel()
	<-sampling
	if mem != nil {
		mem.take(wall)
	}
	return result{wall: wall, kinds: kinds}
}

// send makes one request and reads the whole answer.
func send(ctx context.Context, c *http.Client, u string) (time.Duration, int, string) {
	start := time.Now()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, 0, err.Error()
	}
	resp, err := c.Do(req)
	if err != nil {
		return time.Since(start), 0, err.Error()
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	lat := time.Since(start)
	if err != nil {
		return lat, 0, "reading the body: " + err.Error()
	}
	if resp.StatusCode != http.StatusOK {
		return lat, resp.StatusCode, fmt.Sprintf("status %d for %s", resp.StatusCode, u)
	}
	return lat, resp.StatusCode, ""
}
