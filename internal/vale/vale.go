// Package vale converts Vale styles into replykit rules: existence,
// substitution and occurrence rules keep the meaning Vale gives them; every
// other kind, and every key replykit cannot honour, is reported as skipped
// with its file and the reason, never dropped in silence.
package vale

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp/syntax"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/replykit/replykit/internal/fsutil"
	"github.com/replykit/replykit/internal/yamlx"
	"github.com/replykit/replykit/lint"
	"github.com/replykit/replykit/rules"
)

// Categories of imported rules: replykit's categories are fixed, and a Vale
// rule says nothing about tone, so the kind decides.
const (
	CategoryWording = "negative-phrasing" // existence and substitution: wording to avoid or to change
	CategoryLimit   = "over-familiar"     // occurrence: too much of something, like the metric rules
)

// Import is what a folder of Vale styles converts to.
type Import struct {
	// Styles are the ids of the styles read (vale.<style>), each one a
	// group --enable and --disable name, even when none of its rules
	// could be converted.
	Styles  []string
	Rules   []*lint.Rule
	Skipped []Skip // rules left out, and keys a converted rule ignores
	// Compiled is Rules compiled for drafts in any language, when they
	// compile: a linter adds them to each language's rules as they are.
	Compiled *lint.Extra
}

// Skip says what was left out and why.
type Skip struct {
	Pos    string // file:line:col
	Rule   string // Style.Rule, as Vale names it
	Key    string // the key ignored; "" when the whole rule is skipped
	Token  string // or the token or swap pattern left out, the rest converted
	Reason string
}

func (s Skip) String() string {
	if s.Token != "" {
		return fmt.Sprintf("%s: Vale rule %s: %s left out, the rest converted: %s", s.Pos, s.Rule, s.Token, s.Reason)
	}
	if s.Key != "" {
		return fmt.Sprintf("%s: Vale rule %s: key %s ignored: %s", s.Pos, s.Rule, s.Key, s.Reason)
	}
	return fmt.Sprintf("%s: Vale rule %s skipped: %s", s.Pos, s.Rule, s.Reason)
}

// ID returns the replykit id of a Vale rule: vale.<style>.<rule>, lower-case,
// with any run of other characters as one hyphen (write-good.Weasel →
// vale.write-good.weasel).
func ID(style, rule string) string { return "vale." + slug(style) + "." + slug(rule) }

// IsPart reports whether id is that of a rule Convert made beside a Vale
// rule's own (id.patterns, id.patterns-2, …), not the Vale rule itself: an
// id that ID gives has two dots, as neither slug holds one.
func IsPart(id string) bool { return strings.Count(id, ".") > 2 }

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// Load converts the Vale rules in dir: a styles folder holding one folder
// per style, or one style's folder of .yml files.
func Load(dir string) (*Import, error) { return LoadCached(dir, "") }

// LoadCached is Load with a cache of converted styles in the folder
// cacheDir ("" for none): a style read before, with the same files and by
// the same replykit, is loaded from there instead of converted again (see
// cache.go).
func LoadCached(dir, cacheDir string) (*Import, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, unwrapPath(err))
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s: not a folder: give a Vale styles folder, or one style's folder of .yml rules", dir)
	}
	styles, err := findStyles(dir)
	if err != nil {
		return nil, err
	}
	if len(styles) == 0 {
		return nil, fmt.Errorf("%s: no Vale rules (.yml files) here or in its style folders", dir)
	}
	var jobs []job
	for _, s := range styles {
		for _, file := range s.files {
			jobs = append(jobs, job{s.name, file})
		}
	}
	// The files are read, and then converted, on every core, and taken in
	// order: a style of dozens of files is most of a cold start with
	// --vale-style.
	results := make([]result, len(jobs))
	eachJob(len(jobs), func(i int) {
		if j := jobs[i]; strings.HasSuffix(j.file, ".yml") {
			if results[i].data, results[i].err = fsutil.ReadFile(j.file); results[i].err != nil {
				results[i].err = fmt.Errorf("%s: %w", j.file, unwrapPath(results[i].err))
			}
		}
	})
	key := ""
	if cacheDir != "" && !slices.ContainsFunc(results, func(r result) bool { return r.err != nil }) {
		if exe := executable(); exe != "" {
			key = cacheKey(exe, dir, jobs, results)
			if imp := readCached(cacheDir, key); imp != nil {
				return imp, nil
			}
		}
	}
	eachJob(len(jobs), func(i int) {
		j, res := jobs[i], &results[i]
		name := strings.TrimSuffix(filepath.Base(j.file), filepath.Ext(j.file))
		switch {
		case res.err != nil:
		case !strings.HasSuffix(j.file, ".yml"):
			// Vale reads only .yml files: say so, rather than check
			// what Vale never does, or pass over it without a word.
			res.skips = []Skip{{Pos: j.file + ":1:1", Rule: j.style + "." + name,
				Reason: fmt.Sprintf("Vale reads only files ending in .yml, so it never checks this one; rename it %s.yml to have it checked", name)}}
		default:
			res.rules, res.skips, res.err = convertRule(j.style, name, j.file, res.data)
		}
	})
	imp := &Import{}
	for _, s := range styles {
		imp.Styles = append(imp.Styles, "vale."+slug(s.name))
	}
	var errs []error
	seen := map[string]string{}
	for i, res := range results {
		imp.Skipped = append(imp.Skipped, res.skips...)
		if res.err != nil {
			errs = append(errs, res.err)
			continue
		}
		for _, r := range res.rules {
			if prev, ok := seen[r.ID]; ok {
				errs = append(errs, fmt.Errorf("%s: rule id %s is also the id of %s: rename one of the two", jobs[i].file, r.ID, prev))
				break
			}
			seen[r.ID] = jobs[i].file
			imp.Rules = append(imp.Rules, r)
		}
	}
	// The engine's check, once for every rule: its errors name each rule's
	// file. What it compiles serves the linter, which need not compile it again.
	if x, err := lint.CompileExtra(imp.Rules); err != nil {
		errs = append(errs, err)
	} else {
		imp.Compiled = x
	}
	if key != "" && len(errs) == 0 {
		writeCached(cacheDir, key, dir, imp) // best effort: see writeCached
	}
	return imp, errors.Join(errs...)
}

// job is one rule file of a style; result is what reading and converting
// it gave.
type job struct{ style, file string }

type result struct {
	data  []byte
	rules []*lint.Rule
	skips []Skip
	err   error
}

// eachJob runs do(0) … do(n-1) on every core.
func eachJob(n int, do func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				do(i)
			}
		})
	}
	wg.Wait()
}

type style struct {
	name  string
	files []string
}

// findStyles treats dir as one style when it holds rule files, else each
// folder in it holding rule files as a style. Vale's own folders for
// vocabularies and configuration hold no rules and are passed over.
func findStyles(dir string) ([]style, error) {
	files, err := ruleFiles(dir)
	if err != nil {
		return nil, err
	}
	if len(files) > 0 {
		abs, _ := filepath.Abs(dir)
		return []style{{filepath.Base(abs), files}}, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, unwrapPath(err))
	}
	var out []style
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") || e.Name() == "config" || e.Name() == "Vocab" {
			continue
		}
		files, err := ruleFiles(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		if len(files) > 0 {
			out = append(out, style{e.Name(), files})
		}
	}
	return out, nil
}

func ruleFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, unwrapPath(err))
	}
	var out []string
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if !e.IsDir() && (ext == ".yml" || ext == ".yaml") {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	slices.Sort(out)
	return out, nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Kinds Vale has that replykit does not convert, with the reason given.
var unsupportedKinds = map[string]string{
	"capitalization": "capitalization rules are not supported (replykit matches words case-insensitively by default)",
	"conditional":    "conditional rules are not supported",
	"consistency":    "consistency rules are not supported",
	"repetition":     "repetition rules are not supported",
	"spelling":       "spelling rules are not supported (replykit has no dictionaries)",
	"metric":         "metric rules are not supported (replykit's own metric rules measure other things)",
	"readability":    "readability rules are not supported",
	"script":         "script rules are not supported (replykit runs no scripts)",
	"sequence":       "sequence rules are not supported (they need part-of-speech tagging)",
}

// Keys each converted kind honours besides the common ones.
var kindKeys = map[string][]string{
	"existence":    {"tokens", "raw", "append", "ignorecase", "nonword", "exceptions"},
	"substitution": {"swap", "ignorecase", "nonword", "exceptions"},
	"occurrence":   {"token", "max", "ignorecase"},
}

var commonKeys = []string{"extends", "message", "level", "scope", "link", "description", "limit"}

// valeKeys are the keys Vale 3 takes in a rule of each converted kind
// (common ones first): any other makes Vale refuse the whole style. Some
// are not converted (see ignoredKeys, and the skip for the rest).
var valeKeys = map[string][]string{
	"":             {"extends", "message", "level", "scope", "link", "description", "limit", "name", "action", "selector", "matchcase", "tests"},
	"existence":    {"tokens", "raw", "append", "ignorecase", "nonword", "exceptions", "vocab"},
	"substitution": {"swap", "ignorecase", "nonword", "exceptions", "vocab", "pos", "capitalize"},
	"occurrence":   {"token", "max", "min", "ignorecase"},
}

// unknownKey says that Vale has no key key in rules of kind, with the
// nearest one it has when key looks like a misspelling of it.
func unknownKey(key, kind string) string {
	best := yamlx.Nearest(key, append(slices.Clone(valeKeys[""]), valeKeys[kind]...), 3)
	msg := fmt.Sprintf("Vale has no key %q for %s rules, and refuses a style that uses it", key, kind)
	if best != "" {
		return msg + fmt.Sprintf(" (did you mean %s?)", best)
	}
	return msg + fmt.Sprintf(" (its keys: %s)", strings.Join(valeKeys[kind], ", "))
}

// Keys that change only Vale's suggestions or vocabulary, not what is
// found: the rule is converted and the key reported as ignored.
var ignoredKeys = map[string]string{
	"action":     "replykit's replace rules offer their own fix",
	"vocab":      "replykit has no Vale vocabularies",
	"capitalize": "replykit capitalises a replacement at the start of a sentence",
	"matchcase":  "replykit capitalises a replacement at the start of a sentence",
	"tests":      "Vale's own test cases are not converted",
	"name":       "the rule is named after its file, as Vale names it",
}

// Convert turns one Vale rule file into replykit rules. It returns no rules
// when the rule is skipped (the skips say why), and an error for input
// that Vale itself would reject: malformed YAML, a bad regular expression,
// an unknown kind or level.
//
// A Vale rule is one replykit rule, with the id ID gives it, except where
// its tokens are phrases and expressions both: the phrases stay in that
// rule, where the one matching pass finds them, and the expressions become
// a pattern rule of their own, id.patterns (one per replacement of a
// substitution: id.patterns, id.patterns-2, …). --disable id turns off all
// of them.
func Convert(styleName, ruleName, file string, data []byte) ([]*lint.Rule, []Skip, error) {
	rs, skips, err := convertRule(styleName, ruleName, file, data)
	if err != nil || rs == nil {
		return rs, skips, err
	}
	// What the engine would reject (an expression too large, \b beside a
	// non-ASCII letter) is an error here too, at the rule's file.
	if err := lint.Validate(nil, rs); err != nil {
		return nil, skips, err
	}
	return rs, skips, nil
}

// convertRule is Convert without the engine's check, which Load makes once for
// all the rules it converted.
func convertRule(styleName, ruleName, file string, data []byte) ([]*lint.Rule, []Skip, error) {
	doc, err := yamlx.Parse(file, 0, data)
	if err != nil {
		return nil, nil, err
	}
	valeName := styleName + "." + ruleName
	if doc == nil {
		return nil, nil, fmt.Errorf("%s:1:1: the file is empty; a Vale rule needs at least extends: and message:", file)
	}
	c := &converter{Reader: yamlx.Reader{File: file}, name: valeName}
	vals, keys := map[string]*yaml.Node{}, map[string]*yaml.Node{}
	var order []string
	c.Each(doc, func(key string, k, v *yaml.Node) {
		vals[key], keys[key] = v, k
		order = append(order, key)
	})
	if err := c.Err(); err != nil {
		return nil, nil, err
	}
	ext := vals["extends"]
	if ext == nil {
		return nil, nil, fmt.Errorf("%s: a Vale rule needs extends: (existence, substitution, occurrence, …)", c.Pos(doc))
	}
	kind := c.Text(ext)
	if err := c.Err(); err != nil {
		return nil, nil, err
	}
	if reason, ok := unsupportedKinds[kind]; ok {
		return nil, []Skip{c.skip(ext, "", reason)}, nil
	}
	if strings.Contains(kind, ".") {
		return nil, []Skip{c.skip(ext, "", fmt.Sprintf("it extends another rule (%s); convert the rule it extends", kind))}, nil
	}
	if _, ok := kindKeys[kind]; !ok {
		return nil, nil, fmt.Errorf("%s: unknown extends %q (Vale's kinds are existence, substitution, occurrence, capitalization, conditional, consistency, repetition, spelling, metric, readability, script, sequence)", c.Pos(ext), kind)
	}
	for _, key := range order {
		switch {
		case slices.Contains(commonKeys, key), slices.Contains(kindKeys[kind], key):
		case !slices.Contains(valeKeys[""], key) && !slices.Contains(valeKeys[kind], key):
			c.Errorf(keys[key], "%s", unknownKey(key, kind))
		case ignoredKeys[key] != "":
			c.skips = append(c.skips, c.skip(keys[key], key, ignoredKeys[key]))
		default:
			c.skips = append(c.skips, c.skip(keys[key], "", fmt.Sprintf("key %s is not supported for %s rules, and without it the rule would find other things", key, kind)))
		}
	}

	id := ID(styleName, ruleName)
	if !rules.ValidID(id) {
		return nil, c.skips, fmt.Errorf("%s: the rule's name %q makes no replykit id: use letters or digits in the style's and the rule's names", file, valeName)
	}
	r := &lint.Rule{ID: id, Severity: lint.Warning, Origin: c.Pos(doc), Echoes: id,
		Why:    fmt.Sprintf("Converted from the Vale rule %s (extends: %s).", valeName, kind),
		Source: fmt.Sprintf("Vale style %s, %s", styleName, filepath.Base(file))}
	if v := vals["level"]; v != nil {
		switch lvl := c.Text(v); lvl {
		case "error":
			r.Severity = lint.Error
		case "warning":
			r.Severity = lint.Warning
		case "suggestion":
			r.Severity = lint.Info
		default:
			c.Errorf(v, "unknown level %q (want error, warning or suggestion)", lvl)
		}
	}
	if v := vals["description"]; v != nil {
		if s := strings.TrimSpace(c.optText(v)); s != "" {
			r.Why = s
		}
	}
	if v := vals["link"]; v != nil {
		if s := strings.TrimSpace(c.optText(v)); s != "" {
			r.Source = s
		}
	}
	if v := vals["limit"]; v != nil {
		// Vale reports the first limit alerts of the rule in a file; 0 or
		// less is no limit.
		var n int
		if v.Kind != yaml.ScalarNode || v.Decode(&n) != nil {
			c.Errorf(v, "limit: expected a whole number, found %s", yamlx.KindName(v))
		}
		r.Limit = max(n, 0)
	}
	message := ""
	if v := vals["message"]; v != nil {
		// Vale shows a message on one line: a block scalar's line breaks
		// are spaces (as its core.WhitespaceToSpace makes them).
		message = lint.OneLine(strings.TrimSpace(c.optText(v)))
	}
	var scope string
	if v := vals["scope"]; v != nil && !empty(v) { // scope: with no value is the default, as in Vale
		scope = c.scope(v, kind)
	}
	c.raw = scope == "raw"
	c.whole = c.raw || scope == "paragraph"
	ignorecase := false
	if v := vals["ignorecase"]; v != nil {
		ignorecase = c.Bool(v)
	}
	nonword := false
	if v := vals["nonword"]; v != nil {
		nonword = c.Bool(v)
	}
	var exceptions []string
	if v := vals["exceptions"]; v != nil {
		exceptions = c.exceptions(v)
	}

	var raw string // an existence rule's raw:, all of its parts
	switch kind {
	case "existence":
		r.Category = CategoryWording
		if message == "" {
			message = "Avoid “%s”."
		}
		r.Message = valeVerbs(message, "%s")
		if v := vals["raw"]; v != nil {
			raw = strings.Join(c.exprs(v), "")
		}
		appendRaw := false
		if v := vals["append"]; v != nil {
			appendRaw = c.Bool(v)
		}
		switch v := vals["tokens"]; {
		case (v == nil || empty(v)) && raw == "":
			c.skipRule(or(keys["tokens"], ext), "it has no tokens: and no raw:, so it finds nothing (Vale reports empty text at every character)")
		case raw != "":
			r.Check = c.existenceRaw(doc, v, raw, appendRaw, ignorecase, nonword, exceptions)
		default:
			r.Check = c.existence(v, ignorecase, nonword, exceptions)
		}
	case "substitution":
		r.Category = CategoryWording
		if message == "" {
			message = "Use '%s' instead of '%s'."
		}
		if v := vals["swap"]; v != nil && !empty(v) {
			r.Check, r.Message = c.substitution(v, valeVerbs(message, "%[2]s", "%s"), ignorecase, nonword, exceptions)
		} else {
			c.skipRule(or(keys["swap"], ext), "its swap: lists no patterns, so it finds nothing (as in Vale)")
		}
	case "occurrence":
		r.Category = CategoryLimit
		if message == "" {
			message = "More than the limit: %d."
		}
		r.Message = valeVerbs(message, "%d")
		r.Check = c.occurrence(doc, vals, scope, ignorecase)
	}
	if err := c.Err(); err != nil {
		return nil, c.skips, err
	}
	if c.skipped || r.Check == nil {
		return nil, c.skips, nil
	}
	// Vale checks a rule of scope sentence in each sentence apart: a match
	// of its expressions stays in one. One of scope raw reads the file as
	// written (its tokens are all expressions: see c.raw).
	inSentence := func(check lint.Check) {
		p, ok := check.(*lint.Pattern)
		if ok && scope == "sentence" && kind != "occurrence" {
			p.Scope = lint.ScopeSentence
		} else if ok && scope == "paragraph" {
			p.Scope = lint.ScopeParagraph // its matches and counts leave out headings, list items and tables
		} else if ok && c.raw {
			// Vale's expressions are multiline: in the raw text, ^ and $
			// are a line's start and end (past raw:, which has its flag
			// where Vale puts it: see existenceRaw).
			p.Scope = lint.ScopeRaw
			if raw == "" {
				p.Expr = "(?m)" + p.Expr
			}
			return
		}
		if ok && raw == "" {
			// And in prose: ^And is "And" at the start of any line of a
			// paragraph, not of the paragraph alone.
			if re, err := syntax.Parse(p.Expr, syntax.Perl); err == nil && lineAnchored(re) {
				p.Expr = "(?m)" + p.Expr
			}
		}
	}
	except := c.exceptionPattern()
	c.caseExceptions(r.Check)
	setExceptionPattern(r.Check, except)
	inSentence(r.Check)
	out := []*lint.Rule{r}
	for i, x := range c.extra {
		c.caseExceptions(x.check)
		setExceptionPattern(x.check, except)
		inSentence(x.check)
		sub := *r
		sub.ID, sub.Check = r.ID+".patterns", x.check
		if i > 0 {
			sub.ID += fmt.Sprintf("-%d", i+1)
		}
		if x.message != "" {
			sub.Message = x.message
		}
		out = append(out, &sub)
	}
	return out, c.skips, nil
}

type converter struct {
	yamlx.Reader
	name       string
	skips      []Skip
	skipped    bool    // the whole rule is skipped
	extra      []extra // the rule's expressions, beside its phrases (see Convert)
	exceptFold bool    // an exception is written with (?i): exceptions ignore case
	// exceptExprs are the exceptions that are expressions, not words.
	exceptExprs []string
	raw         bool // scope raw: every token an expression run on the text as written
	// whole: every token is part of one expression, none a phrase of the
	// pass, which reads all prose: scope raw, and scope paragraph, which
	// leaves out headings, list items and tables.
	whole bool
}

// extra is a pattern rule split from a Vale rule whose other tokens are phrases.
type extra struct {
	check   lint.Check
	message string // "" for the rule's own
}

// skip records a skip; with key "" the whole rule is left out.
func (c *converter) skip(n *yaml.Node, key, reason string) Skip {
	if key == "" {
		c.skipped = true
	}
	return Skip{Pos: c.Pos(n), Rule: c.name, Key: key, Reason: reason}
}

// empty reports whether n has no value, or is an empty list or map.
func empty(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null" || (n.Kind == yaml.SequenceNode || n.Kind == yaml.MappingNode) && len(n.Content) == 0
}

// or returns n, or else when n is nil.
func or(n, otherwise *yaml.Node) *yaml.Node {
	if n != nil {
		return n
	}
	return otherwise
}

// caseExceptions makes a check's exceptions match case when one of them has
// a capital: Vale matches exceptions as written, so "US" leaves "us" to the
// rule (replykit's own exceptions ignore case). An exception of Vale's
// that ignores case itself, (?i)us or [Uu]s, keeps them all case-insensitive.
// And they cancel a match only where one stands inside the other, as
// Vale's do ("any inconvenience" leaves "sorry for any" to the rule).
func (c *converter) caseExceptions(check lint.Check) {
	upper := func(list []string) bool {
		return !c.exceptFold && slices.ContainsFunc(list, func(s string) bool { return strings.ToLower(s) != s })
	}
	set := func(on, within *bool, list *[]string) {
		if *on = upper(*list); !*on {
			*list = foldCase(*list) // one spelling of each is enough
		}
		*within = len(*list) > 0
	}
	switch ch := check.(type) {
	case *lint.Phrase:
		set(&ch.ExceptionsMatchCase, &ch.ExceptionsWithin, &ch.Exceptions)
	case *lint.Replace:
		set(&ch.ExceptionsMatchCase, &ch.ExceptionsWithin, &ch.Exceptions)
	case *lint.Pattern:
		set(&ch.ExceptionsMatchCase, &ch.ExceptionsWithin, &ch.Exceptions)
	}
}

// exceptionPattern returns the exceptions that are expressions as one, as
// Vale reads them: whole words, matched case-sensitively unless one says
// (?i), the longest first; "" when there are none.
func (c *converter) exceptionPattern() string {
	if len(c.exceptExprs) == 0 {
		return ""
	}
	terms := slices.Clone(c.exceptExprs)
	slices.SortStableFunc(terms, func(a, b string) int { return len(b) - len(a) })
	for i, t := range terms {
		if !strings.HasPrefix(t, "(?i)") {
			terms[i] = "(?-i)" + t
		}
	}
	return `(?m)\b(?:` + strings.Join(terms, "|") + `)\b`
}

// setExceptionPattern gives a check the exceptions that are expressions;
// a pattern's apostrophes are as written, as its phrases' are.
func setExceptionPattern(check lint.Check, expr string) {
	switch ch := check.(type) {
	case *lint.Phrase:
		ch.ExceptionPattern = expr
	case *lint.Replace:
		ch.ExceptionPattern = expr
	case *lint.Pattern:
		ch.ExceptionPattern, ch.ApostrophesAsWritten = expr, true
	}
}

// exprs reads a list of Vale's regular expressions, written for RE2 (see
// re2Escapes). An empty entry ("" or a bare -), which Vale takes, is ""
// in its place of the list.
func (c *converter) exprs(n *yaml.Node) []string {
	if n.Kind != yaml.SequenceNode {
		list := c.Texts(n)
		for i, s := range list {
			list[i] = re2Escapes(s)
		}
		return list
	}
	list := make([]string, len(n.Content))
	for i, e := range n.Content {
		if e.Kind == yaml.ScalarNode && (e.Tag == "!!null" || e.Value == "") {
			continue
		}
		list[i] = re2Escapes(c.Text(e))
	}
	return list
}

// re2Escapes rewrites the escapes of Vale's regular expressions that RE2
// writes another way: \u2013 is \x{2013}, and \“ or \™ (a character
// beyond ASCII escaped, which Vale reads as itself and RE2 rejects) is “
// or ™.
func re2Escapes(expr string) string {
	if !strings.Contains(expr, `\`) {
		return expr
	}
	var b strings.Builder
	for i := 0; i < len(expr); i++ {
		if expr[i] != '\\' || i+1 == len(expr) {
			b.WriteByte(expr[i])
			continue
		}
		if expr[i+1] == 'u' && i+6 <= len(expr) && isHex(expr[i+2:i+6]) {
			b.WriteString(`\x{` + expr[i+2:i+6] + `}`)
			i += 5
			continue
		}
		if expr[i+1] >= utf8.RuneSelf {
			_, size := utf8.DecodeRuneInString(expr[i+1:])
			b.WriteString(expr[i+1 : i+1+size]) // never a metacharacter
			i += size
			continue
		}
		b.WriteString(expr[i : i+2]) // any other escape, \\ included, as it is
		i++
	}
	return b.String()
}

func isHex(s string) bool {
	return strings.Trim(s, "0123456789abcdefABCDEF") == ""
}

// optText reads a text Vale lets a key leave out: a key with no value is
// "" (link:, a swap key with no replacement).
func (c *converter) optText(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return ""
	}
	return c.Text(n)
}

func (c *converter) skipRule(n *yaml.Node, format string, args ...any) {
	c.skips = append(c.skips, c.skip(n, "", fmt.Sprintf(format, args...)))
}

// scope checks a rule's scope: text, paragraph and sentence are prose to
// replykit; the others name parts of a document replykit does not tell apart.
func (c *converter) scope(n *yaml.Node, kind string) string {
	if alts := c.Texts(n); len(alts) == 1 && strings.TrimSpace(alts[0]) == "raw" {
		return "raw" // the file as written: a scope of replykit's too
	}
	out := ""
	negated := 0
	var parts []string // scopes of one part only (list, heading): the prose scopes cover them
	for _, alt := range c.Texts(n) {
		// Vale checks the rule in each scope listed; a scope joins parts
		// with & (summary & ~blockquote).
		prose, part := "", ""
		for _, s := range strings.Split(alt, "&") {
			s = strings.TrimSpace(s)
			if p, ok := strings.CutPrefix(s, "~"); ok {
				// A part left out (~heading): nothing to do when replykit never
				// checks it; else the rule checks it too, and says so.
				negated++
				if !neverChecked(p) {
					c.skips = append(c.skips, c.skip(n, "scope "+s, fmt.Sprintf("replykit cannot leave out %s, so the rule checks it too", p)))
				}
				continue
			}
			switch {
			case s == "text", s == "paragraph", s == "sentence":
				prose = s
			case s == "summary":
				prose = "text"
				c.skips = append(c.skips, c.skip(n, "scope "+s, "replykit checks headings and table cells too, as in Vale's text"))
			case proseHolds(s):
				part = s
			default:
				c.skipRule(n, "scope %s has no counterpart in replykit, which checks prose (scopes text, paragraph and sentence)", s)
				return ""
			}
		}
		switch {
		case part != "":
			parts = append(parts, part)
			continue
		case prose == "":
			continue
		}
		if out != "" && out != prose && kind == "occurrence" {
			c.skipRule(n, "an occurrence rule counts in one scope; this one names %s and %s", out, prose)
			return ""
		}
		out = prose
	}
	if out == "" && len(parts) > 0 {
		c.skipRule(n, "scope %s has no counterpart in replykit, which checks prose (scopes text, paragraph and sentence)", parts[0])
		return ""
	}
	if out == "" && negated > 0 {
		return "text" // all of the text but the parts left out
	}
	if out == "paragraph" && len(parts) > 0 {
		// Paragraphs and lists, say: prose, headings and tables too.
		c.skips = append(c.skips, c.skip(n, "scope "+parts[0], "replykit checks it with the rest of the prose, headings and tables too"))
		return "text"
	}
	return out
}

// proseHolds reports whether a Vale scope is a part of the prose that its
// scopes text, paragraph and sentence already take in: list items,
// headings and tables. Listed beside one of those, it adds nothing.
func proseHolds(scope string) bool {
	for _, p := range []string{"list", "heading", "table"} {
		if scope == p || strings.HasPrefix(scope, p+".") {
			return true
		}
	}
	return false
}

// neverChecked reports whether replykit leaves a Vale scope out of every
// check: code, block quotes, comments and front matter.
func neverChecked(scope string) bool {
	for _, p := range []string{"code", "blockquote", "comment", "text.frontmatter", "frontmatter"} {
		if scope == p || strings.HasPrefix(scope, p+".") {
			return true
		}
	}
	return false
}

// exceptions turns Vale's exceptions (regular expressions, nearly always
// literal words) into phrases; those that are not words go to
// c.exceptExpr (see exceptionPattern).
func (c *converter) exceptions(n *yaml.Node) []string {
	var out []string
	seen := map[string]bool{}
	for i, s := range c.exprs(n) {
		at := n
		if n.Kind == yaml.SequenceNode && i < len(n.Content) {
			at = n.Content[i]
		}
		if s == "" {
			// Vale's exceptions become one expression, which an empty
			// entry lets match any text: every match is excused.
			c.skipRule(at, "an empty exception excuses every match in Vale, so the rule finds nothing; remove the entry to check the rule")
			return nil
		}
		expr, fold := strings.CutPrefix(s, "(?i)")
		re, ok := c.parse(at, "exception", expr)
		if !ok {
			return nil
		}
		list := literals(re, 200)
		if list == nil || slices.ContainsFunc(list, func(p string) bool { return !lint.HasWords(p) }) {
			// Not words: an expression, with its own case (see exceptionPattern).
			c.exceptExprs = append(c.exceptExprs, s)
			continue
		}
		// (?:P|p)recise is read as a P of either case: it ignores case.
		c.exceptFold = c.exceptFold || fold || foldsCase(re)
		// Each spelling as written: Vale matches exceptions case-sensitively,
		// and so does replykit when one has a capital (see caseExceptions).
		for _, p := range list {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}

// parse checks one of the rule's regular expressions. What RE2 lacks
// (lookaround, backreferences) skips the rule; a broken one is an error.
func (c *converter) parse(n *yaml.Node, what, expr string) (*syntax.Regexp, bool) {
	re, why := c.compile(n, what, expr)
	if why != "" {
		c.skipRule(n, "%s %q %s", what, expr, why)
	}
	return re, re != nil
}

// parseToken is parse for one of a rule's tokens or swap patterns: one
// that uses what RE2 lacks is left out, the rest of the rule converted.
func (c *converter) parseToken(n *yaml.Node, what, expr string) (*syntax.Regexp, bool) {
	re, why := c.compile(n, what, expr)
	if why != "" {
		c.skips = append(c.skips, Skip{Pos: c.Pos(n), Rule: c.name, Token: fmt.Sprintf("%s %q", what, expr), Reason: "it " + why})
	}
	return re, re != nil
}

// compile parses one of the rule's regular expressions. It returns what of
// Vale's syntax RE2 lacks when that is why it failed; a broken one is an error.
func (c *converter) compile(n *yaml.Node, what, expr string) (*syntax.Regexp, string) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err == nil {
		return re.Simplify(), ""
	}
	if why := unsupported(expr, err); why != "" {
		return nil, why
	}
	var se *syntax.Error
	if errors.As(err, &se) {
		c.Errorf(n, "%s %q does not parse: %s: `%s`", what, expr, se.Code, se.Expr)
	} else {
		c.Errorf(n, "%s %q does not parse: %v", what, expr, err)
	}
	return nil, ""
}

// allDropped turns the skips of tokens left out since skips[before], all
// of the rule's, into one that skips the rule for the first of them.
func (c *converter) allDropped(before int) {
	first := c.skips[before]
	c.skips = c.skips[:before]
	c.skips = append(c.skips, Skip{Pos: first.Pos, Rule: c.name, Reason: first.Token + " " + strings.TrimPrefix(first.Reason, "it ")})
	c.skipped = true
}

// unsupported says what of Vale's expression syntax RE2 lacks made expr
// fail to parse with err, or "" when it is broken.
func unsupported(expr string, err error) string {
	var se *syntax.Error
	switch {
	case !errors.As(err, &se):
		return ""
	case lookaround(expr):
		return "uses lookaround or another construct RE2 (replykit's regular expressions) does not have"
	case se.Code == syntax.ErrInvalidEscape && backref(expr):
		return "uses a backreference, which RE2 (replykit's regular expressions) does not have"
	case se.Code == syntax.ErrInvalidEscape && len(se.Expr) == 2 && strings.ContainsRune(`cegGZ`, rune(se.Expr[1])):
		// \cX (a control character), \e, \G, \Z: Vale's engine reads them.
		return fmt.Sprintf("uses the escape %s, which RE2 (replykit's regular expressions) does not have", se.Expr)
	}
	return ""
}

func lookaround(expr string) bool {
	for _, op := range []string{"(?=", "(?!", "(?<=", "(?<!", "(?>"} {
		if strings.Contains(expr, op) {
			return true
		}
	}
	return false
}

func backref(expr string) bool {
	for i := 0; i+1 < len(expr); i++ {
		if expr[i] == '\\' {
			if '1' <= expr[i+1] && expr[i+1] <= '9' || expr[i+1] == 'k' {
				return true
			}
			i++
		}
	}
	return false
}

// existence turns tokens into a phrase rule when each is a phrase or a
// few literal spellings of one ("log(?:ged)? in"), else into a pattern; the
// tokens that are expressions among phrases go to a pattern rule of their
// own (see Convert), so the phrases stay with the one matching pass.
func (c *converter) existence(n *yaml.Node, ignorecase, nonword bool, exceptions []string) lint.Check {
	var phrases, phraseExprs, exprs []string
	seen := map[string]bool{} // phrases
	var looks lookGroups      // tokens with a lookaround, by what they ask
	dropped, before := 0, len(c.skips)
	for i, whole := range c.exprs(n) {
		if strings.TrimSpace(whole) == "" {
			continue // Vale drops empty tokens
		}
		at := n
		if n.Kind == yaml.SequenceNode && i < len(n.Content) {
			at = n.Content[i]
		}
		for _, tok := range lookBranches(whole) {
			if body, around, ok := lint.SplitLookaround(tok); ok {
				looks.add(around, "", body)
				continue
			}
			re, ok := c.parseToken(at, "token", tok)
			if !ok {
				if len(c.Errs) > 0 {
					return nil
				}
				dropped++
				continue
			}
			if list := tokenPhrases(re, ignorecase); list != nil && !c.whole && (!nonword || wordBounded(re)) {
				phraseExprs = append(phraseExprs, "(?:"+tok+")")
				for _, p := range list {
					if !seen[p] {
						seen[p] = true
						phrases = append(phrases, p)
					}
				}
				continue
			}
			exprs = append(exprs, "(?:"+tok+")"+lazyEdge(re, nonword))
		}
	}
	if ignorecase {
		phrases = foldCase(phrases)
	}
	if len(phrases) > 0 && hasDuplicates(phrases) {
		// Spellings that differ in case, each to be matched as written:
		// a pattern keeps them apart.
		exprs, phrases = append(phraseExprs, exprs...), nil
	}
	pattern := func() lint.Check { return tokenPattern(strings.Join(exprs, "|"), exceptions, ignorecase, nonword) }
	var checks []lint.Check // the rule's, in order: the first is the rule, the others its .patterns rules
	if len(phrases) > 0 {
		// Vale's \b sees a contraction as two words: "we" matches "we'll".
		checks = append(checks, &lint.Phrase{Phrases: phrases, Exceptions: exceptions, MatchCase: !ignorecase,
			SplitContractions: true, HyphensAsWritten: true, ApostrophesAsWritten: true})
	}
	if len(exprs) > 0 {
		checks = append(checks, pattern())
	}
	for _, g := range looks {
		checks = append(checks, g.pattern(exceptions, ignorecase, nonword))
	}
	switch {
	case len(checks) == 0 && dropped > 0:
		c.allDropped(before)
		return nil
	case len(checks) == 0:
		c.Errorf(n, "an existence rule needs at least one token")
		return nil
	}
	for _, x := range checks[1:] {
		c.extra = append(c.extra, extra{check: x})
	}
	return checks[0]
}

// lookGroups gathers the tokens that ask the same of the text around
// them (see lint.SplitLookaround) and, in a substitution, have the same
// replacement, into one pattern rule each, in the order they first come.
type lookGroups []*lookGroup

type lookGroup struct {
	around lint.Around
	with   string
	exprs  []string
}

func (gs *lookGroups) add(around lint.Around, with, body string) {
	expr := "(?:" + body + ")"
	for _, g := range *gs {
		if g.with != with {
			continue
		}
		if g.around == around {
			g.exprs = append(g.exprs, expr)
			return
		}
		// The same token asking one thing or another after it (or before
		// it), as Microsoft's first person `(?:^|\s)I(?=\s)` and
		// `(?:^|\s)I(?=,\s)`: one pattern asking either, run once.
		if len(g.exprs) == 1 && g.exprs[0] == expr {
			if either, ok := eitherAround(g.around, around); ok {
				g.around = either
				return
			}
		}
	}
	*gs = append(*gs, &lookGroup{around, with, []string{expr}})
}

// eitherAround returns what asks a or b of the text around a match, when
// that is one Around: the two differ only in what they want on one side,
// and want it (a text that must not follow is not one of two).
func eitherAround(a, b lint.Around) (lint.Around, bool) {
	either := func(x, y lint.Look) (lint.Look, bool) {
		if x.Forbid != "" || y.Forbid != "" || x.Want == "" || y.Want == "" {
			return lint.Look{}, false
		}
		return lint.Look{Want: x.Want + "|" + y.Want}, true
	}
	switch {
	case a.Behind == b.Behind:
		ahead, ok := either(a.Ahead, b.Ahead)
		return lint.Around{Behind: a.Behind, Ahead: ahead}, ok
	case a.Ahead == b.Ahead:
		behind, ok := either(a.Behind, b.Behind)
		return lint.Around{Behind: behind, Ahead: a.Ahead}, ok
	}
	return lint.Around{}, false
}

func (g *lookGroup) pattern(exceptions []string, ignorecase, nonword bool) *lint.Pattern {
	p := tokenPattern(strings.Join(g.exprs, "|"), exceptions, ignorecase, nonword)
	g.around.SetOn(p)
	return p
}

// lazyEdge returns \b for a token that ends in a lazy repeat (allow.*?,
// leverag\w*?): Vale's \b after the token makes the repeat run on to the
// end of a word ("allows"), where its shortest match would end inside one,
// and replykit, which takes matches only at word edges, would pass over it.
func lazyEdge(re *syntax.Regexp, nonword bool) string {
	if nonword {
		return ""
	}
	for re.Op == syntax.OpConcat || re.Op == syntax.OpCapture {
		if len(re.Sub) == 0 {
			return ""
		}
		re = re.Sub[len(re.Sub)-1]
	}
	switch re.Op {
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		if re.Flags&syntax.NonGreedy != 0 {
			return `\b`
		}
	}
	return ""
}

// tokenPattern is the pattern rule of a Vale rule's tokens joined as expr.
func tokenPattern(expr string, exceptions []string, ignorecase, nonword bool) *lint.Pattern {
	return &lint.Pattern{Expr: expr, Scope: lint.ScopeProse, Exceptions: exceptions, MatchCase: !ignorecase,
		InsideWords: insideWords(nonword, expr)}
}

// insideWords reports whether a pattern of nonword tokens needs
// lint.Pattern.InsideWords: a match may start or end inside a word, as Vale
// lets it. An expression that holds itself to word edges at both ends (\b,
// ^ or $, or a character outside words: `(?:^|\s)I\s`, `\be\.g\.`) does
// not, and keeps the faster ways to find its matches (lead phrases,
// trigger words), which know only whole words.
func insideWords(nonword bool, expr string) bool {
	if !nonword {
		return false
	}
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return true
	}
	re = re.Simplify()
	return !atEdge(re, true) || !atEdge(re, false)
}

// atEdge reports whether every match of n starts (first) or ends at a word
// edge by n's own making: with \b, ^ or $, or a character that is not a
// letter, digit or _. Where it cannot tell, false.
func atEdge(n *syntax.Regexp, first bool) bool {
	outside := func(r rune) bool { // not a word character, in ASCII: other characters count as letters
		return r < utf8.RuneSelf && r != '_' && !('0' <= r && r <= '9') && !('a' <= r|0x20 && r|0x20 <= 'z')
	}
	switch n.Op {
	case syntax.OpWordBoundary, syntax.OpBeginLine, syntax.OpBeginText, syntax.OpEndLine, syntax.OpEndText:
		return true
	case syntax.OpLiteral:
		if len(n.Rune) == 0 {
			return false
		}
		if first {
			return outside(n.Rune[0])
		}
		return outside(n.Rune[len(n.Rune)-1])
	case syntax.OpCharClass:
		for i := 0; i+1 < len(n.Rune); i += 2 {
			for r := n.Rune[i]; r <= n.Rune[i+1]; r++ {
				if !outside(r) {
					return false // a word character, or past ASCII (the loop ends there)
				}
			}
		}
		return len(n.Rune) > 0
	case syntax.OpCapture, syntax.OpPlus:
		return atEdge(n.Sub[0], first)
	case syntax.OpRepeat:
		return n.Min > 0 && atEdge(n.Sub[0], first)
	case syntax.OpConcat:
		if len(n.Sub) == 0 {
			return false
		}
		if first {
			return atEdge(n.Sub[0], true)
		}
		return atEdge(n.Sub[len(n.Sub)-1], false)
	case syntax.OpAlternate:
		for _, s := range n.Sub {
			if !atEdge(s, first) {
				return false
			}
		}
		return len(n.Sub) > 0
	}
	return false
}

// tokenPhrases returns the phrases a token is, or nil when it is an
// expression: literal words, or a few literal spellings of them. Case
// folded inside a token ((?i)) needs ignorecase, as a phrase either
// matches case or folds it all.
func tokenPhrases(re *syntax.Regexp, ignorecase bool) []string {
	if anchored(re) {
		return nil // ^And is "And" at a line's start only: an expression
	}
	list := literals(re, 200)
	if list == nil || !ignorecase && foldsCase(re) || slices.ContainsFunc(list, func(p string) bool { return !phraseLike(p) }) {
		return nil
	}
	return list
}

// lineAnchored reports whether re holds a ^ or $ that a line break inside
// a paragraph would meet differently with (?m): one not beside an
// alternative that takes the line break itself, as (?:^|\s)I and
// \w!(?:\s|$) have (the match then takes it, and is reported without it).
func lineAnchored(re *syntax.Regexp) bool {
	if re.Op == syntax.OpAlternate && slices.ContainsFunc(re.Sub, func(s *syntax.Regexp) bool {
		return s.Op == syntax.OpCharClass && classHasNewline(s.Rune)
	}) {
		return slices.ContainsFunc(re.Sub, func(s *syntax.Regexp) bool { return !isAnchor(s) && lineAnchored(s) })
	}
	return isAnchor(re) || slices.ContainsFunc(re.Sub, lineAnchored)
}

func isAnchor(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
		return true
	}
	return false
}

func classHasNewline(ranges []rune) bool {
	for i := 0; i+1 < len(ranges); i += 2 {
		if ranges[i] <= '\n' && '\n' <= ranges[i+1] {
			return true
		}
	}
	return false
}

// anchored reports whether re holds ^ or $ (or \A, \z), which a phrase
// cannot say.
func anchored(re *syntax.Regexp) bool { return isAnchor(re) || slices.ContainsFunc(re.Sub, anchored) }

// wordBounded reports whether a token stands between word boundaries of
// its own (`\bme\b`): with nonword, Vale then matches it as it would
// without, where its tokens are phrases.
func wordBounded(re *syntax.Regexp) bool {
	return re.Op == syntax.OpConcat && len(re.Sub) >= 3 &&
		re.Sub[0].Op == syntax.OpWordBoundary && re.Sub[len(re.Sub)-1].Op == syntax.OpWordBoundary
}

// existenceRaw converts a rule with raw: Vale's expression put before the
// tokens (after them with append: true), which are wrapped in word
// boundaries unless nonword is set or there are none. It is a pattern.
// When some tokens are literal words and others expressions, the words
// keep the rule and the expressions go to a pattern rule of their own (see
// Convert): raw with the words alone may then be phrases of the one
// matching pass ("\b(is|was)\b\s*" with "beaten", "become"), where one
// expression of them all would run wherever raw's first words stand.
func (c *converter) existenceRaw(doc, tokens *yaml.Node, raw string, appendRaw, ignorecase, nonword bool, exceptions []string) lint.Check {
	var list, words, exprs []string
	if tokens != nil {
		for _, tok := range c.exprs(tokens) {
			if strings.TrimSpace(tok) == "" {
				continue
			}
			list = append(list, tok)
			if re, err := syntax.Parse(tok, syntax.Perl); err == nil && !nonword && !c.whole && tokenPhrases(re.Simplify(), ignorecase) != nil {
				words = append(words, tok)
			} else {
				exprs = append(exprs, tok)
			}
		}
	}
	// Vale puts word boundaries around the tokens only: raw is as written,
	// and a match may start (or, with append, end) inside a word where raw
	// lets it ("will\s\w+" in "goodwill gesture"), as with nonword.
	edgeless := nonword || raw != ""
	pattern := func(toks []string) lint.Check {
		core := "(?:" + strings.Join(toks, "|") + ")"
		if len(toks) == 0 {
			core = ""
		} else if !nonword {
			core = `\b` + core + `\b`
		}
		// Vale's template, which holds the tokens, opens with (?m): raw
		// before it is not multiline (^ is the start of the paragraph,
		// sentence or file), raw after it (append) is. The flag is written
		// only where a ^ or $ would read it.
		multi := core
		if appendRaw {
			multi += raw
		}
		if re, err := syntax.Parse(multi, syntax.Perl); err == nil && lineAnchored(re) {
			core = "(?m)" + core
		}
		expr := raw + core
		if appendRaw {
			expr = core + raw
		}
		if lookaround(expr) {
			// One that opens with a lookbehind or ends in a lookahead of its
			// own, as a token may: "(?<![\w-])(me|my)(?![\w-])".
			if body, around, ok := lint.SplitLookaround(expr); ok {
				p := tokenPattern(body, exceptions, ignorecase, edgeless)
				around.SetOn(p)
				return p
			}
		}
		if _, ok := c.parse(doc, "expression (raw: and tokens:)", expr); !ok {
			return nil
		}
		return tokenPattern(expr, exceptions, ignorecase, edgeless)
	}
	if len(words) == 0 || len(exprs) == 0 {
		return pattern(list)
	}
	rest := pattern(exprs)
	if rest == nil {
		return nil
	}
	c.extra = append(c.extra, extra{check: rest})
	return pattern(words)
}

// lastOfEach returns mapping m without the keys it gives again further
// on, calling dropped with each and the last: Vale reads swap: into a map,
// where the last of a key's values stands. m itself when no key is given
// twice.
func lastOfEach(m *yaml.Node, dropped func(k, later *yaml.Node)) *yaml.Node {
	last := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		last[m.Content[i].Value] = i
	}
	if len(last)*2 == len(m.Content) {
		return m
	}
	out := *m
	out.Content = nil
	for i := 0; i+1 < len(m.Content); i += 2 {
		if j := last[m.Content[i].Value]; j != i {
			dropped(m.Content[i], m.Content[j])
			continue
		}
		out.Content = append(out.Content, m.Content[i], m.Content[i+1])
	}
	return &out
}

// twiceInMap returns the first key of mapping m that it gives again, and
// where it does; nil when none is, or m is not a mapping.
func twiceInMap(m *yaml.Node) (first, again *yaml.Node) {
	if m.Kind != yaml.MappingNode {
		return nil, nil
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if f := seen[k.Value]; f != nil {
			return f, k
		}
		seen[k.Value] = k
	}
	return nil, nil
}

func hasDuplicates(list []string) bool {
	seen := map[string]bool{}
	for _, s := range list {
		k := strings.ToLower(s)
		if seen[k] {
			return true
		}
		seen[k] = true
	}
	return false
}

// substitution turns swap: into a replace rule (a fix for each phrase) when
// every key lists as phrases; a single unlimited key becomes a pattern rule
// with its replacement written into the message.
func (c *converter) substitution(n *yaml.Node, message string, ignorecase, nonword bool, exceptions []string) (lint.Check, string) {
	// notMaps reports a swap that is neither a map nor a list of maps.
	notMaps := func(at *yaml.Node) (lint.Check, string) {
		c.Errorf(at, "swap: must map each pattern to its replacement (pattern: replacement), in a map or a list of maps")
		return nil, message
	}
	// A key given twice in one map is a YAML error to Vale, which then
	// drops the whole rule without a word; given again in another map of
	// a list, it replaces the first (see lastOfEach).
	maps := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		maps = n.Content
	}
	for _, m := range maps {
		if k, again := twiceInMap(m); again != nil {
			c.skipRule(again, "swap pattern %q is given twice in one map (lines %d and %d), so Vale drops the whole rule, saying nothing; give it once", k.Value, k.Line, again.Line)
			return nil, message
		}
	}
	pairs := n
	if n.Kind == yaml.SequenceNode {
		// Vale also takes a list of maps, each of one pair or more
		// (- auto-discovery: Autodiscovery), read in order as one map.
		pairs = &yaml.Node{Kind: yaml.MappingNode, Line: n.Line, Column: n.Column}
		for _, m := range n.Content {
			if m.Kind != yaml.MappingNode {
				return notMaps(m)
			}
			pairs.Content = append(pairs.Content, m.Content...)
		}
	} else if n.Kind != yaml.MappingNode {
		return notMaps(n)
	}
	pairs = lastOfEach(pairs, func(k, later *yaml.Node) {
		c.skips = append(c.skips, Skip{Pos: c.Pos(k), Rule: c.name, Token: fmt.Sprintf("swap pattern %q", k.Value),
			Reason: fmt.Sprintf("it is given again on line %d, and that one is used, as Vale uses the last", later.Line)})
	})
	type swap struct {
		key, with string
		re        *syntax.Regexp
		at        *yaml.Node
	}
	var swaps []swap
	var looks lookGroups // keys with a lookaround, by replacement and what they ask
	dropped, before := 0, len(c.skips)
	c.Each(pairs, func(key string, k, v *yaml.Node) {
		if key == "" {
			c.skips = append(c.skips, Skip{Pos: c.Pos(k), Rule: c.name, Token: `swap pattern ""`,
				Reason: "an empty pattern finds empty text at every word's edge in Vale, and nothing in replykit"})
			dropped++
			return
		}
		key = re2Escapes(key)
		with := c.optText(v) // a key with no replacement: Vale's message says ''
		if strings.Contains(with, "$") && backrefRepl(with) {
			c.skips = append(c.skips, Skip{Pos: c.Pos(v), Rule: c.name, Token: fmt.Sprintf("swap pattern %q", key),
				Reason: fmt.Sprintf("its replacement %q uses the matched text's groups ($1), which replykit's fixes do not have", with)})
			dropped++
			return
		}
		// Vale offers each of "a|b" as a suggestion; replykit's fix is the first.
		if opts := strings.Split(with, "|"); len(opts) > 1 {
			with = strings.TrimSpace(opts[0])
		}
		for _, key := range lookBranches(key) {
			if body, around, ok := lint.SplitLookaround(key); ok {
				looks.add(around, with, body)
				continue
			}
			re, ok := c.parseToken(k, "swap pattern", key)
			if !ok {
				dropped++
				continue
			}
			swaps = append(swaps, swap{key, with, re, k})
		}
	})
	if c.skipped || len(c.Errs) > 0 {
		return nil, message
	}
	if len(swaps) == 0 && len(looks) == 0 && dropped > 0 {
		c.allDropped(before)
		return nil, message
	}
	if len(swaps) == 0 && len(looks) == 0 {
		c.skipRule(n, "its swap: lists no patterns, so it finds nothing (as in Vale)")
		return nil, message
	}
	// Keys that are phrases make a replace rule; the others, a pattern
	// rule for each replacement, with it written into the message.
	// A hyphen is as written in Vale's expressions, and \b sees a
	// contraction as two words.
	rp := &lint.Replace{Exceptions: exceptions, MatchCase: !ignorecase, HyphensAsWritten: true, ApostrophesAsWritten: true, SplitContractions: true}
	seen := map[string]bool{}
	var groups []string // replacements of the expressions, in order
	exprs := map[string][]string{}
	for _, s := range swaps {
		list := tokenPhrases(s.re, ignorecase)
		if list == nil || nonword || c.whole {
			if exprs[s.with] == nil {
				groups = append(groups, s.with)
			}
			exprs[s.with] = append(exprs[s.with], "(?:"+s.key+")"+lazyEdge(s.re, nonword))
			continue
		}
		for _, p := range list {
			k := p
			if ignorecase {
				k = strings.ToLower(p)
			}
			if !seen[k] {
				seen[k] = true
				rp.Pairs = append(rp.Pairs, lint.Replacement{Phrase: p, With: s.with})
			}
		}
	}
	// Each keeps its replacement: a match that already reads so is not
	// reported (as Vale leaves one that equals its replacement), and the
	// others get a fix.
	for _, with := range groups {
		p := tokenPattern(strings.Join(exprs[with], "|"), exceptions, ignorecase, nonword)
		p.Replacement = &with
		c.extra = append(c.extra, extra{check: p, message: message})
	}
	for _, g := range looks {
		p := g.pattern(exceptions, ignorecase, nonword)
		p.Replacement = &g.with
		c.extra = append(c.extra, extra{check: p, message: message})
	}
	if len(rp.Pairs) == 0 {
		// Every key is an expression: the first group is the rule.
		first := c.extra[0]
		c.extra = c.extra[1:]
		return first.check, first.message
	}
	return rp, message
}

func backrefRepl(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '$' && ('0' <= s[i+1] && s[i+1] <= '9' || s[i+1] == '{') {
			return true
		}
	}
	return false
}

func (c *converter) occurrence(doc *yaml.Node, vals map[string]*yaml.Node, scope string, ignorecase bool) lint.Check {
	tv := vals["token"]
	if tv == nil {
		c.Errorf(doc, "an occurrence rule needs token:")
		return nil
	}
	tok := re2Escapes(c.Text(tv))
	if _, ok := c.parse(tv, "token", tok); !ok {
		return nil
	}
	max := 0
	if v := vals["max"]; v != nil {
		max = c.Int(v, 0)
	}
	if max == 0 {
		if !c.skipped {
			c.skipRule(doc, "it has no max: (replykit converts the limit max:, not min:)")
		}
		return nil
	}
	per := lint.PerParagraph // Vale counts text scope per block: a paragraph, a heading, a list item
	switch scope {
	case "sentence":
		per = lint.PerSentence
	case "raw":
		per = lint.PerDocument // the file is one block
	}
	return &lint.Pattern{Expr: tok, Scope: lint.ScopeProse, MatchCase: !ignorecase, Max: max, Per: per}
}

// valeVerbs rewrites the verbs of a Vale message as replykit's. Vale fills
// a message with fmt: the nth verb in turn (%s, %d, %v), or %[n]s, takes its
// nth value, and a value it was not given reads as nothing. args[n-1] is
// replykit's verb for Vale's nth value: a substitution gives Vale's
// replacement and then the match, which replykit's message reads as %[2]s
// and %s; an occurrence gives the count (%d). "%%" is a percent sign.
// Anything else (flags, widths) stays as written.
func valeVerbs(m string, args ...string) string {
	if !strings.Contains(m, "%") {
		return m
	}
	var b strings.Builder
	next := 1
	for i := 0; i < len(m); i++ {
		if m[i] != '%' || i+1 == len(m) {
			b.WriteByte(m[i])
			continue
		}
		if m[i+1] == '%' {
			b.WriteByte('%')
			i++
			continue
		}
		j, n := i+1, next
		if m[j] == '[' {
			k := strings.IndexByte(m[j:], ']')
			v, err := strconv.Atoi(m[j+1 : j+max(k, 1)])
			if k < 0 || err != nil || v < 1 {
				b.WriteByte('%')
				continue
			}
			j, n = j+k+1, v
		}
		if j == len(m) || !strings.ContainsRune("sdv", rune(m[j])) {
			b.WriteByte('%')
			continue
		}
		if n <= len(args) {
			b.WriteString(args[n-1])
		}
		next, i = n+1, j
	}
	return b.String()
}

// phraseLike reports whether a literal can be a replykit phrase with the
// meaning Vale gives it: words (letters, digits, apostrophes, hyphens inside)
// separated by spaces, a word at each end.
func phraseLike(s string) bool {
	if s == "" || strings.TrimSpace(s) != s || strings.Contains(s, "  ") {
		return false
	}
	rs := []rune(s)
	edge := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	if !edge(rs[0]) || !edge(rs[len(rs)-1]) {
		return false
	}
	for _, r := range rs {
		if !edge(r) && !unicode.Is(unicode.M, r) && r != ' ' && r != '\'' && r != '’' && r != '-' {
			return false
		}
	}
	return true
}

// literals lists the strings re can match when they are at most limit, else nil.
func literals(re *syntax.Regexp, limit int) []string {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{string(re.Rune)}
	case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpBeginText, syntax.OpEndText, syntax.OpBeginLine, syntax.OpEndLine:
		return []string{""}
	case syntax.OpCapture:
		return literals(re.Sub[0], limit)
	case syntax.OpQuest:
		sub := literals(re.Sub[0], limit-1)
		if sub == nil {
			return nil
		}
		return append([]string{""}, sub...)
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(out) >= limit || len(out) >= 16 {
					return nil
				}
				out = append(out, string(r))
			}
		}
		return out
	case syntax.OpAlternate:
		var out []string
		for _, s := range re.Sub {
			sub := literals(s, limit-len(out))
			if sub == nil {
				return nil
			}
			out = append(out, sub...)
		}
		return out
	case syntax.OpConcat:
		out := []string{""}
		for _, s := range re.Sub {
			sub := literals(s, limit)
			if sub == nil || len(out)*len(sub) > limit {
				return nil
			}
			next := make([]string, 0, len(out)*len(sub))
			for _, a := range out {
				for _, b := range sub {
					next = append(next, a+b)
				}
			}
			out = next
		}
		return out
	}
	return nil
}

// foldsCase reports whether some part of re matches letters in either case.
func foldsCase(re *syntax.Regexp) bool {
	if re.Flags&syntax.FoldCase != 0 && (re.Op == syntax.OpLiteral || re.Op == syntax.OpCharClass) {
		return true
	}
	return slices.ContainsFunc(re.Sub, foldsCase)
}

// foldCase merges the spellings that differ only in case ([Uu]tilize):
// they are one phrase to the word matcher, which folds case. The first
// spelling of each stays, in order.
func foldCase(list []string) []string {
	if list == nil {
		return nil
	}
	var out []string
	seen := make(map[string]bool, len(list))
	for _, s := range list {
		if k := foldKey(s); !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	return out
}

// foldKey returns s with each rune the least of those it matches in any
// case (its unicode.SimpleFold orbit: k, K and the Kelvin sign are K): two
// strings have one key exactly when strings.EqualFold finds them equal.
func foldKey(s string) string {
	ascii := true
	for i := 0; i < len(s) && ascii; i++ {
		ascii = s[i] < utf8.RuneSelf
	}
	if ascii {
		return strings.ToUpper(s) // the least of an ASCII letter's orbit is its capital
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		b.WriteRune(least)
	}
	return b.String()
}

// lookBranches returns the alternatives of a token or swap key that RE2
// cannot read whole, where a lookaround stands in some of them
// ("(?<!Red Hat )JBoss|EAP"): each is then converted, or left out and
// listed, on its own. Any other expression is returned as it is.
func lookBranches(expr string) []string {
	const most = 64
	if simpler := lint.DropOptionalLooks(expr); simpler != expr {
		if _, err := syntax.Parse(simpler, syntax.Perl); err == nil {
			return []string{simpler} // "Jan(?!uary)?": the lookaround asks nothing
		}
	}
	if convertible(expr) {
		return []string{expr}
	}
	parts := lint.SplitBranches(expr)
	if parts == nil {
		return []string{expr}
	}
	var out []string
	for _, p := range parts {
		if out = append(out, lookBranches(p)...); len(out) > most {
			return []string{expr}
		}
	}
	if len(out) == 1 && !convertible(out[0]) {
		return []string{expr} // as the user wrote it, to list as left out
	}
	return out
}

// convertible reports whether RE2 reads expr, or lint.SplitLookaround splits it.
func convertible(expr string) bool {
	if _, err := syntax.Parse(expr, syntax.Perl); err == nil {
		return true
	}
	_, _, ok := lint.SplitLookaround(expr)
	return ok
}
