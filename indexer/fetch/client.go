package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/temoto/robotstxt"
	"golang.org/x/time/rate"
)

// skipError marks a URL that was deliberately not fetched (robots.txt, a
// host not allowed...): counted as skipped, not failed.
type skipError struct{ reason string }

func (e *skipError) Error() string { return e.reason }

func skipf(format string, args ...any) error { return &skipError{fmt.Sprintf(format, args...)} }

// response is a fetched body and what the fetcher needs of its headers.
type response struct {
	Status       int
	FinalURL     *url.URL
	Body         []byte
	ContentType  string
	ETag         string
	LastModified string
}

// validators are the conditional-GET headers of an earlier response.
type validators struct{ ETag, LastModified string }

// client makes polite requests: per host one at a time, at a rate, after
// robots.txt allows them.
type client struct {
	cfg   *Config
	http  *http.Client
	mu    sync.Mutex
	hosts map[string]*host
	// requests counts the requests sent for each source (under mu).
	requests map[string]int64
}

// host is the politeness state of one scheme://host:port.
type host struct {
	gate    sync.Mutex // held for each request: one at a time per host
	load    sync.Mutex // held while robots.txt is read: once per run
	limit   *rate.Limiter
	robots  *robotstxt.Group
	robErr  error
	loaded  bool
	pauseTo time.Time // Retry-After: no request before this
}

func newClient(cfg *Config) *client {
	dialer := &net.Dialer{Timeout: cfg.Timeout.Duration, Control: dialControl(cfg.AllowPrivate)}
	tr := &http.Transport{
		Proxy:                 nil, // the dialed address is the server's, never a proxy's
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   cfg.Timeout.Duration,
		ResponseHeaderTimeout: cfg.Timeout.Duration,
		IdleConnTimeout:       30 * time.Second,
	}
	return &client{
		cfg:      cfg,
		hosts:    map[string]*host{},
		requests: map[string]int64{},
		http: &http.Client{
			Transport: tr,
			// Redirects are followed by hand, each hop checked.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}
}

// errPrivate is returned by the dialer for a forbidden address.
var errPrivate = errors.New("private or loopback address")

// dialControl refuses private, loopback, link-local and other
// non-public addresses unless allowed. It runs on the address actually
// dialed, after DNS resolution, so a name that resolves (or re-resolves)
// to such an address is refused too.
func dialControl(allowPrivate bool) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		if allowPrivate {
			return nil
		}
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("%w: cannot parse %q", errPrivate, address)
		}
		if !publicAddr(ap.Addr()) {
			return fmt.Errorf("%w: %s", errPrivate, ap.Addr())
		}
		return nil
	}
}

// nonPublic are ranges that net/netip has no predicate for.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"), // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"), // NAT64 may reach private IPv4
}

func publicAddr(a netip.Addr) bool {
	a = a.Unmap()
	if a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsInterfaceLocalMulticast() || a.IsMulticast() || a.IsUnspecified() || !a.IsValid() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(a) {
			return false
		}
	}
	return true
}

// hostFor returns the state of u's host, creating it at the given rate;
// a slower rate asked by another source wins.
func (c *client) hostFor(u *url.URL, perSecond float64) *host {
	key := u.Scheme + "://" + u.Host
	c.mu.Lock()
	defer c.mu.Unlock()
	h := c.hosts[key]
	if h == nil {
		h = &host{limit: rate.NewLimiter(rate.Limit(perSecond), 1)}
		c.hosts[key] = h
	} else if rate.Limit(perSecond) < h.limit.Limit() {
		h.limit.SetLimit(rate.Limit(perSecond))
	}
	return h
}

// get fetches u for src, following redirects by hand: every hop must be
// on an allowed host and allowed by its robots.txt, and goes through its
// host's gate. cond, when given, makes the first request conditional.
func (c *client) get(ctx context.Context, src *Source, u *url.URL, cond validators) (*response, error) {
	seen := map[string]bool{}
	for hop := 0; ; hop++ {
		if seen[u.String()] {
			return nil, fmt.Errorf("redirect loop at %s", u)
		}
		seen[u.String()] = true
		if hop > 0 && !src.hostAllowed(u) {
			return nil, fmt.Errorf("redirected to %s: host %s is not allowed for this source", u, u.Host)
		}
		resp, next, err := c.getOne(ctx, src, u, cond)
		if err != nil || next == nil {
			return resp, err
		}
		if hop >= c.cfg.MaxRedirects {
			return nil, fmt.Errorf("more than %d redirects (last to %s)", c.cfg.MaxRedirects, next)
		}
		u = next // the validators go along: they are the final page's
	}
}

