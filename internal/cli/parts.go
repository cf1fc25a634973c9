package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"unicode/utf8"

	"github.com/replykit/replykit/internal/engine"
	"github.com/replykit/replykit/lint"
	"github.com/replykit/replykit/lint/output"
)

// A file over partsOver bytes is linted in parts of about partSize bytes, cut
// at a blank line where there is one, so memory stays flat however large the
// file: no reply is that long, such a file is a collection of them. Rules that
// look at a whole reply (a required apology, how often the name is used, its
// length) see each part as a reply of its own.
//
// A part of 512 KB keeps what its lint builds (segments, hits, findings)
// within a core's cache: beside 2 MB parts, 50 MB of drafts took 5% less
// CPU, and peak memory fell from 72 to 31 MB.
const (
	partsOver = 8 << 20
	partSize  = 512 << 10
)

// partReader cuts a stream into parts, each read into a buffer the caller
// gives, so a few buffers can serve a file of any size.
type partReader struct {
	r     io.Reader
	carry []byte // read past the last part's cut: the next part's start, still in the last part's buffer
	eof   bool
	size  int
}

func newPartReader(r io.Reader, size int) *partReader {
	return &partReader{r: r, size: size}
}

// next returns the next part, read into buf (or into a new buffer when buf
// is smaller than a part), or io.EOF after the last. What buf held before
// does not matter. The text past the part's cut stays in its buffer until
// the next call copies it out: the buffer must not be reused before then.
func (p *partReader) next(buf []byte) ([]byte, error) {
	if cap(buf) < p.size {
		buf = make([]byte, p.size)
	}
	buf = buf[:p.size]
	n := copy(buf, p.carry)
	p.carry = nil
	for !p.eof && n < len(buf) {
		m, err := p.r.Read(buf[n:])
		n += m
		if errors.Is(err, io.EOF) {
			p.eof = true
		} else if err != nil {
			return nil, err
		}
	}
	if n == 0 {
		return nil, io.EOF
	}
	cut := n
	if !p.eof {
		cut = cutPoint(buf[:n])
	}
	p.carry = buf[cut:n]
	return buf[:cut], nil
}

// cutPoint picks where a part ends in b, which more text follows: after a
// blank line in its second half, else after a line break, else after a
// space, else between two characters (never inside \r\n).
func cutPoint(b []byte) int {
	half := len(b) / 2
	for i := len(b) - 1; i > half; i-- {
		if b[i] == '\n' && (b[i-1] == '\n' || b[i-1] == '\r' && i >= 2 && b[i-2] == '\n') {
			return i + 1
		}
	}
	if i := bytes.LastIndexByte(b[half:], '\n'); i >= 0 {
		return half + i + 1
	}
	if i := bytes.LastIndexByte(b[half:], ' '); i >= 0 {
		return half + i + 1
	}
	cut := len(b)
	for cut > len(b)-utf8.UTFMax && cut > 1 && !utf8.RuneStart(b[cut-1]) {
		cut--
	}
	if cut > 1 && utf8.RuneStart(b[cut-1]) && b[cut-1] >= utf8.RuneSelf {
		cut-- // the last character may be cut short: leave it to the next part
	}
	if b[cut-1] == '\r' {
		cut-- // \r\n stays one line break
	}
	return cut
}

// partPlace is where a part starts in its file.
type partPlace struct {
	offset, units                       int // bytes and UTF-16 units before it
	line, lineBytes, lineCol, lineUnits int // its line, and what of that line comes before it
	// countUnits keeps units. Only SARIF's offsets need them, and they
	// cost a read of every character: on real replies, a twentieth of a
	// large file's lint.
	countUnits bool
}

// advance moves the place past part: line breaks are counted in bulk up to
// the last one, and only the last line is read character by character.
func (pl *partPlace) advance(part []byte) {
	pl.offset += len(part)
	if last := bytes.LastIndexAny(part, "\r\n"); last >= 0 {
		lines := part[:last+1]
		breaks := bytes.Count(lines, []byte{'\n'})
		if cr := bytes.Count(lines, []byte{'\r'}); cr > 0 {
			breaks += cr - bytes.Count(lines, []byte("\r\n"))
		}
		pl.line += breaks
		if pl.countUnits {
			pl.units += lint.UTF16Len(lines)
		}
		pl.lineBytes, pl.lineCol, pl.lineUnits = 0, 0, 0
		part = part[last+1:]
	}
	for i := 0; i < len(part); {
		r, size := utf8.DecodeRune(part[i:])
		units := 1
		if r >= 0x10000 {
			units = 2
		}
		i += size
		pl.units += units
		pl.lineBytes += size
		pl.lineCol++
		pl.lineUnits += units
	}
}

