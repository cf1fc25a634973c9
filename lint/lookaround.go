package lint

import (
	"regexp/syntax"
	"slices"
	"strings"
)

// Look is one side of what an expression asks of the text around its
// match, as lookbehinds or lookaheads (which RE2 lacks) would: an
// expression the text there must meet (Want), and one it must not
// (Forbid). An empty one asks nothing.
type Look struct{ Want, Forbid string }

// Around is what an expression asks of the text before (Behind) and after
// (Ahead) its match.
type Around struct{ Behind, Ahead Look }

// SetOn puts a on p, as its PrecededBy, FollowedBy and their negations.
func (a Around) SetOn(p *Pattern) {
	p.PrecededBy, p.NotPrecededBy = a.Behind.Want, a.Behind.Forbid
	p.FollowedBy, p.NotFollowedBy = a.Ahead.Want, a.Ahead.Forbid
}

// add puts a lookaround's expr on l: what the text must not meet joins
// what it already must not, either of them; what it must meet stands
// alone, as two such would ask both at once, which is no one expression.
func (l *Look) add(expr string, negative bool) bool {
	switch {
	case negative && l.Forbid == "":
		l.Forbid = expr
	case negative:
		l.Forbid = "(?:" + l.Forbid + ")|(?:" + expr + ")"
	case l.Want != "":
		return false
	default:
		l.Want = expr
	}
	return true
}

// flagged puts flags before expr, when both are set.
func flagged(flags, expr string) string {
	if flags == "" || expr == "" {
		return expr
	}
	return flags + expr
}

// SplitLookaround splits an expression that opens with lookbehinds or
// ends in lookaheads of its own, at the top level ("(?<!:[^ ]+?):\s[A-Z]",
// "it is(?!\.)", "(?:^|\s)I(?=\s)"), into the expression between them and
// what it asks of the text around, when all are expressions RE2 has.
// Lookarounds in a row on one side ask each of theirs: any that forbid
// are one expression of alternatives, and one may want. A flag group
// opening the expression, (?i) or (?m), goes with each part; a lookaround
// that may be left out, "Jan(?!uary)?", asks nothing (see
// DropOptionalLooks). One with a bar at its top level is not split: a
// lookaround would belong to one branch only.
func SplitLookaround(expr string) (body string, a Around, ok bool) {
	body = DropOptionalLooks(expr)
	flags := ""
	if flagGroup(body) {
		end := strings.IndexByte(body, ')') + 1
		flags, body = body[:end], body[end:]
	}
	// A word boundary before a lookbehind (\b(?<!t)here) asks the same as
	// one after it: both look at the text before the match, which neither takes.
	edge := ""
	if strings.HasPrefix(body, `\b(?<=`) || strings.HasPrefix(body, `\b(?<!`) {
		edge, body = `\b`, body[2:]
	}
	for strings.HasPrefix(body, "(?<=") || strings.HasPrefix(body, "(?<!") {
		end := groupClose(body, 0)
		if end <= 4 { // unclosed, or empty
			return "", a, false
		}
		if !a.Behind.add(body[4:end], body[3] == '!') {
			return "", a, false
		}
		body = body[end+1:]
	}
	body = edge + body // edge is set only before a lookbehind
	// The lookaheads, read from the end, then asked in the order written.
	var aheads []string
	for {
		last := lastGroup(body)
		if last <= 0 || !strings.HasPrefix(body[last:], "(?=") && !strings.HasPrefix(body[last:], "(?!") {
			break
		}
		if last+3 == len(body)-1 {
			return "", a, false // empty
		}
		aheads = append(aheads, body[last:])
		body = body[:last]
	}
	for _, look := range slices.Backward(aheads) {
		if !a.Ahead.add(look[3:len(look)-1], look[2] == '!') {
			return "", a, false
		}
	}
	if a == (Around{}) || body == "" || topBar(body) {
		return "", a, false
	}
	body = flagged(flags, body)
	for _, e := range []*string{&a.Behind.Want, &a.Behind.Forbid, &a.Ahead.Want, &a.Ahead.Forbid} {
		*e = flagged(flags, *e)
	}
	for _, e := range []string{body, a.Behind.Want, a.Behind.Forbid, a.Ahead.Want, a.Ahead.Forbid} {
		if _, err := syntax.Parse(e, syntax.Perl); err != nil {
			return "", a, false
		}
	}
	return body, a, true
}

