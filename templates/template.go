// Package templates owns reply templates: the file format (YAML front matter
// and a Markdown body with a Liquid-compatible subset), strict and hermetic
// rendering with a source map, the library (built in and from folders) and
// its structural checks.
package templates

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/replykit/replykit/lint"
)

// Var is a declared template variable.
type Var struct {
	Name        string
	Required    bool
	Default     *string
	Example     *string
	Description string
	Pos         Pos // where it is declared
}

// Template is one reply template in one language.
type Template struct {
	File      string // path as given, for messages
	ID        string // from id:, else the path without .<lang>.md
	Title     string
	Lang      string
	Situation string
	Tags      []string
	Vars      []Var // in declaration order
	Status    string
	Disable   []string // lint: {disable: [...]}: rule ids, groups or categories

	Src  []byte // the whole file
	Body *Body

	idPos Pos
}

// Var returns the declaration of a variable, or nil.
func (t *Template) Var(name string) *Var {
	for i := range t.Vars {
		if t.Vars[i].Name == name {
			return &t.Vars[i]
		}
	}
	return nil
}

// Examples returns the example values of every variable that has one.
func (t *Template) Examples() Values {
	vals := Values{}
	for _, v := range t.Vars {
		if v.Example != nil {
			vals[v.Name] = *v.Example
		}
	}
	return vals
}

// Defaults returns the default values of every variable that has one.
func (t *Template) Defaults() Values {
	vals := Values{}
	for _, v := range t.Vars {
		if v.Default != nil {
			vals[v.Name] = *v.Default
		}
	}
	return vals
}

// CustomerNameVars are the variable names that hold the customer's name, for
// the name-overuse check.
var CustomerNameVars = []string{"customer.name", "customer.first_name", "customer.firstName", "customer.firstname"}

// IsTemplate reports whether src is a reply template: it opens with front
// matter that has one of the template keys.
func IsTemplate(src []byte) bool {
	fm, _, _, ok := splitFrontMatter(src)
	if !ok {
		return false
	}
	for _, key := range []string{"vars:", "id:", "situation:", "title:"} {
		if bytes.HasPrefix(fm, []byte(key)) || bytes.Contains(fm, []byte("\n"+key)) {
			return true
		}
	}
	return false
}

// splitFrontMatter returns the YAML between the opening and closing --- lines,
// the offset where it starts, and the offset where the body starts.
func splitFrontMatter(src []byte) (fm []byte, fmStart, bodyStart int, ok bool) {
	i := 0
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		i = 3
	}
	open, n := lineAt(src, i)
	if strings.TrimRight(string(open), " \t") != "---" {
		return nil, 0, 0, false
	}
	start := i + n
	for j := start; j < len(src); {
		line, n := lineAt(src, j)
		if t := strings.TrimRight(string(line), " \t"); t == "---" || t == "..." {
			return src[start:j], start, j + n, true
		}
		if n == 0 {
			break
		}
		j += n
	}
	return nil, 0, 0, false
}

// lineAt returns the line starting at i without its ending, and its length with the ending.
func lineAt(src []byte, i int) ([]byte, int) {
	j := i
	for j < len(src) && src[j] != '\n' && src[j] != '\r' {
		j++
	}
	line := src[i:j]
	if j < len(src) {
		if src[j] == '\r' && j+1 < len(src) && src[j+1] == '\n' {
			j++
		}
		j++
	}
	return line, j - i
}

// langSuffix matches the language part of a template file name: late-delivery.fi.md.
var langSuffix = regexp.MustCompile(`\.([a-z]{2,3})\.(md|markdown|txt|html)$`)

// ParseFile reads a template. rel is the path relative to its library folder
// (for the default id and language); file is the path used in messages.
func ParseFile(file, rel string, src []byte) (*Template, error) {
	t := &Template{File: file, Src: src, Status: "active"}
	rel = path.Clean(strings.ReplaceAll(rel, "\\", "/"))
	if m := langSuffix.FindStringSubmatch(rel); m != nil {
		t.Lang = m[1]
		t.ID = strings.TrimSuffix(rel, m[0])
	} else {
		t.Lang = "en"
		t.ID = strings.TrimSuffix(rel, path.Ext(rel))
	}
	fm, fmStart, bodyStart, ok := splitFrontMatter(src)
	if !ok {
		return nil, fmt.Errorf("%s:1:1: a template starts with front matter between two --- lines (id, title, lang, situation, vars)", file)
	}
	var errs []error
	errorf := func(n *yaml.Node, format string, args ...any) {
		p := posIn(src, fmStart, n)
		errs = append(errs, fmt.Errorf("%s:%d:%d: %s", file, p.Line, p.Column, fmt.Sprintf(format, args...)))
	}
	var root yaml.Node
	if err := yaml.Unmarshal(fm, &root); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := 1
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			fmt.Sscan(m[1], &line)
			msg = strings.TrimSpace(m[2])
		}
		return nil, fmt.Errorf("%s:%d:1: invalid YAML in the front matter: %s", file, line+lineOf(src, fmStart)-1, msg)
	}
	if len(root.Content) > 0 {
		doc := root.Content[0]
		if doc.Kind != yaml.MappingNode {
			errorf(doc, "the front matter must be settings (key: value)")
		} else {
			t.parseFrontMatter(doc, errorf, src, fmStart)
		}
	}
	if t.Situation != "" && !lint.ValidSituation(t.Situation) {
		errs = append(errs, fmt.Errorf("%s: unknown situation %q (want %s)", file, t.Situation, strings.Join(lint.Situations, ", ")))
	}
	body, err := ParseBody(file, src[bodyStart:], posAt(src, bodyStart))
	if err != nil {
		errs = append(errs, err)
	}
	t.Body = body
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return t, nil
}

