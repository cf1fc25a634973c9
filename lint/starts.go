package lint

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// An expression that runs on all the prose, with no trigger word, would
// be searched for by regexp at every byte: an alternation of tokens such
// as "net[ -]*beans|note[ -]*pad|…" has no one literal prefix for regexp
// to skip to, and runs at a few MB/s. When every match starts with one of
// a few strings, those are looked for instead (as fast as IndexByte), and
// the expression is tried, anchored, only where one stands.

// maxStarts is the most strings startsOf offers: each is looked for on its
// own (see nextOf).
const maxStarts = 16

// exprStarts is what startsOf found.
type exprStarts struct {
	strs [][]byte // every match starts with one: in lower case where fold is set, as need's
	fold bool
	// word, by string: every branch it opens starts with \b, so where the
	// byte before it is a word character, it opens no match.
	word []bool
	// begin: a branch opens with ^, so the text's start is tried too.
	begin bool
	// line: no match holds a line break nor looks for the end of the
	// text, so the text an attempt is given ends at the next one.
	line bool
	// reach, when not -1, is the most bytes a match holds, and it does not
	// look for the end of the text: an attempt is given that much text,
	// and a character more for \b to see.
	reach int
	// exact: the strings are the matches, all of them and only them
	// (where \b holds before a word string), and heads those at the text's
	// start: where one stands, it is the match, and the expression need not
	// run. `(?:^|\s)I` is " i", "\ti", …, folded, and "i" at the start.
	exact bool
	heads [][]byte
	// bytes, when every string is one byte and there are minByteSet or
	// more (the digits), marks each byte, in either case with fold, that
	// is one (byteStarts), and whether every such string opens a match
	// only after \b (byteWordOnly): the next is found by reading the text
	// byte by byte, which beats a search for each of many bytes that
	// stand every few dozen.
	bytes *[256]uint8
	// lo and hi, when hi > 0, are the first and last of the bytes, which
	// are every byte between them (the digits): eight are looked at at once.
	lo, hi byte
}

// minByteSet is the fewest one-byte strings exprStarts.bytes is kept for.
const minByteSet = 4

// indexBytes sets st.bytes when the strings call for it; it is worked out
// from them, not stored in an image.
func (st *exprStarts) indexBytes() {
	if len(st.strs) < minByteSet || slices.ContainsFunc(st.strs, func(s []byte) bool { return len(s) != 1 }) {
		return
	}
	st.bytes = new([256]uint8)
	mark := func(c byte, word bool) {
		switch {
		case st.bytes[c] == 0 && word:
			st.bytes[c] = byteStarts | byteWordOnly
		case st.bytes[c] == 0 || !word:
			st.bytes[c] = byteStarts // a string of it opens a match anywhere
		}
	}
	for i, s := range st.strs {
		c := s[0]
		mark(c, st.word[i])
		if st.fold && 'a' <= c && c <= 'z' {
			mark(c-'a'+'A', st.word[i])
		}
	}
	lo, hi := -1, -1
	for c, m := range st.bytes {
		if m == 0 {
			continue
		}
		if lo < 0 {
			lo = c
		} else if c != hi+1 {
			return // not one run of bytes
		}
		hi = c
	}
	if lo > 0 && hi < 0x7f {
		st.lo, st.hi = byte(lo), byte(hi)
	}
}

// inRange returns the high bit of each byte of x that is between lo and
// hi, both in ASCII, lo above 0 and hi below 0x7f: exact for every byte,
// with no carry from one byte to the next (Anderson's bit hacks,
// "determine if a word has a byte between m and n").
func inRange(x uint64, lo, hi byte) uint64 {
	const ones, low7, high = 0x0101010101010101, 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	t := x & low7
	return (ones*(127+uint64(hi)+1) - t) & ^x & (t + ones*(127-(uint64(lo)-1))) & high
}

// The marks of exprStarts.bytes.
const (
	byteStarts   = 1 << iota // a string is this byte
	byteWordOnly             // and every such string opens a match only after \b
)

