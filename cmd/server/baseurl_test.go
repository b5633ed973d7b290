package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

func getWithHost(t *testing.T, url, host string) (string, http.Header) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Host = host
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s (Host %s): %d", url, host, resp.StatusCode)
	}
	return string(b), resp.Header
}

// TestAbsoluteLinksIgnoreTheHostHeader: the Host header was reflected
// into every absolute URL (OpenSearch template, canonical link, og:url,
// Atom ids and links), and /opensearch.xml is cached publicly for an hour:
// one request with a forged Host poisoned caches. Absolute links now come
// from -base-url (BASE_URL), or else from the listen address.
func TestAbsoluteLinksIgnoreTheHostHeader(t *testing.T) {
	t.Setenv("MEILI_URL", "")
	t.Setenv("BASE_URL", "")
	corpus := t.TempDir()
	writeRecords(t, corpus+"/a.jsonl", "a", 3)
	paths := []string{"/opensearch.xml", "/", "/search?q=cooperation", "/search.atom?q=cooperation", "/doc/a1"}

	s := startServer(t, "-addr", "127.0.0.1:0", "-data", t.TempDir(), "-corpus", corpus)
	for _, p := range paths {
		body, h := getWithHost(t, s.base+p, "evil.example")
		if strings.Contains(body, "evil.example") {
			t.Errorf("%s: the forged Host is in the page", p)
		}
		if !strings.Contains(body, s.base) {
			t.Errorf("%s: absolute links do not name the listen address %s", p, s.base)
		}
		if !strings.Contains(strings.Join(h.Values("Vary"), ","), "Host") {
			t.Errorf("%s: Vary %q lacks Host", p, h.Values("Vary"))
		}
	}
	// A loopback name of the listener is used as given.
	local := strings.Replace(s.base, "127.0.0.1", "localhost", 1)
	if body, _ := getWithHost(t, s.base+"/opensearch.xml", strings.TrimPrefix(local, "http://")); !strings.Contains(body, local) {
		t.Errorf("Host localhost: the OpenSearch description does not use it:\n%s", body)
	}
	s.stop(t)

	s = startServer(t, "-addr", "127.0.0.1:0", "-data", t.TempDir(), "-corpus", corpus, "-base-url", "https://Accord.example.org/")
	for _, p := range paths {
		body, _ := getWithHost(t, s.base+p, "evil.example")
		if strings.Contains(body, "evil.example") || strings.Contains(body, s.base) || !strings.Contains(body, "https://accord.example.org/") {
			t.Errorf("%s with -base-url: absolute links do not use it", p)
		}
	}
	for _, bad := range []string{"accord.example.org", "ftp://x", "https://x/path", "https://u:p@x"} {
		if err := run(t.Context(), []string{"-base-url", bad}, io.Discard); err == nil || !strings.Contains(err.Error(), "base-url") {
			t.Errorf("-base-url %q: got %v, want an error naming the flag", bad, err)
		}
	}
}
