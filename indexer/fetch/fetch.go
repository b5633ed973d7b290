package fetch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"

	"github.com/accord-search/accord/indexer/source"
)

// Outcomes of a page.
const (
	OutcomeFetched     = "fetched"
	OutcomeNotModified = "not modified"
	OutcomeSkipped     = "skipped"
	OutcomeFailed      = "failed"
)

// Stats count what a run did with one source (or all of them).
type Stats struct {
	Source      string  `json:"source,omitempty"`
	Listed      int     `json:"listed"`
	Fetched     int     `json:"fetched"`
	NotModified int     `json:"not_modified"`
	Skipped     int     `json:"skipped"`
	Failed      int     `json:"failed"`
	Requests    int64   `json:"requests"`
	Seconds     float64 `json:"seconds"`
}

func (s *Stats) add(o Stats) {
	s.Listed += o.Listed
	s.Fetched += o.Fetched
	s.NotModified += o.NotModified
	s.Skipped += o.Skipped
	s.Failed += o.Failed
}

// String renders the counts as one line.
func (s Stats) String() string {
	rate := 0.0
	if s.Seconds > 0 {
		rate = float64(s.Requests) / s.Seconds
	}
	return fmt.Sprintf("listed %d, fetched %d, not modified %d, skipped %d, failed %d; %d requests in %.1fs, %.1f req/s",
		s.Listed, s.Fetched, s.NotModified, s.Skipped, s.Failed, s.Requests, s.Seconds, rate)
}

// Event is one page's outcome, for progress output.
type Event struct {
	Source  string
	URL     string
	Outcome string
	// Reason says why a page was skipped or failed, or what it duplicates.
	Reason string
	// File is where a fetched page was saved, relative to the corpus.
	File string
}

// Fetcher runs the sources of a config into a corpus folder.
type Fetcher struct {
	cfg    *Config
	out    string
	state  *State
	client *client
	// Report, when set, is told every page's outcome, and a list (feed,
	// sitemap) that failed.
	Report func(Event)
	// SourceDone, when set, receives each source's stats as it ends.
	SourceDone func(Stats)

	mu     sync.Mutex
	claims map[string]string // canonical URL → listed URL that saved it this run
}

// New prepares a fetcher writing into the corpus folder out and
// recording state in statePath. cfg must have been Prepared.
func New(cfg *Config, out, statePath string) (*Fetcher, error) {
	st, err := LoadState(statePath)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	removeTemps(out)
	removeTemps(filepath.Dir(statePath))
	return &Fetcher{cfg: cfg, out: out, state: st, client: newClient(cfg)}, nil
}

// tempRe matches the temporary files of writeAtomic.
var tempRe = regexp.MustCompile(`^\..+\.tmp-\d+$`)

// removeTemps deletes temporary files a killed run left under dir.
func removeTemps(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && tempRe.MatchString(d.Name()) {
			os.Remove(p)
		}
		return nil
	})
}

// Run fetches every source once, sources in parallel (each host still
// gets one request at a time). It returns the totals; the error is set
// only when the run could not go on (the state or a page could not be
// written, or ctx ended).
func (f *Fetcher) Run(ctx context.Context) (Stats, error) {
	start := time.Now()
	f.claims = map[string]string{}
	// robots.txt is read afresh each run (with -watch, each round).
	f.client.mu.Lock()
	f.client.hosts = map[string]*host{}
	f.client.mu.Unlock()
	before := f.requestCount("")
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		total Stats
		errs  []error
	)
	for i := range f.cfg.Sources {
		wg.Add(1)
		go func(src *Source) {
			defer wg.Done()
			st, err := f.runSource(ctx, src)
			mu.Lock()
			defer mu.Unlock()
			total.add(st)
			if err != nil {
				errs = append(errs, err)
			}
		}(&f.cfg.Sources[i])
	}
	wg.Wait()
	total.Seconds = time.Since(start).Seconds()
	total.Requests = f.requestCount("") - before
	if ctx.Err() != nil {
		return total, ctx.Err()
	}
	return total, errors.Join(errs...)
}

