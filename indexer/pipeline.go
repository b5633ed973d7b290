package indexer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/accord-search/accord/indexer/dedup"
	"github.com/accord-search/accord/indexer/source"
	"github.com/accord-search/accord/search"
)

// Sink is what the pipeline needs of an engine. An engine that is also a
// search.Inventory is indexed incrementally.
type Sink interface {
	Index(ctx context.Context, docs []search.Document) error
	Delete(ctx context.Context, ids []string) error
}

// Options configure a run.
type Options struct {
	Root        string
	MaxFileSize int64
	// BatchSize is how many documents go to the engine at once.
	BatchSize int
	// Prune deletes documents whose files are gone from the corpus.
	Prune bool
	// Log receives one line per skipped file and other notices.
	Log io.Writer
	// Progress reports progress; nil reports nothing.
	Progress Progress
}

// Progress is told how a run advances.
type Progress interface {
	// Phase starts a phase ("read", "index") of total steps (-1: unknown).
	Phase(name string, total int)
	Add(n int)
	Done()
}

// Summary counts what a run did.
type Summary struct {
	Read       int            `json:"read"`
	Indexed    int            `json:"indexed"`
	Unchanged  int            `json:"unchanged"`
	Duplicates int            `json:"duplicates"`
	Deleted    int            `json:"deleted"`
	Skipped    map[string]int `json:"skipped"`
	Seconds    float64        `json:"seconds"`
}

// Failed reports whether any input was bad (pages without an article
// are expected and do not count).
func (s Summary) Failed() bool {
	for reason, n := range s.Skipped {
		if reason != ReasonNoArticle && reason != source.ReasonNotDocuments && n > 0 {
			return true
		}
	}
	return false
}

