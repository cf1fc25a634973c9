// Command valediff runs Vale and replykit on the same Vale style and the
// same drafts, and tells rule by rule how many findings each reports, how
// many stand at the same place, and which stand apart: the differential
// test (internal/vale/diff_test.go) for any style and any drafts, such as
// a style and replies neither was written against.
//
//	go run ./bench/valediff [-list RULE] [-lang LANG] STYLE DIR|FILE…
package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/replykit/replykit/internal/engine"
	"github.com/replykit/replykit/internal/vale"
	"github.com/replykit/replykit/lint"
)

const usage = `Usage: go run ./bench/valediff [-list RULE] [-lang LANG] [-vale PATH] STYLE DIR|FILE…

Runs Vale and replykit on the drafts (the .md, .markdown and .txt files under
each DIR, and each FILE) with the Vale style STYLE (one style's folder of .yml
rules, or a StylesPath folder of styles), and prints for each Vale rule how
many findings each tool reports, how many at the same place (line, column,
rule) and how many apart. A rule replykit skips is marked so; its findings
are Vale's alone by design. As in the differential test, a match Vale starts
with a line break is placed on the line of its words, and one it finds across
a blank line in a plain text file is left out (replykit checks each paragraph
apart); the totals say how many.

The README's "Vale styles" section says where the two differ and why.

  -list RULE   print the findings apart of the rules whose id holds RULE
               (vale.<style>.<rule>, lower-case), with the line they stand on
  -lang LANG   replykit's --lang (default auto)
  -vale PATH   the Vale to run (default: vale on PATH)`

func main() {
	fl := flag.NewFlagSet("valediff", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	list := fl.String("list", "", "")
	lang := fl.String("lang", "auto", "")
	valeBin := fl.String("vale", "vale", "")
	if err := fl.Parse(os.Args[1:]); err != nil || fl.NArg() < 2 {
		if err != nil && !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(os.Stderr, "valediff: %v\n\n", err)
		}
		fmt.Fprintln(os.Stderr, usage)
		os.Exit(2)
	}
	if err := run(os.Stdout, fl.Arg(0), fl.Args()[1:], *valeBin, *lang, *list); err != nil {
		fmt.Fprintf(os.Stderr, "valediff: %v\n", err)
		os.Exit(1)
	}
}

// finding is one rule's finding at one place.
type finding struct {
	file       string
	line, col  int
	rule, text string
}

func (f finding) key() string { return fmt.Sprintf("%s:%d:%d %s", f.file, f.line, f.col, f.rule) }

func run(w io.Writer, style string, targets []string, valeBin, lang, list string) error {
	files, err := drafts(targets)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no .md, .markdown or .txt files in %s", strings.Join(targets, ", "))
	}
	imp, err := vale.Load(style)
	if err != nil {
		return err
	}
	skipped := map[string]string{}
	for _, s := range imp.Skipped {
		if s.Key == "" && s.Token == "" {
			st, r, _ := strings.Cut(s.Rule, ".")
			skipped[vale.ID(st, r)] = s.Reason
		}
	}
	valeFound, across, err := runVale(valeBin, style, files)
	if err != nil {
		return err
	}
	rkFound, err := runReplykit(style, files, lang)
	if err != nil {
		return err
	}
	rows := compare(valeFound, rkFound)
	report(w, rows, skipped, len(files), across)
	if list != "" {
		return listApart(w, rows, list)
	}
	return nil
}

