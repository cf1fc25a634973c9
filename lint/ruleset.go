package lint

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// RuleSet is the compiled form of one language's rules: one matcher for every
// phrase, built once, then used for any number of documents (concurrently).
type RuleSet struct {
	Lang  *Language
	rules []*Rule

	ms       []*matcher // one per compile: the built-in pack's, then a team's pack's
	entries  []entry
	patterns []*compiledPattern // by rule index; nil for other kinds
	allow    []map[uint64]bool  // caps-words allow lists, by rule index

	greetings [][]uint64 // word hashes of each greeting
	titles    map[uint64]bool
	notNames  map[uint64]bool

	needMarks bool // some metric rule counts exclamation marks or emoji
	opts      wordOptions
	endings   map[uint64]bool // hashes of NameEndings

	signalsOnce sync.Once
	signals     *matcher
	signalErr   error

	pool sync.Pool // *run
}

// Rules returns the rules in force, in load order.
func (rs *RuleSet) Rules() []*Rule {
	out := make([]*Rule, 0, len(rs.rules))
	for _, r := range rs.rules {
		if r != nil {
			out = append(out, r)
		}
	}
	return out
}

// CompileOptions change how rules are compiled, for tests and measurements.
type CompileOptions struct {
	// RegexOnly runs every prose pattern as a regular expression, never as
	// the phrases it expands to.
	RegexOnly bool
}

// Compile checks and compiles rules for one language. Every problem found is
// reported, each prefixed with the rule's origin.
func Compile(lang *Language, rules []*Rule) (*RuleSet, error) {
	return CompileWith(lang, rules, CompileOptions{})
}

// CompileWith is Compile with options.
func CompileWith(lang *Language, rules []*Rule, opts CompileOptions) (*RuleSet, error) {
	if lang == nil {
		lang = &Language{}
	}
	rs := &RuleSet{Lang: lang, ms: []*matcher{newMatcher()}}
	for _, g := range lang.Greetings {
		if h, _ := phraseWords(g); len(h) > 0 {
			rs.greetings = append(rs.greetings, h)
		}
	}
	rs.titles = hashSet(lang.Titles)
	rs.notNames = hashSet(lang.NotNames)
	if err := rs.add(rules, opts); err != nil {
		return nil, err
	}
	rs.ms[0].minimize()
	rs.setOptions()
	return rs, nil
}

// setOptions turns on the word variants the language and the phrases need.
func (rs *RuleSet) setOptions() {
	rs.endings = hashSet(rs.Lang.NameEndings)
	rs.opts = wordOptions{hebrew: rs.Lang.Code == "he", stems: len(rs.endings) > 0}
	for _, m := range rs.ms {
		rs.opts.stems = rs.opts.stems || m.stems
	}
}

// With returns a set that has rs's rules and extra ones (a team's own pack).
// The extra phrases get a matcher of their own, stepped in the same single
// pass over each document; rs itself is not changed.
func (rs *RuleSet) With(extra []*Rule) (*RuleSet, error) {
	c := &RuleSet{Lang: rs.Lang, rules: slices.Clip(rs.rules), ms: append(slices.Clip(rs.ms), newMatcher()),
		entries: slices.Clip(rs.entries), patterns: slices.Clip(rs.patterns), allow: slices.Clip(rs.allow),
		greetings: rs.greetings, titles: rs.titles, notNames: rs.notNames, needMarks: rs.needMarks}
	if err := c.add(extra, CompileOptions{}); err != nil {
		return nil, err
	}
	c.ms[len(c.ms)-1].minimize()
	c.setOptions()
	return c, nil
}

