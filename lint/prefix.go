package lint

import (
	"bytes"
	"cmp"
	"math/bits"
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"unicode"
	"unicode/utf8"
)

// An expression tried where a match may start costs a regexp call each
// time, a few hundred nanoseconds, and most tries find nothing:
// `\d+(?:st|nd|rd|th)` is tried at every digit of "2026-11-23". A
// prefixNFA runs the expression's program over the text from the place,
// a character at a time, with no memory but a set of the instructions
// alive, and turns the place away when none is left before a match could
// end: the digits and the dash ended every one. It tells ASCII bytes
// apart and takes every other character as one and the same, which any
// instruction that reads some character outside ASCII reads; and it takes
// every assertion (\b, ^, $) to hold. So it turns away only places the
// expression cannot match at, and the regexp decides the rest.
type prefixNFA struct {
	words int // uint64s in a set of instructions
	// start is the set alive before the first character; sets[pc] is the
	// set reached by taking instruction pc's character. Both are closed
	// under the instructions that read nothing.
	start []uint64
	sets  [][]uint64
	// reads[pc] is the characters instruction pc reads: the ASCII bytes in
	// two masks, and in the third, bit 0, some character outside ASCII.
	reads [][3]uint64
	// startOutside is the characters outside ASCII the instructions of
	// start read, as sorted, disjoint ranges (lo, hi pairs): a place there
	// is looked at only when its character is one of them (½, not ’).
	startOutside []rune
	// startMatches: the expression may match nothing. matches[pc]: a match
	// may end after instruction pc's character, reading nothing more.
	startMatches bool
	matches      []bool
	// dfa, when the sets reachable from start are at most maxPrefixStates,
	// holds each one's step on each byte (every byte from 0x80 on standing
	// for a character outside ASCII): the next set's number, or prefixDead
	// or prefixMatch. A try then costs a load a character.
	dfa []int16
	// line: no match holds a line break nor looks for the end of the
	// text, so a try need be given the text only to the next one.
	line bool
	// sticks: on ordinary prose, the prefix leaves many places to the
	// regexp (`[^,]+,` reads on past any word), so looking for where a
	// match may start turns little away (see prefixSample).
	sticks bool
}

// The steps of prefixNFA.dfa that lead to no set.
const (
	prefixDead  = -1 // no instruction alive: no match starts here
	prefixMatch = -2 // a match may end: the regexp decides
)

// maxPrefixInsts bounds the program a prefixNFA takes: its sets are on
// the stack, in maxPrefixInsts/64 words. Splunk's Dates (twelve months in
// four branches, in either case) has 309 instructions, and voice-dna's
// VerbTricolon (twelve three-part series) 1,272: past the bound, the
// regexp read every paragraph, 2.3 s for that style on 2.4 MB of replies,
// and 0.38 s with its prefix.
const maxPrefixInsts = 2048

// maxPrefixStates bounds the sets a prefixNFA's dfa holds (and its size,
// 512 bytes a set): Splunk's Dates has 145, and Canonical's date format
// (seven ways to write a date, months in either case) 557. Past the bound,
// the regexp reads every paragraph: the date format took 2.3 s on 2.4 MB
// of replies, and takes 0.07 s with its dfa.
const maxPrefixStates = 1024

// maxPrefixChars is the most characters a try reads before leaving the
// place to the regexp: most places are turned away within a few, and a
// commit hash or a long path is read to its end (`\w+[.?!]` at each of
// its characters; see prefixRun for what that costs).
const maxPrefixChars = 64

// prefixBudget is how many times its text (and a little more) the tries
// of eachFromPrefix may be given before FindAllIndex takes over.
const prefixBudget = 4

// outside is the character every character outside ASCII stands for.
const outside = 0x80

