package templates

import (
	"fmt"
	"slices"
	"strings"

	"github.com/replykit/replykit/lint"
)

// Problem is something wrong with a template that is not a parse error.
type Problem struct {
	File     string
	Pos      Pos
	Check    string // stable id, as rule ids are: template.undeclared-variable
	Severity lint.Severity
	Message  string
}

// Check finds the structural problems of a library: variables used but not
// declared, declared but not used, required ones with no example, duplicate
// ids, and translations whose variables differ. Each problem is reported once,
// at the file and line where it is.
func (l *Library) Check() []Problem {
	var out []Problem
	seen := map[[2]string]*Template{}
	for _, t := range l.Templates {
		key := [2]string{t.ID, t.Lang}
		if prev, ok := seen[key]; ok {
			out = append(out, Problem{File: t.File, Pos: t.idPosOr(), Check: "template.duplicate-id", Severity: lint.Error,
				Message: fmt.Sprintf("template %s (%s) is already defined in %s", t.ID, t.Lang, prev.File)})
			continue
		}
		seen[key] = t
		out = append(out, t.checkVars()...)
	}
	for _, id := range l.IDs() {
		out = append(out, checkTranslations(l.Translations(id))...)
	}
	return out
}

func (t *Template) idPosOr() Pos {
	if t.idPos.Line > 0 {
		return t.idPos
	}
	return Pos{Line: 1, Column: 1}
}

func (t *Template) checkVars() []Problem {
	var out []Problem
	used := map[string]bool{}
	for _, u := range t.Body.Vars() {
		used[u.Name] = true
		if t.Var(u.Name) == nil {
			out = append(out, Problem{File: t.File, Pos: u.Pos, Check: "template.undeclared-variable", Severity: lint.Error,
				Message: fmt.Sprintf("variable %s is used but not declared under vars:", u.Name)})
		}
	}
	for _, v := range t.Vars {
		if !used[v.Name] {
			out = append(out, Problem{File: t.File, Pos: v.Pos, Check: "template.unused-variable", Severity: lint.Warning,
				Message: fmt.Sprintf("variable %s is declared but never used in the body", v.Name)})
		}
		if v.Required && v.Example == nil {
			out = append(out, Problem{File: t.File, Pos: v.Pos, Check: "template.missing-example", Severity: lint.Warning,
				Message: fmt.Sprintf("required variable %s has no example: add one so the body can be checked", v.Name)})
		}
	}
	return out
}

// checkTranslations reports each translation whose variables differ from the
// first one's (English when there is one).
func checkTranslations(ts []*Template) []Problem {
	if len(ts) < 2 {
		return nil
	}
	ref := ts[0]
	want := ref.sortedVarNames()
	var out []Problem
	for _, t := range ts[1:] {
		got := t.sortedVarNames()
		if slices.Equal(got, want) {
			continue
		}
		var missing, extra []string
		for _, n := range want {
			if !slices.Contains(got, n) {
				missing = append(missing, n)
			}
		}
		for _, n := range got {
			if !slices.Contains(want, n) {
				extra = append(extra, n)
			}
		}
		var parts []string
		if len(missing) > 0 {
			parts = append(parts, "lacks "+strings.Join(missing, ", "))
		}
		if len(extra) > 0 {
			parts = append(parts, "adds "+strings.Join(extra, ", "))
		}
		out = append(out, Problem{File: t.File, Pos: t.idPosOr(), Check: "template.translation-variables", Severity: lint.Warning,
			Message: fmt.Sprintf("this %s translation %s compared with the %s one (%s)", t.Lang, strings.Join(parts, " and "), ref.Lang, ref.File)})
	}
	return out
}
