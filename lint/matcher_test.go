package lint

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
)

// compileRules builds a rule set from checks, one rule per check, ids r0, r1…
func compileRules(t *testing.T, checks ...Check) *RuleSet {
	t.Helper()
	var rules []*Rule
	for i, c := range checks {
		rules = append(rules, &Rule{ID: fmt.Sprintf("r%d", i), Category: "negative-phrasing", Severity: Warning,
			Message: "found %s", Check: c, Origin: "test"})
	}
	rs, err := Compile(&Language{Greetings: []string{"hi", "hello", "dear", "good morning"},
		Titles: []string{"ms", "mr", "dr"}, NotNames: []string{"there", "team"}}, rules)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// with returns base with extra rules added, as the engine adds a team's pack.
func with(base *RuleSet, extra []*Rule) (*RuleSet, error) {
	x, err := CompileExtra(extra)
	if err != nil {
		return nil, err
	}
	return base.WithExtra(x), nil
}

// matched lints text and returns the matched texts of every finding, in order.
func matched(rs *RuleSet, text string, ctx Context) []string {
	doc := NewDocument("t.md", []byte(text), FormatMarkdown)
	var out []string
	for _, d := range rs.Lint(doc, ctx) {
		out = append(out, text[d.Start:d.End])
	}
	return out
}

func TestPhraseMatching(t *testing.T) {
	rs := compileRules(t, &Phrase{Phrases: []string{"calm down", "actually", "don't know", "sorry, but", "推来推去", "לא באחריותנו", "カタカナ"}})
	tests := []struct {
		name, text string
		want       []string
	}{
		{"case-insensitive", "Please CALM DOWN.", []string{"CALM DOWN"}},
		{"curly apostrophe", "I don’t know yet.", []string{"don’t know"}},
		{"straight apostrophe in text", "I don't know yet.", []string{"don't know"}},
		{"line break inside phrase", "please calm\ndown now", []string{"calm\ndown"}},
		{"CRLF inside phrase", "please calm\r\ndown now", []string{"calm\r\ndown"}},
		{"blank line breaks the phrase", "stay calm\n\ndown the road", nil},
		{"sentence end breaks the phrase", "Stay calm. Down the road it works.", nil},
		{"comma breaks the phrase", "calm, down", nil},
		{"phrase punctuation is optional", "Sorry but no. Sorry, but no.", []string{"Sorry but", "Sorry, but"}},
		{"emphasis is transparent", "please **calm** down", []string{"calm** down"}},
		{"word boundary", "factually, actually, actuallyness", []string{"actually"}},
		{"unicode word boundary", "naïveactually actually", []string{"actually"}},
		{"Han inside a run", "我们不想让您被推来推去了", []string{"推来推去"}},
		{"Hebrew words", "זה לא באחריותנו, מצטערים", []string{"לא באחריותנו"}},
		{"emoji next to a word", "🙂actually🙂", []string{"actually"}},
		{"quoted text is ignored", "> calm down\nThanks", nil},
		{"code is ignored", "Run `calm down` now", nil},
		{"full-width letters", "ａｃｔｕａｌｌｙ it works", []string{"ａｃｔｕａｌｌｙ"}},
		{"half-width katakana", "ｶﾀｶﾅ です", []string{"ｶﾀｶﾅ"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := matched(rs, tt.text, Context{})
			if !slices.Equal(got, tt.want) {
				t.Errorf("matched %q, want %q", got, tt.want)
			}
		})
	}
}

func TestExceptionsAndOverlaps(t *testing.T) {
	rs := compileRules(t, &Phrase{Phrases: []string{"we can't", "can't"}, Exceptions: []string{"can't wait", "can't thank you enough"}})
	for text, want := range map[string][]string{
		"We can't wait to help.":                 nil,
		"We can't thank you enough.":             nil,
		"We can't do that. You can't either.":    {"We can't", "can't"},
		"we can't, and we can't wait to try it.": {"we can't"},
	} {
		if got := matched(rs, text, Context{}); !slices.Equal(got, want) {
			t.Errorf("%q: matched %q, want %q", text, got, want)
		}
	}
}

func TestReplaceFix(t *testing.T) {
	rs := compileRules(t, &Replace{Pairs: []Replacement{{"i don't know", "let me find out"}, {"asap", "as soon as possible"}}})
	text := "I don't know. We will reply ASAP, and i don’t know why."
	doc := NewDocument("t.md", []byte(text), FormatMarkdown)
	var got []string
	for _, d := range rs.Lint(doc, Context{}) {
		if len(d.Fixes) != 1 || len(d.Fixes[0].Edits) != 1 {
			t.Fatalf("want one fix with one edit, got %+v", d.Fixes)
		}
		e := d.Fixes[0].Edits[0]
		got = append(got, text[e.Start:e.End]+" → "+e.NewText)
	}
	want := []string{"I don't know → Let me find out", "ASAP → as soon as possible", "i don’t know → let me find out"}
	if !slices.Equal(got, want) {
		t.Errorf("fixes %q, want %q", got, want)
	}
}

func TestPatternTriggers(t *testing.T) {
	for expr, want := range map[string]string{
		`sorry (if|that) you (feel|felt)`:     "[[sorry] [feel felt] [you] [if that]]",
		`(we|I) (apologi[sz]e|regret) any`:    "[[apologise apologize regret] [any] [I we]]",
		`\d+ days`:                            "[[days]]",
		`[A-Z]{3,}`:                           "[]",
		`you (should|must) have (known|read)`: "[[must should] [have] [known read] [you]]",
		`(as per|as stated in) my last email`: "[[email] [last] [as] [my]]",
		`understand,? but|I know,? but`:       "[[but] [I but]]",
		// Beside an apostrophe a word is part of another: "I'll" is one word.
		`[A-Za-z]*'ll`:         "[]",
		`\w+'s fault`:          "[[fault]]",
		`don't (do|say) that`:  "[[don't] [that] [do say]]",
		`you'll (see|find) it`: "[[you'll] [find see] [it]]",
		`'til the end`:         "[[the] [end]]",
	} {
		re, err := syntax.Parse(expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(deriveTriggers(re)); got != want {
			t.Errorf("%s: triggers %s, want %s", expr, got, want)
		}
	}
}

// A pattern whose matches may start or end inside a word (InsideWords)
// waits only for the words its expression bounds on both sides.
func TestBoundedTriggers(t *testing.T) {
	for expr, want := range map[string]string{
		`[a-zA-Z]+\s\b(?:miles|pounds)\b`: "[[miles pounds]]", // Vale's raw before tokens
		`\bme\b`:                          "[]",               // \b alone may stand after the apostrophe of "y'all"
		`[.,]\s*\bme\b`:                   "[[me]]",           // a mark before, spaces or none
		`[a-z]*\s*\bme\b`:                 "[]",               // maybe letters before: \b alone
		`\sme\b`:                          "[[me]]",
		`(?:^|\s)I\s`:                     "[]",                      // an alternation of edges is not read as one: none, as before
		`a\.\s(we|you) (will|shall)\b`:    "[[shall will] [we you]]", // a space before, \b after: bounded
		`ship`:                            "[]",                      // inside "relationship"
		`will( |[[:punct:]])[a-zA-Z]*`:    "[]",                      // "goodwill gesture"
		`so!`:                             "[]",                      // the pattern's ends are no edges
		`misspel(?:t|led)`:                "[]",                      // nor the start of a phrase
		`\b(am|is)\b\s+(?:sent|lost)\b`:   "[[lost sent]]",
	} {
		re, err := syntax.Parse(expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(boundedTriggers(re)); got != want {
			t.Errorf("%s: bounded triggers %s, want %s", expr, got, want)
		}
	}
}

// Waiting for its bounded words, such a pattern still finds each match,
// one that starts inside a word too, as Vale's expression does.
func TestInsideWordsTriggers(t *testing.T) {
	rs := compileRules(t, &Pattern{Expr: `[a-zA-Z]+\s\b(?:miles|pounds)\b`, InsideWords: true})
	text := "It is 5five miles away.\n\nAbout ten pounds, or two milestones.\n\nNo unit here."
	want := []string{"five miles", "ten pounds"}
	if got := matched(rs, text, Context{}); !slices.Equal(got, want) {
		t.Errorf("matched %q, want %q", got, want)
	}
	// A match may end at the apostrophe inside a word, as RE2's \b lets
	// it: the word waited for is found there too.
	rs = compileRules(t, &Pattern{Expr: `\s(?:we|us)\b`, InsideWords: true})
	text = "So we'll go, we’re here, and us.\n\nNothing there."
	want = []string{" we", " we", " us"}
	if got := matched(rs, text, Context{}); !slices.Equal(got, want) {
		t.Errorf("matched %q, want %q", got, want)
	}
}

// Scope paragraph leaves out, in Markdown, the lines of headings, list
// items (with the lines that go on from them) and tables, as Vale's scope of
// that name does: its matches, and what its limits count. An expression
// that asks for its text's start (^ without (?m)) finds it at each
// paragraph's start, in any scope.
func TestPatternScopeParagraph(t *testing.T) {
	const text = "A refund and a refund.\n\n- A refund in a list.\n- Item.\nlazy refund line\n\n" +
		"| Col | Refund |\n| --- | :-: |\n| refund | x |\n\n# A refund heading\n\nBut a refund, refund.\nBut more | here.\n\n1. But numbered\n"
	for _, tc := range []struct {
		check *Pattern
		want  []string
	}{
		{&Pattern{Expr: `refund`}, []string{"refund", "refund", "refund", "refund", "Refund", "refund", "refund", "refund", "refund"}},
		{&Pattern{Expr: `refund`, Scope: ScopeParagraph}, []string{"refund", "refund", "refund", "refund"}},
		{&Pattern{Expr: `refund`, Scope: ScopeParagraph, Max: 1, Per: PerParagraph}, []string{"refund", "refund"}},
		{&Pattern{Expr: `^But`, MatchCase: true, InsideWords: true}, []string{"But", "But"}},
		{&Pattern{Expr: `^But`, MatchCase: true, InsideWords: true, Scope: ScopeParagraph}, []string{"But"}},
		{&Pattern{Expr: `(?m)^But`, MatchCase: true, InsideWords: true, Scope: ScopeParagraph}, []string{"But", "But"}},
	} {
		rs := compileRules(t, tc.check)
		if got := matched(rs, text, Context{}); !slices.Equal(got, tc.want) {
			t.Errorf("%+v: matched %q, want %q", *tc.check, got, tc.want)
		}
	}
	// In plain text there are no lists, headings or tables.
	rs := compileRules(t, &Pattern{Expr: `refund`, Scope: ScopeParagraph})
	doc := NewDocument("t.txt", []byte("- A refund.\n| refund |\n|---|\n"), FormatText)
	if got := len(rs.Lint(doc, Context{})); got != 2 {
		t.Errorf("plain text: %d findings, want 2", got)
	}
}

// A match whose start fails its lookbehind gives way to one that starts
// further on, inside it, and meets it, as Vale's engine tries each place.
func TestPatternContextLaterStart(t *testing.T) {
	rs := compileRules(t, &Pattern{Expr: `\W*so\b`, PrecededBy: `[.!?]\s`, InsideWords: true})
	text := "We use issues for bugs. So, please ask. We fixed it. \"So\" is a word. Also so."
	if got, want := matched(rs, text, Context{}), []string{"So", "\"So"}; !slices.Equal(got, want) {
		t.Errorf("matched %q, want %q", got, want)
	}
	rs = compileRules(t, &Pattern{Expr: `\bit is`, NotFollowedBy: `\.`, InsideWords: true})
	if got, want := matched(rs, "So it is. Yes it is here, bit is.", Context{}), []string{"it is"}; !slices.Equal(got, want) {
		t.Errorf("matched %q, want %q", got, want)
	}
}

// A match RE2 ends inside a word gives way to the branch that ends at the
// word's edge, as Vale's expression, held to \b, goes on to it.
func TestPatternEndsAtWordEdge(t *testing.T) {
	for _, tc := range []struct {
		expr, text string
		want       []string
	}{
		{`\d+ ?(?:k|kb)`, "It is 300 kb or 300kb, 300 k, not 300 kbps.", []string{"300 kb", "300kb", "300 k"}},
		{`\d+-(?:[1-9]|[12]\d)`, "On 2021-25 and 2021-5, not 2021-255.", []string{"2021-25", "2021-5"}},
		{`caf(?:e|é)`, "Cafés and a café_x, and café.", []string{"café"}},
	} {
		rs := compileRules(t, &Pattern{Expr: tc.expr})
		if got := matched(rs, tc.text, Context{}); !slices.Equal(got, tc.want) {
			t.Errorf("%s on %q: matched %q, want %q", tc.expr, tc.text, got, tc.want)
		}
	}
}

// An underscore between two word characters joins them into one name, for
// an expression held to word edges as for a phrase (dropUnderscored), as to
// Vale's \b: "case" in "my_case_name" is no word of its own; in "_case_",
// emphasis, it is.
func TestPatternUnderscoreJoins(t *testing.T) {
	rs := compileRules(t, &Pattern{Expr: `c\w+e|\d+`}) // not a few phrases, which dropUnderscored sees to
	if got, want := matched(rs, "Set my_case_name, a _case_ here, LBB_2_BB, case.", Context{}), []string{"case", "case"}; !slices.Equal(got, want) {
		t.Errorf("matched %q, want %q", got, want)
	}
}

// An expression matched inside words reads its own \b as Unicode's, as
// Vale's engine does: RE2 alone sees an edge between "y" and "ö" of "myös".
// A branch whose \b falls there gives way to the next branch, as in Vale.
func TestInsideWordsUnicodeEdges(t *testing.T) {
	for _, tc := range []struct {
		expr, text string
		want       []string
	}{
		{`\b[Mm]y\b|let's`, "Voit myös katsoa: my car, let's go.", []string{"my", "let's"}},
		{`\bsa\w*|\w*ly\b`, "Hän sanoi että äsa, trulyä, truly, älyly.", []string{"sanoi", "truly", "lyly"}}, // RE2's \w* starts after "ä", as in Vale
		{`\bh[aä]|on\b`, "Häly, hanon, onö, on.", []string{"Hä", "ha", "on", "on"}},
		{`\bon\b|on`, "onö", []string{"on"}}, // the second branch, as Vale's engine tries it
		{`\bsa`, "Ösa, ösa and sa", []string{"sa"}},
	} {
		rs := compileRules(t, &Pattern{Expr: tc.expr, InsideWords: true})
		if got := matched(rs, tc.text, Context{}); !slices.Equal(got, tc.want) {
			t.Errorf("%s on %q: matched %q, want %q", tc.expr, tc.text, got, tc.want)
		}
	}
}

// Exceptions cancel any match they overlap; with ExceptionsWithin, as a
// Vale rule's do, only one they stand inside or that stands inside them.
func TestExceptionsWithin(t *testing.T) {
	text := "Sorry for any inconvenience. So sorry for any trouble. Sorry for any delay."
	excs := []string{"any inconvenience", "so sorry for any trouble"}
	for _, tc := range []struct {
		check Check
		want  []string
	}{
		{&Phrase{Phrases: []string{"sorry for any"}, Exceptions: excs}, []string{"Sorry for any"}},
		{&Phrase{Phrases: []string{"sorry for any"}, Exceptions: excs, ExceptionsWithin: true}, []string{"Sorry for any", "Sorry for any"}},
		{&Replace{Pairs: []Replacement{{Phrase: "sorry for any", With: "sorry for the"}}, Exceptions: excs, ExceptionsWithin: true}, []string{"Sorry for any", "Sorry for any"}},
		{&Pattern{Expr: `sorry for \w+`, Exceptions: excs, ExceptionsWithin: true}, []string{"Sorry for any", "Sorry for any"}},
		{&Pattern{Expr: `sorry for \w+`, Exceptions: excs}, []string{"Sorry for any"}},
		// One inside the match cancels it either way.
		{&Phrase{Phrases: []string{"sorry for any"}, Exceptions: []string{"for any"}, ExceptionsWithin: true}, nil},
	} {
		rs := compileRules(t, tc.check)
		if got := matched(rs, text, Context{}); !slices.Equal(got, tc.want) {
			t.Errorf("%T within=%v: matched %q, want %q", tc.check, exceptionsWithin(tc.check), got, tc.want)
		}
	}
}

// An underscore joins words into one name, as \b sees it: a phrase never
// matches beside one.
func TestUnderscoreJoins(t *testing.T) {
	rs := compileRules(t, &Phrase{Phrases: []string{"reply to"}}, &Pattern{Expr: `to (do|reply)`})
	text := "Please reply to us. Set reply_to or reply to_address, and a to_do list: to do later. And _reply to_ them."
	want := []string{"reply to", "to do", "reply to"} // beside spaces, _ is emphasis
	if got := matched(rs, text, Context{}); !slices.Equal(got, want) {
		t.Errorf("matched %q, want %q", got, want)
	}
}

// heldPunct finds the punctuation every match holds, and only that.
func TestHeldPunct(t *testing.T) {
	for expr, want := range map[string]string{
		`\(\s*(name|first name)\s*\)`:     "()",
		`(?-i:\$[a-z]+[A-Z][A-Za-z0-9]*)`: "$",
		`\{\{ ?\w+ ?\}\}|\[\w+\]`:         "",
		`a\.b|c\.d`:                       ".",
		`x(\.)?y|x\.+y`:                   "",
		`(#[0-9]{2,})`:                    "#",
		`[#!]x`:                           "",
		`won't do it, no`:                 ",",
	} {
		if got := string(heldPunct(mustParse(t, expr)).bytes()); got != want {
			t.Errorf("%s: holds %q, want %q", expr, got, want)
		}
	}
}

func TestLeadPhrases(t *testing.T) {
	for expr, want := range map[string]string{
		// The finite beginning, up to the word before the first open-ended part.
		`\b(since|because) you [^.]{0,40} instead`: "[since you because you]",
		`sorry,? (if|that) you \w+`:                "[sorry if you sorry that you sorry, if you sorry, that you]",
		// Each branch leads with its own phrases; punctuation after a word is dropped.
		// A last word that \b or the end of the match ends may go on in the
		// text after an apostrophe ("following's"): such a lead ends in one.
		`\bmake sense\?|are you (with me|following)\b`: "[make sense are you with me' are you following']",
		`\bare you (with me|following)$`:               "[are you with me are you following]",
		`\bare you (with me|following)\b[,.]`:          "[are you with me are you following]",
		// A word that may go on (detail → details) cannot end a lead.
		`(detail|address)s? .* wrong`: "[detail details address addresss]",
		// In a script without spaces any character ends a word.
		`(如果|要是)您[^。]{0,25}就不会`: "[如果您 要是您]",
		// An open-ended branch of a group stops its own leads, not those of
		// the branches beside it, nor those of a branch the parser factored.
		`\byou (paid|reported the \p{L}+) too (late|long)`:    "[you paid too late' you paid too long' you reported the]",
		`\byou (paid|asked) [a-z]+ late|\byou (did not) wait`: "[you paid you asked you did not wait']",
		// No finite beginning of words: no leads.
		`(^|[.!?] )clearly,`: "[]",
		`'d be the one`:      "[]",
		`\w+ly wrong`:        "[]",
	} {
		re := mustParse(t, expr)
		if got := fmt.Sprint(leadPhrases(re)); got != want {
			t.Errorf("%s: leads %s, want %s", expr, got, want)
		}
	}
}

// An anchored pattern finds what scanning every paragraph with the
// expression finds.
func TestAnchoredPatternAsRegex(t *testing.T) {
	p := &Pattern{Expr: `\b(sorry|regret),? ((if|that) )?you [^.!?]{0,30}(upset|annoyed)\b|\bclearly (says|said)\b`}
	text := "Hi Anna,\n\nI'm sorry if you were left upset. Sorry that you\nfeel annoyed, and sorry, you are upset!\n" +
		"The page clearly says so. Unsorry you upset. I regret you got annoyed — sorry you upset"
	fast := compileRules(t, p)
	if !fast.patterns[0].anchored {
		t.Fatal("the pattern was not anchored at its lead phrases")
	}
	slow, err := CompileWith(fast.Lang, fast.rules, CompileOptions{RegexOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	got, want := matched(fast, text, Context{}), matched(slow, text, Context{})
	if !slices.Equal(got, want) || len(got) != 5 {
		t.Errorf("anchored found %q, scanning found %q (want 5)", got, want)
	}
}

// A gated anchored pattern finds what the expression finds, also where the
// gate's word hides inside a longer word of the scanner's ("directly's") or
// the window ends inside a word.
func TestGatedPatternAsRegex(t *testing.T) {
	p := &Pattern{Expr: `\byou (waited|took|asked) (far )?too (late|long)\b|\bcontact (them|the seller) ([\p{L}'-]+ ){0,2}directly\b|\b(sorry|regret),? (that )?you found (it|this) ([\p{L}]+ )?(confusing|hard)\b`}
	fast := compileRules(t, p)
	cp := fast.patterns[0]
	if !cp.anchored || len(cp.branches) != 3 {
		t.Fatalf("anchored %v with %d branches, want 3", cp.anchored, len(cp.branches))
	}
	for i, b := range cp.branches {
		if len(b.gate) == 0 {
			t.Errorf("branch %d has no gate", i)
		}
	}
	// What the expression finds in the whole text (each case is one paragraph).
	re := regexp.MustCompile(cp.source())
	scan := func(text string) []string {
		var out []string
		for _, loc := range re.FindAllStringIndex(text, -1) {
			if atWordEdges([]byte(text), loc[0], loc[1]) {
				out = append(out, text[loc[0]:loc[1]])
			}
		}
		return out
	}
	for _, tc := range []struct {
		text string
		n    int
	}{
		{"Hi Anna, you waited too long to ask. You took far too late. You asked for a refund.", 2},
		{"Please contact the seller directly. Contact them by phone directly's fine. Contact them now.", 2},
		{"Sorry you found it hard. I'm sorry, that you found this very confusing's way. Sorry you found it.", 2},
		{"You waited too long. Contact them very directly\r\nRegret you found this hard", 3},
		{"you took too lateness. contact them directlyx. sorry you found it hardly.", 0},
		{"You waited, and then you asked for more time.", 0},
		// A lead that ends inside a word, at an apostrophe: \b holds there.
		{"You took too long's the word. Contact the seller's team directly. Sorry you found it hard’s fair.", 2},
		{"You took too long'. Contact the sellers team directly.", 1},
		// The reach of a long paragraph falls inside a word.
		{"You asked " + strings.Repeat("x ", 520) + "so you took too late", 1},
	} {
		got, want := matched(fast, tc.text, Context{}), scan(tc.text)
		if !slices.Equal(got, want) || len(got) != tc.n {
			t.Errorf("%q: gated found %q, the expression %q (want %d)", tc.text, got, want, tc.n)
		}
	}
}

// pieces names the words a regular expression can see inside one word.
func TestGatePieces(t *testing.T) {
	var got []uint64
	pieces([]byte("order’s"), func(h uint64) { got = append(got, h) })
	if !slices.Contains(got, hashWord("order")) || !slices.Contains(got, hashWord("s")) {
		t.Errorf("order’s: pieces miss order or s")
	}
	got = got[:0]
	pieces([]byte("résumé"), func(h uint64) { got = append(got, h) })
	if !slices.Contains(got, hashWord("sum")) || !slices.Contains(got, hashWord("r")) {
		t.Errorf("résumé: pieces miss sum or r")
	}
	got = got[:0]
	pieces([]byte("it’s'took"), func(h uint64) { got = append(got, h) })
	for _, w := range []string{"it", "s", "took", "it's", "s'took"} {
		if !slices.Contains(got, hashWord(w)) {
			t.Errorf("it’s'took: pieces miss %s", w)
		}
	}
	slices.Sort(got)
	if slices.Contains(got, hashWord("it's'took")) || len(slices.Compact(got)) != 5 {
		t.Errorf("it’s'took: %d pieces, want the 5 short of the whole word", len(got))
	}
	got = got[:0]
	pieces([]byte("a'b'c'd'e'f"), func(h uint64) { got = append(got, h) })
	if !slices.Contains(got, hashWord("c'd'e'f")) || slices.Contains(got, hashWord("b'c'd'e'f")) {
		t.Errorf("a'b'c'd'e'f: pieces of up to %d parts, want no more", maxPieceParts)
	}
	got = got[:0]
	pieces([]byte("plain"), func(h uint64) { got = append(got, h) })
	if len(got) != 0 {
		t.Errorf("plain: %d pieces, want none beyond the word", len(got))
	}
}

// A window's reach that falls inside a word moves to the word's end, so
// the expression never sees a piece of a word the pass did not.
func TestWordEnd(t *testing.T) {
	src := []byte("see it’s directlyx, then résumé.")
	for _, tc := range []struct {
		i, limit, want int
	}{
		{17, 36, 20}, // inside directlyx
		{20, 36, 20}, // after it
		{6, 36, 10},  // inside it’s, past the apostrophe
		{17, 18, 18}, // not past limit
		{30, 36, 35}, // inside résumé, after a two-byte rune
		{3, 36, 3},   // after "see"
		{0, 36, 0},
	} {
		if got := wordEnd(src, tc.i, tc.limit); got != tc.want {
			t.Errorf("wordEnd(%d, %d) = %d, want %d", tc.i, tc.limit, got, tc.want)
		}
	}
}

func TestPattern(t *testing.T) {
	if phraseExpansion(mustParse(t, `\((customer|order) (name|number)\)`)) != nil {
		t.Error("a pattern with brackets around its words was expanded into bare phrases")
	}
	// White space between words is a phrase's space, as \s+ or as \s*
	// beside \b; \s* alone may join two words, which phrases cannot.
	for expr, want := range map[string]int{
		`\b(is|was)\b\s*\b(?:beaten|become)\b`: 4,
		`(?:is|was)\s+beaten`:                  2,
		`is\s*beaten`:                          0,
		`is[ \t]*\bbeaten`:                     1,
	} {
		if got := len(phraseExpansion(mustParse(t, expr))); got != want {
			t.Errorf("%s: %d phrases, want %d", expr, got, want)
		}
	}
	spaced := compileRules(t, &Pattern{Expr: `\b(is|was)\b\s*\b(?:beaten|become)\b`})
	if got, want := matched(spaced, "It was  beaten; it is\tbecome, wasbeaten, was\nbecome.", Context{}), []string{"was  beaten", "is\tbecome", "was\nbecome"}; !slices.Equal(got, want) {
		t.Errorf("white space between words: matched %q, want %q", got, want)
	}
	rs := compileRules(t, &Pattern{Expr: `sorry (if|that) you (feel|felt)`},
		&Pattern{Expr: `^\{\{`, Scope: ScopePlaceholder}, &Pattern{Expr: `[0-9]+ ?%`})
	text := "I'm Sorry that you\nfelt let down. Hi {{ customer.name }}, 50% off. unsorry if you feel"
	want := []string{"Sorry that you\nfelt", "{{ customer.name }}", "50%"}
	if got := matched(rs, text, Context{}); !slices.Equal(got, want) {
		t.Errorf("matched %q, want %q", got, want)
	}
}

// A phrase never runs past the end of a sentence, so one that would is an
// error, and an expression that may is run as one, not split into phrases.
func TestSentenceEnds(t *testing.T) {
	for _, phrase := range []string{"done. thanks", "sorry! but", "why? because"} {
		_, err := Compile(nil, []*Rule{{ID: "x.y", Origin: "f:1:1", Check: &Phrase{Phrases: []string{phrase}}}})
		if err == nil || !strings.Contains(err.Error(), "runs past the end of a sentence") {
			t.Errorf("phrase %q: error %v, want one saying it runs past a sentence end", phrase, err)
		}
	}
	rs := compileRules(t, &Pattern{Expr: `done\. thanks`}, &Pattern{Expr: `a! +B`, MatchCase: true},
		&Pattern{Expr: `(?:ok|fine)\? (?:yes|no)`}, &Phrase{Phrases: []string{"e.g. today", "i.e. now"}})
	text := "It is done. Thanks! Plan a!  B now. OK? Yes. Call later, e.g. today, I.E. now. We wait etc. Today."
	want := []string{"done. Thanks", "a!  B", "OK? Yes", "e.g. today", "I.E. now"}
	if got := matched(rs, text, Context{}); !slices.Equal(got, want) {
		t.Errorf("matched %q, want %q", got, want)
	}
	// "e.g." and "i.e." end no sentence; "etc." and "v1.2." do.
	etc := compileRules(t, &Phrase{Phrases: []string{"etc, today", "e.g, today", "see.g, today"}})
	if got := matched(etc, "We wait etc. Today. Use tea, e.g. Today. Fine, see.g. Today", Context{}); !slices.Equal(got, []string{"e.g. Today"}) {
		t.Errorf("matched %q, want only \"e.g. Today\"", got)
	}
}

// A match that takes a line break at its start or end is reported without
// it, on the line of its words; white space inside it stays.
func TestPatternLineBreaks(t *testing.T) {
	rs := compileRules(t, &Pattern{Expr: `(?:^|\s)I\s`, MatchCase: true}, &Pattern{Expr: `\w+!(?:\s|$)`})
	text := "Hello.\nI think so, and I\r\nagree. Thanks!\r\nBye! Now"
	want := []string{"I ", " I", "Thanks!", "Bye! "}
	if got := matched(rs, text, Context{}); !slices.Equal(got, want) {
		t.Errorf("matched %q, want %q", got, want)
	}
}

// A pattern with a condition on the text after (or before) its match
// reports only the matches the text there meets it, on every path a match
// is found by.
func TestPatternContext(t *testing.T) {
	rs := compileRules(t, &Pattern{Expr: `it is`, NotFollowedBy: `\.`}, &Pattern{Expr: `(?:^|\s)I`, MatchCase: true, FollowedBy: `,?\s`},
		&Pattern{Expr: `we are`, NotFollowedBy: `[.,]`, Max: 1, Per: PerSentence})
	text := "It is here, yes it is. Well, I think I, too, agree; Ike. So I: no. We are here, we are there. We are, we are."
	want := []string{"It is", " I", " I", "We are"} // the last sentence holds no match: each is followed by a mark
	if got := matched(rs, text, Context{}); !slices.Equal(got, want) {
		t.Errorf("matched %q, want %q", got, want)
	}
	if _, err := Compile(nil, []*Rule{{ID: "x.y", Origin: "f:1:1", Check: &Pattern{Expr: "a", FollowedBy: "(b"}}}); err == nil || !strings.Contains(err.Error(), "followed-by") {
		t.Errorf("a followed-by that does not parse: error %v, want one naming followed-by", err)
	}
	// And on the text before it.
	before := compileRules(t, &Pattern{Expr: `:\s[A-Z][a-z]+`, MatchCase: true, NotPrecededBy: `:[^ ]+?`},
		&Pattern{Expr: `-\d+`, PrecededBy: `\s`})
	if got, want := matched(before, "Status: Shipped at 10:30: Noon, -5 and x-7 or -9.", Context{}), []string{": Shipped", "-5", "-9"}; !slices.Equal(got, want) {
		t.Errorf("matched %q, want %q", got, want)
	}
}

// A pattern with InsideWords finds matches that start or end inside a
// word, where the expression alone decides, and takes a space as a space;
// without it, the same expression finds only matches at word edges, and a
// space matches any white space.
func TestPatternInsideWords(t *testing.T) {
	text := "We shipped it.  The relationship is fine.Thanks, ship it.\n\nNext time: Soon."
	for _, c := range []struct {
		p    *Pattern
		want []string
	}{
		{&Pattern{Expr: `ship`, InsideWords: true}, []string{"ship", "ship", "ship"}},
		{&Pattern{Expr: `ship`}, []string{"ship"}},
		{&Pattern{Expr: `[a-z][.?!] {2,}[A-Z]|[a-z][.?!][A-Z]`, MatchCase: true, InsideWords: true}, []string{"t.  T", "e.T"}},
		{&Pattern{Expr: `[a-z][.?!] {2,}[A-Z]`, MatchCase: true}, nil},
		{&Pattern{Expr: `:\s[A-Z]`, MatchCase: true, InsideWords: true}, []string{": S"}},
	} {
		if got := matched(compileRules(t, c.p), text, Context{}); !slices.Equal(got, c.want) {
			t.Errorf("%#q (inside words: %v): matched %q, want %q", c.p.Expr, c.p.InsideWords, got, c.want)
		}
	}
}

// A pattern whose every match opens with a bracket waits for no word: it is
// tried where a bracket stands, and finds what it found with trigger words.
func TestBracketPatterns(t *testing.T) {
	for expr, want := range map[string]bool{
		`\(\s*(name|number)\s*\)`: true, `[(\[]name[)\]]`: true, `(\(|<)+name`: true,
		`\(name\)|name is`: false, `\(?name\)`: false, `[(a]name`: false, `\bname \(x\)`: false,
	} {
		re, err := syntax.Parse(expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := opensWithBracket(re.Simplify()); got != want {
			t.Errorf("opensWithBracket(%#q) = %v, want %v", expr, got, want)
		}
	}
	p := &Pattern{Expr: `\(\s*(customer |order )?(name|number)\s*\)`}
	cp, err := compilePattern(p, true)
	if err != nil {
		t.Fatal(err)
	}
	if cp.sets != nil {
		t.Errorf("trigger words %v, want none", cp.sets)
	}
	text := "Dear (Customer Name), your order (order number) left. Your name (as on the card) is fine. ( number )"
	want := []string{"(Customer Name)", "(order number)", "( number )"}
	if got := matched(compileRules(t, p), text, Context{}); !slices.Equal(got, want) {
		t.Errorf("matched %q, want %q", got, want)
	}
	p.Triggers = [][]string{{"name", "number"}}
	if got := matched(compileRules(t, p), text, Context{}); !slices.Equal(got, want) {
		t.Errorf("with triggers: matched %q, want %q", got, want)
	}
}

func TestPatternErrors(t *testing.T) {
	for expr, want := range map[string]string{
		`\b抱歉\b`:          "can never match",
		`sorry (`:         "does not parse",
		`(a{1000}){1000}`: "",
	} {
		_, err := Compile(nil, []*Rule{{ID: "x.y", Origin: "f:1:1", Check: &Pattern{Expr: expr}}})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one containing %q", expr, err, want)
		}
	}
}

func TestRequire(t *testing.T) {
	rs := compileRules(t, &Require{Phrases: []string{"sorry", "apologise"}},
		&Require{After: []string{"get back to you"}, Phrases: []string{"today", "within"}, Scope: "sentence"},
		&Require{Phrases: []string{"let me know"}, ReportAt: "end"})
	cases := []struct {
		text string
		want []string
	}{
		{"Hi Anna,\nYour parcel is late. We will get back to you.", []string{"Hi Anna,", "Your parcel is late. We will get back to you.", "get back to you"}},
		{"I'm sorry your parcel is late. We will get back to you within two days. Let me know.", nil},
		{"Sorry! We will get back to you. Today is busy. Let me know.", []string{"get back to you"}},
		{"> I am sorry\nWe'll get back to you today. Let me know.", []string{"We'll get back to you today. Let me know."}},
	}
	for _, c := range cases {
		if got := matched(rs, c.text, Context{}); !slices.Equal(got, c.want) {
			t.Errorf("%q: matched %q, want %q", c.text, got, c.want)
		}
	}
}

// A require rule's phrases are kept once a sentence when the rule has
// after: phrases, and once a reply when it has none: the findings are those
// of every hit kept, and the pass keeps far fewer.
func TestRequirePresence(t *testing.T) {
	rs := compileRules(t, &Require{Phrases: []string{"sorry"}},
		&Require{After: []string{"get back to you"}, Phrases: []string{"today", "tomorrow"}, Scope: "sentence"},
		&Require{After: []string{"get back to you"}, Phrases: []string{"today"}, Scope: "paragraph"})
	all := compileRules(t, &Require{Phrases: []string{"sorry"}},
		&Require{After: []string{"get back to you"}, Phrases: []string{"today", "tomorrow"}, Scope: "sentence"},
		&Require{After: []string{"get back to you"}, Phrases: []string{"today"}, Scope: "paragraph"})
	all.ms[0].once = nil // every hit kept
	for _, text := range []string{
		// The required phrase of the second sentence comes after one in the first.
		"Sorry, today or tomorrow, sorry. Today, we'll get back to you today. Sorry!",
		"Today and tomorrow, today.\n\nWe'll get back to you. Sorry, sorry.",
		"Tomorrow, today. We'll get back to you.\nToday we'll get back to you.",
	} {
		if got, want := matched(rs, text, Context{}), matched(all, text, Context{}); !slices.Equal(got, want) {
			t.Errorf("%q: matched %q, with every hit kept %q", text, got, want)
		}
	}
	text := strings.Repeat("Sorry, today or tomorrow, today, sorry. ", 50)
	kept, every := &run{}, &run{}
	doc := NewDocument("t.txt", []byte(text), FormatText)
	rs.pass(doc, kept, nil, nil)
	all.pass(doc, every, nil, nil)
	// Each of the 50 sentences has 2 sorry, 2 today (for two rules) and 1
	// tomorrow; kept are the first sorry and one hit a sentence per rule.
	if len(every.hits) != 50*(2+2*2+1) || len(kept.hits) != 1+50*2 {
		t.Errorf("the pass kept %d hits of %d, want %d of %d", len(kept.hits), len(every.hits), 1+50*2, 50*(2+2*2+1))
	}
}

func TestCountCustomerName(t *testing.T) {
	rs := compileRules(t, &Count{Term: TermCustomerName, Max: 2})
	cases := []struct {
		text, name string
		want       []string
	}{
		{"Hi Anna,\nAnna, your order. Thanks, Anna. ANNA again.", "", []string{"Anna", "ANNA"}},
		{"Dear Ms. Virtanen,\nMs. Virtanen, Virtanen here, Virtanen!", "", []string{"Virtanen", "Virtanen"}},
		{"Hi there,\nthere there there", "", nil},
		{"Hello Anna Maria,\nAnna Maria, hi.", "", nil},
		{"Your order, Mikko. Mikko, Mikko.", "Mikko", []string{"Mikko"}},
		{"Hi Annabel, Anna is my colleague. Anna, Anna.", "", nil},
		// A name seen before: its forms are kept, and still the only ones counted.
		{"Hi Anna,\nMikko and Anna, Annabel. Anna!", "", []string{"Anna"}},
		{"Your order, Mikko. Anna, Anna.", "Mikko", nil},
	}
	for _, c := range cases {
		if got := matched(rs, c.text, Context{CustomerName: c.name}); !slices.Equal(got, c.want) {
			t.Errorf("%q: matched %q, want %q", c.text, got, c.want)
		}
	}
}

// The customer's name is looked for only while a count rule is in force.
func TestCountCustomerNameConfigured(t *testing.T) {
	rs := compileRules(t, &Count{Term: TermCustomerName, Max: 1}, &Phrase{Phrases: []string{"sorry"}})
	off := rs.Configure(func(r *Rule) *Rule {
		if _, ok := r.Check.(*Count); ok {
			return nil
		}
		return r
	})
	on := off.Configure(func(r *Rule) *Rule { return r }) // what is off stays off
	const text = "Hi Anna,\nsorry, Anna. Anna!"
	if !rs.needNames || off.needNames || on.needNames {
		t.Errorf("names looked for: compiled %v, count off %v, everything on %v", rs.needNames, off.needNames, on.needNames)
	}
	if got, want := matched(rs, text, Context{}), []string{"sorry", "Anna", "Anna"}; !slices.Equal(got, want) {
		t.Errorf("matched %q, want %q", got, want)
	}
	if got, want := matched(off, text, Context{}), []string{"sorry"}; !slices.Equal(got, want) {
		t.Errorf("count off: matched %q, want %q", got, want)
	}
}

// A matcher whose rules are all switched off is not stepped, and the
// others still find what they find.
func TestIdleMatcher(t *testing.T) {
	base := compileRules(t, &Phrase{Phrases: []string{"calm down"}})
	both, err := with(base, []*Rule{{ID: "team.x", Category: "negative-phrasing", Severity: Warning, Message: "found %s",
		Origin: "test", Check: &Phrase{Phrases: []string{"no way", "calm"}}}})
	if err != nil {
		t.Fatal(err)
	}
	only := func(rs *RuleSet, id string) *RuleSet {
		return rs.Configure(func(r *Rule) *Rule {
			if r.ID == id {
				return r
			}
			return nil
		})
	}
	const text = "Please calm down, no way. Stay calm."
	for _, tc := range []struct {
		rs   *RuleSet
		idle []bool
		want []string
	}{
		{only(both, "team.x"), []bool{true, false}, []string{"calm", "no way", "calm"}},
		{only(both, "r0"), []bool{false, true}, []string{"calm down"}},
		{only(only(both, "team.x"), "r0"), []bool{true, true}, nil},
		{both.Configure(func(r *Rule) *Rule { return r }), []bool{false, false}, []string{"calm", "calm down", "no way", "calm"}},
	} {
		if !slices.Equal(tc.rs.idle, tc.idle) {
			t.Errorf("idle %v, want %v", tc.rs.idle, tc.idle)
		}
		if got := matched(tc.rs, text, Context{}); !slices.Equal(got, tc.want) {
			t.Errorf("idle %v: matched %q, want %q", tc.idle, got, tc.want)
		}
	}
}

func TestGreetingName(t *testing.T) {
	rs := compileRules(t)
	for text, want := range map[string]string{
		"Hi Anna,\nthanks":            "Anna",
		"Good morning Wei Zhang! Hi":  "Wei Zhang",
		"Dear Dr. Levi,":              "Levi",
		"Hi there,":                   "",
		"hi team":                     "",
		"Thanks for writing, Anna.":   "",
		"Hello\nAnna":                 "",
		"Hi. Anna wrote":              "",
		"Hi Anna, Ben":                "Anna",
		"---\nid: x\n---\nHi Siti,\n": "Siti",
		"Hi Anna\n\nThanks for your patience while we looked into the order and the refund you asked about": "Anna",
		"Hi Anna Maria Lopez Garcia de la Vega,\nthanks":                                                    "Anna Maria Lopez Garcia",
		"Hi Ms Anna Maria Lopez Garcia Vega Santos Ruiz Perez Diaz Ortiz Cruz Leon,\nthanks":                "Anna Maria Lopez Garcia Vega Santos Ruiz Perez Diaz Ortiz",
	} {
		if got := rs.CustomerName(NewDocument("t.md", []byte(text), FormatMarkdown)); got != want {
			t.Errorf("%q: name %q, want %q", text, got, want)
		}
		// After Identify, the greeting's words come from its tape, which
		// stays for the pass: the same name.
		d := NewDocument("t.md", []byte(text), FormatMarkdown)
		NewIdentifier([]*Language{rs.Lang}, rs.Lang.Code).Identify(d)
		if _, ok := d.firstWords(nil, 12); !ok {
			t.Errorf("%q: Identify left no tape to read the greeting from", text)
		}
		if got := rs.CustomerName(d); got != want || d.tape == nil {
			t.Errorf("%q: name from the tape %q, want %q (tape kept: %v)", text, got, want, d.tape != nil)
		}
	}
}

func TestMetrics(t *testing.T) {
	rs := compileRules(t, &Metric{Measure: MeasureExclamations, Max: 1}, &Metric{Measure: MeasureCapsWords, Max: 0, Allow: []string{"FAQ"}},
		&Metric{Measure: MeasureEmoji, Max: 0}, &Metric{Measure: MeasureWords, Max: 5})
	text := "Thanks! See the FAQ!!! It is NOT broken 🙂 ok, ref RF-88213, ABC123, v2.OK"
	want := []string{"!!!", "is", "NOT", "🙂"} // "is" is where the reply passes five words
	if got := matched(rs, text, Context{}); !slices.Equal(got, want) {
		t.Errorf("matched %q, want %q", got, want)
	}
}

func TestPositions(t *testing.T) {
	src := []byte("a\r\nשלום 你好 😀x\rend")
	x := NewLineIndex(src)
	for _, c := range []struct {
		off  int
		want Position
	}{
		{0, Position{1, 1, 1}},
		{3, Position{2, 1, 1}},
		{strings.Index(string(src), "你"), Position{2, 6, 6}},
		{strings.Index(string(src), "x"), Position{2, 10, 11}},
		{strings.Index(string(src), "end"), Position{3, 1, 1}},
	} {
		if got := x.Position(c.off); got != c.want {
			t.Errorf("offset %d: %+v, want %+v", c.off, got, c.want)
		}
	}
	if got := NewLineIndex([]byte("\ufeffHi")).Position(3); got != (Position{1, 1, 1}) {
		t.Errorf("after a BOM: %+v, want column 1", got)
	}
	if got := string(x.Line(2)); got != "שלום 你好 😀x" {
		t.Errorf("line 2 = %q", got)
	}
}

func TestSituation(t *testing.T) {
	rs, err := Compile(&Language{Complaint: ComplaintSignals{Threshold: 2, Signals: []Signal{
		{"refund", 2}, {"late", 1}, {"still waiting", 1}}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{
		"I want a refund.":                       Complaint,
		"It is late and I am still waiting.":     Complaint,
		"It is late. Late! LATE.":                "",
		"Can I change my address?":               "",
		"> refund\nWhat are your opening hours?": "",
	} {
		got, err := rs.DetectSituation(NewDocument("m.txt", []byte(text), FormatText))
		if err != nil || got != want {
			t.Errorf("%q: situation %q (%v), want %q", text, got, err, want)
		}
	}
}

// A rule's limit keeps its first findings in the document; rules with the
// same Echoes (a Vale rule and its .patterns rules) share one.
func TestApplyLimits(t *testing.T) {
	d := func(start int, id, echoes string, limit int) Diagnostic {
		return Diagnostic{Start: start, End: start + 1, RuleID: id, echoes: echoes, limit: limit}
	}
	in := []Diagnostic{
		d(0, "a", "", 1), d(1, "b", "", 0), d(2, "a", "", 1), d(3, "v.x", "v.x", 2),
		d(4, "v.x.patterns", "v.x", 2), d(5, "b", "", 0), d(6, "v.x", "v.x", 2), d(7, "c", "", 2), d(8, "c", "", 2),
	}
	got := ApplyLimits(slices.Clone(in))
	want := []Diagnostic{in[0], in[1], in[3], in[4], in[5], in[7], in[8]}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	under := []Diagnostic{d(0, "a", "", 2), d(1, "b", "", 0), d(2, "a", "", 2)}
	if got := ApplyLimits(slices.Clone(under)); !reflect.DeepEqual(got, under) {
		t.Errorf("nothing over a limit: got %v, want %v", got, under)
	}
}

func TestDropEchoes(t *testing.T) {
	d := func(start, end int, cat string, sev Severity, id string) Diagnostic {
		return Diagnostic{Start: start, End: end, Category: cat, Severity: sev, RuleID: id}
	}
	got := DropEchoes([]Diagnostic{
		d(0, 10, "deflection", Warning, "a"), d(5, 20, "deflection", Error, "b"), // one deflection: the error
		d(8, 12, "deflection", Error, "n"),    // as severe as b but narrower: it replaces b
		d(5, 8, "condescension", Info, "c"),   // another category stays
		d(30, 40, "deflection", Warning, "e"), // no overlap stays
	})
	var ids []string
	for _, x := range got {
		ids = append(ids, x.RuleID)
	}
	if !slices.Equal(ids, []string{"n", "c", "e"}) {
		t.Errorf("kept %v, want [n c e]", ids)
	}
	// Rules converted from another tool: each its own, but for its parts.
	echo := func(start, end int, id, echoes string) Diagnostic {
		x := d(start, end, "negative-phrasing", Warning, id)
		x.echoes = echoes
		return x
	}
	ids = nil
	for _, x := range DropEchoes([]Diagnostic{echo(0, 10, "wordiness", "wordiness"), echo(2, 4, "me", "first-person"),
		echo(3, 8, "me.patterns", "first-person"), echo(5, 9, "own", "")}) {
		ids = append(ids, x.RuleID)
	}
	if !slices.Equal(ids, []string{"wordiness", "me", "own"}) {
		t.Errorf("kept %v, want [wordiness me own]", ids)
	}
}

func mustParse(t *testing.T, expr string) *syntax.Regexp {
	t.Helper()
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	return re.Simplify()
}

func TestStems(t *testing.T) {
	rs := compileRules(t, &Phrase{Phrases: []string{"pahoittel* vaivaa", "anteeksi"}})
	for text, want := range map[string][]string{
		"Pahoittelemme vaivaa.":               {"Pahoittelemme vaivaa"},
		"Pahoittelut vaivaa, anteeksi.":       {"Pahoittelut vaivaa", "anteeksi"},
		"Pahoittel vaivaa":                    {"Pahoittel vaivaa"},
		"Pahoittelemme vaivaamme. Anteeksiko": nil,
		"Pahoi vaivaa":                        nil,
	} {
		if got := matched(rs, text, Context{}); !slices.Equal(got, want) {
			t.Errorf("%q: matched %q, want %q", text, got, want)
		}
	}
}

func TestHebrew(t *testing.T) {
	rs, err := Compile(&Language{Code: "he"}, []*Rule{{ID: "a.b", Category: "apology", Severity: Warning, Message: "%s",
		Origin: "t", Check: &Phrase{Phrases: []string{"אנחנו מצטערים", "מצטער*"}}}})
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string][]string{
		"ואנחנו מצטערים מאוד":    {"ואנחנו מצטערים"},         // a prefix letter on the first word
		"שאנחנו מצטערים":         {"שאנחנו מצטערים"},         // another prefix
		"אֲנַחְנוּ מִצְטַעֲרִים": {"אֲנַחְנוּ מִצְטַעֲרִים"}, // niqqud is ignored
		"והמצטערת כאן":           {"והמצטערת"},               // two prefixes and a stem
		"אנחנו שמחים":            nil,
	} {
		if got := matched(rs, text, Context{}); !slices.Equal(got, want) {
			t.Errorf("%q: matched %q, want %q", text, got, want)
		}
	}
}

func TestNFC(t *testing.T) {
	rs := compileRules(t, &Phrase{Phrases: []string{"pahoittelemme häiriötä"}})
	decomposed := "Pahoittelemme ha\u0308irio\u0308ta\u0308."
	if got := matched(rs, decomposed, Context{}); len(got) != 1 {
		t.Errorf("decomposed text: matched %q", got)
	}
}

func TestInflectedNames(t *testing.T) {
	rs, err := Compile(&Language{Code: "fi", Greetings: []string{"hei"}, NameEndings: []string{"n", "lle", "lla", "a"}},
		[]*Rule{{ID: "name.overuse", Category: "name-overuse", Severity: Info, Message: "%s", Origin: "t",
			Check: &Count{Term: TermCustomerName, Max: 2}}})
	if err != nil {
		t.Fatal(err)
	}
	got := matched(rs, "Hei Anna,\nAnnalle lähti paketti. Annan tilaus. Annabel ei ole Anna.", Context{})
	if !slices.Equal(got, []string{"Annan", "Anna"}) {
		t.Errorf("matched %q, want the third and fourth uses (Annabel is another name)", got)
	}
}

func TestChineseNames(t *testing.T) {
	rs, err := Compile(&Language{Code: "zh", Greetings: []string{"尊敬的", "您好"}, Titles: []string{"女士", "先生"}},
		[]*Rule{{ID: "name.overuse", Category: "name-overuse", Severity: Info, Message: "%s", Origin: "t",
			Check: &Count{Term: TermCustomerName, Max: 2}}})
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string][]string{
		"尊敬的王芳女士：\n王芳，您的包裹晚到了。王芳，我们已升级配送。王芳？": {"王芳", "王芳"},
		"李明，感谢您的耐心。李明，今天发货。还有什么吗，李明？":         {"李明"},
		"王女士，您好：王女士的包裹今天发货。":                  nil,
		"您好，感谢您的耐心，我们今天发货。":                   nil,
	} {
		if got := matched(rs, text, Context{}); !slices.Equal(got, want) {
			t.Errorf("%q: matched %q, want %q", text, got, want)
		}
	}
	if got := rs.CustomerName(NewDocument("t.md", []byte("王女士，您好：谢谢。"), FormatMarkdown)); got != "王" {
		t.Errorf("name %q, want 王 (the surname before the title)", got)
	}
}

// A set made with With steps one matcher per pack; with every rule of a
// pack switched off, the pass skips that pack's matcher and the other still
// finds what it should.
func TestConfigureSkipsIdleMatcher(t *testing.T) {
	base := compileRules(t, &Phrase{Phrases: []string{"calm down"}},
		&Pattern{Expr: `\byou (waited|asked) ([\p{L}]+ )?too long\b`})
	both, err := with(base, []*Rule{{ID: "team.rule", Category: "negative-phrasing", Severity: Warning,
		Message: "found %s", Check: &Phrase{Phrases: []string{"no way"}}, Origin: "test"}})
	if err != nil {
		t.Fatal(err)
	}
	text := "Please calm down. No way, you waited far too long."
	if got := matched(both, text, Context{}); !slices.Equal(got, []string{"calm down", "No way", "you waited far too long"}) {
		t.Fatalf("both packs found %q", got)
	}
	team := both.Configure(func(r *Rule) *Rule {
		if r.ID == "team.rule" {
			return r
		}
		return nil
	})
	if !slices.Equal(team.idle, []bool{true, false}) || team.gates != nil {
		t.Errorf("idle %v, gates %v: want the first matcher idle and no gate words", team.idle, team.gates != nil)
	}
	if got := matched(team, text, Context{}); !slices.Equal(got, []string{"No way"}) {
		t.Errorf("the team pack alone found %q", got)
	}
	builtin := both.Configure(func(r *Rule) *Rule {
		if r.ID == "team.rule" {
			return nil
		}
		return r
	})
	if !slices.Equal(builtin.idle, []bool{false, true}) || builtin.gates == nil {
		t.Errorf("idle %v, gates %v: want the second matcher idle and gate words", builtin.idle, builtin.gates != nil)
	}
	if got := matched(builtin, text, Context{}); !slices.Equal(got, []string{"calm down", "you waited far too long"}) {
		t.Errorf("the built-in pack alone found %q", got)
	}
}

// Configure turns on only the word variants that something in force reads:
// with the stem rule off, no prefix hashes; with every phrase off in a
// Hebrew set, no prefix-less keys. What is found does not change.
func TestConfigureWordVariants(t *testing.T) {
	base := compileRules(t, &Phrase{Phrases: []string{"pahoittel* vaivaa"}})
	both, err := with(base, []*Rule{{ID: "team.rule", Category: "negative-phrasing", Severity: Warning,
		Message: "found %s", Check: &Phrase{Phrases: []string{"ei onnistu"}}, Origin: "test"}})
	if err != nil {
		t.Fatal(err)
	}
	keep := func(id string) func(*Rule) *Rule {
		return func(r *Rule) *Rule {
			if id == "" || r.ID == id {
				return r
			}
			return nil
		}
	}
	text := "Pahoittelemme vaivaa. Se ei onnistu."
	for _, c := range []struct {
		keep  string
		stems bool
		want  []string
	}{
		{"", true, []string{"Pahoittelemme vaivaa", "ei onnistu"}},
		{"r0", true, []string{"Pahoittelemme vaivaa"}},
		{"team.rule", false, []string{"ei onnistu"}},
	} {
		rs := both.Configure(keep(c.keep))
		if rs.opts.stems != c.stems {
			t.Errorf("keeping %q: stems %v, want %v", c.keep, rs.opts.stems, c.stems)
		}
		if got := matched(rs, text, Context{}); !slices.Equal(got, c.want) {
			t.Errorf("keeping %q: found %q, want %q", c.keep, got, c.want)
		}
	}

	he, err := Compile(&Language{Code: "he"}, []*Rule{{ID: "he.rule", Category: "negative-phrasing", Severity: Warning,
		Message: "found %s", Check: &Phrase{Phrases: []string{"אין מה לעשות"}}, Origin: "test"}})
	if err != nil {
		t.Fatal(err)
	}
	if on := he.Configure(keep("")); !on.opts.hebrew || !slices.Equal(matched(on, "ואין מה לעשות.", Context{}), []string{"ואין מה לעשות"}) {
		t.Errorf("Hebrew rule on: hebrew %v, found %q", on.opts.hebrew, matched(on, "ואין מה לעשות.", Context{}))
	}
	if off := he.Configure(keep("none")); off.opts.hebrew {
		t.Errorf("every rule off: the prefix-less keys are still made")
	}
}

// A pattern that starts with a look-back group is tried where its rest
// leads, and finds what the expression finds, less the group's text: like
// a lookbehind, it is not part of the match.
func TestLookBackPatternAsRegex(t *testing.T) {
	p := &Pattern{Expr: `(^|[.!?:;] )(once )?again, (the|your|it's)\b`, Triggers: [][]string{{"again"}}}
	fast := compileRules(t, p)
	cp := fast.patterns[0]
	if !cp.anchored || len(cp.behind) != 2 || cp.rest == "" {
		t.Fatalf("anchored %v, %d look-backs, rest %q: want it split", cp.anchored, len(cp.behind), cp.rest)
	}
	re := regexp.MustCompile(cp.source())
	for _, tc := range []struct {
		text string
		n    int
	}{
		{"Again, the refund takes a week.", 1},
		{"Thanks again, the parcel is on its way. Once again, your order is late.", 1},
		{"It left today.  Again, it’s late:\nagain, your card was charged!\tAgain, the fee.", 3},
		{"Thanks again for the photos. If it happens again, reply here.", 0},
		{"Sent.Again, the parcel", 0},
		// The lead's last word goes on after an apostrophe, where \b holds.
		{"Sent. Again, it’s'a mess. Again, the'x", 2},
	} {
		var want []string
		for _, loc := range re.FindAllStringSubmatchIndex(tc.text, -1) {
			want = append(want, tc.text[loc[3]:loc[1]]) // from the end of the group
		}
		if got := matched(fast, tc.text, Context{}); !slices.Equal(got, want) || len(got) != tc.n {
			t.Errorf("%q: found %q, the expression %q (want %d)", tc.text, got, want, tc.n)
		}
	}
	for expr, want := range map[string]int{`(a(b)c)d`: 7, `([)]x)y`: 6, `(\)a)b`: 5, `(a`: -1} {
		if got := groupEnd(expr); got != want {
			t.Errorf("groupEnd(%s) = %d, want %d", expr, got, want)
		}
	}
	for expr, want := range map[string]bool{`d|e`: true, `(d|e)`: false, `[|]d`: false, `\|d`: false, `(a)|b`: true} {
		if got := topLevelBar(expr); got != want {
			t.Errorf("topLevelBar(%s) = %v, want %v", expr, got, want)
		}
	}
	for _, expr := range []string{`(^|[.!?] )clearly,|\bclearly says\b`, `(a|b )x`, `(^|\w )again, the`, `(?:;)`, `(;)+`, `(?:[.!?] )?again`} {
		if _, _, ok := splitLookBack(expr); ok {
			t.Errorf("%s: split as a look-back", expr)
		}
	}
	// A group that is the whole match is no look-back: Vale's `;` token
	// becomes (?:;), and its matches are the marks themselves.
	for expr, want := range map[string][]string{`(?:;)`: {";", ";", ";"}, `(;)+`: {";", ";;"}} {
		rs := compileRules(t, &Pattern{Expr: expr, Scope: ScopeProse, MatchCase: true})
		if got := matched(rs, "Thanks for the report; we will fix it, ok;; x", Context{}); !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", expr, got, want)
		}
	}
}

// Without a \r, the line index finds its lines with IndexByte, and the same
// lines as walking every byte.
func lineStarts(text string) []int {
	x := NewLineIndex([]byte(text))
	x.index()
	return x.starts
}

func TestLineIndexStarts(t *testing.T) {
	walk := func(src []byte) []int {
		starts := []int{0}
		for i, c := range src {
			if c == '\n' {
				starts = append(starts, i+1)
			}
		}
		return starts
	}
	for _, text := range []string{"", "Hi\n\nthere", "naïve\n抱歉\n", "\n", "\n\n", "a\nb", "a\nb\n", "\na\n\n\nb"} {
		if got, want := lineStarts(text), walk([]byte(text)); !slices.Equal(got, want) {
			t.Errorf("%q: lines start at %v, want %v", text, got, want)
		}
	}
}

// A word's hash is the same whichever way its bytes reach the hasher: the
// scanner's eight-at-a-time ASCII runs (in the middle of a text or at its
// very end), its rune by rune path, and hashWordBytes.
func TestWordHashPaths(t *testing.T) {
	parts := []string{"a", "B", "ok", "Refund", "12", "x9", "é", "É", "抱", "’", "'", "ABCDEFGH", "abcdefghij", "ß", "ü",
		"ש", "ל", "ום", "ָ", "ּ", "Я", "ж"} // Hebrew letters and points, Cyrillic
	rnd := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		var b strings.Builder
		for range 1 + rnd.IntN(6) {
			p := parts[rnd.IntN(len(parts))]
			if (p == "’" || p == "'") && (b.Len() == 0 || strings.HasSuffix(b.String(), "’") || strings.HasSuffix(b.String(), "'")) {
				continue
			}
			b.WriteString(p)
		}
		word := strings.TrimRight(b.String(), "’'")
		if word == "" || isSpaceless([]rune(word)[0]) || strings.ContainsRune(word, '抱') {
			continue
		}
		want := hashWordBytes([]byte(word), nil)
		for _, text := range []string{word, "say " + word + " now, then more text after it", word + "."} {
			var sc scanner
			d := &Document{Src: []byte(text), Segments: []Segment{{Start: 0, End: len(text), Kind: Prose}}}
			sc.reset(d, false)
			for sc.next() {
				if string(d.Src[sc.w.start:sc.w.end]) == word {
					if sc.w.hash != want {
						t.Fatalf("%q in %q: the scanner hashes it %x, hashWordBytes %x", word, text, sc.w.hash, want)
					}
				}
			}
		}
	}
}

// A minimised matcher's edges lead to refs whose flags say which kinds of
// edge leave a node and whether phrases end there; a step trusts them, so
// they must be right, and the matches must be those of the unflagged trie.
func TestNodeRefs(t *testing.T) {
	phrases := []string{"sorry, but", "sorry for the wait", "we regret", "we regret, sadly", "the wait"}
	build := func(minimised bool) *matcher {
		m := newMatcher()
		for i, p := range phrases {
			if err := m.add(p, int32(i)); err != nil {
				t.Fatal(err)
			}
		}
		if minimised {
			m.minimize()
		}
		return m
	}
	m := build(true)
	var sp splitter
	walk := func(words ...string) int32 {
		node := int32(0)
		for i, w := range words {
			h := sp.hashWord(w)
			if w == "," {
				continue
			}
			if i > 0 && words[i-1] == "," {
				h ^= punctSalt
			}
			c, ok := m.edges.get(edgeKey(node&refNode, h))
			if !ok {
				t.Fatalf("no edge for %q after %q", w, words[:i])
			}
			node = c
		}
		return node
	}
	for _, c := range []struct {
		words []string
		flags int32
	}{
		{[]string{"sorry"}, refPlain | refPunct},
		{[]string{"sorry", ",", "but"}, refOut},
		{[]string{"sorry", "for"}, refPlain},
		{[]string{"we", "regret"}, refOut | refPunct},
		{[]string{"we", "regret", ",", "sadly"}, refOut},
		{[]string{"the"}, refPlain},
	} {
		if got := walk(c.words...) & refFlags; got != c.flags {
			t.Errorf("%q: flags %b, want %b", c.words, got, c.flags)
		}
	}
	text := "We regret, sadly, the wait. Sorry, but sorry for the wait; sorry. For the wait we regret."
	find := func(m *matcher) []string {
		doc := NewDocument("t.md", []byte(text), FormatMarkdown)
		var sc scanner
		sc.reset(doc, false)
		var wk walker
		var hits []hit
		for sc.next() {
			hits = m.step(&sc.w, sc.seg, &wk, hits, nil)
		}
		var out []string
		for _, h := range hits {
			out = append(out, fmt.Sprintf("%d:%s", h.entry, text[h.start:h.end]))
		}
		return out
	}
	want := []string{"2:We regret", "3:We regret, sadly", "4:the wait", "0:Sorry, but", "1:sorry for the wait", "4:the wait", "4:the wait", "2:we regret"}
	if got, unflagged := find(m), find(build(false)); !slices.Equal(got, want) || !slices.Equal(unflagged, want) {
		t.Errorf("minimised found %q,\nthe trie %q,\nwant %q", got, unflagged, want)
	}
}

// A matcher compiled at run time turns away, by its root filter, the words
// no phrase starts with, and never one a phrase starts with.
// A stored set keeps its matcher's root filter: loaded, it turns away the
// words the compiled one does, without a look-up in the table.
func TestRootFilterStored(t *testing.T) {
	rs := compileRules(t, &Phrase{Phrases: []string{"we regret", "sorry for the wait"}})
	loaded := reloaded(t, rs)
	want, got := rs.ms[0].roots, loaded.ms[0].roots
	if want == nil || got == nil || *got != *want {
		t.Fatalf("loaded filter %v, compiled %v", got != nil, want != nil)
	}
	if got := matched(loaded, "Hello. We regret the delay.", Context{}); len(got) != 1 {
		t.Errorf("found %q, want we regret", got)
	}
}

func TestRootFilter(t *testing.T) {
	m := newMatcher()
	phrases := []string{"sorry for the wait", "we regret", "unfortunately", "please be patient", "pahoittel* kovasti"}
	for i, p := range phrases {
		if err := m.add(p, int32(i)); err != nil {
			t.Fatal(err)
		}
	}
	m.minimize()
	if m.roots == nil {
		t.Fatal("no root filter")
	}
	var sp splitter
	for _, p := range phrases[:4] {
		if h := sp.hashWord(firstWord(p)); !m.roots.has(h) {
			t.Errorf("%q: its first word is turned away", p)
		}
	}
	passed := 0
	for i := range 1000 {
		if m.roots.has(sp.hashWord(fmt.Sprintf("word%d", i))) {
			passed++
		}
	}
	if passed > 20 {
		t.Errorf("%d of 1,000 other words pass the filter, want few", passed)
	}
	// Found through the filter, in a text.
	rs := compileRules(t, &Phrase{Phrases: []string{"we regret"}})
	if got := matched(rs, "Hello. We regret the delay.", Context{}); len(got) != 1 {
		t.Errorf("found %q, want we regret", got)
	}
}

// A document's hits are grouped by rule in one of two ways, by how many
// there are for the rules: both find the same, in the same order.
func TestFewAndManyHits(t *testing.T) {
	var checks []Check
	for i := range 40 {
		checks = append(checks, &Phrase{Phrases: []string{fmt.Sprintf("filler%d", i)}})
	}
	checks = append(checks,
		&Phrase{Phrases: []string{"calm down", "no way"}},
		&Require{Phrases: []string{"sorry", "apologise"}},
		&Count{Term: TermCustomerName, Max: 1},
		&Pattern{Expr: `\byou (waited|asked) ([\p{L}]+ )?too long\b`},
		&Require{Phrases: []string{"let me know"}, ReportAt: "end"})
	rs := compileRules(t, checks...)
	texts := []string{
		"Hi Anna,\n\nCalm down, Anna. No way. You waited far too long, Anna.",
		"Hello.",
		"Hi Sam, sorry. Calm down. calm down. no way no way no way. You asked too long. Sam, Sam.",
		"",
	}
	defer func(n int) { fewHits = n }(fewHits)
	for _, text := range texts {
		doc := NewDocument("t.md", []byte(text), FormatMarkdown)
		fewHits = 1 << 20 // every document's hits are few
		few := rs.Lint(doc, Context{})
		fewHits = 0 // never
		many := rs.Lint(doc, Context{})
		if !slices.EqualFunc(few, many, func(a, b Diagnostic) bool {
			return a.Start == b.Start && a.End == b.End && a.RuleID == b.RuleID && a.Message == b.Message
		}) {
			t.Errorf("%q:\nfew hits  %v\nmany hits %v", text, few, many)
		}
		if text != "" && len(few) == 0 {
			t.Errorf("%q: nothing found", text)
		}
	}
}

// TestSortHits checks sortHits against a stable sort on the shapes the
// pass gives (hits in the order their phrases end: a longer phrase after
// the shorter ones inside it), on hits sorted already, and on reversed and
// shuffled ones, which take the fallback. Entries tell ties apart.
func TestSortHits(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	want := func(hits []hit) []hit {
		out := slices.Clone(hits)
		slices.SortStableFunc(out, func(a, b hit) int {
			return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end))
		})
		return out
	}
	// ended lists hits as the pass does: at each word, the phrases that
	// end there, each starting up to three words back.
	ended := func(n int) []hit {
		var hits []hit
		for w := 0; w < n; w++ {
			for k := rng.IntN(3); k > 0; k-- {
				start := max(0, w-rng.IntN(4))
				hits = append(hits, hit{start: 10 * start, end: 10*w + 5, entry: int32(len(hits))})
			}
		}
		return hits
	}
	for round := range 300 {
		hits := ended(rng.IntN(200))
		switch round % 4 {
		case 1:
			hits = want(hits)
		case 2:
			slices.Reverse(hits)
		case 3:
			rng.Shuffle(len(hits), func(i, j int) { hits[i], hits[j] = hits[j], hits[i] })
		}
		expect := want(hits)
		sortHits(hits)
		if !slices.Equal(hits, expect) {
			t.Fatalf("round %d: sortHits gave\n%v\nwant\n%v", round, hits, expect)
		}
	}
}

// Validate reports what Compile reports, rule by rule, and nothing for
// rules that compile.
func TestValidate(t *testing.T) {
	rule := func(id string, c Check) *Rule {
		return &Rule{ID: id, Category: "negative-phrasing", Severity: Warning, Message: "%s", Origin: "f:1:1", Check: c}
	}
	sets := [][]*Rule{
		{rule("a.phrase", &Phrase{Phrases: []string{"calm down", "…"}})},
		{rule("a.except", &Phrase{Phrases: []string{"calm down"}, Exceptions: []string{"--"}})},
		{rule("a.replace", &Replace{Pairs: []Replacement{{Phrase: "!!", With: "!"}}})},
		{rule("a.parse", &Pattern{Expr: `sorry (`}), rule("a.edge", &Pattern{Expr: `\b抱歉\b`})},
		{rule("a.large", &Pattern{Expr: `(a{1000}){1000}`})},
		{rule("a.trigger", &Pattern{Expr: `x+`, Triggers: [][]string{{"..."}}})},
		{rule("a.require", &Require{})},
		{rule("a.count", &Count{Term: "nobody"}), rule("a.metric", &Metric{Measure: "speed"})},
		{rule("a.fine", &Phrase{Phrases: []string{"calm down"}}), rule("a.pattern", &Pattern{Expr: `\bkind(ly)? remind\b`})},
	}
	for i, rules := range sets {
		_, cerr := Compile(nil, rules)
		verr := Validate(nil, rules)
		if fmt.Sprint(cerr) != fmt.Sprint(verr) {
			t.Errorf("%s: Validate says %v, Compile %v", rules[0].ID, verr, cerr)
		}
		if last := i == len(sets)-1; (cerr == nil) != last {
			t.Errorf("%s: Compile says %v", rules[0].ID, cerr) // every set has an error but the last
		}
	}
}

// Rules compiled once for no language (a Vale style) and added to the sets
// of two languages find what they find compiled with each set's rules, and
// their patterns' gates are cut to each language's common words: the
// shared compile is changed by neither.
func TestWithExtraAcrossLanguages(t *testing.T) {
	rule := func(id string, c Check) *Rule {
		return &Rule{ID: id, Category: "negative-phrasing", Severity: Warning, Message: "found %s", Check: c, Origin: "test"}
	}
	baseRules := func() []*Rule {
		return []*Rule{
			rule("base.calm", &Phrase{Phrases: []string{"calm down"}}),
			rule("base.sorry", &Require{Phrases: []string{"sorry"}, After: []string{"delay"}, Scope: "sentence"}),
		}
	}
	extra := []*Rule{
		rule("x.no", &Phrase{Phrases: []string{"no way", "calm"}}),
		rule("x.wait", &Pattern{Expr: `\byou (waited|asked) ([\p{L}]+ )?far too long today\b`}),
		rule("x.thanks", &Require{Phrases: []string{"thanks", "thank you"}, After: []string{"wait"}, Scope: "sentence"}),
		rule("x.swap", &Replace{Pairs: []Replacement{{Phrase: "asap", With: "as soon as we can"}}}),
	}
	x, err := CompileExtra(extra)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"Please calm down. No way, you waited far too long today. Sorry for the delay.",
		"You asked so far too long today, thanks for the wait. Thanks, wait, wait. Calm, calm down asap.",
		"The delay. The delay, sorry. Thank you for the wait and the delay. Please wait, wait.",
	}
	for _, lang := range []*Language{
		{Code: "l1", CommonWords: []string{"today", "you", "the"}},
		{Code: "l2"},
		{Code: "l1", CommonWords: []string{"today", "you", "the"}}, // again, after l2
	} {
		base, err := Compile(lang, baseRules())
		if err != nil {
			t.Fatal(err)
		}
		got := base.WithExtra(x)
		want, err := Compile(lang, append(baseRules(), extra...))
		if err != nil {
			t.Fatal(err)
		}
		found := map[string]int{}
		for _, text := range texts {
			doc := NewDocument("t.md", []byte(text), FormatMarkdown)
			g, w := got.Lint(doc, Context{}), want.Lint(doc, Context{})
			if !reflect.DeepEqual(g, w) {
				t.Errorf("%s, %q:\nshared %v\nown    %v", lang.Code, text, g, w)
			}
			for _, d := range g {
				found[d.RuleID]++
			}
		}
		for _, id := range []string{"base.calm", "base.sorry", "x.no", "x.wait", "x.thanks", "x.swap"} {
			if found[id] == 0 {
				t.Errorf("%s: no finding of %s: the texts should have one of each rule", lang.Code, id)
			}
		}
		if got.gates == nil || want.gates == nil || !reflect.DeepEqual(got.gates.masks, want.gates.masks) {
			t.Fatalf("%s: gate masks differ", lang.Code)
		}
		for _, w := range []string{"far", "too", "long", "today", "you"} {
			if g, w2 := got.gates.lookup(hashWord(w)), want.gates.lookup(hashWord(w)); g != w2 {
				t.Errorf("%s: gate sets of %q: shared %b, own %b", lang.Code, w, g, w2)
			}
		}
	}
}

// A pattern whose words stand beside an apostrophe finds them inside the
// words the apostrophe joins: its trigger words never wait for "ll".
func TestPatternBesideApostrophe(t *testing.T) {
	for expr, want := range map[string][]string{
		`[A-Za-z]*'ll`:  {"I'll", "We’ll"},
		`\w+'s fault`:   {"Sam's fault"},
		`'til the end`:  {"'til the end"},
		`it'(?:s|ll)\b`: {"it's"},
	} {
		rs := compileRules(t, &Pattern{Expr: expr, Scope: ScopeProse})
		got := matched(rs, "I'll see. We’ll go. It was Sam's fault, it's fine, 'til the end.", Context{})
		if !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", expr, got, want)
		}
	}
}