// newPrefixNFA compiles src as regexp does, or returns nil when the
// program is too large.
func newPrefixNFA(src string) *prefixNFA {
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return nil
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil || len(prog.Inst) > maxPrefixInsts {
		return nil
	}
	n := len(prog.Inst)
	p := &prefixNFA{words: (n + 63) / 64, sets: make([][]uint64, n), reads: make([][3]uint64, n), matches: make([]bool, n),
		line: !endsText(re) && !matchesNewline(re)}
	// closure adds to set the instructions that read a character reachable
	// from pc by reading none, and reports whether a match is.
	var closure func(pc uint32, set []uint64, seen []bool) bool
	closure = func(pc uint32, set []uint64, seen []bool) bool {
		if seen[pc] {
			return false
		}
		seen[pc] = true
		in := &prog.Inst[pc]
		switch in.Op {
		case syntax.InstMatch:
			return true
		case syntax.InstFail:
			return false
		case syntax.InstAlt, syntax.InstAltMatch:
			m := closure(in.Out, set, seen)
			return closure(in.Arg, set, seen) || m
		case syntax.InstCapture, syntax.InstNop, syntax.InstEmptyWidth:
			return closure(in.Out, set, seen) // an assertion is taken to hold
		default: // InstRune, InstRune1, InstRuneAny, InstRuneAnyNotNL
			set[pc/64] |= 1 << (pc % 64)
			return false
		}
	}
	after := func(pc uint32) ([]uint64, bool) {
		set := make([]uint64, p.words)
		m := closure(pc, set, make([]bool, n))
		return set, m
	}
	p.start, p.startMatches = after(uint32(prog.Start))
	for w, word := range p.start {
		for ; word != 0; word &= word - 1 {
			p.startOutside = append(p.startOutside, outsideRanges(&prog.Inst[w*64+bits.TrailingZeros64(word)])...)
		}
	}
	p.startOutside = mergeRanges(p.startOutside)
	for pc := range prog.Inst {
		in := &prog.Inst[pc]
		switch in.Op {
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		default:
			continue
		}
		for b := 0; b < 0x80; b++ {
			if in.MatchRune(rune(b)) {
				p.reads[pc][b/64] |= 1 << (b % 64)
			}
		}
		if readsOutside(in) {
			p.reads[pc][2] = 1
		}
		p.sets[pc], p.matches[pc] = after(in.Out)
	}
	p.dfa = p.determinize()
	left := 0
	for k := range len(prefixSample) {
		if p.mayMatch([]byte(prefixSample[k:])) {
			left++
		}
	}
	p.sticks = left*8 > len(prefixSample)
	return p
}

// prefixSample is ordinary prose, on which a prefix that leaves more than
// an eighth of the places to the regexp sticks.
const prefixSample = "Hi Sam, thanks for getting in touch about order 4512. I have checked with the warehouse, " +
	"and the new lamp left on Tuesday; it should reach you by Friday 14 March. If it doesn't, just reply here " +
	"and I'll sort it out for you (no need to call). Best wishes, Ana"

// readsOutside reports whether a rune instruction reads some character
// outside ASCII (U+FFFD, which stands for an invalid byte, among them).
func readsOutside(in *syntax.Inst) bool { return len(outsideRanges(in)) > 0 }

// step returns the set reached from cur on character c (an ASCII byte,
// or outside) into next, and whether a match may end there; next is
// empty when none is alive.
func (p *prefixNFA) step(cur, next []uint64, c int) (matched bool) {
	clear(next)
	for w, word := range cur {
		for word != 0 {
			pc := w*64 + bits.TrailingZeros64(word)
			word &= word - 1
			if p.reads[pc][c/64]&(1<<(c%64)) == 0 {
				continue
			}
			if p.matches[pc] {
				return true
			}
			for k, x := range p.sets[pc] {
				next[k] |= x
			}
		}
	}
	return false
}

// determinize numbers the sets reachable from start, start first, and
// returns their steps, or nil when there are more than maxPrefixStates.
func (p *prefixNFA) determinize() []int16 {
	type set [maxPrefixInsts / 64]uint64 // comparable: a map key
	var start set
	copy(start[:], p.start)
	ids := map[set]int16{start: 0}
	sets := []set{start}
	var dfa []int16
	var next set
	for i := 0; i < len(sets); i++ {
		row := make([]int16, 0x100)
		for c := 0; c <= outside; c++ {
			switch {
			case p.step(sets[i][:p.words], next[:p.words], c):
				row[c] = prefixMatch
			case next == set{}:
				row[c] = prefixDead
			default:
				id, ok := ids[next]
				if !ok {
					if len(sets) == maxPrefixStates {
						return nil
					}
					id = int16(len(sets))
					ids[next] = id
					sets = append(sets, next)
				}
				row[c] = id
			}
		}
		for b := outside + 1; b < len(row); b++ {
			row[b] = row[outside]
		}
		dfa = append(dfa, row...)
	}
	return dfa
}

