package rules

import (
	"fmt"
	"slices"

	"github.com/replykit/replykit/lint"
)

// Failure is an example that did not behave as its rule says it should.
type Failure struct {
	Rule    *lint.Rule
	Example lint.Example
	Bad     bool              // a bad example the rule did not flag (else a good one it flagged)
	Found   []lint.Diagnostic // the rule's findings on a good example
}

func (f Failure) String() string {
	if f.Bad {
		return fmt.Sprintf("%s: rule %s does not flag this bad example: %q", f.Example.Origin, f.Rule.ID, f.Example.Text)
	}
	d := f.Found[0]
	return fmt.Sprintf("%s: rule %s flags this good example at %q: %q", f.Example.Origin, f.Rule.ID,
		f.Example.Text[d.Start:d.End], f.Example.Text)
}

// TestExamples lints every example of every rule in rs with the whole set
// loaded, as users run it, and returns the examples that misbehave.
func TestExamples(rs *lint.RuleSet) (failures []Failure, examples int) {
	for _, r := range rs.Rules() {
		for _, bad := range []bool{true, false} {
			list := r.Examples.Good
			if bad {
				list = r.Examples.Bad
			}
			for _, ex := range list {
				examples++
				found := RunExample(rs, r, ex)
				if bad == (len(found) == 0) {
					failures = append(failures, Failure{Rule: r, Example: ex, Bad: bad, Found: found})
				}
			}
		}
	}
	return failures, examples
}

// RunExample lints one example and returns the findings of rule r on it. An
// example's situation defaults to the first one the rule's condition names.
func RunExample(rs *lint.RuleSet, r *lint.Rule, ex lint.Example) []lint.Diagnostic {
	ctx := lint.Context{Situation: ex.Situation, CustomerName: ex.CustomerName}
	if ctx.Situation == "" && len(r.When.Situations) > 0 {
		ctx.Situation = r.When.Situations[0]
	}
	doc := lint.NewDocument("example.md", []byte(ex.Text), lint.FormatMarkdown)
	all := rs.Lint(doc, ctx)
	return slices.DeleteFunc(all, func(d lint.Diagnostic) bool { return d.RuleID != r.ID })
}