// Punctuation joining a phrase's words with no space ("24/7") must be in
// the text as written; beside a space ("sorry, but") any will do.
func TestPhrasePunctuation(t *testing.T) {
	for _, tc := range []struct {
		check Check
		want  []string
	}{
		{&Phrase{Phrases: []string{"24/7", "sorry, but"}}, []string{"24/7", "sorry; but"}},
		{&Replace{Pairs: []Replacement{{"and/or", "or"}, {"e.g", "for example"}}}, []string{"and/or", "e.g"}},
		{&Pattern{Expr: `[0-9]/[0-9]|HH:MM`}, []string{"4/5", "HH:MM"}},
		{&Pattern{Expr: `(?:DD|MM)[/.-](?:MM|DD)`}, []string{"DD.MM", "MM/DD"}},
	} {
		rs := compileRules(t, tc.check)
		got := matched(rs, "Open 24/7 or 24.7 or 24:7, sorry; but and/or, and.or, e.g 4/5 3:1 2.0 HH:MM HH.MM DD.MM MM/DD", Context{})
		if !slices.Equal(got, tc.want) {
			t.Errorf("%#v: %q, want %q", tc.check, got, tc.want)
		}
	}
	for text, want := range map[string]string{"24/7": "/", "sorry, but": "", "e.g.": ".", "x.y/z w": "./", "I’m": "", "e-mail": "", "a//b": "//", "a. b": ""} {
		if got := innerPunct([]byte(text), false); got != want {
			t.Errorf("innerPunct(%q) = %q, want %q", text, got, want)
		}
	}
	for text, want := range map[string]string{"check-out": "-", "check out": " ", "check\n out": " ", "check – out": " ", "e-mail log-in": "- -", "sorry, but": " ", "24/7": "/"} {
		if got := innerPunct([]byte(text), true); got != want {
			t.Errorf("innerPunct(%q, strict) = %q, want %q", text, got, want)
		}
	}
}

