package lint

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"regexp/syntax"
	"unicode"
	"unicode/utf8"
)

// A few expressions are common enough, and simple enough, to be found
// without the regexp engine: Vale's occurrence rules count words with
// \b\w+\b and marks with a literal such as !. The native scans give exactly
// the spans FindAllIndex would give on the same text.
type nativeKind uint8

const (
	nativeNone    nativeKind = iota
	nativeWords              // \b\w+\b or \w+: every run of ASCII letters, digits and _
	nativeLiteral            // a literal text, matched as written
)

// nativeScan tells whether the expression source (as given to
// regexp.Compile) has a native scan, and the literal it looks for.
func nativeScan(source string) (nativeKind, []byte) {
	re, err := syntax.Parse(source, syntax.Perl)
	if err != nil {
		return nativeNone, nil
	}
	re = stripCaptures(re.Simplify())
	if re.Op == syntax.OpLiteral && exactLiteral(re) {
		return nativeLiteral, []byte(string(re.Rune))
	}
	// \w+ matches whole runs, so \b on either side changes nothing.
	items := []*syntax.Regexp{re}
	if re.Op == syntax.OpConcat {
		items = re.Sub
	}
	if len(items) > 0 && items[0].Op == syntax.OpWordBoundary {
		items = items[1:]
	}
	if len(items) > 0 && items[len(items)-1].Op == syntax.OpWordBoundary {
		items = items[:len(items)-1]
	}
	if len(items) == 1 && asciiWordRun(stripCaptures(items[0])) {
		return nativeWords, nil
	}
	return nativeNone, nil
}

// stripCaptures drops the groups around n, which change no match's span.
func stripCaptures(n *syntax.Regexp) *syntax.Regexp {
	for n.Op == syntax.OpCapture {
		n = n.Sub[0]
	}
	return n
}

// exactLiteral reports whether the literal n matches exactly its own bytes:
// not folded to other cases, and with no U+FFFD, which also stands for
// any invalid byte of the text.
func exactLiteral(n *syntax.Regexp) bool {
	if len(n.Rune) == 0 {
		return false
	}
	for _, r := range n.Rune {
		if r == utf8.RuneError || n.Flags&syntax.FoldCase != 0 && unicode.SimpleFold(r) != r {
			return false
		}
	}
	return true
}

// asciiWordRun reports whether n is \w+ or [0-9A-Za-z_]+, greedy: one or
// more of exactly the characters RE2's \b counts as word characters.
func asciiWordRun(n *syntax.Regexp) bool {
	if n.Op != syntax.OpPlus || n.Flags&syntax.NonGreedy != 0 {
		return false
	}
	c := stripCaptures(n.Sub[0])
	if c.Op != syntax.OpCharClass {
		return false
	}
	want := []rune{'0', '9', 'A', 'Z', '_', '_', 'a', 'z'}
	if len(c.Rune) != len(want) {
		return false
	}
	for i, r := range want {
		if c.Rune[i] != r {
			return false
		}
	}
	return true
}

// isREWordByte reports whether b is a word character to RE2's \b and \w.
// Every byte of a multi-byte character is above ASCII, so bytes can be
// tested on their own.
func isREWordByte(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '_'
}

// scanNative calls fn with the span of every match of a native scan in
// text, in order, as FindAllIndex would list them.
func scanNative(kind nativeKind, lit, text []byte, fn func(start, end int)) {
	switch kind {
	case nativeWords:
		for i := 0; i < len(text); {
			if !isREWordByte(text[i]) {
				i++
				continue
			}
			j := i + 1
			for j < len(text) && isREWordByte(text[j]) {
				j++
			}
			fn(i, j)
			i = j
		}
	case nativeLiteral:
		for i := 0; ; {
			k := bytes.Index(text[i:], lit)
			if k < 0 {
				return
			}
			fn(i+k, i+k+len(lit))
			i += k + len(lit)
		}
	}
}

// words reports whether the pattern is a native count of words (\b\w+\b).
func (cp *compiledPattern) words() bool { return cp.nativeKind() == nativeWords }

// nativeKind returns how the pattern is scanned without the regexp engine,
// worked out on first use.
func (cp *compiledPattern) nativeKind() nativeKind {
	cp.nativeOnce.Do(func() {
		if !cp.regexOnly {
			cp.native, cp.lit = nativeScan(cp.source())
		}
	})
	return cp.native
}

