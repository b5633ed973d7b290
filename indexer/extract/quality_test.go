package extract_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/accord-search/accord/indexer/clean"
	"github.com/accord-search/accord/indexer/extract"
	"github.com/accord-search/accord/search"
)

// Quality floors on the labeled corpus (seeds + dev). The same figures are
// measured on hidden pages, so the rules must generalize.
const (
	floorCountries = 0.95
	floorOfficials = 0.90
	floorTopics    = 0.80
	floorDate      = 0.85
	floorTitle     = 0.90
)

// label is one line of labels.jsonl.
type label struct {
	ID        string   `json:"id"`
	URL       *string  `json:"url"`
	Title     *string  `json:"title"`
	Date      *string  `json:"date"`
	Countries []string `json:"countries"`
	Officials []string `json:"officials"`
	Topics    []string `json:"topics"`
}

// sharedDir is the shared corpus root: $ACCORD_SHARED, else ../shared seen
// from the repository root.
func sharedDir() string {
	if d := os.Getenv("ACCORD_SHARED"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared")
}

func TestQuality(t *testing.T) {
	root := filepath.Join(sharedDir(), "corpus")
	if _, err := os.Stat(root); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("shared corpus not found at %s (set ACCORD_SHARED): %v", root, err)
		}
		t.Skipf("shared corpus not found at %s (set ACCORD_SHARED to run the quality test)", root)
	}
	x, err := extract.Load()
	if err != nil {
		t.Fatal(err)
	}
	var pages []kfPage
	var sc scorer
	for _, dir := range []string{"seeds", "dev"} {
		for _, lab := range readLabels(t, filepath.Join(root, dir, "labels.jsonl")) {
			a, ok := cleanPage(t, filepath.Join(root, dir), lab)
			if !ok {
				sc.missing = append(sc.missing, lab.ID)
				continue
			}
			pages = append(pages, kfPage{lab, a})
			sc.add(t, lab, a, x.Extract(a.Title, a.Body))
			// Every page gets a readable title: its headline, else one
			// made from its text; never a file name or "Untitled".
			title := a.Title
			if title == "" {
				title = search.DeriveTitle(a.Body)
				sc.derived++
			}
			// (A page of fewer than 25 words has no article: the indexer
			// skips it.)
			if len(strings.Fields(a.Body)) >= 25 && len(strings.Fields(title)) < 3 || strings.Contains(title, lab.ID) || strings.Contains(strings.ToLower(title), "untitled") {
				t.Errorf("%s: title %q is not a readable title", lab.ID, title)
			}
		}
	}
	sc.report(t)
	sc.reportTopics(t, "dev")

	// Hold-out: every labeled official is left out of the gazetteer, so the
	// figure shows how discovery does on people it has never seen, as on
	// hidden pages. It is informational, not a floor.
	var people []string
	for _, p := range pages {
		people = append(people, p.lab.Officials...)
	}
	held, err := extract.LoadWithout(people)
	if err != nil {
		t.Fatal(err)
	}
	var tp, fp, fn int
	for _, p := range pages {
		got := foldSet(held.Extract(p.a.Title, p.a.Body).Officials)
		gold := foldSet(p.lab.Officials)
		var missed, extra []string
		for v := range gold {
			if got[v] {
				tp++
			} else {
				fn++
				missed = append(missed, v)
			}
		}
		for v := range got {
			if !gold[v] {
				fp++
				extra = append(extra, v)
			}
		}
		if testing.Verbose() && len(missed)+len(extra) > 0 {
			sort.Strings(missed)
			sort.Strings(extra)
			t.Logf("hold-out %s officials: missed %q extra %q", p.lab.ID, missed, extra)
		}
	}
	pr, rc, f1 := prf(tp, fp, fn)
	t.Logf("officials  hold-out (labeled people left out of the gazetteer): precision %.3f recall %.3f F1 %.3f  (tp %d fp %d fn %d)", pr, rc, f1, tp, fp, fn)

	kfold(t, x, pages)
}

// kfPage is one labeled, cleaned page of the k-fold run.
type kfPage struct {
	lab label
	a   clean.Article
}

// kFolds is the number of folds of the leave-out run.
const kFolds = 5

