package engine

import (
	"sort"
	"strings"

	"github.com/replykit/replykit/lint"
	"github.com/replykit/replykit/templates"
)

// LintTemplate renders a template with vals (its examples when nil) and lints
// the result in the template's language and situation. Findings point into
// the template file: text the template wrote maps back exactly, text that came
// from a variable maps to its {{ … }} tag. The template's lint: {disable: […]}
// is honoured.
func (e *Engine) LintTemplate(t *templates.Template, vals templates.Values, ctx lint.Context) (*Result, error) {
	if vals == nil {
		vals = t.Examples()
	}
	r, err := t.Body.Render(vals, templates.RenderOptions{AllowMissing: true})
	if err != nil {
		return nil, err
	}
	if ctx.Situation == "" {
		ctx.Situation = t.Situation
	}
	if ctx.CustomerName == "" {
		ctx.CustomerName = CustomerName(t, vals)
	}
	rendered := lint.NewDocument(t.File, r.Text, lint.FormatFor(t.File))
	rs, err := e.RuleSetFor(t.Lang, t.File)
	if err != nil {
		return nil, err
	}
	var diags []lint.Diagnostic
	for _, d := range check(rs, rendered, ctx) {
		if disabledBy(t.Disable, d) {
			continue
		}
		d.Start, d.End = toSource(r, d.Start, d.End)
		var fixes []lint.Fix
		for _, f := range d.Fixes {
			if mapped, ok := fixToSource(r, f); ok {
				fixes = append(fixes, mapped)
			}
		}
		d.Fixes = fixes
		diags = append(diags, d)
	}
	doc := lint.NewDocument(t.File, t.Src, lint.FormatFor(t.File))
	return &Result{Doc: doc, Lang: t.Lang, Context: ctx, Diagnostics: diags}, nil
}

// CustomerName returns the value of the template's customer-name variable, if any.
func CustomerName(t *templates.Template, vals templates.Values) string {
	for _, name := range templates.CustomerNameVars {
		if v := vals[name]; v != "" {
			return v
		}
	}
	return ""
}

func disabledBy(list []string, d lint.Diagnostic) bool {
	for _, sel := range list {
		if sel == "all" || sel == d.RuleID || sel == d.Category || strings.HasPrefix(d.RuleID, sel+".") {
			return true
		}
	}
	return false
}

// spanAt returns the rendered span holding output offset off.
func spanAt(r *templates.Rendered, off int) (templates.Span, bool) {
	i := sort.Search(len(r.Spans), func(i int) bool { return r.Spans[i].End > off })
	if i == len(r.Spans) {
		if len(r.Spans) == 0 {
			return templates.Span{}, false
		}
		return r.Spans[len(r.Spans)-1], true
	}
	return r.Spans[i], true
}

// toSource maps an output range to the template file.
func toSource(r *templates.Rendered, start, end int) (int, int) {
	s, ok := spanAt(r, start)
	if !ok {
		return 0, 0
	}
	srcStart := s.SrcStart
	if !s.Value {
		srcStart = s.SrcStart + (start - s.Start)
	}
	e, _ := spanAt(r, max(start, end-1))
	srcEnd := e.SrcEnd
	if !e.Value {
		srcEnd = e.SrcStart + (end - e.Start)
	}
	return srcStart, max(srcStart, srcEnd)
}

// fixToSource maps a fix's edits to the template file; an edit that touches
// a filled-in value cannot be made in the template, so the fix is dropped.
func fixToSource(r *templates.Rendered, f lint.Fix) (lint.Fix, bool) {
	out := lint.Fix{Message: f.Message}
	for _, e := range f.Edits {
		s, ok := spanAt(r, e.Start)
		if !ok || s.Value || e.End > s.End {
			return lint.Fix{}, false
		}
		delta := s.SrcStart - s.Start
		out.Edits = append(out.Edits, lint.TextEdit{Start: e.Start + delta, End: e.End + delta, NewText: e.NewText})
	}
	return out, true
}
