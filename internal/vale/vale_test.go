package vale

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/replykit/replykit/lint"
	"github.com/replykit/replykit/rules"
)

func TestLoadFixture(t *testing.T) {
	for _, dir := range []string{"testdata/styles", "testdata/styles/Tone"} {
		imp, err := Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, r := range imp.Rules {
			got[r.ID] = r.Kind()
			// Each Vale rule reports its findings apart (see lint.DropEchoes).
			if from, _, _ := strings.Cut(r.ID, ".patterns"); r.Echoes != from {
				t.Errorf("%s: echoes %q, want %q", r.ID, r.Echoes, from)
			}
		}
		want := map[string]string{
			"vale.tone.blame":   "phrase", // a few spellings: phrases
			"vale.tone.brand":   "replace",
			"vale.tone.hedging": "phrase",
			"vale.tone.sorry":   "pattern",
			"vale.tone.stiff":   "replace",
			"vale.tone.very":    "pattern",
			// Phrases and expressions both: split (see Convert).
			"vale.tone.worn":             "phrase",
			"vale.tone.worn.patterns":    "pattern",
			"vale.tone.terms":            "replace",
			"vale.tone.terms.patterns":   "pattern", // one per replacement
			"vale.tone.terms.patterns-2": "pattern",
			"vale.tone.plurals":          "pattern", // raw:
			"vale.tone.future":           "pattern", // raw: alone, no word boundaries
			"vale.tone.apostrophes":      "pattern", // nonword words beside apostrophes
			"vale.tone.overlap":          "phrase",  // exceptions that overlap a match and that hold one
			"vale.tone.starts":           "pattern", // ^And: at any line's start
			"vale.tone.names":            "phrase",  // not beside an underscore
			// raw: before words and expressions: split the same way.
			"vale.tone.passive":          "pattern",
			"vale.tone.passive.patterns": "pattern",
			"vale.tone.plans":            "phrase",
			"vale.tone.persons":          "replace",
			"vale.tone.raw":              "pattern", // scope: raw
			"vale.tone.hyphens":          "replace",
			"vale.tone.hyphens.patterns": "pattern", // \w+hub: GitHub, not where it reads GitHub
			// nonword: expressions, not phrases, that may match inside words.
			"vale.tone.cheer":     "pattern",
			"vale.tone.self":      "pattern",
			"vale.tone.spacing":   "pattern",
			"vale.tone.across":    "pattern",
			"vale.tone.mine":      "pattern", // raw: with a lookbehind and a lookahead
			"vale.tone.semicolon": "pattern",
			"vale.tone.colon":     "pattern",
			"vale.tone.inside":    "pattern",
			// A trailing lookahead: a pattern for each lookahead (and
			// replacement), the first of them the rule when nothing else is.
			"vale.tone.self.patterns":       "pattern",
			"vale.tone.contract":            "pattern",
			"vale.tone.contract.patterns":   "pattern",
			"vale.tone.contract.patterns-2": "pattern", // lookaheads in a row: one condition
			"vale.tone.minus":               "pattern", // a leading lookbehind
			// Lookarounds inside alternatives: each alternative on its own.
			"vale.tone.branches":            "replace", // HX
			"vale.tone.branches.patterns":   "pattern", // (?<!Harbour )Express
			"vale.tone.branches.patterns-2": "pattern", // e-?voucher(?! code)
			"vale.tone.branches.patterns-3": "pattern", // (?<!gift )e-card
			"vale.tone.abbrev":              "phrase",  // exempli gratia, eg
			"vale.tone.abbrev.patterns":     "pattern", // e\.g\.(?!\w)
			"vale.tone.abbrev.patterns-2":   "pattern", // e\.g(?![\.\w])
			"vale.tone.lazy":                "pattern", // allow.*? runs on to the end of the word
			"vale.tone.looks":               "pattern", // a lookahead in a group of one; flags and lookarounds in a row
			"vale.tone.slashes":             "pattern", // exceptions that are expressions
			"vale.tone.camel":               "pattern", // an exception before a contraction's apostrophe
			"vale.tone.quotes":              "phrase",  // apostrophes as written
			"vale.tone.quotes.patterns":     "pattern",
			"vale.tone.cant":                "replace",
			"vale.tone.looks.patterns":      "pattern",
			"vale.tone.looks.patterns-2":    "pattern",
			"vale.tone.us":                  "phrase",  // exceptions: [US], as written
			"vale.tone.within":              "pattern", // scope: sentence
			"vale.tone.opening":             "pattern", // scope: sentence, ^ at a sentence's start
			"vale.tone.closing":             "pattern", // scope: sentence, $ at a sentence's end
			"vale.tone.steps":               "pattern", // occurrence per sentence, counted apart in each block
			"vale.tone.joined":              "pattern", // a match never runs from one block into the next
			"vale.tone.prereq":              "pattern", // raw: ^ is a paragraph's start
			"vale.tone.leftmost":            "phrase",  // overlapping a pattern of its own: the leftmost is kept
			"vale.tone.leftmost.patterns":   "pattern",
			"vale.tone.dashes":              "pattern", // \u2013
			"vale.tone.edges":               "pattern", // a \b at a token's edges, read by Unicode's letters
			"vale.tone.wide":                "pattern", // 。 ends a sentence
			"vale.tone.paras":               "pattern", // scope paragraph: one expression
			"vale.tone.twice":               "pattern",
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: rules %v, want %v", dir, got, want)
		}
		if len(imp.Skipped) != 1 || imp.Skipped[0].Rule != "Tone.Caps" || !strings.Contains(imp.Skipped[0].String(), "Caps.yml:1:10: Vale rule Tone.Caps skipped: capitalization rules are not supported") {
			t.Errorf("%s: skipped %v", dir, imp.Skipped)
		}
	}
}

