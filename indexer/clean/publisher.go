package clean

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
)

//go:embed data/publishers.tsv
var publishersData string

// publishers maps "host" or "host/path" to a publisher's name.
var publishers = mustParsePublishers(publishersData)

// PublishersVersion fingerprints the publisher table, so that documents
// whose publisher came from it are re-sent when it changes.
var PublishersVersion = func() string {
	h := sha256.Sum256([]byte(publishersData))
	return hex.EncodeToString(h[:6])
}()

func mustParsePublishers(data string) map[string]string {
	m, err := parsePublishers(data)
	if err != nil {
		panic(err) // the embedded file is checked by tests
	}
	return m
}

// parsePublishers reads "host[/path]<TAB>name" lines; blank lines and
// '#' comments are skipped.
func parsePublishers(data string) (map[string]string, error) {
	m := map[string]string{}
	for i, ln := range strings.Split(data, "\n") {
		ln = strings.TrimRight(ln, "\r")
		if strings.TrimSpace(ln) == "" || strings.HasPrefix(ln, "#") {
			continue
		}
		key, name, ok := strings.Cut(ln, "\t")
		key, name = strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(name)
		switch {
		case !ok || key == "" || name == "":
			return nil, fmt.Errorf("publishers.tsv:%d: want host<TAB>publisher, got %q", i+1, ln)
		case strings.Contains(key, "://") || strings.HasSuffix(key, "/"):
			return nil, fmt.Errorf("publishers.tsv:%d: %q: want a bare host or host/path, no scheme or trailing slash", i+1, key)
		case m[key] != "":
			return nil, fmt.Errorf("publishers.tsv:%d: %q listed twice", i+1, key)
		}
		m[key] = name
	}
	return m, nil
}

// PublisherOf names the publisher of the page at address by the table in
// data/publishers.tsv: the longest entry whose host is the page's host or
// a parent domain of it and whose path, if any, prefixes the page's path.
// It returns "" for an address it cannot parse or does not know.
func PublisherOf(address string) string {
	u, err := url.Parse(address)
	if err != nil || u.Hostname() == "" {
		return ""
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	path := strings.TrimSuffix(u.EscapedPath(), "/")
	best, bestLen := "", -1
	for h := host; h != ""; {
		// Path entries first: they are longer than their host's entry.
		for p := path; p != ""; p = p[:max(strings.LastIndexByte(p, '/'), 0)] {
			if name, ok := publishers[h+p]; ok && len(h+p) > bestLen {
				best, bestLen = name, len(h+p)
			}
		}
		if name, ok := publishers[h]; ok && len(h) > bestLen {
			best, bestLen = name, len(h)
		}
		_, parent, ok := strings.Cut(h, ".")
		if !ok || !strings.Contains(parent, ".") {
			break // never match a bare top-level domain
		}
		h = parent
	}
	return best
}
