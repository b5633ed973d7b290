package extract

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

//go:embed data/*
var dataFS embed.FS

// Extractor holds the parsed gazetteers and the matcher built from them.
// It is read-only after Load and safe for concurrent use.
type Extractor struct {
	// version fingerprints the data files, so that documents extracted
	// with other data are re-sent (see Version).
	version   string
	countries []string   // canonical names by id
	orgs      []string   // canonical names by id
	orgNames  [][]string // every name of each org, canonical first, by id
	officials []official // by id, in file order
	topics    topicRules
	types     typeRules
	roles     map[string]roleKind // folded title phrases
	roleMax   int                 // longest title phrase, in words
	orgWords  map[string]bool     // folded words that never belong to a name
	govWords  map[string]bool
	nonGov    map[string]bool
	placeWord map[string]bool // folded one-word country aliases and demonyms
	stopwords map[string]bool // folded English function words
	surnames  map[string][]int
	// entityNames holds the folded names of countries, demonyms,
	// organizations and blocked phrases: never a person's name.
	entityNames map[string]bool
	// aliasPairs are the alternative names of facet values, for Aliases.
	aliasPairs []aliasPair
	m          *matcher
}

// official is one row of officials.tsv.
type official struct {
	name         string
	surnames     []string // folded
	surnameForms []string // as written
	aliases      []string // as written
	firsts       [][]string
	distinct     bool
}

// Load parses the embedded data files and builds the matcher.
func Load() (*Extractor, error) {
	return load(func(name string) (string, error) {
		b, err := dataFS.ReadFile("data/" + name)
		return string(b), err
	})
}

// load reads the data files through read, so tests can feed their own.
func load(read func(name string) (string, error)) (*Extractor, error) {
	x := &Extractor{surnames: map[string][]int{}, entityNames: map[string]bool{}}
	b := newMatcherBuilder()
	steps := []struct {
		file  string
		parse func(*Extractor, *matcherBuilder, string) error
	}{
		{"countries.tsv", (*Extractor).loadCountries},
		{"orgs.tsv", (*Extractor).loadOrgs},
		{"officials.tsv", (*Extractor).loadOfficials},
		{"blockers.txt", (*Extractor).loadBlockers},
		{"roles.tsv", (*Extractor).loadRoles},
		{"orgwords.txt", (*Extractor).loadOrgWords},
		{"gov.txt", (*Extractor).loadGov},
		{"stopwords.txt", (*Extractor).loadStopwords},
		{"topics.json", (*Extractor).loadTopics},
		{"types.json", (*Extractor).loadTypes},
	}
	fp := sha256.New()
	for _, s := range steps {
		data, err := read(s.file)
		if err != nil {
			return nil, fmt.Errorf("extract: load %s: %w", s.file, err)
		}
		fmt.Fprintf(fp, "%s\x00%d\x00%s", s.file, len(data), data)
		if err := s.parse(x, b, data); err != nil {
			return nil, fmt.Errorf("extract: load %s: %w", s.file, err)
		}
	}
	x.m = b.build()
	x.version = hex.EncodeToString(fp.Sum(nil)[:8])
	return x, nil
}

// Version fingerprints the gazetteers and rules the extractor loaded: it
// changes whenever a data file does.
func (x *Extractor) Version() string { return x.version }

// rows splits a data file into tab-separated rows, skipping blank lines and
// '#' comments; every row gets at least n columns.
func rows(data string, n int) [][]string {
	var out [][]string
	for _, ln := range strings.Split(data, "\n") {
		ln = strings.TrimRight(ln, "\r")
		if strings.TrimSpace(ln) == "" || strings.HasPrefix(ln, "#") {
			continue
		}
		cols := strings.Split(ln, "\t")
		for len(cols) < n {
			cols = append(cols, "")
		}
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
		}
		out = append(out, cols)
	}
	return out
}

// splitList splits a "|"-separated column, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// addAlias registers an alias; "=XX" marks one that must match its case.
func addAlias(b *matcherBuilder, alias string, k kind, id int) {
	if exact, ok := strings.CutPrefix(alias, "="); ok {
		b.add(exact, payload{kind: k, id: id, exact: exact})
		return
	}
	b.add(alias, payload{kind: k, id: id})
}

func (x *Extractor) loadCountries(b *matcherBuilder, data string) error {
	x.placeWord = map[string]bool{}
	for n, r := range rows(data, 2) {
		if r[0] == "" {
			return fmt.Errorf("row %d: empty name", n+1)
		}
		id := len(x.countries)
		x.countries = append(x.countries, r[0])
		for _, a := range countryNames(r[0], splitList(r[1])) {
			addAlias(b, a, kindCountry, id)
			f := Fold(strings.TrimPrefix(a, "="))
			if !strings.Contains(f, " ") {
				x.placeWord[f] = true
			}
			x.entityNames[f] = true
			x.aliasPairs = append(x.aliasPairs, aliasPair{strings.TrimPrefix(a, "="), r[0]})
		}
	}
	return nil
}

// countryNames lists the names to match for a country: the canonical name
// unless an alias repeats it case-sensitively ("=Chad") or drops it
// ("-Georgia", for names that mostly mean something else), then the aliases.
func countryNames(canonical string, aliases []string) []string {
	names := []string{canonical}
	var out []string
	for _, a := range aliases {
		switch {
		case a == "-"+canonical || a == "="+canonical:
			names = names[:0]
			if a[0] == '=' {
				out = append(out, a)
			}
		default:
			out = append(out, a)
		}
	}
	return append(names, out...)
}

