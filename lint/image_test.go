package lint_test

import (
	"reflect"
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
	loaded, source, err := lint.LoadRuleSet(data)
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
	if _, _, err := lint.LoadRuleSet(data[:len(data)/2]); err == nil {
		t.Error("a truncated image loaded without error")
	}
}

// A stored set decodes its rules' rationales and examples only when asked
// for its rules, and a rule copied by Configure before then still gets them.
func TestImageDocsOnDemand(t *testing.T) {
	p, _, data := storedEnglish(t)
	loaded, _, err := lint.LoadRuleSet(data)
	if err != nil {
		t.Fatal(err)
	}
	if r := loaded.RulesWithoutDocs()[0]; r.Why != "" || len(r.Examples.Bad) > 0 {
		t.Fatal("the docs were decoded with the set")
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
	for i := range want {
		if got[i].Why != want[i].Why || got[i].Source != want[i].Source || !reflect.DeepEqual(got[i].Examples, want[i].Examples) ||
			got[i].Severity != lint.Error {
			t.Fatalf("%s: the configured copy lost its docs or its setting", want[i].ID)
		}
	}
}

func BenchmarkLoadImage(b *testing.B) {
	_, _, data := storedEnglish(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := lint.LoadRuleSet(data); err != nil {
			b.Fatal(err)
		}
	}
}
