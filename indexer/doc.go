// Package indexer turns a corpus directory into search documents and
// sends them to an engine: sources → clean → extract → dedup → batches.
//
// Runs are idempotent and incremental: document IDs are stable (derived
// from paths), every document carries a hash of its source and of the
// extraction version, and only documents whose hash differs from what the
// engine holds are sent. Since the engine's own inventory is the truth, an
// interrupted run converges on the next one.
package indexer
