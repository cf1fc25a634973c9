package lint_test

import (
	"testing"

	"github.com/replykit/replykit/lint"
	"github.com/replykit/replykit/rules"
)

// FuzzLoadExtra feeds LoadExtra, which reads rules from files outside the
// binary (the Vale style cache), stored rules with any bytes changed: it
// must return an error or rules, never panic, and the rules' docs, read at
// once, are there. Linting with rules loaded from a changed image is not
// asked for: the checks cannot tell every change (an edge to a node that
// is not there), which is why the cache keeps a checksum of each entry.
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
	f.Fuzz(func(t *testing.T, data []byte) {
		x, _, err := lint.LoadExtra(string(data))
		if err != nil {
			return
		}
		for _, r := range x.Rules() {
			if r == nil || r.Check == nil {
				t.Fatal("a loaded rule without its check")
			}
		}
	})
}