// With HyphensAsWritten a hyphen between words must be in the text and a
// space must be a space, as in a Vale rule; without, the two are one.
func TestHyphensAsWritten(t *testing.T) {
	const text = "Check out the check-out page, set up the set-up, log in. Log-in\nhelp; e-mail or e mail."
	for _, tc := range []struct {
		check Check
		want  []string
	}{
		{&Phrase{Phrases: []string{"check-out", "set up", "e-mail"}}, []string{"Check out", "check-out", "set up", "set-up", "e-mail", "e mail"}},
		{&Phrase{Phrases: []string{"check-out", "set up", "e-mail"}, HyphensAsWritten: true}, []string{"check-out", "set up", "e-mail"}},
		{&Replace{Pairs: []Replacement{{"check-out", "checkout"}, {"log in", "sign in"}}, HyphensAsWritten: true}, []string{"check-out", "log in"}},
		{&Replace{Pairs: []Replacement{{"log-in", "login"}}, HyphensAsWritten: true}, []string{"Log-in"}},
	} {
		rs := compileRules(t, tc.check)
		matchedStored(t, rs, text, tc.want, tc.check)
	}
}

// With ExceptionsMatchCase an exception cancels a match only as written:
// "US" (the country) leaves "us" to the rule.
func TestExceptionsMatchCase(t *testing.T) {
	const text = "Tell us, the US team, or Us."
	for _, tc := range []struct {
		check Check
		want  []string
	}{
		{&Phrase{Phrases: []string{"us"}, Exceptions: []string{"US"}, ExceptionsMatchCase: true}, []string{"us", "Us"}},
		{&Phrase{Phrases: []string{"us"}, Exceptions: []string{"US"}}, nil},
		{&Replace{Pairs: []Replacement{{"us", "you"}}, Exceptions: []string{"US"}, ExceptionsMatchCase: true}, []string{"us", "Us"}},
		{&Pattern{Expr: `u[s]`, Exceptions: []string{"US"}, ExceptionsMatchCase: true}, []string{"us", "Us"}},
		{&Pattern{Expr: `\bu[s]\b`, Exceptions: []string{"US"}, ExceptionsMatchCase: true, InsideWords: true}, []string{"us", "Us"}},
	} {
		rs := compileRules(t, tc.check)
		if got := matched(rs, text, Context{}); !slices.Equal(got, tc.want) {
			t.Errorf("%#v: %q, want %q", tc.check, got, tc.want)
		}
	}
}

