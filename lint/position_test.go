package lint

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// naivePosition finds the position of off by reading src from its start.
func naivePosition(src []byte, off int) Position {
	off = max(0, min(off, len(src)))
	bom := strings.HasPrefix(string(src), "\ufeff")
	if bom && off < 3 {
		return Position{1, 1 + off, 1 + off}
	}
	line, start := 1, 0
	if bom {
		start = 3
	}
	for i := 0; i < off; i++ {
		switch src[i] {
		case '\n':
			line, start = line+1, i+1
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				if i+1 < off {
					i++
					line, start = line+1, i+1
				}
			} else {
				line, start = line+1, i+1
			}
		}
	}
	p := Position{Line: line, Column: 1, UTF16Column: 1}
	for i := start; i < off; {
		r, size := utf8.DecodeRune(src[start:off][i-start:])
		i += size
		p.Column++
		p.UTF16Column++
		if r >= 0x10000 {
			p.UTF16Column++
		}
	}
	return p
}

// Positions asked in any order, on any text, are those found by reading the
// text from its start; findings come in order, so most questions go on from
// the last, and some (the end of one finding, then the start of the next)
// go back.
func TestLineIndexAnyOrder(t *testing.T) {
	parts := []string{"a", "word ", "\n", "\n\n", "\r\n", "\r", "é", "抱歉", "😀", "שלום", "\xff", "\xf0\x9f", strings.Repeat("x", 17)}
	rnd := rand.New(rand.NewPCG(7, 8))
	for n := range 400 {
		var b strings.Builder
		if n%5 == 0 {
			b.WriteString("\ufeff")
		}
		for range rnd.IntN(30) {
			p := parts[rnd.IntN(len(parts))]
			if n%2 == 0 && strings.Contains(p, "\r") {
				p = "\n" // half the texts end their lines with \n alone, as most do
			}
			b.WriteString(p)
		}
		src := []byte(b.String())
		// Findings start and end between characters (a byte that is not
		// UTF-8 is one), never inside one.
		var edge []bool
		for i := 0; i < len(src); {
			_, size := utf8.DecodeRune(src[i:])
			edge = append(edge, true)
			for range size - 1 {
				edge = append(edge, false)
			}
			i += size
		}
		edge = append(edge, true)
		x := NewLineIndex(src)
		off := 0
		for q := range 60 {
			switch {
			case q%7 == 6:
				off = rnd.IntN(len(src) + 3) // anywhere, and past the end
			case q%3 == 2:
				off -= rnd.IntN(12) // back a little
			default:
				off += rnd.IntN(20)
			}
			off = max(0, min(off, len(src)))
			for !edge[off] {
				off--
			}
			if got, want := x.Position(off), naivePosition(src, off); got != want {
				t.Fatalf("%q, offset %d (question %d): %+v, want %+v", src, off, q, got, want)
			}
		}
		// The lines, built on the first question about them, agree.
		for line := 1; line <= naivePosition(src, len(src)).Line; line++ {
			start := x.LineStart(line)
			if got := naivePosition(src, start); got.Line != line || got.Column != 1 {
				t.Fatalf("%q: line %d starts at %d, which is at %+v", src, line, start, got)
			}
		}
	}
}

// A text without \r is not indexed line by line until a line is asked for.
func TestLineIndexLazy(t *testing.T) {
	src := []byte("Hi Anna,\n\nsorry 😀 for the wait.\nBest,\nSam")
	x := NewLineIndex(src)
	if got, want := x.Position(strings.Index(string(src), "for")), (Position{3, 9, 10}); got != want {
		t.Errorf("position of “for”: %+v, want %+v", got, want)
	}
	if x.starts != nil {
		t.Errorf("positions built the line index: %v", x.starts)
	}
	if got := string(x.Line(4)); got != "Best," {
		t.Errorf("line 4 = %q", got)
	}
	if want := []int{0, 9, 10, 35, 41}; !slices.Equal(x.starts, want) {
		t.Errorf("line starts %v, want %v", x.starts, want)
	}
}

// A Hebrew point makes a word "mixed" (a rune beyond ASCII), as a Hebrew
// letter does, though it is left out of the word's hash: the gate notes
// such a word's pieces, and Identify reads it rune by rune.
func TestNiqqudWordIsMixed(t *testing.T) {
	for _, text := range []string{"a\u05b0b", "\u05b0ab"} {
		d := &Document{Src: []byte(text), Segments: []Segment{{Start: 0, End: len(text), Kind: Prose}}}
		var sc scanner
		sc.reset(d, false)
		if !sc.next() {
			t.Fatalf("%q: no word", text)
		}
		if !sc.w.mixed || sc.w.hash != hashWord("ab") {
			t.Errorf("%q: mixed %v, hash equal to ab's %v", text, sc.w.mixed, sc.w.hash == hashWord("ab"))
		}
	}
}

// UTF16Len and columns count as decoding every character would: ASCII runs, accents,
// emoji (two units) and invalid bytes (one each), across the eight-byte steps.
func TestUTF16Len(t *testing.T) {
	slow := func(b []byte) int {
		n := 0
		for len(b) > 0 {
			r, size := utf8.DecodeRune(b)
			n++
			if r >= 0x10000 {
				n++
			}
			b = b[size:]
		}
		return n
	}
	pieces := []string{"a", "hello there ", "é", "抱歉", "😀", "\xff", "\xe2\x82", "\r\n", "שלום"}
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		var b []byte
		for range rnd.IntN(40) {
			b = append(b, pieces[rnd.IntN(len(pieces))]...)
		}
		if got, want := UTF16Len(b), slow(b); got != want {
			t.Fatalf("UTF16Len(%q) = %d, want %d", b, got, want)
		}
		if got, _ := columns(b, 0, 0); got != utf8.RuneCount(b) {
			t.Fatalf("columns(%q) = %d characters, want %d", b, got, utf8.RuneCount(b))
		}
	}
}
