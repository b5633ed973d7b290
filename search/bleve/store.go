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
	"strings"
	"time"
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
type Store struct {
	Root string
}

const currentFile = "CURRENT"

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

// OpenCurrent opens the served generation, creating an empty one (and
// CURRENT) when there is none. A generation that cannot be opened (a
// schema change, or damage) is replaced by an empty one; the caller
// then re-indexes, and fresh reports that.
func (s Store) OpenCurrent(log *slog.Logger) (idx *Index, fresh bool, err error) {
	dir, err := s.Current()
	if err != nil {
		return nil, false, err
	}
	if dir != "" {
		idx, err := Open(dir)
		if err == nil {
			return idx, false, nil
		}
		if !errors.Is(err, ErrSchemaChanged) && Exists(dir) {
			return nil, false, err
		}
		log.Warn("index cannot be used; rebuilding it from the corpus", "dir", dir, "err", err)
	}
	dir = s.newGenerationDir()
	idx, err = Open(dir)
	if err != nil {
		return nil, false, err
	}
	if err := s.Commit(dir); err != nil {
		idx.Close()
		return nil, false, err
	}
	return idx, true, nil
}

func (s Store) newGenerationDir() string {
	return filepath.Join(s.Root, "gen-"+time.Now().UTC().Format("20060102T150405.000000000"))
}

// Begin prepares a new generation: a copy of the served one (or an empty
// index) that the caller opens with Open, updates, closes and commits.
func (s Store) Begin() (string, error) {
	if err := os.MkdirAll(s.Root, 0o755); err != nil {
		return "", fmt.Errorf("bleve: %w", err)
	}
	s.removeOrphans()
	dir := s.newGenerationDir()
	cur, err := s.Current()
	if err != nil || cur == "" || !Exists(cur) {
		return dir, err
	}
	if err := linkTree(cur, dir); err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("bleve: copy %s: %w", cur, err)
	}
	return dir, nil
}

// Commit makes dir the served generation, atomically.
func (s Store) Commit(dir string) error {
	tmp := filepath.Join(s.Root, currentFile+".tmp")
	if err := os.WriteFile(tmp, []byte(filepath.Base(dir)+"\n"), 0o644); err != nil {
		return fmt.Errorf("bleve: commit: %w", err)
	}
	if f, err := os.Open(tmp); err == nil {
		f.Sync()
		f.Close()
	}
	if err := os.Rename(tmp, filepath.Join(s.Root, currentFile)); err != nil {
		return fmt.Errorf("bleve: commit: %w", err)
	}
	return nil
}

// removeOrphans deletes generations that are neither served nor recent
// (a recent one may still be in use by a server that has not swapped).
func (s Store) removeOrphans() {
	cur, _ := s.Current()
	entries, _ := os.ReadDir(s.Root)
	for _, e := range entries {
		p := filepath.Join(s.Root, e.Name())
		if !e.IsDir() || !strings.HasPrefix(e.Name(), "gen-") || p == cur {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > time.Minute {
			os.RemoveAll(p)
		}
	}
}

// Watch polls CURRENT every interval and swaps a new generation into idx.
// It returns when ctx is done.
func (s Store) Watch(ctx context.Context, idx *Index, interval time.Duration, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
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
		old := idx.Dir()
		if err := idx.Swap(dir); err != nil {
			log.Error("cannot swap in the new index generation", "dir", dir, "err", err)
			continue
		}
		log.Info("swapped in a new index generation", "dir", dir)
		os.RemoveAll(old)
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
