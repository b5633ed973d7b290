package extract_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/accord-search/accord/indexer/extract"
	"github.com/accord-search/accord/search"
)

// floorTypeMacroF1 is the floor of the document type classifier on the
// labeled pages (testdata/types.tsv, our own labels).
const floorTypeMacroF1 = 0.60

// TestTypeQuality scores Extractor.Type against our hand labels of the
// seed and dev pages: accuracy and macro F1 over the types.
func TestTypeQuality(t *testing.T) {
	root := filepath.Join(sharedDir(), "corpus")
	if _, err := os.Stat(root); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("shared corpus not found at %s (set ACCORD_SHARED): %v", root, err)
		}
		t.Skipf("shared corpus not found at %s (set ACCORD_SHARED to run the type quality test)", root)
	}
	raw, err := os.ReadFile(filepath.Join("testdata", "types.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	gold := map[string]string{}
	for _, ln := range strings.Split(string(raw), "\n") {
		if ln = strings.TrimSpace(ln); ln == "" || strings.HasPrefix(ln, "#") {
			continue
		}
		id, typ, ok := strings.Cut(ln, "\t")
		if !ok || !contains(search.DocumentTypes, typ) {
			t.Fatalf("types.tsv: bad line %q", ln)
		}
		gold[id] = typ
	}
	x, err := extract.Load()
	if err != nil {
		t.Fatal(err)
	}
	tp, fp, fn := map[string]int{}, map[string]int{}, map[string]int{}
	right, n := 0, 0
	for _, dir := range []string{"seeds", "dev"} {
		for _, lab := range readLabels(t, filepath.Join(root, dir, "labels.jsonl")) {
			want, ok := gold[lab.ID]
			if !ok {
				t.Errorf("%s: no type label in testdata/types.tsv", lab.ID)
				continue
			}
			a, ok := cleanPage(t, filepath.Join(root, dir), lab)
			if !ok {
				continue
			}
			got := x.Type(a.Title, a.Body, a.Source)
			n++
			if got == want {
				right++
				tp[want]++
				continue
			}
			fp[got]++
			fn[want]++
			if testing.Verbose() {
				t.Logf("%s type: want %q got %q", lab.ID, want, got)
			}
		}
	}
	var sum float64
	var used []string
	for _, typ := range search.DocumentTypes {
		if tp[typ]+fp[typ]+fn[typ] == 0 {
			continue
		}
		p, r, f1 := prf(tp[typ], fp[typ], fn[typ])
		t.Logf("type %-24s precision %.3f recall %.3f F1 %.3f  (tp %d fp %d fn %d)", typ, p, r, f1, tp[typ], fp[typ], fn[typ])
		sum += f1
		used = append(used, typ)
	}
	sort.Strings(used)
	macro := sum / float64(max(len(used), 1))
	t.Logf("type       accuracy %d/%d = %.3f, macro F1 %.3f over %d types", right, n, float64(right)/float64(max(n, 1)), macro, len(used))
	if macro < floorTypeMacroF1 {
		t.Errorf("type macro F1 = %.3f, want >= %.2f", macro, floorTypeMacroF1)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
