package output

import (
	"bufio"
	"cmp"
	"io"
	"slices"
	"strings"

	"github.com/replykit/replykit/lint"
)

// RDJSON writes reviewdog's rdjson: one DiagnosticResult object
// (proto/rdf/reviewdog.proto in github.com/reviewdog/reviewdog), for
// `reviewdog -f=rdjson`. Diagnostics are streamed as files are linted; the
// overall severity, which reviewdog uses only for diagnostics that lack one,
// comes last, once it is known.
//
// Columns are 1-based UTF-8 byte counts within the line: reviewdog.proto says
// of Position.column "Column number, starting at 1 (byte count in UTF-8)", with
// the example 'a𐐀b', where b is at column 6. Range ends are exclusive there, as
// here. reviewdog reads the object with protojson, which rejects unknown
// fields, so nothing outside the proto is written.
type RDJSON struct {
	w     io.Writer
	opts  Options
	bw    *bufio.Writer
	first bool
	jw    jsonWriter
}

type rdDiagnostic struct {
	Message     string         `json:"message"`
	Location    rdLocation     `json:"location"`
	Severity    string         `json:"severity"`
	Source      rdSource       `json:"source"`
	Code        rdCode         `json:"code"`
	Suggestions []rdSuggestion `json:"suggestions,omitempty"`
}

type rdLocation struct {
	Path  string  `json:"path"`
	Range rdRange `json:"range"`
}

type rdRange struct {
	Start rdPosition `json:"start"`
	End   rdPosition `json:"end"`
}

type rdPosition struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

type rdSource struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type rdCode struct {
	Value string `json:"value"`
	URL   string `json:"url,omitempty"`
}

type rdSuggestion struct {
	Range rdRange `json:"range"`
	Text  string  `json:"text"`
}

func rdSeverity(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "ERROR"
	case lint.Warning:
		return "WARNING"
	}
	return "INFO"
}

func (r *RDJSON) Start() error {
	r.bw = newWriter(r.w)
	r.first = true
	src, err := marshalIndent(rdSource{Name: r.opts.Tool.Name, URL: r.opts.Tool.InformationURI}, "  ")
	if err != nil {
		return err
	}
	r.bw.WriteString("{\n  \"source\": ")
	r.bw.Write(src)
	_, err = r.bw.WriteString(",\n  \"diagnostics\": [")
	return err
}

func (r *RDJSON) File(f *File) error {
	pos := func(off int) rdPosition {
		p := f.Position(off)
		off = max(f.Offset, min(off, f.Offset+len(f.Src)))
		_, lineStart := f.LineAround(off)
		col := off - lineStart + 1
		if p.Line == f.StartLine && f.StartLine > 0 {
			col += f.StartBytes // a part that starts inside a line
		}
		return rdPosition{Line: p.Line, Column: col}
	}
	rng := func(start, end int) rdRange { return rdRange{Start: pos(start), End: pos(end)} }
	for _, d := range f.Diagnostics {
		rd := rdDiagnostic{Message: d.Message, Location: rdLocation{Path: f.Path, Range: rng(d.Start, d.End)},
			Severity: rdSeverity(d.Severity), Source: rdSource{Name: r.opts.Tool.Name}, Code: rdCode{Value: d.RuleID}}
		// reviewdog treats a diagnostic's suggestions as alternatives (its
		// GitHub reporter posts one suggestion block each, its SARIF writer one
		// fix each), as our fixes are: one suggestion per fix, its edits merged.
		for _, fx := range d.Fixes {
			if start, end, text, ok := mergeEdits(f, fx.Edits); ok {
				rd.Suggestions = append(rd.Suggestions, rdSuggestion{Range: rng(start, end), Text: text})
			}
		}
		if !r.first {
			r.bw.WriteString(",")
		}
		r.first = false
		r.bw.WriteString("\n    ")
		r.jw.reset("    ")
		rd.write(&r.jw)
		r.bw.Write(r.jw.buf)
	}
	return r.bw.Flush()
}

func (rd *rdDiagnostic) write(w *jsonWriter) {
	w.obj(func() {
		w.strField("message", rd.Message)
		w.objField("location", func() {
			w.strField("path", rd.Location.Path)
			rd.Location.Range.write(w, "range")
		})
		w.strField("severity", rd.Severity)
		w.objField("source", func() {
			w.strField("name", rd.Source.Name)
			w.strOmit("url", rd.Source.URL)
		})
		w.objField("code", func() {
			w.strField("value", rd.Code.Value)
			w.strOmit("url", rd.Code.URL)
		})
		if len(rd.Suggestions) > 0 {
			w.list("suggestions", len(rd.Suggestions), false, func(i int) {
				sg := &rd.Suggestions[i]
				sg.Range.write(w, "range")
				w.strField("text", sg.Text)
			})
		}
	})
}

// write writes the member name, the range rr.
func (rr rdRange) write(w *jsonWriter, name string) {
	w.objField(name, func() {
		for _, p := range [2]struct {
			name string
			pos  rdPosition
		}{{"start", rr.Start}, {"end", rr.End}} {
			w.objField(p.name, func() {
				w.intField("line", p.pos.Line)
				w.intField("column", p.pos.Column)
			})
		}
	})
}

func (r *RDJSON) Finish(s Summary) error {
	if !r.first {
		r.bw.WriteString("\n  ")
	}
	r.bw.WriteString("]")
	switch {
	case s.Errors > 0:
		r.bw.WriteString(",\n  \"severity\": \"ERROR\"")
	case s.Warnings > 0:
		r.bw.WriteString(",\n  \"severity\": \"WARNING\"")
	case s.Infos > 0:
		r.bw.WriteString(",\n  \"severity\": \"INFO\"")
	}
	r.bw.WriteString("\n}\n")
	return r.bw.Flush()
}

// mergeEdits turns a fix's non-overlapping edits into one replacement of the
// bytes [start, end) that the edits span, keeping the text between them.
func mergeEdits(f *File, edits []lint.TextEdit) (start, end int, text string, ok bool) {
	if len(edits) == 0 {
		return 0, 0, "", false
	}
	es := slices.SortedFunc(slices.Values(edits), func(a, b lint.TextEdit) int { return cmp.Compare(a.Start, b.Start) })
	start, end = es[0].Start, es[0].Start
	if start < 0 {
		return 0, 0, "", false
	}
	var sb strings.Builder
	for _, e := range es {
		if e.Start < end || e.End < e.Start || e.Start < f.Offset || e.End > f.Offset+len(f.Src) {
			return 0, 0, "", false // overlapping or out of range: not one replacement
		}
		sb.Write(f.Text(end, e.Start))
		sb.WriteString(e.NewText)
		end = e.End
	}
	return start, end, sb.String(), true
}
