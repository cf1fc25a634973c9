package lint

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// imageVersion changes whenever the stored form of a RuleSet changes.
const imageVersion = 43

// imageMagic opens every image, so other data is never taken for one.
const imageMagic = "replykit rules\n"

// An image is a compiled RuleSet as stored: the rules and the matcher's
// plain arrays, written field by field in a fixed order, so loading one
// costs a pass over the bytes, not a compile and no reflection. Numbers are
// varints, except the matcher's tables, which are fixed-width little-endian;
// strings and lists are a count and their items. The layout:
//
//	magic, version, source, language, rules (without their docs),
//	edge table (slot by slot, looked up in place), edge count,
//	node outputs (where each node's start, then all of them), entries,
//	patterns, word hashes (allow lists), phrase punctuation (see
//	RuleSet.punct), word hashes (greetings, titles, not-names),
//	flags, docs
//
// The docs are one block, decoded only when something asks for the rules:
// each rule's rationale, source and examples, and the phrase lists linting
// never reads, as the matcher holds them (see lists).

// Store returns the compiled set, rules and matcher included, labelled with
// source: what it was compiled from, so a loader can tell when it is stale.
func (rs *RuleSet) Store(source string) ([]byte, error) {
	if len(rs.ms) != 1 || slices.Contains(rs.rules, nil) {
		return nil, fmt.Errorf("only a set made by Compile can be stored, not one made by With or Configure")
	}
	m := rs.ms[0]
	rs.loadDocs()
	var docs imageWriter
	for _, r := range rs.rules {
		docs.str(r.Why)
		docs.str(r.Source)
		docs.examples(r.Examples.Bad)
		docs.examples(r.Examples.Good)
		docs.lists(r.Check)
	}

	w := imageWriter{buf: []byte(imageMagic)}
	w.uint(imageVersion)
	w.str(source)
	w.language(rs.Lang)
	w.uint(uint64(len(rs.rules)))
	for i, r := range rs.rules {
		if p, ok := r.Check.(*Pattern); ok && (rs.patterns[i] == nil || rs.patterns[i].expr != p.Expr) {
			return nil, fmt.Errorf("%s: the pattern and its compiled form differ", r.ID)
		}
		if err := w.rule(r); err != nil {
			return nil, err
		}
	}
	w.str(m.edges.store())
	w.uint(uint64(m.edges.n))
	for _, f := range []*rootFilter{m.roots, m.stemWords} {
		if f != nil {
			w.uint64s(f[:])
		} else {
			w.uint64s(nil)
		}
	}
	w.int32s(m.outStart)
	w.int32s(m.outData)
	w.uint64s(m.follow)
	w.uint(uint64(len(rs.entries)))
	for _, e := range rs.entries {
		w.int(int(e.rule))
		w.uint(uint64(e.role))
		w.int(int(e.value))
	}
	for _, cp := range rs.patterns {
		w.bool(cp != nil)
		if cp != nil {
			w.str(cp.expr)
			w.bool(cp.expanded)
			w.bool(cp.exact)
			w.bool(cp.sentence)
			w.bool(cp.anchored)
			w.bool(cp.long)
			w.str(cp.holds)
			sets := cp.setWords()
			w.uint(uint64(len(sets)))
			for _, s := range sets {
				w.strs(s)
			}
			w.bool(cp.ownSets)
			// An anchored pattern's gates, by branch, and its look-back.
			w.uint(uint64(len(cp.branches)))
			for _, b := range cp.branches {
				w.uint(uint64(len(b.gate)))
				for _, set := range b.gate {
					w.uint64s(set)
				}
			}
			w.uint(uint64(len(cp.behind)))
			for _, lb := range cp.behind {
				w.bool(lb.Start)
				w.uint(lb.Marks[0])
				w.uint(lb.Marks[1])
				w.bool(lb.Space)
			}
			w.str(cp.rest)
			w.str(cp.storeShapes())
			w.bool(cp.byParagraph())
		}
	}
	// Word hashes, so that loading hashes no words: the caps-words allow
	// lists, then the greetings, titles and not-names.
	for _, allow := range rs.allow {
		w.uint64s(allow)
	}
	for _, punct := range rs.punct {
		w.strs(punct)
	}
	for _, seqs := range [][][]uint64{rs.greetings, rs.titles, rs.notNames} {
		w.uint(uint64(len(seqs)))
		for _, seq := range seqs {
			w.uint64s(seq)
		}
	}
	w.bool(rs.needMarks)
	w.bool(m.stems)
	w.str(string(docs.buf))
	return w.buf, nil
}