// charAt returns the character at text[i] as a prefixNFA reads it, and
// its width, as regexp decodes it (an invalid byte is one character).
func charAt(text []byte, i int) (c, size int) {
	if b := text[i]; b < utf8.RuneSelf {
		return int(b), 1
	}
	_, size = utf8.DecodeRune(text[i:])
	return outside, size
}

// mayMatch reports whether a match of the expression may start at the
// start of text (which ends where the regexp's text would): false only
// when the program dies on text's characters before any match could end.
func (p *prefixNFA) mayMatch(text []byte) bool {
	if p.startMatches {
		return true
	}
	i := 0
	if p.dfa != nil {
		// mayMatchFrom's loop without its record, which costs a call half
		// again as much (BenchmarkPrefixNFA): startsIn asks at places far
		// apart, where no try meets the last.
		state := int16(0)
		for n := 0; i < len(text) && n < maxPrefixChars; n++ {
			b := text[i]
			switch state = p.dfa[int(state)<<8|int(b)]; state { // a byte from 0x80 on reads as outside
			case prefixDead:
				return false
			case prefixMatch:
				return true
			}
			if i++; b >= utf8.RuneSelf {
				_, size := utf8.DecodeRune(text[i-1:])
				i += size - 1
			}
		}
		return i < len(text) // characters left: the regexp decides; at the end, no match ended
	}
	var curArr, nextArr [maxPrefixInsts / 64]uint64
	cur, next := curArr[:p.words], nextArr[:p.words]
	copy(cur, p.start)
	for n := 0; i < len(text) && n < maxPrefixChars; n++ {
		c, size := charAt(text, i)
		if p.step(cur, next, c) {
			return true
		}
		if !slices.ContainsFunc(next, func(x uint64) bool { return x != 0 }) {
			return false
		}
		cur, next = next, cur
		i += size
	}
	return i < len(text)
}

// prefixRun is the sets a try of the dfa went through, by the byte it
// read, up to the first character outside ASCII; it ended with no match. A
// try from a later place that reaches the same set after the same byte
// goes on as that one did, and ends with no match where it ended: it
// stops there. So a place inside "deployment" costs `\w+[.?!]` a step or
// two, not the rest of the word.
type prefixRun struct {
	at, n int                   // where the try began; the bytes recorded
	sets  [maxPrefixChars]int16 // sets[j]: the set after text[at+j]
}

// mayMatchFrom is mayMatch(text[i:]) for next, which tries places from
// left to right: r is the last try that ended with no match, before i, and
// becomes this one when it too ends with none.
func (p *prefixNFA) mayMatchFrom(text []byte, i int, r *prefixRun) bool {
	state := int16(0)
	n := 0 // sets recorded, while every byte read is ASCII
	ascii := true
	j := i
	for c := 0; j < len(text) && c < maxPrefixChars; c++ {
		b := text[j]
		switch state = p.dfa[int(state)<<8|int(b)]; state {
		case prefixDead:
			r.at, r.n = i, n
			return false
		case prefixMatch:
			r.n = 0
			return true
		}
		if k := j - r.at; k < r.n && r.sets[k] == state {
			// The last try was here, in this set: it ended with no
			// match, and so does this one. Its record from here on is
			// this one's. (Every index written below is under the one
			// read, k, as r.at < i: the last try's record is read
			// before it is written over.)
			copy(r.sets[j-i:], r.sets[k:r.n])
			r.at, r.n = i, r.n-(i-r.at)
			return false
		}
		if b >= utf8.RuneSelf {
			ascii = false
			_, size := utf8.DecodeRune(text[j:])
			j += size
			continue
		}
		if ascii {
			r.sets[n] = state
			n++
		}
		j++
	}
	if j < len(text) {
		r.n = 0
		return true // characters left: the regexp decides
	}
	r.at, r.n = i, n // at the end, no match ended
	return false
}

