package search

import (
	"fmt"
	"time"
)

// DateLayout is the layout of a full publication date in a Document.
const DateLayout = "2006-01-02"

// Document is one cleaned article as it is stored in an engine.
type Document struct {
	// ID is stable across runs: derived from the document's path (and line
	// for JSON Lines) so that re-indexing replaces rather than duplicates.
	ID    string `json:"id"`
	Title string `json:"title"`
	Body  string `json:"body"`
	URL   string `json:"url,omitempty"`
	// Source is the publisher ("U.S. Department of Homeland Security").
	Source string `json:"source,omitempty"`
	// Date is the publication date the page states: "YYYY-MM-DD", or
	// "YYYY-MM" / "YYYY" when only that is known, or empty.
	Date          string   `json:"date,omitempty"`
	Countries     []string `json:"countries"`
	Officials     []string `json:"officials"`
	Topics        []string `json:"topics"`
	Organizations []string `json:"organizations,omitempty"`
	Lang          string   `json:"lang,omitempty"`
	// Path is the file the document came from, relative to the corpus root;
	// for JSON Lines it is "file.jsonl:LINE".
	Path string `json:"path"`
	// AlsoPublished lists near-duplicate copies of this document that were
	// folded into it instead of being indexed separately.
	AlsoPublished []Copy `json:"also_published,omitempty"`
	// Hash fingerprints the source content and extraction version; the
	// indexer compares it to skip unchanged documents.
	Hash string `json:"hash,omitempty"`
}

// Copy is a reprint of a document published elsewhere.
type Copy struct {
	Source string `json:"source,omitempty"`
	URL    string `json:"url,omitempty"`
	Path   string `json:"path"`
}

// Values returns the document's values for facet f.
func (d *Document) Values(f Facet) []string {
	switch f {
	case FacetCountry:
		return d.Countries
	case FacetOfficial:
		return d.Officials
	case FacetTopic:
		return d.Topics
	}
	return nil
}

// Time returns the start of the document's date (the first day of the month
// or year for partial dates) and false when the document has no valid date.
func (d *Document) Time() (time.Time, bool) {
	t, err := ParseDate(d.Date)
	return t, err == nil && !t.IsZero()
}

// Year returns the document's year as a string, or "" when it has no date.
func (d *Document) Year() string {
	if t, ok := d.Time(); ok {
		return t.Format("2006")
	}
	return ""
}

// ParseDate parses "YYYY-MM-DD", "YYYY-MM" or "YYYY" into the first instant
// of that period in UTC. The empty string yields the zero time and no error.
func ParseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{DateLayout, "2006-01", "2006"} {
		if len(s) == len(layout) {
			if t, err := time.Parse(layout, s); err == nil {
				return t, nil
			}
		}
	}
	return time.Time{}, fmt.Errorf("date %q: want YYYY-MM-DD, YYYY-MM or YYYY", s)
}
