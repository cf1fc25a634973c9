package lint

import "sync"

// A word tape keeps the words Identify read, so that the pass that lints
// the document in the language found reads them from it instead of
// scanning the text again: a draft shorter than Identify's sample, as most
// are, is scanned once. The words of a text do not depend on its language;
// only their variants do (Hebrew prefixes, stems), which the pass adds.
type wordTape struct {
	sc    scanner // where Identify stopped, to go on from
	words []tapeWord
	joins []join
	done  bool // sc reached the end of the prose: the tape holds every word
}

// tapeWord is a word as the scanner left it, without variants.
type tapeWord struct {
	hash                uint64
	start, end          int
	sentence, paragraph int
	seg                 int32 // the prose segment it is in
	jFrom, jTo          int32 // its joins, in wordTape.joins
	flags               uint8 // tapeHard | tapeBrk | …
}

const (
	tapeHard = 1 << iota
	tapeBrk
	tapeCaps
	tapeMixed
	tapeAccents
)

func flagIf(b bool, f uint8) uint8 {
	if b {
		return f
	}
	return 0
}

var tapes = sync.Pool{New: func() any { return new(wordTape) }}

// newTape returns an empty tape, its scanner set on d.
func newTape(d *Document) *wordTape {
	t := tapes.Get().(*wordTape)
	t.sc.reset(d, true) // marks and emoji too: the pass drops them when no rule counts them
	t.sc.opts = wordOptions{}
	t.words, t.joins, t.done = t.words[:0], t.joins[:0], false
	return t
}

// record adds the scanner's current word.
func (t *wordTape) record() {
	w := &t.sc.w
	// The fields are stored in place: a literal appended whole is built
	// on the stack and copied in 16-byte moves, whose loads wait for the
	// smaller stores that built it (a store-forwarding stall, a third of
	// Identify's time on a short draft).
	t.words = append(t.words, tapeWord{})
	tw := &t.words[len(t.words)-1]
	tw.hash, tw.start, tw.end, tw.sentence, tw.paragraph = w.hash, w.start, w.end, w.sentence, w.paragraph
	tw.seg, tw.jFrom, tw.jTo = int32(t.sc.seg), int32(len(t.joins)), int32(len(t.joins)+len(w.joins))
	tw.flags = flagIf(w.hard, tapeHard) | flagIf(w.brk, tapeBrk) | flagIf(w.caps, tapeCaps) | flagIf(w.mixed, tapeMixed) | flagIf(w.accents, tapeAccents)
	if w.joins != nil {
		t.joins = append(t.joins, w.joins...)
	}
}

// release returns the tape to the pool.
func (t *wordTape) release() {
	t.sc.src, t.sc.segs = nil, nil
	tapes.Put(t)
}

// takeTape returns d's tape, if Identify left one for its text, and
// forgets it: a tape is read once.
func (d *Document) takeTape() *wordTape {
	t := d.tape
	d.tape = nil
	if t != nil && !t.of(d) {
		t.release() // the text changed since
		return nil
	}
	return t
}

// of reports whether the tape was read from d's text as it is.
func (t *wordTape) of(d *Document) bool {
	return len(t.sc.src) == len(d.Src) && (len(d.Src) == 0 || &t.sc.src[0] == &d.Src[0])
}

// firstWords appends to ws the first n words of d from its tape, without
// variants, and reports whether the tape had them: it holds n words or all
// of the text's. The tape stays for the pass.
func (d *Document) firstWords(ws []word, n int) ([]word, bool) {
	t := d.tape
	if t == nil || !t.of(d) || len(t.words) < n && !t.done {
		return ws, false
	}
	for i := range t.words[:min(n, len(t.words))] {
		var w word
		t.words[i].fill(&w)
		ws = append(ws, w)
	}
	return ws, true
}

// fill sets w to the tape's word as the scanner read it: its variants
// and joins are the caller's.
func (tw *tapeWord) fill(w *word) {
	w.hash, w.start, w.end, w.sentence, w.paragraph = tw.hash, tw.start, tw.end, tw.sentence, tw.paragraph
	w.hard, w.brk, w.caps = tw.flags&tapeHard != 0, tw.flags&tapeBrk != 0, tw.flags&tapeCaps != 0
	w.mixed, w.accents = tw.flags&tapeMixed != 0, tw.flags&tapeAccents != 0
}

// replay puts the tape's word k into the scanner s, with the variants its
// options ask for.
func (s *scanner) replay(t *wordTape, k int) {
	tw := &t.words[k]
	w := &s.w
	if w.keys != nil || w.stems != nil || w.joins != nil {
		w.keys, w.stems, w.joins = nil, nil, nil // only when set: see scanWord
	}
	tw.fill(w)
	s.seg = int(tw.seg)
	if tw.jTo > tw.jFrom {
		s.joins = append(s.joins[:0], t.joins[tw.jFrom:tw.jTo]...)
		s.w.joins = s.joins
	}
	if s.opts.stems || s.opts.hebrew {
		s.variants(s.w.accents)
	}
}

// resume sets s where the tape's scanner stands, past the tape's words,
// with the marks, emoji and stops it noted (marks and emoji only when s
// collects them).
func (s *scanner) resume(t *wordTape) {
	from := &t.sc
	s.seg, s.pos, s.end, s.words = from.seg, from.pos, from.end, from.words
	s.hard, s.brk, s.sentEnd, s.newlines = from.hard, from.brk, from.sentEnd, from.newlines
	s.sentence, s.paragraph = from.sentence, from.paragraph
	s.stops = append(s.stops[:0], from.stops...)
	if s.collect {
		s.marks = append(s.marks[:0], from.marks...)
		s.emoji = append(s.emoji[:0], from.emoji...)
	}
}
