package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Derived titles are cut to this many words at most.
const (
	derivedMaxWords = 14
	derivedMinWords = 6 // a clause shorter than this is not cut off
)

// DeriveTitle makes a title for a document whose page shows no headline:
// the first clause of the lede (its first line with a few words), cut at a
// word, without a dateline ("Ottawa, May 3, 2016 –"). It returns "" when
// body has no words.
func DeriveTitle(body string) string {
	lede := ""
	for _, ln := range strings.Split(body, "\n") {
		if len(strings.Fields(ln)) >= 4 {
			lede = ln
			break
		}
		if lede == "" && strings.TrimSpace(ln) != "" {
			lede = ln
		}
	}
	lede = dropDateline(strings.Join(strings.Fields(lede), " "))
	words := strings.Fields(firstSentence(lede))
	if len(words) == 0 {
		return ""
	}
	cut := len(words)
	for i, w := range words {
		if i+1 >= derivedMinWords && i+1 < len(words) && endsClause(w) {
			cut = i + 1
			break
		}
	}
	cut = min(cut, derivedMaxWords)
	t := strings.Join(words[:cut], " ")
	t = strings.TrimRightFunc(t, func(r rune) bool { return unicode.IsPunct(r) && r != ')' && r != '"' && r != '”' })
	if cut < len(words) {
		t += "…"
	}
	return capitalize(t)
}

// dropDateline removes a dateline that ends in a dash within the first
// few words ("WASHINGTON – ", "Ottawa, May 3, 2016 -- ").
func dropDateline(s string) string {
	for _, dash := range []string{" -- ", " – ", " — ", " - "} {
		if i := strings.Index(s, dash); i > 0 && len(strings.Fields(s[:i])) <= 6 {
			return s[i+len(dash):]
		}
	}
	return s
}

// firstSentence returns s up to the end of its first sentence: a period,
// question or exclamation mark followed by a space and a capital, not
// after an initial or a short abbreviation ("U.S.", "Mr.", "J.").
func firstSentence(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '.' && c != '?' && c != '!' {
			continue
		}
		if i+2 >= len(s) || s[i+1] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[i+2:])
		if !unicode.IsUpper(next) {
			continue
		}
		if c == '.' {
			start := strings.LastIndexByte(s[:i], ' ') + 1
			word := s[start:i]
			if utf8.RuneCountInString(word) == 1 || strings.Contains(word, ".") || titleAbbrevs[strings.ToLower(word)] {
				continue
			}
		}
		return s[:i]
	}
	return s
}

// titleAbbrevs end in a period without ending a sentence.
var titleAbbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "gov": true, "sen": true, "rep": true, "gen": true,
	"st": true, "jr": true, "sr": true, "no": true, "vs": true, "lt": true, "col": true, "adm": true, "hon": true,
}

// endsClause reports a word that ends a clause: followed by a comma,
// semicolon, colon or dash.
func endsClause(w string) bool {
	return strings.HasSuffix(w, ",") || strings.HasSuffix(w, ";") || strings.HasSuffix(w, ":") ||
		w == "–" || w == "—" || w == "--"
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
