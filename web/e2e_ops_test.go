package web

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/accord-search/accord/search"
)

// syncBuffer is a log sink that handlers write to concurrently.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// jsonLines decodes one JSON object per line.
func jsonLines(t *testing.T, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line is not JSON: %q", l)
		}
		out = append(out, m)
	}
	return out
}

func TestRequestLog(t *testing.T) {
	var logs syncBuffer
	h := New(Options{Engine: newIndex(t), Logger: slog.New(slog.NewJSONHandler(&logs, nil))}).Handler()
	ok := get(t, h, "/search?q=cyber")
	bad := get(t, h, "/search?page=x")
	var requests []map[string]any
	for _, l := range jsonLines(t, logs.String()) {
		if l["msg"] == "request" {
			requests = append(requests, l)
		}
	}
	if len(requests) != 2 {
		t.Fatalf("got %d request lines, want 2:\n%s", len(requests), logs.String())
	}
	for i, c := range []struct {
		r      response
		status float64
		level  string
	}{{ok, 200, "INFO"}, {bad, 400, "INFO"}} {
		l := requests[i]
		if l["request_id"] == "" || l["request_id"] != c.r.header.Get("X-Request-Id") {
			t.Errorf("line %d: request_id %v, response header %q", i, l["request_id"], c.r.header.Get("X-Request-Id"))
		}
		if l["status"] != c.status || l["level"] != c.level || l["route"] != "/search" || l["method"] != "GET" {
			t.Errorf("line %d: got %v", i, l)
		}
		if lat, ok := l["latency"].(float64); !ok || lat <= 0 {
			t.Errorf("line %d: latency %v, want a positive duration", i, l["latency"])
		}
	}
}

func TestRequestIDs(t *testing.T) {
	h := New(Options{Engine: failingEngine{search.ErrUnavailable}, Logger: quietLogger()}).Handler()
	tests := []struct {
		name, sent string
		kept       bool
	}{
		{"none: one is made", "", false},
		{"a proxy's id is kept", "req-7f3a.9:2", true},
		{"markup is replaced", `"><script>alert(1)</script>`, false},
		{"spaces are replaced", "a b", false},
		{"too long is replaced", strings.Repeat("a", 65), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := get(t, h, "/search?q=x", "X-Request-Id", tt.sent)
			id := r.header.Get("X-Request-Id")
			if !validRequestID.MatchString(id) {
				t.Fatalf("X-Request-Id %q is not a plain id", id)
			}
			if (id == tt.sent) != tt.kept {
				t.Errorf("got id %q for %q; want kept=%v", id, tt.sent, tt.kept)
			}
			// Error pages show the id, so that a user can quote it.
			if !strings.Contains(r.body, id) {
				t.Errorf("the error page does not show the request id %q", id)
			}
		})
	}
}

func TestRequestMetrics(t *testing.T) {
	reg := prometheus.NewPedanticRegistry()
	idx := newIndex(t)
	h := New(Options{Engine: idx, Logger: quietLogger(), Metrics: reg}).Handler()
	// A second server on the same registry shares the metrics.
	New(Options{Engine: idx, Logger: quietLogger(), Metrics: reg})
	for _, target := range []string{"/search?q=cyber", "/search?q=cyber", "/search?page=x", "/doc/d01", "/doc/nope", "/nope/at/all", "/static/x.js", "/healthz"} {
		get(t, h, target)
	}
	req, _ := http.NewRequest("PROPFIND", "/search", nil)
	h.ServeHTTP(discard{}, req)

	got := map[string]uint64{}
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != "accord_http_request_duration_seconds" {
			continue
		}
		for _, m := range mf.GetMetric() {
			var l []string
			for _, p := range m.GetLabel() {
				l = append(l, p.GetValue())
			}
			got[strings.Join(l, " ")] = m.GetHistogram().GetSampleCount()
		}
	}
	// Labels: code, method, route (sorted by name).
	want := map[string]uint64{
		"200 GET /search":     2,
		"400 GET /search":     1,
		"200 GET /doc/:id":    1,
		"404 GET /doc/:id":    1,
		"404 GET unmatched":   2, // an unknown path and an unknown static file
		"200 GET /healthz":    1,
		"405 other unmatched": 1,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("request histogram counts (-want +got):\n%s", diff)
	}
}

// discard is a ResponseWriter that keeps nothing.
type discard struct{}

func (discard) Header() http.Header         { return http.Header{} }
func (discard) Write(p []byte) (int, error) { return len(p), nil }
func (discard) WriteHeader(int)             {}

// TestClientDisconnectIsNot500: a client that went away mid-search was
// logged and counted as a 500, tripping 5xx alerts. It is now a 499
// (client closed request) at INFO, in the log and the metrics.
func TestClientDisconnectIsNot500(t *testing.T) {
	var logs syncBuffer
	reg := prometheus.NewRegistry()
	h := New(Options{Engine: newIndex(t), Logger: slog.New(slog.NewJSONHandler(&logs, nil)), Metrics: reg}).Handler()
	for _, target := range []string{"/search?q=cyber", "/api/search?q=cyber", "/search.csv?q=cyber"} {
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // the client is gone before the search runs
		req := httptest.NewRequest(http.MethodGet, target, nil).WithContext(ctx)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Errorf("%s: status %d for a client that went away", target, rec.Code)
		}
	}
	for _, l := range jsonLines(t, logs.String()) {
		if l["level"] == "ERROR" || l["status"] == float64(500) {
			t.Errorf("log line for a disconnect: %v", l)
		}
		if l["msg"] == "request" && l["status"] != float64(StatusClientClosedRequest) {
			t.Errorf("request line: status %v, want 499", l["status"])
		}
	}
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			for _, lp := range m.GetLabel() {
				if lp.GetName() == "code" && strings.HasPrefix(lp.GetValue(), "5") {
					t.Errorf("%s counts a disconnect as %s", mf.GetName(), lp.GetValue())
				}
			}
		}
	}
}
