package extract

import "strings"

// LoadWithout loads the embedded data with the given officials left out of
// officials.tsv, so tests can measure how discovery finds people the
// gazetteer does not know.
func LoadWithout(names []string) (*Extractor, error) {
	drop := map[string]bool{}
	for _, n := range names {
		drop[Fold(n)] = true
	}
	return load(func(name string) (string, error) {
		b, err := dataFS.ReadFile("data/" + name)
		if err != nil || name != "officials.tsv" {
			return string(b), err
		}
		var kept []string
		for _, ln := range strings.Split(string(b), "\n") {
			canonical, _, _ := strings.Cut(ln, "\t")
			if !drop[Fold(strings.TrimSpace(canonical))] {
				kept = append(kept, ln)
			}
		}
		return strings.Join(kept, "\n"), nil
	})
}
