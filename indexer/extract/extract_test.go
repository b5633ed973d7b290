package extract

import (
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var (
	loadOnce sync.Once
	loaded   *Extractor
	loadErr  error
)

func extractor(t testing.TB) *Extractor {
	t.Helper()
	loadOnce.Do(func() { loaded, loadErr = Load() })
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return loaded
}

func TestCountries(t *testing.T) {
	tests := []struct {
		name, title, body string
		want              []string
	}{
		{"demonym", "", "The German minister met Mexican officials.", []string{"Germany", "Mexico"}},
		{"aliases", "", "The U.S. and the UK signed; EE.UU. agreed.", []string{"United States", "United Kingdom"}},
		{"pronoun us is not a country", "", "Let us work with them.", nil},
		{"acronym US", "", "US officials met in Ottawa.", []string{"United States"}},
		{"diacritics", "", "Talks in Panamá and México.", []string{"Panama", "Mexico"}},
		{"city alone", "", "They met in Mexico City and Guatemala City.", nil},
		{"city and country", "", "They met in Mexico City, Mexico.", []string{"Mexico"}},
		{"region", "", "Central American migrants and Latin American leaders.", nil},
		{"language", "", "Published in Spanish-language media and CBC Radio (French).", nil},
		{"us state", "", "Some children end up in Georgia and New Mexico.", nil},
		{"group names only members", "", "The G7 and the Five Countries met; Canada hosted.", []string{"Canada"}},
		{"longest wins", "", "Papua New Guinea and the Dominican Republic.", []string{"Papua New Guinea", "Dominican Republic"}},
		{"title counts", "Israel, Canada sign accord", "The two ministers met.", []string{"Israel", "Canada"}},
		{"spanish", "", "Las empresas chinas y los venezolanos.", []string{"China", "Venezuela"}},
		{"name is not a country", "", "Acting Secretary Chad Wolf spoke.", nil},
		{"territory", "", "Flights from St. Maarten and Bermuda.", []string{"Sint Maarten", "Bermuda"}},
	}
	x := extractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := x.Extract(tt.title, tt.body).Countries
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Countries (-want +got):\n%s", diff)
			}
		})
	}
}

func TestOfficials(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"middle initial", "Secretary of Homeland Security Alejandro N. Mayorkas met them.", []string{"Alejandro Mayorkas"}},
		{"surname with title", "Homeland Security Secretary Kelly spoke.", []string{"John Kelly"}},
		{"bare common surname", "Kelly spoke to reporters.", nil},
		{"distinctive surname", "Mayorkas spoke to reporters.", []string{"Alejandro Mayorkas"}},
		{"administration", "The Obama administration and the Bush administration.", []string{"Barack Obama", "George Bush"}},
		{"folded diacritics", "President Andres Manuel Lopez Obrador said.", []string{"Andrés Manuel López Obrador"}},
		{"alias", "Mayorkas met AMLO.", []string{"Alejandro Mayorkas", "Andrés Manuel López Obrador"}},
		{"typo in given name", "Home Secretary of the United Kingdom Savid Javid arrived.", []string{"Sajid Javid"}},
		{"unknown after title", "Minister of the Interior of Examplia Jana Novakova met Minister Novakova's staff.", []string{"Jana Novakova"}},
		{"unknown with comma title", "Pat Quill, Consul General, Example Consulate General, attended.", []string{"Pat Quill"}},
		{"unknown head with government", "Tomas Ferro, the head of the National Example Bureau, spoke.", []string{"Tomas Ferro"}},
		{"president of a board is not an official", "Glen Example, President, Toronto Board of Trade, spoke.", nil},
		{"journalist", "By Anna Writer, Homeland Security Reporter. The meeting ended.", nil},
		{"surname maps back", "Public Security Minister Juan Manuel Example met Minister Example and Juan Example.", []string{"Juan Manuel Example"}},
		{"two people joined by and", "Secretary of State Pat Quill and Homeland Security Secretary Lee Ferro met.", []string{"Pat Quill", "Lee Ferro"}},
		{"place is not a name", "The Consul General, New York office, said.", nil},
		{"blocked building", "He spoke at the Ronald Reagan Building.", nil},
	}
	x := extractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := x.Extract("", tt.body).Officials
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Officials(%q) (-want +got):\n%s", tt.body, diff)
			}
		})
	}
}

func TestTopics(t *testing.T) {
	tests := []struct {
		name, title, body string
		want              []string
	}{
		{"below threshold", "", "They discussed trade.", nil},
		{"above threshold", "", "They discussed lawful trade and travel and visa rules for passengers.", []string{"Trade and travel"}},
		{"title weighs more", "Fentanyl talks", "The delegation arrived.", []string{"Drug trafficking"}},
		{"lead weighs more", "", "Fentanyl talks opened.\nThe delegation arrived.", []string{"Drug trafficking"}},
		{"same words past the lead", "", "The delegation arrived.\nFentanyl was mentioned once.", nil},
		{"longest term wins", "", "The delegation arrived.\nThey addressed drug trafficking.", nil},
		{"passing word", "", "The delegation arrived.\nMigrants were mentioned once.", nil},
		{"word inside another topic's term", "", "The delegation arrived.\nThey discussed drug smuggling and drug smuggling routes.", []string{"Drug trafficking"}},
		{"inflected term", "", "The delegation arrived.\nThey named the intelligence shared with partners.", []string{"Information sharing"}},
		{"several", "", "Border security, migration and asylum, and human smuggling by smugglers.", []string{"Human smuggling", "Migration", "Border security"}},
	}
	x := extractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := x.Extract(tt.title, tt.body).Topics
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Topics (-want +got):\n%s", diff)
			}
		})
	}
}

