package bleve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/accord-search/accord/search"
)

// ErrSchemaChanged reports an index written with another SchemaVersion.
var ErrSchemaChanged = errors.New("bleve: index schema changed")

// internalSchemaKey stores SchemaVersion inside the index.
var internalSchemaKey = []byte("accord_schema")

// batchSize bounds one Bleve batch; Batch() fsyncs per call, so larger
// batches index faster, at the cost of memory.
const batchSize = 1000

// Index is an on-disk Bleve index that implements search.Engine,
// search.Getter, search.Inventory and search.Counter.
type Index struct {
	dir string
	// alias lets Swap replace the index under in-flight searches.
	alias bleve.IndexAlias
	mu    sync.Mutex // guards idx
	idx   bleve.Index
	// gen counts changes to the served documents (Index, Delete, Swap);
	// cache entries of an older generation are stale.
	gen   atomic.Uint64
	cache cache
	// snaps holds expansions and facet bitmaps per index snapshot.
	snaps snapshots
	// spells caches Spell answers of the current generation.
	spells spellCache
	// written counts the documents Index and Delete were given; failed
	// records that one of them failed (a run given up on, whose index is
	// not worth compacting).
	written atomic.Int64
	failed  atomic.Bool
	// closed makes a second Close a no-op.
	closed atomic.Bool
	// readOnly: a served generation, opened without write access, so
	// that its files stay as its manifest records them.
	readOnly bool
	// release gives up the in-use lock of the generation served.
	release func()
	// damaged: a read found the served generation damaged.
	damaged atomic.Bool
}

var (
	_ search.Engine    = (*Index)(nil)
	_ search.Getter    = (*Index)(nil)
	_ search.Inventory = (*Index)(nil)
	_ search.Counter   = (*Index)(nil)
)

// Open opens the index in dir, creating it when dir holds none. It fails
// with ErrSchemaChanged when the index has another schema version, and
// with search.ErrUnavailable when another process holds the index.
func Open(dir string) (*Index, error) {
	idx, err := openOrCreate(dir)
	if err != nil {
		return nil, err
	}
	release, err := holdInUse(dir)
	if err != nil {
		idx.Close()
		return nil, err
	}
	return &Index{dir: dir, alias: bleve.NewIndexAlias(idx), idx: idx, release: release}, nil
}

// OpenReadOnly opens the committed generation in dir for serving: it
// never creates one, verifies the files against the manifest before Bleve
// maps them, and opens them read-only. A generation that is missing,
// damaged or of another schema fails with ErrDamaged.
func OpenReadOnly(dir string) (*Index, error) {
	idx, release, err := openServed(dir)
	if err != nil {
		return nil, err
	}
	return &Index{dir: dir, alias: bleve.NewIndexAlias(idx), idx: idx, readOnly: true, release: release}, nil
}

func openServed(dir string) (idx bleve.Index, release func(), err error) {
	if !Exists(dir) {
		return nil, nil, fmt.Errorf("%w: no index in %s", ErrDamaged, dir)
	}
	held, err := holdInUse(dir)
	if err != nil {
		return nil, nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			idx, err = nil, fmt.Errorf("%w: open %s: %v", ErrDamaged, dir, r)
		}
		if err != nil {
			held()
			idx, release = nil, nil
		}
	}()
	if err := Verify(dir); err != nil {
		return nil, nil, err
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	idx, err = openExisting(dir, map[string]interface{}{"bolt_timeout": "2s", "read_only": true})
	if err != nil && !errors.Is(err, search.ErrUnavailable) && !errors.Is(err, ErrDamaged) {
		err = fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	return idx, held, err
}

// Exists reports whether dir holds a Bleve index.
func Exists(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "index_meta.json"))
	return err == nil
}

func openOrCreate(dir string) (bleve.Index, error) {
	// A second writer would block forever on the lock without a timeout.
	cfg := map[string]interface{}{"bolt_timeout": "2s"}
	if Exists(dir) {
		return openExisting(dir, cfg)
	}
	{
		if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
			return nil, fmt.Errorf("bleve: create %s: %w", dir, err)
		}
		idx, err := bleve.NewUsing(dir, newMapping(), bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, cfg)
		if err != nil {
			return nil, fmt.Errorf("bleve: create %s: %w", dir, err)
		}
		if err := idx.SetInternal(internalSchemaKey, []byte(SchemaVersion)); err != nil {
			idx.Close()
			return nil, fmt.Errorf("bleve: create %s: %w", dir, err)
		}
		return idx, nil
	}
}

