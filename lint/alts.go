package lint

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode/utf8"
)

// A pattern of many alternatives (a Vale rule's tokens joined, `it'?s not
// just [^;,—:]+[;,—:] it'?s [^.!?]+|…`) runs as one large program, which Go's
// regexp can only simulate thread by thread: every byte costs every live
// alternative. Most alternatives hold words they cannot match without, and
// most texts lack them. altFilter keeps, for a text, only the alternatives
// whose words it holds, and runs an expression of those alone: none, most
// often. What is left out cannot match anywhere in the text, so the matches
// are those of the whole expression.

// altMinBranches is the fewest alternatives worth filtering.
const altMinBranches = 8

// altCacheSize bounds the expressions compiled for sets of alternatives.
const altCacheSize = 64

type altFilter struct {
	branches    []string // each alternative's source, as written
	words       []string // every word some alternative must hold (lower-case ASCII letters and digits), once
	wordOf      [][]int  // for each alternative, the words it must hold, as indexes into words
	spaces      bool     // loosenSource's spaces
	apostrophes bool     // and its apostrophes
	matchCase   bool

	mu    sync.Mutex
	cache map[string]*regexp.Regexp
}

// newAltFilter returns a filter for expr, or nil when expr has too few
// alternatives at its top level, or too few of them need a word.
func newAltFilter(expr string, spaces, apostrophes, matchCase bool) *altFilter {
	if strings.HasPrefix(expr, "(?") && !strings.HasPrefix(expr, "(?:") {
		return nil // flags over all the alternatives: leave them whole
	}
	var bars []int
	topLevel(expr, func(i, _ int) bool {
		if expr[i] == '|' {
			bars = append(bars, i)
		}
		return true
	})
	if len(bars)+1 < altMinBranches {
		return nil
	}
	f := &altFilter{spaces: spaces, apostrophes: apostrophes, matchCase: matchCase}
	from := 0
	for _, b := range append(bars, len(expr)) {
		f.branches = append(f.branches, expr[from:b])
		from = b + 1
	}
	index := map[string]int{}
	needing := 0
	for _, br := range f.branches {
		re, err := syntax.Parse(br, syntax.Perl)
		if err != nil {
			return nil
		}
		words := requiredWords(re, nil)
		var ids []int
		for _, w := range words {
			id, ok := index[w]
			if !ok {
				id = len(f.words)
				index[w] = id
				f.words = append(f.words, w)
			}
			ids = append(ids, id)
		}
		if len(ids) > 0 {
			needing++
		}
		f.wordOf = append(f.wordOf, ids)
	}
	if needing*2 < len(f.branches) {
		return nil // most alternatives could match anywhere
	}
	return f
}

// requiredWords appends the words every match of re holds: the runs of
// ASCII letters and digits, lower-case, of the literal text that re cannot
// match without. Text that may be left out (x?, x*, one side of x|y) says
// nothing. A run at the edge of a literal may go on in the text ("just"
// in "justice"), which is why the text is searched for it anywhere.
func requiredWords(re *syntax.Regexp, out []string) []string {
	switch re.Op {
	case syntax.OpLiteral:
		var b strings.Builder
		flush := func() {
			if b.Len() >= 2 {
				out = append(out, b.String())
			}
			b.Reset()
		}
		for _, r := range re.Rune {
			switch {
			case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
				b.WriteRune(r)
			case 'A' <= r && r <= 'Z':
				b.WriteRune(r + 'a' - 'A')
			default:
				flush() // spaces, apostrophes and the rest are loosened: split there
			}
		}
		flush()
	case syntax.OpConcat:
		for _, s := range re.Sub {
			out = requiredWords(s, out)
		}
	case syntax.OpCapture:
		out = requiredWords(re.Sub[0], out)
	case syntax.OpPlus:
		out = requiredWords(re.Sub[0], out)
	case syntax.OpRepeat:
		if re.Min >= 1 {
			out = requiredWords(re.Sub[0], out)
		}
	}
	return out
}

// regexpFor returns the expression of the alternatives text may match, or
// nil when it can match none. whole is the full expression, returned when
// every alternative is left.
func (f *altFilter) regexpFor(text []byte, whole *regexp.Regexp) *regexp.Regexp {
	folded := foldASCII(text)
	has := make([]int8, len(f.words)) // 0 unknown, 1 held, -1 not
	held := func(id int) bool {
		if has[id] == 0 {
			has[id] = -1
			if strings.Contains(folded, f.words[id]) {
				has[id] = 1
			}
		}
		return has[id] == 1
	}
	set := make([]byte, (len(f.branches)+7)/8)
	n := 0
	for i, ids := range f.wordOf {
		ok := true
		for _, id := range ids {
			if !held(id) {
				ok = false
				break
			}
		}
		if ok {
			set[i/8] |= 1 << (i % 8)
			n++
		}
	}
	switch n {
	case 0:
		return nil
	case len(f.branches):
		return whole
	}
	key := string(set)
	f.mu.Lock()
	re, ok := f.cache[key]
	f.mu.Unlock()
	if ok {
		return re
	}
	var parts []string
	for i, br := range f.branches {
		if set[i/8]&(1<<(i%8)) != 0 {
			parts = append(parts, br)
		}
	}
	src := loosenSource(strings.Join(parts, "|"), f.spaces, f.apostrophes)
	if f.matchCase {
		src = strings.TrimPrefix(src, "(?i)")
	}
	re, err := regexp.Compile(src)
	if err != nil {
		return whole
	}
	f.mu.Lock()
	if f.cache == nil || len(f.cache) >= altCacheSize {
		f.cache = map[string]*regexp.Regexp{} // start again: sets seen long ago seldom come back
	}
	f.cache[key] = re
	f.mu.Unlock()
	return re
}

// foldASCII returns text with ASCII letters in lower case, and the two
// letters outside ASCII that case-insensitive matching takes for ASCII ones
// (ſ for s, the Kelvin sign for k) as those.
func foldASCII(text []byte) string {
	var b strings.Builder
	b.Grow(len(text))
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		switch r {
		case 'ſ':
			b.WriteByte('s')
		case 'K':
			b.WriteByte('k')
		default:
			b.Write(text[i : i+size])
		}
		i += size
	}
	return b.String()
}
