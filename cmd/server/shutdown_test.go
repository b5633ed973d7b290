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
// while a search is in flight, held by the engine until the test lets it
// go: the server stops accepting new connections while that request
// still waits, the request then completes with its page, and the process
// exits 0. The engine's slowness is a channel, not a delay, so a loaded
// machine cannot reorder the steps.
func TestSIGTERMDrainsInFlightRequests(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server binary")
	}
	m := newMeiliStandIn(t)
	m.hold = make(chan struct{})
	released := false
	release := func() {
		if !released {
			released = true
			close(m.hold)
		}
	}
	defer release()
	m.start(t)
	// The search timeout is not under test: long enough that the held
	// request never meets it.
	cmd := exec.Command(buildServer(t), "-addr", "127.0.0.1:0", "-timeout", "2m")
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
		if time.Since(start) > 30*time.Second {
			t.Fatal("the search never reached the engine")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// New connections are refused while the held request drains.
	addr := strings.TrimPrefix(base, "http://")
	for deadline := time.Now().Add(shutdownGrace / 2); ; {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("the server still accepts connections after SIGTERM")
		}
		time.Sleep(20 * time.Millisecond)
	}
	select {
	case r := <-inflight:
		t.Fatalf("the in-flight request ended before the engine answered: status %d, err %v", r.status, r.err)
	default:
	}
	release()
	r := <-inflight
	if r.err != nil || r.status != http.StatusOK || !strings.Contains(r.body, "</html>") {
		t.Fatalf("the in-flight request: status %d, err %v; want a whole 200 page", r.status, r.err)
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
