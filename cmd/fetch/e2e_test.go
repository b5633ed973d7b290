package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/accord-search/accord/cmd/internal/app"
	"github.com/accord-search/accord/indexer"
	"github.com/accord-search/accord/indexer/clean"
	"github.com/accord-search/accord/indexer/extract"
	"github.com/accord-search/accord/indexer/fetch"
	"github.com/accord-search/accord/indexer/source"
	"github.com/accord-search/accord/search/bleve"
	"github.com/accord-search/accord/web"
)

const publisher = "Example Ministry of Borders"

// writeConfig writes a sources file for the fixture site with short
// limits, so that the slow, huge and busy pages cost little time.
func writeConfig(t *testing.T, s *site) string {
	t.Helper()
	cfg := map[string]any{
		"user_agent": "AccordFetch/1.0", "contact": "https://example.org/accord-contact",
		"rate": 200, "timeout": "2s", "max_bytes": 100000, "retries": 3, "backoff": "20ms", "max_backoff": "3s",
		"allow_private": true,
		"sources": []map[string]any{
			{"name": "news", "publisher": publisher, "kind": "feed", "url": s.URL() + "/feed.xml", "exclude": []string{"/skip-me/"}},
			{"name": "archive", "kind": "sitemap", "url": s.URL() + "/sitemap_index.xml"},
		},
	}
	raw, _ := json.Marshal(cfg)
	p := filepath.Join(t.TempDir(), "sources.json")
	if err := os.WriteFile(p, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func runFetch(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code, err := run(t.Context(), args, &stdout, &stderr)
	out := stderr.String()
	if err != nil {
		out += "error: " + err.Error()
	}
	return code, out
}

// must checks that out has a line matching each pattern.
func must(t *testing.T, out string, patterns ...string) {
	t.Helper()
	for _, p := range patterns {
		if !regexp.MustCompile(p).MatchString(out) {
			t.Errorf("output lacks %q:\n%s", p, out)
		}
	}
}

// TestFetchIndexServe fetches the fixture site, indexes what it saved and
// serves it through the real Echo server: the documents are searchable
// with their original URL, publisher and date. A second run fetches only
// what changed.
func TestFetchIndexServe(t *testing.T) {
	s := newSite(t)
	cfg := writeConfig(t, s)
	corpus, data := t.TempDir(), t.TempDir()
	base := s.URL()

	code, out := runFetch(t, "-config", cfg, "-out", corpus, "-v")
	if code != exitBadInput {
		t.Errorf("exit code %d, want %d (some pages fail)", code, exitBadInput)
	}
	must(t, out,
		`source news: listed 20, fetched 12, not modified 0, skipped 4, failed 4;`,
		`source archive: listed 6, fetched 6, not modified 0, skipped 0, failed 0;`,
		`fetch: listed 26, fetched 18, not modified 0, skipped 4, failed 4; \d+ requests`,
		`fail `+regexp.QuoteMeta(base)+`/loop/a: redirect loop`,
		`fail `+regexp.QuoteMeta(base)+`/away: redirected to http://localhost:\d+/page: host localhost:\d+ is not allowed`,
		`fail `+regexp.QuoteMeta(base)+`/slow: timed out after 2s`,
		`fail `+regexp.QuoteMeta(base)+`/huge: too large`,
		`skipped `+regexp.QuoteMeta(base)+`/report.pdf: not HTML: Content-Type application/pdf`,
		`skipped `+regexp.QuoteMeta(base)+`/private/secret: disallowed by robots.txt`,
		`skipped `+regexp.QuoteMeta(base)+`/news/release-1-copy: duplicate of `+regexp.QuoteMeta(base)+`/news/release-1 `,
		`skipped `+regexp.QuoteMeta(base)+`/skip-me/page: matches exclude pattern /skip-me/`,
		`fetched `+regexp.QuoteMeta(base)+`/busy → `,
		`fetched `+regexp.QuoteMeta(base)+`/flaky → `,
	)
	if n, _ := s.count("/busy"); n != 2 {
		t.Errorf("/busy was requested %d times, want 2 (429, then after Retry-After)", n)
	}
	if n, _ := s.count("/flaky"); n != 3 {
		t.Errorf("/flaky was requested %d times, want 3 (503 twice, backing off)", n)
	}
	if n, _ := s.count("/robots.txt"); n != 1 {
		t.Errorf("robots.txt was requested %d times, want once per run", n)
	}
	if n, _ := s.count("/private/secret"); n != 0 {
		t.Errorf("a page robots.txt disallows was requested")
	}
	for ua := range s.agents {
		if ua != "AccordFetch/1.0 (+https://example.org/accord-contact)" {
			t.Errorf("User-Agent %q: want the product and the contact URL", ua)
		}
	}
	checkCorpus(t, corpus, 18)

	// Index the corpus, then serve it.
	x, err := extract.Load()
	if err != nil {
		t.Fatal(err)
	}
	b := &indexer.Builder{Extractor: x}
	engine := app.Config{DataDir: data}
	sum, _, err := app.Index(t.Context(), &engine, b, indexer.Options{Root: corpus})
	if err != nil || sum.Indexed != 18 || sum.Failed() {
		t.Fatalf("index: %v: %s", err, sum)
	}
	srv := serve(t, data)

	// A page that states no date gets the feed's, marked as such.
	hit := searchOne(t, srv, marker("/news/release-1"))
	if hit.URL != base+"/news/release-1" || hit.Source != publisher || hit.Date != "2025-03-01" {
		t.Errorf("release-1: url %q source %q date %q; want the canonical URL, the configured publisher and the feed's date", hit.URL, hit.Source, hit.Date)
	}
	page := get(t, srv.URL+"/doc/"+hit.ID)
	must(t, page, `href="`+regexp.QuoteMeta(base)+`/news/release-1"[^>]*data-testid="doc-original"`, `\(date from the feed\)`, regexp.QuoteMeta(publisher))
	// A page that states its date keeps it, unmarked.
	hit = searchOne(t, srv, marker("/news/release-2"))
	if hit.Date != "2024-02-02" {
		t.Errorf("release-2: date %q, want the page's own 2024-02-02", hit.Date)
	}
	if page := get(t, srv.URL+"/doc/"+hit.ID); strings.Contains(page, "date from the feed") {
		t.Errorf("release-2's page says its date is from the feed")
	}
	// A redirected page is known by where it landed.
	if hit = searchOne(t, srv, marker("/news/moved")); hit.URL != base+"/news/moved" {
		t.Errorf("the redirected page: url %q, want %s/news/moved", hit.URL, base)
	}
	// Sitemap pages: no publisher configured and none in the table for
	// this host; no date anywhere.
	if hit = searchOne(t, srv, marker("/archive/4")); hit.URL != base+"/archive/4" || hit.Date != "" {
		t.Errorf("archive/4 (gzipped sitemap): url %q date %q", hit.URL, hit.Date)
	}
	csv := get(t, srv.URL+"/search.csv?q="+marker("/news/release-1")+"")
	must(t, csv, regexp.QuoteMeta(base+"/news/release-1"))

	// Second run: only the changed page is fetched; the others cost a 304,
	// and sitemap pages whose lastmod predates the last fetch cost nothing.
	s.change("/news/release-3")
	s.resetCounts()
	code, out = runFetch(t, "-config", cfg, "-out", corpus, "-v")
	if code != exitBadInput {
		t.Errorf("second run: exit code %d, want %d", code, exitBadInput)
	}
	must(t, out,
		`source news: listed 20, fetched 1, not modified 11, skipped 4, failed 4;`,
		`source archive: listed 6, fetched 0, not modified 6, skipped 0, failed 0;`,
	)
	for i := 1; i <= 10; i++ {
		p := fmt.Sprintf("/news/release-%d", i)
		if n, c := s.count(p); n != 1 || c != 1 {
			t.Errorf("second run: %s requested %d times (%d conditional), want once, conditionally", p, n, c)
		}
	}
	for i := 1; i <= 5; i++ {
		if n, _ := s.count(fmt.Sprintf("/archive/%d", i)); n != 0 {
			t.Errorf("second run: /archive/%d requested although its lastmod predates the last fetch", i)
		}
	}
	sum, _, err = app.Index(t.Context(), &engine, b, indexer.Options{Root: corpus})
	if err != nil || sum.Indexed != 1 || sum.Unchanged != 17 {
		t.Errorf("re-index after the second run: %v: %s; want 1 indexed, 17 unchanged", err, sum)
	}
}

// checkCorpus checks that every saved page has its sidecar, that no
// temporary file is left, and that there are n pages.
func checkCorpus(t *testing.T, corpus string, n int) {
	t.Helper()
	pages := 0
	filepath.WalkDir(corpus, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch {
		case strings.Contains(d.Name(), ".tmp-"):
			t.Errorf("temporary file left: %s", p)
		case strings.HasSuffix(p, ".html"):
			pages++
			raw, err := os.ReadFile(source.SidecarPath(p))
			var m source.Meta
			if err != nil || json.Unmarshal(raw, &m) != nil || m.URL == "" || m.FetchedAt.IsZero() || m.Canonical == "" {
				t.Errorf("%s: sidecar missing or incomplete: %v %+v", p, err, m)
			}
		}
		return nil
	})
	if pages != n {
		t.Errorf("%d pages saved, want %d", pages, n)
	}
}

func serve(t *testing.T, data string) *httptest.Server {
	t.Helper()
	dir, err := bleve.Store{Root: filepath.Join(data, "bleve")}.Current()
	if err != nil || dir == "" {
		t.Fatalf("no committed index generation: %v", err)
	}
	idx, err := bleve.OpenReadOnly(dir) // as the server opens it: a read-write open changes the files, and the next run would rebuild
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(web.New(web.Options{Engine: idx, Logger: slog.New(slog.DiscardHandler)}).Handler())
	t.Cleanup(func() { srv.Close(); idx.Close() })
	return srv
}

func get(t *testing.T, u string) string {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s\n%s", u, resp.Status, b)
	}
	return string(b)
}

