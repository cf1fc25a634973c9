package lint

import (
	"sort"
	"unicode/utf8"
)

// The gate of an anchored pattern: a lead phrase ("you", "please") is tried
// only where the text from it to the end of its window holds a word of each
// of its branch's gate sets. The one matching pass notes where the words of
// every gate set stand (gateWords), so a check is a short walk over those
// notes, not a scan of the text.
//
// A gate must never say no where the expression can match. A regular
// expression sees words the scanner does not: "order" in "order's", and,
// since RE2's \b only knows ASCII, "sum" in "résumé". So a word with an
// apostrophe or a rune beyond ASCII is also noted by its pieces: its parts
// between apostrophes and its runs of ASCII letters and digits.

// gateHit is a word of some gate set, found in the text: sets has bit i
// for each gate set i (numbered across the rule set) the word belongs to.
type gateHit struct {
	start int
	sets  uint64
}

// maxGates bounds the gate sets of one rule set: each is a bit of a
// gateHit. Sets past it are left out of their gates, which then wait for less.
const maxGates = 64

// gateVocab maps the words of every gate set to the sets they belong to,
// with a bit filter in front that turns most words away at one load.
type gateVocab struct {
	bits  [1024]uint64
	table wordSets
	// masks holds, by rule index and branch, the bits of the branch's sets;
	// 0 where a branch has no gate.
	masks [][]uint64
}

func (v *gateVocab) bit(h uint64) (int, uint64) {
	i := h * 0x9E3779B97F4A7C15 >> 48
	return int(i >> 6), 1 << (i & 63)
}

// lookup returns the sets word h belongs to.
func (v *gateVocab) lookup(h uint64) uint64 {
	i, b := v.bit(h)
	if v.bits[i]&b == 0 {
		return 0
	}
	return v.table.get(h)
}

// buildGateVocab numbers the gate sets of every anchored pattern and maps
// their words to them, or returns nil when there are none. With common
// not nil, a branch's gate is first cut to the sets keptGates keeps; nil
// takes the gates as they are, kept when the patterns were compiled.
func buildGateVocab(patterns []*compiledPattern, common []uint64) *gateVocab {
	v := &gateVocab{masks: make([][]uint64, len(patterns))}
	words := 0
	for _, cp := range patterns {
		if cp != nil && cp.anchored {
			for _, br := range cp.branches {
				for _, set := range br.gate {
					words += len(set)
				}
			}
		}
	}
	v.table = newWordSets(words) // sized at once, for every word: it is built at every start
	n := 0
	for i, cp := range patterns {
		if cp == nil || !cp.anchored {
			continue
		}
		v.masks[i] = make([]uint64, len(cp.branches))
		for b, br := range cp.branches {
			gate := br.gate
			if common != nil {
				gate = keptGates(gate, common)
			}
			for _, set := range gate {
				if n == maxGates {
					break
				}
				for _, h := range set {
					if h != 0 {
						k, bit := v.bit(h)
						v.bits[k] |= bit
						v.table.or(h, 1<<n)
					}
				}
				v.masks[i][b] |= 1 << n
				n++
			}
		}
	}
	if n == 0 {
		return nil
	}
	return v
}

// noteGateWords records word w if it, one of its keys or one of its pieces
// is a gate word.
func (r *run) noteGateWords(v *gateVocab, src []byte, w *word) {
	var sets uint64
	switch {
	case w.mixed && w.keys == nil:
		// A word with an apostrophe or a letter beyond ASCII: its sets
		// depend on its text alone, so the memo keeps them for the next
		// time the same text comes ("I've", "don't" come again and again).
		text := src[w.start:w.end]
		e := r.gateMemo.slot(v, w.hash, text)
		if e == nil || e.n == 0 || string(e.text[:e.n-1]) != string(text) {
			sets = v.lookup(w.hash)
			pieces(text, func(h uint64) { sets |= v.lookup(h) })
			if e != nil {
				e.n = uint8(copy(e.text[:], text)) + 1
				e.sets = sets
			}
		} else {
			sets = e.sets
		}
	case w.keys == nil:
		sets = v.lookup(w.hash)
	default:
		for _, k := range w.keys {
			sets |= v.lookup(k)
		}
		if w.mixed {
			pieces(src[w.start:w.end], func(h uint64) { sets |= v.lookup(h) })
		}
	}
	if sets != 0 {
		r.gateHits = append(r.gateHits, gateHit{w.start, sets})
	}
}

