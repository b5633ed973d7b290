package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type span struct {
	Start, End int
	Text       string
}

// dryJSON is the part of a dry-run line the test reads.
type dryJSON struct {
	Path         string
	Title        string
	TitleDerived bool `json:"title_derived"`
	Body         string
	Type         string
	Officials    []string
	Roles        []struct{ Official, Role, Country string }
	Evidence     map[string]map[string][]span
}

// TestDryRunJSON: the dry run's JSON Lines carry the document type, a
// derived title (marked), roles and evidence whose spans read their text
// in the body.
func TestDryRunJSON(t *testing.T) {
	corpus := t.TempDir()
	page := "Readout of the Secretary's Meeting with the German Minister\n\n" +
		"Washington, May 3, 2016 – Today, Secretary of Homeland Security Alejandro Mayorkas met with German Federal Minister of the Interior and Community Nancy Faeser to discuss counterterrorism cooperation and the terrorist threat.\n\n" +
		"The two discussed terrorism, border security at ports of entry and border management, and the sharing of information on travelers.\n"
	noHeadline := "on may 4, 2016, officials of the united states and canada reviewed the shared programs for travelers crossing the land border, and they agreed to meet again in the autumn to review the work of both agencies on trade and travel.\n"
	os.WriteFile(filepath.Join(corpus, "a.txt"), []byte(page), 0o644)
	os.WriteFile(filepath.Join(corpus, "b.txt"), []byte(noHeadline), 0o644)
	var stdout, stderr bytes.Buffer
	if code, err := run(t.Context(), []string{"-corpus", corpus, "-dry-run", "-json", "-quiet"}, &stdout, &stderr); code != 0 || err != nil {
		t.Fatalf("exit %d, %v\n%s", code, err, stderr.String())
	}
	var docs []dryJSON
	for _, ln := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		var d dryJSON
		if err := json.Unmarshal([]byte(ln), &d); err != nil {
			t.Fatalf("%v: %s", err, ln)
		}
		docs = append(docs, d)
	}
	if len(docs) != 2 {
		t.Fatalf("got %d documents, want 2:\n%s", len(docs), stdout.String())
	}
	seen := 0
	for _, d := range docs {
		if d.Type == "" {
			t.Errorf("%s: no type", d.Path)
		}
		for field, vals := range d.Evidence {
			for v, spans := range vals {
				for _, s := range spans {
					if s.Start < 0 || s.End > len(d.Body) || d.Body[s.Start:s.End] != s.Text {
						t.Errorf("%s: %s %q: span %+v does not read its text in the body", d.Path, field, v, s)
					}
				}
			}
		}
		switch d.Path {
		case "a.txt":
			seen++
			if d.TitleDerived || d.Type != "Readout" {
				t.Errorf("a.txt: derived %v type %q", d.TitleDerived, d.Type)
			}
			if len(d.Evidence["officials"]["Nancy Faeser"]) == 0 || len(d.Evidence["date"]) == 0 {
				t.Errorf("a.txt: evidence %+v", d.Evidence)
			}
			ok := false
			for _, r := range d.Roles {
				ok = ok || (r.Official == "Nancy Faeser" && r.Country == "Germany" && strings.Contains(r.Role, "Minister of the Interior"))
			}
			if !ok {
				t.Errorf("a.txt: roles %+v", d.Roles)
			}
		case "b.txt":
			seen++
			if !d.TitleDerived || d.Title == "" || strings.Contains(d.Title, "b.txt") {
				t.Errorf("b.txt: title %q derived %v", d.Title, d.TitleDerived)
			}
		}
	}
	if seen != 2 {
		t.Errorf("documents not found by path: %d of 2", seen)
	}
}
