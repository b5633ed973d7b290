package meili

import (
	"strings"

	"github.com/accord-search/accord/search"
	"github.com/meilisearch/meilisearch-go"
)

// Attribute names in the Meilisearch index. They are the JSON names of
// search.Document's fields plus the two derived date fields.
const (
	attrID        = "id"
	attrTitle     = "title"
	attrBody      = "body"
	attrSource    = "source"
	attrCountries = "countries"
	attrOfficials = "officials"
	attrTopics    = "topics"
	attrType      = "type"
	attrHash      = "hash"
	// attrDateTS is the publication date in Unix seconds: Meilisearch has no
	// date type, and a number can be range-filtered and sorted.
	attrDateTS = "date_ts"
	// attrYear is the publication year as a string, for the year facet.
	attrYear = "year"
)

// facetAttr maps each search facet to its filterable attribute.
var facetAttr = map[search.Facet]string{
	search.FacetCountry:  attrCountries,
	search.FacetOfficial: attrOfficials,
	search.FacetTopic:    attrTopics,
	search.FacetType:     attrType,
	// The publisher facet is the document's source.
	search.FacetPublisher: attrSource,
}

// Search-time constants.
const (
	// preTag and postTag are private-use characters that cannot be confused
	// with text or markup; see highlight.go.
	preTag  = "\uE000"
	postTag = "\uE001"
	// cropWords is the length of the body snippet, in words.
	cropWords = 30
	// cropMarker marks text cut from the snippet.
	cropMarker = "…"
)

// Index-time constants.
const (
	// maxValuesPerFacet is how many values per facet Meilisearch returns; a
	// Query.FacetSize above it is capped by the server.
	maxValuesPerFacet = search.FacetSize
	// maxTotalHits is pagination.maxTotalHits: one more than the window.
	maxTotalHits = search.MaxWindow + 1
	// oneTypo and twoTypos are the word lengths from which one and two typos
	// are tolerated (Meilisearch's defaults, stated so both engines agree).
	oneTypo  = 5
	twoTypos = 9
)

// displayedAttributes lists what Meilisearch returns: every stored field of
// search.Document. date_ts and year are left out; they are derived.
var displayedAttributes = []string{
	attrID, attrTitle, attrBody, "url", attrSource, "date",
	"date_source", attrCountries, attrOfficials, attrTopics, attrType, "organizations", "lang",
	"path", "also_published", attrHash, "title_derived", "roles", "evidence",
}

// hitAttributes are the attributes a search hit carries: those of a
// search.Hit's Document except the body (the hit shows its cropped,
// highlighted _formatted body, which Meilisearch returns whether or not
// the body is retrieved) and the fields only a document page needs. The
// same fields as the Bleve backend's hits.
var hitAttributes = []string{
	attrID, attrTitle, "url", attrSource, "date", attrCountries, attrOfficials, attrTopics, attrType,
	"title_derived", "roles", "path", "lang",
}

// settings returns the index settings. Settings is sent as a PATCH, so
// every field we rely on is set explicitly.
func settings() *meilisearch.Settings {
	return &meilisearch.Settings{
		// Meilisearch's default rules ("attribute" is accepted by every 1.x
		// server) with one change: "sort" comes first, so that a query that
		// asks for a date order (newest, oldest, browsing) gets exactly that
		// order, as with Bleve. A query without a sort skips the rule, so
		// relevance ranking is unchanged.
		RankingRules:         []string{"sort", "words", "typo", "proximity", "attribute", "exactness"},
		SearchableAttributes: []string{attrTitle, attrBody}, // order is priority
		DisplayedAttributes:  displayedAttributes,
		// id is filterable so that Get is a search (see read.go).
		FilterableAttributes: []string{attrID, attrCountries, attrOfficials, attrTopics, attrType, attrDateTS, attrYear, attrSource},
		SortableAttributes:   []string{attrDateTS},
		StopWords:            stopWords,
		// TypoTolerance has no omitempty: nil slices would be sent as null
		// (which resets them), so the whole struct is sent with empty lists.
		TypoTolerance: &meilisearch.TypoTolerance{
			Enabled:             true,
			MinWordSizeForTypos: meilisearch.MinWordSizeForTypos{OneTypo: oneTypo, TwoTypos: twoTypos},
			DisableOnWords:      []string{},
			DisableOnAttributes: []string{},
		},
		// Totals count one past the window, so that a total above it is
		// known to be one (search.Result.TotalCapped); pages never reach
		// past the window (search.Query.Window).
		Pagination: &meilisearch.Pagination{MaxTotalHits: maxTotalHits},
		// Count order, so that when a facet has more values than the cap the
		// most frequent ones are returned, not the alphabetically first.
		Faceting: &meilisearch.Faceting{
			MaxValuesPerFacet: maxValuesPerFacet,
			SortFacetValuesBy: map[string]meilisearch.SortFacetType{"*": meilisearch.SortFacetTypeCount},
		},
	}
}

// stored is a search.Document as it is sent to Meilisearch: the document's
// own fields plus the derived date fields.
type stored struct {
	search.Document
	// DateTS is a pointer so that 1970-01-01 (0) is still sent.
	DateTS *int64 `json:"date_ts,omitempty"`
	Year   string `json:"year,omitempty"`
}

// toStored derives the stored form of d. Documents without a valid date get
// neither date_ts nor year: they match no date range and sort last.
func toStored(d search.Document) stored {
	// The highlight markers must only ever come from Meilisearch.
	d.Title = stripMarkers(d.Title)
	d.Body = stripMarkers(d.Body)
	s := stored{Document: d}
	if t, ok := d.Time(); ok {
		ts := t.Unix()
		s.DateTS = &ts
		s.Year = d.Year()
	}
	return s
}

// stripMarkers removes the highlight marker characters from s.
func stripMarkers(s string) string {
	if !strings.ContainsAny(s, preTag+postTag) {
		return s
	}
	return strings.NewReplacer(preTag, "", postTag, "").Replace(s)
}

// validID reports whether id is a valid Meilisearch document id: 1 to 511
// bytes of [A-Za-z0-9_-]. Checking it ourselves turns a failed task into a
// clear error before anything is sent, and keeps ids safe in URL paths (the
// SDK does not escape them).
func validID(id string) bool {
	return len(id) <= 511 && idAlphabet(id)
}

// maxIndexUID is the longest index uid Meilisearch v1.24 accepts, in bytes
// (meilisearch-types index_uid.rs).
const maxIndexUID = 400

// validIndex reports whether uid is a valid index uid: 1 to maxIndexUID
// bytes of the same alphabet.
func validIndex(uid string) bool {
	return len(uid) <= maxIndexUID && idAlphabet(uid)
}

// idAlphabet reports whether s is non-empty and only has [A-Za-z0-9_-].
func idAlphabet(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_':
		default:
			return false
		}
	}
	return true
}
