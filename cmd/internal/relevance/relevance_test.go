package relevance

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestJudge(t *testing.T) {
	c := Canon{"b2": "b"}
	q := Query{Q: "x", Relevant: map[string]int{"a": 2, "b2": 1, "c": 1}}
	// Perfect order: nDCG 1, recall 1, RR 1.
	if s := c.Judge(q, []string{"a", "b", "c"}, 10); !near(s.NDCG, 1) || !near(s.Recall, 1) || !near(s.RR, 1) {
		t.Errorf("perfect ranking scored %+v", s)
	}
	// A reprint counts as its original, and once only.
	s := c.Judge(q, []string{"z", "b2", "b", "a"}, 10)
	dcg := 1/math.Log2(3) + 3/math.Log2(4)
	idcg := 3 + 1/math.Log2(3) + 1/math.Log2(4)
	if !near(s.NDCG, dcg/idcg) || !near(s.Recall, 2.0/3) || !near(s.RR, 0.5) {
		t.Errorf("got %+v, want ndcg %.4f recall 0.667 rr 0.5", s, dcg/idcg)
	}
	// The cut-off applies before reprints collapse, as in score_relevance.py.
	if s := c.Judge(q, []string{"z", "a"}, 1); s.NDCG != 0 || s.Recall != 0 || s.RR != 0 {
		t.Errorf("k=1 with a miss first scored %+v", s)
	}
	if s := c.Judge(q, nil, 10); s != (Score{}) {
		t.Errorf("no hits scored %+v", s)
	}
}

func TestReport(t *testing.T) {
	var r Report
	r.Add("one", Score{1, 1, 1})
	r.Add("two", Score{0, 0.5, 0})
	r.Add("one", Score{0.5, 0, 0.5})
	if s, n := r.Mean(All); n != 3 || !near(s.NDCG, 0.5) || !near(s.Recall, 0.5) || !near(s.RR, 0.5) {
		t.Errorf("overall %+v over %d", s, n)
	}
	if s, n := r.Mean("one"); n != 2 || !near(s.NDCG, 0.75) {
		t.Errorf("class one %+v over %d", s, n)
	}
	if got := r.Classes(); len(got) != 2 || got[0] != "one" || got[1] != "two" {
		t.Errorf("classes %v", got)
	}
	if !strings.Contains(r.String(), "two") {
		t.Errorf("table lacks a class:\n%s", r.String())
	}
}

func TestLoadJudgedQueries(t *testing.T) {
	qs, err := Load(filepath.Join("testdata", "queries.jsonl"), "given")
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) < 40 {
		t.Fatalf("%d judged queries, want at least 40", len(qs))
	}
	classes := map[string]int{}
	for _, q := range qs {
		classes[q.Class]++
	}
	if len(classes) < 8 {
		t.Errorf("only %d query classes: %v", len(classes), classes)
	}
}

func TestLoadRejects(t *testing.T) {
	for name, line := range map[string]string{
		"grade":   `{"q":"x","relevant":{"d1":3}}`,
		"empty":   `{"q":" ","relevant":{"d1":2}}`,
		"none":    `{"q":"x","relevant":{}}`,
		"filter":  `{"q":"x","filters":{"people":["A"]},"relevant":{"d1":2}}`,
		"unknown": `{"q":"x","relevant":{"d1":2},"extra":1}`,
		"json":    `{"q":`,
	} {
		p := filepath.Join(t.TempDir(), "q.jsonl")
		if err := os.WriteFile(p, []byte(`{"q":"ok","relevant":{"d1":2}}`+"\n"+line+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Load(p, "")
		if err == nil || !strings.Contains(err.Error(), ":2:") {
			t.Errorf("%s: error %v, want one naming line 2", name, err)
		}
	}
}
