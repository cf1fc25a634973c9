package lint

import (
	"bytes"
	"cmp"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// fxEdit is shorthand for a TextEdit.
func fxEdit(start, end int, text string) TextEdit {
	return TextEdit{Start: start, End: end, NewText: text}
}

// fxDiag is a diagnostic whose only fix is made of edits.
func fxDiag(edits ...TextEdit) Diagnostic {
	d := Diagnostic{RuleID: "test.fix", Severity: Warning}
	if len(edits) > 0 {
		d.Start, d.End = edits[0].Start, edits[0].End
		d.Fixes = []Fix{{Message: "Fix it", Edits: edits}}
	}
	return d
}

type fxCase struct {
	name    string
	src     string
	diags   []Diagnostic
	want    string
	applied int
}

var fxCases = []fxCase{
	{"no diagnostics", "Hello there", nil, "Hello there", 0},
	{"a diagnostic without fixes changes nothing", "Hello there",
		[]Diagnostic{{Start: 0, End: 5, RuleID: "x"}}, "Hello there", 0},
	{"a fix without edits changes nothing", "Hello there",
		[]Diagnostic{{Start: 0, End: 5, Fixes: []Fix{{Message: "Nothing"}}}}, "Hello there", 0},
	{"empty input, insertion", "", []Diagnostic{fxDiag(fxEdit(0, 0, "Hi"))}, "Hi", 1},

	// Non-overlapping.
	{"two separate replacements", "I can't help you",
		[]Diagnostic{fxDiag(fxEdit(2, 7, "cannot")), fxDiag(fxEdit(13, 16, "you today"))},
		"I cannot help you today", 2},
	{"diagnostics out of order are applied by position", "I can't help you",
		[]Diagnostic{fxDiag(fxEdit(13, 16, "you today")), fxDiag(fxEdit(2, 7, "cannot"))},
		"I cannot help you today", 2},
	{"deletion and insertion", "Hi  there",
		[]Diagnostic{fxDiag(fxEdit(2, 3, "")), fxDiag(fxEdit(9, 9, "!"))}, "Hi there!", 2},
	{"only the first fix of a diagnostic is used", "can't",
		[]Diagnostic{{Fixes: []Fix{{Edits: []TextEdit{fxEdit(0, 5, "cannot")}}, {Edits: []TextEdit{fxEdit(0, 5, "can not")}}}}},
		"cannot", 1},

	// Overlapping: the first in position order wins.
	{"overlap: the earlier edit is kept", "abcdefgh",
		[]Diagnostic{fxDiag(fxEdit(4, 8, "X")), fxDiag(fxEdit(2, 6, "Y"))}, "abYgh", 1},
	{"same span: the first diagnostic is kept", "abcdefgh",
		[]Diagnostic{fxDiag(fxEdit(2, 4, "X")), fxDiag(fxEdit(2, 4, "Y"))}, "abXefgh", 1},
	{"same start: the shorter span sorts first", "abcdefgh",
		[]Diagnostic{fxDiag(fxEdit(2, 6, "X")), fxDiag(fxEdit(2, 4, "Y"))}, "abYefgh", 1},
	{"nested span is dropped", "abcdefgh",
		[]Diagnostic{fxDiag(fxEdit(1, 7, "X")), fxDiag(fxEdit(3, 4, "Y"))}, "aXh", 1},
	{"insertion inside a replaced span is dropped", "abcdefgh",
		[]Diagnostic{fxDiag(fxEdit(2, 6, "X")), fxDiag(fxEdit(4, 4, "Y"))}, "abXgh", 1},
	{"two insertions at one offset: the first is kept", "abc",
		[]Diagnostic{fxDiag(fxEdit(1, 1, "X")), fxDiag(fxEdit(1, 1, "Y"))}, "aXbc", 1},

	// Adjacent edits touch but do not overlap.
	{"adjacent replacements", "abcdef",
		[]Diagnostic{fxDiag(fxEdit(3, 6, "DEF")), fxDiag(fxEdit(0, 3, "ABC"))}, "ABCDEF", 2},
	{"insertion at the start of a replaced span", "abcdef",
		[]Diagnostic{fxDiag(fxEdit(2, 4, "X")), fxDiag(fxEdit(2, 2, "<"))}, "ab<Xef", 2},
	{"insertion at the end of a replaced span", "abcdef",
		[]Diagnostic{fxDiag(fxEdit(4, 4, ">")), fxDiag(fxEdit(2, 4, "X"))}, "abX>ef", 2},

	// The very end.
	{"insertion at the very end", "Thanks", []Diagnostic{fxDiag(fxEdit(6, 6, "!"))}, "Thanks!", 1},
	{"replacement reaching the very end", "Thanks.", []Diagnostic{fxDiag(fxEdit(6, 7, "!"))}, "Thanks!", 1},
	{"deletion of the whole input", "Thanks", []Diagnostic{fxDiag(fxEdit(0, 6, ""))}, "", 1},

	// Invalid offsets are skipped; valid fixes beside them still apply.
	{"negative start", "abc", []Diagnostic{fxDiag(fxEdit(-1, 1, "X")), fxDiag(fxEdit(2, 3, "C"))}, "abC", 1},
	{"end past the input", "abc", []Diagnostic{fxDiag(fxEdit(2, 4, "X"))}, "abc", 0},
	{"start past the input", "abc", []Diagnostic{fxDiag(fxEdit(4, 4, "X"))}, "abc", 0},
	{"start after end", "abc", []Diagnostic{fxDiag(fxEdit(2, 1, "X"))}, "abc", 0},
	{"start inside a rune", "café au lait", []Diagnostic{fxDiag(fxEdit(4, 6, "e"))}, "café au lait", 0},
	{"end inside a rune", "café au lait", []Diagnostic{fxDiag(fxEdit(3, 4, "E"))}, "café au lait", 0},
	{"inside a 4-byte rune", "a😀b", []Diagnostic{fxDiag(fxEdit(3, 3, "X")), fxDiag(fxEdit(5, 6, "B"))}, "a😀B", 1},
	{"whole multi-byte rune", "café", []Diagnostic{fxDiag(fxEdit(3, 5, "e"))}, "cafe", 1},

	// Invalid UTF-8 input: bytes outside the edits are copied as they are.
	{"invalid bytes around an edit stay", "\xffa\xe2\x82b\xc3", []Diagnostic{fxDiag(fxEdit(1, 2, "A"))},
		"\xffA\xe2\x82b\xc3", 1},
	{"a truncated sequence is not a rune: offsets inside it are fine", "x\xe2\x82y",
		[]Diagnostic{fxDiag(fxEdit(2, 2, "|"))}, "x\xe2|\x82y", 1},
	{"a stray continuation byte is one rune", "\x80\x80", []Diagnostic{fxDiag(fxEdit(1, 2, ""))}, "\x80", 1},
	{"a valid rune after an invalid lead byte is still a rune", "\xe2€",
		[]Diagnostic{fxDiag(fxEdit(2, 3, "X")), fxDiag(fxEdit(1, 4, "E"))}, "\xe2E", 1},

	// Multi-edit fixes are all or nothing.
	{"multi-edit fix applies every edit", "“quoted”",
		[]Diagnostic{fxDiag(fxEdit(0, 3, `"`), fxEdit(9, 12, `"`))}, `"quoted"`, 1},
	{"multi-edit fix with edits in reverse order", "“quoted”",
		[]Diagnostic{fxDiag(fxEdit(9, 12, `"`), fxEdit(0, 3, `"`))}, `"quoted"`, 1},
	{"multi-edit fix dropped when one edit overlaps a taken edit", "abcdefgh",
		[]Diagnostic{fxDiag(fxEdit(1, 3, "X")), fxDiag(fxEdit(6, 7, "Z"), fxEdit(2, 4, "Y"))}, "aXdefgh", 1},
	{"multi-edit fix taken first blocks a later single edit", "abcdefgh",
		[]Diagnostic{fxDiag(fxEdit(0, 1, "Z"), fxEdit(6, 8, "Y")), fxDiag(fxEdit(5, 7, "X"))}, "ZbcdefY", 1},
	{"multi-edit fix dropped when one edit is invalid", "abcé",
		[]Diagnostic{fxDiag(fxEdit(0, 1, "A"), fxEdit(4, 5, "E")), fxDiag(fxEdit(1, 2, "B"))}, "aBcé", 1},
	{"multi-edit fix dropped when its own edits overlap", "abcdef",
		[]Diagnostic{fxDiag(fxEdit(0, 3, "X"), fxEdit(2, 4, "Y")), fxDiag(fxEdit(5, 6, "F"))}, "abcdeF", 1},
	{"multi-edit fix dropped when it inserts twice at one offset", "abc",
		[]Diagnostic{fxDiag(fxEdit(1, 1, "X"), fxEdit(1, 1, "Y"))}, "abc", 0},
	{"multi-edit fix whose edits surround another fix", "a b c",
		[]Diagnostic{fxDiag(fxEdit(0, 1, "A"), fxEdit(4, 5, "C")), fxDiag(fxEdit(2, 3, "B"))}, "A B C", 2},
}

func TestApplyFixes(t *testing.T) {
	for _, tc := range fxCases {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.src)
			before := fxCloneDiags(tc.diags)
			out, applied := ApplyFixes(src, tc.diags)
			if string(out) != tc.want || applied != tc.applied {
				t.Errorf("ApplyFixes(%q) = %q, %d; want %q, %d", tc.src, out, applied, tc.want, tc.applied)
			}
			if string(src) != tc.src {
				t.Errorf("src was modified: %q", src)
			}
			if !fxEqualDiags(tc.diags, before) {
				t.Errorf("diags were modified")
			}
			if refOut, refApplied := fxReference(src, tc.diags); string(refOut) != string(out) || refApplied != applied {
				t.Errorf("reference gives %q, %d", refOut, refApplied)
			}
		})
	}
}

