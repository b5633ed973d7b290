package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// gbkMarker is how the UTF-8 lead bytes of curly quotes and dashes (E2 80)
// read when a page was decoded as GBK: "鈥淗onduras" for “Honduras.
const gbkMarker = "鈥"

// repairMojibake undoes UTF-8 text that was decoded as GBK, which some
// scraped pages carry. It only acts when the marker shows up repeatedly, and
// re-encodes just the Han runes, so genuine Chinese text is left alone.
func repairMojibake(s string) string {
	if strings.Count(s, gbkMarker) < 2 {
		return s
	}
	enc := simplifiedchinese.GBK.NewEncoder()
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < utf8.RuneSelf || !unicode.Is(unicode.Han, r) {
			b.WriteRune(r)
			continue
		}
		out, err := enc.String(string(r))
		if err != nil {
			b.WriteRune(r)
			continue
		}
		b.WriteString(out)
	}
	// A lone E2 80 lost its third byte to the decoder; it was almost always a
	// closing quote.
	return strings.ToValidUTF8(b.String(), "\u201d")
}
