package main

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/accord-search/accord/search/bleve"
)

// buildServer builds the server binary for tests that signal it.
func buildServer(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "server")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestSIGTERMDrainsInFlightRequests sends SIGTERM to the server binary
// while a slow search is in flight: the server stops accepting at once,
// the slow request still completes with its page, and the process exits 0.
func TestSIGTERMDrainsInFlightRequests(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server binary")
	}
	const slow = 1500 * time.Millisecond
	m := newMeiliStandIn(t)
	m.delay = slow
	m.start(t)
	cmd := exec.Command(buildServer(t), "-addr", "127.0.0.1:0", "-timeout", "5s")
	cmd.Env = append(os.Environ(), "MEILI_URL="+m.url(), "MEILI_SEARCH_KEY=k", "MEILI_API_KEY=")
	out, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	logs := &logBuffer{}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			logs.Write([]byte(sc.Text() + "\n"))
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	var base string
	select {
	case base = <-found:
	case <-time.After(30 * time.Second):
		t.Fatalf("the server did not start:\n%s", logs)
	}

	type result struct {
		status int
		body   string
		err    error
	}
	inflight := make(chan result, 1)
	start := time.Now()
	go func() {
		resp, err := http.Get(base + "/search?q=slow")
		if err != nil {
			inflight <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		inflight <- result{resp.StatusCode, string(b), err}
	}()
	for m.searches.Load() == 0 { // wait until the request waits on the engine
		if time.Since(start) > 10*time.Second {
			t.Fatal("the search never reached the engine")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	// New connections are refused while the slow request drains.
	if c, err := net.DialTimeout("tcp", strings.TrimPrefix(base, "http://"), time.Second); err == nil {
		c.Close()
		t.Error("the server still accepts connections after SIGTERM")
	}
	r := <-inflight
	if r.err != nil || r.status != http.StatusOK || !strings.Contains(r.body, "</html>") {
		t.Fatalf("the in-flight request: status %d, err %v; want a whole 200 page", r.status, r.err)
	}
	if took := time.Since(start); took < slow {
		t.Errorf("the in-flight request took %v, less than the engine's delay %v: it did not wait", took, slow)
	}
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	select {
	case err := <-waited:
		if err != nil {
			t.Errorf("exit: %v, want status 0\n%s", err, logs)
		}
	case <-time.After(shutdownGrace + 5*time.Second):
		t.Fatal("the server did not exit")
	}
	if !strings.Contains(logs.String(), "stopped: every request answered") {
		t.Errorf("no drain message in the logs:\n%s", logs)
	}
}

// TestShutdownClosesTheIndex stops an embedded-engine server and opens
// its served index generation again: it opens at once, so the server
// closed it and released its lock.
func TestShutdownClosesTheIndex(t *testing.T) {
	t.Setenv("MEILI_URL", "")
	data := t.TempDir()
	s := startServer(t, "-addr", "127.0.0.1:0", "-data", data, "-corpus", "../../corpus")
	if n, err := apiTotal(s.base, ""); err != nil || n < 10 {
		t.Fatalf("served %d documents, %v", n, err)
	}
	if err := s.stop(t); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	dir, err := bleve.Store{Root: filepath.Join(data, "bleve")}.Current()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	idx, err := bleve.Open(dir)
	if err != nil {
		t.Fatalf("reopen the served index after shutdown: %v", err)
	}
	defer idx.Close()
	if took := time.Since(start); took > time.Second {
		t.Errorf("reopening took %v: the lock was still held", took)
	}
}