// DropOptionalLooks returns expr without the lookarounds it lets be left
// out, "(?!uary)?", "(?=s)*" or "(?<!x){0,1}": a zero-width condition that
// may be skipped always holds, to Vale's engine as to any, so each asks
// nothing ("Jan(?!uary)?" finds "January" too). Others are kept.
func DropOptionalLooks(expr string) string {
	if !hasLookaround(expr) {
		return expr
	}
	var b strings.Builder
	from := 0
	for i := 0; i < len(expr); i++ {
		if e := literalEnd(expr, i); e >= 0 {
			i = e
			continue
		}
		if expr[i] != '(' || !isLook(expr[i:]) {
			continue
		}
		end := groupClose(expr, i)
		if end < 0 {
			break
		}
		if q := optionalRepeat(expr[end+1:]); q > 0 {
			b.WriteString(expr[from:i])
			from = end + 1 + q
			i = from - 1
		}
	}
	if from == 0 {
		return expr
	}
	b.WriteString(expr[from:])
	return b.String()
}

// isLook reports whether expr opens with a lookahead or a lookbehind.
func isLook(expr string) bool {
	for _, l := range []string{"(?=", "(?!", "(?<=", "(?<!"} {
		if strings.HasPrefix(expr, l) {
			return true
		}
	}
	return false
}

// optionalRepeat returns the length of the repeat opening s that allows
// none at all (?, *, {0}, {0,n}, {0,}, each maybe lazy or possessive), or 0.
func optionalRepeat(s string) int {
	n := 0
	switch {
	case strings.HasPrefix(s, "?"), strings.HasPrefix(s, "*"):
		n = 1
	case strings.HasPrefix(s, "{0}"), strings.HasPrefix(s, "{0,"):
		end := strings.IndexByte(s, '}')
		if end < 0 {
			return 0
		}
		if strings.Trim(s[1:end], "0123456789,") != "" {
			return 0
		}
		n = end + 1
	default:
		return 0
	}
	if n < len(s) && (s[n] == '?' || s[n] == '+') {
		n++
	}
	return n
}

// literalEnd returns where the escape or character class opening at
// expr[i] ends (its last byte), or -1 when neither opens there: a bracket
// inside either is text, no group's.
func literalEnd(expr string, i int) int {
	switch expr[i] {
	case '\\':
		return i + 1
	case '[':
		return classEnd(expr, i) - 1
	}
	return -1
}

// groupClose returns where the group opening at expr[i] closes, or -1.
func groupClose(expr string, i int) int {
	depth := 0
	for j := i; j < len(expr); j++ {
		if e := literalEnd(expr, j); e >= 0 {
			j = e
			continue
		}
		switch expr[j] {
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
		if e := literalEnd(expr, i); e >= 0 {
			i = e
			continue
		}
		close := -1
		if expr[i] == '(' {
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
// group at the top level that holds a lookaround or other syntax RE2
// cannot read (`\b(?:etc|e\c\.)`); a flag group opening expr, (?i),
// goes with each. Such a group with no alternatives is left out, its
// contents in its place, as the one expression returned. It returns nil
// when expr has neither.
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
		if !split(body, expr[:i], expr[close+1:]) {
			// Nor does a group of one: its lookahead may then end the
			// expression, `\b(?:eg(?=[;,]))` as `\beg(?=[;,])`.
			out = []string{flags + expr[:i] + body + expr[close+1:]}
		}
		return false
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
