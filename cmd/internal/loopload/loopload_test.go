package loopload

import (
	"testing"
	"time"
)

func TestLoopbackURL(t *testing.T) {
	for _, ok := range []string{"http://127.0.0.1:8080", "http://127.0.0.1:8080/", "http://127.0.0.2:9", "http://[::1]:8080"} {
		if _, err := LoopbackURL(ok); err != nil {
			t.Errorf("LoopbackURL(%q): %v, want it accepted", ok, err)
		}
	}
	for _, bad := range []string{"http://localhost:8080", "http://10.0.0.1:8080", "https://127.0.0.1:8080",
		"http://example.org", "http://127.0.0.1:8080/search", "127.0.0.1:8080", "http://0.0.0.0:8080"} {
		if _, err := LoopbackURL(bad); err == nil {
			t.Errorf("LoopbackURL(%q): accepted, want an error", bad)
		}
	}
}

func TestPercentile(t *testing.T) {
	var lat []time.Duration
	for i := 1; i <= 100; i++ {
		lat = append(lat, time.Duration(i)*time.Millisecond)
	}
	for p, want := range map[int]time.Duration{50: 50 * time.Millisecond, 95: 95 * time.Millisecond, 99: 99 * time.Millisecond, 100: 100 * time.Millisecond} {
		if got := Percentile(lat, p); got != want {
			t.Errorf("Percentile(%d): got %v, want %v", p, got, want)
		}
	}
	if got := Percentile(nil, 50); got != 0 {
		t.Errorf("percentile of nothing: got %v, want 0", got)
	}
}
