package clean

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
)

//go:embed data/boilerplate.txt
var boilerplateData string

// ruleSet is the parsed boilerplate file.
type ruleSet struct {
	lines        map[string]bool
	prefixes     []string
	contains     []string
	footers      map[string]bool
	footerPrefix []string
	short        []string
}

var rules = mustParseRules(boilerplateData)

func mustParseRules(data string) *ruleSet {
	rs, err := parseRules(data)
	if err != nil {
		panic(err) // the embedded file is checked by tests
	}
	return rs
}

// parseRules reads "kind<TAB>text" lines; '#' starts a comment line.
func parseRules(data string) (*ruleSet, error) {
	rs := &ruleSet{lines: map[string]bool{}, footers: map[string]bool{}}
	sc := bufio.NewScanner(strings.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		raw := sc.Text()
		if strings.TrimSpace(raw) == "" || strings.HasPrefix(raw, "#") {
			continue
		}
		kind, text, ok := strings.Cut(raw, "\t")
		text = strings.ToLower(strings.TrimLeft(text, " "))
		if !ok || text == "" {
			return nil, fmt.Errorf("clean: boilerplate line %d: want kind<TAB>text", n)
		}
		switch kind {
		case "line":
			rs.lines[text] = true
		case "prefix":
			rs.prefixes = append(rs.prefixes, text)
		case "contains":
			rs.contains = append(rs.contains, text)
		case "footer":
			rs.footers[text] = true
		case "short":
			rs.short = append(rs.short, text)
		case "footerprefix":
			rs.footerPrefix = append(rs.footerPrefix, text)
		default:
			return nil, fmt.Errorf("clean: boilerplate line %d: unknown kind %q", n, kind)
		}
	}
	return rs, sc.Err()
}

// match reports whether the normalized line key is boilerplate, and whether
// it marks a footer or link list.
func (rs *ruleSet) match(key string, words int) (boiler, footer bool) {
	if rs.footers[key] {
		return true, true
	}
	for _, p := range rs.footerPrefix {
		if strings.HasPrefix(key, p) {
			return true, true
		}
	}
	if rs.lines[key] {
		return true, false
	}
	for _, p := range rs.prefixes {
		if strings.HasPrefix(key, p) {
			return true, false
		}
	}
	if words <= 6 {
		for _, c := range rs.short {
			if strings.Contains(key, c) {
				return true, false
			}
		}
	}
	if words < 80 {
		for _, c := range rs.contains {
			if strings.Contains(key, c) {
				return true, false
			}
		}
	}
	return false, false
}
