package templates

// The body parser: a Liquid-compatible subset with no loops, no includes and no
// assignments, so every reply a template can produce is known from its text.
// It is written here rather than taken from osteele/liquid because that
// library's strict mode misses a missing variable when a filter follows it, and
// because rendering must keep a source map (see render.go).

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pos is a place in the template file: byte offset plus 1-based line and column (column in characters).
type Pos struct{ Offset, Line, Column int }

// BodyError is a syntax error in a template body, or a variable missing when
// rendering it. Its position is in the template file; its message says what to
// do about it.
type BodyError struct {
	File string
	Pos  Pos
	Msg  string
	Var  string // the variable, when one has no value
}

func (e *BodyError) Error() string {
	if e.File == "" {
		return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Column, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Column, e.Msg)
}

// VarUse is a variable a body uses.
type VarUse struct {
	Name string
	Pos  Pos // the name's first use (the name itself, not its {{)
	// HasDefault says the variable may be missing without making rendering
	// fail: every use has a default:/fallback: filter, is an if/unless
	// condition (a missing variable there is just false), or sits in a branch
	// only taken when the variable has a value ({% if order.tracking_url %}).
	HasDefault bool
}

// Body is a parsed template body, ready to render many times. It is safe for
// concurrent use.
type Body struct {
	file    string
	src     []byte
	base    Pos
	nodes   []bodyNode
	vars    []VarUse
	textLen int // bytes of template text, to size output buffers
}

// Vars returns every variable the body uses (dotted names, in order of first
// use, each once), with the position of its first use and whether it may be
// missing.
func (b *Body) Vars() []VarUse { return slices.Clone(b.vars) }

type nodeKind uint8

const (
	textNode   nodeKind = iota // template text copied as is (also {% raw %} content)
	outputNode                 // {{ name | filters }}
	ifNode                     // {% if %} / {% unless %} with its branches
)

type bodyNode struct {
	kind       nodeKind
	start, end int // body offsets: the text, or the whole {{ … }} tag
	out        *outputTag
	branches   []condBranch
}

type outputTag struct {
	name       string
	filters    []valueFilter
	hasDefault bool
	pos        Pos // of the {{, for the missing-variable error
}

type filterKind uint8

const (
	filterDefault filterKind = iota // default: and fallback:
	filterCapitalize
	filterUpcase
	filterDowncase
	filterStrip
)

var filterKinds = map[string]filterKind{
	"default":    filterDefault,
	"fallback":   filterDefault, // Intercom's spelling
	"capitalize": filterCapitalize,
	"upcase":     filterUpcase,
	"downcase":   filterDowncase,
	"strip":      filterStrip,
}

const knownFilters = "default, fallback, capitalize, upcase, downcase, strip"

type valueFilter struct {
	kind filterKind
	arg  string
}

type condBranch struct {
	cond   *condition // nil for {% else %}
	negate bool       // the first branch of {% unless %}
	body   []bodyNode
}

// condition is comparisons joined by and/or. Liquid evaluates them from the
// right with no precedence: a or b and c is a or (b and c).
type condition struct {
	comps []comparison
	and   []bool // and[i] joins comps[i] and comps[i+1]: true for and, false for or
}

type compareOp uint8

const (
	opTruthy compareOp = iota // just the left operand
	opEq
	opNe
	opContains
)

type comparison struct {
	left, right operand
	op          compareOp
}

type operand struct {
	isVar bool
	name  string // the variable, when isVar
	lit   string
}

// ParseBody parses a template body. base is the position of the body inside its
// file (after the front matter), so every position reported is in the file.
func ParseBody(file string, src []byte, base Pos) (*Body, error) {
	if base.Line < 1 {
		base.Line = 1
	}
	if base.Column < 1 {
		base.Column = 1
	}
	p := &bodyParser{file: file, src: src, base: base, uses: map[string]int{}}
	p.cur = cursor{line: base.Line, col: base.Column}
	if err := p.parse(); err != nil {
		return nil, err
	}
	return &Body{file: file, src: src, base: base, nodes: p.root, vars: p.vars, textLen: p.textLen}, nil
}

type cursor struct{ off, line, col int }

// openBlock is an {% if %} or {% unless %} whose end tag is still to come.
type openBlock struct {
	kind     string // "if" or "unless"
	pos      Pos
	branches []condBranch
	sawElse  bool
	guard    []string // variables the current branch is only taken with
	skipped  []string // variables known to have a value when every branch so far was skipped
}