// convert converts one rule that must come out as one replykit rule.
func convert(t *testing.T, src string) (*lint.Rule, []Skip, error) {
	t.Helper()
	rs, skips, err := Convert("My-Style", "TheRule", "r.yml", []byte(src))
	if len(rs) > 1 {
		t.Fatalf("%q: %d rules, want one", src, len(rs))
	}
	if len(rs) == 0 {
		return nil, skips, err
	}
	return rs[0], skips, err
}

// Vale reads only files ending in .yml: a .yaml or .YML file is listed as
// skipped, with what to do, and checks nothing.
func TestLoadOnlyYml(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "House")
	rule := "extends: existence\nmessage: m\nignorecase: true\ntokens: [simply]\n"
	for _, name := range []string{"Simple.yml", "Please.yaml", "Shout.YML"} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(rule), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	imp, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(imp.Rules) != 1 || imp.Rules[0].ID != "vale.house.simple" {
		t.Errorf("rules %v, want vale.house.simple alone", imp.Rules)
	}
	var skipped []string
	for _, s := range imp.Skipped {
		skipped = append(skipped, s.String())
	}
	want := []string{
		filepath.Join(dir, "Please.yaml") + ":1:1: Vale rule House.Please skipped: Vale reads only files ending in .yml, so it never checks this one; rename it Please.yml to have it checked",
		filepath.Join(dir, "Shout.YML") + ":1:1: Vale rule House.Shout skipped: Vale reads only files ending in .yml, so it never checks this one; rename it Shout.yml to have it checked",
	}
	if !reflect.DeepEqual(skipped, want) {
		t.Errorf("skipped:\n%s\nwant:\n%s", strings.Join(skipped, "\n"), strings.Join(want, "\n"))
	}
}

