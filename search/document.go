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
	// TitleDerived means the page showed no headline and Title was made
	// from the text (the lede's first clause).
	TitleDerived bool   `json:"title_derived,omitempty"`
	Body         string `json:"body"`
	URL          string `json:"url,omitempty"`
	// Source is the publisher ("U.S. Department of Homeland Security").
	Source string `json:"source,omitempty"`
	// Date is the publication date the page states: "YYYY-MM-DD", or
	// "YYYY-MM" / "YYYY" when only that is known, or empty.
	Date string `json:"date,omitempty"`
	// DateSource says where Date came from when the page itself does not
	// state it: DateFromFeed for the date of the page's feed item. Empty
	// when the page states its date (or has none).
	DateSource string   `json:"date_source,omitempty"`
	Countries  []string `json:"countries"`
	Officials  []string `json:"officials"`
	Topics     []string `json:"topics"`
	// Type is the kind of document (one of DocumentTypes), or empty.
	Type          string   `json:"type,omitempty"`
	Organizations []string `json:"organizations,omitempty"`
	Lang          string   `json:"lang,omitempty"`
	// Path is the file the document came from, relative to the corpus root;
	// for JSON Lines it is "file.jsonl:LINE".
	Path string `json:"path"`
	// AlsoPublished lists near-duplicate copies of this document that were
	// folded into it instead of being indexed separately.
	AlsoPublished []Copy `json:"also_published,omitempty"`
	// Roles gives the office each official holds, as the text states it,
	// for the officials that have one.
	Roles []Role `json:"roles,omitempty"`
	// Evidence says where each extracted value came from: per field
	// ("countries", "officials", "topics", "date", "title"), per value,
	// the spans of Body that support it. Engines store it; nothing
	// searches it.
	Evidence map[string]map[string][]Span `json:"evidence,omitempty"`
	// Hash fingerprints the source content and extraction version; the
	// indexer compares it to skip unchanged documents.
	Hash string `json:"hash,omitempty"`
}

// Role is an official's office as the text gives it.
type Role struct {
	Official string `json:"official"`
	Role     string `json:"role,omitempty"`
	Country  string `json:"country,omitempty"`
}

// Span is a piece of Body: byte offsets [Start, End) and the text there.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// The Evidence keys.
const (
	EvidenceCountries = "countries"
	EvidenceOfficials = "officials"
	EvidenceTopics    = "topics"
	EvidenceDate      = "date"
	EvidenceTitle     = "title"
)

// DocumentTypes lists the values of Document.Type.
var DocumentTypes = []string{
	"Press release", "Readout", "Joint statement", "Remarks or speech", "Testimony",
	"Interview or transcript", "News report", "Fact sheet", "Opinion or analysis",
}

// RoleOf returns the role of official name, if the document gives one.
func (d *Document) RoleOf(name string) (Role, bool) {
	for _, r := range d.Roles {
		if r.Official == name {
			return r, true
		}
	}
	return Role{}, false
}

// DateFromFeed is the DateSource of a date taken from a feed item.
const DateFromFeed = "feed"

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
	case FacetType:
		if d.Type != "" {
			return []string{d.Type}
		}
	case FacetPublisher:
		if d.Source != "" {
			return []string{d.Source}
		}
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
