package output

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/replykit/replykit/lint"
)

// JSONVersion is the version of the JSON shape; it changes only when a field
// is removed or changes meaning (fields may be added without a change).
const JSONVersion = 1

// JSON writes one JSON document: {"version", "files": [...], "summary"}.
// Files are streamed as they are linted.
type JSON struct {
	w     io.Writer
	bw    *bufio.Writer
	first bool
	diags int // diagnostics written of the current file
	jw    jsonWriter
}

type jsonFile struct {
	Path         string     `json:"path"`
	Language     string     `json:"language"`
	AlsoLanguage string     `json:"alsoLanguage,omitempty"`
	Situation    string     `json:"situation,omitempty"`
	CustomerName string     `json:"customerName,omitempty"`
	Diagnostics  []jsonDiag `json:"diagnostics"`
}

type jsonDiag struct {
	RuleID     string    `json:"ruleId"`
	Category   string    `json:"category"`
	Severity   string    `json:"severity"`
	Message    string    `json:"message"`
	Suggestion string    `json:"suggestion,omitempty"`
	Text       string    `json:"text"`
	Span       jsonSpan  `json:"span"`
	Range      jsonRange `json:"range"`
	Fixes      []jsonFix `json:"fixes,omitempty"`
}

type jsonSpan struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

type jsonRange struct {
	Start jsonPos `json:"start"`
	End   jsonPos `json:"end"`
}

type jsonPos struct {
	Line        int `json:"line"`
	Column      int `json:"column"`
	UTF16Column int `json:"utf16Column"`
}

type jsonFix struct {
	Message string     `json:"message"`
	Edits   []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	Start   int    `json:"start"`
	End     int    `json:"end"`
	NewText string `json:"newText"`
}

type jsonSummary struct {
	Files    int `json:"files"`
	Flagged  int `json:"flagged"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

func (j *JSON) Start() error {
	j.bw = newWriter(j.w)
	j.first = true
	_, err := fmt.Fprintf(j.bw, "{\n  \"version\": %d,\n  \"files\": [", JSONVersion)
	return err
}

func (j *JSON) File(f *File) error {
	// A file is written as it comes, part by part: its diagnostics are
	// never all held at once, however many a large file has.
	j.jw.escapeHTML = true
	if f.Part == 0 {
		jf := jsonFile{Path: f.Path, Language: f.Lang, AlsoLanguage: f.Mixed, Situation: f.Situation, CustomerName: f.CustomerName}
		if !j.first {
			j.bw.WriteString(",")
		}
		j.first = false
		j.bw.WriteString("\n    ")
		j.jw.reset("    ")
		jf.writeHead(&j.jw)
		j.bw.Write(j.jw.buf) // up to "diagnostics":
		j.diags = 0
	}
	for _, d := range f.Diagnostics {
		if j.diags == 0 {
			j.bw.WriteString("[")
		} else {
			j.bw.WriteString(",")
		}
		j.diags++
		j.bw.WriteString("\n        ")
		j.jw.reset("        ")
		jd := toJSON(f, d)
		jd.write(&j.jw)
		j.bw.Write(j.jw.buf)
	}
	if f.More {
		return nil
	}
	if j.diags == 0 {
		j.bw.WriteString("[]")
	} else {
		j.bw.WriteString("\n      ]")
	}
	_, err := j.bw.WriteString("\n    }")
	return err
}

// writeHead writes the file's object up to its diagnostics, which follow
// one by one: `{ "path": …, "diagnostics": `.
func (jf *jsonFile) writeHead(w *jsonWriter) {
	w.object()
	w.strField("path", jf.Path)
	w.strField("language", jf.Language)
	w.strOmit("alsoLanguage", jf.AlsoLanguage)
	w.strOmit("situation", jf.Situation)
	w.strOmit("customerName", jf.CustomerName)
	w.key("diagnostics")
}

func (jd *jsonDiag) write(w *jsonWriter) {
	w.obj(func() {
		w.strField("ruleId", jd.RuleID)
		w.strField("category", jd.Category)
		w.strField("severity", jd.Severity)
		w.strField("message", jd.Message)
		w.strOmit("suggestion", jd.Suggestion)
		w.strField("text", jd.Text)
		w.objField("span", func() {
			w.intField("start", jd.Span.Start)
			w.intField("end", jd.Span.End)
		})
		w.objField("range", func() {
			jd.Range.Start.write(w, "start")
			jd.Range.End.write(w, "end")
		})
		if len(jd.Fixes) > 0 {
			w.list("fixes", len(jd.Fixes), false, func(i int) {
				fx := &jd.Fixes[i]
				w.strField("message", fx.Message)
				w.list("edits", len(fx.Edits), fx.Edits == nil, func(i int) {
					e := &fx.Edits[i]
					w.intField("start", e.Start)
					w.intField("end", e.End)
					w.strField("newText", e.NewText)
				})
			})
		}
	})
}

// write writes the member name, the position p.
func (p jsonPos) write(w *jsonWriter, name string) {
	w.objField(name, func() {
		w.intField("line", p.Line)
		w.intField("column", p.Column)
		w.intField("utf16Column", p.UTF16Column)
	})
}

func toJSON(f *File, d lint.Diagnostic) jsonDiag {
	pos := func(off int) jsonPos {
		p := f.Position(off)
		return jsonPos{Line: p.Line, Column: p.Column, UTF16Column: p.UTF16Column}
	}
	jd := jsonDiag{RuleID: d.RuleID, Category: d.Category, Severity: d.Severity.String(), Message: d.Message,
		Suggestion: d.Suggestion, Text: string(f.Text(d.Start, d.End)), Span: jsonSpan{d.Start, d.End},
		Range: jsonRange{Start: pos(d.Start), End: pos(d.End)}}
	for _, fx := range d.Fixes {
		jx := jsonFix{Message: fx.Message}
		for _, e := range fx.Edits {
			jx.Edits = append(jx.Edits, jsonEdit{Start: e.Start, End: e.End, NewText: e.NewText})
		}
		jd.Fixes = append(jd.Fixes, jx)
	}
	return jd
}

func (j *JSON) Finish(s Summary) error {
	if !j.first {
		j.bw.WriteString("\n  ")
	}
	b, err := json.Marshal(jsonSummary{Files: s.Files, Flagged: s.Flagged, Errors: s.Errors, Warnings: s.Warnings, Infos: s.Infos})
	if err != nil {
		return err
	}
	j.bw.WriteString("],\n  \"summary\": ")
	j.bw.Write(b)
	j.bw.WriteString("\n}\n")
	return j.bw.Flush()
}