func TestConvert(t *testing.T) {
	tests := []struct {
		name, src string
		want      lint.Check
		severity  lint.Severity
		message   string
	}{
		{"literal tokens are phrases", "extends: existence\nmessage: \"'%s' hedges\"\nignorecase: true\ntokens: [just, to be honest]\nexceptions: [just in time]\nlevel: suggestion\n",
			&lint.Phrase{Phrases: []string{"just", "to be honest"}, ExceptionsWithin: true, Exceptions: []string{"just in time"}, SplitContractions: true, HyphensAsWritten: true, ApostrophesAsWritten: true}, lint.Info, "'%s' hedges"},
		{"a message on several lines is one line, as Vale shows it", "extends: existence\nmessage: |\n  Avoid '%s'.\n\n  Say it  plainly.\nignorecase: true\ntokens: [just]\n",
			&lint.Phrase{Phrases: []string{"just"}, SplitContractions: true, HyphensAsWritten: true, ApostrophesAsWritten: true}, lint.Warning, "Avoid '%s'. Say it  plainly."},
		{"scope raw: the tokens, phrases too, are an expression run on the text as written, multiline as Vale's", "extends: existence\nmessage: m\nignorecase: true\nscope: raw\ntokens: [click here, '\\]\\(here\\)']\nexceptions: [here and now]\n",
			&lint.Pattern{ApostrophesAsWritten: true, Expr: `(?m)(?:click here)|(?:\]\(here\))`, Scope: lint.ScopeRaw, ExceptionsWithin: true, Exceptions: []string{"here and now"}}, lint.Warning, "m"},
		{"a substitution of scope raw is a pattern too", "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nignorecase: true\nscope: raw\nswap: {utilize: use}\n",
			&lint.Pattern{ApostrophesAsWritten: true, Expr: `(?m)(?:utilize)`, Scope: lint.ScopeRaw, Replacement: ptr("use")}, lint.Warning, "Use '%[2]s' instead of '%s'."},
		{"an occurrence of scope raw counts in the whole file", "extends: occurrence\nmessage: m\nscope: raw\nmax: 3\ntoken: '!'\n",
			&lint.Pattern{ApostrophesAsWritten: true, Expr: `(?m)!`, Scope: lint.ScopeRaw, MatchCase: true, Max: 3, Per: lint.PerDocument}, lint.Warning, "m"},
		{"exceptions that are expressions excuse what they find, as Vale's do", "extends: existence\nmessage: m\nignorecase: true\ntokens: ['\\w+/\\w+']\nexceptions: [N/A, '\\d{1,4}/\\d{1,4}', '(?i)https?://\\S+']\n",
			&lint.Pattern{ApostrophesAsWritten: true, Expr: `(?:\w+/\w+)`, Scope: lint.ScopeProse, ExceptionsWithin: true, Exceptions: []string{"N/A"}, ExceptionsMatchCase: true,
				ExceptionPattern: `(?m)\b(?:(?i)https?://\S+|(?-i)\d{1,4}/\d{1,4})\b`}, lint.Warning, "m"},
		{"scope paragraph: the tokens, phrases too, are one expression, which leaves out headings, list items and tables", "extends: existence\nmessage: m\nignorecase: true\nscope: paragraph\ntokens: [refund, '\\d+ days']\n",
			&lint.Pattern{ApostrophesAsWritten: true, Expr: `(?:refund)|(?:\d+ days)`, Scope: lint.ScopeParagraph}, lint.Warning, "m"},
		{"empty tokens are dropped, as Vale drops them", "extends: existence\nmessage: m\nignorecase: true\ntokens:\n  - ''\n  - just\n  -\n",
			&lint.Phrase{Phrases: []string{"just"}, SplitContractions: true, HyphensAsWritten: true, ApostrophesAsWritten: true}, lint.Warning, "m"},
		{"case by default", "extends: existence\nmessage: m\ntokens: [just]\n",
			&lint.Phrase{Phrases: []string{"just"}, MatchCase: true, SplitContractions: true, HyphensAsWritten: true, ApostrophesAsWritten: true}, lint.Warning, "m"},
		{"regex tokens are a pattern", "extends: existence\nmessage: m\nlevel: error\nignorecase: true\ntokens: ['you \\w+ have', '\\d+ ?am']\n",
			&lint.Pattern{ApostrophesAsWritten: true, Expr: `(?:you \w+ have)|(?:\d+ ?am)`, Scope: lint.ScopeProse}, lint.Error, "m"},
		{"a few spellings are phrases", "extends: existence\nmessage: m\nignorecase: true\ntokens: ['you (should|could) have', 'log(?:ged)? in', 'Log in']\n",
			&lint.Phrase{Phrases: []string{"you should have", "you could have", "log in", "logged in"}, SplitContractions: true, HyphensAsWritten: true, ApostrophesAsWritten: true}, lint.Warning, "m"},
		{"case folded inside a token of a case-matching rule", "extends: existence\nmessage: m\ntokens: ['(?i)asap']\n",
			&lint.Pattern{ApostrophesAsWritten: true, Expr: "(?:(?i)asap)", Scope: lint.ScopeProse, MatchCase: true}, lint.Warning, "m"},
		{"raw is a pattern", "extends: existence\nmessage: m\nignorecase: true\nraw: ['\\(s\\)', '|\\(es\\)']\n",
			&lint.Pattern{ApostrophesAsWritten: true, Expr: `\(s\)|\(es\)`, Scope: lint.ScopeProse}, lint.Warning, "m"},
		{"raw is as written: a match may start inside a word, as in Vale (goodwill gesture)", "extends: existence\nmessage: m\nignorecase: true\nraw: ['will\\s\\w+']\n",
			&lint.Pattern{ApostrophesAsWritten: true, Expr: `will\s\w+`, Scope: lint.ScopeProse, InsideWords: true}, lint.Warning, "m"},
		{"raw with a lookbehind and a lookahead of its own", "extends: existence\nmessage: m\nignorecase: true\nnonword: true\nraw: ['(?<![a-z_-])(me|my)(?![a-z_-])']\n",
			&lint.Pattern{ApostrophesAsWritten: true, Expr: `(me|my)`, Scope: lint.ScopeProse, NotPrecededBy: `[a-z_-]`, NotFollowedBy: `[a-z_-]`, InsideWords: true}, lint.Warning, "m"},
		{"raw goes before the tokens, and before Vale's (?m): its ^ is the paragraph's start", "extends: existence\nmessage: m\nraw: ['(?:^|[.] )']\ntokens: [so, well]\n",
			&lint.Pattern{ApostrophesAsWritten: true, Expr: `(?:^|[.] )\b(?:so|well)\b`, Scope: lint.ScopeProse, MatchCase: true}, lint.Warning, "m"},
		{"tokens after raw are multiline", "extends: existence\nmessage: m\nnonword: true\nraw: ['^Note: ']\ntokens: ['^\\w+']\n",
			&lint.Pattern{ApostrophesAsWritten: true, Expr: `^Note: (?m)(?:^\w+)`, Scope: lint.ScopeProse, MatchCase: true, InsideWords: true}, lint.Warning, "m"},
		{"raw after the tokens (append) is multiline", "extends: existence\nmessage: m\nappend: true\nnonword: true\nraw: ['$']\ntokens: [so]\n",
			&lint.Pattern{ApostrophesAsWritten: true, Expr: `(?m)(?:so)$`, Scope: lint.ScopeProse, MatchCase: true, InsideWords: true}, lint.Warning, "m"},
		{"a token that must start a line is an expression, multiline as Vale's: ^ is any line's start", "extends: existence\nmessage: m\ntokens: ['^And', '^But']\n",
			&lint.Pattern{ApostrophesAsWritten: true, Expr: `(?m)(?:^And)|(?:^But)`, Scope: lint.ScopeProse, MatchCase: true}, lint.Warning, "m"},
		{"raw goes after the tokens with append", "extends: existence\nmessage: m\nappend: true\nnonword: true\nraw: ['!']\ntokens: [so]\n",
			&lint.Pattern{ApostrophesAsWritten: true, Expr: `(?:so)!`, Scope: lint.ScopeProse, MatchCase: true, InsideWords: true}, lint.Warning, "m"},
		{"nonword tokens are a pattern that may match inside words, as in Vale", "extends: existence\nmessage: m\nignorecase: true\nnonword: true\ntokens: [just]\n",
			&lint.Pattern{ApostrophesAsWritten: true, Expr: "(?:just)", Scope: lint.ScopeProse, InsideWords: true}, lint.Warning, "m"},
		{"nonword tokens held to word edges by their own ends keep to them", "extends: existence\nmessage: m\nnonword: true\ntokens: ['(?:^|\\s)I\\s', '\\b\\d+ ?percent\\b']\n",
			&lint.Pattern{ApostrophesAsWritten: true, Expr: `(?:(?:^|\s)I\s)|(?:\b\d+ ?percent\b)`, Scope: lint.ScopeProse, MatchCase: true}, lint.Warning, "m"},
		{"a token's trailing lookahead is a condition on the text after", "extends: existence\nmessage: m\nnonword: true\ntokens: ['(?:^|\\s)I(?=\\s)']\n",
			&lint.Pattern{ApostrophesAsWritten: true, Expr: `(?:(?:^|\s)I)`, Scope: lint.ScopeProse, MatchCase: true, FollowedBy: `\s`, InsideWords: true}, lint.Warning, "m"},
		{"a token asking one thing or another after it is one pattern", "extends: existence\nmessage: m\nnonword: true\ntokens: ['(?:^|\\s)I(?=\\s)', '(?:^|\\s)I(?=,\\s)']\n",
			&lint.Pattern{ApostrophesAsWritten: true, Expr: `(?:(?:^|\s)I)`, Scope: lint.ScopeProse, MatchCase: true, FollowedBy: `\s|,\s`, InsideWords: true}, lint.Warning, "m"},
		{"and before it", "extends: existence\nmessage: m\nnonword: true\ntokens: ['(?<=\\s)-\\d+', '(?<=^)-\\d+']\n",
			&lint.Pattern{ApostrophesAsWritten: true, Expr: `(?:-\d+)`, Scope: lint.ScopeProse, MatchCase: true, PrecededBy: `\s|^`, InsideWords: true}, lint.Warning, "m"},
		{"a swap key's trailing lookahead is a condition on the text after", "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nignorecase: true\nswap: {'it is(?!\\.)': it's}\n",
			&lint.Pattern{ApostrophesAsWritten: true, Expr: `(?:it is)`, Scope: lint.ScopeProse, NotFollowedBy: `\.`, Replacement: ptr("it's")}, lint.Warning, "Use '%[2]s' instead of '%s'."},
		{"nonword tokens in word boundaries are phrases", "extends: existence\nmessage: m\nignorecase: true\nnonword: true\ntokens: ['\\bme\\b', '\\bI''m\\b']\n",
			&lint.Phrase{Phrases: []string{"me", "I'm"}, SplitContractions: true, HyphensAsWritten: true, ApostrophesAsWritten: true}, lint.Warning, "m"},
		{"swap of phrases is replace", "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nignorecase: true\nswap: {utilize: use, 'e-?mail': email|mail}\n",
			&lint.Replace{Pairs: []lint.Replacement{{Phrase: "utilize", With: "use"}, {Phrase: "email", With: "email"}, {Phrase: "e-mail", With: "email"}}, HyphensAsWritten: true, ApostrophesAsWritten: true, SplitContractions: true}, lint.Warning, "Use '%[2]s' instead of '%s'."},
		{"swap as a list of maps, as Vale takes it", "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nignorecase: true\nswap:\n  - utilize: use\n  - 'e-?mail': email|mail\n    leverage: use\n",
			&lint.Replace{Pairs: []lint.Replacement{{Phrase: "utilize", With: "use"}, {Phrase: "email", With: "email"}, {Phrase: "e-mail", With: "email"}, {Phrase: "leverage", With: "use"}}, HyphensAsWritten: true, ApostrophesAsWritten: true, SplitContractions: true}, lint.Warning, "Use '%[2]s' instead of '%s'."},
		{"unlimited swap is a pattern", "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nignorecase: true\nswap: {'\\w+ly good': well}\n",
			&lint.Pattern{ApostrophesAsWritten: true, Expr: `(?:\w+ly good)`, Scope: lint.ScopeProse, Replacement: ptr("well")}, lint.Warning, "Use '%[2]s' instead of '%s'."},
		{"occurrence", "extends: occurrence\nmessage: \"%s times\"\nscope: sentence\nmax: 2\ntoken: very\n",
			&lint.Pattern{ApostrophesAsWritten: true, Expr: "very", Scope: lint.ScopeProse, MatchCase: true, Max: 2, Per: lint.PerSentence}, lint.Warning, "%d times"},
		{"a scope left out that replykit never checks", "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nignorecase: true\nscope:\n  - ~text.frontmatter.navigation_title\n  - ~code\nswap: {utilize: use}\n",
			&lint.Replace{Pairs: []lint.Replacement{{Phrase: "utilize", With: "use"}}, HyphensAsWritten: true, ApostrophesAsWritten: true, SplitContractions: true}, lint.Warning, "Use '%[2]s' instead of '%s'."},
		{"list, heading and table beside sentence add nothing: Vale's sentence holds them", "extends: existence\nmessage: m\nscope:\n  - sentence\n  - list\n  - heading.h2\n  - table.header\ntokens: [b]\n",
			&lint.Phrase{Phrases: []string{"b"}, MatchCase: true, SplitContractions: true, HyphensAsWritten: true, ApostrophesAsWritten: true}, lint.Warning, "m"},
		{"scope: with no value is the default, as in Vale", "extends: existence\nmessage: m\nscope:\nignorecase: true\ntokens: [b]\n",
			&lint.Phrase{Phrases: []string{"b"}, SplitContractions: true, HyphensAsWritten: true, ApostrophesAsWritten: true}, lint.Warning, "m"},
		{"link: and a swap key with no value are empty, as in Vale", "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlink:\nignorecase: true\nswap:\n  utilize: use\n  leverage:\n",
			&lint.Replace{Pairs: []lint.Replacement{{Phrase: "utilize", With: "use"}, {Phrase: "leverage", With: ""}}, HyphensAsWritten: true, ApostrophesAsWritten: true, SplitContractions: true}, lint.Warning, "Use '%[2]s' instead of '%s'."},
		{"a lazy repeat at the end runs on to the end of a word, as Vale's \\b makes it", "extends: existence\nmessage: m\nignorecase: true\ntokens: ['allow.*?', 'thing\\w*', 'not only.*?but also']\n",
			&lint.Pattern{ApostrophesAsWritten: true, Expr: `(?:allow.*?)\b|(?:thing\w*)|(?:not only.*?but also)`, Scope: lint.ScopeProse}, lint.Warning, "m"},
		{"occurrence in text counts per paragraph", "extends: occurrence\nmessage: m\nmax: 2\nignorecase: true\ntoken: very\n",
			&lint.Pattern{ApostrophesAsWritten: true, Expr: "very", Scope: lint.ScopeProse, Max: 2, Per: lint.PerParagraph}, lint.Warning, "m"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, skips, err := convert(t, tc.src)
			if err != nil || len(skips) > 0 {
				t.Fatalf("err %v, skips %v", err, skips)
			}
			if r.ID != "vale.my-style.therule" {
				t.Errorf("id %q", r.ID)
			}
			if !reflect.DeepEqual(r.Check, tc.want) {
				t.Errorf("check %#v, want %#v", r.Check, tc.want)
			}
			if r.Severity != tc.severity || r.Message != tc.message {
				t.Errorf("severity %v message %q, want %v %q", r.Severity, r.Message, tc.severity, tc.message)
			}
		})
	}
}

