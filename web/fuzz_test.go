package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/accord-search/accord/search"
)

// Seed corpora: testdata/fuzz/FuzzParseState and
// testdata/fuzz/FuzzSearchHandler (hostile and edge-case query strings;
// inputs the fuzzer found are kept there as regression cases). Run:
//
//	go test -run '^$' -fuzz '^FuzzParseState$' -fuzztime 3m ./web/
//	go test -run '^$' -fuzz '^FuzzSearchHandler$' -fuzztime 3m ./web/

// FuzzParseState checks the URL parser's contract on any query string: a
// State or a *ParamError (a 400), never a panic; a State gives an engine
// query that normalizes; and its canonical encoding parses back to the
// same State and encodes the same again.
func FuzzParseState(f *testing.F) {
	f.Add("q=cyber&country=Mexico&page=2")
	f.Add("q=%ff&country=%00")
	f.Fuzz(func(t *testing.T, raw string) {
		v, _ := url.ParseQuery(raw) // as Echo does: what parses, without the error
		st, err := ParseState(v)
		if err != nil {
			var pe *ParamError
			if !errors.As(err, &pe) || !errors.Is(err, search.ErrBadQuery) {
				t.Fatalf("ParseState(%q): got %v (%T), want a *ParamError", raw, err, err)
			}
			if pe.Param == "" || pe.Reason == "" || !utf8.ValidString(pe.Reason) {
				t.Fatalf("ParseState(%q): the 400 explains nothing usable: %#v", raw, pe)
			}
			return
		}
		checkStateInvariants(t, raw, st)
		enc := st.Encode()
		v2, err := url.ParseQuery(enc)
		if err != nil {
			t.Fatalf("canonical %q of %q does not parse: %v", enc, raw, err)
		}
		st2, err := ParseState(v2)
		if err != nil {
			t.Fatalf("canonical %q of %q is rejected: %v", enc, raw, err)
		}
		if diff := cmp.Diff(st, st2); diff != "" {
			t.Fatalf("state of %q changed through its canonical URL %q (-first +second):\n%s", raw, enc, diff)
		}
		if enc2 := st2.Encode(); enc2 != enc {
			t.Fatalf("canonical URL is not stable: %q, then %q", enc, enc2)
		}
	})
}

// checkStateInvariants checks what every parsed State must satisfy.
func checkStateInvariants(t *testing.T, raw string, st State) {
	t.Helper()
	q := st.Query()
	if err := q.Normalize(); err != nil {
		t.Fatalf("ParseState(%q) accepted a state whose query does not normalize: %v", raw, err)
	}
	if q.Offset() >= search.MaxWindow {
		t.Fatalf("ParseState(%q): page %d × %d lies past the window", raw, st.Page, st.PerPage)
	}
	if !utf8.ValidString(st.Text) || utf8.RuneCountInString(st.Text) > maxTextRunes {
		t.Fatalf("ParseState(%q): text %q breaks the limits", raw, st.Text)
	}
	for f, vals := range st.Filters {
		if len(vals) == 0 || len(vals) > maxValuesPerFacet {
			t.Fatalf("ParseState(%q): facet %s has %d values", raw, f, len(vals))
		}
		for _, val := range vals {
			if val == "" || len(val) > maxValueBytes || !utf8.ValidString(val) {
				t.Fatalf("ParseState(%q): facet %s value %q breaks the limits", raw, f, val)
			}
		}
	}
}

// FuzzSearchHandler sends any query string to the real router over a real
// index: /search answers 200, a 301 to a canonical URL that answers 200,
// or a 400 that says which parameter is wrong; /api/search answers 200 or
// 400 with JSON. Never a 5xx, never a panic.
func FuzzSearchHandler(f *testing.F) {
	f.Add("q=mayorkas&country=Germany")
	f.Add("q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&fq_official=%22%5C")
	h := New(Options{Engine: newIndex(f), Logger: quietLogger(), Aliases: testAliases}).Handler()
	f.Fuzz(func(t *testing.T, raw string) {
		r := fuzzGet(h, "/search", raw)
		switch r.Code {
		case http.StatusOK:
		case http.StatusMovedPermanently:
			loc := r.Header().Get("Location")
			u, err := url.Parse(loc)
			if err != nil || u.Path != "/search" {
				t.Fatalf("?%s: redirect to %q", raw, loc)
			}
			if r2 := fuzzGet(h, u.Path, u.RawQuery); r2.Code != http.StatusOK {
				t.Fatalf("?%s: the canonical URL %s answers %d, want 200", raw, loc, r2.Code)
			}
		case http.StatusBadRequest:
			// A bad date keeps the search and explains itself beside the dates.
			if !strings.Contains(r.Body.String(), "This search cannot be run") && !strings.Contains(r.Body.String(), `data-testid="date-error"`) {
				t.Fatalf("?%s: 400 without an explanation:\n%s", raw, r.Body)
			}
		default:
			t.Fatalf("/search?%s: status %d, want 200, 301 or 400:\n%.500s", raw, r.Code, r.Body)
		}
		api := fuzzGet(h, "/api/search", raw)
		if api.Code != http.StatusOK && api.Code != http.StatusBadRequest {
			t.Fatalf("/api/search?%s: status %d, want 200 or 400", raw, api.Code)
		}
		if !json.Valid(api.Body.Bytes()) {
			t.Fatalf("/api/search?%s: the answer is not JSON: %.300s", raw, api.Body)
		}
	})
}

// fuzzGet sends a GET with a raw query string as it arrived on the wire
// (httptest.NewRequest would refuse some of them).
func fuzzGet(h http.Handler, path, rawQuery string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.URL.RawQuery = rawQuery
	req.RequestURI = path + "?" + rawQuery
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}
