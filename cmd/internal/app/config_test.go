package app

import (
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// settings are the environment variables the tests control.
var settings = []string{"ADDR", "DATA_DIR", "CORPUS", "MEILI_URL", "MEILI_API_KEY", "MEILI_SEARCH_KEY", "MEILI_SEARCH_KEY_FILE", "SEARCH_TIMEOUT", "METRICS_ADDR"}

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

// TestSearchKeyFile: the server reads its key from MEILI_SEARCH_KEY_FILE
// (docker-compose.yml writes it there), so compose gives it no admin key.
func TestSearchKeyFile(t *testing.T) {
	dir := t.TempDir()
	good, empty := filepath.Join(dir, "key"), filepath.Join(dir, "empty")
	os.WriteFile(good, []byte("search-key-1\n"), 0o600)
	os.WriteFile(empty, nil, 0o600)
	for _, tt := range []struct {
		file, want string
		wantErr    bool
	}{
		{good, "search-key-1", false},
		{empty, "", true},
		{filepath.Join(dir, "missing"), "", true},
	} {
		for _, k := range settings {
			t.Setenv(k, "")
		}
		t.Setenv("MEILI_API_KEY", "admin")
		t.Setenv("MEILI_SEARCH_KEY_FILE", tt.file)
		var c Config
		c.BindServer(flag.NewFlagSet("x", flag.ContinueOnError))
		err := c.Validate()
		if (err != nil) != tt.wantErr || c.MeiliKey != tt.want || c.MeiliKeyFallback {
			t.Errorf("%s: key %q fallback %v err %v; want %q, error %v", tt.file, c.MeiliKey, c.MeiliKeyFallback, err, tt.want, tt.wantErr)
		}
	}
}

// TestComposeKeys reads docker-compose.yml (no Docker here): the server
// gets no master key, only the file the keys job writes with a key whose
// only action is search; the indexer runs with -skipped-ok, so that bad
// input (exit 3) does not keep the server from starting.
func TestComposeKeys(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "docker-compose.yml"))
	if err != nil {
		t.Fatal(err)
	}
	services := map[string]string{}
	name := ""
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, "  ") && !strings.HasPrefix(line, "   ") && strings.HasSuffix(line, ":") {
			name = strings.TrimSuffix(strings.TrimSpace(line), ":")
		} else if line != "" && !strings.HasPrefix(line, " ") {
			name = ""
		}
		if name != "" {
			services[name] += line + "\n"
		}
	}
	server, keys, indexer := services["server"], services["keys"], services["indexer"]
	if server == "" || keys == "" || indexer == "" {
		t.Fatalf("services server, keys, indexer not all found: %v", services)
	}
	if strings.Contains(server, "MEILI_MASTER_KEY") || strings.Contains(server, "MEILI_API_KEY") {
		t.Errorf("the server service is given an admin key:\n%s", server)
	}
	for _, want := range []string{"MEILI_SEARCH_KEY_FILE: /run/accord/search-key", "keys:/run/accord:ro", "service_completed_successfully"} {
		if !strings.Contains(server, want) {
			t.Errorf("server service lacks %q", want)
		}
	}
	if !strings.Contains(keys, `\"actions\":[\"search\"]`) || !strings.Contains(keys, "/keys/search-key") {
		t.Errorf("keys service does not create a search-only key into /keys/search-key:\n%s", keys)
	}
	if !strings.Contains(indexer, `"-skipped-ok"`) {
		t.Errorf("indexer service does not run with -skipped-ok:\n%s", indexer)
	}
}
