package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// foldTableSize covers Latin, Greek and Cyrillic; other runes are only
// lowercased.
const foldTableSize = 0x0600

var foldTable = buildFoldTable()

var foldSpecial = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "ae", 'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d",
	'ı': "i", 'œ': "oe", 'Œ': "oe", 'þ': "th",
}

func buildFoldTable() []string {
	t := make([]string, foldTableSize)
	strip := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	for r := rune(0); r < foldTableSize; r++ {
		if s, ok := foldSpecial[r]; ok {
			t[r] = s
			continue
		}
		s, _, err := transform.String(strip, string(r))
		if err != nil || s == "" {
			s = string(r)
		}
		t[r] = strings.ToLower(s)
	}
	return t
}

// foldRune maps one rune to its folded form: no diacritics, lowercase,
// typographic quotes and dashes made plain.
func foldRune(r rune) string {
	switch r {
	case '’', '‘', '`', '´', 'ʼ':
		return "'"
	case '“', '”', '«', '»', '„':
		return `"`
	case '–', '—', '‐', '‑', '−':
		return "-"
	}
	if r >= 0 && r < foldTableSize {
		return foldTable[r]
	}
	if unicode.IsSpace(r) {
		return " "
	}
	return string(unicode.ToLower(r))
}

// Fold returns s without diacritics, lowercased, with runs of spaces made
// one space. It is how every pattern and every text is compared.
func Fold(s string) string {
	f, _ := foldMap(s)
	return f
}

// foldMap folds s and maps every byte of the result back to the byte of s
// it came from; offs has one extra entry for the end.
func foldMap(s string) (string, []int) {
	var b strings.Builder
	b.Grow(len(s) + 8)
	offs := make([]int, 0, len(s)+1)
	space := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '\n' {
			b.WriteByte('\n')
			offs = append(offs, i)
			space = false
			i += size
			continue
		}
		f := foldRune(r)
		if f == " " || (r < utf8.RuneSelf && (r == ' ' || r == '\t' || r == '\r')) {
			if !space {
				b.WriteByte(' ')
				offs = append(offs, i)
			}
			space = true
			i += size
			continue
		}
		space = false
		b.WriteString(f)
		for range len(f) {
			offs = append(offs, i)
		}
		i += size
	}
	offs = append(offs, len(s))
	return b.String(), offs
}

// isWordRune reports letters and digits: a match must not continue a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// boundaryBefore reports whether position i of s starts a word.
func boundaryBefore(s string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return !isWordRune(r)
}

// boundaryAfter reports whether position i of s ends a word.
func boundaryAfter(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return !isWordRune(r)
}
