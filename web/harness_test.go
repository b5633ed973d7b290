package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/accord-search/accord/search"
	"github.com/accord-search/accord/search/bleve"
	"github.com/accord-search/accord/search/searchtest"
)

// testAliases are the facet aliases the tests search for.
var testAliases = map[string]string{
	"Mayorkas":                        "Alejandro Mayorkas",
	"Secretary Alejandro N. Mayorkas": "Alejandro Mayorkas",
	"Faeser":                          "Nancy Faeser",
	"Mexican":                         "Mexico",
	"German":                          "Germany",
	"U.S.":                            "United States",
}

// newIndex builds a real on-disk Bleve index in a temporary directory,
// filled with the fixture corpus.
func newIndex(t testing.TB) *bleve.Index {
	t.Helper()
	idx, err := bleve.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatalf("bleve.Open: %v", err)
	}
	t.Cleanup(func() { idx.Close() })
	if err := idx.Index(context.Background(), searchtest.Documents()); err != nil {
		t.Fatalf("Index: %v", err)
	}
	return idx
}

// newHandler serves the real router over a real index.
func newHandler(t testing.TB) http.Handler {
	t.Helper()
	return New(Options{Engine: newIndex(t), Logger: quietLogger(), Aliases: testAliases}).Handler()
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// response is what a test request got back.
type response struct {
	status int
	header http.Header
	body   string
}

// get sends a GET through the handler, with optional header pairs.
func get(t testing.TB, h http.Handler, target string, headers ...string) response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return response{rec.Code, rec.Header(), rec.Body.String()}
}

// doc parses an HTML body.
func (r response) doc(t testing.TB) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(strings.NewReader(r.body))
	if err != nil {
		t.Fatalf("parse HTML: %v", err)
	}
	return d
}

// texts returns the trimmed text of every match of sel.
func texts(d *goquery.Document, sel string) []string {
	var out []string
	d.Find(sel).Each(func(_ int, s *goquery.Selection) {
		out = append(out, strings.Join(strings.Fields(s.Text()), " "))
	})
	return out
}

// attrs returns attribute a of every match of sel.
func attrs(d *goquery.Document, sel, a string) []string {
	var out []string
	d.Find(sel).Each(func(_ int, s *goquery.Selection) {
		v, _ := s.Attr(a)
		out = append(out, v)
	})
	return out
}

// failingEngine is the one fake: an engine whose searches fail with err,
// for the failure modes a real index cannot be put into on demand.
type failingEngine struct{ err error }

func (f failingEngine) Search(context.Context, search.Query) (*search.Result, error) {
	return nil, f.err
}
func (f failingEngine) Index(context.Context, []search.Document) error { return f.err }
func (f failingEngine) Delete(context.Context, []string) error         { return f.err }
func (f failingEngine) Close() error                                   { return nil }