type apiHit struct {
	ID, URL, Source, Date string
}

// searchOne searches the API for a word that one page has.
func searchOne(t *testing.T, srv *httptest.Server, word string) apiHit {
	t.Helper()
	var res struct {
		Total int      `json:"total"`
		Hits  []apiHit `json:"hits"`
	}
	if err := json.Unmarshal([]byte(get(t, srv.URL+"/api/search?q="+url.QueryEscape(word))), &res); err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || len(res.Hits) != 1 {
		t.Fatalf("search %q: %d hits, want 1", word, res.Total)
	}
	return res.Hits[0]
}

// TestPrivateAddressesRefused checks that without -allow-private a
// loopback address is refused where it is dialed, also when a name
// (localhost) leads there.
func TestPrivateAddressesRefused(t *testing.T) {
	s := newSite(t)
	corpus := t.TempDir()
	for _, u := range []string{s.URL() + "/news/release-1", strings.Replace(s.URL(), "127.0.0.1", "localhost", 1) + "/news/release-1"} {
		code, out := runFetch(t, "-url", u, "-out", corpus, "-quiet")
		if code != exitBadInput {
			t.Errorf("%s: exit code %d, want %d", u, code, exitBadInput)
		}
		must(t, out, `fail `+regexp.QuoteMeta(u)+`: robots.txt unreachable: refused to connect \(allow_private is off\): .*private or loopback address: (127\.0\.0\.1|::1)`)
	}
	if n, _ := s.count("/news/release-1"); n != 0 {
		t.Errorf("the page was requested")
	}
}

