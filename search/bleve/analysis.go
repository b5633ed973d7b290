package bleve

import (
	"bytes"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/accord-search/accord/search"
)

// The analyzers of the index, registered by name so that the stored
// mapping can refer to them.
const (
	// textAnalyzerName analyzes titles, bodies and query words: Bleve's
	// English analysis (lowercase, Snowball stop words, Porter stemmer),
	// except that apostrophes separate words, as Meilisearch's tokenizer
	// (charabia) separates them: "don't" is "don" and "t", "DHS's" is
	// "dhs" and "s".
	textAnalyzerName = "accord_text"
	// facetAnalyzerName indexes a facet value as one term in the form
	// search.NormalizeFacet gives, so that filters match as Meilisearch's
	// do (trimmed, compatibility-decomposed, lowercased).
	facetAnalyzerName = "accord_facet"
)

func init() {
	if err := registry.RegisterAnalyzer(textAnalyzerName, func(map[string]any, *registry.Cache) (analysis.Analyzer, error) {
		return newTextAnalyzer(), nil
	}); err != nil {
		panic(err)
	}
	if err := registry.RegisterAnalyzer(facetAnalyzerName, func(map[string]any, *registry.Cache) (analysis.Analyzer, error) {
		return &analysis.DefaultAnalyzer{
			Tokenizer:    single.NewSingleTokenTokenizer(),
			TokenFilters: []analysis.TokenFilter{facetNormalizer{}},
		}, nil
	}); err != nil {
		panic(err)
	}
}

func newTextAnalyzer() analysis.Analyzer {
	stop, err := registry.NewCache().TokenFilterNamed(en.StopName)
	if err != nil {
		panic(err)
	}
	return &analysis.DefaultAnalyzer{
		CharFilters:  []analysis.CharFilter{apostrophes{}},
		Tokenizer:    unicodetok.NewUnicodeTokenizer(),
		TokenFilters: []analysis.TokenFilter{lowercase.NewLowerCaseFilter(), stop, porter.NewPorterStemmer()},
	}
}

// textAnalyzer is the analyzer of textAnalyzerName, for query words.
var textAnalyzer = newTextAnalyzer()

// apostrophes replaces every apostrophe (' and ’) with as many spaces as
// it has bytes, so that the offsets of the other words (which highlighting
// uses) do not move.
type apostrophes struct{}

var (
	asciiApostrophe = []byte("'")
	rightQuote      = []byte("’")
)

func (apostrophes) Filter(in []byte) []byte {
	if !bytes.Contains(in, asciiApostrophe) && !bytes.Contains(in, rightQuote) {
		return in
	}
	out := bytes.ReplaceAll(in, asciiApostrophe, []byte(" "))
	return bytes.ReplaceAll(out, rightQuote, []byte("   "))
}

// splitApostrophes applies the apostrophe rule to query text.
func splitApostrophes(s string) string {
	return string(apostrophes{}.Filter([]byte(s)))
}

// facetNormalizer puts each token in search.NormalizeFacet's form.
type facetNormalizer struct{}

func (facetNormalizer) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = []byte(search.NormalizeFacet(string(t.Term)))
	}
	return in
}
