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
