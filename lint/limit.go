package lint

import (
	"bytes"
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// overLimit appends to out, of a pattern's matches (in text order), the
// first of each sentence, paragraph or document (c.Per) that holds more than
// c.Max of them, made a finding by diag with %d in its message replaced by
// how many it holds.
func overLimit(src []byte, blocks []int, c *Pattern, found []span, out []Diagnostic, diag func(start, end int) Diagnostic) []Diagnostic {
	l := limitCount{src: src, blocks: blocks, c: c, diag: diag, out: out}
	for _, f := range found {
		l.add(f.start, f.end)
	}
	l.flush()
	return l.out
}

// limitCount is overLimit taking the matches one at a time, as they are
// found: a pattern that matches every word need not keep them all.
type limitCount struct {
	src    []byte
	blocks []int // where Markdown blocks start with no blank line before (see Document.blocks)
	c      *Pattern
	diag   func(start, end int) Diagnostic
	out    []Diagnostic // the findings, appended to
	first  span         // the first match of the scope counted now
	n      int          // how many matches it holds so far
	end    int          // where the last match ends
	stop   int          // countWords: the first stop at or after the last call's start
}

// firstStop returns the index of the first of stops (in order) at or after
// off, looking on from the last answer: countWords asks in text order, one
// prose segment after another, and most are a few stops apart.
func (l *limitCount) firstStop(stops []int, off int) int {
	k := l.stop
	if k > len(stops) || k > 0 && stops[k-1] >= off {
		k = 0
	}
	for n := 0; k < len(stops) && stops[k] < off; n++ {
		if n == 8 {
			k += sort.SearchInts(stops[k:], off)
			break
		}
		k++
	}
	l.stop = k
	return k
}

// add counts the match [start, end), after the finding of the scope before
// it if that scope ended over the limit.
func (l *limitCount) add(start, end int) { l.addAfter(start, end, true) }

// addAfter is add for a caller that knows whether a scope may end between
// the last match and this one (maySplit): when it may not, the text between
// them is not read.
func (l *limitCount) addAfter(start, end int, maySplit bool) {
	if l.n > 0 && maySplit && (splitsScope(l.src, l.c.Per, l.end, start) || l.blockBetween(l.end, start)) {
		l.flush()
	}
	if l.n == 0 {
		l.first = span{start, end}
	}
	l.n++
	l.end = end
}

// blockBetween reports whether a Markdown block starts in (a, b]: a list
// item or a heading, which Vale counts apart, as it does a paragraph.
func (l *limitCount) blockBetween(a, b int) bool {
	if len(l.blocks) == 0 || l.c.Per == PerDocument {
		return false
	}
	i := sort.SearchInts(l.blocks, a+1)
	return i < len(l.blocks) && l.blocks[i] <= b
}

// flush ends the scope counted now, with its finding if it is over the limit.
func (l *limitCount) flush() {
	if l.n > l.c.Max {
		d := l.diag(l.first.start, l.first.end)
		d.Message = strings.ReplaceAll(d.Message, "%d", fmt.Sprint(l.n))
		l.out = append(l.out, d)
	}
	l.n = 0
}

// splitsScope reports whether src[a:b] holds the end of a sentence (per
// sentence: . ! ? or a blank line) or of a paragraph (a blank line). Scanning
// only between consecutive matches keeps the whole walk linear.
func splitsScope(src []byte, per string, a, b int) bool {
	if per == PerDocument || a >= b {
		return false
	}
	marks := &paragraphEnds
	if per == PerSentence {
		marks = &sentenceEnds
	}
	for i := a; i < b; i++ {
		if !marks[src[i]] {
			continue // most bytes: one load, no switch
		}
		switch c := src[i]; {
		case c == '\n':
			if blankLine(src, i+1, b, +1) {
				return true
			}
		case c >= utf8.RuneSelf:
			if wideStopAt(src, i) {
				return true
			}
		case !endsSentence(src, i):
			// A full stop a word goes on from ("v1.2", a link's
			// "aka.ms"), or that of "e.g.", ends no sentence, as the
			// scanner tells.
		default:
			return true
		}
	}
	return false
}

// The bytes that may end a sentence, and a paragraph (a line break, when a
// blank line follows).
// The last bytes of 。 ！ ？ ｡ stand for them, checked when found.
var sentenceEnds, paragraphEnds = [256]bool{'.': true, '!': true, '?': true, '\n': true, 0x82: true, 0x81: true, 0x9F: true, 0xA1: true}, [256]bool{'\n': true}

// dropOtherCase removes the matches of a MatchCase rule whose case differs
// from the phrase they matched, before overlapping matches are resolved, so
// that one of them cannot hide a match of the right case.
func dropOtherCase(entries []entry, src []byte, c Check, hits []hit) []hit {
	if p, ok := c.(*Phrase); ok && !p.MatchCase {
		return hits
	}
	if rp, ok := c.(*Replace); ok && !rp.MatchCase {
		return hits
	}
	return slices.DeleteFunc(hits, func(h hit) bool {
		e := entries[h.entry]
		return e.role == roleMatch && !caseFits(c, src[h.start:h.end], e.value)
	})
}

// dropOtherApostrophes drops the hits of a rule with ApostrophesAsWritten
// whose apostrophes are not those of the phrase they matched: "I'm" leaves
// "I’m" alone. Such a rule's hits say their phrase (see RuleSet.add).
func dropOtherApostrophes(entries []entry, src []byte, c Check, hits []hit) []hit {
	var phrase func(i int) string // the phrase of a hit's entry value
	n := 0
	switch c := c.(type) {
	case *Phrase:
		if c.ApostrophesAsWritten {
			phrase, n = func(i int) string { return c.Phrases[i] }, len(c.Phrases)
		}
	case *Replace:
		if c.ApostrophesAsWritten {
			phrase, n = func(i int) string { return c.Pairs[i].Phrase }, len(c.Pairs)
		}
	}
	if phrase == nil || len(hits) == 0 {
		return hits
	}
	return slices.DeleteFunc(hits, func(h hit) bool {
		e := entries[h.entry]
		return e.role == roleMatch && int(e.value) < n && !sameApostrophes(string(src[h.start:h.end]), phrase(int(e.value)))
	})
}

// underscoreJoins reports whether src[i] is an underscore between two word
// characters, which it joins into one name ("reply_to").
func underscoreJoins(src []byte, i int) bool {
	if i <= 0 || i+1 >= len(src) || src[i] != '_' {
		return false
	}
	before, _ := utf8.DecodeLastRune(src[:i])
	after, _ := utf8.DecodeRune(src[i+1:])
	word := func(r rune) bool { return r != '_' && isWordRune(r) && !isSpaceless(r) } // a Han character is a word of its own
	return word(before) && word(after)
}

// dropUnderscored drops the hits that an underscore joins to a word, or
// that hold one between two words: "to" in "reply_to" and "to_do", "reply
// to" as "reply_to". Between letters or digits an underscore is part of a
// name, not emphasis, in Markdown as to \b (RE2's, and Vale's); "_to_"
// beside spaces is emphasis, and stays.
func dropUnderscored(entries []entry, src []byte, hits []hit) []hit {
	return slices.DeleteFunc(hits, func(h hit) bool {
		if entries[h.entry].role != roleMatch {
			return false
		}
		if underscoreJoins(src, h.start-1) || underscoreJoins(src, h.end) {
			return true
		}
		// Inside the hit, only where an underscore stands: the rule's hits,
		// not the whole document, are read.
		for i := h.start + 1; i < h.end-1; i++ {
			k := bytes.IndexByte(src[i:h.end-1], '_')
			if k < 0 {
				break
			}
			if i += k; underscoreJoins(src, i) {
				return true
			}
		}
		return false
	})
}

// sameApostrophes reports whether a and b hold the same apostrophes, in
// the same order.
func sameApostrophes(a, b string) bool {
	next := func(s string, i int) (rune, int) {
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			i += n
			if isApostrophe(r) {
				return r, i
			}
		}
		return 0, i
	}
	i, j := 0, 0
	for {
		var ra, rb rune
		ra, i = next(a, i)
		rb, j = next(b, j)
		if ra != rb {
			return false
		}
		if ra == 0 {
			return true
		}
	}
}

