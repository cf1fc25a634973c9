package lint

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"unicode/utf8"
)

// Pattern reports matches of an RE2 expression. It runs only on paragraphs
// where the one matching pass saw a trigger word, so its cost does not grow
// with the text the way a regex scan per rule would.
type Pattern struct {
	Expr     string
	Triggers []string // words every match contains; derived from Expr when empty
	Scope    string   // "prose" (default) or "placeholder"
}

func (*Pattern) Kind() string { return "pattern" }

// Scopes a Pattern can take.
const (
	ScopeProse       = "prose"
	ScopePlaceholder = "placeholder"
)

// compiledPattern is a Pattern ready to run.
type compiledPattern struct {
	re       *regexp.Regexp
	triggers []string
}

// maxPatternSize bounds a user pattern's compiled program (RE2 keeps matching linear,
// but a huge program is still slow and almost certainly a mistake).
const maxPatternSize = 4000

// compilePattern makes an expression case-insensitive, lets ' match any
// apostrophe and a space any run of white space, and works out its triggers.
func compilePattern(p *Pattern) (*compiledPattern, error) {
	re, err := syntax.Parse(p.Expr, syntax.Perl|syntax.FoldCase)
	if err != nil {
		return nil, fmt.Errorf("pattern does not parse: %v", unwrapSyntax(err))
	}
	if err := checkASCIIBoundaries(re); err != nil {
		return nil, err
	}
	re = loosen(re)
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return nil, fmt.Errorf("pattern does not compile: %v", err)
	}
	if len(prog.Inst) > maxPatternSize {
		return nil, fmt.Errorf("pattern is too large (%d instructions, at most %d): split it into smaller rules", len(prog.Inst), maxPatternSize)
	}
	compiled, err := regexp.Compile(re.String())
	if err != nil {
		return nil, fmt.Errorf("pattern does not compile: %v", err)
	}
	cp := &compiledPattern{re: compiled, triggers: p.Triggers}
	if len(cp.triggers) == 0 && p.Scope != ScopePlaceholder {
		orig, _ := syntax.Parse(p.Expr, syntax.Perl)
		cp.triggers = deriveTriggers(orig)
	}
	return cp, nil
}

func unwrapSyntax(err error) string {
	if se, ok := err.(*syntax.Error); ok {
		return fmt.Sprintf("%s: `%s`", se.Code, se.Expr)
	}
	return err.Error()
}

// checkASCIIBoundaries rejects \b or \B next to a non-ASCII letter: RE2's
// word boundary only knows ASCII, so such a rule could never match as meant.
func checkASCIIBoundaries(re *syntax.Regexp) error {
	var bad rune
	var walk func(*syntax.Regexp)
	walk = func(n *syntax.Regexp) {
		if bad != 0 {
			return
		}
		if n.Op == syntax.OpConcat {
			for i, c := range n.Sub {
				if c.Op != syntax.OpWordBoundary && c.Op != syntax.OpNoWordBoundary {
					continue
				}
				if i > 0 {
					if r, ok := edgeRune(n.Sub[i-1], false); ok && r >= utf8.RuneSelf && isWordRune(r) && bad == 0 {
						bad = r
					}
				}
				if i+1 < len(n.Sub) {
					if r, ok := edgeRune(n.Sub[i+1], true); ok && r >= utf8.RuneSelf && isWordRune(r) && bad == 0 {
						bad = r
					}
				}
			}
		}
		for _, c := range n.Sub {
			walk(c)
		}
	}
	walk(re)
	if bad != 0 {
		return fmt.Errorf("\\b next to %q can never match: RE2's \\b only knows ASCII letters; drop it, pattern matches already end at word boundaries", bad)
	}
	return nil
}

