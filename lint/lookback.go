package lint

import (
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// A look-back is what a pattern such as "(^|[.!?:;] )again, the" asks of
// the text before its first word: the start of the paragraph, or a mark
// and white space. Split off, the rest of the pattern has leads ("again")
// and is tried only where one starts, after a check of the bytes before it,
// instead of being run over every paragraph that holds its trigger.
type lookBack struct {
	Start bool      // the start of the paragraph (^)
	Marks [2]uint64 // else one of these ASCII marks…
	Space bool      // …then white space (a space in the pattern matches any run of it)
}

// splitLookBack splits expr into a leading group of look-backs and the rest,
// or returns ok false when expr does not start with one.
func splitLookBack(expr string) (behind []lookBack, rest string, ok bool) {
	if !strings.HasPrefix(expr, "(") {
		return nil, "", false
	}
	end := groupEnd(expr)
	if end < 0 || topLevelBar(expr[end:]) {
		return nil, "", false // "(^|x )a|b": the group binds to the first branch only
	}
	if end == len(expr) || strings.ContainsRune("?*+{", rune(expr[end])) {
		return nil, "", false // "(?:;)" is the match itself, "(;)+" a repeat: nothing comes after to look back from
	}
	pre, err := syntax.Parse(expr[:end], syntax.Perl)
	if err != nil {
		return nil, "", false
	}
	pre = pre.Simplify()
	for pre.Op == syntax.OpCapture {
		pre = pre.Sub[0]
	}
	alts := []*syntax.Regexp{pre}
	if pre.Op == syntax.OpAlternate {
		alts = pre.Sub
	}
	for _, a := range alts {
		lb, ok := lookBackOf(a)
		if !ok {
			return nil, "", false
		}
		behind = append(behind, lb)
	}
	return behind, expr[end:], true
}

// lookBackOf reads one branch of a look-back group: ^, or a class (or a
// literal) of ASCII marks, maybe followed by a space.
func lookBackOf(n *syntax.Regexp) (lookBack, bool) {
	var lb lookBack
	switch n.Op {
	case syntax.OpBeginText, syntax.OpBeginLine:
		lb.Start = true
		return lb, true
	case syntax.OpEmptyMatch:
		return lb, false
	}
	items := []*syntax.Regexp{n}
	if n.Op == syntax.OpConcat {
		items = n.Sub
	}
	var runes []*syntax.Regexp
	for _, it := range items {
		if it.Op == syntax.OpLiteral {
			for _, r := range it.Rune {
				runes = append(runes, &syntax.Regexp{Op: syntax.OpLiteral, Rune: []rune{r}})
			}
			continue
		}
		runes = append(runes, it)
	}
	if len(runes) == 2 && runes[1].Op == syntax.OpLiteral && runes[1].Rune[0] == ' ' {
		lb.Space = true
		runes = runes[:1]
	}
	if len(runes) != 1 {
		return lb, false
	}
	var set []rune // pairs of bounds
	switch c := runes[0]; c.Op {
	case syntax.OpLiteral:
		set = []rune{c.Rune[0], c.Rune[0]}
	case syntax.OpCharClass:
		set = c.Rune
	default:
		return lb, false
	}
	for i := 0; i+1 < len(set); i += 2 {
		for r := set[i]; r <= set[i+1]; r++ {
			if r >= utf8.RuneSelf || asciiClass[r] == cWord || asciiClass[r] == cSpace || asciiClass[r] == cNewline || r == '\'' {
				return lb, false
			}
			lb.Marks[r>>6] |= 1 << (r & 63)
		}
	}
	return lb, true
}

// topLevelBar reports whether expr has a | outside any group or class.
func topLevelBar(expr string) bool {
	bar := false
	eachMeta(expr, func(i int, c byte, depth int) bool {
		bar = c == '|' && depth == 0
		return !bar
	})
	return bar
}

// groupEnd returns the index after the group that opens expr, or -1.
func groupEnd(expr string) int {
	end := -1
	eachMeta(expr, func(i int, c byte, depth int) bool {
		if c == ')' && depth == 0 {
			end = i + 1
		}
		return end < 0
	})
	return end
}

// eachMeta calls f with the index of each (, ) and | of expr outside
// escapes and classes, and the depth of groups there (a ) counts as out of
// its group), until f returns false.
func eachMeta(expr string, f func(i int, c byte, depth int) bool) {
	depth := 0
	for i := 0; i < len(expr); i++ {
		switch c := expr[i]; c {
		case '\\':
			i++
		case '[':
			i = classEnd(expr, i) - 1
		case '(', ')', '|':
			if c == ')' {
				depth--
			}
			if !f(i, c, depth) {
				return
			}
			if c == '(' {
				depth++
			}
		}
	}
}

// behindAt returns where a match whose rest starts at p starts, given the
// paragraph's start: the leftmost of its look-backs that holds, or -1.
func behindAt(src []byte, paraStart, p int, behind []lookBack) int {
	best := -1
	for _, lb := range behind {
		switch {
		case lb.Start:
			if p == paraStart && (best < 0 || p < best) {
				best = p
			}
		default:
			q := p
			if lb.Space {
				for q > paraStart && isSpaceByte(src[q-1]) {
					q--
				}
				if q == p {
					continue
				}
			}
			if q > paraStart {
				if lb.hasMark(src[q-1]) && (best < 0 || q-1 < best) {
					best = q - 1
				}
			}
		}
	}
	return best
}

// hasMark reports whether c is one of the look-back's ASCII marks.
func (lb lookBack) hasMark(c byte) bool {
	return c < utf8.RuneSelf && lb.Marks[c>>6]&(1<<(c&63)) != 0
}

// isSpaceByte reports whether c is white space to RE2's \s.
func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}
