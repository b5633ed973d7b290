package fetch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"
)

// Kinds of source.
const (
	KindFeed    = "feed"
	KindSitemap = "sitemap"
	KindURLs    = "urls"
)

// Defaults of the settings a sources file may leave out.
const (
	DefaultUserAgent     = "AccordFetch/1.0"
	DefaultContact       = "https://github.com/accord-search/accord"
	DefaultRate          = 1.0 // requests per second per host
	DefaultTimeout       = 30 * time.Second
	DefaultMaxBytes      = 5 << 20
	DefaultMaxRedirects  = 5
	DefaultMaxPages      = 500
	DefaultRetries       = 3
	DefaultBackoff       = 2 * time.Second
	DefaultMaxBackoff    = 2 * time.Minute
	DefaultMaxCrawlDelay = 2 * time.Minute
)

// Duration is a time.Duration written as "30s" or "1m30s" in JSON.
type Duration struct{ time.Duration }

// UnmarshalJSON reads a duration string.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("want a duration such as \"30s\": %w", err)
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return err
	}
	d.Duration = v
	return nil
}

// MarshalJSON writes the duration as a string.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// Config is a sources file: how to fetch, and what.
type Config struct {
	// UserAgent and Contact make the User-Agent header
	// "AccordFetch/1.0 (+https://contact)". robots.txt groups are matched
	// on the product token (the User-Agent up to its first "/").
	UserAgent string `json:"user_agent,omitempty"`
	Contact   string `json:"contact,omitempty"`
	// Rate is the default number of requests per second per host.
	Rate float64 `json:"rate,omitempty"`
	// Timeout bounds each request, body included.
	Timeout Duration `json:"timeout,omitzero"`
	// MaxBytes bounds each response body (pages, feeds, sitemaps).
	MaxBytes int64 `json:"max_bytes,omitempty"`
	// MaxRedirects bounds each chain of redirects.
	MaxRedirects int `json:"max_redirects,omitempty"`
	// MaxPages bounds the pages taken from each source per run.
	MaxPages int `json:"max_pages,omitempty"`
	// Retries is how often a 429 or 503 is retried.
	Retries int `json:"retries,omitempty"`
	// Backoff is the first wait after a 429 or 503 without Retry-After;
	// each retry doubles it, up to MaxBackoff. A Retry-After longer than
	// MaxBackoff is not waited for: the URL fails and the next run tries.
	Backoff    Duration `json:"backoff,omitzero"`
	MaxBackoff Duration `json:"max_backoff,omitzero"`
	// MaxCrawlDelay: a host whose robots.txt asks for a longer
	// crawl-delay is skipped.
	MaxCrawlDelay Duration `json:"max_crawl_delay,omitzero"`
	// AllowPrivate permits loopback, private and link-local addresses
	// (off by default; tests need it).
	AllowPrivate bool     `json:"allow_private,omitempty"`
	Sources      []Source `json:"sources"`
}

// Source is one feed, sitemap or list of URLs.
type Source struct {
	// Name names the source in progress lines and page metadata.
	Name string `json:"name"`
	// Publisher is given to every page of the source; leave it empty
	// when the pages have several publishers (the indexer then asks its
	// host table).
	Publisher string `json:"publisher,omitempty"`
	Kind      string `json:"kind"`
	// URL is the feed or sitemap (or sitemap index); URLs the pages of a
	// "urls" source, or more feeds or sitemaps.
	URL  string   `json:"url,omitempty"`
	URLs []string `json:"urls,omitempty"`
	// AllowedHosts are the hosts pages and redirects may be on; a host
	// also allows its subdomains. Default: the hosts of URL and URLs.
	AllowedHosts []string `json:"allowed_hosts,omitempty"`
	// Include and Exclude are regular expressions on page URLs: a page is
	// taken when it matches some Include (or there is none) and no Exclude.
	Include []string `json:"include,omitempty"`
	Exclude []string `json:"exclude,omitempty"`
	// Rate overrides the requests per second per host for this source.
	Rate float64 `json:"rate,omitempty"`

	include, exclude []*regexp.Regexp
}

// LoadConfig reads a JSON sources file; unknown fields are errors, so
// that a misspelt setting is not silently ignored.
func LoadConfig(path string) (*Config, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var c Config
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &c, nil
}

