package meili

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// This file is a test-only reader for the filter strings we produce. It
// follows Meilisearch's filter-parser (crates/filter-parser/src/value.rs)
// for the subset we emit: `attr = "value"` and `attr >= N` / `attr < N`
// joined by AND. Quoted values are read the way the server reads them:
//
//  1. quoted_by: scan to the first unescaped quote; a backslash makes the
//     next character literal. If any escaped quote was seen, every \" in
//     the content becomes ".
//  2. unescaper::unescape over the whole value: \\ becomes \, and \n, \t,
//     \u{…} and the like would be read as escapes. We emit only \\, so any
//     other escape is reported as an error here: it would change the value.

// comparison is one parsed `attr op value` expression.
type comparison struct {
	Attr, Op, Value string
}

// parseWire sends f through JSON as the SDK does (the server decodes the
// JSON first, then parses each string) and parses every expression.
func parseWire(f [][]string) ([][][]comparison, error) {
	raw, err := json.Marshal(f)
	if err != nil {
		return nil, err
	}
	var back [][]string
	if err := json.Unmarshal(raw, &back); err != nil {
		return nil, err
	}
	out := make([][][]comparison, len(back))
	for i, group := range back {
		out[i] = make([][]comparison, len(group))
		for j, expr := range group {
			cs, err := parseExpr(expr)
			if err != nil {
				return nil, fmt.Errorf("%q: %w", expr, err)
			}
			out[i][j] = cs
		}
	}
	return out, nil
}

// parseExpr parses comparisons joined by " AND ".
func parseExpr(s string) ([]comparison, error) {
	var out []comparison
	for {
		c, rest, err := parseComparison(s)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
		if rest == "" {
			return out, nil
		}
		var ok bool
		if s, ok = strings.CutPrefix(rest, " AND "); !ok {
			return nil, fmt.Errorf("unexpected %q after a comparison", rest)
		}
	}
}

// parseComparison parses `attr op value` at the start of s.
func parseComparison(s string) (comparison, string, error) {
	var c comparison
	i := strings.IndexByte(s, ' ')
	if i <= 0 {
		return c, "", errors.New("missing attribute")
	}
	c.Attr, s = s[:i], s[i+1:]
	for _, r := range c.Attr {
		if !(r >= 'a' && r <= 'z' || r == '_') {
			return c, "", fmt.Errorf("attribute %q is not one of ours", c.Attr)
		}
	}
	i = strings.IndexByte(s, ' ')
	if i <= 0 {
		return c, "", errors.New("missing operator")
	}
	c.Op, s = s[:i], s[i+1:]
	switch c.Op {
	case "=":
		v, rest, err := parseQuoted(s)
		c.Value = v
		return c, rest, err
	case ">=", "<":
		end := strings.IndexByte(s, ' ')
		if end < 0 {
			end = len(s)
		}
		if _, err := strconv.ParseInt(s[:end], 10, 64); err != nil {
			return c, "", fmt.Errorf("number: %w", err)
		}
		c.Value = s[:end]
		return c, s[end:], nil
	}
	return c, "", fmt.Errorf("operator %q is not one we emit", c.Op)
}

// parseQuoted reads a double-quoted value at the start of s as the server
// does, and returns it with the rest of s.
func parseQuoted(s string) (string, string, error) {
	if !strings.HasPrefix(s, `"`) {
		return "", "", fmt.Errorf("value %q is not double-quoted", s)
	}
	body := s[1:]
	escapedQuote := false
	end := -1
	for i := 0; i < len(body) && end < 0; i++ {
		switch body[i] {
		case '"':
			end = i
		case '\\':
			if i+1 == len(body) {
				return "", "", errors.New("malformed value: backslash at the end")
			}
			i++
			escapedQuote = escapedQuote || body[i] == '"'
		}
	}
	if end < 0 {
		return "", "", errors.New("missing closing quote")
	}
	content, rest := body[:end], body[end+1:]
	if escapedQuote {
		content = strings.ReplaceAll(content, `\"`, `"`)
	}
	v, err := unescape(content)
	return v, rest, err
}

// unescape is the second pass: \\ becomes \; any other escape would be
// interpreted by the server (\n, \t, \u{…}, …), which we never want.
func unescape(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 == len(s) || s[i+1] != '\\' {
			return "", fmt.Errorf("escape %q would be interpreted", s[i:min(i+2, len(s))])
		}
		b.WriteByte('\\')
		i++
	}
	return b.String(), nil
}
