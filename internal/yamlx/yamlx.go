// Package yamlx reads YAML nodes the way every replykit file wants: each
// problem reported as file:line:col, all of them at once, with words that say
// what was expected and what was found. Rule packs, the configuration and
// template front matter all go through it.
package yamlx

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// Reader collects the problems found while reading one file's YAML.
type Reader struct {
	File string
	// LineOffset is added to node lines: the YAML's first line is line
	// LineOffset+1 of the file (front matter starts on line 2).
	LineOffset int
	// Paths puts the dotted path of keys before each message:
	// "rules.apology.generic.severity: unknown severity".
	Paths bool
	Errs  []error

	path []pathStep // keys Each is inside of
}

type pathStep struct {
	key  string
	node *yaml.Node
}

// Errorf records a problem at node n.
func (r *Reader) Errorf(n *yaml.Node, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if r.Paths {
		steps := r.path
		if len(steps) > 0 && steps[len(steps)-1].node == n {
			steps = steps[:len(steps)-1] // a problem with the key itself: name its parent
		}
		if len(steps) > 0 {
			keys := make([]string, len(steps))
			for i, st := range steps {
				keys[i] = st.key
			}
			msg = strings.Join(keys, ".") + ": " + msg
		}
	}
	r.Errs = append(r.Errs, fmt.Errorf("%s: %s", r.Pos(n), msg))
}

// Pos returns n's position as file:line:col.
func (r *Reader) Pos(n *yaml.Node) string {
	return fmt.Sprintf("%s:%d:%d", r.File, n.Line+r.LineOffset, n.Column)
}

// Err returns every recorded problem, one per line, or nil.
func (r *Reader) Err() error { return errors.Join(r.Errs...) }

// Each calls fn for each key of a mapping node and reports duplicate keys.
func (r *Reader) Each(n *yaml.Node, fn func(key string, k, v *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		r.Errorf(n, "expected settings (key: value), found %s", KindName(n))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			r.Errorf(k, "duplicate key %q", k.Value)
			continue
		}
		seen[k.Value] = true
		r.path = append(r.path, pathStep{k.Value, k})
		fn(k.Value, k, v)
		r.path = r.path[:len(r.path)-1]
	}
}

// Text reads a scalar as text.
func (r *Reader) Text(n *yaml.Node) string {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		r.Errorf(n, "expected text, found %s", KindName(n))
		return ""
	}
	return n.Value
}

// Texts reads a list of texts; a single text is a list of one. Empty texts are reported.
func (r *Reader) Texts(n *yaml.Node) []string {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		return []string{n.Value}
	}
	if n.Kind != yaml.SequenceNode {
		r.Errorf(n, "expected a list of texts, found %s", KindName(n))
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for _, c := range n.Content {
		if s := r.Text(c); s != "" {
			out = append(out, s)
		} else if c.Kind == yaml.ScalarNode && c.Tag != "!!null" {
			r.Errorf(c, "empty text in list")
		}
	}
	return out
}

// Int reads a whole number of at least least.
func (r *Reader) Int(n *yaml.Node, least int) int {
	var v int
	if n.Kind != yaml.ScalarNode || n.Decode(&v) != nil || v < least {
		r.Errorf(n, "expected a whole number of %d or more, found %s", least, KindName(n))
	}
	return v
}

// Bool reads true or false.
func (r *Reader) Bool(n *yaml.Node) bool {
	var v bool
	if n.Kind != yaml.ScalarNode || n.Decode(&v) != nil {
		r.Errorf(n, "expected true or false, found %s", KindName(n))
	}
	return v
}

// KindName says what a node is, in words.
func KindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "settings (key: value)"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "something else"
}

// Parse parses data into a node tree; a syntax error comes back as
// file:line:col. It returns nil for an empty document.
func Parse(file string, lineOffset int, data []byte) (*yaml.Node, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, SyntaxError(file, lineOffset, err)
	}
	if len(root.Content) == 0 {
		return nil, nil
	}
	return root.Content[0], nil
}

// yamlLine is compiled on first use, not at every start.
var yamlLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^line (\d+):(.*)$`) })

// SyntaxError turns a yaml.v3 syntax error into file:line:col form. yaml.v3
// names the line where the broken block starts, and no column.
func SyntaxError(file string, lineOffset int, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if m := yamlLine().FindStringSubmatch(msg); m != nil {
		fmt.Sscan(m[1], &line)
		msg = strings.TrimSpace(m[2])
	}
	return fmt.Errorf("%s:%d:1: invalid YAML: %s", file, line+lineOffset, msg)
}

// EditDistance is the Levenshtein distance between a and b, in bytes: how
// far a misspelt key or name is from one that exists.
func EditDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Nearest returns the one of names closest to s, if one is fewer than
// within edits away (a misspelling, not another word); "" when none is.
func Nearest(s string, names []string, within int) string {
	best, bestDist := "", within
	for _, n := range names {
		if d := EditDistance(s, n); d < bestDist {
			best, bestDist = n, d
		}
	}
	return best
}
