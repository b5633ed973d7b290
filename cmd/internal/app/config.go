package app

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config holds every setting. Each has a flag and an environment
// variable; a flag given on the command line wins.
type Config struct {
	Addr        string        // -addr, ADDR: where the server listens
	DataDir     string        // -data, DATA_DIR: where the embedded index lives
	Corpus      string        // -corpus, CORPUS: the folder of documents to index
	MeiliURL    string        // MEILI_URL: use Meilisearch instead of the embedded index
	MeiliIndex  string        // -meili-index, MEILI_INDEX: the index uid
	Timeout     time.Duration // -timeout, SEARCH_TIMEOUT: the longest a search may take
	MetricsAddr string        // -metrics-addr, METRICS_ADDR: where the server serves /metrics (off when empty)
	BaseURL     string        // -base-url, BASE_URL: the public origin of every absolute link
	// Watch (-watch, WATCH; default true): the server swaps in the index
	// generations the indexer commits. Off, it serves the generation it
	// opened until restarted (for a server that must not change under
	// its clients, e.g. one of several behind a load balancer, each
	// serving its own copy of one generation).
	Watch bool

	// MeiliKey is the Meilisearch key this process sends. The indexer
	// reads MEILI_API_KEY (an admin key: it creates the index, changes
	// settings, writes). The server reads MEILI_SEARCH_KEY (a search-only
	// key) and falls back to MEILI_API_KEY, setting MeiliKeyFallback so
	// that it can warn. Keys come only from the environment, never flags,
	// so that they do not show in process listings.
	MeiliKey         string `json:"-"`
	MeiliKeyFallback bool
	// keyFileErr is why MEILI_SEARCH_KEY_FILE could not be read.
	keyFileErr error
}

// String describes the settings without the key, so that a Config can be
// logged or printed safely.
func (c Config) String() string {
	key := "unset"
	if c.MeiliKey != "" {
		key = "set"
	}
	return fmt.Sprintf("addr=%s data=%s corpus=%s meili_url=%s meili_index=%s meili_key=%s timeout=%s metrics_addr=%s base_url=%s",
		c.Addr, c.DataDir, c.Corpus, c.MeiliURL, c.MeiliIndex, key, c.Timeout, c.MetricsAddr, c.BaseURL)
}

// GoString keeps %#v from printing the key too.
func (c Config) GoString() string { return "app.Config{" + c.String() + "}" }

// LogValue keeps slog (whose JSON handler would marshal the struct) from
// logging the key.
func (c Config) LogValue() slog.Value { return slog.StringValue(c.String()) }

// Defaults for the settings.
const (
	DefaultAddr    = "127.0.0.1:8080"
	DefaultDataDir = "data"
	DefaultCorpus  = "corpus"
	DefaultIndex   = "accord"
	DefaultTimeout = 5 * time.Second
)

// Bind registers the shared flags on fs, with defaults from the environment.
func (c *Config) Bind(fs *flag.FlagSet) {
	fs.StringVar(&c.DataDir, "data", env("DATA_DIR", DefaultDataDir), "directory of the embedded index (env DATA_DIR)")
	fs.StringVar(&c.Corpus, "corpus", env("CORPUS", DefaultCorpus), "folder of .txt, .html and .jsonl documents (env CORPUS)")
	fs.StringVar(&c.MeiliIndex, "meili-index", env("MEILI_INDEX", DefaultIndex), "Meilisearch index uid (env MEILI_INDEX)")
	fs.DurationVar(&c.Timeout, "timeout", envDuration("SEARCH_TIMEOUT", DefaultTimeout), "longest wait for the search engine (env SEARCH_TIMEOUT)")
	c.MeiliURL = os.Getenv("MEILI_URL")
	c.MeiliKey = os.Getenv("MEILI_API_KEY")
}

