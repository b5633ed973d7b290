package meili

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// This file is a stand-in Meilisearch for the contract tests: it records
// every request and answers with bodies shaped like the server's documented
// responses (and its own integration tests, crates/meilisearch/tests). It
// implements the task queue (202 + taskUid, then GET /tasks/{uid}); any
// other route answers from a handler the test registers.

// The fake's keys: the master key, and two API keys with exactly the
// actions that README and docker-compose.yml give the indexer and the web
// server.
const (
	testKey    = "accord-test-master-key"
	indexerKey = "accord-test-indexer-key"
	searchKey  = "accord-test-search-key"
)

// indexerActions and searchActions are the actions of indexerKey and
// searchKey, as README's Meilisearch section lists them.
var (
	indexerActions = []string{"indexes.create", "settings.update", "documents.add", "documents.delete",
		"documents.get", "tasks.get", "search"}
	searchActions = []string{"search"}
)

// call is one recorded request.
type call struct {
	Method string
	// Path includes the raw query, if any.
	Path string
	// Body is the JSON body decoded into generic values, or nil.
	Body any
}

// fakeMeili is a recording Meilisearch stand-in.
type fakeMeili struct {
	t   *testing.T
	srv *httptest.Server

	mu    sync.Mutex
	calls []call
	// routes answer "METHOD /path" (path without query).
	routes map[string]http.HandlerFunc
	// tasks holds the type and final state of every enqueued task.
	tasks map[int64]*fakeTask
	// processingPolls is how many times a task reports "processing"
	// before its final state.
	processingPolls int
	// fail maps a task uid to the error object it fails with.
	fail map[int64]string
	// keys maps each accepted key to its actions ("*" for the master key).
	keys map[string][]string
}

type fakeTask struct {
	typ   string
	polls int
}

// taskTypes maps write routes to the task type Meilisearch reports.
var taskTypes = map[string]string{
	"POST /indexes":                             "indexCreation",
	"PATCH /indexes/news/settings":              "settingsUpdate",
	"POST /indexes/news/documents":              "documentAdditionOrUpdate",
	"POST /indexes/news/documents/delete-batch": "documentDeletion",
}

func newFake(t *testing.T) *fakeMeili {
	t.Helper()
	f := &fakeMeili{
		t:      t,
		routes: map[string]http.HandlerFunc{},
		tasks:  map[int64]*fakeTask{},
		fail:   map[int64]string{},
		keys: map[string][]string{
			testKey:    {"*"},
			indexerKey: indexerActions,
			searchKey:  searchActions,
		},
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// engine opens an Engine on the fake with cfg.APIKey, the master key
// when unset.
func (f *fakeMeili) engine(cfg Config) *Engine {
	f.t.Helper()
	cfg.URL = f.srv.URL
	if cfg.APIKey == "" {
		cfg.APIKey = testKey
	}
	e, err := Open(f.t.Context(), cfg)
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { e.Close() })
	return e
}

// handle registers an answer for "METHOD /path".
func (f *fakeMeili) handle(route string, h http.HandlerFunc) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.routes[route] = h
}

// recorded returns the requests so far.
func (f *fakeMeili) recorded() []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]call(nil), f.calls...)
}

func (f *fakeMeili) serve(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	c := call{Method: r.Method, Path: r.URL.Path}
	if r.URL.RawQuery != "" {
		c.Path += "?" + r.URL.RawQuery
	}
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &c.Body); err != nil {
			f.t.Errorf("%s %s: body is not JSON: %v", r.Method, r.URL, err)
		}
		if ct := r.Header.Get("Content-Type"); ct != "application/json" {
			f.t.Errorf("%s %s: Content-Type %q, want application/json", r.Method, r.URL, ct)
		}
	}
	f.mu.Lock()
	f.calls = append(f.calls, c)
	f.mu.Unlock()

	// Meilisearch with a master key: no header is 401; a wrong key, or a
	// key without the route's action, 403 invalid_api_key.
	if action := requiredAction(r.Method, r.URL.Path); action != "" {
		auth := r.Header.Get("Authorization")
		if auth == "" {
			reply(http.StatusUnauthorized, errMissingAuth)(w, r)
			return
		}
		f.mu.Lock()
		actions, known := f.keys[strings.TrimPrefix(auth, "Bearer ")]
		f.mu.Unlock()
		if !known || !strings.HasPrefix(auth, "Bearer ") || !allows(actions, action) {
			reply(http.StatusForbidden, errInvalidKey)(w, r)
			return
		}
	}
	route := r.Method + " " + r.URL.Path
	f.mu.Lock()
	h := f.routes[route]
	f.mu.Unlock()
	switch {
	case h != nil:
		h(w, r)
	case taskTypes[route] != "":
		f.enqueue(w, taskTypes[route])
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/tasks/"):
		f.task(w, strings.TrimPrefix(r.URL.Path, "/tasks/"))
	default:
		f.t.Errorf("unexpected request %s %s", r.Method, r.URL)
		reply(http.StatusNotFound, `{"message": "not found", "code": "not_found"}`)(w, r)
	}
}

