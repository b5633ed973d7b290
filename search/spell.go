package search

import "context"

// Speller is an optional Engine interface for "did you mean": it proposes
// spellings of a word from the words of the indexed documents themselves,
// so suggestions follow the corpus rather than a fixed list.
type Speller interface {
	// Spell returns up to limit indexed words within maxEdits edits
	// (insertions, deletions, substitutions) of word, lowercased as the
	// documents write them, fewest edits first, then those more documents
	// contain. A word the index holds comes back itself with zero edits.
	// Results may be cached until the documents change. A wrapper whose
	// engine cannot spell answers errors.ErrUnsupported (also for limit 0,
	// which callers use to probe).
	Spell(ctx context.Context, word string, maxEdits, limit int) ([]Spelling, error)
}

// Spelling is one word Speller proposes.
type Spelling struct {
	Word  string
	Edits int
	// Docs is how many documents contain the word (its stem, for engines
	// that stem).
	Docs int
}