// lintParts lints the text r gives in parts, on all cores, and hands each
// part to emit in order, reported under path. At most a few parts are held
// at a time, and their buffers are used again: emit must not keep the
// file's Src after it returns. units16 asks for each part's OffsetUTF16.
func lintParts(ctx context.Context, eng *engine.Engine, path string, r io.Reader, lctx lint.Context, units16 bool,
	emit func(*output.File) error) error {
	type job struct {
		part  []byte
		place partPlace
		index int
		done  chan *output.File
		err   error
	}
	workers := runtime.GOMAXPROCS(0)
	queue := make(chan *job, workers) // parts in order, waiting to be emitted
	work := make(chan *job, workers)  // parts waiting for a worker
	stop := make(chan struct{})
	defer close(stop)
	// Buffers of emitted parts, for the reader to fill again: reading 1 GB
	// then allocates a few parts' worth, not 1 GB for the GC to clear.
	free := make(chan []byte, 2*workers+2)
	for range workers {
		go func() {
			for j := range work {
				res, err := eng.LintText(path, j.part, lctx)
				if err != nil {
					j.err = err
					j.done <- nil
					continue
				}
				for i := range res.Diagnostics {
					res.Diagnostics[i].Shift(j.place.offset)
				}
				j.done <- &output.File{Path: path, Src: j.part, Lang: res.Lang, Mixed: res.Mixed,
					Situation: res.Context.Situation, CustomerName: res.Context.CustomerName, Diagnostics: res.Diagnostics,
					Part: j.index, Offset: j.place.offset, OffsetUTF16: j.place.units, StartLine: j.place.line + 1,
					StartBytes: j.place.lineBytes, StartCol: j.place.lineCol, StartCol16: j.place.lineUnits}
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		defer close(work)
		defer close(queue)
		pr := newPartReader(r, partSize)
		place := partPlace{countUnits: units16}
		for i := 0; ; i++ {
			var buf []byte
			select {
			case buf = <-free:
			default:
			}
			part, err := pr.next(buf)
			if errors.Is(err, io.EOF) {
				readErr <- nil
				return
			}
			if err != nil {
				readErr <- fmt.Errorf("%s: %s", path, describe(err))
				return
			}
			if i == 0 && isBinary(part) {
				readErr <- fmt.Errorf("%s: skipped: this looks like a binary file, not a reply", path)
				return
			}
			j := &job{part: part, place: place, index: i, done: make(chan *output.File, 1)}
			place.advance(part)
			select {
			case queue <- j:
			case <-stop:
				return
			}
			select {
			case work <- j:
			case <-stop:
				return
			}
		}
	}()
	var prev *output.File // linted, held back until it is known whether another part follows
	fail := func(err error) error {
		if prev != nil {
			// End the file with what was found so far: nothing linted is lost.
			if e := emit(prev); e != nil {
				return e
			}
		}
		return err
	}
	for j := range queue {
		var file *output.File
		select {
		case file = <-j.done:
		case <-ctx.Done():
			return errInterrupted
		}
		if j.err != nil {
			return fail(fmt.Errorf("%s: %v", path, j.err))
		}
		if prev != nil {
			prev.More = true
			if err := emit(prev); err != nil {
				return err
			}
			// The reader has copied what followed prev's cut (file was read
			// after it), and emit keeps nothing: the buffer is free.
			select {
			case free <- prev.Src[:cap(prev.Src)]:
			default:
			}
		}
		prev = file
	}
	if err := <-readErr; err != nil {
		return fail(err)
	}
	if prev == nil {
		return nil
	}
	return emit(prev)
}

// limitedReader reads r and fails once more than limit bytes came (0: no limit).
type limitedReader struct {
	r     io.Reader
	n     int64
	limit int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	l.n += int64(n)
	if l.limit > 0 && l.n > l.limit {
		return n, &tooLargeError{size: -1, limit: l.limit}
	}
	return n, err
}
