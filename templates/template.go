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
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/replykit/replykit/internal/yamlx"
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

// frontMatterKeys are the keys a template's front matter may hold.
var frontMatterKeys = []string{"id", "title", "lang", "situation", "tags", "vars", "status", "lint"}

// ForeignKeys returns the top-level keys of src's front matter that no
// template has (a site generator's layout:, date:), in order: a draft with
// them is another tool's page, checked as a draft, not as a template.
func ForeignKeys(src []byte) []string {
	fm, _, _, ok := splitFrontMatter(src)
	if !ok {
		return nil
	}
	var out []string
	for line := range bytes.Lines(fm) {
		i := bytes.IndexByte(line, ':')
		if i <= 0 || line[0] == ' ' || line[0] == '\t' || line[0] == '#' || line[0] == '-' {
			continue // not a top-level key: nested, a comment or a list item
		}
		key := strings.TrimSpace(string(line[:i]))
		if strings.ContainsAny(key, " \t\"'") || slices.Contains(frontMatterKeys, key) {
			continue
		}
		out = append(out, key)
	}
	return out
}

// splitFrontMatter returns the YAML between the opening and closing --- lines,
// the offset where it starts, and the offset where the body starts.
func splitFrontMatter(src []byte) (fm []byte, fmStart, bodyStart int, ok bool) {
	i := 0
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		i = 3
	}
	if !bytes.HasPrefix(src[i:], []byte("---")) {
		return nil, 0, 0, false // not read to the end of a first line that may be long
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

// langSuffix matches the language part of a template file name:
// late-delivery.fi.md. Like the other expressions here, it is compiled on
// first use, not at every start.
var langSuffix = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\.([a-z]{2,3})\.(md|markdown|txt|html)$`)
})

// ParseFile reads a template. rel is the path relative to its library folder
// (for the default id and language); file is the path used in messages.
func ParseFile(file, rel string, src []byte) (*Template, error) {
	t := &Template{File: file, Src: src, Status: "active"}
	rel = path.Clean(strings.ReplaceAll(rel, "\\", "/"))
	if m := langSuffix().FindStringSubmatch(rel); m != nil {
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
	r := &yamlx.Reader{File: file, LineOffset: lineOf(src, fmStart) - 1}
	doc, err := yamlx.Parse(file, r.LineOffset, fm)
	if err != nil {
		return nil, err
	}
	if doc != nil {
		t.parseFrontMatter(r, doc, src, fmStart)
	}
	errs := r.Errs
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

var (
	langCode = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z]{2,3}$`) })
	varName  = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$`)
	})
)

func (t *Template) parseFrontMatter(r *yamlx.Reader, doc *yaml.Node, src []byte, fmStart int) {
	r.Each(doc, func(key string, k, v *yaml.Node) {
		switch key {
		case "id":
			t.ID = r.Text(v)
			t.idPos = posIn(src, fmStart, v)
		case "title":
			t.Title = r.Text(v)
		case "lang":
			if t.Lang = r.Text(v); !langCode().MatchString(t.Lang) {
				r.Errorf(v, "lang %q is not a language code such as en, ms, he, zh, fi", t.Lang)
			}
		case "situation":
			if t.Situation = r.Text(v); t.Situation != "" && !lint.ValidSituation(t.Situation) {
				r.Errorf(v, "unknown situation %q (want %s)", t.Situation, strings.Join(lint.Situations, ", "))
				t.Situation = ""
			}
		case "tags":
			t.Tags = r.Texts(v)
		case "status":
			if t.Status = r.Text(v); t.Status != "active" && t.Status != "deprecated" {
				r.Errorf(v, "unknown status %q (want active or deprecated)", t.Status)
			}
		case "lint":
			r.Each(v, func(setting string, sk, sv *yaml.Node) {
				if setting != "disable" {
					r.Errorf(sk, "unknown setting %q (want disable)", setting)
					return
				}
				t.Disable = r.Texts(sv)
			})
		case "vars":
			t.parseVars(r, v, src, fmStart)
		default:
			r.Errorf(k, "unknown key %q (known keys: %s)", key, strings.Join(frontMatterKeys, ", "))
		}
	})
}

func (t *Template) parseVars(r *yamlx.Reader, n *yaml.Node, src []byte, fmStart int) {
	r.Each(n, func(name string, k, v *yaml.Node) {
		if !varName().MatchString(name) {
			r.Errorf(k, "variable name %q: use letters, digits, _ and - joined by dots, such as order.id", name)
			return
		}
		decl := Var{Name: name, Pos: posIn(src, fmStart, k)}
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			t.Vars = append(t.Vars, decl) // `order.id:` with nothing: declared, optional
			return
		}
		r.Each(v, func(setting string, sk, sv *yaml.Node) {
			switch setting {
			case "required":
				decl.Required = r.Bool(sv)
			case "default":
				s := r.Text(sv)
				decl.Default = &s
			case "example":
				s := r.Text(sv)
				decl.Example = &s
			case "description":
				decl.Description = r.Text(sv)
			default:
				r.Errorf(sk, "unknown setting %q (want required, default, example, description)", setting)
			}
		})
		if decl.Required && decl.Default != nil {
			r.Errorf(k, "variable %s is required and has a default: a default makes it optional, so drop one", name)
		}
		t.Vars = append(t.Vars, decl)
	})
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