func TestConvertSkips(t *testing.T) {
	tests := []struct{ src, want string }{
		{"extends: spelling\nmessage: m\n", "r.yml:1:10: Vale rule My-Style.TheRule skipped: spelling rules are not supported"},
		{"extends: substitution\nmessage: m\npos: NN\nswap: {a: b}\n", "r.yml:3:1: Vale rule My-Style.TheRule skipped: key pos is not supported"},
		{"extends: existence\nmessage: m\nscope: heading\ntokens: [b]\n", "r.yml:3:8: Vale rule My-Style.TheRule skipped: scope heading has no counterpart"},
		{"extends: existence\nmessage: m\ntokens: ['sure(?<!not sure)']\n", "r.yml:3:10: Vale rule My-Style.TheRule skipped: token \"sure(?<!not sure)\" uses lookaround"},
		{"extends: occurrence\nmessage: m\nmin: 3\ntoken: a\n", "r.yml:3:1: Vale rule My-Style.TheRule skipped: key min is not supported"},
		{"extends: existence\nmessage: m\nvocab: false\ntokens: [b]\n", "r.yml:3:1: Vale rule My-Style.TheRule: key vocab ignored: replykit has no Vale vocabularies"},
		{"name: S.R\nextends: existence\nmessage: m\ntokens: [b]\n", "r.yml:1:1: Vale rule My-Style.TheRule: key name ignored: the rule is named after its file"},
		{"extends: existence\nmessage: m\nscope: [~heading, ~code]\ntokens: [b]\n", "r.yml:3:8: Vale rule My-Style.TheRule: key scope ~heading ignored: replykit cannot leave out heading, so the rule checks it too"},
		{"extends: Other.Rule\nmessage: m\n", "skipped: it extends another rule (Other.Rule)"},
		{"extends: existence\nmessage: m\nscope: [list, heading]\ntokens: [b]\n", "r.yml:3:8: Vale rule My-Style.TheRule skipped: scope list has no counterpart"},
		{"extends: existence\nmessage: m\nscope: [summary & ~blockquote, list]\ntokens: [b]\n", "r.yml:3:8: Vale rule My-Style.TheRule: key scope summary ignored: replykit checks headings and table cells too"},
		{"extends: existence\nmessage: m\nscope: [sentence & list]\ntokens: [b]\n", "skipped: scope list has no counterpart"},
		{"extends: substitution\nmessage: m\nswap:\n", "r.yml:3:1: Vale rule My-Style.TheRule skipped: its swap: lists no patterns, so it finds nothing (as in Vale)"},
		{"extends: substitution\nmessage: m\nswap: {}\n", "r.yml:3:1: Vale rule My-Style.TheRule skipped: its swap: lists no patterns"},
		{"extends: substitution\nmessage: m\n", "r.yml:1:10: Vale rule My-Style.TheRule skipped: its swap: lists no patterns"},
		{"extends: existence\nmessage: m\ntokens: []\n", "r.yml:3:1: Vale rule My-Style.TheRule skipped: it has no tokens: and no raw:"},
		// Empty entries, which Vale takes: a token is dropped, as Vale drops
		// it; an exception excuses every match.
		{"extends: existence\nmessage: m\ntokens: [b]\nexceptions:\n  - really\n  - ''\n", "r.yml:6:5: Vale rule My-Style.TheRule skipped: an empty exception excuses every match in Vale"},
		{"extends: substitution\nmessage: m\nswap:\n  '': x\n  b: c\n", `r.yml:4:3: Vale rule My-Style.TheRule: swap pattern "" left out, the rest converted: an empty pattern finds`},
	}
	for _, tc := range tests {
		_, skips, err := convert(t, tc.src)
		if err != nil {
			t.Errorf("%q: %v", tc.src, err)
			continue
		}
		var all []string
		for _, s := range skips {
			all = append(all, s.String())
		}
		if !strings.Contains(strings.Join(all, "\n"), tc.want) {
			t.Errorf("%q: skips %q, want %q", tc.src, all, tc.want)
		}
	}
}

