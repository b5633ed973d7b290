package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// logBuffer collects a server's output for assertions.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var metricsLine = regexp.MustCompile(`metrics on (http://\S+)/metrics`)

// server is a server started in this process by startServer.
type server struct {
	base    string // http://host:port of the public listener
	metrics string // http://host:port of the metrics listener, if any
	logs    *logBuffer
	cancel  context.CancelFunc
	done    chan error
}

// startServer runs the server in this process with args (and the
// environment the test set), and waits until it listens.
func startServer(t *testing.T, args ...string) *server {
	t.Helper()
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{logs: &logBuffer{}, cancel: cancel, done: make(chan error, 1)}
	go func() {
		err := run(ctx, args, pw)
		pw.Close()
		s.done <- err
	}()
	found := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(pr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(s.logs, line)
			if m := metricsLine.FindStringSubmatch(line); m != nil {
				s.metrics = m[1]
			}
			if m := listening.FindStringSubmatch(line); m != nil && s.base == "" {
				s.base = m[1]
				close(found)
			}
		}
		io.Copy(s.logs, pr)
	}()
	select {
	case <-found:
	case err := <-s.done:
		t.Fatalf("the server stopped before listening: %v\n%s", err, s.logs)
	case <-time.After(60 * time.Second):
		t.Fatalf("the server did not say where it listens:\n%s", s.logs)
	}
	t.Cleanup(func() { s.stop(t) })
	return s
}

// stop cancels the server's context (as SIGTERM does) and returns what
// run returned; later calls return nil.
func (s *server) stop(t *testing.T) error {
	t.Helper()
	if s.cancel == nil {
		return nil
	}
	s.cancel()
	s.cancel = nil
	select {
	case err := <-s.done:
		return err
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not shut down")
	}
	return nil
}

// fetched is one response, read whole.
type fetched struct {
	status int
	header http.Header
	body   string
}

func fetch(t *testing.T, url string) fetched {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return fetched{resp.StatusCode, resp.Header, string(b)}
}

// apiTotal returns the total of /api/search?query, or an error for any
// answer but a 200 with a total.
func apiTotal(base, query string) (int, error) {
	resp, err := http.Get(base + "/api/search?" + query)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var body struct {
		Total *int `json:"total"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != 200 || body.Total == nil {
		return 0, fmt.Errorf("status %d, decode error %v", resp.StatusCode, err)
	}
	return *body.Total, nil
}

// logLines decodes the JSON log lines of a server's output (skipping the
// plain "listening on" lines).
func logLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var lines []map[string]any
	for _, l := range strings.Split(out, "\n") {
		if !strings.HasPrefix(l, "{") {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Errorf("log line is not JSON: %q", l)
			continue
		}
		lines = append(lines, m)
	}
	return lines
}
