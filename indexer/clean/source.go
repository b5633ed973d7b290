package clean

import (
	"regexp"
	"strings"
)

var (
	sourceLineRe  = regexp.MustCompile(`(?i)^source:\s*(.{3,80})$`)
	publishedByRe = regexp.MustCompile(`(?i)\b(?:published|issued|released) by (?:the )?([A-Z][\w.&' -]{3,80}?)(?: on\b|[.,;]|$)`)
	agencyRe      = regexp.MustCompile(`\((AP|Reuters|AFP)\)|\bBy\s+(Associated Press|The Associated Press|Reuters|AFP)\b`)
	urlLineRe     = regexp.MustCompile(`(?i)^(?:url|source url|permalink|link|original(?: url)?|canonical)\s*:\s*(https?://\S+)$`)
	govBannerRe   = regexp.MustCompile(`(?i)official website of the (?:u\.s\. )?department of homeland security|dhs\.gov`)
)

var agencyNames = map[string]string{
	"AP": "Associated Press", "Associated Press": "Associated Press", "The Associated Press": "Associated Press",
	"Reuters": "Reuters", "AFP": "Agence France-Presse",
}

// findSource names the publisher from "Source:" lines, "published by the X",
// DHS site banners and news-agency bylines.
func findSource(lines []line) string {
	for _, l := range lines {
		if m := sourceLineRe.FindStringSubmatch(l.text); m != nil && !strings.Contains(m[1], "://") {
			return canonicalSource(m[1])
		}
	}
	for _, l := range lines {
		if m := publishedByRe.FindStringSubmatch(l.text); m != nil {
			return canonicalSource(m[1])
		}
	}
	for _, l := range lines {
		if govBannerRe.MatchString(l.text) {
			return "U.S. Department of Homeland Security"
		}
	}
	for _, l := range lines {
		if m := agencyRe.FindStringSubmatch(l.text); m != nil {
			return agencyNames[m[1]+m[2]]
		}
	}
	return ""
}

// canonicalSource spells the usual US department prefixes one way.
func canonicalSource(s string) string {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "."))
	for _, p := range []string{"US ", "U.S ", "U S "} {
		if strings.HasPrefix(s, p) {
			return "U.S. " + s[len(p):]
		}
	}
	return s
}

// findURL returns the page address when a line states it ("URL: https://...").
func findURL(lines []line) string {
	for _, l := range lines {
		if m := urlLineRe.FindStringSubmatch(l.text); m != nil {
			return m[1]
		}
	}
	return ""
}
