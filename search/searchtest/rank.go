package searchtest

import "github.com/accord-search/accord/search"

// RankDocuments is the fixture of the ranking cases: short texts built so
// that Meilisearch's rules (words, typo, proximity, attribute, exactness)
// decide the order, with no tie left to a scoring formula.
func RankDocuments() []search.Document {
	doc := func(id, date, title, body string, countries []string, officials []string) search.Document {
		return search.Document{ID: id, Title: title, Body: body, Date: date, Source: "Fixture Press",
			Countries: countries, Officials: officials, Topics: []string{"Maritime and Arctic"}, Path: "rank/" + id + ".txt"}
	}
	none := []string{}
	return []search.Document{
		doc("r01", "2020-01-01", "Harbor patrol vessels commissioned", "New vessels joined the patrol fleet.", []string{"Canada"}, none),
		doc("r02", "2020-02-01", "Regional cooperation update", "The harbor patrol met partners. Vessels were inspected.", []string{"Mexico"}, none),
		doc("r03", "2020-03-01", "Training exercise", "The coast guard trained near the harbor.", []string{"Canada"}, none),
		doc("r04", "2020-04-01", "Annual report", "The coast was calm; a guard stood watch at the harbor patrol station.", []string{"Finland"}, none),
		doc("r05", "2020-05-01", "Icebreaker procurement", "An icebreaker will serve the coast.", []string{"Finland"}, none),
		doc("r06", "2020-06-01", "Cutter deployment", "A cutter sailed along the coast.", []string{"Mexico"}, none),
		doc("r07", "2020-07-01", "Secretary visits harbor", "The Secretary toured it with local officials.", []string{"Mexico"}, []string{"Janet Napolitano"}),
		doc("r08", "2020-08-01", "Patrol vessels abroad", "Patrol vessels trained with partners on the coast.", []string{"Canada"}, none),
		// BM25 prefers r10 (the words three times each, a short text);
		// the rules prefer r09 (the words adjacent) and exact words over
		// r11's typo in the title.
		doc("r09", "2020-09-01", "Weekly digest", "A lantern signal was seen once during the long night over the quiet bay near the town.", []string{"Japan"}, none),
		doc("r10", "2020-10-01", "Night watch", "Lantern lantern lantern beacon beacon beacon signal signal signal.", []string{"Japan"}, none),
		doc("r11", "2020-11-01", "Lanten festival", "Crowds gathered downtown.", []string{"Japan"}, none),
	}
}

// Features an engine may lack; Run skips the cases that need them when
// told so (see Without).
const (
	// FeatureOr is OR between words.
	FeatureOr = "or"
	// FeatureEntities is Query.Entities.
	FeatureEntities = "entities"
)

var napolitano = []search.Entity{{Words: "napolitano", Facet: search.FacetOfficial, Value: "Janet Napolitano"}}