// fxRules is a fake linter: every match of a pattern gets one fix replacing
// it with the rule's text, as a replace rule would.
var fxRules = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`can't`), "cannot"},
	{regexp.MustCompile(`won't`), "will not"},
	{regexp.MustCompile(`unfortunately,? `), ""},
	{regexp.MustCompile(`not able to`), "unable to"},
}

func fxLint(src []byte) []Diagnostic {
	var ds []Diagnostic
	for _, r := range fxRules {
		for _, m := range r.re.FindAllIndex(src, -1) {
			ds = append(ds, fxDiag(fxEdit(m[0], m[1], r.with)))
		}
	}
	return ds
}

// TestApplyFixesRelintIdempotent checks the loop the fix command runs: lint,
// apply, lint the result again, apply again. Once no rule's pattern matches
// the replaced text, the second round changes nothing.
func TestApplyFixesRelintIdempotent(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Sorry, I won't and can't do it.", "Sorry, I will not and cannot do it."},
		{"unfortunately, we are not able to refund. We won't.", "we are unable to refund. We will not."},
		{"Nothing to fix here.", "Nothing to fix here."},
		{"can'tcan'tcan't", "cannotcannotcannot"},
		{"We are not able to refund; not able to", "We are unable to refund; unable to"},
	}
	for _, tc := range tests {
		once, _ := ApplyFixes([]byte(tc.in), fxLint([]byte(tc.in)))
		if string(once) != tc.want {
			t.Errorf("first round on %q = %q, want %q", tc.in, once, tc.want)
		}
		twice, applied := ApplyFixes(once, fxLint(once))
		if !bytes.Equal(twice, once) || applied != 0 {
			t.Errorf("second round on %q = %q (%d applied), want no change", once, twice, applied)
		}
	}
}

