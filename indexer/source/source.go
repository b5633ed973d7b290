package source

import (
	"bufio"
	"bytes"
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
	"syscall"
	"unicode/utf8"
)

// DefaultMaxFileSize is the largest file read whole (.txt, .html); a
// .jsonl file may be larger, but each of its lines must fit.
const DefaultMaxFileSize = 8 << 20

// Format is the kind of file an item came from.
type Format string

// The formats a corpus may hold.
const (
	FormatText  Format = "txt"
	FormatHTML  Format = "html"
	FormatJSONL Format = "jsonl"
)

// Reasons a file or line is skipped.
const (
	ReasonBinary     = "binary"
	ReasonInvalidUTF = "invalid UTF-8"
	ReasonEmpty      = "empty"
	ReasonTooLarge   = "too large"
	ReasonUnreadable = "unreadable"
	ReasonBadJSON    = "broken JSON line"
	ReasonNoText     = "no title or text"
	// ReasonNotDocuments: a .jsonl file none of whose lines has a body or
	// text (labels, queries): not a document export, and not an error.
	ReasonNotDocuments = "not a document export"
	// ReasonNotRegular: a FIFO, socket or device, which could block the
	// run forever or never end.
	ReasonNotRegular = "not a regular file"
	// ReasonOutside: a symbolic link to a file outside the corpus folder.
	ReasonOutside = "outside the corpus"
)

// Item is one document read from the corpus.
type Item struct {
	// Path is relative to the corpus root, with forward slashes; for
	// JSON Lines it names the file and Line the 1-based line.
	Path   string
	Line   int
	Format Format
	// Raw is the file's content (txt, html) or the line (jsonl).
	Raw []byte
	// Record is the parsed line of a .jsonl file.
	Record *Record
	// Meta is the page's fetch metadata (a .meta.json sidecar), or nil.
	Meta *Meta
}

// Ref is the item's path as documents remember it: "a/b.txt" or
// "a/b.jsonl:12".
func (it Item) Ref() string {
	if it.Format == FormatJSONL {
		return fmt.Sprintf("%s:%d", it.Path, it.Line)
	}
	return it.Path
}

// Record is one document of a .jsonl export. Fields given are kept as
// given; the indexer extracts the rest.
type Record struct {
	ID            string   `json:"id"`
	Title         string   `json:"title"`
	Body          string   `json:"body"`
	Text          string   `json:"text"`
	URL           string   `json:"url"`
	Date          string   `json:"date"`
	Source        string   `json:"source"`
	Countries     []string `json:"countries"`
	Officials     []string `json:"officials"`
	Topics        []string `json:"topics"`
	Organizations []string `json:"organizations"`
	Lang          string   `json:"lang"`
	// Type is the document type (one of search.DocumentTypes); any other
	// value is replaced by the classifier's.
	Type string `json:"type"`
}

// Skip reports a file or line that was not used.
type Skip struct {
	Path   string
	Reason string
	Detail string
}

func (s Skip) String() string {
	if s.Detail != "" {
		return fmt.Sprintf("skip %s: %s (%s)", s.Path, s.Reason, s.Detail)
	}
	return fmt.Sprintf("skip %s: %s", s.Path, s.Reason)
}

// Walker reads a corpus directory.
type Walker struct {
	Root        string
	MaxFileSize int64
}

// Walk calls item for every document and skip for every unusable file or
// line, in path order. It stops early only when ctx is done, the root
// cannot be read, or a callback returns an error.
func (w Walker) Walk(ctx context.Context, item func(Item) error, skip func(Skip)) error {
	paths, err := w.files()
	if err != nil {
		return err
	}
	for _, rel := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := w.read(rel, item, skip); err != nil {
			return err
		}
	}
	return nil
}

// files lists the corpus files with a known extension, sorted.
func (w Walker) files() ([]string, error) {
	var out []string
	err := filepath.WalkDir(w.Root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == w.Root {
				return err
			}
			return nil // an unreadable subdirectory is reported when its files are read
		}
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && p != w.Root {
				return filepath.SkipDir
			}
			return nil
		}
		if formatOf(p) != "" {
			rel, _ := filepath.Rel(w.Root, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("source: walk %s: %w", w.Root, err)
	}
	sort.Strings(out)
	return out, nil
}

// FormatOf returns the format a file name says, or "" for none.
func FormatOf(p string) Format { return formatOf(p) }

func formatOf(p string) Format {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".txt":
		return FormatText
	case ".html", ".htm":
		return FormatHTML
	case ".jsonl", ".ndjson":
		return FormatJSONL
	}
	return ""
}

func (w Walker) maxSize() int64 {
	if w.MaxFileSize > 0 {
		return w.MaxFileSize
	}
	return DefaultMaxFileSize
}

func (w Walker) read(rel string, item func(Item) error, skip func(Skip)) error {
	f, bad := w.open(rel)
	if bad != nil {
		skip(*bad)
		return nil
	}
	defer f.Close()
	format := formatOf(rel)
	if format == FormatJSONL {
		return w.readLines(rel, f, item, skip)
	}
	raw, err := io.ReadAll(io.LimitReader(f, w.maxSize()+1))
	if err != nil {
		skip(Skip{Path: rel, Reason: ReasonUnreadable, Detail: err.Error()})
		return nil
	}
	if s, bad := check(rel, raw, w.maxSize()); bad {
		skip(s)
		return nil
	}
	return item(Item{Path: rel, Format: format, Raw: raw, Meta: w.readMeta(rel, skip)})
}

