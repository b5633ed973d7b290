package bleve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gofrs/flock"

	"github.com/accord-search/accord/search"
)

// A Store is a directory of index generations:
//
//	<root>/CURRENT         names the generation being served
//	<root>/gen-<time>/     one Bleve index per generation
//
// A server serves CURRENT. An indexer never writes to the served
// generation: it copies it aside (hard links for the immutable segment
// files), updates the copy, and renames a new CURRENT into place. The
// server notices and swaps the new generation in (Watch); searches in
// flight finish on the old one. A killed indexer leaves only an orphan
// copy, which the next run removes.
//
// Safety:
//   - One writer at a time: a writer holds <root>/LOCK (an OS file lock,
//     released by the kernel when the process dies) from Begin to Commit;
//     see Lock.
//   - A generation in use is never deleted: every process that opens one
//     holds a shared lock on <gen>/accord.inuse, and a generation is
//     removed only under an exclusive lock on it.
//   - Damage is caught before a generation is mapped into memory: Commit
//     records the size and CRC-32C of each of its files (accord.manifest),
//     and the server verifies them before it opens or swaps in one; the
//     server opens generations read-only, so they stay as committed.
type Store struct {
	Root string
}

const (
	currentFile  = "CURRENT"
	lockFile     = "LOCK"
	inUseFile    = "accord.inuse"
	manifestFile = "accord.manifest"
)

// ErrLocked reports that another process is writing to the store.
var ErrLocked = errors.New("another indexer run is writing to this index store")

// ErrDamaged reports a generation whose files differ from what was
// committed, or that Bleve cannot open or read.
var ErrDamaged = errors.New("bleve: the index is damaged")

// Lock takes the store's writer lock, held until unlock is called (or the
// process ends). With wait, it waits until ctx is done for a writer that
// holds it; without, it fails at once with ErrLocked, naming the holder.
func (s Store) Lock(ctx context.Context, wait bool) (unlock func(), err error) {
	if err := os.MkdirAll(s.Root, 0o755); err != nil {
		return nil, fmt.Errorf("bleve: %w", err)
	}
	path := filepath.Join(s.Root, lockFile)
	fl := flock.New(path)
	var ok bool
	if wait {
		ok, err = fl.TryLockContext(ctx, 200*time.Millisecond)
	} else {
		ok, err = fl.TryLock()
	}
	if err != nil && !ok && ctx.Err() == nil {
		return nil, fmt.Errorf("bleve: lock %s: %w", path, err)
	}
	if !ok {
		holder, _ := os.ReadFile(path)
		return nil, fmt.Errorf("%w (%s, held by %s); try again when it has finished", ErrLocked, path, strings.TrimSpace("process "+string(holder)))
	}
	// The holder's pid, for the message above; the lock is the flock,
	// not the content.
	_ = os.WriteFile(path, []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644)
	return func() { fl.Unlock() }, nil
}

