package lint

import (
	"maps"
	"slices"
	"unicode"
	"unicode/utf8"
)

// Identifier tells which language a draft is written in: by script for
// Hebrew and Chinese, by frequent words for the languages in Latin script.
// It reads at most the first identifySample bytes of prose, so it costs
// microseconds, not a model load.
type Identifier struct {
	hashes []uint64 // common words' hashes, sorted
	bits   []uint32 // bit set of the languages hashes[i] is common in
	langs  []string // bit i ↔ langs[i]
	def    string
	table  wordSets // hashes and bits again, for languagesOf (see index)
}

// index builds the table languagesOf looks words up in: one probe for most
// words, where a binary search over the sorted hashes took ten.
func (id *Identifier) index() *Identifier {
	id.table = newWordSets(len(id.hashes))
	for i, h := range id.hashes {
		id.table.add(h, uint64(id.bits[i]))
	}
	return id
}

const identifySample = 8 << 10

// The first characters of the Hebrew and Han scripts.
var hebrewFrom, hanFrom = rune(unicode.Hebrew.R16[0].Lo), rune(unicode.Han.R16[0].Lo)

// NewIdentifier builds an identifier from the languages' common words;
// def is the answer when nothing points anywhere.
func NewIdentifier(langs []*Language, def string) *Identifier {
	words := map[uint64]uint32{}
	id := &Identifier{def: def}
	var sp splitter
	for i, l := range langs {
		if i >= 32 {
			break
		}
		id.langs = append(id.langs, l.Code)
		for _, w := range l.CommonWords {
			if h := sp.hashWord(w); h != 0 {
				words[h] |= 1 << i
			}
		}
	}
	id.hashes = slices.Sorted(maps.Keys(words))
	for _, h := range id.hashes {
		id.bits = append(id.bits, words[h])
	}
	return id.index()
}

// languagesOf returns the bit set of the languages a word is common in.
func (id *Identifier) languagesOf(h uint64) uint32 { return uint32(id.table.get(h)) }

// Identification is what Identify found.
type Identification struct {
	Lang   string
	Second string // another language with a real share of the text ("" if none): a mixed draft
}

// Identify returns the dominant language of d's prose.
func (id *Identifier) Identify(d *Document) Identification {
	// The words read are kept on a tape for the pass that lints d.
	t := newTape(d)
	sc := &t.sc
	var hebrew, han, letters int
	var counts [32]int // NewIdentifier keeps at most 32 languages
	scores := counts[:len(id.langs)]
	t.done = true
	for sc.next() {
		t.record()
		if sc.w.start >= identifySample {
			t.done = false
			break
		}
		w := &sc.w
		// ASCII letters and digits (not mixed): Latin script, a byte a letter.
		r, n := rune(d.Src[w.start]), w.end-w.start
		if w.mixed {
			size := 0
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRune(d.Src[w.start:w.end])
			}
			if size == n {
				n = 1 // a word of one rune, as each Chinese character is: nothing to count
			} else {
				n = utf8.RuneCount(d.Src[w.start:w.end])
			}
		}
		letters += n
		switch { // the tables are searched only above where their scripts start
		case r >= hantFirst && r <= hantLast, r >= hanFrom && unicode.Is(unicode.Han, r): // the block of most Han first
			han += n
		case r >= hebrewFrom && unicode.Is(unicode.Hebrew, r):
			hebrew += n
		default:
			for bits, i := id.languagesOf(w.hash), 0; bits != 0; bits, i = bits>>1, i+1 {
				if bits&1 == 1 {
					scores[i]++
				}
			}
		}
	}
	if d.tape != nil {
		d.tape.release()
	}
	d.tape = t
	if letters == 0 {
		return Identification{Lang: id.def}
	}
	// Hebrew and Chinese are told by their script; a share of a quarter is a real second language.
	type share struct {
		lang string
		n    int
	}
	latin := letters - hebrew - han
	best, bestScore, second := id.def, 0, ""
	for i, s := range scores {
		if s > bestScore {
			best, bestScore = id.langs[i], s
		}
	}
	shares := [...]share{{"he", 2 * hebrew}, {"zh", 3 * han}, {best, latin}} // a Han character carries about a word's meaning
	first, next := share{}, share{}
	for _, s := range shares {
		switch {
		case s.n > first.n:
			first, next = s, first
		case s.n > next.n:
			next = s
		}
	}
	if next.n*4 >= first.n+next.n && next.lang != first.lang {
		second = next.lang
	}
	// Among the languages in Latin script, a second one with many common words also counts.
	if first.lang == best && second == "" {
		for i, s := range scores {
			if id.langs[i] != best && s >= 3 && s*3 >= bestScore {
				second = id.langs[i]
			}
		}
	}
	return Identification{Lang: first.lang, Second: second}
}
