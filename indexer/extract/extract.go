package extract

import "github.com/accord-search/accord/search"

// Facets are the facet values of one article, in canonical spelling,
// de-duplicated, in order of first mention (topics: strongest first).
type Facets struct {
	Countries     []string
	Officials     []string
	Topics        []string
	Organizations []string
	// Roles gives the office the text states for officials that have one.
	Roles []search.Role
	// Evidence holds, per field ("countries", "officials", "topics") and
	// value, the spans of the body that support it (byte offsets of body).
	Evidence map[string]map[string][]search.Span
}

// Extract finds the facets of an article from its headline and body text.
func (x *Extractor) Extract(title, body string) Facets {
	d := newDocument(title, body)
	hits := x.m.scan(d)
	blocked := blockers(hits)
	people := x.findOfficials(d, hits, blocked)
	personSpans := spanSet(spansOf(people))
	var f Facets
	ev := evidence{}
	var countryHits []hit
	for _, h := range hits {
		if h.p.kind == kindCountry {
			countryHits = append(countryHits, h)
		}
	}
	seen := map[string]bool{}
	for _, m := range people {
		ev.add(search.EvidenceOfficials, m.name, m.start, m.end)
		if !seen[m.name] {
			seen[m.name] = true
			f.Officials = append(f.Officials, m.name)
		}
	}
	roled := map[string]bool{}
	for _, m := range people {
		if roled[m.name] {
			continue
		}
		if r, ok := x.roleOf(d, m, countryHits); ok && r.Role != "" {
			roled[m.name] = true
			f.Roles = append(f.Roles, r)
		}
	}
	var countrySpans map[string]spanSet
	f.Countries, countrySpans = names(hits, kindCountry, x.countries, blocked, personSpans)
	for v, ss := range countrySpans {
		for _, s := range ss {
			ev.add(search.EvidenceCountries, v, s[0], s[1])
		}
	}
	f.Organizations, _ = names(hits, kindOrg, x.orgs, blocked, personSpans)
	scores, topicSpans := x.topics.scores(d, hits, blocked)
	f.Topics = x.topics.pick(scores)
	for _, name := range f.Topics {
		for id, n := range x.topics.names {
			if n == name {
				for _, s := range topicSpans[id] {
					ev.add(search.EvidenceTopics, name, s[0], s[1])
				}
			}
		}
	}
	f.Evidence = ev.spans(d, title, body)
	return f
}