// String renders the summary as one line.
func (s Summary) String() string {
	rate := 0.0
	if s.Seconds > 0 {
		rate = float64(s.Read) / s.Seconds
	}
	reasons := make([]string, 0, len(s.Skipped))
	for r := range s.Skipped {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	skipped, total := "", 0
	for _, r := range reasons {
		skipped += fmt.Sprintf(", %s %d", r, s.Skipped[r])
		total += s.Skipped[r]
	}
	return fmt.Sprintf("read %d, indexed %d, unchanged %d, duplicates %d, deleted %d, skipped %d%s; %.1fs, %.0f docs/s",
		s.Read, s.Indexed, s.Unchanged, s.Duplicates, s.Deleted, total, skipped, s.Seconds, rate)
}

// Corpus is the result of reading a corpus: every document, with the
// duplicates folded into the documents they copy.
type Corpus struct {
	// Docs are the documents to index, in path order.
	Docs []search.Document
	// DuplicateOf maps each duplicate's ID to the ID it was folded into.
	DuplicateOf map[string]string
	// Duplicates are the folded documents themselves (for dry runs).
	Duplicates []search.Document
	// Skipped holds the IDs of items whose files are still in the corpus
	// but were skipped this run (no article, caught mid-write, broken):
	// -prune keeps their documents.
	Skipped map[string]bool
}

// ReasonRepeatedID counts records whose ID an earlier record of the run
// already has: the first is kept, so every run indexes the same one.
const ReasonRepeatedID = "repeated id"

// Read walks the corpus, builds documents and folds near-duplicates.
func Read(ctx context.Context, b *Builder, opt Options, sum *Summary) (*Corpus, error) {
	prog := opt.progress()
	prog.Phase("read", -1)
	defer prog.Done()
	if sum.Skipped == nil {
		sum.Skipped = map[string]int{}
	}
	var all []search.Document
	r := newReading(opt, sum)
	err := buildAll(ctx, b, opt, func(e built) error {
		if d, ok := r.step(e); ok {
			all = append(all, d)
		}
		if e.skip == nil {
			prog.Add(1)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	skipped := r.skipped
	c := fold(all)
	c.Skipped = skipped
	return c, nil
}

// reading keeps the bookkeeping of a walk: skipped items and repeated
// IDs.
type reading struct {
	opt     Options
	sum     *Summary
	skipped map[string]bool
	first   map[string]string // ID → ref of the item that has it
}

func newReading(opt Options, sum *Summary) *reading {
	if sum.Skipped == nil {
		sum.Skipped = map[string]int{}
	}
	return &reading{opt: opt, sum: sum, skipped: map[string]bool{}, first: map[string]string{}}
}

// step counts one step of the walk and returns its document, if it is
// one to index.
func (r *reading) step(e built) (search.Document, bool) {
	sum, opt := r.sum, r.opt
	if s := e.skip; s != nil {
		// A skipped file or line keeps the ID a document made from it
		// would have (a record's own ID is unknown when it is broken).
		r.skipped[ID(source.Item{Path: s.Path})] = true
		sum.Skipped[s.Reason]++
		opt.logf("%s", s)
		return search.Document{}, false
	}
	sum.Read++
	d := e.doc
	if !e.ok {
		r.skipped[d.ID] = true
		sum.Skipped[ReasonNoArticle]++
		opt.logf("skip %s: %s", e.ref, ReasonNoArticle)
		return d, false
	}
	if ref, dup := r.first[d.ID]; dup {
		sum.Skipped[ReasonRepeatedID]++
		opt.logf("%s", source.Skip{Path: e.ref, Reason: ReasonRepeatedID, Detail: fmt.Sprintf("%q, first at %s", d.ID, ref)})
		return d, false
	}
	r.first[d.ID] = e.ref
	return d, true
}

// fold keeps the first document of each near-duplicate group and lists
// the others as its copies. A kept document's hash covers its copies, so
// a change in the group re-sends it.
func fold(all []search.Document) *Corpus {
	c := &Corpus{DuplicateOf: map[string]string{}}
	det := dedup.New()
	kept := map[int]int{} // index in all → index in c.Docs
	for i := range all {
		if j := det.Add(all[i].Title + "\n" + all[i].Body); j >= 0 {
			orig := &c.Docs[kept[j]]
			orig.AlsoPublished = append(orig.AlsoPublished, search.Copy{Source: all[i].Source, URL: all[i].URL, Path: all[i].Path})
			c.DuplicateOf[all[i].ID] = orig.ID
			c.Duplicates = append(c.Duplicates, all[i])
			continue
		}
		kept[i] = len(c.Docs)
		c.Docs = append(c.Docs, all[i])
	}
	for i := range c.Docs {
		if cp := c.Docs[i].AlsoPublished; len(cp) > 0 {
			b, _ := json.Marshal(cp)
			c.Docs[i].Hash = hashOf([]byte(c.Docs[i].Hash), b)
		}
	}
	return c
}

// Run reads the corpus and brings the engine in line with it.
func Run(ctx context.Context, b *Builder, sink Sink, opt Options) (Summary, error) {
	start := time.Now()
	var sum Summary
	defer func() { sum.Seconds = time.Since(start).Seconds() }()
	c, err := Read(ctx, b, opt, &sum)
	if err != nil {
		return sum, err
	}
	sum.Duplicates = len(c.Duplicates)
	stored := map[string]string{}
	if inv, ok := sink.(search.Inventory); ok {
		if stored, err = inv.Hashes(ctx); err != nil {
			return sum, fmt.Errorf("indexer: list stored documents: %w", err)
		}
	}
	var todo []search.Document
	present := make(map[string]bool, len(c.Docs))
	for _, d := range c.Docs {
		present[d.ID] = true
		if h, ok := stored[d.ID]; ok && h == d.Hash {
			sum.Unchanged++
			continue
		}
		todo = append(todo, d)
	}
	if err := send(ctx, sink, todo, opt, &sum); err != nil {
		return sum, err
	}
	var gone []string
	for id := range stored {
		_, dup := c.DuplicateOf[id]
		if dup || (opt.Prune && !present[id] && !c.Skipped[id] && fileGone(ctx, sink, opt.Root, id)) {
			gone = append(gone, id)
		}
	}
	sort.Strings(gone)
	if len(gone) > 0 {
		if err := sink.Delete(ctx, gone); err != nil {
			return sum, fmt.Errorf("indexer: delete: %w", err)
		}
		sum.Deleted = len(gone)
	}
	sum.Seconds = time.Since(start).Seconds()
	return sum, nil
}

// fileGone reports whether the file a stored document came from is gone
// from the corpus; -prune deletes only those documents, never one whose
// file was merely skipped this run. Without a way to look the document up
// it trusts the run: the document was neither read nor skipped.
func fileGone(ctx context.Context, sink Sink, root, id string) bool {
	g, ok := sink.(search.Getter)
	if !ok {
		return true
	}
	d, err := g.Get(ctx, id)
	if err != nil || d.Path == "" {
		return true
	}
	p := d.Path
	if i := strings.LastIndexByte(p, ':'); i > 0 && source.FormatOf(p[:i]) == source.FormatJSONL {
		p = p[:i] // "export.jsonl:12"
	}
	_, err = os.Lstat(filepath.Join(root, filepath.FromSlash(p)))
	return errors.Is(err, fs.ErrNotExist)
}

func send(ctx context.Context, sink Sink, docs []search.Document, opt Options, sum *Summary) error {
	prog := opt.progress()
	prog.Phase("index", len(docs))
	defer prog.Done()
	size := opt.BatchSize
	if size <= 0 {
		size = 500
	}
	for start := 0; start < len(docs); start += size {
		batch := docs[start:min(start+size, len(docs))]
		if err := sink.Index(ctx, batch); err != nil {
			return fmt.Errorf("indexer: send documents %d-%d: %w", start+1, start+len(batch), err)
		}
		sum.Indexed += len(batch)
		prog.Add(len(batch))
	}
	return nil
}

func (o Options) logf(format string, args ...any) {
	if o.Log != nil {
		fmt.Fprintf(o.Log, format+"\n", args...)
	}
}

func (o Options) progress() Progress {
	if o.Progress == nil {
		return nopProgress{}
	}
	return o.Progress
}

type nopProgress struct{}

func (nopProgress) Phase(string, int) {}
func (nopProgress) Add(int)           {}
func (nopProgress) Done()             {}