// A pattern of scope sentence drops a match that runs past a sentence end;
// the full stops of "e.g." and "v1.2" end none.
func TestPatternScopeSentence(t *testing.T) {
	const text = "Done. Thanks for v1.2 today, e.g. this one!  Next"
	for scope, want := range map[string][]string{
		ScopeProse:    {"Done. Thanks", "g. this", "one!  Next"},
		ScopeSentence: {"g. this"},
	} {
		rs := compileRules(t, &Pattern{Expr: `\w+[.!]\s+\w+`, Scope: scope, InsideWords: true})
		if got := matched(rs, text, Context{}); !slices.Equal(got, want) {
			t.Errorf("scope %s: %q, want %q", scope, got, want)
		}
	}
	// A run of marks ends a sentence at its last: an ellipsis is inside one.
	rs := compileRules(t, &Pattern{Expr: `\.\.\.|\?!`, Scope: ScopeSentence, InsideWords: true})
	if got, want := matched(rs, "Hello there... how?! Fine.", Context{}), []string{"...", "?!"}; !slices.Equal(got, want) {
		t.Errorf("marks: %q, want %q", got, want)
	}
	// In scope sentence ^ and $ are a sentence's start and end as well as a
	// line's (Vale runs such a rule on each sentence apart); in prose, a
	// line's only. "e.g." and "v1.2" end no sentence.
	const edges = "Thanks. 3 days left! 4th try? Yes, 5 more\n6 here, e.g. 7 or v1.2 8 now.\n\n9 then"
	for _, tc := range []struct {
		expr, scope string
		want        []string
	}{
		{`(?m)^\d+\w*`, ScopeSentence, []string{"3", "4th", "6", "9"}},
		{`(?m)^\d+\w*`, ScopeProse, []string{"6", "9"}},
		{`\w+[.!?]$`, ScopeSentence, []string{"Thanks.", "left!", "try?", "now."}},
		{`\A\w+`, ScopeSentence, []string{"Thanks", "3", "4th", "Yes", "9"}},
	} {
		rs := compileRules(t, &Pattern{Expr: tc.expr, Scope: tc.scope, InsideWords: true})
		if got := matched(rs, edges, Context{}); !slices.Equal(got, tc.want) {
			t.Errorf("%s in scope %s: %q, want %q", tc.expr, tc.scope, got, tc.want)
		}
	}
	// The full-width 。！？｡ end sentences too, as the scanner reads them;
	// a run of them ends one at its last.
	const wide = "您好。3个订单已发货！5天内送达？？请查收｡7号再联系。我们很抱歉。谢谢"
	for _, tc := range []struct {
		expr, scope string
		want        []string
	}{
		{`(?m)^\d+\S*?[。！？｡]`, ScopeSentence, []string{"3个订单已发货！", "5天内送达？", "7号再联系。"}},
		{`好[^a]*谢谢`, ScopeSentence, nil},
		{`好[^a]*谢谢`, ScopeProse, []string{"好。3个订单已发货！5天内送达？？请查收｡7号再联系。我们很抱歉。谢谢"}},
		{`抱歉。谢`, ScopeSentence, nil},
		{`\S+[。！？｡]$`, ScopeSentence, []string{"您好。", "3个订单已发货！", "5天内送达？？", "请查收｡", "7号再联系。", "我们很抱歉。"}},
	} {
		rs := compileRules(t, &Pattern{Expr: tc.expr, Scope: tc.scope, InsideWords: true})
		if got := matched(rs, wide, Context{}); !slices.Equal(got, tc.want) {
			t.Errorf("%s in scope %s: %q, want %q", tc.expr, tc.scope, got, tc.want)
		}
	}
	// Counts per sentence start again after each.
	rs = compileRules(t, &Pattern{Expr: `\d+`, Scope: ScopeProse, InsideWords: true, Max: 2, Per: PerSentence})
	if got, want := matched(rs, "1 2。3 4！5 6？7 8 9。", Context{}), []string{"7"}; !slices.Equal(got, want) {
		t.Errorf("counted per sentence: %q, want %q", got, want)
	}
}