// exceptionPattern returns a check's ExceptionPattern, or "".
func exceptionPattern(c Check) string {
	switch c := c.(type) {
	case *Phrase:
		return c.ExceptionPattern
	case *Replace:
		return c.ExceptionPattern
	case *Pattern:
		return c.ExceptionPattern
	}
	return ""
}

// exceptionRes holds each ExceptionPattern compiled, on first use: a rule
// set checks them as it compiles (see RuleSet.add), and an image or a copy
// of the set shares them.
var exceptionRes sync.Map

// exceptionRe is an ExceptionPattern compiled. inLine is set when no match
// of it can hold a line break or depends on where the text searched starts or
// ends (\A, \z): its matches on a line are then the same searched from the
// line's start as from any earlier point, and a search can keep to the lines
// of the text it excuses.
type exceptionRe struct {
	re     *regexp.Regexp
	inLine bool
}

func compileException(expr string) (*exceptionRe, error) {
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, err
	}
	x := &exceptionRe{re: re}
	if n, err := syntax.Parse(expr, syntax.Perl); err == nil {
		x.inLine = !matchesNewline(n) && !readsTextEdge(n)
	}
	return x, nil
}

// exceptionRegexp returns a check's ExceptionPattern compiled, ready to
// excuse matches, or nil when it has none (or one that does not parse, which
// its rule set refused).
func exceptionRegexp(c Check) *exceptionCheck {
	expr := exceptionPattern(c)
	if expr == "" {
		return nil
	}
	if x, ok := exceptionRes.Load(expr); ok {
		return &exceptionCheck{exceptionRe: x.(*exceptionRe)}
	}
	x, err := compileException(expr)
	if err != nil {
		return nil
	}
	exceptionRes.Store(expr, x)
	return &exceptionCheck{exceptionRe: x}
}

