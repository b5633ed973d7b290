package app

import (
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// settings are the environment variables the tests control.
var settings = []string{"ADDR", "DATA_DIR", "CORPUS", "MEILI_URL", "MEILI_API_KEY", "MEILI_SEARCH_KEY", "SEARCH_TIMEOUT", "METRICS_ADDR"}

func TestConfig(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		indexer bool // bind the indexer's flags (Bind) instead of the server's
		wantErr bool
		check   func(c Config) bool
	}{
		{name: "defaults", check: func(c Config) bool {
			return c.Addr == DefaultAddr && c.DataDir == DefaultDataDir && c.Corpus == DefaultCorpus && c.Embedded() && c.MetricsAddr == ""
		}},
		{name: "environment", env: map[string]string{"ADDR": "0.0.0.0:9000", "DATA_DIR": "/d", "CORPUS": "/c", "MEILI_URL": "http://m:7700", "MEILI_SEARCH_KEY": "k", "METRICS_ADDR": "127.0.0.1:9090"},
			check: func(c Config) bool {
				return c.Addr == "0.0.0.0:9000" && c.DataDir == "/d" && c.Corpus == "/c" && !c.Embedded() && c.MeiliKey == "k" && c.MetricsAddr == "127.0.0.1:9090"
			}},
		{name: "flag beats environment", env: map[string]string{"ADDR": "0.0.0.0:9000"}, args: []string{"-addr", "127.0.0.1:1"},
			check: func(c Config) bool { return c.Addr == "127.0.0.1:1" }},
		{name: "bad addr", args: []string{"-addr", "nonsense"}, wantErr: true},
		{name: "bad meili url", env: map[string]string{"MEILI_URL": "localhost:7700"}, wantErr: true},
		{name: "meili url with credentials", env: map[string]string{"MEILI_URL": "http://admin:s3cret@m:7700"}, wantErr: true},
		{name: "bad timeout", args: []string{"-timeout", "-1s"}, wantErr: true},
		{name: "timeout", args: []string{"-timeout", "2s"}, check: func(c Config) bool { return c.Timeout == 2*time.Second }},
		{name: "bad metrics addr", args: []string{"-metrics-addr", "9090"}, wantErr: true},
		{name: "metrics on the public address", args: []string{"-addr", "127.0.0.1:8080", "-metrics-addr", "127.0.0.1:8080"}, wantErr: true},
		// Keys: the server prefers its search key; the indexer uses the admin key.
		{name: "server: search key wins", env: map[string]string{"MEILI_API_KEY": "admin", "MEILI_SEARCH_KEY": "search"},
			check: func(c Config) bool { return c.MeiliKey == "search" && !c.MeiliKeyFallback }},
		{name: "server: falls back to MEILI_API_KEY", env: map[string]string{"MEILI_API_KEY": "admin"},
			check: func(c Config) bool { return c.MeiliKey == "admin" && c.MeiliKeyFallback }},
		{name: "server: no key", check: func(c Config) bool { return c.MeiliKey == "" && !c.MeiliKeyFallback }},
		{name: "indexer: admin key", indexer: true, env: map[string]string{"MEILI_API_KEY": "admin", "MEILI_SEARCH_KEY": "search"},
			check: func(c Config) bool { return c.MeiliKey == "admin" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range settings {
				t.Setenv(k, tt.env[k])
			}
			var c Config
			fs := flag.NewFlagSet("x", flag.ContinueOnError)
			if tt.indexer {
				c.Bind(fs)
			} else {
				c.BindServer(fs)
			}
			if err := fs.Parse(tt.args); err != nil {
				t.Fatal(err)
			}
			err := c.Validate()
			if (err != nil) != tt.wantErr {
				t.Fatalf("Validate: got %v, want error %v", err, tt.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), "s3cret") {
				t.Errorf("the error shows the credentials: %v", err)
			}
			if tt.check != nil && !tt.check(c) {
				t.Errorf("config: got %s", c)
			}
		})
	}
}

// TestConfigPrintsNoKey checks that formatting a Config in any verb the
// logs might use never shows the key.
func TestConfigPrintsNoKey(t *testing.T) {
	c := Config{MeiliURL: "http://m:7700", MeiliKey: "very-secret-search-key"}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		if got := fmt.Sprintf(verb, c); strings.Contains(got, c.MeiliKey) {
			t.Errorf("%s shows the key: %s", verb, got)
		}
		if got := fmt.Sprintf(verb, &c); strings.Contains(got, c.MeiliKey) {
			t.Errorf("%s of a pointer shows the key: %s", verb, got)
		}
	}
	var logs strings.Builder
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("config", "cfg", c, "ptr", &c)
	slog.New(slog.NewTextHandler(&logs, nil)).Info("config", "cfg", c, "ptr", &c)
	if raw, _ := json.Marshal(c); strings.Contains(logs.String()+string(raw), c.MeiliKey) {
		t.Errorf("logs or JSON show the key:\n%s\n%s", &logs, raw)
	}
	if !strings.Contains(c.String(), "meili_key=set") {
		t.Errorf("String: got %s, want it to say the key is set", c)
	}
}
