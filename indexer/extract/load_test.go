package extract

import (
	"errors"
	"strings"
	"testing"
)

func TestLoadEmbedded(t *testing.T) {
	x, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(x.countries) < 150 || len(x.officials) < 100 || len(x.orgs) < 30 {
		t.Errorf("gazetteers look short: %d countries, %d officials, %d orgs", len(x.countries), len(x.officials), len(x.orgs))
	}
	if got := len(x.topics.names); got != 18 {
		t.Errorf("got %d topics, want the 18 of TAXONOMY.md", got)
	}
	seen := map[string]bool{}
	for _, o := range x.officials {
		if seen[o.name] {
			t.Errorf("official %q listed twice", o.name)
		}
		seen[o.name] = true
	}
}

// minimalData is a complete, tiny set of data files.
var minimalData = map[string]string{
	"countries.tsv": "Mexico\tMexican\nUnited States\t=US|American\nGeorgia\t-Georgia|Republic of Georgia\n",
	"orgs.tsv":      "Department of Homeland Security\t=DHS\n",
	"officials.tsv": "Alejandro Mayorkas\tMayorkas\tAlejandro\t\td\nJohn Kelly\tKelly\tJohn\t\t\n",
	"blockers.txt":  "Mexico City\n",
	"roles.tsv":     "secretary\toffice\nminister\toffice\ndirector\tgeneric\nmr.\thonorific\n",
	"orgwords.txt":  "Homeland Security Interior\n",
	"gov.txt":       "gov\tdepartment ministry\nnongov\tinstitute\n",
	"stopwords.txt": "the of and\n",
	"topics.json":   `{"title_weight": 2, "max_per_term": 3, "topics": [{"name": "Migration", "threshold": 2, "terms": {"migra*": 1, "asylum": 1.5}}]}`,
	"types.json": `{"min_score": 2, "default": "News report", "default_official": "Press release", "official_sources": ["department"],
		"rules": [{"type": "Remarks or speech", "part": "title", "phrases": ["remarks"], "weight": 3}]}`,
}

func loadWith(files map[string]string) (*Extractor, error) {
	return load(func(name string) (string, error) {
		s, ok := files[name]
		if !ok {
			return "", errors.New("missing")
		}
		return s, nil
	})
}

func TestLoadMinimal(t *testing.T) {
	x, err := loadWith(minimalData)
	if err != nil {
		t.Fatal(err)
	}
	f := x.Extract("", "Secretary Mayorkas met Mexican officials and Secretary Kelly in Mexico City and Georgia. Asylum and migration were discussed.")
	if strings.Join(f.Countries, ",") != "Mexico" {
		t.Errorf("Countries = %q, want [Mexico]", f.Countries)
	}
	if strings.Join(f.Officials, ",") != "Alejandro Mayorkas,John Kelly" {
		t.Errorf("Officials = %q", f.Officials)
	}
	if strings.Join(f.Topics, ",") != "Migration" {
		t.Errorf("Topics = %q", f.Topics)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, file, data string
	}{
		{"missing file", "gov.txt", "\x00missing"},
		{"bad role kind", "roles.tsv", "secretary\tboss\n"},
		{"bad gov list", "gov.txt", "maybe\tword\n"},
		{"official without surname or alias", "officials.tsv", "Nobody\t\tNo\t\t\n"},
		{"bad json", "topics.json", "{"},
		{"topic without terms", "topics.json", `{"topics": [{"name": "X", "threshold": 1, "terms": {}}]}`},
		{"topic without threshold", "topics.json", `{"topics": [{"name": "X", "terms": {"x": 1}}]}`},
		{"unknown document type", "types.json", `{"default": "News report", "default_official": "Press release", "rules": [{"type": "Poem", "part": "title", "re": "x", "weight": 1}]}`},
		{"unknown rule part", "types.json", `{"default": "News report", "default_official": "Press release", "rules": [{"type": "Readout", "part": "footer", "re": "x", "weight": 1}]}`},
		{"rule without phrases", "types.json", `{"default": "News report", "default_official": "Press release", "rules": [{"type": "Readout", "part": "title", "weight": 1}]}`},
		{"bad rule expression", "types.json", `{"default": "News report", "default_official": "Press release", "rules": [{"type": "Readout", "part": "title", "re": "(", "weight": 1}]}`},
		{"bad default type", "types.json", `{"default": "Memo", "default_official": "Press release", "rules": []}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range minimalData {
				files[k] = v
			}
			if tt.data == "\x00missing" {
				delete(files, tt.file)
			} else {
				files[tt.file] = tt.data
			}
			_, err := loadWith(files)
			if err == nil {
				t.Fatalf("load succeeded, want an error")
			}
			if !strings.Contains(err.Error(), tt.file) {
				t.Errorf("error %q does not name %s", err, tt.file)
			}
		})
	}
}

func TestCountryNames(t *testing.T) {
	tests := []struct {
		canonical string
		aliases   []string
		want      string
	}{
		{"Mexico", []string{"Mexican"}, "Mexico|Mexican"},
		{"Turkey", []string{"=Turkey", "Turkish"}, "=Turkey|Turkish"},
		{"Georgia", []string{"-Georgia", "Republic of Georgia"}, "Republic of Georgia"},
	}
	for _, tt := range tests {
		if got := strings.Join(countryNames(tt.canonical, tt.aliases), "|"); got != tt.want {
			t.Errorf("countryNames(%q) = %q, want %q", tt.canonical, got, tt.want)
		}
	}
}

func TestVersionFollowsTheData(t *testing.T) {
	read := func(change bool) func(string) (string, error) {
		return func(name string) (string, error) {
			b, err := dataFS.ReadFile("data/" + name)
			if change && name == "blockers.txt" {
				b = append(b, "\nSome Extra Blocker\n"...)
			}
			return string(b), err
		}
	}
	a, err := load(read(false))
	if err != nil {
		t.Fatal(err)
	}
	b, err := load(read(false))
	if err != nil {
		t.Fatal(err)
	}
	c, err := load(read(true))
	if err != nil {
		t.Fatal(err)
	}
	if a.Version() == "" || a.Version() != b.Version() {
		t.Errorf("same data, versions %q and %q", a.Version(), b.Version())
	}
	if a.Version() == c.Version() {
		t.Errorf("changed data, same version %q", a.Version())
	}
}
