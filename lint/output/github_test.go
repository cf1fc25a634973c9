package output

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/replykit/replykit/lint"
)

// workflowCommand is one parsed `::name k=v,k=v::message` line.
type workflowCommand struct {
	Name    string
	Props   map[string]string
	Message string
}

// parseWorkflowCommand reads a line as the Actions runner does: the command
// name runs to a space or "::", properties are comma-separated key=value pairs
// up to the next "::", the rest is the message; values are then unescaped
// (%25 %0D %0A in both, %3A %2C in properties too).
func parseWorkflowCommand(line string) (workflowCommand, error) {
	rest, ok := strings.CutPrefix(line, "::")
	if !ok {
		return workflowCommand{}, fmt.Errorf("%q does not start with ::", line)
	}
	head, msg, ok := strings.Cut(rest, "::")
	if !ok {
		return workflowCommand{}, fmt.Errorf("%q has no second ::", line)
	}
	if strings.ContainsAny(line, "\r\n") {
		return workflowCommand{}, fmt.Errorf("%q holds a line break", line)
	}
	name, props, _ := strings.Cut(head, " ")
	cmd := workflowCommand{Name: name, Props: map[string]string{}, Message: unescapeWorkflow(msg, false)}
	if props == "" {
		return cmd, nil
	}
	for _, kv := range strings.Split(props, ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return workflowCommand{}, fmt.Errorf("property %q in %q is not key=value", kv, line)
		}
		if _, dup := cmd.Props[k]; dup {
			return workflowCommand{}, fmt.Errorf("property %q twice in %q", k, line)
		}
		cmd.Props[k] = unescapeWorkflow(v, true)
	}
	return cmd, nil
}

func unescapeWorkflow(s string, property bool) string {
	// One left-to-right pass, so "%253A" comes back as "%3A", not ":".
	pairs := []string{"%25", "%", "%0D", "\r", "%0A", "\n"}
	if property {
		pairs = append(pairs, "%3A", ":", "%2C", ",")
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

func parseGitHub(t *testing.T, out string) []workflowCommand {
	t.Helper()
	var cmds []workflowCommand
	for line := range strings.Lines(out) {
		line, ok := strings.CutSuffix(line, "\n")
		if !ok {
			t.Errorf("last line %q does not end in a newline", line)
		}
		cmd, err := parseWorkflowCommand(line)
		if err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	return cmds
}

func TestGitHubRoundTrip(t *testing.T) {
	files := sampleFiles()
	odd := "Hello,\r\nplease calm down: it's 100%.\n"
	files = append(files, &File{Path: "replies/a,b:c%2C::d.md", Src: []byte(odd), Diagnostics: []lint.Diagnostic{
		finding(odd, "calm down", "condescension.calm-down", lint.Warning, "Avoid: “calm down”.\r\nSecond line, 100% sure:: really %0A"),
	}})
	cmds := parseGitHub(t, run(t, "github", Options{}, files...))
	name := map[lint.Severity]string{lint.Error: "error", lint.Warning: "warning", lint.Info: "notice"}
	i := 0
	for _, f := range files {
		for _, d := range f.Diagnostics {
			if i >= len(cmds) {
				t.Fatalf("%d commands, want more", len(cmds))
			}
			c := cmds[i]
			i++
			a, b := f.Index().Position(d.Start), f.Index().Position(d.End)
			want := map[string]string{"file": f.Path, "line": strconv.Itoa(a.Line), "col": strconv.Itoa(a.Column),
				"endLine": strconv.Itoa(b.Line), "endColumn": strconv.Itoa(b.Column), "title": d.RuleID}
			if c.Name != name[d.Severity] || c.Message != d.Message || fmt.Sprint(c.Props) != fmt.Sprint(want) {
				t.Errorf("command %d: %+v, want %s %v %q", i, c, name[d.Severity], want, d.Message)
			}
		}
	}
	if i != len(cmds) {
		t.Errorf("%d commands, want %d", len(cmds), i)
	}
}

// Columns count characters, not bytes or UTF-16 units.
func TestGitHubColumns(t *testing.T) {
	files := sampleFiles()
	cmds := parseGitHub(t, run(t, "github", Options{}, files[3], files[4]))
	if p := cmds[0].Props; p["line"] != "2" || p["col"] != "3" || p["endColumn"] != "5" {
		t.Errorf("Chinese: %v, want line 2 col 3 endColumn 5", p)
	}
	if p := cmds[1].Props; p["col"] != "13" || p["endColumn"] != "22" {
		t.Errorf("emoji: %v, want col 13 endColumn 22", p)
	}
}

func TestGitHubEscaping(t *testing.T) {
	src := "calm down"
	f := &File{Path: "a,b:c.md", Src: []byte(src), Diagnostics: []lint.Diagnostic{
		finding(src, "calm down", "x.y", lint.Info, "a: b, 100%\r\nc"),
	}}
	got := run(t, "github", Options{}, f)
	want := "::notice file=a%2Cb%3Ac.md,line=1,col=1,endLine=1,endColumn=10,title=x.y::a: b, 100%25%0D%0Ac\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestGitHubEmptyRun(t *testing.T) {
	if out := run(t, "github", Options{}, file("fine")); out != "" {
		t.Errorf("output %q for a clean run", out)
	}
}
