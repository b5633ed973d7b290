package fetch

import (
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestPublicAddr(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1": false, "::1": false, "10.1.2.3": false, "172.16.0.1": false, "192.168.1.1": false,
		"169.254.169.254": false, "100.64.0.1": false, "0.0.0.0": false, "::": false, "fd00::1": false,
		"fe80::1": false, "::ffff:127.0.0.1": false, "224.0.0.1": false, "64:ff9b::a00:1": false,
		"8.8.8.8": true, "2606:4700::1111": true, "::ffff:8.8.8.8": true,
	} {
		if got := publicAddr(netip.MustParseAddr(addr)); got != want {
			t.Errorf("publicAddr(%s) = %v, want %v", addr, got, want)
		}
	}
	ctl := dialControl(false)
	if err := ctl("tcp", "127.0.0.1:80", nil); err == nil {
		t.Error("the dialer allows loopback")
	}
	if err := ctl("tcp", "[2606:4700::1111]:443", nil); err != nil {
		t.Errorf("the dialer refuses a public address: %v", err)
	}
	if err := dialControl(true)("tcp", "127.0.0.1:80", nil); err != nil {
		t.Errorf("allow_private: %v", err)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		v    string
		want time.Duration
		ok   bool
	}{
		{"", 0, false}, {"120", 2 * time.Minute, true}, {"0", 0, true}, {"-3", 0, false}, {"soon", 0, false},
		{"Wed, 01 Jan 2025 12:00:30 GMT", 30 * time.Second, true},
		{"Wed, 01 Jan 2025 11:00:00 GMT", 0, true}, // in the past: now
	}
	for _, tt := range tests {
		got, ok := retryAfter(tt.v, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tt.v, got, ok, tt.want, tt.ok)
		}
	}
}

func TestHTMLBody(t *testing.T) {
	page := []byte("<!doctype html><html><head><title>T</title></head><body><p>Text</p></body></html>")
	latin1 := []byte("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Gr\xfc\xdfe aus M\xfcnchen</p></body></html>")
	tests := []struct {
		ctype string
		body  []byte
		why   string // "" when accepted
	}{
		{"text/html; charset=utf-8", page, ""},
		{"application/xhtml+xml", page, ""},
		{"", page, ""},
		{"text/html; charset=iso-8859-1", latin1, ""},
		{"application/pdf", []byte("%PDF-1.4"), "Content-Type application/pdf"},
		{"text/html", []byte("%PDF-1.4\n..."), "looks like application/pdf"},
		{"text/html", []byte("\x89PNG\r\n\x1a\n\x00\x00"), "looks like image/png"},
		{"", []byte("just words"), "no Content-Type"},
		{"text/html; charset", page, "bad Content-Type"},
	}
	for _, tt := range tests {
		body, why := htmlBody(&response{ContentType: tt.ctype, Body: tt.body})
		if (tt.why == "") != (why == "") || !strings.Contains(why, tt.why) {
			t.Errorf("htmlBody(%q, %.20q): why %q, want %q", tt.ctype, tt.body, why, tt.why)
		}
		if why == "" && tt.ctype == "text/html; charset=iso-8859-1" && !strings.Contains(string(body), "Grüße aus München") {
			t.Errorf("Latin-1 page not converted to UTF-8: %q", body)
		}
	}
}

func TestCanonical(t *testing.T) {
	src := &Source{AllowedHosts: []string{"dhs.gov"}}
	final, _ := url.Parse("https://www.dhs.gov/news/2025/01/02/x?utm_source=feed#top")
	tests := []struct{ head, want string }{
		{`<link rel="canonical" href="/news/2025/01/02/x">`, "https://www.dhs.gov/news/2025/01/02/x"},
		{`<LINK REL="canonical" HREF="https://dhs.gov/x#frag">`, "https://dhs.gov/x"},
		{`<link rel="canonical" href="https://evil.example/x">`, "https://www.dhs.gov/news/2025/01/02/x?utm_source=feed"}, // other host: ignored
		{`<link rel="canonical" href="javascript:alert(1)">`, "https://www.dhs.gov/news/2025/01/02/x?utm_source=feed"},
		{``, "https://www.dhs.gov/news/2025/01/02/x?utm_source=feed"},
	}
	for _, tt := range tests {
		body := []byte("<html><head>" + tt.head + "</head><body><link rel=canonical href=/late></body></html>")
		if got := canonical(body, final, src); got != tt.want {
			t.Errorf("canonical(%s) = %q, want %q", tt.head, got, tt.want)
		}
	}
}

