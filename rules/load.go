// Package rules loads rule packs — YAML data, one folder per language — and
// validates them, reporting every problem as file:line:col. The packs under
// rules/<lang>/ are embedded in the binary and parsed only when their
// language is used.
package rules

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/replykit/replykit/internal/yamlx"
	"github.com/replykit/replykit/lint"
)

//go:embed */*.yaml
var builtin embed.FS

// AnyLanguage marks rules from a file with no lang: key; they join every language.
const AnyLanguage = "*"

// Pack is the rules and language data of one language.
type Pack struct {
	Lang  *lint.Language
	Rules []*lint.Rule
}

// Languages are the languages replykit serves. One without a built-in pack
// yet is checked with the rules that do not read words.
var Languages = []string{"en", "ms", "he", "zh", "fi"}

// BuiltinLanguages lists the languages that have an embedded pack.
func BuiltinLanguages() []string {
	entries, _ := builtin.ReadDir(".")
	var langs []string
	for _, e := range entries {
		if e.IsDir() && isLangCode(e.Name()) {
			langs = append(langs, e.Name())
		}
	}
	return langs
}

// Builtin parses the embedded pack of one language.
func Builtin(lang string) (*Pack, error) {
	files, err := fs.Glob(builtin, lang+"/*.yaml")
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no built-in rules for language %q (have %s)", lang, strings.Join(BuiltinLanguages(), ", "))
	}
	p := &Pack{Lang: &lint.Language{Code: lang}}
	var errs []error
	for _, f := range files {
		data, err := fs.ReadFile(builtin, f)
		if err != nil {
			return nil, err
		}
		file, err := Parse("rules/"+f, data, lang)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		p.merge(file)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return Join(p)
}

// File is one parsed rule file.
type File struct {
	Lang     string // the file's language, or AnyLanguage
	Language *lint.Language
	Rules    []*lint.Rule
}

func (p *Pack) merge(f *File) {
	if f.Language != nil {
		code := p.Lang.Code
		*p.Lang = *f.Language
		p.Lang.Code = code
	}
	p.Rules = append(p.Rules, f.Rules...)
}

