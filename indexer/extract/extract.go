package extract

// Facets are the facet values of one article, in canonical spelling,
// de-duplicated, in order of first mention (topics: strongest first).
type Facets struct {
	Countries     []string
	Officials     []string
	Topics        []string
	Organizations []string
}

// Extract finds the facets of an article from its headline and body text.
func (x *Extractor) Extract(title, body string) Facets {
	d := newDocument(title, body)
	hits := x.m.scan(d)
	blocked := blockers(hits)
	people := x.findOfficials(d, hits, blocked)
	personSpans := spanSet(spansOf(people))
	var f Facets
	seen := map[string]bool{}
	for _, m := range people {
		if !seen[m.name] {
			seen[m.name] = true
			f.Officials = append(f.Officials, m.name)
		}
	}
	f.Countries = names(hits, kindCountry, x.countries, blocked, personSpans)
	f.Organizations = names(hits, kindOrg, x.orgs, blocked, personSpans)
	f.Topics = x.topics.pick(x.topics.scores(d, hits, blocked))
	return f
}