// startsOf returns the strings every match of re starts with one of, when
// it knows at most maxStarts, none of them a lone common ASCII letter or
// white space (found everywhere); strings that open a match only at the text's start (after
// ^) are left out, and begin set instead.
func startsOf(re *syntax.Regexp) (st exprStarts, ok bool) {
	set, fold, complete, ok := prefixSet(re)
	if !ok {
		return st, false
	}
	lead, _ := leadAsserts(re, true)
	st.exact = complete && lead && (!fold || foldsAlike(re))
	for _, p := range set {
		if p.begin {
			st.begin = true
			if p.s == "" || p.word && !isREWordByte(p.s[0]) {
				st.exact = false // an empty match, or a \b that fails at the start
			}
			st.heads = append(st.heads, foldedBytes(p.s, fold))
			continue
		}
		if p.s == "" {
			return exprStarts{}, false // a match may start anywhere: "", "\\b|x"
		}
		c := p.s[0]
		if len(p.s) == 1 && (commonLetter(c) || isSpaceByte(c)) {
			return exprStarts{}, false
		}
		b := foldedBytes(p.s, fold)
		st.strs = append(st.strs, b)
		st.word = append(st.word, p.word && isREWordByte(c))
		if p.word && !isREWordByte(c) {
			st.exact = false // \b holds before it only after a word character: not checked
		}
	}
	if st.strs == nil {
		return exprStarts{}, false
	}
	if !st.exact {
		st.heads = nil
	}
	st.fold, st.line, st.reach = fold, false, -1
	st.indexBytes()
	if !endsText(re) {
		st.line, st.reach = !matchesNewline(re), maxBytes(re)
	}
	return st, true
}

// commonLetter reports whether c is an ASCII letter found everywhere in
// text: all but j, q, x and z, each under one letter in 500 of English, and
// fewer in other scripts' text (the mask X of "X月X日").
func commonLetter(c byte) bool {
	c |= 0x20
	return 'a' <= c && c <= 'z' && c != 'j' && c != 'q' && c != 'x' && c != 'z'
}

// foldedBytes returns s, its ASCII letters in lower case with fold: a
// string matched as written, among folded ones, is looked for in either
// case too.
func foldedBytes(s string, fold bool) []byte {
	b := []byte(s)
	if fold {
		for i, c := range b {
			b[i] = lowerASCII(c)
		}
	}
	return b
}

// leadAsserts reports whether the only assertions n makes are ^ and \b
// before it reads anything (lead), the two prefixSet keeps with a string
// (a \b or $ further on is a condition its strings do not show), and
// whether n may have read nothing yet at its end.
func leadAsserts(n *syntax.Regexp, lead bool) (ok, stillLead bool) {
	switch n.Op {
	case syntax.OpLiteral, syntax.OpCharClass:
		return true, false
	case syntax.OpEmptyMatch:
		return true, lead
	case syntax.OpBeginText, syntax.OpWordBoundary:
		return lead, lead
	case syntax.OpCapture:
		return leadAsserts(n.Sub[0], lead)
	case syntax.OpRepeat:
		if n.Min == 1 && n.Max == 1 {
			return leadAsserts(n.Sub[0], lead)
		}
	case syntax.OpConcat:
		for _, c := range n.Sub {
			if ok, lead = leadAsserts(c, lead); !ok {
				return false, false
			}
		}
		return true, lead
	case syntax.OpAlternate:
		for _, c := range n.Sub {
			cok, clead := leadAsserts(c, lead)
			if !cok {
				return false, false
			}
			stillLead = stillLead || clead
		}
		return true, stillLead
	}
	return false, false
}

// foldsAlike reports whether every ASCII letter n reads matches in either
// case: the strings of a folded set are looked for so (see startsOf), and
// they are the matches only when a letter read as written, as the K of
// (?i:x)K, is not among them.
func foldsAlike(n *syntax.Regexp) bool {
	switch n.Op {
	case syntax.OpLiteral:
		if n.Flags&syntax.FoldCase != 0 {
			return true
		}
		return !slices.ContainsFunc(n.Rune, isASCIILetter)
	case syntax.OpCharClass:
		for i := 0; i+1 < len(n.Rune); i += 2 {
			for r := n.Rune[i]; r <= n.Rune[i+1] && r < utf8.RuneSelf; r++ {
				if isASCIILetter(r) && !inClass(n.Rune, r^0x20) {
					return false
				}
			}
		}
		return true
	}
	return !slices.ContainsFunc(n.Sub, func(c *syntax.Regexp) bool { return !foldsAlike(c) })
}

func isASCIILetter(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }

// inClass reports whether r is in the ranges of a character class.
func inClass(ranges []rune, r rune) bool {
	for i := 0; i+1 < len(ranges); i += 2 {
		if ranges[i] <= r && r <= ranges[i+1] {
			return true
		}
	}
	return false
}

