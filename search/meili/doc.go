// Package meili is Accord's Meilisearch backend: an implementation of
// search.Engine (plus search.Getter, search.Inventory and search.Counter)
// over github.com/meilisearch/meilisearch-go.
//
// Open builds an Engine without contacting the server, so the web server can
// start while Meilisearch is down; calls then fail with search.ErrUnavailable
// until it is back. Setup creates the index and applies the settings in
// schema.go; the indexer calls it before Index.
//
// Every search.Query is translated into one multi-search request by a pure
// function (buildSearch, in request.go; see below for OR and entities): a main query for the hits and for
// the counts of facets without a selection, plus one hits-less query per
// facet that has a selection, carrying every filter except its own
// (disjunctive counts: OR within a facet, AND across facets). Filter values
// are always double-quoted and escaped by one helper (filter.go).
//
// Matching and ranking are Meilisearch's own: the query's matching strategy
// (search.Query.Match, "last" by default) is sent as matchingStrategy, and
// the ranking rules are Meilisearch's defaults with "sort" first (schema.go).
// The query text is sent as typed: Meilisearch reads "phrases", -word and
// -"phrase" itself. Meilisearch has no OR operator ("or" is a stop word)
// and no notion of search.Query.Entities, so a text with OR groups or with
// entity words is expanded into variants (federate.go): one text per
// choice of alternative, and for each entity either its words or, instead
// of them, a filter Facet = "Value" ("harbor napolitano" becomes "harbor
// napolitano" plus "harbor" filtered on officials = "Janet Napolitano").
// The variants go in one federated multi-search (POST /multi-search with
// "federation", v1.10 and later): the server merges their hits by ranking
// score (by the sort first, when sorting by date), keeps each document
// once, returns the size of the union as estimatedTotalHits, and counts
// federation.facetsByIndex over the union (mergeFacets gives one
// facetDistribution). Federation cannot mix with plain queries in one
// request, so the disjunctive counts of each facet with a selection take
// one more federated request each (the same variants, every filter but
// that facet's). Pagination is the federation's offset and limit.
//
// The Bleve engine follows the same rules; what differs:
//
//   - More than 8 variants (e.g. three OR groups of two words and an
//     entity): the text is sent as typed, so OR means the plain words and
//     the entities are ignored.
//   - An entity's variant is a shorter query, ranked by the same rules
//     over its remaining words: a document that matches through the value
//     ranks with the documents having all the words (as Bleve ranks it),
//     but its proximity, typo and exactness come from the remaining words
//     only. A query that is only entity words has an empty variant (a
//     placeholder search), whose hits should follow the text matches (a
//     hit without ranking details loses the merge; read from upstream
//     federated/weighted_scores.rs, not seen live). Under "last" each
//     variant drops its own last words.
//   - The total is the size of the variants' union (upstream counts the
//     union of their candidates); past 1,000 it is capped and marked as
//     for any search.
//   - An entity inside an OR group or a phrase is not expanded (Bleve's
//     reading of the same text may differ there).
//   - Exclusions: Meilisearch excludes the exact word; Bleve excludes the
//     word's English stem (-migrants also excludes "migrant").
//   - Within a bucket of the words rule Bleve re-ranks only the best
//     candidates by BM25 (see search/bleve), and it counts proximity in
//     positions without Meilisearch's jump at sentence ends.
//
// The conformance suite's OR and entity cases run on this engine too: on
// the fake (TestConformanceFake, hits as a set) and live when MEILI_URL is
// set. No live run has been made here (no server can run on the
// development machines).
//
// Meilisearch does not HTML-escape its highlighted _formatted text, so the
// engine asks for private-use marker characters as highlight tags, escapes
// the whole string and only then turns the markers into <mark> (highlight.go).
//
// Writes are asynchronous in Meilisearch: every write returns a task, and
// the engine waits for each task and reports a failed task as an error, so
// Index and Delete return only once the change is searchable.
//
// The contract tests run against an httptest server that checks the exact
// requests; live_test.go runs the shared conformance suite (search/searchtest)
// against a real server when MEILI_URL is set.
package meili