// Scope raw reads a CR LF as LF, as Vale does: $ and \n meet it, and each
// match stands where its text is in the document as written.
func TestPatternRawCRLF(t *testing.T) {
	const lf = "Hi Sam,\n\nThanks!\nAnd é Sam,\nyes\n\nThanks!"
	crlf := strings.ReplaceAll(lf, "\n", "\r\n")
	for _, tc := range []struct {
		expr string
		want []string // in the text with LF
	}{
		{`(?m)^Thanks!$`, []string{"Thanks!", "Thanks!"}},
		{`\n\nThanks`, []string{"Thanks", "Thanks"}},
		{`Sam,\s+\S+`, []string{"Sam,\n\nThanks!", "Sam,\nyes"}},
		{`(?m)s!$`, []string{"s!", "s!"}},
		{`s!$`, []string{"s!"}}, // the end of the text
	} {
		rs := compileRules(t, &Pattern{Expr: tc.expr, Scope: ScopeRaw, InsideWords: true})
		if got := matched(rs, lf, Context{}); !slices.Equal(got, tc.want) {
			t.Errorf("%s on LF: %q, want %q", tc.expr, got, tc.want)
		}
		var want []string
		for _, w := range tc.want {
			want = append(want, strings.ReplaceAll(w, "\n", "\r\n"))
		}
		if got := matched(rs, crlf, Context{}); !slices.Equal(got, want) {
			t.Errorf("%s on CR LF: %q, want %q", tc.expr, got, want)
		}
	}
}

