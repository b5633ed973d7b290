// Package search holds Accord's engine-neutral vocabulary: the Document that
// the indexer produces, the Query that the web layer builds from a URL, the
// Result that an engine returns, and the one Engine interface that every
// backend (search/bleve, search/meili) implements.
//
// Nothing here imports a search engine or a web framework; imports flow
// web → search ← indexer, and only cmd/* wires a concrete backend.
package search