// Configure returns a set sharing rs's compiled matcher in which each rule is
// replaced by what pick returns: the rule itself, a changed copy (another
// severity or limit), or nil to switch it off. Nothing is compiled again.
func (rs *RuleSet) Configure(pick func(*Rule) *Rule) *RuleSet {
	c := &RuleSet{Lang: rs.Lang, rules: make([]*Rule, len(rs.rules)), ms: rs.ms, entries: rs.entries,
		patterns: rs.patterns, allow: rs.allow, greetings: rs.greetings, titles: rs.titles, notNames: rs.notNames,
		needMarks: rs.needMarks, opts: rs.opts, endings: rs.endings}
	for i, r := range rs.rules {
		if r != nil {
			c.rules[i] = pick(r)
		}
	}
	return c
}

// add compiles rules into rs after the ones it has.
func (rs *RuleSet) add(rules []*Rule, opts CompileOptions) error {
	var errs []error
	fail := func(r *Rule, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: rule %s: %s", r.Origin, r.ID, fmt.Sprintf(format, args...)))
	}
	m := rs.ms[len(rs.ms)-1]
	// A rule's phrases of one role share one entry, so equal suffixes of
	// different phrases can share nodes once the matcher is minimised.
	addAll := func(r *Rule, idx int, role entryRole, phrases []string) {
		if len(phrases) == 0 {
			return
		}
		e := int32(len(rs.entries))
		rs.entries = append(rs.entries, entry{rule: int32(idx), role: role})
		for _, p := range phrases {
			if err := m.add(p, e); err != nil {
				fail(r, "%v", err)
			}
		}
	}
	base := len(rs.rules)
	rs.rules = append(rs.rules, rules...)
	rs.patterns = append(rs.patterns, make([]*compiledPattern, len(rules))...)
	rs.allow = append(rs.allow, make([]map[uint64]bool, len(rules))...)
	for k, r := range rules {
		i := base + k
		switch c := r.Check.(type) {
		case *Phrase:
			addAll(r, i, roleMatch, c.Phrases)
			addAll(r, i, roleException, c.Exceptions)
		case *Replace:
			for j, p := range c.Pairs {
				e := int32(len(rs.entries))
				rs.entries = append(rs.entries, entry{rule: int32(i), role: roleMatch, value: int32(j)})
				if err := m.add(p.Phrase, e); err != nil {
					fail(r, "%v", err)
				}
			}
			addAll(r, i, roleException, c.Exceptions)
		case *Pattern:
			cp, err := compilePattern(c, !opts.RegexOnly)
			if err != nil {
				fail(r, "%v", err)
				continue
			}
			rs.patterns[i] = cp
			addAll(r, i, roleMatch, cp.phrases)
			cp.expanded = cp.phrases != nil
			cp.phrases = nil // in the trie now
			addAll(r, i, roleException, c.Exceptions)
			for set, words := range cp.sets {
				e := int32(len(rs.entries))
				rs.entries = append(rs.entries, entry{rule: int32(i), role: roleTrigger, value: int32(set)})
				for _, w := range words {
					if err := m.add(w, e); err != nil {
						fail(r, "trigger: %v", err)
					}
				}
			}
		case *Require:
			if len(c.Phrases) == 0 {
				fail(r, "a require rule needs phrases")
			}
			addAll(r, i, roleRequired, c.Phrases)
			addAll(r, i, roleAfter, c.After)
		case *Count:
			if c.Term != TermCustomerName {
				fail(r, "unknown count term %q (want %s)", c.Term, TermCustomerName)
			}
		case *Metric:
			switch c.Measure {
			case MeasureExclamations, MeasureStacked, MeasureEmoji:
				rs.needMarks = true
			case MeasureCapsWords:
				rs.allow[i] = hashSet(c.Allow)
			case MeasureWords:
			default:
				fail(r, "unknown measure %q (want one of %s)", c.Measure, strings.Join(Measures, ", "))
			}
		default:
			fail(r, "unknown kind")
		}
	}
	return errors.Join(errs...)
}

func hashSet(words []string) map[uint64]bool {
	m := make(map[uint64]bool, len(words))
	for _, w := range words {
		if h := hashWord(w); h != 0 {
			m[h] = true
		}
	}
	return m
}

