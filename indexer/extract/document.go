package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// document is one text prepared for matching.
type document struct {
	text     string // original, NFC
	folded   string
	offs     []int // folded byte -> original byte
	titleEnd int   // folded offset where the headline ends
	leadEnd  int   // folded offset where the first paragraph of the body ends
	tokens   []token
}

// token is a word or a punctuation mark of the folded text.
type token struct {
	start, end int
	f          string // folded form
	word       bool
	cap        bool // the original starts with a capital letter
	allCaps    bool // the original has no lowercase letter
	entity     bool // part of a country, organization or blocked phrase
}

// abbrevs keep their final period as part of the word.
var abbrevs = map[string]bool{
	"gov": true, "sen": true, "rep": true, "dr": true, "mr": true, "mrs": true, "ms": true, "gen": true,
	"adm": true, "lt": true, "col": true, "maj": true, "capt": true, "hon": true, "st": true, "jr": true,
	"sr": true, "secy": true, "sgt": true, "gral": true, "lic": true,
}

// maxText bounds the text one Extract looks at. Press releases are a few
// kilobytes; past this the facets of the opening are kept, and the cost of
// a pathological page stays bounded.
const maxText = 128 << 10

// leadLines is how many body paragraphs make the lead of an article.
const leadLines = 1

func newDocument(title, body string) *document {
	text := body
	if title != "" {
		text = title + "\n" + body
	}
	if len(text) > maxText {
		cut := maxText
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	text = strings.ToValidUTF8(text, "\uFFFD")
	if !norm.NFC.IsNormalString(text) {
		text = norm.NFC.String(text)
	}
	d := &document{text: text}
	d.folded, d.offs = foldMap(text)
	if title != "" {
		d.titleEnd = strings.IndexByte(d.folded, '\n')
		if d.titleEnd < 0 {
			d.titleEnd = len(d.folded)
		}
	}
	d.leadEnd = len(d.folded)
	from := d.titleEnd
	if title != "" {
		from++
	}
	for n := 0; n < leadLines && from < len(d.folded); n++ {
		i := strings.IndexByte(d.folded[from:], '\n')
		if i < 0 {
			break
		}
		from += i + 1
		d.leadEnd = from
	}
	d.tokenize()
	return d
}

// original returns the original text of folded span [s, e).
func (d *document) original(s, e int) string {
	return d.text[d.offs[s]:d.offs[e]]
}

// tokenize splits the folded text into words and punctuation marks.
func (d *document) tokenize() {
	s := d.folded
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == ' ':
			i += size
		case isWordRune(r):
			j := wordEnd(s, i)
			d.tokens = append(d.tokens, d.wordToken(i, j))
			i = j
		default:
			d.tokens = append(d.tokens, token{start: i, end: i + size, f: s[i : i+size]})
			i += size
		}
	}
}

// wordEnd finds where the word at i ends: letters and digits joined by
// inner '.', '-', '\” ; a final period stays only on initials and
// abbreviations ("N.", "U.S.", "Gov.").
func wordEnd(s string, i int) int {
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if isWordRune(r) {
			j += size
			continue
		}
		if (r == '.' || r == '-' || r == '\'') && j+1 < len(s) {
			if n, _ := utf8.DecodeRuneInString(s[j+1:]); isWordRune(n) {
				j += size
				continue
			}
		}
		break
	}
	if j < len(s) && s[j] == '.' {
		w := s[i:j]
		if utf8.RuneCountInString(w) == 1 || strings.Contains(w, ".") || abbrevs[w] {
			j++
		}
	}
	return j
}

func (d *document) wordToken(s, e int) token {
	t := token{start: s, end: e, f: d.folded[s:e], word: true}
	orig := d.original(s, e)
	r, _ := utf8.DecodeRuneInString(orig)
	t.cap = unicode.IsUpper(r)
	letters, lower := 0, false
	for _, r := range orig {
		if unicode.IsLetter(r) {
			letters++
			lower = lower || unicode.IsLower(r)
		}
	}
	t.allCaps = letters >= 2 && !lower
	return t
}

// tokenAt returns the index of the token that starts at folded offset pos,
// or -1.
func (d *document) tokenAt(pos int) int {
	i := sort.Search(len(d.tokens), func(i int) bool { return d.tokens[i].start >= pos })
	if i < len(d.tokens) && d.tokens[i].start == pos {
		return i
	}
	return -1
}

// tokenAfter returns the index of the first token starting at or after pos.
func (d *document) tokenAfter(pos int) int {
	return sort.Search(len(d.tokens), func(i int) bool { return d.tokens[i].start >= pos })
}

// markEntities flags the tokens inside the given spans.
func (d *document) markEntities(spans spanSet) {
	for i := range d.tokens {
		t := &d.tokens[i]
		t.entity = spans.overlaps(t.start, t.end)
	}
}
