package lint

import (
	"bytes"
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
	src     []byte
	starts  []int
	last    Position // the last position asked for, at byte lastOff, to go on from:
	lastOff int      // findings come in order, so columns on a long line are counted once
}

// NewLineIndex indexes the line starts of src.
func NewLineIndex(src []byte) *LineIndex {
	if bytes.IndexByte(src, '\r') < 0 {
		// Only \n ends lines: count them, then find each with IndexByte.
		starts := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
		for i := 0; ; {
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				return &LineIndex{src: src, starts: starts}
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
	return &LineIndex{src: src, starts: starts}
}

// Position returns the position of byte offset off (clamped to the input).
// A LineIndex is not safe for concurrent use: it remembers the last position.
func (x *LineIndex) Position(off int) Position {
	off = max(0, min(off, len(x.src)))
	line := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
	start := x.starts[line]
	if line == 0 && off >= 3 && len(x.src) >= 3 && x.src[0] == 0xEF && x.src[1] == 0xBB && x.src[2] == 0xBF {
		start = 3 // editors hide a byte-order mark: columns count from after it
	}
	col, col16 := 1, 1
	if x.last.Line == line+1 && x.lastOff >= start && x.lastOff <= off {
		start, col, col16 = x.lastOff, x.last.Column, x.last.UTF16Column
	}
	for i := start; i < off; {
		r, size := utf8.DecodeRune(x.src[i:off])
		i += size
		col++
		if r >= 0x10000 {
			col16 += 2
		} else {
			col16++
		}
	}
	x.last, x.lastOff = Position{Line: line + 1, Column: col, UTF16Column: col16}, off
	return x.last
}

// Line returns the bytes of 1-based line n without its line ending.
func (x *LineIndex) Line(n int) []byte {
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
	if n < 1 || n > len(x.starts) {
		return len(x.src)
	}
	return x.starts[n-1]
}
