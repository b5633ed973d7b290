// Package bleve is Accord's embedded search engine: a Bleve v2 (scorch)
// index kept on disk, reopened on restart without re-indexing.
//
// The schema is explicit and versioned (SchemaVersion); opening an index
// written with another version fails with ErrSchemaChanged so that the
// caller rebuilds it. Text search follows Meilisearch's rules so that both
// backends answer alike: every word must match (stop words aside), one typo
// from 5 letters and two from 9 (a typo on the first letter counts as two),
// and a prefix match on the last word.
//
// Performance notes (docs/PERFORMANCE.md has the figures): an index this
// process wrote is merged into one segment when closed; facet doc values
// are stored uncompressed and unchunked; the searches of one query run
// concurrently; what the whole index answers (the empty query, a lone
// facet's own counts) is cached until the index changes; facets are
// counted from the recorded matches with per-value bitmaps or a forward
// index built once per index snapshot (facets.go, snapshot.go), counting
// only the values a page can show and the selected ones; and typo and
// prefix expansions are bounded as in Meilisearch and cached per snapshot.
package bleve
