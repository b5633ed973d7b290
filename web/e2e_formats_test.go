package web

import (
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/accord-search/accord/search"
)

func TestAPIShape(t *testing.T) {
	h := newHandler(t)
	r := get(t, h, "/api/search?q=mayorkas&country=Mexico")
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
		t.Fatalf("status %d, Content-Type %q", r.status, r.header.Get("Content-Type"))
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.body), &raw); err != nil {
		t.Fatal(err)
	}
	keys := func(m map[string]json.RawMessage) []string { return slices.Sorted(maps.Keys(m)) }
	if diff := cmp.Diff([]string{"facets", "hits", "page", "per_page", "took_ms", "total", "years"}, keys(raw)); diff != "" {
		t.Errorf("top-level keys (-want +got):\n%s", diff)
	}
	var hits []map[string]json.RawMessage
	_ = json.Unmarshal(raw["hits"], &hits)
	if len(hits) != 1 {
		t.Fatalf("hits: got %d, want 1", len(hits))
	}
	wantHit := []string{"countries", "date", "id", "officials", "path", "snippet_html", "source", "title", "title_html", "topics", "type", "url"}
	if diff := cmp.Diff(wantHit, keys(hits[0])); diff != "" {
		t.Errorf("hit keys (-want +got):\n%s", diff)
	}
	var facets map[string][]map[string]json.RawMessage
	_ = json.Unmarshal(raw["facets"], &facets)
	if diff := cmp.Diff([]string{"country", "official", "publisher", "topic", "type"}, slices.Sorted(maps.Keys(facets))); diff != "" {
		t.Errorf("facet keys (-want +got):\n%s", diff)
	}
	for f, counts := range facets {
		for _, c := range counts {
			if diff := cmp.Diff([]string{"count", "selected", "value"}, keys(c)); diff != "" {
				t.Errorf("facet %s entry keys (-want +got):\n%s", f, diff)
			}
		}
	}

	// And the values, decoded.
	var got apiResult
	if err := json.Unmarshal([]byte(r.body), &got); err != nil {
		t.Fatal(err)
	}
	got.TookMS = 0
	want := apiResult{
		Total: 1, Page: 1, PerPage: 10,
		Hits: []apiHit{{
			ID: "d03", Path: "fixture/d03.txt", Title: "United States and Mexico sign fentanyl agreement",
			Source: "U.S. Department of State", Date: "2021-10-08",
			Countries: []string{"Mexico", "United States"}, Officials: []string{"Alejandro Mayorkas", "Antony Blinken"},
			Topics:      []string{"Drug trafficking", "Transnational organized crime"},
			Type:        "Press release",
			TitleHTML:   "United States and Mexico sign fentanyl agreement",
			SnippetHTML: "Secretary <mark>Mayorkas</mark> and Secretary Blinken agreed with Mexico to fight fentanyl and the cartels behind it.",
		}},
		Facets: map[string][]search.FacetCount{
			"country": {
				{Value: "United States", Count: 4}, {Value: "Canada", Count: 2}, {Value: "Australia", Count: 1},
				{Value: "Finland", Count: 1}, {Value: "Germany", Count: 1}, {Value: "Mexico", Count: 1, Selected: true},
				{Value: "New Zealand", Count: 1}, {Value: "United Kingdom", Count: 1},
			},
			"official": {{Value: "Alejandro Mayorkas", Count: 1}, {Value: "Antony Blinken", Count: 1}},
			"topic":    {{Value: "Drug trafficking", Count: 1}, {Value: "Transnational organized crime", Count: 1}},
			"type":     {{Value: "Press release", Count: 1}},
			// The publisher facet counts Document.Source.
			"publisher": {{Value: "U.S. Department of State", Count: 1}},
		},
		Years: []search.FacetCount{{Value: "2021", Count: 1}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("API result (-want +got):\n%s", diff)
	}
}

