package lint

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sort"
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
	msRules  []int      // where each matcher's rules start; nil for one matcher holding all
	idle     []bool     // by matcher: no rule of it is in force, so it need not be stepped
	entries  []entry
	patterns []*compiledPattern // by rule index; nil for other kinds
	allow    [][]uint64         // caps-words allow lists as sorted word hashes, by rule index
	// punct, by rule index, lists the punctuation between the words of the
	// rule's phrases (see innerPunct) when some have any: "24/7" matches
	// "24/7", never "24.7". nil for rules whose phrases have none.
	punct [][]string

	greetings [][]uint64 // word hashes of each greeting
	titles    [][]uint64 // word hashes of each title
	notNames  [][]uint64

	needMarks bool       // some metric rule counts exclamation marks or emoji
	needNames bool       // some rule in force counts the uses of the customer's name
	gates     *gateVocab // the words the pass notes for anchored patterns' gates
	// gateCommon, when not nil, is the language's common words, hashed:
	// the set has rules compiled for no language (see Extra), whose
	// gates are cut to the language's (see keptGates) as its vocabulary
	// of gate words is built.
	gateCommon []uint64
	opts       wordOptions

	signalsOnce sync.Once
	signals     *matcher
	signalErr   error

	// Buffers of finished Lint calls, for the next ones. Not a sync.Pool,
	// which a garbage collection empties: large documents would then grow
	// their buffers again and again.
	runs     chan *run
	runsOnce sync.Once
	// always lists, in order, the rules in force that may report without a
	// phrase found (see needsNoHits): a short draft's other rules, most of
	// a large set, have no hits and are not visited.
	always []int32
	// memoBit gives each placeholder rule in force a bit of placeholderMemo,
	// by rule index; -1 for the others and past the 64th.
	memoBit []int8

	// A set loaded from an image decodes its rules' rationales, examples and
	// phrase lists only when something asks for the rules: linting needs none.
	docs     string
	docsFrom *RuleSet // the set this one was made from, which may have docs to load
	docsOnce sync.Once
}

// RulesWithoutDocs is Rules for callers that pick and configure rules and
// never read a rule's rationale, source or examples, nor the phrase lists of
// its check (Phrases, Exceptions, Triggers), which linting reads from the
// matcher: for a stored set those are not decoded yet. A copy of a rule made
// now gets its docs when the set made with Configure is asked for its Rules,
// and a check it shares gets its lists.
func (rs *RuleSet) RulesWithoutDocs() []*Rule {
	out := make([]*Rule, 0, len(rs.rules))
	for _, r := range rs.rules {
		if r != nil {
			out = append(out, r)
		}
	}
	return out
}

// Rules returns the rules in force, in load order.
func (rs *RuleSet) Rules() []*Rule {
	rs.loadDocs()
	return rs.RulesWithoutDocs()
}

// CompileOptions change how rules are compiled, for tests and measurements.
type CompileOptions struct {
	// RegexOnly runs every prose pattern as a regular expression, never as
	// the phrases it expands to.
	RegexOnly bool

	anyLanguage bool // for Extra: gates are cut to a language's later
}

// Compile checks and compiles rules for one language. Every problem found is
// reported, each prefixed with the rule's origin.
func Compile(lang *Language, rules []*Rule) (*RuleSet, error) {
	return CompileWith(lang, rules, CompileOptions{})
}

// Validate reports every problem Compile would report, without building what
// linting needs: for a pack checked when it is loaded, whatever language
// its documents turn out to be in, and compiled again for that language.
func Validate(lang *Language, rules []*Rule) error {
	if lang == nil {
		lang = &Language{}
	}
	m := newMatcher()
	m.checkOnly = true
	rs := &RuleSet{Lang: lang, ms: []*matcher{m}}
	return rs.add(rules, CompileOptions{})
}

// CompileWith is Compile with options.
func CompileWith(lang *Language, rules []*Rule, opts CompileOptions) (*RuleSet, error) {
	if lang == nil {
		lang = &Language{}
	}
	rs := &RuleSet{Lang: lang, ms: []*matcher{newMatcher()}}
	rs.greetings, rs.titles, rs.notNames = phraseSeqs(lang.Greetings), phraseSeqs(lang.Titles), phraseSeqs(lang.NotNames)
	if err := rs.add(rules, opts); err != nil {
		return nil, err
	}
	rs.ms[0].minimize()
	rs.setOptions()
	return rs, nil
}

// setOptions turns on the word variants the language and the phrases need,
// and the search for the customer's name when a rule counts it.
func (rs *RuleSet) setOptions() {
	rs.ms[len(rs.ms)-1].once = presence(rs.entries, rs.rules) // the matcher just built; the others are shared
	rs.opts = wordOptions{hebrew: rs.Lang.Code == "he"}
	rs.gates = buildGateVocab(rs.patterns, rs.gateCommon)
	for _, m := range rs.ms {
		rs.opts.stems = rs.opts.stems || m.stems
	}
	rs.needNames = countsNames(rs.rules)
}

// presence marks, by entry, the phrases of require rules, which their
// rule needs only to know are there: one with after: phrases asks which
// sentences or paragraphs hold one, so a hit a sentence is enough; one
// without asks whether the reply holds one at all. Such phrases (a day,
// a time, "sorry") are most of a text's hits; the pass keeps only those.
// It returns nil when no rule has such phrases.
func presence(entries []entry, rules []*Rule) []int32 {
	var once []int32
	for i, e := range entries {
		if e.role != roleRequired {
			continue
		}
		r := rules[e.rule]
		if r == nil {
			continue // switched off: its hits are never read
		}
		c, ok := r.Check.(*Require)
		if !ok {
			continue
		}
		if once == nil {
			once = make([]int32, len(entries))
		}
		once[i] = e.rule + 1
		if len(c.After) == 0 {
			once[i] = -once[i]
		}
	}
	return once
}

// Extra is rules compiled on their own, for no language: a Vale style or
// a team's pack that applies to drafts in any language. Compiled once, it
// is added to the set of each language a library's drafts are in without
// compiling its rules again (see WithExtra). It is not changed after, and
// may be added to any number of sets at once.
type Extra struct {
	rs *RuleSet
}

// CompileExtra compiles rules to be added to sets of any language. Every
// problem found is reported, each prefixed with the rule's origin.
func CompileExtra(rules []*Rule) (*Extra, error) {
	rs := &RuleSet{Lang: &Language{}, ms: []*matcher{newMatcher()}}
	if err := rs.add(rules, CompileOptions{anyLanguage: true}); err != nil {
		return nil, err
	}
	rs.ms[0].minimize()
	return &Extra{rs}, nil
}

// WithExtra returns a set that has rs's rules and x's after them. x's
// phrases keep a matcher of their own, stepped in the same single pass over
// each document, and its patterns' gates are cut to rs's language; neither
// rs nor x is changed.
func (rs *RuleSet) WithExtra(x *Extra) *RuleSet {
	from := rs.msRules
	if from == nil {
		from = []int{0}
	}
	m := *x.rs.ms[0] // shared tables; the entries numbered after rs's, and marks of its own (see setOptions)
	m.base = int32(len(rs.entries))
	entries := append(slices.Clip(rs.entries), x.rs.entries...)
	for i := len(rs.entries); i < len(entries); i++ {
		entries[i].rule += int32(len(rs.rules))
	}
	common := rs.gateCommon
	if common == nil {
		if common = hashSet(rs.Lang.CommonWords); common == nil {
			common = []uint64{} // not nil: x's gates are yet to be cut
		}
	}
	c := &RuleSet{docsFrom: rs, Lang: rs.Lang, rules: append(slices.Clip(rs.rules), x.rs.rules...),
		ms: append(slices.Clip(rs.ms), &m), msRules: append(slices.Clip(from), len(rs.rules)), entries: entries,
		patterns: append(slices.Clip(rs.patterns), x.rs.patterns...), allow: append(slices.Clip(rs.allow), x.rs.allow...), punct: append(slices.Clip(rs.punct), x.rs.punct...),
		greetings: rs.greetings, titles: rs.titles, notNames: rs.notNames,
		needMarks: rs.needMarks || x.rs.needMarks, gateCommon: common}
	c.setOptions()
	return c
}