// LoadRuleSet restores a set written by Store, with the source it was
// labelled with. The set's strings share data's memory, so a set loaded from
// an image embedded in the binary copies no text.
func LoadRuleSet(data string) (*RuleSet, string, error) {
	rs, source, err := loadRuleSet(data)
	if err != nil {
		return nil, "", fmt.Errorf("stored rule set: %w", err)
	}
	return rs, source, nil
}

func loadRuleSet(data string) (*RuleSet, string, error) {
	r, err := openImage(data)
	if err != nil {
		return nil, "", err
	}
	source := r.str()
	lang := r.language()
	rs := &RuleSet{Lang: lang}
	rs.rules = make([]*Rule, r.count(1))
	all := make([]Rule, len(rs.rules)) // one allocation, not one a rule
	for i := range rs.rules {
		r.rule(&all[i])
		rs.rules[i] = &all[i]
	}
	m := &matcher{sealed: true}
	m.edges.stored = r.str()
	m.edges.n = int(r.uint())
	if !validStored(m.edges.stored) {
		r.fail()
	}
	for _, f := range []**rootFilter{&m.roots, &m.stemWords} {
		switch bits := r.uint64s(); len(bits) {
		case 0: // too many first words for a filter, or no stem words
		case len(rootFilter{}):
			*f = (*rootFilter)(bits)
		default:
			r.fail()
		}
	}
	m.outStart, m.outData = r.int32s(), r.int32s()
	if len(m.outStart) < 2 || m.outStart[0] != 0 { // a matcher has a root
		r.fail()
	}
	for i := 1; i < len(m.outStart) && r.err == nil; i++ {
		if a, b := m.outStart[i-1], m.outStart[i]; a > b || int(b) > len(m.outData) {
			r.fail()
		}
	}
	if m.follow = r.uint64s(); len(m.follow) != len(m.outStart)-1 {
		r.fail()
	}
	rs.entries = make([]entry, r.count(3))
	for i := range rs.entries {
		e := entry{rule: int32(r.int()), role: entryRole(r.uint()), value: int32(r.int())}
		if e.rule < 0 || int(e.rule) >= len(rs.rules) {
			r.fail()
		}
		rs.entries[i] = e
	}
	rs.patterns = make([]*compiledPattern, len(rs.rules))
	rs.allow = make([][]uint64, len(rs.rules))
	for i := range rs.rules {
		if r.bool() {
			cp := &compiledPattern{expr: r.str(), expanded: r.bool(), exact: r.bool(), sentence: r.bool(), anchored: r.bool(), long: r.bool(), holds: r.str()}
			if n := r.count(1); n > 0 {
				cp.sets = make([][]string, n)
				from := r.data
				for range n {
					r.skipStrs()
				}
				cp.setsFrom = from[:len(from)-len(r.data)]
			}
			cp.ownSets = r.bool()
			if n := r.count(1); n > 0 {
				cp.branches = make([]branch, n)
				for j := range cp.branches {
					if k := r.count(1); k > 0 {
						cp.branches[j].gate = make([][]uint64, k)
						for g := range cp.branches[j].gate {
							if cp.branches[j].gate[g] = r.uint64s(); !slices.IsSorted(cp.branches[j].gate[g]) {
								r.fail()
							}
						}
					}
				}
			}
			if n := r.count(3); n > 0 {
				cp.behind = make([]lookBack, n)
				for j := range cp.behind {
					cp.behind[j] = lookBack{Start: r.bool(), Marks: [2]uint64{r.uint(), r.uint()}, Space: r.bool()}
				}
			}
			cp.rest = r.str()
			cp.stored = r.str()
			cp.spansLines, cp.spanStored = r.bool(), true
			if pt, ok := rs.rules[i].Check.(*Pattern); ok {
				pt.Expr, cp.matchCase, cp.aposAsWritten = cp.expr, pt.MatchCase, pt.ApostrophesAsWritten
				cp.inWords, cp.regexOnly = pt.InsideWords, pt.InsideWords || pt.Scope == ScopeRaw
				cp.exceptWithin = pt.ExceptionsWithin
				if pt.Scope == ScopeRaw {
					cp.raw = true
					cp.setRawExceptions(pt.Exceptions, pt.ExceptionsMatchCase)
				}
				if hasContext(pt) {
					cp.contextOf = pt
				}
			}
			rs.patterns[i] = cp
		} else if _, ok := rs.rules[i].Check.(*Pattern); ok {
			r.fail() // a pattern rule without its expression
		}
	}
	for i := range rs.allow {
		if rs.allow[i] = r.uint64s(); !slices.IsSorted(rs.allow[i]) {
			r.fail()
		}
	}
	rs.punct = make([][]string, len(rs.rules))
	for i := range rs.punct {
		rs.punct[i] = r.strs()
	}
	rs.greetings, rs.titles, rs.notNames = r.seqs(), r.seqs(), r.seqs()
	rs.needMarks = r.bool()
	m.stems = r.bool()
	rs.docs = r.str()
	if r.err == nil && len(r.data) > 0 {
		r.fail() // something was written that this version does not read
	}
	if r.err != nil {
		return nil, "", r.err
	}
	rs.ms = []*matcher{m}
	rs.setOptions()
	return rs, source, nil
}

