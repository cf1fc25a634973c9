package engine

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/replykit/replykit/lint"
	"github.com/replykit/replykit/rules"
	"github.com/replykit/replykit/templates"
)

func ids(ds []lint.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.RuleID)
	}
	return out
}

func lintText(t *testing.T, cfg Config, text string) []lint.Diagnostic {
	t.Helper()
	e, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.Lint("draft.md", []byte(text), lint.Context{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Diagnostics
}

func TestSettings(t *testing.T) {
	const draft = "Calm down. You should have read the guide. Let me know if anything else comes up."
	all := ids(lintText(t, Config{}, draft))
	if !slices.Contains(all, "condescension.calm-down") || !slices.Contains(all, "blame.you-should-have") {
		t.Fatalf("found %v", all)
	}
	off := lintText(t, Config{Settings: map[string]Setting{"condescension.calm-down": {Disabled: true}}}, draft)
	if slices.Contains(ids(off), "condescension.calm-down") {
		t.Errorf("a disabled rule still reports: %v", ids(off))
	}
	sev := lintText(t, Config{Settings: map[string]Setting{"condescension.calm-down": {Severity: lint.Error}}}, draft)
	for _, d := range sev {
		if d.RuleID == "condescension.calm-down" && d.Severity != lint.Error {
			t.Errorf("severity %v, want error", d.Severity)
		}
	}
	only := ids(lintText(t, Config{Disable: []string{"all"}, Enable: []string{"blame"}}, draft))
	if len(only) == 0 || slices.ContainsFunc(only, func(id string) bool { return !strings.HasPrefix(id, "blame.") }) {
		t.Errorf("--disable all --enable blame left %v", only)
	}
	// The most specific selector wins; --enable wins a tie.
	for _, tc := range []struct {
		enable, disable, want []string
	}{
		{[]string{"blame"}, []string{"all", "blame.you-should-have"}, nil},
		{[]string{"blame"}, []string{"all", "blame.you-forgot"}, []string{"blame.you-should-have"}},
		{[]string{"blame.you-should-have"}, []string{"blame"}, []string{"blame.you-should-have", "condescension.calm-down"}},
		{[]string{"all"}, []string{"condescension.calm-down"}, []string{"blame.you-should-have"}},
		{[]string{"condescension"}, []string{"condescension.calm-down"}, []string{"blame.you-should-have"}},
		{[]string{"condescension.calm-down"}, []string{"all", "condescension.calm-down"}, []string{"condescension.calm-down"}},
	} {
		got := ids(lintText(t, Config{Enable: tc.enable, Disable: tc.disable}, draft))
		slices.Sort(got)
		got = slices.Compact(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("--enable %v --disable %v: found %v, want %v", tc.enable, tc.disable, got, tc.want)
		}
	}
	if _, err := New(Config{Settings: map[string]Setting{"negative.unfortunately": {Max: new(int), Origin: "c.yaml:3:3"}}}); err != nil {
		t.Fatal(err) // checked when the language is first used
	}
	e, _ := New(Config{Settings: map[string]Setting{"negative.unfortunately": {Max: new(int), Origin: "c.yaml:3:3"}}})
	if _, err := e.RuleSet("en"); err == nil || !strings.Contains(err.Error(), "c.yaml:3:3: rule negative.unfortunately is a phrase rule and takes no max option") {
		t.Errorf("error %v", err)
	}
}

// A team pack joins the built-in rules in the same pass; a clash of ids is an error.
// housePack is a team's pack of one rule.
const housePack = `rules:
  - id: house.kindly
    kind: phrase
    category: condescension
    severity: info
    message: "“%s” sounds stiff."
    why: Plain words read warmer to customers.
    source: House style
    phrases: [do the needful]
    examples: {bad: [Please do the needful.], good: [Please send it.]}
`

func TestTeamPack(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "house.yaml"), []byte(housePack), 0o644); err != nil {
		t.Fatal(err)
	}
	got := ids(lintText(t, Config{RuleDirs: []string{dir}}, "Do the needful: you should have read it."))
	if !slices.Contains(got, "house.kindly") || !slices.Contains(got, "blame.you-should-have") {
		t.Errorf("found %v, want the team rule and the built-in one", got)
	}
	clash := strings.Replace(housePack, "house.kindly", "blame.you-should-have", 1)
	if err := os.WriteFile(filepath.Join(dir, "house.yaml"), []byte(clash), 0o644); err != nil {
		t.Fatal(err)
	}
	e, err := New(Config{RuleDirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.RuleSet("en"); err == nil || !strings.Contains(err.Error(), "rule blame.you-should-have is already defined at rules/en/") {
		t.Errorf("error %v", err)
	}
}

// A selector or setting that names a rule of another language's pack, or
// of a team's English pack, is no error on a draft in Malay: it leaves the
// Malay rules as they are. One that names no rule of any is.
func TestSelectorsOfAnotherLanguage(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "en"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "en", "house.yaml"), []byte(housePack), 0o644); err != nil {
		t.Fatal(err)
	}
	const malay = "Saya minta maaf. Anda sepatutnya membaca panduan itu."
	for _, cfg := range []Config{
		{Lang: "ms", Disable: []string{"deflection.suggest-they-contact"}}, // English only
		{Lang: "ms", RuleDirs: []string{dir}, Disable: []string{"all"}, Enable: []string{"house"}},
		{Lang: "ms", Settings: map[string]Setting{"deflection.suggest-they-contact": {Severity: lint.Info, Origin: "c.yaml:3:5"}}},
	} {
		e, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.Lint("draft.md", []byte(malay), lint.Context{}); err != nil {
			t.Errorf("%+v: %v", cfg, err)
		}
	}
	e, err := New(Config{Lang: "ms", Disable: []string{"deflection.no-such-rule"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Lint("draft.md", []byte(malay), lint.Context{}); err == nil || !strings.Contains(err.Error(), `unknown rule or category "deflection.no-such-rule"`) {
		t.Errorf("an id of no language: %v", err)
	}
}

// A Finnish draft is checked with the Finnish pack: its placeholders and
// phrases, not English ones.
func TestFinnishDraft(t *testing.T) {
	e, err := New(Config{Lang: "fi"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.Lint("v.md", []byte("Hei [Asiakkaan nimi], you should have read it!!!"), lint.Context{})
	if err != nil {
		t.Fatal(err)
	}
	got := ids(res.Diagnostics)
	if !slices.Contains(got, "placeholder.square-brackets") || slices.Contains(got, "blame.you-should-have") {
		t.Errorf("found %v: want the placeholder found and no English phrase", got)
	}
}

// A site generator's page (front matter with title: and keys no template
// has) is checked as a draft, not refused as a template with unknown keys;
// a template keeps its schema.
func TestLintPageWithFrontMatter(t *testing.T) {
	e, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	page := "---\ntitle: Refunds\nlayout: post\ntags: [help]\nparams:\n  x: 1\n---\n\nYou should have read the guide.\n"
	res, err := e.Lint("page.md", []byte(page), lint.Context{})
	if err != nil {
		t.Fatalf("page: %v", err)
	}
	if !slices.Equal(res.Foreign, []string{"layout", "params"}) || !slices.Contains(ids(res.Diagnostics), "blame.you-should-have") {
		t.Errorf("page: foreign keys %q, findings %v", res.Foreign, ids(res.Diagnostics))
	}
	tpl := "---\ntitle: Refunds\nstatus: retired\n---\n\nHello.\n"
	if _, err := e.Lint("tpl.md", []byte(tpl), lint.Context{}); err == nil || !strings.Contains(err.Error(), "unknown status") {
		t.Errorf("template with a bad status: error %v", err)
	}
}

// Findings in a template point at the template's own text, or at the
// {{ tag }} a value came from.
func TestTemplatePositions(t *testing.T) {
	src := "---\nsituation: question\nvars:\n  customer.name: {required: true, example: Anna}\n---\nHi {{ customer.name }}, you should have read the guide. Let me know if anything else comes up.\n"
	tpl, err := templates.ParseFile("t.md", "t.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.LintTemplate(tpl, nil, lint.Context{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		if d.RuleID == "blame.you-should-have" {
			if got := src[d.Start:d.End]; got != "you should have" {
				t.Errorf("span %q in the template", got)
			}
			return
		}
	}
	t.Errorf("no blame finding in %v", ids(res.Diagnostics))
}

func TestMatchGlob(t *testing.T) {
	for _, c := range []struct {
		pat, name string
		want      bool
	}{
		{"legal/**", "legal/a.md", true},
		{"legal/**", "legal/x/y/a.md", true},
		{"legal/**", "other/a.md", false},
		{"**/*.txt", "a.txt", true},
		{"**/*.txt", "x/y/a.txt", true},
		{"*.md", "x/a.md", false},
		{"replies/*/thanks.md", "replies/en/thanks.md", true},
	} {
		if got := MatchGlob(c.pat, c.name); got != c.want {
			t.Errorf("MatchGlob(%q, %q) = %v", c.pat, c.name, got)
		}
	}
}

// An override changes the rules for the files it names only.
func TestOverrides(t *testing.T) {
	dir := t.TempDir()
	e, err := New(Config{Overrides: []Override{{Dir: dir, Paths: []string{"legal/**"}, Disable: []string{"condescension"}}}})
	if err != nil {
		t.Fatal(err)
	}
	const draft = "Calm down, the parcel ships today. Let me know if anything else comes up."
	for file, want := range map[string]bool{filepath.Join(dir, "legal", "a.md"): false, filepath.Join(dir, "b.md"): true} {
		res, err := e.Lint(file, []byte(draft), lint.Context{})
		if err != nil {
			t.Fatal(err)
		}
		if got := slices.Contains(ids(res.Diagnostics), "condescension.calm-down"); got != want {
			t.Errorf("%s: calm-down reported %v, want %v", file, got, want)
		}
	}
}

// A Vale style is compiled once, when the engine is made (one style alone
// as it is loaded, two joined), and that serves the drafts of every
// language: they find the same in each.
func TestValeStyleCompiledOnce(t *testing.T) {
	style := func(name, token string) string {
		return writeStyle(t, name, "Rule.yml", "extends: existence\nmessage: \"Avoid '%s'.\"\nignorecase: true\ntokens: ['"+token+"']\n")
	}
	one, two := style("One", "no way"), style("Two", "calm down")
	drafts := map[string]string{"en": "No way, please calm down.", "fi": "No way, calm down, ei onnistu."}
	for _, tc := range []struct {
		styles    []string
		wantRules []string
	}{
		{[]string{one}, []string{"vale.one.rule"}},
		{[]string{one, two}, []string{"vale.one.rule", "vale.two.rule"}},
	} {
		e, err := New(Config{ValeStyles: tc.styles, Disable: []string{"all"}, Enable: []string{"vale"}})
		if err != nil {
			t.Fatal(err)
		}
		if e.compiledExtra[e.extra[rules.AnyLanguage]] == nil {
			t.Errorf("%d styles: not compiled when the engine was made", len(tc.styles))
		}
		for lang, draft := range drafts {
			e.cfg.Lang = lang
			res, err := e.Lint("draft.md", []byte(draft), lint.Context{})
			if err != nil {
				t.Fatal(err)
			}
			got := ids(res.Diagnostics)
			slices.Sort(got)
			if !slices.Equal(slices.Compact(got), tc.wantRules) {
				t.Errorf("%d styles, %s: found %v, want %v", len(tc.styles), lang, got, tc.wantRules)
			}
		}
	}
}

// A Vale style is a group --enable and --disable name even when none of its
// rules could be converted: the run goes on with what there is, and the
// skips say why, instead of stopping at an unknown id.
func TestValeStyleWithNoRulesIsNamed(t *testing.T) {
	dir := writeStyle(t, "Only-Spelling", "Spelling.yml", "extends: spelling\nmessage: \"Did you really mean '%s'?\"\n")
	for _, enable := range []string{"vale", "vale.only-spelling"} {
		e, err := New(Config{ValeStyles: []string{dir}, Disable: []string{"all"}, Enable: []string{enable}})
		if err != nil {
			t.Fatalf("--enable %s: %v", enable, err)
		}
		if len(e.Skipped()) != 1 {
			t.Errorf("--enable %s: skipped %v, want the spelling rule", enable, e.Skipped())
		}
		res, err := e.Lint("draft.md", []byte("Sorry for the inconvenience."), lint.Context{})
		if err != nil || len(res.Diagnostics) != 0 {
			t.Errorf("--enable %s: %v, %v; want no findings", enable, res.Diagnostics, err)
		}
	}
	e, err := New(Config{ValeStyles: []string{dir}, Enable: []string{"vale.other"}})
	if err == nil {
		_, err = e.Lint("draft.md", []byte("Hello."), lint.Context{})
	}
	if err == nil || !strings.Contains(err.Error(), `unknown rule or category "vale.other"`) {
		t.Errorf("--enable vale.other, a style not read: error %v", err)
	}
}

// writeStyle writes a style of one rule file into a folder named name, in a
// temporary folder, and returns its path.
func writeStyle(t *testing.T, name, file, rule string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, file), []byte(rule), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}
