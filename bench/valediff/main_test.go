package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestCompare(t *testing.T) {
	at := func(line, col int, rule string) finding {
		return finding{file: "a.md", line: line, col: col, rule: rule, text: "x"}
	}
	valeFound := []finding{at(1, 1, "vale.s.we"), at(2, 5, "vale.s.we"), at(3, 1, "vale.s.dash"), at(3, 1, "vale.s.dash")}
	rkFound := []finding{at(1, 1, "vale.s.we"), at(2, 6, "vale.s.we"), at(4, 1, "vale.s.we")}
	got := compare(valeFound, rkFound)
	want := []row{
		// Vale's two findings at one place are one place.
		{rule: "vale.s.dash", valeCount: 1, onlyVale: []finding{at(3, 1, "vale.s.dash")}},
		{rule: "vale.s.we", valeCount: 2, rkCount: 3, same: 1,
			onlyVale: []finding{at(2, 5, "vale.s.we")}, onlyRk: []finding{at(2, 6, "vale.s.we"), at(4, 1, "vale.s.we")}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("compare:\n got %+v\nwant %+v", got, want)
	}
}

func TestParseVale(t *testing.T) {
	out := []byte(`{"d/a.md": [
		{"Check": "Tone.We", "Match": "we", "Line": 3, "Span": [7, 8]},
		{"Check": "Tone.Cheer", "Match": "\nI said", "Line": 4, "Span": [20, 26]},
		{"Check": "My-Style.Long Rule", "Match": "done!\n", "Line": 5, "Span": [1, 6]}
	]}`)
	got, across, err := parseVale(out)
	if err != nil || across != 0 {
		t.Fatal(err, across)
	}
	want := []finding{
		{file: "d/a.md", line: 3, col: 7, rule: "vale.tone.we", text: "we"},
		// A match that starts with a line break is reported on the line of its words.
		{file: "d/a.md", line: 5, col: 1, rule: "vale.tone.cheer", text: "I said"},
		{file: "d/a.md", line: 5, col: 1, rule: "vale.my-style.long-rule", text: "done!"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseVale:\n got %+v\nwant %+v", got, want)
	}
	if _, _, err := parseVale([]byte("not JSON")); err == nil {
		t.Error("parseVale took text that is not JSON")
	}
	// In plain text, Vale's match may cross a blank line: left out, and counted.
	got, across, err = parseVale([]byte(`{"b.txt": [{"Check": "S.R", "Match": "end.\n\nNext", "Line": 1, "Span": [4, 8]}],
		"c.md": [{"Check": "S.R", "Match": "end.\n\nNext", "Line": 1, "Span": [4, 8]}]}`))
	if err != nil || across != 1 || len(got) != 1 || got[0].file != "c.md" {
		t.Errorf("parseVale of a match across a blank line: %+v, %d left out, %v", got, across, err)
	}
}

func TestDrafts(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.md", "b.TXT", "c.markdown", "d.yml", "sub/e.md", "f.go"} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("Hi."), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := drafts([]string{dir, filepath.Join(dir, "f.go")})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range got {
		rel, _ := filepath.Rel(dir, p)
		names = append(names, filepath.ToSlash(rel))
	}
	// A file named on its own is checked whatever its name ends in.
	want := []string{"a.md", "b.TXT", "c.markdown", "sub/e.md", "f.go"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("drafts: %q, want %q", names, want)
	}
	if _, err := drafts([]string{filepath.Join(dir, "missing")}); err == nil {
		t.Error("drafts took a folder that does not exist")
	}
}

func TestStyleNames(t *testing.T) {
	styles, err := filepath.Abs("../../internal/vale/testdata/styles")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{styles, filepath.Join(styles, "Tone")} {
		path, names, err := styleNames(dir)
		if err != nil {
			t.Fatal(err)
		}
		if path != styles || !reflect.DeepEqual(names, []string{"Tone"}) {
			t.Errorf("styleNames(%s) = %s %q, want %s [Tone]", dir, path, names, styles)
		}
	}
	if _, _, err := styleNames(t.TempDir()); err == nil || !strings.Contains(err.Error(), "no Vale rules") {
		t.Errorf("styleNames of an empty folder: %v", err)
	}
}

// TestAgainstVale runs the whole comparison on the differential test's
// style and drafts, where the two tools agree on every place.
func TestAgainstVale(t *testing.T) {
	if _, err := exec.LookPath("vale"); err != nil {
		t.Skip("vale is not on PATH: install it with `go install github.com/vale-cli/vale/v3/cmd/vale@v3.21.0`")
	}
	var out bytes.Buffer
	if err := run(&out, "../../internal/vale/testdata/styles/Tone", []string{"../../internal/vale/testdata/drafts"}, "vale", "en", ""); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "(100.0% of Vale's, 100.0% of replykit's)") {
		t.Errorf("the two differ on the differential test's drafts:\n%s", out.String())
	}
}
