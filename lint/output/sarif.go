package output

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"

	"github.com/replykit/replykit/lint"
)

// SARIFSchema is the schema the SARIF output names and is tested against.
const SARIFSchema = "https://json.schemastore.org/sarif-2.1.0.json"

// SARIF writes one SARIF 2.1.0 log with one run, for code scanning. The rules
// come first, from Options.Rules; results are streamed as files are linted.
// Columns and character offsets count UTF-16 code units (run.columnKind).
type SARIF struct {
	w         io.Writer
	opts      Options
	bw        *bufio.Writer
	ruleIndex map[string]int
	first     bool
	jw        jsonWriter
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name"`
	ShortDescription     *sarifText        `json:"shortDescription,omitempty"`
	FullDescription      *sarifText        `json:"fullDescription,omitempty"`
	Help                 *sarifText        `json:"help,omitempty"`
	DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
	Properties           sarifRuleProperty `json:"properties"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProperty struct {
	Tags []string `json:"tags,omitempty"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex *int            `json:"ruleIndex,omitempty"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
	Fixes     []sarifFix      `json:"fixes,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int  `json:"startLine"`
	StartColumn int  `json:"startColumn"`
	EndLine     int  `json:"endLine"`
	EndColumn   int  `json:"endColumn"`
	CharOffset  *int `json:"charOffset,omitempty"`
	CharLength  *int `json:"charLength,omitempty"`
}

type sarifFix struct {
	Description     *sarifText            `json:"description,omitempty"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifact      `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent sarifText   `json:"insertedContent"`
}

func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	}
	return "note"
}

func (s *SARIF) Start() error {
	s.bw = newWriter(s.w)
	s.first = true
	s.ruleIndex = make(map[string]int, len(s.opts.Rules))
	driver := sarifDriver{Name: s.opts.Tool.Name, Version: s.opts.Tool.Version, InformationURI: s.opts.Tool.InformationURI,
		Rules: make([]sarifRule, 0, len(s.opts.Rules))}
	for _, r := range s.opts.Rules {
		// Rule ids are unique within a run; the first description of an id wins.
		if _, dup := s.ruleIndex[r.ID]; dup || r.ID == "" {
			continue
		}
		s.ruleIndex[r.ID] = len(driver.Rules)
		driver.Rules = append(driver.Rules, toSARIFRule(r))
	}
	tool, err := marshalIndent(sarifTool{Driver: driver}, "      ")
	if err != nil {
		return err
	}
	s.bw.WriteString("{\n  \"$schema\": \"" + SARIFSchema + "\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": ")
	s.bw.Write(tool)
	// Lines end where lint.LineIndex ends them: at \r\n, \n or a lone \r.
	_, err = s.bw.WriteString(",\n      \"columnKind\": \"utf16CodeUnits\",\n      \"newlineSequences\": [\"\\r\\n\", \"\\n\", \"\\r\"],\n      \"results\": [")
	return err
}

func toSARIFRule(r RuleInfo) sarifRule {
	sr := sarifRule{ID: r.ID, Name: r.ID, DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(r.Severity)}}
	if r.Message != "" {
		sr.ShortDescription = &sarifText{Text: strings.ReplaceAll(r.Message, "%s", "…")}
	}
	if r.Why != "" {
		sr.FullDescription = &sarifText{Text: r.Why}
	}
	// The help text reads like `replykit rules explain`: why, then what to write instead.
	var help []string
	if r.Why != "" {
		help = append(help, r.Why)
	}
	if r.Suggestion != "" {
		help = append(help, "Instead: "+r.Suggestion)
	}
	if len(help) > 0 {
		sr.Help = &sarifText{Text: strings.Join(help, "\n\n")}
	}
	if r.Category != "" {
		sr.Properties.Tags = []string{r.Category}
	}
	return sr
}

func (s *SARIF) File(f *File) error {
	if len(f.Diagnostics) == 0 {
		return nil
	}
	uri := sarifURI(f.Path)
	u16 := utf16Cursor{src: f.Src}
	region := func(start, end int, offsets bool) sarifRegion {
		a, b := f.Position(start), f.Position(end)
		r := sarifRegion{StartLine: a.Line, StartColumn: a.UTF16Column, EndLine: b.Line, EndColumn: b.UTF16Column}
		if offsets {
			off := u16.at(start-f.Offset) + f.OffsetUTF16
			n := u16.at(end-f.Offset) + f.OffsetUTF16 - off
			r.CharOffset, r.CharLength = &off, &n
		}
		return r
	}
	for _, d := range f.Diagnostics {
		res := sarifResult{RuleID: d.RuleID, Level: sarifLevel(d.Severity), Message: sarifText{Text: d.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: uri},
				Region: region(d.Start, d.End, true)}}}}
		if i, ok := s.ruleIndex[d.RuleID]; ok {
			res.RuleIndex = &i
		}
		for _, fx := range d.Fixes {
			if len(fx.Edits) == 0 {
				continue
			}
			sf := sarifFix{ArtifactChanges: []sarifArtifactChange{{ArtifactLocation: sarifArtifact{URI: uri}}}}
			if fx.Message != "" {
				sf.Description = &sarifText{Text: fx.Message}
			}
			for _, e := range fx.Edits {
				sf.ArtifactChanges[0].Replacements = append(sf.ArtifactChanges[0].Replacements,
					sarifReplacement{DeletedRegion: region(e.Start, e.End, false), InsertedContent: sarifText{Text: e.NewText}})
			}
			res.Fixes = append(res.Fixes, sf)
		}
		if !s.first {
			s.bw.WriteString(",")
		}
		s.first = false
		s.bw.WriteString("\n        ")
		s.jw.reset("        ")
		res.write(&s.jw)
		s.bw.Write(s.jw.buf)
	}
	return s.bw.Flush()
}

