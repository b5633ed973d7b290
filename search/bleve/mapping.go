package bleve

import (
	"github.com/blevesearch/bleve/v2"
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/keyword" // facet fields
	"github.com/blevesearch/bleve/v2/mapping"
)

// SchemaVersion names the index layout below. Bump it whenever the mapping
// or the stored fields change: an index with another version is rebuilt.
const SchemaVersion = "accord-bleve-10"

// Field names in the index.
const (
	fieldTitle     = "title"
	fieldBody      = "body"
	fieldURL       = "url"
	fieldSource    = "source"
	fieldDate      = "date"     // datetime, for range filters and sorting
	fieldDateText  = "date_str" // the document's date as written (may be partial)
	fieldCountries = "countries"
	fieldOfficials = "officials"
	fieldTopics    = "topics"
	fieldType      = "type"
	// fieldTitleDerived is "true" for a title made from the text.
	fieldTitleDerived = "title_derived"
	fieldRoles        = "roles"    // JSON of Document.Roles
	fieldEvidence     = "evidence" // JSON of Document.Evidence, stored only
	fieldOrgs         = "organizations"
	fieldLang         = "lang"
	fieldPath         = "path"
	fieldHash         = "hash"
	fieldCopies       = "copies" // JSON of Document.AlsoPublished
	fieldDateFrom     = "date_source"
	// fieldSortKey is "YYYYMMDD ID" of dated documents: one short term
	// that orders by date, then ID. Sorting on it reads one doc value per
	// hit, where the datetime field holds 16 prefix-coded terms per
	// document and the ID is a stored field that must be decompressed.
	fieldSortKey = "sort_key"
	// fieldFacets holds every facet value and the year of a document as
	// "facet\x1fvalue" ("country\x1fMexico", "year\x1f2023"), for doc
	// values only: counting all facets of a match then reads one doc value
	// per document instead of four. The facet fields themselves are
	// indexed (for filters) and stored (for hits), without doc values.
	fieldFacets = "facets"
)

// facetSep separates a facet's name from its value in fieldFacets.
const facetSep = "\x1f"

// facetField maps a facet to its keyword field.
var facetField = map[string]string{
	"country":   fieldCountries,
	"official":  fieldOfficials,
	"topic":     fieldTopics,
	"type":      fieldType,
	"publisher": fieldSource,
}

// newMapping builds the static index mapping: English analysis for text
// (textAnalyzerName), keyword fields for facets, BM25 scoring.
func newMapping() *mapping.IndexMappingImpl {
	text := func(docValues bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = textAnalyzerName
		f.Store = true
		f.IncludeTermVectors = true // highlighting needs term positions
		f.IncludeInAll = false
		f.DocValues = docValues
		return f
	}
	keyword := func(index, docValues bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store = true
		f.Index = index
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = docValues
		return f
	}
	// The date is for range filters only (sorting uses fieldSortKey):
	// no stored value and no doc values, which would hold 16
	// prefix-coded terms per document.
	date := bleve.NewDateTimeFieldMapping()
	date.Store = false
	date.IncludeInAll = false
	date.DocValues = false

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldTitle, text(false))
	// The body has no doc values: nothing sorts or facets on it, and
	// leaving them out makes the index markedly smaller.
	doc.AddFieldMappingsAt(fieldBody, text(false))
	doc.AddFieldMappingsAt(fieldDate, date)
	for _, f := range []string{fieldOrgs, fieldLang, fieldPath} {
		doc.AddFieldMappingsAt(f, keyword(true, false))
	}
	// Facet filters compare normalized values (see facetAnalyzerName);
	// the stored value is the document's own. The source is the
	// publisher facet.
	for _, f := range []string{fieldCountries, fieldOfficials, fieldTopics, fieldType, fieldSource} {
		m := keyword(true, false)
		m.Analyzer = facetAnalyzerName
		doc.AddFieldMappingsAt(f, m)
	}
	for _, f := range []string{fieldURL, fieldHash, fieldCopies, fieldDateText, fieldTitleDerived, fieldRoles, fieldEvidence, fieldDateFrom} {
		doc.AddFieldMappingsAt(f, keyword(false, false))
	}
	// The facet values and the sort key are read by doc value only:
	// nothing needs them stored.
	for _, f := range []string{fieldFacets, fieldSortKey} {
		m := keyword(true, true)
		m.Store = false
		doc.AddFieldMappingsAt(f, m)
	}

	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = textAnalyzerName
	m.ScoringModel = "bm25"
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m
}
