package bleve

import (
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	blevelib "github.com/blevesearch/bleve/v2"
)

// TestSchemaChangeRebuilds: a generation written with another schema
// version is not served; OpenCurrent starts a fresh one instead.
func TestSchemaChangeRebuilds(t *testing.T) {
	root := t.TempDir()
	old := filepath.Join(root, "gen-old")
	idx, err := blevelib.New(old, newMapping())
	if err != nil {
		t.Fatal(err)
	}
	idx.SetInternal(internalSchemaKey, []byte("accord-bleve-0"))
	idx.Close()
	if _, err := Open(old); !errors.Is(err, ErrSchemaChanged) {
		t.Fatalf("Open: got %v, want ErrSchemaChanged", err)
	}
	st := Store{Root: root}
	if err := os.WriteFile(filepath.Join(root, currentFile), []byte("gen-old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cur, fresh, err := st.OpenCurrent(slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer cur.Close()
	if !fresh || cur.Dir() == old {
		t.Errorf("OpenCurrent: fresh %v dir %s; want a fresh generation", fresh, cur.Dir())
	}
}
