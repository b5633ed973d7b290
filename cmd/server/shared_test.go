package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
)

// sharedCorpus returns ../shared/corpus, skipping the test when it is
// absent (and failing under CI, where it must be present).
func sharedCorpus(t *testing.T) string {
	t.Helper()
	dir := "../../../shared/corpus"
	if v := os.Getenv("ACCORD_SHARED"); v != "" {
		dir = v + "/corpus"
	}
	if _, err := os.Stat(dir + "/seeds"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("shared corpus missing at %s under CI", dir)
		}
		t.Skipf("shared corpus not found at %s: end-to-end test over the real pages not run", dir)
	}
	return dir
}

type apiResult struct {
	Total int `json:"total"`
	Hits  []struct {
		ID        string   `json:"id"`
		Path      string   `json:"path"`
		Title     string   `json:"title"`
		Countries []string `json:"countries"`
		Officials []string `json:"officials"`
	} `json:"hits"`
	Facets map[string][]struct {
		Value    string `json:"value"`
		Count    int    `json:"count"`
		Selected bool   `json:"selected"`
	} `json:"facets"`
}

func apiGet(t *testing.T, base string, v url.Values) apiResult {
	t.Helper()
	resp, err := http.Get(base + "/api/search?" + v.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r apiResult
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET /api/search?%s: status %d, err %v", v.Encode(), resp.StatusCode, err)
	}
	return r
}

// TestSharedCorpusEndToEnd serves the real pages of ../shared/corpus
// through the real server: facets, typo tolerance, prefixes, document
// pages and the canonical search page.
func TestSharedCorpusEndToEnd(t *testing.T) {
	corpus := sharedCorpus(t)
	t.Setenv("MEILI_URL", "")
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	go func() {
		run(ctx, []string{"-addr", "127.0.0.1:0", "-data", t.TempDir(), "-corpus", corpus}, pw)
		pw.Close()
	}()
	base := waitAddr(t, pr)

	all := apiGet(t, base, url.Values{})
	if all.Total < 55 {
		t.Fatalf("indexed %d documents of the shared corpus, want at least 55", all.Total)
	}
	germany := apiGet(t, base, url.Values{"country": {"Germany"}})
	if germany.Total == 0 {
		t.Fatal("no document has the country Germany")
	}
	for _, h := range germany.Hits {
		if !contains(h.Countries, "Germany") {
			t.Errorf("%s lacks Germany: %v", h.Path, h.Countries)
		}
	}
	// Disjunctive counts: with Germany selected, other countries still
	// show what they would add.
	if n := len(germany.Facets["country"]); n < 2 {
		t.Errorf("country facet with Germany selected lists %d values, want others too", n)
	}
	exact := apiGet(t, base, url.Values{"q": {"mayorkas"}})
	typo := apiGet(t, base, url.Values{"q": {"mayorcas"}})
	if exact.Total == 0 || typo.Total != exact.Total {
		t.Errorf("mayorkas: %d hits, mayorcas: %d; want the same, non-zero", exact.Total, typo.Total)
	}
	prefix := apiGet(t, base, url.Values{"q": {"cyber"}})
	full := apiGet(t, base, url.Values{"q": {"cybersecurity"}})
	if prefix.Total < full.Total || full.Total == 0 {
		t.Errorf("cyber: %d hits, cybersecurity: %d; the prefix should find at least as many", prefix.Total, full.Total)
	}
	and := apiGet(t, base, url.Values{"country": {"Mexico"}, "topic": {"Drug trafficking"}})
	for _, h := range and.Hits {
		if !contains(h.Countries, "Mexico") {
			t.Errorf("Mexico AND Drug trafficking returned %s with %v", h.Path, h.Countries)
		}
	}
	resp, err := http.Get(base + "/doc/" + exact.Hits[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(page), "Mayorkas") {
		t.Errorf("document page: status %d", resp.StatusCode)
	}
	resp, err = http.Get(base + "/search?q=mayorkas&country=Germany")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("search page: status %d", resp.StatusCode)
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