// edgeRune returns the first (or last) literal rune of n, if n starts (ends) with one.
func edgeRune(n *syntax.Regexp, first bool) (rune, bool) {
	switch n.Op {
	case syntax.OpLiteral:
		if first {
			return n.Rune[0], true
		}
		return n.Rune[len(n.Rune)-1], true
	case syntax.OpCapture, syntax.OpPlus, syntax.OpRepeat:
		return edgeRune(n.Sub[0], first)
	case syntax.OpConcat:
		if first {
			return edgeRune(n.Sub[0], true)
		}
		return edgeRune(n.Sub[len(n.Sub)-1], false)
	}
	return 0, false
}

var (
	apostrophes = []rune{'\'', '\'', 'ʼ', 'ʼ', '‘', '’'}
	whiteSpace  = []rune{'\t', '\n', '\f', '\r', ' ', ' ', 0xA0, 0xA0, 0x2000, 0x200A, 0x202F, 0x202F, 0x3000, 0x3000}
)

// loosen rewrites literals so ' matches any apostrophe and a space any white space.
func loosen(n *syntax.Regexp) *syntax.Regexp {
	for i, c := range n.Sub {
		n.Sub[i] = loosen(c)
	}
	switch n.Op {
	case syntax.OpLiteral:
		var parts []*syntax.Regexp
		var run []rune
		flush := func() {
			if len(run) > 0 {
				parts = append(parts, &syntax.Regexp{Op: syntax.OpLiteral, Rune: run, Flags: n.Flags})
				run = nil
			}
		}
		for _, r := range n.Rune {
			switch {
			case isApostrophe(r):
				flush()
				parts = append(parts, &syntax.Regexp{Op: syntax.OpCharClass, Rune: apostrophes, Flags: n.Flags})
			case r == ' ':
				flush()
				parts = append(parts, &syntax.Regexp{Op: syntax.OpPlus, Flags: n.Flags, Sub: []*syntax.Regexp{
					{Op: syntax.OpCharClass, Rune: whiteSpace, Flags: n.Flags}}})
			default:
				run = append(run, r)
			}
		}
		flush()
		if len(parts) == 1 {
			return parts[0]
		}
		return &syntax.Regexp{Op: syntax.OpConcat, Sub: parts, Flags: n.Flags}
	}
	return n
}

// deriveTriggers finds words every match must contain as whole words. It
// returns nil when it cannot prove any, and the pattern then runs everywhere.
func deriveTriggers(n *syntax.Regexp) []string {
	best := triggerSets(n)
	if best == nil {
		return nil
	}
	slices.Sort(best)
	return slices.Compact(best)
}

// triggerSets returns a set of words of which every match of n holds at least one.
func triggerSets(n *syntax.Regexp) []string {
	switch n.Op {
	case syntax.OpCapture:
		return triggerSets(n.Sub[0])
	case syntax.OpAlternate:
		var all []string
		for _, c := range n.Sub {
			s := triggerSets(c)
			if s == nil {
				return nil
			}
			all = append(all, s...)
		}
		return all
	case syntax.OpLiteral, syntax.OpConcat:
		return concatTriggers(n)
	}
	return nil
}

