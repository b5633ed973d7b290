// Package searchtest is the conformance suite every search.Engine runs:
// the same fixture corpus in, the same hits and facet counts out.
//
// Expected hit sets are written by hand per case (which documents the
// text matches, and in which order where the order is defined); the facet
// counts they imply are computed from the fixture by a small reference
// implementation of the query semantics (OR within a facet, AND across
// facets, disjunctive counts), independent of any engine.
package searchtest
