package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/accord-search/accord/search"
)

// TestLimits checks that every limit on what a request may ask for either
// clamps (a redirect to the clamped canonical URL; the API answers the
// clamped value) or answers 400 with a message naming the parameter.
func TestLimits(t *testing.T) {
	h := newHandler(t)
	values := func(param string, n int) string {
		v := url.Values{}
		for i := range n {
			v.Add(param, fmt.Sprintf("v%02d", i))
		}
		return v.Encode()
	}
	tests := []struct {
		name     string
		query    string
		status   int
		location string // for 301
		message  string // for 400
	}{
		{"query at the limit", "q=" + strings.Repeat("a", maxTextRunes), 200, "", ""},
		{"query too long", "q=" + strings.Repeat("a", maxTextRunes+1), 400, "", "The q parameter is invalid: longer than 256 characters."},
		{"query length counts characters, not bytes", "q=" + strings.Repeat("%C3%A9", maxTextRunes), 200, "", ""},
		{"filter values at the limit", values("topic", maxValuesPerFacet), 200, "", ""},
		{"too many filter values", values("topic", maxValuesPerFacet+1), 400, "", "The topic parameter is invalid: more than 20 values."},
		{"filter value too long", "country=" + strings.Repeat("b", maxValueBytes+1), 400, "", "The country parameter is invalid: a value is longer than 200 bytes."},
		{"facet value search too long", "fq_official=" + strings.Repeat("c", maxFacetQueryRunes+1), 400, "", "The fq_official parameter is invalid: longer than 64 characters."},
		{"page size clamped", "per_page=1000", 301, "/search?per_page=100", ""},
		{"page clamped to the deepest page", "page=5000", 301, "/search?page=100", ""},
		{"deepest page of a larger page size", "page=11&per_page=100", 301, "/search?page=10&per_page=100", ""},
		{"page beyond any number", "page=99999999999999999999", 400, "", "The page parameter is invalid"},
		{"page zero", "page=0", 400, "", "The page parameter is invalid: &#34;0&#34; is not a whole number of at least 1."},
		{"page size zero", "per_page=0", 400, "", "The per_page parameter is invalid"},
		{"date before the range", "from=1799", 400, "", "The from parameter is invalid: &#34;1799&#34; is out of range: dates run from 1800 to 2200."},
		{"date after the range", "to=9999-12-31", 400, "", "The to parameter is invalid: &#34;9999-12-31&#34; is out of range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := get(t, h, "/search?"+tt.query)
			if r.status != tt.status {
				t.Fatalf("status: got %d, want %d\n%.300s", r.status, tt.status, r.body)
			}
			if tt.location != "" && r.header.Get("Location") != tt.location {
				t.Errorf("Location: got %q, want %q", r.header.Get("Location"), tt.location)
			}
			if tt.message != "" && !strings.Contains(r.body, tt.message) {
				t.Errorf("the page does not say %q:\n%s", tt.message, r.body)
			}
			// The API answers the same request without redirecting: the
			// clamped values, or a 400 in JSON.
			api := get(t, h, "/api/search?"+tt.query)
			want := tt.status
			if want == http.StatusMovedPermanently {
				want = http.StatusOK
			}
			if api.status != want {
				t.Errorf("API status: got %d, want %d", api.status, want)
			}
		})
	}
	t.Run("API clamps", func(t *testing.T) {
		var res struct {
			Page    int `json:"page"`
			PerPage int `json:"per_page"`
		}
		r := get(t, h, "/api/search?per_page=1000&page=5000")
		if err := json.Unmarshal([]byte(r.body), &res); err != nil || res.PerPage != search.MaxPerPage || res.Page != search.MaxWindow/search.MaxPerPage {
			t.Errorf("got page %d, per_page %d (%v); want %d, %d", res.Page, res.PerPage, err, search.MaxWindow/search.MaxPerPage, search.MaxPerPage)
		}
	})
	t.Run("API explains a 400", func(t *testing.T) {
		var res struct {
			Error  string `json:"error"`
			Status int    `json:"status"`
		}
		r := get(t, h, "/api/search?q="+strings.Repeat("a", maxTextRunes+1))
		if err := json.Unmarshal([]byte(r.body), &res); err != nil || res.Status != 400 || res.Error != "The q parameter is invalid: longer than 256 characters." {
			t.Errorf("got %+v (%v)", res, err)
		}
	})
}

// TestBodyLimit checks that a request body over the limit is refused with
// 413 and a message, before any handler reads it.
func TestBodyLimit(t *testing.T) {
	h := newHandler(t)
	tests := []struct {
		name   string
		size   int
		status int
	}{
		{"small body is ignored", 1 << 10, http.StatusOK},
		{"at the limit", 64 << 10, http.StatusOK},
		{"over the limit", 64<<10 + 1, http.StatusRequestEntityTooLarge},
		{"a megabyte", 1 << 20, http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "/search?q=cyber", strings.NewReader(strings.Repeat("x", tt.size)))
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.status {
				t.Fatalf("status: got %d, want %d", rec.Code, tt.status)
			}
			// The same body sent chunked (no Content-Length) got 200.
			req = httptest.NewRequest(http.MethodGet, "/search?q=cyber", strings.NewReader(strings.Repeat("x", tt.size)))
			req.ContentLength, req.TransferEncoding = -1, []string{"chunked"}
			chunked := httptest.NewRecorder()
			h.ServeHTTP(chunked, req)
			if chunked.Code != tt.status {
				t.Fatalf("chunked: status %d, want %d", chunked.Code, tt.status)
			}
			if tt.status == http.StatusRequestEntityTooLarge && !strings.Contains(rec.Body.String(), "The request body is larger than this server accepts.") {
				t.Errorf("413 without its message:\n%s", rec.Body)
			}
		})
	}
}