// maxBytes returns the most bytes a match of n holds, or -1 when it knows
// no bound.
func maxBytes(n *syntax.Regexp) int {
	switch n.Op {
	case syntax.OpLiteral:
		if n.Flags&syntax.FoldCase != 0 {
			return utf8.UTFMax * len(n.Rune) // a case of a letter may take more bytes (k, K)
		}
		return len(string(n.Rune))
	case syntax.OpCharClass:
		if len(n.Rune) == 0 {
			return 0
		}
		return utf8.RuneLen(n.Rune[len(n.Rune)-1])
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return utf8.UTFMax
	case syntax.OpStar, syntax.OpPlus:
		return -1
	case syntax.OpRepeat:
		sub := maxBytes(n.Sub[0])
		if sub < 0 || n.Max < 0 {
			return -1
		}
		return n.Max * sub
	case syntax.OpConcat, syntax.OpAlternate:
		return sumOrMost(n, maxBytes)
	case syntax.OpCapture, syntax.OpQuest:
		return maxBytes(n.Sub[0])
	}
	return 0 // assertions, empty
}

// prefix is a string a match may start with. begin: only at the text's
// start (it follows ^); word: only where \b holds before it.
type prefix struct {
	s           string
	begin, word bool
}

// prefixSet returns strings of which every match of n starts with one, and
// complete when every match is one of them (so what follows n may be added
// to each). In a literal folded by (?i), ASCII letters are in lower case
// and fold is set, as in needOf. ok is false when it knows no such set of
// at most maxStarts strings, or one is empty where a match may start
// anywhere.
func prefixSet(n *syntax.Regexp) (set []prefix, fold, complete, ok bool) {
	switch n.Op {
	case syntax.OpLiteral:
		strs, fold, complete, ok := literalPrefixes(n)
		for _, s := range strs {
			set = append(set, prefix{s: s})
		}
		return set, fold, complete, ok
	case syntax.OpCharClass:
		for i := 0; i+1 < len(n.Rune); i += 2 {
			if n.Rune[i+1]-n.Rune[i] >= maxStarts {
				return nil, false, false, false
			}
			for r := n.Rune[i]; r <= n.Rune[i+1]; r++ {
				if set = append(set, prefix{s: string(r)}); len(set) > maxStarts {
					return nil, false, false, false
				}
			}
		}
		return set, false, true, len(set) > 0
	case syntax.OpEmptyMatch, syntax.OpNoWordBoundary, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpEndText:
		return []prefix{{}}, false, true, true // reads nothing: what follows starts the match
	case syntax.OpWordBoundary:
		return []prefix{{word: true}}, false, true, true
	case syntax.OpBeginText:
		return []prefix{{begin: true}}, false, true, true
	case syntax.OpCapture:
		return prefixSet(n.Sub[0])
	case syntax.OpPlus:
		set, fold, _, ok = prefixSet(n.Sub[0])
		return set, fold, false, ok
	case syntax.OpRepeat:
		if n.Min < 1 {
			return nil, false, false, false
		}
		set, fold, complete, ok = prefixSet(n.Sub[0])
		return set, fold, complete && n.Min == 1 && n.Max == 1, ok
	case syntax.OpConcat:
		set, complete = []prefix{{}}, true
		for _, c := range n.Sub {
			cs, cfold, ccomplete, cok := prefixSet(c)
			if !cok || len(set)*len(cs) > maxStarts {
				complete = false
				break
			}
			var next []prefix
			for _, a := range set {
				for _, b := range cs {
					switch {
					case a.s == "": // nothing read yet: b's ^ and \b stand at the match's start
						next = append(next, prefix{s: b.s, begin: a.begin || b.begin, word: a.word || b.word})
					case !b.begin: // ^ after a character matches nothing
						next = append(next, prefix{s: a.s + b.s, begin: a.begin, word: a.word})
					}
				}
			}
			set, fold, complete = next, fold || cfold, ccomplete
			if !complete {
				break
			}
		}
		if len(set) == 0 {
			return nil, false, true, true // ^ after a character: it matches nothing
		}
		if slices.ContainsFunc(set, func(p prefix) bool { return p.s == "" && !p.begin }) {
			return nil, false, false, false
		}
		return set, fold, complete, true
	case syntax.OpAlternate:
		complete = true
		for _, c := range n.Sub {
			cs, cfold, ccomplete, cok := prefixSet(c)
			if !cok {
				return nil, false, false, false
			}
			fold, complete = fold || cfold, complete && ccomplete
			set = append(set, cs...)
		}
		set, merged := mergePrefixes(set)
		for len(set) > maxStarts {
			// Too many to look for: the strings that differ only in
			// their last character are cut to what they share, the
			// largest such group first: "not\t", "not\n", "not " are
			// "not", and ". " with its kin ".". A match still starts
			// with one, but the strings are no longer the matches.
			if set = shortenPrefixes(set); set == nil {
				return nil, false, false, false
			}
			merged = true
		}
		return set, fold, complete && !merged, true
	}
	return nil, false, false, false // any character, what may match nothing
}

