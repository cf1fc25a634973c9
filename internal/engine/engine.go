// Package engine puts the pieces together for every front end (lint, draft,
// the language server): it picks each document's language, compiles that
// language's rules once with the user's packs and settings, and lints.
package engine

import (
	"errors"
	"fmt"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/replykit/replykit/internal/vale"
	"github.com/replykit/replykit/lint"
	"github.com/replykit/replykit/rules"
	"github.com/replykit/replykit/templates"
)

// Setting changes one rule, from the rules: section of the configuration.
type Setting struct {
	Severity lint.Severity // 0 keeps the rule's own
	Disabled bool
	Max      *int   // options.max for count and metric rules
	Origin   string // file:line:col of the setting, for errors
}

// Config is what the engine needs to know from flags and configuration.
type Config struct {
	Lang     string // "auto" or a language code
	RuleDirs []string
	// ValeStyles are Vale styles folders (or one style's folder) whose
	// existence, substitution and occurrence rules join every language.
	ValeStyles []string
	// ValeCache is the folder where converted Vale styles are kept for the
	// next run ("" for none; see vale.LoadCached).
	ValeCache string
	Enable    []string // rule ids, categories or "all": switched on after Disable
	Disable   []string
	Settings  map[string]Setting
	NameLimit int // overrides every count rule's max when > 0
	Overrides []Override
}

// Override changes the rules for the files its paths match, after the rest
// of the configuration: `overrides: [{paths: [legal/**], disable: [familiar]}]`.
type Override struct {
	Paths    []string // globs with ** for any folders, relative to Dir
	Dir      string   // the folder of the configuration file
	Enable   []string
	Disable  []string
	Settings map[string]Setting
}

// Engine lints documents. It is safe for concurrent use.
type Engine struct {
	cfg   Config
	extra map[string]*rules.Pack // user packs by language ("*" for any)
	// compiledExtra is each user pack compiled once, by New, and added as
	// it is to the built-in rules of every language it serves.
	compiledExtra map[*rules.Pack]*lint.Extra
	skips         []vale.Skip // what the Vale styles had that could not be converted
	valeStyles    []string    // the ids of the Vale styles read (vale.<style>)

	mu   sync.Mutex
	sets map[setKey]*langSet

	idOnce sync.Once
	id     *lint.Identifier

	// everyID holds the ids, and their groups, of every language's rules
	// (see allIDs), worked out the first time a selector names none of one
	// language's.
	everyID func() map[string]bool
}

type langSet struct {
	once sync.Once
	rs   *lint.RuleSet
	err  error
}

// selection is what switches rules on and off and changes them.
type selection struct {
	enable, disable []string
	settings        map[string]Setting
}