// kfold reports figures that show how extraction does on pages whose
// answers are not in our data. The labeled pages are split into kFolds
// folds (page i in fold i mod kFolds). A data entry is "supported" by a
// page when it produces a right answer there: a row of officials.tsv by
// every page whose labels name that person, a topic term of topics.json by
// every page where it matches and the topic is labeled. Each fold is
// scored with an extractor that leaves out every entry the fold supports
// and fewer than two pages outside the fold support: whatever exists for
// one page only cannot help that page. Countries, roles, blockers and the
// cleaning rules (dates, titles) are general lists and code, not per-page
// entries, so date and title figures are the dev figures; countries are
// still scored per fold. The figures are informational, not floors.
func kfold(t *testing.T, x *extract.Extractor, pages []kfPage) {
	type entry struct{ kind, topic, name string }
	support := map[entry][]int{} // entry -> page indexes
	for i, p := range pages {
		for _, o := range p.lab.Officials {
			support[entry{"official", "", fold(o)}] = append(support[entry{"official", "", fold(o)}], i)
		}
		gold := foldSet(p.lab.Topics)
		for topic, terms := range x.TopicTerms(p.a.Title, p.a.Body) {
			if !gold[fold(topic)] {
				continue
			}
			for _, term := range terms {
				e := entry{"term", topic, term}
				support[e] = append(support[e], i)
			}
		}
	}
	var sc scorer
	sc.quiet = os.Getenv("KFOLD_VERBOSE") == "" // KFOLD_VERBOSE=1 logs each fold page's misses
	withheld := 0
	for k := 0; k < kFolds; k++ {
		var names []string
		terms := map[string][]string{}
		for e, idx := range support {
			in, out := 0, 0
			for _, i := range idx {
				if i%kFolds == k {
					in++
				} else {
					out++
				}
			}
			if in == 0 || out >= 2 {
				continue
			}
			withheld++
			if e.kind == "official" {
				names = append(names, e.name)
			} else {
				terms[e.topic] = append(terms[e.topic], e.name)
			}
		}
		fx, err := extract.LoadLeaveOut(names, terms)
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range pages {
			if i%kFolds == k {
				sc.add(t, p.lab, p.a, fx.Extract(p.a.Title, p.a.Body))
			}
		}
	}
	for i, name := range facetNames {
		p, r, f1 := prf(sc.tp[i], sc.fp[i], sc.fn[i])
		t.Logf("%-10s k-fold (%d folds, %d entries withheld): precision %.3f recall %.3f F1 %.3f  (tp %d fp %d fn %d)",
			name, kFolds, withheld, p, r, f1, sc.tp[i], sc.fp[i], sc.fn[i])
	}
	sc.reportTopics(t, "k-fold")
}

// cleanPage reads <id>.txt or <id>.html and cleans it.
func cleanPage(t *testing.T, dir string, lab label) (clean.Article, bool) {
	if raw, err := os.ReadFile(filepath.Join(dir, lab.ID+".txt")); err == nil {
		return clean.Text(string(raw)), true
	}
	if raw, err := os.ReadFile(filepath.Join(dir, lab.ID+".html")); err == nil {
		u := ""
		if lab.URL != nil {
			u = *lab.URL
		}
		return clean.HTML(raw, u), true
	}
	t.Logf("%s: no page file", lab.ID)
	return clean.Article{}, false
}

func readLabels(t *testing.T, path string) []label {
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var out []label
	s := bufio.NewScanner(fh)
	s.Buffer(make([]byte, 1<<20), 1<<20)
	for s.Scan() {
		if strings.TrimSpace(s.Text()) == "" {
			continue
		}
		var l label
		if err := json.Unmarshal(s.Bytes(), &l); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, l)
	}
	return out
}

// scorer accumulates the figures of tools/score_facets.py.
type scorer struct {
	tp, fp, fn     [3]int
	docs, dates    int
	titled, titles int
	missing        []string
	quiet          bool               // no per-page lines
	derived        int                // pages without a headline, titled from their text
	perTopic       map[string]*[3]int // topic -> tp, fp, fn
}

var facetNames = [3]string{"countries", "officials", "topics"}

func (s *scorer) add(t *testing.T, lab label, a clean.Article, f extract.Facets) {
	s.docs++
	gold := [3][]string{lab.Countries, lab.Officials, lab.Topics}
	got := [3][]string{f.Countries, f.Officials, f.Topics}
	for i := range facetNames {
		g, p := foldSet(gold[i]), foldSet(got[i])
		var missed, extra []string
		for v := range g {
			if p[v] {
				s.tp[i]++
				s.topicCount(i, v, 0)
			} else {
				s.fn[i]++
				s.topicCount(i, v, 2)
				missed = append(missed, v)
			}
		}
		for v := range p {
			if !g[v] {
				s.fp[i]++
				s.topicCount(i, v, 1)
				extra = append(extra, v)
			}
		}
		if testing.Verbose() && !s.quiet && len(missed)+len(extra) > 0 {
			sort.Strings(missed)
			sort.Strings(extra)
			t.Logf("%s %s: missed %q extra %q", lab.ID, facetNames[i], missed, extra)
		}
	}
	goldDate := ""
	if lab.Date != nil {
		goldDate = *lab.Date
	}
	if dateOK(goldDate, a.Date) {
		s.dates++
	} else if testing.Verbose() && !s.quiet {
		t.Logf("%s date: gold %q got %q", lab.ID, goldDate, a.Date)
	}
	if lab.Title != nil && *lab.Title != "" {
		s.titled++
		if titleOK(*lab.Title, a.Title) {
			s.titles++
		} else if testing.Verbose() && !s.quiet {
			t.Logf("%s title: gold %q got %q", lab.ID, *lab.Title, a.Title)
		}
	}
}

