package indexer

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// NewProgress returns a progress bar when w is a terminal, and plain
// progress lines (at most one every two seconds) otherwise.
func NewProgress(w io.Writer) Progress {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return &barProgress{w: w}
	}
	return &lineProgress{w: w}
}

type barProgress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func (p *barProgress) Phase(name string, total int) {
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription(name),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("docs"),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}

func (p *barProgress) Add(n int) { _ = p.bar.Add(n) }
func (p *barProgress) Done()     { _ = p.bar.Finish() }

type lineProgress struct {
	w           io.Writer
	name        string
	total, n    int
	start, last time.Time
}

func (p *lineProgress) Phase(name string, total int) {
	p.name, p.total, p.n = name, total, 0
	p.start, p.last = time.Now(), time.Now()
}

func (p *lineProgress) Add(n int) {
	p.n += n
	if time.Since(p.last) >= 2*time.Second {
		p.last = time.Now()
		p.line()
	}
}

func (p *lineProgress) Done() {
	if p.n > 0 && time.Since(p.start) >= 2*time.Second {
		p.line()
	}
}

func (p *lineProgress) line() {
	rate := float64(p.n) / time.Since(p.start).Seconds()
	if p.total > 0 {
		fmt.Fprintf(p.w, "%s: %d/%d documents (%.0f/s)\n", p.name, p.n, p.total, rate)
		return
	}
	fmt.Fprintf(p.w, "%s: %d documents (%.0f/s)\n", p.name, p.n, rate)
}
