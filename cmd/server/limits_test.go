package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/accord-search/accord/cmd/internal/app"
)

func TestDefaultTimeouts(t *testing.T) {
	got := defaultTimeouts(5 * time.Second)
	want := timeouts{ReadHeader: 5 * time.Second, Read: 10 * time.Second, Write: 15 * time.Second, Idle: 60 * time.Second}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("timeouts (-want +got):\n%s", diff)
	}
	if got.Write <= 5*time.Second {
		t.Error("the write timeout must leave time to send the 504 page after the search timeout")
	}
	srv := newHTTPServer(http.NotFoundHandler(), got, slog.New(slog.DiscardHandler))
	if srv.ReadHeaderTimeout != want.ReadHeader || srv.ReadTimeout != want.Read || srv.WriteTimeout != want.Write ||
		srv.IdleTimeout != want.Idle || srv.MaxHeaderBytes != maxHeaderBytes-headerSlack || srv.ErrorLog == nil {
		t.Errorf("http.Server does not carry the limits: %+v", srv)
	}
}

// TestSlowAndOversizedClients runs the real server with short timeouts and
// checks what a hostile client gets: a URL or headers over the limit get
// 431; a client that never finishes its headers (slowloris), or that
// stays idle, is disconnected after the timeout.
func TestSlowAndOversizedClients(t *testing.T) {
	m := newMeiliStandIn(t)
	m.start(t)
	t.Setenv("MEILI_SEARCH_KEY", "")
	t.Setenv("MEILI_API_KEY", "")
	cfg := app.Config{Addr: "127.0.0.1:0", MeiliURL: m.url(), MeiliIndex: "accord", Timeout: time.Second}
	tm := timeouts{ReadHeader: 300 * time.Millisecond, Read: 600 * time.Millisecond, Write: 2 * time.Second, Idle: 500 * time.Millisecond}
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, &cfg, tm, pw); pw.Close() }()
	t.Cleanup(func() { cancel(); <-done })
	base := waitAddr(t, pr)
	addr := strings.TrimPrefix(base, "http://")

	t.Run("URL over the header limit", func(t *testing.T) {
		// The documented limit, 16 KiB, not 20 (net/http's slack).
		r := fetch(t, base+"/search?q="+strings.Repeat("a", maxHeaderBytes+1))
		if r.status != http.StatusRequestHeaderFieldsTooLarge {
			t.Errorf("status %d, want 431", r.status)
		}
	})
	t.Run("headers over the limit", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodGet, base+"/search", nil)
		req.Header.Set("X-Padding", strings.Repeat("p", maxHeaderBytes+1))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
			t.Errorf("status %d, want 431", resp.StatusCode)
		}
	})
	t.Run("query over the text limit is a 400, not a 431", func(t *testing.T) {
		r := fetch(t, base+"/search?q="+strings.Repeat("a", 300))
		if r.status != http.StatusBadRequest || !strings.Contains(r.body, "longer than 256 characters") {
			t.Errorf("status %d, want 400 with the limit", r.status)
		}
	})
	t.Run("slowloris", func(t *testing.T) {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		start := time.Now()
		fmt.Fprint(c, "GET /search HTTP/1.1\r\nHost: x\r\nX-Slow: ") // and never the end of the headers
		closedWithin(t, c, start, tm.ReadHeader)
	})
	t.Run("idle keep-alive", func(t *testing.T) {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprint(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("first request: %v, %v", resp, err)
		}
		io.Copy(io.Discard, resp.Body)
		closedWithin(t, c, time.Now(), tm.Idle)
	})
}

// closedWithin checks that the server closes c about limit after start:
// not before half of it, and well before a client that never gives up
// would (the slack is wide for a loaded machine; the client never
// finishes, so only the server's timeout can close it).
func closedWithin(t *testing.T, c net.Conn, start time.Time, limit time.Duration) {
	t.Helper()
	const slack = 10 * time.Second
	c.SetReadDeadline(time.Now().Add(limit + slack))
	_, err := io.Copy(io.Discard, c) // returns when the server closes
	took := time.Since(start)
	if err != nil {
		t.Fatalf("the server kept the connection open past %v: %v", limit+slack, err)
	}
	if took < limit/2 {
		t.Errorf("closed after %v, before the %v timeout", took, limit)
	}
}