// topicCount counts a topic's tp (k=0), fp (1) or fn (2) for the per-topic
// figures; facet i is the topics facet.
func (s *scorer) topicCount(i int, topic string, k int) {
	if facetNames[i] != "topics" {
		return
	}
	if s.perTopic == nil {
		s.perTopic = map[string]*[3]int{}
	}
	if s.perTopic[topic] == nil {
		s.perTopic[topic] = new([3]int)
	}
	s.perTopic[topic][k]++
}

// reportTopics logs precision, recall and F1 per topic.
func (s *scorer) reportTopics(t *testing.T, what string) {
	var names []string
	for n := range s.perTopic {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := s.perTopic[n]
		p, r, f1 := prf(c[0], c[1], c[2])
		t.Logf("  %s topic %-30s P %.3f R %.3f F1 %.3f  (tp %d fp %d fn %d)", what, n, p, r, f1, c[0], c[1], c[2])
	}
}

func (s *scorer) report(t *testing.T) {
	if len(s.missing) > 0 {
		t.Errorf("%d labeled documents had no page: %v", len(s.missing), s.missing)
	}
	floors := [3]float64{floorCountries, floorOfficials, floorTopics}
	for i, name := range facetNames {
		p, r, f1 := prf(s.tp[i], s.fp[i], s.fn[i])
		t.Logf("%-10s precision %.3f recall %.3f F1 %.3f  (tp %d fp %d fn %d)", name, p, r, f1, s.tp[i], s.fp[i], s.fn[i])
		if f1 < floors[i] {
			t.Errorf("%s F1 = %.3f, want >= %.2f", name, f1, floors[i])
		}
	}
	dateAcc := float64(s.dates) / float64(max(s.docs, 1))
	titleAcc := float64(s.titles) / float64(max(s.titled, 1))
	t.Logf("date       exact %d/%d = %.3f", s.dates, s.docs, dateAcc)
	t.Logf("title      match %d/%d = %.3f (pages that show a headline); %d titles derived from the text", s.titles, s.titled, titleAcc, s.derived)
	if dateAcc < floorDate {
		t.Errorf("date accuracy = %.3f, want >= %.2f", dateAcc, floorDate)
	}
	if titleAcc < floorTitle {
		t.Errorf("title accuracy = %.3f, want >= %.2f", titleAcc, floorTitle)
	}
}

func prf(tp, fp, fn int) (p, r, f1 float64) {
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}

var (
	spaceRe = regexp.MustCompile(`\s+`)
	wordRe  = regexp.MustCompile(`[\p{L}\p{N}\p{Mn}_]+`)
	unmark  = transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)))
)

// fold is score_facets.py's fold: NFKD, no combining marks, spaces
// collapsed, case folded.
func fold(s string) string {
	s, _, _ = transform.String(unmark, s)
	return strings.ToLower(strings.TrimSpace(spaceRe.ReplaceAllString(s, " ")))
}

func foldSet(vs []string) map[string]bool {
	m := map[string]bool{}
	for _, v := range vs {
		if v != "" {
			m[fold(v)] = true
		}
	}
	return m
}

// dateOK: a gold date is met by any prediction that starts with it; a
// missing gold date only by an empty prediction.
func dateOK(gold, pred string) bool {
	pred = strings.TrimSpace(pred)
	if gold == "" {
		return pred == ""
	}
	return strings.HasPrefix(pred, gold)
}

// titleOK: same words, or token F1 of at least 0.8.
func titleOK(gold, pred string) bool {
	g, p := wordRe.FindAllString(fold(gold), -1), wordRe.FindAllString(fold(pred), -1)
	if len(g) == 0 {
		return len(p) == 0
	}
	if strings.Join(g, " ") == strings.Join(p, " ") {
		return true
	}
	pool := map[string]int{}
	for _, w := range p {
		pool[w]++
	}
	common := 0
	for _, w := range g {
		if pool[w] > 0 {
			pool[w]--
			common++
		}
	}
	if common == 0 {
		return false
	}
	prec, rec := float64(common)/float64(len(p)), float64(common)/float64(len(g))
	return 2*prec*rec/(prec+rec) >= 0.8
}
