package lint

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
)

// needOf finds what every match holds, or says it knows nothing.
func TestNeedOf(t *testing.T) {
	for _, tc := range []struct {
		expr string
		want []string // nil: nothing known
		fold bool
	}{
		{`\s[—–]\s|\s[—–]|[—–]\s`, []string{"–", "—"}, false}, // in code point order
		{`["“][^"”“]+["”][.,]`, []string{`"`, "“"}, false},    // the first of three as good
		{`\b[^\s-]+ly-\w+\b`, []string{"ly-"}, false},
		{`(?i)\b[^\s-]+LY-\w+\b`, []string{"ly-"}, true}, // folded: in lower case, for either
		{`(?i)\.\.\.|…`, []string{"...", "…"}, true},
		{`[a-z]+[!?]{2,}`, []string{"!!", "!?", "?!", "??"}, false},
		{`x{3}`, []string{"x"}, false},
		{`a+b+`, []string{"a"}, false},
		{`(?:etc|e\.g)\.`, []string{"tc", ".g"}, false}, // as the parser factors it: e(?:tc|\.g)\.
		{`x?y*`, nil, false},                            // may match nothing
		{`\w+ly`, []string{"ly"}, false},
		{`[a-z]+`, nil, false},                // too many letters to look for
		{`(?i)sorry`, []string{"orry"}, true}, // s also matches the long s ſ
		{`(?i)kind`, []string{"ind"}, true},   // k also matches the Kelvin sign
		{`(?i)été`, []string{"t"}, true},      // é has a case beyond ASCII
		{`hello world`, []string{"hello"}, false},
		{`a|b|c|d|e|f|g`, nil, false},                            // more than maxNeed
		{`\b(am|are|is)\b\s*\b[\w]+ed\b`, []string{"ed"}, false}, // one string of two bytes beats three
		{`(?i)\b(am|are|is)\b\s*\b[\w]+ed\b`, []string{"ed"}, true},
		{`(?:[^\s,]+,){1,} \w+ (?:and|or) \w+[.?!]`, []string{"and", "or"}, false},
	} {
		re, err := syntax.Parse(tc.expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		got, fold, ok := needOf(re)
		var strs []string
		for _, s := range got {
			strs = append(strs, string(s))
		}
		if ok != (tc.want != nil) || !slices.Equal(strs, tc.want) || ok && fold != tc.fold {
			t.Errorf("%s: need %q (known %v, folded %v), want %q (folded %v)", tc.expr, strs, ok, fold, tc.want, tc.fold)
		}
	}
}

// mayHold never turns away text the expression matches: random texts of
// dashes, quotes, marks and words, against expressions with a need.
func TestMayHoldKeepsMatches(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{" ", "!", "?", "x", "Ed", "ED", "is", "IS", "done", "kind", "KIND", "\u212aind", "\u017forry", "sorry", "—", "–", `"`, "“", "”", ".", ",", "-", "ly", "LY", "quick", "and", "or", "e.g", "etc", "…", "...", "\n"}
	exprs := []string{`\s[—–]\s|\s[—–]|[—–]\s`, `["“][^"”“]+["”][.,]`, `\b[^\s-]+ly-\w+\b`, `(?:etc|e\.g)\.`,
		`(?:[^\s,]+,){1,} \w+ (?:and|or) \w+[.?!]`, `\.\.\.|…`, `[a-z]+[!?]{2,}`, `!{3}`,
		`\b(am|are|is)\b\s*\b[\w]+ed\b`, `kind`, `sorry`}
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

// spaceRuns bounds the runs of white space a match spans, or says there
// is no bound.
func TestSpaceRuns(t *testing.T) {
	for expr, want := range map[string]int{
		`(?:[;-]\s)so[\s,]|\bSo[\s,]`:              2,
		`\b(is|was)\b\s*\b[\w]+ed\b`:               1,
		`sorry (if|that) you`:                      2,
		`(?:[^\s,]+,){1,} \w+ (?:and|or) \w+[.?!]`: 3, // [^\s,] holds no white space, repeat it as you like
		`(\p{L}+ ){1,2}runs`:                       2,
		`we  will`:                                 1, // one run of two spaces
		`[^,]+ will`:                               -1,
		`.{0,40} late`:                             41,
		`.* late`:                                  -1,
		`(^|[.!?] )again`:                          1, // ^ and $ read no white space (and see spaceCut)
		`sorry$`:                                   0,
		`(?m)^\w+ ok$`:                             1,
		`\s*\s*`:                                   2, // counted apart: more than there can be, never fewer
		`a\s{1,3}b`:                                1,
		`(?:a b){2}`:                               2,
	} {
		re, err := syntax.Parse(expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := spaceRuns(re); got != want {
			t.Errorf("%s: %d runs, want %d", expr, got, want)
		}
	}
}

// A pattern run around the words every match holds is given only the words
// a match can reach from them, and a trigger inside that reach widens it:
// the second match here starts within the first trigger's reach and ends
// past it. A rule's own triggers are a condition on the sentence or
// paragraph, and a match may stand far from them.
func TestPatternReach(t *testing.T) {
	blame := &Pattern{Expr: `\b(wasn't|was not) (installed|used) (correctly|properly)\b|\bfault (is|was) on your side\b`}
	rs, err := CompileWith(nil, []*Rule{{ID: "t.blame", Category: "blame", Severity: Warning, Message: "%s", Check: blame, Origin: "test"}},
		CompileOptions{RegexOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	text := "The heater was not installed correctly, so the fault was on your side of the wall."
	if got, want := matched(rs, text, Context{}), []string{"was not installed correctly", "fault was on your side"}; !slices.Equal(got, want) {
		t.Errorf("derived triggers: matched %q, want %q", got, want)
	}
	own := compileRules(t, &Pattern{Expr: `[a-z]+ will \w+`, Triggers: [][]string{{"refund"}}})
	text = "They will call you first thing on Monday morning about it, and the refund is on its way to your card."
	if got, want := matched(own, text, Context{}), []string{"They will call"}; !slices.Equal(got, want) {
		t.Errorf("own triggers: matched %q, want %q", got, want)
	}
}

// A trigger near the end of a long paragraph's window, whose own reach
// goes past it, widens the window: the match after it is found.
func TestPatternReachWidens(t *testing.T) {
	own := compileRules(t, &Pattern{Expr: `[a-z]+ will \w+`, Triggers: [][]string{{"refund"}}})
	// The second refund ends just where the first one's reach does.
	n := patternReach - len("refund ") // between "refund " and the second refund
	text := "refund " + strings.Repeat("x ", n/2) + strings.Repeat(" ", n%2) + "refund they will call."
	if i := strings.LastIndex(text, "refund") + len("refund"); i != len("refund")+patternReach {
		t.Fatalf("the second refund ends at %d, not at the first one's reach", i)
	}
	if got, want := matched(own, text, Context{}), []string{"they will call"}; !slices.Equal(got, want) {
		t.Errorf("matched %q, want %q", got, want)
	}
}

// A match reaches at most patternReach bytes past its lead, to the end of
// the word it reaches into (rules/README.md): one that would run further is
// still reported, as far as the reach allows, never dropped.
func TestPatternReachLimit(t *testing.T) {
	rs := compileRules(t, &Pattern{Expr: `\bcontact (them|the seller) ([\p{L}'-]+ ){0,2}directly\b`})
	for _, tc := range []struct {
		parts int // of "directly's'" in one long word
		whole bool
	}{{10, true}, {80, true}, {100, false}} {
		long := strings.Repeat("directly's'", tc.parts) + "directly's"
		text := "contact them directly's " + long + " directly"
		want := text
		if !tc.whole {
			want = "contact them directly's directly" // the long word's first part
		}
		if len(text) > patternReach == tc.whole {
			t.Fatalf("%d parts: a text of %d bytes does not test the reach of %d", tc.parts, len(text), patternReach)
		}
		if got := matched(rs, text, Context{}); !slices.Equal(got, []string{want}) {
			t.Errorf("%d parts (%d bytes): matched %.60q, want %.60q", tc.parts, len(text), got, want)
		}
	}
}

// A text cut around the place every match holds keeps a byte of the white
// space it is cut at, so ^ and $ hold at its edges only where no match can
// reach: "Wow! there" is not the end of "Wow! there now", nor "well!" the
// start of "Oh well!".
func TestPatternEdgesAtCuts(t *testing.T) {
	for _, tc := range []struct {
		expr, text string
		want       []string
	}{
		{`!\s\w+$`, "Wow! there now", nil},
		{`!\s\w+$`, "Wow! there", []string{"! there"}},
		{`(?m)^\w+!`, "Oh well! yes", nil},
		{`(?m)^\w+!`, "Oh well!\nyes! no", []string{"yes!"}},
		{`\w+!(?:\s|$)`, "So good! Thanks a lot!", []string{"good! ", "lot!"}},
	} {
		rs := compileRules(t, &Pattern{Expr: tc.expr, MatchCase: true})
		if cp := rs.patterns[0]; cp.shape().need == nil || cp.shape().runs < 0 {
			t.Fatalf("%s: not run around the strings it needs", tc.expr)
		}
		if got := matched(rs, tc.text, Context{}); !slices.Equal(got, tc.want) {
			t.Errorf("%s on %q: matched %q, want %q", tc.expr, tc.text, got, tc.want)
		}
	}
}

func TestSpaceCut(t *testing.T) {
	src := []byte("one two  three\tfour")
	for _, tc := range []struct{ i, limit, dir, runs, want int }{
		{0, len(src), 1, 0, 4},        // "one" and a space
		{0, len(src), 1, 1, 8},        // "one two" and a space
		{0, len(src), 1, 3, len(src)}, // no fourth run: the limit
		{0, 5, 1, 1, 5},               // the limit first
		{len(src), 0, -1, 0, 14},      // a tab and "four"
		{len(src), 0, -1, 1, 8},       // " three\tfour"
		{len(src), 0, -1, 2, 3},       // " two  three\tfour"
		{len(src), 0, -1, 3, 0},       // all of it
		{9, 0, -1, 0, 8},              // "three" starts right after a run: a byte of it
		{9, 0, -1, 1, 3},              // back past "  " to "two", and a byte of the run before
		{9, 6, -1, 1, 6},              // the limit first
	} {
		if got := spaceCut(src, tc.i, tc.limit, tc.dir, tc.runs); got != tc.want {
			t.Errorf("spaceCut(%d, %d, %d, %d) = %d, want %d", tc.i, tc.limit, tc.dir, tc.runs, got, tc.want)
		}
	}
}

// indexNeed finds a folded string where a plain search of the text in
// lower case does, and an unfolded one where bytes.Index does.
func TestIndexNeed(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	alphabet := []byte("aAbB-.’ éiIx\n") // the rarest byte of a string is looked for first: any of its bytes
	lower := func(b []byte) []byte {
		out := make([]byte, len(b))
		for i, c := range b {
			out[i] = lowerASCII(c)
		}
		return out
	}
	for range 5000 {
		text := make([]byte, rng.IntN(30))
		for i := range text {
			text[i] = alphabet[rng.IntN(len(alphabet))]
		}
		s := make([]byte, 1+rng.IntN(5))
		for i := range s {
			s[i] = alphabet[rng.IntN(len(alphabet))]
		}
		if got, want := indexNeed(text, s, false), bytes.Index(text, s); got != want {
			t.Fatalf("indexNeed(%q, %q) = %d, want %d", text, s, got, want)
		}
		s = lower(s)
		if got, want := indexNeed(text, s, true), bytes.Index(lower(text), s); got != want {
			t.Fatalf("indexNeed(%q, %q, folded) = %d, want %d", text, s, got, want)
		}
	}
}

// proseHolding passes on exactly the prose segments that hold a needed
// string whole, however the strings fall in code, links and markup between
// them: random Markdown, against a look at each segment.
func TestProseHolding(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	pieces := []string{"word ", "$5 ", "`$`", "`x$`", "“a”", "\"q\"", "...", "`...`", "..", ". ", "\n\n", "\n",
		"<b>$</b>", "[$](http://x/$)", "    $ code\n", "ly-", "LY-", "`ly`-", " — ", "```\n$\n```\n", "Ly-"}
	for _, expr := range []string{`\$\d+`, `["“][^"”“]+["”][.,]`, `\.\.\.`, `\b[^\s-]+ly-\w+\b`, `(?i)\b[^\s-]+ly-\w+\b`, `\s[—–]\s`, `[a-z]+`} {
		cp := &compiledPattern{expr: expr}
		sh := cp.shape()
		for range 300 {
			var sb strings.Builder
			for range rng.IntN(40) {
				sb.WriteString(pieces[rng.IntN(len(pieces))])
			}
			d := NewDocument("t.md", []byte(sb.String()), FormatMarkdown)
			var got, want []Segment
			cp.proseHolding(d, func(g Segment) { got = append(got, g) })
			for _, g := range d.Segments {
				if g.Kind == Prose && sh.holds(d.Src[g.Start:g.End]) {
					want = append(want, g)
				}
			}
			if !slices.Equal(got, want) {
				t.Fatalf("%s on %q: segments %v, want %v", expr, d.Src, got, want)
			}
		}
	}
}

// firstBytes lists the bytes every match starts with, or says it knows no
// short list.
func TestFirstBytes(t *testing.T) {
	for _, tc := range []struct {
		expr string
		want string // "" when none is known
	}{
		{`["“][^"”“]+["”][.,]`, "\"\xe2"},
		{`(?i)kind`, "kK\xe2"}, // k also matches the Kelvin sign
		{`\.\.\.|…`, ".\xe2"},
		{`(x|y)+z`, "xy"},
		{`x{2,}`, "x"},
		{`x{0,2}y`, ""},        // may start with y
		{`\bso[\s,]`, ""},      // an assertion first
		{`[a-z]+[!?]{2,}`, ""}, // too many
		{`(?:a|b|c|d)e`, ""},
		{`x*`, ""},
		{`^x`, ""},
	} {
		re, err := syntax.Parse(tc.expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := firstBytes(re)
		if ok && len(got) > maxFirst {
			ok = false
		}
		slices.Sort(got) // in any order
		want := []byte(tc.want)
		slices.Sort(want)
		if g := string(got); ok != (tc.want != "") || ok && g != string(want) {
			t.Errorf("%s: first bytes %q (known %v), want %q", tc.expr, g, ok, tc.want)
		}
	}
}

// openingBytes knows the first byte of a match only where every match
// starts at the start of its text.
func TestOpeningBytes(t *testing.T) {
	for _, tc := range []struct {
		expr string
		want string // "" when none is known
	}{
		{`(?i)^(%[a-z]+_[a-z_]+%|\$[a-z]+_[a-z_]+|[£$€] ?X{2,})$`, "%$\xc2\xe2"}, // more than firstBytes knows
		{`^\{[{%]`, "{"},
		{`^[Xx]{3,}|^[Xx]{2,}([./:,-][Xx]{1,4})+$`, "xX"},
		{`(?i)^kind`, "kK\xe2"}, // k also matches the Kelvin sign
		{`^x|y`, ""},            // y anywhere
		{`(?m)^x`, ""},          // after any line break
		{`^\s*x`, ""},           // may start with x
		{`^(_{3,}|[a-z0-9_ ]*[a-wyz0-9_][a-z0-9_ ]*)$`, ""}, // too many
		{`x`, ""},
	} {
		re, err := syntax.Parse(tc.expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := openingBytes(re)
		slices.Sort(got) // in any order
		want := []byte(tc.want)
		slices.Sort(want)
		if g := string(got); ok != (tc.want != "") || ok && g != string(want) {
			t.Errorf("%s: opening bytes %q (known %v), want %q", tc.expr, g, ok, tc.want)
		}
	}
}

// A placeholder is turned away by the first two characters where no match
// opens with them, before the expression is compiled.
func TestMayOpen(t *testing.T) {
	stray := `(?i)^(%[a-z]+_[a-z0-9_.]+%|%(first ?name|name|ticket)%|\$[a-z]+_[a-z_]+|\$(first ?name|name)|[£$€] ?X{2,}([.,]X{2})?)$`
	for _, tc := range []struct {
		expr, text string
		want       bool
	}{
		{stray, "%first_name%", true},
		{stray, "%NAME%", true},
		{stray, "$first_name", true},
		{stray, "£XX.XX", true},
		{stray, "€ XX", true},
		{stray, "%{ticket.number}", false}, // % opens a match, %{ none
		{stray, "%1", false},
		{stray, "$1", false},
		{stray, "{name}", false},
		{stray, "£12", false},
		{stray, "%", true}, // one character: the regexp decides
		{`^\{[{%]`, "{{name}}", true},
		{`^\{[{%]`, "{name}", false},
		{`(?i)^kind`, "\u212aind", true}, // the Kelvin sign, beyond ASCII
		{`(?i)^kind`, "\u212a", true},
		{`(?i)^kind`, "\u00e9x", false},
		{`x|^y`, "abc", true}, // not anchored: nothing known
	} {
		cp := &compiledPattern{expr: tc.expr, matchCase: true}
		if got := cp.shape().mayOpen([]byte(tc.text)); got != tc.want {
			t.Errorf("%s: mayOpen(%q) = %v, want %v (%+v)", tc.expr, tc.text, got, tc.want, cp.shape().tried)
		}
		if re := regexp.MustCompile(cp.source()); re.MatchString(tc.text) && !tc.want {
			t.Errorf("%s matches %q: the table is wrong", tc.expr, tc.text)
		}
	}
}

// A placeholder is turned away by a character no match of an expression
// that spans the whole text reads.
func TestFits(t *testing.T) {
	blanks := `(?i)^(_{3,}|[a-z0-9_ ]*[a-wyz0-9_][a-z0-9_ ]*)$`
	for _, tc := range []struct {
		expr, text string
		want       bool
	}{
		{blanks, "FIRST_NAME", true},
		{blanks, "order number", true},
		{blanks, "\u212a", true}, // the Kelvin sign folds to k: beyond ASCII is read
		{blanks, "%{ticket.number}", false},
		{blanks, "{customer_name}", false},
		{blanks, "name.", false},
		{`^[a-z]+$`, "caf\u00e9", false}, // nothing beyond ASCII is read
		{`^[a-z]+|x$`, "%", true},        // the first branch need not reach the end
		{`[a-z]+`, "%", true},
	} {
		cp := &compiledPattern{expr: tc.expr, matchCase: true}
		if got := cp.shape().fits([]byte(tc.text)); got != tc.want {
			t.Errorf("%s: fits(%q) = %v, want %v", tc.expr, tc.text, got, tc.want)
		}
		if re := regexp.MustCompile(cp.source()); re.MatchString(tc.text) && !tc.want {
			t.Errorf("%s matches %q: the table is wrong", tc.expr, tc.text)
		}
	}
}

// The lead table turns away a text where no match can start at any of the
// expression's first bytes, and never one where a match does: random texts
// against expressions with first bytes, and the placeholder in brackets.
func TestLeadTable(t *testing.T) {
	brackets := `\(\s*(customer|client|order|tracking|first|last)[ _-]?(first |last )?(name|number|no|id|date)\s*\)|\(\s*(name|first name|surname|amount)\s*\)`
	for _, tc := range []struct {
		expr, text string
		want       bool
	}{
		{brackets, "Please send the logs (if any) and a screenshot.", false},
		{brackets, "See the guide (https://example.com/help) first.", false},
		{brackets, "Dear (Customer Name), thanks.", true},
		{brackets, "Your order (  order number ) shipped.", true},
		{brackets, "Dear (", false},                               // the text ends before a match could
		{`(?i)kind(ly)? (note|remind)`, "\u212aindly note", true}, // k, or the Kelvin sign beyond ASCII
		{`(?i)kind(ly)? (note|remind)`, "a kind word", false},
		{`x+`, "abc", false},
	} {
		cp := &compiledPattern{expr: tc.expr}
		if cp.shape().tried == nil || cp.shape().tried.lead == nil {
			t.Fatalf("%s: no lead table (first bytes %q)", tc.expr, cp.shape().first)
		}
		if got := cp.shape().mayStartIn([]byte(tc.text)); got != tc.want {
			t.Errorf("%s: mayStartIn(%q) = %v, want %v", tc.expr, tc.text, got, tc.want)
		}
		if regexp.MustCompile(cp.source()).MatchString(tc.text) && !tc.want {
			t.Errorf("%s matches %q: the table is wrong", tc.expr, tc.text)
		}
	}
	rng := rand.New(rand.NewPCG(7, 8))
	pieces := []string{" ", "  ", "\n", "(", ")", "( ", " )", "customer", "Customer", "CLIENT", "order", "first", "last", "name",
		"Name", "number", "no", "id", "date", "_", "-", "surname", "amount", "if", "any", "kind", "KIND", "\u212aind", "ly", "note",
		"remind", "x", "é", "’", ".", ",", "(first", "(last", " name)", "a.k.a", "a.", "k.", "and/", "or", "“"}
	for _, expr := range []string{brackets, `(?i)kind(ly)? (note|remind)`, `\((first|last) name\)`, `[‘’“”]`, `a.k.a.|and/or`} {
		cp := &compiledPattern{expr: expr}
		re := regexp.MustCompile(cp.source())
		matched := 0
		for range 20000 {
			var b strings.Builder
			for range 1 + rng.IntN(12) {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
			text := []byte(b.String())
			if re.Match(text) {
				matched++
				if !cp.shape().mayStartIn(text) {
					t.Fatalf("%s: %q matches but was turned away", expr, text)
				}
			}
		}
		if matched == 0 {
			t.Errorf("%s: no random text matched", expr)
		}
	}
}

// A text table decides a match exactly as the regexp does, on random
// texts, and is made only for an expression it can decide.
func TestTextTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	pieces := []string{"{", "}", "{{", "%", "[", "]", "<", ">", "a", "b", "c", "ab", "x", " ", "\n", "é", "’", "\xff", "name", "_", "$", ".", "A"}
	for _, tc := range []struct {
		expr  string
		table bool
	}{
		{`^\{[{%]`, true},
		{`(?i)^\{[{%]`, true},
		{`^\[.+\]$`, true},
		{`(?i)^<.+>$`, true},
		{`(?i)^\{(?-i:[^{%]).*\}$`, true},
		{`^(ab|a)c$|^x+$`, true},
		{`^a*`, true}, // matches every text: nothing at its start
		{`^[^{]*\}$`, true},
		{`^[éa]b`, false},            // some characters beyond ASCII, not all
		{`(?i)^kind`, false},         // k is also the Kelvin sign
		{`^a\bb`, false},             // \b asks of the text around
		{`^(a$|b)`, false},           // $ closes one branch only
		{`(?m)^a`, false},            // after any line break
		{`a`, false},                 // not anchored
		{`^(a|b)+c{1,100}d$`, false}, // more states than kept
	} {
		cp := &compiledPattern{expr: tc.expr, matchCase: true}
		tr := cp.shape().tried
		if got := tr != nil && tr.text != nil; got != tc.table {
			t.Errorf("%s: text table %v, want %v", tc.expr, got, tc.table)
			continue
		}
		if !tc.table {
			continue
		}
		re := regexp.MustCompile(cp.source())
		matched := 0
		for range 20000 {
			var b strings.Builder
			for range rng.IntN(8) {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
			text := []byte(b.String())
			want := re.Match(text)
			if want {
				matched++
			}
			if got := tr.text.matches(text); got != want {
				t.Fatalf("%s: %q: table says %v, the regexp %v", tc.expr, text, got, want)
			}
		}
		if matched == 0 {
			t.Errorf("%s: no random text matched", tc.expr)
		}
	}
}

// needSets finds a set for each part of a sequence that has one.
func TestNeedSets(t *testing.T) {
	for _, tc := range []struct {
		expr string
		want [][]string
	}{
		{`\b(questions?|issues?) ([\p{L}'-]+ ){0,3}?(should|must|need to|have to) (go|be sent) (to|with) (the|their)\b`,
			[][]string{{"question", "issue"}, {"should", "must", "need", "have"}, {"go", "sent"}, {"to", "with"}, {"the"}}}, // the(?:ir)?, as the parser factors it
		{`(?i)\bsorry,? you (found|find)\b`, [][]string{{"orry"}, {"you"}, {"f"}, {"ound", "ind"}}}, // s also matches the long s; f(?:ound|ind)
		{`a?b*`, nil},
		{`(x|y)+z{2}`, [][]string{{"x", "y"}, {"z"}}},
		{`(a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q)x`, [][]string{{"x"}}}, // more than maxSetNeed
	} {
		re, err := syntax.Parse(tc.expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		var got [][]string
		for _, set := range needSets(re) {
			var strs []string
			for _, s := range set.strs {
				strs = append(strs, string(s))
			}
			got = append(got, strs)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: sets %q, want %q", tc.expr, got, tc.want)
		}
	}
}

// A text that all's sets or the opening bytes turn away is one the
// expression does not match: random texts against expressions that know
// both, and placeholders of every kind the corpus of replies holds.
func TestHoldsAllKeepsMatches(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{" ", "  ", "\n", ",", "!", "%", "$", "{", "}", "£", "€", "X", "x", "_", ".", "'", "’",
		"question", "Issues", "ISSUE", "should", "SHOULD", "\u017fhould", "must", "need", "to", "have", "go", "be", "sent",
		"with", "the", "their", "The", "first", "name", "first_name", "NAME", "\u212aind", "kind", "ticket", "order", "path",
		"questions should go to the ", "Issue has to be sent with  your ", "kind to the", "XXX", "xX", ".x", "%{order}"}
	exprs := []string{
		`\b(questions?|queries|issues?)( [\p{L}'-]+){0,3}? (should|must|need to|needs to|have to|has to) (go|be directed|be sent) (to|with) (the|their|your)\b`,
		`^(%[a-z]+_[a-z0-9_.]+%|%(first ?name|firstname|name|order|ticket)%|\$[a-z]+_[a-z_]+|\$(first ?name|name|order)|[£$€] ?X{2,}([.,]X{2})?)$`,
		`^\{[{%]`, `^\{(?-i:[^{%]).*\}$`, `^[Xx]{3,}|^[Xx]{2,}([./:,-][Xx]{1,4})+$`, `kind (to|with) the`,
		`^(_{3,}|[a-z0-9_ ]*[a-wyz0-9_][a-z0-9_ ]*)$`, `^[a-z]+ [a-z]+$`,
	}
	for _, expr := range exprs {
		for _, matchCase := range []bool{false, true} {
			cp := &compiledPattern{expr: expr, matchCase: matchCase}
			re := regexp.MustCompile(cp.source())
			if tr := cp.shape().tried; tr == nil || len(tr.all) < 2 && tr.opens == nil && tr.within == nil {
				t.Fatalf("%s: %+v: nothing to check", expr, tr)
			}
			matched := 0
			for range 20000 {
				var b strings.Builder
				for range 1 + rng.IntN(10) {
					b.WriteString(pieces[rng.IntN(len(pieces))])
					if rng.IntN(2) == 0 {
						b.WriteByte(' ')
					}
				}
				text := []byte(b.String())
				if !re.Match(text) {
					continue
				}
				matched++
				if sh := cp.shape(); !sh.holdsAll(text) || !sh.mayOpen(text) || !sh.fits(text) {
					t.Fatalf("%s (match case %v): %q matches but was turned away", expr, matchCase, text)
				}
			}
			if matched == 0 {
				t.Errorf("%s (match case %v): no random text matched", expr, matchCase)
			}
		}
	}
}

// Run from the first bytes a match can start with, an expression finds
// what FindAllIndex finds in the whole text.
func TestEachFromFirstBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	pieces := []string{"\"", "“", "”", "q", "Q", ".", ",", " ", "kind", "KIND", "\u212aind", "x", "y", "z", "…", "...", "\n"}
	for _, expr := range []string{`["“][^"”“]+["”][.,]`, `(?i)kind\b`, `\.\.\.|…`, `(x|y)+z`, `x{2,}`} {
		cp := &compiledPattern{expr: expr, matchCase: true}
		if cp.shape().first == nil {
			t.Fatalf("%s: no first bytes", expr)
		}
		re := regexp.MustCompile(expr)
		for range 2000 {
			var sb strings.Builder
			for range rng.IntN(30) {
				sb.WriteString(pieces[rng.IntN(len(pieces))])
			}
			text := []byte(sb.String())
			var got [][]int
			cp.each(text, func(start, end int) { got = append(got, []int{start, end}) })
			if want := re.FindAllIndex(text, -1); !slices.EqualFunc(got, want, slices.Equal) {
				t.Fatalf("%s on %q: %v, want %v", expr, text, got, want)
			}
		}
	}
}

// topBranches splits at the top level only, and not where a flag set
// midway would hold for the branches after it.
func TestTopBranches(t *testing.T) {
	for _, tc := range []struct {
		src, flags string
		parts      []string
	}{
		{`(?i)a|b(c|d)|e`, `(?i)`, []string{`a`, `b(c|d)`, `e`}},
		{`(?i)(?s)a|b`, `(?i)(?s)`, []string{`a`, `b`}},
		{`[|(]x|\|y|\(z`, ``, []string{`[|(]x`, `\|y`, `\(z`}},
		{`[]|]a|b`, ``, []string{`[]|]a`, `b`}},
		{`(?i:a|b)|c`, ``, []string{`(?i:a|b)`, `c`}},
		{`(?P<x>a|b)|c`, ``, []string{`(?P<x>a|b)`, `c`}},
		{`a|`, ``, []string{`a`, ``}},
		{`(a|b)`, ``, []string{`(a|b)`}},
		{`(?i)a(?-i)b|c`, `(?i)`, []string{`a(?-i)b|c`}}, // (?-i) would hold for c too
		{`a\Q|\E|b`, ``, []string{`a\Q|\E|b`}},
		{`é\.|ü`, ``, []string{`é\.`, `ü`}},
	} {
		flags, parts := topBranches(tc.src)
		if flags != tc.flags || !slices.Equal(parts, tc.parts) {
			t.Errorf("topBranches(%q) = %q %q, want %q %q", tc.src, flags, parts, tc.flags, tc.parts)
		}
	}
}

// The parts of a long alternation, tried in order at a lead, find what
// the whole expression finds there.
func TestAnchoredPartsMatchWhole(t *testing.T) {
	exprs := []struct {
		expr  string
		leads []string
	}{
		{`\b(sorry|regret),? ((if|that) )?you('re| are| were)? (feel|felt|upset)\b|\bsorry (for|about) (how|the way) you (feel|felt)\b|` +
			`\b(sorry|regret),? (that )?you (found|find) (the |this |it )?([\p{L}'-]+ ){0,3}?(confusing|hard|rude)\b|\bsorry\b`, []string{"sorry", "Regret"}},
		{`\b(issues?|requests?)( [\p{L}'-]+){0,3}? (should|must|need to) (go|be sent) (to|with) (the|their)\b|\btheir (details|email) (is|are) (on|in)\b|\b(issue|their)`,
			[]string{"issue", "requests", "their"}},
	}
	// Pieces of matches, so that texts often hold one, or most of one.
	words := []string{"you feel", "you're upset", "if you were", "that you found", "found the new billing", "it",
		"confusing", "hard café", "about how you felt", "for the way you feel", "you", "that", "rude",
		"form should go to the", "must be sent with their", "details are on", "email is in", "should", "x"}
	seps := []string{" ", " ", " ", ", ", ". ", "\n", "  ", "-"}
	rng := rand.New(rand.NewPCG(11, 12))
	for _, tc := range exprs {
		expr := tc.expr
		src := (&compiledPattern{expr: expr}).source()
		parts := anchorParts(src, true, false)
		if len(parts) < 2 {
			t.Fatalf("%s: not split", expr)
		}
		whole := regexp.MustCompile(`^(?:` + src + `)`)
		found, longer := 0, 0
		for range 3000 {
			var sb strings.Builder
			sb.WriteString(tc.leads[rng.IntN(len(tc.leads))]) // where a lead was found
			for range rng.IntN(12) {
				sb.WriteString(seps[rng.IntN(len(seps))])
				sb.WriteString(words[rng.IntN(len(words))])
			}
			text := []byte(sb.String())
			var got []int
			for i := range parts {
				if got = parts[i].regexp().FindIndex(text); got != nil {
					break
				}
			}
			want := whole.FindIndex(text)
			if !slices.Equal(got, want) {
				t.Fatalf("%s on %q: parts find %v, the whole %v", expr, text, got, want)
			}
			if want != nil {
				found++
				if want[1] > len(tc.leads[0])+1 {
					longer++
				}
			}
		}
		if found < 300 || longer < 100 {
			t.Errorf("%s: %d texts matched, %d past their lead: the test says little", expr, found, longer)
		}
	}
}

// runCuts gives spaceCut's answers, asked in any order.
func TestRunCuts(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	pieces := []string{"a", "bc", " ", "  ", "\t", "\n", "é", "-"}
	for range 2000 {
		var sb strings.Builder
		for range rng.IntN(60) {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := []byte(sb.String())
		c := runCuts{text: text}
		for range 6 {
			runs := rng.IntN(20) // past the runs it keeps, too
			if got, want := c.at(runs), spaceCut(text, 0, len(text), 1, runs); got != want {
				t.Fatalf("on %q, run %d: at says %d, spaceCut %d", text, runs, got, want)
			}
		}
	}
}

// A pack's image keeps every pattern's shape, an anchored pattern's parts'
// shapes and whether it runs by paragraph: loaded, they are what the
// expression gives, and a part is compiled only when first tried.
func TestStoredShapes(t *testing.T) {
	images, _ := filepath.Glob("../rules/compiled/*.rules")
	if len(images) == 0 {
		t.Skip("no stored packs in ../rules/compiled: run go generate ./rules")
	}
	patterns, parts, byParagraph := 0, 0, 0
	for _, path := range images {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rs, _, err := LoadRuleSet(string(data))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for i, cp := range rs.patterns {
			if cp == nil || cp.expanded {
				continue
			}
			if cp.stored == "" {
				t.Fatalf("%s: %s has no stored shapes", path, rs.rules[i].ID)
			}
			patterns++
			fresh := &compiledPattern{expr: cp.expr, matchCase: cp.matchCase, anchored: cp.anchored, long: cp.long, behind: cp.behind, rest: cp.rest}
			if got, want := cp.shape(), fresh.shape(); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %s: stored shape %+v, the expression's %+v", path, rs.rules[i].ID, got, want)
			}
			if !cp.spanStored {
				t.Errorf("%s: %s: whether it runs by paragraph is not stored", path, rs.rules[i].ID)
			}
			own := &compiledPattern{expr: cp.expr, matchCase: cp.matchCase, aposAsWritten: cp.aposAsWritten, inWords: cp.inWords, raw: cp.raw}
			if got, want := cp.byParagraph(), own.byParagraph(); got != want {
				t.Errorf("%s: %s: stored as running by paragraph: %v; the expression says %v", path, rs.rules[i].ID, got, want)
			}
			if cp.byParagraph() {
				byParagraph++
			}
			if !cp.anchored {
				continue
			}
			got, want := cp.anchoredRegexps(), fresh.anchoredRegexps()
			if len(got) != len(want) {
				t.Fatalf("%s: %s: %d stored parts, the expression has %d", path, rs.rules[i].ID, len(got), len(want))
			}
			for k := range got {
				parts++
				if got[k].re != nil {
					t.Errorf("%s: %s: part %d compiled before it was tried", path, rs.rules[i].ID, k)
				}
				if !reflect.DeepEqual(got[k].shape, want[k].shape) {
					t.Errorf("%s: %s: part %d: stored shape %+v, the expression's %+v", path, rs.rules[i].ID, k, got[k].shape, want[k].shape)
				}
				if re := got[k].regexp(); re == nil || re.String() != want[k].re.String() {
					t.Errorf("%s: %s: part %d compiles to %v, want %v", path, rs.rules[i].ID, k, re, want[k].re)
				}
			}
		}
	}
	if patterns == 0 || parts == 0 || byParagraph == 0 || byParagraph == patterns {
		t.Fatalf("%d patterns (%d by paragraph) and %d anchored parts checked: the packs hold more of each", patterns, byParagraph, parts)
	}
	t.Logf("%d patterns (%d by paragraph), %d anchored parts", patterns, byParagraph, parts)
}