// shortenPrefixes cuts the last character off the strings of set that
// share all but it with the most others (see below), and merges them (see
// mergePrefixes); nil when no two strings share such a head, or theirs is
// a lone common letter or white space, which startsOf does not look for.
// Strings that follow ^ count as any others: only their number matters.
func shortenPrefixes(set []prefix) []prefix {
	type head struct {
		s     string
		begin bool
	}
	headOf := func(p prefix) (head, bool) {
		if p.s == "" {
			return head{}, false
		}
		_, size := utf8.DecodeLastRuneInString(p.s)
		h := head{p.s[:len(p.s)-size], p.begin}
		if !p.begin && (h.s == "" || len(h.s) == 1 && (commonLetter(h.s[0]) || isSpaceByte(h.s[0]))) {
			return head{}, false
		}
		return h, true
	}
	heads := make([]head, len(set))
	has := make([]bool, len(set))
	count := map[head]int{}
	for i, p := range set {
		if heads[i], has[i] = headOf(p); has[i] {
			count[heads[i]]++
		}
	}
	// The largest group, and of those alike the longest head, which loses
	// least: "not" for "not\t", … before "." for ". ", …. In set's order,
	// so that the choice does not depend on the map's.
	var best head
	most := 1
	for i, h := range heads {
		if has[i] && (count[h] > most || count[h] == most && len(h.s) > len(best.s)) {
			best, most = h, count[h]
		}
	}
	if most < 2 {
		return nil
	}
	out := make([]prefix, 0, len(set))
	for i, p := range set {
		if has[i] && heads[i] == best {
			p.s = best.s
		}
		out = append(out, p)
	}
	out, _ = mergePrefixes(out)
	return out
}

// mergePrefixes keeps of set the strings no other starts: where " i," stands,
// " i" does, so looking for " i" finds both. A string kept opens a match
// only after \b (word) when every string it stands for does. merged tells
// whether one was dropped: the set then no longer lists whole matches.
func mergePrefixes(set []prefix) (_ []prefix, merged bool) {
	slices.SortStableFunc(set, func(a, b prefix) int { return len(a.s) - len(b.s) })
	var kept []prefix
	for _, p := range set {
		i := slices.IndexFunc(kept, func(q prefix) bool { return q.begin == p.begin && strings.HasPrefix(p.s, q.s) })
		if i < 0 {
			kept = append(kept, p)
			continue
		}
		kept[i].word = kept[i].word && p.word
		merged = merged || kept[i].s != p.s
	}
	return kept, merged
}

// literalPrefixes returns the strings a literal starts with. Folded, its
// ASCII letters are in lower case (found in either case). A letter that
// folds outside ASCII (k to the Kelvin sign, s to ſ) or a letter outside
// ASCII ends the string; as the first, it gives one string for each of its
// cases, each with the rest.
func literalPrefixes(n *syntax.Regexp) (set []string, fold, complete, ok bool) {
	if len(n.Rune) == 0 || slices.Contains(n.Rune, utf8.RuneError) {
		return nil, false, false, false // U+FFFD also stands for any invalid byte of the text
	}
	folded := n.Flags&syntax.FoldCase != 0
	// cases returns what r is looked for as: itself, or its cases, those
	// in ASCII in lower case (ascii: one is, looked for in either case).
	cases := func(r rune) (out []string, ascii bool) {
		if !folded || unicode.SimpleFold(r) == r {
			return []string{string(r)}, false
		}
		for f := unicode.SimpleFold(r); ; f = unicode.SimpleFold(f) {
			s := string(f)
			if f < utf8.RuneSelf {
				s, ascii = string(unicode.ToLower(f)), true
			}
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
			if f == r {
				return out, ascii
			}
		}
	}
	set, fold = cases(n.Rune[0])
	complete = true
	for i, r := range n.Rune[1:] {
		cs, ascii := cases(r)
		if len(cs) > 1 && (i > 0 || len(set)*len(cs) > maxLiteralCases) {
			// Past the second character the strings end before it; at the
			// second, they go on with each case, as a lone letter is found
			// everywhere: "is" and "iſ" for (?i)is, not "i".
			complete = false
			break
		}
		fold = fold || ascii
		var next []string
		for _, s := range set {
			for _, c := range cs {
				next = append(next, s+c)
			}
		}
		set = next
	}
	return set, fold, complete, true
}

