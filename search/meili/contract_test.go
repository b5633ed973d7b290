package meili

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/accord-search/accord/search"
	"github.com/google/go-cmp/cmp"
)

// The contract tests run the Engine against fakeMeili (fake_test.go): they
// check the exact requests we send and how we read Meilisearch's answers,
// including its failures. No Meilisearch server is involved.
//
// This file: writes (Setup, Index, Delete) and the shared helpers.
// contract_read_test.go: Search, Get, Hashes, Count.
// contract_errors_test.go: failures and their mapping to the sentinels.

// settingsJSON is the exact settings body Setup sends. The stop words are
// checked against Bleve's list in stopwords_test.go.
var settingsJSON = `{
	"rankingRules": ["sort", "words", "typo", "proximity", "attribute", "exactness"],
	"searchableAttributes": ["title", "body"],
	"displayedAttributes": ["id", "title", "body", "url", "source", "date", "date_source", "countries", "officials",
		"topics", "type", "organizations", "lang", "path", "also_published", "hash", "title_derived", "roles", "evidence"],
	"filterableAttributes": ["id", "countries", "officials", "topics", "type", "date_ts", "year", "source"],
	"sortableAttributes": ["date_ts"],
	"stopWords": ` + mustJSON(stopWords) + `,
	"typoTolerance": {"enabled": true, "minWordSizeForTypos": {"oneTypo": 5, "twoTypos": 9},
		"disableOnWords": [], "disableOnAttributes": [], "disableOnNumbers": false},
	"pagination": {"maxTotalHits": 1001},
	"faceting": {"maxValuesPerFacet": 100, "sortFacetValuesBy": {"*": "count"}}
}`

func TestSetup(t *testing.T) {
	tests := []struct {
		name    string
		fail    map[int64]string
		wantErr string
	}{
		{name: "new index"},
		{name: "index already exists", fail: map[int64]string{0: taskErrIndexExists}},
		{name: "settings task fails", fail: map[int64]string{1: taskErrNoSpace},
			wantErr: "meili: setup: settings: search engine unavailable: task 1 (settingsUpdate) failed: no_space_left_on_device: No space left on device"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			f.fail = tt.fail
			err := f.engine(Config{}).Setup(t.Context())
			checkErrText(t, err, tt.wantErr)
			want := []call{
				{Method: "POST", Path: "/indexes", Body: decodeJSON(t, `{"uid": "news", "primaryKey": "id"}`)},
				{Method: "GET", Path: "/tasks/0"},
				{Method: "PATCH", Path: "/indexes/news/settings", Body: decodeJSON(t, settingsJSON)},
				{Method: "GET", Path: "/tasks/1"},
			}
			if diff := cmp.Diff(want, f.recorded()); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
		})
	}
}

func TestIndexBatches(t *testing.T) {
	tests := []struct {
		docs, batch int
		wantIDs     [][]string // per POST
	}{
		{docs: 0, batch: 2},
		{docs: 1, batch: 1000, wantIDs: [][]string{{"d0"}}},
		{docs: 4, batch: 2, wantIDs: [][]string{{"d0", "d1"}, {"d2", "d3"}}},
		{docs: 5, batch: 2, wantIDs: [][]string{{"d0", "d1"}, {"d2", "d3"}, {"d4"}}},
		{docs: 3, batch: 5, wantIDs: [][]string{{"d0", "d1", "d2"}}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d docs in batches of %d", tt.docs, tt.batch), func(t *testing.T) {
			f := newFake(t)
			f.processingPolls = 1 // each task is polled twice
			if err := f.engine(Config{BatchSize: tt.batch}).Index(t.Context(), docs(tt.docs)); err != nil {
				t.Fatal(err)
			}
			var want []call
			for i, ids := range tt.wantIDs {
				var body []any
				for _, id := range ids {
					body = append(body, id)
				}
				want = append(want,
					call{Method: "POST", Path: "/indexes/news/documents?primaryKey=id", Body: body},
					call{Method: "GET", Path: fmt.Sprintf("/tasks/%d", i)},
					call{Method: "GET", Path: fmt.Sprintf("/tasks/%d", i)})
			}
			if diff := cmp.Diff(want, idsOnly(f.recorded())); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
		})
	}
}