// TestApplyFixesOverlapNeedsAnotherRound shows why the caller loops: a fix
// dropped for overlapping is found again by the next lint and applied then.
func TestApplyFixesOverlapNeedsAnotherRound(t *testing.T) {
	src := []byte("abcdef")
	lint := func(b []byte) []Diagnostic {
		var ds []Diagnostic
		if i := bytes.Index(b, []byte("bcd")); i >= 0 {
			ds = append(ds, fxDiag(fxEdit(i, i+3, "B")))
		}
		if i := bytes.Index(b, []byte("def")); i >= 0 {
			ds = append(ds, fxDiag(fxEdit(i, i+3, "D")))
		}
		return ds
	}
	out, applied := ApplyFixes(src, lint(src))
	if string(out) != "aBef" || applied != 1 {
		t.Fatalf("first round = %q, %d; want \"aBef\", 1", out, applied)
	}
	out2, applied2 := ApplyFixes(out, lint(out))
	if string(out2) != "aBef" || applied2 != 0 {
		t.Fatalf("second round = %q, %d; want no change (def is gone)", out2, applied2)
	}
}

func TestApplyFixesAllocations(t *testing.T) {
	src := []byte("I can't help and won't help, unfortunately I am not able to.")
	diags := fxLint(src)
	allocs := testing.AllocsPerRun(100, func() { ApplyFixes(src, diags) })
	// Candidates, edits (taken and scratch share one), output.
	if allocs > 3 {
		t.Errorf("ApplyFixes allocates %.0f times for %d diagnostics, want at most 3", allocs, len(diags))
	}
	if allocs := testing.AllocsPerRun(100, func() { ApplyFixes(src, nil) }); allocs != 0 {
		t.Errorf("ApplyFixes with nothing to do allocates %.0f times, want 0", allocs)
	}
}

