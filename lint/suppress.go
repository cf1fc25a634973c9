package lint

import (
	"bytes"
	"slices"
	"strings"
)

// Inline suppressions. A draft silences findings with HTML comments, found
// in every format wherever the segmenter marks markup (never in code,
// quotes, front matter, headers or the signature):
//
//	<!-- replykit-disable-next-line RULE[,RULE] reason -->   the next line
//	Text <!-- replykit-disable-line RULE -->                  this line
//	<!-- replykit-disable RULE[,RULE] -->                     from here …
//	<!-- replykit-enable RULE[,RULE] -->                      … to here
//
// Plain-text drafts (FormatText, and .eml bodies) may also use a line whose
// only content is "replykit-disable-next-line …", "replykit-disable …" or
// "replykit-enable …", optionally after "#" or "//". The segmenter reads such
// a line as prose, so findings that start on it are dropped.
//
// RULE is a rule id (apology.generic), a group (apology: the id up to a
// dot), a category (blame-shifting) or "all"; with no RULE the directive
// covers every rule. The first word after the keyword is the rule list when
// it is written like one (lower-case ASCII letters, digits, '.', '-', '_',
// joined by commas); anything else, or "--", starts the reason.
//
// A finding is covered when its span starts on the covered line or inside
// the range. Directives on lines holding nothing but directives stack: a
// disable-next-line above them reaches the first line below them. An enable
// ends every open range whose rule it names (or whose group it names; with
// no rule or "all", every open range). A suppression that hides nothing, and
// an enable that ends nothing, is reported as suppression.unused: rule ids
// cannot be checked here, so a misspelt one is reported that way too.

// Suppression findings' rule id and category.
const (
	SuppressionUnused   = "suppression.unused"
	SuppressionCategory = "suppression"
)

type supKind uint8

const (
	supNextLine supKind = iota
	supLine
	supDisable
	supEnable
)

// supKeywords is in matching order: each keyword before its prefixes.
var supKeywords = [...]struct {
	word string
	kind supKind
}{
	{"replykit-disable-next-line", supNextLine},
	{"replykit-disable-line", supLine},
	{"replykit-disable", supDisable},
	{"replykit-enable", supEnable},
}

// supDirective is one suppression comment or directive line.
type supDirective struct {
	kind       supKind
	start, end int      // the comment, or the directive line less surrounding white space
	sels       []string // the rules named; nil when none was
	used       []bool   // by sels (one entry when sels is nil)
	text       bool     // plain-text form: the line [lineStart, lineEnd) is not prose
	lineStart  int
	lineEnd    int // start of the next line
}

func (d *supDirective) sel(i int) string {
	if d.sels == nil {
		return "all"
	}
	return d.sels[i]
}

// supUnit is one rule of one directive, covering findings that start in [a, b).
type supUnit struct {
	a, b int
	dir  int
	sel  int
}

// ApplySuppressions removes the findings that d's suppression directives
// cover and adds a suppression.unused warning for each directive, or rule
// named by one, that covers nothing. The result is sorted as
// SortDiagnostics sorts; it is diags itself when d holds no directive and
// diags was sorted already. diags is never modified.
func ApplySuppressions(d *Document, diags []Diagnostic) []Diagnostic {
	dirs := supCollect(d)
	if len(dirs) == 0 {
		if supSorted(diags) {
			return diags
		}
		out := slices.Clone(diags)
		SortDiagnostics(out)
		return out
	}
	src, n := d.Src, len(d.Src)
	units := supUnits(src, dirs)

	sorted := slices.Clone(diags)
	SortDiagnostics(sorted)

	// Findings on a plain-text directive line come from the directive's own
	// words: drop them first, so they keep no suppression in use.
	cand := sorted[:0]
	line := 0
	for _, g := range sorted {
		for line < len(dirs) && (!dirs[line].text || supEnd(dirs[line].lineEnd, n) <= g.Start) {
			line++
		}
		if line == len(dirs) || g.Start < dirs[line].lineStart {
			cand = append(cand, g)
		}
	}

	// Per rule selector: the starts of the findings it names, then which of
	// its units cover one, then the union of its units.
	sels := map[string]*supSel{}
	for i, u := range units {
		k := dirs[u.dir].sel(u.sel)
		if sels[k] == nil {
			sels[k] = &supSel{}
		}
		sels[k].units = append(sels[k].units, i)
	}
	var keys []string
	for _, g := range cand {
		keys = supKeys(g, keys[:0])
		for _, k := range keys {
			if sl := sels[k]; sl != nil {
				sl.starts = append(sl.starts, g.Start)
			}
		}
	}
	for _, sl := range sels {
		for _, i := range sl.units {
			u := units[i]
			if j, _ := slices.BinarySearch(sl.starts, u.a); j < len(sl.starts) && sl.starts[j] < u.b {
				dirs[u.dir].used[u.sel] = true
			}
			if u.b > u.a {
				sl.spans = append(sl.spans, [2]int{u.a, u.b})
			}
		}
		sl.merge()
	}

	out := cand[:0]
	for _, g := range cand {
		hidden := false
		keys = supKeys(g, keys[:0])
		for _, k := range keys {
			if sl := sels[k]; sl != nil && sl.covers(g.Start) {
				hidden = true
				break
			}
		}
		if !hidden {
			out = append(out, g)
		}
	}
	for i := range dirs {
		if g, ok := supReport(&dirs[i]); ok {
			out = append(out, g)
		}
	}
	SortDiagnostics(out)
	return out
}

