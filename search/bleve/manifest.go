package bleve

import (
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// A manifest lists the files of a committed generation with their sizes
// and CRC-32C checksums. Bleve maps its segment files into memory, so a
// truncated or damaged file would crash the process that reads it
// (SIGBUS) or answer with read errors; a generation is therefore
// verified against its manifest before it is opened for serving.
type manifest struct {
	Files []manifestEntry `json:"files"`
}

type manifestEntry struct {
	Path   string `json:"path"` // relative, with forward slashes
	Size   int64  `json:"size"`
	CRC32C uint32 `json:"crc32c"`
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func checksum(path string) (int64, uint32, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	h := crc32.New(castagnoli)
	n, err := io.Copy(h, f)
	return n, h.Sum32(), err
}

// writeManifest records every file of the closed index in dir.
func writeManifest(dir string) error {
	var m manifest
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == manifestFile || rel == inUseFile {
			return nil
		}
		size, sum, err := checksum(p)
		if err != nil {
			return err
		}
		m.Files = append(m.Files, manifestEntry{Path: filepath.ToSlash(rel), Size: size, CRC32C: sum})
		return nil
	})
	if err != nil {
		return fmt.Errorf("manifest of %s: %w", dir, err)
	}
	sort.Slice(m.Files, func(i, j int) bool { return m.Files[i].Path < m.Files[j].Path })
	b, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return err
	}
	if err := replaceFile(filepath.Join(dir, manifestFile), b); err != nil {
		return fmt.Errorf("manifest of %s: %w", dir, err)
	}
	return nil
}

// replaceFile writes b to path+".tmp", syncs it and renames it over path,
// so a reader sees the old contents or the new, never a part.
func replaceFile(path string, b []byte) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// Verify checks the files of the generation in dir against the manifest
// recorded when it was committed, and fails with ErrDamaged naming the
// first file that is missing, of another size, or with another checksum.
// A generation committed before manifests existed has none and passes.
func Verify(dir string) error {
	b, err := os.ReadFile(filepath.Join(dir, manifestFile))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrDamaged, dir, err)
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil || len(m.Files) == 0 {
		return fmt.Errorf("%w: %s: unreadable manifest", ErrDamaged, dir)
	}
	for _, f := range m.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		info, err := os.Stat(p)
		switch {
		case err != nil:
			return fmt.Errorf("%w: %s: %v", ErrDamaged, f.Path, err)
		case info.Size() != f.Size:
			return fmt.Errorf("%w: %s is %d bytes, %d when committed", ErrDamaged, p, info.Size(), f.Size)
		}
		if _, sum, err := checksum(p); err != nil || sum != f.CRC32C {
			return fmt.Errorf("%w: %s does not match its checksum (%v)", ErrDamaged, p, err)
		}
	}
	return nil
}
