package rules

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/replykit/replykit/lint"
)

// TestShippedExamples runs every example of every built-in rule, with the
// whole pack loaded as users run it.
func TestShippedExamples(t *testing.T) {
	for _, lang := range BuiltinLanguages() {
		t.Run(lang, func(t *testing.T) {
			p, rs := compileBuiltin(t, lang)
			failures, n := TestExamples(rs)
			for _, f := range failures {
				t.Error(f)
			}
			if n < 4*len(p.Rules) {
				t.Errorf("%d examples for %d rules: fewer than four per rule", n, len(p.Rules))
			}
		})
	}
}

// TestShippedSpans checks where the findings on the shipped bad examples
// start and end: never on white space, nor at a mark before the words
// reported ("We fixed it. Clearly," is reported as "Clearly,", not ". Clearly,").
func TestShippedSpans(t *testing.T) {
	for _, lang := range BuiltinLanguages() {
		t.Run(lang, func(t *testing.T) {
			_, rs := compileBuiltin(t, lang)
			for _, r := range rs.Rules() {
				for _, ex := range r.Examples.Bad {
					for _, d := range RunExample(rs, r, ex) {
						text := ex.Text[d.Start:d.End]
						if text == "" {
							continue // a finding about the whole reply may have no text
						}
						lead := strings.TrimLeft(text, ".!?;:,")
						if strings.ContainsRune(" \t\r\n", rune(text[0])) || lead != text && lead != "" && strings.ContainsRune(" \t\r\n", rune(lead[0])) ||
							strings.ContainsRune(" \t\r\n", rune(text[len(text)-1])) {
							t.Errorf("%s: %s reports %q in %q", ex.Origin, r.ID, text, ex.Text)
						}
					}
				}
			}
		})
	}
}

