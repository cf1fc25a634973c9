package lint

import (
	"regexp/syntax"
	"strings"
)

// Look is one side of what an expression asks of the text around its
// match, as a lookbehind or lookahead (which RE2 lacks) would: an
// expression the text must, or with Negative must not, meet there.
type Look struct {
	Expr     string
	Negative bool
}

// Around is what an expression asks of the text before (Behind) and after
// (Ahead) its match; a Look with no Expr asks nothing.
type Around struct{ Behind, Ahead Look }

// SetOn puts a on p, as its PrecededBy, FollowedBy and their negations.
func (a Around) SetOn(p *Pattern) {
	for _, f := range []struct {
		look     Look
		yes, not *string
	}{{a.Ahead, &p.FollowedBy, &p.NotFollowedBy}, {a.Behind, &p.PrecededBy, &p.NotPrecededBy}} {
		switch {
		case f.look.Expr == "":
		case f.look.Negative:
			*f.not = f.look.Expr
		default:
			*f.yes = f.look.Expr
		}
	}
}

// SplitLookaround splits an expression that opens with a lookbehind or
// ends in a lookahead of its own, at the top level ("(?<!:[^ ]+?):\s[A-Z]",
// "it is(?!\.)", "(?:^|\s)I(?=\s)"), into the expression between them and
// what it asks of the text around, when all are expressions RE2 has. One
// with a bar at its top level is not split: a lookaround would belong to
// one branch only.
func SplitLookaround(expr string) (body string, a Around, ok bool) {
	body = expr
	if strings.HasPrefix(body, "(?<=") || strings.HasPrefix(body, "(?<!") {
		end := groupClose(body, 0)
		if end <= 4 { // unclosed, or empty
			return "", a, false
		}
		a.Behind = Look{Expr: body[4:end], Negative: body[3] == '!'}
		body = body[end+1:]
	}
	if last := lastGroup(body); last > 0 && (strings.HasPrefix(body[last:], "(?=") || strings.HasPrefix(body[last:], "(?!")) {
		if last+3 == len(body)-1 {
			return "", a, false // empty
		}
		a.Ahead = Look{Expr: body[last+3 : len(body)-1], Negative: body[last+2] == '!'}
		body = body[:last]
	}
	if a == (Around{}) || body == "" || topBar(body) {
		return "", a, false
	}
	for _, e := range []string{body, a.Behind.Expr, a.Ahead.Expr} {
		if _, err := syntax.Parse(e, syntax.Perl); err != nil {
			return "", a, false
		}
	}
	return body, a, true
}

// groupClose returns where the group opening at expr[i] closes, or -1.
func groupClose(expr string, i int) int {
	depth := 0
	for j := i; j < len(expr); j++ {
		switch expr[j] {
		case '\\':
			j++
		case '[':
			j = classEnd(expr, j) - 1
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return j
			}
		}
	}
	return -1
}

// lastGroup returns where the group that ends expr opens at its top
// level, or -1 when expr does not end with one.
func lastGroup(expr string) int {
	last := -1
	topLevel(expr, func(i, close int) bool {
		if close == len(expr)-1 {
			last = i
		}
		return true
	})
	return last
}

// topBar reports whether expr has a bar at its top level.
func topBar(expr string) bool {
	bar := false
	topLevel(expr, func(i, _ int) bool {
		bar = expr[i] == '|'
		return !bar
	})
	return bar
}

// topLevel calls fn with each character of expr at its top level, a group
// standing for one: its opening bracket, with where it closes (close is -1
// for other characters). Escapes and classes are passed over. It stops
// when fn returns false, or at a group that never closes.
func topLevel(expr string, fn func(i, close int) bool) {
	for i := 0; i < len(expr); i++ {
		close := -1
		switch expr[i] {
		case '\\':
			i++
			continue
		case '[':
			i = classEnd(expr, i) - 1
			continue
		case '(':
			if close = groupClose(expr, i); close < 0 {
				return
			}
		}
		if !fn(i, close) {
			return
		}
		if close >= 0 {
			i = close
		}
	}
}
