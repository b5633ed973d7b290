package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// site is a fixture web site written for these tests: a feed of 20 items
// that covers every case the fetcher must handle, a sitemap index (one
// plain sitemap, one gzipped), robots.txt rules, and pages that honour
// conditional requests. It counts the requests for each path.
type site struct {
	t      *testing.T
	srv    *httptest.Server
	other  string // base URL of a second server, on a host the sources do not allow
	mu     sync.Mutex
	hits   map[string]int
	cond   map[string]int // requests that carried If-None-Match
	agents map[string]bool
	// version changes a page's text (and so its ETag).
	version map[string]int
	busy    int // requests to /busy so far
	flaky   int // requests to /flaky so far
}

// words is a vocabulary for page texts: each page draws its own mix, so
// that no two pages are near-duplicates.
var words = strings.Fields(`agreement border customs cargo screening maritime patrol aviation security
	visa waiver biometric exchange information sharing counterterrorism cybersecurity infrastructure
	resilience disaster response emergency management trafficking smuggling fentanyl precursor chemicals
	migration asylum refugee resettlement returns removal detention alternatives enforcement inspection
	preclearance passenger data analysis risk targeting intelligence fusion centre coast guard cutter
	harbour port container scanning radiation detection pandemic preparedness vaccine logistics supply
	chain resilience election integrity critical minerals energy grid pipeline ransomware incident
	reporting workforce training academy exchange programme liaison officer embassy consulate attaché
	ministerial dialogue summit communiqué framework memorandum understanding declaration roadmap`)

// pageText is a unique article body of about 150 words for key.
func pageText(key string, version int) string {
	h := sha256.Sum256([]byte(fmt.Sprintf("%s#%d", key, version)))
	r := rand.New(rand.NewPCG(uint64(h[0])<<8|uint64(h[1]), uint64(h[2])<<8|uint64(h[3])))
	var b strings.Builder
	for s := 0; s < 10; s++ {
		b.WriteString("The delegation discussed")
		for w := 0; w < 14; w++ {
			b.WriteString(" " + words[r.IntN(len(words))])
		}
		b.WriteString(". ")
	}
	return b.String()
}

func newSite(t *testing.T) *site {
	s := &site{t: t, hits: map[string]int{}, cond: map[string]int{}, agents: map[string]bool{}, version: map[string]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the fetcher reached the disallowed host: %s", r.URL)
	}))
	// The same loopback server under another name: "localhost" is not an
	// allowed host of any source.
	s.other = strings.Replace(other.URL, "127.0.0.1", "localhost", 1)
	t.Cleanup(func() { s.srv.Close(); other.Close() })
	return s
}

func (s *site) URL() string { return s.srv.URL }

func (s *site) count(path string) (hits, conditional int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path], s.cond[path]
}

func (s *site) resetCounts() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hits, s.cond = map[string]int{}, map[string]int{}
}

func (s *site) change(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.version[path]++
}

// feedItems are the 20 items of /feed.xml: path and what the feed says.
var feedItems = func() []string {
	var p []string
	for i := 1; i <= 10; i++ {
		p = append(p, fmt.Sprintf("/news/release-%d", i))
	}
	return append(p,
		"/redirect/old",        // 301 to /news/moved
		"/loop/a",              // /loop/a → /loop/b → /loop/a
		"/away",                // 302 to a host the source does not allow
		"/slow",                // answers after the timeout
		"/huge",                // larger than max_bytes
		"/report.pdf",          // not HTML
		"/busy",                // 429 with Retry-After: 1, then the page
		"/private/secret",      // disallowed by robots.txt
		"/news/release-1-copy", // rel=canonical to /news/release-1
		"/skip-me/page",        // excluded by the source's pattern
	)
}()

