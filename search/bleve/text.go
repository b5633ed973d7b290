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

	"github.com/accord-search/accord/search"
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

// queryWord is one word or quoted phrase of the user's text, as Bleve
// searches it.
type queryWord struct {
	text   string
	phrase bool
	last   bool // the word being typed: also a prefix
	stop   bool // an English stop word (the index does not hold them)
}

// atomWords splits a word of search.ParseText as Meilisearch reads a query
// (milli's parse_query.rs) and as the index splits text (Unicode word
// boundaries, so that "U.S." stays one word; apostrophes separate words):
// stop words are dropped, since the index does not hold them, except the
// word being typed, which is a prefix even if it is a stop word ("border
// and" wants a word starting with "and"). Any separator after the last
// word (a full stop) ends it, as in Meilisearch. A phrase stays whole.
func atomWords(a search.Atom) []queryWord {
	if a.Phrase {
		if hasContent(a.Text) {
			return []queryWord{{text: a.Text, phrase: true}}
		}
		return nil
	}
	var out []queryWord
	for _, tok := range wordTokenizer.Tokenize([]byte(splitApostrophes(a.Text))) {
		w := strings.ToLower(string(tok.Term))
		out = append(out, queryWord{text: w, stop: !hasContent(w)})
	}
	if n := len(out); n > 0 && a.Prefix {
		r, _ := utf8.DecodeLastRuneInString(a.Text)
		out[n-1].last = unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
	}
	kept := out[:0]
	for _, w := range out {
		if !w.stop || w.last {
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 {
		return nil
	}
	return kept
}

// splitText lists the words of the positive terms of text, in order,
// the first maxQueryWords of them.
func splitText(text string) []queryWord {
	var out []queryWord
	for _, t := range search.ParseText(text).Terms {
		for _, a := range t.Alts {
			out = append(out, atomWords(a)...)
		}
	}
	if len(out) > maxQueryWords {
		out = out[:maxQueryWords]
		out[maxQueryWords-1].last = false // more words followed it
	}
	return out
}

// hasContent reports whether the text analyzer keeps any token of s.
func hasContent(s string) bool {
	return len(textAnalyzer.Analyze([]byte(s))) > 0
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
