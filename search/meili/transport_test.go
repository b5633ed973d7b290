package meili

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/accord-search/accord/search"
)

// TestNoRedirectWithKey: a 307 to another port of the same host (where Go's
// client would resend the Authorization header) is not followed; the
// search fails as unavailable and the other server sees nothing (issue 11,
// item 10).
func TestNoRedirectWithKey(t *testing.T) {
	var reached atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached.Add(1)
		writeJSON(w, http.StatusOK, `{"results": []}`)
	}))
	defer other.Close()
	f := newFake(t)
	f.handle("POST /multi-search", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/multi-search", http.StatusTemporaryRedirect)
	})
	f.handle("POST /indexes/news/search", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/indexes/news/search", http.StatusMovedPermanently)
	})
	e := f.engine(Config{APIKey: searchKey})
	if _, err := e.Search(t.Context(), search.Query{Text: "border"}); !errors.Is(err, search.ErrUnavailable) {
		t.Errorf("Search answered by a redirect: got %v, want ErrUnavailable", err)
	}
	if _, err := e.Get(t.Context(), "a1"); !errors.Is(err, search.ErrUnavailable) {
		t.Errorf("Get answered by a redirect: got %v, want ErrUnavailable", err)
	}
	if n := reached.Load(); n != 0 {
		t.Errorf("the redirect was followed: %d requests reached the other server", n)
	}
}

// TestErrorsRedactKey: an error message that quotes the key (as a proxy
// echoing the request might) is logged without it, and an overlong message
// is cut; errors.Is and errors.As still see the cause.
func TestErrorsRedactKey(t *testing.T) {
	f := newFake(t)
	long := strings.Repeat("é", 2000)
	f.handle("POST /multi-search", reply(http.StatusInternalServerError, `{"message": "bad header Bearer `+searchKey+` `+long+`",
		"code": "internal", "type": "internal", "link": "https://docs.meilisearch.com/errors#internal"}`))
	_, err := f.engine(Config{APIKey: searchKey}).Search(t.Context(), search.Query{Text: "x"})
	if !errors.Is(err, search.ErrUnavailable) || apiCode(err) != "internal" {
		t.Fatalf("got %v, want ErrUnavailable with code internal", err)
	}
	msg := err.Error()
	if strings.Contains(msg, searchKey) || !strings.Contains(msg, "[redacted key]") {
		t.Errorf("message not redacted: %.200s", msg)
	}
	if len(msg) > maxErrText+20 || !strings.HasSuffix(msg, "… (cut)") {
		t.Errorf("message of %d bytes not cut at %d", len(msg), maxErrText)
	}
	if !strings.HasPrefix(msg, "meili: search: ") {
		t.Errorf("message %.60q lacks the operation", msg)
	}
}
