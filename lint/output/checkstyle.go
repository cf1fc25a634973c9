package output

import (
	"encoding/xml"
	"io"

	"github.com/replykit/replykit/lint"
)

// CheckstyleVersion is the Checkstyle report version the output claims.
const CheckstyleVersion = "4.3"

// Checkstyle writes a Checkstyle XML report: one <file> per linted file (as
// Checkstyle lists every file it audited), one <error> per finding. Columns
// count characters. encoding/xml does the escaping, including newlines in
// attributes and characters XML cannot hold.
type Checkstyle struct {
	w    io.Writer
	opts Options
	enc  *xml.Encoder
	root xml.StartElement
	file xml.StartElement // the file being written, while its parts come in
}

type checkstyleError struct {
	XMLName  xml.Name `xml:"error"`
	Line     int      `xml:"line,attr"`
	Column   int      `xml:"column,attr"`
	Severity string   `xml:"severity,attr"`
	Message  string   `xml:"message,attr"`
	Source   string   `xml:"source,attr"`
}

func checkstyleSeverity(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	}
	return "info"
}

func (c *Checkstyle) Start() error {
	if _, err := io.WriteString(c.w, xml.Header); err != nil {
		return err
	}
	c.enc = xml.NewEncoder(c.w)
	c.enc.Indent("", "  ")
	c.root = xml.StartElement{Name: xml.Name{Local: "checkstyle"}, Attr: []xml.Attr{{Name: xml.Name{Local: "version"}, Value: CheckstyleVersion}}}
	if err := c.enc.EncodeToken(c.root); err != nil {
		return err
	}
	return c.enc.Flush()
}

func (c *Checkstyle) File(f *File) error {
	// A file's errors are written as its parts come, never all held at once.
	if f.Part == 0 {
		c.file = xml.StartElement{Name: xml.Name{Local: "file"}, Attr: []xml.Attr{{Name: xml.Name{Local: "name"}, Value: f.Path}}}
		if err := c.enc.EncodeToken(c.file); err != nil {
			return err
		}
	}
	for _, d := range f.Diagnostics {
		pos := f.Position(d.Start)
		e := checkstyleError{Line: pos.Line, Column: pos.Column, Severity: checkstyleSeverity(d.Severity),
			Message: d.Message, Source: c.opts.Tool.Name + "." + d.RuleID}
		if err := c.enc.Encode(e); err != nil {
			return err
		}
	}
	if !f.More {
		if err := c.enc.EncodeToken(c.file.End()); err != nil {
			return err
		}
	}
	return c.enc.Flush()
}

func (c *Checkstyle) Finish(Summary) error {
	if err := c.enc.EncodeToken(c.root.End()); err != nil {
		return err
	}
	if err := c.enc.Flush(); err != nil {
		return err
	}
	_, err := io.WriteString(c.w, "\n")
	return err
}
