package lint

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"unicode/utf8"
)

// RE2's \b knows ASCII letters only: between the "y" and the "ö" of the
// Finnish "myös" it sees a word's edge, where Vale's engine, and a reader,
// see none. An expression held to word edges has them checked by Unicode's
// letters after it matches (atWordEdges); one matched inside words
// (inside-words, a Vale rule's nonword) answers to its own \b, which must
// then be read as Unicode's. holdsUnicodeEdges does so for a \b that opens
// or closes a branch of the expression: the form Vale tokens take.

// bBranch is one branch of the top-level alternation of an expression,
// anchored at its start.
type bBranch struct {
	re          *regexp.Regexp
	open, close bool // the branch opens, closes with \b
}

// unicodeBranches returns the branches of the expression, or nil when none
// opens or closes with \b.
func (cp *compiledPattern) unicodeBranches() []bBranch {
	cp.bOnce.Do(func() {
		re, err := syntax.Parse(cp.source(), syntax.Perl)
		if err != nil {
			return
		}
		for re.Op == syntax.OpCapture {
			re = re.Sub[0]
		}
		alts := []*syntax.Regexp{re}
		if re.Op == syntax.OpAlternate {
			alts = re.Sub
		}
		var bs []bBranch
		some := false
		for _, a := range alts {
			b := bBranch{open: opensWith(a, syntax.OpWordBoundary, true), close: opensWith(a, syntax.OpWordBoundary, false)}
			rx, err := regexp.Compile(`^(?:` + a.String() + `)`)
			if err != nil {
				return
			}
			b.re, some = rx, some || b.open || b.close
			bs = append(bs, b)
		}
		if some {
			cp.bBranches = bs
		}
	})
	return cp.bBranches
}

// opensWith reports whether every match of n starts (or, with first false,
// ends) with an op of kind op.
func opensWith(n *syntax.Regexp, op syntax.Op, first bool) bool {
	switch n.Op {
	case op:
		return true
	case syntax.OpCapture:
		return opensWith(n.Sub[0], op, first)
	case syntax.OpConcat:
		if first {
			return opensWith(n.Sub[0], op, first)
		}
		return opensWith(n.Sub[len(n.Sub)-1], op, first)
	case syntax.OpAlternate:
		return !slices.ContainsFunc(n.Sub, func(s *syntax.Regexp) bool { return !opensWith(s, op, first) })
	}
	return false
}

// asciiEdge reports whether i is a word's edge to RE2's \b but not to
// Unicode's: an ASCII letter, digit or _ on one side, a letter, mark or
// digit beyond ASCII on the other.
func asciiEdge(src []byte, i int) bool {
	if i <= 0 || i >= len(src) {
		return false
	}
	switch a, b := src[i-1], src[i]; {
	case a >= utf8.RuneSelf && isREWordByte(b):
		r, _ := utf8.DecodeLastRune(src[:i])
		return isWordRune(r)
	case b >= utf8.RuneSelf && isREWordByte(a):
		r, _ := utf8.DecodeRune(src[i:])
		return isWordRune(r)
	}
	return false
}

// holdsUnicodeEdges reports whether a match RE2 found at [start, end) of an
// expression matched inside words also holds with \b read as Unicode's: the
// first branch that matches at start with its opening and closing \b at
// Unicode's word edges. The branches are tried only when start or end is an
// edge to RE2 alone.
func (cp *compiledPattern) holdsUnicodeEdges(src []byte, start, end int) bool {
	if !asciiEdge(src, start) && !asciiEdge(src, end) {
		return true
	}
	bs := cp.unicodeBranches()
	if bs == nil {
		return true
	}
	text := src[start:]
	if len(text) > end-start+patternReach {
		text = text[:end-start+patternReach]
	}
	for _, b := range bs {
		m := b.re.FindIndex(text)
		if m == nil {
			continue
		}
		if b.open && asciiEdge(src, start) || b.close && asciiEdge(src, start+m[1]) {
			continue // RE2's edge, which Unicode does not see: Vale's engine tries the next branch
		}
		return true
	}
	return false
}