// runSource lists a source's pages and fetches them one after another.
func (f *Fetcher) runSource(ctx context.Context, src *Source) (Stats, error) {
	start := time.Now()
	st := Stats{Source: src.Name}
	before := f.requestCount(src.Name)
	defer func() {
		st.Seconds = time.Since(start).Seconds()
		st.Requests = f.requestCount(src.Name) - before
		if f.SourceDone != nil {
			f.SourceDone(st)
		}
	}()
	items, err := f.list(ctx, src, f.cfg.MaxPages)
	if err != nil {
		// A list that failed in part still gives its other pages.
		st.Failed++
		f.report(Event{Source: src.Name, URL: src.addresses()[0], Outcome: OutcomeFailed, Reason: err.Error()})
	}
	seen := map[string]bool{}
	for _, it := range items {
		if ctx.Err() != nil {
			return st, ctx.Err()
		}
		if seen[it.URL] || st.Listed >= f.cfg.MaxPages {
			continue
		}
		seen[it.URL] = true
		st.Listed++
		ev, err := f.page(ctx, src, it)
		ev.Source, ev.URL = src.Name, it.URL
		switch ev.Outcome {
		case OutcomeFetched:
			st.Fetched++
		case OutcomeNotModified:
			st.NotModified++
		case OutcomeSkipped:
			st.Skipped++
		default:
			st.Failed++
		}
		f.report(ev)
		if err != nil {
			return st, err // the corpus or the state cannot be written
		}
	}
	return st, nil
}

// requestCount is the number of requests made so far for the named
// source, or for all sources when name is "".
func (f *Fetcher) requestCount(name string) int64 {
	f.client.mu.Lock()
	defer f.client.mu.Unlock()
	if name != "" {
		return f.client.requests[name]
	}
	var n int64
	for _, v := range f.client.requests {
		n += v
	}
	return n
}

func (f *Fetcher) report(ev Event) {
	if f.Report != nil {
		f.Report(ev)
	}
}

// page fetches one listed page and records the outcome. The error is
// set only for a failure to write.
func (f *Fetcher) page(ctx context.Context, src *Source, it Item) (Event, error) {
	now := time.Now().UTC()
	prev := f.state.page(it.URL)
	ps := &PageState{Checked: now}
	if prev != nil {
		*ps = *prev
		ps.Checked = now
	}
	done := func(ev Event) (Event, error) {
		ps.Status = ev.Outcome
		if ev.Reason != "" {
			ps.Status += ": " + ev.Reason
		}
		if ctx.Err() != nil {
			return ev, nil // an interrupted request is not an outcome to record
		}
		return ev, f.state.setPage(it.URL, ps)
	}
	u, err := url.Parse(it.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return done(Event{Outcome: OutcomeSkipped, Reason: "not an http(s) URL"})
	}
	u.Fragment = ""
	if why := src.wants(u); why != "" {
		return done(Event{Outcome: OutcomeSkipped, Reason: why})
	}
	// Unchanged since the last fetch by the sitemap's word: no request.
	have := prev != nil && prev.File != "" && f.exists(prev.File)
	if have && it.LastMod != "" && !prev.Fetched.IsZero() {
		if lm, ok := parseLastMod(it.LastMod); ok && lm.Before(prev.Fetched) {
			return done(Event{Outcome: OutcomeNotModified, Reason: "sitemap lastmod before the last fetch", File: prev.File})
		}
	}
	var cond validators
	if have {
		cond = validators{ETag: prev.ETag, LastModified: prev.LastModified}
	}
	resp, err := f.client.get(ctx, src, u, cond)
	if err != nil {
		var skip *skipError
		if errors.As(err, &skip) {
			return done(Event{Outcome: OutcomeSkipped, Reason: skip.reason})
		}
		return done(Event{Outcome: OutcomeFailed, Reason: err.Error()})
	}
	switch {
	case resp.Status == http.StatusNotModified && have:
		return done(Event{Outcome: OutcomeNotModified, File: prev.File})
	case resp.Status != http.StatusOK:
		return done(Event{Outcome: OutcomeFailed, Reason: fmt.Sprintf("HTTP %d", resp.Status)})
	}
	body, why := htmlBody(resp)
	if why != "" {
		return done(Event{Outcome: OutcomeSkipped, Reason: why})
	}
	canon := canonical(body, resp.FinalURL, src)
	if other := f.claim(canon, it.URL); other != "" {
		return done(Event{Outcome: OutcomeSkipped, Reason: "duplicate of " + other + " (same canonical URL " + canon + ")"})
	}
	rel := fileFor(canon)
	meta := source.Meta{
		URL: it.URL, FinalURL: resp.FinalURL.String(), Canonical: canon, FetchedAt: now,
		LastModified: resp.LastModified, ETag: resp.ETag, ContentType: resp.ContentType,
		FeedDate: it.Date, FeedTitle: it.Title, Publisher: src.Publisher, Source: src.Name,
	}
	if err := f.save(rel, body, &meta); err != nil {
		ev, _ := done(Event{Outcome: OutcomeFailed, Reason: err.Error()})
		return ev, err
	}
	*ps = PageState{ETag: resp.ETag, LastModified: resp.LastModified, Canonical: canon, FinalURL: meta.FinalURL,
		File: rel, Checked: now, Fetched: now}
	return done(Event{Outcome: OutcomeFetched, File: rel})
}

