// Package relevance scores a ranking against judged queries: nDCG@k,
// recall@k and reciprocal rank, averaged overall and per query class, the
// same way as ../shared/tools/score_relevance.py (reprints count as their
// original, so collapsing them is not punished).
package relevance

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
)

// Query is one judged query (a line of queries.jsonl).
type Query struct {
	Q     string `json:"q"`
	Class string `json:"class,omitempty"`
	// Filters maps "countries", "officials" and "topics" to selected values.
	Filters map[string][]string `json:"filters"`
	// Relevant maps a page id (file stem) to its grade: 2 relevant, 1 partly.
	Relevant map[string]int `json:"relevant"`
}

// Load reads judged queries from a JSON-lines file. A query without a class
// gets class def. A line that is not a valid judged query is an error naming it.
func Load(path, def string) ([]Query, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Query
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var q Query
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&q); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		if err := q.check(); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		if q.Class == "" {
			q.Class = def
		}
		out = append(out, q)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

func (q Query) check() error {
	if strings.TrimSpace(q.Q) == "" {
		return fmt.Errorf("query %q: empty text", q.Q)
	}
	if len(q.Relevant) == 0 {
		return fmt.Errorf("query %q: no relevant page", q.Q)
	}
	for id, g := range q.Relevant {
		if g != 1 && g != 2 {
			return fmt.Errorf("query %q: page %s has grade %d, want 1 or 2", q.Q, id, g)
		}
	}
	for k := range q.Filters {
		switch k {
		case "countries", "officials", "topics":
		default:
			return fmt.Errorf("query %q: unknown filter %q", q.Q, k)
		}
	}
	return nil
}

// Canon maps a page id to the id it counts as: its original when it is a
// reprint, else itself.
type Canon map[string]string

// LoadCanon reads the duplicate_of links of labels.jsonl files.
func LoadCanon(paths ...string) (Canon, error) {
	c := Canon{}
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<16), 1<<22)
		for n := 1; sc.Scan(); n++ {
			if strings.TrimSpace(sc.Text()) == "" {
				continue
			}
			var l struct {
				ID          string  `json:"id"`
				DuplicateOf *string `json:"duplicate_of"`
			}
			if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
				f.Close()
				return nil, fmt.Errorf("%s:%d: %w", p, n, err)
			}
			if l.DuplicateOf != nil && *l.DuplicateOf != "" {
				c[l.ID] = *l.DuplicateOf
			}
		}
		err = sc.Err()
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
	}
	return c, nil
}

func (c Canon) of(id string) string {
	if o, ok := c[id]; ok {
		return o
	}
	return id
}

// Score holds one query's (or an average's) figures.
type Score struct {
	NDCG, Recall, RR float64
}

// Judge scores ranked page ids (best first) against q's judgments at
// cut-off k. Reprints count as their original; a page seen twice counts once.
func (c Canon) Judge(q Query, ranked []string, k int) Score {
	rel := map[string]int{}
	for id, g := range q.Relevant {
		o := c.of(id)
		rel[o] = max(rel[o], g)
	}
	var got []string
	for _, id := range ranked[:min(k, len(ranked))] {
		o := c.of(id)
		if !slices.Contains(got, o) {
			got = append(got, o)
		}
	}
	var s Score
	var dcg float64
	found := 0
	for i, id := range got {
		g := rel[id]
		dcg += gain(g, i)
		if g > 0 {
			found++
			if s.RR == 0 {
				s.RR = 1 / float64(i+1)
			}
		}
	}
	ideal := make([]int, 0, len(rel))
	for _, g := range rel {
		ideal = append(ideal, g)
	}
	slices.Sort(ideal)
	slices.Reverse(ideal)
	var idcg float64
	for i, g := range ideal[:min(k, len(ideal))] {
		idcg += gain(g, i)
	}
	if idcg > 0 {
		s.NDCG = dcg / idcg
	}
	s.Recall = float64(found) / float64(len(rel))
	return s
}

func gain(grade, pos int) float64 {
	return (math.Exp2(float64(grade)) - 1) / math.Log2(float64(pos+2))
}

// Report accumulates scores overall and per class.
type Report struct {
	sum     map[string]Score
	count   map[string]int
	classes []string
}

// All is the class name of the overall average.
const All = "all"

// Add records one query's score under its class and overall.
func (r *Report) Add(class string, s Score) {
	if r.sum == nil {
		r.sum, r.count = map[string]Score{}, map[string]int{}
	}
	for _, c := range []string{All, class} {
		if _, ok := r.count[c]; !ok && c != All {
			r.classes = append(r.classes, c)
		}
		t := r.sum[c]
		r.sum[c] = Score{t.NDCG + s.NDCG, t.Recall + s.Recall, t.RR + s.RR}
		r.count[c]++
	}
}

// Mean returns the average score of a class (All for every query) and how
// many queries it has.
func (r *Report) Mean(class string) (Score, int) {
	n := r.count[class]
	if n == 0 {
		return Score{}, 0
	}
	t := r.sum[class]
	f := float64(n)
	return Score{t.NDCG / f, t.Recall / f, t.RR / f}, n
}

// Classes lists the classes in the order they were first added.
func (r *Report) Classes() []string { return slices.Clone(r.classes) }

// String is a table: overall first, then each class.
func (r *Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-14s %3s %7s %9s %6s\n", "class", "n", "nDCG@10", "recall@10", "MRR")
	for _, c := range append([]string{All}, r.classes...) {
		s, n := r.Mean(c)
		fmt.Fprintf(&b, "%-14s %3d %7.3f %9.3f %6.3f\n", c, n, s.NDCG, s.Recall, s.RR)
	}
	return b.String()
}
