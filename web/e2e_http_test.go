package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/accord-search/accord/search"
)

func TestCanonicalRedirects(t *testing.T) {
	h := newHandler(t)
	tests := []struct {
		name, target, location string
	}{
		{"order", "/search?country=Mexico&q=fentanyl", "/search?q=fentanyl&country=Mexico"},
		{"values sorted", "/search?country=Mexico&country=Canada", "/search?country=Canada&country=Mexico"},
		{"defaults omitted", "/search?q=&sort=relevance&page=1&per_page=10", "/search"},
		{"empty query string", "/search?", "/search"},
		{"unknown parameters", "/search?utm_source=mail&q=cyber", "/search?q=cyber"},
		{"per_page clamped", "/search?per_page=500", "/search?per_page=100"},
		{"page clamped", "/search?page=1000", "/search?page=100"},
		{"spelling of spaces", "/search?q=border%20security", "/search?q=border+security"},
		{"trimmed text", "/search?q=+cyber+", "/search?q=cyber"},
		{"home with a query", "/?q=cyber&country=Germany", "/search?q=cyber&country=Germany"},
		{"publisher after type", "/search?publisher=Homeland+Newswire&type=Readout&topic=Migration", "/search?topic=Migration&type=Readout&publisher=Homeland+Newswire"},
		{"fragment requests too", "/search?country=Mexico&q=a", "/search?q=a&country=Mexico"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := get(t, h, tt.target)
			if r.status != http.StatusMovedPermanently {
				t.Fatalf("status: got %d, want 301", r.status)
			}
			if got := r.header.Get("Location"); got != tt.location {
				t.Errorf("Location: got %q, want %q", got, tt.location)
			}
			if r2 := get(t, h, tt.location); r2.status != http.StatusOK {
				t.Errorf("canonical URL %s: status %d, want 200", tt.location, r2.status)
			}
		})
	}
	t.Run("canonical URLs are served", func(t *testing.T) {
		for _, target := range []string{"/search", "/search?q=cyber", "/search?q=a+b&country=Canada&country=Mexico&official=Chad+Wolf&topic=Migration&from=2019&to=2020-01-15&sort=oldest&page=2&per_page=25&fq_official=wolf"} {
			if r := get(t, h, target); r.status != http.StatusOK {
				t.Errorf("%s: status %d, want 200", target, r.status)
			}
		}
	})
}

func TestBadRequests(t *testing.T) {
	h := newHandler(t)
	tests := []struct {
		name, target, message string
		json                  bool
	}{
		{"page not a number", "/search?page=two", `The page parameter is invalid: "two" is not a whole number of at least 1.`, false},
		{"page zero", "/search?page=0", `The page parameter is invalid`, false},
		{"per_page negative", "/search?per_page=-5", `The per_page parameter is invalid`, false},
		{"unknown sort", "/search?sort=popular", `The sort parameter is invalid: "popular" is not one of relevance, newest, oldest.`, false},
		{"bad date", "/search?from=last+week", `The from parameter is invalid: "last week" is not a date`, false},
		{"reversed range", "/search?from=2024&to=2020", `the range ends (2020) before it starts (2024)`, false},
		{"repeated q", "/search?q=a&q=b", `The q parameter is invalid: given more than once.`, false},
		{"invalid UTF-8", "/search?q=%ff", `not valid UTF-8`, false},
		{"home", "/?page=x", `The page parameter is invalid`, false},
		{"api", "/api/search?page=x", `"status":400`, true},
		{"atom", "/search.atom?to=2020-13", `The to parameter is invalid`, false},
		{"csv", "/search.csv?sort=x", `The sort parameter is invalid`, false},
		{"fragment", "/search?from=x", `The from parameter is invalid`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := get(t, h, tt.target)
			if r.status != http.StatusBadRequest {
				t.Fatalf("status: got %d, want 400", r.status)
			}
			if !strings.Contains(r.body, htmlish(tt.message, !tt.json && strings.HasPrefix(r.header.Get("Content-Type"), "text/html"))) {
				t.Errorf("body does not explain %q:\n%s", tt.message, r.body)
			}
			if tt.json && !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
				t.Errorf("Content-Type: got %q, want JSON", r.header.Get("Content-Type"))
			}
		})
	}
	t.Run("unknown fragment", func(t *testing.T) {
		if r := get(t, h, "/search", headerFragment, "facet-bogus"); r.status != http.StatusBadRequest {
			t.Errorf("status: got %d, want 400", r.status)
		}
	})
}

// htmlish escapes quotes the way templ writes text.
func htmlish(s string, html bool) string {
	if !html {
		return s
	}
	return strings.ReplaceAll(s, `"`, "&#34;")
}

