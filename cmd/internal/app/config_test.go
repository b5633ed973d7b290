package app

import (
	"flag"
	"testing"
	"time"
)

func TestConfig(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		wantErr bool
		check   func(c Config) bool
	}{
		{name: "defaults", check: func(c Config) bool {
			return c.Addr == DefaultAddr && c.DataDir == DefaultDataDir && c.Corpus == DefaultCorpus && c.Embedded()
		}},
		{name: "environment", env: map[string]string{"ADDR": "0.0.0.0:9000", "DATA_DIR": "/d", "CORPUS": "/c", "MEILI_URL": "http://m:7700", "MEILI_API_KEY": "k"},
			check: func(c Config) bool {
				return c.Addr == "0.0.0.0:9000" && c.DataDir == "/d" && c.Corpus == "/c" && !c.Embedded() && c.MeiliAPIKey == "k"
			}},
		{name: "flag beats environment", env: map[string]string{"ADDR": "0.0.0.0:9000"}, args: []string{"-addr", "127.0.0.1:1"},
			check: func(c Config) bool { return c.Addr == "127.0.0.1:1" }},
		{name: "bad addr", args: []string{"-addr", "nonsense"}, wantErr: true},
		{name: "bad meili url", env: map[string]string{"MEILI_URL": "localhost:7700"}, wantErr: true},
		{name: "bad timeout", args: []string{"-timeout", "-1s"}, wantErr: true},
		{name: "timeout", args: []string{"-timeout", "2s"}, check: func(c Config) bool { return c.Timeout == 2*time.Second }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{"ADDR", "DATA_DIR", "CORPUS", "MEILI_URL", "MEILI_API_KEY", "SEARCH_TIMEOUT"} {
				t.Setenv(k, tt.env[k])
			}
			var c Config
			fs := flag.NewFlagSet("x", flag.ContinueOnError)
			c.BindServer(fs)
			if err := fs.Parse(tt.args); err != nil {
				t.Fatal(err)
			}
			err := c.Validate()
			if (err != nil) != tt.wantErr {
				t.Fatalf("Validate: got %v, want error %v", err, tt.wantErr)
			}
			if tt.check != nil && !tt.check(c) {
				t.Errorf("config: got %+v", c)
			}
		})
	}
}
