package output

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/replykit/replykit/lint"
)

// These types mirror reviewdog's proto/rdf/reviewdog.proto field for field;
// decoding rejects any other field, as reviewdog's protojson decoding does.
type rdfDiagnosticResult struct {
	Diagnostics []rdfDiagnostic `json:"diagnostics"`
	Source      *rdfSource      `json:"source"`
	Severity    string          `json:"severity"`
}

type rdfDiagnostic struct {
	Message        string          `json:"message"`
	Location       *rdfLocation    `json:"location"`
	Severity       string          `json:"severity"`
	Source         *rdfSource      `json:"source"`
	Code           *rdfCode        `json:"code"`
	Suggestions    []rdfSuggestion `json:"suggestions"`
	OriginalOutput string          `json:"original_output"`
	Images         []struct {
		ImageURL string `json:"image_url"`
		Alt      string `json:"alt"`
		Caption  string `json:"caption"`
	} `json:"images"`
}

type rdfLocation struct {
	Path  string    `json:"path"`
	Range *rdfRange `json:"range"`
}

type rdfRange struct {
	Start *rdfPosition `json:"start"`
	End   *rdfPosition `json:"end"`
}

type rdfPosition struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

type rdfSuggestion struct {
	Range *rdfRange `json:"range"`
	Text  string    `json:"text"`
}

type rdfSource struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

type rdfCode struct {
	Value string `json:"value"`
	URL   string `json:"url"`
}

func decodeRDJSON(t *testing.T, out string) rdfDiagnosticResult {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	var r rdfDiagnosticResult
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("%v in\n%s", err, out)
	}
	if dec.More() {
		t.Fatalf("more than one JSON value in\n%s", out)
	}
	return r
}

func TestRDJSONEmptyRun(t *testing.T) {
	for _, files := range [][]*File{nil, {file("fine")}} {
		r := decodeRDJSON(t, run(t, "rdjson", Options{}, files...))
		if r.Diagnostics == nil || len(r.Diagnostics) != 0 || r.Severity != "" || r.Source == nil || r.Source.Name != "replykit" {
			t.Errorf("%+v", r)
		}
	}
}

// Columns are 1-based UTF-8 byte counts, as reviewdog.proto's own example
// says: in 'a𐐀b', b is at column 6.
func TestRDJSONColumnsAreUTF8Bytes(t *testing.T) {
	src := "a𐐀b"
	r := decodeRDJSON(t, run(t, "rdjson", Options{}, file(src, finding(src, "b", "x.y", lint.Info, "b"))))
	rg := r.Diagnostics[0].Location.Range
	if rg.Start.Line != 1 || rg.Start.Column != 6 || rg.End.Line != 1 || rg.End.Column != 7 {
		t.Errorf("range %+v %+v, want 1:6-1:7", *rg.Start, *rg.End)
	}
}

func TestRDJSONFields(t *testing.T) {
	files := sampleFiles()
	r := decodeRDJSON(t, run(t, "rdjson", Options{Tool: Tool{InformationURI: "https://replykit.dev"}}, files...))
	if r.Source == nil || r.Source.Name != "replykit" || r.Source.URL != "https://replykit.dev" || r.Severity != "ERROR" {
		t.Errorf("source %+v, severity %q", r.Source, r.Severity)
	}
	sev := map[lint.Severity]string{lint.Error: "ERROR", lint.Warning: "WARNING", lint.Info: "INFO"}
	i := 0
	for _, f := range files {
		// An independent position: the line's bytes before the offset, plus one.
		pos := func(off int) rdfPosition {
			before := string(f.Src[:off])
			line := 1 + strings.Count(before, "\n") + strings.Count(strings.ReplaceAll(before, "\r\n", "\n"), "\r")
			lineStart := max(strings.LastIndexAny(before, "\r\n")+1, 0)
			return rdfPosition{Line: line, Column: off - lineStart + 1}
		}
		for _, d := range f.Diagnostics {
			got := r.Diagnostics[i]
			i++
			if got.Message != d.Message || got.Severity != sev[d.Severity] || got.Source == nil || got.Source.Name != "replykit" ||
				got.Code == nil || got.Code.Value != d.RuleID || got.Location == nil || got.Location.Path != f.Path || got.OriginalOutput != "" {
				t.Errorf("diagnostic %d: %+v", i, got)
				continue
			}
			if rg := got.Location.Range; rg == nil || *rg.Start != pos(d.Start) || *rg.End != pos(d.End) {
				t.Errorf("diagnostic %d (%q): range %+v %+v, want %+v %+v", i, f.Src[d.Start:d.End], *rg.Start, *rg.End, pos(d.Start), pos(d.End))
			}
			if len(got.Suggestions) != len(d.Fixes) {
				t.Errorf("diagnostic %d: %d suggestions for %d fixes", i, len(got.Suggestions), len(d.Fixes))
				continue
			}
			// Each suggestion, applied alone, gives what its fix gives.
			for j, fx := range d.Fixes {
				s := got.Suggestions[j]
				start, end := byteOffset(f.Src, *s.Range.Start), byteOffset(f.Src, *s.Range.End)
				applied := string(f.Src[:start]) + s.Text + string(f.Src[end:])
				if want := applyEdits(f.Src, fx.Edits); applied != want {
					t.Errorf("diagnostic %d suggestion %d gives %q, want %q", i, j, applied, want)
				}
			}
		}
	}
	if i != len(r.Diagnostics) {
		t.Errorf("%d diagnostics, want %d", len(r.Diagnostics), i)
	}
}

// byteOffset reads a position back into a byte offset, lines split at \r\n, \n or \r.
func byteOffset(src []byte, p rdfPosition) int {
	line, off := 1, 0
	for line < p.Line {
		i := strings.IndexAny(string(src[off:]), "\r\n")
		off += i + 1
		if src[off-1] == '\r' && off < len(src) && src[off] == '\n' {
			off++
		}
		line++
	}
	return off + p.Column - 1
}

func applyEdits(src []byte, edits []lint.TextEdit) string {
	out, last := "", 0
	for _, e := range edits { // sampleFiles lists edits in order
		out += string(src[last:e.Start]) + e.NewText
		last = e.End
	}
	return out + string(src[last:])
}

func TestRDJSONOverallSeverity(t *testing.T) {
	src := "calm down"
	for sev, want := range map[lint.Severity]string{lint.Warning: "WARNING", lint.Info: "INFO"} {
		r := decodeRDJSON(t, run(t, "rdjson", Options{}, file(src, finding(src, "calm", "x.y", sev, "m")), file("fine")))
		if r.Severity != want {
			t.Errorf("overall severity %q, want %q", r.Severity, want)
		}
	}
}
