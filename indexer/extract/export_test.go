package extract

import (
	"encoding/json"
	"strings"
)

// LoadWithout loads the embedded data with the given officials left out of
// officials.tsv, so tests can measure how discovery finds people the
// gazetteer does not know.
func LoadWithout(names []string) (*Extractor, error) {
	return LoadLeaveOut(names, nil)
}

// LoadLeaveOut loads the embedded data without the given officials (rows
// of officials.tsv, by canonical name) and without the given topic terms
// (topic name -> terms as written in topics.json), for leave-out figures.
func LoadLeaveOut(names []string, terms map[string][]string) (*Extractor, error) {
	drop := map[string]bool{}
	for _, n := range names {
		drop[Fold(n)] = true
	}
	return load(func(name string) (string, error) {
		b, err := dataFS.ReadFile("data/" + name)
		if err != nil {
			return "", err
		}
		switch name {
		case "officials.tsv":
			var kept []string
			for _, ln := range strings.Split(string(b), "\n") {
				canonical, _, _ := strings.Cut(ln, "\t")
				if !drop[Fold(strings.TrimSpace(canonical))] {
					kept = append(kept, ln)
				}
			}
			return strings.Join(kept, "\n"), nil
		case "topics.json":
			if len(terms) == 0 {
				return string(b), nil
			}
			var f topicFile
			if err := json.Unmarshal(b, &f); err != nil {
				return "", err
			}
			for i, t := range f.Topics {
				for _, term := range terms[t.Name] {
					delete(f.Topics[i].Terms, term)
				}
				if len(f.Topics[i].Terms) == 0 {
					// A topic needs one term to load; this one never matches.
					f.Topics[i].Terms = map[string]float64{"\x00": 1}
				}
			}
			out, err := json.Marshal(f)
			return string(out), err
		}
		return string(b), nil
	})
}

// TopicTerms returns, per topic, the terms of topics.json (as written
// there) that match the article.
func (x *Extractor) TopicTerms(title, body string) map[string][]string {
	d := newDocument(title, body)
	out := map[string][]string{}
	seen := map[string]bool{}
	for _, h := range x.m.scan(d) {
		if h.p.kind != kindTopic {
			continue
		}
		term := x.topics.terms[h.p.id][h.p.term]
		topic := x.topics.names[h.p.id]
		if !seen[topic+"\x00"+term] {
			seen[topic+"\x00"+term] = true
			out[topic] = append(out[topic], term)
		}
	}
	return out
}