// openImage checks an image's magic and version and returns a reader past them.
func openImage(data string) (*imageReader, error) {
	if len(data) < len(imageMagic) || data[:len(imageMagic)] != imageMagic {
		return nil, errDamaged
	}
	r := &imageReader{data: data[len(imageMagic):]}
	if v := r.uint(); r.err != nil || v != imageVersion {
		return nil, fmt.Errorf("version %d, want %d", v, imageVersion)
	}
	return r, nil
}

// loadDocs fills in the rules' rationales and examples, once, when the set
// came from an image.
func (rs *RuleSet) loadDocs() {
	rs.docsOnce.Do(func() {
		if from := rs.docsFrom; from != nil {
			from.loadDocs()
			for i, r := range rs.rules {
				if i < len(from.rules) && r != nil && r != from.rules[i] && r.ID == from.rules[i].ID && r.Why == "" {
					b := from.rules[i] // r is a configured copy made before the docs were loaded
					r.Why, r.Source, r.Examples = b.Why, b.Source, b.Examples
				}
			}
		}
		if err := rs.decodeDocs(); err != nil {
			panic("lint: the stored rule docs are damaged")
		}
	})
}

// decodeDocs fills in the rules' docs from rs.docs, or says they are damaged.
func (rs *RuleSet) decodeDocs() error {
	if rs.docs == "" {
		return nil
	}
	d := &imageReader{data: rs.docs}
	for _, r := range rs.rules {
		r.Why, r.Source = d.str(), d.str()
		r.Examples.Bad, r.Examples.Good = d.examples(), d.examples()
		d.lists(r.Check)
	}
	if d.err != nil || len(d.data) > 0 {
		return errDamaged
	}
	rs.docs = ""
	return nil
}

// Store returns x in the stored form of a RuleSet (see RuleSet.Store),
// labelled with source.
func (x *Extra) Store(source string) ([]byte, error) { return x.rs.Store(source) }

// LoadExtra restores rules stored by Extra.Store, with the source they were
// labelled with. Unlike LoadRuleSet it reads the docs at once, so that an
// image from outside the binary, a file in a cache, is checked whole as it
// loads: damage found in the docs is an error here, not a panic when they
// are first read. The checks catch a cut or damaged file, not every change
// (an edge to a node that is not there makes rules that fail when they
// lint), so such a file needs a checksum of its own, as each entry of the
// Vale style cache has. The rules' strings share data's memory.
func LoadExtra(data string) (*Extra, string, error) {
	rs, source, err := loadRuleSet(data)
	if err == nil && rs.Lang.Code != "" {
		err = fmt.Errorf("rules of %q, not of any language", rs.Lang.Code)
	}
	if err == nil {
		rs.docsOnce.Do(func() { err = rs.decodeDocs() })
	}
	if err != nil {
		return nil, "", fmt.Errorf("stored rules: %w", err)
	}
	return &Extra{rs}, source, nil
}

// Rules returns x's rules, docs included.
func (x *Extra) Rules() []*Rule { return x.rs.Rules() }