// maxLiteralCases bounds the strings literalPrefixes makes of one literal.
const maxLiteralCases = 4

// endsText reports whether n looks for the end of the text, which a text
// cut at a line break would move.
func endsText(n *syntax.Regexp) bool {
	return n.Op == syntax.OpEndText || slices.ContainsFunc(n.Sub, endsText)
}

// readsTextEdge reports whether n holds \A or \z (^ or $ without (?m)).
func readsTextEdge(n *syntax.Regexp) bool {
	return n.Op == syntax.OpBeginText || n.Op == syntax.OpEndText || slices.ContainsFunc(n.Sub, readsTextEdge)
}

// matchesNewline reports whether a match of n may hold a line break.
func matchesNewline(n *syntax.Regexp) bool {
	switch n.Op {
	case syntax.OpLiteral:
		return slices.Contains(n.Rune, '\n')
	case syntax.OpCharClass:
		for i := 0; i+1 < len(n.Rune); i += 2 {
			if n.Rune[i] <= '\n' && '\n' <= n.Rune[i+1] {
				return true
			}
		}
		return false
	case syntax.OpAnyChar:
		return true
	}
	return slices.ContainsFunc(n.Sub, matchesNewline)
}

// startRegexps returns the expression anchored at the start of the text
// it runs on, and after a first character it reads: at k > 0 it runs from
// k-1, so that \b, ^ and the like see the character before k as they would
// in the whole text. They are compiled on first use; nil when they do not
// compile.
func (cp *compiledPattern) startRegexps() (atStart, after *regexp.Regexp) {
	cp.startOnce.Do(func() {
		src := cp.source()
		cp.startRe, _ = regexp.Compile(`^(?:` + src + `)`)
		cp.startAfter, _ = regexp.Compile(`^(?s:.)(?:` + src + `)`)
	})
	return cp.startRe, cp.startAfter
}

// eachFromStarts is each for an expression with starts: it is tried,
// anchored, where one of them stands (and at the text's start with begin),
// from the left, and a match found goes on from its end, as FindAllIndex
// would.
func (cp *compiledPattern) eachFromStarts(st *exprStarts, text []byte, fn func(start, end int)) {
	next := needCache()
	cp.startsIn(st, text, 0, len(text), &next, fn)
}

// eachInProse calls fn with every match of an expression with starts in
// each prose segment of d, as each would on the segment, or with px, in
// each paragraph: the strings are looked for over the whole text at once,
// as proseHolding looks for needs, not segment by segment.
func (cp *compiledPattern) eachInProse(d *Document, px *proseIndex, st *exprStarts, fn func(start, end int), other func(lo, hi int) bool) {
	next := needCache()
	if px != nil {
		// Each paragraph on its own (see byParagraph).
		for _, p := range px.paras {
			lo, hi := p.start, paraEnd(d.Src, p)
			if other != nil && other(lo, hi) {
				continue
			}
			if !cp.startsIn(st, d.Src, lo, hi, &next, fn) && !st.begin {
				return
			}
		}
		return
	}
	for _, g := range d.Segments {
		if g.Kind != Prose || other != nil && other(g.Start, g.End) {
			continue
		}
		if !cp.startsIn(st, d.Src, g.Start, g.End, &next, fn) && !st.begin {
			return // no string further on
		}
	}
}

