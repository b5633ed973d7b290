package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// doc is one line of the corpus, in the shape cmd/indexer reads (facet
// fields given are kept as given) and shared/bench/blevebench reads.
type doc struct {
	ID            string   `json:"id"`
	Title         string   `json:"title"`
	Body          string   `json:"body"`
	Date          string   `json:"date"`
	Source        string   `json:"source"`
	Countries     []string `json:"countries"`
	Officials     []string `json:"officials"`
	Topics        []string `json:"topics"`
	Organizations []string `json:"organizations"`
}

// Body length in bytes: uniform in [minBody, maxBody], mean 2.5 KB.
const (
	minBody = 1600
	maxBody = 2900
)

// docRand is document i's own random source: a document depends only on
// the seed and its number, so the 10k corpus is the first 10k documents
// of the 100k one, and documents can be made in parallel.
func docRand(seed uint64, i int) *rand.Rand {
	return rand.New(rand.NewPCG(seed, uint64(i)))
}

func (w *world) doc(seed uint64, i int) doc {
	r := docRand(seed, i)
	d := doc{ID: fmt.Sprintf("doc%07d", i)}
	for _, c := range w.countriesZ.distinct(r, min(1+int(r.ExpFloat64()/0.7), 8)) {
		d.Countries = append(d.Countries, countries[c])
	}
	d.Officials = []string{}
	for _, o := range w.officialsZ.distinct(r, min(int(r.ExpFloat64()/0.6), 6)) {
		d.Officials = append(d.Officials, w.officials[o])
	}
	var topicIdx []int
	for _, t := range w.topicsZ.distinct(r, []int{1, 1, 2, 2, 2, 3, 3, 4}[r.IntN(8)]) {
		d.Topics = append(d.Topics, topics[t].name)
		topicIdx = append(topicIdx, t)
	}
	d.Organizations = []string{}
	for _, o := range w.orgsZ.distinct(r, min(int(r.ExpFloat64()/0.8), 4)) {
		d.Organizations = append(d.Organizations, organizations[o])
	}
	d.Title = w.title(r, &d)
	d.Body = w.body(r, &d, topicIdx)
	y := 2005 + min(int(20*math.Pow(r.Float64(), 0.6)), 20) // skewed to recent years
	d.Date = fmt.Sprintf("%04d-%02d-%02d", y, 1+r.IntN(12), 1+r.IntN(28))
	d.Source = sources[w.sourcesZ.one(r)]
	return d
}

func pick(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

func (w *world) title(r *rand.Rand, d *doc) string {
	who := pick(r, d.Countries) + " officials"
	var parts []string
	if len(d.Officials) > 0 {
		who = d.Officials[0]
		parts = append(parts, pick(r, titleRoles))
	}
	parts = append(parts, who, pick(r, titleVerbs), pick(r, d.Topics), pick(r, titleNouns), "with", d.Countries[len(d.Countries)-1])
	if r.IntN(2) == 0 {
		parts = append(parts, "on")
		for range 1 + r.IntN(3) {
			parts = append(parts, w.content[w.contentZ.one(r)])
		}
	}
	return strings.Join(parts, " ")
}

// body is word salad with a Zipf term-frequency curve, in paragraphs of
// 8-28-word sentences, into which the document's countries, officials
// (twice) and words of its topics are spliced, so that facet values are
// also found by full text.
func (w *world) body(r *rand.Rand, d *doc, topicIdx []int) string {
	mentions := append([]string(nil), d.Countries...)
	mentions = append(mentions, d.Officials...)
	mentions = append(mentions, d.Officials...)
	for _, t := range topicIdx {
		tw := w.topicWords[t]
		for _, k := range r.Perm(len(tw))[:min(3, len(tw))] {
			mentions = append(mentions, tw[k], tw[k])
		}
	}
	target := minBody + r.IntN(maxBody-minBody+1)
	var b strings.Builder
	b.Grow(target + 200)
	for b.Len() < target {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		for s := range 2 + r.IntN(4) {
			if s > 0 {
				b.WriteByte(' ')
			}
			extra := ""
			if len(mentions) > 0 && r.Float64() < 0.7 {
				k := r.IntN(len(mentions))
				extra = mentions[k]
				mentions = append(mentions[:k], mentions[k+1:]...)
			}
			w.sentence(r, &b, extra)
		}
	}
	return b.String()
}

func (w *world) sentence(r *rand.Rand, b *strings.Builder, extra string) {
	words := make([]string, 8+r.IntN(21), 29)
	for i := range words {
		words[i] = w.vocab[w.words.one(r)]
	}
	if extra != "" {
		words = slices.Insert(words, r.IntN(len(words)+1), extra)
	}
	words[0] = capitalize(words[0])
	b.WriteString(strings.Join(words, " "))
	b.WriteByte('.')
}

func capitalize(s string) string {
	c, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(c)) + s[n:]
}