// requiredAction returns the key action a route needs, as Meilisearch
// v1.24 checks it (crates/meilisearch/tests/auth/authorization.rs,
// AUTHORIZATIONS), or "" for a public route (/health).
func requiredAction(method, path string) string {
	p := strings.Split(strings.Trim(path, "/"), "/")
	// Index routes: /indexes/{uid}/... with the uid replaced by "*".
	if len(p) >= 2 && p[0] == "indexes" {
		p[1] = "*"
	}
	switch route := method + " /" + strings.Join(p, "/"); {
	case route == "GET /health":
		return ""
	case route == "POST /multi-search", route == "POST /indexes/*/search", route == "GET /indexes/*/search":
		return "search"
	case route == "POST /indexes/*/documents", route == "PUT /indexes/*/documents":
		return "documents.add"
	case route == "GET /indexes/*/documents", route == "POST /indexes/*/documents/fetch",
		method == "GET" && len(p) == 4 && p[2] == "documents":
		return "documents.get"
	case route == "POST /indexes/*/documents/delete-batch", route == "POST /indexes/*/documents/delete",
		method == "DELETE" && len(p) >= 3 && p[2] == "documents":
		return "documents.delete"
	case route == "GET /tasks", method == "GET" && len(p) == 2 && p[0] == "tasks":
		return "tasks.get"
	case route == "DELETE /tasks":
		return "tasks.delete"
	case route == "POST /tasks/cancel":
		return "tasks.cancel"
	case route == "POST /indexes":
		return "indexes.create"
	case route == "GET /indexes", route == "GET /indexes/*":
		return "indexes.get"
	case route == "PATCH /indexes/*":
		return "indexes.update"
	case route == "DELETE /indexes/*":
		return "indexes.delete"
	case route == "POST /swap-indexes":
		return "indexes.swap"
	case len(p) >= 3 && p[2] == "settings" && method == "GET":
		return "settings.get"
	case len(p) >= 3 && p[2] == "settings":
		return "settings.update"
	case route == "GET /indexes/*/stats", route == "GET /stats":
		return "stats.get"
	case route == "GET /version":
		return "version"
	case route == "GET /metrics":
		return "metrics.get"
	case len(p) >= 1 && p[0] == "keys":
		return "keys." + map[string]string{"GET": "get", "POST": "create", "PATCH": "update", "DELETE": "delete"}[method]
	}
	return "*" // anything else: the master key only
}

// allows reports whether a key with actions may perform action: the
// action itself, its group's wildcard ("documents.*") or "*".
func allows(actions []string, action string) bool {
	group, _, _ := strings.Cut(action, ".")
	for _, a := range actions {
		if a == "*" || a == action || a == group+".*" {
			return true
		}
	}
	return false
}

// enqueue answers a write with 202 and a summarized task.
func (f *fakeMeili) enqueue(w http.ResponseWriter, typ string) {
	f.mu.Lock()
	uid := int64(len(f.tasks))
	f.tasks[uid] = &fakeTask{typ: typ}
	f.mu.Unlock()
	writeJSON(w, http.StatusAccepted, fmt.Sprintf(`{"taskUid": %d, "indexUid": "news", "status": "enqueued",
		"type": %q, "enqueuedAt": "2026-11-23T10:00:00.000000Z"}`, uid, typ))
}