// getOne makes one request (with retries on 429 and 503). It returns the
// response, or the next URL of a redirect.
func (c *client) getOne(ctx context.Context, src *Source, u *url.URL, cond validators) (*response, *url.URL, error) {
	h := c.hostFor(u, src.Rate)
	if err := c.allowed(ctx, h, src.Name, u); err != nil {
		return nil, nil, err
	}
	backoff := c.cfg.Backoff.Duration
	for attempt := 0; ; attempt++ {
		resp, header, err := c.do(ctx, h, src.Name, u, cond, c.cfg.MaxBytes)
		if err != nil {
			return nil, nil, err
		}
		switch {
		case resp.Status >= 300 && resp.Status < 400 && resp.Status != http.StatusNotModified:
			loc := header.Get("Location")
			if loc == "" {
				return nil, nil, fmt.Errorf("HTTP %d without a Location", resp.Status)
			}
			next, err := u.Parse(loc)
			if err != nil || (next.Scheme != "http" && next.Scheme != "https") {
				return nil, nil, fmt.Errorf("HTTP %d to a bad Location %q", resp.Status, loc)
			}
			next.Fragment = ""
			return nil, next, nil
		case resp.Status == http.StatusTooManyRequests || resp.Status == http.StatusServiceUnavailable:
			wait, given := retryAfter(header.Get("Retry-After"), time.Now())
			if !given {
				wait = backoff
				backoff = min(2*backoff, c.cfg.MaxBackoff.Duration)
			}
			if attempt >= c.cfg.Retries {
				return nil, nil, fmt.Errorf("HTTP %d, still after %d retries", resp.Status, attempt)
			}
			if wait > c.cfg.MaxBackoff.Duration {
				return nil, nil, fmt.Errorf("HTTP %d with Retry-After %s, longer than max_backoff %s: the next run tries again", resp.Status, wait, c.cfg.MaxBackoff.Duration)
			}
			h.gate.Lock()
			h.pauseTo = time.Now().Add(wait)
			h.gate.Unlock()
			continue
		}
		return resp, nil, nil
	}
}

// allowed loads the host's robots.txt once and checks u against it.
func (c *client) allowed(ctx context.Context, h *host, name string, u *url.URL) error {
	h.load.Lock()
	h.gate.Lock()
	loaded := h.loaded
	h.gate.Unlock()
	if !loaded {
		c.loadRobots(ctx, h, name, u)
	}
	h.load.Unlock()
	if h.robErr != nil {
		return h.robErr
	}
	if !h.robots.Test(u.EscapedPath() + query(u)) {
		return skipf("disallowed by robots.txt")
	}
	return nil
}

func query(u *url.URL) string {
	if u.RawQuery == "" {
		return ""
	}
	return "?" + u.RawQuery
}

// loadRobots fetches /robots.txt: a 4xx allows everything, a 5xx or an
// unreachable file forbids everything for this run (the usual reading).
// A crawl-delay slower than the host's rate slows it; one longer than
// max_crawl_delay skips the host.
func (c *client) loadRobots(ctx context.Context, h *host, name string, u *url.URL) {
	ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	var data *robotstxt.RobotsData
	var err error
	for hop := 0; hop <= c.cfg.MaxRedirects; hop++ {
		resp, header, derr := c.do(ctx, h, name, ru, validators{}, 512<<10)
		if derr != nil {
			err = fmt.Errorf("robots.txt unreachable: %w", derr)
			break
		}
		if loc := header.Get("Location"); resp.Status >= 300 && resp.Status < 400 && loc != "" {
			next, perr := ru.Parse(loc)
			if perr != nil || next.Host != u.Host {
				data, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil) // off-site: as if absent
				break
			}
			ru = next
			continue
		}
		data, err = robotstxt.FromStatusAndBytes(resp.Status, resp.Body)
		break
	}
	h.gate.Lock()
	defer h.gate.Unlock()
	if h.loaded {
		return
	}
	h.loaded = true
	if data == nil && err == nil {
		err = errors.New("robots.txt: too many redirects")
	}
	if err != nil {
		h.robErr = err
		return
	}
	h.robots = data.FindGroup(c.cfg.robotsToken())
	if d := h.robots.CrawlDelay; d > 0 {
		if d > c.cfg.MaxCrawlDelay.Duration {
			h.robErr = skipf("robots.txt crawl-delay %s is longer than max_crawl_delay %s", d, c.cfg.MaxCrawlDelay.Duration)
			return
		}
		if rate.Every(d) < h.limit.Limit() {
			h.limit.SetLimit(rate.Every(d))
		}
	}
}

// do makes one request through the host's gate: it waits for the rate
// limiter and any Retry-After pause, sends, and reads at most max bytes.
func (c *client) do(ctx context.Context, h *host, name string, u *url.URL, cond validators, limit int64) (*response, http.Header, error) {
	h.gate.Lock()
	defer h.gate.Unlock()
	if wait := time.Until(h.pauseTo); wait > 0 {
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, nil, ctx.Err()
		case <-t.C:
		}
	}
	if err := h.limit.Wait(ctx); err != nil {
		return nil, nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout.Duration)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("User-Agent", c.cfg.UserAgentHeader())
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,application/xml;q=0.8,*/*;q=0.5")
	if cond.ETag != "" {
		req.Header.Set("If-None-Match", cond.ETag)
	}
	if cond.LastModified != "" {
		req.Header.Set("If-Modified-Since", cond.LastModified)
	}
	c.mu.Lock()
	c.requests[name]++
	c.mu.Unlock()
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, nil, describe(err, c.cfg.Timeout.Duration)
	}
	defer resp.Body.Close()
	if resp.ContentLength > limit {
		return nil, nil, fmt.Errorf("too large: %d bytes, over the limit of %d", resp.ContentLength, limit)
	}
	var body bytes.Buffer
	if _, err := io.Copy(&body, io.LimitReader(resp.Body, limit+1)); err != nil {
		return nil, nil, describe(err, c.cfg.Timeout.Duration)
	}
	if int64(body.Len()) > limit {
		return nil, nil, fmt.Errorf("too large: over the limit of %d bytes", limit)
	}
	return &response{
		Status: resp.StatusCode, FinalURL: u, Body: body.Bytes(), ContentType: resp.Header.Get("Content-Type"),
		ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"),
	}, resp.Header, nil
}

// describe words a transport error for the failure report.
func describe(err error, timeout time.Duration) error {
	switch {
	case errors.Is(err, errPrivate):
		return fmt.Errorf("refused to connect (allow_private is off): %w", err)
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return fmt.Errorf("timed out after %s", timeout)
	}
	return err
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}
