package bleve

import "strings"

const ellipsis = "…"

// tidyFragment trims the partial words that Bleve's fragmenter leaves at
// a cut ("…elated to the" → "…to the"). Only plain text is trimmed: a
// partial word holding markup or an entity is kept as it is.
func tidyFragment(s string) string {
	if rest, ok := strings.CutPrefix(s, ellipsis); ok {
		if i := strings.IndexAny(rest, " \n"); i > 0 && i < 40 && !strings.ContainsAny(rest[:i], "<&") {
			s = ellipsis + strings.TrimLeft(rest[i:], " \n")
		}
	}
	if rest, ok := strings.CutSuffix(s, ellipsis); ok {
		if i := strings.LastIndexAny(rest, " \n"); i > 0 && len(rest)-i < 40 && !strings.ContainsAny(rest[i:], ">;") && !strings.HasSuffix(rest[:i], "</mark>") {
			s = strings.TrimRight(rest[:i], " \n,;:") + ellipsis
		}
	}
	return s
}
