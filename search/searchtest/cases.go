package searchtest

import (
	"time"

	"github.com/accord-search/accord/search"
)

// Case is one conformance case.
type Case struct {
	Name  string
	Query search.Query
	// TextMatches lists the documents the query text matches, ignoring
	// filters; nil means every document (empty text).
	TextMatches []string
	// Ordered means the hits must come in exactly the order of Want.
	Ordered bool
	// Want lists the expected hits of the page; when Ordered is false it
	// is compared as a set.
	Want []string
	// WantTotal is the number of matching documents.
	WantTotal int
	// Groups, when set instead of Want, lists the hits in order in groups
	// compared as sets.
	Groups [][]string
	// Needs names a feature (FeatureOr, FeatureEntities) an engine may
	// lack.
	Needs string
}

var all = []string{"d06", "d01", "d02", "d03", "d10", "d07", "d09", "d04", "d05", "d08"} // newest first, undated last

func day(s string) time.Time {
	t, err := time.Parse(search.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func filters(kv ...string) map[search.Facet][]string {
	m := map[search.Facet][]string{}
	for i := 0; i < len(kv); i += 2 {
		m[search.Facet(kv[i])] = append(m[search.Facet(kv[i])], kv[i+1])
	}
	return m
}

// Cases is the conformance table.
var Cases = []Case{
	{Name: "text only", Query: search.Query{Text: "cybersecurity"},
		TextMatches: []string{"d01", "d07"}, Want: []string{"d01", "d07"}, WantTotal: 2},
	{Name: "one facet value", Query: search.Query{Filters: filters("country", "Mexico")},
		Ordered: true, Want: []string{"d03", "d05"}, WantTotal: 2},
	{Name: "two values of one facet (OR)", Query: search.Query{Filters: filters("country", "Mexico", "country", "Japan")},
		Ordered: true, Want: []string{"d03", "d07", "d05"}, WantTotal: 3},
	{Name: "two facets (AND)", Query: search.Query{Filters: filters("country", "United States", "topic", "Migration")},
		Ordered: true, Want: []string{"d02", "d10", "d04"}, WantTotal: 3},
	{Name: "text and facet", Query: search.Query{Text: "mayorkas", Filters: filters("topic", "Cybersecurity")},
		TextMatches: []string{"d01", "d02", "d03", "d06"}, Want: []string{"d01"}, WantTotal: 1},
	{Name: "date range", Query: search.Query{From: day("2019-01-01"), To: day("2021-10-08")},
		Ordered: true, Want: []string{"d03", "d10", "d07"}, WantTotal: 3},
	{Name: "sort by date, oldest", Query: search.Query{Sort: search.SortOldest, PerPage: 3},
		Ordered: true, Want: []string{"d05", "d04", "d09"}, WantTotal: 10},
	{Name: "sort by date, newest, with text", Query: search.Query{Text: "mayorkas", Sort: search.SortNewest},
		TextMatches: []string{"d01", "d02", "d03", "d06"}, Ordered: true, Want: []string{"d06", "d01", "d02", "d03"}, WantTotal: 4},
	{Name: "second page", Query: search.Query{Page: 2, PerPage: 4},
		Ordered: true, Want: []string{"d10", "d07", "d09", "d04"}, WantTotal: 10},
	{Name: "page past the end", Query: search.Query{Page: 3, PerPage: 10},
		Ordered: true, Want: []string{}, WantTotal: 10},
	{Name: "empty query browses everything, newest first", Query: search.Query{},
		Ordered: true, Want: all, WantTotal: 10},
	{Name: "no match", Query: search.Query{Text: "zzyzxq"},
		TextMatches: []string{}, Want: []string{}, WantTotal: 0},
	{Name: "typo", Query: search.Query{Text: "mayorcas"},
		TextMatches: []string{"d01", "d02", "d03", "d06"}, Want: []string{"d01", "d02", "d03", "d06"}, WantTotal: 4},
	{Name: "prefix on the last word", Query: search.Query{Text: "icebreak"},
		TextMatches: []string{"d06"}, Want: []string{"d06"}, WantTotal: 1},
	{Name: "two words must both match", Query: search.Query{Text: "migration border", Match: search.MatchAll},
		TextMatches: []string{"d02"}, Want: []string{"d02"}, WantTotal: 1},
	{Name: "by default the last word may be missing", Query: search.Query{Text: "migration border "},
		TextMatches: []string{"d02", "d04", "d10"}, Groups: [][]string{{"d02"}, {"d04", "d10"}}, WantTotal: 3},
	{Name: "stop words are not required", Query: search.Query{Text: "the icebreakers"},
		TextMatches: []string{"d06"}, Want: []string{"d06"}, WantTotal: 1},
	{Name: "values with quotes, backslashes and reserved words", Query: search.Query{Filters: filters(
		"official", `Ana "OR" Díaz\`, "topic", `NOT = [x] AND (y)`, "country", "Côte d'Ivoire")},
		Ordered: true, Want: []string{"d09"}, WantTotal: 1},
	{Name: "a value that only looks like another", Query: search.Query{Filters: filters("official", `Ana "OR" Díaz`)},
		Ordered: true, Want: []string{}, WantTotal: 0},
	{Name: "document type facet", Query: search.Query{Filters: filters("type", "Press release")},
		Ordered: true, Want: []string{"d03", "d10", "d07", "d05"}, WantTotal: 4},
	{Name: "document type and country (AND), two types (OR)", Query: search.Query{Filters: filters("type", "Readout", "type", "Joint statement", "country", "Germany")},
		Ordered: true, Want: []string{"d01"}, WantTotal: 1},
	// Issue 11: the query rules of Meilisearch v1.24 (milli's
	// parse_query.rs and its tests stop_words.rs, typo.rs), which the
	// embedded engine follows.
	{Name: "a last word that is a stop word is a prefix", Query: search.Query{Text: "secretary in", Match: search.MatchAll},
		TextMatches: []string{"d01"}, Want: []string{"d01"}, WantTotal: 1},
	{Name: "a stop word followed by a space is dropped", Query: search.Query{Text: "secretary in "},
		TextMatches: []string{"d01", "d02", "d03", "d06"}, Want: []string{"d01", "d02", "d03", "d06"}, WantTotal: 4},
	{Name: "apostrophes split words", Query: search.Query{Text: "don't"},
		TextMatches: []string{"d10"}, Want: []string{"d10"}, WantTotal: 1},
	{Name: "a typographic apostrophe splits words too", Query: search.Query{Text: "victims don’t "},
		TextMatches: []string{"d10"}, Want: []string{"d10"}, WantTotal: 1},
	{Name: "a typo on the first letter counts as two", Query: search.Query{Text: "nayorkas "},
		TextMatches: []string{}, Want: []string{}, WantTotal: 0},
	{Name: "a prefix of one letter", Query: search.Query{Text: "mayorkas b", Match: search.MatchAll},
		TextMatches: []string{"d02", "d03", "d06"}, Want: []string{"d02", "d03", "d06"}, WantTotal: 3},
	{Name: "a prefix of two letters", Query: search.Query{Text: "mayorkas fe", Match: search.MatchAll},
		TextMatches: []string{"d03"}, Want: []string{"d03"}, WantTotal: 1},
	{Name: "only the first ten words count", Query: search.Query{
		Text: "secretary mayorkas minister faeser discussed terrorism cybersecurity critical infrastructure washington zzyzxq", Match: search.MatchAll},
		TextMatches: []string{"d01"}, Want: []string{"d01"}, WantTotal: 1},
	{Name: "a facet value in another case matches", Query: search.Query{Filters: filters("country", "mexico")},
		Ordered: true, Want: []string{"d03", "d05"}, WantTotal: 2},
	{Name: "facet values are trimmed and compatibility-normalized", Query: search.Query{Filters: filters("official", " FERNANDO GO\u0301MEZ-MONT ")},
		Ordered: true, Want: []string{"d05"}, WantTotal: 1},
	{Name: "publisher facet", Query: search.Query{Filters: filters("publisher", "U.S. Department of State")},
		Ordered: true, Want: []string{"d03"}, WantTotal: 1},
	{Name: "publisher and document type (AND)", Query: search.Query{Filters: filters("publisher", "U.S. Department of Homeland Security", "type", "Press release")},
		Ordered: true, Want: []string{"d10", "d07", "d05"}, WantTotal: 3},
	{Name: "two publishers (OR) and a topic (AND)", Query: search.Query{Filters: filters("publisher", "Homeland Newswire", "publisher", "U.S. Department of State", "topic", "Migration")},
		Ordered: true, Want: []string{"d08"}, WantTotal: 1},
	{Name: "publisher with quotes and a backslash", Query: search.Query{Filters: filters("publisher", `Weird "Source" \ Press`)},
		Ordered: true, Want: []string{"d09"}, WantTotal: 1},
	{Name: "non-ASCII value", Query: search.Query{Filters: filters("official", "Fernando Gómez-Mont")},
		Ordered: true, Want: []string{"d05"}, WantTotal: 1},
}