type bodyParser struct {
	file     string
	src      []byte
	base     Pos
	cur      cursor // positions are asked for in increasing order, so counting is linear
	root     []bodyNode
	stack    []*openBlock
	uses     map[string]int // name → index in vars
	vars     []VarUse
	trimNext bool // the last tag ended with -}} or -%}
	textLen  int
}

// pos returns the file position of body offset off.
func (p *bodyParser) pos(off int) Pos {
	if off < p.cur.off {
		p.cur = cursor{line: p.base.Line, col: p.base.Column}
	}
	c := p.cur
	src := p.src
	for c.off < off && c.off < len(src) {
		switch b := src[c.off]; {
		case b == '\n':
			c.off++
			c.line++
			c.col = 1
		case b == '\r':
			c.off++
			if c.off < len(src) && src[c.off] == '\n' {
				continue // \r\n ends the line at the \n
			}
			c.line++
			c.col = 1
		case b < utf8.RuneSelf:
			c.off++
			c.col++
		default:
			_, size := utf8.DecodeRune(src[c.off:])
			c.off += size
			c.col++
		}
	}
	p.cur = c
	return Pos{Offset: p.base.Offset + off, Line: c.line, Column: c.col}
}

func (p *bodyParser) errorf(off int, format string, args ...any) error {
	return &BodyError{File: p.file, Pos: p.pos(off), Msg: fmt.Sprintf(format, args...)}
}

func (p *bodyParser) add(n bodyNode) {
	if len(p.stack) == 0 {
		p.root = append(p.root, n)
		return
	}
	top := p.stack[len(p.stack)-1]
	br := &top.branches[len(top.branches)-1]
	br.body = append(br.body, n)
}

// use records a variable use; mayMiss says this use renders fine without a value.
func (p *bodyParser) use(name string, off int, mayMiss bool) {
	if i, ok := p.uses[name]; ok {
		p.vars[i].HasDefault = p.vars[i].HasDefault && mayMiss
		return
	}
	p.uses[name] = len(p.vars)
	p.vars = append(p.vars, VarUse{Name: name, Pos: p.pos(off), HasDefault: mayMiss})
}