// TestConvertSplit checks a rule of phrases and expressions both: the
// phrases stay in the rule, and the expressions go to pattern rules of
// their own, one per replacement.
func TestConvertSplit(t *testing.T) {
	rs, skips, err := Convert("S", "Cliches", "r.yml", []byte("extends: existence\nmessage: \"'%s' is worn\"\nignorecase: true\n"+
		"tokens: [acid test, 'all talk, no action', 'at the end of the day', '\\w+ly-\\w+']\nexceptions: [acid tests]\n"))
	if err != nil || len(skips) > 0 {
		t.Fatalf("err %v, skips %v", err, skips)
	}
	want := []*lint.Rule{
		{ID: "vale.s.cliches", Check: &lint.Phrase{Phrases: []string{"acid test", "at the end of the day"}, ExceptionsWithin: true, Exceptions: []string{"acid tests"}, SplitContractions: true, HyphensAsWritten: true, ApostrophesAsWritten: true}},
		{ID: "vale.s.cliches.patterns", Check: &lint.Pattern{ApostrophesAsWritten: true, Expr: `(?:all talk, no action)|(?:\w+ly-\w+)`, Scope: lint.ScopeProse, ExceptionsWithin: true, Exceptions: []string{"acid tests"}}},
	}
	if len(rs) != len(want) {
		t.Fatalf("%d rules, want %d", len(rs), len(want))
	}
	for i, r := range rs {
		if r.ID != want[i].ID || !reflect.DeepEqual(r.Check, want[i].Check) || r.Message != "'%s' is worn" {
			t.Errorf("rule %d: %s %#v %q, want %s %#v", i, r.ID, r.Check, r.Message, want[i].ID, want[i].Check)
		}
	}

	rs, _, err = Convert("S", "Passive", "r.yml", []byte("extends: existence\nmessage: \"'%s' is worn\"\nignorecase: true\n"+
		"raw: ['\\b(is|was)\\b\\s*']\ntokens: ['[\\w]+ed', beaten, 'giv(?:en)?']\n"))
	if err != nil {
		t.Fatal(err)
	}
	want = []*lint.Rule{
		{ID: "vale.s.passive", Check: &lint.Pattern{ApostrophesAsWritten: true, Expr: `\b(is|was)\b\s*\b(?:beaten|giv(?:en)?)\b`, Scope: lint.ScopeProse}},
		{ID: "vale.s.passive.patterns", Check: &lint.Pattern{ApostrophesAsWritten: true, Expr: `\b(is|was)\b\s*\b(?:[\w]+ed)\b`, Scope: lint.ScopeProse}},
	}
	if len(rs) != len(want) {
		t.Fatalf("%d rules, want %d", len(rs), len(want))
	}
	for i, r := range rs {
		if r.ID != want[i].ID || !reflect.DeepEqual(r.Check, want[i].Check) {
			t.Errorf("rule %d: %s %#v, want %s %#v", i, r.ID, r.Check, want[i].ID, want[i].Check)
		}
	}

	rs, _, err = Convert("S", "Terms", "r.yml", []byte("extends: substitution\nmessage: \"Use '%s', not '%s'.\"\nignorecase: true\n"+
		"swap: {utilize: use, '24/7': around the clock, 'e\\.g\\.': for example, '\\d+ x \\d+': around the clock}\n"))
	if err != nil {
		t.Fatal(err)
	}
	want = []*lint.Rule{
		{ID: "vale.s.terms", Message: "Use '%[2]s', not '%s'.", Check: &lint.Replace{Pairs: []lint.Replacement{{Phrase: "utilize", With: "use"}}, HyphensAsWritten: true, ApostrophesAsWritten: true, SplitContractions: true}},
		{ID: "vale.s.terms.patterns", Message: "Use '%[2]s', not '%s'.", Check: &lint.Pattern{ApostrophesAsWritten: true, Expr: `(?:24/7)|(?:\d+ x \d+)`, Scope: lint.ScopeProse, Replacement: ptr("around the clock")}},
		{ID: "vale.s.terms.patterns-2", Message: "Use '%[2]s', not '%s'.", Check: &lint.Pattern{ApostrophesAsWritten: true, Expr: `(?:e\.g\.)`, Scope: lint.ScopeProse, Replacement: ptr("for example")}},
	}
	if len(rs) != len(want) {
		t.Fatalf("%d rules, want %d", len(rs), len(want))
	}
	for i, r := range rs {
		if r.ID != want[i].ID || !reflect.DeepEqual(r.Check, want[i].Check) || r.Message != want[i].Message {
			t.Errorf("rule %d: %s %#v %q, want %s %#v %q", i, r.ID, r.Check, r.Message, want[i].ID, want[i].Check, want[i].Message)
		}
	}

	// Vale's indexed verbs: a substitution's %[1]s is the replacement and
	// %[2]s the match; an existence rule's %[1]s is the match.
	for _, tc := range []struct{ rule, want string }{
		{"extends: substitution\nmessage: \"'%[2]s' should be written as '%[1]s'\"\nswap: {github: GitHub}\n", "'%s' should be written as '%[2]s'"},
		{"extends: substitution\nmessage: \"'%[2]s' is wrong here: '%[1]s'\"\nswap: {'\\w+hub': GitHub}\n", "'%s' is wrong here: '%[2]s'"},
		{"extends: existence\nmessage: \"Drop '%[1]s' (100%% sure)\"\ntokens: [please]\n", "Drop '%s' (100% sure)"},
		{"extends: occurrence\nmessage: \"%s words\"\nscope: sentence\nmax: 3\ntoken: \\w+\n", "%d words"},
	} {
		rs, _, err := Convert("S", "Verbs", "r.yml", []byte(tc.rule))
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != 1 || rs[0].Message != tc.want {
			t.Errorf("%q: %d rules, first message %q, want one with %q", tc.rule, len(rs), rs[0].Message, tc.want)
		}
	}

	// What must not follow one token or another is not one condition: each
	// keeps a pattern of its own, as do tokens asking different things on
	// both sides.
	rs, _, err = Convert("S", "Contract", "r.yml", []byte("extends: existence\nmessage: m\nignorecase: true\n"+
		"tokens: ['it is(?!\\.)', 'it is(?! not)', '(?<=\\s)we(?=\\s)', '(?<=^)we(?=,)']\n"))
	if err != nil {
		t.Fatal(err)
	}
	want = []*lint.Rule{
		{ID: "vale.s.contract", Check: &lint.Pattern{ApostrophesAsWritten: true, Expr: `(?:it is)`, Scope: lint.ScopeProse, NotFollowedBy: `\.`}},
		{ID: "vale.s.contract.patterns", Check: &lint.Pattern{ApostrophesAsWritten: true, Expr: `(?:it is)`, Scope: lint.ScopeProse, NotFollowedBy: ` not`}},
		{ID: "vale.s.contract.patterns-2", Check: &lint.Pattern{ApostrophesAsWritten: true, Expr: `(?:we)`, Scope: lint.ScopeProse, PrecededBy: `\s`, FollowedBy: `\s`}},
		{ID: "vale.s.contract.patterns-3", Check: &lint.Pattern{ApostrophesAsWritten: true, Expr: `(?:we)`, Scope: lint.ScopeProse, PrecededBy: `^`, FollowedBy: `,`}},
	}
	if len(rs) != len(want) {
		t.Fatalf("%d rules, want %d", len(rs), len(want))
	}
	for i, r := range rs {
		if r.ID != want[i].ID || !reflect.DeepEqual(r.Check, want[i].Check) {
			t.Errorf("rule %d: %s %#v, want %s %#v", i, r.ID, r.Check, want[i].ID, want[i].Check)
		}
	}
}

