package app

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"time"
)

// Config holds every setting. Each has a flag and an environment
// variable; a flag given on the command line wins.
type Config struct {
	Addr        string        // -addr, ADDR: where the server listens
	DataDir     string        // -data, DATA_DIR: where the embedded index lives
	Corpus      string        // -corpus, CORPUS: the folder of documents to index
	MeiliURL    string        // MEILI_URL: use Meilisearch instead of the embedded index
	MeiliAPIKey string        // MEILI_API_KEY: search key (server) or admin key (indexer)
	MeiliIndex  string        // -meili-index, MEILI_INDEX: the index uid
	Timeout     time.Duration // -timeout, SEARCH_TIMEOUT: the longest a search may take
}

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
	c.MeiliAPIKey = os.Getenv("MEILI_API_KEY")
}

// BindServer adds the server's own flags.
func (c *Config) BindServer(fs *flag.FlagSet) {
	c.Bind(fs)
	fs.StringVar(&c.Addr, "addr", env("ADDR", DefaultAddr), "host:port to listen on (env ADDR)")
}

// Validate reports the first bad setting.
func (c *Config) Validate() error {
	if c.Addr != "" {
		if _, _, err := net.SplitHostPort(c.Addr); err != nil {
			return fmt.Errorf("addr %q: want host:port: %w", c.Addr, err)
		}
	}
	if c.MeiliURL != "" {
		u, err := url.Parse(c.MeiliURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("MEILI_URL %q: want http(s)://host:port", c.MeiliURL)
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

func envDuration(key string, def time.Duration) time.Duration {
	if v := os.Getenv(key); v != "" {
		if d, err := time.ParseDuration(v); err == nil {
			return d
		}
	}
	return def
}