func TestAPIParameters(t *testing.T) {
	h := newHandler(t)
	tests := []struct {
		target   string
		total    int
		page     int
		perPage  int
		hits     []string
		officals []string // facet values, when checked
	}{
		{"/api/search", 10, 1, 10, []string{"d06", "d01", "d02", "d03", "d10", "d07", "d09", "d04", "d05", "d08"}, nil},
		{"/api/search?per_page=2&page=2&sort=oldest", 10, 2, 2, []string{"d09", "d07"}, nil},
		{"/api/search?per_page=1000", 10, 1, 100, nil, nil},
		{"/api/search?topic=Migration&topic=Cybersecurity&from=2020", 3, 1, 10, []string{"d01", "d02", "d10"}, nil},
		{"/api/search?official=Chad+Wolf&fq_official=wolf", 1, 1, 10, []string{"d10"}, []string{"Chad Wolf"}},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			var got apiResult
			r := get(t, h, tt.target)
			if err := json.Unmarshal([]byte(r.body), &got); err != nil || r.status != http.StatusOK {
				t.Fatalf("status %d, %v", r.status, err)
			}
			if got.Total != tt.total || got.Page != tt.page || got.PerPage != tt.perPage {
				t.Errorf("total, page, per_page: got %d, %d, %d, want %d, %d, %d", got.Total, got.Page, got.PerPage, tt.total, tt.page, tt.perPage)
			}
			if tt.hits != nil {
				var ids []string
				for _, h := range got.Hits {
					ids = append(ids, h.ID)
				}
				if diff := cmp.Diff(tt.hits, ids); diff != "" {
					t.Errorf("hits (-want +got):\n%s", diff)
				}
			}
			if tt.officals != nil {
				var vals []string
				for _, fc := range got.Facets["official"] {
					vals = append(vals, fc.Value)
				}
				if diff := cmp.Diff(tt.officals, vals); diff != "" {
					t.Errorf("officials (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestAtomFeed(t *testing.T) {
	h := newHandler(t)
	r := get(t, h, "/search.atom?q=mayorkas&page=2")
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("status %d, Content-Type %q", r.status, r.header.Get("Content-Type"))
	}
	var feed atomFeed
	if err := xml.Unmarshal([]byte(r.body), &feed); err != nil {
		t.Fatalf("parse Atom: %v", err)
	}
	if feed.XMLName.Space != "http://www.w3.org/2005/Atom" {
		t.Errorf("namespace: got %q", feed.XMLName.Space)
	}
	var ids, updated []string
	for _, e := range feed.Entries {
		ids = append(ids, e.ID)
		updated = append(updated, e.Updated)
	}
	// Newest first, from page 1 whatever page the link was made on.
	wantIDs := []string{"http://example.com/doc/d06", "http://example.com/doc/d01", "http://example.com/doc/d02", "http://example.com/doc/d03"}
	if diff := cmp.Diff(wantIDs, ids); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"2024-07-11T00:00:00Z", "2023-03-23T00:00:00Z", "2022-06-30T00:00:00Z", "2021-10-08T00:00:00Z"}, updated); diff != "" {
		t.Errorf("updated (-want +got):\n%s", diff)
	}
	if feed.Updated != "2024-07-11T00:00:00Z" || feed.Title != "Accord: 4 results for mayorkas" {
		t.Errorf("feed: updated %q, title %q", feed.Updated, feed.Title)
	}
	if feed.Links[0].Rel != "self" || feed.Links[0].Href != "http://example.com/search.atom?q=mayorkas" {
		t.Errorf("self link: got %+v", feed.Links[0])
	}
	if s := feed.Entries[1].Summary; s == nil || s.Type != "html" || !strings.Contains(s.Body, "<mark>Mayorkas</mark>") {
		t.Errorf("summary: got %+v", s)
	}
}

func TestCSVExport(t *testing.T) {
	h := newHandler(t)
	r := get(t, h, "/search.csv?country=Mexico&page=2&per_page=1")
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "text/csv") {
		t.Fatalf("status %d, Content-Type %q", r.status, r.header.Get("Content-Type"))
	}
	if cd := r.header.Get("Content-Disposition"); cd != `attachment; filename="accord-mexico.csv"` {
		t.Errorf("Content-Disposition: got %q", cd)
	}
	if r.header.Get("X-Total-Count") != "2" {
		t.Errorf("X-Total-Count: got %q, want 2", r.header.Get("X-Total-Count"))
	}
	// A UTF-8 byte order mark first, for Excel.
	body, ok := strings.CutPrefix(r.body, "\ufeff")
	if !ok {
		t.Errorf("CSV does not start with a UTF-8 byte order mark: %q", r.body[:min(len(r.body), 8)])
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// The whole filtered set, whatever page the link was made on.
	want := [][]string{
		csvHeader,
		{"d03", "2021-10-08", "United States and Mexico sign fentanyl agreement", "U.S. Department of State", "Mexico; United States",
			"Alejandro Mayorkas; Antony Blinken", "Drug trafficking; Transnational organized crime", "Press release", "", "http://example.com/doc/d03"},
		{"d05", "2009-05-01", "Napolitano and Mexican counterpart discuss H1N1 response", "U.S. Department of Homeland Security", "Mexico; United States",
			"Janet Napolitano; Fernando Gómez-Mont", "Emergency management; Border security", "Press release", "", "http://example.com/doc/d05"},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("CSV (-want +got):\n%s", diff)
	}
	if strings.Contains(r.body, "fixture/") {
		t.Error("CSV shows internal file paths")
	}
	if all, _ := csv.NewReader(strings.NewReader(get(t, h, "/search.csv").body)).ReadAll(); len(all) != 11 {
		t.Errorf("full export: got %d rows, want 10 and a header", len(all))
	}
}

func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")",
		"+1":                "'+1",
		"-1":                "'-1",
		"@SUM(A1)":          "'@SUM(A1)",
		"Plain":             "Plain",
		"":                  "",
	} {
		if got := cell(in); got != want {
			t.Errorf("cell(%q): got %q, want %q", in, got, want)
		}
	}
}

func TestOpenSearch(t *testing.T) {
	r := get(t, newHandler(t), "/opensearch.xml")
	var d openSearchDescription
	if err := xml.Unmarshal([]byte(r.body), &d); err != nil {
		t.Fatal(err)
	}
	if d.ShortName != "Accord" || len(d.URLs) == 0 || d.URLs[0].Template != "http://example.com/search?q={searchTerms}" {
		t.Errorf("OpenSearch description: got %+v", d)
	}
}

// TestCSVIDIsDefused: the id column was written as given, so a record id
// such as "-2-3" (valid as an id) reached the spreadsheet as a formula.
func TestCSVIDIsDefused(t *testing.T) {
	h := newHandlerWith(t, search.Document{ID: "-2-3", Title: "Formula id", Body: "Border cooperation.", Countries: []string{}, Officials: []string{}, Topics: []string{}})
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(get(t, h, "/search.csv").body, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range rows {
		if len(row) > 2 && row[2] == "Formula id" {
			found = true
			if row[0] != "'-2-3" {
				t.Errorf("id cell %q, want it defused as '-2-3", row[0])
			}
		}
	}
	if !found {
		t.Fatalf("no row for the document in %d rows", len(rows))
	}
}
