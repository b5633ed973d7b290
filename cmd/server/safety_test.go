package main

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/accord-search/accord/cmd/internal/app"
)

// buildBinaries builds the server and the indexer commands.
func buildBinaries(t *testing.T) (server, indexer string) {
	t.Helper()
	dir := t.TempDir()
	server, indexer = filepath.Join(dir, "server"), filepath.Join(dir, "indexer")
	for bin, pkg := range map[string]string{server: ".", indexer: "../indexer"} {
		if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
			t.Fatalf("go build %s: %v\n%s", pkg, err, out)
		}
	}
	return server, indexer
}

// runIndexer runs the indexer command to completion.
func runIndexer(t *testing.T, bin, corpus, data string) (string, error) {
	t.Helper()
	cmd := exec.Command(bin, "-quiet", "-corpus", corpus, "-data", data)
	cmd.Env = append(os.Environ(), "MEILI_URL=")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// startServerBinary starts the server command; its output goes to logs.
func startServerBinary(t *testing.T, bin, corpus, data string) (*exec.Cmd, string, *logBuffer) {
	t.Helper()
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-data", data, "-corpus", corpus)
	cmd.Env = append(os.Environ(), "MEILI_URL=")
	pr, pw := io.Pipe()
	cmd.Stderr = pw
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	logs := &logBuffer{}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGCONT)
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
		pw.Close()
	})
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			logs.Write([]byte(sc.Text() + "\n"))
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
	}()
	select {
	case a := <-addr:
		return cmd, a, logs
	case <-time.After(120 * time.Second):
		t.Fatalf("the server did not say where it listens:\n%s", logs)
	}
	return nil, "", nil
}

// currentGeneration returns the directory CURRENT names.
func currentGeneration(t *testing.T, data string) string {
	t.Helper()
	st := (&app.Config{DataDir: data}).BleveStore()
	dir, err := st.Current()
	if err != nil || dir == "" {
		t.Fatalf("CURRENT: %q, %v", dir, err)
	}
	return dir
}

// waitTotal polls the API until it reports want documents.
func waitTotal(t *testing.T, base string, want int, within time.Duration) {
	t.Helper()
	var got int
	var err error
	for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if got, err = apiTotal(base, ""); err == nil && got == want {
			return
		}
	}
	t.Fatalf("the server serves %d documents (%v), want %d", got, err, want)
}

func status(t *testing.T, url string) int {
	t.Helper()
	return fetch(t, url).status
}

// TestOverlappingIndexerRunsKeepTheServedIndex: two overlapping indexer
// runs used to leave the server serving an empty index. Run B deleted the
// generation run A was still writing (any unserved generation older than
// a minute), A then committed the deleted directory, and the server
// swapped in an empty index created in its place. Now the store has one
// writer at a time: B fails at once, naming the lock, and touches
// nothing; A finishes and its generation is served.
func TestOverlappingIndexerRunsKeepTheServedIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server and indexer binaries")
	}
	serverBin, indexerBin := buildBinaries(t)
	corpus, data := t.TempDir(), t.TempDir()
	writeRecords(t, filepath.Join(corpus, "a.jsonl"), "a", 300)
	if out, err := runIndexer(t, indexerBin, corpus, data); err != nil {
		t.Fatalf("first run: %v\n%s", err, out)
	}
	first := currentGeneration(t, data)
	_, base, _ := startServerBinary(t, serverBin, corpus, data)
	waitTotal(t, base, 300, 10*time.Second)

	// Run A: stopped (SIGSTOP) while it writes its generation.
	writeRecords(t, filepath.Join(corpus, "b.jsonl"), "b", 6000)
	a := exec.Command(indexerBin, "-quiet", "-corpus", corpus, "-data", data)
	a.Env = append(os.Environ(), "MEILI_URL=")
	var aOut bytes.Buffer
	a.Stdout, a.Stderr = &aOut, &aOut
	if err := a.Start(); err != nil {
		t.Fatal(err)
	}
	defer a.Process.Kill()
	var genA string
	for deadline := time.Now().Add(60 * time.Second); genA == "" && time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		dirs, _ := filepath.Glob(filepath.Join(data, "bleve", "gen-*"))
		for _, d := range dirs {
			if d != first {
				genA = d
			}
		}
	}
	if genA == "" {
		t.Fatal("run A started no generation")
	}
	a.Process.Signal(syscall.SIGSTOP)
	if currentGeneration(t, data) != first {
		t.Fatal("run A committed before it was stopped: the test did not overlap the runs")
	}
	// A's generation looks abandoned: older than any grace period.
	old := time.Now().Add(-time.Hour)
	os.Chtimes(genA, old, old)

	// Run B, while A holds the store.
	out, err := runIndexer(t, indexerBin, corpus, data)
	if err == nil || !strings.Contains(out, "another indexer run is writing") {
		t.Errorf("run B during run A: err %v; want a failure naming the other run\n%s", err, out)
	}
	if _, err := os.Stat(genA); err != nil {
		t.Errorf("run B deleted the generation run A is writing: %v", err)
	}

	a.Process.Signal(syscall.SIGCONT)
	if err := a.Wait(); err != nil {
		t.Fatalf("run A: %v\n%s", err, &aOut)
	}
	waitTotal(t, base, 6300, 20*time.Second)
	if got := status(t, base+"/readyz"); got != 200 {
		t.Errorf("/readyz: %d", got)
	}
	// A later run finds the store free, and serves the same.
	if out, err := runIndexer(t, indexerBin, corpus, data); err != nil {
		t.Fatalf("run after A: %v\n%s", err, out)
	}
	time.Sleep(3 * time.Second) // past the server's 2 s poll
	waitTotal(t, base, 6300, 10*time.Second)
}