// Current returns the directory of the served generation, or "" if none.
func (s Store) Current() (string, error) {
	b, err := os.ReadFile(filepath.Join(s.Root, currentFile))
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("bleve: read %s: %w", currentFile, err)
	}
	name := strings.TrimSpace(string(b))
	if name == "" || strings.ContainsAny(name, `/\`) {
		return "", fmt.Errorf("bleve: %s holds %q, not a generation name", currentFile, name)
	}
	return filepath.Join(s.Root, name), nil
}

// OpenServed opens the served generation read-only, after checking its
// files against its manifest. It fails with ErrDamaged when there is no
// usable generation: none yet, a schema change, or damage.
func (s Store) OpenServed() (*Index, error) {
	for range 3 {
		dir, err := s.Current()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		if dir == "" {
			return nil, fmt.Errorf("%w: no index generation yet", ErrDamaged)
		}
		idx, err := OpenReadOnly(dir)
		if err == nil || Exists(dir) {
			return idx, err
		}
		// Replaced and removed between reading CURRENT and opening it:
		// read CURRENT again.
	}
	return nil, fmt.Errorf("%w: CURRENT keeps naming generations that are gone", ErrDamaged)
}

// OpenCurrent opens the served generation read-only (see OpenServed). When
// there is none, or it cannot be used (a schema change, damage), it
// commits an empty one in its place and reports fresh: the caller then
// indexes the corpus.
func (s Store) OpenCurrent(log *slog.Logger) (idx *Index, fresh bool, err error) {
	idx, err = s.OpenServed()
	if err == nil || !errors.Is(err, ErrDamaged) {
		return idx, false, err
	}
	log.Warn("the index cannot be used; starting an empty one until the corpus is indexed", "err", err)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	unlock, err := s.Lock(ctx, true)
	if err != nil {
		return nil, false, err
	}
	defer unlock()
	dir, err := s.BeginEmpty()
	if err != nil {
		return nil, false, err
	}
	empty, err := Open(dir)
	if err != nil {
		return nil, false, err
	}
	if err := empty.Close(); err != nil {
		return nil, false, err
	}
	if err := s.Commit(dir); err != nil {
		return nil, false, err
	}
	idx, err = OpenReadOnly(dir)
	return idx, err == nil, err
}

func (s Store) newGenerationDir() string {
	return filepath.Join(s.Root, "gen-"+time.Now().UTC().Format("20060102T150405.000000000"))
}

// Begin prepares a new generation: a copy of the served one (or an empty
// index) that the caller opens with Open, updates, closes and commits.
// The caller holds the writer lock (Lock) until it has committed. A
// served generation that is damaged is not copied: the new one starts
// empty, and the run rebuilds it from the corpus.
func (s Store) Begin() (string, error) {
	return s.begin(true)
}

// BeginEmpty prepares a new, empty generation, for a rebuild.
func (s Store) BeginEmpty() (string, error) { return s.begin(false) }

func (s Store) begin(copyCurrent bool) (string, error) {
	if err := os.MkdirAll(s.Root, 0o755); err != nil {
		return "", fmt.Errorf("bleve: %w", err)
	}
	s.removeOrphans()
	dir := s.newGenerationDir()
	cur, err := s.Current()
	if err != nil || !copyCurrent || cur == "" || !Exists(cur) {
		return dir, err
	}
	if err := Verify(cur); err != nil {
		return dir, nil // rebuild from nothing
	}
	if err := linkTree(cur, dir); err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("bleve: copy %s: %w", cur, err)
	}
	return dir, nil
}

// Commit records the manifest of the closed index in dir and makes it the
// served generation, atomically.
func (s Store) Commit(dir string) error {
	if err := writeManifest(dir); err != nil {
		return fmt.Errorf("bleve: commit: %w", err)
	}
	if err := replaceFile(filepath.Join(s.Root, currentFile), []byte(filepath.Base(dir)+"\n")); err != nil {
		return fmt.Errorf("bleve: commit: %w", err)
	}
	return nil
}

// removeOrphans deletes generations that are neither served, nor recent
// (a server may be about to swap one in), nor in use by any process.
func (s Store) removeOrphans() {
	cur, _ := s.Current()
	entries, _ := os.ReadDir(s.Root)
	for _, e := range entries {
		p := filepath.Join(s.Root, e.Name())
		if !e.IsDir() || !strings.HasPrefix(e.Name(), "gen-") || p == cur {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > time.Minute {
			removeUnused(p)
		}
	}
}

// removeUnused deletes the generation in dir unless a process has it open
// (holds the shared lock on its in-use file).
func removeUnused(dir string) bool {
	fl := flock.New(filepath.Join(dir, inUseFile))
	ok, err := fl.TryLock()
	if err != nil || !ok {
		return false
	}
	defer fl.Unlock()
	return os.RemoveAll(dir) == nil
}

// holdInUse takes the shared in-use lock of the generation in dir, which
// keeps every other process from deleting it until release.
func holdInUse(dir string) (release func(), err error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("bleve: generation %s: %w", dir, err)
	}
	fl := flock.New(filepath.Join(dir, inUseFile))
	ok, err := fl.TryRLock()
	if err != nil || !ok {
		return nil, fmt.Errorf("bleve: generation %s is being removed: %w", dir, search.ErrUnavailable)
	}
	return func() { fl.Unlock() }, nil
}

// Watch polls CURRENT every interval and swaps a new generation into idx.
// It returns when ctx is done.
func (s Store) Watch(ctx context.Context, idx *Index, interval time.Duration, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	var refused string // a damaged generation, not retried
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		dir, err := s.Current()
		if err != nil || dir == "" || dir == idx.Dir() {
			continue
		}
		if dir == refused {
			continue
		}
		old := idx.Dir()
		if err := idx.Swap(dir); err != nil {
			// The served generation stays; the next indexer run
			// rebuilds a damaged one.
			log.Error("cannot swap in the new index generation; still serving the previous one", "dir", dir, "served", old, "err", err)
			if errors.Is(err, ErrDamaged) {
				refused = dir
			}
			continue
		}
		log.Info("swapped in a new index generation", "dir", dir)
		removeUnused(old)
	}
}

// linkTree copies the index in src to dst: segment files (immutable once
// written) as hard links, everything else (the bolt root) as real copies.
func linkTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if rel == inUseFile || rel == manifestFile {
			return nil // the copy gets its own
		}
		if strings.HasSuffix(p, ".zap") && os.Link(p, target) == nil {
			return nil
		}
		return copyFile(p, target)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