// exceptionCheck excuses the matches of one rule in one document, in text
// order. It keeps the matches of the last text it searched: the matches of a
// paragraph or a line are most often excused against the same text.
type exceptionCheck struct {
	*exceptionRe
	lo, hi int
	found  [][]int
	ran    bool
}

// excuses reports whether the expression finds, in the paragraph around
// [start, end) (in the text as written when raw), text inside the match or
// text holding it: an exception that cancels the match.
func (x *exceptionCheck) excuses(src []byte, start, end int, raw bool) bool {
	lo, hi := max(0, start-patternReach), min(len(src), end+patternReach)
	if !raw {
		lo, hi = start-len(sinceBlankLine(src[lo:start])), end+len(untilBlankLine(src[end:hi]))
	}
	if x.inLine {
		// Only the lines of the match: a search from lo finds, on them, the
		// matches a search from their start finds.
		lo = max(lo, bytes.LastIndexByte(src[:start], '\n')+1)
		if i := bytes.IndexByte(src[end:hi], '\n'); i >= 0 {
			hi = end + i
		}
	}
	if !x.ran || lo != x.lo || hi != x.hi {
		x.lo, x.hi, x.found, x.ran = lo, hi, x.re.FindAllIndex(src[lo:hi], -1), true
	}
	for _, m := range x.found {
		a, b := lo+m[0], lo+m[1]
		if a < b && (a <= start && end <= b || start <= a && b <= end) {
			return true
		}
	}
	return false
}

// caseExceptions returns a check's exceptions when they must match case
// (ExceptionsMatchCase), else nil.
func caseExceptions(c Check) []string {
	switch c := c.(type) {
	case *Phrase:
		if c.ExceptionsMatchCase {
			return c.Exceptions
		}
	case *Replace:
		if c.ExceptionsMatchCase {
			return c.Exceptions
		}
	case *Pattern:
		if c.ExceptionsMatchCase {
			return c.Exceptions
		}
	}
	return nil
}

// dropOtherCaseExceptions drops the hits of exceptions whose letters have
// the case of none of them (see Phrase.ExceptionsMatchCase): "US" cancels
// "US", never "us".
func dropOtherCaseExceptions(entries []entry, src []byte, exceptions []string, hits []hit) []hit {
	if exceptions == nil {
		return hits
	}
	return slices.DeleteFunc(hits, func(h hit) bool {
		if entries[h.entry].role != roleException {
			return false
		}
		return !slices.ContainsFunc(exceptions, func(x string) bool { return sameLetters(src[h.start:h.end], x) })
	})
}

