package output

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/replykit/replykit/lint"
)

// Text writes one line per finding, `path:line:col: severity: message [rule]`,
// and on a terminal also the source line, a caret under the span and the suggestion.
type Text struct {
	w    io.Writer
	opts Options
	bw   *bufio.Writer
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiCyan   = "\x1b[36m"
	ansiGreen  = "\x1b[32m"
)

func (t *Text) paint(code, s string) string {
	if !t.opts.Color {
		return s
	}
	return code + s + ansiReset
}

func (t *Text) Start() error {
	t.bw = newWriter(t.w)
	return nil
}

func (t *Text) File(f *File) error {
	var num []byte
	for _, d := range f.Diagnostics {
		pos := f.Position(d.Start)
		sev := d.Severity.String()
		switch d.Severity {
		case lint.Error:
			sev = t.paint(ansiBold+ansiRed, sev)
		case lint.Warning:
			sev = t.paint(ansiBold+ansiYellow, sev)
		default:
			sev = t.paint(ansiBold+ansiBlue, sev)
		}
		// Written piece by piece, not with fmt: a large file can have
		// hundreds of thousands of lines.
		t.bw.WriteString(t.paint(ansiBold, f.Path))
		num = strconv.AppendInt(append(num[:0], ':'), int64(pos.Line), 10)
		num = strconv.AppendInt(append(num, ':'), int64(pos.Column), 10)
		t.bw.Write(append(num, ':', ' '))
		t.bw.WriteString(sev)
		t.bw.WriteString(": ")
		t.bw.WriteString(lint.OneLine(d.Message))
		if t.opts.Color {
			t.bw.WriteString(" " + t.paint(ansiDim, "["+d.RuleID+"]") + "\n")
		} else {
			t.bw.WriteString(" [")
			t.bw.WriteString(d.RuleID)
			t.bw.WriteString("]\n")
		}
		if t.opts.Pretty {
			t.excerpt(f, d, pos)
		}
	}
	return t.bw.Flush()
}

// excerpt prints the source line and a caret under the span (to the end of the
// line when the span runs on), then the suggestion.
func (t *Text) excerpt(f *File, d lint.Diagnostic, pos lint.Position) {
	line, lineStart := f.LineAround(d.Start)
	num := fmt.Sprint(pos.Line)
	gutter := strings.Repeat(" ", len(num))
	from := d.Start - lineStart
	to := min(d.End-lineStart, len(line))
	fmt.Fprintf(t.bw, " %s %s %s\n", t.paint(ansiDim, num), t.paint(ansiDim, "|"), printable(line))
	pad, under := displayWidth(line[:from]), max(1, displayWidth(line[from:max(from, to)]))
	fmt.Fprintf(t.bw, " %s %s %s%s\n", gutter, t.paint(ansiDim, "|"), strings.Repeat(" ", pad),
		t.paint(ansiBold+ansiCyan, strings.Repeat("^", under)))
	if d.Suggestion != "" {
		fmt.Fprintf(t.bw, " %s %s %s\n", gutter, t.paint(ansiGreen, "="), t.paint(ansiGreen, "try: ")+lint.OneLine(d.Suggestion))
	}
}

// printable turns tabs into spaces and drops other control characters so the
// caret lines up under what the terminal shows.
func printable(b []byte) string {
	var sb strings.Builder
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		switch {
		case r == '\t':
			sb.WriteByte(' ')
		case r == utf8.RuneError && size == 1:
			sb.WriteRune('\uFFFD')
		case unicode.IsControl(r):
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// displayWidth counts terminal columns: wide East Asian characters take two,
// combining marks none.
func displayWidth(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		switch {
		case r == '\t':
			n++
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Cf, r) || unicode.IsControl(r):
		default:
			switch width.LookupRune(r).Kind() {
			case width.EastAsianWide, width.EastAsianFullwidth:
				n += 2
			default:
				n++
			}
		}
	}
	return n
}

func (t *Text) Finish(s Summary) error { return t.bw.Flush() }

// SummaryLine says what a run found, for people.
func SummaryLine(s Summary) string {
	if s.Errors+s.Warnings+s.Infos == 0 {
		return fmt.Sprintf("No problems found in %s.", Plural(s.Files, "file"))
	}
	var parts []string
	for _, p := range []struct {
		n    int
		name string
	}{{s.Errors, "error"}, {s.Warnings, "warning"}, {s.Infos, "note"}} {
		if p.n > 0 {
			parts = append(parts, Plural(p.n, p.name))
		}
	}
	return fmt.Sprintf("%s in %s of %s checked.", strings.Join(parts, ", "), Plural(s.Flagged, "file"), fmt.Sprint(s.Files))
}

// Plural writes a count with its noun: "1 file", "2 files".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