// run holds the reusable buffers of one Lint call.
type run struct {
	sc       scanner
	active   [][]state // per matcher
	next     [][]state
	hits     []hit
	names    []span // mentions of the customer's name
	caps     []span // words in capitals
	words    int
	firstTop span // the first word of prose
	lastTop  span // the last word of prose
}

// Lint checks one document and returns its findings, sorted by position.
func (rs *RuleSet) Lint(d *Document, ctx Context) []Diagnostic {
	r, _ := rs.pool.Get().(*run)
	if r == nil {
		r = &run{}
	}
	defer rs.pool.Put(r)

	nameHashes := rs.nameHashes(d, &ctx)
	rs.pass(d, r, nameHashes)

	// Group hits by rule, then by position, longest first.
	slices.SortFunc(r.hits, func(a, b hit) int {
		ea, eb := rs.entries[a.entry], rs.entries[b.entry]
		return cmp.Or(cmp.Compare(ea.rule, eb.rule), cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end))
	})
	var out []Diagnostic
	h := r.hits
	for i, rule := range rs.rules {
		j := 0
		for j < len(h) && rs.entries[h[j].entry].rule == int32(i) {
			j++
		}
		ruleHits := h[:j]
		h = h[j:]
		if rule == nil || !rule.When.holds(&ctx) {
			continue
		}
		out = rs.evaluate(d, &ctx, r, i, rule, ruleHits, out)
	}
	SortDiagnostics(out)
	return out
}

// DropEchoes keeps one finding where rules of the same category flag
// overlapping text ("please contact the seller directly" is one deflection,
// not two): the most severe, then the first. ds must be sorted.
func DropEchoes(ds []Diagnostic) []Diagnostic {
	out := ds[:0]
	for _, d := range ds {
		echo := false
		for i := len(out) - 1; i >= 0 && i >= len(out)-8; i-- {
			k := &out[i]
			if k.Category == d.Category && k.End > d.Start && d.End > k.Start && k.End > k.Start && d.End > d.Start {
				if d.Severity > k.Severity {
					*k = d
				}
				echo = true
				break
			}
		}
		if !echo {
			out = append(out, d)
		}
	}
	return out
}

// pass is the one walk over the document's words.
func (rs *RuleSet) pass(d *Document, r *run, nameHashes []uint64) {
	r.sc.reset(d, rs.needMarks)
	r.sc.opts = rs.opts
	for len(r.active) < len(rs.ms) {
		r.active, r.next = append(r.active, nil), append(r.next, nil)
	}
	for k := range rs.ms {
		r.active[k] = r.active[k][:0]
	}
	r.hits, r.names, r.caps = r.hits[:0], r.names[:0], r.caps[:0]
	r.words = 0
	r.firstTop, r.lastTop = span{-1, -1}, span{-1, -1}
	lastName := -1
	for r.sc.next() {
		w := &r.sc.w
		if r.words == 0 {
			r.firstTop = span{w.start, w.end}
		}
		r.lastTop = span{w.start, w.end}
		r.words++
		for k, m := range rs.ms {
			r.next[k], r.hits = m.step(w, r.sc.seg, r.active[k], r.next[k], r.hits)
			r.active[k], r.next[k] = r.next[k], r.active[k]
		}
		if w.caps {
			r.caps = append(r.caps, span{w.start, w.end})
		}
		for _, nh := range nameHashes {
			if w.hash != nh && !rs.inflectedName(d.Src, w, r.sc.offs, nh) {
				continue
			}
			// "Anna Virtanen" is one mention, not two.
			if lastName == r.words-1 && !w.hard && !w.brk && len(r.names) > 0 {
				r.names[len(r.names)-1].end = w.end
			} else {
				r.names = append(r.names, span{w.start, w.end})
			}
			lastName = r.words
			break
		}
	}
}