// startsIn tries the expression on text[lo:hi], as if it were the whole
// text, at each place where one of the strings stands, and at lo with
// begin, and calls fn with the matches. next is what nextOf keeps, over
// all of text. It reports whether a string stands past hi.
func (cp *compiledPattern) startsIn(st *exprStarts, text []byte, lo, hi int, next *[maxNext]int, fn func(start, end int)) bool {
	atStart, after := cp.startRegexps()
	if atStart == nil || after == nil {
		return false
	}
	end := func(k int) int {
		e := hi
		if st.reach >= 0 {
			e = min(e, k+st.reach+utf8.UTFMax)
		}
		if st.line {
			if nl := bytes.IndexByte(text[k:e], '\n'); nl >= 0 {
				return k + nl
			}
		}
		return e
	}
	// A place where the expression's program dies on the bytes that
	// follow is turned away before the regexp runs (see prefixNFA), once
	// the expression has been given enough text to pay for building it.
	var pf *prefixNFA
	if !cp.thorough && cp.prefixWanted(hi-lo) {
		pf = cp.prefix()
	}
	p := lo
	if st.begin && lo < hi {
		p = lo + 1
		n, ok := -1, false
		if st.exact {
			n, ok = st.exactAt(text[lo:end(lo)])
		}
		if e := end(lo); !ok && (pf == nil || pf.mayMatch(text[lo:e])) {
			n = tryAt(atStart, after, text, lo, lo, e)
		}
		if n >= 0 {
			fn(lo, lo+n)
			p = max(p, lo+n)
		}
	}
	for p < hi {
		k, size := st.next(text, p, next)
		if k < 0 || k >= hi {
			return k >= 0
		}
		p = k + 1
		switch {
		case st.exact:
			if k > lo && isREWordByte(text[k-1]) && st.wordOnly(text, next, k) {
				continue
			}
			if k+size <= end(k) {
				fn(k, k+size)
				p = k + size
			}
			continue
		case k > lo && isREWordByte(text[k-1]) && st.wordOnly(text, next, k):
			continue // \b before each string that stands here: none holds
		}
		// Past the text's end (hi) rather than the attempt's (e): no
		// different for the prefix, which turns away only where no match
		// can be, and it saves looking for a line's end at every place.
		if pf != nil && !pf.mayMatch(text[k:hi]) {
			continue
		}
		if n := tryAt(atStart, after, text, lo, k, end(k)); n >= 0 {
			fn(k, k+n)
			p = max(p, k+n)
		}
	}
	return true
}

// tryAt returns the length of the match of the expression at text[k:e],
// as if text began at lo, or -1: atStart and after are startRegexps'.
// Past lo it runs from the byte before k, so that \b and ^ see it.
func tryAt(atStart, after *regexp.Regexp, text []byte, lo, k, e int) int {
	if k == lo {
		if loc := atStart.FindIndex(text[k:e]); loc != nil {
			return loc[1]
		}
		return -1
	}
	if loc := after.FindIndex(text[k-1 : e]); loc != nil {
		return loc[1] - 1
	}
	return -1
}

// next returns where the first of the strings stands in text from p on,
// and its length, or -1, as nextOf does; next is what nextOf keeps.
func (st *exprStarts) next(text []byte, p int, next *[maxNext]int) (at, size int) {
	if st.bytes == nil {
		return nextOf(st.strs, st.fold, text, p, next)
	}
	if next[0] == -2 || next[0] >= 0 && next[0] < p {
		next[0] = -1
		i := p
		if st.hi != 0 {
			for ; i+8 <= len(text); i += 8 {
				if m := inRange(binary.LittleEndian.Uint64(text[i:]), st.lo, st.hi); m != 0 {
					next[0] = i + bits.TrailingZeros64(m)>>3
					return next[0], 1
				}
			}
		}
		for ; i < len(text); i++ {
			if st.bytes[text[i]] != 0 {
				next[0] = i
				break
			}
		}
	}
	return next[0], 1
}

// exactAt tells the length of the match at the start of text for an exact
// expression: the one string or head standing there, or -1 for none; ok
// is false when both a string and a head stand there, and the
// expression's order of branches decides.
func (st *exprStarts) exactAt(text []byte) (n int, ok bool) {
	n = -1
	for _, list := range [2][][]byte{st.heads, st.strs} {
		for _, s := range list {
			if len(s) <= len(text) && equalNeed(text[:len(s)], s, st.fold) {
				if n >= 0 {
					return -1, false
				}
				n = len(s)
				break // no other string of the list stands here
			}
		}
	}
	return n, true
}

// wordOnly reports whether every string that stands at k opens a match
// only after \b: next holds where each stands next (see nextOf).
func (st *exprStarts) wordOnly(text []byte, next *[maxNext]int, k int) bool {
	if st.bytes != nil {
		return st.bytes[text[k]]&byteWordOnly != 0
	}
	for i, at := range next[:len(st.strs)] {
		if at == k && !st.word[i] {
			return false
		}
	}
	return true
}
