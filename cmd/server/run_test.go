package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

var listening = regexp.MustCompile(`listening on (http://\S+)/`)

// waitAddr reads the server's output until it prints its address.
func waitAddr(t *testing.T, r io.Reader) string {
	t.Helper()
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
				break
			}
		}
		io.Copy(io.Discard, r)
	}()
	select {
	case a := <-found:
		return a
	case <-time.After(5 * time.Minute): // a first start indexes its corpus first; generous for a loaded machine
		t.Fatal("the server did not say where it listens")
	}
	return ""
}

func total(t *testing.T, base, query string) int {
	t.Helper()
	resp, err := http.Get(base + "/api/search?" + query)
	if err != nil {
		t.Fatalf("GET: %v", err)
	}
	defer resp.Body.Close()
	var body struct {
		Total int `json:"total"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET /api/search?%s: status %d, err %v", query, resp.StatusCode, err)
	}
	return body.Total
}

// TestFirstStartServesTheSampleCorpus runs the server as a user would on
// a fresh machine: it indexes ./corpus on first start, serves it, and
// drains and exits on SIGTERM (here: context cancel).
func TestFirstStartServesTheSampleCorpus(t *testing.T) {
	t.Setenv("MEILI_URL", "")
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-data", t.TempDir(), "-corpus", "../../corpus"}, pw)
		pw.Close()
	}()
	base := waitAddr(t, pr)
	if n := total(t, base, ""); n < 10 {
		t.Errorf("sample corpus: %d documents served, want at least 10", n)
	}
	if n := total(t, base, "q=icebreakers"); n < 1 {
		t.Errorf("q=icebreakers: %d hits", n)
	}
	// The facet value search knows the extractor's aliases.
	resp, err := http.Get(base + "/search?fq_country=Mexican")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(page), `data-testid="facet-option" data-value="Mexico"`) ||
		strings.Contains(string(page), `data-testid="facet-option" data-value="Germany"`) {
		t.Errorf("country value search for Mexican: want only Mexico among the countries")
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("shutdown: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the server did not shut down")
	}
}

// TestKilledDuringFirstIndexingRecovers kills the server (SIGKILL) while
// it builds its first index, restarts it, and expects the whole corpus.
func TestKilledDuringFirstIndexingRecovers(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server binary")
	}
	bin := filepath.Join(t.TempDir(), "server")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	corpus, data := t.TempDir(), t.TempDir()
	const n = 20000
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `{"id":"k%d","title":"Release %d","body":"%s","countries":["Canada"],"officials":[],"topics":[],"organizations":[]}`+"\n",
			i, i, strings.Repeat(fmt.Sprintf("arctic cooperation %d ", i), 30))
	}
	os.WriteFile(filepath.Join(corpus, "k.jsonl"), []byte(b.String()), 0o644)
	start := func() (*exec.Cmd, io.Reader) {
		cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-data", data, "-corpus", corpus)
		cmd.Env = append(os.Environ(), "MEILI_URL=")
		out, _ := cmd.StderrPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, out
	}
	cmd, first := start()
	sc := bufio.NewScanner(first)
	for sc.Scan() && !strings.Contains(sc.Text(), "first start: indexing") {
	}
	time.Sleep(300 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if _, err := os.Stat(filepath.Join(data, "bleve", "CURRENT")); err == nil {
		t.Error("the first indexing finished before the kill: the test did not test a kill mid-write")
	}

	cmd, out := start()
	defer func() { cmd.Process.Signal(syscall.SIGTERM); cmd.Wait() }()
	base := waitAddr(t, out)
	if got := total(t, base, ""); got != n {
		t.Errorf("after a kill during first indexing: %d documents, want %d", got, n)
	}
}
