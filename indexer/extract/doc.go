// Package extract finds the facets of a cleaned article: the countries it
// names, the office holders it mentions, the organizations, and which of the
// 18 fixed topics it substantively addresses.
//
// Everything the extractor knows lives in embedded data files under data/:
// a gazetteer of countries with aliases and demonyms, officials with their
// surname and given-name forms, organizations, blocking phrases ("Mexico
// City" does not name Mexico), title words for finding office holders who
// are not in the gazetteer, and weighted topic rules. Load parses them once;
// Extract is deterministic and safe for concurrent use.
//
// Text is folded (diacritics removed, lowercased) before matching, so
// "Andres Manuel Lopez Obrador" finds "Andrés Manuel López Obrador"; facet
// values always come out in their canonical spelling.
package extract
