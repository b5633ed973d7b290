package fetch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// StateVersion is the layout of the state file.
const StateVersion = 1

// State records what every URL gave last time, so that the next run
// sends conditional requests and a run cut short carries on. It is saved
// (atomically) after every page.
type State struct {
	Version int `json:"version"`
	// Pages are keyed by the URL as listed (feed item, sitemap, list).
	Pages map[string]*PageState `json:"pages"`
	// Lists are the feeds and sitemaps, keyed by URL.
	Lists map[string]*ListState `json:"lists"`

	path string
	mu   sync.Mutex
}

// PageState is one page's last outcome.
type PageState struct {
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Canonical    string    `json:"canonical,omitempty"`
	FinalURL     string    `json:"final_url,omitempty"`
	File         string    `json:"file,omitempty"` // relative to the corpus folder
	Status       string    `json:"status"`         // fetched, not modified, skipped: why, failed: why
	Checked      time.Time `json:"checked"`
	Fetched      time.Time `json:"fetched,omitzero"`
}

// ListState is a feed's or sitemap's last outcome and the items it
// listed, reused when it answers 304.
type ListState struct {
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Items        []Item    `json:"items,omitempty"`
	Checked      time.Time `json:"checked"`
}

// LoadState reads the state file; a missing file is an empty state.
func LoadState(path string) (*State, error) {
	s := &State{Version: StateVersion, Pages: map[string]*PageState{}, Lists: map[string]*ListState{}, path: path}
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(raw, s); err != nil {
		return nil, fmt.Errorf("state %s: %w (move it aside to start afresh)", path, err)
	}
	if s.Version != StateVersion {
		return nil, fmt.Errorf("state %s: version %d, want %d (move it aside to start afresh)", path, s.Version, StateVersion)
	}
	if s.Pages == nil {
		s.Pages = map[string]*PageState{}
	}
	if s.Lists == nil {
		s.Lists = map[string]*ListState{}
	}
	s.path = path
	return s, nil
}

// page returns a copy of the state of a listed URL (nil when unseen).
func (s *State) page(u string) *PageState {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.Pages[u]; p != nil {
		cp := *p
		return &cp
	}
	return nil
}

func (s *State) list(u string) *ListState {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.Lists[u]
}

// setPage records a page and saves the state.
func (s *State) setPage(u string, p *PageState) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Pages[u] = p
	return s.saveLocked()
}

// setList records a feed or sitemap and saves the state.
func (s *State) setList(u string, l *ListState) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Lists[u] = l
	return s.saveLocked()
}

func (s *State) saveLocked() error {
	raw, err := json.MarshalIndent(s, "", " ")
	if err != nil {
		return err
	}
	return writeAtomic(s.path, raw)
}

// writeAtomic writes data to path through a temporary file in the same
// folder, synced and renamed over path: a reader (or a run after a
// crash) sees the old file or the new one, never a part. The temporary
// name starts with a dot and has no known extension, so the indexer
// never reads one left by a crash.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
