package output

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/replykit/replykit/lint"
)

// GitHub writes GitHub Actions workflow commands, one finding a line, which
// the runner turns into annotations:
//
//	::warning file=r.md,line=2,col=8,endLine=2,endColumn=17,title=rule.id::message
//
// Columns count characters; endColumn is exclusive, as everywhere in replykit.
// Values are escaped as the Actions toolkit escapes them (escapeData and
// escapeProperty in actions/toolkit packages/core/src/command.ts), so a
// newline, a comma or a colon cannot end the command or a property early.
type GitHub struct {
	w  io.Writer
	bw *bufio.Writer
}

func githubCommand(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	}
	return "notice"
}

var (
	githubData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func (g *GitHub) Start() error {
	g.bw = newWriter(g.w)
	return nil
}

func (g *GitHub) File(f *File) error {
	path := githubProperty.Replace(f.Path)
	for _, d := range f.Diagnostics {
		a, b := f.Position(d.Start), f.Position(d.End)
		fmt.Fprintf(g.bw, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			githubCommand(d.Severity), path, a.Line, a.Column, b.Line, b.Column,
			githubProperty.Replace(d.RuleID), githubData.Replace(d.Message))
	}
	return g.bw.Flush()
}

func (g *GitHub) Finish(Summary) error { return g.bw.Flush() }