// A heading and a list item are blocks of their own, as to Vale, with no
// blank line around them: an expression does not run from one into the
// next, and a count per sentence or per paragraph starts again in each. In
// plain text they are lines like any other.
func TestPatternBlocks(t *testing.T) {
	const text = "# Heading ends with word\nSecond line here.\n" +
		"# One two three four\nFive six seven.\n\n" +
		"Steps:\n- one two three\n- four five six\n1. seven eight\n2. nine ten eleven\n"
	for _, tc := range []struct {
		check  *Pattern
		format Format
		want   []string
	}{
		{&Pattern{Expr: `word\s+Second`, InsideWords: true}, FormatMarkdown, nil},
		{&Pattern{Expr: `word\s+Second`, InsideWords: true}, FormatText, []string{"word\nSecond"}},
		{&Pattern{Expr: `\b\w+\b`, Max: 5, Per: PerSentence}, FormatMarkdown, nil},
		{&Pattern{Expr: `\b\w+\b`, Max: 5, Per: PerParagraph}, FormatMarkdown, nil},
		{&Pattern{Expr: `\b\w+\b`, Max: 5, Per: PerSentence}, FormatText, []string{"Heading", "One", "Steps"}},
		{&Pattern{Expr: `\b\w+\b`, Max: 12, Per: PerDocument}, FormatMarkdown, []string{"Heading"}},
	} {
		rs := compileRules(t, tc.check)
		d := NewDocument("t", []byte(text), tc.format)
		var got []string
		for _, f := range rs.Lint(d, Context{}) {
			got = append(got, text[f.Start:f.End])
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%#v in %v: %q, want %q", tc.check, tc.format, got, tc.want)
		}
	}
}

