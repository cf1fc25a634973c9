package lint

import (
	"slices"
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

// gateHit is a word of some gate set, found in the text.
type gateHit struct {
	start int
	hash  uint64
}

// gateVocab is the union of a set's gate words, with a bit filter in front
// of it that turns most words away at the cost of one load.
type gateVocab struct {
	bits  [1024]uint64
	words []uint64 // sorted
}

func (v *gateVocab) bit(h uint64) (int, uint64) {
	i := h * 0x9E3779B97F4A7C15 >> 48
	return int(i >> 6), 1 << (i & 63)
}

func (v *gateVocab) add(h uint64) {
	i, b := v.bit(h)
	v.bits[i] |= b
	v.words = append(v.words, h)
}

func (v *gateVocab) has(h uint64) bool {
	i, b := v.bit(h)
	if v.bits[i]&b == 0 {
		return false
	}
	_, ok := slices.BinarySearch(v.words, h)
	return ok
}

// buildGateVocab collects the gate words of every anchored pattern, or
// returns nil when there are none.
func buildGateVocab(patterns []*compiledPattern) *gateVocab {
	v := &gateVocab{}
	for _, cp := range patterns {
		if cp == nil || !cp.anchored {
			continue
		}
		for _, b := range cp.branches {
			for _, set := range b.gate {
				for _, h := range set {
					v.add(h)
				}
			}
		}
	}
	if len(v.words) == 0 {
		return nil
	}
	slices.Sort(v.words)
	v.words = slices.Compact(v.words)
	return v
}

// noteGateWords records word w if it, one of its keys or one of its pieces
// is a gate word.
func (r *run) noteGateWords(v *gateVocab, src []byte, w *word) {
	note := func(h uint64) {
		if v.has(h) {
			r.gateHits = append(r.gateHits, gateHit{w.start, h})
		}
	}
	if w.keys == nil {
		note(w.hash)
	} else {
		for _, k := range w.keys {
			note(k)
		}
	}
	if w.mixed {
		pieces(src[w.start:w.end], note)
	}
}

// gateHolds reports whether the gate words noted in [start, end) hold a
// word of each of the gate's sets. *hint is where the last look-up ended.
func (r *run) gateHolds(src []byte, start, end int, gate [][]uint64, hint *int) bool {
	if end < len(src) && end > 0 {
		// A window that ends inside a word shows the expression a piece of it
		// the pass never saw: let the expression decide.
		last, _ := utf8.DecodeLastRune(src[:end])
		next, _ := utf8.DecodeRune(src[end:])
		if isWordRune(last) && isWordRune(next) {
			return true
		}
	}
	hits := r.gateHits
	i := *hint
	if i > len(hits) || i > 0 && hits[i-1].start >= start {
		i = sort.Search(len(hits), func(k int) bool { return hits[k].start >= start })
	} else if i < len(hits) && hits[i].start < start {
		i += sort.Search(len(hits)-i, func(k int) bool { return hits[i+k].start >= start })
	}
	*hint = i
	full := uint64(1)<<len(gate) - 1
	var seen uint64
	for ; i < len(hits) && hits[i].start < end; i++ {
		for k, set := range gate {
			if seen&(1<<k) == 0 {
				if _, ok := slices.BinarySearch(set, hits[i].hash); ok {
					seen |= 1 << k
				}
			}
		}
		if seen == full {
			return true
		}
	}
	return seen == full
}

// pieces calls f with the hash of each part of a word between apostrophes
// and of each run of ASCII letters and digits in it, where those differ
// from the whole word.
func pieces(text []byte, f func(uint64)) {
	a := 0
	for i := 0; i <= len(text); {
		r, size := rune(-1), 1
		if i < len(text) {
			r, size = utf8.DecodeRune(text[i:])
		}
		if r < 0 || isApostrophe(r) {
			if a > 0 || i < len(text) {
				f(hashWordBytes(text[a:i], nil))
			}
			a = i + size
		}
		i += size
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