// Configure returns a set sharing rs's compiled matcher in which each rule is
// replaced by what pick returns: the rule itself, a changed copy (another
// severity or limit), or nil to switch it off. Nothing is compiled again.
func (rs *RuleSet) Configure(pick func(*Rule) *Rule) *RuleSet {
	c := &RuleSet{docsFrom: rs, Lang: rs.Lang, rules: make([]*Rule, len(rs.rules)), ms: rs.ms, msRules: rs.msRules, entries: rs.entries,
		patterns: rs.patterns, allow: rs.allow, punct: rs.punct, greetings: rs.greetings, titles: rs.titles, notNames: rs.notNames,
		needMarks: rs.needMarks, opts: rs.opts, gateCommon: rs.gateCommon}
	for i, r := range rs.rules {
		if r != nil {
			c.rules[i] = pick(r)
		}
	}
	// The pass skips a matcher whose rules are all off, and notes only the
	// gate words of patterns that are on.
	on := make([]*compiledPattern, len(c.patterns))
	for i, cp := range c.patterns {
		if c.rules[i] != nil {
			on[i] = cp
		}
	}
	c.gates = buildGateVocab(on, c.gateCommon)
	c.needNames = countsNames(c.rules)
	c.idle = make([]bool, len(c.ms))
	for k := range c.ms {
		lo, hi := 0, len(c.rules)
		if c.msRules != nil {
			lo = c.msRules[k]
			if k+1 < len(c.msRules) {
				hi = c.msRules[k+1]
			}
		}
		c.idle[k] = !slices.ContainsFunc(c.rules[lo:hi], func(r *Rule) bool { return r != nil })
	}
	// Word variants only for what reads them: a Finnish draft checked by a
	// Vale style alone need not hash every prefix of every word.
	busy, stems := c.gates != nil || c.needNames, false
	for k, m := range c.ms {
		if !c.idle[k] {
			busy, stems = true, stems || m.stems
		}
	}
	c.opts.stems = rs.opts.stems && (stems || c.needNames)
	c.opts.hebrew = rs.opts.hebrew && busy
	return c
}

