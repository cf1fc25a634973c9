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
	// A word boundary before a lookbehind (\b(?<!t)here) asks the same as
	// one after it: both look at the text before the match, which neither takes.
	edge := ""
	if strings.HasPrefix(body, `\b(?<=`) || strings.HasPrefix(body, `\b(?<!`) {
		edge, body = `\b`, body[2:]
	}
	// Lookarounds in a row that each forbid something forbid any of them:
	// (?<!right-)(?<!double-) is (?<!right-|double-), (?! not)(?![,;]) is
	// (?! not|[,;]). Others in a row are left unsplit.
	for strings.HasPrefix(body, "(?<=") || strings.HasPrefix(body, "(?<!") {
		end := groupClose(body, 0)
		if end <= 4 { // unclosed, or empty
			return "", a, false
		}
		look := Look{Expr: body[4:end], Negative: body[3] == '!'}
		if a.Behind.Expr != "" {
			if !look.Negative || !a.Behind.Negative {
				return "", a, false
			}
			look.Expr = "(?:" + a.Behind.Expr + ")|(?:" + look.Expr + ")"
		}
		a.Behind = look
		body = body[end+1:]
	}
	body = edge + body // edge is set only before a lookbehind
	for {
		last := lastGroup(body)
		if last <= 0 || !strings.HasPrefix(body[last:], "(?=") && !strings.HasPrefix(body[last:], "(?!") {
			break
		}
		if last+3 == len(body)-1 {
			return "", a, false // empty
		}
		look := Look{Expr: body[last+3 : len(body)-1], Negative: body[last+2] == '!'}
		if a.Ahead.Expr != "" {
			if !look.Negative || !a.Ahead.Negative {
				return "", a, false
			}
			look.Expr = "(?:" + look.Expr + ")|(?:" + a.Ahead.Expr + ")"
		}
		a.Ahead = look
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

// SplitBranches splits an expression into one for each of its
// alternatives, so that a lookaround standing at the edge of one of them
// can be split off it by SplitLookaround: "a|b(?!c)" gives "a" and
// "b(?!c)", and `\b(?:eg|e\.g\.(?!\w))` gives `\beg` and `\be\.g\.(?!\w)`
// (the text around the alternatives goes with each).
// The alternatives are those at the top level, else those of the first
// group at the top level that has some and holds a lookaround or other
// syntax RE2 cannot read (`\b(?:etc|e\c\.)`); a flag
// group opening expr, (?i), goes with each. It returns nil when expr has
// no such alternatives.
func SplitBranches(expr string) []string {
	flags := ""
	if strings.HasPrefix(expr, "(?") {
		if end := groupClose(expr, 0); end > 2 && strings.Trim(expr[2:end], "imsU-") == "" {
			flags, expr = expr[:end+1], expr[end+1:]
		}
	}
	var out []string
	split := func(s string, before, after string) bool {
		from := 0
		topLevel(s, func(i, _ int) bool {
			if s[i] == '|' {
				out = append(out, flags+before+s[from:i]+after)
				from = i + 1
			}
			return true
		})
		if out == nil {
			return false
		}
		out = append(out, flags+before+s[from:]+after)
		return true
	}
	if split(expr, "", "") {
		return out
	}
	topLevel(expr, func(i, close int) bool {
		if close < 0 || close+1 < len(expr) && strings.IndexByte("*+?{", expr[close+1]) >= 0 {
			return true
		}
		inner := i + 1 // a plain group, or (?:…); never a lookaround, a named group or flags
		switch {
		case strings.HasPrefix(expr[i:], "(?:"):
			inner = i + 3
		case strings.HasPrefix(expr[i:], "(?"):
			return true
		}
		body := expr[inner:close]
		if _, err := syntax.Parse(body, syntax.Perl); err == nil && !hasLookaround(body) {
			return true // RE2 reads it: the group is not what stops it
		}
		// An alternative has no bar at its top level: it needs no group.
		split(body, expr[:i], expr[close+1:])
		return out == nil
	})
	return out
}

// hasLookaround reports whether expr holds a lookahead or a lookbehind.
func hasLookaround(expr string) bool {
	for _, l := range []string{"(?=", "(?!", "(?<=", "(?<!"} {
		if strings.Contains(expr, l) {
			return true
		}
	}
	return false
}