// countWords adds to l every run of ASCII letters, digits and _ in
// src[start:end] that stands at word edges: what scanNative and found do
// for such a pattern, in one loop. The scope is looked at (splitsScope) only
// where a mark or line break stands between two counted words.
//
// Counting per sentence, it passes over a sentence too short to hold more
// than l.c.Max words (each takes a character, and a space): stops are the
// places of every . ! ? in the prose, which the pass noted, so the next one
// is known without reading the sentence.
func countWords(src []byte, start, end int, l *limitCount, stops []int) {
	split := l.n > 0 // what lies between the last call's words and these is unknown
	k, short := 0, -1
	if l.c.Per == PerSentence && len(stops) > 0 {
		k, short = l.firstStop(stops, start), 2*l.c.Max
	}
	retry := start + 1 // where the eight-byte steps may next be tried
	for i := start; i < end; {
		c := src[i]
		if !split && l.n > 0 && i >= retry && i+8 <= end && src[i-1] < utf8.RuneSelf {
			// Nothing can end the scope here: count the words eight bytes a
			// step while the text is plain (see plainWords).
			next, bad := countPlain(src, i, end, l)
			retry = bad + 1
			if next > i {
				i = next
				continue
			}
		}
		if !reWordByte[c] {
			switch c {
			case '.', '!', '?':
				split = true
				for k < len(stops) && stops[k] < i {
					k++
				}
				if k+1 < len(stops) && stops[k] == i && endsSentence(src, i) {
					if next := stops[k+1]; next < end && next-i-1 <= short && sentenceStop(src[next]) && endsSentence(src, next) {
						i = next // nothing between two sentence ends so close can pass the limit
						continue
					}
				}
			case '\n':
				split = true
			case 0x82, 0x81, 0x9F, 0xA1: // perhaps the last byte of 。 ！ ？ ｡
				split = split || wideStopAt(src, i)
			}
			i++
			continue
		}
		j := i + 1
		for j < end && reWordByte[src[j]] {
			j++
		}
		// At word edges: beside an ASCII character outside the run, or a
		// character atWordEdges decodes.
		if (i == 0 || i > start && src[i-1] < utf8.RuneSelf) && (j == len(src) || j < end && src[j] < utf8.RuneSelf) ||
			atWordEdges(src, i, j) {
			if split || l.n == 0 {
				l.addAfter(i, j, split)
				split = false
			} else {
				l.n, l.end = l.n+1, j // addAfter's path when nothing can end the scope
			}
		}
		i = j
	}
}

// countPlain counts the words of src[i:end], eight bytes a step, for as
// long as each eight are plain (see plainWords): the caller has counted a
// word before i, nothing that ends a scope stands between it and i, and
// src[i-1] is an ASCII byte outside any word. It returns where the steps
// stopped, never inside a word, and where the byte that stopped them is
// (end when the text ran out).
func countPlain(src []byte, i, end int, l *limitCount) (next, bad int) {
	var prev uint64 // 0x80 when the byte before the eight is a word byte
	lastEnd := l.end
	for ; i+8 <= end; i += 8 {
		x := binary.LittleEndian.Uint64(src[i:])
		words, odd := plainWords(x)
		if odd != 0 {
			bad = i + bits.TrailingZeros64(odd)/8
			break
		}
		l.n += bits.OnesCount64(words &^ (words<<8 | prev>>56))
		if ends := ^words & (words<<8 | prev>>56) & hiBits; ends != 0 {
			lastEnd = i + (63-bits.LeadingZeros64(ends))/8
		}
		prev = words & (0x80 << 56)
	}
	if i+8 > end {
		bad = end
	}
	if prev != 0 {
		// A word counted at its start runs on past the steps: read it to its
		// end, and take it back if it does not end at a word edge.
		ws := i - 1
		for ws > 0 && reWordByte[src[ws-1]] {
			ws--
		}
		j := i
		for j < end && reWordByte[src[j]] {
			j++
		}
		if (j == len(src) || j < end && src[j] < utf8.RuneSelf) || atWordEdges(src, ws, j) {
			lastEnd = j
		} else {
			l.n--
		}
		i = j
	}
	l.end = lastEnd
	return i, bad
}

const (
	loBits = 0x0101010101010101
	hiBits = 0x8080808080808080
)

// plainWords returns, for eight bytes x (the first in the low byte), 0x80
// in each byte that is an ASCII letter, digit or _ (words), and 0x80 in
// each that is not plain (odd): a byte outside ASCII, or one of . ! ? and
// the line break, which may end a sentence or a paragraph.
func plainWords(x uint64) (words, odd uint64) {
	// With every byte under 0x80, adding to it never carries into the next.
	odd = x & hiBits
	low := x &^ hiBits
	in := func(v uint64, lo, hi byte) uint64 { // 0x80 where lo <= byte <= hi
		return (v + (0x80-uint64(lo))*loBits) &^ (v + (0x7f-uint64(hi))*loBits) & hiBits
	}
	is := func(c byte) uint64 { // 0x80 where the byte is c
		t := low ^ uint64(c)*loBits
		return ^((t&^hiBits + (hiBits - loBits)) | t) & hiBits
	}
	words = in(low|0x20*loBits, 'a', 'z') | in(low, '0', '9') | is('_')
	odd |= is('.') | is('!') | is('?') | is('\n')
	return words &^ odd, odd
}

// reWordByte is isREWordByte as a table.
var reWordByte = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = isREWordByte(byte(c))
	}
	return t
}()

// endsSentence reports whether the stop at src[i] ends a sentence: a full
// stop that a word goes on from ("v1.2"), or that of "e.g.", does not.
func endsSentence(src []byte, i int) bool {
	return src[i] != '.' || !continuesSentence(src, i)
}
