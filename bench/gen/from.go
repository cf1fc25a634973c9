package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// A held-out style (one the comparison is run with, not one gen wrote)
// gives grep the same phrases as the generated ones do: the tokens of its
// existence rules and the left-hand sides of its substitutions. Vale reads
// both as regular expressions; grep -F takes literal text, so a token of
// literal words, with groups of literal alternatives at most ("log(?:ged)?
// in" is not one; "(?:log|sign) in" is), is expanded into its phrases, and
// any other is left out and counted.

// maxExpansions bounds the phrases one token may expand into.
const maxExpansions = 64

// heldOut is what phrasesOf found in a style.
type heldOut struct {
	styles   []string // the style names, as a Vale configuration's BasedOnStyles lists them
	rules    int      // existence and substitution rules read
	phrases  []string // literal phrases, sorted, without repeats
	leftOut  []string // tokens that are patterns grep -F cannot take
	otherYML int      // rule files of other kinds
}

// phrasesOf reads the Vale style in dir: one style's folder (holding its
// .yml rules) or a styles folder with a style in each subfolder.
func phrasesOf(dir string) (*heldOut, error) {
	folders, err := styleFolders(dir)
	if err != nil {
		return nil, err
	}
	h := &heldOut{}
	seen := map[string]bool{}
	for _, folder := range folders {
		h.styles = append(h.styles, filepath.Base(folder))
		files, err := filepath.Glob(filepath.Join(folder, "*.yml"))
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
		for _, file := range files {
			// Each kind of rule has keys of its own shape (a sequence's
			// tokens are maps): only extends is read first.
			var r struct {
				Extends string    `yaml:"extends"`
				Tokens  yaml.Node `yaml:"tokens"`
				Swap    yaml.Node `yaml:"swap"`
			}
			data, err := os.ReadFile(file)
			if err != nil {
				return nil, err
			}
			if err := yaml.Unmarshal(data, &r); err != nil {
				return nil, fmt.Errorf("%s: %w", file, err)
			}
			var tokens []string
			switch r.Extends {
			case "existence":
				tokens = scalars(&r.Tokens)
			case "substitution":
				tokens = swapKeys(&r.Swap)
				sort.Strings(tokens)
			default:
				h.otherYML++
				continue
			}
			h.rules++
			for _, tok := range tokens {
				ps, ok := expandLiteral(tok)
				if !ok {
					h.leftOut = append(h.leftOut, tok)
					continue
				}
				for _, p := range ps {
					if p = strings.Join(strings.Fields(p), " "); p != "" && !seen[strings.ToLower(p)] {
						seen[strings.ToLower(p)] = true
						h.phrases = append(h.phrases, p)
					}
				}
			}
		}
	}
	if h.rules == 0 {
		return nil, fmt.Errorf("%s: no existence or substitution rules (*.yml) in it or in its subfolders", dir)
	}
	sort.Strings(h.phrases)
	return h, nil
}

// scalars returns the strings of a sequence (or the one string) n holds.
func scalars(n *yaml.Node) []string {
	if n.Kind == yaml.ScalarNode {
		return []string{n.Value}
	}
	var out []string
	for _, c := range n.Content {
		if c.Kind == yaml.ScalarNode {
			out = append(out, c.Value)
		}
	}
	return out
}

// swapKeys returns the patterns of a substitution's swap: a map, or a
// list of maps (- auto-discovery: Autodiscovery), as Vale takes both.
func swapKeys(n *yaml.Node) []string {
	maps := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		maps = n.Content
	}
	var out []string
	for _, m := range maps {
		if m.Kind != yaml.MappingNode {
			continue
		}
		for i := 0; i+1 < len(m.Content); i += 2 {
			out = append(out, m.Content[i].Value)
		}
	}
	return out
}

// styleFolders returns dir when it holds .yml rules, else its subfolders
// that do.
func styleFolders(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var subs []string
	for _, e := range entries {
		switch {
		case !e.IsDir() && strings.HasSuffix(e.Name(), ".yml"):
			return []string{dir}, nil
		case e.IsDir():
			if m, _ := filepath.Glob(filepath.Join(dir, e.Name(), "*.yml")); len(m) > 0 {
				subs = append(subs, filepath.Join(dir, e.Name()))
			}
		}
	}
	if len(subs) == 0 {
		return nil, &fs.PathError{Op: "read style", Path: dir, Err: errors.New("no .yml rules in it or in its subfolders")}
	}
	return subs, nil
}

// expandLiteral returns the phrases a Vale token matches when it is
// literal text with, at most, groups "(…)" or "(?:…)" of literal
// alternatives and alternatives at the top: "sorry for (?:any|the)
// inconvenience|my bad". It reports false for anything else.
func expandLiteral(tok string) ([]string, bool) {
	tok = strings.TrimPrefix(tok, "(?i)")
	var alts []string
	out := []string{""}
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		switch {
		case c == '|':
			alts = append(alts, out...)
			out = []string{""}
		case c == '(':
			end := strings.IndexByte(tok[i:], ')')
			if end < 0 {
				return nil, false
			}
			inner := strings.TrimPrefix(tok[i+1:i+end], "?:")
			if i+end+1 < len(tok) && strings.ContainsRune("?*+{", rune(tok[i+end+1])) {
				return nil, false // an optional or repeated group
			}
			var next []string
			for _, a := range strings.Split(inner, "|") {
				if !literal(a) {
					return nil, false
				}
				for _, o := range out {
					next = append(next, o+a)
				}
			}
			if len(next) > maxExpansions {
				return nil, false
			}
			out = next
			i += end
		case c == '\\' && i+1 < len(tok) && strings.ContainsRune(".-'", rune(tok[i+1])):
			for j := range out {
				out[j] += tok[i+1 : i+2]
			}
			i++
		case !literal(tok[i : i+1]):
			return nil, false
		default:
			for j := range out {
				out[j] += tok[i : i+1]
			}
		}
	}
	alts = append(alts, out...)
	for _, a := range alts {
		if strings.TrimSpace(a) == "" {
			return nil, false
		}
	}
	return alts, len(alts) <= maxExpansions
}

// literal reports whether s holds no regular-expression syntax.
func literal(s string) bool { return !strings.ContainsAny(s, `\.+*?()|[]{}^$`) }