// feedDate is the date the feed gives item i (0-based).
func feedDate(i int) time.Time {
	return time.Date(2025, 3, 1+i, 14, 30, 0, 0, time.FixedZone("EST", -5*3600))
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	if r.Header.Get("If-None-Match") != "" {
		s.cond[r.URL.Path]++
	}
	s.agents[r.Header.Get("User-Agent")] = true
	version := s.version[r.URL.Path]
	s.mu.Unlock()
	base := s.srv.URL
	p := r.URL.Path
	switch {
	case p == "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nDisallow: /\n\nUser-agent: AccordFetch\nDisallow: /private/\nCrawl-delay: 0.01\n")
	case p == "/feed.xml":
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Example Ministry news</title><link>` + base + `/</link><description>News</description>`)
		for i, path := range feedItems {
			fmt.Fprintf(&b, "<item><title>Feed title %d</title><link>%s%s</link><pubDate>%s</pubDate></item>", i+1, base, path, feedDate(i).Format(time.RFC1123Z))
		}
		b.WriteString(`</channel></rss>`)
		s.conditional(w, r, "application/rss+xml", b.String())
	case p == "/sitemap_index.xml":
		s.conditional(w, r, "application/xml", `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`+
			`<sitemap><loc>`+base+`/sitemap-a.xml</loc></sitemap><sitemap><loc>`+base+`/sitemap-b.xml.gz</loc></sitemap><sitemap><loc>`+base+`/sitemap-c.xml</loc></sitemap></sitemapindex>`)
	case p == "/sitemap-a.xml":
		s.conditional(w, r, "application/xml", urlset(base, []string{"/archive/1", "/archive/2", "/archive/3"}))
	case p == "/sitemap-b.xml.gz":
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write([]byte(urlset(base, []string{"/archive/4", "/archive/5"}) + "\n"))
		zw.Close()
		w.Header().Set("Content-Type", "application/gzip")
		w.Write(z.Bytes())
	case p == "/sitemap-c.xml":
		s.conditional(w, r, "application/xml", `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>`+base+`/flaky</loc></url></urlset>`)
	case p == "/redirect/old":
		http.Redirect(w, r, "/news/moved", http.StatusMovedPermanently)
	case p == "/loop/a":
		http.Redirect(w, r, "/loop/b", http.StatusFound)
	case p == "/loop/b":
		http.Redirect(w, r, "/loop/a", http.StatusFound)
	case p == "/away":
		http.Redirect(w, r, s.other+"/page", http.StatusFound)
	case p == "/slow":
		select {
		case <-r.Context().Done():
		case <-time.After(6 * time.Second):
			fmt.Fprint(w, "<html><body>late</body></html>")
		}
	case p == "/huge":
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><body><p>")
		for i := 0; i < 4000; i++ {
			fmt.Fprint(w, "lorem ipsum dolor sit amet consectetur adipiscing elit ")
		}
	case p == "/report.pdf":
		w.Header().Set("Content-Type", "application/pdf")
		fmt.Fprint(w, "%PDF-1.4\n% a report\n")
	case p == "/busy":
		s.mu.Lock()
		s.busy++
		n := s.busy
		s.mu.Unlock()
		if n == 1 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		s.conditional(w, r, "text/html; charset=utf-8", article(base, p, "", version))
	case p == "/flaky":
		s.mu.Lock()
		s.flaky++
		n := s.flaky
		s.mu.Unlock()
		if n <= 2 {
			http.Error(w, "try again", http.StatusServiceUnavailable) // no Retry-After: exponential backoff
			return
		}
		s.conditional(w, r, "text/html; charset=utf-8", article(base, p, "", version))
	case p == "/news/release-1-copy":
		s.conditional(w, r, "text/html; charset=utf-8", article(base, "/news/release-1", "", version))
	case p == "/news/release-2":
		// This page states its own date: the feed's is not used.
		s.conditional(w, r, "text/html; charset=utf-8", article(base, p, "2024-02-02", version))
	case strings.HasPrefix(p, "/news/") || strings.HasPrefix(p, "/archive/") || strings.HasPrefix(p, "/private/") || strings.HasPrefix(p, "/skip-me/"):
		s.conditional(w, r, "text/html; charset=utf-8", article(base, p, "", version))
	default:
		http.NotFound(w, r)
	}
}

// conditional serves body with an ETag, or 304 when the client has it.
func (s *site) conditional(w http.ResponseWriter, r *http.Request, ctype, body string) {
	sum := sha256.Sum256([]byte(body))
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", "Mon, 03 Mar 2025 10:00:00 GMT")
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", ctype)
	fmt.Fprint(w, body)
}

func urlset(base string, paths []string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for _, p := range paths {
		fmt.Fprintf(&b, "<url><loc>%s%s</loc><lastmod>2024-01-15</lastmod></url>", base, p)
	}
	b.WriteString(`</urlset>`)
	return b.String()
}

// article is an HTML page for path; its canonical link names path, and
// date, when given, is stated in the page's meta tags.
func article(base, path, date string, version int) string {
	slug := strings.NewReplacer("/", " ", "-", " ").Replace(path)
	head := `<link rel="canonical" href="` + path + `">`
	if date != "" {
		head += `<meta property="article:published_time" content="` + date + `">`
	}
	return `<!doctype html><html lang="en"><head><title>Ministry release` + slug + `</title>` + head + `</head><body>` +
		`<nav><a href="/">Home</a> <a href="/news">News</a></nav><main><article><h1>Ministry release` + slug + `</h1>` +
		`<p>` + marker(path) + ` ` + pageText(path, version) + `</p></article></main>` +
		`<footer>Example Ministry of Borders</footer></body></html>`
}

// marker is a word only the page at path has, to find it by.
func marker(path string) string {
	sum := sha256.Sum256([]byte(path))
	return "ref" + hex.EncodeToString(sum[:5])
}
