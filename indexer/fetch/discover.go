package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// Item is a page a source lists, with what the list says of it.
type Item struct {
	URL string `json:"url"`
	// Title and Date (RFC 3339) are the feed item's.
	Title string `json:"title,omitempty"`
	Date  string `json:"date,omitempty"`
	// LastMod is a sitemap's <lastmod> (RFC 3339 or a date).
	LastMod string `json:"lastmod,omitempty"`
}

// maxSitemapDepth bounds sitemap indexes that list sitemap indexes.
const maxSitemapDepth = 3

// list returns the pages a source names, at most limit of them.
func (f *Fetcher) list(ctx context.Context, src *Source, limit int) ([]Item, error) {
	if src.Kind == KindURLs {
		var items []Item
		for _, u := range src.addresses() {
			items = append(items, Item{URL: u})
		}
		return items, nil
	}
	var items []Item
	var errs []error
	for _, a := range src.addresses() {
		var got []Item
		var err error
		if src.Kind == KindFeed {
			got, err = f.feed(ctx, src, a)
		} else {
			got, err = f.sitemap(ctx, src, a, 0, limit-len(items))
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", a, err))
		}
		items = append(items, got...)
	}
	return items, errors.Join(errs...)
}

// fetchList gets a feed or sitemap, conditionally; on 304 it returns the
// items stored last time.
func (f *Fetcher) fetchList(ctx context.Context, src *Source, address string, parse func(*response) ([]Item, error)) ([]Item, error) {
	u, err := url.Parse(address)
	if err != nil {
		return nil, err
	}
	prev := f.state.list(address)
	var cond validators
	if prev != nil {
		cond = validators{ETag: prev.ETag, LastModified: prev.LastModified}
	}
	resp, err := f.client.get(ctx, src, u, cond)
	if err != nil {
		return nil, err
	}
	if resp.Status == http.StatusNotModified && prev != nil {
		return prev.Items, nil
	}
	if resp.Status != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d", resp.Status)
	}
	items, err := parse(resp)
	if err != nil {
		return nil, err
	}
	st := &ListState{ETag: resp.ETag, LastModified: resp.LastModified, Items: items, Checked: time.Now().UTC()}
	return items, f.state.setList(address, st)
}

// feed reads an RSS, Atom or JSON feed.
func (f *Fetcher) feed(ctx context.Context, src *Source, address string) ([]Item, error) {
	return f.fetchList(ctx, src, address, func(r *response) ([]Item, error) {
		feed, err := gofeed.NewParser().Parse(bytes.NewReader(r.Body))
		if err != nil {
			return nil, fmt.Errorf("not a feed: %w", err)
		}
		var items []Item
		for _, it := range feed.Items {
			link := it.Link
			if link == "" && len(it.Links) > 0 {
				link = it.Links[0]
			}
			abs, err := r.FinalURL.Parse(strings.TrimSpace(link))
			if link == "" || err != nil {
				continue
			}
			item := Item{URL: abs.String(), Title: strings.TrimSpace(it.Title)}
			switch {
			case it.PublishedParsed != nil:
				item.Date = feedTime(it.Published, *it.PublishedParsed)
			case it.UpdatedParsed != nil:
				item.Date = feedTime(it.Updated, *it.UpdatedParsed)
			}
			items = append(items, item)
		}
		return items, nil
	})
}

// feedTime writes a feed item's time in RFC 3339 with the offset the
// feed gave (gofeed's parsed time is in UTC, which can move the day).
func feedTime(raw string, parsed time.Time) string {
	raw = strings.TrimSpace(raw)
	for _, layout := range []string{time.RFC3339, time.RFC1123Z, "Mon, 2 Jan 2006 15:04:05 -0700", time.RFC822Z, "2 Jan 2006 15:04:05 -0700"} {
		if t, err := time.Parse(layout, raw); err == nil && t.Equal(parsed) {
			return t.Format(time.RFC3339)
		}
	}
	return parsed.Format(time.RFC3339)
}

// sitemapXML is a <urlset> or a <sitemapindex>.
type sitemapXML struct {
	XMLName xml.Name
	URLs    []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"url"`
	Sitemaps []struct {
		Loc string `xml:"loc"`
	} `xml:"sitemap"`
}

// sitemap reads a sitemap or a sitemap index (plain or gzipped), up to
// limit pages.
func (f *Fetcher) sitemap(ctx context.Context, src *Source, address string, depth, limit int) ([]Item, error) {
	var children []string
	items, err := f.fetchList(ctx, src, address, func(r *response) ([]Item, error) {
		body, err := gunzipMaybe(r.Body, f.cfg.MaxBytes)
		if err != nil {
			return nil, err
		}
		var sm sitemapXML
		if err := xml.Unmarshal(body, &sm); err != nil {
			return nil, fmt.Errorf("not a sitemap: %w", err)
		}
		var items []Item
		switch sm.XMLName.Local {
		case "urlset":
			for _, x := range sm.URLs {
				if loc := strings.TrimSpace(x.Loc); loc != "" {
					items = append(items, Item{URL: loc, LastMod: strings.TrimSpace(x.LastMod)})
				}
			}
		case "sitemapindex":
			// Child sitemaps are stored as items with no page of their own.
			for _, x := range sm.Sitemaps {
				if loc := strings.TrimSpace(x.Loc); loc != "" {
					items = append(items, Item{URL: loc, Title: sitemapMark})
				}
			}
		default:
			return nil, fmt.Errorf("not a sitemap: root element <%s>", sm.XMLName.Local)
		}
		return items, nil
	})
	if err != nil {
		return nil, err
	}
	var pages []Item
	for _, it := range items {
		if it.Title == sitemapMark {
			children = append(children, it.URL)
			continue
		}
		pages = append(pages, it)
	}
	var errs []error
	for _, c := range children {
		if len(pages) >= limit {
			break
		}
		cu, err := url.Parse(c)
		if err != nil || !src.hostAllowed(cu) {
			errs = append(errs, fmt.Errorf("sitemap %s: not on an allowed host", c))
			continue
		}
		if depth+1 >= maxSitemapDepth {
			errs = append(errs, fmt.Errorf("sitemap %s: sitemap indexes nested deeper than %d", c, maxSitemapDepth))
			continue
		}
		got, err := f.sitemap(ctx, src, c, depth+1, limit-len(pages))
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", c, err))
		}
		pages = append(pages, got...)
	}
	if len(pages) > limit {
		pages = pages[:limit]
	}
	return pages, errors.Join(errs...)
}

// sitemapMark marks a sitemap index's child in the stored items.
const sitemapMark = "\x00sitemap"

// gunzipMaybe inflates a gzipped body, at most limit bytes of it.
func gunzipMaybe(b []byte, limit int64) ([]byte, error) {
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		return b, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	if int64(len(out)) > limit {
		return nil, fmt.Errorf("too large: over %d bytes inflated", limit)
	}
	return out, nil
}
