package lint

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// FuzzPatternShapes checks the shortcuts worked out from an expression's
// shape (what every match needs, how many runs of white space it spans)
// against the same rules run thoroughly, on texts built from the
// expressions' own words and marks: the findings must be the same.
func FuzzPatternShapes(f *testing.F) {
	checks := []Check{
		&Pattern{Expr: `\b(wasn't|was not) (installed|used) (correctly|properly)\b|\bfault (is|was) on your side\b`},
		&Pattern{Expr: `(?:[;-]\s)so[\s,]|\bSo[\s,]`, MatchCase: true},
		&Pattern{Expr: `\b(am|is|was)\b\s*\b[\w]+ed\b`},
		&Pattern{Expr: `\s[—–]\s|\s[—–]|[—–]\s`},
		&Pattern{Expr: `["“][^"”“]+["”][.,]`, MatchCase: true},
		&Pattern{Expr: `\b[^\s-]+ly-\w+\b`, MatchCase: true},
		&Pattern{Expr: `[a-z]+[!?]{2,}`},
		&Pattern{Expr: `(?:[^\s,]+,){1,} \w+ (?:and|or) \w+[.?!]`, MatchCase: true},
		&Pattern{Expr: `[a-z]+ will \w+`, Triggers: [][]string{{"refund"}}},
		&Pattern{Expr: `\bkind(ly)? (note|remind)\b`},
		// Tried only where one of the strings its matches start with stands (see startsOf).
		&Pattern{Expr: `bb[ -]*edit|net[ -]*beans|note[ -]*pad|sublime[ -]*text|kegs?|text[ -]*(mate|wrangler)|ñu`},
		&Pattern{Expr: `\b\d+(?:kB|MB|ms|s|h)`, MatchCase: true},
		&Pattern{Expr: `\d+(?:st|nd|rd|th)`},
		&Pattern{Expr: `(?:(?:^|\s)I\s)|(?:(?:^|\s)I,\s)|(?:\bI'm\b)|(?:\bme\b)|(?:\bmy\b)|(?:\bmine\b)`},
		// ^ and $ in a pattern run around the strings it needs (see spaceCut).
		&Pattern{Expr: `\w+!(?:\s|$)`, MatchCase: true},
		&Pattern{Expr: `(?m)^\w+ (?:ok|so)!|!\s\w+$`},
		// Matches start with one of a few bytes, common ones here: tried
		// only where the prefix lets them, and with no windows (see triesByPrefix).
		&Pattern{Expr: `a.k.a.|and/or`},
		&Pattern{Expr: `(?m)[‘’“”]`, Scope: ScopeRaw},
		// A common letter needed, no start strings: no windows either, as
		// the prefix steps over the text (see weakNeed).
		&Pattern{Expr: `\b(?:eg|e\.g\.|eg\.|e. g.)[\s,]`},
		// Strings that go on with each case of s: "is" and "iſ", not "i" (see literalPrefixes).
		&Pattern{Expr: `\b(?:is|it.s) not\b`},
		// Any number of runs of white space, but so many line breaks:
		// windows cut at line breaks (see lineCut), in the raw text too.
		&Pattern{Expr: "(?m)^(?:[^`\n]*`[^`\n]*`)*[^`\n]*`[^`\n]+`(?:[A-Za-rt-z]|s[A-Za-z])", Scope: ScopeRaw, MatchCase: true},
		&Pattern{Expr: `(?m)(?:[^\s\[][ \t]+\]\()|(?:(?:^|[^!\w\]])\[[ \t]+[^\s\]][^\]\n]*\]\()`, Scope: ScopeRaw, MatchCase: true},
		&Pattern{Expr: `^[^\n]*\bnote\b|\bnot[^.\n]*,[^\n]*\bbut\b|[^\n]*pad$`},
		// Exact: where one of the strings stands, it is the match (see exprStarts.exact).
		&Pattern{Expr: `(?:^|\s)I`, FollowedBy: `,?\s`},
		&Pattern{Expr: `\bmy|\bmine|ko|x[.]y`},
		// Long enough to be run branch by branch (see anchoredPart).
		&Pattern{Expr: `\b(sorry|regret),? ((if|that) )?you('re| are| were)? (feel|felt|upset)\b|\bsorry (for|about) (how|the way) you (feel|felt)\b|` +
			`\b(sorry|regret),? (that )?you (found|find) (the |this |it )?([\p{L}'-]+ ){0,3}?(` + strings.Join(adjectives, "|") + `)\b|\bsorry( you)?\b`},
	}
	var rules []*Rule
	for i, c := range checks {
		rules = append(rules, &Rule{ID: fmt.Sprintf("r%d", i), Category: "negative-phrasing", Severity: Warning,
			Message: "found %s", Check: c, Origin: "test"})
	}
	compile := func(opts CompileOptions, thorough bool) *RuleSet {
		rs, err := CompileWith(&Language{}, rules, opts)
		if err != nil {
			f.Fatal(err)
		}
		for _, cp := range rs.patterns {
			if cp != nil {
				cp.thorough = thorough
			}
		}
		return rs
	}
	if cp := lastPattern(compile(CompileOptions{}, false)); !cp.anchored || len(cp.anchoredRegexps()) < 2 {
		f.Fatalf("%s is not run branch by branch at its leads", cp.expr)
	}
	for _, cp := range compile(CompileOptions{}, false).patterns[10:14] {
		if cp.shape().starts.strs == nil {
			f.Fatalf("%s is not tried only where its matches may start", cp.expr)
		}
	}
	for _, cp := range compile(CompileOptions{}, false).patterns[16:18] {
		if pf, _, _ := cp.prefixScan(); cp.shape().first == nil || pf == nil {
			f.Fatalf("%s is not tried only at its first bytes, where its prefix lets it", cp.expr)
		}
	}
	if cp := compile(CompileOptions{}, false).patterns[18]; cp.shape().starts.strs != nil || !weakNeed(cp.shape().need) || cp.shape().first != nil {
		f.Fatalf("%s: starts %q, need %q, first %q", cp.expr, cp.shape().starts.strs, cp.shape().need, cp.shape().first)
	}
	if cp := compile(CompileOptions{}, false).patterns[19]; !slices.ContainsFunc(cp.shape().starts.strs, func(s []byte) bool { return string(s) == "iſ" }) {
		f.Fatalf("%s: starts %q, want iſ among them", cp.expr, cp.shape().starts.strs)
	}
	for _, cp := range compile(CompileOptions{}, false).patterns[20:23] {
		if sh := cp.shape(); sh.need == nil || sh.runs >= 0 || sh.lines < 0 {
			f.Fatalf("%s is not cut at line breaks", cp.expr)
		}
	}
	sets := [][2]*RuleSet{
		{compile(CompileOptions{}, false), compile(CompileOptions{}, true)},
		{compile(CompileOptions{RegexOnly: true}, false), compile(CompileOptions{RegexOnly: true}, true)},
	}
	words := []string{"was", "wasn't", "not", "installed", "used", "correctly", "properly", "fault", "is", "on",
		"your", "side", "So", "so", "am", "IS", "finished", "delayed", "Ed", "quickly-made", "only", "—", "–",
		"“quoted”", `"it"`, "wow!!", "why?!", "and", "or", "They", "will", "call", "refund", "kind", "KINDLY",
		"\u212aindly", "note", "remind", "x", "ſo", "`so—`", "<i>“</i>", "[wow!!](x)",
		"sorry", "Regret", "if", "that", "you", "you're", "felt", "upset", "about", "how", "the way", "found", "it", "café",
		"netbeans", "net", "beans", "NoTe-pad", "ſublime", "text", "\u212aeg", "kegs", "bb--edit", "Ñu", "12ms", "3s", "x12MB",
		"21st", "2nd", "3ſt", "1Th", "mate", "_12ms", "x_3s",
		"I", "i,", "I'm", "army", "my", "me", "mine", "some", "a.k.a.", "AKA", "a", "k", "A-K-a-", "and/or", "’", "`code`", "`x`s", "a`b`c", "[ link](x)", "[", "](", "]", "(", "`", "but", "not", "e.g.", "eg", "E. g.", "eg.", "iſ", "It’s", "it's", "Is not"}
	words = append(words, adjectives[:8]...)
	seps := []string{" ", " ", " ", ", ", ". ", "! ", "; ", "- ", "\n", "\n\n", "  ", "\r\n", ",", "."}
	f.Add([]byte{0, 0, 2, 1, 3, 0, 5, 11, 8, 0, 9, 0, 10, 0, 11})
	f.Add([]byte("the heater was not installed correctly, so the fault is on your side"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1024 {
			t.Skip("a text of over 512 words")
		}
		text := fuzzText(data, words, seps)
		// As Markdown too: code, links and markup between prose segments.
		for _, doc := range []*Document{NewDocument("t.txt", []byte(text), FormatText), NewDocument("t.md", []byte(text), FormatMarkdown)} {
			for _, pair := range sets {
				got, want := pair[0].Lint(doc, Context{}), pair[1].Lint(doc, Context{})
				if !slices.EqualFunc(got, want, func(a, b Diagnostic) bool {
					return a.Start == b.Start && a.End == b.End && a.RuleID == b.RuleID
				}) {
					t.Fatalf("on %q (%s)\nwith shortcuts %v\nthorough       %v", text, doc.Path, spans(text, got), spans(text, want))
				}
			}
		}
	})
}

// adjectives make a long alternation.
var adjectives = []string{"confusing", "difficult", "frustrating", "hard", "unclear", "complicated", "annoying", "upsetting",
	"disappointing", "unhelpful", "inconvenient", "stressful", "rude", "offensive", "slow", "late", "broken", "expensive",
	"noisy", "dirty", "cold", "small", "loud", "wrong", "missing", "damaged", "faulty", "useless", "strange", "unfair",
	"harsh", "poor", "awkward", "tiring", "boring", "messy", "unreadable", "misleading", "overwhelming", "unacceptable"}

// lastPattern returns the compiled pattern of the last rule of rs.
func lastPattern(rs *RuleSet) *compiledPattern { return rs.patterns[len(rs.patterns)-1] }

func spans(text string, ds []Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.RuleID+" "+text[d.Start:d.End])
	}
	return out
}