// evaluate turns one rule's hits into diagnostics.
func (rs *RuleSet) evaluate(d *Document, ctx *Context, r *run, idx int, rule *Rule, hits []hit, out []Diagnostic) []Diagnostic {
	switch c := rule.Check.(type) {
	case *Phrase, *Replace:
		for _, h := range keepMatches(rs.entries, hits) {
			diag := rs.diag(d, rule, h.start, h.end)
			if rp, ok := c.(*Replace); ok {
				pair := rp.Pairs[rs.entries[h.entry].value]
				with := matchCase(d.Src, h.start, pair.With)
				diag.Fixes = []Fix{{Message: fmt.Sprintf("Replace with “%s”", with),
					Edits: []TextEdit{{Start: h.start, End: h.end, NewText: with}}}}
				if diag.Suggestion == "" {
					diag.Suggestion = fmt.Sprintf("Try “%s”.", with)
				}
			}
			out = append(out, diag)
		}
	case *Pattern:
		if cp := rs.patterns[idx]; cp.expanded {
			for _, h := range keepMatches(rs.entries, hits) {
				out = append(out, rs.diag(d, rule, h.start, h.end))
			}
			break
		}
		out = rs.evalPattern(d, rule, rs.patterns[idx], c.Scope, hits, out)
	case *Require:
		out = rs.evalRequire(d, r, rule, c, hits, out)
	case *Count:
		if len(r.names) > c.Max {
			for _, n := range r.names[c.Max:] {
				diag := rs.diag(d, rule, n.start, n.end)
				diag.Message = strings.ReplaceAll(diag.Message, "%d", fmt.Sprint(len(r.names)))
				out = append(out, diag)
			}
		}
	case *Metric:
		out = rs.evalMetric(d, r, idx, rule, c, out)
	}
	return out
}

func (rs *RuleSet) diag(d *Document, rule *Rule, start, end int) Diagnostic {
	return Diagnostic{Start: start, End: end, RuleID: rule.ID, Category: rule.Category, Severity: rule.Severity,
		Message: rule.message(string(d.Src[start:end])), Suggestion: rule.Suggestion}
}

// keepMatches drops matches that an exception overlaps, then keeps the
// leftmost-longest of overlapping matches. hits are sorted by start, longest first.
func keepMatches(entries []entry, hits []hit) []hit {
	var excs []hit
	longest := 0
	for _, h := range hits {
		if entries[h.entry].role == roleException {
			excs = append(excs, h)
			longest = max(longest, h.end-h.start)
		}
	}
	var kept []hit
	lastEnd := -1
	for _, h := range hits {
		if entries[h.entry].role != roleMatch || h.start < lastEnd {
			continue
		}
		if len(excs) > 0 {
			// Exceptions are sorted by start: look only at those that can reach h.
			i, _ := slices.BinarySearchFunc(excs, h.start-longest, func(x hit, start int) int { return cmp.Compare(x.start, start) })
			cancelled := false
			for ; i < len(excs) && excs[i].start < h.end; i++ {
				if h.start < excs[i].end {
					cancelled = true
					break
				}
			}
			if cancelled {
				continue
			}
		}
		kept = append(kept, h)
		lastEnd = h.end
	}
	return kept
}