// supSel gathers the units of one rule selector.
type supSel struct {
	units  []int    // indexes into the units
	starts []int    // ascending starts of the findings the selector names
	spans  [][2]int // after merge: the disjoint union of the units' spans, ascending
}

func (sl *supSel) merge() {
	slices.SortFunc(sl.spans, func(x, y [2]int) int { return x[0] - y[0] })
	m := sl.spans[:0]
	for _, s := range sl.spans {
		if k := len(m); k > 0 && s[0] <= m[k-1][1] {
			m[k-1][1] = max(m[k-1][1], s[1])
			continue
		}
		m = append(m, s)
	}
	sl.spans = m
}

func (sl *supSel) covers(p int) bool {
	i, _ := slices.BinarySearchFunc(sl.spans, p, func(s [2]int, p int) int {
		if s[1] <= p {
			return -1
		}
		if s[0] > p {
			return 1
		}
		return 0
	})
	return i < len(sl.spans) && sl.spans[i][0] <= p && p < sl.spans[i][1]
}

// supKeys appends every selector that names g's rule: "all", its id, its
// category and each group its id is in.
func supKeys(g Diagnostic, keys []string) []string {
	keys = append(keys, "all", g.RuleID)
	if g.Category != "" && g.Category != g.RuleID {
		keys = append(keys, g.Category)
	}
	for i := 0; i < len(g.RuleID); i++ {
		if g.RuleID[i] == '.' && g.RuleID[:i] != g.Category {
			keys = append(keys, g.RuleID[:i])
		}
	}
	return keys
}

func supSorted(ds []Diagnostic) bool {
	for i := 1; i < len(ds); i++ {
		a, b := ds[i-1], ds[i]
		if a.Start > b.Start || a.Start == b.Start && (a.End > b.End || a.End == b.End && a.RuleID > b.RuleID) {
			return false
		}
	}
	return true
}

// supEnd turns the end of a line into the end of the starts it covers: a
// zero-width finding at the very end of the input belongs to the last line.
func supEnd(le, n int) int {
	if le >= n {
		return n + 1
	}
	return le
}

// supUnits turns directives (in source order) into the spans they cover.
// Enables are marked used here, when they end a range.
func supUnits(src []byte, dirs []supDirective) []supUnit {
	n := len(src)
	var units []supUnit
	var open []int // units of ranges not yet ended
	memo := map[int][2]int{}
	for i := range dirs {
		dir := &dirs[i]
		k := max(len(dir.sels), 1)
		switch dir.kind {
		case supNextLine:
			a, b := supNextLineSpan(src, dirs, dir.end, memo)
			for j := 0; j < k; j++ {
				units = append(units, supUnit{a: a, b: b, dir: i, sel: j})
			}
		case supLine:
			ls, _, le := supLineAt(src, dir.start)
			for j := 0; j < k; j++ {
				units = append(units, supUnit{a: ls, b: supEnd(le, n), dir: i, sel: j})
			}
		case supDisable:
			for j := 0; j < k; j++ {
				open = append(open, len(units))
				units = append(units, supUnit{a: dir.start, b: n + 1, dir: i, sel: j})
			}
		case supEnable:
			for j := 0; j < k; j++ {
				e := dir.sel(j)
				open = slices.DeleteFunc(open, func(u int) bool {
					r := dirs[units[u].dir].sel(units[u].sel)
					if e == "all" || e == r || strings.HasPrefix(r, e+".") {
						units[u].b = dir.start
						dir.used[j] = true
						return true
					}
					return false
				})
			}
		}
	}
	return units
}

