package vale_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/replykit/replykit/internal/engine"
	"github.com/replykit/replykit/lint"
)

// blankLine is a line break that a blank line follows: a paragraph's end.
var blankLine = regexp.MustCompile(`\n[ \t]*\r?\n`)

// emphasisMarks are runs of Markdown emphasis marks between a non-space
// and a space, which close or open emphasis inside a match.
var emphasisMarks = []*regexp.Regexp{regexp.MustCompile(`(\S)[*_~]+(\s)`), regexp.MustCompile(`(\s)[*_~]+(\S)`)}

// TestAgainstVale runs Vale and replykit on the same style (testdata/styles)
// and the same drafts (testdata/drafts) and compares their findings: rule,
// line, column and matched text. Messages are not compared: replykit
// capitalises a replacement at the start of a sentence, and fills a count
// where Vale prints %!s(int=3).
func TestAgainstVale(t *testing.T) {
	valeBin, err := exec.LookPath("vale")
	if err != nil {
		t.Skip("vale is not on PATH, so replykit cannot be compared with it: install it with " +
			"`go install github.com/vale-cli/vale/v3/cmd/vale@v3.21.0` and make sure $(go env GOPATH)/bin is on PATH")
	}
	styles, err := filepath.Abs("testdata/styles")
	if err != nil {
		t.Fatal(err)
	}
	ini := filepath.Join(t.TempDir(), "vale.ini")
	conf := fmt.Sprintf("StylesPath = %s\nMinAlertLevel = suggestion\n\n[*.{md,txt}]\nBasedOnStyles = Tone\n", styles)
	if err := os.WriteFile(ini, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	drafts, _ := filepath.Glob("testdata/drafts/*")
	cmd := exec.Command(valeBin, append([]string{"--config", ini, "--output", "JSON", "--no-exit"}, drafts...)...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("vale: %v\n%s", err, out)
	}
	var report map[string][]struct {
		Check, Match string
		Line         int
		Span         []int
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("vale's JSON: %v\n%s", err, out)
	}
	var want []string
	for file, alerts := range report {
		for _, a := range alerts {
			style, rule, _ := strings.Cut(a.Check, ".")
			if filepath.Ext(file) == ".txt" && blankLine.MatchString(a.Match) {
				// Vale reads a plain text file as one block, and its match
				// may cross a blank line; replykit checks each paragraph
				// apart, in Markdown as Vale does, and in plain text too
				// (README, "Vale styles").
				continue
			}
			// replykit reports a match without a line break at its edges,
			// on the line of its words (README, "Vale styles"); inside a
			// paragraph, Vale keeps the line break, and a match that starts
			// with one starts at the end of the line before.
			match, line, col := a.Match, a.Line, a.Span[0]
			if words := strings.TrimLeft(match, "\r\n"); words != match {
				line, col = line+strings.Count(match[:len(match)-len(words)], "\n"), 1
				match = words
			}
			match = strings.TrimRight(match, "\r\n")
			want = append(want, fmt.Sprintf("%s:%d:%d: %s %q", filepath.ToSlash(file), line, col, strings.ToLower("vale."+style+"."+rule), match))
		}
	}

	eng, err := engine.New(engine.Config{Lang: "en", ValeStyles: []string{"testdata/styles"}, Disable: []string{"all"}, Enable: []string{"vale"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, path := range drafts {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		res, err := eng.Lint(path, src, lint.Context{})
		if err != nil {
			t.Fatal(err)
		}
		idx := lint.NewLineIndex(src)
		for _, d := range res.Diagnostics {
			p := idx.Position(d.Start)
			// A rule's expressions split from its phrases (id.patterns, see
			// Convert) are the same Vale rule.
			id, _, _ := strings.Cut(d.RuleID, ".patterns")
			// A match across emphasis marks holds them in the file, where
			// Vale's match is of its text without them ("**Note:** The").
			text := string(src[d.Start:d.End])
			for _, re := range emphasisMarks {
				text = re.ReplaceAllString(text, "$1$2")
			}
			got = append(got, fmt.Sprintf("%s:%d:%d: %s %q", filepath.ToSlash(path), p.Line, p.Column, id, text))
		}
	}
	slices.Sort(want)
	slices.Sort(got)
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("Vale found, replykit did not: %s", w)
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			t.Errorf("replykit found, Vale did not: %s", g)
		}
	}
	if len(want) == 0 {
		t.Error("Vale found nothing: the comparison proves nothing")
	}
	t.Logf("compared %d findings of Vale with %d of replykit", len(want), len(got))
}
