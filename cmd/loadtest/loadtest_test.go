package main

import (
	"io"
	"net/url"
	"strings"
	"testing"

	"github.com/accord-search/accord/cmd/internal/loopload"
	"github.com/google/go-cmp/cmp"
)

func TestParseBounds(t *testing.T) {
	for _, args := range [][]string{
		{"-n", "0"}, {"-n", "2000000"}, {"-duration", "2h"}, {"-c", "0"}, {"-c", "1000"},
		{"-kinds", "page,nope"}, {"-target", "http://192.168.1.1:80"},
	} {
		if _, err := parse(append([]string{"-queries", "q.jsonl"}, args...), io.Discard); err == nil {
			t.Errorf("parse(%q): accepted, want an error", args)
		}
	}
	if _, err := parse(nil, io.Discard); err == nil {
		t.Error("parse without -queries: accepted, want an error")
	}
}

func TestMix(t *testing.T) {
	queries, err := loopload.ParseQueries([]byte(`{"q": "border security", "filter": null}
{"q": "fentanyl", "filter": {"field": "countries", "value": "Mexico"}}
{"q": "cyber", "filter": {"field": "topics", "value": "Cybersecurity"}}
`))
	if err != nil {
		t.Fatal(err)
	}
	targets, err := mix(queries)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, tg := range addDocs(targets, []string{"doc1"}) {
		got = append(got, tg.kind+" "+tg.path)
	}
	want := []string{
		"page /search?q=border+security",
		"api /api/search?q=border+security",
		"paging /search?q=border+security&page=2",
		"page /search?q=fentanyl&country=Mexico",
		"doc /doc/doc1",
		"api /api/search?q=fentanyl&country=Mexico",
		"facets /search?country=Mexico",
		"page /search?q=cyber&topic=Cybersecurity",
		"api /api/search?q=cyber&topic=Cybersecurity",
		"facets /search?topic=Cybersecurity",
		"facets /search?country=Mexico&topic=Cybersecurity",
		"facets /search",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mix (-want +got):\n%s", diff)
	}
	for _, tg := range targets {
		if _, err := url.Parse(tg.path); err != nil || strings.Contains(tg.path, " ") {
			t.Errorf("target %q is not a clean URL", tg.path)
		}
	}
}
