package extract

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"

	"github.com/accord-search/accord/search"
)

// typeRules are the document type rules of types.json.
type typeRules struct {
	minScore         float64
	fallback         string
	fallbackOfficial string
	official         *regexp.Regexp
	rules            []typeRule
}

type typeRule struct {
	typ    string
	part   string
	re     *regexp.Regexp
	weight float64
}

// typeLead is how much of the body counts as its lead for type rules.
const typeLead = 600

// typeBody bounds how much of the body body rules read.
const typeBody = 16 << 10

func (x *Extractor) loadTypes(_ *matcherBuilder, data string) error {
	var f struct {
		MinScore        float64 `json:"min_score"`
		Default         string  `json:"default"`
		DefaultOfficial string  `json:"default_official"`
		OfficialSources string  `json:"official_sources"`
		Rules           []struct {
			Type   string  `json:"type"`
			Part   string  `json:"part"`
			Re     string  `json:"re"`
			Weight float64 `json:"weight"`
		} `json:"rules"`
	}
	if err := json.Unmarshal([]byte(data), &f); err != nil {
		return err
	}
	known := func(t string) bool { return slices.Contains(search.DocumentTypes, t) }
	if !known(f.Default) || !known(f.DefaultOfficial) {
		return fmt.Errorf("defaults %q, %q: not document types", f.Default, f.DefaultOfficial)
	}
	off, err := regexp.Compile(f.OfficialSources)
	if err != nil {
		return fmt.Errorf("official_sources: %w", err)
	}
	x.types = typeRules{minScore: f.MinScore, fallback: f.Default, fallbackOfficial: f.DefaultOfficial, official: off}
	for n, r := range f.Rules {
		if !known(r.Type) {
			return fmt.Errorf("rule %d: unknown type %q", n+1, r.Type)
		}
		switch r.Part {
		case "title", "lead", "body", "source":
		default:
			return fmt.Errorf("rule %d: unknown part %q", n+1, r.Part)
		}
		re, err := regexp.Compile("(?i)" + r.Re)
		if err != nil {
			return fmt.Errorf("rule %d: %w", n+1, err)
		}
		x.types.rules = append(x.types.rules, typeRule{r.Type, r.Part, re, r.Weight})
	}
	return nil
}

// Type classifies a document as one of search.DocumentTypes from its
// headline, body and publisher. Body rules add their weight per match.
func (x *Extractor) Type(title, body, source string) string {
	lead := body[:cutAt(body, typeLead)]
	full := body[:cutAt(body, typeBody)]
	scores := map[string]float64{}
	for _, r := range x.types.rules {
		switch r.part {
		case "title":
			if r.re.MatchString(title) {
				scores[r.typ] += r.weight
			}
		case "lead":
			if r.re.MatchString(lead) {
				scores[r.typ] += r.weight
			}
		case "source":
			if r.re.MatchString(source) {
				scores[r.typ] += r.weight
			}
		case "body":
			scores[r.typ] += r.weight * float64(min(len(r.re.FindAllStringIndex(full, 20)), 20))
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
	if x.types.official.MatchString(source) {
		return x.types.fallbackOfficial
	}
	return x.types.fallback
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
