package meili

import (
	"testing"
	"time"
	"unicode/utf8"

	"github.com/accord-search/accord/search"
	"github.com/google/go-cmp/cmp"
)

// trickyValues are facet values that break unquoted or badly escaped
// Meilisearch filters.
var trickyValues = []struct{ name, value string }{
	{"plain", "France"},
	{"space", "United States"},
	{"apostrophe", "Côte d'Ivoire"},
	{"double quote", `The "Ministry"`},
	{"backslash", `a\b`},
	{"trailing backslash", `ends with \`},
	{"backslash before quote", `a\"b`},
	{"double backslash", `\\`},
	{"only a quote", `"`},
	{"escape lookalikes", `\n \t \u{41} \x41`},
	{"reserved words", "NOT AND OR TO EXISTS IS NULL EMPTY CONTAINS STARTS WITH"},
	{"lowercase keyword", "and"},
	{"operators", "a = b != c >= d < e"},
	{"brackets", "[x] (y) {z}"},
	{"IN list", `IN ["a", "b"]`},
	{"non-ASCII", "São Tomé and Príncipe — 東京 🇫🇷"},
	{"newline", "line one\nline two"},
	{"private-use markers", "\uE000x\uE001"},
	{"empty", ""},
}

func TestQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"France", `"France"`},
		{"Côte d'Ivoire", `"Côte d'Ivoire"`},
		{`say "hi"`, `"say \"hi\""`},
		{`a\b`, `"a\\b"`},
		{`trailing\`, `"trailing\\"`},
		{`\"`, `"\\\""`},
		{"NOT", `"NOT"`},
		{"", `""`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := quote(tt.in); got != tt.want {
				t.Errorf("quote(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestEqualsRoundTrip(t *testing.T) {
	for _, tt := range trickyValues {
		t.Run(tt.name, func(t *testing.T) {
			checkRoundTrip(t, [][]string{{tt.value}})
		})
	}
}

func TestFacetFilter(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(search.DateLayout, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		name      string
		filters   map[search.Facet][]string
		from, end time.Time
		want      [][]string
	}{
		{name: "nothing", want: nil},
		{name: "empty selections", filters: map[search.Facet][]string{search.FacetTopic: {}}, want: nil},
		{
			name:    "one facet, OR within",
			filters: map[search.Facet][]string{search.FacetCountry: {"France", "Côte d'Ivoire"}},
			want:    [][]string{{`countries = "France"`, `countries = "Côte d'Ivoire"`}},
		},
		{
			name: "facets AND across, canonical order",
			filters: map[search.Facet][]string{
				search.FacetTopic:    {"trade"},
				search.FacetCountry:  {"France"},
				search.FacetOfficial: {`Jean "JJ" Dupont`},
			},
			want: [][]string{
				{`countries = "France"`},
				{`officials = "Jean \"JJ\" Dupont"`},
				{`topics = "trade"`},
			},
		},
		{
			name: "date range",
			from: day("2024-01-01"), end: day("2024-02-01"),
			want: [][]string{{"date_ts >= 1704067200 AND date_ts < 1706745600"}},
		},
		{name: "from only", from: day("2024-01-01"), want: [][]string{{"date_ts >= 1704067200"}}},
		{name: "to only", end: day("2024-01-02"), want: [][]string{{"date_ts < 1704153600"}}},
		{
			name:    "facet and dates",
			filters: map[search.Facet][]string{search.FacetTopic: {`back\slash`}},
			from:    day("1969-12-31"),
			want:    [][]string{{`topics = "back\\slash"`}, {"date_ts >= -86400"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := facetFilter(tt.filters, tt.from, tt.end)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("facetFilter (-want +got):\n%s", diff)
			}
			if got != nil {
				if _, err := parseWire(got); err != nil {
					t.Errorf("server would not parse %q: %v", got, err)
				}
			}
		})
	}
}

// TestFacetFilterRoundTrip checks that every facet value survives the trip
// through JSON and the server's parser, for all values at once.
func TestFacetFilterRoundTrip(t *testing.T) {
	var values []string
	for _, tt := range trickyValues {
		values = append(values, tt.value)
	}
	f := facetFilter(map[search.Facet][]string{search.FacetOfficial: values}, time.Time{}, time.Time{})
	parsed, err := parseWire(f)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, expr := range parsed[0] {
		if len(expr) != 1 || expr[0].Attr != attrOfficials || expr[0].Op != "=" {
			t.Fatalf("got expression %+v, want one officials = comparison", expr)
		}
		got = append(got, expr[0].Value)
	}
	if diff := cmp.Diff(values, got); diff != "" {
		t.Errorf("values after the round trip (-want +got):\n%s", diff)
	}
}

// TestParserRejects makes sure the test parser is strict where the server
// is, so the round trips above prove something.
func TestParserRejects(t *testing.T) {
	for _, expr := range []string{
		`countries = France`,         // bare value
		`countries = "a\"`,           // escaped closing quote
		`countries = "a"b"`,          // text after the value
		`countries = "a\nb"`,         // escape the server would interpret
		`countries = "a\\\"`,         // unterminated
		`countries = "x" OR a = "y"`, // not our syntax
	} {
		if _, err := parseExpr(expr); err == nil {
			t.Errorf("parseExpr(%s) succeeded, want an error", expr)
		}
	}
}

// FuzzFilter checks that any facet value comes back unchanged from the
// server's reading of the filter we build for it. Seeds: testdata/fuzz.
func FuzzFilter(f *testing.F) {
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			t.Skip("filters travel as JSON, which carries only UTF-8")
		}
		checkRoundTrip(t, [][]string{{a, b}, {b}})
	})
}

// checkRoundTrip builds a filter with facet i's selection set to values[i]
// and checks that the server would read back exactly those values.
func checkRoundTrip(t *testing.T, values [][]string) {
	t.Helper()
	filters := map[search.Facet][]string{}
	for i, vs := range values {
		filters[search.Facets[i]] = vs
	}
	f := facetFilter(filters, time.Time{}, time.Time{})
	parsed, err := parseWire(f)
	if err != nil {
		t.Fatalf("filter %q does not parse: %v", f, err)
	}
	var got [][]string
	for i, group := range parsed {
		var vs []string
		for _, expr := range group {
			if len(expr) != 1 || expr[0].Attr != facetAttr[search.Facets[i]] || expr[0].Op != "=" {
				t.Fatalf("group %d: got %+v, want one %s = comparison", i, expr, facetAttr[search.Facets[i]])
			}
			vs = append(vs, expr[0].Value)
		}
		got = append(got, vs)
	}
	if diff := cmp.Diff(values, got); diff != "" {
		t.Errorf("values after the round trip (-want +got):\n%s", diff)
	}
}
