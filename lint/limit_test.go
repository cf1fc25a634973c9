package lint

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestMatchCase(t *testing.T) {
	tests := []struct {
		name  string
		check Check
		text  string
		want  []string
	}{
		{"phrase", &Phrase{Phrases: []string{"actually"}, MatchCase: true}, "Actually, it is actually fine. ACTUALLY.", []string{"actually"}},
		{"phrase folds without", &Phrase{Phrases: []string{"actually"}}, "Actually, it is actually fine.", []string{"Actually", "actually"}},
		{"phrase apostrophes", &Phrase{Phrases: []string{"can't"}, MatchCase: true}, "We can’t. We Can't.", []string{"can’t"}},
		{"replace", &Replace{Pairs: []Replacement{{Phrase: "javascript", With: "JavaScript"}}, MatchCase: true}, "javascript, Javascript", []string{"javascript"}},
		{"pattern", &Pattern{Expr: "just|Simply", MatchCase: true}, "Just do it, just simply. Simply.", []string{"just", "Simply"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := matched(compileRules(t, tc.check), tc.text, Context{}); !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestReplaceAlreadyReplaced(t *testing.T) {
	rs := compileRules(t, &Replace{Pairs: []Replacement{{Phrase: "javascript", With: "JavaScript"}}})
	doc := NewDocument("t.md", []byte("JavaScript and javascript."), FormatMarkdown)
	rs.rules[0].Message = "Use “%[2]s” instead of “%s”."
	ds := rs.Lint(doc, Context{})
	if len(ds) != 1 || ds[0].Start != 15 {
		t.Fatalf("got %+v, want one finding on the lower-case word", ds)
	}
	if want := "Use “JavaScript” instead of “javascript”."; ds[0].Message != want {
		t.Errorf("message %q, want %q", ds[0].Message, want)
	}
}

// A replacement starts a sentence with a capital, but for a name whose case
// is its own (macOS, iPhone): "MacOS" is no way to write it, there either.
func TestReplaceSentenceStartCase(t *testing.T) {
	rs := compileRules(t, &Replace{Pairs: []Replacement{{Phrase: "macos", With: "macOS"}, {Phrase: "i don't know", With: "let me find out"}}})
	for text, want := range map[string][]string{
		"Thanks. MacOS is fine, and MacOS too.": {"MacOS", "MacOS"},
		"macOS is fine. Use macOS.":             nil,
		"Thanks. macos is fine.":                {"macos"},
		"I don't know. Let me find out.":        {"I don't know"},
	} {
		var got []string
		doc := NewDocument("t.md", []byte(text), FormatMarkdown)
		for _, d := range rs.Lint(doc, Context{}) {
			got = append(got, text[d.Start:d.End])
			if e := d.Fixes[0].Edits[0].NewText; e != "macOS" && e != "Let me find out" {
				t.Errorf("%q: fix %q", text, e)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: found %q, want %q", text, got, want)
		}
	}
}

func TestPatternMax(t *testing.T) {
	text := "Very good. Very very nice.\n\nA very fine day."
	tests := []struct {
		per  string
		max  int
		want []int // starts of the findings
	}{
		{PerSentence, 1, []int{11}},
		{PerParagraph, 2, []int{0}},
		{PerParagraph, 3, nil},
		{PerDocument, 3, []int{0}},
	}
	for _, tc := range tests {
		for _, regexOnly := range []bool{false, true} {
			rule := &Rule{ID: "r.max", Category: "over-familiar", Severity: Info, Message: "%d of them", Origin: "test",
				Check: &Pattern{Expr: "very", Max: tc.max, Per: tc.per}}
			rs, err := CompileWith(&Language{}, []*Rule{rule}, CompileOptions{RegexOnly: regexOnly})
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for _, d := range rs.Lint(NewDocument("t.md", []byte(text), FormatMarkdown), Context{}) {
				got = append(got, d.Start)
				if d.Message == "%d of them" {
					t.Errorf("%%d not filled: %q", d.Message)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("per %s max %d (regex only %v): got %v, want %v", tc.per, tc.max, regexOnly, got, tc.want)
			}
		}
	}
}

// A pattern loaded from an image compiles its conditions on the text around
// a match the first time it asks them; one that does not compile (only a
// damaged image holds one) lets no match stand.
func TestContextCompiledOnFirstUse(t *testing.T) {
	src := []byte("Thanks, love. Bye")
	ok := &compiledPattern{contextOf: &Pattern{PrecededBy: `, `, FollowedBy: `\s*[.!?,]`}}
	if ok.followedBy != nil {
		t.Fatal("conditions compiled before they were asked")
	}
	if !ok.inContext(src, 8, 12) {
		t.Error(`"love" after ", " and before "." is not in context`)
	}
	if ok.followedBy == nil || ok.precededBy == nil {
		t.Error("conditions not compiled when asked")
	}
	if ok.inContext(src, 14, 17) {
		t.Error(`"Bye" is in context, with nothing before it but ". "`)
	}
	bad := &compiledPattern{contextOf: &Pattern{FollowedBy: `(`}}
	if bad.inContext(src, 8, 12) || bad.contextErr == nil {
		t.Errorf("a condition that does not compile: in context, error %v", bad.contextErr)
	}
}

// TestExceptionLines checks that an exception kept to the lines of the match
// (exceptionRe.inLine) and remembered from one match to the next excuses
// exactly what a search of the whole paragraph around each match excuses.
func TestExceptionLines(t *testing.T) {
	exprs := []struct {
		expr   string
		inLine bool
	}{
		{`(?m)\b(?:\d{1,4}/\d{1,4}|(?-i).*ab/\w+|https?://\S+)\b`, true},
		{`(?m)^b\w*|a$`, true},
		{`b c`, true},
		{`.*/`, true},
		{`b\sc`, false},     // \s holds a line break
		{`(?s)a.*b`, false}, // so does . under s
		{`[^x]+/`, false},
		{`\Ab|c\z`, false}, // where the search starts and ends matters
		{`^b`, false},      // ^ without (?m) is \A
	}
	rng := rand.New(rand.NewPCG(7, 11))
	pieces := []string{"a", "b", "c", "ab", "/", " ", "\n", "\r\n", "\n\n", "12", "http://x/y", "é", "."}
	for _, e := range exprs {
		x, err := compileException(e.expr)
		if err != nil {
			t.Fatal(err)
		}
		if x.inLine != e.inLine {
			t.Errorf("%q: inLine %v, want %v", e.expr, x.inLine, e.inLine)
		}
		whole := &exceptionRe{re: x.re}
		for range 3000 {
			var b strings.Builder
			for n := rng.IntN(40); n > 0; n-- {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
			src := []byte(b.String())
			check := &exceptionCheck{exceptionRe: x}
			for range 4 {
				start := rng.IntN(len(src) + 1)
				end := start + rng.IntN(len(src)-start+1)
				raw := rng.IntN(2) == 0
				got := check.excuses(src, start, end, raw)
				want := (&exceptionCheck{exceptionRe: whole}).excuses(src, start, end, raw)
				if got != want {
					t.Fatalf("%q on %q [%d,%d) raw %v: excused %v, the whole paragraph says %v", e.expr, src, start, end, raw, got, want)
				}
			}
		}
	}
}
