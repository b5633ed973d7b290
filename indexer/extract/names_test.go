package extract_test

import (
	"slices"
	"testing"

	"github.com/accord-search/accord/indexer/extract"
	"github.com/accord-search/accord/search"
)

func TestEntityNames(t *testing.T) {
	x, err := extract.Load()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string][]search.Entity{}
	for _, e := range x.EntityNames() {
		if e.Words == "" || e.Value == "" || (e.Facet != search.FacetCountry && e.Facet != search.FacetOfficial) {
			t.Fatalf("bad entity name %+v", e)
		}
		names[e.Words] = append(names[e.Words], e)
	}
	for name, want := range map[string]search.Entity{
		"Mexican":          {Words: "Mexican", Facet: search.FacetCountry, Value: "Mexico"},
		"Mexico":           {Words: "Mexico", Facet: search.FacetCountry, Value: "Mexico"},
		"Napolitano":       {Words: "Napolitano", Facet: search.FacetOfficial, Value: "Janet Napolitano"},
		"Janet Napolitano": {Words: "Janet Napolitano", Facet: search.FacetOfficial, Value: "Janet Napolitano"},
	} {
		found := false
		for _, e := range names[name] {
			found = found || e == want
		}
		if !found {
			t.Errorf("%q names %v, want %+v among them", name, names[name], want)
		}
	}
	// A canonical name the data drop ("-Georgia": mostly the U.S. state)
	// does not name the country.
	for _, e := range names["Georgia"] {
		if e.Facet == search.FacetCountry {
			t.Errorf("Georgia names the country: %+v", e)
		}
	}
}

func TestOrgNames(t *testing.T) {
	x, err := extract.Load()
	if err != nil {
		t.Fatal(err)
	}
	var cbp []string
	for _, names := range x.OrgNames() {
		if len(names) == 0 || names[0] == "" {
			t.Fatalf("an organization without a name: %q", names)
		}
		if slices.Contains(names, "CBP") {
			cbp = names
		}
	}
	if len(cbp) < 2 || cbp[0] != "U.S. Customs and Border Protection" || !slices.Contains(cbp, "Customs and Border Protection") {
		t.Errorf("CBP's names: %q", cbp)
	}
}
