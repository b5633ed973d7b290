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