// StoreLanguages returns the stored form of languages' data, labelled with
// source like a rule set's image, and of the Identifier made from them, so
// that identifying a draft's language needs neither decoded.
func StoreLanguages(source string, langs []Language) []byte {
	w := imageWriter{buf: []byte(imageMagic)}
	w.uint(imageVersion)
	w.str(source)
	ptrs := make([]*Language, len(langs))
	for i := range langs {
		ptrs[i] = &langs[i]
	}
	id := NewIdentifier(ptrs, "")
	w.strs(id.langs)
	w.uint(uint64(len(id.hashes)))
	for i, h := range id.hashes {
		w.buf = binary.LittleEndian.AppendUint64(w.buf, h)
		w.buf = binary.LittleEndian.AppendUint32(w.buf, id.bits[i])
	}
	w.uint(uint64(len(langs)))
	for i := range langs {
		w.language(&langs[i])
	}
	return w.buf
}

// LoadIdentifier restores the Identifier stored by StoreLanguages, with the
// source it was labelled with; def is its answer when nothing points anywhere.
func LoadIdentifier(data, def string) (*Identifier, string, error) {
	r, err := openImage(data)
	if err != nil {
		return nil, "", fmt.Errorf("stored languages: %w", err)
	}
	source := r.str()
	id := r.identifier()
	if r.err != nil {
		return nil, "", fmt.Errorf("stored languages: %w", r.err)
	}
	id.def = def
	return id, source, nil
}

// LoadLanguages restores languages' data written by StoreLanguages, with
// the source it was labelled with. Like LoadRuleSet, it copies no text.
func LoadLanguages(data string) ([]Language, string, error) {
	r, err := openImage(data)
	if err != nil {
		return nil, "", fmt.Errorf("stored languages: %w", err)
	}
	source := r.str()
	r.identifier()
	langs := make([]Language, r.count(1))
	for i := range langs {
		langs[i] = *r.language()
	}
	if r.err == nil && len(r.data) > 0 {
		r.fail()
	}
	if r.err != nil {
		return nil, "", fmt.Errorf("stored languages: %w", r.err)
	}
	return langs, source, nil
}

var errDamaged = errors.New("damaged")

// imageWriter appends the parts of an image.
type imageWriter struct{ buf []byte }

func (w *imageWriter) uint(v uint64) { w.buf = binary.AppendUvarint(w.buf, v) }
func (w *imageWriter) int(v int)     { w.buf = binary.AppendVarint(w.buf, int64(v)) }

func (w *imageWriter) bool(b bool) {
	if b {
		w.buf = append(w.buf, 1)
	} else {
		w.buf = append(w.buf, 0)
	}
}

func (w *imageWriter) str(s string) {
	w.uint(uint64(len(s)))
	w.buf = append(w.buf, s...)
}

func (w *imageWriter) strs(list []string) {
	w.uint(uint64(len(list)))
	for _, s := range list {
		w.str(s)
	}
}

// shape writes an expression's shape (see exprShape).
func (w *imageWriter) shape(sh *exprShape) {
	w.byteStrs(sh.need)
	w.bool(sh.fold)
	w.int(sh.runs)
	w.int(sh.lines)
	w.byteStrs(sh.first)
	st := &sh.starts
	w.byteStrs(st.strs)
	w.bool(st.fold)
	for _, b := range st.word { // one a string
		w.bool(b)
	}
	w.bool(st.begin)
	w.bool(st.line)
	w.int(st.reach)
	w.bool(st.exact)
	w.byteStrs(st.heads)
	w.bool(sh.tried != nil)
	if sh.tried != nil {
		w.tried(sh.tried)
	}
}

func (w *imageWriter) tried(t *triedChecks) {
	w.uint(uint64(len(t.all)))
	for _, set := range t.all {
		w.byteStrs(set.strs)
		w.bool(set.fold)
	}
	w.str(string(t.opens))
	w.uint(uint64(len(t.pairs)))
	for _, e := range t.pairs {
		w.buf = append(w.buf, e.first)
		w.words(e.next[:])
	}
	w.bool(t.within != nil)
	if t.within != nil {
		w.words(t.within[:])
	}
	w.bool(t.lead != nil)
	if t.lead != nil {
		w.buf = append(w.buf, t.lead.class[:]...)
		w.str(t.lead.states)
	}
	w.bool(t.text != nil)
	if t.text != nil {
		w.buf = append(w.buf, t.text.class[:]...)
		w.str(t.text.next)
		w.str(t.text.ends)
		w.bool(t.text.whole)
	}
}

// words writes a fixed number of uint64s, with no count: words reads them back.
func (w *imageWriter) words(xs []uint64) {
	for _, x := range xs {
		w.buf = binary.LittleEndian.AppendUint64(w.buf, x)
	}
}

