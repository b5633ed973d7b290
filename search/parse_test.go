package search

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func word(s string) Atom   { return Atom{Text: s} }
func phrase(s string) Atom { return Atom{Text: s, Phrase: true} }
func terms(alts ...[]Atom) []Term {
	out := make([]Term, len(alts))
	for i, a := range alts {
		out[i] = Term{Alts: a}
	}
	return out
}
func one(a Atom) []Atom { return []Atom{a} }

func TestParseText(t *testing.T) {
	prefix := func(s string) Atom { return Atom{Text: s, Prefix: true} }
	tests := []struct {
		in   string
		want Parsed
	}{
		{"", Parsed{}},
		{"   ", Parsed{}},
		{"Border Security ", Parsed{Terms: terms(one(word("border")), one(word("security")))}},
		{"border secu", Parsed{Terms: terms(one(word("border")), one(prefix("secu")))}},
		{`"Five Country  Ministerial" border`, Parsed{Terms: terms(one(phrase("five country ministerial")), one(prefix("border")))}},
		{`border "five eyes"`, Parsed{Terms: terms(one(word("border")), one(phrase("five eyes")))}},
		{"border -mexico", Parsed{Terms: terms(one(word("border"))), Not: []Atom{word("mexico")}}},
		{`border -"rio grande" wall`, Parsed{Terms: terms(one(word("border")), one(prefix("wall"))), Not: []Atom{phrase("rio grande")}}},
		{"gómez-mont visit", Parsed{Terms: terms(one(word("gómez-mont")), one(prefix("visit")))}},
		{"ice OR customs ", Parsed{Terms: terms([]Atom{word("ice"), word("customs")})}},
		{`ice OR "customs enforcement" OR cbp`, Parsed{Terms: terms([]Atom{word("ice"), phrase("customs enforcement"), prefix("cbp")})}},
		{"trade or travel ", Parsed{Terms: terms(one(word("trade")), one(word("or")), one(word("travel")))}},
		{"OR border OR", Parsed{Terms: terms(one(word("or")), one(word("border")), one(prefix("or")))}},
		{"ice OR -cbp", Parsed{Terms: terms(one(word("ice")), one(word("or"))), Not: []Atom{word("cbp")}}},
		{`unclosed "quote here`, Parsed{Terms: terms(one(word("unclosed")), one(word("quote")), one(prefix("here")))}},
		{`- lone dash`, Parsed{Terms: terms(one(word("lone")), one(prefix("dash")))}},
		{`""  empty`, Parsed{Terms: terms(one(prefix("empty")))}},
		{`U.S. "a" "b"`, Parsed{Terms: terms(one(word("u.s.")), one(phrase("a")), one(phrase("b")))}},
	}
	for _, tt := range tests {
		got := ParseText(tt.in)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseText(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestQueryMatchValidation(t *testing.T) {
	for _, q := range []Query{
		{Match: "some"},
		{Entities: []Entity{{Words: "", Facet: FacetCountry, Value: "Mexico"}}},
		{Entities: []Entity{{Words: "mexican", Facet: "agency", Value: "Mexico"}}},
	} {
		if err := q.Normalize(); !errors.Is(err, ErrBadQuery) {
			t.Errorf("Normalize(%+v): got %v, want ErrBadQuery", q, err)
		}
	}
	q := Query{Entities: []Entity{{Words: "mexican", Facet: FacetCountry, Value: "Mexico"}}}
	if err := q.Normalize(); err != nil || q.Strategy() != MatchLast {
		t.Errorf("Normalize: %v, strategy %q, want nil and last", err, q.Strategy())
	}
}

// FuzzParseText: any text parses; writing the result back and parsing it
// again gives the same terms (the canonical form is a fixed point), and no
// atom is empty.
func FuzzParseText(f *testing.F) {
	for _, s := range []string{`border -"rio grande" ice OR cbp`, `"a b`, `-`, `OR OR OR`, `x -"" y`, "\"\u00a0\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := ParseText(s)
		check := func(a Atom) {
			if a.Text == "" {
				t.Fatalf("ParseText(%q): empty atom in %+v", s, p)
			}
		}
		for _, tm := range p.Terms {
			for _, a := range tm.Alts {
				check(a)
			}
		}
		for _, a := range p.Not {
			check(a)
		}
		again := ParseText(p.String() + " ")
		clearPrefix(&p)
		if diff := cmp.Diff(p, again, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("ParseText(%q).String() = %q parses differently (-first +again):\n%s", s, p.String(), diff)
		}
	})
}

func clearPrefix(p *Parsed) {
	for i := range p.Terms {
		for j := range p.Terms[i].Alts {
			p.Terms[i].Alts[j].Prefix = false
		}
	}
}