func (x *Extractor) loadOrgs(b *matcherBuilder, data string) error {
	for n, r := range rows(data, 2) {
		if r[0] == "" {
			return fmt.Errorf("row %d: empty name", n+1)
		}
		id := len(x.orgs)
		x.orgs = append(x.orgs, r[0])
		x.orgNames = append(x.orgNames, nil)
		for _, a := range append([]string{r[0]}, splitList(r[1])...) {
			x.orgNames[id] = append(x.orgNames[id], strings.TrimPrefix(a, "="))
			addAlias(b, a, kindOrg, id)
			x.entityNames[Fold(strings.TrimPrefix(a, "="))] = true
		}
	}
	return nil
}

func (x *Extractor) loadOfficials(b *matcherBuilder, data string) error {
	for n, r := range rows(data, 5) {
		if r[0] == "" {
			return fmt.Errorf("row %d: empty name", n+1)
		}
		o := official{name: r[0], distinct: strings.Contains(r[4], "d")}
		for _, f := range splitList(r[2]) {
			o.firsts = append(o.firsts, strings.Fields(Fold(f)))
		}
		id := len(x.officials)
		for _, s := range splitList(r[1]) {
			fs := Fold(s)
			o.surnames = append(o.surnames, fs)
			o.surnameForms = append(o.surnameForms, s)
			x.surnames[fs] = append(x.surnames[fs], id)
			b.add(s, payload{kind: kindSurname, id: id})
		}
		aliases := splitList(r[3])
		if len(o.surnames) == 0 && len(aliases) == 0 {
			return fmt.Errorf("row %d: %s has neither surname nor alias", n+1, r[0])
		}
		o.aliases = aliases
		aliases = append(aliases, r[0])
		for _, a := range aliases {
			b.add(a, payload{kind: kindAlias, id: id})
		}
		x.officials = append(x.officials, o)
	}
	return nil
}

func (x *Extractor) loadBlockers(b *matcherBuilder, data string) error {
	for _, r := range rows(data, 1) {
		b.add(r[0], payload{kind: kindBlocker})
		x.entityNames[Fold(r[0])] = true
	}
	return nil
}

func (x *Extractor) loadRoles(_ *matcherBuilder, data string) error {
	x.roles = map[string]roleKind{}
	kinds := map[string]roleKind{"office": roleOffice, "generic": roleGeneric, "honorific": roleHonorific}
	for n, r := range rows(data, 2) {
		k, ok := kinds[r[1]]
		if !ok {
			return fmt.Errorf("row %d: unknown kind %q", n+1, r[1])
		}
		f := Fold(r[0])
		x.roles[f] = k
		if w := len(strings.Fields(f)); w > x.roleMax {
			x.roleMax = w
		}
	}
	return nil
}

func (x *Extractor) loadOrgWords(_ *matcherBuilder, data string) error {
	x.orgWords = map[string]bool{}
	for _, r := range rows(data, 1) {
		for _, w := range strings.Fields(r[0]) {
			x.orgWords[Fold(w)] = true
		}
	}
	return nil
}

func (x *Extractor) loadStopwords(_ *matcherBuilder, data string) error {
	x.stopwords = map[string]bool{}
	for _, r := range rows(data, 1) {
		for _, w := range strings.Fields(r[0]) {
			x.stopwords[Fold(w)] = true
		}
	}
	return nil
}

func (x *Extractor) loadGov(_ *matcherBuilder, data string) error {
	x.govWords, x.nonGov = map[string]bool{}, map[string]bool{}
	for n, r := range rows(data, 2) {
		var dst map[string]bool
		switch r[0] {
		case "gov":
			dst = x.govWords
		case "nongov":
			dst = x.nonGov
		default:
			return fmt.Errorf("row %d: unknown list %q", n+1, r[0])
		}
		for _, w := range strings.Fields(r[1]) {
			dst[Fold(w)] = true
		}
	}
	return nil
}

// topicFile is the shape of topics.json.
type topicFile struct {
	TitleWeight float64 `json:"title_weight"`
	LeadWeight  float64 `json:"lead_weight"`
	MinMentions int     `json:"min_mentions"`
	MaxPerTerm  int     `json:"max_per_term"`
	Topics      []struct {
		Name      string             `json:"name"`
		Threshold float64            `json:"threshold"`
		Terms     map[string]float64 `json:"terms"`
	} `json:"topics"`
}

func (x *Extractor) loadTopics(b *matcherBuilder, data string) error {
	var f topicFile
	if err := json.Unmarshal([]byte(data), &f); err != nil {
		return err
	}
	x.topics = topicRules{titleWeight: f.TitleWeight, leadWeight: f.LeadWeight, minMentions: f.MinMentions, maxPerTerm: f.MaxPerTerm}
	if x.topics.leadWeight == 0 {
		x.topics.leadWeight = 1
	}
	for _, t := range f.Topics {
		if t.Name == "" || t.Threshold <= 0 || len(t.Terms) == 0 {
			return fmt.Errorf("topic %q: want a name, a positive threshold and terms", t.Name)
		}
		id := len(x.topics.names)
		x.topics.names = append(x.topics.names, t.Name)
		x.topics.thresholds = append(x.topics.thresholds, t.Threshold)
		terms := make([]string, 0, len(t.Terms))
		for term := range t.Terms {
			terms = append(terms, term)
		}
		sort.Strings(terms) // map order must not leak into the matcher
		x.topics.terms = append(x.topics.terms, terms)
		for n, term := range terms {
			p := payload{kind: kindTopic, id: id, weight: t.Terms[term], term: n}
			if s, ok := strings.CutSuffix(term, "*"); ok {
				p.prefix = true
				term = s
			}
			b.add(term, p)
		}
	}
	return nil
}