// TestShippedPackShape checks what the test of examples cannot: every rule has
// two bad and two good examples, a reason and a source, and every category is covered.
func TestShippedPackShape(t *testing.T) {
	for _, lang := range BuiltinLanguages() {
		p, err := Builtin(lang)
		if err != nil {
			t.Fatal(err)
		}
		perCategory := map[string]int{}
		for _, r := range p.Rules {
			perCategory[r.Category]++
			if len(r.Examples.Bad) < 2 || len(r.Examples.Good) < 2 {
				t.Errorf("%s: %s has %d bad and %d good examples; shipped rules need at least two of each",
					r.Origin, r.ID, len(r.Examples.Bad), len(r.Examples.Good))
			}
			if len(r.Why) < 40 {
				t.Errorf("%s: %s: the why: is too short to explain anything", r.Origin, r.ID)
			}
			if len(r.Message) > 120 {
				t.Errorf("%s: %s: the message is %d characters; keep it to one short sentence", r.Origin, r.ID, len(r.Message))
			}
		}
		for _, c := range lint.Categories {
			want := 2
			if c == "name-overuse" {
				want = 1
			}
			if perCategory[c] < want {
				t.Errorf("%s: category %s has %d rules, want at least %d", lang, c, perCategory[c], want)
			}
		}
		if p.Lang.Name == "" || len(p.Lang.Greetings) == 0 || len(p.Lang.Complaint.Signals) == 0 {
			t.Errorf("%s: the pack has no language.yaml data (name, greetings, complaint signals)", lang)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"not a mapping", "- a\n- b\n", "x.yaml:1:1: expected settings (key: value), found a list"},
		{"unknown top key", "rulez: []\n", `x.yaml:1:1: unknown key "rulez"`},
		{"unknown kind", "rules:\n  - id: a.b\n    kind: regex\n", `x.yaml:3:11: unknown kind "regex"`},
		{"missing fields", "rules:\n  - id: a.b\n    kind: phrase\n", "x.yaml:2:5: rule a.b: missing category:"},
		{"key of another kind", "rules:\n  - {id: a.b, kind: phrase, pattern: x}\n", `unknown key "pattern" for a phrase rule`},
		{"bad situation", "rules:\n  - {id: a.b, kind: phrase, when: {situation: rant}}\n", `unknown situation "rant"`},
		{"bad scope", "rules:\n  - {id: a.b, kind: require, phrases: [x], scope: sentence}\n", `scope "sentence" needs after:`},
		{"negative max", "rules:\n  - {id: a.b, kind: count, term: customer-name, max: -1}\n", "expected a whole number of 0 or more"},
		{"bad pattern scope", "rules:\n  - {id: a.b, kind: pattern, pattern: x, scope: page}\n", `unknown scope "page" for a pattern rule (want prose, sentence, paragraph, placeholder or raw)`},
		{"triggers in the raw text", "rules:\n  - {id: a.b, kind: pattern, pattern: x, scope: raw, triggers: [x]}\n", "x.yaml:2:64: triggers: are words of the prose"},
		{"a replacement with a count", "rules:\n  - {id: a.b, kind: pattern, pattern: x, replacement: y, max: 2}\n", "replacement: fixes each match, and max: counts them: a rule takes one or the other"},
		{"a replacement of placeholders", "rules:\n  - {id: a.b, kind: pattern, pattern: x, scope: placeholder, replacement: y}\n", "replacement: a placeholder is filled in, not replaced: leave it out"},
		{"a raw count per paragraph", "rules:\n  - {id: a.b, kind: pattern, pattern: x, scope: raw, max: 2}\n", "x.yaml:2:59: a rule of scope raw reads the text as written, which has no sentences or paragraphs to count in: set per: document"},
		{"an exception pattern that does not parse", "rules:\n  - {id: a.b, kind: phrase, phrases: [x], exception-pattern: 'a(b'}\n", "x.yaml:2:62: exception-pattern \"a(b\" does not parse: missing closing ): `a(b`"},
		{"limit of none", "rules:\n  - {id: a.b, kind: phrase, limit: 0}\n", "x.yaml:2:36: expected a whole number of 1 or more"},
		{"alias bomb, never expanded", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\ni: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\nrules: *i\n", "x.yaml:10:8: rules: must be a list"},
		{"signal without words", "language:\n  complaint:\n    signals: {\"!!\": 2}\n", `x.yaml:3:15: signal "!!" has no words in it`},
		{"empty", "", "x.yaml:1:1: the file is empty; a pack file has a rules: or a language: section"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x.yaml", []byte(tt.yaml), "en")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// A pack converted from Vale keeps each converted rule's findings apart
// from the others', the expressions split from a rule (id.patterns) with it;
// a pack of one's own leaves echoes to the category.
func TestImportedEchoes(t *testing.T) {
	rule := func(id string) string {
		return "  - {id: " + id + ", kind: phrase, category: negative-phrasing, severity: info, message: m, why: w, source: s, phrases: [x], examples: {bad: [x], good: [y]}}\n"
	}
	src := "lang: en\nimported-from: Vale\nrules:\n" + rule("vale.s.wordy") + rule("vale.s.wordy.patterns") +
		rule("vale.s.wordy.patterns-2") + rule("vale.s.patternsx") + rule("vale.s.b.patterns-2a")
	want := []string{"vale.s.wordy", "vale.s.wordy", "vale.s.wordy", "vale.s.patternsx", "vale.s.b.patterns-2a"}
	for _, imported := range []bool{true, false} {
		text := src
		if !imported {
			text = strings.Replace(src, "imported-from: Vale\n", "", 1)
		}
		f, err := Parse("x.yaml", []byte(text), AnyLanguage)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range f.Rules {
			if imported && r.Echoes != want[i] || !imported && r.Echoes != "" {
				t.Errorf("%s (imported %v): echoes %q", r.ID, imported, r.Echoes)
			}
		}
	}
}

func TestParseRule(t *testing.T) {
	f, err := Parse("x.yaml", []byte(`lang: en
rules:
  - id: house.kindly
    kind: replace
    category: condescension
    severity: info
    message: "“%s” sounds stiff."
    why: Plain words read warmer to customers who are already upset.
    source: House style
    when: {situation: [complaint, question]}
    replace:
      kindly note: please note
      do the needful: take care of it
    exception-pattern: '(?i)kindly note:\s+\w+'
    apostrophes-as-written: true
    examples:
      bad: ["Kindly note the new hours.", {text: "Do the needful.", situation: question}]
      good: ["Please note the new hours."]
`), AnyLanguage)
	if err != nil {
		t.Fatal(err)
	}
	if f.Lang != "en" || len(f.Rules) != 1 {
		t.Fatalf("lang %q, %d rules", f.Lang, len(f.Rules))
	}
	r := f.Rules[0]
	rp, ok := r.Check.(*lint.Replace)
	if !ok || len(rp.Pairs) != 2 || rp.Pairs[1] != (lint.Replacement{Phrase: "do the needful", With: "take care of it"}) {
		t.Errorf("replace pairs %+v: want both, in order", r.Check)
	}
	if ok && (rp.ExceptionPattern != `(?i)kindly note:\s+\w+` || !rp.ApostrophesAsWritten) {
		t.Errorf("exception-pattern %q, apostrophes-as-written %v", rp.ExceptionPattern, rp.ApostrophesAsWritten)
	}
	if r.Origin != "x.yaml:3:5" || r.Severity != lint.Info || len(r.When.Situations) != 2 {
		t.Errorf("rule %+v", r)
	}
	if ex := r.Examples.Bad[1]; ex.Situation != "question" || ex.Origin != "x.yaml:17:43" {
		t.Errorf("example %+v", ex)
	}
}

// TestPatternExpansion checks that patterns compiled into the phrase trie find
// exactly what the regular expressions find, on every example of every rule.
func TestPatternExpansion(t *testing.T) {
	for _, lang := range BuiltinLanguages() {
		p, err := Builtin(lang)
		if err != nil {
			t.Fatal(err)
		}
		fast, err := lint.Compile(p.Lang, p.Rules)
		if err != nil {
			t.Fatal(err)
		}
		slow, err := lint.CompileWith(p.Lang, p.Rules, lint.CompileOptions{RegexOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range p.Rules {
			if r.Kind() != "pattern" {
				continue
			}
			for _, ex := range append(append([]lint.Example{}, r.Examples.Bad...), r.Examples.Good...) {
				a, b := RunExample(fast, r, ex), RunExample(slow, r, ex)
				if len(a) != len(b) {
					t.Errorf("%s: %s finds %d as phrases, %d as a regular expression", ex.Origin, r.ID, len(a), len(b))
					continue
				}
				for i := range a {
					if a[i].Start != b[i].Start {
						t.Errorf("%s: %s: phrase match at %d, regular expression at %d", ex.Origin, r.ID, a[i].Start, b[i].Start)
					}
				}
			}
		}
	}
}

// TestStoredLanguagesFresh fails when a language.yaml changed and the stored
// language data was not written again.
func TestStoredLanguagesFresh(t *testing.T) {
	langs, source, err := lint.LoadLanguages(compiledLanguages)
	if err != nil || source != languagesHash() {
		t.Fatalf("rules/%s is stale (%v): run go generate ./rules", languagesName, err)
	}
	for _, l := range langs {
		fresh, err := parseLanguageData(l.Code)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprintf("%+v", *fresh) != fmt.Sprintf("%+v", l) { // the stored form does not keep empty lists apart from none
			t.Errorf("%s: stored language data differs from language.yaml: run go generate ./rules", l.Code)
		}
	}
	var fresh []*lint.Language
	for _, code := range BuiltinLanguages() {
		l, err := parseLanguageData(code)
		if err != nil {
			t.Fatal(err)
		}
		fresh = append(fresh, l)
	}
	if !reflect.DeepEqual(Identifier("en"), lint.NewIdentifier(fresh, "en")) {
		t.Errorf("rules/%s: the stored identifier differs from one made from language.yaml: run go generate ./rules", languagesName)
	}
}

// TestCompiledPacksFresh fails when a built-in pack's stored compiled form
// is stale: compiled from other YAML, or by other code (it then lints the
// examples differently from a fresh compile). Run go generate ./rules.
func TestCompiledPacksFresh(t *testing.T) {
	for _, lang := range BuiltinLanguages() {
		data := compiledPack(lang)
		if data == "" {
			t.Errorf("%s: no compiled pack: run go generate ./rules, and embed the file in compiledPack", lang)
			continue
		}
		stored, source, err := lint.LoadRuleSet(data)
		if err != nil {
			t.Errorf("%s: %v: run go generate ./rules", lang, err)
			continue
		}
		if want, _ := sourceHash(lang); source != want {
			t.Errorf("rules/%s was compiled from other YAML: run go generate ./rules", CompiledName(lang))
			continue
		}
		// Byte for byte: compiling is deterministic, and a change of the
		// engine's own (a lead derived otherwise) may leave every example as
		// it was.
		if again, err := CompilePack(lang); err != nil {
			t.Errorf("%s: %v", lang, err)
		} else if string(again) != data {
			t.Errorf("rules/%s was compiled by other code (%d bytes, now %d): run go generate ./rules", CompiledName(lang), len(data), len(again))
		}
		p, fresh := compileBuiltin(t, lang)
		for _, r := range p.Rules {
			for _, ex := range append(append([]lint.Example{}, r.Examples.Bad...), r.Examples.Good...) {
				if a, b := RunExample(fresh, r, ex), RunExample(stored, r, ex); !reflect.DeepEqual(a, b) {
					t.Fatalf("%s: the compiled %s pack finds %v, a fresh compile %v: run go generate ./rules", ex.Origin, lang, b, a)
				}
			}
		}
	}
}

// A pack loaded from its image readies much on first use (expressions, the
// shapes of patterns, conditions around a match) while drafts are linted on
// every core: four goroutines checking every example at once, each in its own
// order, find what one finds alone. Under -race, as CI runs it, it also looks
// for a first use that is not synchronised.
func TestStoredPacksConcurrently(t *testing.T) {
	for _, lang := range BuiltinLanguages() {
		alone, _, err := lint.LoadRuleSet(compiledPack(lang))
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		shared, _, err := lint.LoadRuleSet(compiledPack(lang))
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		type example struct {
			rule *lint.Rule
			ex   lint.Example
		}
		p, _ := compileBuiltin(t, lang)
		var all []example
		for _, r := range p.Rules {
			for _, ex := range append(slices.Clone(r.Examples.Bad), r.Examples.Good...) {
				all = append(all, example{r, ex})
			}
		}
		want := make([][]lint.Diagnostic, len(all))
		for i, e := range all {
			want[i] = RunExample(alone, e.rule, e.ex)
		}
		const workers = 4
		got := make([][][]lint.Diagnostic, workers)
		var wg sync.WaitGroup
		for w := range workers {
			got[w] = make([][]lint.Diagnostic, len(all))
			wg.Go(func() {
				n := len(all)
				for k := range n {
					i := (w*n/workers + k) % n // each worker its own order: from its quarter on, half of them backwards
					if w%2 == 1 {
						i = n - 1 - i
					}
					got[w][i] = RunExample(shared, all[i].rule, all[i].ex)
				}
			})
		}
		wg.Wait()
		for w := range got {
			for i, e := range all {
				if !reflect.DeepEqual(got[w][i], want[i]) {
					t.Errorf("%s: %s, worker %d of %d: %v, alone %v", e.ex.Origin, e.rule.ID, w, workers, got[w][i], want[i])
				}
			}
		}
	}
}

// Any edit of a pack's YAML changes its source hash, so its image counts as
// stale: a changed byte, a byte more, a renamed file.
func TestSourceHashSeesEdits(t *testing.T) {
	files, err := fs.Glob(builtin, "en/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range files {
		data, _ := fs.ReadFile(builtin, f)
		fsys[f] = &fstest.MapFile{Data: data}
	}
	orig, err := hashFiles(fsys, files)
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := sourceHash("en"); orig != want {
		t.Fatalf("hash of a copy %s, of the embedded files %s", orig, want)
	}
	seen := map[string]string{orig: "the original"}
	check := func(what string, names []string) {
		t.Helper()
		h, err := hashFiles(fsys, names)
		if err != nil {
			t.Fatal(err)
		}
		if prev, ok := seen[h]; ok {
			t.Errorf("%s hashes like %s", what, prev)
		}
		seen[h] = what
	}
	f := fsys[files[0]]
	data := bytes.Clone(f.Data)
	for _, i := range []int{0, len(data) / 2, len(data) - 1} {
		f.Data = bytes.Clone(data)
		f.Data[i] ^= 1
		check(fmt.Sprintf("a byte changed at %d", i), files)
	}
	f.Data = append(bytes.Clone(data), ' ')
	check("a byte added", files)
	f.Data = data
	renamed := slices.Clone(files)
	renamed[0] = "en/renamed.yaml"
	fsys[renamed[0]] = f
	check("a renamed file", renamed)
}

// A stale image is not used: the language's YAML is compiled instead.
func TestStaleImageCompiles(t *testing.T) {
	fresh, err := loadBuiltin("en", compiledPack("en"), mustSourceHash(t, "en"))
	if err != nil {
		t.Fatal(err)
	}
	if fresh.RulesWithoutDocs()[0].Why != "" {
		t.Fatal("a fresh image was not used") // an image's docs load only with Rules
	}
	stale, err := loadBuiltin("en", compiledPack("en"), "edited")
	if err != nil {
		t.Fatal(err)
	}
	if stale.RulesWithoutDocs()[0].Why == "" {
		t.Fatal("a stale image was used")
	}
}

func mustSourceHash(t *testing.T, lang string) string {
	h, err := sourceHash(lang)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// BenchmarkBuiltinSet is the rules' share of start-up: checking the English
// YAML against its stored image, then loading the image.
func BenchmarkBuiltinSet(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := BuiltinSet("en"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFirstCheck is what each draft checked by a process of its own
// pays beyond the pass: the English pack loaded, then its first check of
// each example draft, where the expressions it reaches are readied. With
// REPLYKIT_BENCH_DRAFTS set to a folder, its .md and .txt files, at any
// depth, are the drafts instead.
func BenchmarkFirstCheck(b *testing.B) {
	files, _ := filepath.Glob("../examples/*")
	if dir := os.Getenv("REPLYKIT_BENCH_DRAFTS"); dir != "" {
		files = nil
		err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() && (strings.HasSuffix(path, ".md") || strings.HasSuffix(path, ".txt")) {
				files = append(files, path)
			}
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	if len(files) == 0 {
		b.Skip("no drafts in ../examples, nor in $REPLYKIT_BENCH_DRAFTS")
	}
	var docs []*lint.Document
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, lint.NewDocument(f, src, lint.FormatFor(f)))
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			rs, err := BuiltinSet("en")
			if err != nil {
				b.Fatal(err)
			}
			rs.Lint(d, lint.Context{})
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/draft")
}
