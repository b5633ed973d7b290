package main

import (
	"math"
	"math/rand/v2"
	"sort"
	"strings"
)

// vocabSize is the number of distinct words bodies are drawn from (the
// Python generator of shared/bench has 63,272).
const vocabSize = 63000

// zipf samples ranks 0..n-1 with P(rank r) ∝ 1/(r+1)^s.
type zipf struct{ cum []float64 }

func newZipf(n int, s float64) zipf {
	cum := make([]float64, n)
	sum := 0.0
	for r := range cum {
		sum += 1 / math.Pow(float64(r+1), s)
		cum[r] = sum
	}
	return zipf{cum}
}

func (z zipf) one(r *rand.Rand) int {
	return sort.SearchFloat64s(z.cum, r.Float64()*z.cum[len(z.cum)-1])
}

// distinct draws up to k different ranks (fewer if the law is too skewed
// to find them in 20k tries, as in gencorpus.py).
func (z zipf) distinct(r *rand.Rand, k int) []int {
	out := make([]int, 0, k)
	for try := 0; try < 20*k && len(out) < k; try++ {
		x := z.one(r)
		dup := false
		for _, y := range out {
			dup = dup || y == x
		}
		if !dup {
			out = append(out, x)
		}
	}
	return out
}

// world is everything documents and queries are drawn from. It depends
// only on its seed, never on the number of documents.
type world struct {
	vocab      []string
	words      zipf // over vocab, s = 1.0
	content    []string
	contentZ   zipf // titles and queries: content words of the first 20k ranks
	topicWords [][]string
	topicsZ    zipf
	countriesZ zipf
	officials  []string
	officialsZ zipf
	sourcesZ   zipf
	orgsZ      zipf
}

func newWorld(seed uint64) *world {
	r := rand.New(rand.NewPCG(seed, 0xacc0))
	w := &world{vocab: vocabulary(r)}
	w.words = newZipf(len(w.vocab), 1.0)
	stop := map[string]bool{}
	for _, s := range functionWords {
		stop[s] = true
	}
	for _, v := range w.vocab[:20000] {
		if !stop[v] && len(v) > 2 {
			w.content = append(w.content, v)
		}
	}
	w.contentZ = newZipf(len(w.content), 0.9)
	for _, t := range topics {
		w.topicWords = append(w.topicWords, strings.Fields(t.words))
	}
	w.topicsZ = newZipf(len(topics), 0.8)
	w.countriesZ = newZipf(len(countries), 1.1)
	w.officials = officials(r, 2000)
	w.officialsZ = newZipf(len(w.officials), 1.0)
	w.sourcesZ = newZipf(len(sources), 1.0)
	w.orgsZ = newZipf(len(organizations), 1.0)
	return w
}

// vocabulary ranks function words, then domain words, then made-up
// words in an order shuffled by r.
func vocabulary(r *rand.Rand) []string {
	seen := map[string]bool{}
	var out []string
	add := func(w string) {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	for _, w := range functionWords {
		add(w)
	}
	for _, w := range domainWords {
		add(w)
	}
	for len(out) < vocabSize {
		if w := madeUpWord(r); len(w) >= 3 && len(w) <= 14 {
			add(w)
		}
	}
	return out
}

var suffixes = strings.Fields("s es ed ing er ers ly tion ment ness al ity")

// madeUpWord strings 1-4 syllables together, sometimes with an English
// suffix, so that the stemmer folds word families as it does in English.
func madeUpWord(r *rand.Rand) string {
	var b strings.Builder
	n := []int{1, 2, 2, 2, 3, 3, 3, 4}[r.IntN(8)]
	for range n {
		if r.IntN(10) < 7 {
			b.WriteString(onsets[r.IntN(len(onsets))])
		}
		b.WriteString(nuclei[r.IntN(len(nuclei))])
		b.WriteString(codas[r.IntN(len(codas))])
	}
	if r.IntN(4) == 0 {
		b.WriteString(suffixes[r.IntN(len(suffixes))])
	}
	return b.String()
}

// officials returns the seed officials followed by made-up names, n in all.
func officials(r *rand.Rand, n int) []string {
	out := append([]string(nil), seedOfficials...)
	seen := map[string]bool{}
	for _, o := range out {
		seen[o] = true
	}
	pool := make([]string, 0, len(firstNames)*len(lastNames))
	for _, f := range firstNames {
		for _, l := range lastNames {
			pool = append(pool, f+" "+l)
		}
	}
	r.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	for _, p := range pool {
		if len(out) == n {
			break
		}
		if !seen[p] {
			out = append(out, p)
		}
	}
	return out
}
