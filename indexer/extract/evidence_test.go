package extract

import (
	"strings"
	"testing"

	"github.com/accord-search/accord/search"
)

func TestEvidenceSpans(t *testing.T) {
	x, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	title := "Ministers meet on border security"
	body := "Ottawa – German Federal Minister of the Interior and Community Nancy Faeser met Secretary Alejandro Mayorkas.\n" +
		"They discussed border security, border management and the smuggling of migrants across the border with Mexico."
	f := x.Extract(title, body)
	for _, field := range []string{search.EvidenceCountries, search.EvidenceOfficials, search.EvidenceTopics} {
		if len(f.Evidence[field]) == 0 {
			t.Errorf("no %s evidence in %+v", field, f.Evidence)
		}
		for v, spans := range f.Evidence[field] {
			for _, s := range spans {
				if s.Start < 0 || s.End > len(body) || body[s.Start:s.End] != s.Text {
					t.Errorf("%s %q: span %+v does not read %q in the body", field, v, s, s.Text)
				}
			}
		}
	}
	for _, v := range f.Officials {
		if len(f.Evidence[search.EvidenceOfficials][v]) == 0 {
			t.Errorf("official %q has no evidence", v)
		}
	}
	for _, v := range f.Countries {
		if len(f.Evidence[search.EvidenceCountries][v]) == 0 {
			t.Errorf("country %q has no evidence", v)
		}
	}
	if got := f.Evidence[search.EvidenceCountries]["Germany"]; len(got) == 0 || got[0].Text != "German" {
		t.Errorf("Germany evidence = %+v, want the demonym", got)
	}
	var faeser search.Role
	for _, r := range f.Roles {
		if r.Official == "Nancy Faeser" {
			faeser = r
		}
	}
	if faeser.Role != "Federal Minister of the Interior and Community" || faeser.Country != "Germany" {
		t.Errorf("Faeser role = %+v, want Federal Minister of the Interior and Community, Germany", faeser)
	}
}

func TestRoleAfterName(t *testing.T) {
	x, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	f := x.Extract("", "The talks were led by Pablo Example Ruiz, Minister of Security of Colombia, and other officials of the region.")
	if len(f.Roles) == 0 {
		t.Fatalf("no roles in %+v (officials %q)", f.Roles, f.Officials)
	}
	r := f.Roles[0]
	if !strings.HasPrefix(r.Role, "Minister of Security") || r.Country != "Colombia" {
		t.Errorf("role = %+v, want Minister of Security, Colombia", r)
	}
}

func TestType(t *testing.T) {
	x, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ title, body, source, want string }{
		{"Secretary Delivers Remarks at Signing Ceremony", "Good morning. I'd like to thank our partners.", "U.S. Department of Homeland Security", "Remarks or speech"},
		{"Joint Statement of the Ministers", "We, the ministers of five countries, reaffirm our commitment.", "Ministry of Example", "Joint statement"},
		{"Readout of the Secretary's Meeting with the Minister", "Today, Secretary Example met with the Minister.", "U.S. Department of Homeland Security", "Readout"},
		{"Ministers agree on plan", "CAPITAL (AP) — Ministers agreed on a plan, officials said on Monday.", "Example Daily News", "News report"},
		{"Statement by the Secretary on the agreement", "I am pleased to have signed an agreement.", "Example Wire", "Press release"},
		{"Testimony of the Secretary before the Committee", "Chairman Example, Ranking Member Other, and members of the committee: thank you.", "U.S. Department of Homeland Security", "Testimony"},
	}
	for _, tt := range tests {
		if got := x.Type(tt.title, tt.body, tt.source); got != tt.want {
			t.Errorf("Type(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

func TestPeopleLookLikePeople(t *testing.T) {
	x, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, title, body string
		want              []string
	}{
		{"headline verbs, groups and places are no names", "Minister Visits Border Area, Meets Haitian Migrants",
			"The Minister of Security visited the border area on Monday and met migrants waiting at the crossing.", nil},
		{"a consultancy named after a person", "",
			"The report was written by Smith Strategies, a consultancy, for the Minister of the Interior.", nil},
		{"umlaut spelled ae, oe, ue", "",
			"Finance Minister Wolfgang Schaeuble met his counterparts in Berlin. Later, Wolfgang Schäuble spoke to reporters.",
			[]string{"Wolfgang Schäuble"}},
		{"a misspelling close to a known person", "",
			"Interpol Secretary General Jürgen Stokc opened the meeting of the delegations on police cooperation.",
			[]string{"Jürgen Stock"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := x.Extract(tt.title, tt.body).Officials
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Officials = %q, want %q", got, tt.want)
			}
		})
	}
}
