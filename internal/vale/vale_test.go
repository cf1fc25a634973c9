package vale

import (
	"bytes"
	"os"
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
		}
		want := map[string]string{
			"vale.tone.blame":   "pattern",
			"vale.tone.brand":   "replace",
			"vale.tone.hedging": "phrase",
			"vale.tone.sorry":   "pattern",
			"vale.tone.stiff":   "replace",
			"vale.tone.very":    "pattern",
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: rules %v, want %v", dir, got, want)
		}
		if len(imp.Skipped) != 1 || imp.Skipped[0].Rule != "Tone.Caps" || !strings.Contains(imp.Skipped[0].String(), "Caps.yml:1:10: Vale rule Tone.Caps skipped: capitalization rules are not supported") {
			t.Errorf("%s: skipped %v", dir, imp.Skipped)
		}
	}
}

func convert(t *testing.T, src string) (*lint.Rule, []Skip, error) {
	t.Helper()
	return Convert("My-Style", "TheRule", "r.yml", []byte(src))
}

func TestConvert(t *testing.T) {
	tests := []struct {
		name, src string
		want      lint.Check
		severity  lint.Severity
		message   string
	}{
		{"literal tokens are phrases", "extends: existence\nmessage: \"'%s' hedges\"\nignorecase: true\ntokens: [just, to be honest]\nexceptions: [just in time]\nlevel: suggestion\n",
			&lint.Phrase{Phrases: []string{"just", "to be honest"}, Exceptions: []string{"just in time"}}, lint.Info, "'%s' hedges"},
		{"case by default", "extends: existence\nmessage: m\ntokens: [just]\n",
			&lint.Phrase{Phrases: []string{"just"}, MatchCase: true}, lint.Warning, "m"},
		{"regex tokens are a pattern", "extends: existence\nmessage: m\nlevel: error\nignorecase: true\ntokens: ['you (should|could) have', sure]\n",
			&lint.Pattern{Expr: "(?:you (should|could) have)|(?:sure)", Scope: lint.ScopeProse}, lint.Error, "m"},
		{"nonword tokens are a pattern", "extends: existence\nmessage: m\nignorecase: true\nnonword: true\ntokens: [just]\n",
			&lint.Pattern{Expr: "(?:just)", Scope: lint.ScopeProse}, lint.Warning, "m"},
		{"swap of phrases is replace", "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nignorecase: true\nswap: {utilize: use, 'e-?mail': email|mail}\n",
			&lint.Replace{Pairs: []lint.Replacement{{Phrase: "utilize", With: "use"}, {Phrase: "email", With: "email"}, {Phrase: "e-mail", With: "email"}}}, lint.Warning, "Use '%[2]s' instead of '%s'."},
		{"unlimited swap is a pattern", "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nignorecase: true\nswap: {'\\w+ly good': well}\n",
			&lint.Pattern{Expr: `(?:\w+ly good)`, Scope: lint.ScopeProse}, lint.Warning, "Use 'well' instead of '%s'."},
		{"occurrence", "extends: occurrence\nmessage: \"%s times\"\nscope: sentence\nmax: 2\ntoken: very\n",
			&lint.Pattern{Expr: "very", Scope: lint.ScopeProse, MatchCase: true, Max: 2, Per: lint.PerSentence}, lint.Warning, "%d times"},
		{"occurrence in text counts per paragraph", "extends: occurrence\nmessage: m\nmax: 2\nignorecase: true\ntoken: very\n",
			&lint.Pattern{Expr: "very", Scope: lint.ScopeProse, Max: 2, Per: lint.PerParagraph}, lint.Warning, "m"},
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
		{"extends: existence\nmessage: m\nraw: ['a']\ntokens: [b]\n", "r.yml:3:1: Vale rule My-Style.TheRule skipped: key raw is not supported"},
		{"extends: existence\nmessage: m\nscope: heading\ntokens: [b]\n", "r.yml:3:8: Vale rule My-Style.TheRule skipped: scope heading has no counterpart"},
		{"extends: existence\nmessage: m\ntokens: ['(?<!not )sure']\n", "r.yml:3:10: Vale rule My-Style.TheRule skipped: token \"(?<!not )sure\" uses lookaround"},
		{"extends: occurrence\nmessage: m\nmin: 3\ntoken: a\n", "r.yml:3:1: Vale rule My-Style.TheRule skipped: key min is not supported"},
		{"extends: existence\nmessage: m\nvocab: false\ntokens: [b]\n", "r.yml:3:1: Vale rule My-Style.TheRule: key vocab ignored: replykit has no Vale vocabularies"},
		{"extends: Other.Rule\nmessage: m\n", "skipped: it extends another rule (Other.Rule)"},
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

func TestConvertErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"extends: existence\nmessage: m\ntokens: ['sorry (']\n", "r.yml:3:10: token \"sorry (\" does not parse: missing closing ): `sorry (`"},
		{"extends: existence\ntokens: [a\n", "r.yml:1:1: invalid YAML"},
		{"message: m\n", "r.yml:1:1: a Vale rule needs extends:"},
		{"extends: existance\nmessage: m\n", "r.yml:1:10: unknown extends \"existance\""},
		{"extends: existence\nlevel: loud\ntokens: [a]\n", "r.yml:2:8: unknown level \"loud\""},
		{"extends: substitution\nswap: {'a(': b}\n", "r.yml:2:8: swap pattern \"a(\" does not parse"},
	}
	for _, tc := range tests {
		_, _, err := convert(t, tc.src)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.src, err, tc.want)
		}
	}
}

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
