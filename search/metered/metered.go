package metered

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/accord-search/accord/search"
)

// scrapeTimeout bounds the count taken at each scrape.
const scrapeTimeout = 2 * time.Second

// Engine is a search.Engine that records metrics around another one. It
// also implements search.Getter, search.Counter and search.Inventory,
// forwarding to the wrapped engine; when that engine lacks one of them,
// Get answers search.ErrNotFound, Count an error and Hashes an empty
// inventory, which is how callers treat an engine without them.
type Engine struct {
	inner    search.Engine
	getter   search.Getter
	counter  search.Counter
	inv      search.Inventory
	speller  search.Speller
	duration *prometheus.HistogramVec
}

var (
	_ search.Engine    = (*Engine)(nil)
	_ search.Getter    = (*Engine)(nil)
	_ search.Counter   = (*Engine)(nil)
	_ search.Inventory = (*Engine)(nil)
	_ search.Speller   = (*Engine)(nil)
)

// New wraps inner and registers the metrics with reg. When inner is a
// search.Counter, the document count is taken at each scrape.
func New(inner search.Engine, reg prometheus.Registerer) (*Engine, error) {
	e := &Engine{inner: inner}
	e.getter, _ = inner.(search.Getter)
	e.counter, _ = inner.(search.Counter)
	e.inv, _ = inner.(search.Inventory)
	e.speller, _ = inner.(search.Speller)
	e.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "accord_engine_request_duration_seconds",
		Help:    "Time the search engine took to answer, by operation and outcome.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
	}, []string{"op", "outcome"})
	if err := reg.Register(e.duration); err != nil {
		return nil, fmt.Errorf("metered: %w", err)
	}
	if e.counter != nil {
		if err := reg.Register(countCollector{e.counter}); err != nil {
			return nil, fmt.Errorf("metered: %w", err)
		}
	}
	return e, nil
}

// observe records one call that started at start and ended with err.
func (e *Engine) observe(op string, start time.Time, err error) {
	e.duration.WithLabelValues(op, Outcome(err)).Observe(time.Since(start).Seconds())
}

// Outcome names how an engine call ended, for a metric label: one of a
// few fixed values, so that error text never becomes a label.
func Outcome(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, search.ErrBadQuery):
		return "bad_query"
	case errors.Is(err, search.ErrNotFound):
		return "not_found"
	case errors.Is(err, search.ErrUnavailable):
		return "unavailable"
	case errors.Is(err, search.ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "canceled"
	}
	return "error"
}

// Search runs q on the wrapped engine.
func (e *Engine) Search(ctx context.Context, q search.Query) (*search.Result, error) {
	start := time.Now()
	res, err := e.inner.Search(ctx, q)
	e.observe("search", start, err)
	return res, err
}

// Index forwards to the wrapped engine.
func (e *Engine) Index(ctx context.Context, docs []search.Document) error {
	start := time.Now()
	err := e.inner.Index(ctx, docs)
	e.observe("index", start, err)
	return err
}

// Delete forwards to the wrapped engine.
func (e *Engine) Delete(ctx context.Context, ids []string) error {
	start := time.Now()
	err := e.inner.Delete(ctx, ids)
	e.observe("delete", start, err)
	return err
}

// Close closes the wrapped engine.
func (e *Engine) Close() error { return e.inner.Close() }

// Get forwards to the wrapped engine, or answers search.ErrNotFound when
// it cannot fetch documents.
func (e *Engine) Get(ctx context.Context, id string) (*search.Document, error) {
	if e.getter == nil {
		return nil, fmt.Errorf("metered: get %q: the engine cannot fetch documents: %w", id, search.ErrNotFound)
	}
	start := time.Now()
	d, err := e.getter.Get(ctx, id)
	e.observe("get", start, err)
	return d, err
}

// Spell forwards to the wrapped engine, or answers errors.ErrUnsupported
// when it cannot spell (callers fall back to their own vocabulary).
func (e *Engine) Spell(ctx context.Context, word string, maxEdits, limit int) ([]search.Spelling, error) {
	if e.speller == nil {
		return nil, fmt.Errorf("metered: spell: %w", errors.ErrUnsupported)
	}
	start := time.Now()
	s, err := e.speller.Spell(ctx, word, maxEdits, limit)
	e.observe("spell", start, err)
	return s, err
}

// Count forwards to the wrapped engine.
func (e *Engine) Count(ctx context.Context) (int, error) {
	if e.counter == nil {
		return 0, errors.New("metered: count: the engine cannot count its documents")
	}
	start := time.Now()
	n, err := e.counter.Count(ctx)
	e.observe("count", start, err)
	return n, err
}

// Hashes forwards to the wrapped engine, or returns an empty inventory
// (everything is sent again) when it keeps none.
func (e *Engine) Hashes(ctx context.Context) (map[string]string, error) {
	if e.inv == nil {
		return map[string]string{}, nil
	}
	start := time.Now()
	h, err := e.inv.Hashes(ctx)
	e.observe("hashes", start, err)
	return h, err
}

// Unwrap returns the wrapped engine.
func (e *Engine) Unwrap() search.Engine { return e.inner }

// countCollector reports the document count at scrape time, so that the
// number is current without a background loop.
type countCollector struct{ c search.Counter }

var (
	descDocuments = prometheus.NewDesc("accord_index_documents", "Documents the search engine holds.", nil, nil)
	descUp        = prometheus.NewDesc("accord_engine_up", "1 when the search engine answered a count at scrape time, else 0.", nil, nil)
)

func (countCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- descDocuments
	ch <- descUp
}

// Collect counts the documents; an engine that cannot answer reports
// accord_engine_up 0 instead of failing the whole scrape.
func (cc countCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), scrapeTimeout)
	defer cancel()
	n, err := cc.c.Count(ctx)
	if err != nil {
		ch <- prometheus.MustNewConstMetric(descUp, prometheus.GaugeValue, 0)
		return
	}
	ch <- prometheus.MustNewConstMetric(descUp, prometheus.GaugeValue, 1)
	ch <- prometheus.MustNewConstMetric(descDocuments, prometheus.GaugeValue, float64(n))
}
