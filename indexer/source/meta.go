package source

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// MetaSuffix ends the name of a page's metadata sidecar: the metadata of
// "news/release.html" is in "news/release.meta.json". cmd/fetch writes
// one next to every page it saves; a page without one is read as before.
const MetaSuffix = ".meta.json"

// ReasonBadMeta names a metadata sidecar that could not be read; its page
// is still indexed, without the metadata.
const ReasonBadMeta = "broken metadata"

// Meta is what the fetcher knew about a page when it saved it: where it
// came from and what the feed said about it. Every field may be empty.
type Meta struct {
	// URL is the address the page was listed under (feed, sitemap, list).
	URL string `json:"url"`
	// FinalURL is where URL led after redirects.
	FinalURL string `json:"final_url,omitempty"`
	// Canonical is the page's own rel=canonical address, when it names an
	// allowed host; else the final URL.
	Canonical string `json:"canonical,omitempty"`
	// FetchedAt is when the page was downloaded.
	FetchedAt time.Time `json:"fetched_at"`
	// LastModified and ETag are the HTTP headers as served.
	LastModified string `json:"last_modified,omitempty"`
	ETag         string `json:"etag,omitempty"`
	ContentType  string `json:"content_type,omitempty"`
	// FeedDate is the item's date in the feed (RFC 3339), FeedTitle its
	// title there.
	FeedDate  string `json:"feed_date,omitempty"`
	FeedTitle string `json:"feed_title,omitempty"`
	// Publisher comes from the source's configuration.
	Publisher string `json:"publisher,omitempty"`
	// Source is the name of the configured source the page came from.
	Source string `json:"source,omitempty"`
}

// Address is the page's best address: canonical, else final, else listed.
func (m *Meta) Address() string {
	for _, u := range []string{m.Canonical, m.FinalURL, m.URL} {
		if u != "" {
			return u
		}
	}
	return ""
}

// SidecarPath is the metadata file of the page at path.
func SidecarPath(path string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + MetaSuffix
}

// readMeta reads the sidecar of the page at rel, if there is one.
func (w Walker) readMeta(rel string, skip func(Skip)) *Meta {
	side := SidecarPath(rel)
	raw, err := os.ReadFile(filepath.Join(w.Root, filepath.FromSlash(side)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		skip(Skip{Path: side, Reason: ReasonBadMeta, Detail: err.Error()})
		return nil
	}
	var m Meta
	if err := json.Unmarshal(raw, &m); err != nil {
		skip(Skip{Path: side, Reason: ReasonBadMeta, Detail: fmt.Sprintf("%v; the page is indexed without it", err)})
		return nil
	}
	return &m
}
