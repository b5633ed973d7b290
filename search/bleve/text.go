package bleve

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Typo thresholds, as in Meilisearch: words shorter than oneTypoMin must
// match exactly; from oneTypoMin letters one typo is allowed, from
// twoTyposMin two.
const (
	oneTypoMin  = 5
	twoTyposMin = 9
	// The last word is matched as a prefix at any length, as Meilisearch
	// does (expansions are bounded: maxPrefixed in typo.go).
	// maxQueryWords: only the first ten words of a query count
	// (Meilisearch's default words_limit); stop words that are dropped do
	// not count, and a phrase counts as one.
	maxQueryWords = 10
)

// Field weights: a match in the title counts more than one in the body,
// and an exact match more than a typo-tolerant or prefix one.
const (
	titleBoost = 3.0
	exactBoost = 2.0
)

var wordTokenizer analysis.Tokenizer = func() analysis.Tokenizer {
	tk, err := registry.NewCache().TokenizerNamed(unicodetok.Name)
	if err != nil {
		panic(err)
	}
	return tk
}()

// queryWord is one word or quoted phrase of the user's text.
type queryWord struct {
	text   string
	phrase bool
	last   bool // the last word, not followed by a space: also a prefix
	stop   bool // an English stop word (the index does not hold them)
}

// splitText splits user text into words and "quoted phrases", as
// Meilisearch reads a query (milli's parse_query.rs): stop words are
// dropped, since the index does not hold them, except the last word
// when nothing follows it, which is a prefix even if it is a stop word
// ("border and" wants a word starting with "and"); apostrophes separate
// words; and only the first maxQueryWords words count.
func splitText(text string) []queryWord {
	var out []queryWord
	parts := strings.Split(text, `"`)
	for i, part := range parts {
		if i%2 == 1 && i < len(parts)-1 { // inside a closed pair of quotes
			if p := strings.TrimSpace(part); p != "" && hasContent(p) {
				out = append(out, queryWord{text: p, phrase: true})
			}
			continue
		}
		// Words split as the index splits them (Unicode word
		// boundaries), so that "U.S." stays one word.
		for _, tok := range wordTokenizer.Tokenize([]byte(splitApostrophes(part))) {
			w := strings.ToLower(string(tok.Term))
			out = append(out, queryWord{text: w, stop: !hasContent(w)})
		}
	}
	if n := len(out); n > 0 && !out[n-1].phrase {
		// Any separator after the last word (a space, a full stop, a
		// quote) ends it, as in Meilisearch.
		r, _ := utf8.DecodeLastRuneInString(text)
		out[n-1].last = unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
	}
	kept := out[:0]
	for _, w := range out {
		if !w.stop || w.last {
			kept = append(kept, w)
		}
	}
	if len(kept) > maxQueryWords {
		kept = kept[:maxQueryWords]
		kept[maxQueryWords-1].last = false // more words followed it
	}
	if len(kept) == 0 {
		return nil
	}
	return kept
}

// hasContent reports whether the text analyzer keeps any token of s.
func hasContent(s string) bool {
	return len(textAnalyzer.Analyze([]byte(s))) > 0
}

// textQuery builds the query for the user's text: every word must match
// in the title or the body, exactly, with typos, or (last word) as a prefix.
func textQuery(text string) query.Query {
	words := splitText(text)
	if len(words) == 0 {
		return bleve.NewMatchAllQuery()
	}
	clauses := make([]query.Query, 0, len(words))
	for _, w := range words {
		clauses = append(clauses, wordQuery(w))
	}
	if len(clauses) == 1 {
		return clauses[0]
	}
	return bleve.NewConjunctionQuery(clauses...)
}

// wordQuery matches one word (or phrase) in the title or the body. A
// word the analyzer splits ("gómez-mont") matches if any part does, as a
// Bleve match query would.
func wordQuery(w queryWord) query.Query {
	var alts []query.Query
	for _, f := range []struct {
		name  string
		boost float64
	}{{fieldTitle, titleBoost}, {fieldBody, 1}} {
		if w.phrase {
			p := bleve.NewMatchPhraseQuery(w.text)
			p.SetField(f.name)
			p.SetBoost(f.boost * exactBoost)
			alts = append(alts, p)
			continue
		}
		tokens := textAnalyzer.Analyze([]byte(w.text))
		if len(tokens) == 0 && w.last {
			// A stop word being typed: only the words it starts.
			alts = append(alts, &termQuery{field: f.name, prefix: w.text, boost: f.boost})
		}
		for i, tok := range tokens {
			typed := w.text[tok.Start:tok.End]
			q := &termQuery{field: f.name, term: string(tok.Term), typos: allowedTypos(typed), boost: f.boost}
			if w.last && i == len(tokens)-1 {
				q.prefix = typed
			}
			alts = append(alts, q)
		}
	}
	return bleve.NewDisjunctionQuery(alts...)
}

// allowedTypos follows Meilisearch's default typo tolerance.
func allowedTypos(word string) int {
	switch n := utf8.RuneCountInString(word); {
	case n >= twoTyposMin:
		return 2
	case n >= oneTypoMin:
		return 1
	}
	return 0
}
