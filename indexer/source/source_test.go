package source

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func write(t *testing.T, dir, name string, data []byte) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWalkSkipsBadInputAndGoesOn(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a-good.txt", []byte("Title\n\nBody text."))
	write(t, dir, "b-binary.txt", []byte("PK\x03\x04\x00\x00binary"))
	write(t, dir, "c-latin1.txt", []byte("caf\xe9 au lait"))
	write(t, dir, "d-empty.txt", []byte(" \n\t\n"))
	write(t, dir, "e-huge.html", []byte(strings.Repeat("x", 2000)))
	write(t, dir, "f-page.html", []byte("<html><title>T</title><body><p>Hello</p></body></html>"))
	write(t, dir, "g-export.jsonl", []byte(`{"title":"One","body":"First"}`+"\n"+
		`{"title": broken`+"\n\n"+
		`{"id":"x","text":"Second, in text"}`+"\n"+
		`{"url":"http://example.com"}`+"\n"))
	write(t, dir, "h-empty.jsonl", []byte("\n\n"))
	write(t, dir, "h-labels.jsonl", []byte(`{"id":"x","title":"A label, not a document"}`+"\n"))
	write(t, dir, "notes.md", []byte("ignored: not a corpus format"))
	write(t, dir, "sub/i-deep.txt", []byte("Deep\n\nText"))
	if err := os.Symlink(filepath.Join(dir, "missing"), filepath.Join(dir, "j-gone.txt")); err != nil {
		t.Fatal(err)
	}

	var items []string
	var skips []string
	w := Walker{Root: dir, MaxFileSize: 1000}
	err := w.Walk(t.Context(), func(it Item) error {
		items = append(items, it.Ref())
		return nil
	}, func(s Skip) { skips = append(skips, s.Path+" "+s.Reason) })
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	wantItems := []string{"a-good.txt", "f-page.html", "g-export.jsonl:1", "g-export.jsonl:4", "sub/i-deep.txt"}
	if diff := cmp.Diff(wantItems, items); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	wantSkips := []string{
		"b-binary.txt binary",
		"c-latin1.txt invalid UTF-8",
		"d-empty.txt empty",
		"e-huge.html too large",
		"g-export.jsonl:2 broken JSON line",
		"g-export.jsonl:5 no title or text",
		"h-empty.jsonl empty",
		"h-labels.jsonl not a document export",
		"j-gone.txt unreadable",
	}
	if diff := cmp.Diff(wantSkips, skips); diff != "" {
		t.Errorf("skips (-want +got):\n%s", diff)
	}
}

// TestWalkSkipsFIFOsAndLinksOutOfTheCorpus: a FIFO used to hang the
// walk forever (deaf to signals: the read never returned), and a symbolic
// link to any readable file outside the corpus got it indexed and served.
func TestWalkSkipsFIFOsAndLinksOutOfTheCorpus(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	write(t, outside, "secret.txt", []byte("Not part of the corpus"))
	write(t, dir, "a.txt", []byte("Inside\n\nText"))
	if err := syscall.Mkfifo(filepath.Join(dir, "b-pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, target := range map[string]string{
		"c-out.txt":     filepath.Join(outside, "secret.txt"),
		"d-in.txt":      filepath.Join(dir, "a.txt"),
		"e-relout.txt":  filepath.Join("..", filepath.Base(outside), "secret.txt"),
		"sub-out":       outside, // a directory link is not walked
		"f-dirlink.txt": outside,
	} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	var items, skips []string
	done := make(chan error, 1)
	go func() {
		done <- Walker{Root: dir}.Walk(t.Context(), func(it Item) error {
			items = append(items, it.Ref())
			return nil
		}, func(s Skip) { skips = append(skips, s.Path+" "+s.Reason) })
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Walk hangs on a FIFO")
	}
	if diff := cmp.Diff([]string{"a.txt", "d-in.txt"}, items); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	want := []string{"b-pipe.txt not a regular file", "c-out.txt outside the corpus", "e-relout.txt outside the corpus", "f-dirlink.txt outside the corpus"}
	if diff := cmp.Diff(want, skips); diff != "" {
		t.Errorf("skips (-want +got):\n%s", diff)
	}
}

func TestJSONLKeepsGivenFields(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "x.jsonl", []byte(`{"id":"a1","title":"T","text":"B","countries":["Mexico"],"date":"2021-10-08"}`+"\n"))
	var got *Record
	err := Walker{Root: dir}.Walk(t.Context(), func(it Item) error { got = it.Record; return nil }, func(s Skip) { t.Errorf("skip: %v", s) })
	if err != nil {
		t.Fatal(err)
	}
	want := &Record{ID: "a1", Title: "T", Body: "B", Text: "B", Countries: []string{"Mexico"}, Date: "2021-10-08"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("record (-want +got):\n%s", diff)
	}
}

func TestWalkMissingRoot(t *testing.T) {
	err := Walker{Root: filepath.Join(t.TempDir(), "nope")}.Walk(t.Context(), func(Item) error { return nil }, func(Skip) {})
	if err == nil {
		t.Fatal("Walk of a missing root: got nil error")
	}
}