// open opens a corpus file for reading: only a regular file, and through
// a symbolic link only one inside the corpus folder. It never blocks: a
// FIFO is opened without waiting for a writer, and then skipped.
func (w Walker) open(rel string) (*os.File, *Skip) {
	p := filepath.Join(w.Root, filepath.FromSlash(rel))
	unreadable := func(err error) (*os.File, *Skip) {
		if u := errors.Unwrap(err); u != nil {
			err = u
		}
		return nil, &Skip{Path: rel, Reason: ReasonUnreadable, Detail: err.Error()}
	}
	info, err := os.Lstat(p)
	if err != nil {
		return unreadable(err)
	}
	var target os.FileInfo
	if info.Mode()&fs.ModeSymlink != 0 {
		dest, err := filepath.EvalSymlinks(p)
		if err != nil {
			return unreadable(err)
		}
		root, err := filepath.EvalSymlinks(w.Root)
		if err != nil {
			return unreadable(err)
		}
		if r, err := filepath.Rel(root, dest); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			return nil, &Skip{Path: rel, Reason: ReasonOutside, Detail: "a symbolic link to " + dest}
		}
		if target, err = os.Stat(dest); err != nil {
			return unreadable(err)
		}
	}
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return unreadable(err)
	}
	opened, err := f.Stat()
	switch {
	case err != nil:
		f.Close()
		return unreadable(err)
	case !opened.Mode().IsRegular():
		f.Close()
		return nil, &Skip{Path: rel, Reason: ReasonNotRegular, Detail: opened.Mode().Type().String()}
	case target != nil && !os.SameFile(target, opened):
		f.Close() // the link changed under us
		return nil, &Skip{Path: rel, Reason: ReasonUnreadable, Detail: "the symbolic link changed while it was read"}
	}
	return f, nil
}

// check reports why content cannot be used, if it cannot.
func check(path string, raw []byte, limit int64) (Skip, bool) {
	switch {
	case int64(len(raw)) > limit:
		return Skip{Path: path, Reason: ReasonTooLarge, Detail: fmt.Sprintf("over %d bytes", limit)}, true
	case len(bytes.TrimSpace(raw)) == 0:
		return Skip{Path: path, Reason: ReasonEmpty}, true
	case bytes.IndexByte(raw, 0) >= 0:
		return Skip{Path: path, Reason: ReasonBinary, Detail: "contains NUL bytes"}, true
	case !utf8.Valid(raw):
		return Skip{Path: path, Reason: ReasonInvalidUTF, Detail: fmt.Sprintf("first bad byte at offset %d", firstInvalid(raw))}, true
	}
	return Skip{}, false
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

func (w Walker) readLines(rel string, f *os.File, item func(Item) error, skip func(Skip)) error {
	r := bufio.NewReaderSize(f, 64<<10)
	lines, docs := 0, 0
	var textless []Skip // reported per line only if some line is a document
	for n := 1; ; n++ {
		line, tooLong, err := readLine(r, w.maxSize())
		if err == io.EOF && len(line) == 0 && !tooLong {
			break
		}
		if err != nil && err != io.EOF {
			skip(Skip{Path: fmt.Sprintf("%s:%d", rel, n), Reason: ReasonUnreadable, Detail: err.Error()})
			return nil
		}
		ref := fmt.Sprintf("%s:%d", rel, n)
		switch {
		case tooLong:
			skip(Skip{Path: ref, Reason: ReasonTooLarge, Detail: fmt.Sprintf("line over %d bytes", w.maxSize())})
		case len(bytes.TrimSpace(line)) == 0:
			// blank lines separate nothing; not worth a report
		default:
			lines++
			if s, bad := check(ref, line, w.maxSize()); bad {
				skip(s)
				break
			}
			var rec Record
			if err := json.Unmarshal(line, &rec); err != nil {
				skip(Skip{Path: ref, Reason: ReasonBadJSON, Detail: err.Error()})
				break
			}
			if rec.Body == "" {
				rec.Body = rec.Text
			}
			if strings.TrimSpace(rec.Body) == "" {
				textless = append(textless, Skip{Path: ref, Reason: ReasonNoText})
				break
			}
			docs++
			if err := item(Item{Path: rel, Line: n, Format: FormatJSONL, Raw: line, Record: &rec}); err != nil {
				return err
			}
		}
		if err == io.EOF {
			break
		}
	}
	switch {
	case lines == 0:
		skip(Skip{Path: rel, Reason: ReasonEmpty})
	case docs == 0 && len(textless) == lines:
		skip(Skip{Path: rel, Reason: ReasonNotDocuments, Detail: "no line has a body or text"})
	default:
		for _, s := range textless {
			skip(s)
		}
	}
	return nil
}

// readLine reads one line without its newline; a line longer than limit
// is consumed and reported as tooLong.
func readLine(r *bufio.Reader, limit int64) (line []byte, tooLong bool, err error) {
	for {
		chunk, isPrefix, err := r.ReadLine()
		if !tooLong {
			line = append(line, chunk...)
			if int64(len(line)) > limit {
				tooLong, line = true, nil
			}
		}
		if err != nil || !isPrefix {
			return line, tooLong, err
		}
	}
}