func (w *imageWriter) byteStrs(list [][]byte) {
	w.uint(uint64(len(list)))
	for _, s := range list {
		w.uint(uint64(len(s)))
		w.buf = append(w.buf, s...)
	}
}

func (w *imageWriter) uint64s(list []uint64) {
	w.uint(uint64(len(list)))
	for _, v := range list {
		w.buf = binary.LittleEndian.AppendUint64(w.buf, v)
	}
}

func (w *imageWriter) int32s(list []int32) {
	w.uint(uint64(len(list)))
	for _, v := range list {
		w.buf = binary.LittleEndian.AppendUint32(w.buf, uint32(v))
	}
}

func (w *imageWriter) examples(list []Example) {
	w.uint(uint64(len(list)))
	for _, ex := range list {
		w.str(ex.Text)
		w.str(ex.Situation)
		w.str(ex.CustomerName)
		w.str(ex.Origin)
	}
}

func (w *imageWriter) language(l *Language) {
	w.str(l.Code)
	w.str(l.Name)
	w.strs(l.Greetings)
	w.strs(l.Titles)
	w.strs(l.NotNames)
	w.strs(l.CommonWords)
	w.strs(l.NameEndings)
	w.int(l.Complaint.Threshold)
	w.uint(uint64(len(l.Complaint.Signals)))
	for _, s := range l.Complaint.Signals {
		w.str(s.Phrase)
		w.int(s.Weight)
	}
}

// rule writes a rule without its docs: its check is its kind name and the
// kind's fields.
func (w *imageWriter) rule(r *Rule) error {
	w.str(r.ID)
	w.str(r.Category)
	w.uint(uint64(r.Severity))
	w.str(r.Message)
	w.str(r.Suggestion)
	w.strs(r.When.Situations)
	w.str(r.Origin)
	w.str(r.Echoes)
	w.int(r.Limit)
	switch c := r.Check.(type) {
	case *Phrase:
		w.str(c.Kind())
		w.bool(c.MatchCase)
		w.bool(c.ApostrophesAsWritten)
		if c.MatchCase || c.ApostrophesAsWritten {
			w.strs(c.Phrases) // a match is checked against them for case or apostrophes
		}
		w.exceptCase(c.ExceptionsMatchCase, c.Exceptions)
		w.bool(c.SplitContractions)
		w.bool(c.HyphensAsWritten)
		w.str(c.ExceptionPattern)
		w.bool(c.ExceptionsWithin)
	case *Replace:
		w.str(c.Kind())
		w.uint(uint64(len(c.Pairs)))
		for _, p := range c.Pairs {
			w.str(p.Phrase)
			w.str(p.With)
		}
		w.bool(c.MatchCase)
		w.exceptCase(c.ExceptionsMatchCase, c.Exceptions)
		w.bool(c.HyphensAsWritten)
		w.bool(c.SplitContractions)
		w.bool(c.ApostrophesAsWritten)
		w.str(c.ExceptionPattern)
		w.bool(c.ExceptionsWithin)
	case *Pattern:
		w.str(c.Kind()) // the expression is stored once, with the compiled pattern
		w.str(c.Scope)
		w.bool(c.MatchCase)
		w.exceptCase(c.ExceptionsMatchCase, c.Exceptions)
		w.int(c.Max)
		w.str(c.Per)
		w.str(c.FollowedBy)
		w.str(c.NotFollowedBy)
		w.str(c.PrecededBy)
		w.str(c.NotPrecededBy)
		w.bool(c.InsideWords)
		if c.Scope == ScopeRaw && !c.ExceptionsMatchCase {
			w.strs(c.Exceptions) // not in the trie: the rule finds them in the text
		}
		w.bool(c.Replacement != nil)
		if c.Replacement != nil {
			w.str(*c.Replacement)
		}
		w.str(c.ExceptionPattern)
		w.bool(c.ApostrophesAsWritten)
		w.bool(c.ExceptionsWithin)
	case *Require:
		w.str(c.Kind())
		w.strs(c.After)
		w.str(c.Scope)
		w.str(c.ReportAt)
	case *Count:
		w.str(c.Kind())
		w.str(c.Term)
		w.int(c.Max)
	case *Metric:
		w.str(c.Kind())
		w.str(c.Measure)
		w.int(c.Max)
		w.strs(c.Allow)
	default:
		return fmt.Errorf("%s: a %T check cannot be stored", r.ID, r.Check)
	}
	return nil
}

