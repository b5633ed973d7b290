package indexer

import (
	"time"

	"github.com/accord-search/accord/indexer/clean"
	"github.com/accord-search/accord/indexer/source"
	"github.com/accord-search/accord/search"
)

// withMeta completes a document with what the fetcher recorded about its
// page (m may be nil) and the publisher table:
//   - the address is the canonical URL the fetcher resolved, else the
//     final URL after redirects, else what the page states;
//   - the publisher is the source configuration's, else the table's for
//     a fetched page's address, else the one the page states, else the
//     table's for the address the page states;
//   - the date is the one the page states, else the feed item's, marked
//     DateSource "feed".
//
// It returns the parts of m that the document used, for its hash.
func withMeta(d *search.Document, m *source.Meta) []byte {
	if m == nil {
		if d.Source == "" && d.URL != "" {
			d.Source = clean.PublisherOf(d.URL)
		}
		return []byte(clean.PublishersVersion)
	}
	if a := m.Address(); a != "" {
		d.URL = a
	}
	switch {
	case m.Publisher != "":
		d.Source = m.Publisher
	case clean.PublisherOf(d.URL) != "":
		d.Source = clean.PublisherOf(d.URL)
	}
	if d.Date == "" {
		if day := feedDay(m.FeedDate); day != "" {
			d.Date, d.DateSource = day, search.DateFromFeed
		}
	}
	return []byte(clean.PublishersVersion + "\x00" + d.URL + "\x00" + m.Publisher + "\x00" + m.FeedDate)
}

// feedDay is the calendar day of an RFC 3339 feed date, in the feed's own
// time zone, or "".
func feedDay(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil || t.Year() < 1900 {
		return ""
	}
	return t.Format(search.DateLayout)
}