// claim reserves a canonical URL for the listed URL that saves it; it
// returns the other listed URL when one has it already, in this run or
// (with its file still there) an earlier one.
func (f *Fetcher) claim(canon, listed string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if other, ok := f.claims[canon]; ok {
		if other == listed {
			return ""
		}
		return other
	}
	f.state.mu.Lock()
	defer f.state.mu.Unlock()
	for u, p := range f.state.Pages {
		if u != listed && p.Canonical == canon && p.File != "" && f.exists(p.File) {
			return u
		}
	}
	f.claims[canon] = listed
	return ""
}

func (f *Fetcher) exists(rel string) bool {
	_, err := os.Stat(filepath.Join(f.out, filepath.FromSlash(rel)))
	return err == nil
}

// save writes the sidecar, then the page, each atomically: a page on
// disk always has its metadata beside it.
func (f *Fetcher) save(rel string, body []byte, m *source.Meta) error {
	raw, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	path := filepath.Join(f.out, filepath.FromSlash(rel))
	if err := writeAtomic(source.SidecarPath(path), append(raw, '\n')); err != nil {
		return err
	}
	return writeAtomic(path, body)
}

// htmlBody checks that a response is an HTML page (by its Content-Type
// and by sniffing) and returns it as UTF-8; why says why not.
func htmlBody(r *response) (body []byte, why string) {
	mt, params, err := mime.ParseMediaType(r.ContentType)
	if r.ContentType != "" && err != nil {
		return nil, fmt.Sprintf("not HTML: bad Content-Type %q", r.ContentType)
	}
	sniffed, _, _ := strings.Cut(http.DetectContentType(r.Body), ";")
	switch {
	case r.ContentType == "" && sniffed != "text/html":
		return nil, "not HTML: no Content-Type and the content looks like " + sniffed
	case r.ContentType != "" && mt != "text/html" && mt != "application/xhtml+xml":
		return nil, "not HTML: Content-Type " + mt
	case sniffed != "text/html" && sniffed != "text/plain" && sniffed != "text/xml":
		return nil, "not HTML: served as " + mt + " but the content looks like " + sniffed
	}
	body = r.Body
	if !utf8.Valid(body) || (params["charset"] != "" && !strings.EqualFold(params["charset"], "utf-8")) {
		rd, err := charset.NewReader(bytes.NewReader(body), r.ContentType)
		if err == nil {
			if conv, err := io.ReadAll(rd); err == nil {
				body = conv
			}
		}
		if !utf8.Valid(body) {
			return nil, "not HTML: text in an unknown character set"
		}
	}
	if bytes.IndexByte(body, 0) >= 0 {
		return nil, "not HTML: contains NUL bytes"
	}
	return body, ""
}

// canonical is the page's rel=canonical address when it is an http(s)
// URL on an allowed host, else the final URL; without its fragment.
func canonical(body []byte, final *url.URL, src *Source) string {
	out := *final
	if href := canonicalHref(body); href != "" {
		if c, err := final.Parse(href); err == nil && (c.Scheme == "http" || c.Scheme == "https") && src.hostAllowed(c) {
			out = *c
		}
	}
	out.Fragment = ""
	return out.String()
}

// canonicalHref finds <link rel="canonical" href="..."> in the page head.
func canonicalHref(body []byte) string {
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "body":
				return ""
			case "link":
				var rel, href string
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					switch string(k) {
					case "rel":
						rel = strings.ToLower(string(v))
					case "href":
						href = strings.TrimSpace(string(v))
					}
				}
				if rel == "canonical" && href != "" {
					return href
				}
			}
		}
	}
}

var slugRe = regexp.MustCompile(`[^a-z0-9]+`)

// fileFor names the file of a canonical URL: host/slug-hash.html. The
// same canonical URL always gets the same file, so a page found again
// (under another listed URL, or in another source) replaces itself.
func fileFor(canon string) string {
	u, _ := url.Parse(canon)
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	host = strings.Trim(slugRe.ReplaceAllString(host, "-"), "-")
	if u.Port() != "" {
		host += "-" + u.Port()
	}
	slug := strings.Trim(slugRe.ReplaceAllString(strings.ToLower(u.Path), "-"), "-")
	if len(slug) > 80 {
		slug = strings.TrimRight(slug[:80], "-")
	}
	if slug == "" {
		slug = "index"
	}
	sum := sha256.Sum256([]byte(canon))
	return host + "/" + slug + "-" + hex.EncodeToString(sum[:4]) + ".html"
}

// parseLastMod reads a sitemap <lastmod>: RFC 3339 or a plain date.
func parseLastMod(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04Z07:00", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