func TestEngineFailures(t *testing.T) {
	tests := []struct {
		name    string
		err     error
		status  int
		heading string
	}{
		{"unavailable", fmt.Errorf("meili: search: %w: connection refused", search.ErrUnavailable), http.StatusServiceUnavailable, "Search is temporarily unavailable"},
		{"timeout", fmt.Errorf("bleve: search: %w", search.ErrTimeout), http.StatusGatewayTimeout, "The search took too long"},
		{"deadline", fmt.Errorf("bleve: search: %w", context.DeadlineExceeded), http.StatusGatewayTimeout, "The search took too long"},
		{"engine rejects the query", fmt.Errorf("bleve: %w: too many clauses", search.ErrBadQuery), http.StatusBadRequest, "This search cannot be run"},
		{"unexpected", errors.New("bleve: disk on fire at /var/lib/accord/index"), http.StatusInternalServerError, "Something went wrong"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := New(Options{Engine: failingEngine{tt.err}, Logger: quietLogger()}).Handler()
			for _, target := range []string{"/", "/search?q=cyber", "/search.atom", "/search.csv", "/api/search", "/readyz"} {
				r := get(t, h, target)
				want := tt.status
				if target == "/readyz" {
					want = http.StatusServiceUnavailable
				}
				if r.status != want {
					t.Errorf("%s: status %d, want %d", target, r.status, want)
				}
				if strings.Contains(r.body, "disk on fire") || strings.Contains(r.body, "goroutine") || strings.Contains(r.body, ".go:") {
					t.Errorf("%s: the response shows internals:\n%s", target, r.body)
				}
			}
			r := get(t, h, "/search?q=cyber")
			d := r.doc(t)
			if got := texts(d, "[data-testid=error] h1"); len(got) != 1 || got[0] != tt.heading {
				t.Errorf("heading: got %q, want %q", got, tt.heading)
			}
			if tt.status == http.StatusServiceUnavailable && r.header.Get("Retry-After") == "" {
				t.Error("503 without Retry-After")
			}
			frag := get(t, h, "/search?q=cyber", headerFragment, fragmentResults)
			if frag.status != tt.status || strings.Contains(frag.body, "<html") || !strings.Contains(frag.body, `id="results"`) {
				t.Errorf("fragment: status %d, body %s", frag.status, frag.body)
			}
			if r := get(t, h, "/healthz"); r.status != http.StatusOK {
				t.Errorf("/healthz: status %d, want 200 whatever the engine does", r.status)
			}
		})
	}
}

func TestPanicIsA500WithoutStack(t *testing.T) {
	h := New(Options{Engine: panicEngine{}, Logger: quietLogger()}).Handler()
	r := get(t, h, "/search?q=x")
	if r.status != http.StatusInternalServerError {
		t.Fatalf("status: got %d, want 500", r.status)
	}
	if strings.Contains(r.body, "goroutine") || strings.Contains(r.body, "panicEngine") {
		t.Errorf("the page shows the panic:\n%s", r.body)
	}
	if !strings.Contains(r.body, "Something went wrong") || r.header.Get("X-Request-Id") == "" {
		t.Errorf("want the generic error page with a request ID; got %s", r.body)
	}
}

// panicEngine panics in Search, like a bug in a backend would.
type panicEngine struct{ failingEngine }

func (panicEngine) Search(context.Context, search.Query) (*search.Result, error) {
	panic("panicEngine: nil map")
}

func TestNotFound(t *testing.T) {
	h := newHandler(t)
	tests := []struct{ name, target, message string }{
		{"unknown document", "/doc/nope", "No document has this ID."},
		{"unknown page", "/nope", "There is no page at this address."},
		{"unknown static file", "/static/nope.js", "Not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := get(t, h, tt.target)
			if r.status != http.StatusNotFound {
				t.Fatalf("status: got %d, want 404", r.status)
			}
			if !strings.Contains(r.body, tt.message) {
				t.Errorf("body lacks %q:\n%s", tt.message, r.body)
			}
		})
	}
	t.Run("an engine without documents", func(t *testing.T) {
		h := New(Options{Engine: failingEngine{search.ErrUnavailable}, Logger: quietLogger()}).Handler()
		if r := get(t, h, "/doc/d01"); r.status != http.StatusNotFound {
			t.Errorf("status: got %d, want 404", r.status)
		}
	})
}

