package extract

import "sort"

// blockers returns the spans of blocking phrases ("Mexico City").
func blockers(hits []hit) spanSet {
	var s spanSet
	for _, h := range hits {
		if h.p.kind == kindBlocker {
			s = append(s, [2]int{h.start, h.end})
		}
	}
	return s
}

// names resolves the hits of one kind: the longest match wins where matches
// overlap, and nothing inside a blocker or a person's name counts. It
// returns canonical names in first-mention order, and the spans of each.
func names(hits []hit, k kind, canon []string, blocked, people spanSet) ([]string, map[string]spanSet) {
	var cand []hit
	for _, h := range hits {
		if h.p.kind == k && !blocked.covers(h.start, h.end) && !people.overlaps(h.start, h.end) {
			cand = append(cand, h)
		}
	}
	sort.SliceStable(cand, func(i, j int) bool {
		return cand[i].end-cand[i].start > cand[j].end-cand[j].start
	})
	var kept []hit
	var taken spanSet
	for _, h := range cand {
		if !taken.overlaps(h.start, h.end) {
			kept = append(kept, h)
			taken = append(taken, [2]int{h.start, h.end})
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].start < kept[j].start })
	var out []string
	spans := map[string]spanSet{}
	for _, h := range kept {
		name := canon[h.p.id]
		if spans[name] == nil {
			out = append(out, name)
		}
		spans[name] = append(spans[name], [2]int{h.start, h.end})
	}
	return out, spans
}
