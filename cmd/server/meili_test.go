package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// meiliStandIn is the smallest Meilisearch the server needs: health,
// searches (no hits), stats and missing documents. It records the
// Authorization header of every request, can hold searches until told,
// and can be started late on an address chosen in advance (Meilisearch
// down at startup).
// The full contract fake, which checks every request, is in search/meili.
type meiliStandIn struct {
	addr string
	// hold, when set, keeps every search waiting until it is closed (or
	// the request ends): a slow engine whose slowness the test controls.
	hold chan struct{}
	// searches counts the multi-search requests received.
	searches atomic.Int64

	mu   sync.Mutex
	auth []string
	srv  *http.Server
}

// newMeiliStandIn reserves an address and does not listen on it yet.
func newMeiliStandIn(t *testing.T) *meiliStandIn {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	m := &meiliStandIn{addr: ln.Addr().String()}
	ln.Close()
	t.Cleanup(m.stop)
	return m
}

func (m *meiliStandIn) url() string { return "http://" + m.addr }

// start listens on the reserved address.
func (m *meiliStandIn) start(t *testing.T) {
	t.Helper()
	ln, err := net.Listen("tcp", m.addr)
	if err != nil {
		t.Skipf("cannot listen on %s again: %v", m.addr, err)
	}
	m.mu.Lock()
	m.srv = &http.Server{Handler: http.HandlerFunc(m.serve)}
	srv := m.srv
	m.mu.Unlock()
	go srv.Serve(ln)
}

func (m *meiliStandIn) stop() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.srv != nil {
		m.srv.Close()
		m.srv = nil
	}
}

func (m *meiliStandIn) authorizations() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.auth...)
}

func (m *meiliStandIn) serve(w http.ResponseWriter, r *http.Request) {
	m.mu.Lock()
	m.auth = append(m.auth, r.Header.Get("Authorization"))
	m.mu.Unlock()
	body, _ := io.ReadAll(r.Body)
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.URL.Path == "/health":
		io.WriteString(w, `{"status": "available"}`)
	case r.Method == http.MethodPost && r.URL.Path == "/multi-search":
		m.searches.Add(1)
		if m.hold != nil {
			select {
			case <-m.hold:
			case <-r.Context().Done():
				return
			}
		}
		var req struct{ Queries []json.RawMessage }
		json.Unmarshal(body, &req)
		results := make([]string, len(req.Queries))
		for i := range results {
			results[i] = `{"indexUid": "accord", "hits": [], "query": "", "processingTimeMs": 1, "hitsPerPage": 10,
				"page": 1, "totalPages": 0, "totalHits": 0, "facetDistribution": {}, "facetStats": {}}`
		}
		fmt.Fprintf(w, `{"results": [%s]}`, strings.Join(results, ","))
	case strings.HasSuffix(r.URL.Path, "/stats"):
		io.WriteString(w, `{"numberOfDocuments": 0, "isIndexing": false, "fieldDistribution": {}}`)
	default:
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"message": "Document not found.", "code": "document_not_found", "type": "invalid_request", "link": ""}`)
	}
}
