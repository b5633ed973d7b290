// Package dedup finds near-duplicate documents: the same release
// reprinted by several sites, with different navigation and footers
// around it. It compares word shingles with MinHash and locality-
// sensitive hashing, then confirms candidates by exact Jaccard similarity.
package dedup
