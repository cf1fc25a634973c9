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
}

// SortDiagnostics orders findings by position, then rule id: the order every
// formatter prints them in.
func SortDiagnostics(ds []Diagnostic) {
	slices.SortFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), strings.Compare(a.RuleID, b.RuleID))
	})
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