// Prepare fills in defaults and checks every setting; it reports the
// first problem.
func (c *Config) Prepare() error {
	if c.UserAgent == "" {
		c.UserAgent = DefaultUserAgent
	}
	if c.Contact == "" {
		c.Contact = DefaultContact
	}
	if u, err := url.Parse(c.Contact); err != nil || (u.Scheme != "https" && u.Scheme != "http" && u.Scheme != "mailto") {
		return fmt.Errorf("contact %q: want an http(s) or mailto URL where site owners can reach you", c.Contact)
	}
	defaults := []struct {
		d   *Duration
		def time.Duration
	}{{&c.Timeout, DefaultTimeout}, {&c.Backoff, DefaultBackoff}, {&c.MaxBackoff, DefaultMaxBackoff}, {&c.MaxCrawlDelay, DefaultMaxCrawlDelay}}
	for _, x := range defaults {
		if x.d.Duration <= 0 {
			x.d.Duration = x.def
		}
	}
	c.Rate = orDefault(c.Rate, DefaultRate)
	c.MaxBytes = orDefault(c.MaxBytes, DefaultMaxBytes)
	c.MaxRedirects = orDefault(c.MaxRedirects, DefaultMaxRedirects)
	c.MaxPages = orDefault(c.MaxPages, DefaultMaxPages)
	if c.Retries < 0 {
		return fmt.Errorf("retries %d: must not be negative", c.Retries)
	}
	if c.Retries == 0 {
		c.Retries = DefaultRetries
	}
	if len(c.Sources) == 0 {
		return errors.New("no sources: give a sources file (-config) or -feed, -sitemap or -url")
	}
	names := map[string]bool{}
	for i := range c.Sources {
		s := &c.Sources[i]
		if err := s.prepare(c.Rate); err != nil {
			return fmt.Errorf("source %d (%s): %w", i+1, s.Name, err)
		}
		if names[s.Name] {
			return fmt.Errorf("source %q: named twice", s.Name)
		}
		names[s.Name] = true
	}
	return nil
}

func orDefault[T int | int64 | float64](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

func (s *Source) prepare(rate float64) error {
	switch s.Kind {
	case KindFeed, KindSitemap, KindURLs:
	default:
		return fmt.Errorf("kind %q: want feed, sitemap or urls", s.Kind)
	}
	all := s.addresses()
	if len(all) == 0 {
		return errors.New("no url or urls")
	}
	hosts := s.AllowedHosts
	for _, a := range all {
		u, err := url.Parse(a)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("url %q: want an absolute http(s) URL", a)
		}
		if len(s.AllowedHosts) == 0 {
			hosts = append(hosts, u.Hostname())
		}
	}
	s.AllowedHosts = hosts
	for i, h := range s.AllowedHosts {
		s.AllowedHosts[i] = strings.ToLower(strings.TrimSpace(h))
	}
	if s.Name == "" {
		s.Name = strings.TrimPrefix(all[0], "https://")
	}
	if s.Rate <= 0 {
		s.Rate = rate
	}
	var err error
	if s.include, err = compile(s.Include); err != nil {
		return fmt.Errorf("include: %w", err)
	}
	if s.exclude, err = compile(s.Exclude); err != nil {
		return fmt.Errorf("exclude: %w", err)
	}
	return nil
}

// addresses are the source's own URLs: its feeds, sitemaps or pages.
func (s *Source) addresses() []string {
	var out []string
	if s.URL != "" {
		out = append(out, s.URL)
	}
	return append(out, s.URLs...)
}

func compile(patterns []string) ([]*regexp.Regexp, error) {
	out := make([]*regexp.Regexp, 0, len(patterns))
	for _, p := range patterns {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, err
		}
		out = append(out, re)
	}
	return out, nil
}

// hostAllowed reports whether host (a name or IP, no port) is one of the
// source's allowed hosts or a subdomain of one. An allowed entry with a
// port ("127.0.0.1:8080") must match host:port.
func (s *Source) hostAllowed(u *url.URL) bool {
	name := strings.ToLower(u.Hostname())
	for _, h := range s.AllowedHosts {
		if _, _, err := net.SplitHostPort(h); err == nil {
			if strings.EqualFold(u.Host, h) {
				return true
			}
			continue
		}
		if name == h || strings.HasSuffix(name, "."+h) {
			return true
		}
	}
	return false
}

// wants reports why a page URL is not taken, or "" when it is.
func (s *Source) wants(u *url.URL) string {
	if !s.hostAllowed(u) {
		return "host " + u.Host + " is not allowed for this source"
	}
	a := u.String()
	if len(s.include) > 0 {
		ok := false
		for _, re := range s.include {
			ok = ok || re.MatchString(a)
		}
		if !ok {
			return "matches no include pattern"
		}
	}
	for _, re := range s.exclude {
		if re.MatchString(a) {
			return "matches exclude pattern " + re.String()
		}
	}
	return ""
}

// UserAgentHeader is the User-Agent sent with every request.
func (c *Config) UserAgentHeader() string {
	return fmt.Sprintf("%s (+%s)", c.UserAgent, c.Contact)
}

// robotsToken is the product token robots.txt groups are matched on.
func (c *Config) robotsToken() string {
	tok, _, _ := strings.Cut(c.UserAgent, "/")
	return tok
}