// exceptCase writes ExceptionsMatchCase and, when it is set, the exceptions:
// a hit of one is checked against them for case.
func (w *imageWriter) exceptCase(on bool, exceptions []string) {
	w.bool(on)
	if on {
		w.strs(exceptions)
	}
}

// exceptCase reads what imageWriter.exceptCase wrote.
func (r *imageReader) exceptCase() (bool, []string) {
	if !r.bool() {
		return false, nil
	}
	return true, r.strs()
}

// lists writes the phrase lists of a check that linting never reads: the
// matcher holds their phrases. They are stored with the docs.
func (w *imageWriter) lists(c Check) {
	switch c := c.(type) {
	case *Phrase:
		if !c.MatchCase {
			w.strs(c.Phrases)
		}
		w.strs(c.Exceptions)
	case *Replace:
		w.strs(c.Exceptions)
	case *Pattern:
		w.uint(uint64(len(c.Triggers)))
		for _, t := range c.Triggers {
			w.strs(t)
		}
		w.strs(c.Exceptions)
	case *Require:
		w.strs(c.Phrases)
	}
}

// imageReader reads what imageWriter wrote. Past the first error it returns
// zero values and keeps the error, so a decoder checks once at the end.
type imageReader struct {
	data string
	err  error
	pool []string // where lists of strings are cut from, so most take no allocation of their own
}

func (r *imageReader) fail() {
	r.data, r.err = "", errDamaged
}

func (r *imageReader) uint() uint64 {
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		if len(r.data) == 0 {
			break
		}
		b := r.data[0]
		r.data = r.data[1:]
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return v
		}
	}
	r.fail()
	return 0
}

func (r *imageReader) int() int {
	u := r.uint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return int(v)
}

// count reads the length of a list whose items take at least size bytes
// each, so a damaged length cannot ask for more memory than data could fill.
func (r *imageReader) count(size int) int {
	n := r.uint()
	if n > uint64(len(r.data)) || int(n)*size > len(r.data) { // no division: this runs for every string
		r.fail()
		return 0
	}
	return int(n)
}

func (r *imageReader) bool() bool {
	if len(r.data) == 0 || r.data[0] > 1 {
		r.fail()
		return false
	}
	b := r.data[0] == 1
	r.data = r.data[1:]
	return b
}

// str returns a string sharing the image's memory.
func (r *imageReader) str() string {
	n := r.count(1)
	s := r.data[:n]
	r.data = r.data[n:]
	return s
}

// strs returns nil for an empty list.
func (r *imageReader) strs() []string {
	n := r.count(1)
	if n == 0 {
		return nil
	}
	if len(r.pool) < n {
		r.pool = make([]string, max(n, 512))
	}
	out := r.pool[:n:n] // full: an append copies
	r.pool = r.pool[n:]
	for i := range out {
		out[i] = r.str()
	}
	return out
}

// skipStrs passes over a list strs would read.
func (r *imageReader) skipStrs() {
	for range r.count(1) {
		r.str()
	}
}

// shape reads what imageWriter.shape wrote.
func (r *imageReader) shape() exprShape {
	sh := exprShape{need: r.byteStrs(), fold: r.bool(), runs: r.int(), lines: r.int(), first: r.byteStrs()}
	st := &sh.starts
	st.strs, st.fold = r.byteStrs(), r.bool()
	if st.strs != nil {
		st.word = make([]bool, len(st.strs))
		for i := range st.word {
			st.word[i] = r.bool()
		}
	}
	st.begin, st.line, st.reach, st.exact = r.bool(), r.bool(), r.int(), r.bool()
	st.heads = r.byteStrs()
	st.indexBytes()
	if r.bool() {
		sh.tried = r.tried()
	}
	return sh
}

func (r *imageReader) tried() *triedChecks {
	t := &triedChecks{all: readList(r, func() needSet { return needSet{strs: r.byteStrs(), fold: r.bool()} })}
	if opens := r.str(); opens != "" {
		t.opens = []byte(opens)
	}
	t.pairs = readList(r, func() openPair {
		var e openPair
		if len(r.data) == 0 {
			r.fail()
			return e
		}
		e.first, r.data = r.data[0], r.data[1:]
		r.words(e.next[:])
		return e
	})
	if r.bool() {
		t.within = new([3]uint64)
		r.words(t.within[:])
	}
	if r.bool() {
		r.lead(t)
	}
	if r.bool() {
		r.text(t)
	}
	return t
}

