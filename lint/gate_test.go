package lint

import (
	"fmt"
	"slices"
	"testing"
)

// The gate vocabulary gives each gate word the sets it is in, across
// patterns, and other words none.
func TestGateVocabLookup(t *testing.T) {
	var words []uint64
	for i := range 300 {
		words = append(words, hashWord(fmt.Sprintf("gate%d", i)))
	}
	cps := []*compiledPattern{
		{anchored: true, branches: []branch{{gate: [][]uint64{words[:100], words[50:150]}}}},
		nil,
		{anchored: true, branches: []branch{{gate: [][]uint64{words[140:300]}}, {}}},
	}
	v := buildGateVocab(cps, nil)
	for i, h := range words {
		var want uint64
		if i < 100 {
			want |= 1
		}
		if i >= 50 && i < 150 {
			want |= 2
		}
		if i >= 140 {
			want |= 4
		}
		if got := v.lookup(h); got != want {
			t.Errorf("gate%d: sets %b, want %b", i, got, want)
		}
	}
	for i := range 1000 {
		if got := v.lookup(hashWord(fmt.Sprintf("other%d", i))); got != 0 {
			t.Errorf("other%d: sets %b, want none", i, got)
		}
	}
	if v.lookup(0) != 0 || !slices.Equal(v.masks[0], []uint64{3}) || !slices.Equal(v.masks[2], []uint64{4, 0}) {
		t.Errorf("masks %v", v.masks)
	}
}

// The memo of mixed words' gate sets gives each word the sets working them
// out gives it: by its text, not by its hash, which folds case and the
// Kelvin sign ("Kelvin's" has a run "elvin" that "kelvin's" has not), and for
// the vocabulary of the moment.
func TestNoteGateWordsMemo(t *testing.T) {
	vocab := func(words ...string) *gateVocab {
		var sets [][]uint64
		for _, w := range words {
			sets = append(sets, []uint64{hashWord(w)})
		}
		return buildGateVocab([]*compiledPattern{{anchored: true, branches: []branch{{gate: sets}}}}, nil)
	}
	src := []byte("It's kelvin's. \u212Aelvin's and it's again, IT'S don\u2019t don't café's " +
		"a-very-long-word's-that-has-more-than-twenty-three-bytes's it's \u212Aelvin's kelvin's")
	doc := NewDocument("t.md", src, FormatMarkdown)
	memo := &run{} // one for both vocabularies, as a run keeps it from one set of rules to another
	for _, v := range []*gateVocab{vocab("it", "elvin", "t"), vocab("s", "don", "caf", "kelvin")} {
		for _, full := range []bool{false, true} { // the second time round, the memo is full
			var sc scanner
			sc.reset(doc, true)
			for sc.next() {
				w := &sc.w
				want := &run{}
				want.noteGateWords(v, src, w)
				memo.gateHits = memo.gateHits[:0]
				memo.noteGateWords(v, src, w)
				if !slices.Equal(memo.gateHits, want.gateHits) {
					t.Errorf("%q (memo full: %v): gate hits %v, want %v", src[w.start:w.end], full, memo.gateHits, want.gateHits)
				}
			}
		}
	}
}
