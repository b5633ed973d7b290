// Package bleve is Accord's embedded search engine: a Bleve v2 (scorch)
// index kept on disk, reopened on restart without re-indexing.
//
// The schema is explicit and versioned (SchemaVersion); opening an index
// written with another version fails with ErrSchemaChanged so that the
// caller rebuilds it. Text search follows Meilisearch's rules so that both
// backends answer alike: every word must match (stop words aside), one typo
// from 5 letters and two from 9, and a prefix match on the last word.
package bleve