func TestFragments(t *testing.T) {
	h := newHandler(t)
	tests := []struct {
		name     string
		headers  []string
		fragment bool
		root     string // the id the fragment starts with
	}{
		{"full page", nil, false, ""},
		{"page script", []string{headerFragment, fragmentResults}, true, "results"},
		{"htmx", []string{headerHXRequest, "true"}, true, "results"},
		{"htmx history restore needs the page", []string{headerHXRequest, "true", headerHXRestore, "true"}, false, ""},
		{"one facet's options", []string{headerFragment, "facet-official"}, true, "facet-official-options"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := get(t, h, "/search?q=mayorkas&fq_official=blink", tt.headers...)
			if r.status != http.StatusOK {
				t.Fatalf("status %d", r.status)
			}
			if vary := r.header.Get("Vary"); !strings.Contains(vary, headerFragment) || !strings.Contains(vary, headerHXRequest) {
				t.Errorf("Vary: got %q, want the fragment headers", vary)
			}
			isPage := strings.HasPrefix(r.body, "<!doctype html>")
			if isPage == tt.fragment {
				t.Fatalf("fragment: got a page=%v, want fragment=%v:\n%.200s", isPage, tt.fragment, r.body)
			}
			if tt.fragment {
				if id := r.doc(t).Find("body > *").First().AttrOr("id", ""); id != tt.root {
					t.Errorf("fragment root id: got %q, want %q", id, tt.root)
				}
				if r.header.Get("Cache-Control") != "no-store" {
					t.Errorf("fragment Cache-Control: got %q, want no-store", r.header.Get("Cache-Control"))
				}
			}
		})
	}
	t.Run("facet fragment lists the matches", func(t *testing.T) {
		r := get(t, h, "/search?q=mayorkas&fq_official=blink", headerFragment, "facet-official")
		if got := attrs(r.doc(t), "[data-testid=facet-option]", "data-value"); len(got) != 1 || got[0] != "Antony Blinken" {
			t.Errorf("options: got %q, want [Antony Blinken]", got)
		}
	})
}

func TestSecurityHeaders(t *testing.T) {
	// Every response carries the headers, whatever its route, status or
	// format: pages, fragments, redirects, errors, exports, assets, probes.
	h := newHandler(t)
	down := New(Options{Engine: failingEngine{search.ErrUnavailable}, Logger: quietLogger()}).Handler()
	broken := New(Options{Engine: panicEngine{}, Logger: quietLogger()}).Handler()
	css := New(Options{Engine: newIndex(t), Logger: quietLogger()}).assets.url("app.css")
	tests := []struct {
		name   string
		h      http.Handler
		method string
		target string
		body   string
		header []string
		status int
	}{
		{"home", h, "GET", "/", "", nil, 200},
		{"search", h, "GET", "/search?q=x", "", nil, 200},
		{"fragment", h, "GET", "/search?q=x", "", []string{headerFragment, fragmentResults}, 200},
		{"document", h, "GET", "/doc/d01", "", nil, 200},
		{"api", h, "GET", "/api/search", "", nil, 200},
		{"atom", h, "GET", "/search.atom", "", nil, 200},
		{"csv", h, "GET", "/search.csv", "", nil, 200},
		{"opensearch", h, "GET", "/opensearch.xml", "", nil, 200},
		{"asset", h, "GET", css, "", nil, 200},
		{"asset revalidated", h, "GET", css, "", []string{"If-None-Match", `"` + strings.TrimPrefix(css, "/static/app.css?v=") + `"`}, 304},
		{"favicon", h, "GET", "/favicon.ico", "", nil, 200},
		{"healthz", h, "GET", "/healthz", "", nil, 200},
		{"readyz", h, "GET", "/readyz", "", nil, 200},
		{"HEAD", h, "HEAD", "/search?q=x", "", nil, 200},
		{"redirect", h, "GET", "/search?country=Mexico&q=x", "", nil, 301},
		{"bad request", h, "GET", "/search?page=x", "", nil, 400},
		{"unknown document", h, "GET", "/doc/nope", "", nil, 404},
		{"unknown page", h, "GET", "/nope", "", nil, 404},
		{"method not allowed", h, "POST", "/search", "q=x", nil, 405},
		{"body too large", h, "GET", "/search", strings.Repeat("x", 65<<10), nil, 413},
		{"engine down", down, "GET", "/search?q=x", "", nil, 503},
		{"readyz engine down", down, "GET", "/readyz", "", nil, 503},
		{"panic", broken, "GET", "/search?q=x", "", nil, 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.target, strings.NewReader(tt.body))
			for i := 0; i+1 < len(tt.header); i += 2 {
				req.Header.Set(tt.header[i], tt.header[i+1])
			}
			rec := httptest.NewRecorder()
			tt.h.ServeHTTP(rec, req)
			if rec.Code != tt.status {
				t.Fatalf("status: got %d, want %d", rec.Code, tt.status)
			}
			checkSecurityHeaders(t, rec.Header())
		})
	}
}