// TestInterruptedRunResumes stops a run part-way (as Ctrl-C does) and
// checks that what was saved is whole and the next run completes.
func TestInterruptedRunResumes(t *testing.T) {
	s := newSite(t)
	cfg := writeConfig(t, s)
	corpus := t.TempDir()
	ctx, cancel := context.WithCancel(t.Context())
	go func() {
		// Stop once a few pages are saved.
		for ctx.Err() == nil {
			if n, _ := s.count("/news/release-4"); n > 0 {
				cancel()
			}
			time.Sleep(time.Millisecond)
		}
	}()
	var stderr bytes.Buffer
	code, _ := run(ctx, []string{"-config", cfg, "-out", corpus}, io.Discard, &stderr)
	cancel()
	if code != exitFailed {
		t.Errorf("interrupted run: exit code %d, want %d\n%s", code, exitFailed, &stderr)
	}
	st, err := os.ReadFile(filepath.Join(corpus, stateFile))
	if err != nil || !json.Valid(st) {
		t.Fatalf("state after the interruption: %v", err)
	}
	code, out := runFetch(t, "-config", cfg, "-out", corpus)
	if code != exitBadInput {
		t.Errorf("resumed run: exit code %d\n%s", code, out)
	}
	must(t, out, `fetch: listed 26, fetched \d+, not modified [1-9]\d*, skipped 4, failed 4;`)
	checkCorpus(t, corpus, 18)
}

