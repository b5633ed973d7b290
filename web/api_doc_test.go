package web

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/accord-search/accord/search"
)

func TestAPIDoc(t *testing.T) {
	h := newHandler(t)
	r := get(t, h, "/api/doc/d05")
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q", ct)
	}
	var got struct {
		ID       string                              `json:"id"`
		Body     string                              `json:"body"`
		Type     string                              `json:"type"`
		Roles    []search.Role                       `json:"roles"`
		Evidence map[string]map[string][]search.Span `json:"evidence"`
	}
	if err := json.Unmarshal([]byte(r.body), &got); err != nil {
		t.Fatal(err)
	}
	if got.ID != "d05" || got.Type != "Press release" {
		t.Errorf("id %q type %q", got.ID, got.Type)
	}
	for _, k := range []string{"countries", "officials", "topics", "date", "title"} {
		if _, ok := got.Evidence[k]; !ok {
			t.Errorf("evidence has no %q key: %v", k, got.Evidence)
		}
	}
	spans := got.Evidence["officials"]["Fernando Gómez-Mont"]
	if len(spans) != 1 || got.Body[spans[0].Start:spans[0].End] != spans[0].Text || spans[0].Text != "Fernando Gómez-Mont" {
		t.Errorf("official evidence %+v does not point into the body", spans)
	}
	if len(got.Roles) != 1 || got.Roles[0].Role != "Secretary of the Interior" || got.Roles[0].Country != "Mexico" {
		t.Errorf("roles = %+v", got.Roles)
	}

	for target, want := range map[string]int{"/api/doc/nope": http.StatusNotFound} {
		if r := get(t, h, target); r.status != want || !strings.Contains(r.header.Get("Content-Type"), "json") {
			t.Errorf("%s: status %d (%s), want %d with a JSON message", target, r.status, r.header.Get("Content-Type"), want)
		}
	}
}

// TestTypeFacetEverywhere: the document type filters by URL and shows in
// the JSON API, the Atom feed and the CSV export.
func TestTypeFacetEverywhere(t *testing.T) {
	h := newHandler(t)
	r := get(t, h, "/api/search?type=Press+release")
	var res apiResult
	if err := json.Unmarshal([]byte(r.body), &res); err != nil || r.status != http.StatusOK {
		t.Fatalf("status %d, %v", r.status, err)
	}
	if res.Total != 4 {
		t.Errorf("type=Press release: total %d, want 4", res.Total)
	}
	for _, hit := range res.Hits {
		if hit.Type != "Press release" {
			t.Errorf("hit %s has type %q", hit.ID, hit.Type)
		}
	}
	if fs := res.Facets["type"]; len(fs) == 0 || !fs[0].Selected {
		t.Errorf("type facet = %+v, want the selected value first", fs)
	}
	atom := get(t, h, "/search.atom?type=Press+release").body
	if !strings.Contains(atom, `term="Press release"`) || !strings.Contains(atom, `label="Document type: Press release"`) {
		t.Errorf("Atom entries carry no document type category")
	}
	csv := get(t, h, "/search.csv?type=Readout").body
	if !strings.Contains(csv, ",type,") || !strings.Contains(csv, ",Readout,") {
		t.Errorf("CSV has no type column: %q", csv)
	}
	if r := get(t, h, "/search?type=Press+release"); r.status != http.StatusOK || !strings.Contains(r.body, "Document type") {
		t.Errorf("search page with a type filter: status %d", r.status)
	}
}

