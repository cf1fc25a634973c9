package lint_test

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/replykit/replykit/lint"
	"github.com/replykit/replykit/rules"
)

// storedEnglish compiles the English pack and stores it.
func storedEnglish(tb testing.TB) (*rules.Pack, *lint.RuleSet, []byte) {
	tb.Helper()
	p, rs := englishPack(tb)
	data, err := rs.Store("test")
	if err != nil {
		tb.Fatal(err)
	}
	return p, rs, data
}

// A stored and reloaded set finds exactly what the compiled one finds.
func TestImageRoundTrip(t *testing.T) {
	p, rs, data := storedEnglish(t)
	loaded, source, err := lint.LoadRuleSet(string(data))
	if err != nil || source != "test" {
		t.Fatalf("source %q, error %v", source, err)
	}
	for _, r := range p.Rules {
		for _, ex := range append(append([]lint.Example{}, r.Examples.Bad...), r.Examples.Good...) {
			doc := lint.NewDocument("x.md", []byte(ex.Text), lint.FormatMarkdown)
			ctx := lint.Context{Situation: ex.Situation}
			if ctx.Situation == "" && len(r.When.Situations) > 0 {
				ctx.Situation = r.When.Situations[0]
			}
			if a, b := rs.Lint(doc, ctx), loaded.Lint(doc, ctx); !reflect.DeepEqual(a, b) {
				t.Fatalf("%s: compiled %v, loaded %v", ex.Origin, a, b)
			}
		}
	}
	if _, _, err := lint.LoadRuleSet(string(data[:len(data)/2])); err == nil {
		t.Error("a truncated image loaded without error")
	}
	// A loaded set, whose tables are read in place, stores the same image.
	if again, err := loaded.Store("test"); err != nil || !bytes.Equal(again, data) {
		t.Errorf("a loaded set stored differently (error %v)", err)
	}
}

// roundTrip compiles rules for lang, stores and loads the set, and lints
// text with both: a loaded set must find what the compiled one finds, and
// want is how many.
func roundTrip(t *testing.T, lang string, rules []*lint.Rule, text string, want int) {
	t.Helper()
	rs, err := lint.Compile(&lint.Language{Code: lang}, rules)
	if err != nil {
		t.Fatal(err)
	}
	data, err := rs.Store("test")
	if err != nil {
		t.Fatal(err)
	}
	loaded, _, err := lint.LoadRuleSet(string(data))
	if err != nil {
		t.Fatal(err)
	}
	doc := lint.NewDocument("x.md", []byte(text), lint.FormatMarkdown)
	a, b := rs.Lint(doc, lint.Context{}), loaded.Lint(doc, lint.Context{})
	if len(a) != want || !reflect.DeepEqual(a, b) {
		t.Errorf("compiled %v, loaded %v; want the same %d", a, b, want)
	}
}

// A pattern's conditions on the text around a match, and leave to match
// inside words, survive being stored.
func TestImageContext(t *testing.T) {
	rules := []*lint.Rule{{ID: "x.contract", Category: "negative-phrasing", Severity: lint.Info, Message: "%s", Origin: "t:1:1",
		Check: &lint.Pattern{Expr: `it is|we are`, Scope: lint.ScopeProse, NotFollowedBy: `[.,]`}},
		{ID: "x.self", Category: "over-familiar", Severity: lint.Info, Message: "%s", Origin: "t:2:1",
			Check: &lint.Pattern{Expr: `(?:^|\s)I`, Scope: lint.ScopeProse, MatchCase: true, FollowedBy: `\s`}},
		{ID: "x.minus", Category: "over-familiar", Severity: lint.Info, Message: "%s", Origin: "t:3:1",
			Check: &lint.Pattern{Expr: `-\d+`, Scope: lint.ScopeProse, PrecededBy: `\s`, NotPrecededBy: `by\s`}},
		{ID: "x.inside", Category: "over-familiar", Severity: lint.Info, Message: "%s", Origin: "t:4:1",
			Check: &lint.Pattern{Expr: `own`, Scope: lint.ScopeProse, InsideWords: true}}}
	roundTrip(t, "en", rules, "It is late, it is here. I think we are. We are on it; I: no. Down -5, x-6, by -7. Known.", 7) // "own" in "Down" and "Known"
}

// A phrase with a stem word finds the words that start with it after the
// set is stored and loaded: the filter of stem words is kept with it (an
// image without it would find none).
func TestImageStems(t *testing.T) {
	rules := []*lint.Rule{{ID: "x.sorry", Category: "apology", Severity: lint.Info, Message: "%s", Origin: "t:1:1",
		Check: &lint.Phrase{Phrases: []string{"pahoittel*", "olemme pahoillamme"}}}}
	roundTrip(t, "fi", rules, "Pahoittelemme viivettä. Pahoittelut! Olemme pahoillamme. Paha juttu.", 3)
}