// TestConvertDropsTokens checks that a token or swap pattern RE2 cannot
// run is left out, said so, and the rest of the rule converted.
func TestConvertDropsTokens(t *testing.T) {
	for _, tc := range []struct {
		src, skip string
		want      lint.Check
	}{
		{"extends: substitution\nmessage: m\nignorecase: true\nswap:\n  'it(?<!\\.) is': it's\n  do not: don't\n",
			`r.yml:5:3: Vale rule My-Style.TheRule: swap pattern "it(?<!\\.) is" left out, the rest converted: it uses lookaround`,
			&lint.Replace{Pairs: []lint.Replacement{{Phrase: "do not", With: "don't"}}, HyphensAsWritten: true, ApostrophesAsWritten: true, SplitContractions: true}},
		{"extends: substitution\nmessage: m\nignorecase: true\nswap:\n  '(\\w+) and \\1': $1\n  do not: don't\n",
			`r.yml:5:19: Vale rule My-Style.TheRule: swap pattern "(\\w+) and \\1" left out, the rest converted: its replacement "$1" uses the matched text's groups`,
			&lint.Replace{Pairs: []lint.Replacement{{Phrase: "do not", With: "don't"}}, HyphensAsWritten: true, ApostrophesAsWritten: true, SplitContractions: true}},
		{"extends: substitution\nmessage: m\nignorecase: true\nswap:\n  - utilize: use\n  - leverage: use\n    utilize: employ\n",
			`r.yml:5:5: Vale rule My-Style.TheRule: swap pattern "utilize" left out, the rest converted: it is given again on line 7, and that one is used`,
			&lint.Replace{Pairs: []lint.Replacement{{Phrase: "leverage", With: "use"}, {Phrase: "utilize", With: "employ"}}, HyphensAsWritten: true, ApostrophesAsWritten: true, SplitContractions: true}},
		{"extends: existence\nmessage: m\nignorecase: true\ntokens: ['I(?=\\s(?!x))', simply]\n",
			`r.yml:4:10: Vale rule My-Style.TheRule: token "I(?=\\s(?!x))" left out, the rest converted`,
			&lint.Phrase{Phrases: []string{"simply"}, SplitContractions: true, HyphensAsWritten: true, ApostrophesAsWritten: true}},
		{"extends: substitution\nmessage: m\nignorecase: true\nswap:\n  '\\b(?:etc|e\\c\\.)': and so on\n",
			`r.yml:5:3: Vale rule My-Style.TheRule: swap pattern "\\be\\c\\." left out, the rest converted: it uses the escape \c, which RE2`,
			&lint.Replace{Pairs: []lint.Replacement{{Phrase: "etc", With: "and so on"}}, HyphensAsWritten: true, ApostrophesAsWritten: true, SplitContractions: true}},
	} {
		r, skips, err := convert(t, tc.src)
		if err != nil || r == nil {
			t.Fatalf("%q: rule %v, error %v", tc.src, r, err)
		}
		if !reflect.DeepEqual(r.Check, tc.want) {
			t.Errorf("%q: check %#v, want %#v", tc.src, r.Check, tc.want)
		}
		if len(skips) != 1 || !strings.HasPrefix(skips[0].String(), tc.skip) {
			t.Errorf("%q: skips %v, want one starting %q", tc.src, skips, tc.skip)
		}
	}
}