func openExisting(dir string, cfg map[string]interface{}) (bleve.Index, error) {
	idx, err := bleve.OpenUsing(dir, cfg)
	if err != nil {
		if errors.Is(err, bleve.ErrorIndexMetaMissing) || errors.Is(err, bleve.ErrorIndexMetaCorrupt) {
			return nil, fmt.Errorf("bleve: open %s: %w: %w: %v", dir, ErrDamaged, ErrSchemaChanged, err)
		}
		if err.Error() == "timeout" {
			return nil, fmt.Errorf("bleve: open %s: %w: the index is locked by another process", dir, search.ErrUnavailable)
		}
		return nil, fmt.Errorf("bleve: open %s: %w", dir, err)
	}
	v, err := idx.GetInternal(internalSchemaKey)
	if err != nil || string(v) != SchemaVersion {
		idx.Close()
		return nil, fmt.Errorf("bleve: open %s: %w: %w: found %q, want %q", dir, ErrDamaged, ErrSchemaChanged, v, SchemaVersion)
	}
	return idx, nil
}

// Dir returns the directory of the index currently served.
func (x *Index) Dir() string {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.dir
}

// Swap replaces the served index with the committed generation in dir
// (built aside), opened read-only after verifying it (see OpenReadOnly),
// and closes the old one. Searches in flight finish on the old index
// first. A generation that is missing or damaged is refused with
// ErrDamaged, and the old one stays.
func (x *Index) Swap(dir string) error {
	idx, release, err := openServed(dir)
	if err != nil {
		return err
	}
	x.mu.Lock()
	old, oldRelease := x.idx, x.release
	x.alias.Swap([]bleve.Index{idx}, []bleve.Index{old})
	x.idx, x.dir, x.release, x.readOnly = idx, dir, release, true
	x.mu.Unlock()
	x.damaged.Store(false)
	x.gen.Add(1)
	err = old.Close()
	if oldRelease != nil {
		oldRelease()
	}
	return err
}

// errReadOnly: a served generation is never written (Bleve would block
// forever on a batch for a read-only index).
var errReadOnly = errors.New("bleve: a served index generation is read-only; write to a new generation (Store.Begin)")

func (x *Index) isReadOnly() bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.readOnly
}

func (x *Index) current() bleve.Index {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.idx
}

// minParallelBatch is the smallest batch Index sends alongside others.
const minParallelBatch = 200

// Index adds or replaces docs. Bleve builds a batch's segment in the
// goroutine that sends it and then waits for the segment to be fsynced,
// so batches sent one after another leave the other cores idle; Index
// therefore sends up to one batch per core at once (of at least
// minParallelBatch documents, and only when no ID repeats, since the
// order of concurrent batches is undefined). It returns once every
// batch is fsynced.
func (x *Index) Index(ctx context.Context, docs []search.Document) (err error) {
	if x.isReadOnly() {
		return errReadOnly
	}
	defer x.changed(len(docs), &err) // after the batches, so no cache entry outlives them
	idx := x.current()
	parts := split(docs, runtime.GOMAXPROCS(0))
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	for i := 1; i < len(parts); i++ {
		wg.Go(func() { errs[i] = indexBatches(ctx, idx, parts[i]) })
	}
	errs[0] = indexBatches(ctx, idx, parts[0])
	wg.Wait()
	return errors.Join(errs...)
}

// split cuts docs into at most n parts of at least minParallelBatch
// documents, or returns docs whole when an ID repeats.
func split(docs []search.Document, n int) [][]search.Document {
	n = min(n, len(docs)/minParallelBatch)
	if n <= 1 {
		return [][]search.Document{docs}
	}
	seen := make(map[string]bool, len(docs))
	for i := range docs {
		if seen[docs[i].ID] {
			return [][]search.Document{docs}
		}
		seen[docs[i].ID] = true
	}
	size := (len(docs) + n - 1) / n
	var parts [][]search.Document
	for start := 0; start < len(docs); start += size {
		parts = append(parts, docs[start:min(start+size, len(docs))])
	}
	return parts
}