func (rs *RuleSet) evalPattern(d *Document, rule *Rule, cp *compiledPattern, scope string, hits []hit, out []Diagnostic) []Diagnostic {
	var excs []span
	for _, h := range hits {
		if rs.entries[h.entry].role == roleException {
			excs = append(excs, span{h.start, h.end})
		}
	}
	excepted := func(start, end int) bool {
		for _, x := range excs {
			if x.start < end && start < x.end {
				return true
			}
		}
		return false
	}
	lastEnd := -1
	report := func(base int, text []byte) {
		re := cp.regexp() // compiled on first use
		if re == nil {
			return
		}
		if scope == ScopePlaceholder {
			// A placeholder is reported whole, whatever part of it the pattern matched.
			if re.Match(text) {
				out = append(out, rs.diag(d, rule, base, base+len(text)))
			}
			return
		}
		for _, loc := range re.FindAllIndex(text, -1) {
			start, end := base+loc[0], base+loc[1]
			if start == end || start < lastEnd || !atWordEdges(d.Src, start, end) || excepted(start, end) {
				continue
			}
			out = append(out, rs.diag(d, rule, start, end))
			lastEnd = end
		}
	}
	if scope == ScopePlaceholder {
		for _, g := range d.Segments {
			if g.Kind == Placeholder {
				report(g.Start, d.Src[g.Start:g.End])
			}
		}
		return out
	}
	if len(cp.sets) == 0 {
		for _, g := range d.Segments {
			if g.Kind == Prose {
				report(g.Start, d.Src[g.Start:g.End])
			}
		}
		return out
	}
	// Run the expression on the paragraph around the triggers, merging
	// paragraphs that touch, and only where every trigger set has a word:
	// its cost follows the triggers, not the text.
	full := uint64(1)<<len(cp.sets) - 1
	lo, hi := -1, -1
	var seen uint64
	for _, h := range hits { // sorted by start
		if rs.entries[h.entry].role != roleTrigger {
			continue
		}
		g := d.Segments[h.seg]
		wlo, whi := paragraphAround(d.Src, g.Start, g.End, h.start, h.end)
		if wlo <= hi && lo >= 0 {
			hi = max(hi, whi)
			seen |= 1 << rs.entries[h.entry].value
			continue
		}
		if lo >= 0 && seen == full {
			report(lo, d.Src[lo:hi])
		}
		lo, hi, seen = wlo, whi, 1<<rs.entries[h.entry].value
	}
	if lo >= 0 && seen == full {
		report(lo, d.Src[lo:hi])
	}
	return out
}

// patternReach is how far from its trigger a pattern match may extend.
const patternReach = 1024

// paragraphAround returns the paragraph holding [start, end) inside the
// segment [segStart, segEnd), cut to patternReach bytes on each side.
func paragraphAround(src []byte, segStart, segEnd, start, end int) (int, int) {
	lo := start
	for floor := max(segStart, start-patternReach); lo > floor; lo-- {
		if src[lo-1] == '\n' && blankLineBefore(src, floor, lo-1) {
			break
		}
	}
	hi := end
	for ceil := min(segEnd, end+patternReach); hi < ceil; hi++ {
		if src[hi] == '\n' && blankLineAfter(src, ceil, hi+1) {
			break
		}
	}
	return lo, hi
}