// TestConvertKeyTwiceInMap checks that a swap pattern given twice in one
// map skips the whole rule, as Vale drops it (its YAML is invalid to Vale),
// where given again in another map of a list it replaces the first (above).
func TestConvertKeyTwiceInMap(t *testing.T) {
	for _, tc := range []struct{ src, lines string }{
		{"extends: substitution\nmessage: m\nignorecase: true\nswap:\n  utilize: use\n  leverage: use\n  utilize: employ\n", "lines 5 and 7"},
		{"extends: substitution\nmessage: m\nignorecase: true\nswap:\n  - leverage: use\n  - utilize: use\n    utilize: employ\n", "lines 6 and 7"},
	} {
		r, skips, err := convert(t, tc.src)
		if err != nil || r != nil {
			t.Fatalf("%q: rule %v, error %v; want it skipped", tc.src, r, err)
		}
		want := `Vale rule My-Style.TheRule skipped: swap pattern "utilize" is given twice in one map (` + tc.lines + `), so Vale drops the whole rule`
		if len(skips) != 1 || !strings.HasPrefix(skips[0].String(), "r.yml:7:") || !strings.Contains(skips[0].String(), want) {
			t.Errorf("%q: skips %v, want one at line 7 with %q", tc.src, skips, want)
		}
	}
}

func TestConvertErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"extends: existence\nmessage: m\ntokens: ['sorry (']\n", "r.yml:3:10: token \"sorry (\" does not parse: missing closing ): `sorry (`"},
		{"extends: existence\ntokens: [a\n", "r.yml:1:1: invalid YAML"},
		{"message: m\n", "r.yml:1:1: a Vale rule needs extends:"},
		{"extends: existance\nmessage: m\n", "r.yml:1:10: unknown extends \"existance\""},
		{"extends: existence\nlevel: loud\ntokens: [a]\n", "r.yml:2:8: unknown level \"loud\""},
		{"extends: substitution\nswap: {'a(': b}\n", "r.yml:2:8: swap pattern \"a(\" does not parse"},
		{"extends: substitution\nswap:\n  - a: b\n  - c\n", "r.yml:4:5: swap: must map each pattern to its replacement"},
		{"extends: substitution\nswap: b\n", "r.yml:2:7: swap: must map each pattern to its replacement"},
		{"extends: existence\nmessage: m\nnoword: true\ntokens: [b]\n", `r.yml:3:1: Vale has no key "noword" for existence rules, and refuses a style that uses it (did you mean nonword?)`},
		{"extends: existence\nmessage: m\nsplit: ['a']\ntokens: [b]\n", `r.yml:3:1: Vale has no key "split" for existence rules, and refuses a style that uses it (its keys: tokens, raw,`},
		{"extends: occurrence\nmessage: m\nmax: 1\ntoken: a\nvocab: false\n", `r.yml:5:1: Vale has no key "vocab" for occurrence rules`},
	}
	for _, tc := range tests {
		_, _, err := convert(t, tc.src)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.src, err, tc.want)
		}
	}
}

