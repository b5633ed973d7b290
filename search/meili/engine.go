package meili

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/accord-search/accord/search"
	"github.com/meilisearch/meilisearch-go"
)

// Defaults for the zero values of Config.
const (
	DefaultIndex     = "news"
	DefaultTimeout   = 10 * time.Second
	DefaultBatchSize = 1000
	// DefaultMaxBatchBytes keeps a batch well under Meilisearch's default
	// payload limit (http-payload-size-limit, 100 MB); a server with a
	// lower limit answers 413, and the batch is split.
	DefaultMaxBatchBytes = 32 << 20
)

// taskPoll is how often a pending task is polled.
const taskPoll = 50 * time.Millisecond

// Config says where the server is and how to talk to it.
type Config struct {
	// URL is the server's base URL, e.g. http://localhost:7700.
	URL string
	// APIKey is sent as a bearer token: a search key for the web server, an
	// admin key for the indexer.
	APIKey string
	// Index is the index uid (default DefaultIndex).
	Index string
	// Timeout bounds every HTTP request (default DefaultTimeout). Request
	// contexts bound them further.
	Timeout time.Duration
	// BatchSize is how many documents Index sends per request (default
	// DefaultBatchSize).
	BatchSize int
	// MaxBatchBytes bounds the JSON size of one batch (default
	// DefaultMaxBatchBytes); a larger document goes alone.
	MaxBatchBytes int
}

// Engine is a search.Engine backed by one Meilisearch index. It is safe for
// concurrent use.
type Engine struct {
	client    meilisearch.ServiceManager
	uid       string
	batchSize int
	maxBytes  int
	// key is kept only to be redacted from error messages.
	key string
}

// The interfaces Engine implements.
var (
	_ search.Engine    = (*Engine)(nil)
	_ search.Getter    = (*Engine)(nil)
	_ search.Inventory = (*Engine)(nil)
	_ search.Counter   = (*Engine)(nil)
)

// Open returns an Engine for cfg. It does not contact the server, so it
// succeeds while Meilisearch is down; calls fail with search.ErrUnavailable
// until it is up. ctx is unused and reserved.
func Open(_ context.Context, cfg Config) (*Engine, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("meili: open: %w", err)
	}
	// The SDK's default client has no timeout. Its retries are disabled:
	// they back off 1 s, 2 s, 3 s (longer than a page request may take),
	// and the SDK reports an error whenever the last retry was used, even
	// if it succeeded. Retrying is a decorator's job, outside the backend.
	client := meilisearch.New(cfg.URL,
		meilisearch.WithAPIKey(cfg.APIKey),
		meilisearch.WithCustomClient(httpClient(cfg.Timeout)),
		meilisearch.DisableRetries(),
	)
	return &Engine{
		client:    client,
		uid:       cfg.Index,
		batchSize: cfg.BatchSize,
		maxBytes:  cfg.MaxBatchBytes,
		key:       cfg.APIKey,
	}, nil
}

// withDefaults fills the zero values and validates cfg.
func (cfg Config) withDefaults() (Config, error) {
	u, err := url.Parse(cfg.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return cfg, fmt.Errorf("url %q: want http(s)://host[:port]", cfg.URL)
	}
	// The SDK appends paths such as "/indexes" to the URL as it is.
	cfg.URL = strings.TrimRight(cfg.URL, "/")
	if cfg.Index == "" {
		cfg.Index = DefaultIndex
	}
	if !validIndex(cfg.Index) {
		return cfg, fmt.Errorf("index %q: want 1-%d characters of A-Z a-z 0-9 - _", cfg.Index, maxIndexUID)
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.BatchSize == 0 {
		cfg.BatchSize = DefaultBatchSize
	}
	if cfg.MaxBatchBytes == 0 {
		cfg.MaxBatchBytes = DefaultMaxBatchBytes
	}
	if cfg.Timeout < 0 || cfg.BatchSize < 0 || cfg.MaxBatchBytes < 0 {
		return cfg, errors.New("timeout, batch size and batch bytes must not be negative")
	}
	return cfg, nil
}

// httpClient returns an HTTP client with an overall request timeout and a
// connection pool sized for concurrent searches to one host. It follows no
// redirect: Go's client would resend the Authorization header to another
// port of the same host, and Meilisearch never redirects, so a redirect is
// answered as the error it is (see classify).
func httpClient(timeout time.Duration) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 32
	return &http.Client{
		Timeout:       timeout,
		Transport:     t,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// index returns a handle on the index. A fresh handle per call: the SDK's
// handle records the primary key on every document write, which would be a
// data race if handles were shared between goroutines.
func (e *Engine) index() meilisearch.IndexManager {
	return e.client.Index(e.uid)
}

// Ping checks that the server is up and healthy.
func (e *Engine) Ping(ctx context.Context) error {
	h, err := e.client.HealthWithContext(ctx)
	if err != nil {
		return e.wrapErr("ping", err)
	}
	if h.Status != "available" {
		return fmt.Errorf("meili: ping: status %q: %w", h.Status, search.ErrUnavailable)
	}
	return nil
}

// Close releases idle connections. The Engine must not be used afterwards.
func (e *Engine) Close() error {
	e.client.Close()
	return nil
}