// drafts lists the files to check: each FILE, and the .md, .markdown and
// .txt files under each DIR, in a stable order.
func drafts(targets []string) ([]string, error) {
	var files []string
	for _, t := range targets {
		err := filepath.WalkDir(t, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			switch ext := strings.ToLower(filepath.Ext(p)); {
			case d.IsDir():
			case p == t || ext == ".md" || ext == ".markdown" || ext == ".txt":
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// styleNames returns the StylesPath and style names Vale needs for dir: one
// style's folder (it holds .yml files), or a folder of styles.
func styleNames(dir string) (path string, names []string, err error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", nil, err
	}
	if own, _ := filepath.Glob(filepath.Join(abs, "*.yml")); len(own) > 0 {
		return filepath.Dir(abs), []string{filepath.Base(abs)}, nil
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return "", nil, err
	}
	for _, e := range entries {
		if rules, _ := filepath.Glob(filepath.Join(abs, e.Name(), "*.yml")); e.IsDir() && len(rules) > 0 {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return "", nil, fmt.Errorf("%s: no Vale rules (.yml files) in it or in its folders", dir)
	}
	return abs, names, nil
}

// runVale runs Vale on files with the style, every level of alert shown.
func runVale(bin, style string, files []string) ([]finding, int, error) {
	path, names, err := styleNames(style)
	if err != nil {
		return nil, 0, err
	}
	if bin, err = exec.LookPath(bin); err != nil {
		return nil, 0, fmt.Errorf("%v: install Vale with `go install github.com/vale-cli/vale/v3/cmd/vale@v3.21.0`, or give -vale PATH", err)
	}
	ini := filepath.Join(os.TempDir(), fmt.Sprintf("valediff-%d.ini", os.Getpid()))
	conf := fmt.Sprintf("StylesPath = %s\nMinAlertLevel = suggestion\n\n[*.{md,markdown,txt}]\nBasedOnStyles = %s\n", path, strings.Join(names, ", "))
	if err := os.WriteFile(ini, []byte(conf), 0o644); err != nil {
		return nil, 0, err
	}
	defer os.Remove(ini)
	var stderr bytes.Buffer
	cmd := exec.Command(bin, append([]string{"--config", ini, "--output", "JSON", "--no-exit"}, files...)...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, 0, fmt.Errorf("vale: %v\n%s%s", err, stderr.Bytes(), out)
	}
	return parseVale(out)
}

// blankLine is a line break that a blank line follows: a paragraph's end.
var blankLine = regexp.MustCompile(`\n[ \t]*\r?\n`)

// parseVale reads Vale's JSON output. A match that starts with line breaks
// is moved past them, to the line of its words, as replykit reports it
// (README, "Vale styles"); one that ends with them is cut before them. A
// match in a plain text file that crosses a blank line is left out, and
// counted in across: Vale reads such a file as one block, replykit checks
// each paragraph apart, as Vale does in Markdown (README, "Vale styles").
func parseVale(out []byte) (found []finding, across int, err error) {
	var report map[string][]struct {
		Check, Match string
		Line         int
		Span         []int
	}
	if err := json.Unmarshal(out, &report); err != nil {
		return nil, 0, fmt.Errorf("vale's JSON: %v", err)
	}
	for file, alerts := range report {
		for _, a := range alerts {
			if len(a.Span) == 0 {
				continue
			}
			if strings.EqualFold(filepath.Ext(file), ".txt") && blankLine.MatchString(a.Match) {
				across++
				continue
			}
			st, r, _ := strings.Cut(a.Check, ".")
			f := finding{file: filepath.ToSlash(file), line: a.Line, col: a.Span[0], rule: vale.ID(st, r), text: a.Match}
			if words := strings.TrimLeft(f.text, "\r\n"); words != f.text {
				f.line, f.col = f.line+strings.Count(f.text[:len(f.text)-len(words)], "\n"), 1
				f.text = words
			}
			f.text = strings.TrimRight(f.text, "\r\n")
			found = append(found, f)
		}
	}
	return found, across, nil
}

// runReplykit lints files with the style's rules alone, as
// `replykit lint --vale-style STYLE --disable all --enable vale` does.
func runReplykit(style string, files []string, lang string) ([]finding, error) {
	eng, err := engine.New(engine.Config{Lang: lang, ValeStyles: []string{style}, Disable: []string{"all"}, Enable: []string{"vale"}})
	if err != nil {
		return nil, err
	}
	var found []finding
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		res, err := eng.Lint(path, src, lint.Context{})
		if err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		idx := lint.NewLineIndex(src)
		for _, d := range res.Diagnostics {
			p := idx.Position(d.Start)
			rule, _, _ := strings.Cut(d.RuleID, ".patterns") // a rule's expressions split from its phrases: the same Vale rule
			found = append(found, finding{file: filepath.ToSlash(path), line: p.Line, col: p.Column, rule: rule, text: string(src[d.Start:d.End])})
		}
	}
	return found, nil
}

// row is one rule's findings: from both tools at the same place, and from
// each alone.
type row struct {
	rule               string
	same               int
	onlyVale, onlyRk   []finding
	valeCount, rkCount int
}

// compare sorts both tools' findings into rows, one per rule, by rule. Two
// findings of one rule at one place are one: Vale reports a place once.
func compare(valeFound, rkFound []finding) []row {
	byRule := map[string]*row{}
	get := func(rule string) *row {
		if byRule[rule] == nil {
			byRule[rule] = &row{rule: rule}
		}
		return byRule[rule]
	}
	inVale, inRk := map[string]finding{}, map[string]finding{}
	for _, f := range valeFound {
		inVale[f.key()] = f
	}
	for _, f := range rkFound {
		inRk[f.key()] = f
	}
	for k, f := range inVale {
		r := get(f.rule)
		r.valeCount++
		if _, ok := inRk[k]; ok {
			r.same++
		} else {
			r.onlyVale = append(r.onlyVale, f)
		}
	}
	for k, f := range inRk {
		r := get(f.rule)
		r.rkCount++
		if _, ok := inVale[k]; !ok {
			r.onlyRk = append(r.onlyRk, f)
		}
	}
	var rows []row
	for _, r := range byRule {
		for _, l := range [][]finding{r.onlyVale, r.onlyRk} {
			slices.SortFunc(l, func(a, b finding) int {
				return cmp.Or(cmp.Compare(a.file, b.file), cmp.Compare(a.line, b.line), cmp.Compare(a.col, b.col))
			})
		}
		rows = append(rows, *r)
	}
	slices.SortFunc(rows, func(a, b row) int { return cmp.Compare(a.rule, b.rule) })
	return rows
}

// report prints the table: a line for each rule, then the totals of the
// rules replykit converts and of those it skips.
func report(w io.Writer, rows []row, skipped map[string]string, files, across int) {
	fmt.Fprintf(w, "%d drafts; places are line, column and rule\n\n", files)
	fmt.Fprintf(w, "%-42s %7s %9s %6s %10s %14s\n", "rule", "Vale", "replykit", "same", "Vale only", "replykit only")
	var conv, skip row
	for _, r := range rows {
		note := ""
		total := &conv
		if why, ok := skipped[r.rule]; ok {
			note, total = "  skipped: "+why, &skip
		}
		fmt.Fprintf(w, "%-42s %7d %9d %6d %10d %14d%s\n", r.rule, r.valeCount, r.rkCount, r.same, len(r.onlyVale), len(r.onlyRk), note)
		total.valeCount += r.valeCount
		total.rkCount += r.rkCount
		total.same += r.same
	}
	fmt.Fprintf(w, "\nconverted rules: Vale %d, replykit %d, at the same place %d (%s of Vale's, %s of replykit's)\n",
		conv.valeCount, conv.rkCount, conv.same, percent(conv.same, conv.valeCount), percent(conv.same, conv.rkCount))
	if skip.valeCount > 0 {
		fmt.Fprintf(w, "rules replykit skips: Vale %d\n", skip.valeCount)
	}
	if across > 0 {
		fmt.Fprintf(w, "left out: Vale's %d matches across a blank line in plain text (replykit checks each paragraph apart)\n", across)
	}
}

func percent(n, of int) string {
	if of == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(of))
}

// listApart prints the findings apart of the rules whose id holds rule,
// each with the line of the file it stands on.
func listApart(w io.Writer, rows []row, rule string) error {
	lines := map[string][]string{}
	lineOf := func(f finding) string {
		if lines[f.file] == nil {
			src, err := os.ReadFile(f.file)
			if err != nil {
				return ""
			}
			lines[f.file] = strings.Split(string(src), "\n")
		}
		if l := lines[f.file]; f.line >= 1 && f.line <= len(l) {
			return strings.TrimRight(l[f.line-1], "\r")
		}
		return ""
	}
	matched := false
	for _, r := range rows {
		if !strings.Contains(r.rule, strings.ToLower(rule)) {
			continue
		}
		matched = true
		for _, side := range []struct {
			who string
			l   []finding
		}{{"Vale only", r.onlyVale}, {"replykit only", r.onlyRk}} {
			for _, f := range side.l {
				fmt.Fprintf(w, "\n%s: %s:%d:%d %s %q\n    %s\n", side.who, f.file, f.line, f.col, f.rule, f.text, lineOf(f))
			}
		}
	}
	if !matched {
		return fmt.Errorf("-list %s: no rule with findings has that in its id", rule)
	}
	return nil
}