// dropLoosePunct drops the hits whose text has other punctuation between
// its words than the phrase has: the matcher lets any punctuation stand
// where a phrase has some ("sorry, but"), and "24/7" must not match "24.7".
// punct is the rule's (see RuleSet.punct): by pair for a replace rule, else
// the punctuation of each of its phrases, any of which will do.
func dropLoosePunct(entries []entry, src []byte, c Check, punct []string, hits []hit) []hit {
	if len(punct) == 0 {
		return hits
	}
	strict := hyphensAsWritten(c)
	_, byPair := c.(*Replace)
	byPair = byPair || strict // a strict phrase rule's hits say their phrase too
	return slices.DeleteFunc(hits, func(h hit) bool {
		e := entries[h.entry]
		if e.role != roleMatch {
			return false
		}
		got := innerPunct(src[h.start:h.end], strict)
		if byPair {
			return got != punct[e.value]
		}
		return !slices.Contains(punct, got)
	})
}

// punctOf returns the punctuation between the words of each phrase (see
// innerPunct), or nil when none has any.
func punctOf(phrases []string, strict bool) []string {
	out := make([]string, len(phrases))
	some := false
	for i, p := range phrases {
		out[i] = innerPunct([]byte(p), strict)
		some = some || out[i] != ""
	}
	if !some {
		return nil
	}
	return out
}

// hyphensAsWritten reports whether a rule holds hyphens to what it says
// (see Phrase.HyphensAsWritten).
func hyphensAsWritten(c Check) bool {
	switch c := c.(type) {
	case *Phrase:
		return c.HyphensAsWritten
	case *Replace:
		return c.HyphensAsWritten
	}
	return false
}

// innerPunct returns the punctuation that joins letters or digits with no
// space between them ("24/7", "and/or", "e.g"), in order, leaving out what
// a phrase matches loosely: apostrophes, hyphens and dashes, and what the
// scanner passes over as soft (* _ ~: emphasis, and a phrase's stem mark).
// Punctuation beside a space ("sorry, but") stands for any, as the matcher
// takes it. With strict, hyphens and dashes count too, each run of white
// space as one space: "check-out" is then not "check out".
func innerPunct(text []byte, strict bool) string {
	var out, run []rune
	prevWord := false
	for _, r := range string(text) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if prevWord {
				out = append(out, run...)
			}
			run, prevWord = run[:0], true
		case unicode.IsSpace(r):
			if strict && prevWord {
				out = append(out, ' ') // a space between words is no hyphen
			}
			run, prevWord = run[:0], false
		case strict && isHyphen(r):
			if prevWord {
				out = append(out, '-') // one hyphen for any of them
			}
			run, prevWord = run[:0], false
		case (unicode.IsPunct(r) || unicode.IsSymbol(r)) && !loosePunct(r):
			run = append(run, r)
		}
	}
	return string(out)
}

// isHyphen reports whether r is a hyphen or dash between words.
func isHyphen(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—':
		return true
	}
	return false
}

func loosePunct(r rune) bool {
	switch r {
	case '\'', '’', 'ʼ', '＇', '‘', '-', '‐', '‑', '‒', '–', '—', ',', ';', '"', '“', '”', '„', '«', '»', '*', '_', '~':
		return true
	}
	return false
}

// caseFits reports whether a match of a phrase or replace rule with MatchCase
// has the case of the phrase it matched (of any of its phrases, for a phrase
// rule): the letters must be the same, in order. value is the hit's entry value
// (the replacement's index). Rules without MatchCase always fit.
func caseFits(c Check, text []byte, value int32) bool {
	switch c := c.(type) {
	case *Phrase:
		if !c.MatchCase {
			return true
		}
		for _, p := range c.Phrases {
			if sameLetters(text, p) {
				return true
			}
		}
		return false
	case *Replace:
		return !c.MatchCase || sameLetters(text, c.Pairs[value].Phrase)
	}
	return true
}

// sameLetters compares the letters of text and phrase, case-sensitively,
// skipping everything else (spaces, apostrophes, hyphens).
func sameLetters(text []byte, phrase string) bool {
	i, j := 0, 0
	for {
		for i < len(text) {
			r, size := utf8.DecodeRune(text[i:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				break
			}
			i += size
		}
		for j < len(phrase) {
			r, size := utf8.DecodeRuneInString(phrase[j:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				break
			}
			j += size
		}
		if i == len(text) || j == len(phrase) {
			return i == len(text) && j == len(phrase)
		}
		a, sa := utf8.DecodeRune(text[i:])
		b, sb := utf8.DecodeRuneInString(phrase[j:])
		if a != b {
			return false
		}
		i, j = i+sa, j+sb
	}
}
