package lint

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestSortDiagnostics checks both ways SortDiagnostics sorts (a few
// findings; many, through keys and a permutation) against a stable sort,
// on findings with many ties and in the shapes a lint gives: rules' runs
// in text order one after another, sorted already, reversed, shuffled.
func TestSortDiagnostics(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ids := []string{"a.one", "b.two", "c.three"}
	gen := func(n int) []Diagnostic {
		ds := make([]Diagnostic, n)
		for i := range ds {
			start := rng.IntN(n/2 + 1)
			// Message tells findings apart that the order calls equal.
			ds[i] = Diagnostic{Start: start, End: start + rng.IntN(3), RuleID: ids[rng.IntN(len(ids))], Message: fmt.Sprint(i)}
		}
		return ds
	}
	shapes := map[string]func([]Diagnostic){
		"shuffled": func([]Diagnostic) {},
		"sorted":   func(ds []Diagnostic) { slices.SortStableFunc(ds, compareDiagnostics) },
		"reversed": func(ds []Diagnostic) { slices.SortStableFunc(ds, compareDiagnostics); slices.Reverse(ds) },
		"runs": func(ds []Diagnostic) {
			// Each rule's findings in text order, the rules one after another.
			slices.SortStableFunc(ds, func(a, b Diagnostic) int {
				return cmp.Or(strings.Compare(a.RuleID, b.RuleID), compareDiagnostics(a, b))
			})
		},
	}
	for _, n := range []int{0, 1, 2, 31, 32, 33, 100, 1000, 5000} {
		for name, shape := range shapes {
			ds := gen(n)
			shape(ds)
			want := slices.Clone(ds)
			slices.SortStableFunc(want, compareDiagnostics)
			before := slices.Clone(ds)
			// sortedDiagnostics, as Lint returns findings: a sorted copy of
			// their size, the input left as it was.
			copied := sortedDiagnostics(ds)
			if len(copied) != n || cap(copied) != n || (n == 0) != (copied == nil) {
				t.Fatalf("%d findings, %s: sortedDiagnostics returned %d, capacity %d, nil %v", n, name, len(copied), cap(copied), copied == nil)
			}
			if !slices.EqualFunc(ds, before, func(a, b Diagnostic) bool { return a.Message == b.Message }) {
				t.Fatalf("%d findings, %s: sortedDiagnostics changed its input", n, name)
			}
			SortDiagnostics(ds)
			for _, got := range [][]Diagnostic{ds, copied} {
				for i := range got {
					if got[i].Message != want[i].Message {
						t.Fatalf("%d findings, %s: at %d got finding %s (%d-%d %s), want %s (%d-%d %s)", n, name, i,
							got[i].Message, got[i].Start, got[i].End, got[i].RuleID, want[i].Message, want[i].Start, want[i].End, want[i].RuleID)
					}
				}
			}
		}
	}
}
