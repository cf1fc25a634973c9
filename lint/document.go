package lint

import (
	"path/filepath"
	"strconv"
	"strings"
)

// SegmentKind says what a stretch of a document is.
type SegmentKind uint8

const (
	// Prose is the reply's own text: the only kind the rules read.
	Prose SegmentKind = iota
	// Quote is text quoting the customer: "> " lines, the attribution line
	// before them, and <blockquote> contents.
	Quote
	// Code is fenced and indented code blocks, `code spans` and the contents
	// of <pre>, <code>, <script> and <style>.
	Code
	// Markup is HTML tags, comments and entities, a BOM and Markdown syntax
	// around link text, images, reference definitions and heading markers.
	Markup
	// URL is a web, ftp or mailto address, an autolink or a link destination.
	URL
	// Email is an e-mail address.
	Email
	// Placeholder is an unfilled template field such as {{name}} or [NAME].
	Placeholder
	// FrontMatter is a YAML front matter block, both fence lines included.
	FrontMatter
	// Header is the header block of an .eml file, up to its blank line.
	Header
	// Signature runs from a "-- " line to the end of the document.
	Signature
)

var sgKindNames = [...]string{"prose", "quote", "code", "markup", "url", "email", "placeholder", "front-matter", "header", "signature"}

func (k SegmentKind) String() string {
	if int(k) < len(sgKindNames) {
		return sgKindNames[k]
	}
	return "SegmentKind(" + strconv.Itoa(int(k)) + ")"
}

// Segment is the byte range [Start, End) of Document.Src and its kind.
type Segment struct {
	Start, End int
	Kind       SegmentKind
}

// Format tells the segmenter which syntax to expect.
type Format uint8

const (
	// FormatMarkdown is for .md, .markdown, .mdx, unnamed input and anything unknown.
	FormatMarkdown Format = iota
	// FormatText is plain text: no code spans, indented code or link syntax.
	FormatText
	// FormatHTML is for .html and .htm.
	FormatHTML
	// FormatEmail is for .eml: a header block, then a Markdown-ish body.
	FormatEmail
)

var sgFormatNames = [...]string{"markdown", "text", "html", "email"}

func (f Format) String() string {
	if int(f) < len(sgFormatNames) {
		return sgFormatNames[f]
	}
	return "Format(" + strconv.Itoa(int(f)) + ")"
}

// FormatFor picks the format from the file extension, case-insensitively.
func FormatFor(path string) Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".text":
		return FormatText
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	case ".eml":
		return FormatEmail
	}
	return FormatMarkdown
}

// Document is a reply draft: its original bytes and what each byte range is.
type Document struct {
	Path   string
	Src    []byte
	Format Format
	// Segments are sorted, contiguous and non-empty, cover all of Src, and
	// no two neighbours share a kind.
	Segments []Segment

	fmStart, fmEnd int
	fmOK           bool

	// blocks holds, in order, where a Markdown block starts with no blank
	// line before it: a heading, a list item, the line after a heading. To
	// Vale each is a block apart, as a paragraph is, and so it is to the
	// expressions and counts of pattern rules (see proseIndex and
	// limitCount.blockBetween).
	blocks []int
	// notParas holds, in order, the lines of headings, list items and
	// tables: to Vale, no paragraph's (see ScopeParagraph).
	notParas []span

	tape *wordTape // the words Identify read, for the pass (see wordTape)
}

// NewDocument segments src; it keeps src as is and never fails.
func NewDocument(path string, src []byte, format Format) *Document {
	d := &Document{Path: path, Src: src, Format: format}
	sgSegment(d)
	return d
}

// Prose calls fn with the byte range of each prose segment, in order.
func (d *Document) Prose(fn func(start, end int)) {
	for _, g := range d.Segments {
		if g.Kind == Prose {
			fn(g.Start, g.End)
		}
	}
}

// FrontMatter reports whether the document opened with front matter and
// returns the span of the YAML between its fence lines.
func (d *Document) FrontMatter() (start, end int, ok bool) {
	return d.fmStart, d.fmEnd, d.fmOK
}