// TestWatch runs -watch until a generation is committed, then stops it
// as SIGTERM would.
func TestWatch(t *testing.T) {
	s := newSite(t)
	corpus, data := t.TempDir(), t.TempDir()
	t.Setenv("MEILI_URL", "")
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		code, _ := run(ctx, []string{"-url", s.URL() + "/news/release-5", "-out", corpus, "-data", data, "-allow-private", "-watch", "50ms"}, io.Discard, &stderr)
		done <- code
	}()
	deadline := time.Now().Add(60 * time.Second)
	for !strings.Contains(stderr.String(), "next fetch in 50ms") {
		if time.Now().After(deadline) {
			t.Fatalf("no index after a minute:\n%s", stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	// Let it run at least one more round: unchanged, so no indexing.
	for strings.Count(stderr.String(), "fetch: listed") < 2 {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Errorf("exit code %d after stopping, want 0", code)
	}
	out := stderr.String()
	must(t, out, `index: read 1, indexed 1`, `committed index generation`, `fetch: stopped`, `fetch: listed 1, fetched 0, not modified 1`)
	if n := strings.Count(out, "index: read"); n != 1 {
		t.Errorf("indexed %d times; want once (the second round changed nothing)", n)
	}
	srv := serve(t, data)
	if hit := searchOne(t, srv, marker("/news/release-5")); hit.URL != s.URL()+"/news/release-5" {
		t.Errorf("watched page: url %q", hit.URL)
	}
}

func TestUsage(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"sources":[{"name":"x","kind":"feed","url":"https://example.org/feed","ratee":1}]}`), 0o644)
	tests := []struct {
		args []string
		says string
	}{
		{[]string{"-out", dir}, "no sources"},
		{[]string{"-config", bad, "-out", dir}, `unknown field "ratee"`},
		{[]string{"-feed", "ftp://example.org/feed", "-out", dir}, "want an absolute http(s) URL"},
		{[]string{"-feed", "https://example.org/feed", "-watch", "-1s", "-out", dir}, "must not be negative"},
		{[]string{"-feed", "https://example.org/feed", "-contact", "nobody", "-out", dir}, "contact"},
		{[]string{"-nonsense"}, "flag provided but not defined"},
	}
	for _, tt := range tests {
		code, out := runFetch(t, tt.args...)
		if code != exitUsage || !strings.Contains(out, tt.says) {
			t.Errorf("%v: exit code %d, want %d, saying %q:\n%s", tt.args, code, exitUsage, tt.says, out)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestLiveSourcesFile checks the sources file in the repository: it loads,
// every source is valid, and each names a publisher the indexer knows
// (from the source or the host table) or leaves it to the table.
func TestLiveSourcesFile(t *testing.T) {
	cfg, err := fetch.LoadConfig(filepath.Join("..", "..", "sources", "live.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.Prepare(); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, s := range cfg.Sources {
		kinds[s.Kind] = true
		if s.Publisher == "" && clean.PublisherOf(s.URL) == "" && clean.PublisherOf("https://"+s.AllowedHosts[0]+"/") == "" {
			t.Errorf("source %s: no publisher, and the host table knows none for %s", s.Name, s.AllowedHosts[0])
		}
	}
	if !kinds[fetch.KindFeed] || !kinds[fetch.KindSitemap] {
		t.Errorf("the live sources use kinds %v; want feeds and sitemaps", kinds)
	}
}

// TestKillNineLosesNothing kills the fetch binary with SIGKILL part-way
// and checks that every page on disk is whole, with its sidecar, and that
// the next run completes the corpus.
func TestKillNineLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the fetch binary")
	}
	bin := filepath.Join(t.TempDir(), "fetch")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	s := newSite(t)
	cfg := writeConfig(t, s)
	corpus := t.TempDir()
	cmd := exec.Command(bin, "-config", cfg, "-out", corpus)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(time.Millisecond) {
		if n, _ := s.count("/news/release-6"); n > 0 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the fetcher did not reach /news/release-6")
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	st, err := os.ReadFile(filepath.Join(corpus, stateFile))
	if err != nil || !json.Valid(st) {
		t.Fatalf("state after kill -9: %v", err)
	}
	code, out := runFetch(t, "-config", cfg, "-out", corpus)
	if code != exitBadInput {
		t.Errorf("run after kill -9: exit code %d\n%s", code, out)
	}
	must(t, out, `fetch: listed 26, fetched \d+, not modified [1-9]\d*, skipped 4, failed 4;`)
	checkCorpus(t, corpus, 18)
}
