package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func generate(t *testing.T, args ...string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out.jsonl")
	if err := run(t.Context(), append(args, out), io.Discard, io.Discard); err != nil {
		t.Fatalf("run %v: %v", args, err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDeterministicPrefix: the same seed gives the same bytes, and a
// smaller corpus is a prefix of a larger one.
func TestDeterministicPrefix(t *testing.T) {
	small := generate(t, "-n", "300", "-docs")
	again := generate(t, "-n", "300", "-docs")
	large := generate(t, "-n", "1k", "-docs")
	if !bytes.Equal(small, again) {
		t.Error("two runs with the same seed differ")
	}
	if !bytes.HasPrefix(large, small) {
		t.Error("the 300-document corpus is not a prefix of the 1k one")
	}
	if other := generate(t, "-n", "300", "-seed", "2", "-docs"); bytes.Equal(small, other) {
		t.Error("another seed gives the same corpus")
	}
}

func TestDocuments(t *testing.T) {
	lines := strings.Split(strings.TrimSpace(string(generate(t, "-n", "2000", "-docs"))), "\n")
	if len(lines) != 2000 {
		t.Fatalf("got %d lines, want 2000", len(lines))
	}
	seen := map[string]bool{}
	topicsSeen := map[string]bool{}
	body := 0
	for i, l := range lines {
		var d map[string]any
		if err := json.Unmarshal([]byte(l), &d); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		id := d["id"].(string)
		if seen[id] {
			t.Fatalf("line %d: id %s repeated", i+1, id)
		}
		seen[id] = true
		// Every facet field present (possibly empty): the indexer then
		// keeps them and extracts nothing.
		for _, f := range []string{"countries", "officials", "topics", "organizations"} {
			if _, ok := d[f].([]any); !ok {
				t.Fatalf("line %d: %s is %v, want a list", i+1, f, d[f])
			}
		}
		for _, tp := range d["topics"].([]any) {
			topicsSeen[tp.(string)] = true
		}
		if len(d["date"].(string)) != len("2006-01-02") {
			t.Fatalf("line %d: date %q", i+1, d["date"])
		}
		body += len(d["body"].(string))
	}
	if mean := body / len(lines); mean < 2200 || mean > 2800 {
		t.Errorf("mean body %d bytes, want about 2,500", mean)
	}
	if len(topicsSeen) != 18 {
		t.Errorf("got %d topics, want the 18 of the taxonomy", len(topicsSeen))
	}
}

func TestQueries(t *testing.T) {
	lines := strings.Split(strings.TrimSpace(string(generate(t, "-nq", "200", "-queries"))), "\n")
	if len(lines) != 200 {
		t.Fatalf("got %d queries, want 200", len(lines))
	}
	filtered := 0
	for _, l := range lines {
		var q query
		if err := json.Unmarshal([]byte(l), &q); err != nil {
			t.Fatal(err)
		}
		if n := len(strings.Fields(q.Q)); n < 1 || n > 3 {
			t.Errorf("query %q has %d words, want 1-3", q.Q, n)
		}
		if q.Filter != nil {
			filtered++
			if f := q.Filter.Field; f != "countries" && f != "officials" && f != "topics" {
				t.Errorf("filter field %q", f)
			}
		}
	}
	if filtered < 25 || filtered > 60 {
		t.Errorf("%d of 200 queries filtered, want about 20%%", filtered)
	}
}

func TestParseCount(t *testing.T) {
	for in, want := range map[string]int{"10k": 10000, "100k": 100000, "1M": 1000000, "2500": 2500} {
		if got, err := parseCount(in); err != nil || got != want {
			t.Errorf("parseCount(%q): got %d, %v; want %d", in, got, err, want)
		}
	}
	if _, err := parseCount("lots"); err == nil {
		t.Error(`parseCount("lots"): want an error`)
	}
}
