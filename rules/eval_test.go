package rules

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/replykit/replykit/lint"
)

// expectHeader is the first line of an evaluation draft:
// <!-- expect: blame-shifting; situation: complaint --> or <!-- expect: none -->.
var expectHeader = regexp.MustCompile(`^<!--\s*expect:\s*([a-z-]+)(?:;\s*situation:\s*([a-z]+))?\s*-->`)

// TestEvaluation lints the drafts in testdata/eval/<lang>, written apart from
// the rules, and measures how many tone problems are caught in the right
// category and how many clean drafts are flagged. Run with -v for the figures.
func TestEvaluation(t *testing.T) {
	for _, lang := range BuiltinLanguages() {
		files, _ := filepath.Glob(filepath.Join("testdata", "eval", lang, "*.md"))
		if len(files) == 0 {
			continue
		}
		_, rs := compileBuiltin(t, lang)
		id := builtinIdentifier(t)
		var bad, caught, good, flagged, noted, identified int
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			m := expectHeader.FindSubmatch(src)
			if m == nil {
				t.Fatalf("%s: first line must be <!-- expect: CATEGORY|none[; situation: S] -->", f)
			}
			want, situation := string(m[1]), string(m[2])
			doc := lint.NewDocument(f, src, lint.FormatMarkdown)
			if got := id.Identify(doc).Lang; got == lang {
				identified++
			} else {
				t.Logf("identified as %s: %s", got, filepath.Base(f))
			}
			diags := rs.Lint(doc, lint.Context{Situation: situation})
			var got []string
			serious := false
			for _, d := range diags {
				got = append(got, d.RuleID)
				serious = serious || d.Severity >= lint.Warning
			}
			if want == "none" {
				good++
				switch {
				case serious:
					flagged++
					t.Logf("clean draft flagged: %s: %s", filepath.Base(f), strings.Join(got, " "))
				case len(diags) > 0:
					noted++
					t.Logf("clean draft with notes: %s: %s", filepath.Base(f), strings.Join(got, " "))
				}
				continue
			}
			if !lint.ValidCategory(want) {
				t.Fatalf("%s: unknown category %q", f, want)
			}
			bad++
			hit := false
			for _, d := range diags {
				hit = hit || d.Category == want
			}
			if hit {
				caught++
			} else {
				t.Logf("missed %s: %s (found: %s)", want, filepath.Base(f), strings.Join(got, " "))
			}
		}
		t.Logf("%s: %d of %d problem drafts caught in the right category; %d of %d clean drafts flagged at warning or above, %d more with notes only; %d of %d identified as %s",
			lang, caught, bad, flagged, good, noted, identified, bad+good, lang)
		if identified*10 < (bad+good)*9 {
			t.Errorf("%s: only %d of %d drafts identified as %s", lang, identified, bad+good, lang)
		}
		// Floors that guard against regressions; the figures above are the measurement.
		if caught*10 < bad*8 {
			t.Errorf("%s: recall %d/%d fell below 80%%", lang, caught, bad)
		}
		if flagged*10 > good {
			t.Errorf("%s: %d/%d clean drafts flagged, more than 10%%", lang, flagged, good)
		}
	}
}

// TestIdentifyShortDrafts checks --lang auto on drafts of one or two sentences.
func TestIdentifyShortDrafts(t *testing.T) {
	id := builtinIdentifier(t)
	for text, want := range map[string]string{
		"Thanks for your patience, the parcel ships today.":             "en",
		"Sorry about that. I've sent a new one.":                        "en",
		"Terima kasih kerana menunggu, pesanan anda dihantar hari ini.": "ms",
		"Maaf atas kesulitan ini.":                                      "ms",
		"Kiitos kärsivällisyydestäsi, paketti lähtee tänään.":           "fi",
		"Olen pahoillani viivästyksestä.":                               "fi",
		"תודה על הסבלנות, החבילה תישלח היום.":                           "he",
		"您好，包裹今天发出。":                                                    "zh",
		"您好，包裹今天發出。":                                                    "zh",
	} {
		if got := id.Identify(lint.NewDocument("s.md", []byte(text), lint.FormatMarkdown)).Lang; got != want {
			t.Errorf("%q: identified as %s, want %s", text, got, want)
		}
	}
}

// builtinIdentifier is the identifier --lang auto uses.
func builtinIdentifier(t *testing.T) *lint.Identifier {
	t.Helper()
	var langs []*lint.Language
	for _, code := range BuiltinLanguages() {
		l, err := LanguageData(code)
		if err != nil {
			t.Fatal(err)
		}
		langs = append(langs, l)
	}
	return lint.NewIdentifier(langs, "en")
}

// compileBuiltin parses and compiles a built-in pack from its YAML.
func compileBuiltin(t *testing.T, lang string) (*Pack, *lint.RuleSet) {
	t.Helper()
	p, err := Builtin(lang)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := lint.Compile(p.Lang, p.Rules)
	if err != nil {
		t.Fatal(err)
	}
	return p, rs
}