// next returns the first place from i on where a match may start (see
// mayMatch), or -1, stepping as regexp does, a character at a time. Most
// characters of a text open no match: each is turned away by one load of
// the dfa's first row.
func (p *prefixNFA) next(text []byte, i int) int {
	first := p.dfa[:0x100]
	var r prefixRun
	for i < len(text) {
		b := text[i]
		if b < utf8.RuneSelf {
			// Most places are turned away by the first character or the
			// second: both are looked up here, mayMatch reads on.
			if s := first[b]; s != prefixDead && (s < 0 || i+1 == len(text) || p.dfa[int(s)<<8|int(text[i+1])] != prefixDead) &&
				p.mayMatchFrom(text, i, &r) {
				return i
			}
			i++
			continue
		}
		if first[b] != prefixDead && p.startsWith(text[i:]) && p.mayMatchFrom(text, i, &r) {
			return i
		}
		_, size := utf8.DecodeRune(text[i:])
		i += size
	}
	return -1
}

// nextOf is next for an expression whose matches all start with one of
// the bytes of first (each a string of one, as exprShape keeps them): it
// jumps from one of them to the next, as the function nextOf finds them,
// and tries only there. next is what that function keeps.
func (p *prefixNFA) nextOf(first [][]byte, text []byte, i int, next *[maxNext]int) int {
	var r prefixRun
	for i < len(text) {
		k, _ := nextOf(first, false, text, i, next)
		if k < 0 {
			return -1
		}
		// A first byte is ASCII or leads a character: never inside one.
		if (text[k] < utf8.RuneSelf || p.startsWith(text[k:])) && p.mayMatchFrom(text, k, &r) {
			return k
		}
		i = k + 1
	}
	return -1
}

// startsWith reports whether the character at the start of text, outside
// ASCII, is one a match may start with (U+FFFD for an invalid byte, as
// regexp decodes it).
func (p *prefixNFA) startsWith(text []byte) bool {
	r, _ := utf8.DecodeRune(text)
	rs := p.startOutside
	if len(rs) == 0 || r < rs[0] || r > rs[len(rs)-1] {
		return false // most often: 中 is past ſ, ½ and K
	}
	// The first range that ends at r or after it.
	i := sort.Search(len(rs)/2, func(k int) bool { return rs[2*k+1] >= r })
	return i < len(rs)/2 && rs[2*i] <= r
}

// outsideRanges returns the characters outside ASCII a rune instruction
// reads, as lo, hi pairs: all of them for any character, a folded rune's
// other cases outside ASCII (K for k, ſ for s), a class's ranges (which
// the parser has already folded).
func outsideRanges(in *syntax.Inst) []rune {
	switch in.Op {
	case syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		return []rune{utf8.RuneSelf, unicode.MaxRune}
	case syntax.InstRune1:
		if r := in.Rune[0]; r >= utf8.RuneSelf {
			return []rune{r, r}
		}
		return nil
	case syntax.InstRune:
	default:
		return nil
	}
	var out []rune
	if len(in.Rune) == 1 {
		r := in.Rune[0]
		if r >= utf8.RuneSelf {
			out = append(out, r, r)
		}
		if syntax.Flags(in.Arg)&syntax.FoldCase != 0 {
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				if f >= utf8.RuneSelf {
					out = append(out, f, f)
				}
			}
		}
		return out
	}
	for i := 0; i+1 < len(in.Rune); i += 2 {
		if hi := in.Rune[i+1]; hi >= utf8.RuneSelf {
			out = append(out, max(in.Rune[i], utf8.RuneSelf), hi)
		}
	}
	return out
}

