package lint

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNativeScanShapes(t *testing.T) {
	for _, tc := range []struct {
		expr      string
		matchCase bool
		want      nativeKind
	}{
		{`\b\w+\b`, true, nativeWords},
		{`\b(\w+)\b`, true, nativeWords},
		{`\b[0-9A-Za-z_]+\b`, true, nativeWords},
		{`\b\w+\b`, false, nativeNone}, // (?i)\w also holds ſ and the Kelvin sign
		{`\b\w+?\b`, true, nativeNone},
		{`\w+`, true, nativeWords},
		{`(\w+)\b`, true, nativeWords},
		{`\b\w+`, true, nativeWords},
		{`\b\b\w+`, true, nativeNone},
		{`\w+\w`, true, nativeNone},
		{`\w`, true, nativeNone},
		{`\b`, true, nativeNone},
		{`!`, true, nativeLiteral},
		{`!`, false, nativeLiteral}, // no case to fold
		{`\?!`, false, nativeLiteral},
		{`ok`, true, nativeLiteral},
		{`ok`, false, nativeNone},
		{`\x{FFFD}`, true, nativeNone}, // also matches invalid bytes
		{`it's`, true, nativeNone},     // any apostrophe
		{`a b`, true, nativeNone},      // any white space
		{`!+`, true, nativeNone},
	} {
		cp := &compiledPattern{expr: tc.expr, matchCase: tc.matchCase}
		if got, _ := nativeScan(cp.source()); got != tc.want {
			t.Errorf("%s (match case %v): kind %d, want %d", tc.expr, tc.matchCase, got, tc.want)
		}
	}
}

// nativeTexts are texts native scans must read as the regexp engine does.
var nativeTexts = []string{
	"",
	"Hello, world! Is this OK?! Yes!!",
	"snake_case and 42nd, x2 _lead trail_ a1_b2",
	"naïve café Ärger straße ſtop \u212Aelvin",
	"抱歉！我们会处理。שלום! Pahoittelemme!",
	"bad \xff\xfe bytes \xc3!\xe2\x82 end\xc3",
	"!!!\n\n!\n! !",
	"tab\there\r\nline\u2028sep",
}

// The native scans list exactly the spans FindAllIndex lists.
func TestNativeScanAsRegexp(t *testing.T) {
	for _, text := range nativeTexts {
		checkNativeScan(t, text)
	}
}

func FuzzNativeScan(f *testing.F) {
	for _, text := range nativeTexts {
		f.Add(text)
	}
	f.Fuzz(checkNativeScan)
}

func checkNativeScan(t *testing.T, text string) {
	for _, expr := range []string{`\b\w+\b`, `\b(\w+)\b`, `\w+`, `\b\w+`, `\w+\b`, `!`, `?!`, `ok`, `é`, `抱歉`} {
		cp := &compiledPattern{expr: regexp.QuoteMeta(expr), matchCase: true}
		if expr[0] == '\\' {
			cp.expr = expr
		}
		src := cp.source()
		kind, lit := nativeScan(src)
		if kind == nativeNone {
			t.Fatalf("%s: no native scan", expr)
		}
		var got [][]int
		scanNative(kind, lit, []byte(text), func(start, end int) { got = append(got, []int{start, end}) })
		want := regexp.MustCompile(src).FindAllIndex([]byte(text), -1)
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("%s on %q: native %v, regexp %v", expr, text, got, want)
		}
	}
}

// Rules imported from Vale's occurrence rules report the same with native
// scans as with the regexp engine.
func TestNativeOccurrenceRules(t *testing.T) {
	for _, text := range append(nativeTexts,
		"One two three four. Five six seven eight nine ten eleven!\n\nWow! Really! Great.",
		"Hi Anna,\n\nA naïve_idea x1 y2 z3 w4, v5! u6! t7 s8 r9.\n\n> quoted! words! here! now!\n") {
		checkOccurrenceRules(t, text)
	}
}