// blankLineBefore reports whether only spaces stand between the newline at
// nl and an earlier newline.
func blankLineBefore(src []byte, floor, nl int) bool {
	for i := nl - 1; i >= floor; i-- {
		switch src[i] {
		case '\n':
			return true
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
	return false
}

func blankLineAfter(src []byte, ceil, from int) bool {
	for i := from; i < ceil; i++ {
		switch src[i] {
		case '\n':
			return true
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
	return false
}

// atWordEdges reports whether [start, end) neither starts nor ends inside a word.
func atWordEdges(src []byte, start, end int) bool {
	if start > 0 {
		before, _ := utf8.DecodeLastRune(src[:start])
		first, _ := utf8.DecodeRune(src[start:])
		if isWordRune(before) && isWordRune(first) && !isSpaceless(first) && !isSpaceless(before) {
			return false
		}
	}
	if end < len(src) {
		last, _ := utf8.DecodeLastRune(src[:end])
		after, _ := utf8.DecodeRune(src[end:])
		if isWordRune(last) && isWordRune(after) && !isSpaceless(last) && !isSpaceless(after) {
			return false
		}
	}
	return true
}

func (rs *RuleSet) evalRequire(d *Document, r *run, rule *Rule, c *Require, hits []hit, out []Diagnostic) []Diagnostic {
	if len(c.After) == 0 {
		for _, h := range hits {
			if rs.entries[h.entry].role == roleRequired {
				return out
			}
		}
		if r.firstTop.start < 0 {
			return out // nothing to check: no prose at all
		}
		at := r.firstTop
		if c.ReportAt == "end" {
			at = r.lastTop
		}
		start, end := lineAround(d.Src, at.start, at.end)
		return append(out, rs.diag(d, rule, start, end))
	}
	// Sentences and paragraphs that hold a required phrase, in ascending order.
	var have []int32
	for _, h := range hits {
		if rs.entries[h.entry].role == roleRequired {
			have = append(have, scopeOf(c, h))
		}
	}
	slices.Sort(have)
	lastEnd := -1
	for _, h := range hits {
		if rs.entries[h.entry].role != roleAfter || h.start < lastEnd {
			continue
		}
		if _, ok := slices.BinarySearch(have, scopeOf(c, h)); !ok {
			out = append(out, rs.diag(d, rule, h.start, h.end))
			lastEnd = h.end
		}
	}
	return out
}

// scopeOf returns the sentence or paragraph a hit belongs to, as the rule's scope asks.
func scopeOf(c *Require, h hit) int32 {
	if c.Scope == "paragraph" {
		return h.paragraph
	}
	return h.sentence
}

// lineAround widens [start, end) to the text of its line, less surrounding white space.
func lineAround(src []byte, start, end int) (int, int) {
	for start > 0 && src[start-1] != '\n' && src[start-1] != '\r' {
		start--
	}
	for start < end && (src[start] == ' ' || src[start] == '\t') {
		start++
	}
	for end < len(src) && src[end] != '\n' && src[end] != '\r' {
		end++
	}
	for end > start && (src[end-1] == ' ' || src[end-1] == '\t') {
		end--
	}
	return start, end
}

func (rs *RuleSet) evalMetric(d *Document, r *run, idx int, rule *Rule, c *Metric, out []Diagnostic) []Diagnostic {
	switch c.Measure {
	case MeasureExclamations:
		n := 0
		for _, m := range r.sc.marks {
			if n += m.bangs; m.bangs > 0 && n > c.Max {
				out = append(out, rs.diag(d, rule, m.start, m.end))
			}
		}
	case MeasureStacked:
		n := 0
		for _, m := range r.sc.marks {
			if m.marks < 2 || m.bangs == 0 {
				continue
			}
			if n++; n > c.Max {
				out = append(out, rs.diag(d, rule, m.start, m.end))
			}
		}
	case MeasureEmoji:
		for i, e := range r.sc.emoji {
			if i >= c.Max {
				out = append(out, rs.diag(d, rule, e.start, e.end))
			}
		}
	case MeasureCapsWords:
		n := 0
		for _, w := range r.caps {
			if rs.allow[idx][hashWord(string(d.Src[w.start:w.end]))] {
				continue
			}
			n++
			if n > c.Max {
				out = append(out, rs.diag(d, rule, w.start, w.end))
			}
		}
	case MeasureWords:
		if r.words > c.Max {
			// Rare: walk the words again to find the one past the limit.
			var sc scanner
			sc.reset(d, false)
			for i := 0; i <= c.Max && sc.next(); i++ {
			}
			diag := rs.diag(d, rule, sc.w.start, sc.w.end)
			diag.Message = strings.ReplaceAll(diag.Message, "%d", fmt.Sprint(r.words))
			out = append(out, diag)
		}
	}
	return out
}

// inflectedName reports whether w is the name nh with one of the language's
// case endings: Annalle, Annan.
func (rs *RuleSet) inflectedName(src []byte, w *word, offs []int, nh uint64) bool {
	if len(rs.endings) == 0 || w.keys == nil {
		return false
	}
	for j, p := range w.stems {
		// w.stems[j] is the prefix of j+2 letters, ending at offs[j+1]; the rest is the ending.
		if j+1 >= len(offs)-1 || w.start+offs[j+1] > w.end {
			break
		}
		if p != nh {
			continue
		}
		if h, _ := hashWordBytes(src[w.start+offs[j+1]:w.end], nil, nil); rs.endings[h] {
			return true
		}
	}
	return false
}

// nameHashes returns the hashes of the words of the customer's name: from the
// context, or from the greeting ("Hi Anna,"), which also fills ctx.CustomerName.
func (rs *RuleSet) nameHashes(d *Document, ctx *Context) []uint64 {
	if ctx.CustomerName == "" {
		ctx.CustomerName = rs.greetingName(d)
	}
	if ctx.CustomerName == "" {
		return nil
	}
	var out []uint64
	for _, f := range strings.Fields(ctx.CustomerName) {
		if h := hashWord(f); h != 0 && !rs.titles[h] {
			out = append(out, h, hashWord(f+"'s")) // Anna, Anna's
		}
	}
	return out
}

// greetingName finds the name in a greeting on the first line of prose:
// "Hi Anna," "Dear Ms. Virtanen," "Hello Anna Maria!" It returns "" when the
// first line is not a greeting or what follows is not a name ("Hi there").
func (rs *RuleSet) greetingName(d *Document) string {
	if len(rs.greetings) == 0 {
		return ""
	}
	var sc scanner
	sc.reset(d, false)
	var ws []word
	for len(ws) < 8 && sc.next() {
		if len(ws) > 0 && sc.w.paragraph != ws[0].paragraph {
			break
		}
		ws = append(ws, sc.w)
	}
	i := -1
	for _, g := range rs.greetings {
		if len(g) < len(ws) && wordsEqual(ws[:len(g)], g) {
			i = len(g)
			break
		}
	}
	if i < 0 {
		return ""
	}
	if i < len(ws) && !sameLine(d.Src, ws[i-1].end, ws[i].start) {
		return "" // "Hello" alone on its line greets nobody by name
	}
	title := i < len(ws) && rs.titles[ws[i].hash]
	if title {
		i++
	}
	start, end := -1, -1
	for ; i < len(ws) && end-start < 80; i++ {
		w := ws[i]
		// The name follows the greeting (or the title's full stop) directly:
		// "Hello {{ name }}. We…" greets nobody we can name.
		if w.brk && !(start < 0 && title) || (start >= 0 && w.hard) {
			break
		}
		first, _ := utf8.DecodeRune(d.Src[w.start:])
		if !unicode.IsUpper(first) && !unicode.Is(unicode.Lo, first) || rs.notNames[w.hash] {
			break
		}
		if start < 0 {
			start = w.start
		}
		end = w.end
		if i+1 < len(ws) && !sameLine(d.Src, w.end, ws[i+1].start) {
			break
		}
	}
	if start < 0 {
		return ""
	}
	return string(d.Src[start:end])
}

func wordsEqual(ws []word, hashes []uint64) bool {
	for i, h := range hashes {
		if ws[i].hash != h || (i > 0 && (ws[i].hard || ws[i].brk)) {
			return false
		}
	}
	return true
}

func sameLine(src []byte, a, b int) bool {
	for _, c := range src[a:b] {
		if c == '\n' || c == '\r' {
			return false
		}
	}
	return true
}

// CustomerName returns the name the draft's greeting addresses, or "".
func (rs *RuleSet) CustomerName(d *Document) string { return rs.greetingName(d) }

// Triggers returns the word sets that make a pattern rule run (a word of
// each set must be in the paragraph), or nil when it runs on every paragraph
// or is not a pattern rule.
func (rs *RuleSet) Triggers(id string) [][]string {
	for i, r := range rs.rules {
		if r != nil && r.ID == id && rs.patterns[i] != nil {
			return rs.patterns[i].sets
		}
	}
	return nil
}