func (res *sarifResult) write(w *jsonWriter) {
	w.obj(func() {
		w.strField("ruleId", res.RuleID)
		if res.RuleIndex != nil {
			w.intField("ruleIndex", *res.RuleIndex)
		}
		w.strField("level", res.Level)
		res.Message.write(w, "message")
		w.list("locations", len(res.Locations), res.Locations == nil, func(i int) {
			ph := &res.Locations[i].PhysicalLocation
			w.objField("physicalLocation", func() {
				ph.ArtifactLocation.write(w, "artifactLocation")
				ph.Region.write(w, "region")
			})
		})
		if len(res.Fixes) > 0 {
			w.list("fixes", len(res.Fixes), false, func(i int) {
				fx := &res.Fixes[i]
				if fx.Description != nil {
					fx.Description.write(w, "description")
				}
				w.list("artifactChanges", len(fx.ArtifactChanges), fx.ArtifactChanges == nil, func(i int) {
					ch := &fx.ArtifactChanges[i]
					ch.ArtifactLocation.write(w, "artifactLocation")
					w.list("replacements", len(ch.Replacements), ch.Replacements == nil, func(i int) {
						r := &ch.Replacements[i]
						r.DeletedRegion.write(w, "deletedRegion")
						r.InsertedContent.write(w, "insertedContent")
					})
				})
			})
		}
	})
}

// The members of a result, each written as the member name.

func (t sarifText) write(w *jsonWriter, name string) {
	w.objField(name, func() { w.strField("text", t.Text) })
}

func (a sarifArtifact) write(w *jsonWriter, name string) {
	w.objField(name, func() { w.strField("uri", a.URI) })
}

func (r *sarifRegion) write(w *jsonWriter, name string) {
	w.objField(name, func() {
		w.intField("startLine", r.StartLine)
		w.intField("startColumn", r.StartColumn)
		w.intField("endLine", r.EndLine)
		w.intField("endColumn", r.EndColumn)
		if r.CharOffset != nil {
			w.intField("charOffset", *r.CharOffset)
		}
		if r.CharLength != nil {
			w.intField("charLength", *r.CharLength)
		}
	})
}

func (s *SARIF) Finish(Summary) error {
	if !s.first {
		s.bw.WriteString("\n      ")
	}
	s.bw.WriteString("]\n    }\n  ]\n}\n")
	return s.bw.Flush()
}

// marshalIndent is json.MarshalIndent without HTML escaping, so messages keep
// their < > & readable.
func marshalIndent(v any, prefix string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// sarifURI turns a path into the URI reference SARIF wants: forward slashes,
// relative paths kept relative, absolute ones as file URIs, and every byte
// outside RFC 3986's unreserved set and "/" percent-encoded ("<stdin>" becomes
// "%3Cstdin%3E"). A colon is encoded in relative paths so "a:b.md" cannot read
// as a scheme.
func sarifURI(path string) string {
	p := filepath.ToSlash(path)
	if filepath.IsAbs(path) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // C:/x → /C:/x
		}
		return "file://" + percentEncode(p, true)
	}
	return percentEncode(p, false)
}

func percentEncode(s string, keepColon bool) string {
	const hex = "0123456789ABCDEF"
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~', c == '/', c == ':' && keepColon:
			sb.WriteByte(c)
		default:
			sb.WriteByte('%')
			sb.WriteByte(hex[c>>4])
			sb.WriteByte(hex[c&15])
		}
	}
	return sb.String()
}

// utf16Cursor converts byte offsets to UTF-16 offsets from the start of the
// file, walking on from the last offset asked so sorted queries cost one pass.
// Bytes that are not UTF-8 count one unit each, as lint.LineIndex counts them.
type utf16Cursor struct {
	src       []byte
	off, unit int
}

func (c *utf16Cursor) at(off int) int {
	off = max(0, min(off, len(c.src)))
	if off < c.off {
		c.off, c.unit = 0, 0
	}
	c.unit += lint.UTF16Len(c.src[c.off:off])
	c.off = off
	return c.unit
}