// checkSecurityHeaders checks the headers every response must carry.
func checkSecurityHeaders(t *testing.T, h http.Header) {
	t.Helper()
	for k, want := range map[string]string{
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "same-origin",
		"X-Frame-Options":         "DENY",
		"Content-Security-Policy": contentSecurityPolicy,
	} {
		if got := h.Get(k); got != want {
			t.Errorf("%s: got %q, want %q", k, got, want)
		}
	}
	csp := map[string]string{}
	for _, d := range strings.Split(h.Get("Content-Security-Policy"), ";") {
		if name, value, _ := strings.Cut(strings.TrimSpace(d), " "); name != "" {
			csp[name] = value
		}
	}
	for name, want := range map[string]string{"default-src": "'none'", "script-src": "'self'", "frame-ancestors": "'none'", "base-uri": "'none'", "form-action": "'self'"} {
		if csp[name] != want {
			t.Errorf("CSP %s: got %q, want %q", name, csp[name], want)
		}
	}
	for _, bad := range []string{"unsafe-inline", "unsafe-eval", "*", "http:", "https:"} {
		if strings.Contains(h.Get("Content-Security-Policy"), bad) {
			t.Errorf("CSP allows %s: %q", bad, h.Get("Content-Security-Policy"))
		}
	}
	if h.Get("X-Request-Id") == "" {
		t.Error("no X-Request-Id")
	}
}

func TestInlineScriptFree(t *testing.T) {
	// The CSP forbids inline script: every <script> must have a src under
	// /static, and no element may carry an event handler attribute.
	h := newHandler(t)
	for _, target := range []string{"/", "/search?q=mayorkas&country=Germany", "/doc/d01", "/search?page=x", "/search?q=zzyzxq"} {
		d := get(t, h, target).doc(t)
		d.Find("script").Each(func(_ int, s *goquery.Selection) {
			if src := s.AttrOr("src", ""); !strings.HasPrefix(src, "/static/") || strings.TrimSpace(s.Text()) != "" {
				t.Errorf("%s: inline or foreign script %q", target, src)
			}
		})
		d.Find("*").Each(func(_ int, s *goquery.Selection) {
			for _, a := range s.Nodes[0].Attr {
				if strings.HasPrefix(a.Key, "on") || a.Key == "style" {
					t.Errorf("%s: <%s %s=...> breaks the CSP", target, goquery.NodeName(s), a.Key)
				}
			}
		})
	}
}

func TestHealthAndStatic(t *testing.T) {
	h := newHandler(t)
	srv := New(Options{Engine: newIndex(t), Logger: quietLogger()})
	css := srv.assets.url("app.css")
	tests := []struct {
		name, target string
		status       int
		contentType  string
		cache        string
	}{
		{"healthz", "/healthz", 200, "text/plain", "no-store"},
		{"readyz", "/readyz", 200, "text/plain", "no-store"},
		{"hashed asset is immutable", css, 200, "text/css", "public, max-age=31536000, immutable"},
		{"unhashed asset revalidates", "/static/app.js", 200, "text/javascript", "public, max-age=300"},
		{"icon", "/favicon.ico", 200, "image/svg+xml", "public, max-age=300"},
		{"opensearch", "/opensearch.xml", 200, "application/opensearchdescription+xml", "public, max-age=3600"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := get(t, h, tt.target)
			if r.status != tt.status {
				t.Fatalf("status: got %d, want %d", r.status, tt.status)
			}
			if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, tt.contentType) {
				t.Errorf("Content-Type: got %q, want %q", ct, tt.contentType)
			}
			if cc := r.header.Get("Cache-Control"); cc != tt.cache {
				t.Errorf("Cache-Control: got %q, want %q", cc, tt.cache)
			}
		})
	}
	t.Run("custom readiness", func(t *testing.T) {
		h := New(Options{Engine: newIndex(t), Logger: quietLogger(), Ready: func(context.Context) error { return errors.New("warming up") }}).Handler()
		if r := get(t, h, "/readyz"); r.status != http.StatusServiceUnavailable {
			t.Errorf("status: got %d, want 503", r.status)
		}
	})
	t.Run("HEAD", func(t *testing.T) {
		req := httptest.NewRequest(http.MethodHead, "/search?q=cyber", nil)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Errorf("HEAD status: got %d, want 200", rec.Code)
		}
	})
	t.Run("POST is not allowed", func(t *testing.T) {
		req := httptest.NewRequest(http.MethodPost, "/search", strings.NewReader("q=x"))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusMethodNotAllowed {
			t.Errorf("POST status: got %d, want 405", rec.Code)
		}
	})
}
