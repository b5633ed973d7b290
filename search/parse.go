package search

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Match is the matching strategy: which documents a query with several
// words matches, as Meilisearch's matchingStrategy.
//
// Under MatchLast and MatchFrequency a query matches the documents of its
// most relaxed form (Meilisearch's "maximally reduced query"), and ranks
// them by how many of the words they contain (the "words" rule): first the
// documents with every word, then those lacking the word removed first, and
// so on. Result.Total, facet counts and year counts are all counted over
// that most relaxed set, so they agree with each other and with paging.
// Phrases are never removed; a query with a phrase at least needs the
// phrase, and a query without one at least needs the word removed last.
type Match string

// The matching strategies.
const (
	// MatchLast removes words from the end of the query: "border security
	// mexico" matches at least "border", ranking documents with "border
	// security" above those with only "border".
	MatchLast Match = "last"
	// MatchAll requires every word (and phrase).
	MatchAll Match = "all"
	// MatchFrequency removes the words that most documents contain first
	// (words with the same count together), keeping the rarest.
	MatchFrequency Match = "frequency"
)

// DefaultMatch is the strategy of a Query that names none.
const DefaultMatch = MatchLast

// Entity says that a query word (or run of words) names a facet value
// through an alias: "napolitano" names official "Janet Napolitano",
// "mexican" names country "Mexico". A document that carries Facet=Value
// matches those words even if its text lacks them, and ranks as a match
// of those words (in the words rule; it has no typo, proximity, attribute
// or exactness advantage from its text).
type Entity struct {
	// Words are the query words as ParseText yields them (lowercased,
	// single-spaced), consecutive in the query: "napolitano", "five eyes".
	Words string
	Facet Facet
	Value string
}

// Atom is one word or "quoted phrase" of a query.
type Atom struct {
	// Text is lowercased; a phrase's words are separated by single spaces.
	// A word is as typed between spaces, punctuation included ("u.s.",
	// "gómez-mont"): engines split it as they split text.
	Text   string
	Phrase bool
	// Prefix marks the last word of the query when nothing follows it (the
	// word being typed): it also matches as a prefix.
	Prefix bool
}

// Term is one unit of the words ranking rule: a word, a phrase, or
// alternatives joined by OR ("ice OR customs"), any of which matches.
type Term struct {
	Alts []Atom
}

// Text returns the term's words as Entity.Words spells them: its only
// atom's text, or "" for an OR group.
func (t Term) Text() string {
	if len(t.Alts) != 1 {
		return ""
	}
	return t.Alts[0].Text
}

// Parsed is a query text split by ParseText.
type Parsed struct {
	// Terms in query order.
	Terms []Term
	// Not lists the excluded words and phrases: a document containing any
	// of them does not match.
	Not []Atom
}

// ParseText splits a query into terms with the syntax people know from web
// search engines (and Meilisearch):
//
//   - "quoted words" form a phrase: the words adjacent, in order; an
//     unclosed quote is ignored (its words are plain words);
//   - -word and -"a phrase" exclude documents containing them; a hyphen
//     inside a word ("gómez-mont") is part of the word;
//   - OR in capitals between two words or phrases matches either: "ice OR
//     customs" is one term with two alternatives; a leading or trailing OR,
//     and "or" in lower case, are the plain word "or" (a stop word).
//
// It never fails: any text parses. Stop words are kept; engines drop them
// as they drop them from documents.
func ParseText(text string) Parsed {
	toks := lex(text)
	var p Parsed
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.not {
			p.Not = append(p.Not, t.atom)
			continue
		}
		if len(p.Terms) > 0 && t.or && i+1 < len(toks) && !toks[i+1].not && !toks[i+1].or {
			last := &p.Terms[len(p.Terms)-1]
			last.Alts = append(last.Alts, toks[i+1].atom)
			i++
			continue
		}
		p.Terms = append(p.Terms, Term{Alts: []Atom{t.atom}})
	}
	// Only the very last word of the text is being typed.
	if n := len(p.Terms); n > 0 {
		r, _ := utf8.DecodeLastRuneInString(text)
		alts := p.Terms[n-1].Alts
		if a := &alts[len(alts)-1]; !a.Phrase && !unicode.IsSpace(r) && r != '"' && len(toks) > 0 && !toks[len(toks)-1].not {
			a.Prefix = true
		}
	}
	return p
}