// concatTriggers looks for whole words in a sequence: literal text bounded on
// both sides by a non-word character, the pattern's ends, or an alternation of
// such words. It prefers the candidate whose shortest word is longest.
func concatTriggers(n *syntax.Regexp) []string {
	items := n.Sub
	if n.Op == syntax.OpLiteral {
		items = []*syntax.Regexp{n}
	}
	// Flatten the sequence into runes, with -1 standing for an opaque item
	// and -2 for a boundary (pattern end, \b, white space class).
	type cell struct {
		r   rune
		alt *syntax.Regexp
	}
	cells := []cell{{r: -2}}
	for _, it := range items {
		switch {
		case it.Op == syntax.OpLiteral:
			for _, r := range it.Rune {
				cells = append(cells, cell{r: r})
			}
		case it.Op == syntax.OpWordBoundary || it.Op == syntax.OpBeginText || it.Op == syntax.OpEndText ||
			it.Op == syntax.OpBeginLine || it.Op == syntax.OpEndLine:
			cells = append(cells, cell{r: -2})
		case nonWordItem(it):
			cells = append(cells, cell{r: ' '})
		case it.Op == syntax.OpCapture || it.Op == syntax.OpAlternate:
			cells = append(cells, cell{r: -1, alt: it})
		default:
			cells = append(cells, cell{r: -1})
		}
	}
	cells = append(cells, cell{r: -2})
	isBound := func(c cell) bool { return c.r == -2 || (c.r >= 0 && !isWordRune(c.r)) }

	var best []string
	bestLen := 0
	consider := func(set []string) {
		if len(set) == 0 {
			return
		}
		shortest := 1 << 30
		for _, w := range set {
			shortest = min(shortest, utf8.RuneCountInString(w))
		}
		if shortest > bestLen {
			best, bestLen = set, shortest
		}
	}
	for i := 1; i < len(cells)-1; i++ {
		c := cells[i]
		if c.alt != nil && isBound(cells[i-1]) && isBound(cells[i+1]) {
			consider(alternationWords(c.alt))
			continue
		}
		if c.r < 0 || !isWordRune(c.r) || !isBound(cells[i-1]) {
			continue
		}
		j := i
		var w []rune
		for j < len(cells)-1 && cells[j].r >= 0 && (isWordRune(cells[j].r) || isApostrophe(cells[j].r)) {
			w = append(w, cells[j].r)
			j++
		}
		if isBound(cells[j]) {
			consider([]string{string(w)})
		}
		i = j - 1
	}
	return best
}

// nonWordItem reports whether n matches only non-word characters (\s+, [ ,]).
func nonWordItem(n *syntax.Regexp) bool {
	switch n.Op {
	case syntax.OpPlus, syntax.OpRepeat:
		if n.Op == syntax.OpRepeat && n.Min < 1 {
			return false
		}
		return nonWordItem(n.Sub[0])
	case syntax.OpCharClass:
		for i := 0; i+1 < len(n.Rune); i += 2 {
			for r := n.Rune[i]; r <= n.Rune[i+1]; r++ {
				if isWordRune(r) {
					return false
				}
				if r-n.Rune[i] > 256 {
					return false
				}
			}
		}
		return len(n.Rune) > 0
	}
	return false
}

// alternationWords returns the words an alternation can match when every
// branch is one whole literal word, or nil.
func alternationWords(n *syntax.Regexp) []string {
	out := expand(n, 64)
	for _, w := range out {
		if w == "" {
			return nil
		}
		for _, r := range w {
			if !isWordRune(r) && !isApostrophe(r) {
				return nil
			}
		}
	}
	return out
}

// expand lists the strings n can match when there are at most limit of them, else nil.
func expand(n *syntax.Regexp, limit int) []string {
	switch n.Op {
	case syntax.OpCapture:
		return expand(n.Sub[0], limit)
	case syntax.OpEmptyMatch:
		return []string{""}
	case syntax.OpLiteral:
		return []string{string(n.Rune)}
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(n.Rune); i += 2 {
			for r := n.Rune[i]; r <= n.Rune[i+1]; r++ {
				if len(out) >= limit {
					return nil
				}
				out = append(out, string(r))
			}
		}
		return out
	case syntax.OpQuest:
		sub := expand(n.Sub[0], limit-1)
		if sub == nil {
			return nil
		}
		return append([]string{""}, sub...)
	case syntax.OpAlternate:
		var out []string
		for _, c := range n.Sub {
			sub := expand(c, limit-len(out))
			if sub == nil {
				return nil
			}
			out = append(out, sub...)
		}
		return out
	case syntax.OpConcat:
		out := []string{""}
		for _, c := range n.Sub {
			sub := expand(c, limit)
			if sub == nil || len(out)*len(sub) > limit {
				return nil
			}
			next := make([]string, 0, len(out)*len(sub))
			for _, a := range out {
				for _, b := range sub {
					next = append(next, a+b)
				}
			}
			out = next
		}
		return out
	}
	return nil
}
