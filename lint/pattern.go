package lint

import (
	"bytes"
	"fmt"
	"math/bits"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// Pattern reports matches of an RE2 expression. It runs only on paragraphs
// where the one matching pass saw a trigger word, so its cost does not grow
// with the text the way a regex scan per rule would.
type Pattern struct {
	Expr       string
	Triggers   [][]string // word sets: every match holds a word of each; derived from Expr when empty
	Scope      string     // "prose" (default), "sentence", "paragraph", "placeholder" or "raw"
	Exceptions []string   // phrases that cancel an overlapping match
	// MatchCase matches the expression as written, not case-insensitively
	// (for rules imported from Vale, where that is the default).
	MatchCase bool
	// Max, when above 0, makes the rule a limit: a sentence, paragraph or
	// the whole document (Per) may hold Max matches, and only the first match
	// of one holding more is reported (%d in the message is how many).
	Max int
	Per string
	// FollowedBy and NotFollowedBy, when set, are expressions the text
	// right after a match must, or must not, start with (a Vale token's
	// lookahead, "it is(?!\.)", which RE2 lacks); PrecededBy and
	// NotPrecededBy, expressions the text right before it must, or must
	// not, end with (a lookbehind). They are not part of the match.
	FollowedBy, NotFollowedBy, PrecededBy, NotPrecededBy string
	// InsideWords lets a match start or end inside a word, where the
	// expression alone decides (a Vale token with nonword: true, such as
	// `:\s[A-Z]` or `[a-z][.?!] {2,}[A-Z]`). Such a pattern runs as a regular
	// expression on the prose it may match, never as phrases of the pass:
	// the pass knows whole words only.
	InsideWords bool
	// ExceptionsMatchCase and ExceptionsWithin: as for Phrase.
	ExceptionsMatchCase bool
	ExceptionsWithin    bool
	// Replacement, when set, is what a match should read: a match that
	// reads so already is not reported, and one that does not gets a fix
	// putting it in place, as a Replace rule's (a Vale substitution whose
	// key is an expression). nil: no replacement.
	Replacement *string
	// ExceptionPattern: as for Phrase.
	ExceptionPattern string
	// ApostrophesAsWritten: an apostrophe of the expression matches only
	// itself ("'ll" leaves "’ll" alone), as in a Vale rule. Off, ' matches
	// ’ too.
	ApostrophesAsWritten bool
}

// Per scopes of a pattern with a Max.
const (
	PerSentence  = "sentence"
	PerParagraph = "paragraph"
	PerDocument  = "document"
)

func (*Pattern) Kind() string { return "pattern" }

// Scopes a Pattern can take: prose, prose with each match inside one
// sentence, the prose of paragraphs (not of headings, list items or tables,
// as Vale's scope paragraph), placeholders, or the raw text: the document
// as written, markup, code and quotes included (Vale's raw scope).
const (
	ScopeProse       = "prose"
	ScopeSentence    = "sentence"
	ScopeParagraph   = "paragraph"
	ScopePlaceholder = "placeholder"
	ScopeRaw         = "raw"
)

// compiledPattern is a Pattern ready to run. When the expression matches a
// finite set of phrases, they join the matcher's trie and the expression
// never runs; otherwise it runs on a paragraph only when every one of its
// trigger sets has a word there, and is compiled on first use.
type compiledPattern struct {
	expr     string
	phrases  []string // the expansion, until it is added to the trie
	expanded bool     // the expression lives in the trie as phrases
	// exact: its phrases have punctuation, which the trie takes loosely
	// (any where they have some, a space for a hyphen): each hit is
	// checked against the expression, compiled whole (see exactRegexp).
	exact     bool
	altOnce   sync.Once
	alts      *altFilter
	exactOnce sync.Once
	exactRe   *regexp.Regexp
	sentence  bool // no match can cross a sentence end, so it runs on the sentence, not the paragraph
	sets      [][]string
	setsFrom  string   // from an image: sets' words as it stores them, sets then as many nil lists (the runs need only their number; see setWords)
	ownSets   bool     // sets are the rule's triggers: a condition on the paragraph, not words every match holds
	leads     []string // the phrases every match starts with, until they are added to the trie
	anchored  bool     // the expression runs only where one of its leads was found, anchored there
	holds     string   // ASCII punctuation and digits every match holds: text without one is not tried

	matchCase bool // run without (?i)
	// aposAsWritten: Pattern.ApostrophesAsWritten (see loosenSource)
	aposAsWritten bool
	regexOnly     bool // always run the regexp engine, never a native scan
	inWords       bool // Pattern.InsideWords: matches are not held to word edges
	exceptWithin  bool // Pattern.ExceptionsWithin, for rawExcepted
	long          bool // anchored, a program too large for regexp to backtrack: it runs branch by branch

	// branches are an anchored pattern's leads, by branch of its top-level
	// alternation (or one for all), each with its gate: sets of word hashes
	// of which every match of the branch holds one each. A lead is tried
	// only where the text from it to the window's end has them all: a cheap
	// check by one short scan, where most leads ("you", "please") start no match.
	branches []branch

	// behind is what an anchored pattern asks of the text before its leads,
	// and rest the expression that follows it (see lookBack).
	behind []lookBack
	rest   string

	// leadBehind is the look-back group the expression opens with, split
	// off or not, whose text is not part of a match (see pastLookBack).
	leadBehind                                                                             []lookBack
	once, anchoredOnce, nativeOnce, shapeOnce, startOnce, behindOnce, prefixOnce, spanOnce sync.Once
	re, startRe, startAfter                                                                *regexp.Regexp
	native                                                                                 nativeKind     // set by nativeOnce
	lit                                                                                    []byte         // what a nativeLiteral scan looks for
	shaped                                                                                 exprShape      // the whole expression's, set by shapeOnce
	anchoredParts                                                                          []anchoredPart // set by anchoredOnce
	startPrefix                                                                            *prefixNFA     // set by prefixOnce; nil when too large
	spansLines                                                                             bool           // set by spanOnce (see byParagraph), or from an image
	spanStored                                                                             bool           // spansLines came from an image
	// scanned counts the bytes each has given FindAllIndex until
	// prefixAfter, when prefixReady lets it build the prefix automaton.
	scanned     atomic.Int64
	prefixReady atomic.Bool
	// textEdges, set by edgeOnce, says whether the expression asks for the
	// start or end of a text or line (see atTextEdges).
	edgeOnce  sync.Once
	textEdges bool
	// bBranches, set by bOnce, are the branches of an expression matched
	// inside words, when one opens or closes with \b (see holdsUnicodeEdges).
	bOnce     sync.Once
	bBranches []bBranch
	// endRe, set by endOnce, is the expression followed by a word's edge
	// (see wordEnded).
	endOnce sync.Once
	endRe   *regexp.Regexp

	thorough bool // for tests: no needs, no reach, no parts; the expression runs whole on all the text it may

	// rawExcept finds a raw-scope pattern's exceptions in the text: the
	// pass, which finds the others, reads prose alone (see rawExcepted).
	rawExcept func() *regexp.Regexp
	raw       bool // Pattern.Scope is raw: the conditions around a match read past blank lines

	// followedBy and notFollowedBy are Pattern's, anchored at the start,
	// precededBy and notPrecededBy at the end: a match stands only where
	// the text after it and before it meets them (see context).
	followedBy, notFollowedBy, precededBy, notPrecededBy *regexp.Regexp
	// afterReach and beforeReach are the most bytes a match of the
	// conditions after and before a match holds, or -1 for no bound: a
	// condition is given only the text it can reach (see inContext).
	afterReach, beforeReach int
	// contextOf is the pattern whose conditions are compiled on first use
	// (see inContext), in a pack loaded from an image: its expressions were
	// checked when it was stored, and a start that compiles a condition no
	// draft reaches spends a tenth of a millisecond (see rules.BuiltinSet).
	contextOf   *Pattern
	contextOnce sync.Once
	contextErr  error

	// stored holds the shapes a pack's image keeps (see Store): the whole
	// expression's, then, when it is anchored, its parts'. Decoded on first
	// use, so a draft's first check works out no shape and compiles no part
	// it does not try.
	stored string
}

// context compiles p's conditions on the text around a match.
func (cp *compiledPattern) context(p *Pattern) error {
	cp.afterReach, cp.beforeReach = 0, 0
	for _, f := range []struct {
		key, expr, src string
		re             **regexp.Regexp
		reach          *int
	}{{"followed-by", p.FollowedBy, `^(?:%s)`, &cp.followedBy, &cp.afterReach},
		{"not-followed-by", p.NotFollowedBy, `^(?:%s)`, &cp.notFollowedBy, &cp.afterReach},
		{"preceded-by", p.PrecededBy, `(?:%s)$`, &cp.precededBy, &cp.beforeReach},
		{"not-preceded-by", p.NotPrecededBy, `(?:%s)$`, &cp.notPrecededBy, &cp.beforeReach}} {
		if f.expr == "" {
			continue
		}
		src := strings.Replace(f.src, "%s", f.expr, 1)
		if !p.MatchCase {
			src = `(?i)` + src
		}
		re, err := regexp.Compile(src)
		if err != nil {
			return fmt.Errorf("%s %q does not parse: %v", f.key, f.expr, unwrapSyntax(err))
		}
		*f.re = re
		n := -1
		if tree, err := syntax.Parse(src, syntax.Perl); err == nil {
			n = maxBytes(tree)
		}
		if n < 0 || *f.reach < 0 {
			*f.reach = -1
		} else {
			*f.reach = max(*f.reach, n)
		}
	}
	return nil
}

// hasContext reports whether p has conditions on the text around a match.
func hasContext(p *Pattern) bool {
	return p.FollowedBy != "" || p.NotFollowedBy != "" || p.PrecededBy != "" || p.NotPrecededBy != ""
}

// checksContext reports whether the pattern has conditions on the text
// around a match.
func (cp *compiledPattern) checksContext() bool {
	return cp.contextOf != nil || cp.followedBy != nil || cp.notFollowedBy != nil || cp.precededBy != nil || cp.notPrecededBy != nil
}

// maxContext bounds the text after and before a match that the
// conditions on it look at.
const maxContext = 256

// inContext reports whether the text of src around [start, end) meets the
// pattern's conditions on it.
func (cp *compiledPattern) inContext(src []byte, start, end int) bool {
	if cp.contextOf != nil {
		cp.contextOnce.Do(func() { cp.contextErr = cp.context(cp.contextOf) })
		if cp.contextErr != nil {
			return false // a damaged image: no match stands on a condition that cannot be read
		}
	}
	after, before := src[end:min(len(src), end+maxContext)], src[max(0, start-maxContext):start]
	if !cp.raw {
		// The paragraph is the text they read, as a Vale block is: $
		// and \s*$ hold at its end.
		after, before = untilBlankLine(after), sinceBlankLine(before)
	}
	// A condition that can hold only a few bytes is given only those, and
	// a character more on either side: no match of it can reach the cut,
	// where ^, $ or \b would see a different text, and regexp, which
	// searches an expression anchored at its end from the start, reads
	// a few bytes instead of 256.
	if n := cp.afterReach + 2*utf8.UTFMax; cp.afterReach >= 0 && n < len(after) {
		after = after[:n]
	}
	if n := cp.beforeReach + 2*utf8.UTFMax; cp.beforeReach >= 0 && n < len(before) {
		before = before[len(before)-n:]
	}
	meets := func(re *regexp.Regexp, text []byte, want bool) bool { return re == nil || re.Match(text) == want }
	return meets(cp.followedBy, after, true) && meets(cp.notFollowedBy, after, false) &&
		meets(cp.precededBy, before, true) && meets(cp.notPrecededBy, before, false)
}

// maxExpansion bounds how many phrases a finite pattern may expand into.
const maxExpansion = 20000

// maxPatternSize bounds a user pattern's compiled program (RE2 keeps matching linear,
// but a huge program is still slow and almost certainly a mistake).
const maxPatternSize = 4000

// compilePattern checks an expression and works out how to run it: as
// phrases, or as an expression behind trigger words.
func compilePattern(p *Pattern, expandPhrases bool) (*compiledPattern, error) {
	re, err := syntax.Parse(p.Expr, syntax.Perl)
	if err != nil {
		return nil, fmt.Errorf("pattern does not parse: %v", unwrapSyntax(err))
	}
	if err := checkASCIIBoundaries(re); err != nil {
		return nil, err
	}
	re = re.Simplify()
	prog, err := syntax.Compile(re)
	if err != nil {
		return nil, fmt.Errorf("pattern does not compile: %v", err)
	}
	if len(prog.Inst) > maxPatternSize {
		return nil, fmt.Errorf("pattern is too large (%d instructions, at most %d): split it into smaller rules", len(prog.Inst), maxPatternSize)
	}
	// Phrases, leads and trigger words are whole words of the pass: a
	// pattern whose matches may stand inside words ("ok" in "book") uses
	// none of them, and runs as an expression.
	words := expandPhrases && !p.InsideWords
	cp := &compiledPattern{expr: p.Expr, matchCase: p.MatchCase, aposAsWritten: p.ApostrophesAsWritten, regexOnly: !words, inWords: p.InsideWords, exceptWithin: p.ExceptionsWithin,
		holds: string(heldPunct(re).bytes())}
	if err := cp.context(p); err != nil {
		return nil, err
	}
	if p.Scope == ScopePlaceholder {
		return cp, nil
	}
	if p.Scope == ScopeRaw {
		// The pass reads prose alone: the expression runs on the text.
		cp.regexOnly, cp.raw = true, true
		cp.setRawExceptions(p.Exceptions, p.ExceptionsMatchCase)
		return cp, nil
	}
	// The word matcher folds case; and a match with a condition on the text
	// around it is checked where it is found, so it does not become phrases.
	if words && !p.MatchCase && !cp.checksContext() {
		if cp.phrases = phraseExpansion(re); cp.phrases != nil {
			return cp, nil
		}
	}
	cp.sentence = !canMatchAny(re, sentenceMarks)
	if words {
		if cp.leads = leadPhrases(re); cp.leads != nil {
			cp.branches = branchGates(re, cp.leads)
		} else if behind, rest, ok := splitLookBack(p.Expr); ok {
			// "(^|[.!?] )again, the": tried where "again" starts, once the
			// bytes before it hold what the group asks.
			if restRe, err := syntax.Parse(rest, syntax.Perl); err == nil {
				restRe = restRe.Simplify()
				if cp.leads = leadPhrases(restRe); cp.leads != nil {
					cp.behind, cp.rest = behind, rest
					cp.holds = string(heldPunct(restRe).bytes()) // it runs on the rest alone
					cp.branches = branchGates(restRe, cp.leads)
				}
			}
		}
	}
	if cp.leads != nil {
		// Counted on what runs at a lead, loosened: a space is a run of
		// white space there, a few instructions more.
		cp.long = progSize(cp.anchoredSource()) > maxBacktrackProg
	}
	switch {
	case len(p.Triggers) > 0:
		cp.sets, cp.ownSets = p.Triggers, true // the rule's own condition, kept even with leads
	case cp.leads != nil:
		// Tried where its leads are, when the words after a lead hold a word
		// of each set every match of its branch holds (see gateHolds): no
		// trigger words, which would cost a hit wherever they stand.
	case p.InsideWords:
		// A word of a match may stand inside another: only the words the
		// expression bounds itself are whole words of the pass.
		if sets := boundedTriggers(re); len(sets) > 0 {
			cp.sets = sets[:1]
		}
	case opensWithBracket(re):
		// Every match opens with a bracket, rarer in prose than any word it
		// holds: the expression is tried where one stands (see shape), and
		// no word costs a hit in the pass.
	default:
		sets := deriveTriggers(re)
		// Waiting for the best set alone costs fewer hits of common words
		// than waiting for all of them; the expression decides the rest.
		if len(sets) > 0 {
			cp.sets = sets[:1]
		}
	}
	return cp, nil
}

// setWords returns cp's trigger sets with their words, read from its image
// if need be.
func (cp *compiledPattern) setWords() [][]string {
	if cp.setsFrom == "" {
		return cp.sets
	}
	r := &imageReader{data: cp.setsFrom}
	sets := make([][]string, len(cp.sets))
	for i := range sets {
		sets[i] = r.strs()
	}
	return sets
}

// mayMatch reports whether text holds every character all matches hold, so
// that the expression (compiled on first use) need not run where it cannot match.
func (cp *compiledPattern) mayMatch(text []byte) bool {
	for i := 0; i < len(cp.holds); i++ {
		if bytes.IndexByte(text, cp.holds[i]) < 0 {
			return false
		}
	}
	return true
}

// lookBackGroup returns the look-back group the expression opens with
// ("(^|[.!?:;] )again, the"), split off or not, or nil.
func (cp *compiledPattern) lookBackGroup() []lookBack {
	cp.behindOnce.Do(func() {
		if cp.leadBehind = cp.behind; cp.leadBehind == nil {
			cp.leadBehind, _, _ = splitLookBack(cp.expr)
		}
	})
	return cp.leadBehind
}

// pastLookBack returns where a match found at start begins once the text
// of its look-back group is left out: the mark, then the white space after it.
func pastLookBack(src []byte, start, end int, behind []lookBack) int {
	p := start
	if p < end && slices.ContainsFunc(behind, func(lb lookBack) bool { return !lb.Start && lb.hasMark(src[p]) }) {
		p++
	}
	if p == start {
		return start
	}
	for p < end && isSpaceByte(src[p]) {
		p++
	}
	return p
}

// mayFindIn reports whether the expression, run over text, may find a
// match there, as far as its characters, needs and lead table tell.
func (cp *compiledPattern) mayFindIn(text []byte) bool {
	return cp.mayMatch(text) && cp.mayHold(text) && cp.shape().mayStartIn(text)
}

// mayHold reports whether text holds one of the strings every match of
// the whole expression holds (see needOf), so that the expression need not
// run over text without one: a segment without a dash, for "\s[—–]\s".
func (cp *compiledPattern) mayHold(text []byte) bool {
	return cp.shape().holds(text)
}

// exprShape is what an expression's syntax tells of its matches: strings
// one of which every match holds (see needOf), and the most runs of white
// space a match spans, or -1 (see spaceRuns). The zero shape, with runs
// -1, knows nothing.
type exprShape struct {
	need [][]byte
	fold bool // need's ASCII letters stand for either case
	runs int
	// lines is the most line breaks a match holds, or -1 (see lineRuns):
	// windows are cut at them when runs knows no bound.
	lines int
	// first holds the bytes every match starts with one of (at most
	// maxFirst, each a string of one), when a match starts by reading one
	// and nothing before it looks at the text: the expression need then be
	// run only from where one stands (see each).
	first [][]byte
	// starts, when first is not known, are the strings every match
	// starts with one of (see startsOf); strs is nil when not known.
	starts exprStarts
	// tried holds what is looked at where a text is tried once, not across
	// every window (at a lead, of a placeholder); nil when nothing is known.
	tried *triedChecks
}

// triedChecks are the checks of an expression's shape whose look-ups cost
// more than need's: they are asked only where a text is tried once, at a
// lead or of a placeholder, before the expression is compiled or run.
type triedChecks struct {
	// all holds more of what every match holds than need: sets of strings
	// a match holds one of each (see needSets).
	all []needSet
	// opens, for an expression that matches only at the start of its text
	// (^ without (?m)), holds the bytes such a match starts with one of
	// (see openingBytes); nil when not known.
	opens []byte
	// pairs, when opens is known and the expression's program is small
	// enough to step through, holds for each character a match may open
	// with (an ASCII byte, or outside for any beyond ASCII) the characters
	// that may follow it: "%{" opens no "%first_name%".
	pairs []openPair
	// within, for an expression whose every match is its whole text (^ to
	// $ without (?m)), is the characters a match is made of: bit c for an
	// ASCII byte c, bit outside for some character beyond ASCII. nil when
	// not known.
	within *[3]uint64
	// lead, for an expression whose matches start with one of its first
	// bytes, steps from each place one stands through the characters
	// after it (see leadTable); nil when not known.
	lead *leadTable
	// text, for an expression anchored with ^ that looks at its text in
	// no other way, decides whether a whole text is a match (see
	// textTable); nil when not known.
	text *textTable
}

// textTable decides, for an expression anchored with ^ that asks nothing
// else of the text around a character (no \b, no (?m), $ only closing
// every branch), and whose every instruction reads each character beyond
// ASCII or none, whether a text is a match: its prefix automaton made
// deterministic whole, each state knowing whether a match may end there.
// A placeholder such as "{{name}}" is then found by "^\{[{%]" with no
// expression compiled.
type textTable struct {
	class [outside + 1]uint8 // a character's column: an ASCII byte, or outside
	n     int                // columns
	next  string             // state*n + column: 0 when no match goes on, else 1 + the next state
	ends  string             // by state: 1 when a match may end there
	whole bool               // matches end at the text's end: only the last state's end counts
}

// maxTextStates bounds a textTable's states; an expression that needs
// more is left to the regexp.
const maxTextStates = 64

// leadTable is an expression's prefix automaton (see prefixNFA) made
// deterministic and cut short: from a place where a match may start, it
// reads the characters there and turns the place away when no match can
// start with them. Its states are the sets of the automaton reached from
// the start, the nearest first, and at most maxLeadStates of them: a step
// to one past that leaves the place to the expression, as does a step
// where a match may end. So "(if any)" is turned away from
// "\(\s*(customer|client|…) …" at its f, with no expression compiled.
type leadTable struct {
	class  [outside + 1]uint8 // a character's column: an ASCII byte, or outside
	n      int                // columns
	states string             // state*n + column: leadDead, leadLeave, or leadFirst + the next state
}

// The steps of a leadTable that lead to no state.
const (
	leadDead  = 0 // no match starts here
	leadLeave = 1 // a match may: the expression decides
	leadFirst = 2 // the first state's number in a step
)

// maxLeadStates bounds a leadTable's states: past them, the places it
// has not turned away are few, and its size grows with each.
const maxLeadStates = 64

// openPair is a character a match may open with, and those that may
// follow it: bit c of next for an ASCII byte c, bit outside for any
// character beyond ASCII; every bit when a match may end after the first.
type openPair struct {
	first byte
	next  [3]uint64
}

// needSet is strings of which every match holds one, as need's are.
type needSet struct {
	strs [][]byte
	fold bool
}

// shapeOf works out the shape of the expression src; thorough leaves it unknown.
func shapeOf(src string, thorough bool) exprShape {
	sh := exprShape{runs: -1, lines: -1}
	if re, err := syntax.Parse(src, syntax.Perl); err == nil && !thorough {
		sh.need, sh.fold, _ = needOf(re) // not simplified: x{2,} would be xx*
		sh.runs, sh.lines = spaceRuns(re), lineRuns(re)
		if set, ok := firstBytes(re); ok {
			for _, b := range set {
				sh.first = append(sh.first, []byte{b})
			}
		} else if st, ok := startsOf(re); ok {
			sh.starts = st
		}
		var t triedChecks
		t.all = needSets(re)
		t.opens, _ = openingBytes(re)
		whole := spansText(re)
		if t.opens != nil || whole || sh.first != nil || edgeAnchored(re, false) {
			// The prefix automaton, built once for the checks that step through it.
			if p := newPrefixNFA(src); p != nil {
				if t.opens != nil {
					t.pairs = openingPairs(p)
				}
				if whole {
					t.within = charsRead(p)
				}
				if sh.first != nil {
					t.lead = leadTableOf(p)
				}
				t.text = textTableOf(p, re)
			}
		}
		if t.all != nil || t.opens != nil || t.within != nil || t.lead != nil || t.text != nil {
			sh.tried = &t
		}
	}
	return sh
}

// maxFirst is the most first bytes each looks for (at most maxNext, what
// nextOf keeps): past it, looking for each costs more than the
// expression's own search.
const maxFirst = 3

// firstBytes returns the bytes a match of n starts with, when every match
// starts by reading one (a literal or a short class, not an assertion or
// something that may match nothing), and ok false when it knows no short
// list.
func firstBytes(n *syntax.Regexp) (set []byte, ok bool) { return firstBytesUpTo(n, maxFirst) }

// firstBytesUpTo is firstBytes knowing at most limit bytes.
func firstBytesUpTo(n *syntax.Regexp, limit int) (set []byte, ok bool) {
	addByte := func(b byte) bool {
		if !slices.Contains(set, b) {
			set = append(set, b)
		}
		return len(set) <= limit
	}
	add := func(r rune) bool {
		var buf [utf8.UTFMax]byte
		utf8.EncodeRune(buf[:], r)
		return addByte(buf[0])
	}
	addFolded := func(r rune, fold bool) bool {
		if !add(r) {
			return false
		}
		for f := unicode.SimpleFold(r); fold && f != r; f = unicode.SimpleFold(f) {
			if !add(f) {
				return false
			}
		}
		return true
	}
	switch n.Op {
	case syntax.OpLiteral:
		if len(n.Rune) == 0 {
			return nil, false
		}
		return set, addFolded(n.Rune[0], n.Flags&syntax.FoldCase != 0)
	case syntax.OpCharClass:
		for i := 0; i+1 < len(n.Rune); i += 2 {
			if n.Rune[i+1]-n.Rune[i] > 8 {
				return nil, false
			}
			for r := n.Rune[i]; r <= n.Rune[i+1]; r++ {
				if !add(r) {
					return nil, false
				}
			}
		}
		return set, len(set) > 0
	case syntax.OpCapture, syntax.OpPlus:
		return firstBytesUpTo(n.Sub[0], limit)
	case syntax.OpRepeat:
		if n.Min == 0 {
			return nil, false
		}
		return firstBytesUpTo(n.Sub[0], limit)
	case syntax.OpConcat:
		if len(n.Sub) == 0 {
			return nil, false
		}
		return firstBytesUpTo(n.Sub[0], limit)
	case syntax.OpAlternate:
		for _, sub := range n.Sub {
			s, ok := firstBytesUpTo(sub, limit)
			if !ok {
				return nil, false
			}
			for _, b := range s {
				if !addByte(b) {
					return nil, false
				}
			}
		}
		return set, len(set) > 0
	}
	return nil, false // assertions, any character, what may match nothing
}

// maxOpens bounds the bytes openingBytes knows: a placeholder's first
// byte is one of a few marks, and this turns away the others.
const maxOpens = 8

// openingBytes returns the bytes a match of n starts with, when n matches
// only at the start of its text (each branch opens with ^ without (?m)),
// and ok false when it knows no short list.
func openingBytes(n *syntax.Regexp) (set []byte, ok bool) {
	switch n.Op {
	case syntax.OpCapture:
		return openingBytes(n.Sub[0])
	case syntax.OpConcat:
		if len(n.Sub) < 2 || n.Sub[0].Op != syntax.OpBeginText {
			return nil, false
		}
		rest := &syntax.Regexp{Op: syntax.OpConcat, Flags: n.Flags, Sub: n.Sub[1:]}
		return firstBytesUpTo(rest, maxOpens)
	case syntax.OpAlternate:
		for _, sub := range n.Sub {
			s, ok := openingBytes(sub)
			if !ok {
				return nil, false
			}
			for _, b := range s {
				if !slices.Contains(set, b) {
					set = append(set, b)
				}
			}
		}
		return set, len(set) > 0 && len(set) <= maxOpens
	}
	return nil, false
}

// maxNeedSets bounds the sets needSets returns, and maxSetNeed the
// strings of each: a set is looked for only where it may spare the
// regexp, at a lead or a placeholder.
const (
	maxNeedSets = 6
	maxSetNeed  = 16
)

// needSets returns sets of strings such that every match of n holds one
// string of each: needOf's for each part of a sequence that has one
// ("questions?", then "should|must|need to…", then "go|be sent…"), where
// needOf keeps the best of them.
func needSets(n *syntax.Regexp) []needSet {
	switch n.Op {
	case syntax.OpCapture, syntax.OpPlus:
		return needSets(n.Sub[0])
	case syntax.OpRepeat:
		if n.Min < 1 {
			return nil
		}
		return needSets(n.Sub[0])
	case syntax.OpConcat:
		var sets []needSet
		for _, c := range n.Sub {
			for _, set := range needSets(c) {
				if len(sets) < maxNeedSets {
					sets = append(sets, set)
				}
			}
		}
		return sets
	}
	if need, fold, ok := needUpTo(n, maxSetNeed); ok {
		return []needSet{{need, fold}}
	}
	return nil
}

// holdsAll reports whether text holds a string of each of all's sets.
func (sh *exprShape) holdsAll(text []byte) bool {
	if sh.tried == nil {
		return true
	}
	for _, set := range sh.tried.all {
		if !slices.ContainsFunc(set.strs, func(s []byte) bool { return indexNeed(text, s, set.fold) >= 0 }) {
			return false
		}
	}
	return true
}

// openingPairs returns, for an expression that matches only at the start
// of its text, the characters a match may open with and those that may
// follow each (see openPair), read from the deterministic steps of its
// prefixNFA p; nil when a match may be empty or p has no such steps.
func openingPairs(p *prefixNFA) []openPair {
	if p.startMatches || p.dfa == nil {
		return nil
	}
	var out []openPair
	for c := 0; c <= outside; c++ {
		s := p.dfa[c] // from the start, the first set's row
		if s == prefixDead {
			continue
		}
		if len(out) == maxOpens {
			return nil
		}
		e := openPair{first: byte(c)}
		for d := 0; d <= outside; d++ {
			if s == prefixMatch || p.dfa[int(s)<<8|d] != prefixDead {
				e.next[d/64] |= 1 << (d % 64)
			}
		}
		out = append(out, e)
	}
	return out
}

// spansText reports whether every match of n is the whole of its text:
// each branch opens with ^ and closes with $, without (?m).
func spansText(n *syntax.Regexp) bool {
	switch n.Op {
	case syntax.OpCapture:
		return spansText(n.Sub[0])
	case syntax.OpAlternate:
		return !slices.ContainsFunc(n.Sub, func(b *syntax.Regexp) bool { return !spansText(b) })
	case syntax.OpConcat:
		return len(n.Sub) >= 2 && n.Sub[0].Op == syntax.OpBeginText && n.Sub[len(n.Sub)-1].Op == syntax.OpEndText
	}
	return false
}

// charsRead returns the characters the program of p reads, as
// triedChecks.within holds them.
func charsRead(p *prefixNFA) *[3]uint64 {
	var set [3]uint64
	for _, r := range p.reads {
		set[0], set[1] = set[0]|r[0], set[1]|r[1]
		if r[2] != 0 {
			set[outside/64] |= 1 << (outside % 64)
		}
	}
	return &set
}

// fits reports whether text may be a whole match, for an expression
// whose matches are their whole text: every character of it one the
// expression reads.
func (sh *exprShape) fits(text []byte) bool {
	if sh.tried == nil || sh.tried.within == nil {
		return true
	}
	within := sh.tried.within
	for _, b := range text {
		c := min(int(b), outside)
		if within[c/64]&(1<<(c%64)) == 0 {
			return false
		}
	}
	return true
}

// leadTableOf builds the leadTable of the expression whose prefixNFA is
// p from its deterministic steps (see determinize), which number the sets
// nearest the start first; nil when a match may be empty, or when it has
// more sets than determinize keeps.
func leadTableOf(p *prefixNFA) *leadTable {
	if p.startMatches || p.dfa == nil {
		return nil
	}
	steps := make([][outside + 1]uint8, min(len(p.dfa)>>8, maxLeadStates))
	for s := range steps {
		for c := range steps[s] {
			switch v := p.dfa[s<<8|c]; {
			case v == prefixDead:
				steps[s][c] = leadDead
			case v == prefixMatch || int(v) >= len(steps):
				steps[s][c] = leadLeave
			default:
				steps[s][c] = uint8(leadFirst + int(v))
			}
		}
	}
	t := &leadTable{}
	var states []byte
	t.class, t.n, states = charColumns(steps)
	t.states = string(states)
	return t
}

// charColumns gives the characters that every state steps alike one column:
// it returns each character's column, how many there are, and the steps
// by state, then column.
func charColumns(steps [][outside + 1]uint8) (class [outside + 1]uint8, n int, table []byte) {
	ids := map[string]uint8{}
	col := make([]byte, len(steps))
	for c := range class {
		for s := range steps {
			col[s] = steps[s][c]
		}
		k, ok := ids[string(col)]
		if !ok {
			k = uint8(len(ids))
			ids[string(col)] = k
		}
		class[c] = k
	}
	n = len(ids)
	table = make([]byte, len(steps)*n)
	for s := range steps {
		for c := range class {
			table[s*n+int(class[c])] = steps[s][c]
		}
	}
	return class, n, table
}

// edgeAnchored reports whether n opens every branch with ^ and asks
// nothing else of the text around a character, but for a $ that closes
// every branch when whole is set.
func edgeAnchored(n *syntax.Regexp, whole bool) bool {
	switch n.Op {
	case syntax.OpCapture:
		return edgeAnchored(n.Sub[0], whole)
	case syntax.OpAlternate:
		return !slices.ContainsFunc(n.Sub, func(b *syntax.Regexp) bool { return !edgeAnchored(b, whole) })
	case syntax.OpConcat:
		subs := n.Sub
		if len(subs) < 2 || subs[0].Op != syntax.OpBeginText {
			return false
		}
		subs = subs[1:]
		if whole {
			if subs[len(subs)-1].Op != syntax.OpEndText {
				return false
			}
			subs = subs[:len(subs)-1]
		}
		return !slices.ContainsFunc(subs, asksAround)
	}
	return false
}

// asksAround reports whether n holds an assertion: ^, $, \b or \B.
func asksAround(n *syntax.Regexp) bool {
	switch n.Op {
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	}
	return slices.ContainsFunc(n.Sub, asksAround)
}

// textTableOf builds the textTable of the expression re, whose prefixNFA
// is p, or returns nil when it does not qualify or needs too many states.
func textTableOf(p *prefixNFA, re *syntax.Regexp) *textTable {
	whole := spansText(re)
	if !edgeAnchored(re, whole) {
		return nil
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return nil
	}
	for i := range prog.Inst {
		// The automaton reads every character beyond ASCII as one: an
		// instruction must read them all, or none.
		if rs := mergeRanges(outsideRanges(&prog.Inst[i])); rs != nil && !slices.Equal(rs, []rune{utf8.RuneSelf, unicode.MaxRune}) {
			return nil
		}
	}
	// step is prefixNFA.step reading on past a match: the set reached on
	// c, and whether a match may end there.
	step := func(cur, next []uint64, c int) (ends bool) {
		clear(next)
		for w, word := range cur {
			for ; word != 0; word &= word - 1 {
				pc := w*64 + bits.TrailingZeros64(word)
				if p.reads[pc][c/64]&(1<<(c%64)) == 0 {
					continue
				}
				ends = ends || p.matches[pc]
				for k, x := range p.sets[pc] {
					next[k] |= x
				}
			}
		}
		return ends
	}
	type state struct {
		set  [maxPrefixInsts / 64]uint64
		ends bool
	}
	start := state{ends: p.startMatches}
	copy(start.set[:], p.start)
	ids := map[state]int{start: 0}
	states := []state{start}
	var steps [][outside + 1]uint8
	for i := 0; i < len(states); i++ {
		var row [outside + 1]uint8
		for c := 0; c <= outside; c++ {
			var next state
			next.ends = step(states[i].set[:p.words], next.set[:p.words], c)
			if next.set == ([maxPrefixInsts / 64]uint64{}) && !next.ends {
				continue // 0: no match goes on
			}
			id, ok := ids[next]
			if !ok {
				if len(states) == maxTextStates {
					return nil
				}
				id = len(states)
				ids[next] = id
				states = append(states, next)
			}
			row[c] = uint8(1 + id)
		}
		steps = append(steps, row)
	}
	t := &textTable{whole: whole}
	var next []byte
	t.class, t.n, next = charColumns(steps)
	ends := make([]byte, len(steps))
	for s := range steps {
		if states[s].ends {
			ends[s] = 1
		}
	}
	t.next, t.ends = string(next), string(ends)
	return t
}

// matches reports whether the expression matches text, as re.Match would.
func (t *textTable) matches(text []byte) bool {
	s := 0
	for i := 0; ; {
		if !t.whole && t.ends[s] == 1 {
			return true // a match ended: what follows does not matter
		}
		if i == len(text) {
			return t.ends[s] == 1
		}
		c, size := charAt(text, i)
		v := t.next[s*t.n+int(t.class[c])]
		if v == 0 {
			return false
		}
		s = int(v - 1)
		i += size
	}
}

// mayStartAt reports whether a match may start at text[i], which ends
// where the expression's text would.
func (t *leadTable) mayStartAt(text []byte, i int) bool {
	s := 0
	for i < len(text) {
		c, size := charAt(text, i)
		switch v := t.states[s*t.n+int(t.class[c])]; v {
		case leadDead:
			return false
		case leadLeave:
			return true
		default:
			s = int(v - leadFirst)
		}
		i += size
	}
	return false // the text ended before a match could
}

// mayStartIn reports whether a match may start somewhere in text, as
// the lead table and first bytes tell; true when they are not known.
func (sh *exprShape) mayStartIn(text []byte) bool {
	if sh.tried == nil || sh.tried.lead == nil {
		return true
	}
	for _, f := range sh.first {
		for i := 0; ; i++ {
			k := bytes.IndexByte(text[i:], f[0])
			if k < 0 {
				break
			}
			if i += k; sh.tried.lead.mayStartAt(text, i) {
				return true
			}
		}
	}
	return false
}

// mayOpen reports whether a match may start at text's start, for an
// expression that matches only there.
func (sh *exprShape) mayOpen(text []byte) bool {
	t := sh.tried
	if t == nil || t.opens == nil {
		return true
	}
	if len(text) == 0 || bytes.IndexByte(t.opens, text[0]) < 0 {
		return false
	}
	if t.pairs == nil {
		return true
	}
	c, size := charAt(text, 0)
	for _, e := range t.pairs {
		if int(e.first) == c {
			if size == len(text) {
				return true // one character: the regexp decides
			}
			d, _ := charAt(text, size)
			return e.next[d/64]&(1<<(d%64)) != 0
		}
	}
	return false
}

// holds reports whether text holds one of the strings every match needs;
// with no need known, a match may be anywhere.
func (sh *exprShape) holds(text []byte) bool {
	if sh.need == nil {
		return true
	}
	for _, s := range sh.need {
		if indexNeed(text, s, sh.fold) >= 0 {
			return true
		}
	}
	return false
}

// shape returns the whole expression's shape, worked out on first use.
func (cp *compiledPattern) shape() *exprShape {
	cp.shapeOnce.Do(func() {
		if whole, _, ok := cp.storedShapes(); ok {
			cp.shaped = whole
			return
		}
		cp.shaped = shapeOf(cp.source(), cp.thorough)
		if sh := &cp.shaped; sh.need == nil && sh.starts.strs != nil {
			sh.need, sh.fold = sh.starts.strs, sh.starts.fold // every match holds its start
		}
	})
	return &cp.shaped
}

// reach narrows [lo, hi), a window around a word at [start, end) that
// every match there holds (a lead, a trigger worked out from the
// expression), to where such a match can be: one that spans at most
// cp.runs runs of white space starts after the run before the word that
// follows that many others, and ends before the like run after it.
func (cp *compiledPattern) reach(src []byte, lo, hi, start, end int) (int, int) {
	runs := cp.shape().runs
	if runs < 0 {
		return lo, hi
	}
	return spaceCut(src, start, lo, -1, runs), spaceCut(src, end, hi, 1, runs)
}

// spaceCut walks src from i towards limit (dir 1: forward over
// src[i:limit]; -1: back over src[limit:i]) past runs runs of white space,
// and returns where the next run begins, seen from i, and one byte of it:
// a match holding at most runs of them, and the place it holds, reaches no
// further. Without such a run, it returns limit.
//
// The byte of white space kept keeps a text cut there from meeting ^, $
// and \b where the whole text does not: at its edge, ^ or $ would hold,
// but no match can reach it, as it would hold one run too many.
func spaceCut(src []byte, i, limit, dir, runs int) int {
	in := false
	for k := i; dir > 0 && k < limit || dir < 0 && k > limit; k += dir {
		at := k
		if dir < 0 {
			at = k - 1
		}
		sp := isSpaceByte(src[at])
		if sp && !in {
			if runs == 0 {
				return k + dir
			}
			runs--
		}
		in = sp
	}
	return limit
}

// lineCut is spaceCut for line breaks: it walks src from i towards limit
// past lines line breaks, and returns where the next one stands, keeping
// it in the window as spaceCut keeps a byte of white space (dir 1: just
// past it; -1: at it), or limit when there is none.
func lineCut(src []byte, i, limit, dir, lines int) int {
	if dir > 0 {
		for k := i; k < limit; {
			j := bytes.IndexByte(src[k:limit], '\n')
			if j < 0 {
				break
			}
			if lines == 0 {
				return k + j + 1
			}
			lines, k = lines-1, k+j+1
		}
		return limit
	}
	for k := i; k > limit; {
		j := bytes.LastIndexByte(src[limit:k], '\n')
		if j < 0 {
			break
		}
		if lines == 0 {
			return limit + j
		}
		lines, k = lines-1, limit+j
	}
	return limit
}

// indexNeed returns where s first stands in text, or -1: with ASCII
// letters in either case when fold is set (s is in lower case). It jumps
// from one place the rarest byte of s stands (see byteCommon), in either
// case, to the next, and compares the rest there: " i" is looked for
// where an i stands, not at every space.
func indexNeed(text, s []byte, fold bool) int {
	j := rarestByte(s)
	switch {
	case !fold && len(s) == 1:
		return bytes.IndexByte(text, s[0])
	case !fold && j == 0:
		return bytes.Index(text, s)
	}
	c := s[j]
	lower, upper := c, c
	if fold && 'a' <= lower && lower <= 'z' {
		upper = lower - 'a' + 'A'
	}
	nextLower, nextUpper := -2, -2 // -2: not looked for yet; -1: nowhere
	for i := j; i+len(s)-j <= len(text); {
		if nextLower != -1 && nextLower < i {
			if nextLower = bytes.IndexByte(text[i:], lower); nextLower >= 0 {
				nextLower += i
			}
		}
		if upper == lower {
			nextUpper = nextLower
		} else if nextUpper != -1 && nextUpper < i {
			if nextUpper = bytes.IndexByte(text[i:], upper); nextUpper >= 0 {
				nextUpper += i
			}
		}
		at := nextLower
		if at < 0 || nextUpper >= 0 && nextUpper < at {
			at = nextUpper
		}
		if at < 0 || at+len(s)-j > len(text) {
			return -1
		}
		if start := at - j; equalNeed(text[start:start+len(s)], s, fold) {
			return start
		}
		i = at + 1
	}
	return -1
}

// equalNeed reports whether t is s, with ASCII letters in either case
// when fold is set.
func equalNeed(t, s []byte, fold bool) bool {
	if !fold {
		return bytes.Equal(t, s)
	}
	for k := range s {
		if lowerASCII(t[k]) != s[k] {
			return false
		}
	}
	return true
}

// rarestByte returns the index of the byte of s that text holds least
// often, by byteCommon: the first of the rarest.
func rarestByte(s []byte) int {
	j := 0
	for k := 1; k < len(s); k++ {
		if byteCommon[s[k]] < byteCommon[s[j]] {
			j = k
		}
	}
	return j
}

// byteCommon ranks bytes by how often prose holds them: white space most,
// then the letters by their frequency in English (either case, as folded
// needs are looked for), then common marks and digits; any other byte,
// and every byte outside ASCII, least.
var byteCommon = func() (t [256]uint8) {
	for i, c := range []byte(" etaoinshrdlcumwfgypbvkjxqz") {
		rank := uint8(60 - i)
		t[c] = rank
		if 'a' <= c && c <= 'z' {
			t[c-'a'+'A'] = rank
		}
	}
	for _, c := range []byte("\n.,'0123456789-\t\r") {
		t[c] = max(t[c], 20)
	}
	return t
}()

// windows calls fn with the parts of src[lo:hi] the expression can match
// in: around each place a string it needs stands, as far as a match
// holding it can reach (see spaceCut), the parts that touch merged; all of
// it when the expression needs nothing, can span any number of words, or
// is tried only where its prefix lets it (see triesByPrefix). Every match
// lies in one of them, and is found there as in the whole.
//
// Where a match may hold any number of runs of white space but only so
// many line breaks (`^[^`\n]*` ... on a line of its own), the windows are
// cut at line breaks instead (see lineCut).
func (cp *compiledPattern) windows(src []byte, lo, hi int, fn func(lo, hi int)) {
	sh := cp.shape()
	cut, n := spaceCut, sh.runs
	if n < 0 {
		cut, n = lineCut, sh.lines
	}
	if sh.need == nil || n < 0 || (sh.first != nil || sh.starts.strs == nil && weakNeed(sh.need)) && cp.prefixTried(hi-lo) {
		fn(lo, hi)
		return
	}
	next := needCache()
	wlo, whi := -1, -1
	for p := lo; p < hi; {
		at, size := sh.nextNeed(src[:hi], p, &next)
		if at < 0 {
			break
		}
		a, b := cut(src, at, lo, -1, n), cut(src, at+size, hi, 1, n)
		p = at + 1
		// The strings that stand before b are in this window too, and
		// the reach of the one that ends last goes furthest (a cut moves
		// on with the place it is seen from): only that one is cut from,
		// not each "a" of a window around (?i)a.k.a.
		for {
			end := -1
			for {
				at, size := sh.nextNeed(src[:hi], p, &next)
				if at < 0 || at >= b {
					break
				}
				end, p = max(end, at+size), at+1
			}
			if end < 0 {
				break
			}
			if c := cut(src, end, hi, 1, n); c > b {
				b = c
				continue
			}
			break
		}
		if wlo >= 0 && a <= whi {
			whi = max(whi, b)
		} else {
			if wlo >= 0 {
				fn(wlo, whi)
			}
			wlo, whi = a, b
		}
	}
	if wlo >= 0 {
		fn(wlo, whi)
	}
}

// triesByPrefix tells whether each, about to run on n bytes an
// expression with no start strings, tries it only where its prefix lets
// it (see eachFromPrefix), going from one of its first bytes to the next
// when it has them. Windows around the strings a match needs then save
// little: where the first bytes are known, looking for them costs about
// what looking for the strings does; where a string needed is a common
// letter (the "e" of \b(?:eg|e\.g\.)), cutting a window around each
// costs more than the prefix's steps over the text (see weakNeed).
// It returns what eachFromPrefix needs when it does, nil when not.
func (cp *compiledPattern) triesByPrefix(n int) (pf *prefixNFA, atStart, after *regexp.Regexp) {
	if !cp.prefixWanted(n) {
		return nil, nil, nil
	}
	return cp.prefixScan()
}

// prefixTried is triesByPrefix's answer alone.
func (cp *compiledPattern) prefixTried(n int) bool {
	pf, _, _ := cp.triesByPrefix(n)
	return pf != nil
}

// weakNeed reports whether one of the strings a match needs is a lone
// common letter, which stands every few bytes of prose.
func weakNeed(need [][]byte) bool {
	return slices.ContainsFunc(need, func(s []byte) bool { return len(s) == 1 && commonLetter(s[0]) })
}

// needCache returns what nextOf keeps between calls: where each of up to
// maxNext strings stands next, -2 before it is looked for.
func needCache() (next [maxNext]int) {
	for i := range next {
		next[i] = -2
	}
	return next
}

// nextNeed returns where the first of the strings every match needs stands
// in text from p on, and its length, or -1 (see nextOf).
func (sh *exprShape) nextNeed(text []byte, p int, next *[maxNext]int) (at, size int) {
	return nextOf(sh.need, sh.fold, text, p, next)
}

// nextOf returns where the first of strs (folded as indexNeed does) stands
// in text from p on, and its length, or -1. next holds where each stands
// next, or -1 when nowhere: with p only growing, each is looked for again
// only once p has passed it.
func nextOf(strs [][]byte, fold bool, text []byte, p int, next *[maxNext]int) (at, size int) {
	at = -1
	for i, s := range strs {
		if next[i] == -2 || next[i] >= 0 && next[i] < p {
			next[i] = -1
			if k := indexNeed(text[p:], s, fold); k >= 0 {
				next[i] = p + k
			}
		}
		if next[i] >= 0 && (at < 0 || next[i] < at) {
			at, size = next[i], len(s)
		}
	}
	return at, size
}

// proseHolding calls fn with each prose segment of d that holds one of
// the strings every match needs (see needOf), or with every prose segment
// when the expression needs none. The strings are looked for in the whole
// text, from one prose segment to the next, not segment by segment: real
// replies have a prose segment every few dozen bytes, between links, code
// and markup, and most hold none of a rule's rare marks ("$", "...").
func (cp *compiledPattern) proseHolding(d *Document, fn func(Segment)) {
	sh := cp.shape()
	segs := d.Segments
	if sh.need == nil {
		for _, g := range segs {
			if g.Kind == Prose {
				fn(g)
			}
		}
		return
	}
	next := needCache()
	k := 0 // the segment holding p, or after it
	for p := 0; ; {
		at, _ := sh.nextNeed(d.Src, p, &next)
		if at < 0 {
			return
		}
		for k < len(segs) && (segs[k].End <= at || segs[k].Kind != Prose) {
			k++
		}
		if k == len(segs) {
			return
		}
		g := segs[k]
		if at >= g.Start {
			fn(g) // it holds at
			k++
			if k == len(segs) {
				return
			}
		}
		p = segs[k].Start
	}
}

// byParagraph reports whether the expression must run on each paragraph
// of the prose alone, as the paragraph is the widest text a match
// covers: a match of it may hold a line break, or it looks for the end of
// its text ($ without (?m)) or for its start (^ without (?m), \A), and so
// it could cross a blank line, or end at a segment's end or start at its
// start but not at a paragraph's. Others run on whole segments, with the
// same matches.
//
// An image stores the answer: working it out parses the expression, which
// a pattern run on every draft would do at every start.
func (cp *compiledPattern) byParagraph() bool {
	if cp.spanStored {
		return cp.spansLines
	}
	cp.spanOnce.Do(func() {
		re, err := syntax.Parse(cp.source(), syntax.Perl)
		cp.spansLines = err != nil || matchesNewline(re) || readsTextEdge(re)
	})
	return cp.spansLines
}

// atTextEdges reports whether the expression asks for the start or the end
// of the text or of a line (^, $, \A, \z): under scope sentence, those are
// a sentence's, as Vale runs such a rule on each sentence apart.
func (cp *compiledPattern) atTextEdges() bool {
	cp.edgeOnce.Do(func() {
		re, err := syntax.Parse(cp.source(), syntax.Perl)
		cp.textEdges = err == nil && hasTextEdge(re)
	})
	return cp.textEdges
}

func hasTextEdge(n *syntax.Regexp) bool {
	switch n.Op {
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
		return true
	}
	return slices.ContainsFunc(n.Sub, hasTextEdge)
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// asciiFolds reports whether r is an ASCII letter whose other case is the
// only other rune (?i) matches for it: not k or s, which also match the
// Kelvin sign and the long s.
func asciiFolds(r rune) bool {
	if r >= utf8.RuneSelf || unicode.SimpleFold(r) == r {
		return false
	}
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// maxNext is the most strings nextOf looks for: needs, first bytes, starts.
const maxNext = maxStarts

// maxNeed is the most strings needOf offers for one match: past it, a text
// likely holds one, and looking for them all costs more than it saves.
const maxNeed = 6

// needOf returns strings of which every match of n holds one, with ok
// false when it knows none: the best of those a sequence holds (longest,
// then fewest), for each branch of an alternation. In a literal folded by
// (?i), ASCII letters are needed in either case (fold is set, and they are
// lower case); other letters with a case are left out. White space is
// never needed, as every text has it.
func needOf(n *syntax.Regexp) (need [][]byte, fold, ok bool) { return needUpTo(n, maxNeed) }

// needUpTo is needOf offering at most limit strings.
func needUpTo(n *syntax.Regexp, limit int) (need [][]byte, fold, ok bool) {
	switch n.Op {
	case syntax.OpLiteral:
		folded := n.Flags&syntax.FoldCase != 0
		var best, run []rune
		for i := 0; i <= len(n.Rune); i++ {
			if i < len(n.Rune) {
				r := n.Rune[i]
				if folded && asciiFolds(r) {
					run = append(run, unicode.ToLower(r))
					continue
				}
				if !unicode.IsSpace(r) && (!folded || unicode.SimpleFold(r) == r) {
					run = append(run, r)
					continue
				}
			}
			if len(string(run)) > len(string(best)) {
				best = run
			}
			run = nil
		}
		if len(best) == 0 {
			return nil, false, false
		}
		return [][]byte{[]byte(string(best))}, folded, true
	case syntax.OpCharClass:
		for i := 0; i+1 < len(n.Rune); i += 2 {
			if int(n.Rune[i+1]-n.Rune[i]) >= limit {
				return nil, false, false
			}
			for r := n.Rune[i]; r <= n.Rune[i+1]; r++ {
				if unicode.IsSpace(r) || len(need) == limit {
					return nil, false, false
				}
				need = append(need, []byte(string(r)))
			}
		}
		return need, false, len(need) > 0
	case syntax.OpCapture, syntax.OpPlus:
		return needUpTo(n.Sub[0], limit)
	case syntax.OpRepeat:
		if n.Min < 1 {
			return nil, false, false
		}
		need, fold, ok = needUpTo(n.Sub[0], limit)
		if n.Min >= 2 && n.Sub[0].Op == syntax.OpCharClass && len(need)*len(need) <= limit {
			// "[!?]{2,}": two marks in a row, which text holds far less often than one.
			var pairs [][]byte
			for _, a := range need {
				for _, b := range need {
					pairs = append(pairs, append(slices.Clip(a), b...))
				}
			}
			need = pairs
		}
		return need, fold, ok
	case syntax.OpConcat:
		for _, c := range n.Sub {
			if cn, cfold, cok := needUpTo(c, limit); cok && (!ok || betterNeed(cn, need)) {
				need, fold, ok = cn, cfold, true
			}
		}
		return need, fold, ok
	case syntax.OpAlternate:
		for _, c := range n.Sub {
			cn, cfold, cok := needUpTo(c, limit)
			if !cok {
				return nil, false, false
			}
			// Folded, a string without letters is compared as it is, and
			// one with them in either case: one more text may pass, none less.
			fold = fold || cfold
			for _, s := range cn {
				if !slices.ContainsFunc(need, func(t []byte) bool { return bytes.Equal(s, t) }) {
					need = append(need, s)
				}
			}
			if len(need) > limit {
				return nil, false, false
			}
		}
		return need, fold, len(need) > 0
	}
	return nil, false, false
}

// betterNeed reports whether need a is likely rarer in text than b: its
// shortest string is longer ("ly-" against "-"), or as long with fewer strings.
func betterNeed(a, b [][]byte) bool {
	shortest := func(n [][]byte) int {
		m := len(n[0])
		for _, s := range n[1:] {
			m = min(m, len(s))
		}
		return m
	}
	if sa, sb := shortest(a), shortest(b); sa != sb {
		return sa > sb
	}
	return len(a) < len(b)
}

// branch is one branch of an anchored pattern: its leads and its gate.
type branch struct {
	leads []string
	gate  [][]uint64
}

// branchGates splits an anchored pattern's leads by the branches of its
// top-level alternation, so that each lead waits only for its own branch's
// words; with no alternation, or when a branch has no leads of its own, all
// leads are one branch.
func branchGates(re *syntax.Regexp, leads []string) []branch {
	n := re
	for {
		switch {
		case n.Op == syntax.OpCapture:
			n = n.Sub[0]
			continue
		case n.Op == syntax.OpConcat && len(n.Sub) == 2 && n.Sub[0].Op == syntax.OpWordBoundary:
			n = n.Sub[1] // \b(A|B), as the parser factors \bA|\bB
			continue
		}
		break
	}
	if n.Op == syntax.OpAlternate {
		var out []branch
		for _, c := range n.Sub {
			bl := leadPhrases(c)
			if bl == nil {
				out = nil
				break
			}
			out = append(out, branch{leads: bl, gate: gateSets(deriveTriggers(c), bl)})
		}
		if out != nil {
			return out
		}
	}
	return []branch{{leads: leads, gate: gateSets(deriveTriggers(re), leads)}}
}

// maxGateSets bounds the sets a branch's gate waits for.
const maxGateSets = 2

// keptGates returns the sets of a branch's gate worth waiting for: the
// best ones without a common word of the language ("you", "the"), sorted
// hashes. The pass notes every word of a gate, and a set such a word meets
// almost everywhere would cost more than it saves. Kept again, they stay.
func keptGates(gate [][]uint64, common []uint64) [][]uint64 {
	var kept [][]uint64
	for _, set := range gate {
		if len(kept) < maxGateSets && !slices.ContainsFunc(set, func(h uint64) bool { _, in := slices.BinarySearch(common, h); return in }) {
			kept = append(kept, set)
		}
	}
	return kept
}

// apostrophes counts the apostrophes in w.
func apostrophes(w string) int {
	n := 0
	for _, r := range w {
		if isApostrophe(r) {
			n++
		}
	}
	return n
}

// gateSets turns word sets into hash sets for the gate, sorted. A set
// with a word the scanner would not see as one word, or with more parts
// between apostrophes than pieces has, is left out, as is one
// that holds the first word of every lead: each lead meets it already.
func gateSets(sets [][]string, leads []string) [][]uint64 {
	var out [][]uint64
	for _, set := range sets {
		hashes := make([]uint64, 0, len(set))
		for _, w := range set {
			h := hashWord(w)
			if h == 0 || apostrophes(w) >= maxPieceParts {
				hashes = nil // not one word, or longer than the pieces noted
				break
			}
			hashes = append(hashes, h)
		}
		if hashes == nil {
			continue
		}
		slices.Sort(hashes)
		hashes = slices.Compact(hashes)
		if !slices.ContainsFunc(leads, func(l string) bool {
			phrase, _ := splitLead(l)
			_, in := slices.BinarySearch(hashes, hashWord(firstWord(phrase)))
			return !in
		}) {
			continue
		}
		out = append(out, hashes)
	}
	return out
}

// byteSet is a set of ASCII characters.
type byteSet [2]uint64

func (s *byteSet) add(c byte)           { s[c/64] |= 1 << (c % 64) }
func (s byteSet) and(t byteSet) byteSet { return byteSet{s[0] & t[0], s[1] & t[1]} }
func (s byteSet) or(t byteSet) byteSet  { return byteSet{s[0] | t[0], s[1] | t[1]} }

func (s byteSet) bytes() []byte {
	var out []byte
	for c := 0; c < 128; c++ {
		if s[c/64]&(1<<(c%64)) != 0 {
			out = append(out, byte(c))
		}
	}
	return out
}

// heldPunct returns the ASCII punctuation and digits that every match of n
// holds. Case folding never changes them; a space and an apostrophe are left
// out, as matching loosens them (loosenSource).
func heldPunct(n *syntax.Regexp) byteSet {
	var s byteSet
	lit := func(r rune) {
		if r > ' ' && r < utf8.RuneSelf && r != '\'' && !unicode.IsLetter(r) {
			s.add(byte(r))
		}
	}
	switch n.Op {
	case syntax.OpLiteral:
		for _, r := range n.Rune {
			lit(r)
		}
	case syntax.OpCharClass:
		if len(n.Rune) == 2 && n.Rune[0] == n.Rune[1] {
			lit(n.Rune[0])
		}
	case syntax.OpCapture, syntax.OpPlus:
		s = heldPunct(n.Sub[0])
	case syntax.OpRepeat:
		if n.Min > 0 {
			s = heldPunct(n.Sub[0])
		}
	case syntax.OpConcat:
		for _, c := range n.Sub {
			s = s.or(heldPunct(c))
		}
	case syntax.OpAlternate:
		s = heldPunct(n.Sub[0])
		for _, c := range n.Sub[1:] {
			s = s.and(heldPunct(c))
		}
	}
	return s
}

// canMatchAny reports whether some match of n can contain one of chars.
func canMatchAny(n *syntax.Regexp, chars string) bool {
	switch n.Op {
	case syntax.OpLiteral:
		for _, r := range n.Rune {
			if strings.ContainsRune(chars, r) {
				return true
			}
		}
		return false
	case syntax.OpCharClass:
		for _, c := range chars {
			for i := 0; i+1 < len(n.Rune); i += 2 {
				if n.Rune[i] <= c && c <= n.Rune[i+1] {
					return true
				}
			}
		}
		return false
	case syntax.OpAnyChar:
		return true
	case syntax.OpAnyCharNotNL:
		return strings.ContainsFunc(chars, func(r rune) bool { return r != '\n' })
	}
	for _, c := range n.Sub {
		if canMatchAny(c, chars) {
			return true
		}
	}
	return false
}

// regexp returns the expression made case-insensitive, with ' matching any
// apostrophe and a space any white space. The expression parsed when the rule
// was loaded, so this cannot fail but for a bug; then the rule finds nothing.
func (cp *compiledPattern) regexp() *regexp.Regexp {
	cp.once.Do(func() { cp.re, _ = regexp.Compile(cp.source()) })
	return cp.re
}

// each calls fn with the span of every match of the expression in text, in
// order: with a native scan when the expression has one, else with the
// regexp (compiled on first use).
func (cp *compiledPattern) each(text []byte, fn func(start, end int)) {
	if cp.nativeKind() != nativeNone {
		scanNative(cp.native, cp.lit, text, fn)
		return
	}
	if sh := cp.shape(); sh.first == nil && sh.starts.strs != nil {
		cp.eachFromStarts(&sh.starts, text, fn)
		return
	}
	re := cp.regexp()
	if re == nil {
		return
	}
	if pf, atStart, after := cp.triesByPrefix(len(text)); pf != nil {
		// Tried, anchored, only where the prefix lets it; with first
		// bytes, only at those it does not turn away: a common one ("a")
		// is no longer where a search through the rest of the text begins.
		cp.eachFromPrefix(pf, cp.shape().first, atStart, after, text, fn)
		return
	}
	if first := cp.shape().first; first != nil {
		// Run from the first place a match can start: no match starts
		// before it, and nothing before it changes one that starts there.
		next := needCache()
		for p := 0; p < len(text); {
			k, _ := nextOf(first, false, text, p, &next)
			if k < 0 {
				return
			}
			loc := re.FindIndex(text[k:])
			if loc == nil {
				return
			}
			fn(k+loc[0], k+loc[1])
			p = k + loc[1]
		}
		return
	}
	if f := cp.alternatives(); f != nil {
		if re = f.regexpFor(text, re); re == nil {
			return // no alternative's words are in the text
		}
	}
	for _, loc := range re.FindAllIndex(text, -1) {
		fn(loc[0], loc[1])
	}
}

// alternatives returns the filter of a pattern of many alternatives (see
// altFilter), built on first use, or nil.
func (cp *compiledPattern) alternatives() *altFilter {
	cp.altOnce.Do(func() { cp.alts = newAltFilter(cp.expr, cp.looseSpaces(), !cp.aposAsWritten, cp.matchCase) })
	return cp.alts
}

// looseSpaces reports whether a space in the expression stands for any
// white space: not where matches may stand inside words, nor in the raw
// text, where the expression reads as written (as Vale's does).
func (cp *compiledPattern) looseSpaces() bool { return !cp.inWords && !cp.raw }

func (cp *compiledPattern) source() string {
	src := loosenSource(cp.expr, cp.looseSpaces(), !cp.aposAsWritten)
	if cp.matchCase {
		src = strings.TrimPrefix(src, "(?i)")
	}
	return src
}

// anchoredPart is one branch of the top-level alternation of an anchored
// pattern (or the whole expression), compiled on its own and anchored. At a
// lead the parts are tried in order, and the first that matches gives the
// match, as the whole expression would: RE2 prefers the earlier branch.
// A long alternation is too large a program for regexp to backtrack, and
// the machine it runs instead starts a thread for every branch at every
// lead; one branch alone is backtracked.
type anchoredPart struct {
	shape exprShape
	src   string // compiled on first use when re is nil
	once  sync.Once
	re    *regexp.Regexp
}

// regexp returns the part compiled, or nil when it does not compile.
func (p *anchoredPart) regexp() *regexp.Regexp {
	p.once.Do(func() {
		if p.re == nil {
			p.re, _ = regexp.Compile(p.src)
		}
	})
	return p.re
}

// anchoredRegexps returns the parts of the expression, each anchored at the
// start of the text it runs on: they are tried only where a lead phrase
// begins. It returns nil when the expression does not compile.
func (cp *compiledPattern) anchoredRegexps() []anchoredPart {
	cp.anchoredOnce.Do(func() {
		src, split := cp.anchoredSource(), cp.long && !cp.thorough
		if _, shapes, ok := cp.storedShapes(); ok {
			// The image's parts compiled when it was made: each is
			// compiled now only when first tried.
			srcs := partSources(src, split)
			if len(shapes) == 1 {
				srcs = []string{src} // the whole: parts, or one that did not stand alone
			}
			if len(shapes) == len(srcs) {
				cp.anchoredParts = make([]anchoredPart, len(srcs))
				for i, s := range srcs {
					cp.anchoredParts[i].shape, cp.anchoredParts[i].src = shapes[i], `^(?:`+s+`)`
				}
				return
			}
		}
		cp.anchoredParts = anchorParts(src, split, cp.thorough)
	})
	return cp.anchoredParts
}

// storeShapes returns the shapes an image keeps for cp: the whole
// expression's and, for an anchored one, each part's.
func (cp *compiledPattern) storeShapes() string {
	var w imageWriter
	w.shape(cp.shape())
	var parts []anchoredPart
	if cp.anchored {
		parts = cp.anchoredRegexps()
	}
	w.uint(uint64(len(parts)))
	for i := range parts {
		w.shape(&parts[i].shape)
	}
	return string(w.buf)
}

// storedShapes decodes the shapes an image keeps for cp, with ok false
// when it keeps none or cp is thorough.
func (cp *compiledPattern) storedShapes() (whole exprShape, parts []exprShape, ok bool) {
	if cp.stored == "" || cp.thorough {
		return whole, nil, false
	}
	r := imageReader{data: cp.stored}
	whole, parts = r.shape(), readList(&r, r.shape)
	return whole, parts, r.err == nil && r.data == ""
}

// anchoredSource is the source the expression runs from at a lead: the
// whole, or with a look-back, the rest after it.
func (cp *compiledPattern) anchoredSource() string {
	if cp.behind != nil {
		return (&compiledPattern{expr: cp.rest, matchCase: cp.matchCase, aposAsWritten: cp.aposAsWritten}).source()
	}
	return cp.source()
}

// anchorParts compiles src anchored: whole, or with split, a part for each
// branch of its top-level alternation. It returns nil when src does not
// compile.
func anchorParts(src string, split, thorough bool) []anchoredPart {
	if srcs := partSources(src, split); len(srcs) > 1 {
		parts := make([]anchoredPart, 0, len(srcs))
		for _, s := range srcs {
			re, err := regexp.Compile(`^(?:` + s + `)`)
			if err != nil {
				break // a branch that does not stand alone: run the whole
			}
			parts = append(parts, anchoredPart{shape: shapeOf(s, thorough), re: re})
		}
		if len(parts) == len(srcs) {
			return parts
		}
	}
	whole, err := regexp.Compile(`^(?:` + src + `)`)
	if err != nil {
		return nil
	}
	return []anchoredPart{{shape: shapeOf(src, thorough), re: whole}}
}

// partSources returns the expressions of src's parts: with split, each
// branch of its top-level alternation with the flags that open src; else,
// or with one branch, src.
func partSources(src string, split bool) []string {
	flags, branches := topBranches(src)
	if !split || len(branches) < 2 {
		return []string{src}
	}
	srcs := make([]string, len(branches))
	for i, b := range branches {
		srcs[i] = flags + b
	}
	return srcs
}

// maxBacktrackProg is the largest program regexp runs by backtracking (its
// own limit); a larger one runs on a slower machine.
const maxBacktrackProg = 500

// progSize returns the instructions of the program src compiles to.
func progSize(src string) int {
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return 0
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return 0
	}
	return len(prog.Inst)
}

// topBranches splits an expression's source at the bars of its top-level
// alternation, after the flags that open it ("(?i)"), which hold for every
// branch. It returns the whole as one part when there is no such bar, or
// when a flag is set later at the top level, where it would hold for the
// branches after it.
func topBranches(src string) (flags string, parts []string) {
	i := 0
	for flagGroup(src[i:]) {
		i += strings.IndexByte(src[i:], ')') + 1
	}
	flags = src[:i]
	depth, from := 0, i
	for j := i; j < len(src); {
		switch c := src[j]; {
		case c == '\\':
			if strings.HasPrefix(src[j:], `\Q`) {
				return flags, []string{src[i:]} // quoted text: not split
			}
			_, size := utf8.DecodeRuneInString(src[j+1:])
			j += 1 + size
			continue
		case c == '[':
			j = classEnd(src, j)
			continue
		case c == '(':
			if depth == 0 && flagGroup(src[j:]) {
				return flags, []string{src[i:]} // flags set midway
			}
			depth++
		case c == ')':
			depth--
		case c == '|' && depth == 0:
			parts = append(parts, src[from:j])
			from = j + 1
		}
		j++
	}
	return flags, append(parts, src[from:])
}

// flagGroup reports whether s starts with a group that sets flags for
// what follows it, such as "(?i)", not one that holds them, "(?i:…)".
func flagGroup(s string) bool {
	if !strings.HasPrefix(s, "(?") {
		return false
	}
	for k := 2; k < len(s); k++ {
		switch c := s[k]; {
		case c == ')':
			return true
		case c != '-' && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'):
			return false
		}
	}
	return false
}

// anchoredText returns the part of the text at a lead that a match of a
// part with shape sh can reach: all of it, or when a match holds at most k
// runs of white space, the text before the run after k others (an
// anchored "\b(is|was)\b\s*\b[\w]+ed\b" reaches "is done", not the rest of
// the sentence). ok is false when that part lacks what every match needs:
// the punctuation it holds (see mayMatch), or one of the strings of shape.
func (cp *compiledPattern) anchoredText(c *runCuts, sh *exprShape) (_ []byte, ok bool) {
	text := c.text
	if sh.runs >= 0 {
		text = text[:c.at(sh.runs)]
	}
	return text, cp.mayMatch(text) && sh.holds(text) && sh.holdsAll(text)
}

// runCuts finds where the runs of white space of a text begin, as spaceCut
// does from its start, walking no further than the parts of a pattern ask:
// each part of an alternation cuts the same text.
type runCuts struct {
	text []byte
	k    int  // walked up to here
	in   bool // text[k-1] is white space
	n    int  // runs found
	cuts [16]int
}

// at returns where run runs (from 0) of white space begins, and a byte,
// or the text's end without one: spaceCut(text, 0, len(text), 1, runs).
func (c *runCuts) at(runs int) int {
	if runs >= len(c.cuts) {
		return spaceCut(c.text, 0, len(c.text), 1, runs)
	}
	for c.n <= runs && c.k < len(c.text) {
		sp := isSpaceByte(c.text[c.k])
		if sp && !c.in {
			c.cuts[c.n] = c.k
			c.n++
		}
		c.in = sp
		c.k++
	}
	if runs < c.n {
		return c.cuts[runs] + 1
	}
	return len(c.text)
}

// spaceRuns returns the most runs of white space (RE2's \s) a match of n
// can hold, or -1 when it knows no bound or n looks for the start or end of
// the text or a line, which a cut text would move. A cut at white space
// keeps \b and \B as they are: white space is not a word character.
func spaceRuns(n *syntax.Regexp) int {
	switch n.Op {
	case syntax.OpEmptyMatch, syntax.OpNoMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary,
		syntax.OpBeginText, syntax.OpEndText, syntax.OpBeginLine, syntax.OpEndLine:
		return 0 // see spaceCut for ^ and $ where a text is cut
	case syntax.OpLiteral:
		runs, in := 0, false
		for _, r := range n.Rune {
			sp := r < utf8.RuneSelf && isSpaceByte(byte(r))
			if sp && !in {
				runs++
			}
			in = sp
		}
		return runs
	case syntax.OpCharClass:
		for i := 0; i+1 < len(n.Rune); i += 2 {
			for _, c := range "\t\n\f\r " {
				if n.Rune[i] <= c && c <= n.Rune[i+1] {
					return 1
				}
			}
		}
		return 0
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1
	case syntax.OpCapture, syntax.OpQuest:
		return spaceRuns(n.Sub[0])
	case syntax.OpStar, syntax.OpPlus, syntax.OpRepeat:
		sub := spaceRuns(n.Sub[0])
		if sub > 0 && onlySpace(n.Sub[0]) {
			return 1 // \s+: one run, however long
		}
		return repeatBound(n, sub)
	case syntax.OpConcat, syntax.OpAlternate:
		return sumOrMost(n, spaceRuns)
	}
	return -1
}

// lineRuns returns the most line breaks a match of n can hold, or -1
// when it knows no bound: [^`\n]* holds none, (?s:.)* any number.
func lineRuns(n *syntax.Regexp) int {
	switch n.Op {
	case syntax.OpEmptyMatch, syntax.OpNoMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary,
		syntax.OpBeginText, syntax.OpEndText, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpAnyCharNotNL:
		return 0 // see lineCut for ^ and $ where a text is cut
	case syntax.OpLiteral:
		k := 0
		for _, r := range n.Rune {
			if r == '\n' {
				k++
			}
		}
		return k
	case syntax.OpCharClass, syntax.OpAnyChar:
		if matchesNewline(n) {
			return 1
		}
		return 0
	case syntax.OpCapture, syntax.OpQuest:
		return lineRuns(n.Sub[0])
	case syntax.OpStar, syntax.OpPlus, syntax.OpRepeat:
		return repeatBound(n, lineRuns(n.Sub[0]))
	case syntax.OpConcat, syntax.OpAlternate:
		return sumOrMost(n, lineRuns)
	}
	return -1
}

// repeatBound is how many of something (runs of white space, line
// breaks) the repetition n holds when each of its parts holds sub: none,
// or no bound, as sub says; so many times sub when n counts its parts;
// no bound for * and +.
func repeatBound(n *syntax.Regexp, sub int) int {
	switch {
	case sub <= 0:
		return sub
	case n.Op == syntax.OpRepeat && n.Max >= 0:
		return n.Max * sub
	}
	return -1
}

// sumOrMost combines f over the parts of a concatenation (their sum) or
// the branches of an alternation (the most of them); -1, no bound, when
// one of them has none.
func sumOrMost(n *syntax.Regexp, f func(*syntax.Regexp) int) int {
	total := 0
	for _, c := range n.Sub {
		k := f(c)
		if k < 0 {
			return -1
		}
		if n.Op == syntax.OpConcat {
			total += k
		} else {
			total = max(total, k)
		}
	}
	return total
}

// onlySpace reports whether n matches white space and nothing else.
func onlySpace(n *syntax.Regexp) bool {
	if n.Op != syntax.OpCharClass && n.Op != syntax.OpLiteral {
		return false
	}
	for i := 0; i < len(n.Rune); i++ {
		lo, hi := n.Rune[i], n.Rune[i]
		if n.Op == syntax.OpCharClass {
			hi = n.Rune[i+1]
			i++
		}
		for r := lo; r <= hi; r++ {
			if r >= utf8.RuneSelf || !isSpaceByte(byte(r)) {
				return false
			}
		}
	}
	return len(n.Rune) > 0
}

// loosenSource rewrites an expression's source for matching: case-insensitive,
// ' for any apostrophe and, with spaces, a space for any white space (else a
// space is a space, as a Vale token that may match inside words wants:
// `[a-z]\. {2,}`). It works on the text, not the parsed tree: printing a tree
// with large classes, or folding \p{L} under (?i), costs milliseconds per
// pattern. Classes without letters, and Unicode classes (closed under case
// already), are kept out of (?i) for the same reason.
func loosenSource(expr string, spaces, apostrophes bool) string {
	var b strings.Builder
	b.WriteString("(?i)")
	for i := 0; i < len(expr); {
		c := expr[i]
		switch {
		case c == '\\' && i+1 < len(expr) && (expr[i+1] == 'p' || expr[i+1] == 'P'):
			j := i + 2
			if j < len(expr) && expr[j] == '{' {
				if k := strings.IndexByte(expr[j:], '}'); k >= 0 {
					j += k + 1
				}
			} else if j < len(expr) {
				j++
			}
			b.WriteString("(?-i:" + expr[i:j] + ")")
			i = j
		case c == '\\' && i+1 < len(expr):
			_, size := utf8.DecodeRuneInString(expr[i+1:])
			b.WriteString(expr[i : i+1+size])
			i += 1 + size
		case c == '[':
			j := classEnd(expr, i)
			class := expr[i:j]
			if strings.HasPrefix(class, "[^") && !classHasLetter(class) {
				b.WriteString("(?-i:" + class + ")")
			} else {
				b.WriteString(class)
			}
			i = j
		case c == '\'' && apostrophes:
			b.WriteString("['’ʼ‘]")
			i++
		case c == ' ' && spaces:
			b.WriteString(`(?:\s+)`)
			i++
		default:
			_, size := utf8.DecodeRuneInString(expr[i:])
			b.WriteString(expr[i : i+size])
			i += size
		}
	}
	return b.String()
}

// classEnd returns the index after the character class starting at i.
func classEnd(expr string, i int) int {
	j := i + 1
	if j < len(expr) && expr[j] == '^' {
		j++
	}
	if j < len(expr) && expr[j] == ']' {
		j++ // a leading ] is a literal
	}
	for j < len(expr) {
		switch expr[j] {
		case '\\':
			j += 2
			continue
		case '[':
			if strings.HasPrefix(expr[j:], "[:") {
				if k := strings.Index(expr[j:], ":]"); k >= 0 {
					j += k + 2
					continue
				}
			}
		case ']':
			return j + 1
		}
		j++
	}
	return len(expr)
}

func classHasLetter(class string) bool {
	for i := 0; i < len(class); i++ {
		c := class[i]
		if c == '\\' && i+1 < len(class) {
			switch class[i+1] {
			case 'p', 'P', 'w', 'W':
				return true
			}
			i++
			continue
		}
		if c >= utf8.RuneSelf || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
			return true
		}
	}
	return false
}

func unwrapSyntax(err error) string {
	if se, ok := err.(*syntax.Error); ok {
		expr := se.Expr
		if len(expr) > 60 {
			expr = expr[:57] + "..." // an over-large expression need not be printed whole
		}
		return fmt.Sprintf("%s: `%s`", se.Code, expr)
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

// opensWithBracket reports whether every match of n starts with one of
// ( [ { < (as firstBytes finds the bytes matches start with).
func opensWithBracket(n *syntax.Regexp) bool {
	set, ok := firstBytes(n)
	return ok && !slices.ContainsFunc(set, func(b byte) bool { return !strings.ContainsRune("([{<", rune(b)) })
}

// maxTriggerSets bounds how many word sets a pattern waits for.
const maxTriggerSets = 8

// deriveTriggers finds sets of words such that every match of n holds a word
// of each set as a whole word. It returns nil when it cannot prove any, and the
// pattern then runs on every paragraph.
func deriveTriggers(n *syntax.Regexp) [][]string { return triggersOf(n, true) }

// boundedTriggers is deriveTriggers for a pattern whose matches may start
// or end inside a word (Pattern.InsideWords): its ends are not word edges,
// so only words the expression bounds itself count: a mark before (a
// space, a comma; \b or ^ alone may stand after an apostrophe inside a
// word), and a mark, \b or $ after ("[a-zA-Z]+\s\b(?:miles|pounds)\b":
// miles or pounds).
func boundedTriggers(n *syntax.Regexp) [][]string { return triggersOf(n, false) }

// triggersOf returns deriveTriggers's sets, the ends of n word edges or not.
func triggersOf(n *syntax.Regexp, edges bool) [][]string {
	sets := triggerSets(n, edges)
	for i, set := range sets {
		slices.Sort(set)
		sets[i] = slices.Compact(set)
	}
	return sets
}

// triggerSets returns word sets of which every match of n holds one word
// each; edges tells whether n's matches start and end at word edges.
func triggerSets(n *syntax.Regexp, edges bool) [][]string {
	if sets := structuralTriggers(n, edges); sets != nil {
		return sets
	}
	if !edges {
		return nil // firstWords' words start where the match does
	}
	if words := firstWords(n); words != nil {
		return [][]string{words} // a few phrases: misspel(?:t|led), gave(?: us)?
	}
	return nil
}

func structuralTriggers(n *syntax.Regexp, edges bool) [][]string {
	switch n.Op {
	case syntax.OpCapture:
		return triggerSets(n.Sub[0], edges)
	case syntax.OpAlternate:
		// (A1 and B1) or (A2 and B2) is (A1 or A2) and (A1 or B2) and …:
		// each required set takes one set from every branch.
		var clauses [][]string
		for i, c := range n.Sub {
			s := triggerSets(c, edges)
			if s == nil {
				return nil
			}
			if i == 0 {
				clauses = s
				continue
			}
			keep := max(1, maxTriggerSets/len(clauses))
			var next [][]string
			for _, cl := range clauses {
				for _, set := range s[:min(len(s), keep)] {
					next = append(next, append(slices.Clone(cl), set...))
				}
			}
			clauses = next
		}
		return clauses
	case syntax.OpLiteral, syntax.OpConcat:
		return concatTriggers(n, edges)
	}
	return nil
}

// concatTriggers looks for whole words in a sequence: literal text bounded on
// both sides by a non-word character, the pattern's ends (when edges is
// set: they are word edges), or an alternation of such words. Every one
// found is required; the sets come best first (the longest shortest word),
// at most maxTriggerSets of them.
func concatTriggers(n *syntax.Regexp, edges bool) [][]string {
	items := n.Sub
	if n.Op == syntax.OpLiteral {
		items = []*syntax.Regexp{n}
	}
	// Flatten the sequence into cells: a rune, an alternation, -1 for any
	// other item and -2 for a boundary (pattern end, \b, line ends).
	type cell struct {
		r   rune
		alt *syntax.Regexp
	}
	end := cell{r: -2} // the pattern's ends: word edges, or anything
	if !edges {
		end = cell{r: -1}
	}
	cells := []cell{end}
	for k := 0; k < len(items); k++ {
		it := items[k]
		switch {
		case !edges && nonWordItem(it):
			// \s+ is a mark, not only a bound: what follows starts a word
			// of the text (see boundBefore).
			cells = append(cells, cell{r: ' '})
		case (it.Op == syntax.OpCapture || it.Op == syntax.OpAlternate) && k+1 < len(items) && items[k+1].Op == syntax.OpQuest:
			// (detail|address)s?: the alternation and its ending are one word.
			joined := &syntax.Regexp{Op: syntax.OpConcat, Sub: []*syntax.Regexp{it, items[k+1]}}
			if alternationWords(joined) != nil {
				cells = append(cells, cell{r: -1, alt: joined})
				k++
				continue
			}
			cells = append(cells, cell{r: -1, alt: it})
		case (it.Op == syntax.OpQuest || it.Op == syntax.OpStar || it.Op == syntax.OpRepeat && it.Min == 0) &&
			lastRuneNonWord(it.Sub[0]) && len(cells) > 0 &&
			(cells[len(cells)-1].r == -2 || cells[len(cells)-1].r >= 0 && !isWordRune(cells[len(cells)-1].r)):
			// "you (that )?were", "the ([\p{L}]+ ){0,3}directly": whatever it
			// matches, what follows comes after a non-word character.
			cells = append(cells, cell{r: -2})
		case (it.Op == syntax.OpPlus || it.Op == syntax.OpRepeat && it.Min > 0) && lastRuneNonWord(it.Sub[0]):
			cells = append(cells, cell{r: -2}) // it ends in a non-word character
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
	cells = append(cells, end)
	// An apostrophe is no bound: with a letter on its other side it joins
	// the two into one word ("I'll" is one word, never "ll").
	mark := func(c cell) bool { return c.r >= 0 && !isWordRune(c.r) && !isApostrophe(c.r) }
	isBound := func(c cell) bool { return c.r == -2 || mark(c) }
	// boundBefore tells whether the word at cells[i] starts a word of the
	// text. Where the pattern's ends are no edges, \b or ^ alone does not
	// say so: RE2's \b holds after the apostrophe of "y'all" and beside a
	// letter beyond ASCII, where the word goes on. A mark before it, a
	// space or a comma, does. (After the word, \b is enough: the rule
	// waits for the word before an apostrophe too, see addJoined.)
	boundBefore := func(i int) bool {
		if edges {
			return isBound(cells[i-1])
		}
		j := i - 1
		for j > 0 && cells[j].r == -2 {
			j--
		}
		return mark(cells[j])
	}

	var sets [][]string
	for i := 1; i < len(cells)-1; i++ {
		c := cells[i]
		if c.alt != nil && boundBefore(i) && isBound(cells[i+1]) {
			if words := firstWords(c.alt); words != nil {
				sets = append(sets, words)
			} else {
				sets = append(sets, triggerSets(c.alt, true)...) // bounded on both sides
			}
			continue
		}
		if c.r < 0 || !isWordRune(c.r) || !boundBefore(i) {
			continue
		}
		j := i
		var w []rune
		for j < len(cells)-1 && cells[j].r >= 0 && (isWordRune(cells[j].r) || isApostrophe(cells[j].r)) {
			w = append(w, cells[j].r)
			j++
		}
		if isBound(cells[j]) {
			sets = append(sets, []string{string(w)})
		}
		i = j - 1
	}
	shortest := func(set []string) int {
		n := 1 << 30
		for _, w := range set {
			n = min(n, utf8.RuneCountInString(w))
		}
		return n
	}
	slices.SortStableFunc(sets, func(a, b []string) int { return shortest(b) - shortest(a) })
	if len(sets) > maxTriggerSets {
		sets = sets[:maxTriggerSets]
	}
	return sets
}

// lastRuneNonWord reports whether every match of n ends in a non-word character.
func lastRuneNonWord(n *syntax.Regexp) bool {
	switch n.Op {
	case syntax.OpCapture:
		return lastRuneNonWord(n.Sub[0])
	case syntax.OpLiteral:
		return len(n.Rune) > 0 && !isWordRune(n.Rune[len(n.Rune)-1])
	case syntax.OpConcat:
		// From the end: an item that may match nothing leaves the last
		// character to the one before it as well.
		for i := len(n.Sub) - 1; i >= 0; i-- {
			c := n.Sub[i]
			if c.Op == syntax.OpQuest || c.Op == syntax.OpStar || c.Op == syntax.OpRepeat && c.Min == 0 {
				if !lastRuneNonWord(c.Sub[0]) {
					return false
				}
				continue
			}
			return lastRuneNonWord(c)
		}
		return false
	case syntax.OpPlus:
		return lastRuneNonWord(n.Sub[0])
	case syntax.OpRepeat:
		return n.Min > 0 && lastRuneNonWord(n.Sub[0])
	case syntax.OpAlternate:
		for _, c := range n.Sub {
			if !lastRuneNonWord(c) {
				return false
			}
		}
		return len(n.Sub) > 0
	}
	return nonWordItem(n)
}

// nonWordItem reports whether n matches only non-word characters (\s+, [ ,]).
func nonWordItem(n *syntax.Regexp) bool {
	switch n.Op {
	case syntax.OpLiteral:
		for _, r := range n.Rune {
			if isWordRune(r) || isApostrophe(r) {
				return false
			}
		}
		return len(n.Rune) > 0
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

// firstWords returns the first words of the phrases n can match when they
// are few, each starts with a word and ends with one; n must stand between
// boundaries, so each first word is a whole word.
func firstWords(n *syntax.Regexp) []string {
	out := expand(n, 64)
	if out == nil {
		return nil
	}
	words := make([]string, 0, len(out))
	for _, s := range out {
		if !wordEdges(s) || strings.TrimSpace(s) != s {
			return nil
		}
		end := 0
		for end < len(s) {
			r, size := utf8.DecodeRuneInString(s[end:])
			if !isWordRune(r) && !isApostrophe(r) {
				break
			}
			end += size
		}
		words = append(words, s[:end])
	}
	return words
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

// exactRegexp returns the expression anchored at both ends, compiled on
// first use, to check a hit of its phrases (see exact).
func (cp *compiledPattern) exactRegexp() *regexp.Regexp {
	cp.exactOnce.Do(func() { cp.exactRe, _ = regexp.Compile(`^(?:` + cp.source() + `)$`) })
	return cp.exactRe
}

// hasApostrophe reports whether a phrase holds an apostrophe.
func hasApostrophe(phrases []string) bool {
	for _, p := range phrases {
		if strings.ContainsFunc(p, isApostrophe) {
			return true
		}
	}
	return false
}

// hasPunct reports whether a phrase has anything but letters, digits,
// spaces and apostrophes.
func hasPunct(phrases []string) bool {
	for _, p := range phrases {
		for _, r := range p {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsSpace(r) && !isApostrophe(r) {
				return true
			}
		}
	}
	return false
}

// phraseExpansion lists the phrases a pattern matches when they are few
// enough and each holds a word, else nil. Word boundaries are implied: the
// matcher only ever matches whole words.
func phraseExpansion(n *syntax.Regexp) []string {
	n = spacedStars(n)
	if expansionSize(n, maxExpansion) > maxExpansion {
		return nil // too many to list: counted first, since listing them is the slow part
	}
	all := expand(n, maxExpansion)
	if all == nil {
		return nil
	}
	seen := make(map[uint64]bool, len(all))
	out := all[:0]
	var sp splitter
	for _, s := range all {
		hashes, punct := sp.split(s)
		if len(hashes) == 0 || sp.crosses || !wordEdges(s) {
			// Text with no word, with punctuation outside its words ("(Customer
			// Name)"), or running past a sentence end ("done. Thanks"), is more
			// than the word matcher sees: leave it to the expression.
			return nil
		}
		key := uint64(fnvOffset)
		for i, h := range hashes {
			key = (key^h)*fnvPrime ^ boolBit(punct[i])
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, s)
		}
	}
	return out
}

// spaceClass reports whether n is a class of white space only: \s, [ \t].
func spaceClass(n *syntax.Regexp) bool {
	return n.Op == syntax.OpCharClass && nonWordItem(n) && !slices.ContainsFunc(n.Rune, func(r rune) bool { return r > ' ' })
}

// spacedStars returns a copy of n in which white space that may be absent
// (\s*) but stands beside a word boundary (\b\s*\b) is white space that
// must be there (\s+): between two words, the boundary needs it. Each run
// of white space is then one space of a phrase (see expand).
func spacedStars(n *syntax.Regexp) *syntax.Regexp {
	if len(n.Sub) == 0 {
		return n
	}
	m := *n
	m.Sub = make([]*syntax.Regexp, len(n.Sub))
	for i, c := range n.Sub {
		c = spacedStars(c)
		if n.Op == syntax.OpConcat && c.Op == syntax.OpStar && spaceClass(c.Sub[0]) &&
			(i > 0 && n.Sub[i-1].Op == syntax.OpWordBoundary || i+1 < len(n.Sub) && n.Sub[i+1].Op == syntax.OpWordBoundary) {
			c = &syntax.Regexp{Op: syntax.OpPlus, Flags: c.Flags, Sub: []*syntax.Regexp{c.Sub[0]}}
		}
		m.Sub[i] = c
	}
	return &m
}

// wordEdges reports whether s starts and ends with a word character: white
// space at an edge is more than a phrase asks for ("typescript " needs a space
// after the word), so such text stays with the expression.
func wordEdges(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	return isWordRune(first) && isWordRune(last)
}

// expansionSize counts the strings expand would list, or returns more than
// limit when there are more (or infinitely many).
func expansionSize(n *syntax.Regexp, limit int) int {
	over := limit + 1
	switch n.Op {
	case syntax.OpCapture:
		return expansionSize(n.Sub[0], limit)
	case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpLiteral:
		return 1
	case syntax.OpPlus:
		if spaceClass(n.Sub[0]) {
			return 1 // a run of white space between words: one space
		}
		return over
	case syntax.OpCharClass:
		if spaceClass(n) {
			return 1
		}
		total := 0
		for i := 0; i+1 < len(n.Rune); i += 2 {
			total += int(n.Rune[i+1]-n.Rune[i]) + 1
			if total > limit {
				return over
			}
		}
		return total
	case syntax.OpQuest:
		return min(over, 1+expansionSize(n.Sub[0], limit))
	case syntax.OpRepeat:
		if n.Max < 0 || n.Max > 8 {
			return over
		}
		sub, total, pow := expansionSize(n.Sub[0], limit), 0, 1
		for k := 0; k <= n.Max; k++ {
			if k >= n.Min {
				total += pow
			}
			if total > limit {
				return over
			}
			pow = min(over, pow*sub)
		}
		return total
	case syntax.OpAlternate:
		total := 0
		for _, c := range n.Sub {
			total += expansionSize(c, limit)
			if total > limit {
				return over
			}
		}
		return total
	case syntax.OpConcat:
		total := 1
		for _, c := range n.Sub {
			total *= expansionSize(c, limit)
			if total > limit {
				return over
			}
		}
		return total
	}
	return over
}

// expand lists the strings n can match when there are at most limit of them, else nil.
func expand(n *syntax.Regexp, limit int) []string {
	switch n.Op {
	case syntax.OpCapture:
		return expand(n.Sub[0], limit)
	case syntax.OpEmptyMatch, syntax.OpWordBoundary:
		return []string{""}
	case syntax.OpRepeat:
		if n.Max < 0 || n.Max > 8 {
			return nil
		}
		var out []string
		for k := n.Min; k <= n.Max; k++ {
			rep := &syntax.Regexp{Op: syntax.OpConcat}
			for range k {
				rep.Sub = append(rep.Sub, n.Sub[0])
			}
			if k == 0 {
				rep = &syntax.Regexp{Op: syntax.OpEmptyMatch}
			}
			sub := expand(rep, limit-len(out))
			if sub == nil {
				return nil
			}
			out = append(out, sub...)
		}
		return out
	case syntax.OpLiteral:
		return []string{string(n.Rune)}
	case syntax.OpPlus:
		if spaceClass(n.Sub[0]) {
			return []string{" "} // \s+: the phrase's space stands for any run of white space
		}
		return nil
	case syntax.OpCharClass:
		if spaceClass(n) {
			return []string{" "} // [ \t\n] and friends: any white space between words
		}
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

func boolBit(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// firstWord returns a phrase's first word.
func firstWord(phrase string) string {
	if i := strings.IndexByte(phrase, ' '); i >= 0 {
		return phrase[:i]
	}
	return phrase
}

// maxLeads bounds how many lead phrases a pattern may put into the trie, and
// maxBranchLeads how many one branch of it may: a branch's leads stop before
// the word that would take them past it. Longer leads are found in fewer
// places, so a short draft seldom needs the expression compiled at all.
const (
	maxLeads       = 16384
	maxBranchLeads = 4096
)

// leadPhrases returns the phrases every match of n starts with, as whole
// words, when they are few enough to list: the longest finite beginning of
// each branch that ends where a word ends. Then the expression need only be
// tried where the one matching pass found one of them, anchored there,
// instead of scanning whole paragraphs. It returns nil when a branch has no
// such beginning ("(^|[.!?] )clearly,").
func leadPhrases(n *syntax.Regexp) []string {
	out := leads(n)
	if out == nil || len(out) > maxLeads {
		return nil
	}
	var sp splitter
	seen := make(map[string]bool, len(out))
	uniq := out[:0]
	for _, l := range out {
		s, _ := splitLead(l)
		if hashes, _ := sp.split(s); len(hashes) == 0 || sp.crosses || !wordEdges(s) {
			return nil // the matcher could not find it (see phraseExpansion)
		}
		if !seen[l] {
			seen[l] = true
			uniq = append(uniq, l)
		}
	}
	return uniq
}

func leads(n *syntax.Regexp) []string {
	switch n.Op {
	case syntax.OpCapture:
		return leads(n.Sub[0])
	case syntax.OpAlternate:
		var out []string
		for _, c := range n.Sub {
			sub := leads(c)
			if sub == nil || len(out)+len(sub) > maxLeads {
				return nil
			}
			out = append(out, sub...)
		}
		return out
	}
	items := []*syntax.Regexp{n}
	if n.Op == syntax.OpConcat {
		items = n.Sub
	}
	for len(items) > 0 && items[0].Op == syntax.OpWordBoundary {
		items = items[1:]
	}
	if len(items) == 0 {
		return nil
	}
	if len(items) == 1 && (items[0].Op == syntax.OpAlternate || items[0].Op == syntax.OpCapture) {
		if out := leads(items[0]); out != nil {
			return out
		}
	}
	// The longest finite beginning, then back off to where every phrase of
	// it ends a word and what follows cannot go on with the same word.
	k := 0
	for k < len(items) && expansionSize(&syntax.Regexp{Op: syntax.OpConcat, Sub: items[:k+1]}, maxBranchLeads) <= maxBranchLeads {
		k++
	}
	if out := distributed(items, k); out != nil {
		return out
	}
	for ; k > 0; k-- {
		out := expand(&syntax.Regexp{Op: syntax.OpConcat, Sub: items[:k]}, maxLeads)
		if out == nil {
			continue
		}
		ok, needRest := true, false
		var open []int // the leads whose last word the rest decides
		for i, s := range out {
			// Up to its last word: "make sense?" leads with "make sense".
			t := strings.TrimRightFunc(s, func(r rune) bool { return !isWordRune(r) && !isApostrophe(r) })
			if t == "" || !wordEdges(t) || strings.TrimLeft(t, " ") != t {
				ok = false
				break
			}
			// A phrase followed by a space or punctuation, or ending in a
			// character of a script without spaces, ends a word whatever follows.
			if last, _ := utf8.DecodeLastRuneInString(t); t == s && !isSpaceless(last) {
				needRest = true
				open = append(open, i)
			}
			out[i] = t
		}
		if ok && (!needRest || startsNonWord(items[k:])) {
			if needRest && joinable(items[k:]) {
				// \b holds before an apostrophe, which the scanner keeps
				// inside the word: "the seller" may also end in "seller's".
				for _, i := range open {
					out[i] += leadJoins
				}
			}
			return out
		}
	}
	return nil
}

// distributed returns the leads of items when the group at k, which ends
// their finite beginning, is an alternation: the leads of each of its branches
// in turn, followed by the rest. A branch with no end ("reported the \p{L}+")
// then stops only its own leads, not those of the branches beside it
// ("you paid too late"). It returns nil when that makes more than
// maxBranchLeads leads or a branch has none.
func distributed(items []*syntax.Regexp, k int) []string {
	if k >= len(items) {
		return nil
	}
	alt := items[k]
	for alt.Op == syntax.OpCapture {
		alt = alt.Sub[0]
	}
	if alt.Op != syntax.OpAlternate {
		return nil
	}
	var out []string
	for _, branch := range alt.Sub {
		mid := []*syntax.Regexp{branch}
		if branch.Op == syntax.OpConcat {
			mid = branch.Sub
		}
		seq := slices.Concat(items[:k:k], mid, items[k+1:])
		sub := leads(&syntax.Regexp{Op: syntax.OpConcat, Sub: seq})
		if sub == nil || len(out)+len(sub) > maxBranchLeads {
			return nil
		}
		out = append(out, sub...)
	}
	return out
}

// leadJoins ends a lead whose match may stop at an apostrophe inside its
// last word ("seller" in "seller's"): it is put into the trie both as
// written and as ending at such an apostrophe (see matcher.addJoined). No
// lead ends with an apostrophe otherwise.
const leadJoins = "'"

// splitLead returns a lead's phrase and whether it may end inside a word,
// at an apostrophe (see leadJoins).
func splitLead(l string) (phrase string, joins bool) { return strings.CutSuffix(l, leadJoins) }

// joinable reports whether a match of the sequence items may begin with an
// apostrophe, after what \b allows, or be empty, so that what stands before
// it may be followed by an apostrophe and more letters of the same word.
func joinable(items []*syntax.Regexp) bool {
	if len(items) == 0 {
		return true // the match may end here: anything may follow
	}
	it, rest := items[0], items[1:]
	with := func(sub ...*syntax.Regexp) []*syntax.Regexp { return append(sub, rest...) }
	switch it.Op {
	case syntax.OpEndText, syntax.OpEndLine:
		return false
	case syntax.OpWordBoundary, syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpBeginText, syntax.OpNoWordBoundary:
		return joinable(rest)
	case syntax.OpLiteral:
		return len(it.Rune) > 0 && isApostrophe(it.Rune[0])
	case syntax.OpCharClass:
		for _, r := range []rune{'\'', '’', 'ʼ', '＇'} {
			if classHolds(it.Rune, r) {
				return true
			}
		}
		return false
	case syntax.OpCapture:
		return joinable(with(it.Sub[0]))
	case syntax.OpConcat:
		return joinable(with(it.Sub...))
	case syntax.OpAlternate:
		for _, c := range it.Sub {
			if joinable(with(c)) {
				return true
			}
		}
		return false
	case syntax.OpQuest, syntax.OpStar:
		return joinable(with(it.Sub[0])) || joinable(rest)
	case syntax.OpPlus:
		return joinable(with(it.Sub[0]))
	case syntax.OpRepeat:
		return it.Min == 0 && joinable(rest) || joinable(with(it.Sub[0]))
	}
	return true // any character, or what is not worth looking into
}

// classHolds reports whether the ranges of a character class hold r.
func classHolds(ranges []rune, r rune) bool {
	for i := 0; i+1 < len(ranges); i += 2 {
		if ranges[i] <= r && r <= ranges[i+1] {
			return true
		}
	}
	return false
}

// startsNonWord reports whether every match of the sequence items begins
// with a character that is not part of a word (or the sequence may end there),
// so that a phrase before it ends where a word ends.
func startsNonWord(items []*syntax.Regexp) bool {
	if len(items) == 0 {
		return true
	}
	it, rest := items[0], items[1:]
	switch it.Op {
	case syntax.OpWordBoundary, syntax.OpEndText, syntax.OpEndLine:
		return true
	case syntax.OpEmptyMatch:
		return startsNonWord(rest)
	case syntax.OpLiteral:
		return len(it.Rune) > 0 && !isWordRune(it.Rune[0]) && !isApostrophe(it.Rune[0])
	case syntax.OpCharClass:
		return nonWordItem(it)
	case syntax.OpCapture:
		return startsNonWord(append([]*syntax.Regexp{it.Sub[0]}, rest...))
	case syntax.OpConcat:
		return startsNonWord(append(slices.Clone(it.Sub), rest...))
	case syntax.OpAlternate:
		for _, c := range it.Sub {
			if !startsNonWord(append([]*syntax.Regexp{c}, rest...)) {
				return false
			}
		}
		return true
	case syntax.OpQuest, syntax.OpStar:
		return startsNonWord(append([]*syntax.Regexp{it.Sub[0]}, rest...)) && startsNonWord(rest)
	case syntax.OpPlus:
		return startsNonWord(append([]*syntax.Regexp{it.Sub[0]}, rest...))
	case syntax.OpRepeat:
		if it.Min == 0 && !startsNonWord(rest) {
			return false
		}
		return startsNonWord(append([]*syntax.Regexp{it.Sub[0]}, rest...))
	}
	return false
}

// setRawExceptions prepares a raw-scope pattern's exceptions: an
// expression of them all, compiled on first use, each phrase's spaces any
// run of white space, in any case unless matchCase.
func (cp *compiledPattern) setRawExceptions(exceptions []string, matchCase bool) {
	if len(exceptions) == 0 {
		cp.rawExcept = nil
		return
	}
	alts := make([]string, len(exceptions))
	for i, e := range exceptions {
		alts[i] = strings.Join(strings.Fields(regexp.QuoteMeta(e)), `\s+`)
	}
	expr := "(?:" + strings.Join(alts, "|") + ")"
	if !matchCase {
		expr = "(?i)" + expr
	}
	cp.rawExcept = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// rawExcepted reports whether an exception of a raw-scope pattern, at word
// edges, cancels src[start:end] (see cancels).
func (cp *compiledPattern) rawExcepted(src []byte, start, end int) bool {
	if cp.rawExcept == nil {
		return false
	}
	lo, hi := max(0, start-patternReach), min(len(src), end+patternReach)
	for _, m := range cp.rawExcept().FindAllIndex(src[lo:hi], -1) {
		a, b := lo+m[0], lo+m[1]
		if cancels(cp.exceptWithin, a, b, start, end) && atWordEdges(src, a, b) {
			return true
		}
	}
	return false
}

// untilBlankLine returns b up to the line break that a blank line follows.
func untilBlankLine(b []byte) []byte {
	for i := bytes.IndexByte(b, '\n'); i >= 0; {
		if blankLine(b, i+1, len(b), +1) {
			return bytes.TrimRight(b[:i], "\r")
		}
		j := bytes.IndexByte(b[i+1:], '\n')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return b
}

// sinceBlankLine returns b from after the line break that ends a blank line.
func sinceBlankLine(b []byte) []byte {
	for k := bytes.LastIndexByte(b, '\n'); k > 0; k = bytes.LastIndexByte(b[:k], '\n') {
		if blankLine(b, k-1, -1, -1) {
			return b[k+1:]
		}
	}
	return b
}