// ptr returns a pointer to s, for a Pattern's Replacement.
func ptr(s string) *string { return &s }

// TestWriteRoundTrip checks that the YAML import-vale writes loads back as
// the rules --vale-style runs.
func TestWriteRoundTrip(t *testing.T) {
	imp, err := Load("testdata/styles")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, imp); err != nil {
		t.Fatal(err)
	}
	f, err := rules.Parse("vale.yaml", buf.Bytes(), rules.AnyLanguage)
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if len(f.Rules) != len(imp.Rules) {
		t.Fatalf("%d rules back, want %d", len(f.Rules), len(imp.Rules))
	}
	for i, r := range f.Rules {
		want := *imp.Rules[i]
		got := *r
		got.Origin, want.Origin = "", ""
		if !reflect.DeepEqual(got, want) {
			t.Errorf("rule %d:\n got %#v\nwant %#v", i, got, want)
		}
	}
	if !strings.Contains(buf.String(), "# Not converted:\n#   testdata/styles/Tone/Caps.yml:1:10: Vale rule Tone.Caps skipped") {
		t.Errorf("no list of skipped rules in:\n%s", buf.String())
	}
	if os.Getenv("VALE_SHOW") != "" {
		t.Log(buf.String())
	}
}

// Two spellings share a fold key exactly when strings.EqualFold finds them
// equal, for ASCII and for letters whose case goes beyond it (the Kelvin
// sign, the long s, final sigma); foldCase keeps each first spelling.
func TestFoldKey(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune{'a', 'A', 'k', 'K', '\u212a', 's', 'S', 'ſ', 'σ', 'ς', 'Σ', 'ß', 'ẞ', 'ı', 'i', 'I', 'é', 'É', ' ', '-', '\''}
	word := func() string {
		r := make([]rune, 1+rng.IntN(3))
		for i := range r {
			r[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(r)
	}
	for range 20000 {
		a, b := word(), word()
		if got, want := foldKey(a) == foldKey(b), strings.EqualFold(a, b); got != want {
			t.Fatalf("%q and %q: same key %v, EqualFold %v", a, b, got, want)
		}
	}
	got := foldCase([]string{"Utilize", "utilize", "UTILISE", "utilise", "ſo", "So", "so", "kind", "\u212aind"})
	if want := []string{"Utilize", "UTILISE", "ſo", "kind"}; !reflect.DeepEqual(got, want) {
		t.Errorf("foldCase kept %q, want %q", got, want)
	}
}

func TestValeVerbs(t *testing.T) {
	sub := []string{"%[2]s", "%s"} // Vale's replacement, then the match
	tests := []struct {
		msg  string
		args []string
		want string
	}{
		{"Use '%s' instead of '%s'.", sub, "Use '%[2]s' instead of '%s'."},
		{"'%[2]s' is a known name and should be written as '%[1]s'", sub, "'%s' is a known name and should be written as '%[2]s'"},
		{"%[1]s, then %s", sub, "%[2]s, then %s"},
		{"'%v' over '%v'", sub, "'%[2]s' over '%s'"},
		{"Avoid '%[1]s'.", []string{"%s"}, "Avoid '%s'."},
		{"'%s' twice: '%s'", []string{"%s"}, "'%s' twice: ''"},
		{"Over the limit: %s words.", []string{"%d"}, "Over the limit: %d words."},
		{"%d sorries", []string{"%d"}, "%d sorries"},
		{"100%% sure about '%s'", []string{"%s"}, "100% sure about '%s'"},
		{"50% off, %[x]s, %-10s, %[0]s, %", []string{"%s"}, "50% off, %[x]s, %-10s, %[0]s, %"},
		{"%[1", []string{"%s"}, "%[1"},
		{"no verbs", sub, "no verbs"},
	}
	for _, tc := range tests {
		if got := valeVerbs(tc.msg, tc.args...); got != tc.want {
			t.Errorf("valeVerbs(%q, %q) = %q, want %q", tc.msg, tc.args, got, tc.want)
		}
	}
}

// Vale's expressions may write a character as \u2013, which RE2 writes
// \x{2013}, and escape a character beyond ASCII (\“, \™), which Vale reads
// as the character and RE2 rejects; every other escape stays as written.
func TestRE2Escapes(t *testing.T) {
	for in, want := range map[string]string{
		`[\u2010\u2011\u2013\u2014]`: `[\x{2010}\x{2011}\x{2013}\x{2014}]`,
		`^ *?[\u2013\u2014]`:         `^ *?[\x{2013}\x{2014}]`,
		`a\\u2013`:                   `a\\u2013`, // an escaped backslash, then "u2013"
		`\u20`:                       `\u20`,     // too short: left for RE2 to refuse
		`\s+\.\u00a0x`:               `\s+\.\x{00a0}x`,
		`no escapes`:                 `no escapes`,
		`\“`:                         `“`,
		`(?!\s*\™)`:                  `(?!\s*™)`,
		`\\“`:                        `\\“`, // an escaped backslash, then “
	} {
		if got := re2Escapes(in); got != want {
			t.Errorf("re2Escapes(%q) = %q, want %q", in, got, want)
		}
	}
	rs, _, err := Convert("S", "Dashes", "r.yml", []byte("extends: existence\nmessage: m\nnonword: true\ntokens: ['[\\u2013\\u2014]']\n"))
	if err != nil || len(rs) != 1 {
		t.Fatalf("%v, %d rules", err, len(rs))
	}
	if p, ok := rs[0].Check.(*lint.Pattern); !ok || p.Expr != `(?:[\x{2013}\x{2014}])` {
		t.Errorf("check %#v", rs[0].Check)
	}
}