// task answers GET /tasks/{uid}: processing for processingPolls polls,
// then succeeded or failed with its error object.
func (f *fakeMeili) task(w http.ResponseWriter, id string) {
	uid, err := strconv.ParseInt(id, 10, 64)
	f.mu.Lock()
	task, ok := f.tasks[uid]
	var status, errObj, finished = "succeeded", "null", `"2026-11-23T10:00:01.000000Z"`
	if ok {
		task.polls++
		if task.polls <= f.processingPolls {
			status, finished = "processing", "null"
		} else if e, failed := f.fail[uid]; failed {
			status, errObj = "failed", e
		}
	}
	f.mu.Unlock()
	if err != nil || !ok {
		writeJSON(w, http.StatusNotFound, fmt.Sprintf(`{"message": "Task `+"`%s`"+` not found.",
			"code": "task_not_found", "type": "invalid_request",
			"link": "https://docs.meilisearch.com/errors#task_not_found"}`, id))
		return
	}
	writeJSON(w, http.StatusOK, fmt.Sprintf(`{"uid": %d, "batchUid": %d, "indexUid": "news",
		"status": %q, "type": %q, "canceledBy": null, "details": {}, "error": %s,
		"duration": null, "enqueuedAt": "2026-11-23T10:00:00.000000Z",
		"startedAt": "2026-11-23T10:00:00.500000Z", "finishedAt": %s}`,
		uid, uid, status, task.typ, errObj, finished))
}

// reply returns a handler that answers status and body.
func reply(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, status, body) }
}

// stall returns a handler that answers only when the client gives up, or
// after a long time.
func stall(w http.ResponseWriter, r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-time.After(10 * time.Second):
		writeJSON(w, http.StatusOK, `{}`)
	}
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// Error bodies as Meilisearch sends them.
const (
	errMissingAuth = `{"message": "The Authorization header is missing. It must use the bearer authorization method.",
		"code": "missing_authorization_header", "type": "auth",
		"link": "https://docs.meilisearch.com/errors#missing_authorization_header"}`
	errInvalidKey = `{"message": "The provided API key is invalid.", "code": "invalid_api_key", "type": "auth",
		"link": "https://docs.meilisearch.com/errors#invalid_api_key"}`
	errIndexNotFound = `{"message": "Index ` + "`news`" + ` not found.", "code": "index_not_found",
		"type": "invalid_request", "link": "https://docs.meilisearch.com/errors#index_not_found"}`
	// Multi-search prefixes the query position, and answers 400.
	errMultiIndexNotFound = `{"message": "Inside ` + "`.queries[0]`: Index `news`" + ` not found.",
		"code": "index_not_found", "type": "invalid_request",
		"link": "https://docs.meilisearch.com/errors#index_not_found"}`
	errInvalidFilter = `{"message": "Inside ` + "`.queries[0]`: Index `news`: Attribute `colour`" + ` is not filterable. Available filterable attribute patterns are: ` + "`countries`, `date_ts`, `officials`, `source`, `topics`, `year`" + `.\n1:7 colour = \"red\"",
		"code": "invalid_search_filter", "type": "invalid_request",
		"link": "https://docs.meilisearch.com/errors#invalid_search_filter"}`
	errDocumentNotFound = `{"message": "Document ` + "`nope`" + ` not found.", "code": "document_not_found",
		"type": "invalid_request", "link": "https://docs.meilisearch.com/errors#document_not_found"}`
	errInternal = `{"message": "An internal error has occurred.", "code": "internal", "type": "internal",
		"link": "https://docs.meilisearch.com/errors#internal"}`
	// Task error objects (the "error" field of a failed task).
	taskErrIndexExists = `{"message": "Index ` + "`news`" + ` already exists.", "code": "index_already_exists",
		"type": "invalid_request", "link": "https://docs.meilisearch.com/errors#index_already_exists"}`
	taskErrNoSpace = `{"message": "No space left on device", "code": "no_space_left_on_device",
		"type": "system", "link": "https://docs.meilisearch.com/errors#no_space_left_on_device"}`
)