// indexBatches sends docs in batches of at most batchSize, in turn.
func indexBatches(ctx context.Context, idx bleve.Index, docs []search.Document) error {
	b := idx.NewBatch()
	for i := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		doc, err := toDocument(idx.Mapping(), &docs[i])
		if err != nil {
			return fmt.Errorf("bleve: index %s: %w", docs[i].ID, err)
		}
		if err := b.IndexAdvanced(doc); err != nil {
			return fmt.Errorf("bleve: index %s: %w", docs[i].ID, err)
		}
		if b.Size() >= batchSize {
			if err := idx.Batch(b); err != nil {
				return fmt.Errorf("bleve: batch: %w", err)
			}
			b.Reset()
		}
	}
	if b.Size() > 0 {
		if err := idx.Batch(b); err != nil {
			return fmt.Errorf("bleve: batch: %w", err)
		}
	}
	return nil
}

// Delete removes documents by ID.
func (x *Index) Delete(ctx context.Context, ids []string) (err error) {
	if x.isReadOnly() {
		return errReadOnly
	}
	defer x.changed(len(ids), &err)
	idx := x.current()
	b := idx.NewBatch()
	for _, id := range ids {
		b.Delete(id)
	}
	if err := idx.Batch(b); err != nil {
		return fmt.Errorf("bleve: delete: %w", err)
	}
	return nil
}

// changed starts a new cache generation after a write of n documents,
// and notes it.
func (x *Index) changed(n int, err *error) {
	x.gen.Add(1)
	x.written.Add(int64(n))
	if *err != nil {
		x.failed.Store(true)
	}
}

// Close closes the index and releases its lock. An index this process
// wrote to without a failure is first compacted (see maxSegments), which
// takes seconds for 100,000 documents and minutes for a million, and its
// merged-away segment files are deleted.
func (x *Index) Close() error {
	if !x.closed.CompareAndSwap(false, true) {
		return nil // closed already: closing twice is harmless
	}
	idx := x.current()
	defer func() {
		x.mu.Lock()
		if x.release != nil {
			x.release()
			x.release = nil
		}
		x.mu.Unlock()
	}()
	written := x.written.Load()
	if written == 0 || x.failed.Load() || x.readOnly {
		return idx.Close()
	}
	keep := maxSegments
	if n, err := idx.DocCount(); err == nil && uint64(written)*10 >= n {
		keep = 1
	}
	err := compact(context.Background(), idx, keep)
	if cerr := idx.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("bleve: compact %s: %w", x.Dir(), err)
	}
	return removeMerged(x.Dir())
}

// Count returns the number of stored documents.
func (x *Index) Count(ctx context.Context) (int, error) {
	n, err := x.current().DocCount()
	return int(n), err
}

// Get returns one stored document.
func (x *Index) Get(ctx context.Context, id string) (*search.Document, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery([]string{id}), 1, 0, false)
	req.Fields = []string{"*"}
	res, err := x.searchIn(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("bleve: get %s: %w", id, searchErr(err))
	}
	if len(res.Hits) == 0 {
		return nil, fmt.Errorf("bleve: get %s: %w", id, search.ErrNotFound)
	}
	d := fromFields(res.Hits[0].ID, res.Hits[0].Fields)
	return &d, nil
}

// Hashes maps every document ID to its stored hash, paging by ID.
func (x *Index) Hashes(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 10000, 0, false)
		req.Fields = []string{fieldHash}
		req.SortByCustom(bsearch.SortOrder{&bsearch.SortDocID{}})
		if after != nil {
			req.SetSearchAfter(after)
		}
		res, err := x.searchIn(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("bleve: list hashes: %w", err)
		}
		for _, h := range res.Hits {
			s, _ := h.Fields[fieldHash].(string)
			out[h.ID] = s
		}
		if len(res.Hits) < 10000 {
			return out, nil
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}

