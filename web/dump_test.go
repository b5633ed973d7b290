package web

import (
	"os"
	"testing"
)

func TestDump(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	h := newHandler(t)
	r := get(t, h, os.Getenv("DUMP"))
	t.Logf("status %d\n%v\n%s", r.status, r.header, r.body)
}