// countsNames reports whether one of rules counts the uses of the
// customer's name: only then need a document's name be looked for.
func countsNames(rules []*Rule) bool {
	return slices.ContainsFunc(rules, func(r *Rule) bool {
		if r == nil {
			return false
		}
		_, ok := r.Check.(*Count)
		return ok
	})
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
	addAll := func(r *Rule, idx int, role entryRole, phrases []string) int32 {
		if len(phrases) == 0 {
			return -1
		}
		e := int32(len(rs.entries))
		rs.entries = append(rs.entries, entry{rule: int32(idx), role: role})
		for _, p := range phrases {
			if err := m.add(p, e); err != nil {
				fail(r, "%v", err)
			}
		}
		return e
	}
	// addJoined adds a phrase that may also end at a contraction's
	// apostrophe (see Phrase.SplitContractions).
	addJoined := func(r *Rule, p string, e int32) {
		if endsInLetter(p) {
			if err := m.addJoined(p, e); err != nil {
				fail(r, "%v", err)
			}
		}
	}
	// addEach gives each phrase a match entry of its own, whose value is
	// its index: a replace rule's pairs, a phrase rule's phrases with
	// HyphensAsWritten.
	addEach := func(r *Rule, idx int, phrases []string, joined bool) {
		for j, p := range phrases {
			e := int32(len(rs.entries))
			rs.entries = append(rs.entries, entry{rule: int32(idx), role: roleMatch, value: int32(j)})
			if err := m.add(p, e); err != nil {
				fail(r, "%v", err)
			}
			if joined {
				addJoined(r, p, e)
			}
		}
	}
	// addShared adds phrases under one entry, as addAll; split, each also
	// ends at a contraction's apostrophe (a rule's matches, its exceptions).
	addShared := func(r *Rule, idx int, role entryRole, phrases []string, split bool) {
		if e := addAll(r, idx, role, phrases); e >= 0 && split {
			for _, p := range phrases {
				addJoined(r, p, e)
			}
		}
	}
	common := hashSet(rs.Lang.CommonWords)
	base := len(rs.rules)
	rs.rules = append(rs.rules, rules...)
	rs.patterns = append(rs.patterns, make([]*compiledPattern, len(rules))...)
	rs.allow = append(rs.allow, make([][]uint64, len(rules))...)
	rs.punct = append(rs.punct, make([][]string, len(rules))...)
	for k, r := range rules {
		i := base + k
		if x := exceptionPattern(r.Check); x != "" {
			if re, err := compileException(x); err != nil {
				fail(r, "exception-pattern %q does not parse: %v", x, unwrapSyntax(err))
			} else {
				exceptionRes.Store(x, re)
			}
		}
		switch c := r.Check.(type) {
		case *Phrase:
			if c.HyphensAsWritten || c.ApostrophesAsWritten {
				// An entry for each phrase, so that a hit's punctuation is
				// held to its own phrase's.
				addEach(r, i, c.Phrases, c.SplitContractions)
			} else {
				addShared(r, i, roleMatch, c.Phrases, c.SplitContractions)
			}
			addShared(r, i, roleException, c.Exceptions, c.SplitContractions)
			rs.punct[i] = punctOf(c.Phrases, c.HyphensAsWritten)
		case *Replace:
			phrases := make([]string, len(c.Pairs))
			for j, p := range c.Pairs {
				phrases[j] = p.Phrase
			}
			rs.punct[i] = punctOf(phrases, c.HyphensAsWritten) // by pair: a hit's entry value is its pair
			addEach(r, i, phrases, c.SplitContractions)
			addShared(r, i, roleException, c.Exceptions, c.SplitContractions)
		case *Pattern:
			cp, err := compilePattern(c, !opts.RegexOnly)
			if err != nil {
				fail(r, "%v", err)
				continue
			}
			rs.patterns[i] = cp
			if c.Scope == ScopeRaw {
				continue // nothing in the pass: it reads prose, the rule the raw text
			}
			addAll(r, i, roleMatch, cp.phrases)
			cp.exact = hasPunct(cp.phrases) || cp.aposAsWritten && hasApostrophe(cp.phrases)
			cp.expanded = cp.phrases != nil
			cp.phrases = nil // in the trie now
			if !cp.expanded && cp.leads != nil {
				for b, br := range cp.branches {
					if !opts.anyLanguage {
						cp.branches[b].gate = keptGates(br.gate, common)
					}
					e := int32(len(rs.entries))
					rs.entries = append(rs.entries, entry{rule: int32(i), role: roleLead, value: int32(b)})
					for _, l := range br.leads {
						p, joins := splitLead(l)
						err := m.add(p, e)
						if err == nil && joins {
							err = m.addJoined(p, e)
						}
						if err != nil {
							fail(r, "%v", err)
						}
					}
					cp.branches[b].leads = nil // in the trie now
				}
				cp.anchored = true
			}
			cp.leads = nil
			// An expression's \b sees "GitHub's" as "GitHub" and "s": so
			// do its exceptions.
			addShared(r, i, roleException, c.Exceptions, true)
			for set, words := range cp.sets {
				e := int32(len(rs.entries))
				rs.entries = append(rs.entries, entry{rule: int32(i), role: roleTrigger, value: int32(set)})
				for _, w := range words {
					err := m.add(w, e)
					if err == nil && cp.inWords {
						// A match may end at an apostrophe inside a word, as
						// RE2's \b lets it ("we" of "we'll"): the word waited
						// for stands there too.
						err = m.addJoined(w, e)
					}
					if err != nil {
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

// phraseSeqs returns the word hashes of each phrase.
func phraseSeqs(phrases []string) [][]uint64 {
	var out [][]uint64
	var sp splitter
	for _, p := range phrases {
		if h, _ := sp.split(p); len(h) > 0 {
			out = append(out, slices.Clone(h))
		}
	}
	return out
}

// hashSet returns the words' hashes, sorted, each once.
func hashSet(words []string) []uint64 {
	var hashes []uint64
	var sp splitter
	for _, w := range words {
		if h := sp.hashWord(w); h != 0 {
			hashes = append(hashes, h)
		}
	}
	slices.Sort(hashes)
	return slices.Compact(hashes)
}

// run holds the reusable buffers of one Lint call.
type run struct {
	sc         scanner
	nameWalker walker
	nameHits   []hit
	counts     []int // per rule: where its hits start in sorted
	fill       []int
	sorted     []hit
	diags      []Diagnostic // the findings while they are made: Lint returns a sorted copy
	walkers    []walker     // per matcher
	hits       []hit
	names      []span     // mentions of the customer's name
	caps       []capsWord // words in capitals
	words      int
	firstTop   span // the first word of prose
	lastTop    span // the last word of prose
	prose      proseIndex
	emphasis   int8   // whether the prose has emphasis marks: 0 not known yet, 1 none, 2 some (see hasEmphasis)
	emphMarks  []span // the prose's emphasis marks, in order, once emphasis is 2
	emphViews  map[span]emphView
	lf         lfView    // the document with its CR LF as LF, for scope raw (built is false until asked for)
	gateHits   []gateHit // words of the anchored patterns' gates, in text order
	gateMemo   gateMemo  // see noteGateWords
	seen       []int32   // by rule: see matcher.ended
	// placeholders remembers, by placeholder text, which placeholder
	// rules' expressions match it (see placeholderMatch).
	placeholders map[string]*placeholderMemo
	nameForms    map[string]nameForms // by customer name, for nameMatcher
}

// capsWord is a word in capitals, with its hash as the allow lists hold it.
type capsWord struct {
	start, end int
	hash       uint64
}

// proseIndex holds where the paragraphs of a document's prose are and where
// its sentences may end, found in one pass when a pattern first needs the
// paragraph or sentence around a word.
type proseIndex struct {
	built bool
	paras []span // in order: blank lines and segment ends bound them
	stops []int  // every . ! ? in prose, in order
	// Where the last look-ups ended: a rule asks in text order, so the next
	// answer is usually here or just after.
	lastPara, lastStop int
}

func (r *run) proseIndex(d *Document) *proseIndex {
	x := &r.prose
	if x.built {
		return x
	}
	x.built = true
	x.paras = x.paras[:0]
	x.stops = r.sc.stops // the pass noted them
	src := d.Src
	for _, g := range d.Segments {
		if g.Kind != Prose {
			continue
		}
		// A paragraph ends at a line break that a blank line follows, and the
		// next one starts after the last of those blank lines.
		a := g.Start
		for p := g.Start; p < g.End; {
			j := bytes.IndexByte(src[p:g.End], '\n')
			if j < 0 {
				break
			}
			q := p + j
			if !blankLine(src, q+1, g.End, +1) {
				p = q + 1
				continue
			}
			x.paras = append(x.paras, span{a, q})
			k := q + 1
			for k < g.End {
				e := bytes.IndexByte(src[k:g.End], '\n')
				if e < 0 || !blankLine(src, k, k+e+1, +1) {
					break
				}
				k += e + 1 // past one more blank line
			}
			a, p = k, k
		}
		if a < g.End {
			x.paras = append(x.paras, span{a, g.End})
		}
	}
	if len(d.blocks) > 0 {
		x.paras = splitAtBlocks(src, x.paras, d.blocks)
	}
	return x
}

// splitAtBlocks splits the paragraphs paras (in order) where a block starts
// inside one (a heading's next line): the part before ends at the line
// break before the block, as a paragraph ends at its last line's.
func splitAtBlocks(src []byte, paras []span, blocks []int) []span {
	var out []span
	k := 0
	for i, p := range paras {
		for k < len(blocks) && blocks[k] <= p.start {
			k++
		}
		if k == len(blocks) || blocks[k] >= p.end {
			if out != nil {
				out = append(out, p)
			}
			continue
		}
		if out == nil {
			out = append(make([]span, 0, len(paras)+len(blocks)), paras[:i]...)
		}
		for ; k < len(blocks) && blocks[k] < p.end; k++ {
			if b := blocks[k]; b > p.start && src[b-1] == '\n' {
				out = append(out, span{p.start, b - 1})
				p.start = b
			}
		}
		out = append(out, p)
	}
	if out == nil {
		return paras
	}
	return out
}

// firstStop returns the index of the first stop at or after off, looking
// on from *hint (and leaving it there) when that is close.
func (x *proseIndex) firstStop(off int, hint *int) int {
	i := *hint
	if i > len(x.stops) || i > 0 && x.stops[i-1] >= off {
		i = sort.SearchInts(x.stops, off)
	} else {
		for n := 0; i < len(x.stops) && x.stops[i] < off; n++ {
			if n == 8 {
				i = sort.SearchInts(x.stops, off)
				break
			}
			i++
		}
	}
	*hint = i
	return i
}

// paragraph returns the paragraph that holds byte off of prose.
func (x *proseIndex) paragraph(off int) span {
	if i := x.lastPara; i < len(x.paras) && x.paras[i].start <= off {
		for i+1 < len(x.paras) && x.paras[i+1].start <= off && i < x.lastPara+4 {
			i++
		}
		if i+1 == len(x.paras) || x.paras[i+1].start > off {
			x.lastPara = i
			return x.paras[i]
		}
	}
	i := sort.Search(len(x.paras), func(i int) bool { return x.paras[i].start > off }) - 1
	x.lastPara = max(i, 0)
	if i < 0 {
		return span{off, off}
	}
	return x.paras[i]
}

// eachParagraph calls fn with each part of [lo, hi) that lies in one
// paragraph, in order; the blank lines between them are in none, nor the
// CR of a paragraph's last CR LF, so that $ ends it as it ends one of LF.
func (x *proseIndex) eachParagraph(src []byte, lo, hi int, fn func(lo, hi int)) {
	// The first paragraph that ends past lo: the paragraphs before the
	// last one looked up end before it starts, so when that is not past
	// lo, it is here or a few after.
	i := x.lastPara
	if i >= len(x.paras) || x.paras[i].start > lo {
		i = sort.Search(len(x.paras), func(k int) bool { return x.paras[k].end > lo })
	} else {
		for n := 0; i < len(x.paras) && x.paras[i].end <= lo; n++ {
			if n == 8 {
				i += sort.Search(len(x.paras)-i, func(k int) bool { return x.paras[i+k].end > lo })
				break
			}
			i++
		}
	}
	for ; i < len(x.paras) && x.paras[i].start < hi; i++ {
		x.lastPara = i
		if a, b := max(lo, x.paras[i].start), min(hi, paraEnd(src, x.paras[i])); a < b {
			fn(a, b)
		}
	}
}

// paraEnd is where paragraph p ends, before the CR of a CR LF.
func paraEnd(src []byte, p span) int {
	if p.end > p.start && p.end < len(src) && src[p.end] == '\n' && src[p.end-1] == '\r' {
		return p.end - 1
	}
	return p.end
}

// crossesSentence reports whether a sentence ends inside [start, end): at
// a stop before the match's last byte that ends one, as the scanner tells
// ("v1.2" and "e.g." go on).
func (x *proseIndex) crossesSentence(src []byte, start, end int) bool {
	for i := x.firstStop(start, &x.lastStop); i < len(x.stops) && x.stops[i] < end-1; i++ {
		if stopEnds(src, x.stops[i], end) {
			return true
		}
	}
	return false
}

// stopEnds reports whether the stop at src[k] (a . ! or ?, before hi) ends
// a sentence: the last of a run of marks ("...", "?!"), and not a full stop
// a word goes on from ("v1.2", "e.g.").
func stopEnds(src []byte, k, hi int) bool {
	if k+1 < hi && (sentenceStop(src[k+1]) || k+3 < hi && wideStopAt(src, k+3)) {
		return false
	}
	return endsSentence(src, k)
}

// eachSentence calls fn with each sentence of the paragraph [lo, hi): from
// its first character past white space to its . ! ? (the last of a run of
// them), as stopEnds tells them; the last one to hi.
func (x *proseIndex) eachSentence(src []byte, lo, hi int, fn func(lo, hi int)) {
	emit := func(a, b int) {
		for a < b && (src[a] == ' ' || src[a] == '\t' || src[a] == '\n' || src[a] == '\r') {
			a++
		}
		if a < b {
			fn(a, b)
		}
	}
	a := lo
	for i := x.firstStop(lo, &x.lastStop); i < len(x.stops) && x.stops[i] < hi; i++ {
		if k := x.stops[i]; stopEnds(src, k, hi) {
			emit(a, k+1)
			a = k + 1
		}
	}
	emit(a, hi)
}

// sentence narrows [lo, hi) to the sentence holding [start, end): from after
// the last . ! ? before it to the next one after it.
func (x *proseIndex) sentence(src []byte, lo, hi, start, end int) (int, int) {
	i := x.firstStop(start, &x.lastStop) // the first stop at or after start
	a, b := lo, hi
	if i > 0 && x.stops[i-1] >= lo {
		a = x.stops[i-1] + 1
	}
	k := i
	for k < len(x.stops) && x.stops[k] < end {
		k++
	}
	if k < len(x.stops) && x.stops[k] < hi {
		b = stopStart(src, x.stops[k])
	}
	return a, b
}

// Lint checks one document and returns its findings, sorted by position.
func (rs *RuleSet) Lint(d *Document, ctx Context) []Diagnostic {
	rs.runsOnce.Do(func() {
		rs.runs = make(chan *run, runtime.GOMAXPROCS(0))
		rs.memoBit = make([]int8, len(rs.rules))
		bits := 0
		for i, rule := range rs.rules {
			rs.memoBit[i] = -1
			if rule == nil {
				continue
			}
			if needsNoHits(rule) {
				rs.always = append(rs.always, int32(i))
			}
			if p, ok := rule.Check.(*Pattern); ok && p.Scope == ScopePlaceholder && bits < 64 {
				rs.memoBit[i] = int8(bits)
				bits++
			}
		}
	})
	var r *run
	select {
	case r = <-rs.runs:
	default:
		r = &run{}
	}
	defer func() {
		select {
		case rs.runs <- r:
		default:
		}
	}()

	var nameWords []uint64
	var names *matcher
	if rs.needNames {
		nameWords, names = rs.nameMatcher(d, &ctx, r)
	}
	rs.pass(d, r, nameWords, names)
	if frontEndOnly {
		return nil
	}

	// The findings grow in the run's buffer, used again by each document,
	// and leave in a slice of their size: a large file's thousands of
	// findings are not copied at each doubling of a slice of their own.
	out := r.diags[:0]
	defer func() {
		clear(out) // what they point to is the caller's now
		r.diags = out[:0]
	}()
	eval := func(i int, ruleHits []hit) {
		rule := rs.rules[i]
		if rule == nil || !rule.When.holds(&ctx) || (len(ruleHits) == 0 && !needsNoHits(rule)) {
			return
		}
		sortHits(ruleHits)
		out = rs.evaluate(d, &ctx, r, i, rule, ruleHits, out)
	}
	if len(r.hits)*fewHits < len(rs.rules) {
		// Few hits for the rules there are, as in most drafts: group them by
		// rule with a stable sort, and visit the rules that have some and
		// those that report without, in rule order.
		r.sorted = append(r.sorted[:0], r.hits...)
		slices.SortStableFunc(r.sorted, func(a, b hit) int {
			return cmp.Compare(rs.entries[a.entry].rule, rs.entries[b.entry].rule)
		})
		always := rs.always
		for h := 0; h < len(r.sorted) || len(always) > 0; {
			k := int32(len(rs.rules))
			if h < len(r.sorted) {
				k = rs.entries[r.sorted[h].entry].rule
			}
			if len(always) > 0 && always[0] <= k {
				k, always = always[0], always[1:]
			}
			end := h
			for end < len(r.sorted) && rs.entries[r.sorted[end].entry].rule == k {
				end++
			}
			eval(int(k), r.sorted[h:end])
			h = end
		}
		return sortedDiagnostics(out)
	}
	// Group hits by rule (a counting sort: linear, and stable, so each
	// rule's hits stay in text order), then order each rule's by position,
	// longest first; they are nearly sorted already.
	r.counts = append(r.counts[:0], make([]int, len(rs.rules)+1)...)
	for _, h := range r.hits {
		r.counts[rs.entries[h.entry].rule+1]++
	}
	for i := 1; i < len(r.counts); i++ {
		r.counts[i] += r.counts[i-1]
	}
	r.sorted = slices.Grow(r.sorted[:0], len(r.hits))[:len(r.hits)]
	fill := append(r.fill[:0], r.counts[:len(rs.rules)]...)
	for _, h := range r.hits {
		k := rs.entries[h.entry].rule
		r.sorted[fill[k]] = h
		fill[k]++
	}
	r.fill = fill
	for i := range rs.rules {
		eval(i, r.sorted[r.counts[i]:r.counts[i+1]])
	}
	return sortedDiagnostics(out)
}

// placeholderMemo is what a run knows of one placeholder text: of the
// rules whose bits are in known, those in match match it.
type placeholderMemo struct{ known, match uint64 }

// Placeholders are remembered up to these bounds: a text longer than
// maxMemoText, or past maxMemoTexts texts, is matched each time.
const (
	maxMemoText  = 128
	maxMemoTexts = 4096
)

// memoPlaceholders is false in tests that match every placeholder afresh.
var memoPlaceholders = true

// placeholderMatch reports whether a placeholder rule's expression
// matches the placeholder text (after the cheap checks of what every match
// holds), remembering the answer under the rule's bit (-1: not
// remembered). A library's drafts hold the same few placeholders
// ({customer_name}, %{ticket.number}) thousands of times, and a
// placeholder rule's expression is often too large for the regexp
// engine's fast paths: a match costs about a microsecond. The expression
// is compiled only once a text passes those checks: a start that lints one
// draft with "{customer_name}" in it no longer compiles the expressions of
// "[Customer Name]", "<name>", "XXXX", "%first_name%" and the rest (seven
// of the English pack's eleven, one of 260 bytes) to learn that they do not
// match.
func (r *run) placeholderMatch(cp *compiledPattern, bit int8, text []byte) bool {
	match := func() bool {
		sh := cp.shape()
		if !cp.mayMatch(text) || !sh.holds(text) || !sh.mayOpen(text) || !sh.fits(text) || !sh.holdsAll(text) {
			return false
		}
		if sh.tried != nil && sh.tried.text != nil {
			return sh.tried.text.matches(text) // decided with no expression compiled
		}
		re := cp.regexp()
		return re != nil && re.Match(text)
	}
	if bit < 0 || len(text) > maxMemoText || !memoPlaceholders {
		return match()
	}
	b := uint64(1) << bit
	m := r.placeholders[string(text)]
	if m != nil && m.known&b != 0 {
		return m.match&b != 0
	}
	ok := match()
	if m == nil {
		if len(r.placeholders) >= maxMemoTexts {
			return ok
		}
		if r.placeholders == nil {
			r.placeholders = make(map[string]*placeholderMemo)
		}
		m = new(placeholderMemo)
		r.placeholders[string(text)] = m
	}
	m.known |= b
	if ok {
		m.match |= b
	}
	return ok
}

// fewHits is how many times more rules than hits make a document's hits
// few: they are then grouped by a sort, not by a count over every rule.
var fewHits = 8

// needsNoHits reports whether a rule can report without any phrase found:
// a missing phrase, a count, a measure, a pattern that runs everywhere.
func needsNoHits(r *Rule) bool {
	switch c := r.Check.(type) {
	case *Phrase, *Replace:
		return false
	case *Require:
		return len(c.After) == 0
	}
	return true
}

// DropEchoes keeps one finding where rules of the same category flag
// overlapping text ("please contact the seller directly" is one deflection,
// not two): the most severe, then the narrowest, then the first. Rules
// with different Echoes never echo each other. A rule imported from Vale
// and the rules split from it (Echoes set) are one expression to Vale,
// whose leftmost match stands: of theirs, the one that starts first is
// kept. ds must be sorted.
func DropEchoes(ds []Diagnostic) []Diagnostic {
	out := ds[:0]
	for _, d := range ds {
		echo := false
		for i := len(out) - 1; i >= 0 && i >= len(out)-8; i-- {
			k := &out[i]
			if k.Category == d.Category && k.echoes == d.echoes && k.End > d.Start && d.End > k.Start && k.End > k.Start && d.End > d.Start {
				switch {
				case d.echoes != "" && d.Start != k.Start:
					if d.Start < k.Start {
						*k = d // Vale's leftmost match
					}
				// Keep the more severe; at equal severity, the narrower: it says more precisely what is wrong.
				case d.Severity > k.Severity || d.Severity == k.Severity && d.End-d.Start < k.End-k.Start:
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

// ApplyLimits keeps the first Limit findings of each rule that has one (of
// each group of rules with the same Echoes) and drops the rest. ds must be
// sorted. It returns ds itself, with the findings kept moved to its front.
func ApplyLimits(ds []Diagnostic) []Diagnostic {
	var seen map[string]int
	kept := -1 // once a finding is dropped, ds[:kept] holds those kept
	for i := range ds {
		if d := &ds[i]; d.limit > 0 {
			key := d.echoes
			if key == "" {
				key = d.RuleID
			}
			if seen == nil {
				seen = map[string]int{}
			}
			if seen[key] >= d.limit {
				if kept < 0 {
					kept = i
				}
				continue
			}
			seen[key]++
		}
		if kept >= 0 {
			ds[kept] = ds[i]
			kept++
		}
	}
	if kept < 0 {
		return ds
	}
	clear(ds[kept:])
	return ds[:kept]
}

// pass is the one walk over the document's words.
func (rs *RuleSet) pass(d *Document, r *run, nameWords []uint64, names *matcher) {
	r.sc.reset(d, rs.needMarks)
	r.sc.opts = rs.opts
	for len(r.walkers) < len(rs.ms) {
		r.walkers = append(r.walkers, walker{})
	}
	for k := range rs.ms {
		r.walkers[k].reset()
	}
	r.hits, r.names, r.caps, r.gateHits = r.hits[:0], r.names[:0], r.caps[:0], r.gateHits[:0]
	r.seen = append(r.seen[:0], make([]int32, len(rs.rules))...)
	seen := r.seen
	r.nameWalker.reset()
	r.nameHits = r.nameHits[:0]
	r.prose.built = false
	r.emphasis = 0
	r.emphMarks = r.emphMarks[:0]
	clear(r.emphViews)
	r.lf.built = false
	hits := r.hits // kept here while the words are walked: a store to r would cost a write barrier while the GC marks
	// The matchers to step: those with a rule in force. Most often there
	// is one, stepped without a loop.
	var busyArr [4]int
	busy := busyArr[:0]
	for k := range rs.ms {
		if rs.idle == nil || !rs.idle[k] {
			busy = append(busy, k)
		}
	}
	var one *matcher
	var oneActive, oneSpare []state
	if len(busy) == 1 {
		one = rs.ms[busy[0]]
		oneActive, oneSpare = r.walkers[busy[0]].active, r.walkers[busy[0]].spare
	}
	// A bit for each of the name's forms, as followBit gives them: most
	// words are turned away by it before they are looked for in nameWords.
	var nameBits uint64
	for _, k := range nameWords {
		nameBits |= followBit(k)
	}
	// The first and last words, and the count, are kept in locals while
	// the words are walked, and stored once after.
	words, first, last := 0, span{-1, -1}, span{-1, -1}
	tape, k := d.takeTape(), 0
	for {
		if tape != nil {
			// Identify's words first, then on from where it stopped.
			if k < len(tape.words) {
				r.sc.replay(tape, k)
				k++
			} else {
				r.sc.resume(tape)
				done := tape.done
				tape.release()
				tape = nil
				if done || !r.sc.next() {
					break
				}
			}
		} else if !r.sc.next() {
			break
		}
		w := &r.sc.w
		if words == 0 {
			first = span{w.start, w.end}
		}
		last = span{w.start, w.end}
		words++
		if frontEndOnly {
			continue
		}
		if one != nil {
			oneActive, oneSpare, hits = one.advance(w, r.sc.seg, oneActive, oneSpare, hits, seen)
		} else {
			for _, k := range busy {
				hits = rs.ms[k].step(w, r.sc.seg, &r.walkers[k], hits, seen)
			}
		}
		if w.caps {
			r.caps = append(r.caps, capsWord{w.start, w.end, w.hash})
		}
		if rs.gates != nil {
			r.noteGateWords(rs.gates, d.Src, w)
		}
		switch {
		case nameWords != nil:
			if (w.keys != nil || nameBits&followBit(w.hash) != 0) && w.is(nameWords) {
				r.nameHits = append(r.nameHits, hit{start: w.start, end: w.end,
					sentence: int32(w.sentence), paragraph: int32(w.paragraph), seg: int32(r.sc.seg)})
			}
		case names != nil:
			r.nameHits = names.step(w, r.sc.seg, &r.nameWalker, r.nameHits, nil)
		}
	}
	r.hits, r.words, r.firstTop, r.lastTop = hits, words, first, last
	if one != nil {
		r.walkers[busy[0]] = walker{oneActive, oneSpare} // their arrays, grown, serve the next document
	}
	r.names = mentions(d.Src, r.nameHits, r.names)
}

// evaluate turns one rule's hits into diagnostics.
func (rs *RuleSet) evaluate(d *Document, ctx *Context, r *run, idx int, rule *Rule, hits []hit, out []Diagnostic) []Diagnostic {
	switch c := rule.Check.(type) {
	case *Phrase, *Replace:
		hits = dropLoosePunct(rs.entries, d.Src, c, rs.punct[idx], hits)
		hits = dropOtherApostrophes(rs.entries, d.Src, c, hits)
		hits = dropUnderscored(rs.entries, d.Src, hits)
		hits = dropOtherCaseExceptions(rs.entries, d.Src, caseExceptions(c), hits)
		except := exceptionRegexp(c)
		for _, h := range keepMatches(rs.entries, dropOtherCase(rs.entries, d.Src, c, hits), exceptionsWithin(c)) {
			if except != nil && except.excuses(d.Src, h.start, h.end, false) {
				continue
			}
			diag := rs.diag(d, rule, h.start, h.end)
			if rp, ok := c.(*Replace); ok && !replaced(d.Src, &diag, rp.Pairs[rs.entries[h.entry].value].With) {
				continue // it already reads as the replacement
			}
			out = append(out, diag)
		}
	case *Pattern:
		if cp := rs.patterns[idx]; cp.expanded {
			if cp.exact {
				hits = slices.DeleteFunc(hits, func(h hit) bool {
					return rs.entries[h.entry].role == roleMatch && !cp.exactRegexp().Match(d.Src[h.start:h.end])
				})
			}
			hits = dropOtherCaseExceptions(rs.entries, d.Src, caseExceptions(c), hits)
			hits = dropUnderscored(rs.entries, d.Src, hits)
			kept := keepMatches(rs.entries, hits, c.ExceptionsWithin)
			if c.Scope == ScopeParagraph {
				kept = slices.DeleteFunc(kept, func(h hit) bool { return inSpans(d.notParas, h.start) })
			}
			if except := exceptionRegexp(c); except != nil {
				kept = slices.DeleteFunc(kept, func(h hit) bool { return except.excuses(d.Src, h.start, h.end, false) })
			}
			if c.Max > 0 {
				spans := make([]span, len(kept))
				for i, h := range kept {
					spans[i] = span{h.start, h.end}
				}
				out = overLimit(d.Src, d.blocks, c, spans, out, func(start, end int) Diagnostic { return rs.diag(d, rule, start, end) })
				break
			}
			for _, h := range kept {
				diag := rs.diag(d, rule, h.start, h.end)
				if c.Replacement != nil && !replaced(d.Src, &diag, *c.Replacement) {
					continue // it already reads as the replacement
				}
				out = append(out, diag)
			}
		} else {
			out = rs.evalPattern(d, r, idx, rule, rs.patterns[idx], c.Scope, hits, out)
		}
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

// replaced gives diag the fix that puts with in place of its text, and
// with in its message for %[2]s, or reports false when the text already
// reads as with (as written, or with the case the match gives it).
func replaced(src []byte, diag *Diagnostic, with string) bool {
	start, end := diag.Start, diag.End
	cased := matchCase(src, start, with)
	if text := string(src[start:end]); text == with || text == cased {
		return false
	}
	with = cased
	if strings.Contains(diag.Message, "%[2]s") {
		diag.Message = strings.ReplaceAll(diag.Message, "%[2]s", with)
	}
	// The fix and its edit in one allocation: a rule like "issue →
	// problem" can report thousands of times in a large file.
	fe := &struct {
		fix  [1]Fix
		edit [1]TextEdit
	}{edit: [1]TextEdit{{Start: start, End: end, NewText: with}}}
	fe.fix[0] = Fix{Message: "Replace with “" + with + "”", Edits: fe.edit[:]}
	if with == "" { // nothing in its place: the words go
		fe.edit[0] = removal(src, start, end)
		fe.fix[0].Message = "Remove “" + string(src[start:end]) + "”"
	}
	diag.Fixes = fe.fix[:]
	switch {
	case diag.Suggestion != "":
	case with == "":
		diag.Suggestion = "Try it without them."
	default:
		diag.Suggestion = "Try “" + with + "”."
	}
	return true
}

func (rs *RuleSet) diag(d *Document, rule *Rule, start, end int) Diagnostic {
	return Diagnostic{Start: start, End: end, RuleID: rule.ID, Category: rule.Category, Severity: rule.Severity,
		Message: fillMatch(rule.Message, d.Src[start:end]), Suggestion: rule.Suggestion, echoes: rule.Echoes, limit: rule.Limit}
}

// keepMatches drops matches that an exception cancels (see cancels), then
// keeps the leftmost-longest of overlapping matches. hits are sorted by
// start, longest first. The matches kept are written over hits, from its
// start.
func keepMatches(entries []entry, hits []hit, within bool) []hit {
	var excs []hit
	longest := 0
	for _, h := range hits {
		if entries[h.entry].role == roleException {
			excs = append(excs, h)
			longest = max(longest, h.end-h.start)
		}
	}
	kept := hits[:0] // never ahead of the hit read: exceptions were copied out
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
				if cancels(within, excs[i].start, excs[i].end, h.start, h.end) {
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

// exceptionsWithin reports whether c's exceptions cancel only a match they
// stand inside, or that stands inside them (see Phrase.ExceptionsWithin).
func exceptionsWithin(c Check) bool {
	switch c := c.(type) {
	case *Phrase:
		return c.ExceptionsWithin
	case *Replace:
		return c.ExceptionsWithin
	case *Pattern:
		return c.ExceptionsWithin
	}
	return false
}

// cancels reports whether an exception at [xs, xe) cancels a match at
// [start, end): where they overlap, or with within where one stands inside
// the other, as in Vale ("sorry for any" is cancelled by "for any" and by
// "sorry for any inconvenience", not by "any inconvenience").
func cancels(within bool, xs, xe, start, end int) bool {
	if within {
		return start <= xs && xe <= end || xs <= start && end <= xe
	}
	return xs < end && start < xe
}

func (rs *RuleSet) evalPattern(d *Document, r *run, idx int, rule *Rule, cp *compiledPattern, scope string, hits []hit, in []Diagnostic) (out []Diagnostic) {
	out = in
	// A pattern with a limit reports where its matches pass it: they are
	// counted as they are found, and only what is reported becomes a finding.
	var limit *limitCount
	if p, ok := rule.Check.(*Pattern); ok && p.Max > 0 {
		limit = &limitCount{src: d.Src, blocks: d.blocks, c: p, diag: func(start, end int) Diagnostic { return rs.diag(d, rule, start, end) }}
		defer func() {
			limit.flush()
			out = append(out, limit.out...)
		}()
	}
	var with *string // what a match should read, if the rule says
	if p, ok := rule.Check.(*Pattern); ok {
		with = p.Replacement
	}
	hits = dropOtherCaseExceptions(rs.entries, d.Src, caseExceptions(rule.Check), hits)
	var excs []span
	for _, h := range hits {
		if rs.entries[h.entry].role == roleException {
			excs = append(excs, span{h.start, h.end})
		}
	}
	within := exceptionsWithin(rule.Check)
	excepted := func(start, end int) bool {
		for _, x := range excs {
			if cancels(within, x.start, x.end, start, end) {
				return true
			}
		}
		return false
	}
	except := exceptionRegexp(rule.Check)
	lastEnd := -1
	viewed := false // the match is of an emphasis view, whose text its conditions have read (see report)
	var found func(start, end int)
	found = func(start, end int) {
		start, end = trimLineBreaks(d.Src, start, end)
		behind := cp.lookBackGroup()
		if behind != nil {
			start = pastLookBack(d.Src, start, end, behind) // like a lookbehind, not part of the match
		}
		atEdges := cp.inWords || start == end || atWordEdges(d.Src, start, end)
		if !atEdges && behind == nil && start >= lastEnd && atWordEdges(d.Src, start, len(d.Src)) {
			// It ends inside a word: the branch that ends at an edge, if any.
			hi := min(len(d.Src), end+patternReach)
			if e := cp.wordEnded(d.Src, start, end+len(untilBlankLine(d.Src[end:hi]))); e > start {
				end, atEdges = e, atWordEdges(d.Src, start, e)
			}
		}
		if scope == ScopeParagraph && inSpans(d.notParas, start) {
			return // a heading's, a list item's or a table's: no paragraph's
		}
		if start == end || start < lastEnd || !atEdges || !cp.inWords && (underscoreJoins(d.Src, start-1) || underscoreJoins(d.Src, end)) || cp.inWords && !cp.holdsUnicodeEdges(d.Src, start, end) || len(excs) > 0 && excepted(start, end) {
			return
		}
		if scope == ScopeRaw && cp.rawExcepted(d.Src, start, end) || except != nil && except.excuses(d.Src, start, end, scope == ScopeRaw) {
			return
		}
		if cp.checksContext() && !viewed && !cp.inContext(d.Src, start, end) {
			// Vale asks its lookaround at each place a match may start: one
			// further on, inside this one, may meet it ("(?<=[.!?]\s)\W*so"
			// finds "So" where ". So" fails).
			limit := min(len(d.Src), end+patternReach)
			if scope != ScopeRaw {
				limit = end + len(untilBlankLine(d.Src[end:limit]))
			}
			if s, e := cp.laterInContext(d.Src, start, end, limit); e > s {
				found(s, e)
			}
			return
		}
		if scope == ScopeSentence && r.proseIndex(d).crossesSentence(d.Src, start, end) {
			return
		}
		switch {
		case limit != nil:
			limit.add(start, end) // counted first: most are never reported
		case with != nil:
			diag := rs.diag(d, rule, start, end)
			if !replaced(d.Src, &diag, *with) {
				return // it already reads as the replacement
			}
			out = append(out, diag)
		default:
			out = append(out, rs.diag(d, rule, start, end))
		}
		lastEnd = end
	}
	report := func(base int, text []byte) {
		if scope == ScopePlaceholder {
			// A placeholder is reported whole, whatever part of it the pattern matched.
			if r.placeholderMatch(cp, rs.memoBit[idx], text) {
				out = append(out, rs.diag(d, rule, base, base+len(text)))
			}
			return
		}
		if scope != ScopeRaw && r.hasEmphasis(d) {
			// Markdown's emphasis marks are markup, as to Vale's reader:
			// the expression reads the text without them ("**Note:** The"
			// as "Note: The"), and its matches are mapped back.
			if v := r.emphasisView(d.Src, base, base+len(text)); v != nil {
				if cp.mayFindIn(v.text) {
					cp.each(v.text, func(start, end int) {
						if start == end || cp.checksContext() && !cp.inContext(v.text, start, end) {
							return // found drops an empty match anyway
						}
						viewed = true
						found(int(v.at[start]), int(v.at[end-1])+1)
						viewed = false
					})
				}
				return
			}
		}
		if !cp.mayFindIn(text) {
			return
		}
		if limit != nil && len(excs) == 0 && except == nil && scope != ScopeRaw && scope != ScopeParagraph && !cp.checksContext() && cp.words() {
			// Counting words ("\b\w+\b", at most 40 a sentence): each run is
			// counted here, with the checks found makes, not through it.
			if lastEnd <= base {
				countWords(d.Src, base, base+len(text), limit, r.sc.stops)
				if limit.n > 0 {
					lastEnd = limit.end
				}
				return
			}
		}
		cp.each(text, func(start, end int) { found(base+start, base+end) })
	}
	if scope == ScopeRaw {
		// Vale's raw scope: the document as written, in one piece, or
		// in the windows where a match may be; its line ends as LF, as
		// Vale reads them, so that $ and \n meet a CR LF.
		if v := r.lfView(d.Src); v != nil {
			cp.windows(v.text, 0, len(v.text), func(lo, hi int) {
				if text := v.text[lo:hi]; cp.mayFindIn(text) {
					cp.each(text, func(start, end int) {
						if start < end {
							found(v.at(lo+start), v.at(lo+end-1)+1)
						}
					})
				}
			})
			return out
		}
		cp.windows(d.Src, 0, len(d.Src), func(lo, hi int) { report(lo, d.Src[lo:hi]) })
		return out
	}
	if scope == ScopePlaceholder {
		for _, g := range d.Segments {
			if g.Kind == Placeholder {
				report(g.Start, d.Src[g.Start:g.End])
			}
		}
		return out
	}
	if scope == ScopeSentence && cp.atTextEdges() {
		// Vale runs a rule of scope sentence on each sentence apart, so its
		// ^ and $ match at a sentence's start and end ("Thanks. 3 days
		// left." for ^\d+), as well as a line's: so does replykit.
		px := r.proseIndex(d)
		cp.proseHolding(d, func(g Segment) {
			px.eachParagraph(d.Src, g.Start, g.End, func(a, b int) {
				px.eachSentence(d.Src, a, b, func(lo, hi int) { report(lo, d.Src[lo:hi]) })
			})
		})
		return out
	}
	if len(cp.sets) == 0 && !cp.anchored {
		// No match crosses a blank line, as none does in the windows
		// below, each in its paragraph.
		var px *proseIndex
		if cp.byParagraph() {
			px = r.proseIndex(d)
		}
		if sh := cp.shape(); sh.starts.strs != nil && sh.first == nil && cp.nativeKind() == nativeNone {
			// As each would on each prose segment or paragraph; one with
			// emphasis marks goes to report, which reads it without them.
			var emphasized func(lo, hi int) bool
			if r.hasEmphasis(d) {
				emphasized = func(lo, hi int) bool {
					if !r.marksIn(lo, hi) {
						return false
					}
					report(lo, d.Src[lo:hi])
					return true
				}
			}
			cp.eachInProse(d, px, &sh.starts, found, emphasized)
			return out
		}
		cp.proseHolding(d, func(g Segment) {
			cp.windows(d.Src, g.Start, g.End, func(lo, hi int) {
				if px == nil {
					report(lo, d.Src[lo:hi])
					return
				}
				px.eachParagraph(d.Src, lo, hi, func(a, b int) { report(a, d.Src[a:b]) })
			})
		})
		return out
	}
	// Run the expression on the paragraph (or sentence) around the triggers,
	// merging windows that touch, and only where every trigger set has a word:
	// its cost follows the triggers, not the text. An anchored pattern is then
	// tried only where one of its lead phrases starts, up to the window's end.
	var windows []span
	// The last paragraph found, looked up to 16 reaches wide: the hits that
	// follow are often in it, and then need no search of their own.
	px := r.proseIndex(d)
	// window returns the text a match with the word h in it may cover, and
	// whether it ends where the word's reach does, before the paragraph or
	// sentence does: a trigger further on may then reach further.
	window := func(h hit) (_ span, open bool) {
		para := px.paragraph(h.start)
		lo, hi := max(para.start, h.start-patternReach), min(para.end, h.end+patternReach)
		if hi < para.end {
			hi = wordEnd(d.Src, hi, para.end) // a window never ends inside a word
		}
		cut := hi
		if cp.sentence {
			lo, hi = px.sentence(d.Src, lo, hi, h.start, h.end)
		}
		if !cp.ownSets && rs.entries[h.entry].role == roleTrigger {
			// A lead's text is cut by anchoredText, from the lead on.
			lo, hi = cp.reach(d.Src, lo, hi, h.start, h.end)
		}
		return span{lo, hi}, hi == cut && cut < para.end
	}
	if len(cp.sets) > 0 {
		full := uint64(1)<<len(cp.sets) - 1
		lo, hi, open := -1, -1, false
		var seen uint64
		// A window narrowed to its trigger's reach (see reach) grows with
		// each trigger in it; a paragraph's or sentence's does not, unless
		// it ends at a reach (open), short of a long paragraph's end, and
		// the trigger's own reach goes past it.
		narrowed := !cp.ownSets && cp.shape().runs >= 0
		for _, h := range hits { // sorted by start
			if rs.entries[h.entry].role != roleTrigger {
				continue
			}
			if lo >= 0 && h.start >= lo && h.end <= hi && !narrowed && !(open && h.end+patternReach > hi) {
				seen |= 1 << rs.entries[h.entry].value // in the window already found
				continue
			}
			w, wopen := window(h)
			if w.start <= hi && lo >= 0 {
				if w.end > hi {
					hi, open = w.end, wopen
				}
				seen |= 1 << rs.entries[h.entry].value
				continue
			}
			if lo >= 0 && seen == full {
				windows = append(windows, span{lo, hi})
			}
			lo, hi, open, seen = w.start, w.end, wopen, 1<<rs.entries[h.entry].value
		}
		if lo >= 0 && seen == full {
			windows = append(windows, span{lo, hi})
		}
	}
	if !cp.anchored {
		for _, w := range windows {
			report(w.start, d.Src[w.start:w.end])
		}
		return out
	}
	var parts []anchoredPart // compiled when first needed: most documents need few
	k, prev, gateHint := 0, -1, 0
	for _, h := range hits { // sorted by start, longest first
		if rs.entries[h.entry].role != roleLead || h.start < lastEnd || h.start == prev {
			continue
		}
		if len(cp.sets) > 0 {
			for k < len(windows) && windows[k].end <= h.start {
				k++
			}
			if k == len(windows) {
				break
			}
			if h.start < windows[k].start {
				continue // no window has every trigger here
			}
		}
		// The lead's own sentence or paragraph, not the merged window: RE2's
		// backtracker clears memory in proportion to the text it is given.
		var mask uint64
		if rs.gates != nil {
			mask = rs.gates.masks[idx][rs.entries[h.entry].value]
		}
		// The gate first, on the words a window may reach (those that start
		// before its reach): most leads stop here, before their window is
		// looked up. Then on the window's own words.
		if mask != 0 && !r.gateHolds(h.start, min(len(d.Src), h.end+patternReach), mask, &gateHint) {
			continue // another branch's lead may start here too
		}
		w, _ := window(h)
		end := w.end
		if mask != 0 && !r.gateHolds(h.start, end, mask, &gateHint) {
			continue
		}
		prev = h.start
		if parts == nil {
			if parts = cp.anchoredRegexps(); parts == nil {
				return out
			}
		}
		if cp.behind != nil {
			// The look-back is asked of the text before the lead; like a
			// lookbehind, it is not part of the match (". Again, your" is
			// reported as "Again, your").
			if b := behindAt(d.Src, px.paragraph(h.start).start, h.start, cp.behind); b < 0 || b < lastEnd {
				continue
			}
		}
		cuts := runCuts{text: d.Src[h.start:end]}
		for i := range parts {
			text, ok := cp.anchoredText(&cuts, &parts[i].shape)
			if !ok {
				continue
			}
			if re := parts[i].regexp(); re != nil {
				if loc := re.FindIndex(text); loc != nil {
					found(h.start, h.start+loc[1])
					break
				}
			}
		}
	}
	return out
}

// inSpans reports whether i stands in one of spans, in order and apart.
func inSpans(spans []span, i int) bool {
	k := sort.Search(len(spans), func(k int) bool { return spans[k].end > i })
	return k < len(spans) && spans[k].start <= i
}

// trimLineBreaks returns [start, end) without the line breaks at its edges:
// a match of "(?:^|\s)I\s" or "\w+!(?:\s|$)" may take the one before or
// after it, but the finding is the words, on their line.
func trimLineBreaks(src []byte, start, end int) (int, int) {
	for start < end && (src[start] == '\n' || src[start] == '\r') {
		start++
	}
	for end > start && (src[end-1] == '\n' || src[end-1] == '\r') {
		end--
	}
	return start, end
}

// patternReach is how far from its trigger a pattern match may extend (to
// the end of the word it reaches into).
const patternReach = 1024

// sentenceStop reports whether c may end a sentence.
func sentenceStop(c byte) bool { return c == '.' || c == '!' || c == '?' }

// blankLine reports whether, walking from i in direction dir (-1 or +1) and
// no further than limit, only spaces stand before the next line break.
func blankLine(src []byte, i, limit, dir int) bool {
	for ; i != limit && i >= 0 && i < len(src); i += dir {
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

// atWordEdges reports whether [start, end), not empty, neither starts nor ends inside a word.
func atWordEdges(src []byte, start, end int) bool {
	if start > 0 && !nonWordASCII(src[start-1]) && !nonWordASCII(src[start]) {
		before, _ := utf8.DecodeLastRune(src[:start])
		first, _ := utf8.DecodeRune(src[start:])
		if isWordRune(before) && isWordRune(first) && !isSpaceless(first) && !isSpaceless(before) {
			return false
		}
	}
	if end < len(src) && !nonWordASCII(src[end-1]) && !nonWordASCII(src[end]) {
		last, _ := utf8.DecodeLastRune(src[:end])
		after, _ := utf8.DecodeRune(src[end:])
		if isWordRune(last) && isWordRune(after) && !isSpaceless(last) && !isSpaceless(after) {
			return false
		}
	}
	return true
}

// nonWordASCII reports whether c is an ASCII character outside words: a
// boundary beside it is a word edge, with no character to decode.
func nonWordASCII(c byte) bool { return c < utf8.RuneSelf && asciiClass[c] != cWord }

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
			if _, ok := slices.BinarySearch(rs.allow[idx], w.hash); ok {
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

// nameMatcher returns the forms of the customer's name: each word of it on
// its own, with "'s" and the language's case endings (Anna, Anna's, Annalle),
// or, in a script written without spaces, the whole name (王芳). When every
// form is one word (the usual case) they come as word keys and the matcher is
// nil. It fills ctx.CustomerName from the greeting when it is empty; nil and
// nil mean no name. The forms of the names r saw last are kept in r: the
// same customers come back draft after draft.
func (rs *RuleSet) nameMatcher(d *Document, ctx *Context, r *run) ([]uint64, *matcher) {
	if ctx.CustomerName == "" {
		ctx.CustomerName = rs.greetingName(d)
	}
	if ctx.CustomerName == "" {
		return nil, nil
	}
	if f, ok := r.nameForms[ctx.CustomerName]; ok {
		return f.keys, f.m
	}
	keys, m := rs.nameForms(ctx.CustomerName)
	if r.nameForms == nil || len(r.nameForms) == maxNameForms {
		r.nameForms = map[string]nameForms{} // grown as names come: most runs see one
	}
	r.nameForms[ctx.CustomerName] = nameForms{keys, m}
	return keys, m
}

// nameForms is what nameMatcher returns for one name.
type nameForms struct {
	keys []uint64
	m    *matcher
}

// maxNameForms bounds how many names a run keeps the forms of.
const maxNameForms = 256

// nameForms works out the forms of a name for nameMatcher.
func (rs *RuleSet) nameForms(name string) ([]uint64, *matcher) {
	fields := strings.Fields(name)
	if len(fields) == 0 {
		return nil, nil
	}
	var forms []string
	var sp splitter // one for every form: a splitter is costly to set up
	if first, _ := utf8.DecodeRuneInString(fields[0]); isSpaceless(first) {
		forms = []string{strings.Join(fields, "")}
	} else {
		for _, f := range fields {
			if h, _ := sp.split(f); len(h) == 0 || slices.ContainsFunc(rs.titles, func(t []uint64) bool { return slices.Equal(t, h) }) {
				continue
			}
			forms = append(forms, f, f+"'s")
			for _, e := range rs.Lang.NameEndings {
				forms = append(forms, f+e)
			}
		}
	}
	keys := make([]uint64, 0, len(forms))
	for _, f := range forms {
		h, _ := sp.split(f)
		if len(h) != 1 || strings.Contains(f, "*") {
			keys = nil
			break
		}
		keys = append(keys, h[0])
	}
	if keys != nil {
		return keys, nil
	}
	m := newMatcher()
	for _, f := range forms {
		m.add(f, 0)
	}
	return nil, m
}

// sortHits orders hits by start, the longest first at the same start, and
// keeps the order they came in where both are the same. They come in the
// order their phrases end, so they are in order already but for a hit of
// several words, which goes before the shorter ones that ended inside it:
// an insertion sort moves each a few places. Past a budget of moves, in
// an unusual text, a stable sort finishes the work in O(n log n).
func sortHits(hits []hit) {
	budget := 4*len(hits) + 64
	for i := 1; i < len(hits); i++ {
		h := hits[i]
		if !hitBefore(h, hits[i-1]) {
			continue // the common case: in order
		}
		j := i - 1
		for j > 0 && hitBefore(h, hits[j-1]) {
			j--
		}
		if budget -= i - j; budget < 0 {
			slices.SortStableFunc(hits, func(a, b hit) int {
				return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end))
			})
			return
		}
		copy(hits[j+1:i+1], hits[j:i])
		hits[j] = h
	}
}

// hitBefore reports whether a goes before b: it starts earlier, or at the
// same place and ends later.
func hitBefore(a, b hit) bool { return a.start < b.start || a.start == b.start && a.end > b.end }

// mentions turns the name's hits into uses of the name: "Anna Virtanen" is
// one use, not two.
func mentions(src []byte, hits []hit, out []span) []span {
	sortHits(hits)
	for _, h := range hits {
		if n := len(out); n > 0 {
			last := &out[n-1]
			if h.start < last.end {
				continue
			}
			if onlySpaces(src[last.end:h.start]) {
				last.end = h.end
				continue
			}
		}
		out = append(out, span{h.start, h.end})
	}
	return out
}

func onlySpaces(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// greetingName finds the name in a greeting on the first line of prose:
// "Hi Anna," "Dear Ms. Virtanen," "Hello Anna Maria!" It returns "" when the
// first line is not a greeting or what follows is not a name ("Hi there").
func (rs *RuleSet) greetingName(d *Document) string {
	ws, ok := d.firstWords(make([]word, 0, 12), 12) // on the stack; Identify's words, when it read them
	if !ok {
		var sc scanner
		sc.reset(d, false)
		for len(ws) < 12 && sc.next() && (len(ws) == 0 || sc.w.paragraph == ws[0].paragraph) {
			ws = append(ws, sc.w)
		}
	}
	for i := range ws {
		if ws[i].paragraph != ws[0].paragraph {
			ws = ws[:i] // the greeting's paragraph only
			break
		}
	}
	if len(ws) == 0 {
		return ""
	}
	i := seqAt(ws, 0, rs.greetings)
	if i == 0 {
		return rs.leadingName(d, ws)
	}
	if i < len(ws) && !sameLine(d.Src, ws[i-1].end, ws[i].start) {
		return "" // "Hello" alone on its line greets nobody by name
	}
	title := false
	if n := seqAt(ws, i, rs.titles); n > 0 {
		i, title = i+n, true
	}
	start, end, count := -1, -1, 0
	for ; i < len(ws) && end-start < 80; i++ {
		w := ws[i]
		// The name follows the greeting (or the title's full stop) directly:
		// "Hello {{ name }}. We…" greets nobody we can name.
		if w.brk && !(start < 0 && title) || (start >= 0 && w.hard) {
			break
		}
		first, _ := utf8.DecodeRune(d.Src[w.start:])
		if !unicode.IsUpper(first) && !unicode.Is(unicode.Lo, first) || seqAt(ws, i, rs.notNames) > 0 {
			break
		}
		// In Chinese the title follows the name (王芳女士), and a name is short.
		if isSpaceless(first) && (seqAt(ws, i, rs.titles) > 0 || count == 4) {
			break
		}
		if start < 0 {
			start = w.start
		}
		end = w.end
		count++
		if i+1 < len(ws) && !sameLine(d.Src, w.end, ws[i+1].start) {
			break
		}
	}
	if start < 0 {
		return ""
	}
	return string(d.Src[start:end])
}

// leadingName finds a name that opens a Chinese reply before its punctuation:
// "王芳，…", "王女士，您好：". It needs two to four characters, less a title.
func (rs *RuleSet) leadingName(d *Document, ws []word) string {
	first, _ := utf8.DecodeRune(d.Src[ws[0].start:])
	if !isSpaceless(first) {
		return ""
	}
	k := 1
	for k < len(ws) && k < 6 && !ws[k].hard && !ws[k].brk {
		k++
	}
	if k == len(ws) || k == 6 {
		return "" // no punctuation after it: a sentence, not a name
	}
	n := k
	for t := 1; t < n; t++ { // a title at the end: 王女士
		if seqAt(ws[:n], t, rs.titles) == n-t {
			n = t
			break
		}
	}
	if n < 2 && n == k || n > 4 || seqAt(ws, 0, rs.greetings) > 0 || seqAt(ws, 0, rs.notNames) > 0 {
		return ""
	}
	return string(d.Src[ws[0].start:ws[n-1].end])
}

// seqAt returns the length of the first of seqs that the words at i spell, or 0.
func seqAt(ws []word, i int, seqs [][]uint64) int {
	for _, g := range seqs {
		if i+len(g) <= len(ws) && wordsEqual(ws[i:i+len(g)], g) {
			return len(g)
		}
	}
	return 0
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

// wordEnd returns i, or where the word i falls inside ends (not past limit).
func wordEnd(src []byte, i, limit int) int {
	if i == 0 {
		return i
	}
	if r, _ := utf8.DecodeLastRune(src[:i]); !isWordRune(r) && !isApostrophe(r) {
		return i
	}
	for i < limit {
		r, size := decodeAt(src, i, limit)
		if !isWordRune(r) && !isApostrophe(r) {
			break
		}
		i += size
	}
	return i
}

// hasEmphasis reports whether the document's prose holds a Markdown
// emphasis mark (see emphasisMarks), and notes where they are, once a
// document.
func (r *run) hasEmphasis(d *Document) bool {
	if r.emphasis == 0 {
		for _, g := range d.Segments {
			if g.Kind == Prose {
				r.emphMarks = emphasisMarks(d.Src, g.Start, g.End, r.emphMarks)
			}
		}
		r.emphasis = 1
		if len(r.emphMarks) > 0 {
			r.emphasis = 2
		}
	}
	return r.emphasis == 2
}

// marksIn reports whether an emphasis mark stands in [lo, hi).
func (r *run) marksIn(lo, hi int) bool {
	i, _ := slices.BinarySearchFunc(r.emphMarks, lo, func(m span, lo int) int { return cmp.Compare(m.end, lo+1) })
	return i < len(r.emphMarks) && r.emphMarks[i].start < hi
}

// lfView is a document with each CR LF read as LF: text, and where each
// CR left out stood, as the index in text of the LF after it.
type lfView struct {
	built bool
	text  []byte
	crs   []int
}

// lfView returns the document with its CR LF as LF, or nil when it has none.
func (r *run) lfView(src []byte) *lfView {
	v := &r.lf
	if !v.built {
		v.built, v.text, v.crs = true, v.text[:0], v.crs[:0]
		if bytes.Contains(src, []byte("\r\n")) {
			for p := 0; p < len(src); {
				i := bytes.Index(src[p:], []byte("\r\n"))
				if i < 0 {
					v.text = append(v.text, src[p:]...)
					break
				}
				v.text = append(v.text, src[p:p+i]...)
				v.crs = append(v.crs, len(v.text))
				p += i + 1 // from the LF
			}
		}
	}
	if len(v.crs) == 0 {
		return nil
	}
	return v
}

// at returns where byte i of the view stands in the document.
func (v *lfView) at(i int) int {
	n, _ := slices.BinarySearch(v.crs, i+1) // the CRs left out at or before i
	return i + n
}

// emphView is prose without its emphasis marks: text, and for each of its
// bytes the byte of the document it is.
type emphView struct {
	text []byte
	at   []int32
}

// emphasisView returns src[lo:hi] without its emphasis marks, or nil when
// it has none. Views are kept for the document: the rules of a pack ask
// for the same paragraphs.
func (r *run) emphasisView(src []byte, lo, hi int) *emphView {
	if !r.marksIn(lo, hi) {
		return nil
	}
	key := span{lo, hi}
	if v, ok := r.emphViews[key]; ok {
		return &v
	}
	v := emphView{text: make([]byte, 0, hi-lo), at: make([]int32, 0, hi-lo)}
	i, _ := slices.BinarySearchFunc(r.emphMarks, lo, func(m span, lo int) int { return cmp.Compare(m.end, lo+1) })
	for p := lo; p < hi; {
		if i < len(r.emphMarks) && r.emphMarks[i].start <= p {
			p = r.emphMarks[i].end
			i++
			continue
		}
		v.text, v.at = append(v.text, src[p]), append(v.at, int32(p))
		p++
	}
	if r.emphViews == nil {
		r.emphViews = map[span]emphView{}
	}
	r.emphViews[key] = v
	return &v
}

// emphasisMarks appends to marks the emphasis marks of src[lo:hi]: runs of
// *, _ or ~ with white space (or the text's edge) on one side and not on
// the other, which open or close emphasis ("**Note:**", "_so_"); one
// between two spaces (5 * 3) or inside a word (snake_case) is text.
func emphasisMarks(src []byte, lo, hi int, marks []span) []span {
	// Where each mark character stands next, found by IndexByte (fast on
	// long text) and looked for again only once passed.
	next := [3]int{-2, -2, -2}
	for i := lo; i < hi; {
		k := hi
		for c, ch := range [3]byte{'*', '_', '~'} {
			if next[c] != -1 && next[c] < i {
				next[c] = -1
				if j := bytes.IndexByte(src[i:hi], ch); j >= 0 {
					next[c] = i + j
				}
			}
			if next[c] >= 0 {
				k = min(k, next[c])
			}
		}
		if k == hi {
			break
		}
		i = k
		j := i
		for j < hi && src[j] == src[i] {
			j++
		}
		before := i == lo || isSpaceByte(src[i-1])
		after := j == hi || isSpaceByte(src[j])
		if before != after {
			marks = append(marks, span{i, j})
		}
		i = j
	}
	return marks
}
