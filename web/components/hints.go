package components

// Hints explain how a query's words were matched and what they name.
type Hints struct {
	// Matches is the matching choice (most words, all words) for a query
	// of several words; empty for one word.
	Matches []Choice
	// Relaxed says that some or all hits lack some of the words.
	Relaxed string
	// AllWords links to the strict search when some hits have every word.
	AllWords *Suggestion
	// Offers are one-click filters for facet values the words name
	// ("Filter by official: Janet Napolitano").
	Offers []Suggestion
}

// Empty reports whether there is nothing to show.
func (h Hints) Empty() bool {
	return len(h.Matches) == 0 && h.Relaxed == "" && len(h.Offers) == 0
}
