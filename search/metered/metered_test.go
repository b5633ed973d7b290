package metered

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/accord-search/accord/search"
)

// stub is an engine whose every call ends with err; it holds n documents.
type stub struct {
	err error
	n   int
}

func (s *stub) Search(context.Context, search.Query) (*search.Result, error) {
	if s.err != nil {
		return nil, s.err
	}
	return &search.Result{Total: s.n}, nil
}
func (s *stub) Index(context.Context, []search.Document) error { return s.err }
func (s *stub) Delete(context.Context, []string) error         { return s.err }
func (s *stub) Close() error                                   { return nil }
func (s *stub) Count(context.Context) (int, error)             { return s.n, s.err }

// speller is a stub that spells every word as "mayorkas".
type speller struct{ stub }

func (s *speller) Spell(_ context.Context, w string, _, _ int) ([]search.Spelling, error) {
	return []search.Spelling{{Word: "mayorkas", Edits: 1, Docs: s.n}}, s.err
}

func TestSpellForwards(t *testing.T) {
	e, err := New(&speller{stub{n: 3}}, prometheus.NewPedanticRegistry())
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.Spell(t.Context(), "mayorcas", 1, 3)
	if err != nil || len(got) != 1 || got[0].Word != "mayorkas" || got[0].Docs != 3 {
		t.Errorf("Spell: %v, %v", got, err)
	}
}

// bare is an engine with none of the optional interfaces.
type bare struct{ stub }

func (b *bare) Count() {} // hides stub.Count: not a search.Counter

func TestOutcome(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{nil, "ok"},
		{fmt.Errorf("bleve: %w: x", search.ErrBadQuery), "bad_query"},
		{fmt.Errorf("x: %w", search.ErrNotFound), "not_found"},
		{fmt.Errorf("meili: search: %w: refused", search.ErrUnavailable), "unavailable"},
		{fmt.Errorf("x: %w", search.ErrTimeout), "timeout"},
		{context.DeadlineExceeded, "timeout"},
		{context.Canceled, "canceled"},
		{errors.New("disk on fire"), "error"},
	}
	for _, tt := range tests {
		if got := Outcome(tt.err); got != tt.want {
			t.Errorf("Outcome(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestEngineRecordsCalls(t *testing.T) {
	reg := prometheus.NewPedanticRegistry()
	inner := &stub{n: 7}
	e, err := New(inner, reg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	for range 3 {
		if _, err := e.Search(ctx, search.Query{}); err != nil {
			t.Fatal(err)
		}
	}
	inner.err = fmt.Errorf("x: %w", search.ErrUnavailable)
	e.Search(ctx, search.Query{})
	e.Index(ctx, nil)
	if _, err := e.Get(ctx, "a"); !errors.Is(err, search.ErrNotFound) {
		t.Errorf("Get on an engine without documents: got %v, want ErrNotFound", err)
	}

	got := map[string]uint64{}
	for labels, m := range gather(t, reg, "accord_engine_request_duration_seconds") {
		got[labels] = m.GetHistogram().GetSampleCount()
	}
	want := map[string]uint64{
		"op=search,outcome=ok":          3,
		"op=search,outcome=unavailable": 1,
		"op=index,outcome=unavailable":  1,
		// Count runs at scrape time (Gather above), through the inner engine.
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("observations (-want +got):\n%s", diff)
	}
}

func TestDocumentCountAtScrape(t *testing.T) {
	inner := &stub{n: 42}
	reg := prometheus.NewPedanticRegistry()
	if _, err := New(inner, reg); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]float64{"accord_engine_up": 1, "accord_index_documents": 42}, gauges(t, reg)); diff != "" {
		t.Errorf("engine up (-want +got):\n%s", diff)
	}
	inner.err = search.ErrUnavailable
	if diff := cmp.Diff(map[string]float64{"accord_engine_up": 0}, gauges(t, reg)); diff != "" {
		t.Errorf("engine down (-want +got):\n%s", diff)
	}
}

func TestOptionalInterfaces(t *testing.T) {
	reg := prometheus.NewPedanticRegistry()
	e, err := New(&bare{}, reg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Count(t.Context()); err == nil {
		t.Error("Count on an engine that cannot count: got nil error")
	}
	if h, err := e.Hashes(t.Context()); err != nil || len(h) != 0 {
		t.Errorf("Hashes without an inventory: got %v, %v; want empty, nil", h, err)
	}
	if s, err := e.Spell(t.Context(), "mayorkas", 1, 3); !errors.Is(err, errors.ErrUnsupported) || s != nil {
		t.Errorf("Spell without a speller: got %v, %v; want errors.ErrUnsupported", s, err)
	}
	if g := gauges(t, reg); len(g) != 0 {
		t.Errorf("an engine that cannot count exports %v, want no count metrics", g)
	}
	if _, err := New(&bare{}, reg); err == nil {
		t.Error("registering twice on one registry: got nil error")
	}
}

// gather returns the metrics of family name by their labels
// ("op=search,outcome=ok").
func gather(t *testing.T, reg prometheus.Gatherer, name string) map[string]*dto.Metric {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*dto.Metric{}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			var labels []string
			for _, l := range m.GetLabel() {
				labels = append(labels, l.GetName()+"="+l.GetValue())
			}
			out[strings.Join(labels, ",")] = m
		}
	}
	return out
}

// gauges returns the count collector's gauges by name.
func gauges(t *testing.T, reg prometheus.Gatherer) map[string]float64 {
	t.Helper()
	out := map[string]float64{}
	for _, name := range []string{"accord_engine_up", "accord_index_documents"} {
		for _, m := range gather(t, reg, name) {
			out[name] = m.GetGauge().GetValue()
		}
	}
	return out
}