func TestFileFor(t *testing.T) {
	a := fileFor("https://www.dhs.gov/news/2025/01/02/secretary-meets-counterpart")
	if !strings.HasPrefix(a, "dhs-gov/news-2025-01-02-secretary-meets-counterpart-") || !strings.HasSuffix(a, ".html") {
		t.Errorf("fileFor: %q", a)
	}
	if b := fileFor("https://www.dhs.gov/news/2025/01/02/secretary-meets-counterpart?page=2"); b == a {
		t.Errorf("two addresses share the file %q", a)
	}
	if c := fileFor("http://127.0.0.1:8080/"); c[:len("127-0-0-1-8080/index-")] != "127-0-0-1-8080/index-" {
		t.Errorf("fileFor: %q", c)
	}
	long := fileFor("https://example.org/" + strings.Repeat("word-", 60))
	if len(long) > 120 {
		t.Errorf("fileFor makes a %d-byte name", len(long))
	}
}

func TestSourceWants(t *testing.T) {
	s := Source{Kind: KindFeed, URL: "https://www.dhs.gov/rss", AllowedHosts: []string{"dhs.gov", "127.0.0.1:8080"},
		Include: []string{`/news/`}, Exclude: []string{`/news/archive/`}}
	if err := s.prepare(1); err != nil {
		t.Fatal(err)
	}
	for u, want := range map[string]string{
		"https://www.dhs.gov/news/2025/x":     "",
		"https://dhs.gov/news/x":              "",
		"https://notdhs.gov/news/x":           "not allowed",
		"https://www.dhs.gov/about":           "no include",
		"https://www.dhs.gov/news/archive/x":  "exclude",
		"http://127.0.0.1:8080/news/x":        "",
		"http://127.0.0.1:9090/news/x":        "not allowed",
		"https://www.dhs.gov.evil.org/news/x": "not allowed",
	} {
		pu, _ := url.Parse(u)
		if got := s.wants(pu); (want == "") != (got == "") || !strings.Contains(got, want) {
			t.Errorf("wants(%s) = %q, want %q", u, got, want)
		}
	}
}

func TestPrepareDefaults(t *testing.T) {
	c := Config{Sources: []Source{{Kind: KindSitemap, URL: "https://www.state.gov/sitemap.xml"}}}
	if err := c.Prepare(); err != nil {
		t.Fatal(err)
	}
	s := c.Sources[0]
	if s.AllowedHosts[0] != "www.state.gov" || s.Rate != DefaultRate || c.Timeout.Duration != DefaultTimeout || c.MaxBytes != DefaultMaxBytes {
		t.Errorf("defaults: %+v %+v", c, s)
	}
	if got := c.UserAgentHeader(); got != "AccordFetch/1.0 (+https://github.com/accord-search/accord)" || c.robotsToken() != "AccordFetch" {
		t.Errorf("User-Agent %q, token %q", got, c.robotsToken())
	}
	for _, bad := range []Config{
		{Sources: []Source{{Kind: "atom", URL: "https://a.gov/"}}},
		{Sources: []Source{{Kind: KindFeed}}},
		{Sources: []Source{{Kind: KindFeed, URL: "https://a.gov/", Include: []string{"("}}}},
		{Sources: []Source{{Name: "x", Kind: KindFeed, URL: "https://a.gov/"}, {Name: "x", Kind: KindFeed, URL: "https://b.gov/"}}},
		{Retries: -1, Sources: []Source{{Kind: KindFeed, URL: "https://a.gov/"}}},
	} {
		if err := bad.Prepare(); err == nil {
			t.Errorf("Prepare(%+v): no error", bad)
		}
	}
}
