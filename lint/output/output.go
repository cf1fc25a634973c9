// Package output writes diagnostics in the formats replykit offers, one file
// per format. Formatters stream: they see one linted file at a time, in the
// order the files were given, so memory does not grow with the number of files.
package output

import (
	"bufio"
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

	// A file too large to hold is linted and written in parts, in order:
	// Part counts them from 0, and More says another part follows. Src is
	// then the part's bytes, starting at byte Offset of the file, on line
	// StartLine; StartBytes, StartCol and StartCol16 count the bytes,
	// characters and UTF-16 units before it on that line when a part starts
	// inside a line. Diagnostics always hold offsets into the whole file.
	// OffsetUTF16 is Offset counted in UTF-16 units, as SARIF counts; it
	// is set only for the formats NeedsFileUTF16 names.
	Part, Offset, OffsetUTF16                   int
	More                                        bool
	StartLine, StartBytes, StartCol, StartCol16 int

	index *lint.LineIndex
}

// Index returns the line index of Src, built on first use.
func (f *File) Index() *lint.LineIndex {
	if f.index == nil {
		f.index = lint.NewLineIndex(f.Src)
	}
	return f.index
}

// Position returns the position in the file of byte offset off.
func (f *File) Position(off int) lint.Position {
	p := f.Index().Position(off - f.Offset)
	if f.StartLine > 0 {
		if p.Line == 1 {
			p.Column += f.StartCol
			p.UTF16Column += f.StartCol16
		}
		p.Line += f.StartLine - 1
	}
	return p
}

// Text returns the file's bytes from start to end.
func (f *File) Text(start, end int) []byte {
	start, end = start-f.Offset, end-f.Offset
	start, end = max(0, min(start, len(f.Src))), max(0, min(end, len(f.Src)))
	return f.Src[start:max(start, end)]
}

// LineAround returns the line that holds byte offset off, as far as Src
// has it, and the file offset where that much of it starts.
func (f *File) LineAround(off int) ([]byte, int) {
	p := f.Index().Position(off - f.Offset)
	return f.Index().Line(p.Line), f.Index().LineStart(p.Line) + f.Offset
}

// Summary counts what a run found.
type Summary struct {
	Files    int // files linted
	Flagged  int // files with at least one finding
	Errors   int
	Warnings int
	Infos    int

	flagged bool // the file being added (in parts) is counted in Flagged
}

// Add counts one file's findings, or one part's.
func (s *Summary) Add(f *File) {
	if f.Part == 0 {
		s.Files++
		s.flagged = false
	}
	if len(f.Diagnostics) > 0 && !s.flagged {
		s.Flagged++
		s.flagged = true
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

// bufferSize is how much a formatter holds before it writes: a large file's
// hundreds of thousands of findings then take a few hundred writes, not
// thousands. Each file's findings are passed on to w when the file is done
// (replykit lint then holds them until it has nothing more to write).
const bufferSize = 64 << 10

// newWriter returns a formatter's buffer over w.
func newWriter(w io.Writer) *bufio.Writer { return bufio.NewWriterSize(w, bufferSize) }

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

// NeedsFileUTF16 reports whether a format writes offsets counted in UTF-16
// units from the start of the file (File.OffsetUTF16), which a file linted
// in parts counts only when asked to.
func NeedsFileUTF16(format string) bool { return format == "sarif" }

// ValidFormat reports whether format names a formatter.
func ValidFormat(format string) bool { return slices.Contains(Formats, format) }