func checkOccurrenceRules(t *testing.T, text string) {
	rules := []*Rule{
		{ID: "t.words", Category: "over-familiar", Severity: Info, Message: "%d words", Origin: "test",
			Check: &Pattern{Expr: `\b\w+\b`, MatchCase: true, Max: 3, Per: PerSentence}},
		{ID: "t.bangs", Category: "over-familiar", Severity: Warning, Message: "%d marks", Origin: "test",
			Check: &Pattern{Expr: `!`, MatchCase: true, Max: 1, Per: PerParagraph}},
		{ID: "t.all", Category: "over-familiar", Severity: Warning, Message: "word", Origin: "test",
			Check: &Pattern{Expr: `\b\w+\b`, MatchCase: true}},
		{ID: "t.para", Category: "over-familiar", Severity: Info, Message: "%d words a paragraph", Origin: "test",
			Check: &Pattern{Expr: `\b\w+\b`, MatchCase: true, Max: 5, Per: PerParagraph}},
	}
	fast, err := Compile(&Language{}, rules)
	if err != nil {
		t.Fatal(err)
	}
	slow, err := CompileWith(&Language{}, rules, CompileOptions{RegexOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []Format{FormatMarkdown, FormatText} {
		doc := NewDocument("t", []byte(text), format)
		got, want := fast.Lint(doc, Context{}), slow.Lint(doc, Context{})
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q (format %v):\nnative %v\nregexp %v", text, format, got, want)
		}
	}
	if bytes.Contains([]byte(text), []byte("Wow!")) && (fast.patterns[0].native != nativeWords ||
		fast.patterns[1].native != nativeLiteral || slow.patterns[0].native != nativeNone) {
		t.Fatalf("native scans %d %d, regexp only %d", fast.patterns[0].native, fast.patterns[1].native, slow.patterns[0].native)
	}
}

func FuzzNativeOccurrenceRules(f *testing.F) {
	for _, text := range nativeTexts {
		f.Add(text)
	}
	f.Fuzz(checkOccurrenceRules)
}

// atWordEdges decodes the characters around a span only when neither is
// ASCII outside words, and answers as decoding them always would.
func TestAtWordEdges(t *testing.T) {
	decoding := func(src []byte, start, end int) bool {
		if start > 0 {
			before, _ := utf8.DecodeLastRune(src[:start])
			first, _ := utf8.DecodeRune(src[start:])
			if isWordRune(before) && isWordRune(first) && !isSpaceless(first) && !isSpaceless(before) {
				return false
			}
		}
		if end < len(src) {
			last, _ := utf8.DecodeLastRune(src[:end])
			after, _ := utf8.DecodeRune(src[end:])
			if isWordRune(last) && isWordRune(after) && !isSpaceless(last) && !isSpaceless(after) {
				return false
			}
		}
		return true
	}
	for _, text := range nativeTexts {
		src := []byte(text)
		for start := 0; start < len(src); start++ {
			for end := start + 1; end <= len(src); end++ {
				if got, want := atWordEdges(src, start, end), decoding(src, start, end); got != want {
					t.Errorf("%q [%d,%d): %v, want %v", text, start, end, got, want)
				}
			}
		}
	}
}

// countWords, in one loop, counts as overLimit does with every run of word
// bytes at word edges, also where it passes over short sentences and where
// it counts eight bytes a step, over the whole text or piece by piece (as
// it is called for each prose segment), where a word cut by a piece's end
// is not one.
func TestCountWords(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "Zb", "09", "_", " ", " ", "  ", ".", "!", "?", "\n", "\n\n", ",", "'", "-", "é", "’", "word", "longerword",
		"the quick brown fox jumps", "over_the lazy dog ", "a b c d e f g h i j ", "MixedCase words, and more; "}
	for try := 0; try < 20000; try++ {
		var b strings.Builder
		for n := rng.IntN(80); n > 0; n-- {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		src := []byte(b.String())
		var cuts []int // the pieces' bounds
		for i := 0; i < len(src); i += 1 + rng.IntN(40) {
			cuts = append(cuts, i)
		}
		cuts = append(cuts, len(src))
		var blocks []int // Markdown blocks that start at some of the lines, half the time
		for i := 1; try%2 == 0 && i < len(src); i++ {
			if src[i-1] == '\n' && rng.IntN(2) == 0 {
				blocks = append(blocks, i)
			}
		}
		for _, per := range []string{PerSentence, PerParagraph, PerDocument} {
			c := &Pattern{Max: 1 + rng.IntN(12), Per: per}
			diag := func(start, end int) Diagnostic { return Diagnostic{Start: start, End: end, Message: "%d"} }
			words := func(bounds []int) []span {
				var spans []span
				for k := 0; k+1 < len(bounds); k++ {
					for i := bounds[k]; i < bounds[k+1]; {
						if !isREWordByte(src[i]) {
							i++
							continue
						}
						j := i
						for j < bounds[k+1] && isREWordByte(src[j]) {
							j++
						}
						if atWordEdges(src, i, j) {
							spans = append(spans, span{i, j})
						}
						i = j
					}
				}
				return spans
			}
			var stops []int // where the pass notes them: every . ! ?
			for i, b := range src {
				if sentenceStop(b) {
					stops = append(stops, i)
				}
			}
			for _, bounds := range [][]int{{0, len(src)}, cuts} {
				spans := words(bounds)
				want := overLimit(src, blocks, c, spans, nil, diag)
				for _, stops := range [][]int{nil, stops} {
					l := &limitCount{src: src, blocks: blocks, c: c, diag: diag}
					for k := 0; k+1 < len(bounds); k++ {
						countWords(src, bounds[k], bounds[k+1], l, stops)
					}
					if stops == nil && len(spans) > 0 && l.end != spans[len(spans)-1].end { // with stops, short sentences are passed over
						t.Fatalf("%q in %d pieces: the last word counted ends at %d, want %d", src, len(bounds)-1, l.end, spans[len(spans)-1].end)
					}
					l.flush()
					if fmt.Sprint(l.out) != fmt.Sprint(want) {
						t.Fatalf("%q per %s, max %d, in %d pieces, %d stops: %v, want %v", src, per, c.Max, len(bounds)-1, len(stops), l.out, want)
					}
				}
			}
		}
	}
}

// plainWords marks the word bytes and the bytes that are not plain as a
// byte at a time would.
func TestPlainWords(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		var b [8]byte
		for i := range b {
			b[i] = byte(rng.IntN(256))
			if rng.IntN(2) == 0 {
				b[i] = "aZ09_ .!?\n\r,'`@[{\x7f\x80"[rng.IntN(19)]
			}
		}
		words, odd := plainWords(binary.LittleEndian.Uint64(b[:]))
		for i, c := range b {
			isOdd := c >= 0x80 || c == '.' || c == '!' || c == '?' || c == '\n'
			if got := odd>>(8*i+7)&1 == 1; got != isOdd {
				t.Fatalf("%q: byte %d odd %v, want %v", b, i, got, isOdd)
			}
			if got, want := words>>(8*i+7)&1 == 1, !isOdd && isREWordByte(c); got != want {
				t.Fatalf("%q: byte %d a word byte %v, want %v", b, i, got, want)
			}
		}
		if words&^hiBits != 0 || odd&^hiBits != 0 {
			t.Fatalf("%q: bits beside the high ones: %x %x", b, words, odd)
		}
	}
}

// limitCount.firstStop answers as a binary search does, asked in any order.
func TestFirstStop(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 200 {
		var stops []int
		for p := rng.IntN(5); p < 400; p += 1 + rng.IntN(30) {
			stops = append(stops, p)
		}
		var l limitCount
		for range 100 {
			off := rng.IntN(420)
			if rng.IntN(4) > 0 { // mostly on from the last
				off = min(419, l.end+rng.IntN(40))
			}
			l.end = off
			if got, want := l.firstStop(stops, off), sort.SearchInts(stops, off); got != want {
				t.Fatalf("stops %v: first at or after %d is #%d, want #%d", stops, off, got, want)
			}
		}
	}
}
