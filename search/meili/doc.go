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
// function (buildSearch, in request.go): a main query for the hits and for
// the counts of facets without a selection, plus one hits-less query per
// facet that has a selection, carrying every filter except its own
// (disjunctive counts: OR within a facet, AND across facets). Filter values
// are always double-quoted and escaped by one helper (filter.go).
//
// Matching and ranking are Meilisearch's own: the query's matching strategy
// (search.Query.Match, "last" by default) is sent as matchingStrategy, and
// the ranking rules are Meilisearch's defaults with "sort" first (schema.go).
// The query text is sent as typed: Meilisearch reads "phrases", -word and
// -"phrase" itself. The Bleve engine follows the same rules; what differs:
//
//   - OR: Meilisearch has no OR operator. "ice OR cbp" is sent as typed and
//     "or" is a stop word, so it means "ice cbp" (both words under "all",
//     "ice" first under "last"), where Bleve matches either word.
//   - search.Query.Entities are not sent: a document that carries an entity
//     value but lacks the words does not match them here.
//   - Exclusions: Meilisearch excludes the exact word; Bleve excludes the
//     word's English stem (-migrants also excludes "migrant").
//   - Within a bucket of the words rule Bleve re-ranks only the best
//     candidates by BM25 (see search/bleve), and it counts proximity in
//     positions without Meilisearch's jump at sentence ends.
//
// The conformance suite's OR and entity cases are skipped on this engine
// with the reason (searchtest.Without).
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