// gateHolds reports whether the gate words noted in [start, end) hold a
// word of each set of mask. *hint is where the last look-up ended. A window
// never ends inside a word, so the words noted are all the words it holds.
func (r *run) gateHolds(start, end int, mask uint64, hint *int) bool {
	hits := r.gateHits
	i := *hint
	if i > len(hits) || i > 0 && hits[i-1].start >= start {
		i = sort.Search(len(hits), func(k int) bool { return hits[k].start >= start })
	} else {
		for n := 0; i < len(hits) && hits[i].start < start; n++ {
			if n == 8 {
				i += sort.Search(len(hits)-i, func(k int) bool { return hits[i+k].start >= start })
				break
			}
			i++
		}
	}
	*hint = i
	var seen uint64
	for ; i < len(hits) && hits[i].start < end; i++ {
		if seen |= hits[i].sets & mask; seen == mask {
			return true
		}
	}
	return false
}

// pieces calls f with the hash of each run of parts of a word between
// apostrophes ("it", "s", "took", "it's", "s'took" in "it's'took"), up to
// maxPieceParts parts, and of each run of ASCII letters and digits in it,
// where those differ from the whole word.
func pieces(text []byte, f func(uint64)) {
	ascii := true
	for _, c := range text {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	hash := hashASCII // only ' stands between the letters of an ASCII word
	if !ascii {
		hash = func(b []byte) uint64 { return hashWordBytes(b, nil) }
	}
	// starts holds where the last parts began, the newest at k%maxPieceParts.
	var starts [maxPieceParts]int
	k := 0
	for i := 0; i <= len(text); {
		r, size := rune(-1), 1
		if i < len(text) {
			if r = rune(text[i]); r >= utf8.RuneSelf {
				r, size = utf8.DecodeRune(text[i:])
			}
		}
		if r < 0 || isApostrophe(r) {
			if k == 0 && r < 0 {
				break // no apostrophe
			}
			for n := 0; n <= k && n < maxPieceParts; n++ {
				if a := starts[(k-n)%maxPieceParts]; a > 0 || i < len(text) {
					f(hash(text[a:i]))
				}
			}
			k++
			starts[k%maxPieceParts] = i + size
		}
		i += size
	}
	if ascii {
		return // its runs of letters and digits are its parts
	}
	run := -1
	for i := 0; i <= len(text); i++ {
		ascii := i < len(text) && text[i] < utf8.RuneSelf && asciiClass[text[i]] == cWord
		switch {
		case ascii && run < 0:
			run = i
		case !ascii && run >= 0:
			if run > 0 || i < len(text) {
				f(hashWordBytes(text[run:i], nil))
			}
			run = -1
		}
	}
}

// maxPieceParts is the most parts between apostrophes a piece of a word
// may have; a gate set with a longer word is left out (see gateSets).
const maxPieceParts = 4

// hashASCII is hashWordBytes for a word of ASCII letters and digits.
func hashASCII(word []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range word {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

// gateMemo keeps the gate sets of the last words with an apostrophe or a
// letter beyond ASCII, by their text, for one gate vocabulary: working them
// out takes a look-up for each piece of the word.
type gateMemo struct {
	v     *gateVocab
	words [64]gateMemoWord
}

// gateMemoWord is a word's text (n-1 bytes of it; n is 0 when the slot is
// empty) and its gate sets.
type gateMemoWord struct {
	n    uint8
	text [23]byte
	sets uint64
}

// slot returns the place of the word of hash h and text in the memo of v's
// words, emptied first when it held another vocabulary's, or nil when the
// text is too long to be kept.
func (m *gateMemo) slot(v *gateVocab, h uint64, text []byte) *gateMemoWord {
	if len(text) > len(gateMemoWord{}.text) {
		return nil
	}
	if m.v != v {
		*m = gateMemo{v: v}
	}
	return &m.words[h*0x9E3779B97F4A7C15>>58]
}