// supNextLineSpan returns the line a disable-next-line ending at end covers:
// the next line, past any lines that hold only directives. memo maps each
// line start already walked to its answer, so a tall stack is walked once.
func supNextLineSpan(src []byte, dirs []supDirective, end int, memo map[int][2]int) (int, int) {
	n := len(src)
	_, _, p := supLineAt(src, end)
	var walked []int
	span := [2]int{n, n} // no next line: covers nothing
	for p < n {
		if m, ok := memo[p]; ok {
			span = m
			break
		}
		walked = append(walked, p)
		le, ok := supDirectiveOnly(src, dirs, p)
		if !ok {
			_, _, le = supLineAt(src, p)
			span = [2]int{p, supEnd(le, n)}
			break
		}
		p = le
	}
	for _, w := range walked {
		memo[w] = span
	}
	return span[0], span[1]
}

// supDirectiveOnly reports whether the line at p holds directives and
// nothing else but white space, and returns the start of the line after it
// (after the last line a multi-line comment spans).
func supDirectiveOnly(src []byte, dirs []supDirective, p int) (int, bool) {
	found := false
	for {
		for p < len(src) && (src[p] == ' ' || src[p] == '\t') {
			p++
		}
		if p == len(src) || src[p] == '\n' || src[p] == '\r' {
			break
		}
		j, ok := slices.BinarySearchFunc(dirs, p, func(d supDirective, p int) int { return d.start - p })
		if !ok {
			return 0, false
		}
		p, found = dirs[j].end, true
	}
	_, _, le := supLineAt(src, p)
	return le, found
}

// supLineAt returns the start of p's line, the end of its content and the
// start of the next line; "\r\n", "\n" and a lone "\r" end a line.
func supLineAt(src []byte, p int) (ls, ce, le int) {
	n := len(src)
	if p > n {
		p = n
	}
	if p > 0 && p < n && src[p] == '\n' && src[p-1] == '\r' {
		p--
	}
	ls = p
	for ls > 0 && src[ls-1] != '\n' && src[ls-1] != '\r' {
		ls--
	}
	ce = p
	for ce < n && src[ce] != '\n' && src[ce] != '\r' {
		ce++
	}
	le = ce
	if le < n {
		le++
		if src[ce] == '\r' && le < n && src[le] == '\n' {
			le++
		}
	}
	return ls, ce, le
}

// hasDirective reports whether src holds "replykit-". It looks for "kit-":
// a search keyed on "r", a common letter, stops far more often.
func hasDirective(src []byte) bool {
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte("kit-"))
		if j < 0 {
			return false
		}
		if p := i + j; p >= 5 && string(src[p-5:p]) == "reply" {
			return true
		}
		i += j + 1
	}
}

// supCollect finds every directive of d, in source order: in its HTML
// comments, and in plain text and email on lines of their own. Where only
// comments can hold one, only the markup is searched, not the whole text.
func supCollect(d *Document) []supDirective {
	src := d.Src
	lines := d.Format == FormatText || d.Format == FormatEmail
	if lines && !hasDirective(src) || !lines && !slices.ContainsFunc(d.Segments, func(g Segment) bool {
		return g.Kind == Markup && hasDirective(src[g.Start:g.End])
	}) {
		return nil
	}
	var dirs []supDirective
	for _, g := range d.Segments {
		if g.Kind != Markup {
			continue
		}
		for i := g.Start; ; {
			k := bytes.Index(src[i:g.End], []byte("<!--"))
			if k < 0 {
				break
			}
			c := i + k
			e := bytes.Index(src[c+4:g.End], []byte("-->"))
			if e < 0 {
				break
			}
			i = c + 4 + e + 3
			if dir, ok := supParse(src[c+4 : c+4+e]); ok {
				dir.start, dir.end = c, i
				dirs = append(dirs, dir)
			}
		}
	}
	if lines {
		dirs = append(dirs, supTextLines(d)...)
		slices.SortFunc(dirs, func(x, y supDirective) int { return x.start - y.start })
	}
	return dirs
}