// toFields turns a document into the map Bleve indexes.
func toFields(d *search.Document) map[string]interface{} {
	m := map[string]interface{}{
		fieldTitle:     d.Title,
		fieldBody:      d.Body,
		fieldURL:       d.URL,
		fieldSource:    d.Source,
		fieldDateText:  d.Date,
		fieldDateFrom:  d.DateSource,
		fieldCountries: d.Countries,
		fieldOfficials: d.Officials,
		fieldTopics:    d.Topics,
		fieldType:      d.Type,
		fieldOrgs:      d.Organizations,
		fieldLang:      d.Lang,
		fieldPath:      d.Path,
		fieldHash:      d.Hash,
	}
	facets := make([]string, 0, len(d.Countries)+len(d.Officials)+len(d.Topics)+3)
	for _, f := range search.Facets {
		for _, v := range d.Values(f) {
			facets = append(facets, string(f)+facetSep+v)
		}
	}
	if t, ok := d.Time(); ok {
		m[fieldDate] = t
		m[fieldSortKey] = sortKey(t, d.ID)
		facets = append(facets, yearFacet+facetSep+t.Format("2006"))
	}
	m[fieldFacets] = facets
	if len(d.AlsoPublished) > 0 {
		b, _ := json.Marshal(d.AlsoPublished)
		m[fieldCopies] = string(b)
	}
	if d.TitleDerived {
		m[fieldTitleDerived] = "true"
	}
	if len(d.Roles) > 0 {
		b, _ := json.Marshal(d.Roles)
		m[fieldRoles] = string(b)
	}
	if len(d.Evidence) > 0 {
		b, _ := json.Marshal(d.Evidence)
		m[fieldEvidence] = string(b)
	}
	return m
}

// toDocument maps d through the index mapping, then stores the doc
// values of its fields (facets, sort key) uncompressed and one document
// per chunk, as Bleve does for geo fields; the mapping has no such option.
// Facets and sorting read the doc values of every match, and by default a
// match's values sit in a snappy-compressed chunk of 1,024 documents that
// must be decompressed whole: with 100,000 documents that took the median
// search from 10.6 to 4.2 ms, for 6 MB more on disk. (Skipping the
// compression alone is not enough: zapx then misreads the chunks when it
// merges segments.)
func toDocument(m mapping.IndexMapping, d *search.Document) (*document.Document, error) {
	doc := document.NewDocument(d.ID)
	if err := m.MapDocument(doc, toFields(d)); err != nil {
		return nil, err
	}
	for i, f := range doc.Fields {
		tf, ok := f.(*document.TextField)
		if ok && tf.Options().IncludeDocValues() {
			doc.Fields[i] = document.NewTextFieldCustom(tf.Name(), tf.ArrayPositions(), tf.Value(),
				tf.Options()|index.SkipDVCompression|index.SkipDVChunking, tf.Analyzer())
		}
	}
	return doc, nil
}

// sortKey orders documents by date, then ID, as a plain string.
func sortKey(t time.Time, id string) string {
	return t.Format("20060102") + " " + id
}

// fromFields rebuilds a document from stored fields.
func fromFields(id string, f map[string]interface{}) search.Document {
	str := func(k string) string { s, _ := f[k].(string); return s }
	d := search.Document{
		ID:            id,
		Title:         str(fieldTitle),
		Body:          str(fieldBody),
		URL:           str(fieldURL),
		Source:        str(fieldSource),
		Date:          str(fieldDateText),
		DateSource:    str(fieldDateFrom),
		Countries:     orEmpty(strs(f[fieldCountries])),
		Officials:     orEmpty(strs(f[fieldOfficials])),
		Topics:        orEmpty(strs(f[fieldTopics])),
		Type:          str(fieldType),
		TitleDerived:  str(fieldTitleDerived) == "true",
		Organizations: strs(f[fieldOrgs]),
		Lang:          str(fieldLang),
		Path:          str(fieldPath),
		Hash:          str(fieldHash),
	}
	if c := str(fieldCopies); c != "" {
		_ = json.Unmarshal([]byte(c), &d.AlsoPublished)
	}
	if r := str(fieldRoles); r != "" {
		_ = json.Unmarshal([]byte(r), &d.Roles)
	}
	if e := str(fieldEvidence); e != "" {
		_ = json.Unmarshal([]byte(e), &d.Evidence)
	}
	return d
}

// strs reads a stored multi-valued field: Bleve returns a string for one
// value and a []interface{} for several.
func strs(v interface{}) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []interface{}:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// orEmpty keeps facet lists non-nil, so that JSON shows [] rather than null.
func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