func BenchmarkApplyFixes(b *testing.B) {
	var src []byte
	for len(src) < 64<<10 {
		src = append(src, "Unfortunately, we can't ship it and won't refund; we are not able to help.\n"...)
	}
	diags := fxLint(src)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		ApplyFixes(src, diags)
	}
}

// fxTexts are the replacement texts the fuzzer picks from; the last is not
// valid UTF-8.
var fxTexts = []string{"", "x", "é", "€", "😀", "ab\n", "cannot", "\xff"}

// fxDecode turns fuzz bytes into diagnostics: four bytes per edit (start,
// length, text, flags). Offsets may fall outside src and spans may be
// reversed, so invalid edits are exercised too.
func fxDecode(src, spec []byte) []Diagnostic {
	var ds []Diagnostic
	for i := 0; i+4 <= len(spec); i += 4 {
		start := int(spec[i])%(len(src)+3) - 1
		end := start + int(spec[i+1]%6) - 1
		e := fxEdit(start, end, fxTexts[int(spec[i+2])%len(fxTexts)])
		flags := spec[i+3]
		switch {
		case flags&3 == 0 && len(ds) > 0 && len(ds[len(ds)-1].Fixes) > 0:
			f := &ds[len(ds)-1].Fixes[0]
			f.Edits = append(f.Edits, e)
		case flags&3 == 1:
			ds = append(ds, Diagnostic{Start: start, End: end}) // no fix
		case flags&3 == 2 && len(ds) > 0 && len(ds[len(ds)-1].Fixes) > 0:
			// A second fix is never applied.
			ds[len(ds)-1].Fixes = append(ds[len(ds)-1].Fixes, Fix{Edits: []TextEdit{e}})
		default:
			ds = append(ds, fxDiag(e))
		}
	}
	return ds
}

func FuzzApplyFixes(f *testing.F) {
	for _, tc := range fxCases {
		var spec []byte
		for _, d := range tc.diags {
			for _, fix := range d.Fixes[:min(len(d.Fixes), 1)] {
				for j, e := range fix.Edits {
					flags := byte(3)
					if j > 0 {
						flags = 0
					}
					spec = append(spec, byte(e.Start+1), byte(e.End-e.Start+1), 1, flags)
				}
			}
		}
		f.Add([]byte(tc.src), spec)
	}
	f.Add([]byte("héllo wörld 😀"), []byte{2, 2, 1, 3, 3, 3, 2, 3, 9, 0, 4, 0, 16, 1, 5, 3})
	f.Fuzz(func(t *testing.T, src, spec []byte) {
		// The reference is quadratic; a few hundred edits find every case.
		spec = spec[:min(len(spec), 4*300)]
		diags := fxDecode(src, spec)
		orig := bytes.Clone(src)
		before := fxCloneDiags(diags)

		out, applied := ApplyFixes(src, diags)

		if !bytes.Equal(src, orig) || !fxEqualDiags(diags, before) {
			t.Fatalf("inputs were modified")
		}
		out2, applied2 := ApplyFixes(src, diags)
		if !bytes.Equal(out, out2) || applied != applied2 {
			t.Fatalf("applying twice differs: %q (%d) vs %q (%d)", out, applied, out2, applied2)
		}
		if applied == 0 && !bytes.Equal(out, src) {
			t.Fatalf("nothing applied but output %q differs from %q", out, src)
		}
		if utf8.Valid(src) && fxAllTextsValid(diags) && !utf8.Valid(out) {
			t.Fatalf("valid input and texts gave invalid output %q", out)
		}
		refOut, refApplied := fxReference(src, diags)
		if !bytes.Equal(out, refOut) || applied != refApplied {
			t.Fatalf("ApplyFixes(%q, %+v) = %q, %d; reference gives %q, %d", src, diags, out, applied, refOut, refApplied)
		}
	})
}