// A stored set decodes its rules' rationales and examples only when asked
// for its rules, and a rule copied by Configure before then still gets them.
func TestImageDocsOnDemand(t *testing.T) {
	p, _, data := storedEnglish(t)
	loaded, _, err := lint.LoadRuleSet(string(data))
	if err != nil {
		t.Fatal(err)
	}
	if r := loaded.RulesWithoutDocs()[0]; r.Why != "" || len(r.Examples.Bad) > 0 {
		t.Fatal("the docs were decoded with the set")
	}
	var phrase *lint.Phrase // the phrase lists come with the docs too
	for _, r := range loaded.RulesWithoutDocs() {
		if c, ok := r.Check.(*lint.Phrase); ok && !c.MatchCase {
			phrase = c
			break
		}
	}
	if phrase == nil || phrase.Phrases != nil {
		t.Fatal("the phrase lists were decoded with the set")
	}
	configured := loaded.Configure(func(r *lint.Rule) *lint.Rule {
		c := *r
		c.Severity = lint.Error
		return &c
	})
	got, want := configured.Rules(), p.Rules
	if len(got) != len(want) {
		t.Fatalf("%d rules, want %d", len(got), len(want))
	}
	if phrase.Phrases == nil {
		t.Error("a phrase rule has no phrases once the rules are asked for")
	}
	for i := range want {
		if got[i].Why != want[i].Why || got[i].Source != want[i].Source || !reflect.DeepEqual(got[i].Examples, want[i].Examples) ||
			got[i].Severity != lint.Error {
			t.Fatalf("%s: the configured copy lost its docs or its setting", want[i].ID)
		}
	}
}

// Every rule of every built-in pack, docs included, comes back from an image
// as it went in, and so does every language's data.
func TestImageKeepsRulesAndLanguages(t *testing.T) {
	var langs []lint.Language
	for _, lang := range rules.BuiltinLanguages() {
		p, err := rules.Builtin(lang)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := lint.Compile(p.Lang, p.Rules)
		if err != nil {
			t.Fatal(err)
		}
		data, err := rs.Store("src-" + lang)
		if err != nil {
			t.Fatal(err)
		}
		loaded, source, err := lint.LoadRuleSet(string(data))
		if err != nil || source != "src-"+lang {
			t.Fatalf("%s: source %q, error %v", lang, source, err)
		}
		got, want := loaded.Rules(), rs.Rules()
		if len(got) != len(want) {
			t.Fatalf("%s: %d rules, want %d", lang, len(got), len(want))
		}
		for i := range want {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("%s: rule %s changed on the way through the image:\n%+v %+v\n%+v %+v", lang, want[i].ID, got[i], got[i].Check, want[i], want[i].Check)
			}
		}
		if fmt.Sprintf("%+v", *loaded.Lang) != fmt.Sprintf("%+v", *rs.Lang) {
			t.Errorf("%s: the language data changed on the way through the image", lang)
		}
		langs = append(langs, *p.Lang)
	}
	stored := string(lint.StoreLanguages("src", langs))
	got, source, err := lint.LoadLanguages(stored)
	if err != nil || source != "src" {
		t.Fatalf("source %q, error %v", source, err)
	}
	if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", langs) {
		t.Error("the languages changed on the way through their image")
	}
	id, source, err := lint.LoadIdentifier(stored, "en")
	if err != nil || source != "src" {
		t.Fatalf("identifier: source %q, error %v", source, err)
	}
	var ptrs []*lint.Language
	for i := range langs {
		ptrs = append(ptrs, &langs[i])
	}
	if !reflect.DeepEqual(id, lint.NewIdentifier(ptrs, "en")) {
		t.Error("the identifier changed on the way through the image")
	}
}

// A damaged image is refused with an error, never a panic or a set that
// half loaded: cut short anywhere, with a byte changed, or of another version.
func TestImageDamaged(t *testing.T) {
	_, _, data := storedEnglish(t)
	for cut := 0; cut < len(data); cut += 1 + cut/8 {
		if _, _, err := lint.LoadRuleSet(string(data[:cut])); err == nil {
			t.Fatalf("an image cut at %d of %d bytes loaded", cut, len(data))
		}
	}
	for i := 0; i < len(data); i += 997 {
		b := bytes.Clone(data)
		b[i] ^= 0x80
		lint.LoadRuleSet(string(b)) // may load (a changed letter in a message), must not panic
	}
	// The version follows the magic "…rules\n"; one less is an older image.
	old := bytes.Clone(data)
	at := bytes.Index(old, []byte("rules\n")) + len("rules\n")
	old[at]--
	if _, _, err := lint.LoadRuleSet(string(old)); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("version %d", old[at])) {
		t.Errorf("an image of version %d loaded: %v", old[at], err)
	}
	if _, _, err := lint.LoadRuleSet(string(append(bytes.Clone(data), 0))); err == nil {
		t.Error("an image with bytes after its end loaded")
	}
}

func BenchmarkLoadImage(b *testing.B) {
	_, _, data := storedEnglish(b)
	image := string(data) // as embedded: a string
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := lint.LoadRuleSet(image); err != nil {
			b.Fatal(err)
		}
	}
}
