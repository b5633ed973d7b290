package extract

import "sort"

// topicRules are the weighted keyword rules of topics.json.
type topicRules struct {
	names       []string
	thresholds  []float64
	terms       [][]string // per topic, the terms as written in topics.json
	titleWeight float64
	leadWeight  float64
	minMentions int
	maxPerTerm  int
}

// scores sums the weights of topic terms. Where terms of one topic overlap
// the longest wins ("drug trafficking" over "drug"), and a term inside a
// longer term of another topic does not count ("smuggling" in "drug
// smuggling" is no human smuggling); a term counts at most
// maxPerTerm times, and a headline match counts titleWeight times.
//
// A topic the article names only in passing is not its topic: the score
// counts only when a defining term names it (a term that reaches the
// threshold on its own, such as "human smuggling"), when the headline or the
// lead mentions it, or when the text does at least minMentions times.
//
// It also returns, per topic, the spans of the terms that counted.
func (r topicRules) scores(d *document, hits []hit, blocked spanSet) ([]float64, []spanSet) {
	var cand []hit
	for _, h := range hits {
		if h.p.kind == kindTopic && !blocked.covers(h.start, h.end) {
			cand = append(cand, h)
		}
	}
	// Within a topic the longest term wins where terms overlap.
	sort.SliceStable(cand, func(i, j int) bool {
		return cand[i].end-cand[i].start > cand[j].end-cand[j].start
	})
	scores := make([]float64, len(r.names))
	mentions := make([]int, len(r.names))
	lead := make([]bool, len(r.names)) // or named by a defining term
	type termKey struct {
		topic int
		term  string
	}
	counts := map[termKey]int{}
	taken := make([]spanSet, len(r.names))
	var all spanSet // every counted span, of any topic, longest first
	for _, h := range cand {
		id := h.p.id
		if taken[id].overlaps(h.start, h.end) {
			continue
		}
		// A word inside a longer term of another topic belongs to that
		// term: "smuggling" in "drug smuggling" names drugs, not people.
		if all.covers(h.start, h.end) {
			continue
		}
		all = append(all, [2]int{h.start, h.end})
		taken[id] = append(taken[id], [2]int{h.start, h.end})
		key := termKey{id, d.folded[h.start:h.end]}
		if counts[key] >= r.maxPerTerm {
			continue
		}
		counts[key]++
		mentions[id]++
		w := h.p.weight
		lead[id] = lead[id] || w >= r.thresholds[id]
		switch {
		case h.start < d.titleEnd:
			w *= r.titleWeight
			lead[id] = true
		case h.start < d.leadEnd:
			w *= r.leadWeight
			lead[id] = true
		}
		scores[id] += w
	}
	for id := range scores {
		if !lead[id] && mentions[id] < r.minMentions {
			scores[id] = 0
		}
	}
	return scores, taken
}

// pick returns the topics whose score reaches the threshold, strongest first.
func (r topicRules) pick(scores []float64) []string {
	var ids []int
	for id, s := range scores {
		if s >= r.thresholds[id] {
			ids = append(ids, id)
		}
	}
	sort.SliceStable(ids, func(i, j int) bool {
		return scores[ids[i]]/r.thresholds[ids[i]] > scores[ids[j]]/r.thresholds[ids[j]]
	})
	var out []string
	for _, id := range ids {
		out = append(out, r.names[id])
	}
	return out
}