// words reads len(dst) uint64s, as imageWriter.words writes them.
func (r *imageReader) words(dst []uint64) {
	if len(r.data) < 8*len(dst) {
		r.fail()
		return
	}
	for i := range dst {
		dst[i] = binary.LittleEndian.Uint64([]byte(r.data[8*i : 8*i+8]))
	}
	r.data = r.data[8*len(dst):]
}

// columns reads a table's column of each character into class, and
// returns how many columns there are, 0 when the image ends first.
func (r *imageReader) columns(class *[outside + 1]uint8) int {
	if len(r.data) < len(class) {
		r.fail()
		return 0
	}
	copy(class[:], r.data)
	r.data = r.data[len(class):]
	n := 0
	for _, k := range class {
		n = max(n, int(k)+1)
	}
	return n
}

// text reads a textTable into t, checking that every step stays in it.
func (r *imageReader) text(t *triedChecks) {
	var tt textTable
	if tt.n = r.columns(&tt.class); tt.n == 0 {
		return
	}
	tt.next, tt.ends, tt.whole = r.str(), r.str(), r.bool()
	states := len(tt.next) / tt.n
	if states == 0 || len(tt.next)%tt.n != 0 || len(tt.ends) != states ||
		slices.ContainsFunc([]byte(tt.next), func(v uint8) bool { return v != 0 && int(v-1) >= states }) ||
		slices.ContainsFunc([]byte(tt.ends), func(v uint8) bool { return v > 1 }) {
		r.fail()
		return
	}
	t.text = &tt
}

// lead reads a leadTable into t, checking that every step stays in it.
func (r *imageReader) lead(t *triedChecks) {
	var lt leadTable
	if lt.n = r.columns(&lt.class); lt.n == 0 {
		return
	}
	lt.states = r.str()
	if n := len(lt.states) / lt.n; len(lt.states) == 0 || len(lt.states)%lt.n != 0 ||
		slices.ContainsFunc([]byte(lt.states), func(v uint8) bool { return v >= leadFirst && int(v-leadFirst) >= n }) {
		r.fail()
		return
	}
	t.lead = &lt
}

// byteStrs returns nil for an empty list.
func (r *imageReader) byteStrs() [][]byte {
	return readList(r, func() []byte { return []byte(r.str()) })
}

// readList reads a count, then that many items with item; nil for none.
func readList[T any](r *imageReader, item func() T) []T {
	n := r.count(1)
	if n == 0 {
		return nil
	}
	out := make([]T, n)
	for i := range out {
		out[i] = item()
	}
	return out
}

// uint64s returns nil for an empty list.
func (r *imageReader) uint64s() []uint64 {
	n := r.count(8)
	if n == 0 {
		return nil
	}
	out := make([]uint64, n)
	d := r.data[:8*n]
	for i := range out {
		out[i] = uint64(d[0]) | uint64(d[1])<<8 | uint64(d[2])<<16 | uint64(d[3])<<24 |
			uint64(d[4])<<32 | uint64(d[5])<<40 | uint64(d[6])<<48 | uint64(d[7])<<56
		d = d[8:]
	}
	r.data = r.data[8*n:]
	return out
}

// seqs reads a list of word-hash sequences.
func (r *imageReader) seqs() [][]uint64 { return readList(r, r.uint64s) }

func (r *imageReader) int32s() []int32 {
	n := r.count(4)
	if n == 0 {
		return nil
	}
	out := make([]int32, n)
	d := r.data[:4*n]
	for i := range out {
		out[i] = int32(uint32(d[0]) | uint32(d[1])<<8 | uint32(d[2])<<16 | uint32(d[3])<<24)
		d = d[4:]
	}
	r.data = r.data[4*n:]
	return out
}

func (r *imageReader) identifier() *Identifier {
	id := &Identifier{langs: r.strs()}
	n := r.count(12)
	id.hashes, id.bits = make([]uint64, n), make([]uint32, n)
	d := r.data[:12*n]
	for i := range id.hashes {
		id.hashes[i] = uint64(d[0]) | uint64(d[1])<<8 | uint64(d[2])<<16 | uint64(d[3])<<24 |
			uint64(d[4])<<32 | uint64(d[5])<<40 | uint64(d[6])<<48 | uint64(d[7])<<56
		id.bits[i] = uint32(d[8]) | uint32(d[9])<<8 | uint32(d[10])<<16 | uint32(d[11])<<24
		d = d[12:]
	}
	r.data = r.data[12*n:]
	if !slices.IsSorted(id.hashes) || len(id.langs) > 32 {
		r.fail()
	}
	for _, b := range id.bits {
		if b>>len(id.langs) != 0 {
			r.fail() // a language with no code
		}
	}
	return id.index()
}