// stats summarizes a corpus as it is written.
type stats struct {
	docs, bodyBytes int
	values          [3]map[string]int // countries, officials, topics
	mentions        [3]int
}

func (s *stats) add(d *doc) {
	s.docs++
	for f, vals := range [3][]string{d.Countries, d.Officials, d.Topics} {
		if s.values[f] == nil {
			s.values[f] = map[string]int{}
		}
		for _, v := range vals {
			s.values[f][v]++
		}
		s.mentions[f] += len(vals)
	}
}

func (s *stats) String() string {
	out := fmt.Sprintf("%d docs, mean body %d bytes", s.docs, s.bodyBytes/max(s.docs, 1))
	for f, name := range []string{"countries", "officials", "topics"} {
		out += fmt.Sprintf("; %s %d distinct, %.2f/doc", name, len(s.values[f]), float64(s.mentions[f])/float64(max(s.docs, 1)))
	}
	return out
}

// chunkDocs is how many documents one worker makes at a time.
const chunkDocs = 1000

type chunk struct {
	from, to  int
	buf       bytes.Buffer
	docs      []doc // for the stats, without bodies
	bodyBytes int
	err       error
	done      chan struct{}
}

// writeDocs writes documents 0..n-1 as JSON Lines, made in parallel and
// written in order.
func (w *world) writeDocs(ctx context.Context, out io.Writer, seed uint64, n int) (*stats, error) {
	bw := bufio.NewWriterSize(out, 1<<20)
	workers := runtime.GOMAXPROCS(0)
	jobs := make(chan *chunk)
	order := make(chan *chunk, 2*workers)
	for range workers {
		go func() {
			for c := range jobs {
				enc := json.NewEncoder(&c.buf)
				enc.SetEscapeHTML(false)
				for i := c.from; i < c.to && c.err == nil; i++ {
					d := w.doc(seed, i)
					c.err = enc.Encode(&d)
					c.bodyBytes += len(d.Body)
					d.Body = ""
					c.docs = append(c.docs, d)
				}
				close(c.done)
			}
		}()
	}
	go func() {
		for from := 0; from < n && ctx.Err() == nil; from += chunkDocs {
			c := &chunk{from: from, to: min(from+chunkDocs, n), done: make(chan struct{})}
			order <- c
			jobs <- c
		}
		close(jobs)
		close(order)
	}()
	st := &stats{}
	var err error
	for c := range order {
		<-c.done
		if err == nil {
			err = c.err
		}
		if err == nil {
			_, err = bw.Write(c.buf.Bytes())
		}
		for i := range c.docs {
			st.add(&c.docs[i])
		}
		st.bodyBytes += c.bodyBytes
	}
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		err = bw.Flush()
	}
	return st, err
}

// query is one benchmark query, in shared/bench/queries.jsonl's shape.
type query struct {
	Q      string  `json:"q"`
	Filter *filter `json:"filter"`
}

type filter struct {
	Field string `json:"field"` // countries, officials or topics
	Value string `json:"value"`
}

// queries makes n queries of 1-3 words: content words (Zipf over the
// first 20k ranks, no function words), officials' surnames (15%) and
// topic words (10%); about 20% carry one facet filter, its field and
// value drawn by popularity.
func (w *world) queries(seed uint64, n int) []query {
	r := rand.New(rand.NewPCG(seed, 0x9e37))
	out := make([]query, 0, n)
	for range n {
		var terms []string
		for range []int{1, 1, 2, 2, 2, 3}[r.IntN(6)] {
			switch x := r.Float64(); {
			case x < 0.15:
				name := strings.Fields(w.officials[w.officialsZ.one(r)])
				terms = append(terms, strings.ToLower(name[len(name)-1]))
			case x < 0.25:
				terms = append(terms, pick(r, w.topicWords[w.topicsZ.one(r)]))
			default:
				terms = append(terms, w.content[w.contentZ.one(r)])
			}
		}
		q := query{Q: strings.Join(terms, " ")}
		if r.Float64() < 0.2 {
			switch r.IntN(3) {
			case 0:
				q.Filter = &filter{"countries", countries[w.countriesZ.one(r)]}
			case 1:
				q.Filter = &filter{"officials", w.officials[w.officialsZ.one(r)]}
			default:
				q.Filter = &filter{"topics", topics[w.topicsZ.one(r)].name}
			}
		}
		out = append(out, q)
	}
	return out
}
