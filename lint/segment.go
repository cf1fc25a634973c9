package lint

import (
	"bytes"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The segmenter makes one forward pass over the lines of a document, with an
// inline scanner for the prose part of each line. Every look-ahead either
// consumes what it scanned or is bounded (by the line, by the next bracket,
// or by a fixed byte budget), so the whole pass stays linear.

const (
	sgTagBudget   = 4096 // longest HTML tag, so long tracking hrefs still fit
	sgDeclBudget  = 1024 // longest <!DOCTYPE …>, <?xml …?> or closing tag
	sgTplBudget   = 200  // longest {{ … }}, {% … %}, ${ … } placeholder
	sgShortBudget = 60   // longest {name}, [NAME], <NAME> placeholder content
	sgMaxTicks    = 64   // longer backtick runs never open a code span
)

type sgScanner struct {
	src  []byte
	n    int
	segs []Segment
	pos  int // end of the last marked segment; bytes before it are settled

	md       bool // Markdown inline syntax: code spans, links, images, escapes
	fences   bool // ``` and ~~~ blocks
	quotes   bool // "> " lines and attribution lines
	indented bool // indented code blocks
	headings bool // "# " heading markers
	refDefs  bool // "[id]: url" lines
	tbl      *[256]bool
	pairs    *sgPairs            // tbl by the byte before as well: see sgPairs
	refs     map[string]struct{} // reference-definition labels, lower-cased

	// next '\n' / '\r' at or after *From: valid for any p in [From, at]
	nlFrom, nlAt, crFrom, crAt int

	btLimit   int // code-span memo, valid for searches bounded by btLimit
	btScanned bool
	btLast    [sgMaxTicks + 1]int

	rawNext  [len(sgRawNames)]int
	rawNone  [len(sgRawNames)]bool
	bqFailed bool

	fmStart, fmEnd int
	fmOK           bool

	blocks   []int  // see Document.blocks
	notParas []span // see Document.notParas
}

// inline trigger bytes; letters start URLs (h f m w) and masks (x)
var sgTblPlain, sgTblMarkdown = sgTables()

// sgPairs is a bit set over two bytes, the one before and the one at a
// place, of the places inline must look at: where tbl holds the byte, but
// for a letter inside a word (after a letter or digit), which matters only
// at the start of one. Most letters that tbl holds (h, w, capitals) stand
// inside words, and no longer stop the skip over plain text.
type sgPairs [1 << 16 / 64]uint64

var sgPairsPlain, sgPairsMarkdown = sgPairsOf(&sgTblPlain), sgPairsOf(&sgTblMarkdown)

func sgPairsOf(tbl *[256]bool) *sgPairs {
	// By the byte before: after a letter or digit, tbl without letters.
	var all, inWord [4]uint64
	for c := 0; c < 256; c++ {
		if tbl[c] {
			all[c>>6] |= 1 << (c & 63)
			if !sgIsLetter(byte(c)) {
				inWord[c>>6] |= 1 << (c & 63)
			}
		}
	}
	var p sgPairs
	for prev := 0; prev < 256; prev++ {
		row := all
		if sgIsAlnum(byte(prev)) {
			row = inWord
		}
		copy(p[prev*4:], row[:])
	}
	return &p
}

// sgNext is sgPairs by the byte after instead: of the letters, those that
// may start something by what follows them (ht, ft, ma, ww for a URL, xx for
// a mask, two capitals for a placeholder in capitals); every other byte,
// whatever follows. A place is looked at only when both sets hold it, so a
// word such as "The" or "have" no longer stops the skip at its start either.
var sgNext = func() *sgPairs {
	var p sgPairs
	for c := 0; c < 256; c++ {
		// The row of c: bit next of p[c*4:c*4+4], as at reads it (the byte
		// at i+1, then the one before). Set bit by bit, not tried for each
		// next: every process builds the table as it starts.
		row := [4]uint64{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}
		if sgIsLetter(byte(c)) {
			row = [4]uint64{}
			set := func(lo, hi int) {
				for b := lo; b <= hi; b++ {
					row[b>>6] |= 1 << (b & 63)
				}
			}
			if s := int(sgURLSecond[c]); s != 0 {
				set(s, s)             // ht, ma, ww…
				set(s&^0x20, s&^0x20) // …and hT, mA, wW
			}
			if c == 'x' || c == 'X' {
				set(c, c) // xx, XX
			}
			if c == 'X' {
				set('0', '9')
				set('_', '_')
			}
			if 'A' <= c && c <= 'Z' {
				set('A', 'Z')
			}
		}
		copy(p[c*4:], row[:])
	}
	return &p
}()

// at reports whether inline must look at b[i], with b[i-1] before it.
func (p *sgPairs) at(b []byte, i int) bool {
	k := int(b[i]) | int(b[i-1])<<8
	return p[k>>6]>>(k&63)&1 != 0
}

// second letter of the URL prefixes starting with each trigger letter
var sgURLSecond = [256]byte{'h': 't', 'H': 't', 'f': 't', 'F': 't', 'm': 'a', 'M': 'a', 'w': 'w', 'W': 'w'}

// sgTables returns the bytes inline looks at in plain text and in Markdown.
func sgTables() (plain, markdown [256]bool) {
	for _, c := range []byte("<&[{$%#@*hHfFmMwWxX_ABCDEFGHIJKLMNOPQRSTUVWXYZ\xc2\xe2") {
		plain[c] = true
		markdown[c] = true
	}
	for _, c := range []byte("`!\\") {
		markdown[c] = true
	}
	return plain, markdown
}

func sgSegment(d *Document) { sgSegmentSkipping(d, true) }

// sgSegmentSkipping segments d, skipping plain text four bytes a step when
// skip is set; without, inline looks at every byte (for tests: both must
// give the same segments).
func sgSegmentSkipping(d *Document, skip bool) {
	s := &sgScanner{src: d.Src, n: len(d.Src), segs: make([]Segment, 0, 16+len(d.Src)/1024), // drafts hold about one a 4 KB
		nlFrom: 1, nlAt: 0, crFrom: 1, crAt: 0, btLimit: -1}
	for i := range s.rawNext {
		s.rawNext[i] = -1
	}
	switch d.Format {
	case FormatText:
		s.fences, s.quotes, s.tbl, s.pairs = true, true, &sgTblPlain, sgPairsPlain
	case FormatHTML:
		s.tbl, s.pairs = &sgTblPlain, sgPairsPlain
	case FormatEmail:
		s.md, s.fences, s.quotes, s.headings, s.refDefs, s.tbl, s.pairs = true, true, true, true, true, &sgTblMarkdown, sgPairsMarkdown
	default:
		s.md, s.fences, s.quotes, s.indented, s.headings, s.refDefs, s.tbl, s.pairs = true, true, true, true, true, true, &sgTblMarkdown, sgPairsMarkdown
	}
	if !skip {
		s.pairs = nil
	}
	s.run(d.Format)
	d.Segments, d.blocks, d.notParas = s.segs, s.blocks, s.notParas
	d.fmStart, d.fmEnd, d.fmOK = s.fmStart, s.fmEnd, s.fmOK
}

func (s *sgScanner) run(f Format) {
	p := 0
	if bytes.HasPrefix(s.src, []byte("\xEF\xBB\xBF")) {
		s.mark(0, 3, Markup)
		p = 3
	}
	if s.refDefs && bytes.Contains(s.src, []byte("]:")) {
		s.collectRefs(p)
	}
	if f == FormatEmail {
		p = s.headers(p)
	} else {
		p = s.frontMatter(p)
	}
	s.body(p)
	if s.pos < s.n {
		s.add(s.pos, s.n, Prose)
	}
}

// notParagraph notes that the line [a, b) is a heading's, a list item's or
// a table's (see Document.notParas).
func (s *sgScanner) notParagraph(a, b int) {
	if n := len(s.notParas); n > 0 && s.notParas[n-1].end >= a {
		s.notParas[n-1].end = max(s.notParas[n-1].end, b)
		return
	}
	s.notParas = append(s.notParas, span{a, b})
}

// sgTableDelim reports whether a Markdown line is a table's delimiter row:
// cells of dashes, perhaps with colons, between pipes ("|---|:--:|").
func sgTableDelim(l []byte) bool {
	pipes, dashes := 0, 0
	for _, c := range l {
		switch c {
		case '|':
			pipes++
		case '-':
			dashes++
		case ':', ' ', '\t', '\r':
		default:
			return false
		}
	}
	return pipes > 0 && dashes > 0
}

// block notes that a Markdown block starts at p, a line's start.
func (s *sgScanner) block(p int) {
	if n := len(s.blocks); n == 0 || s.blocks[n-1] < p {
		s.blocks = append(s.blocks, p)
	}
}

// mark records [a, b) as kind k; the unmarked gap before it becomes prose.
func (s *sgScanner) mark(a, b int, k SegmentKind) {
	if a < s.pos {
		a = s.pos
	}
	if b > s.n {
		b = s.n
	}
	if b <= a {
		return
	}
	if a > s.pos {
		s.add(s.pos, a, Prose)
	}
	s.add(a, b, k)
	s.pos = b
}

// add appends a segment, merging it into the previous one of the same kind.
func (s *sgScanner) add(a, b int, k SegmentKind) {
	if m := len(s.segs); m > 0 && s.segs[m-1].Kind == k && s.segs[m-1].End == a {
		s.segs[m-1].End = b
		return
	}
	if len(s.segs) == cap(s.segs) {
		// Double: append grows a long list by a quarter at a time, and
		// real replies, with their links and markup, have a segment every
		// few dozen bytes, which is a copy of the list every few KB.
		s.segs = slices.Grow(s.segs, len(s.segs))
	}
	s.segs = append(s.segs, Segment{Start: a, End: b, Kind: k})
}

// line returns the end of p's line content and the start of the next line.
func (s *sgScanner) line(p int) (ce, le int) {
	nl := s.nextByte('\n', p, &s.nlFrom, &s.nlAt)
	cr := s.nextByte('\r', p, &s.crFrom, &s.crAt)
	if cr < nl {
		if cr+1 == nl && nl < s.n {
			return cr, nl + 1
		}
		return cr, cr + 1
	}
	if nl >= s.n {
		return s.n, s.n
	}
	return nl, nl + 1
}

// nextByte finds c at or after p, reusing the last answer so lone-CR or
// newline-free documents are not rescanned line after line.
func (s *sgScanner) nextByte(c byte, p int, from, at *int) int {
	if *from <= p && p <= *at {
		return *at
	}
	*from = p
	if i := bytes.IndexByte(s.src[p:], c); i >= 0 {
		*at = p + i
	} else {
		*at = s.n
	}
	return *at
}

func (s *sgScanner) lineStart(p int) bool {
	if p == 0 {
		return true
	}
	c := s.src[p-1]
	return c == '\n' || c == '\r' && (p >= s.n || s.src[p] != '\n')
}

// headers marks the RFC 5322 header block of an .eml file.
func (s *sgScanner) headers(p int) int {
	q := p
	for q < s.n {
		ce, le := s.line(q)
		l := s.src[q:ce]
		switch {
		case len(l) == 0:
			if q > p {
				q = le
			}
		case l[0] == ' ' || l[0] == '\t':
			if q > p {
				q = le
				continue
			}
		case sgIsHeaderLine(l) || q == p && bytes.HasPrefix(l, []byte("From ")):
			q = le
			continue
		}
		break
	}
	s.mark(p, q, Header)
	return q
}

func sgIsHeaderLine(l []byte) bool {
	for i, c := range l {
		if c == ':' {
			return i > 0
		}
		if c < 33 || c > 126 {
			return false
		}
	}
	return false
}

// frontMatter marks a YAML block opened by "---" on the first line; an
// unclosed one is not front matter (it is a thematic break then).
func (s *sgScanner) frontMatter(p int) int {
	ce, le := s.line(p)
	if !sgIsFMFence(s.src[p:ce], false) {
		return p
	}
	for q := le; q < s.n; {
		ce2, le2 := s.line(q)
		if sgIsFMFence(s.src[q:ce2], true) {
			s.mark(p, le2, FrontMatter)
			s.fmStart, s.fmEnd, s.fmOK = le, q, true
			return le2
		}
		q = le2
	}
	return p
}

func sgIsFMFence(l []byte, closing bool) bool {
	l = sgTrimRight(l)
	return string(l) == "---" || closing && string(l) == "..."
}

// collectRefs gathers "[id]: url" labels so shortcut links [id] are links.
func (s *sgScanner) collectRefs(p int) {
	for p < s.n {
		ce, le := s.line(p)
		if a, b := sgRefDef(s.src[p:ce]); b > a && b-a <= len(sgLabelBuf{}) {
			if s.refs == nil {
				s.refs = make(map[string]struct{})
			}
			var buf sgLabelBuf
			s.refs[string(sgLowerLabel(&buf, s.src[p+a:p+b]))] = struct{}{}
		}
		p = le
	}
}

func (s *sgScanner) isRef(label []byte) bool {
	if s.refs == nil || len(label) == 0 || len(label) > len(sgLabelBuf{}) {
		return false
	}
	var buf sgLabelBuf
	_, ok := s.refs[string(sgLowerLabel(&buf, label))]
	return ok
}

type sgLabelBuf [64]byte

// sgLowerLabel lower-cases ASCII into buf, so lookups need no allocation.
func sgLowerLabel(buf *sgLabelBuf, label []byte) []byte {
	for i, c := range label {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(label)]
}

func (s *sgScanner) body(p int) {
	prevBlank, inIndent, listCtx := true, false, false
	first := true
	tableCtx, prevStart, prevEnd := false, -1, -1 // in a table; the last line read as a block's
	for p < s.n {
		ce, le := s.line(p)
		if !first && !s.lineStart(p) { // rest of a line after a multi-line construct
			p = s.inline(p, ce, le, s.n, false)
			prevBlank, inIndent = false, false
			continue
		}
		first = false
		l := s.src[p:ce]
		ind, indBytes := sgIndent(l)
		if indBytes == len(l) {
			prevBlank, tableCtx = true, false
			p = le
			continue
		}
		if sgIsSigLine(l) {
			s.mark(p, s.n, Signature)
			return
		}
		if sgIsListItem(l) {
			listCtx = true
		} else if ind == 0 && prevBlank {
			listCtx = false
		}
		if s.indented && ind >= 4 && !listCtx && (prevBlank || inIndent) {
			s.mark(p, le, Code)
			p, prevBlank, inIndent = le, false, true
			continue
		}
		inIndent = false
		if s.quotes && (sgIsQuoteLine(l) || sgIsAttribution(l) && s.quoteFollows(le)) {
			s.mark(p, le, Quote)
			p, prevBlank = le, false
			continue
		}
		if s.fences {
			if ch, k := sgFenceOpen(l, listCtx); k > 0 {
				p = s.fence(p, le, ch, k)
				prevBlank = true
				continue
			}
		}
		if s.headings && sgThematicBreak(l) {
			s.mark(p, le, Markup) // ---, * * *: a rule across the page, no prose
			p, prevBlank = le, false
			continue
		}
		if s.refDefs {
			if _, b := sgRefDef(l); b > 0 {
				s.mark(p, le, Markup)
				p, prevBlank = le, false
				continue
			}
		}
		from, heading := p, false
		if s.headings {
			if a, b := sgHeading(l); b > a {
				s.mark(p+a, p+b, Markup)
				from, heading = p+b, true
			} else if a, b := sgListMarker(l); b > a {
				s.mark(p+a, p+b, Markup) // "1. ", "- ": the item's text is the prose
				from = p + b
			}
			if from > p && !prevBlank {
				s.block(p) // a heading or a list item starts a block of its own
			}
			// A table starts at the row above its delimiter row, and ends at
			// a line with no pipe.
			if l[indBytes] == '|' || l[indBytes] == '-' || l[indBytes] == ':' {
				if sgTableDelim(l) && prevEnd == p && bytes.IndexByte(s.src[prevStart:prevEnd], '|') >= 0 {
					s.notParagraph(prevStart, prevEnd)
					tableCtx = true
				}
			}
			if tableCtx && bytes.IndexByte(l, '|') < 0 {
				tableCtx = false
			}
			if heading || listCtx || tableCtx {
				s.notParagraph(p, le)
			}
			prevStart, prevEnd = p, le
		}
		p = s.inline(from, ce, le, s.n, false)
		if heading && p == le && le < s.n {
			s.block(le) // and the line after a heading starts another
		}
		if s.headings {
			// Two spaces or more that end a line are a hard line break:
			// markup, as Vale's reader takes them, not spacing in the prose.
			t := ce
			for t > from && s.src[t-1] == ' ' {
				t--
			}
			if ce-t >= 2 && t > from {
				s.mark(t, ce, Markup)
			}
		}
		prevBlank = false
	}
}

// sgThematicBreak reports whether a Markdown line is a thematic break (or a
// setext heading's underline): up to three spaces, then three or more of
// one of - * _, with spaces or tabs between them, and nothing else.
func sgThematicBreak(l []byte) bool {
	i := 0
	for i < len(l) && i < 3 && l[i] == ' ' {
		i++
	}
	if i == len(l) || l[i] != '-' && l[i] != '*' && l[i] != '_' {
		return false
	}
	c, n := l[i], 0
	for ; i < len(l); i++ {
		switch l[i] {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// fence marks a fenced block; an unclosed fence runs to the end.
func (s *sgScanner) fence(p, le int, ch byte, k int) int {
	for q := le; q < s.n; {
		ce, nle := s.line(q)
		if sgFenceClose(s.src[q:ce], ch, k) {
			s.mark(p, nle, Code)
			return nle
		}
		q = nle
	}
	s.mark(p, s.n, Code)
	return s.n
}

// quoteFollows reports whether the next non-blank line is a quote line.
func (s *sgScanner) quoteFollows(q int) bool {
	for q < s.n {
		ce, le := s.line(q)
		l := s.src[q:ce]
		if _, ib := sgIndent(l); ib < len(l) {
			return sgIsQuoteLine(l)
		}
		q = le
	}
	return false
}

// sgIndent returns the indentation width (tabs to the next multiple of 4)
// and its length in bytes.
func sgIndent(l []byte) (width, n int) {
	for n < len(l) {
		switch l[n] {
		case ' ':
			width++
		case '\t':
			width += 4 - width%4
		default:
			return width, n
		}
		n++
	}
	return width, n
}

func sgTrimRight(l []byte) []byte {
	for len(l) > 0 && (l[len(l)-1] == ' ' || l[len(l)-1] == '\t') {
		l = l[:len(l)-1]
	}
	return l
}

func sgIsSigLine(l []byte) bool {
	return string(l) == "-- " || string(l) == "--"
}

func sgIsQuoteLine(l []byte) bool {
	i := 0
	for i < 3 && i < len(l) && l[i] == ' ' {
		i++
	}
	return i < len(l) && l[i] == '>'
}

// attribution endings of common mail clients, lower-case
var sgAttributions = [...]string{
	"wrote:", "writes:", "schrieb:", "écrit:", "écrit :", "escribió:", "scritto:",
	"escreveu:", "schreef:", "skrev:", "napisał:", "napisał(a):", "kirjoitti:",
	"написал:", "написала:", "כתב:", "כתב/ה:", "写道：", "写道:", "寫道：", "寫道:",
}

func sgIsAttribution(l []byte) bool {
	l = sgTrimRight(l)
	if len(l) == 0 || l[len(l)-1] != ':' && !bytes.HasSuffix(l, []byte("：")) {
		return false
	}
	for _, a := range sgAttributions {
		if len(l) >= len(a) && sgEqualFold(l[len(l)-len(a):], a) {
			return true
		}
	}
	// German clients put the sender after the verb: "Am … schrieb Anna <a@b.de>:"
	return bytes.HasPrefix(l, []byte("Am ")) && bytes.Contains(l, []byte(" schrieb "))
}

func sgIsListItem(l []byte) bool {
	i := 0
	for i < 3 && i < len(l) && l[i] == ' ' {
		i++
	}
	if i >= len(l) {
		return false
	}
	switch c := l[i]; {
	case c == '-' || c == '*' || c == '+':
		i++
	case '0' <= c && c <= '9':
		j := i
		for i < len(l) && i-j < 9 && '0' <= l[i] && l[i] <= '9' {
			i++
		}
		if i >= len(l) || l[i] != '.' && l[i] != ')' {
			return false
		}
		i++
	default:
		return false
	}
	return i == len(l) || l[i] == ' ' || l[i] == '\t'
}

// sgListMarker returns where a list item's marker starts and where the
// spaces after it end (after a task-list box, "[ ] " or "[x] ", too), or
// 0, 0 when l is no list item.
func sgListMarker(l []byte) (int, int) {
	if !sgIsListItem(l) {
		return 0, 0
	}
	i := 0
	for i < len(l) && l[i] == ' ' {
		i++
	}
	a := i
	for i < len(l) && l[i] != ' ' && l[i] != '\t' {
		i++
	}
	for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	if i+3 < len(l) && l[i] == '[' && (l[i+1] == ' ' || l[i+1] == 'x' || l[i+1] == 'X') && l[i+2] == ']' && l[i+3] == ' ' {
		for i += 3; i < len(l) && l[i] == ' '; i++ {
		}
	}
	return a, i
}

func sgFenceOpen(l []byte, listCtx bool) (byte, int) {
	w, i := sgIndent(l)
	if w > 3 && !listCtx || i >= len(l) {
		return 0, 0
	}
	c := l[i]
	if c != '`' && c != '~' {
		return 0, 0
	}
	j := i
	for j < len(l) && l[j] == c {
		j++
	}
	if j-i < 3 || c == '`' && bytes.IndexByte(l[j:], '`') >= 0 {
		return 0, 0
	}
	return c, j - i
}

func sgFenceClose(l []byte, ch byte, k int) bool {
	_, i := sgIndent(l)
	j := i
	for j < len(l) && l[j] == ch {
		j++
	}
	if j-i < k {
		return false
	}
	_, t := sgIndent(l[j:])
	return j+t == len(l)
}

// sgRefDef returns the label span of a "[label]: dest" line.
func sgRefDef(l []byte) (int, int) {
	i := 0
	for i < 3 && i < len(l) && l[i] == ' ' {
		i++
	}
	if i+1 >= len(l) || l[i] != '[' || l[i+1] == '^' || l[i+1] == ']' {
		return 0, 0
	}
	a := i + 1
	j := a
	for j < len(l) && l[j] != ']' && l[j] != '[' {
		j++
	}
	if j+1 >= len(l) || l[j] != ']' || l[j+1] != ':' {
		return 0, 0
	}
	if j+2 < len(l) && l[j+2] != ' ' && l[j+2] != '\t' {
		return 0, 0
	}
	return a, j
}

// sgHeading returns the span of the '#' run of an ATX heading.
func sgHeading(l []byte) (int, int) {
	i := 0
	for i < 3 && i < len(l) && l[i] == ' ' {
		i++
	}
	j := i
	for j < len(l) && l[j] == '#' {
		j++
	}
	if j == i || j-i > 6 || j < len(l) && l[j] != ' ' && l[j] != '\t' {
		return 0, 0
	}
	return i, j
}

// inline scans prose in [i, ce) of a line ending at le. Constructs that may
// cross lines stop at hard; it returns where the caller should go on.
func (s *sgScanner) inline(i, ce, le, hard int, inLink bool) int {
	src, tbl, pairs := s.src, s.tbl, s.pairs
	b := src[:ce] // lets the compiler drop bounds checks in the skip loop
	for i < len(b) {
		// Plain text, four bytes a step: most of a draft is.
		for pairs != nil && i > 0 && i+5 <= len(b) && !(pairs.at(b, i) && sgNext.at(b, i+1)) && !(pairs.at(b, i+1) && sgNext.at(b, i+2)) &&
			!(pairs.at(b, i+2) && sgNext.at(b, i+3)) && !(pairs.at(b, i+3) && sgNext.at(b, i+4)) {
			i += 4
		}
		if i >= len(b) {
			break
		}
		c := b[i]
		if !tbl[c] {
			i++
			continue
		}
		// A letter matters only at the start of a word (a URL, a mask such
		// as xxxx, a placeholder in capitals): inside one, move on.
		if l := c | 0x20; 'a' <= l && l <= 'z' && i > 0 && sgIsAlnum(b[i-1]) {
			i++
			continue
		}
		e := -1
		switch c {
		case '`':
			i = s.codeSpan(i, ce)
			continue
		case '\\':
			if i+1 < ce && sgIsASCIIPunct(src[i+1]) {
				i += 2
				continue
			}
		case '<':
			e = s.angle(i, ce, hard, inLink)
		case '&':
			e = s.entity(i, ce)
		case '[':
			e = s.bracket(i, ce, inLink)
		case '!':
			if i+1 < ce && src[i+1] == '[' {
				e = s.image(i, ce)
			}
		case '{':
			e = s.brace(i, ce, hard)
		case '$':
			e = s.dollar(i, ce)
		case '%', '#':
			if i+1 < ce && src[i+1] == '{' {
				e = s.interp(i, ce)
			} else if c == '%' {
				e = s.percentVar(i, ce)
			}
		case '@':
			e = s.email(i, ce)
		case 'x', 'X':
			if i+2 < ce && src[i+1] == c {
				e = s.mask(i, ce)
			}
			if e < 0 && c == 'X' {
				e = s.capsPlaceholder(i, ce)
			}
		case '_':
			e = s.blank(i, ce)
		case '*':
			if i+1 < ce && src[i+1] == '|' {
				e = s.mergeTag(i, ce)
			}
		case 0xc2, 0xe2: // £ and € start with these bytes
			if r, _ := utf8.DecodeRune(src[i:ce]); r == '£' || r == '€' {
				e = s.currencyMask(i, ce)
			}
		default: // h f m w: cheap second-letter test before the prefix checks
			if i+1 < ce && src[i+1]|0x20 == sgURLSecond[c] && (i == 0 || !sgIsAlnum(src[i-1])) {
				e = s.url(i, ce)
			}
			if e < 0 && 'A' <= c && c <= 'Z' && i+1 < ce && 'A' <= src[i+1] && src[i+1] <= 'Z' {
				e = s.capsPlaceholder(i, ce)
			}
		}
		if e > i {
			i = e
		} else {
			i++
		}
	}
	if i > ce {
		return i
	}
	return le
}

// codeSpan marks `code` and returns where scanning goes on; a run without a
// closing run of the same length is literal.
func (s *sgScanner) codeSpan(i, ce int) int {
	j := i
	for j < ce && s.src[j] == '`' {
		j++
	}
	k := j - i
	if k > sgMaxTicks {
		return j
	}
	if c := s.closeTicks(j, ce, k); c >= 0 {
		s.mark(i, c+k, Code)
		return c + k
	}
	return j
}

// closeTicks finds a run of exactly k backticks in [from, limit). It records
// the last run of each length seen, so that once a scan has reached the
// limit, later openers without a partner fail at once (as cmark does).
func (s *sgScanner) closeTicks(from, limit, k int) int {
	if s.btLimit != limit {
		s.btLimit, s.btScanned = limit, false
		for x := range s.btLast {
			s.btLast[x] = -1
		}
	}
	if s.btScanned && s.btLast[k] < from {
		return -1
	}
	for p := from; p < limit; {
		q := bytes.IndexByte(s.src[p:limit], '`')
		if q < 0 {
			break
		}
		r := p + q
		e := r
		for e < limit && s.src[e] == '`' {
			e++
		}
		if L := e - r; L <= sgMaxTicks && r > s.btLast[L] {
			s.btLast[L] = r
		}
		if e-r == k {
			return r
		}
		p = e
	}
	s.btScanned = true
	return -1
}

func (s *sgScanner) entity(i, ce int) int {
	src := s.src
	j := i + 1
	if j < ce && src[j] == '#' {
		j++
		hex := j < ce && (src[j] == 'x' || src[j] == 'X')
		if hex {
			j++
		}
		d := j
		for j < ce && j-d < 8 && (sgIsDigit(src[j]) || hex && sgIsHex(src[j])) {
			j++
		}
		if j == d {
			return -1
		}
	} else {
		d := j
		for j < ce && j-d < 32 && sgIsAlnum(src[j]) {
			j++
		}
		if j-d < 2 || !sgIsLetter(src[d]) {
			return -1
		}
	}
	if j >= ce || src[j] != ';' {
		return -1
	}
	s.mark(i, j+1, Markup)
	return j + 1
}

// bracketEnd finds the ']' closing the '[' at i on this line; another '['
// first means no, which keeps every bracket scan disjoint from the next.
func (s *sgScanner) bracketEnd(i, ce int) int {
	src := s.src
	j := i + 1
	for j < ce {
		c := src[j]
		if c == '[' || c == ']' {
			break
		}
		if c == '\\' && s.md {
			j++
		}
		j++
	}
	if j >= ce || src[j] != ']' {
		return -1
	}
	return j
}

// bracket handles '[': Markdown links, reference links and [PLACEHOLDER]s.
func (s *sgScanner) bracket(i, ce int, inLink bool) int {
	src := s.src
	j := s.bracketEnd(i, ce)
	if j < 0 {
		return -1
	}
	var next byte
	if j+1 < ce {
		next = src[j+1]
	}
	if s.md && !inLink {
		switch {
		case next == '(':
			if e, ds, de := s.linkDest(j+1, ce); e > 0 {
				s.mark(i, i+1, Markup)
				s.inline(i+1, j, j, j, true)
				s.mark(j, ds, Markup)
				s.mark(ds, de, URL)
				s.mark(de, e, Markup)
				return e
			}
		case next == '[':
			if k := s.bracketEnd(j+1, ce); k > 0 {
				s.mark(i, i+1, Markup)
				s.inline(i+1, j, j, j, true)
				s.mark(j, k+1, Markup)
				return k + 1
			}
		case next != ':' && s.isRef(src[i+1:j]):
			s.mark(i, i+1, Markup)
			s.inline(i+1, j, j, j, true)
			s.mark(j, j+1, Markup)
			return j + 1
		}
	}
	if next == '(' || next == '[' || next == ':' || i > 0 && src[i-1] == ']' {
		return -1
	}
	if sgBracketPlaceholder(src[i+1:j]) || sgIsBlank(src[i+1:j]) && j > i+1 && s.afterText(i) {
		s.mark(i, j+1, Placeholder)
		return j + 1
	}
	return -1
}

// afterText reports whether words stand before i on its line, so "[ ]" is a
// blank to fill ("reference is [ ]"), not a task-list box ("- [ ] Book it").
func (s *sgScanner) afterText(i int) bool {
	for k := i - 1; k >= 0 && s.src[k] != '\n' && s.src[k] != '\r'; k-- {
		if sgIsAlnum(s.src[k]) {
			return true
		}
	}
	return false
}

// image marks ![alt](src) and ![alt][ref] entirely as markup.
func (s *sgScanner) image(i, ce int) int {
	if !s.md {
		return -1
	}
	j := s.bracketEnd(i+1, ce)
	if j < 0 || j+1 >= ce {
		return -1
	}
	e := -1
	switch s.src[j+1] {
	case '(':
		e, _, _ = s.linkDest(j+1, ce)
	case '[':
		if k := s.bracketEnd(j+1, ce); k > 0 {
			e = k + 1
		}
	}
	if e > 0 {
		s.mark(i, e, Markup)
	}
	return e
}

// linkDest parses "(dest "title")" at p and returns its end and the
// destination span. It gives up at a bracket, which keeps it linear.
func (s *sgScanner) linkDest(p, ce int) (end, ds, de int) {
	src := s.src
	q := sgSkipBlank(src, p+1, ce)
	ds = q
	if q < ce && src[q] == '<' {
		r := q + 1
		for r < ce && src[r] != '>' && src[r] != '<' {
			if src[r] == '\\' {
				r++
			}
			r++
		}
		if r >= ce || src[r] != '>' {
			return -1, 0, 0
		}
		q = r + 1
	} else {
		depth := 0
	dest:
		for q < ce {
			switch c := src[q]; {
			case c <= ' ' || c == 0x7f:
				break dest
			case c == '[' || c == ']':
				return -1, 0, 0
			case c == '\\' && q+1 < ce:
				q++
			case c == '(':
				if depth++; depth > 32 {
					return -1, 0, 0
				}
			case c == ')':
				if depth == 0 {
					break dest
				}
				depth--
			}
			q++
		}
	}
	de = q
	q = sgSkipBlank(src, q, ce)
	if q < ce && q > de && (src[q] == '"' || src[q] == '\'' || src[q] == '(') {
		closer := src[q]
		if closer == '(' {
			closer = ')'
		}
		lim := min(ce, q+1+sgTplBudget)
		r := q + 1
		for r < lim && src[r] != closer {
			if src[r] == '\\' {
				r++
			}
			r++
		}
		if r >= lim {
			return -1, 0, 0
		}
		q = sgSkipBlank(src, r+1, ce)
	}
	if q >= ce || src[q] != ')' {
		return -1, 0, 0
	}
	return q + 1, ds, de
}

func sgSkipBlank(src []byte, p, ce int) int {
	for p < ce && (src[p] == ' ' || src[p] == '\t') {
		p++
	}
	return p
}

// sgBracketPlaceholder: [Customer Name], [insert date], [NAME]; not a task box.
func sgBracketPlaceholder(b []byte) bool {
	if len(b) == 0 || len(b) > sgShortBudget || len(b) == 1 && (b[0] == 'x' || b[0] == 'X') {
		return false
	}
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			switch {
			case sgIsLetter(c):
			case i == 0:
				return false
			case sgIsDigit(c) || c == ' ' || c == '_' || c == '.' || c == '-' || c == '/' || c == '#':
			default:
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if !unicode.IsLetter(r) && (i == 0 || !unicode.IsMark(r) && !unicode.IsDigit(r)) {
			return false
		}
		i += n
	}
	return true
}

// brace handles {{ … }}, {{{ … }}}, {% … %} (may cross lines) and {name}.
func (s *sgScanner) brace(i, ce, hard int) int {
	src := s.src
	if i+1 < hard && (src[i+1] == '{' || src[i+1] == '%') {
		closer := []byte("}}")
		if src[i+1] == '%' {
			closer = []byte("%}")
		}
		lim := min(hard, i+sgTplBudget)
		if k := bytes.Index(src[i+2:lim], closer); k >= 0 {
			end := i + 2 + k + 2
			if src[i+1] == '{' && i+2 < lim && src[i+2] == '{' && end < lim && src[end] == '}' {
				end++
			}
			s.mark(i, end, Placeholder)
			return end
		}
	}
	lim := min(ce, i+2+sgShortBudget)
	j := i + 1
	for j < lim && src[j] != '}' && src[j] != '{' {
		j++
	}
	if j >= lim || src[j] != '}' || sgIsBlank(src[i+1:j]) {
		return -1
	}
	s.mark(i, j+1, Placeholder)
	return j + 1
}

// interp handles ${ … }, %{ … } and #{ … } on one line.
func (s *sgScanner) interp(i, ce int) int {
	src := s.src
	lim := min(ce, i+sgTplBudget)
	j := i + 2
	for j < lim && src[j] != '}' && src[j] != '{' {
		j++
	}
	if j >= lim || src[j] != '}' || sgIsBlank(src[i+2:j]) {
		return -1
	}
	s.mark(i, j+1, Placeholder)
	return j + 1
}

// dollar handles ${ … } and $SITE_URL$.
func (s *sgScanner) dollar(i, ce int) int {
	src := s.src
	if i+1 < ce && src[i+1] == '{' {
		return s.interp(i, ce)
	}
	lim := min(ce, i+1+sgShortBudget)
	j := i + 1
	for j < lim && ('A' <= src[j] && src[j] <= 'Z' || src[j] == '_') {
		j++
	}
	if j-i-1 >= 2 && j < ce && src[j] == '$' {
		s.mark(i, j+1, Placeholder)
		return j + 1
	}
	// $first_name, $customer: a shell- or PHP-style variable left in.
	if i > 0 && sgWordRuneAt(src, i-1, ce) {
		return -1
	}
	j = i + 1
	for j < lim && ('a' <= src[j] && src[j] <= 'z' || src[j] == '_' || j > i+1 && sgIsDigit(src[j])) {
		j++
	}
	if j-i-1 < 3 || j < ce && sgWordRuneAt(src, j, ce) {
		return s.currencyMask(i, ce)
	}
	s.mark(i, j, Placeholder)
	return j
}

// percentVar marks %first_name%, %NAME% and %%first_name%%: a word between percent signs.
func (s *sgScanner) percentVar(i, ce int) int {
	src := s.src
	w := 1 // one or two percent signs on each side
	if i+1 < ce && src[i+1] == '%' {
		w = 2
	}
	lim := min(ce, i+w+sgShortBudget)
	j := i + w
	for j < lim && (sgIsLetter(src[j]) || src[j] == '_' || j > i+w && (sgIsDigit(src[j]) || src[j] == '.')) {
		j++
	}
	if j-i-w < 2 || j+w > ce || !bytes.Equal(src[j:j+w], []byte("%%")[:w]) || (j+w < ce && sgWordRuneAt(src, j+w, ce)) {
		return -1
	}
	s.mark(i, j+w, Placeholder)
	return j + w
}

// mergeTag marks Mailchimp's *|FNAME|*.
func (s *sgScanner) mergeTag(i, ce int) int {
	src := s.src
	lim := min(ce, i+2+sgShortBudget)
	j := i + 2
	for j < lim && (sgIsAlnum(src[j]) || src[j] == '_' || src[j] == ':') {
		j++
	}
	if j == i+2 || j+1 >= ce || src[j] != '|' || src[j+1] != '*' {
		return -1
	}
	s.mark(i, j+2, Placeholder)
	return j + 2
}

// currencyMask marks £XX.XX and $XX: a price never filled in.
func (s *sgScanner) currencyMask(i, ce int) int {
	src := s.src
	_, size := utf8.DecodeRune(src[i:ce])
	j := i + size
	if j < ce && src[j] == ' ' {
		j++
	}
	if j+1 >= ce || src[j] != 'X' && src[j] != 'x' || src[j+1] != src[j] {
		return -1
	}
	x := src[j]
	for j < ce && (src[j] == x || (src[j] == '.' || src[j] == ',') && j+1 < ce && src[j+1] == x) {
		j++
	}
	if j < ce && sgWordRuneAt(src, j, ce) {
		return -1
	}
	s.mark(i, j, Placeholder)
	return j
}

// email marks user@example.com; the local part is found by looking back at
// most 64 bytes and never before what is already settled.
func (s *sgScanner) email(i, ce int) int {
	src := s.src
	lo := max(s.pos, i-64)
	a := i
	for a > lo && sgIsLocal(src[a-1]) {
		a--
	}
	for a < i && src[a] == '.' {
		a++
	}
	if a == i {
		return -1
	}
	e := i + 1
	for e < ce && e-i < 256 && (sgIsAlnum(src[e]) || src[e] == '-' || src[e] == '.') {
		e++
	}
	for e > i+1 && (src[e-1] == '.' || src[e-1] == '-') {
		e--
	}
	if !sgValidDomain(src[i+1 : e]) {
		return -1
	}
	s.mark(a, e, Email)
	return e
}

// sgValidDomain: dot-separated non-empty labels ending in a 2+ letter TLD.
func sgValidDomain(d []byte) bool {
	dot := bytes.LastIndexByte(d, '.')
	if dot <= 0 || len(d)-dot-1 < 2 {
		return false
	}
	for _, c := range d[dot+1:] {
		if !sgIsLetter(c) {
			return false
		}
	}
	prev := byte('.')
	for _, c := range d {
		if c == '.' && (prev == '.' || prev == '-') || prev == '.' && c == '-' {
			return false
		}
		if c != '.' && c != '-' && !sgIsAlnum(c) {
			return false
		}
		prev = c
	}
	return true
}

// url marks http://, https://, ftp://, mailto: and www. addresses.
func (s *sgScanner) url(i, ce int) int {
	src := s.src
	rest := src[i:ce]
	p := -1
	switch src[i] | 0x20 { // one or two prefix checks per word, not five
	case 'h':
		if sgHasPrefixFold(rest, "https://") {
			p = i + 8
		} else if sgHasPrefixFold(rest, "http://") {
			p = i + 7
		}
	case 'm':
		if sgHasPrefixFold(rest, "mailto:") {
			p = i + 7
		}
	case 'f':
		if sgHasPrefixFold(rest, "ftp://") {
			p = i + 6
		}
	case 'w':
		if sgHasPrefixFold(rest, "www.") {
			p = i + 4
		}
	}
	if p < 0 {
		return -1
	}
	if p >= ce || !sgIsAlnum(src[p]) && src[p] < utf8.RuneSelf && src[p] != '[' {
		return -1
	}
	e := p
	for e < ce {
		c := src[e]
		if c < utf8.RuneSelf {
			if sgURLStop[c] {
				break
			}
			e++
			continue
		}
		r, n := utf8.DecodeRune(src[e:ce])
		if r == utf8.RuneError && n <= 1 || unicode.IsSpace(r) || unicode.IsPunct(r) || sgSpaceless(r) {
			break
		}
		e += n
	}
	e = sgTrimURL(src[i:e]) + i
	if e <= p {
		return -1
	}
	s.mark(i, e, URL)
	return e
}

// bytes that end a bare URL; '{' so that {{placeholders}} inside stay visible
var sgURLStop = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c <= ' '; c++ {
		t[c] = true
	}
	for _, c := range []byte("<>\"`{}|\\^\x7f") {
		t[c] = true
	}
	return t
}()

// sgTrimURL drops trailing punctuation, and closing brackets without an
// opening partner inside the URL, as GitHub's autolinker does.
func sgTrimURL(u []byte) int {
	var open, closed [2]int
	for _, c := range u {
		switch c {
		case '(':
			open[0]++
		case ')':
			closed[0]++
		case '[':
			open[1]++
		case ']':
			closed[1]++
		}
	}
	e := len(u)
	for e > 0 {
		switch u[e-1] {
		case '.', ',', ';', ':', '!', '?', '\'', '"', '*', '_', '~':
			e--
			continue
		case ')':
			if closed[0] > open[0] {
				closed[0]--
				e--
				continue
			}
		case ']':
			if closed[1] > open[1] {
				closed[1]--
				e--
				continue
			}
		}
		break
	}
	return e
}

// Words in capitals that name a value to fill in: "Hi FIRSTNAME,", "ORDER NUMBER",
// "INSERT TRACKING LINK", "CUSTOMER_NAME". Template authors write them in English
// whatever the reply's language, so the lists are English.
var (
	sgCapsAlone = map[string]bool{"NAME": true, "FIRSTNAME": true, "LASTNAME": true, "FULLNAME": true,
		"USERNAME": true, "CUSTOMERNAME": true, "AGENTNAME": true, "COMPANYNAME": true, "ORDERNUMBER": true,
		"ORDERID": true, "TRACKINGNUMBER": true, "TRACKINGLINK": true, "TBD": true, "TBC": true}
	sgCapsLast = map[string]bool{"NAME": true, "NUMBER": true, "ID": true, "DATE": true, "LINK": true,
		"URL": true, "EMAIL": true, "ADDRESS": true, "AMOUNT": true, "CODE": true, "TIME": true,
		"DETAILS": true, "HERE": true}
	sgCapsFirst = map[string]bool{"INSERT": true, "ENTER": true, "ADD": true, "YOUR": true}
)

// capsPlaceholder marks a run of capitalised words that names a value to fill in.
func (s *sgScanner) capsPlaceholder(i, ce int) int {
	src := s.src
	if i > 0 {
		if r, _ := utf8.DecodeLastRune(src[max(0, i-utf8.UTFMax):i]); sgWordRune(r) {
			return -1
		}
	}
	// Collect up to four words of [A-Z0-9_] joined by single spaces.
	var words [4][2]int
	n, j, underscore := 0, i, false
	for n < len(words) {
		a := j
		for j < ce && ('A' <= src[j] && src[j] <= 'Z' || '0' <= src[j] && src[j] <= '9' || src[j] == '_') {
			underscore = underscore || src[j] == '_' && j > a && j+1 < ce && src[j+1] != '_'
			j++
		}
		if j-a < 2 || j < ce && sgWordRune(rune(src[j])) || j < ce && src[j] >= utf8.RuneSelf && sgWordRuneAt(src, j, ce) ||
			sgContraction(src, j, ce) { // HERE'S is a word shouted, not HERE
			j = a
			break
		}
		words[n] = [2]int{a, j}
		n++
		if j+1 < ce && src[j] == ' ' && 'A' <= src[j+1] && src[j+1] <= 'Z' {
			j++
			continue
		}
		break
	}
	if n == 0 {
		return -1
	}
	if e := words[n-1][1]; n == len(words) && e+1 < ce && src[e] == ' ' {
		// A fifth word in capitals: a sentence shouted ("GOOD LUCK WITH
		// YOUR ORDER NOW"), no part of which is a placeholder.
		j := e + 1
		k := j
		for k < ce && ('A' <= src[k] && src[k] <= 'Z' || '0' <= src[k] && src[k] <= '9' || src[k] == '_') {
			k++
		}
		if k-j >= 2 && (k == ce || !sgWordRune(rune(src[k])) && src[k] < utf8.RuneSelf) {
			for k < ce && (src[k] == ' ' || 'A' <= src[k] && src[k] <= 'Z' || '0' <= src[k] && src[k] <= '9' || src[k] == '_' || src[k] == '\'') {
				k++
			}
			return k
		}
	}
	end := words[n-1][1]
	first := src[words[0][0]:words[0][1]]
	last := src[words[n-1][0]:words[n-1][1]]
	switch { // map lookups with string(bytes) keys do not allocate
	case underscore && n == 1:
	case n == 1 && sgCapsAlone[string(first)]:
	case n >= 2 && sgCapsFirst[string(first)]:
	case n >= 2 && sgCapsLast[string(last)]:
	default:
		return words[0][1] // not a placeholder: go on after the first word
	}
	s.mark(i, end, Placeholder)
	return end
}

// sgContraction reports whether an apostrophe (' or ’) at src[j] joins the
// word before it to a letter after it: HERE'S, WHAT’S.
func sgContraction(src []byte, j, ce int) bool {
	switch {
	case j+1 < ce && src[j] == '\'':
		j++
	case j+3 < ce && src[j] == 0xE2 && src[j+1] == 0x80 && src[j+2] == 0x99:
		j += 3
	default:
		return false
	}
	return sgIsLetter(src[j])
}

func sgWordRuneAt(src []byte, j, ce int) bool {
	r, _ := utf8.DecodeRune(src[j:ce])
	return sgWordRune(r)
}

// blank marks a run of three or more underscores standing for a missing
// value ("Dear ___,"), but not Markdown emphasis (___word___) or a rule line.
func (s *sgScanner) blank(i, ce int) int {
	src := s.src
	j := i
	for j < ce && src[j] == '_' {
		j++
	}
	if j-i < 3 {
		return j
	}
	before, after := i > 0 && sgWordRuneAt(src, i-1, ce), j < ce && sgWordRuneAt(src, j, ce)
	if before || after {
		return j
	}
	// A line of underscores alone is a thematic break, not a blank.
	ls, le := i, j
	for ls > 0 && (src[ls-1] == ' ' || src[ls-1] == '\t') {
		ls--
	}
	for le < ce && (src[le] == ' ' || src[le] == '\t') {
		le++
	}
	if (ls == 0 || src[ls-1] == '\n' || src[ls-1] == '\r') && (le == len(src) || src[le] == '\n' || src[le] == '\r') {
		return j
	}
	s.mark(i, j, Placeholder)
	return j
}

// mask marks XXXX, xxx-xxx, XX/XX/XXXX when bounded by non-word characters.
func (s *sgScanner) mask(i, ce int) int {
	src := s.src
	if i > 0 {
		r, _ := utf8.DecodeLastRune(src[max(0, i-utf8.UTFMax):i])
		if sgWordRune(r) {
			return -1
		}
	}
	c := src[i]
	j, longest, groups := i, 0, 0
	for {
		g := j
		for j < ce && src[j] == c {
			j++
		}
		groups++
		longest = max(longest, j-g)
		if j+1 < ce && (src[j] == '-' || src[j] == '/' || src[j] == '.' || src[j] == ':') && src[j+1] == c {
			j++
			continue
		}
		break
	}
	if longest < 3 && (groups < 2 || longest < 2) { // XXX, XX/XX
		return -1
	}
	if j < ce {
		r, _ := utf8.DecodeRune(src[j:ce])
		if sgWordRune(r) || r == '@' {
			return -1
		}
	}
	s.mark(i, j, Placeholder)
	return j
}

// sgWordRune: letters and digits, except in scripts written without spaces,
// where a mask legitimately touches the surrounding words.
func sgWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return sgIsAlnum(byte(r)) || r == '_'
	}
	if r == utf8.RuneError {
		return false
	}
	return (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)) && !sgSpaceless(r)
}

