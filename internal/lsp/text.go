package lsp

import (
	"unicode/utf8"

	"github.com/replykit/replykit/lint"
)

// offsetOf returns the byte offset in text of an LSP position (0-based line,
// UTF-16 character). Out-of-range positions are clamped the way the protocol
// asks: a character past the end of its line means the end of the line, a
// line past the last means the end of the text. A character inside a
// surrogate pair rounds down to the start of its character. Lines end at
// \n, \r\n or a lone \r, as lint.LineIndex counts them.
func offsetOf(text []byte, p Position) int {
	if p.Line < 0 {
		return 0
	}
	off := 0
	for line := 0; line < p.Line; line++ {
		next := lineEnd(text, off)
		if next == len(text) {
			return len(text)
		}
		off = next + 1
		if text[next] == '\r' && off < len(text) && text[off] == '\n' {
			off++
		}
	}
	end := lineEnd(text, off)
	for units := 0; off < end; {
		r, size := utf8.DecodeRune(text[off:end])
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if units+w > p.Character {
			break
		}
		units += w
		off += size
	}
	return off
}

// lineEnd returns the offset of the line break that ends the line holding
// off, or len(text).
func lineEnd(text []byte, off int) int {
	for i := off; i < len(text); i++ {
		if text[i] == '\n' || text[i] == '\r' {
			return i
		}
	}
	return len(text)
}

// applyChange returns text with one didChange content change applied. It
// never changes text in place: earlier lint results still point into it.
func applyChange(text []byte, c ContentChange) []byte {
	if c.Range == nil {
		return []byte(c.Text)
	}
	start, end := offsetOf(text, c.Range.Start), offsetOf(text, c.Range.End)
	if end < start {
		start, end = end, start
	}
	out := make([]byte, 0, len(text)-(end-start)+len(c.Text))
	out = append(out, text[:start]...)
	out = append(out, c.Text...)
	return append(out, text[end:]...)
}

// position converts a byte offset to an LSP position.
func position(x *lint.LineIndex, off int) Position {
	p := x.Position(off)
	return Position{Line: p.Line - 1, Character: p.UTF16Column - 1}
}

func span(x *lint.LineIndex, start, end int) Range {
	return Range{Start: position(x, start), End: position(x, end)}
}

// before reports whether a comes before b.
func before(a, b Position) bool {
	return a.Line < b.Line || (a.Line == b.Line && a.Character < b.Character)
}

// touches reports whether two ranges overlap or meet, as a cursor at the end
// of a finding still picks it for a code action.
func touches(a, b Range) bool {
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}
