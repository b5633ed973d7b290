package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/accord-search/accord/search/bleve"
)

// writeCorpus writes n JSON Lines documents with their facets given.
func writeCorpus(t *testing.T, dir string, n int) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for i := 0; i < n; i++ {
		enc.Encode(map[string]any{
			"id": fmt.Sprintf("g%05d", i), "title": fmt.Sprintf("Generated release %d", i),
			"body":      strings.Repeat(fmt.Sprintf("word%d border security cooperation %d. ", i%97, i), 20),
			"countries": []string{"Mexico"}, "officials": []string{}, "topics": []string{"Border security"}, "organizations": []string{},
			"date": fmt.Sprintf("20%02d-01-02", i%25),
		})
	}
	if err := os.WriteFile(filepath.Join(dir, "gen.jsonl"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func buildIndexer(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "indexer")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func servedCount(t *testing.T, data string) int {
	t.Helper()
	dir, err := bleve.Store{Root: filepath.Join(data, "bleve")}.Current()
	if err != nil || dir == "" {
		return 0
	}
	idx, err := bleve.OpenReadOnly(dir) // read-write would change the files its manifest records
	if err != nil {
		t.Fatalf("open served index: %v", err)
	}
	defer idx.Close()
	n, _ := idx.Count(t.Context())
	return n
}

// TestInterruptedRunsConverge kills the indexer (SIGKILL and SIGINT) at
// several points, then checks that one more run yields exactly the corpus
// and that a run after it sends nothing.
func TestInterruptedRunsConverge(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the indexer binary")
	}
	bin := buildIndexer(t)
	corpus, data := t.TempDir(), t.TempDir()
	const n = 3000
	writeCorpus(t, corpus, n)
	args := []string{"-corpus", corpus, "-data", data, "-batch", "25", "-quiet"}
	env := append(os.Environ(), "MEILI_URL=")

	interrupted := 0
	for i, sig := range []syscall.Signal{syscall.SIGKILL, syscall.SIGINT, syscall.SIGKILL} {
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(300+400*i) * time.Millisecond)
		cmd.Process.Signal(sig)
		err := cmd.Wait()
		if err == nil {
			t.Logf("run %d finished before %v", i, sig)
			continue
		}
		interrupted++
		if got := servedCount(t, data); got != 0 && got != n {
			t.Fatalf("after %v: the served index holds %d documents, a half-built state", sig, got)
		}
		if sig == syscall.SIGINT && !strings.Contains(stderr.String(), "served index is unchanged") {
			t.Errorf("SIGINT: stderr does not say the index is unchanged:\n%s", stderr.String())
		}
	}

	if interrupted == 0 {
		t.Fatal("no run was interrupted mid-way: the test tested nothing")
	}
	out, err := runIndexer(bin, env, args)
	if err != nil {
		t.Fatalf("final run: %v\n%s", err, out)
	}
	if got := servedCount(t, data); got != n {
		t.Fatalf("after the final run: %d documents, want %d", got, n)
	}
	out, err = runIndexer(bin, env, args)
	if err != nil || !strings.Contains(out, "indexed 0, unchanged 3000") {
		t.Fatalf("a run on an unchanged corpus sent something (err %v):\n%s", err, out)
	}
}

func runIndexer(bin string, env, args []string) (string, error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func TestExitCodes(t *testing.T) {
	corpus, data := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(corpus, "bad.txt"), []byte("\xff\xfe binary \x00"), 0o644)
	os.WriteFile(filepath.Join(corpus, "x.jsonl"), []byte(`{"title":"T","body":"B"}`+"\n{broken\n"), 0o644)
	t.Setenv("MEILI_URL", "")
	tests := []struct {
		name string
		args []string
		want int
		says []string
	}{
		{"bad input is skipped and named", []string{"-corpus", corpus, "-data", data, "-quiet"}, exitBadInput,
			[]string{"skip bad.txt: binary", "skip x.jsonl:2: broken JSON line", "read 1, indexed 1"}},
		// docker-compose.yml runs the indexer with -skipped-ok: one bad file
		// must not keep the server (service_completed_successfully) down.
		{"-skipped-ok: bad input is named, exit 0", []string{"-corpus", corpus, "-data", t.TempDir(), "-quiet", "-skipped-ok"}, exitOK,
			[]string{"skip bad.txt: binary", "skip x.jsonl:2: broken JSON line", "read 1, indexed 1"}},
		{"missing corpus", []string{"-corpus", filepath.Join(corpus, "nope"), "-data", data, "-quiet"}, exitFailed, []string{"nope"}},
		{"bad flag", []string{"-batch", "0"}, exitUsage, []string{"-batch 0"}},
		{"dry run", []string{"-corpus", corpus, "-dry-run", "-quiet"}, exitBadInput, []string{"dry run: read 1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code, err := run(t.Context(), tt.args, &stdout, &stderr)
			all := stderr.String()
			if err != nil {
				all += err.Error()
			}
			if code != tt.want {
				t.Errorf("exit code %d, want %d\n%s", code, tt.want, all)
			}
			for _, s := range tt.says {
				if !strings.Contains(all, s) {
					t.Errorf("output lacks %q:\n%s", s, all)
				}
			}
		})
	}
}
