package lint

import (
	"bytes"
	"encoding/binary"
	"sort"
	"unicode/utf8"
)

// Position is a place in a document as people and editors count it.
type Position struct {
	Line        int // 1-based
	Column      int // 1-based, in characters (runes)
	UTF16Column int // 1-based, in UTF-16 code units, as LSP and SARIF count
}

// LineIndex maps byte offsets to positions. Lines end at \n, \r\n or a lone \r.
type LineIndex struct {
	src    []byte
	bom    bool  // src starts with a byte-order mark: editors hide it, so line 1's columns count from after it
	cr     bool  // src has a \r, which may end a line alone: positions are found by the line starts
	starts []int // line starts: built for a text with \r in it, else only when Line or LineStart asks

	// The last position asked for, at byte curOff on the line that starts
	// at curLine, to go on from: findings come in order, so the line breaks
	// between two are counted once, in bulk, and the rest of the text never.
	cur             Position
	curOff, curLine int
}

// NewLineIndex returns the line index of src.
func NewLineIndex(src []byte) *LineIndex {
	x := &LineIndex{src: src, cur: Position{1, 1, 1}}
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		x.bom, x.curOff, x.curLine = true, 3, 3
	}
	if bytes.IndexByte(src, '\r') >= 0 {
		x.cr = true
		x.index()
	}
	return x
}

// index finds the start of every line.
func (x *LineIndex) index() {
	src := x.src
	if !x.cr {
		// Only \n ends lines: count them, then find each with IndexByte.
		starts := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
		for i := 0; ; {
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				x.starts = starts
				return
			}
			i += j + 1
			starts = append(starts, i)
		}
	}
	starts := []int{0}
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	x.starts = starts
}

// Position returns the position of byte offset off (clamped to the input).
// A LineIndex is not safe for concurrent use: it remembers the last position.
func (x *LineIndex) Position(off int) Position {
	off = max(0, min(off, len(x.src)))
	if x.bom && off < 3 {
		return Position{1, 1 + off, 1 + off} // inside the mark: each byte a column, as it reads
	}
	if !x.cr {
		return x.positionLF(off)
	}
	line := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
	start := x.starts[line]
	if line == 0 && x.bom {
		start = 3
	}
	col, col16 := 1, 1
	if x.cur.Line == line+1 && x.curOff >= start && x.curOff <= off {
		start, col, col16 = x.curOff, x.cur.Column, x.cur.UTF16Column
	}
	col, col16 = columns(x.src[start:off], col, col16)
	x.cur, x.curOff = Position{Line: line + 1, Column: col, UTF16Column: col16}, off
	return x.cur
}

// positionLF is Position for a text whose lines all end at \n: it goes on
// from the last position, counting the line breaks between with bytes.Count.
func (x *LineIndex) positionLF(off int) Position {
	c := x.cur
	if off >= x.curOff {
		span := x.src[x.curOff:off]
		if n := bytes.Count(span, []byte{'\n'}); n > 0 {
			c.Line += n
			x.curLine = x.curOff + bytes.LastIndexByte(span, '\n') + 1
			c.Column, c.UTF16Column = columns(x.src[x.curLine:off], 1, 1)
		} else {
			c.Column, c.UTF16Column = columns(span, c.Column, c.UTF16Column)
		}
	} else {
		if n := bytes.Count(x.src[off:x.curOff], []byte{'\n'}); n > 0 {
			c.Line -= n
			x.curLine = bytes.LastIndexByte(x.src[:off], '\n') + 1
			if c.Line == 1 && x.bom {
				x.curLine = 3
			}
		}
		c.Column, c.UTF16Column = columns(x.src[x.curLine:off], 1, 1)
	}
	x.cur, x.curOff = c, off
	return c
}

// UTF16Len returns how many UTF-16 code units b takes, as LSP and SARIF
// count, a byte that is not UTF-8 counting as one.
func UTF16Len(b []byte) int {
	_, n := columns(b, 0, 0)
	return n
}

// columns returns col and col16 moved past the characters of b: one column
// each, and one UTF-16 unit each or two past the BMP. A byte that is not
// UTF-8 counts as one character. ASCII is counted eight bytes at a time.
func columns(b []byte, col, col16 int) (int, int) {
	for i := 0; i < len(b); {
		if i+8 <= len(b) && binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 == 0 {
			i += 8
			col += 8
			col16 += 8
			continue
		}
		if b[i] < utf8.RuneSelf {
			i++
			col++
			col16++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		i += size
		col++
		col16++
		if r >= 0x10000 {
			col16++
		}
	}
	return col, col16
}

// Line returns the bytes of 1-based line n without its line ending.
func (x *LineIndex) Line(n int) []byte {
	if x.starts == nil {
		x.index()
	}
	if n < 1 || n > len(x.starts) {
		return nil
	}
	start := x.starts[n-1]
	end := len(x.src)
	if n < len(x.starts) {
		end = x.starts[n]
	}
	for end > start && (x.src[end-1] == '\n' || x.src[end-1] == '\r') {
		end--
	}
	return x.src[start:end]
}

// LineStart returns the byte offset where 1-based line n starts.
func (x *LineIndex) LineStart(n int) int {
	if x.starts == nil {
		x.index()
	}
	if n < 1 || n > len(x.starts) {
		return len(x.src)
	}
	return x.starts[n-1]
}
