// Package metered decorates a search.Engine with Prometheus metrics: how
// long each engine call takes and how it ended, and how many documents the
// engine holds.
//
// It is a decorator, not part of any backend: the server wraps whichever
// engine it opened,
//
//	eng, err := metered.New(idx, registry)
//
// and hands the result to the web server. The metrics are
//
//	accord_engine_request_duration_seconds{op, outcome}  histogram
//	accord_engine_up                                      gauge, 1 when a count succeeds at scrape time
//	accord_index_documents                                gauge, the engine's document count at scrape time
//
// where op is search, get, count, hashes, index or delete, and outcome is
// ok, bad_query, not_found, unavailable, timeout, canceled or error.
package metered