// New checks the configuration and loads the user's rule folders.
func New(cfg Config) (*Engine, error) {
	if cfg.Lang == "" {
		cfg.Lang = "auto"
	}
	if cfg.Lang != "auto" && !slices.Contains(rules.Languages, cfg.Lang) {
		return nil, fmt.Errorf("unknown language %q (want auto or one of %s)", cfg.Lang, strings.Join(rules.Languages, ", "))
	}
	e := &Engine{cfg: cfg, extra: map[string]*rules.Pack{}, compiledExtra: map[*rules.Pack]*lint.Extra{}, sets: map[setKey]*langSet{}}
	e.everyID = sync.OnceValue(e.allIDs)
	var errs []error
	for _, dir := range cfg.RuleDirs {
		packs, err := rules.LoadDir(dir)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for lang, p := range packs {
			if prev := e.extra[lang]; prev != nil {
				joined, err := rules.Join(prev, p)
				if err != nil {
					errs = append(errs, err)
				}
				e.extra[lang] = joined
			} else {
				e.extra[lang] = p
			}
		}
	}
	for _, dir := range cfg.ValeStyles {
		imp, err := vale.LoadCached(dir, e.cfg.ValeCache)
		if imp != nil {
			e.skips = append(e.skips, imp.Skipped...)
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		e.valeStyles = append(e.valeStyles, imp.Styles...)
		p := &rules.Pack{Lang: &lint.Language{Code: rules.AnyLanguage}, Rules: imp.Rules}
		if prev := e.extra[rules.AnyLanguage]; prev == nil {
			e.compiledExtra[p] = imp.Compiled // vale.Load compiled it
		} else if p, err = rules.Join(prev, p); err != nil { // joined, the two may clash: compiled below
			errs = append(errs, err)
		}
		e.extra[rules.AnyLanguage] = p
	}
	// Compile each user pack now, once for every language it serves, so a
	// broken rule is reported whatever language the documents turn out to
	// be in.
	for _, p := range e.extra {
		if e.compiledExtra[p] != nil {
			continue
		}
		x, err := lint.CompileExtra(p.Rules)
		if err != nil {
			errs = append(errs, err)
		}
		e.compiledExtra[p] = x
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return e, nil
}

// Skipped lists the Vale rules, and the keys of Vale rules, that were not
// converted, each with its file and the reason.
func (e *Engine) Skipped() []vale.Skip { return e.skips }

// Language picks the language a document is linted in: --lang, or the one
// its prose is identified as.
func (e *Engine) Language(doc *lint.Document) string {
	return e.Identify(doc).Lang
}

// Identify tells the language of a document, and a second one when the
// document mixes two (the first is the one it is linted in).
func (e *Engine) Identify(doc *lint.Document) lint.Identification {
	if e.cfg.Lang != "auto" {
		return lint.Identification{Lang: e.cfg.Lang}
	}
	e.idOnce.Do(func() { e.id = rules.Identifier("en") })
	return e.id.Identify(doc)
}

// RuleSet returns the compiled rules of a language, building them on first use.
func (e *Engine) RuleSet(lang string) (*lint.RuleSet, error) { return e.RuleSetFor(lang, "") }

// RuleSetFor returns the rules of a language as configured for the file at
// path, per-path overrides included. Each combination is configured once.
func (e *Engine) RuleSetFor(lang, path string) (*lint.RuleSet, error) {
	base, err := e.cached(setKey{lang: lang}, func() (*lint.RuleSet, error) { return e.compiled(lang) })
	if err != nil {
		return nil, err
	}
	sel, key := e.selectionFor(path)
	return e.cached(setKey{lang: lang, configured: true, overrides: key}, func() (*lint.RuleSet, error) {
		if len(sel.enable) == 0 && len(sel.disable) == 0 && len(sel.settings) == 0 && e.cfg.NameLimit <= 0 {
			return base, nil // nothing to check or change
		}
		pick, err := e.picker(base.RulesWithoutDocs(), sel)
		if err != nil {
			return nil, err
		}
		return base.Configure(pick), nil
	})
}

// setKey names a rule set the engine keeps: a language's rules, or those
// rules as the configuration and the overrides in key set them. A struct, so
// that looking one up for each draft builds no string.
type setKey struct {
	lang       string
	configured bool
	overrides  string
}

func (e *Engine) cached(key setKey, build func() (*lint.RuleSet, error)) (*lint.RuleSet, error) {
	e.mu.Lock()
	ls := e.sets[key]
	if ls == nil {
		ls = &langSet{}
		e.sets[key] = ls
	}
	e.mu.Unlock()
	ls.once.Do(func() { ls.rs, ls.err = build() })
	return ls.rs, ls.err
}

// selectionFor merges the configuration with the overrides whose paths match
// path, in order; key names the combination.
func (e *Engine) selectionFor(path string) (selection, string) {
	sel := selection{enable: e.cfg.Enable, disable: e.cfg.Disable, settings: e.cfg.Settings}
	key := ""
	if path == "" || len(e.cfg.Overrides) == 0 {
		return sel, key
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return sel, key
	}
	for i, o := range e.cfg.Overrides {
		rel, err := filepath.Rel(o.Dir, abs)
		if err != nil || strings.HasPrefix(rel, "..") {
			continue
		}
		if !slices.ContainsFunc(o.Paths, func(p string) bool { return MatchGlob(p, filepath.ToSlash(rel)) }) {
			continue
		}
		key += fmt.Sprint(i, ",")
		sel.enable = append(slices.Clip(sel.enable), o.Enable...)
		// An override's disable must beat the base enable: apply it last.
		sel.disable = append(slices.Clip(sel.disable), o.Disable...)
		sel.enable = slices.DeleteFunc(slices.Clone(sel.enable), func(x string) bool { return slices.Contains(o.Disable, x) })
		merged := maps.Clone(sel.settings)
		if merged == nil {
			merged = map[string]Setting{}
		}
		maps.Copy(merged, o.Settings)
		sel.settings = merged
	}
	return sel, key
}

// exactID is the specificity of a selector naming a rule's id.
const exactID = 1 << 20

// specificity returns how closely the most specific selector of list that
// picks r names it, or -1 when none does: all, then a category, then id
// groups by depth (vale, vale.tone), then the id itself.
func specificity(list []string, r *lint.Rule) int {
	best := -1
	for _, sel := range list {
		n := -1
		switch {
		case sel == r.ID:
			n = exactID
		case strings.HasPrefix(r.ID, sel+"."):
			n = 2 + strings.Count(sel, ".")
		case sel == r.Category:
			n = 1
		case sel == "all":
			n = 0
		}
		best = max(best, n)
	}
	return best
}

// MatchGlob matches a slash-separated path against a glob in which * and ?
// stay within a folder and ** stands for any number of folders.
func MatchGlob(pattern, name string) bool {
	return matchParts(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func matchParts(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if matchParts(pat[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], name[0]); !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

// compiled returns the built-in rules of a language with the team's packs.
func (e *Engine) compiled(lang string) (*lint.RuleSet, error) {
	base, err := rules.BuiltinSet(lang)
	if err != nil {
		return nil, err
	}
	own, shared := e.extra[lang], e.extra[rules.AnyLanguage]
	var extra []*lint.Rule
	for _, p := range []*rules.Pack{own, shared} {
		if p != nil {
			extra = append(extra, p.Rules...)
		}
	}
	if err := checkDuplicates(base.RulesWithoutDocs(), extra); err != nil {
		return nil, err
	}
	for _, p := range []*rules.Pack{own, shared} {
		if p != nil {
			base = base.WithExtra(e.compiledExtra[p])
		}
	}
	return base, nil
}

// checkDuplicates reports a team rule whose id is already taken.
func checkDuplicates(base, extra []*lint.Rule) error {
	if len(extra) == 0 {
		return nil // the built-in ids are unique: rules.Builtin checks them
	}
	seen := map[string]*lint.Rule{}
	for _, r := range base {
		seen[r.ID] = r
	}
	var errs []error
	for _, r := range extra {
		if prev, ok := seen[r.ID]; ok {
			errs = append(errs, fmt.Errorf("%s: rule %s is already defined at %s", r.Origin, r.ID, prev.Origin))
			continue
		}
		seen[r.ID] = r
	}
	return errors.Join(errs...)
}

// allIDs returns the ids, and their groups, of the built-in rules of every
// language and of every team pack: a selector that names a rule of one
// language only (deflection.suggest-they-contact, or a team's English pack)
// is no error where a draft is in another, whose rules it leaves as they are.
func (e *Engine) allIDs() map[string]bool {
	ids := map[string]bool{}
	add := func(rs []*lint.Rule) {
		for _, r := range rs {
			for id := r.ID; ; id = id[:strings.LastIndex(id, ".")] {
				ids[id] = true
				if !strings.Contains(id, ".") {
					break
				}
			}
		}
	}
	for _, lang := range rules.BuiltinLanguages() {
		// The language's set as the engine keeps it: loaded once, here and
		// for that language's drafts. Its built-in rules alone when it
		// cannot be built (its error is reported with its drafts).
		set, err := e.cached(setKey{lang: lang}, func() (*lint.RuleSet, error) { return e.compiled(lang) })
		if err != nil {
			set, err = rules.BuiltinSet(lang)
		}
		if err == nil {
			add(set.RulesWithoutDocs())
		}
	}
	for _, p := range e.extra {
		add(p.Rules)
	}
	return ids
}

// picker checks the ids named by --enable/--disable and the rules: settings
// against all, and returns what Configure needs: for each rule, itself, a
// copy with the configured severity or limit, or nil when it is switched off.
func (e *Engine) picker(all []*lint.Rule, sel selection) (func(*lint.Rule) *lint.Rule, error) {
	known := map[string]bool{"all": true}
	for _, c := range lint.Categories {
		known[c] = true
	}
	for _, id := range e.valeStyles {
		known["vale"], known[id] = true, true // named, even when none of a style's rules came through
	}
	for _, r := range all {
		for id := r.ID; ; id = id[:strings.LastIndex(id, ".")] {
			known[id] = true // apology.generic, and the group apology
			if !strings.Contains(id, ".") {
				break
			}
		}
	}
	var errs []error
	for _, list := range [][]string{sel.disable, sel.enable} {
		for _, sel := range list {
			if !known[sel] && !e.everyID()[sel] {
				errs = append(errs, fmt.Errorf("unknown rule or category %q: see `replykit rules list`", sel))
			}
		}
	}
	for id, s := range sel.settings {
		if !known[id] && !e.everyID()[id] {
			errs = append(errs, fmt.Errorf("%s: unknown rule %q: see `replykit rules list`", s.Origin, id))
		}
	}
	for _, r := range all {
		s, ok := sel.settings[r.ID]
		if !ok || s.Max == nil {
			continue
		}
		switch r.Check.(type) {
		case *lint.Count, *lint.Metric:
		default:
			errs = append(errs, fmt.Errorf("%s: rule %s is a %s rule and takes no max option", s.Origin, r.ID, r.Kind()))
		}
	}
	if len(errs) > 0 {
		slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
		return nil, errors.Join(errs...)
	}
	return func(r *lint.Rule) *lint.Rule {
		// The most specific selector wins, and --enable a tie: --disable all
		// --enable vale --disable vale.tone.plain-words runs every Vale rule
		// but that one.
		s, hasSetting := sel.settings[r.ID]
		off := specificity(sel.disable, r)
		if hasSetting && s.Disabled {
			off = exactID
		}
		if off >= 0 && specificity(sel.enable, r) < off {
			return nil
		}
		if !hasSetting && e.cfg.NameLimit <= 0 {
			return r
		}
		c := *r
		if s.Severity != 0 {
			c.Severity = s.Severity
		}
		switch k := r.Check.(type) {
		case *lint.Count:
			kc := *k
			if e.cfg.NameLimit > 0 {
				kc.Max = e.cfg.NameLimit
			}
			if s.Max != nil {
				kc.Max = *s.Max
			}
			c.Check = &kc
		case *lint.Metric:
			if s.Max != nil {
				kc := *k
				kc.Max = *s.Max
				c.Check = &kc
			}
		}
		return &c
	}, nil
}

// Result is one linted document.
type Result struct {
	Doc   *lint.Document
	Lang  string
	Mixed string // a second language with a real share of the text, if any
	// Foreign, for Markdown with front matter that looks like a template's
	// but holds keys no template has, is those keys: it was checked as a
	// draft (see templates.ForeignKeys).
	Foreign     []string
	Context     lint.Context // with the customer's name filled in from the greeting
	Diagnostics []lint.Diagnostic
}

// Lint checks one document's bytes. path chooses the format (.md, .txt, .html,
// .eml). A reply template is rendered with its example values and checked
// as the reply it produces.
func (e *Engine) Lint(path string, src []byte, ctx lint.Context) (*Result, error) {
	if lint.FormatFor(path) == lint.FormatMarkdown && templates.IsTemplate(src) {
		// A site generator's page has a title: too; its other keys tell it
		// from a template, whose schema would refuse them.
		if foreign := templates.ForeignKeys(src); foreign != nil {
			res, err := e.LintText(path, src, ctx)
			if res != nil {
				res.Foreign = foreign
			}
			return res, err
		}
		t, err := templates.ParseFile(path, filepath.Base(path), src)
		if err != nil {
			return nil, err
		}
		return e.LintTemplate(t, nil, ctx)
	}
	return e.LintText(path, src, ctx)
}

// LintText checks a document's bytes as text, never as a template: a file
// read in parts lints each part with it.
func (e *Engine) LintText(path string, src []byte, ctx lint.Context) (*Result, error) {
	doc := lint.NewDocument(path, src, lint.FormatFor(path))
	id := e.Identify(doc)
	rs, err := e.RuleSetFor(id.Lang, path)
	if err != nil {
		return nil, err
	}
	if ctx.CustomerName == "" {
		// Found once, for the result and for the rules that count it.
		ctx.CustomerName = rs.CustomerName(doc)
	}
	diags := check(rs, doc, ctx)
	return &Result{Doc: doc, Lang: id.Lang, Mixed: id.Second, Context: ctx, Diagnostics: diags}, nil
}

// check lints doc with rs: echoes dropped, suppressions applied, and then
// the rules' limits, so a finding suppressed leaves its place to the next.
func check(rs *lint.RuleSet, doc *lint.Document, ctx lint.Context) []lint.Diagnostic {
	return lint.ApplyLimits(lint.ApplySuppressions(doc, lint.DropEchoes(rs.Lint(doc, ctx))))
}

// Situation reads a customer's message and tells whether it is a complaint.
func (e *Engine) Situation(path string, msg []byte) (string, error) {
	doc := lint.NewDocument(path, msg, lint.FormatFor(path))
	rs, err := e.RuleSet(e.Language(doc))
	if err != nil {
		return "", err
	}
	return rs.DetectSituation(doc)
}

// LintAs checks text that is not a file, such as a rendered draft, in a
// given language ("" picks as Lint does).
func (e *Engine) LintAs(label string, src []byte, format lint.Format, lang string, ctx lint.Context) (*Result, error) {
	doc := lint.NewDocument(label, src, format)
	if lang == "" {
		lang = e.Language(doc)
	}
	rs, err := e.RuleSet(lang)
	if err != nil {
		return nil, err
	}
	if ctx.CustomerName == "" {
		ctx.CustomerName = rs.CustomerName(doc)
	}
	diags := check(rs, doc, ctx)
	return &Result{Doc: doc, Lang: lang, Context: ctx, Diagnostics: diags}, nil
}
