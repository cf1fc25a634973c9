package templates

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Values are the variables' values, flat: "customer.name" → "Anna".
type Values map[string]string

// RenderOptions change how a body renders.
type RenderOptions struct {
	AllowMissing bool // render missing variables as their default/fallback or as "" instead of failing
}

// Rendered is the output with a source map.
type Rendered struct {
	Text  []byte
	Spans []Span // cover Text exactly, in order
}

// Span maps [Start,End) of the output to [SrcStart,SrcEnd) of the template FILE.
type Span struct {
	Start, End       int
	SrcStart, SrcEnd int
	Value            bool   // text that came from a variable (a filled-in value), not from the template's own words
	Var              string // for Value spans: the variable's name
}

// Render fills the body with vals. It is strict: a variable that is rendered
// but has no value and no default is an error naming it and its place, and all
// such variables are reported together, one per line. Values are inserted as
// they are: a value holding {{ x }} is text, never a placeholder.
//
// Text copied from the template maps to its exact bytes in the file; a filled-in
// value (or default) is a Value span mapping to its whole {{ … }} tag. Tags and
// trimmed white space produce no output and no span.
func (b *Body) Render(vals Values, opts RenderOptions) (*Rendered, error) {
	r := &bodyRenderer{b: b, vals: vals, opts: opts}
	r.out.Text = make([]byte, 0, b.textLen+b.textLen/4)
	r.nodes(b.nodes)
	if len(r.missing) > 0 {
		return nil, errors.Join(r.missing...)
	}
	return &r.out, nil
}

type bodyRenderer struct {
	b       *Body
	vals    Values
	opts    RenderOptions
	out     Rendered
	missing []error
	seen    map[string]bool // missing variables already reported
}

func (r *bodyRenderer) nodes(ns []bodyNode) {
	for i := range ns {
		n := &ns[i]
		switch n.kind {
		case textNode:
			at := len(r.out.Text)
			r.out.Text = append(r.out.Text, r.b.src[n.start:n.end]...)
			r.span(at, n.start, n.end, "")
		case outputNode:
			r.output(n)
		case ifNode:
			for _, br := range n.branches {
				if br.cond == nil || r.eval(br.cond) != br.negate {
					r.nodes(br.body)
					break
				}
			}
		}
	}
}

// span maps the output from at to its end to body bytes [start,end); a
// non-empty v marks it as the value of variable v.
func (r *bodyRenderer) span(at, start, end int, v string) {
	o := &r.out
	if at == len(o.Text) {
		return
	}
	base := r.b.base.Offset
	o.Spans = append(o.Spans, Span{Start: at, End: len(o.Text), SrcStart: base + start, SrcEnd: base + end, Value: v != "", Var: v})
}

func (r *bodyRenderer) output(n *bodyNode) {
	out := n.out
	v, ok := r.vals[out.name]
	for _, f := range out.filters {
		v, ok = f.apply(v, ok)
	}
	if !ok { // no default filter: one would have filled it in
		if !r.opts.AllowMissing {
			r.missingVar(out)
		}
		return
	}
	at := len(r.out.Text)
	r.out.Text = append(r.out.Text, v...)
	r.span(at, n.start, n.end, out.name)
}

func (r *bodyRenderer) missingVar(out *outputTag) {
	if r.seen[out.name] {
		return
	}
	if r.seen == nil {
		r.seen = map[string]bool{}
	}
	r.seen[out.name] = true
	r.missing = append(r.missing, &BodyError{File: r.b.file, Pos: out.pos, Var: out.name,
		Msg: fmt.Sprintf("variable %s has no value and no default: set it with --set %s=…", out.name, out.name)})
}

// apply runs the filter on v; ok says v is a value rather than a missing variable.
func (f valueFilter) apply(v string, ok bool) (string, bool) {
	switch f.kind {
	case filterDefault:
		if !ok || v == "" {
			return f.arg, true
		}
	case filterCapitalize:
		return capitalize(v), ok
	case filterUpcase:
		return strings.ToUpper(v), ok
	case filterDowncase:
		return strings.ToLower(v), ok
	case filterStrip:
		return strings.TrimSpace(v), ok
	}
	return v, ok
}

// capitalize upper-cases the first character and leaves the rest alone.
// Liquid's capitalize also lower-cases the rest; we deliberately don't, so
// names such as "McDonald" and "van der Berg-O'Neil" survive.
func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	u := unicode.ToTitle(r)
	if u == r {
		return s
	}
	return string(u) + s[size:]
}

// eval evaluates a condition as Liquid does: from the right, with no
// precedence between and and or. Values are text: a missing variable or an
// empty one is false (Liquid's "" is true; a simplification that matches how
// templates ask "do we know this?"), and a missing one compares equal to "".
func (r *bodyRenderer) eval(c *condition) bool {
	n := len(c.comps)
	res := r.compare(c.comps[n-1])
	for i := n - 2; i >= 0; i-- {
		x := r.compare(c.comps[i])
		if c.and[i] {
			res = x && res
		} else {
			res = x || res
		}
	}
	return res
}

func (r *bodyRenderer) value(o operand) (string, bool) {
	if !o.isVar {
		return o.lit, true
	}
	v, ok := r.vals[o.name]
	return v, ok
}

func (r *bodyRenderer) compare(c comparison) bool {
	l, ok := r.value(c.left)
	switch c.op {
	case opEq, opNe:
		rv, _ := r.value(c.right)
		return (l == rv) == (c.op == opEq)
	case opContains:
		rv, _ := r.value(c.right)
		return ok && strings.Contains(l, rv)
	}
	return l != ""
}
