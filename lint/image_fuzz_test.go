package lint_test

import (
	"testing"

	"github.com/replykit/replykit/lint"
	"github.com/replykit/replykit/rules"
)

// FuzzLoadExtra feeds LoadExtra, which reads rules from files outside the
// binary (the Vale style cache), stored rules with any bytes changed: it
// must return an error or rules, never panic, and rules it returns must
// lint without panicking.
func FuzzLoadExtra(f *testing.F) {
	p, err := rules.Builtin("en")
	if err != nil {
		f.Fatal(err)
	}
	x, err := lint.CompileExtra(p.Rules[:min(8, len(p.Rules))])
	if err != nil {
		f.Fatal(err)
	}
	data, err := x.Store("fuzz")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(data[:len(data)/2])
	en, err := rules.BuiltinSet("en")
	if err != nil {
		f.Fatal(err)
	}
	doc := lint.NewDocument("x.md", []byte("Hi Sam,\n\nUnfortunately you should have read the FAQ. We apologize for any inconvenience!!\n"), lint.FormatMarkdown)
	f.Fuzz(func(t *testing.T, data []byte) {
		x, _, err := lint.LoadExtra(string(data))
		if err != nil {
			return
		}
		_ = x.Rules()
		en.WithExtra(x).Lint(doc, lint.Context{})
	})
}
