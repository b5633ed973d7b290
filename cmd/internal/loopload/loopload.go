// Package loopload holds what Accord's load tools (cmd/loadtest and
// cmd/soak) share: the queries file they replay, an HTTP client that can
// only reach loopback addresses, and latency percentiles.
package loopload

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/accord-search/accord/search"
)

// Query is one line of a queries file (cmd/gencorpus -queries, or
// shared/bench/queries.jsonl).
type Query struct {
	Q      string `json:"q"`
	Filter *struct {
		Field string `json:"field"`
		Value string `json:"value"`
	} `json:"filter"`
}

// facetOfField maps the queries file's field names to URL facets.
var facetOfField = map[string]search.Facet{
	"countries": search.FacetCountry, "country": search.FacetCountry,
	"officials": search.FacetOfficial, "official": search.FacetOfficial,
	"topics": search.FacetTopic, "topic": search.FacetTopic,
}

// Facet returns the facet of the query's filter, or "" when it has none.
func (q Query) Facet() search.Facet {
	if q.Filter == nil {
		return ""
	}
	return facetOfField[q.Filter.Field]
}

// Filters returns the query's filter as search filters.
func (q Query) Filters() map[search.Facet][]string {
	f := map[search.Facet][]string{}
	if q.Filter != nil {
		f[q.Facet()] = []string{q.Filter.Value}
	}
	return f
}

// ParseQueries reads a queries file, one JSON object a line.
func ParseQueries(data []byte) ([]Query, error) {
	var out []Query
	for i, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var q Query
		if err := json.Unmarshal([]byte(l), &q); err != nil {
			return nil, fmt.Errorf("queries line %d: %w", i+1, err)
		}
		if q.Filter != nil && q.Facet() == "" {
			return nil, fmt.Errorf("queries line %d: unknown filter field %q", i+1, q.Filter.Field)
		}
		out = append(out, q)
	}
	if len(out) == 0 {
		return nil, errors.New("no queries")
	}
	return out, nil
}

// LoopbackURL accepts only http://<loopback IP>:port: a load test must
// never leave this machine.
func LoopbackURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("-target %q: %w", s, err)
	}
	ip := net.ParseIP(u.Hostname())
	if u.Scheme != "http" || ip == nil || !ip.IsLoopback() || (u.Path != "" && u.Path != "/") {
		return nil, fmt.Errorf("-target %q: want http://127.0.0.1:PORT (a loopback address, no path)", s)
	}
	u.Path = ""
	return u, nil
}

// NewClient returns a client that refuses to dial anything but loopback
// and follows no redirect (a redirect shows up as a 3xx status).
func NewClient(timeout time.Duration, conns int) *http.Client {
	d := &net.Dialer{Timeout: 5 * time.Second}
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
				host, _, err := net.SplitHostPort(addr)
				if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
					return nil, fmt.Errorf("refusing to dial %s: not loopback", addr)
				}
				return d.DialContext(ctx, network, addr)
			},
			MaxIdleConns:        conns,
			MaxIdleConnsPerHost: conns,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// Percentile is the nearest-rank percentile p of sorted latencies.
func Percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (p*len(sorted) + 99) / 100
	return sorted[min(max(i, 1), len(sorted))-1]
}

// Ms formats a duration in milliseconds with one decimal.
func Ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d.Microseconds())/1000) }