func sgSpaceless(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

// angle handles '<': comments, declarations, tags (known element names
// only), autolinks and <PLACEHOLDER>s.
func (s *sgScanner) angle(i, ce, hard int, inLink bool) int {
	src := s.src
	if i+1 >= ce {
		return -1
	}
	switch c := src[i+1]; {
	case c == '!':
		if bytes.HasPrefix(src[i:ce], []byte("<!--")) {
			end := hard
			if k := bytes.Index(src[i+4:hard], []byte("-->")); k >= 0 {
				end = i + 4 + k + 3
			}
			s.mark(i, end, Markup)
			return end
		}
		if i+2 < ce && sgIsLetter(src[i+2]) {
			return s.declaration(i, hard)
		}
	case c == '?':
		return s.declaration(i, hard)
	case c == '/':
		a := i + 2
		b := sgNameEnd(src, a, ce)
		if !sgKnownElement(src[a:b]) {
			return -1
		}
		p := b
		for lim := min(hard, i+sgDeclBudget); p < lim && sgIsSpace(src[p]); p++ {
		}
		if p < hard && src[p] == '>' {
			s.mark(i, p+1, Markup)
			return p + 1
		}
	case sgIsLetter(c):
		if e := s.autolink(i, ce); e > 0 {
			return e
		}
		b := sgNameEnd(src, i+1, ce)
		if sgKnownElement(src[i+1 : b]) {
			if b == ce && ce < hard || b < ce && (sgIsSpace(src[b]) || src[b] == '/' || src[b] == '>') {
				return s.tag(i, b, hard, inLink)
			}
		}
		return s.anglePlaceholder(i, ce)
	case c >= utf8.RuneSelf:
		return s.anglePlaceholder(i, ce)
	}
	return -1
}

func sgNameEnd(src []byte, p, ce int) int {
	for start := p; p < ce && p-start < 16 && (sgIsAlnum(src[p]) || src[p] == ':'); {
		p++
	}
	return p
}

// declaration marks <!DOCTYPE …> and <?xml …?>.
func (s *sgScanner) declaration(i, hard int) int {
	lim := min(hard, i+sgDeclBudget)
	for p := i + 2; p < lim; p++ {
		switch s.src[p] {
		case '>':
			s.mark(i, p+1, Markup)
			return p + 1
		case '<':
			return -1
		}
	}
	return -1
}

// tag parses an opening tag whose name ends at b; <pre>, <code>, <script>,
// <style> contents become code and <blockquote> contents quote, when their
// closing tag exists.
func (s *sgScanner) tag(i, b, hard int, inLink bool) int {
	src := s.src
	lim := min(hard, i+sgTagBudget)
	p := b
	self := false
attrs:
	for {
		for p < lim && sgIsSpace(src[p]) {
			p++
		}
		if p >= lim {
			return -1
		}
		switch src[p] {
		case '>':
			p++
			break attrs
		case '/':
			if p+1 < lim && src[p+1] == '>' {
				p += 2
				self = true
				break attrs
			}
			return -1
		}
		a := p
		for p < lim && !sgIsSpace(src[p]) && !sgAttrStop(src[p]) {
			p++
		}
		if p == a {
			return -1
		}
		x := p
		for x < lim && sgIsSpace(src[x]) {
			x++
		}
		if x >= lim || src[x] != '=' {
			continue
		}
		p = x + 1
		for p < lim && sgIsSpace(src[p]) {
			p++
		}
		if p >= lim {
			return -1
		}
		if q := src[p]; q == '"' || q == '\'' {
			k := bytes.IndexByte(src[p+1:lim], q)
			if k < 0 {
				return -1
			}
			p += k + 2
			continue
		}
		v := p
		for p < lim && !sgIsSpace(src[p]) && !sgAttrStop(src[p]) && src[p] != '`' {
			p++
		}
		if p == v {
			return -1
		}
	}
	end := p
	if !self && !inLink && hard == s.n {
		name := src[i+1 : b]
		if sgEqualFold(name, "blockquote") {
			if c := s.bqClose(end); c >= 0 {
				ce := s.closeTagEnd(c, len(name))
				s.mark(i, end, Markup)
				s.mark(end, c, Quote)
				s.mark(c, ce, Markup)
				return ce
			}
		}
		for x, raw := range sgRawNames {
			if sgEqualFold(name, raw) {
				if c := s.rawClose(x, end); c >= 0 {
					ce := s.closeTagEnd(c, len(name))
					s.mark(i, end, Markup)
					s.mark(end, c, Code)
					s.mark(c, ce, Markup)
					return ce
				}
				break
			}
		}
	}
	s.mark(i, end, Markup)
	return end
}

func sgAttrStop(c byte) bool {
	return c == '"' || c == '\'' || c == '>' || c == '/' || c == '=' || c == '<'
}

var sgRawNames = [...]string{"pre", "code", "script", "style"}

// closeTagEnd returns the end of the closing tag "</name …>" at c.
func (s *sgScanner) closeTagEnd(c, nameLen int) int {
	p := c + 2 + nameLen
	lim := min(s.n, p+sgDeclBudget)
	for q := p; q < lim; q++ {
		switch s.src[q] {
		case '>':
			return q + 1
		case '<':
			return p
		}
	}
	return p
}

// rawClose finds the next "</name" at or after from; answers are reused
// because searches only move forward.
func (s *sgScanner) rawClose(x, from int) int {
	if s.rawNone[x] {
		return -1
	}
	if s.rawNext[x] >= from {
		return s.rawNext[x]
	}
	for p := from; p < s.n; p++ {
		k := bytes.IndexByte(s.src[p:], '<')
		if k < 0 {
			break
		}
		p += k
		if sgIsCloseTag(s.src[p:], sgRawNames[x]) {
			s.rawNext[x] = p
			return p
		}
	}
	s.rawNone[x] = true
	return -1
}

// bqClose finds the "</blockquote" matching an opening one, counting nesting;
// after one failure blockquotes are plain tags, so it scans at most once.
func (s *sgScanner) bqClose(from int) int {
	if s.bqFailed {
		return -1
	}
	depth := 1
	for p := from; p < s.n; p++ {
		k := bytes.IndexByte(s.src[p:], '<')
		if k < 0 {
			break
		}
		p += k
		if sgIsOpenTag(s.src[p:], "blockquote") {
			depth++
		} else if sgIsCloseTag(s.src[p:], "blockquote") {
			if depth--; depth == 0 {
				return p
			}
		}
	}
	s.bqFailed = true
	return -1
}

func sgIsOpenTag(b []byte, name string) bool {
	return len(b) > len(name) && sgEqualFold(b[1:1+len(name)], name) && sgNameBoundary(b, 1+len(name))
}

func sgIsCloseTag(b []byte, name string) bool {
	return len(b) > len(name)+1 && b[1] == '/' && sgEqualFold(b[2:2+len(name)], name) && sgNameBoundary(b, 2+len(name))
}

func sgNameBoundary(b []byte, i int) bool {
	return i >= len(b) || !sgIsAlnum(b[i]) && b[i] != ':' && b[i] != '-'
}

// autolink marks <https://…> as a URL and <user@example.com> as an e-mail.
func (s *sgScanner) autolink(i, ce int) int {
	src := s.src
	rest := src[i+1 : ce]
	if sgHasPrefixFold(rest, "http://") || sgHasPrefixFold(rest, "https://") ||
		sgHasPrefixFold(rest, "ftp://") || sgHasPrefixFold(rest, "mailto:") {
		j := i + 1
		for j < ce && src[j] > ' ' && src[j] != '<' && src[j] != '>' {
			j++
		}
		if j < ce && src[j] == '>' {
			s.mark(i, j+1, URL)
			return j + 1
		}
		return -1
	}
	j, at := i+1, -1
	for j < ce && j-i < 256 && src[j] > ' ' && src[j] != '<' && src[j] != '>' {
		if src[j] == '@' {
			at = j
		}
		j++
	}
	if j < ce && src[j] == '>' && at > i+1 && sgValidDomain(src[at+1:j]) {
		s.mark(i, j+1, Email)
		return j + 1
	}
	return -1
}

// anglePlaceholder marks <ORDER ID>, <reporter>, <שם הלקוח>.
func (s *sgScanner) anglePlaceholder(i, ce int) int {
	src := s.src
	lim := min(ce, i+2+sgShortBudget)
	j, word := i+1, -1
	for j < lim && src[j] != '>' {
		c := src[j]
		if c < utf8.RuneSelf {
			switch {
			case sgIsLetter(c):
			case j == i+1:
				return -1
			case c == ' ':
				if word < 0 {
					word = j
				}
			case sgIsDigit(c) || c == '_' || c == '-' || c == '\'':
			default:
				return -1
			}
			j++
			continue
		}
		r, n := utf8.DecodeRune(src[j:lim])
		if !unicode.IsLetter(r) && (j == i+1 || !unicode.IsMark(r)) {
			return -1
		}
		j += n
	}
	if j >= lim || j == i+1 {
		return -1
	}
	if word < 0 {
		word = j
	}
	if sgKnownElement(src[i+1 : word]) {
		return -1
	}
	s.mark(i, j+1, Placeholder)
	return j + 1
}

// sgElements are the HTML element names that count as tags; anything else
// in angle brackets is text (or a placeholder such as <ORDER ID>). The set is
// built when the first tag is seen, not at every start.
var sgElements = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, e := range []string{
		"a", "abbr", "acronym", "address", "area", "article", "aside", "audio",
		"b", "base", "bdi", "bdo", "big", "blockquote", "body", "br", "button",
		"canvas", "caption", "center", "cite", "code", "col", "colgroup",
		"data", "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt",
		"em", "embed", "fieldset", "figcaption", "figure", "font", "footer", "form", "frame", "frameset",
		"h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html",
		"i", "iframe", "img", "input", "ins", "kbd", "label", "legend", "li", "link",
		"main", "map", "mark", "menu", "meta", "meter", "nav", "nobr", "noscript",
		"object", "ol", "optgroup", "option", "output", "p", "param", "picture", "pre", "progress",
		"q", "rp", "rt", "ruby", "s", "samp", "script", "search", "section", "select", "slot",
		"small", "source", "span", "strike", "strong", "style", "sub", "summary", "sup", "svg",
		"table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time", "title",
		"tr", "track", "tt", "u", "ul", "var", "video", "wbr",
		"o:p", // Outlook's paragraph element, everywhere in pasted Word HTML
	} {
		m[e] = true
	}
	return m
})

func sgKnownElement(name []byte) bool {
	if len(name) == 0 || len(name) > 10 {
		return false
	}
	var buf [10]byte
	for i, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return sgElements()[string(buf[:len(name)])]
}

func sgEqualFold(b []byte, lower string) bool {
	if len(b) != len(lower) {
		return false
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

func sgHasPrefixFold(b []byte, lower string) bool {
	return len(b) >= len(lower) && sgEqualFold(b[:len(lower)], lower)
}

func sgIsBlank(b []byte) bool {
	for _, c := range b {
		if !sgIsSpace(c) {
			return false
		}
	}
	return true
}

func sgIsSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func sgIsLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
func sgIsDigit(c byte) bool  { return '0' <= c && c <= '9' }
func sgIsHex(c byte) bool    { return sgIsDigit(c) || 'a' <= c|0x20 && c|0x20 <= 'f' }
func sgIsAlnum(c byte) bool  { return sgIsLetter(c) || sgIsDigit(c) }

func sgIsLocal(c byte) bool {
	return sgIsAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
}

func sgIsASCIIPunct(c byte) bool {
	return '!' <= c && c <= '/' || ':' <= c && c <= '@' || '[' <= c && c <= '`' || '{' <= c && c <= '~'
}