// With SplitContractions a phrase's last word also matches a contraction's
// part before the apostrophe, straight or curly, and the match ends there;
// without it a contraction is one word. Only the last word may end so, and
// a stored image keeps the behaviour.
func TestSplitContractions(t *testing.T) {
	const text = "We'll see: we can't, we can, we’d and wed. We cannot say we'll'd. The team's we-can list."
	for _, tc := range []struct {
		check *Phrase
		want  []string
	}{
		{&Phrase{Phrases: []string{"we", "we can"}}, []string{"we", "we can", "We", "we-can"}},
		{&Phrase{Phrases: []string{"we", "we can"}, SplitContractions: true},
			[]string{"We", "we can", "we can", "we", "We", "we", "we-can"}},
		{&Phrase{Phrases: []string{"can say", "team"}, SplitContractions: true}, []string{"team"}},
		{&Phrase{Phrases: []string{"We"}, MatchCase: true, SplitContractions: true}, []string{"We", "We"}},
	} {
		rs := compileRules(t, tc.check)
		loaded := matchedStored(t, rs, text, tc.want, tc.check)
		if c := loaded.RulesWithoutDocs()[0].Check.(*Phrase); c.SplitContractions != tc.check.SplitContractions {
			t.Errorf("%#v, stored: SplitContractions %v", tc.check, c.SplitContractions)
		}
	}
}

// White space at a pattern's edge is part of what it asks for: such a
// pattern is not listed as phrases, which would drop it, and finds
// "via" only with a space on each side, as its expression does.
func TestPatternEdgeSpaces(t *testing.T) {
	const text = "Via post, or this via mail, or (via) fax; typescript or typescript.\nThen typescript files."
	for expr, want := range map[string][]string{
		`[\s]via[\s]`: {" via "},
		`typescript `: {"typescript ", "typescript "},
		`via`:         {"Via", "via", "via"},
	} {
		rs := compileRules(t, &Pattern{Expr: expr, Scope: ScopeProse})
		if got := matched(rs, text, Context{}); !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", expr, got, want)
		}
	}
}

// A pattern of scope raw reads the document as written: code, quoted
// lines, link targets, placeholders and markup too, across blank lines,
// with its exceptions found in that text as well. A stored image does the
// same, and a limit per document counts over it all.
func TestPatternScopeRaw(t *testing.T) {
	const text = "Hi {name},\n\nSee [here](https://x.test/here) or right here.\n\n```\nhere()\n```\n\n> here\n\n<!-- here -->\nthere, **here**\n"
	for _, tc := range []struct {
		check *Pattern
		want  []string
	}{
		{&Pattern{Expr: `here`, Scope: ScopeProse}, []string{"here", "here", "here"}},
		{&Pattern{Expr: `here`, Scope: ScopeRaw, Exceptions: []string{"right here"}},
			[]string{"here", "here", "here", "here", "here", "here"}},
		{&Pattern{Expr: `here`, Scope: ScopeRaw, Exceptions: []string{"Right Here"}, ExceptionsMatchCase: true},
			[]string{"here", "here", "here", "here", "here", "here", "here"}},
		{&Pattern{Expr: `\{name\}|\]\(`, Scope: ScopeRaw, InsideWords: true}, []string{"{name}", "]("}},
		{&Pattern{Expr: `,\n\nSee`, Scope: ScopeRaw, InsideWords: true}, []string{",\n\nSee"}},
		{&Pattern{Expr: `here`, Scope: ScopeRaw, Max: 5, Per: PerDocument}, []string{"here"}}, // the sixth of seven: one finding
	} {
		rs := compileRules(t, tc.check, &Phrase{Phrases: []string{"zzz"}}) // an image holds a trie of one word at least
		matchedStored(t, rs, text, tc.want, tc.check)
	}
}

// A pattern with a Replacement fixes each match with it, says it for
// %[2]s, and leaves alone a match that already reads so (with the case
// the match gives it); an empty one takes the words out. A stored image
// keeps it.
func TestPatternReplacement(t *testing.T) {
	with, none := "TypeScript ", ""
	const text = "Try typescript or TypeScript now. Typescript code is simply fine."
	for _, tc := range []struct {
		check *Pattern
		want  []string // message: fix's new text
	}{
		{&Pattern{Expr: `type ?script `, Scope: ScopeProse, Replacement: &with},
			[]string{"typescript : TypeScript ", "Typescript : TypeScript "}},
		{&Pattern{Expr: `simpl\w+`, Scope: ScopeProse, InsideWords: true, Replacement: &none}, []string{"simply: "}},
	} {
		rules := []*Rule{{ID: "r.one", Category: "negative-phrasing", Severity: Warning, Message: "'%s' → '%[2]s'", Check: tc.check, Origin: "test"},
			{ID: "r.pad", Category: "negative-phrasing", Severity: Warning, Message: "%s", Check: &Phrase{Phrases: []string{"zzz"}}, Origin: "test"}}
		rs, err := Compile(&Language{}, rules)
		if err != nil {
			t.Fatal(err)
		}
		loaded := reloaded(t, rs)
		for _, set := range []*RuleSet{rs, loaded} {
			var got []string
			for _, d := range set.Lint(NewDocument("t.md", []byte(text), FormatMarkdown), Context{}) {
				if len(d.Fixes) != 1 || !strings.HasSuffix(d.Message, "'"+d.Fixes[0].Edits[0].NewText+"'") {
					t.Errorf("%q: message %q, fixes %v", text[d.Start:d.End], d.Message, d.Fixes)
					continue
				}
				got = append(got, text[d.Start:d.End]+": "+d.Fixes[0].Edits[0].NewText)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("%s: %q, want %q", tc.check.Expr, got, tc.want)
			}
		}
	}
}

