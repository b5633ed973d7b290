package indexer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
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
	err := buildAll(ctx, b, opt, nil, func(e built) error {
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

// Run reads the corpus and brings the engine in line with it. Documents
// stream: they are built on every core, folded into near-duplicate groups
// (the detector keeps only signatures) and sent in batches as they come,
// so memory does not grow with the corpus beyond a few small entries per
// document (IDs, hashes, signatures). A document that gains a copy after
// its batch was sent is built again and re-sent at the end.
func Run(ctx context.Context, b *Builder, sink Sink, opt Options) (Summary, error) {
	start := time.Now()
	var sum Summary
	defer func() { sum.Seconds = time.Since(start).Seconds() }()
	stored := map[string]string{}
	if inv, ok := sink.(search.Inventory); ok {
		var err error
		if stored, err = inv.Hashes(ctx); err != nil {
			return sum, fmt.Errorf("indexer: list stored documents: %w", err)
		}
	}
	prog := opt.progress()
	prog.Phase("index", -1)
	st := newStream(sink, opt, &sum, stored)
	r := newReading(opt, &sum)
	err := buildAll(ctx, b, opt, nil, func(e built) error {
		d, ok := r.step(e)
		if e.skip == nil {
			prog.Add(1)
		}
		if !ok {
			return nil
		}
		return st.add(ctx, d)
	})
	if err == nil {
		err = st.flush(ctx)
	}
	if werr := st.wait(); err == nil {
		err = werr
	}
	st.settle()
	if err == nil && len(st.resend) > 0 {
		// Documents that gained copies after they were sent: build them
		// again (only them) and send them with their copies.
		want := maps.Clone(st.resend) // read by the walk's goroutine
		err = buildAll(ctx, b, opt, func(it source.Item) bool { return want[ID(it)] }, func(e built) error {
			if e.skip != nil || !e.ok || !st.resend[e.doc.ID] || r.first[e.doc.ID] != e.ref {
				return nil
			}
			delete(st.resend, e.doc.ID)
			st.pass2 = true
			return st.queue(ctx, e.doc)
		})
		if err == nil {
			err = st.flush(ctx)
		}
		if werr := st.wait(); err == nil {
			err = werr
		}
	}
	prog.Done()
	if err != nil {
		return sum, err
	}
	var gone []string
	for id := range stored {
		_, dup := st.duplicateOf[id]
		if dup || (opt.Prune && !st.present[id] && !r.skipped[id] && fileGone(ctx, sink, opt.Root, id)) {
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

// stream folds near-duplicates and sends documents in batches.
type stream struct {
	sink   Sink
	opt    Options
	sum    *Summary
	stored map[string]string // ID → hash in the engine (updated as sent)
	det    *dedup.Detector
	ids    []string // the ID of each text given to det, in order
	// copies are the copies found so far of kept documents, by ID.
	copies      map[string][]search.Copy
	duplicateOf map[string]string
	present     map[string]bool
	batch       []search.Document
	inBatch     map[string]int    // ID → index in batch
	plain       map[string]string // ID → hash before copies, for documents in batch
	sent        map[string]bool   // kept documents sent this run
	unchanged   map[string]bool   // kept documents found unchanged
	resend      map[string]bool   // documents that gained copies after their batch
	// expect holds the documents whose hash differs from the engine's
	// only for want of the copies the engine has (their hash before
	// copies): they are held back until the whole corpus is read.
	expect map[string]string
	pass2  bool
	// offered counts the documents sent so far (for error messages).
	offered int
	pending *inflight
}

func newStream(sink Sink, opt Options, sum *Summary, stored map[string]string) *stream {
	return &stream{
		sink: sink, opt: opt, sum: sum, stored: stored, det: dedup.New(),
		copies: map[string][]search.Copy{}, duplicateOf: map[string]string{}, present: map[string]bool{},
		inBatch: map[string]int{}, plain: map[string]string{}, sent: map[string]bool{},
		unchanged: map[string]bool{}, resend: map[string]bool{}, expect: map[string]string{},
	}
}

// hadCopies reports whether the engine's document id has copies with
// which a document of hash plain has the engine's hash h: then it may
// well be unchanged once this run has found its copies.
func (s *stream) hadCopies(ctx context.Context, id, plain, h string) bool {
	g, ok := s.sink.(search.Getter)
	if !ok {
		return false
	}
	d, err := g.Get(ctx, id)
	if err != nil || len(d.AlsoPublished) == 0 {
		return false
	}
	b, _ := json.Marshal(d.AlsoPublished)
	return hashOf([]byte(plain), b) == h
}

// settle decides, once the corpus is read, which held-back documents
// must be sent after all.
func (s *stream) settle() {
	for id, plain := range s.expect {
		h := plain
		if cp := s.copies[id]; len(cp) > 0 {
			b, _ := json.Marshal(cp)
			h = hashOf([]byte(plain), b)
		}
		if h == s.stored[id] {
			delete(s.resend, id)
		} else {
			s.resend[id] = true
		}
	}
	clear(s.expect)
}

// add folds d into an earlier document or queues it for sending.
func (s *stream) add(ctx context.Context, d search.Document) error {
	j := s.det.Add(d.Title + "\n" + d.Body)
	s.ids = append(s.ids, d.ID)
	if j < 0 {
		s.present[d.ID] = true
		return s.queue(ctx, d)
	}
	orig := s.ids[j]
	s.sum.Duplicates++
	s.duplicateOf[d.ID] = orig
	s.copies[orig] = append(s.copies[orig], search.Copy{Source: d.Source, URL: d.URL, Path: d.Path})
	if _, ok := s.inBatch[orig]; !ok {
		s.resend[orig] = true
	}
	return nil
}

// queue adds a kept document to the batch, sending the batch when full.
func (s *stream) queue(ctx context.Context, d search.Document) error {
	s.inBatch[d.ID] = len(s.batch)
	s.plain[d.ID] = d.Hash
	s.batch = append(s.batch, d)
	if len(s.batch) >= s.opt.batchSize() {
		return s.flush(ctx)
	}
	return nil
}

// flush gives the documents of the batch their copies and final hash, and
// sends those whose hash differs from the engine's.
func (s *stream) flush(ctx context.Context) error {
	var todo []search.Document
	for _, d := range s.batch {
		if cp := s.copies[d.ID]; len(cp) > 0 {
			d.AlsoPublished = cp
			b, _ := json.Marshal(cp)
			d.Hash = hashOf([]byte(s.plain[d.ID]), b)
		}
		h, ok := s.stored[d.ID]
		if ok && h != d.Hash && !s.pass2 && len(s.copies[d.ID]) == 0 && s.hadCopies(ctx, d.ID, s.plain[d.ID], h) {
			s.expect[d.ID] = s.plain[d.ID]
			s.unchanged[d.ID] = true
			s.sum.Unchanged++
			continue
		}
		if ok && h == d.Hash {
			if !s.pass2 {
				s.unchanged[d.ID] = true
				s.sum.Unchanged++
			}
			continue
		}
		todo = append(todo, d)
	}
	s.batch = s.batch[:0]
	clear(s.inBatch)
	clear(s.plain)
	if err := s.wait(); err != nil {
		return err
	}
	if len(todo) == 0 {
		return nil
	}
	// The batch is sent while the next one is built; its result is
	// taken (and counted) by the next flush or by wait.
	p := &inflight{todo: todo, first: s.offered, done: make(chan error, 1)}
	s.offered += len(todo)
	go func() { p.done <- s.sink.Index(ctx, todo) }()
	s.pending = p
	return nil
}

// inflight is a batch being sent.
type inflight struct {
	todo  []search.Document
	first int // documents sent before it this run
	done  chan error
}

// wait waits for the batch in flight, if any, and counts it.
func (s *stream) wait() error {
	p := s.pending
	if p == nil {
		return nil
	}
	s.pending = nil
	if err := <-p.done; err != nil {
		return fmt.Errorf("indexer: send documents %d-%d: %w", p.first+1, p.first+len(p.todo), err)
	}
	for _, d := range p.todo {
		s.stored[d.ID] = d.Hash
		if s.unchanged[d.ID] {
			delete(s.unchanged, d.ID)
			s.sum.Unchanged--
		}
		if !s.sent[d.ID] {
			s.sent[d.ID] = true
			s.sum.Indexed++
		}
	}
	return nil
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

func (o Options) batchSize() int {
	if o.BatchSize <= 0 {
		return 500
	}
	return o.BatchSize
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
