package lsp

import (
	"math/rand/v2"
	"testing"

	"github.com/replykit/replykit/lint"
)

func TestOffsetOf(t *testing.T) {
	text := []byte("ab\r\n🎉x\rשלום\n\nend")
	for _, c := range []struct {
		line, char int
		want       string // the text from the offset on
	}{
		{0, 0, "ab\r\n🎉x\rשלום\n\nend"},
		{0, 2, "\r\n🎉x\rשלום\n\nend"},
		{0, 99, "\r\n🎉x\rשלום\n\nend"}, // past the line's end: the end of the line
		{1, 0, "🎉x\rשלום\n\nend"},
		{1, 1, "🎉x\rשלום\n\nend"}, // inside the surrogate pair: rounds down
		{1, 2, "x\rשלום\n\nend"},
		{1, 3, "\rשלום\n\nend"},
		{2, 1, "לום\n\nend"},
		{3, 0, "\nend"},
		{3, 5, "\nend"},
		{4, 2, "d"},
		{9, 0, ""}, // past the last line: the end
		{-1, 0, "ab\r\n🎉x\rשלום\n\nend"},
		{0, -3, "ab\r\n🎉x\rשלום\n\nend"},
	} {
		if got := string(text[offsetOf(text, Position{c.line, c.char}):]); got != c.want {
			t.Errorf("offsetOf(%d:%d) leaves %q, want %q", c.line, c.char, got, c.want)
		}
	}
}

// TestOffsetRoundTrip checks offsetOf against lint.LineIndex, which the
// published ranges come from: every character boundary maps back to itself.
func TestOffsetRoundTrip(t *testing.T) {
	pieces := []string{"a", "é", "界", "🎉", "\n", "\r\n", "\r", " ", "ש"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		var text []byte
		for range r.IntN(30) {
			text = append(text, pieces[r.IntN(len(pieces))]...)
		}
		x := lint.NewLineIndex(text)
		for off := 0; off <= len(text); off++ {
			if off < len(text) && (text[off]&0xC0 == 0x80 || (text[off] == '\n' && off > 0 && text[off-1] == '\r')) {
				continue // not a character boundary a position can name
			}
			p := position(x, off)
			if got := offsetOf(text, p); got != off {
				t.Fatalf("%q: offset %d is %+v, which maps back to %d", text, off, p, got)
			}
		}
	}
}

func TestApplyChange(t *testing.T) {
	text := []byte("Hi 🎉 Anna,\nI don't know.\n")
	for _, c := range []struct {
		change ContentChange
		want   string
	}{
		{ContentChange{Text: "whole"}, "whole"},
		{ContentChange{Range: &Range{Position{0, 6}, Position{0, 10}}, Text: "Bo"}, "Hi 🎉 Bo,\nI don't know.\n"},
		{ContentChange{Range: &Range{Position{0, 3}, Position{0, 3}}, Text: "🎉"}, "Hi 🎉🎉 Anna,\nI don't know.\n"},
		{ContentChange{Range: &Range{Position{0, 11}, Position{1, 2}}, Text: ""}, "Hi 🎉 Anna,don't know.\n"},
		{ContentChange{Range: &Range{Position{1, 2}, Position{0, 11}}, Text: ""}, "Hi 🎉 Anna,don't know.\n"}, // reversed
		{ContentChange{Range: &Range{Position{5, 0}, Position{6, 0}}, Text: "Best,\n"}, "Hi 🎉 Anna,\nI don't know.\nBest,\n"},
	} {
		before := string(text)
		if got := string(applyChange(text, c.change)); got != c.want {
			t.Errorf("%+v: got %q, want %q", c.change, got, c.want)
		}
		if string(text) != before {
			t.Fatalf("applyChange changed its input")
		}
	}
}