// BindServer adds the server's own flags, and takes the server's
// Meilisearch key from MEILI_SEARCH_KEY (MEILI_API_KEY when unset).
func (c *Config) BindServer(fs *flag.FlagSet) {
	c.Bind(fs)
	fs.StringVar(&c.Addr, "addr", env("ADDR", DefaultAddr), "host:port to listen on (env ADDR)")
	fs.StringVar(&c.BaseURL, "base-url", os.Getenv("BASE_URL"), "public origin of absolute links (canonical, feeds, OpenSearch), e.g. https://accord.example.org; empty: the listen address (env BASE_URL)")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", os.Getenv("METRICS_ADDR"), "host:port of a separate listener for Prometheus /metrics; empty: off (env METRICS_ADDR)")
	fs.BoolVar(&c.Watch, "watch", envBool("WATCH", true), "embedded index: swap in the index generations the indexer commits (env WATCH)")
	if k := os.Getenv("MEILI_SEARCH_KEY"); k != "" {
		c.MeiliKey, c.MeiliKeyFallback = k, false
	} else if p := os.Getenv("MEILI_SEARCH_KEY_FILE"); p != "" {
		// A file holding the key, as docker-compose.yml's keys job writes it.
		b, err := os.ReadFile(p)
		k := strings.TrimSpace(string(b))
		if err == nil && k == "" {
			err = errors.New("the file is empty")
		}
		if err != nil {
			c.keyFileErr = fmt.Errorf("MEILI_SEARCH_KEY_FILE %s: %w", p, err)
		}
		c.MeiliKey, c.MeiliKeyFallback = k, false
	} else {
		c.MeiliKeyFallback = c.MeiliKey != ""
	}
}

// Validate reports the first bad setting.
func (c *Config) Validate() error {
	if c.keyFileErr != nil {
		return c.keyFileErr
	}
	if c.Addr != "" {
		if _, _, err := net.SplitHostPort(c.Addr); err != nil {
			return fmt.Errorf("addr %q: want host:port: %w", c.Addr, err)
		}
	}
	if c.MetricsAddr != "" {
		_, port, err := net.SplitHostPort(c.MetricsAddr)
		if err != nil {
			return fmt.Errorf("metrics-addr %q: want host:port: %w", c.MetricsAddr, err)
		}
		if c.MetricsAddr == c.Addr && port != "0" {
			return fmt.Errorf("metrics-addr %q: must differ from addr: /metrics is not served to the public", c.MetricsAddr)
		}
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
			strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" {
			return fmt.Errorf("base-url %q: want an origin such as https://accord.example.org (no path or query)", c.BaseURL)
		}
		c.BaseURL = u.Scheme + "://" + strings.ToLower(u.Host)
	}
	if c.MeiliURL != "" {
		u, err := url.Parse(c.MeiliURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("MEILI_URL %q: want http(s)://host:port", c.MeiliURL)
		}
		if u.User != nil {
			// The URL is logged; a key belongs in MEILI_API_KEY or MEILI_SEARCH_KEY.
			return errors.New("MEILI_URL: must not carry credentials: set the key in MEILI_SEARCH_KEY (server) or MEILI_API_KEY (indexer)")
		}
	} else if c.DataDir == "" {
		return errors.New("data: a directory is needed for the embedded index")
	}
	if c.Timeout <= 0 {
		return fmt.Errorf("timeout %v: must be positive", c.Timeout)
	}
	return nil
}

// Embedded reports whether the embedded (Bleve) engine is used.
func (c *Config) Embedded() bool { return c.MeiliURL == "" }

func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}

func envBool(key string, def bool) bool {
	if v := os.Getenv(key); v != "" {
		if b, err := strconv.ParseBool(v); err == nil {
			return b
		}
	}
	return def
}

func envDuration(key string, def time.Duration) time.Duration {
	if v := os.Getenv(key); v != "" {
		if d, err := time.ParseDuration(v); err == nil {
			return d
		}
	}
	return def
}