// token is one lexed piece of a query text.
type token struct {
	atom Atom
	not  bool // preceded by '-'
	or   bool // the bare word OR
}

// lex splits text into words and closed "phrases", marking -exclusions and
// OR operators.
func lex(text string) []token {
	var out []token
	// Quotes pair up from the left; an unpaired last quote is ignored.
	closed := strings.Count(text, `"`) &^ 1
	quotes := 0
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		neg := false
		if r == '-' && i+1 < len(text) {
			if r2, _ := utf8.DecodeRuneInString(text[i+1:]); !unicode.IsSpace(r2) {
				neg = true
				i++
				r, _ = utf8.DecodeRuneInString(text[i:])
			}
		}
		if r == '"' && quotes < closed {
			end := strings.IndexByte(text[i+1:], '"')
			quotes += 2
			words := strings.Fields(strings.ToLower(text[i+1 : i+1+end]))
			i += end + 2
			if len(words) > 0 {
				out = append(out, token{atom: Atom{Text: strings.Join(words, " "), Phrase: true}, not: neg})
			}
			continue
		}
		// A word runs to the next space or quote.
		j := i
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r) || (r == '"' && quotes < closed) {
				break
			}
			if r == '"' {
				quotes++
			}
			j += n
		}
		w := text[i:j]
		i = j
		// Stray quotes and leading hyphens carry no meaning in a word.
		w = strings.TrimLeft(strings.ReplaceAll(w, `"`, ""), "-")
		if w == "" || w == "-" {
			continue
		}
		out = append(out, token{atom: Atom{Text: strings.ToLower(w)}, not: neg, or: w == "OR" && !neg})
	}
	// An OR with nothing before or after it is the word "or".
	for k := range out {
		if out[k].or && (k == 0 || k == len(out)-1) {
			out[k].or = false
		}
	}
	return out
}

// String writes p back in the syntax ParseText reads, canonically
// spaced; ParseText(p.String()) equals p except for Prefix.
func (p Parsed) String() string {
	var parts []string
	atom := func(a Atom) string {
		if a.Phrase {
			return `"` + a.Text + `"`
		}
		return a.Text
	}
	for _, t := range p.Terms {
		alts := make([]string, len(t.Alts))
		for i, a := range t.Alts {
			alts[i] = atom(a)
		}
		parts = append(parts, strings.Join(alts, " OR "))
	}
	for _, a := range p.Not {
		parts = append(parts, "-"+atom(a))
	}
	return strings.Join(parts, " ")
}

// Strategy returns q.Match, or DefaultMatch when it is empty.
func (q *Query) Strategy() Match {
	if q.Match == "" {
		return DefaultMatch
	}
	return q.Match
}

// checkMatch validates q.Match and q.Entities.
func (q *Query) checkMatch() error {
	switch q.Match {
	case "", MatchLast, MatchAll, MatchFrequency:
	default:
		return fmt.Errorf("%w: unknown matching strategy %q (want last, all or frequency)", ErrBadQuery, q.Match)
	}
	for _, e := range q.Entities {
		if strings.TrimSpace(e.Words) == "" || e.Value == "" {
			return fmt.Errorf("%w: entity with empty words or value", ErrBadQuery)
		}
		if _, ok := facetKnown[e.Facet]; !ok {
			return fmt.Errorf("%w: entity of unknown facet %q", ErrBadQuery, e.Facet)
		}
	}
	return nil
}

var facetKnown = map[Facet]struct{}{FacetCountry: {}, FacetOfficial: {}, FacetTopic: {}}