// TestPublisherFacetEverywhere: the publisher (Document.Source) filters
// by URL, combines with other facets, and shows in the JSON API, the Atom
// feed, the CSV export and the search page.
func TestPublisherFacetEverywhere(t *testing.T) {
	h := newHandler(t)
	api := func(target string) apiResult {
		t.Helper()
		r := get(t, h, target)
		var res apiResult
		if err := json.Unmarshal([]byte(r.body), &res); err != nil || r.status != http.StatusOK {
			t.Fatalf("%s: status %d, %v", target, r.status, err)
		}
		return res
	}
	res := api("/api/search?publisher=U.S.+Department+of+State")
	if res.Total != 1 || len(res.Hits) != 1 || res.Hits[0].ID != "d03" {
		t.Errorf("publisher=U.S. Department of State: total %d, hits %+v, want d03 only", res.Total, res.Hits)
	}
	// The selected value is marked; the others keep their counts (OR
	// within a facet).
	fs := res.Facets["publisher"]
	counts := map[string]int{}
	for _, fc := range fs {
		counts[fc.Value] = fc.Count
		if fc.Selected != (fc.Value == "U.S. Department of State") {
			t.Errorf("publisher %q: selected %v", fc.Value, fc.Selected)
		}
	}
	if counts["U.S. Department of Homeland Security"] != 7 || counts["U.S. Department of State"] != 1 || counts[`Weird "Source" \ Press`] != 1 {
		t.Errorf("publisher facet = %+v, want DHS 7, State 1, Weird 1", fs)
	}
	res = api("/api/search?topic=Migration&publisher=Homeland+Newswire&publisher=U.S.+Department+of+State")
	if res.Total != 1 || len(res.Hits) != 1 || res.Hits[0].ID != "d08" {
		t.Errorf("two publishers and a topic: total %d, hits %+v, want d08 only", res.Total, res.Hits)
	}
	atom := get(t, h, "/search.atom?publisher=U.S.+Department+of+State").body
	if !strings.Contains(atom, `label="Publisher: U.S. Department of State"`) {
		t.Errorf("Atom entries carry no publisher category: %s", atom)
	}
	csv := get(t, h, "/search.csv?publisher=U.S.+Department+of+State").body
	if lines := strings.Split(strings.TrimSpace(csv), "\n"); len(lines) != 2 || !strings.HasPrefix(lines[1], "d03,") || !strings.Contains(lines[1], ",U.S. Department of State,") {
		t.Errorf("CSV for one publisher: %q", csv)
	}
	r := get(t, h, "/search?publisher=U.S.+Department+of+State")
	if r.status != http.StatusOK || !strings.Contains(r.body, "Publishers") {
		t.Fatalf("search page with a publisher filter: status %d", r.status)
	}
	if got := texts(r.doc(t), "[data-testid=filter-chip] .chip__value"); !slices.Equal(got, []string{"U.S. Department of State"}) {
		t.Errorf("filter chips: %q, want the publisher", got)
	}
}

// TestDocPageEvidence: the document page says why each value is there,
// quoting and marking the evidence, and shows officials' roles.
func TestDocPageEvidence(t *testing.T) {
	h := newHandler(t)
	r := get(t, h, "/doc/d05")
	if r.status != http.StatusOK {
		t.Fatalf("status %d", r.status)
	}
	d := r.doc(t)
	why := texts(d, "[data-testid=why][data-field=Official]")
	found := false
	for _, w := range why {
		if strings.Contains(w, "Fernando Gómez-Mont") && strings.Contains(w, "Secretary of the Interior, Mexico") &&
			strings.Contains(w, "Napolitano and Fernando Gómez-Mont coordinated") {
			found = true
		}
	}
	if !found {
		t.Errorf("official evidence: got %q", why)
	}
	if marks := texts(d, "[data-testid=evidence] mark"); len(marks) == 0 || marks[0] != "Fernando Gómez-Mont" && marks[0] != "border" {
		t.Errorf("evidence marks: %q", marks)
	}
	if got := attrs(d, ".doc-aside [data-testid=tag][data-facet=official]", "title"); !strings.Contains(strings.Join(got, "|"), "Secretary of the Interior, Mexico") {
		t.Errorf("official tags carry no role: %q", got)
	}
}

// TestOfficialFacetRoleTooltip: an official's role shows as the tooltip
// of its facet value.
func TestOfficialFacetRoleTooltip(t *testing.T) {
	h := newHandler(t)
	d := get(t, h, "/search?country=Mexico").doc(t)
	got := d.Find(`[data-testid=facet-option][data-value="Fernando Gómez-Mont"]`).AttrOr("title", "")
	if got != "Secretary of the Interior, Mexico" {
		t.Errorf("tooltip = %q, want the role", got)
	}
}