// fxReference is ApplyFixes written the slow, obvious way: rune boundaries
// found by decoding from the start, every pair of edits compared, edits
// applied back to front on a copy.
func fxReference(src []byte, diags []Diagnostic) ([]byte, int) {
	boundary := map[int]bool{len(src): true}
	for i := 0; i < len(src); {
		boundary[i] = true
		_, n := utf8.DecodeRune(src[i:])
		i += n
	}
	conflict := func(a, b TextEdit) bool {
		if a.Start == a.End && b.Start == b.End {
			return a.Start == b.Start
		}
		return a.Start < b.End && b.Start < a.End
	}
	type cand struct {
		order int
		edits []TextEdit
	}
	var cands []cand
	for i, d := range diags {
		if len(d.Fixes) > 0 && len(d.Fixes[0].Edits) > 0 {
			cands = append(cands, cand{i, d.Fixes[0].Edits})
		}
	}
	first := func(es []TextEdit) TextEdit {
		m := es[0]
		for _, e := range es {
			if e.Start < m.Start || e.Start == m.Start && e.End < m.End {
				m = e
			}
		}
		return m
	}
	slices.SortFunc(cands, func(a, b cand) int {
		fa, fb := first(a.edits), first(b.edits)
		return cmp.Or(cmp.Compare(fa.Start, fb.Start), cmp.Compare(fa.End, fb.End), cmp.Compare(a.order, b.order))
	})
	var taken []TextEdit
	applied := 0
next:
	for _, c := range cands {
		for i, e := range c.edits {
			if e.Start > e.End || !boundary[e.Start] || !boundary[e.End] {
				continue next
			}
			for _, o := range c.edits[:i] {
				if conflict(o, e) {
					continue next
				}
			}
			for _, o := range taken {
				if conflict(o, e) {
					continue next
				}
			}
		}
		taken = append(taken, c.edits...)
		applied++
	}
	// Back to front; at one offset the longer span first, so an insertion
	// there lands before the replacement text.
	slices.SortFunc(taken, func(a, b TextEdit) int { return cmp.Or(cmp.Compare(b.Start, a.Start), cmp.Compare(b.End, a.End)) })
	out := bytes.Clone(src)
	for _, e := range taken {
		out = slices.Concat(out[:e.Start:e.Start], []byte(e.NewText), out[e.End:])
	}
	if applied == 0 {
		return src, 0
	}
	return out, applied
}

func fxAllTextsValid(diags []Diagnostic) bool {
	for _, d := range diags {
		for _, f := range d.Fixes {
			for _, e := range f.Edits {
				if !utf8.ValidString(e.NewText) {
					return false
				}
			}
		}
	}
	return true
}

func fxCloneDiags(ds []Diagnostic) []Diagnostic {
	out := slices.Clone(ds)
	for i := range out {
		out[i].Fixes = slices.Clone(out[i].Fixes)
		for j := range out[i].Fixes {
			out[i].Fixes[j].Edits = slices.Clone(out[i].Fixes[j].Edits)
		}
	}
	return out
}

func fxEqualDiags(a, b []Diagnostic) bool {
	return slices.EqualFunc(a, b, func(x, y Diagnostic) bool {
		return x.Start == y.Start && x.End == y.End && slices.EqualFunc(x.Fixes, y.Fixes, func(f, g Fix) bool {
			return f.Message == g.Message && slices.Equal(f.Edits, g.Edits)
		})
	})
}

// An empty replacement removes the words with their space, and
// capitalises what opens the sentence after them.
func TestRemoval(t *testing.T) {
	tests := []struct{ src, words, want string }{
		{"You just click here.", "just", "You click here."},
		{"Just click here.", "Just", "Click here."},
		{"It was done. Simply restart it.", "Simply", "It was done. Restart it."},
		{"It is easy.", "easy", "It is."},
		{"It is easy", "easy", "It is"},
		{"Please, wait.", "Please", "Wait."},
		{"Wait, please, for it.", "please", "Wait, for it."},
		{"Obviously 42 is right.", "Obviously", "42 is right."},
		{"We  just   click.", "just", "We  click."},
		{"Él solo ábrelo. Solo ábrelo.", "Solo", "Él solo ábrelo. Ábrelo."},
	}
	for _, tc := range tests {
		start := strings.LastIndex(tc.src, tc.words)
		e := removal([]byte(tc.src), start, start+len(tc.words))
		got := tc.src[:e.Start] + e.NewText + tc.src[e.End:]
		if got != tc.want {
			t.Errorf("removing %q from %q: %q, want %q", tc.words, tc.src, got, tc.want)
		}
	}
}