func (r *imageReader) examples() []Example {
	n := r.count(4)
	if n == 0 {
		return nil
	}
	out := make([]Example, n)
	for i := range out {
		out[i] = Example{Text: r.str(), Situation: r.str(), CustomerName: r.str(), Origin: r.str()}
	}
	return out
}

// lists reads what imageWriter.lists wrote into c.
func (r *imageReader) lists(c Check) {
	switch c := c.(type) {
	case *Phrase:
		if !c.MatchCase {
			c.Phrases = r.strs()
		}
		c.Exceptions = r.strs()
	case *Replace:
		c.Exceptions = r.strs()
	case *Pattern:
		if n := r.count(1); n > 0 {
			c.Triggers = make([][]string, n)
			for i := range c.Triggers {
				c.Triggers[i] = r.strs()
			}
		}
		c.Exceptions = r.strs()
	case *Require:
		c.Phrases = r.strs()
	}
}

func (r *imageReader) language() *Language {
	l := &Language{Code: r.str(), Name: r.str(), Greetings: r.strs(), Titles: r.strs(), NotNames: r.strs(),
		CommonWords: r.strs(), NameEndings: r.strs()}
	l.Complaint.Threshold = r.int()
	if n := r.count(2); n > 0 {
		l.Complaint.Signals = make([]Signal, n)
		for i := range l.Complaint.Signals {
			l.Complaint.Signals[i] = Signal{Phrase: r.str(), Weight: r.int()}
		}
	}
	return l
}

func (r *imageReader) rule(rule *Rule) {
	*rule = Rule{ID: r.str(), Category: r.str(), Severity: Severity(r.uint()), Message: r.str(),
		Suggestion: r.str(), When: Condition{Situations: r.strs()}, Origin: r.str(), Echoes: r.str(), Limit: r.int()}
	switch kind := r.str(); kind {
	case "phrase":
		c := &Phrase{MatchCase: r.bool(), ApostrophesAsWritten: r.bool()}
		if c.MatchCase || c.ApostrophesAsWritten {
			c.Phrases = r.strs()
		}
		c.ExceptionsMatchCase, c.Exceptions = r.exceptCase()
		c.SplitContractions, c.HyphensAsWritten, c.ExceptionPattern = r.bool(), r.bool(), r.str()
		c.ExceptionsWithin = r.bool()
		rule.Check = c
	case "replace":
		c := &Replace{}
		if n := r.count(2); n > 0 {
			c.Pairs = make([]Replacement, n)
			for i := range c.Pairs {
				c.Pairs[i] = Replacement{Phrase: r.str(), With: r.str()}
			}
		}
		c.MatchCase = r.bool()
		c.ExceptionsMatchCase, c.Exceptions = r.exceptCase()
		c.HyphensAsWritten, c.SplitContractions, c.ApostrophesAsWritten, c.ExceptionPattern = r.bool(), r.bool(), r.bool(), r.str()
		c.ExceptionsWithin = r.bool()
		rule.Check = c
	case "pattern":
		c := &Pattern{Scope: r.str(), MatchCase: r.bool()}
		c.ExceptionsMatchCase, c.Exceptions = r.exceptCase()
		c.Max, c.Per, c.FollowedBy, c.NotFollowedBy = r.int(), r.str(), r.str(), r.str()
		c.PrecededBy, c.NotPrecededBy, c.InsideWords = r.str(), r.str(), r.bool()
		if c.Scope == ScopeRaw && !c.ExceptionsMatchCase {
			c.Exceptions = r.strs()
		}
		if r.bool() {
			with := r.str()
			c.Replacement = &with
		}
		c.ExceptionPattern, c.ApostrophesAsWritten, c.ExceptionsWithin = r.str(), r.bool(), r.bool()
		rule.Check = c
	case "require":
		rule.Check = &Require{After: r.strs(), Scope: r.str(), ReportAt: r.str()}
	case "count":
		rule.Check = &Count{Term: r.str(), Max: r.int()}
	case "metric":
		rule.Check = &Metric{Measure: r.str(), Max: r.int(), Allow: r.strs()}
	default:
		r.fail()
	}
}
