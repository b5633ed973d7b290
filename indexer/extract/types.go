package extract

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/accord-search/accord/search"
)

// typeRules are the document type rules of types.json.
type typeRules struct {
	minScore         float64
	fallback         string
	fallbackOfficial string
	official         []string
	rules            []typeRule
}

// typeRule adds weight to typ when one of its phrases (or re) occurs in
// part of the lowercased document.
type typeRule struct {
	typ     string
	part    string
	phrases []string
	re      *regexp.Regexp
	weight  float64
}

// typeLead is how much of the body counts as its lead for type rules.
const typeLead = 600

// typeBody bounds how much of the body body rules read.
const typeBody = 16 << 10

// maxTypeCount caps how often a body rule counts.
const maxTypeCount = 20

func (x *Extractor) loadTypes(_ *matcherBuilder, data string) error {
	var f struct {
		MinScore        float64  `json:"min_score"`
		Default         string   `json:"default"`
		DefaultOfficial string   `json:"default_official"`
		OfficialSources []string `json:"official_sources"`
		Rules           []struct {
			Type    string   `json:"type"`
			Part    string   `json:"part"`
			Phrases []string `json:"phrases"`
			Re      string   `json:"re"`
			Weight  float64  `json:"weight"`
		} `json:"rules"`
	}
	if err := json.Unmarshal([]byte(data), &f); err != nil {
		return err
	}
	known := func(t string) bool { return slices.Contains(search.DocumentTypes, t) }
	if !known(f.Default) || !known(f.DefaultOfficial) {
		return fmt.Errorf("defaults %q, %q: not document types", f.Default, f.DefaultOfficial)
	}
	x.types = typeRules{minScore: f.MinScore, fallback: f.Default, fallbackOfficial: f.DefaultOfficial}
	for _, s := range f.OfficialSources {
		x.types.official = append(x.types.official, strings.ToLower(s))
	}
	for n, r := range f.Rules {
		if !known(r.Type) {
			return fmt.Errorf("rule %d: unknown type %q", n+1, r.Type)
		}
		switch r.Part {
		case "title", "lead", "body", "source":
		default:
			return fmt.Errorf("rule %d: unknown part %q", n+1, r.Part)
		}
		tr := typeRule{typ: r.Type, part: r.Part, weight: r.Weight}
		for _, p := range r.Phrases {
			tr.phrases = append(tr.phrases, strings.ToLower(p))
		}
		if r.Re != "" {
			re, err := regexp.Compile(r.Re)
			if err != nil {
				return fmt.Errorf("rule %d: %w", n+1, err)
			}
			tr.re = re
		}
		if tr.re == nil && len(tr.phrases) == 0 {
			return fmt.Errorf("rule %d: want phrases or re", n+1)
		}
		x.types.rules = append(x.types.rules, tr)
	}
	return nil
}

// Type classifies a document as one of search.DocumentTypes from its
// headline, body and publisher. Body rules add their weight per match.
func (x *Extractor) Type(title, body, source string) string {
	title, source = strings.ToLower(title), strings.ToLower(source)
	full := strings.ToLower(body[:cutAt(body, typeBody)])
	lead := full[:cutAt(full, typeLead)]
	text := map[string]string{"title": title, "lead": lead, "body": full, "source": source}
	scores := map[string]float64{}
	for _, r := range x.types.rules {
		limit := 1
		if r.part == "body" {
			limit = maxTypeCount
		}
		if n := r.count(text[r.part], limit); n > 0 {
			scores[r.typ] += r.weight * float64(n)
		}
	}
	best, bestScore := "", 0.0
	for _, t := range search.DocumentTypes { // fixed order breaks ties
		if scores[t] > bestScore {
			best, bestScore = t, scores[t]
		}
	}
	if bestScore >= x.types.minScore {
		return best
	}
	for _, o := range x.types.official {
		if strings.Contains(source, o) {
			return x.types.fallbackOfficial
		}
	}
	return x.types.fallback
}

// count returns how often (up to limit) the rule matches s.
func (r typeRule) count(s string, limit int) int {
	if r.re != nil {
		// With both, the phrases are a cheap filter for the expression.
		if len(r.phrases) > 0 && !r.anyPhrase(s) {
			return 0
		}
		return len(r.re.FindAllStringIndex(s, limit))
	}
	n := 0
	for _, p := range r.phrases {
		// Word boundaries count only where the phrase starts or ends
		// with a letter or digit ("(ap)" and "\nq:" bring their own).
		first, _ := utf8.DecodeRuneInString(p)
		last, _ := utf8.DecodeLastRuneInString(p)
		needBefore, needAfter := isWordRune(first), isWordRune(last)
		for from := 0; n < limit; {
			i := strings.Index(s[from:], p)
			if i < 0 {
				break
			}
			i += from
			if (!needBefore || boundaryBefore(s, i)) && (!needAfter || boundaryAfter(s, i+len(p))) {
				n++
			}
			from = i + len(p)
		}
	}
	return n
}

func (r typeRule) anyPhrase(s string) bool {
	for _, p := range r.phrases {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// cutAt returns a byte index at most n that does not split a UTF-8 rune.
func cutAt(s string, n int) int {
	if len(s) <= n {
		return len(s)
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return n
}