// RankCases check the matching strategies, the ranking rules and the
// query syntax on RankDocuments. Groups lists the hits in order, each
// group compared as a set (the rules leave its order to the engine).
var RankCases = []Case{
	{Name: "last: documents lacking the last words follow, in order", Query: search.Query{Text: "harbor patrol vessels"},
		TextMatches: []string{"r01", "r02", "r03", "r04", "r07"}, Groups: [][]string{{"r01"}, {"r02"}, {"r04"}, {"r07"}, {"r03"}}, WantTotal: 5},
	{Name: "all: every word is required", Query: search.Query{Text: "harbor patrol vessels", Match: search.MatchAll},
		TextMatches: []string{"r01", "r02"}, Groups: [][]string{{"r01"}, {"r02"}}, WantTotal: 2},
	{Name: "last keeps the first word", Query: search.Query{Text: "coast cutter"},
		TextMatches: []string{"r03", "r04", "r05", "r06", "r08"}, Groups: [][]string{{"r06"}, {"r03", "r04", "r05", "r08"}}, WantTotal: 5},
	{Name: "frequency keeps the rarest word", Query: search.Query{Text: "coast cutter", Match: search.MatchFrequency},
		TextMatches: []string{"r06"}, Groups: [][]string{{"r06"}}, WantTotal: 1},
	{Name: "attribute: title over body", Query: search.Query{Text: "harbor "},
		TextMatches: []string{"r01", "r02", "r03", "r04", "r07"}, Groups: [][]string{{"r01", "r07"}, {"r02", "r03", "r04"}}, WantTotal: 5},
	{Name: "proximity: adjacent words first", Query: search.Query{Text: "coast guard "},
		TextMatches: []string{"r03", "r04", "r05", "r06", "r08"}, Groups: [][]string{{"r03"}, {"r04"}, {"r05", "r06", "r08"}}, WantTotal: 5},
	{Name: "phrase", Query: search.Query{Text: `"coast guard"`},
		TextMatches: []string{"r03"}, Groups: [][]string{{"r03"}}, WantTotal: 1},
	{Name: "exclude a word", Query: search.Query{Text: "harbor -patrol"},
		TextMatches: []string{"r03", "r07"}, Groups: [][]string{{"r07"}, {"r03"}}, WantTotal: 2},
	{Name: "exclude a phrase", Query: search.Query{Text: `coast -"coast guard"`},
		TextMatches: []string{"r04", "r05", "r06", "r08"}, Groups: [][]string{{"r04", "r05", "r06", "r08"}}, WantTotal: 4},
	{Name: "exclusion with a filter", Query: search.Query{Text: "harbor -patrol", Filters: filters("country", "Mexico")},
		TextMatches: []string{"r03", "r07"}, Groups: [][]string{{"r07"}}, WantTotal: 1},
	{Name: "only exclusions browse the rest, newest first", Query: search.Query{Text: "-coast -patrol"},
		TextMatches: []string{"r07", "r09", "r10", "r11"}, Groups: [][]string{{"r11"}, {"r10"}, {"r09"}, {"r07"}}, WantTotal: 4},
	{Name: "proximity before word counts (BM25)", Query: search.Query{Text: "lantern signal "},
		TextMatches: []string{"r09", "r10", "r11"}, Groups: [][]string{{"r09"}, {"r10"}, {"r11"}}, WantTotal: 3},
	{Name: "typo before attribute", Query: search.Query{Text: "lantern "},
		TextMatches: []string{"r09", "r10", "r11"}, Groups: [][]string{{"r09", "r10"}, {"r11"}}, WantTotal: 3},
	{Name: "OR matches either word", Query: search.Query{Text: "icebreaker OR cutter "}, Needs: FeatureOr,
		TextMatches: []string{"r05", "r06"}, Groups: [][]string{{"r05", "r06"}}, WantTotal: 2},
	{Name: "entity: a value carried counts as the word", Query: search.Query{Text: "napolitano harbor", Match: search.MatchAll, Entities: napolitano}, Needs: FeatureEntities,
		TextMatches: []string{"r07"}, Groups: [][]string{{"r07"}}, WantTotal: 1},
	{Name: "entity: ranked as a match of the word", Query: search.Query{Text: "harbor napolitano", Entities: napolitano}, Needs: FeatureEntities,
		TextMatches: []string{"r01", "r02", "r03", "r04", "r07"}, Groups: [][]string{{"r07"}, {"r01"}, {"r02", "r03", "r04"}}, WantTotal: 5},
	{Name: "entity words absent without the entity", Query: search.Query{Text: "napolitano harbor", Match: search.MatchAll},
		TextMatches: []string{}, Groups: [][]string{}, WantTotal: 0},
	{Name: "second page continues the buckets", Query: search.Query{Text: "harbor patrol vessels", Page: 2, PerPage: 2},
		TextMatches: []string{"r01", "r02", "r03", "r04", "r07"}, Groups: [][]string{{"r04"}, {"r07"}}, WantTotal: 5},
}
