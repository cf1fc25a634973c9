package output

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/replykit/replykit/lint"
)

func file(src string, diags ...lint.Diagnostic) *File {
	return &File{Path: "r.md", Src: []byte(src), Lang: "en", Diagnostics: diags}
}

func diag(src, match string) lint.Diagnostic {
	start := strings.Index(src, match)
	return lint.Diagnostic{Start: start, End: start + len(match), RuleID: "condescension.calm-down",
		Category: "condescension", Severity: lint.Warning, Message: "“" + match + "” dismisses the customer's feelings.",
		Suggestion: "Say what you are doing to fix it."}
}

func run(t *testing.T, format string, opts Options, files ...*File) string {
	t.Helper()
	var buf bytes.Buffer
	f, err := New(format, &buf, opts)
	if err != nil {
		t.Fatal(err)
	}
	var sum Summary
	if err := f.Start(); err != nil {
		t.Fatal(err)
	}
	for _, fl := range files {
		sum.Add(fl)
		if err := f.File(fl); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Finish(sum); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// The caret sits under the span as a terminal shows it: wide Chinese
// characters take two columns, the tab one.
func TestTextPretty(t *testing.T) {
	src := "Hi Wei,\r\n你好\tplease calm down now.\r\n"
	got := run(t, "text", Options{Pretty: true}, file(src, diag(src, "calm down")))
	want := "r.md:2:11: warning: “calm down” dismisses the customer's feelings. [condescension.calm-down]\n" +
		" 2 | 你好 please calm down now.\n" +
		"   |             ^^^^^^^^^\n" +
		"   = try: Say what you are doing to fix it.\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// A span running past its line is underlined to the line's end.
func TestTextPrettyMultiline(t *testing.T) {
	src := "please calm\ndown"
	got := run(t, "text", Options{Pretty: true}, file(src, diag(src, "calm\ndown")))
	if !strings.Contains(got, " 1 | please calm\n   |        ^^^^\n") {
		t.Errorf("got:\n%s", got)
	}
}

// A finding is one line, also when a rule's message or suggestion has
// several (a Vale rule's `message: |`), so that grep and editors can read it.
func TestTextMessageOnOneLine(t *testing.T) {
	src := "please calm down"
	d := diag(src, "calm down")
	d.Message = "Consider rewriting.\n\nParenthetical content  hides the point.\r\nSay it plainly.\n"
	d.Suggestion = "Say it\nin the sentence."
	got := run(t, "text", Options{Pretty: true}, file(src, d))
	want := "r.md:1:8: warning: Consider rewriting. Parenthetical content  hides the point. Say it plainly. [condescension.calm-down]\n" +
		" 1 | please calm down\n" +
		"   |        ^^^^^^^^^\n" +
		"   = try: Say it in the sentence.\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestTextColor(t *testing.T) {
	src := "calm down"
	plain := run(t, "text", Options{}, file(src, diag(src, "calm down")))
	if strings.Contains(plain, "\x1b[") {
		t.Errorf("escape codes without colour: %q", plain)
	}
	if plain != "r.md:1:1: warning: “calm down” dismisses the customer's feelings. [condescension.calm-down]\n" {
		t.Errorf("plain line %q", plain)
	}
	src = "Hi Wei,\r\n你好\tplease calm down now, calm down.\r\n"
	d2 := diag(src, "now, calm down")
	d2.Severity, d2.RuleID = lint.Error, "x.y"
	plain = run(t, "text", Options{}, file(src, diag(src, "calm down"), d2))
	if plain != "r.md:2:11: warning: “calm down” dismisses the customer's feelings. [condescension.calm-down]\n"+
		"r.md:2:21: error: “now, calm down” dismisses the customer's feelings. [x.y]\n" {
		t.Errorf("plain lines %q", plain)
	}
	colored := run(t, "text", Options{Pretty: true, Color: true}, file(src, diag(src, "calm down")))
	if !strings.Contains(colored, "\x1b[1m\x1b[33mwarning\x1b[0m") {
		t.Errorf("no yellow warning in %q", colored)
	}
}

func TestJSONEmptyRun(t *testing.T) {
	out := run(t, "json", Options{})
	var v struct {
		Version int               `json:"version"`
		Files   []json.RawMessage `json:"files"`
		Summary Summary           `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if v.Version != JSONVersion || len(v.Files) != 0 {
		t.Errorf("got %+v", v)
	}
}

func TestJSONValidWithManyFiles(t *testing.T) {
	src := "Hi Wei 😀, calm down"
	out := run(t, "json", Options{}, file(src, diag(src, "calm down")), file("fine"), file(src))
	var v struct {
		Files []struct {
			Path        string `json:"path"`
			Diagnostics []struct {
				Range struct {
					Start struct{ Column, UTF16Column int }
				} `json:"range"`
			} `json:"diagnostics"`
		} `json:"files"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if len(v.Files) != 3 || len(v.Files[0].Diagnostics) != 1 || v.Files[1].Diagnostics == nil {
		t.Fatalf("files %+v", v.Files)
	}
	if s := v.Files[0].Diagnostics[0].Range.Start; s.Column != 11 || s.UTF16Column != 12 {
		t.Errorf("start %+v, want column 11, UTF-16 column 12", s)
	}
}

func TestSummaryLine(t *testing.T) {
	for _, c := range []struct {
		s    Summary
		want string
	}{
		{Summary{Files: 1}, "No problems found in 1 file."},
		{Summary{Files: 3}, "No problems found in 3 files."},
		{Summary{Files: 3, Flagged: 1, Errors: 1, Warnings: 2, Infos: 1}, "1 error, 2 warnings, 1 note in 1 file of 3 checked."},
	} {
		if got := SummaryLine(c.s); got != c.want {
			t.Errorf("%+v: %q, want %q", c.s, got, c.want)
		}
	}
}