func TestOrganizations(t *testing.T) {
	got := extractor(t).Extract("", "The Department of Homeland Security (DHS), CBP and the G-7 met with the EU.").Organizations
	want := []string{"Department of Homeland Security", "U.S. Customs and Border Protection", "G7", "European Union"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Organizations (-want +got):\n%s", diff)
	}
}

func TestExtractDeterministic(t *testing.T) {
	x := extractor(t)
	body := "Secretary Mayorkas met Mexican President Andrés Manuel López Obrador to discuss migration, border security and fentanyl."
	first := x.Extract("Talks", body)
	for range 20 {
		if diff := cmp.Diff(first, x.Extract("Talks", body)); diff != "" {
			t.Fatalf("Extract is not deterministic:\n%s", diff)
		}
	}
}

func TestExtractGarbage(t *testing.T) {
	x := extractor(t)
	for _, in := range []string{"", "\xff\xfe", "(((", "Secretary", "Secretary of", ", , ,", "Mr. A B C D E F G H", "e\u0301"} {
		_ = x.Extract(in, in) // must not panic
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Andrés Manuel López", "andres manuel lopez"},
		{"Mexico’s  “border”", `mexico's "border"`},
		{"Straße Łódź", "strasse lodz"},
		{"Martínez–Acha", "martinez-acha"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestExtractLongInput(t *testing.T) {
	body := "Secretary Mayorkas visited Canada. " + strings.Repeat("Filler words about nothing much. ", 40000) + "Japan."
	f := extractor(t).Extract("", body)
	if diff := cmp.Diff([]string{"Canada"}, f.Countries); diff != "" {
		t.Errorf("Countries (-want +got):\n%s", diff)
	}
}

func TestAliases(t *testing.T) {
	a := extractor(t).Aliases()
	tests := []struct {
		alias, want string // want "" means absent
	}{
		{"Mexican", "Mexico"},
		{"U.S.", "United States"},
		{"German", "Germany"},
		{"British", "United Kingdom"},
		{"Mayorkas", "Alejandro Mayorkas"},
		{"AMLO", "Andrés Manuel López Obrador"},
		{"Napolitano", "Janet Napolitano"},
		{"Johnson", ""}, // Jeh Johnson, Boris Johnson, Alan Johnson, ...
		{"Clinton", ""}, // Bill and Hillary Clinton
		{"Mexico", ""},  // a canonical value is not its own alias
	}
	for _, tt := range tests {
		t.Run(tt.alias, func(t *testing.T) {
			if got := a[tt.alias]; got != tt.want {
				t.Errorf("Aliases()[%q] = %q, want %q", tt.alias, got, tt.want)
			}
		})
	}
}

func TestDiscoveryTraps(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"countries after a title", "The interior ministers of the Five Countries met; the Minister of El Salvador spoke.", nil},
		{"group before a title", "The Five Countries, the ministers said, will share data.", nil},
		{"country list", "Officials of Guatemala, Honduras and El Salvador, the ministers of the region, met.", nil},
		{"party after the name", "Rep. Pat Quill (R-TX) wrote to Homeland Security Chairman Lee Ferro (D-CA).", []string{"Pat Quill", "Lee Ferro"}},
		{"lowercase qualifier", "Examplia's immigration director, Tomas Ferro, denied it.", []string{"Tomas Ferro"}},
		{"spanish demonym after title", "Se reunió con el presidente hondureño, Juan Ejemplo Prueba.", []string{"Juan Ejemplo Prueba"}},
		{"first surname used later", "Foreign Secretary Marco Ejemplo Prueba met. Secretary Ejemplo said.", []string{"Marco Ejemplo"}},
		{"double surname used later", "Foreign Secretary Marco Ejemplo Prueba met. Ejemplo Prueba said.", []string{"Marco Ejemplo Prueba"}},
		{"middle name before hyphenated surname", "Foreign Minister Javier Tomas Ejemplo-Prueba spoke.", []string{"Javier Ejemplo-Prueba"}},
		{"non-government first", "Tomas Ferro, Director, Examplia Institute, spoke.", nil},
		{"government before campaign", "Pat Quill, Senior Counselor to the Secretary and Chair of the Blue Campaign, spoke.", []string{"Pat Quill"}},
		{"journalist", "By Anna Writer. Reporter Jane Example said the minister left.", nil},
	}
	x := extractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, x.Extract("", tt.body).Officials); diff != "" {
				t.Errorf("Officials (-want +got):\n%s", diff)
			}
		})
	}
}