var yamlLine = regexp.MustCompile(`^line (\d+):(.*)$`)

func (t *Template) parseFrontMatter(doc *yaml.Node, errorf func(*yaml.Node, string, ...any), src []byte, fmStart int) {
	str := func(n *yaml.Node, key string) string {
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			errorf(n, "%s: expected text", key)
			return ""
		}
		return n.Value
	}
	strs := func(n *yaml.Node, key string) []string {
		if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
			return []string{n.Value}
		}
		if n.Kind != yaml.SequenceNode {
			errorf(n, "%s: expected a list", key)
			return nil
		}
		var out []string
		for _, c := range n.Content {
			out = append(out, str(c, key))
		}
		return out
	}
	known := []string{"id", "title", "lang", "situation", "tags", "vars", "status", "lint"}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		switch k.Value {
		case "id":
			t.ID = str(v, "id")
			t.idPos = posIn(src, fmStart, v)
		case "title":
			t.Title = str(v, "title")
		case "lang":
			t.Lang = str(v, "lang")
			if !regexp.MustCompile(`^[a-z]{2,3}$`).MatchString(t.Lang) {
				errorf(v, "lang %q is not a language code such as en, ms, he, zh, fi", t.Lang)
			}
		case "situation":
			t.Situation = str(v, "situation")
			if t.Situation != "" && !lint.ValidSituation(t.Situation) {
				errorf(v, "unknown situation %q (want %s)", t.Situation, strings.Join(lint.Situations, ", "))
				t.Situation = ""
			}
		case "tags":
			t.Tags = strs(v, "tags")
		case "status":
			t.Status = str(v, "status")
			if t.Status != "active" && t.Status != "deprecated" {
				errorf(v, "unknown status %q (want active or deprecated)", t.Status)
			}
		case "lint":
			if v.Kind != yaml.MappingNode {
				errorf(v, "lint: expected settings such as {disable: [negative.unfortunately]}")
				continue
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				if v.Content[j].Value != "disable" {
					errorf(v.Content[j], "lint: unknown key %q (want disable)", v.Content[j].Value)
					continue
				}
				t.Disable = strs(v.Content[j+1], "lint.disable")
			}
		case "vars":
			t.parseVars(v, errorf, str, src, fmStart)
		default:
			errorf(k, "unknown key %q (known keys: %s)", k.Value, strings.Join(known, ", "))
		}
	}
}

var varName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$`)

func (t *Template) parseVars(n *yaml.Node, errorf func(*yaml.Node, string, ...any), str func(*yaml.Node, string) string, src []byte, fmStart int) {
	if n.Kind != yaml.MappingNode {
		errorf(n, "vars: expected variables, such as `customer.name: {required: true, example: Anna}`")
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !varName.MatchString(k.Value) {
			errorf(k, "variable name %q: use letters, digits, _ and - joined by dots, such as order.id", k.Value)
			continue
		}
		if t.Var(k.Value) != nil {
			errorf(k, "variable %s is declared twice", k.Value)
			continue
		}
		decl := Var{Name: k.Value, Pos: posIn(src, fmStart, k)}
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			t.Vars = append(t.Vars, decl) // `order.id:` with nothing: declared, optional
			continue
		}
		if v.Kind != yaml.MappingNode {
			errorf(v, "vars.%s: expected settings such as {required: true, example: Anna}", k.Value)
			continue
		}
		for j := 0; j+1 < len(v.Content); j += 2 {
			sk, sv := v.Content[j], v.Content[j+1]
			switch sk.Value {
			case "required":
				if sv.Decode(&decl.Required) != nil {
					errorf(sv, "vars.%s.required: expected true or false", k.Value)
				}
			case "default":
				s := str(sv, "vars."+k.Value+".default")
				decl.Default = &s
			case "example":
				s := str(sv, "vars."+k.Value+".example")
				decl.Example = &s
			case "description":
				decl.Description = str(sv, "vars."+k.Value+".description")
			default:
				errorf(sk, "vars.%s: unknown setting %q (want required, default, example, description)", k.Value, sk.Value)
			}
		}
		if decl.Required && decl.Default != nil {
			errorf(k, "variable %s is required and has a default: a default makes it optional, so drop one", k.Value)
		}
		t.Vars = append(t.Vars, decl)
	}
}

// posIn converts a yaml node's position inside front matter starting at fmStart to a file position.
func posIn(src []byte, fmStart int, n *yaml.Node) Pos {
	line0 := lineOf(src, fmStart)
	off := offsetOfLine(src, line0+n.Line-1)
	// Columns in yaml.v3 count characters from 1.
	col := 1
	i := off
	for col < n.Column && i < len(src) && src[i] != '\n' && src[i] != '\r' {
		_, size := utf8.DecodeRune(src[i:])
		i += size
		col++
	}
	return Pos{Offset: i, Line: line0 + n.Line - 1, Column: n.Column}
}

// lineOf returns the 1-based line of byte offset off.
func lineOf(src []byte, off int) int { return posAt(src, off).Line }

func offsetOfLine(src []byte, line int) int {
	off := 0
	for l := 1; l < line && off < len(src); l++ {
		_, n := lineAt(src, off)
		if n == 0 {
			break
		}
		off += n
	}
	return off
}

// posAt returns the position of byte offset off in src.
func posAt(src []byte, off int) Pos {
	x := lint.NewLineIndex(src)
	p := x.Position(off)
	return Pos{Offset: off, Line: p.Line, Column: p.Column}
}

// sortedVarNames returns the declared names, sorted.
func (t *Template) sortedVarNames() []string {
	var out []string
	for _, v := range t.Vars {
		out = append(out, v.Name)
	}
	slices.Sort(out)
	return out
}
