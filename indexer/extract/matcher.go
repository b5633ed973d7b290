package extract

import (
	"sort"
	"strings"

	ahocorasick "github.com/BobuSumisu/aho-corasick"
)

// kind is what a dictionary entry stands for.
type kind uint8

const (
	kindCountry kind = iota
	kindOrg
	kindAlias   // an official's full name or alias
	kindSurname // an official's surname: a mention only with more evidence
	kindBlocker // a phrase whose parts name nothing
	kindTopic
)

// payload is one meaning of a pattern.
type payload struct {
	kind   kind
	id     int
	exact  string  // when set, the original text must read exactly this
	prefix bool    // the pattern may continue as a longer word
	weight float64 // topic weight
	term   int     // topic term: index into topicRules.terms[id]
}

// matcherBuilder collects folded patterns and their meanings.
type matcherBuilder struct {
	index    map[string]int
	patterns []string
	payloads [][]payload
}

func newMatcherBuilder() *matcherBuilder {
	return &matcherBuilder{index: map[string]int{}}
}

// add registers text (folded here) with one more meaning.
func (b *matcherBuilder) add(text string, p payload) {
	f := strings.TrimSpace(Fold(text))
	if f == "" {
		return
	}
	i, ok := b.index[f]
	if !ok {
		i = len(b.patterns)
		b.index[f] = i
		b.patterns = append(b.patterns, f)
		b.payloads = append(b.payloads, nil)
	}
	b.payloads[i] = append(b.payloads[i], p)
}

// matcher finds every pattern in folded text in one Aho-Corasick pass.
type matcher struct {
	trie     *ahocorasick.Trie
	patterns []string
	payloads [][]payload
}

func (b *matcherBuilder) build() *matcher {
	return &matcher{
		trie:     ahocorasick.NewTrieBuilder().AddStrings(b.patterns).Build(),
		patterns: b.patterns,
		payloads: b.payloads,
	}
}

// hit is one occurrence of one meaning, in folded byte offsets.
type hit struct {
	start, end int
	p          payload
}

// scan returns the hits of d's folded text that start and end on word
// boundaries and respect case-sensitive aliases, ordered by position.
func (m *matcher) scan(d *document) []hit {
	var hits []hit
	text := d.folded
	m.trie.Walk([]byte(text), func(end, n, pat int64) bool {
		s, e := int(end-n+1), int(end+1)
		if !boundaryBefore(text, s) {
			return true
		}
		atEnd := boundaryAfter(text, e)
		for _, p := range m.payloads[pat] {
			if !atEnd && !p.prefix {
				continue
			}
			if p.exact != "" && d.original(s, e) != p.exact {
				continue
			}
			hits = append(hits, hit{start: s, end: e, p: p})
		}
		return true
	})
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].start != hits[j].start {
			return hits[i].start < hits[j].start
		}
		return hits[i].end > hits[j].end
	})
	return hits
}
