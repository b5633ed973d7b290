package bleve

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/search/searchtest"
)

func TestSpell(t *testing.T) {
	ctx := context.Background()
	idx, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if err := idx.Index(ctx, searchtest.Documents()); err != nil {
		t.Fatal(err)
	}
	// A misspelled word comes back as the documents write it, not as the
	// stem the index holds ("cybersecur").
	got, err := idx.Spell(ctx, "cybersecurty", 2, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || got[0].Word != "cybersecurity" || got[0].Edits != 1 || got[0].Docs == 0 {
		t.Fatalf("Spell(cybersecurty) = %+v, want cybersecurity with one edit first", got)
	}
	// A known word is itself, with zero edits.
	got, err = idx.Spell(ctx, "Mayorkas", 1, 1)
	if err != nil || len(got) != 1 || got[0].Word != "mayorkas" || got[0].Edits != 0 {
		t.Fatalf("Spell(Mayorkas) = %+v, %v", got, err)
	}
	// Nothing near: nothing proposed.
	if got, err = idx.Spell(ctx, "zzzzqqq", 1, 3); err != nil || len(got) != 0 {
		t.Fatalf("Spell(zzzzqqq) = %+v, %v", got, err)
	}
	// A new generation sees new words (the cache does not hide them).
	if got, _ = idx.Spell(ctx, "icebraker", 1, 1); len(got) != 0 {
		t.Fatalf("before indexing: %+v", got)
	}
	doc := search.Document{ID: "ice", Title: "Icebreakers", Body: "The icebreaker pact was signed.", Date: "2024-07-11", Path: "ice.txt"}
	if err := idx.Index(ctx, []search.Document{doc}); err != nil {
		t.Fatal(err)
	}
	if got, _ = idx.Spell(ctx, "icebraker", 1, 1); len(got) != 1 || got[0].Word != "icebreaker" {
		t.Fatalf("after indexing: %+v", got)
	}
}
