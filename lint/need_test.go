package lint

import (
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
)

// needOf finds what every match holds, or says it knows nothing.
func TestNeedOf(t *testing.T) {
	for expr, want := range map[string][]string{
		`\s[—–]\s|\s[—–]|[—–]\s`:        {"–", "—"}, // in code point order
		`["“][^"”“]+["”][.,]`:           {`"`, "“"}, // the first of three as good
		`\b[^\s-]+ly-\w+\b`:             {"ly-"},
		`(?i)\b[^\s-]+ly-\w+\b`:         {"-"}, // folded letters may be either case
		`(?i)\.\.\.|…`:                  {"...", "…"},
		`[a-z]+[!?]{2,}`:                {"!!", "!?", "?!", "??"},
		`x{3}`:                          {"x"}, // a literal repeated: its own need
		`a+b+`:                          {"a"},
		`(?:etc|e\.g)\.`:                {"tc", ".g"}, // as the parser factors it: e(?:tc|\.g)\.
		`x?y*`:                          nil,          // may match nothing
		`\w+ly`:                         {"ly"},
		`[a-z]+`:                        nil, // too many letters to look for
		`(?i)sorry`:                     nil,
		`hello world`:                   {"hello"},
		`a|b|c|d|e|f|g`:                 nil,    // more than maxNeed
		`\b(am|are|is)\b\s*\b[\w]+ed\b`: {"ed"}, // one string of two bytes beats three
		`(?:[^\s,]+,){1,} \w+ (?:and|or) \w+[.?!]`: {"and", "or"},
	} {
		re, err := syntax.Parse(expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := needOf(re)
		var strs []string
		for _, s := range got {
			strs = append(strs, string(s))
		}
		if ok != (want != nil) || !slices.Equal(strs, want) {
			t.Errorf("%s: need %q (%v), want %q", expr, strs, ok, want)
		}
	}
}

// mayHold never turns away text the expression matches: random texts of
// dashes, quotes, marks and words, against expressions with a need.
func TestMayHoldKeepsMatches(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{" ", "!", "?", "x", "—", "–", `"`, "“", "”", ".", ",", "-", "ly", "LY", "quick", "and", "or", "e.g", "etc", "…", "...", "\n"}
	exprs := []string{`\s[—–]\s|\s[—–]|[—–]\s`, `["“][^"”“]+["”][.,]`, `\b[^\s-]+ly-\w+\b`, `(?:etc|e\.g)\.`,
		`(?:[^\s,]+,){1,} \w+ (?:and|or) \w+[.?!]`, `\.\.\.|…`, `[a-z]+[!?]{2,}`, `!{3}`}
	for _, expr := range exprs {
		for _, matchCase := range []bool{false, true} {
			cp := &compiledPattern{expr: expr, matchCase: matchCase}
			re := regexp.MustCompile(cp.source())
			if cp.mayHold(nil) {
				t.Fatalf("%s: no need found", expr)
			}
			for range 3000 {
				var b strings.Builder
				for range 1 + rng.IntN(12) {
					b.WriteString(pieces[rng.IntN(len(pieces))])
				}
				text := []byte(b.String())
				if re.Match(text) && !cp.mayHold(text) {
					t.Fatalf("%s (match case %v): %q matches but was turned away", expr, matchCase, text)
				}
			}
		}
	}
}