// largestSegment returns the largest segment file of the generation.
func largestSegment(t *testing.T, gen string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(gen, "store", "*.zap"))
	var best string
	var size int64
	for _, f := range files {
		if info, err := os.Stat(f); err == nil && info.Size() > size {
			best, size = f, info.Size()
		}
	}
	if best == "" {
		t.Fatalf("no segment in %s", gen)
	}
	return best
}

// flipBytes damages a file without changing its size.
func flipBytes(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(b) / 4; i < len(b)*3/4; i += 97 {
		b[i] ^= 0x5a
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDamagedIndexIsDetectedAndRebuilt: a truncated segment used to crash
// the server with SIGBUS on the first query (Bleve maps segments into
// memory), then at every start; flipped bytes gave 500s while /readyz
// said 200. Generations are now verified against the manifest written at
// commit before they are mapped: at start the server rebuilds a damaged
// one from the corpus, a damaged new generation is not swapped in (the
// last good one stays served), and the next indexer run rebuilds it.
func TestDamagedIndexIsDetectedAndRebuilt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server and indexer binaries")
	}
	serverBin, indexerBin := buildBinaries(t)
	corpus, data := t.TempDir(), t.TempDir()
	writeRecords(t, filepath.Join(corpus, "a.jsonl"), "a", 500)
	if out, err := runIndexer(t, indexerBin, corpus, data); err != nil {
		t.Fatalf("first run: %v\n%s", err, out)
	}
	// A truncated segment: a mapped read past its end is a SIGBUS.
	seg := largestSegment(t, currentGeneration(t, data))
	info, _ := os.Stat(seg)
	if err := os.Truncate(seg, info.Size()/2); err != nil {
		t.Fatal(err)
	}

	server, base, logs := startServerBinary(t, serverBin, corpus, data)
	waitTotal(t, base, 500, 10*time.Second)
	for _, p := range []string{"/", "/search?q=cooperation", "/readyz", "/search.atom", "/search.csv"} {
		if got := status(t, base+p); got != 200 {
			t.Errorf("%s after the rebuild: %d", p, got)
		}
	}
	if !strings.Contains(logs.String(), "damaged") {
		t.Errorf("the server did not say the index was damaged:\n%s", logs)
	}

	// A damaged new generation: committed while the server is stopped
	// (so that it cannot swap before the damage), then damaged.
	served := currentGeneration(t, data)
	server.Process.Signal(syscall.SIGSTOP)
	writeRecords(t, filepath.Join(corpus, "b.jsonl"), "b", 100)
	if out, err := runIndexer(t, indexerBin, corpus, data); err != nil {
		server.Process.Signal(syscall.SIGCONT)
		t.Fatalf("second run: %v\n%s", err, out)
	}
	flipBytes(t, largestSegment(t, currentGeneration(t, data)))
	server.Process.Signal(syscall.SIGCONT)
	time.Sleep(5 * time.Second) // two of the server's polls
	if got, err := apiTotal(base, ""); err != nil || got != 500 {
		t.Errorf("after a damaged generation was committed: %d documents (%v), want the last good 500", got, err)
	}
	for _, p := range []string{"/search?q=cooperation", "/readyz", "/search.csv"} {
		if got := status(t, base+p); got != 200 {
			t.Errorf("%s with a damaged new generation: %d", p, got)
		}
	}
	if !strings.Contains(logs.String(), "still serving the previous one") {
		t.Errorf("the refused swap is not logged:\n%s", logs)
	}
	if _, err := os.Stat(served); err != nil {
		t.Errorf("the served generation is gone: %v", err)
	}

	// The next run rebuilds from the corpus, and the server swaps it in.
	if out, err := runIndexer(t, indexerBin, corpus, data); err != nil {
		t.Fatalf("third run: %v\n%s", err, out)
	}
	waitTotal(t, base, 600, 20*time.Second)
}