// supTextLines finds the plain-text directive lines outside code, quotes,
// headers, front matter and the signature.
func supTextLines(d *Document) []supDirective {
	src, n := d.Src, len(d.Src)
	var dirs []supDirective
	for p := 0; p < n; {
		k := bytes.Index(src[p:], []byte("replykit-"))
		if k < 0 {
			break
		}
		ls, ce, le := supLineAt(src, p+k)
		p = le
		if ce == ls {
			continue
		}
		a, b := ls, ce
		for a < b && (src[a] == ' ' || src[a] == '\t') {
			a++
		}
		for b > a && (src[b-1] == ' ' || src[b-1] == '\t') {
			b--
		}
		body := src[a:b]
		switch {
		case bytes.HasPrefix(body, []byte("//")):
			body = body[2:]
		case bytes.HasPrefix(body, []byte("#")):
			body = body[1:]
		}
		body = bytes.TrimLeft(body, " \t")
		dir, ok := supParse(body)
		if !ok || dir.kind == supLine || !supTextOK(d.Segments, a, b) {
			continue
		}
		dir.start, dir.end, dir.text, dir.lineStart, dir.lineEnd = a, b, true, ls, le
		dirs = append(dirs, dir)
	}
	return dirs
}

// supTextOK reports whether [a, b) lies outside every segment whose text is
// never the reply's own.
func supTextOK(segs []Segment, a, b int) bool {
	i, _ := slices.BinarySearchFunc(segs, a, func(g Segment, p int) int {
		if g.End <= p {
			return -1
		}
		if g.Start > p {
			return 1
		}
		return 0
	})
	for ; i < len(segs) && segs[i].Start < b; i++ {
		switch segs[i].Kind {
		case Quote, Code, FrontMatter, Header, Signature:
			return false
		}
	}
	return true
}

// supParse reads "KEYWORD [RULE[,RULE]] [reason]" at the start of b.
func supParse(b []byte) (supDirective, bool) {
	b = bytes.TrimLeft(b, " \t\r\n\f")
	for _, kw := range supKeywords {
		if !bytes.HasPrefix(b, []byte(kw.word)) {
			continue
		}
		rest := b[len(kw.word):]
		if len(rest) > 0 && !supSpace(rest[0]) {
			return supDirective{}, false // replykit-disabled, replykit-disable-foo
		}
		dir := supDirective{kind: kw.kind, sels: supSelectors(rest)}
		dir.used = make([]bool, max(len(dir.sels), 1))
		return dir, true
	}
	return supDirective{}, false
}

func supSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'
}

// supSelectors returns the rule list opening rest, or nil when rest names
// no rule (or names "all").
func supSelectors(rest []byte) []string {
	fields := strings.Fields(string(rest[:min(len(rest), 4096)]))
	if len(fields) == 0 {
		return nil
	}
	list := fields[0]
	for i := 1; i < len(fields) && (strings.HasSuffix(list, ",") || strings.HasPrefix(fields[i], ",")); i++ {
		list += fields[i] // "a, b" and "a ,b"
	}
	if !supSelectorish(list) {
		return nil
	}
	var sels []string
	for s := range strings.SplitSeq(list, ",") {
		if s == "all" {
			return nil
		}
		if s != "" && !slices.Contains(sels, s) {
			sels = append(sels, s)
		}
	}
	return sels
}

func supSelectorish(s string) bool {
	if s == "" || s[0] == '-' {
		return false
	}
	letter := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z':
			letter = true
		case '0' <= c && c <= '9', c == '.', c == '-', c == '_', c == ',':
		default:
			return false
		}
	}
	return letter
}

// supReport returns the suppression.unused finding for dir, if it has one.
func supReport(dir *supDirective) (Diagnostic, bool) {
	var unused []string
	for i, u := range dir.used {
		if !u {
			unused = append(unused, dir.sel(i))
		}
	}
	if len(unused) == 0 {
		return Diagnostic{}, false
	}
	var msg string
	switch {
	case dir.kind == supEnable && dir.sels == nil:
		msg = "This replykit-enable ends no replykit-disable; remove it."
	case dir.kind == supEnable:
		msg = "This replykit-enable of " + strings.Join(unused, ", ") + " ends no replykit-disable of it; remove it."
	case dir.sels == nil:
		msg = "This suppression hides nothing; remove it."
	case len(unused) == len(dir.used):
		msg = "This suppression of " + strings.Join(unused, ", ") + " hides nothing; remove it."
	default:
		s := strings.Join(unused, ", ")
		msg = "This suppression of " + s + " hides nothing; remove " + s + " from it."
	}
	return Diagnostic{Start: dir.start, End: dir.end, RuleID: SuppressionUnused, Category: SuppressionCategory,
		Severity: Warning, Message: msg}, true
}