func TestIndexDocumentBody(t *testing.T) {
	f := newFake(t)
	doc := search.Document{
		ID: "a1", Title: `Talks on "trade"`, Body: "Body.", URL: "https://example.org/a1", Source: "DHS",
		Date: "2024-03-05", Countries: []string{"France"}, Officials: []string{}, Topics: nil,
		Path: "a1.html", Hash: "h1", AlsoPublished: []search.Copy{{Source: "AP", Path: "b.html"}},
	}
	undated := search.Document{ID: "b2", Title: "Undated", Path: "b2.txt"}
	if err := f.engine(Config{}).Index(t.Context(), []search.Document{doc, undated}); err != nil {
		t.Fatal(err)
	}
	want := decodeJSON(t, `[
		{"id": "a1", "title": "Talks on \"trade\"", "body": "Body.", "url": "https://example.org/a1",
		 "source": "DHS", "date": "2024-03-05", "countries": ["France"], "officials": [], "topics": null,
		 "path": "a1.html", "also_published": [{"source": "AP", "path": "b.html"}], "hash": "h1",
		 "date_ts": 1709596800, "year": "2024"},
		{"id": "b2", "title": "Undated", "body": "", "countries": null, "officials": null, "topics": null,
		 "path": "b2.txt"}
	]`)
	if diff := cmp.Diff(want, f.recorded()[0].Body); diff != "" {
		t.Errorf("documents body (-want +got):\n%s", diff)
	}
}

func TestIndexFailedTask(t *testing.T) {
	f := newFake(t)
	f.fail = map[int64]string{1: taskErrNoSpace}
	err := f.engine(Config{BatchSize: 2}).Index(t.Context(), docs(6))
	checkErrText(t, err, "meili: index: documents 3-4 of 6: search engine unavailable: "+
		"task 1 (documentAdditionOrUpdate) failed: no_space_left_on_device: No space left on device")
	if !errors.Is(err, search.ErrUnavailable) {
		t.Errorf("errors.Is(%v, ErrUnavailable) = false", err)
	}
	if got := len(f.recorded()); got != 4 {
		t.Errorf("got %d requests, want 4: no batch after the failed one", got)
	}
}

func TestIndexRejectsBadID(t *testing.T) {
	f := newFake(t)
	d := docs(3)
	d[2].ID = "a/b"
	err := f.engine(Config{}).Index(t.Context(), d)
	checkErrText(t, err, `meili: index: document id "a/b": want 1-511 characters of A-Z a-z 0-9 - _`)
	if got := f.recorded(); len(got) != 0 {
		t.Errorf("sent %v, want nothing", got)
	}
}

func TestDelete(t *testing.T) {
	f := newFake(t)
	err := f.engine(Config{BatchSize: 2}).Delete(t.Context(), []string{"a", "b", "bad id", "c"})
	if err != nil {
		t.Fatal(err)
	}
	want := []call{
		{Method: "POST", Path: "/indexes/news/documents/delete-batch", Body: decodeJSON(t, `["a", "b"]`)},
		{Method: "GET", Path: "/tasks/0"},
		{Method: "POST", Path: "/indexes/news/documents/delete-batch", Body: decodeJSON(t, `["c"]`)},
		{Method: "GET", Path: "/tasks/1"},
	}
	if diff := cmp.Diff(want, f.recorded()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

func mustJSON(v any) string {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(raw)
}

// docs returns n documents d0…d(n-1); the even ones have a date.
func docs(n int) []search.Document {
	out := make([]search.Document, n)
	for i := range out {
		out[i] = search.Document{ID: fmt.Sprintf("d%d", i), Title: fmt.Sprintf("Title %d", i), Path: "p"}
		if i%2 == 0 {
			out[i].Date = "2024-03-05"
		}
	}
	return out
}

// idsOnly replaces document bodies by their ids and checks on the way that
// every document has date_ts and year exactly when it has a date.
func idsOnly(calls []call) []call {
	out := append([]call(nil), calls...)
	for i, c := range out {
		docs, ok := c.Body.([]any)
		if !ok {
			continue
		}
		ids := make([]any, len(docs))
		for j, d := range docs {
			m := d.(map[string]any)
			_, hasDate := m["date"]
			_, hasTS := m[attrDateTS]
			_, hasYear := m[attrYear]
			ids[j] = m["id"]
			if hasDate != hasTS || hasDate != hasYear {
				ids[j] = fmt.Sprintf("%v: date %v, date_ts %v, year %v", m["id"], hasDate, hasTS, hasYear)
			}
		}
		out[i].Body = ids
	}
	return out
}

// checkSentinel checks that err matches want (see TestErrors).
func checkSentinel(t *testing.T, err, want error) {
	t.Helper()
	switch {
	case want == nil:
		if err != nil {
			t.Errorf("got error %v, want none", err)
		}
	case want == errAnyOther:
		for _, s := range []error{search.ErrUnavailable, search.ErrTimeout, search.ErrBadQuery, search.ErrNotFound} {
			if errors.Is(err, s) {
				t.Errorf("got %v, want an error that is not %v", err, s)
			}
		}
		if err == nil {
			t.Error("got no error")
		}
	case !errors.Is(err, want):
		t.Errorf("got error %v, want one matching %v", err, want)
	}
}

// checkErrText checks err's text; want "" means no error.
func checkErrText(t *testing.T, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("got error %v, want none", err)
	case want != "" && (err == nil || err.Error() != want):
		t.Errorf("got error %v\nwant %s", err, want)
	}
}