// An expression reads the prose without Markdown's emphasis marks, as
// Vale's reader does, whichever way it runs (from a string it starts
// with, or on each paragraph): "**Note:** The" is "Note: The". Marks inside
// a word or between spaces are text, and a rule of scope raw sees them all.
func TestPatternAcrossEmphasis(t *testing.T) {
	const text = "**Note:** The file, _Tip:_ Save. Use 5 * 3: Or snake_case: Fine.\n\nNo marks: Here."
	for _, tc := range []struct {
		check *Pattern
		want  []string
	}{
		{&Pattern{Expr: `:\s[A-Z]`, Scope: ScopeProse, InsideWords: true}, []string{":** T", ":_ S", ": O", ": F", ": H"}},
		{&Pattern{Expr: `\w+:\s+[A-Z]\w+`, Scope: ScopeProse, InsideWords: true}, []string{"Note:** The", "Tip:_ Save", "3: Or", "snake_case: Fine", "marks: Here"}},
		{&Pattern{Expr: `:\s[A-Z]`, Scope: ScopeRaw, InsideWords: true}, []string{": O", ": F", ": H"}},
		// Conditions on the text around read the view too: Vale's (?<=:\s*)[A-Z](?=[a-z]).
		{&Pattern{Expr: `[A-Z]`, Scope: ScopeProse, PrecededBy: `:\s*`, FollowedBy: `[a-z]`, InsideWords: true}, []string{"T", "S", "O", "F", "H"}},
	} {
		rs := compileRules(t, tc.check)
		if got := matched(rs, text, Context{}); !slices.Equal(got, tc.want) {
			t.Errorf("%s (%s): %q, want %q", tc.check.Expr, tc.check.Scope, got, tc.want)
		}
	}
	for text, want := range map[string]string{"**Note:** The": "Note: The", "5 * 3": "5 * 3", "snake_case": "snake_case", "~~old~~ new": "old new", "a **b**c": "a b**c"} {
		r := &run{emphMarks: emphasisMarks([]byte(text), 0, len(text), nil)}
		view, at := []byte(text), []int32(nil)
		if v := r.emphasisView([]byte(text), 0, len(text)); v != nil {
			view, at = v.text, v.at
		}
		if string(view) != want {
			t.Errorf("emphasisView(%q) = %q, want %q", text, view, want)
		}
		for i := range at {
			if text[at[i]] != view[i] {
				t.Errorf("emphasisView(%q): byte %d of the view is %q, at %d of the text %q", text, i, view[i], at[i], text[at[i]])
			}
		}
	}
}

// A sentence is counted whole across a link: the full stops of its address
// ("aka.ms") end no sentence, nor does that of "v1.2" or "e.g.".
func TestCountAcrossLink(t *testing.T) {
	rs := compileRules(t, &Pattern{Expr: `\b\w+\b`, Scope: ScopeProse, Max: 6, Per: PerSentence})
	for text, want := range map[string]int{
		"Please file it on the [marketplace](https://aka.ms/market) for VS Code. Thanks.": 1, // nine words
		"Please file it with v1.2 or e.g. the app here. Thanks.":                          1, // eleven
		"Please file it. On the [site](https://aka.ms/x). Thanks a lot, really.":          0,
	} {
		if got := len(matched(rs, text, Context{})); got != want {
			t.Errorf("%q: %d findings, want %d", text, got, want)
		}
	}
}

// In the raw text a space of the expression is a space, as Vale reads it:
// " - " is not a list item's "\n- ".
func TestPatternScopeRawSpaces(t *testing.T) {
	rs := compileRules(t, &Pattern{Expr: ` - `, Scope: ScopeRaw}, &Phrase{Phrases: []string{"zzz"}})
	if got, want := matched(rs, "A list:\n- one - two\n- three\n", Context{}), []string{" - "}; !slices.Equal(got, want) {
		t.Errorf("%q, want %q", got, want)
	}
}

// reloaded stores rs and loads it back, as a built-in pack is.
func reloaded(t *testing.T, rs *RuleSet) *RuleSet {
	t.Helper()
	data, err := rs.Store("test")
	if err != nil {
		t.Fatal(err)
	}
	loaded, _, err := LoadRuleSet(string(data))
	if err != nil {
		t.Fatal(err)
	}
	return loaded
}

// matchedStored checks that rs, and rs stored and loaded back, match want
// in text, and returns the loaded set.
func matchedStored(t *testing.T, rs *RuleSet, text string, want []string, what any) *RuleSet {
	t.Helper()
	if got := matched(rs, text, Context{}); !slices.Equal(got, want) {
		t.Errorf("%#v: %q, want %q", what, got, want)
	}
	loaded := reloaded(t, rs)
	if got := matched(loaded, text, Context{}); !slices.Equal(got, want) {
		t.Errorf("%#v, stored: %q, want %q", what, got, want)
	}
	return loaded
}

// An exception pattern cancels a match it finds inside, or that it holds,
// in the match's paragraph (in the whole text for scope raw), whatever
// kind the rule, and whichever way its pattern runs. Others stand.
func TestExceptionPattern(t *testing.T) {
	const text = "Read 1/2 or and/or here. See the and/or docs, and/or sign.\n\nand/or alone. See the\n\nand/or docs."
	for _, tc := range []struct {
		check Check
		want  []string
	}{
		// "see the and/or docs" holds the match; \d+/\d+ is inside "1/2".
		{&Pattern{Expr: `\w+/\w+`, Scope: ScopeProse, ExceptionPattern: `(?i)\d+/\d+|see the\s+\w+/\w+ docs`},
			[]string{"and/or", "and/or", "and/or", "and/or"}},
		{&Pattern{Expr: `and/or`, Scope: ScopeProse, ExceptionPattern: `(?i)see the\s+and/or docs`},
			[]string{"and/or", "and/or", "and/or", "and/or"}}, // as phrases
		{&Pattern{Expr: `\w+/\w+`, Scope: ScopeRaw, ExceptionPattern: `(?i)\d+/\d+|see the\s+\w+/\w+ docs`},
			[]string{"and/or", "and/or", "and/or"}}, // raw: across the blank line too
		{&Phrase{Phrases: []string{"and/or"}, ExceptionPattern: `(?i)see the\s+and/or docs`},
			[]string{"and/or", "and/or", "and/or", "and/or"}},
		{&Replace{Pairs: []Replacement{{Phrase: "and/or", With: "or"}}, ExceptionPattern: `(?i)see the and/or docs`},
			[]string{"and/or", "and/or", "and/or", "and/or"}},
		{&Phrase{Phrases: []string{"or and/or here"}, ExceptionPattern: `and/or`}, nil}, // inside the match
		{&Phrase{Phrases: []string{"or and/or here"}}, []string{"or and/or here"}},
		{&Phrase{Phrases: []string{"and/or"}, ExceptionPattern: `x/y`}, // finds nothing
			[]string{"and/or", "and/or", "and/or", "and/or", "and/or"}},
	} {
		rs := compileRules(t, tc.check, &Phrase{Phrases: []string{"zzz"}})
		matchedStored(t, rs, text, tc.want, tc.check)
	}
	// A limit counts the matches the exception leaves: four of five, none
	// past four.
	rs := compileRules(t, &Pattern{Expr: `and/or`, Scope: ScopeProse, Max: 4, Per: PerDocument, ExceptionPattern: `(?i)see the and/or docs`},
		&Phrase{Phrases: []string{"zzz"}})
	matchedStored(t, rs, text, nil, "max 4")
	// So does a count of words: five of the eight are one exception's.
	rs = compileRules(t, &Pattern{Expr: `\b\w+\b`, Scope: ScopeProse, MatchCase: true, Max: 3, Per: PerSentence, ExceptionPattern: `(?i)see the and/or docs`},
		&Phrase{Phrases: []string{"zzz"}})
	matchedStored(t, rs, "See the and/or docs, and/or sign.", nil, "words")
	matchedStored(t, rs, "See the or/and docs, and/or sign.", []string{"See"}, "words")
	if _, err := Compile(&Language{}, []*Rule{{ID: "r.bad", Category: "negative-phrasing", Severity: Warning, Message: "x",
		Check: &Phrase{Phrases: []string{"a"}, ExceptionPattern: `(x`}, Origin: "test"}}); err == nil || !strings.Contains(err.Error(), "exception-pattern") {
		t.Errorf("an exception pattern that does not parse: %v", err)
	}
}

// A pattern's exceptions, like its matches, end at a contraction's
// apostrophe: "GitHub" in "GitHub's" is the exception "GitHub".
func TestPatternExceptionsSplitContractions(t *testing.T) {
	rs := compileRules(t, &Pattern{Expr: `[A-Z][a-z]+[A-Z][a-z]+`, Scope: ScopeProse, InsideWords: true, MatchCase: true,
		Exceptions: []string{"GitHub"}, ExceptionsMatchCase: true}, &Phrase{Phrases: []string{"zzz"}})
	matchedStored(t, rs, "See GitHub's guide and GitHub, not GitLab's or GitLab.", []string{"GitLab", "GitLab"}, "GitHub")
}

// With ApostrophesAsWritten a phrase's apostrophe must be the one in the
// text, as in a Vale rule; without, ' and ’ are one.
func TestApostrophesAsWritten(t *testing.T) {
	const text = "I'm here, I’m there. We'll go, we’ll stay. Can't, can’t."
	for _, tc := range []struct {
		check Check
		want  []string
	}{
		{&Phrase{Phrases: []string{"I'm", "we’ll"}, ApostrophesAsWritten: true}, []string{"I'm", "we’ll"}},
		{&Phrase{Phrases: []string{"I'm", "I’m"}, ApostrophesAsWritten: true, MatchCase: true}, []string{"I'm", "I’m"}},
		{&Phrase{Phrases: []string{"I'm", "we’ll"}}, []string{"I'm", "I’m", "We'll", "we’ll"}},
		// A contraction's first part holds no apostrophe: both stand.
		{&Phrase{Phrases: []string{"we"}, ApostrophesAsWritten: true, SplitContractions: true}, []string{"We", "we"}},
		{&Replace{Pairs: []Replacement{{Phrase: "can't", With: "cannot"}}, ApostrophesAsWritten: true}, []string{"Can't"}},
		{&Replace{Pairs: []Replacement{{Phrase: "can't", With: "cannot"}}}, []string{"Can't", "can’t"}},
		// Patterns: run as an expression, and as phrases of the pass.
		{&Pattern{Expr: `[a-z]*'ll`, Scope: ScopeProse, ApostrophesAsWritten: true}, []string{"We'll"}},
		{&Pattern{Expr: `[a-z]*'ll`, Scope: ScopeProse}, []string{"We'll", "we’ll"}},
		{&Pattern{Expr: `I'm|we’ll`, Scope: ScopeProse, ApostrophesAsWritten: true}, []string{"I'm", "we’ll"}},
		{&Pattern{Expr: `I'm|we’ll`, Scope: ScopeProse}, []string{"I'm", "I’m", "We'll", "we’ll"}},
	} {
		rs := compileRules(t, tc.check, &Phrase{Phrases: []string{"zzz"}})
		matchedStored(t, rs, text, tc.want, tc.check)
	}
}

func TestSameApostrophes(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"I'm", "I'm", true}, {"I’m", "I'm", false}, {"don't", "dont", false}, {"dont", "dont", true},
		{"rock'n'roll", "rock'n’roll", false}, {"rock’n’roll", "rock’n’roll", true}, {"", "", true},
	} {
		if got := sameApostrophes(tc.a, tc.b); got != tc.want {
			t.Errorf("sameApostrophes(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}

// A placeholder rule's expression is compiled only for a placeholder that
// holds what every match does: a draft with {customer_name} in it does not
// compile the expressions of %first_name% or {{ name }}, which cost a start
// up to a tenth of a millisecond each to learn that they do not match.
func TestPlaceholderCompiledWhenNeeded(t *testing.T) {
	rs := compileRules(t, &Pattern{Expr: `^\{[a-z_]+\}$`, Scope: ScopePlaceholder},
		&Pattern{Expr: `^%[a-z_]+%$`, Scope: ScopePlaceholder}, &Pattern{Expr: `^\{\{.*\}\}$`, Scope: ScopePlaceholder})
	if got, want := matched(rs, "Hi {customer_name}, thanks.", Context{}), []string{"{customer_name}"}; !slices.Equal(got, want) {
		t.Fatalf("matched %q, want %q", got, want)
	}
	if rs.patterns[0].re == nil {
		t.Errorf("%s: not compiled, but it matched", rs.patterns[0].expr)
	}
	for _, cp := range rs.patterns[1:] {
		if cp.re != nil {
			t.Errorf("%s: compiled for {customer_name}, which lacks what every match holds", cp.expr)
		}
	}
	if got, want := matched(rs, "Hi %first_name%, and {{ name }}.", Context{}), []string{"%first_name%", "{{ name }}"}; !slices.Equal(got, want) {
		t.Errorf("matched %q, want %q", got, want)
	}
}
