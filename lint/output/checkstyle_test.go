package output

import (
	"encoding/xml"
	"strconv"
	"strings"
	"testing"

	"github.com/replykit/replykit/lint"
)

type checkstyleDoc struct {
	XMLName xml.Name `xml:"checkstyle"`
	Version string   `xml:"version,attr"`
	Files   []struct {
		Name   string `xml:"name,attr"`
		Errors []struct {
			Line     string `xml:"line,attr"`
			Column   string `xml:"column,attr"`
			Severity string `xml:"severity,attr"`
			Message  string `xml:"message,attr"`
			Source   string `xml:"source,attr"`
		} `xml:"error"`
	} `xml:"file"`
}

func parseCheckstyle(t *testing.T, out string) checkstyleDoc {
	t.Helper()
	if !strings.HasPrefix(out, `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Errorf("no XML declaration:\n%s", out)
	}
	var doc checkstyleDoc
	dec := xml.NewDecoder(strings.NewReader(out))
	dec.Strict = true
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("%v in\n%s", err, out)
	}
	if doc.Version != "4.3" {
		t.Errorf("version %q", doc.Version)
	}
	return doc
}

func TestCheckstyleEmptyRun(t *testing.T) {
	doc := parseCheckstyle(t, run(t, "checkstyle", Options{}))
	if len(doc.Files) != 0 {
		t.Errorf("files %+v", doc.Files)
	}
}

func TestCheckstyleAttributes(t *testing.T) {
	files := sampleFiles()
	// Characters XML must escape, in a path and a message; a control
	// character XML cannot hold at all becomes U+FFFD.
	odd := "Tom & \"Jerry\" <tj@example.com>\r\ncalm down"
	files = append(files, &File{Path: `a&b/<"it's">.md`, Src: []byte(odd), Diagnostics: []lint.Diagnostic{
		finding(odd, "calm down", "condescension.calm-down", lint.Info, "Line one\nline two\ttabbed: <&>\"' \x01 end"),
	}})
	doc := parseCheckstyle(t, run(t, "checkstyle", Options{}, files...))
	if len(doc.Files) != len(files) {
		t.Fatalf("%d <file> elements, want %d (one per file, clean ones included)", len(doc.Files), len(files))
	}
	sev := map[lint.Severity]string{lint.Error: "error", lint.Warning: "warning", lint.Info: "info"}
	for i, f := range files {
		got := doc.Files[i]
		if got.Name != f.Path {
			t.Errorf("file %d name %q, want %q", i, got.Name, f.Path)
		}
		if len(got.Errors) != len(f.Diagnostics) {
			t.Errorf("%s: %d errors, want %d", f.Path, len(got.Errors), len(f.Diagnostics))
			continue
		}
		for j, d := range f.Diagnostics {
			e := got.Errors[j]
			pos := f.Index().Position(d.Start)
			want := d.Message
			if strings.Contains(want, "\x01") {
				want = strings.ReplaceAll(want, "\x01", "\uFFFD")
			}
			if e.Line != strconv.Itoa(pos.Line) || e.Column != strconv.Itoa(pos.Column) || e.Severity != sev[d.Severity] ||
				e.Message != want || e.Source != "replykit."+d.RuleID {
				t.Errorf("%s error %d: %+v, want line %d column %d severity %s message %q source replykit.%s",
					f.Path, j, e, pos.Line, pos.Column, sev[d.Severity], want, d.RuleID)
			}
		}
	}
	// Columns count characters: 冷静 is the third character of line 2.
	if e := doc.Files[3].Errors[0]; e.Line != "2" || e.Column != "3" {
		t.Errorf("Chinese finding at %s:%s, want 2:3", e.Line, e.Column)
	}
	// 👩‍💻 is three characters (two emoji joined by U+200D).
	if e := doc.Files[4].Errors[0]; e.Line != "1" || e.Column != "13" {
		t.Errorf("emoji finding at %s:%s, want 1:13", e.Line, e.Column)
	}
}