// mergeRanges sorts lo, hi pairs and joins those that overlap or touch.
func mergeRanges(rs []rune) []rune {
	if len(rs) == 0 {
		return nil
	}
	pairs := make([][2]rune, 0, len(rs)/2)
	for i := 0; i+1 < len(rs); i += 2 {
		pairs = append(pairs, [2]rune{rs[i], rs[i+1]})
	}
	slices.SortFunc(pairs, func(a, b [2]rune) int { return cmp.Compare(a[0], b[0]) })
	out := []rune{pairs[0][0], pairs[0][1]}
	for _, p := range pairs[1:] {
		if last := &out[len(out)-1]; p[0] <= *last+1 {
			*last = max(*last, p[1])
			continue
		}
		out = append(out, p[0], p[1])
	}
	return out
}

// eachFromPrefix is each for an expression with a prefixNFA that has a
// dfa and cannot match nothing: the expression is tried, anchored, only
// where a match may start, from the left, and a match found goes on from
// its end, as FindAllIndex would.
//
// A try is given the text to its line's end, or to the text's end when a
// match may hold a line break, and the regexp's cost grows with the text
// it is given: when the tries have been given more than a few times the
// text, as where the prefix turns away little (`[^,]+,`), the rest is
// left to FindAllIndex, whose one search costs the text once.
//
// With first, the bytes every match starts with one of (see exprShape),
// the places are found by jumping from one of them to the next, as each
// does without a prefix: "a" in (?i)a.k.a., and then the prefix turns
// away those followed by no k two characters on.
func (cp *compiledPattern) eachFromPrefix(pf *prefixNFA, first [][]byte, atStart, after *regexp.Regexp, text []byte, fn func(start, end int)) {
	budget := prefixBudget*len(text) + 256
	next := needCache()
	for p := 0; p < len(text); {
		var k int
		if first != nil {
			k = pf.nextOf(first, text, p, &next)
		} else {
			k = pf.next(text, p)
		}
		if k < 0 {
			return
		}
		e := len(text)
		if pf.line {
			if nl := bytes.IndexByte(text[k:], '\n'); nl >= 0 {
				e = k + nl
			}
		}
		if budget -= e - k; budget < 0 {
			// The matches FindAllIndex finds from p on are those the tries
			// would: it finds the same before p, and none starts between
			// the last one's end and p.
			for _, loc := range cp.regexp().FindAllIndex(text, -1) {
				if loc[0] >= p {
					fn(loc[0], loc[1])
				}
			}
			return
		}
		n := tryAt(atStart, after, text, 0, k, e)
		if n < 0 {
			_, size := charAt(text, k)
			p = k + size
			continue
		}
		fn(k, k+n)
		p = k + n
	}
}

// prefixAfter is how many bytes each gives FindAllIndex before the prefix
// automaton is built: a draft of a few paragraphs does not pay for
// building it (up to a millisecond, for a large expression), a long text
// or a library does, once.
const prefixAfter = 2 << 10

// prefixWanted reports whether each, about to run the expression on n
// bytes, should look for where it may match first.
func (cp *compiledPattern) prefixWanted(n int) bool {
	if cp.prefixReady.Load() {
		return true
	}
	if cp.scanned.Add(int64(n)) < prefixAfter {
		return false
	}
	cp.prefixReady.Store(true)
	return true
}

// prefixScan returns what eachFromPrefix needs, when it applies.
func (cp *compiledPattern) prefixScan() (pf *prefixNFA, atStart, after *regexp.Regexp) {
	if cp.thorough {
		return nil, nil, nil // tests compare the shortcuts with the regexp alone
	}
	pf = cp.prefix()
	if pf == nil || pf.dfa == nil || pf.startMatches || pf.sticks {
		return nil, nil, nil // and the anchored regexps are not compiled
	}
	if atStart, after = cp.startRegexps(); atStart == nil || after == nil {
		return nil, nil, nil
	}
	return pf, atStart, after
}

// prefix returns the expression's prefixNFA, built on first use; nil when
// its program is too large.
func (cp *compiledPattern) prefix() *prefixNFA {
	cp.prefixOnce.Do(func() { cp.startPrefix = newPrefixNFA(cp.source()) })
	return cp.startPrefix
}
