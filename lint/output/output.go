// Package output writes diagnostics in the formats replykit offers, one file
// per format. Formatters stream: they see one linted file at a time, in the
// order the files were given, so memory does not grow with the number of files.
package output

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/replykit/replykit/lint"
)

// File is one linted document as formatters see it.
type File struct {
	Path         string
	Src          []byte
	Lang         string
	Mixed        string // a second language with a real share of the text
	Situation    string
	CustomerName string
	Diagnostics  []lint.Diagnostic

	index *lint.LineIndex
}

// Index returns the file's line index, built on first use.
func (f *File) Index() *lint.LineIndex {
	if f.index == nil {
		f.index = lint.NewLineIndex(f.Src)
	}
	return f.index
}

// Summary counts what a run found.
type Summary struct {
	Files    int // files linted
	Flagged  int // files with at least one finding
	Errors   int
	Warnings int
	Infos    int
}

// Add counts one file's findings.
func (s *Summary) Add(f *File) {
	s.Files++
	if len(f.Diagnostics) > 0 {
		s.Flagged++
	}
	for _, d := range f.Diagnostics {
		switch d.Severity {
		case lint.Error:
			s.Errors++
		case lint.Warning:
			s.Warnings++
		default:
			s.Infos++
		}
	}
}

// Formatter writes a run's findings.
type Formatter interface {
	Start() error
	File(f *File) error
	Finish(s Summary) error
}

// Options shape the formatters.
type Options struct {
	Pretty bool // source excerpts with carets (a terminal)
	Color  bool

	// Rules lists the rules in force, for formats that describe rules
	// (SARIF); a finding of a rule not listed is still written.
	Rules []RuleInfo
	// Tool names the program in formats that record it; New fills an empty
	// Name with "replykit" and an empty Version with "dev".
	Tool Tool
}

// RuleInfo is what formatters may say about a rule.
type RuleInfo struct {
	ID, Category string
	Message      string // may hold %s for the matched text
	Why          string
	Suggestion   string
	Severity     lint.Severity
}

// Tool identifies the program that wrote the output.
type Tool struct {
	Name, Version, InformationURI string
}

// Formats lists the format names, in the order --help shows them.
var Formats = []string{"text", "json", "sarif", "checkstyle", "github", "rdjson"}

// New returns the formatter for a format name.
func New(format string, w io.Writer, opts Options) (Formatter, error) {
	if opts.Tool.Name == "" {
		opts.Tool.Name = "replykit"
	}
	if opts.Tool.Version == "" {
		opts.Tool.Version = "dev"
	}
	switch format {
	case "text":
		return &Text{w: w, opts: opts}, nil
	case "json":
		return &JSON{w: w}, nil
	case "sarif":
		return &SARIF{w: w, opts: opts}, nil
	case "checkstyle":
		return &Checkstyle{w: w, opts: opts}, nil
	case "github":
		return &GitHub{w: w}, nil
	case "rdjson":
		return &RDJSON{w: w, opts: opts}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// ValidFormat reports whether format names a formatter.
func ValidFormat(format string) bool { return slices.Contains(Formats, format) }