// LoadDir parses every .yaml/.yml file in dir (and in its <lang>/ subfolders)
// and returns the files' contents by language.
func LoadDir(dir string) (map[string]*Pack, error) {
	packs := make(map[string]*Pack)
	var errs []error
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, unwrapPathError(err)))
			return nil
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		ext := strings.ToLower(filepath.Ext(p))
		if ext != ".yaml" && ext != ".yml" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, unwrapPathError(err)))
			return nil
		}
		// A file in a folder named after a language (rules/fi/…, or the
		// folder given itself) is in that language unless it says otherwise.
		def := AnyLanguage
		if parent := filepath.Base(filepath.Dir(p)); slices.Contains(BuiltinLanguages(), parent) {
			def = parent
		}
		f, err := Parse(p, data, def)
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		pk := packs[f.Lang]
		if pk == nil {
			pk = &Pack{Lang: &lint.Language{Code: f.Lang}}
			packs[f.Lang] = pk
		}
		pk.merge(f)
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	if len(packs) == 0 && len(errs) == 0 {
		errs = append(errs, fmt.Errorf("%s: no rule files (.yaml) found", dir))
	}
	return packs, errors.Join(errs...)
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// isLangCode reports whether s looks like a language code: two or three
// lower-case letters.
func isLangCode(s string) bool {
	if len(s) < 2 || len(s) > 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// ruleID is compiled on first use, not at every start.
var ruleID = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+$`)
})

// ValidID reports whether id is a well-formed rule id.
func ValidID(id string) bool { return ruleID().MatchString(id) }

// Parse reads one rule file. defaultLang applies when the file has no lang: key.
func Parse(name string, data []byte, defaultLang string) (*File, error) {
	doc, err := yamlx.Parse(name, 0, data)
	if err != nil {
		return nil, err
	}
	if doc == nil {
		return nil, fmt.Errorf("%s:1:1: the file is empty; a pack file has a rules: or a language: section", name)
	}
	p := &parser{Reader: yamlx.Reader{File: name}}
	f := &File{Lang: defaultLang}
	// Rules converted from another tool (imported-from: names it) come
	// without examples; those of a file written by hand must have them.
	if doc.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(doc.Content); i += 2 {
			if doc.Content[i].Value == "imported-from" {
				p.imported = true
			}
		}
	}
	p.Each(doc, func(key string, k, v *yaml.Node) {
		switch key {
		case "imported-from":
			p.Text(v)
		case "lang":
			if s := p.Text(v); s != "" {
				if !isLangCode(s) {
					p.Errorf(v, "lang %q is not a language code such as en, ms, he, zh, fi", s)
				}
				f.Lang = s
			}
		case "language":
			f.Language = p.language(v)
		case "rules":
			if v.Kind != yaml.SequenceNode {
				p.Errorf(v, "rules: must be a list of rules")
				return
			}
			for _, n := range v.Content {
				if r := p.rule(n); r != nil {
					f.Rules = append(f.Rules, r)
				}
			}
		default:
			p.Errorf(k, "unknown key %q (want lang, language, rules or imported-from)", key)
		}
	})
	if f.Language != nil && f.Lang == AnyLanguage {
		p.Errorf(doc, "language: data needs a lang: key or a <lang>/ folder")
	}
	if len(p.Errs) > 0 {
		return nil, errors.Join(p.Errs...)
	}
	return f, nil
}

type parser struct {
	yamlx.Reader
	imported bool // examples are optional
}

// kindKeys lists the keys each kind takes besides the common ones.
var kindKeys = map[string][]string{
	"phrase":  {"phrases", "exceptions", "match-case", "exceptions-match-case", "exceptions-within", "split-contractions", "hyphens-as-written", "apostrophes-as-written", "exception-pattern"},
	"replace": {"replace", "exceptions", "match-case", "exceptions-match-case", "exceptions-within", "hyphens-as-written", "apostrophes-as-written", "split-contractions", "exception-pattern"},
	"pattern": {"pattern", "triggers", "scope", "exceptions", "match-case", "exceptions-match-case", "exceptions-within", "max", "per", "followed-by", "not-followed-by", "preceded-by", "not-preceded-by", "inside-words", "replacement", "exception-pattern", "apostrophes-as-written"},
	"require": {"phrases", "after", "scope", "report-at"},
	"count":   {"term", "max"},
	"metric":  {"measure", "max", "allow"},
}

var commonKeys = []string{"id", "kind", "category", "severity", "message", "why", "source", "suggestion", "when", "limit", "examples"}

func (p *parser) rule(n *yaml.Node) *lint.Rule {
	before := len(p.Errs)
	r := &lint.Rule{Origin: p.Pos(n)}
	vals := map[string]*yaml.Node{}
	keys := map[string]*yaml.Node{}
	p.Each(n, func(key string, k, v *yaml.Node) {
		vals[key], keys[key] = v, k
	})
	if n.Kind != yaml.MappingNode {
		return nil
	}
	need := func(key string) *yaml.Node {
		v := vals[key]
		if v == nil {
			p.Errorf(n, "rule %s: missing %s:", orUnnamed(r.ID), key)
		}
		return v
	}
	if v := need("id"); v != nil {
		r.ID = p.Text(v)
		if r.ID != "" && !ValidID(r.ID) {
			p.Errorf(v, "rule id %q must be lower-case words joined by dots, such as apology.generic", r.ID)
		}
		if p.imported {
			r.Echoes = convertedFrom(r.ID) // each converted rule reports its own findings
		}
	}
	kind := ""
	if v := need("kind"); v != nil {
		kind = p.Text(v)
		if _, ok := kindKeys[kind]; !ok && kind != "" {
			p.Errorf(v, "unknown kind %q (want one of %s)", kind, strings.Join(lint.Kinds, ", "))
			kind = ""
		}
	}
	for key, k := range keys {
		if slices.Contains(commonKeys, key) {
			continue
		}
		if kind != "" && !slices.Contains(kindKeys[kind], key) {
			p.Errorf(k, "unknown key %q for a %s rule (it takes %s)", key, kind, strings.Join(kindKeys[kind], ", "))
		} else if kind == "" && !isKindKey(key) {
			p.Errorf(k, "unknown key %q", key)
		}
	}
	if v := need("category"); v != nil {
		r.Category = p.Text(v)
		if r.Category != "" && !lint.ValidCategory(r.Category) {
			p.Errorf(v, "unknown category %q (want one of %s)", r.Category, strings.Join(lint.Categories, ", "))
		}
	}
	if v := need("severity"); v != nil {
		sev, err := lint.ParseSeverity(p.Text(v))
		if err != nil && v.Kind == yaml.ScalarNode {
			p.Errorf(v, "%v", err)
		}
		r.Severity = sev
	}
	for _, f := range []struct {
		key  string
		dst  *string
		must bool
	}{{"message", &r.Message, true}, {"why", &r.Why, true}, {"source", &r.Source, true}, {"suggestion", &r.Suggestion, false}} {
		if v := vals[f.key]; v != nil {
			*f.dst = strings.TrimSpace(p.Text(v))
		} else if f.must {
			need(f.key)
		}
	}
	if v := vals["when"]; v != nil {
		r.When = p.condition(v)
	}
	if v := vals["limit"]; v != nil {
		r.Limit = p.Int(v, 1)
	}
	if v := vals["examples"]; v != nil {
		r.Examples = p.examples(v)
	} else if !p.imported {
		need("examples")
	}
	matchCase, exceptCase := false, false
	if v := vals["match-case"]; v != nil {
		matchCase = p.Bool(v)
	}
	if v := vals["exceptions-match-case"]; v != nil {
		exceptCase = p.Bool(v)
	}
	exceptWithin := false
	if v := vals["exceptions-within"]; v != nil {
		exceptWithin = p.Bool(v)
	}
	hyphens, apostrophes := false, false
	if v := vals["hyphens-as-written"]; v != nil {
		hyphens = p.Bool(v)
	}
	if v := vals["apostrophes-as-written"]; v != nil {
		apostrophes = p.Bool(v)
	}
	exceptExpr := ""
	if v := vals["exception-pattern"]; v != nil {
		if exceptExpr = p.Text(v); exceptExpr != "" {
			if _, err := regexp.Compile(exceptExpr); err != nil {
				why := err.Error()
				if se, ok := err.(*syntax.Error); ok {
					why = fmt.Sprintf("%s: `%s`", se.Code, se.Expr)
				}
				p.Errorf(v, "exception-pattern %q does not parse: %s", exceptExpr, why)
			}
		}
	}
	switch kind {
	case "phrase":
		c := &lint.Phrase{}
		if v := need("phrases"); v != nil {
			c.Phrases = p.phrases(v)
		}
		if v := vals["exceptions"]; v != nil {
			c.Exceptions = p.phrasesCase(v, exceptCase)
		}
		c.MatchCase, c.ExceptionsMatchCase, c.ExceptionsWithin = matchCase, exceptCase, exceptWithin
		if v := vals["split-contractions"]; v != nil {
			c.SplitContractions = p.Bool(v)
		}
		c.HyphensAsWritten, c.ApostrophesAsWritten, c.ExceptionPattern = hyphens, apostrophes, exceptExpr
		r.Check = c
	case "replace":
		c := &lint.Replace{MatchCase: matchCase, ExceptionsMatchCase: exceptCase, ExceptionsWithin: exceptWithin, HyphensAsWritten: hyphens, ApostrophesAsWritten: apostrophes, ExceptionPattern: exceptExpr}
		if v := vals["split-contractions"]; v != nil {
			c.SplitContractions = p.Bool(v)
		}
		if v := need("replace"); v != nil {
			p.Each(v, func(key string, k, val *yaml.Node) {
				with := p.Text(val)
				if key == "" {
					p.Errorf(k, "empty phrase")
				}
				c.Pairs = append(c.Pairs, lint.Replacement{Phrase: key, With: with})
			})
			if v.Kind == yaml.MappingNode && len(c.Pairs) == 0 {
				p.Errorf(v, "replace: needs at least one phrase: replacement pair")
			}
		}
		if v := vals["exceptions"]; v != nil {
			c.Exceptions = p.phrasesCase(v, exceptCase)
		}
		r.Check = c
	case "pattern":
		c := &lint.Pattern{Scope: lint.ScopeProse, MatchCase: matchCase, ExceptionsMatchCase: exceptCase, ExceptionsWithin: exceptWithin, ExceptionPattern: exceptExpr,
			ApostrophesAsWritten: apostrophes}
		if v := need("pattern"); v != nil {
			c.Expr = p.Text(v)
		}
		if v := vals["triggers"]; v != nil {
			c.Triggers = p.triggerSets(v)
		}
		if v := vals["exceptions"]; v != nil {
			c.Exceptions = p.phrasesCase(v, exceptCase)
		}
		if v := vals["scope"]; v != nil {
			c.Scope = p.Text(v)
			switch c.Scope {
			case lint.ScopeProse, lint.ScopeSentence, lint.ScopeParagraph, lint.ScopePlaceholder:
			case lint.ScopeRaw:
				if t := vals["triggers"]; t != nil {
					p.Errorf(t, "triggers: are words of the prose, and a rule of scope raw reads the text as written: leave them out")
				}
			default:
				p.Errorf(v, "unknown scope %q for a pattern rule (want prose, sentence, paragraph, placeholder or raw)", c.Scope)
			}
		}
		for _, f := range []struct {
			key string
			dst *string
		}{{"followed-by", &c.FollowedBy}, {"not-followed-by", &c.NotFollowedBy}, {"preceded-by", &c.PrecededBy}, {"not-preceded-by", &c.NotPrecededBy}} {
			if v := vals[f.key]; v != nil {
				*f.dst = p.Text(v)
			}
		}
		if v := vals["inside-words"]; v != nil {
			c.InsideWords = p.Bool(v)
		}
		if v := vals["max"]; v != nil {
			c.Max = p.Int(v, 1)
			c.Per = lint.PerParagraph
		}
		if v := vals["per"]; v != nil {
			c.Per = p.Text(v)
			switch {
			case vals["max"] == nil:
				p.Errorf(v, "per: needs max: (how many matches a %s may hold)", c.Per)
			case c.Per != lint.PerSentence && c.Per != lint.PerParagraph && c.Per != lint.PerDocument:
				p.Errorf(v, "unknown per %q (want sentence, paragraph or document)", c.Per)
			}
		}
		if v := vals["replacement"]; v != nil {
			with := p.Text(v) // "" takes the words out
			c.Replacement = &with
			switch {
			case c.Max > 0:
				p.Errorf(v, "replacement: fixes each match, and max: counts them: a rule takes one or the other")
			case c.Scope == lint.ScopePlaceholder:
				p.Errorf(v, "replacement: a placeholder is filled in, not replaced: leave it out")
			}
		}
		if c.Scope == lint.ScopeRaw && c.Max > 0 && c.Per != lint.PerDocument {
			at := vals["per"]
			if at == nil {
				at = vals["max"]
			}
			p.Errorf(at, "a rule of scope raw reads the text as written, which has no sentences or paragraphs to count in: set per: document")
		}
		r.Check = c
	case "require":
		c := &lint.Require{Scope: "document"}
		if v := need("phrases"); v != nil {
			c.Phrases = p.phrases(v)
		}
		if v := vals["after"]; v != nil {
			c.After = p.phrases(v)
			c.Scope = "sentence"
		}
		if v := vals["scope"]; v != nil {
			c.Scope = p.Text(v)
			switch {
			case len(c.After) == 0 && c.Scope != "document":
				p.Errorf(v, "scope %q needs after: (the phrases that start the requirement)", c.Scope)
			case len(c.After) > 0 && c.Scope != "sentence" && c.Scope != "paragraph":
				p.Errorf(v, "unknown scope %q for a require rule with after: (want sentence or paragraph)", c.Scope)
			}
		}
		if v := vals["report-at"]; v != nil {
			c.ReportAt = p.Text(v)
			switch {
			case len(c.After) > 0:
				p.Errorf(v, "report-at is for require rules without after: (those report at the trigger)")
			case c.ReportAt != "start" && c.ReportAt != "end":
				p.Errorf(v, "unknown report-at %q (want start or end)", c.ReportAt)
			}
		}
		r.Check = c
	case "count":
		c := &lint.Count{}
		if v := need("term"); v != nil {
			c.Term = p.Text(v)
			if c.Term != lint.TermCustomerName && c.Term != "" {
				p.Errorf(v, "unknown term %q (want %s)", c.Term, lint.TermCustomerName)
			}
		}
		if v := need("max"); v != nil {
			c.Max = p.Int(v, 0)
		}
		r.Check = c
	case "metric":
		c := &lint.Metric{}
		if v := need("measure"); v != nil {
			c.Measure = p.Text(v)
			if c.Measure != "" && !slices.Contains(lint.Measures, c.Measure) {
				p.Errorf(v, "unknown measure %q (want one of %s)", c.Measure, strings.Join(lint.Measures, ", "))
			}
		}
		if v := need("max"); v != nil {
			c.Max = p.Int(v, 0)
		}
		if v := vals["allow"]; v != nil {
			c.Allow = p.Texts(v)
		}
		r.Check = c
	}
	if len(p.Errs) > before {
		return nil
	}
	return r
}

func isKindKey(key string) bool {
	for _, keys := range kindKeys {
		if slices.Contains(keys, key) {
			return true
		}
	}
	return false
}

func orUnnamed(id string) string {
	if id == "" {
		return "(no id)"
	}
	return id
}

// triggerSets reads triggers: a list of words (one set), or a list of lists
// (every set must have a word in the paragraph).
func (p *parser) triggerSets(n *yaml.Node) [][]string {
	if n.Kind == yaml.SequenceNode && len(n.Content) > 0 && n.Content[0].Kind == yaml.SequenceNode {
		var sets [][]string
		for _, c := range n.Content {
			if set := p.phrases(c); len(set) > 0 {
				sets = append(sets, set)
			}
		}
		return sets
	}
	if set := p.phrases(n); len(set) > 0 {
		return [][]string{set}
	}
	return nil
}

// phrases reads a list of phrases and reports duplicates.
func (p *parser) phrases(n *yaml.Node) []string { return p.phrasesCase(n, false) }

// phrasesCase reads a list of phrases and reports duplicates: spellings
// that differ only in case are two when matchCase.
func (p *parser) phrasesCase(n *yaml.Node, matchCase bool) []string {
	list := p.Texts(n)
	seen := map[string]bool{}
	for i, s := range list {
		key := strings.Join(strings.Fields(s), " ")
		if !matchCase {
			key = strings.ToLower(key)
		}
		if seen[key] {
			at := n
			if n.Kind == yaml.SequenceNode && i < len(n.Content) {
				at = n.Content[i]
			}
			p.Errorf(at, "phrase %q is listed twice", s)
		}
		seen[key] = true
	}
	return list
}

func (p *parser) condition(n *yaml.Node) lint.Condition {
	var c lint.Condition
	p.Each(n, func(key string, k, v *yaml.Node) {
		switch key {
		case "situation":
			for _, s := range p.Texts(v) {
				if !lint.ValidSituation(s) {
					p.Errorf(v, "unknown situation %q (want %s)", s, strings.Join(lint.Situations, ", "))
				}
				c.Situations = append(c.Situations, s)
			}
		default:
			p.Errorf(k, "unknown condition %q (want situation)", key)
		}
	})
	return c
}

func (p *parser) examples(n *yaml.Node) lint.Examples {
	var ex lint.Examples
	p.Each(n, func(key string, k, v *yaml.Node) {
		var dst *[]lint.Example
		switch key {
		case "bad":
			dst = &ex.Bad
		case "good":
			dst = &ex.Good
		default:
			p.Errorf(k, "unknown key %q in examples (want bad and good)", key)
			return
		}
		if v.Kind != yaml.SequenceNode {
			p.Errorf(v, "examples.%s must be a list", key)
			return
		}
		for _, e := range v.Content {
			if x, ok := p.example(e); ok {
				*dst = append(*dst, x)
			}
		}
	})
	if n.Kind == yaml.MappingNode && (len(ex.Bad) == 0 || len(ex.Good) == 0) {
		p.Errorf(n, "examples need at least one bad and one good text")
	}
	return ex
}

func (p *parser) example(n *yaml.Node) (lint.Example, bool) {
	x := lint.Example{Origin: p.Pos(n)}
	if n.Kind == yaml.ScalarNode {
		x.Text = p.Text(n)
		return x, x.Text != ""
	}
	p.Each(n, func(key string, k, v *yaml.Node) {
		switch key {
		case "text":
			x.Text = p.Text(v)
		case "situation":
			x.Situation = p.Text(v)
			if !lint.ValidSituation(x.Situation) {
				p.Errorf(v, "unknown situation %q (want %s)", x.Situation, strings.Join(lint.Situations, ", "))
			}
		case "customer-name":
			x.CustomerName = p.Text(v)
		default:
			p.Errorf(k, "unknown key %q in an example (want text, situation, customer-name)", key)
		}
	})
	if x.Text == "" {
		p.Errorf(n, "example has no text")
		return x, false
	}
	return x, true
}

func (p *parser) language(n *yaml.Node) *lint.Language {
	l := &lint.Language{}
	p.Each(n, func(key string, k, v *yaml.Node) {
		switch key {
		case "name":
			l.Name = p.Text(v)
		case "greetings":
			l.Greetings = p.phrases(v)
		case "titles":
			l.Titles = p.phrases(v)
		case "not-names":
			l.NotNames = p.phrases(v)
		case "common-words":
			l.CommonWords = p.phrases(v)
		case "name-endings":
			l.NameEndings = p.phrases(v)
		case "complaint":
			p.Each(v, func(key string, k, v *yaml.Node) {
				switch key {
				case "threshold":
					l.Complaint.Threshold = p.Int(v, 0)
				case "signals":
					p.Each(v, func(phrase string, k, w *yaml.Node) {
						if !lint.HasWords(phrase) {
							p.Errorf(k, "signal %q has no words in it, so it can never match", phrase)
							return
						}
						l.Complaint.Signals = append(l.Complaint.Signals, lint.Signal{Phrase: phrase, Weight: p.Int(w, 0)})
					})
				default:
					p.Errorf(k, "unknown key %q in complaint (want threshold, signals)", key)
				}
			})
		default:
			p.Errorf(k, "unknown key %q in language (want name, greetings, titles, not-names, common-words, name-endings, complaint)", key)
		}
	})
	return l
}

// Join adds the rules of extra packs for the same language (and those for
// any language) to base, returning a new pack. Later rules with an id already
// present are an error.
func Join(base *Pack, extra ...*Pack) (*Pack, error) {
	out := &Pack{Lang: base.Lang, Rules: slices.Clone(base.Rules)}
	seen := map[string]*lint.Rule{}
	var errs []error
	for _, r := range out.Rules {
		if prev, ok := seen[r.ID]; ok {
			errs = append(errs, fmt.Errorf("%s: rule %s is already defined at %s", r.Origin, r.ID, prev.Origin))
		}
		seen[r.ID] = r
	}
	for _, e := range extra {
		if e == nil {
			continue
		}
		for _, r := range e.Rules {
			if prev, ok := seen[r.ID]; ok {
				errs = append(errs, fmt.Errorf("%s: rule %s is already defined at %s", r.Origin, r.ID, prev.Origin))
				continue
			}
			seen[r.ID] = r
			out.Rules = append(out.Rules, r)
		}
	}
	return out, errors.Join(errs...)
}

// convertedFrom returns the id of the rule an imported rule was converted
// from: the converter names the expressions it splits from a rule
// <id>.patterns, <id>.patterns-2, and so on (see the README).
func convertedFrom(id string) string {
	i := strings.LastIndex(id, ".patterns")
	if i < 0 {
		return id
	}
	switch rest := id[i+len(".patterns"):]; {
	case rest == "", len(rest) > 1 && rest[0] == '-' && strings.Trim(rest[1:], "0123456789") == "":
		return id[:i]
	}
	return id
}