// guarded reports whether an enclosing branch is only taken when name has a value.
func (p *bodyParser) guarded(name string) bool {
	for _, b := range p.stack {
		if slices.Contains(b.guard, name) {
			return true
		}
	}
	return false
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// nextOpen returns the offset of the next {{ or {% at or after i, or -1.
func nextOpen(src []byte, i int) int {
	for i < len(src) {
		j := bytes.IndexByte(src[i:], '{')
		if j < 0 {
			return -1
		}
		i += j
		if i+1 < len(src) && (src[i+1] == '{' || src[i+1] == '%') {
			return i
		}
		i++
	}
	return -1
}

func (p *bodyParser) parse() error {
	src := p.src
	at := 0
	for {
		open := nextOpen(src, at)
		end := len(src)
		if open >= 0 {
			end = open
		}
		p.text(at, end, open >= 0 && open+2 < len(src) && src[open+2] == '-')
		if open < 0 {
			break
		}
		var err error
		if src[open+1] == '{' {
			at, err = p.output(open)
		} else {
			at, err = p.tag(open)
		}
		if err != nil {
			return err
		}
	}
	if n := len(p.stack); n > 0 {
		b := p.stack[n-1]
		return &BodyError{File: p.file, Pos: b.pos, Msg: fmt.Sprintf("{%% %s %%} is never closed: add {%% end%s %%} where its block ends", b.kind, b.kind)}
	}
	return nil
}

// text adds the template text [start,end), trimmed as the tags around it ask.
// Liquid's whitespace control removes spaces, tabs and line breaks.
func (p *bodyParser) text(start, end int, trimRight bool) {
	if p.trimNext {
		for start < end && isSpace(p.src[start]) {
			start++
		}
		p.trimNext = false
	}
	if trimRight {
		for end > start && isSpace(p.src[end-1]) {
			end--
		}
	}
	if start < end {
		p.add(bodyNode{kind: textNode, start: start, end: end})
		p.textLen += end - start
	}
}

// tagBounds finds the end of the {{ or {% tag opening at open. It returns the
// markup between the delimiters and whitespace markers, and the offset just
// after the tag. Quoted strings may hold }} or %}; they end on their line.
func (p *bodyParser) tagBounds(open int) (ms, me, end int, trimLeft, trimRight bool, err error) {
	src := p.src
	closer, what, other := byte('}'), "{{", "%}"
	hint := "close the placeholder with }}"
	if src[open+1] == '%' {
		closer, what, other = '%', "{%", "}}"
		hint = "close the tag with %}"
	}
	j := open + 2
	if j < len(src) && src[j] == '-' {
		trimLeft = true
		j++
	}
	ms = j
	wrong := false
	for j < len(src) {
		c := src[j]
		switch {
		case c == '"' || c == '\'':
			k := j + 1
			for k < len(src) && src[k] != c && src[k] != '\n' && src[k] != '\r' {
				k++
			}
			if k >= len(src) || src[k] != c {
				return 0, 0, 0, false, false, p.errorf(j, "unterminated string: close it with %c on the same line", c)
			}
			j = k + 1
			continue
		case c == closer && j+1 < len(src) && src[j+1] == '}':
			me = j
			if me > ms && src[me-1] == '-' {
				trimRight = true
				me--
			}
			return ms, me, j + 2, trimLeft, trimRight, nil
		case c == other[0] && j+1 < len(src) && src[j+1] == other[1]:
			wrong = true
		case c == '{' && j+1 < len(src) && (src[j+1] == '{' || src[j+1] == '%'):
			if closer == '%' && src[j+1] == '{' && bracesInTag(src[j:]) {
				return 0, 0, 0, false, false, p.errorf(j, "{{ inside {%% … %%}: write the variable without braces, like {%% if order.tracking_url %%}")
			}
			j = len(src) // a new tag opens first: this one is unclosed
			continue
		}
		j++
	}
	if wrong {
		hint += " (it ends with " + other + ")"
	}
	return 0, 0, 0, false, false, p.errorf(open, "unclosed %s: %s", what, hint)
}

// bracesInTag reports whether rest, which starts with {{ inside a {% tag, is
// closed by }} and then %} on the same line: {% if {{ x }} %}.
func bracesInTag(rest []byte) bool {
	if i := bytes.IndexAny(rest, "\r\n"); i >= 0 {
		rest = rest[:i]
	}
	i := bytes.Index(rest, []byte("}}"))
	return i >= 0 && bytes.Contains(rest[i:], []byte("%}"))
}

func (p *bodyParser) output(open int) (int, error) {
	ms, me, end, _, trimRight, err := p.tagBounds(open)
	if err != nil {
		return 0, err
	}
	tagPos := p.pos(open)
	lx := &bodyLexer{p: p, i: ms, end: me}
	t, err := lx.next()
	if err != nil {
		return 0, err
	}
	switch {
	case t.kind == tokEOF:
		return 0, p.errorf(open, "empty placeholder {{ }}: put a variable name inside, like {{ customer.name }}")
	case t.kind != tokName || isKeyword(t.text):
		return 0, p.errorf(t.start, "expected a variable name like customer.name, found %q", t.text)
	}
	out := &outputTag{name: t.text, pos: tagPos}
	nameOff := t.start
	for {
		t, err := lx.next()
		if err != nil {
			return 0, err
		}
		if t.kind == tokEOF {
			break
		}
		if t.kind != tokPipe {
			return 0, p.errorf(t.start, "unexpected %q after %s: put filters after a |, like {{ %s | capitalize }}", t.text, out.name, out.name)
		}
		f, err := lx.filter()
		if err != nil {
			return 0, err
		}
		if f.kind == filterDefault {
			out.hasDefault = true
		}
		out.filters = append(out.filters, f)
	}
	p.use(out.name, nameOff, out.hasDefault || p.guarded(out.name))
	p.add(bodyNode{kind: outputNode, start: open, end: end, out: out})
	p.trimNext = trimRight
	return end, nil
}

// unsupportedTag says why a Liquid tag replykit leaves out is left out.
func unsupportedTag(name string) (string, bool) {
	switch name {
	case "for", "endfor", "tablerow", "endtablerow", "cycle", "break", "continue", "ifchanged", "endifchanged":
		return "replykit templates have no loops, so every reply can be checked", true
	case "include", "render", "layout", "section", "sections", "block", "endblock":
		return "replykit templates cannot pull in other files, so every reply can be checked on its own", true
	case "assign", "capture", "endcapture", "increment", "decrement":
		return "replykit templates have no assignments: values come from --set or --vars, so every reply can be checked", true
	case "case", "when", "endcase":
		return "use {% if %} … {% elsif %} … {% endif %} instead", true
	case "echo":
		return "write {{ name }} instead", true
	case "liquid":
		return "write each tag in its own {% … %}", true
	}
	return "", false
}

const knownTags = "if, elsif, else, endif, unless, endunless, raw, endraw, comment, endcomment"

func (p *bodyParser) tag(open int) (int, error) {
	ms, me, end, _, trimRight, err := p.tagBounds(open)
	if err != nil {
		return 0, err
	}
	k := ms
	for k < me && isSpace(p.src[k]) {
		k++
	}
	if k < me && p.src[k] == '#' { // {% # a note %}: Liquid's inline comment
		p.trimNext = trimRight
		return end, nil
	}
	lx := &bodyLexer{p: p, i: ms, end: me}
	t, err := lx.next()
	if err != nil {
		return 0, err
	}
	if t.kind == tokEOF {
		return 0, p.errorf(open, "empty tag {%% %%}: write a tag such as {%% if order.tracking_url %%} (known: %s)", knownTags)
	}
	if t.kind != tokName {
		return 0, p.errorf(t.start, "expected a tag name after {%%, like {%% if order.tracking_url %%}, found %q", t.text)
	}
	name := t.text
	openPos := p.pos(open) // before the condition's positions: the cursor only moves forward cheaply
	noArgs := func() error {
		t, err := lx.next()
		if err != nil {
			return err
		}
		if t.kind != tokEOF {
			if name == "else" {
				return p.errorf(t.start, "{%% else %%} takes no condition: did you mean {%% elsif %s %%}?", bytes.TrimSpace(p.src[t.start:me]))
			}
			return p.errorf(t.start, "unexpected %q: {%% %s %%} takes nothing more", t.text, name)
		}
		return nil
	}
	var top *openBlock
	if n := len(p.stack); n > 0 {
		top = p.stack[n-1]
	}
	switch name {
	case "if", "unless":
		c, err := p.condition(lx, name, open)
		if err != nil {
			return 0, err
		}
		b := &openBlock{kind: name, pos: openPos}
		b.branches = []condBranch{{cond: c, negate: name == "unless"}}
		if name == "if" {
			b.guard, b.skipped = c.whenTrue(), c.whenFalse()
		} else {
			b.guard, b.skipped = c.whenFalse(), c.whenTrue()
		}
		p.stack = append(p.stack, b)
	case "elsif":
		if top == nil {
			return 0, p.errorf(open, "{%% elsif %%} without {%% if %%}: remove it, or open the block with {%% if … %%}")
		}
		if top.sawElse {
			return 0, p.errorf(open, "{%% elsif %%} after {%% else %%}: move it before the {%% else %%}")
		}
		c, err := p.condition(lx, name, open)
		if err != nil {
			return 0, err
		}
		top.branches = append(top.branches, condBranch{cond: c})
		top.guard = union(c.whenTrue(), top.skipped)
		top.skipped = union(top.skipped, c.whenFalse())
	case "else":
		if err := noArgs(); err != nil {
			return 0, err
		}
		if top == nil {
			return 0, p.errorf(open, "{%% else %%} without {%% if %%} or {%% unless %%}: remove it, or open the block before it")
		}
		if top.sawElse {
			return 0, p.errorf(open, "a second {%% else %%} in one {%% %s %%} block (opened at line %d, column %d): remove one", top.kind, top.pos.Line, top.pos.Column)
		}
		top.sawElse = true
		top.branches = append(top.branches, condBranch{})
		top.guard = top.skipped
	case "endif", "endunless":
		if err := noArgs(); err != nil {
			return 0, err
		}
		kind := strings.TrimPrefix(name, "end")
		if top == nil {
			return 0, p.errorf(open, "{%% %s %%} without {%% %s %%}: remove it, or add the {%% %s … %%} it closes", name, kind, kind)
		}
		if top.kind != kind {
			return 0, p.errorf(open, "{%% %s %%} cannot close {%% %s %%} (opened at line %d, column %d): use {%% end%s %%}", name, top.kind, top.pos.Line, top.pos.Column, top.kind)
		}
		p.stack = p.stack[:len(p.stack)-1]
		p.add(bodyNode{kind: ifNode, start: open, end: end, branches: top.branches})
	case "raw", "comment":
		if err := noArgs(); err != nil {
			return 0, err
		}
		return p.verbatim(open, end, name)
	case "endraw", "endcomment":
		kind := strings.TrimPrefix(name, "end")
		return 0, p.errorf(open, "{%% %s %%} without {%% %s %%}: remove it", name, kind)
	default:
		if why, ok := unsupportedTag(name); ok {
			return 0, p.errorf(open, "{%% %s %%} is not supported: %s", name, why)
		}
		return 0, p.errorf(open, "unknown tag {%% %s %%} (known: %s)", name, knownTags)
	}
	p.trimNext = trimRight
	return end, nil
}

// verbatim handles {% raw %} (its content is output as written) and
// {% comment %} (its content is dropped). As in Liquid, whitespace markers on
// these tags trim the text outside them, never the content.
func (p *bodyParser) verbatim(open, start int, name string) (int, error) {
	src := p.src
	for at := start; ; {
		i := nextOpen(src, at)
		if i < 0 {
			break
		}
		at = i + 2
		if src[i+1] != '%' {
			continue
		}
		j := i + 2
		if j < len(src) && src[j] == '-' {
			j++
		}
		for j < len(src) && isSpace(src[j]) {
			j++
		}
		if !hasWordAt(src, j, "end"+name) {
			continue
		}
		j += len("end") + len(name)
		for j < len(src) && isSpace(src[j]) {
			j++
		}
		trimRight := j < len(src) && src[j] == '-'
		if trimRight {
			j++
		}
		if j+1 < len(src) && src[j] == '%' && src[j+1] == '}' {
			if name == "raw" && i > start {
				p.add(bodyNode{kind: textNode, start: start, end: i})
				p.textLen += i - start
			}
			p.trimNext = trimRight
			return j + 2, nil
		}
	}
	return 0, p.errorf(open, "{%% %s %%} is never closed: add {%% end%s %%}", name, name)
}

// hasWordAt reports whether src holds word at i, not followed by a name character.
func hasWordAt(src []byte, i int, word string) bool {
	if !bytes.HasPrefix(src[i:], []byte(word)) {
		return false
	}
	i += len(word)
	if i >= len(src) {
		return true
	}
	r, _ := utf8.DecodeRune(src[i:])
	return !isNameRune(r) && r != '.'
}

// condition parses the condition of an if, elsif or unless tag.
func (p *bodyParser) condition(lx *bodyLexer, tag string, open int) (*condition, error) {
	c := &condition{}
	for {
		cmp, err := p.comparison(lx, tag, c)
		if err != nil {
			return nil, err
		}
		c.comps = append(c.comps, cmp)
		t, err := lx.next()
		if err != nil {
			return nil, err
		}
		switch {
		case t.kind == tokEOF:
			return c, nil
		case t.kind == tokName && (t.text == "and" || t.text == "or"):
			c.and = append(c.and, t.text == "and")
		case t.kind == tokOp && (t.text == "==" || t.text == "!=") || t.kind == tokName && t.text == "contains":
			return nil, p.errorf(t.start, "unexpected %q: compare two values at a time, and join comparisons with and / or", t.text)
		case t.kind == tokOp:
			return nil, p.errorf(t.start, "unknown operator %q (known: ==, !=, contains, and, or)", t.text)
		default:
			return nil, p.errorf(t.start, "unexpected %q in {%% %s %%}: join conditions with and / or", t.text, tag)
		}
	}
}

func (p *bodyParser) comparison(lx *bodyLexer, tag string, c *condition) (comparison, error) {
	var cmp comparison
	left, err := p.operand(lx, tag, c, "")
	if err != nil {
		return cmp, err
	}
	cmp.left = left
	t, err := lx.peek()
	if err != nil {
		return cmp, err
	}
	switch {
	case t.kind == tokOp && t.text == "==":
		cmp.op = opEq
	case t.kind == tokOp && t.text == "!=":
		cmp.op = opNe
	case t.kind == tokName && t.text == "contains":
		cmp.op = opContains
	case t.kind == tokOp:
		return cmp, p.errorf(t.start, "unknown operator %q (known: ==, !=, contains, and, or)", t.text)
	default:
		return cmp, nil
	}
	lx.next()
	cmp.right, err = p.operand(lx, tag, c, t.text)
	return cmp, err
}

// operand parses a variable or a literal; after is the operator before it, if any.
func (p *bodyParser) operand(lx *bodyLexer, tag string, c *condition, after string) (operand, error) {
	t, err := lx.next()
	if err != nil {
		return operand{}, err
	}
	if after == "" && len(c.and) > 0 {
		after = "and"
		if !c.and[len(c.and)-1] {
			after = "or"
		}
	}
	switch t.kind {
	case tokString, tokNumber:
		return operand{lit: t.text}, nil
	case tokName:
		switch t.text {
		case "empty", "blank", "nil", "null": // Liquid's empty values; a missing variable equals them
			return operand{}, nil
		case "and", "or", "contains":
		default:
			p.use(t.text, t.start, true)
			return operand{isVar: true, name: t.text}, nil
		}
	case tokEOF:
		if after == "" {
			return operand{}, p.errorf(t.start, "{%% %s %%} needs a condition, like {%% %s order.tracking_url %%}", tag, tag)
		}
		return operand{}, p.errorf(t.start, "expected a value after %s", after)
	case tokOp:
		return operand{}, p.errorf(t.start, "unknown operator %q (known: ==, !=, contains, and, or)", t.text)
	}
	if after == "" {
		return operand{}, p.errorf(t.start, "expected a variable or a quoted text, found %q", t.text)
	}
	return operand{}, p.errorf(t.start, "expected a value after %s, found %q", after, t.text)
}

// whenTrue returns the variables that have a value whenever c is true.
func (c *condition) whenTrue() []string { return c.known(0, true) }

// whenFalse returns the variables that have a value whenever c is false.
func (c *condition) whenFalse() []string { return c.known(0, false) }

func (c *condition) known(i int, truth bool) []string {
	here := c.comps[i].known(truth)
	if i == len(c.comps)-1 {
		return here
	}
	rest := c.known(i+1, truth)
	if c.and[i] == truth { // a and b true: both true; a or b false: both false
		return union(here, rest)
	}
	return intersect(here, rest)
}

// known returns the variable that has a value whenever the comparison is truth.
// A missing variable is false, equals "", and contains nothing.
func (cmp comparison) known(truth bool) []string {
	l, r := cmp.left, cmp.right
	if cmp.op == opEq || cmp.op == opNe {
		if !l.isVar {
			l, r = r, l
		}
		if !l.isVar || r.isVar {
			return nil
		}
		// == "x" true, != "x" false: equal to "x". != "" true, == "" false: not empty.
		if (cmp.op == opEq) == truth && r.lit != "" || (cmp.op == opEq) != truth && r.lit == "" {
			return []string{l.name}
		}
		return nil
	}
	if truth && l.isVar {
		return []string{l.name}
	}
	return nil
}

func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, s := range b {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func intersect(a, b []string) []string {
	var out []string
	for _, s := range a {
		if slices.Contains(b, s) {
			out = append(out, s)
		}
	}
	return out
}

// validName matches the names front matter may declare: [A-Za-z_][A-Za-z0-9_-]* joined by dots.
func validName(name string) bool {
	for seg := range strings.SplitSeq(name, ".") {
		if seg == "" || seg[0] >= '0' && seg[0] <= '9' || seg[0] == '-' {
			return false
		}
		for i := 0; i < len(seg); i++ {
			c := seg[i]
			if !(c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				return false
			}
		}
	}
	return true
}

func isKeyword(s string) bool { return s == "and" || s == "or" || s == "contains" }

type tokenKind uint8

const (
	tokEOF tokenKind = iota
	tokName
	tokString
	tokNumber
	tokPipe
	tokColon
	tokComma
	tokOp
	tokOther
)

type bodyToken struct {
	kind  tokenKind
	start int    // body offset
	text  string // a name, a string's content, a number, an operator
}

// bodyLexer splits the markup of one tag into tokens.
type bodyLexer struct {
	p      *bodyParser
	i, end int
	peeked *bodyToken
}

func isNameRune(r rune) bool {
	return r == '_' || r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

func (lx *bodyLexer) peek() (bodyToken, error) {
	if lx.peeked == nil {
		t, err := lx.next()
		if err != nil {
			return t, err
		}
		lx.peeked = &t
	}
	return *lx.peeked, nil
}

func (lx *bodyLexer) next() (bodyToken, error) {
	if t := lx.peeked; t != nil {
		lx.peeked = nil
		return *t, nil
	}
	src := lx.p.src
	for lx.i < lx.end && isSpace(src[lx.i]) {
		lx.i++
	}
	start := lx.i
	if start >= lx.end {
		return bodyToken{kind: tokEOF, start: lx.end}, nil
	}
	c := src[start]
	r, size := utf8.DecodeRune(src[start:lx.end])
	switch {
	case r == '_' || unicode.IsLetter(r):
		j := start
		for j < lx.end {
			r, size := utf8.DecodeRune(src[j:lx.end])
			if !isNameRune(r) && r != '.' {
				break
			}
			j += size
		}
		lx.i = j
		name := string(src[start:j])
		if !validName(name) {
			return bodyToken{}, lx.p.errorf(start, "bad variable name %q: use letters a-z, digits, _ and - joined by dots, like customer.name", name)
		}
		return bodyToken{kind: tokName, start: start, text: name}, nil
	case c >= '0' && c <= '9' || c == '-' && start+1 < lx.end && src[start+1] >= '0' && src[start+1] <= '9':
		j := start + 1
		for j < lx.end && (src[j] >= '0' && src[j] <= '9' || src[j] == '.' && j+1 < lx.end && src[j+1] >= '0' && src[j+1] <= '9') {
			j++
		}
		lx.i = j
		return bodyToken{kind: tokNumber, start: start, text: string(src[start:j])}, nil
	case c == '"' || c == '\'':
		j := start + 1
		for j < lx.end && src[j] != c && src[j] != '\n' && src[j] != '\r' {
			j++
		}
		if j >= lx.end || src[j] != c {
			return bodyToken{}, lx.p.errorf(start, "unterminated string: close it with %c on the same line", c)
		}
		lx.i = j + 1
		return bodyToken{kind: tokString, start: start, text: string(src[start+1 : j])}, nil
	case c == '|' && start+1 < lx.end && src[start+1] == '|':
		lx.i = start + 2
		return bodyToken{kind: tokOp, start: start, text: "||"}, nil
	case c == '|':
		lx.i++
		return bodyToken{kind: tokPipe, start: start, text: "|"}, nil
	case c == ':':
		lx.i++
		return bodyToken{kind: tokColon, start: start, text: ":"}, nil
	case c == ',':
		lx.i++
		return bodyToken{kind: tokComma, start: start, text: ","}, nil
	case strings.IndexByte("=!<>&", c) >= 0:
		j := start
		for j < lx.end && strings.IndexByte("=!<>&", src[j]) >= 0 {
			j++
		}
		lx.i = j
		return bodyToken{kind: tokOp, start: start, text: string(src[start:j])}, nil
	}
	lx.i = start + size
	return bodyToken{kind: tokOther, start: start, text: string(src[start : start+size])}, nil
}

// filter parses one filter after its |.
func (lx *bodyLexer) filter() (valueFilter, error) {
	p := lx.p
	t, err := lx.next()
	if err != nil {
		return valueFilter{}, err
	}
	if t.kind != tokName {
		return valueFilter{}, p.errorf(t.start, "expected a filter name after | (known: %s)", knownFilters)
	}
	kind, ok := filterKinds[t.text]
	if !ok {
		return valueFilter{}, p.errorf(t.start, "unknown filter %q (known: %s)", t.text, knownFilters)
	}
	f := valueFilter{kind: kind}
	colon, err := lx.peek()
	if err != nil {
		return f, err
	}
	if kind != filterDefault {
		if colon.kind == tokColon {
			return f, p.errorf(colon.start, "%s takes no argument: write | %s", t.text, t.text)
		}
		return f, nil
	}
	example := fmt.Sprintf("%s: \"there\"", t.text)
	if colon.kind != tokColon {
		return f, p.errorf(t.start, "%s needs the text to use instead, like %s", t.text, example)
	}
	lx.next()
	arg, err := lx.next()
	if err != nil {
		return f, err
	}
	if arg.kind != tokString && arg.kind != tokNumber {
		return f, p.errorf(arg.start, "%s needs a quoted text, like %s", t.text, example)
	}
	f.arg = arg.text
	if more, err := lx.peek(); err != nil {
		return f, err
	} else if more.kind == tokComma {
		return f, p.errorf(more.start, "%s takes one text, like %s", t.text, example)
	}
	return f, nil
}
