package lint

import (
	"cmp"
	"slices"
	"unicode/utf8"
)

// ApplyFixes applies the first fix of every diagnostic that has one and
// returns the new text and how many fixes were applied.
//
// Fixes are taken in position order (by their earliest edit; ties keep the
// order of diags). A fix is applied whole or not at all: it is skipped when
// any of its edits is out of range, starts or ends inside a UTF-8 sequence,
// overlaps another edit of the same fix, or overlaps an edit already taken.
// Edits that only touch (one ends where the next starts) do not overlap; two
// insertions at the same offset do, since their order would be a guess.
//
// Bytes outside the applied edits are copied unchanged, even when src is not
// valid UTF-8. src and diags are not modified; when no fix applies, out is src.
func ApplyFixes(src []byte, diags []Diagnostic) (out []byte, applied int) {
	// A fix's position is that of its earliest edit; diag breaks ties so the
	// order of diags decides between fixes at one position.
	type candidate struct{ start, end, diag int }

	// Count first so that every slice below is allocated once.
	nFixes, nEdits, maxEdits := 0, 0, 0
	for _, d := range diags {
		if len(d.Fixes) > 0 && len(d.Fixes[0].Edits) > 0 {
			n := len(d.Fixes[0].Edits)
			nFixes, nEdits, maxEdits = nFixes+1, nEdits+n, max(maxEdits, n)
		}
	}
	if nFixes == 0 {
		return src, 0
	}
	cands := make([]candidate, 0, nFixes)
	for i, d := range diags {
		if len(d.Fixes) > 0 && len(d.Fixes[0].Edits) > 0 {
			first := slices.MinFunc(d.Fixes[0].Edits, compareEdits)
			cands = append(cands, candidate{first.Start, first.End, i})
		}
	}
	slices.SortFunc(cands, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end), cmp.Compare(a.diag, b.diag))
	})

	buf := make([]TextEdit, 0, nEdits+maxEdits)
	taken := buf[:0:nEdits] // stays sorted and free of conflicts
	scratch := buf[nEdits:nEdits]
	for _, c := range cands {
		scratch = append(scratch[:0], diags[c.diag].Fixes[0].Edits...)
		slices.SortFunc(scratch, compareEdits)
		if !fixFits(src, scratch, taken) {
			continue
		}
		for _, e := range scratch {
			if n := len(taken); n == 0 || compareEdits(taken[n-1], e) <= 0 {
				taken = append(taken, e) // the usual case: fixes come in position order
				continue
			}
			i, _ := slices.BinarySearchFunc(taken, e, compareEdits)
			taken = slices.Insert(taken, i, e)
		}
		applied++
	}
	if applied == 0 {
		return src, 0
	}

	size := len(src)
	for _, e := range taken {
		size += len(e.NewText) - (e.End - e.Start)
	}
	out = make([]byte, 0, size)
	pos := 0
	for _, e := range taken {
		out = append(out, src[pos:e.Start]...)
		out = append(out, e.NewText...)
		pos = e.End
	}
	out = append(out, src[pos:]...)
	return out, applied
}

// fixFits reports whether the sorted edits of one fix are all valid, free of
// conflicts among themselves, and free of conflicts with taken.
func fixFits(src []byte, edits, taken []TextEdit) bool {
	for i, e := range edits {
		if e.Start > e.End || !onRuneBoundary(src, e.Start) || !onRuneBoundary(src, e.End) {
			return false
		}
		// Sorted and pairwise free of conflicts means each edit ends before
		// the next starts, so checking neighbours is enough.
		if i > 0 && editsConflict(edits[i-1], e) {
			return false
		}
		// Every taken edit before k-1 ends at or before taken[k-1] starts,
		// which is before e.Start; every one after stops mattering once it
		// starts past e.End.
		k, _ := slices.BinarySearchFunc(taken, e.Start, func(t TextEdit, start int) int { return cmp.Compare(t.Start, start) })
		for j := max(k-1, 0); j < len(taken) && taken[j].Start <= e.End; j++ {
			if editsConflict(taken[j], e) {
				return false
			}
		}
	}
	return true
}

func compareEdits(a, b TextEdit) int {
	return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
}

// editsConflict reports whether two edits cannot both be applied: their spans
// overlap, an insertion falls strictly inside the other's span, or both insert
// at the same offset.
func editsConflict(a, b TextEdit) bool {
	if a.Start == a.End && b.Start == b.End {
		return a.Start == b.Start
	}
	return a.Start < b.End && b.Start < a.End
}

// onRuneBoundary reports whether i is a valid offset into src that does not
// fall inside a valid multi-byte UTF-8 sequence. Bytes of invalid sequences
// count as one rune each, as utf8.DecodeRune reads them.
func onRuneBoundary(src []byte, i int) bool {
	if i < 0 || i > len(src) {
		return false
	}
	if i == len(src) || utf8.RuneStart(src[i]) {
		return true
	}
	// src[i] is a continuation byte: find the byte that would start its
	// sequence (at most utf8.UTFMax-1 back) and see whether that sequence is
	// valid and reaches past i.
	for j := i - 1; j >= 0 && j > i-utf8.UTFMax; j-- {
		if utf8.RuneStart(src[j]) {
			_, size := utf8.DecodeRune(src[j:])
			return j+size <= i
		}
	}
	return true
}
