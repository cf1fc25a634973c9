package lint

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity orders findings; a higher value is more serious.
type Severity uint8

const (
	Info Severity = iota + 1
	Warning
	Error
)

// ParseSeverity reads "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Info:
		return "info"
	}
	return "unknown"
}

// Categories lists every rule category, in the order documentation shows them.
var Categories = []string{
	"negative-phrasing",
	"apology",
	"blame-shifting",
	"name-overuse",
	"condescension",
	"deflection",
	"over-familiar",
	"no-next-step",
	"unfilled-placeholder",
}

// ValidCategory reports whether c is one of Categories.
func ValidCategory(c string) bool {
	for _, k := range Categories {
		if k == c {
			return true
		}
	}
	return false
}

// TextEdit replaces the bytes [Start, End) of the original input with NewText.
type TextEdit struct {
	Start, End int
	NewText    string
}

// Fix is one suggested change, made of non-overlapping edits.
type Fix struct {
	Message string // a verb phrase: "Replace with “let me find out”"
	Edits   []TextEdit
}

// Diagnostic is one finding: a byte span [Start, End) into the original input.
type Diagnostic struct {
	Start, End int
	RuleID     string
	Category   string
	Severity   Severity
	Message    string
	Suggestion string
	Fixes      []Fix
	echoes     string // the rule's Echoes
	limit      int    // the rule's Limit
}

// SortDiagnostics orders findings by position, then rule id: the order every
// formatter prints them in. Findings of the same position and rule keep
// their order.
func SortDiagnostics(ds []Diagnostic) {
	if len(ds) <= 32 {
		slices.SortStableFunc(ds, compareDiagnostics)
		return
	}
	if slices.IsSortedFunc(ds, compareDiagnostics) {
		return
	}
	keys := sortKeys(ds)
	// keys[i].from is the finding that goes to i: follow each cycle of
	// that permutation, marking the places filled.
	for i := range keys {
		if keys[i].from == i {
			continue
		}
		held := ds[i]
		j := i
		for {
			from := keys[j].from
			keys[j].from = j
			if from == i {
				ds[j] = held
				break
			}
			ds[j] = ds[from]
			j = from
		}
	}
}

// sortKeys returns the order of ds, which is not sorted, as keys whose
// from is the finding that goes to each place. A large file can have
// hundreds of thousands of findings, each rule's in text order. A finding
// is over a hundred bytes: sorting small keys that point at them moves
// each finding once.
func sortKeys(ds []Diagnostic) []diagKey {
	keys := make([]diagKey, len(ds))
	for i := range ds {
		keys[i] = diagKey{ds[i].Start, ds[i].End, i}
	}
	compare := func(a, b diagKey) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end),
			strings.Compare(ds[a.from].RuleID, ds[b.from].RuleID), cmp.Compare(a.from, b.from))
	}
	return mergeRuns(keys, compare)
}

// sortedDiagnostics returns ds in SortDiagnostics's order, in a slice of
// their own, of their size; nil when there are none. ds is left as it was.
func sortedDiagnostics(ds []Diagnostic) []Diagnostic {
	if len(ds) == 0 {
		return nil
	}
	out := make([]Diagnostic, len(ds))
	switch {
	case len(ds) <= 32:
		copy(out, ds)
		slices.SortStableFunc(out, compareDiagnostics)
		return out
	case slices.IsSortedFunc(ds, compareDiagnostics):
		copy(out, ds)
		return out
	}
	for i, k := range sortKeys(ds) {
		out[i] = ds[k.from]
	}
	return out
}

// diagKey is what SortDiagnostics sorts: a finding's span and its index.
type diagKey struct{ start, end, from int }

// maxRuns is the most runs in order mergeRuns merges; with more, it sorts.
const maxRuns = 64

// mergeRuns sorts keys, which compare never calls equal, and returns them:
// in keys' array or another. Findings come a rule at a time, each rule's in
// text order, so keys are a few runs in order: merging them, pair by pair,
// takes a few passes where a sort would take many.
func mergeRuns(keys []diagKey, compare func(a, b diagKey) int) []diagKey {
	runs := []int{0} // where each run starts
	for i := 1; i < len(keys); i++ {
		if compare(keys[i-1], keys[i]) > 0 {
			if runs = append(runs, i); len(runs) > maxRuns {
				slices.SortFunc(keys, compare)
				return keys
			}
		}
	}
	buf := make([]diagKey, len(keys))
	for len(runs) > 1 {
		merged := runs[:0:0]
		for k := 0; k < len(runs); k += 2 {
			lo, mid, hi := runs[k], len(keys), len(keys)
			if k+1 < len(runs) {
				mid = runs[k+1]
			}
			if k+2 < len(runs) {
				hi = runs[k+2]
			}
			i, j, o := lo, mid, lo
			for ; i < mid && j < hi; o++ {
				if compare(keys[i], keys[j]) < 0 {
					buf[o], i = keys[i], i+1
				} else {
					buf[o], j = keys[j], j+1
				}
			}
			o += copy(buf[o:], keys[i:mid])
			copy(buf[o:], keys[j:hi])
			merged = append(merged, lo)
		}
		keys, buf, runs = buf, keys, merged
	}
	return keys
}

func compareDiagnostics(a, b Diagnostic) int {
	return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), strings.Compare(a.RuleID, b.RuleID))
}

// Shift moves the finding and its fixes by n bytes: for text linted apart
// from what stands before it, such as one part of a large file.
func (d *Diagnostic) Shift(n int) {
	d.Start += n
	d.End += n
	for i := range d.Fixes {
		edits := slices.Clone(d.Fixes[i].Edits)
		for k := range edits {
			edits[k].Start += n
			edits[k].End += n
		}
		d.Fixes[i].Edits = edits
	}
}
