package rules

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"reflect"
	"strings"
	"testing"

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
	if r.Origin != "x.yaml:3:5" || r.Severity != lint.Info || len(r.When.Situations) != 2 {
		t.Errorf("rule %+v", r)
	}
	if ex := r.Examples.Bad[1]; ex.Situation != "question" || ex.Origin != "x.yaml:15:43" {
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
	data, err := compiled.ReadFile(languagesName)
	if err != nil {
		t.Fatalf("no stored language data: run go generate ./rules")
	}
	var st storedLanguages
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&st); err != nil || st.Source != languagesHash() {
		t.Fatalf("rules/%s is stale (%v): run go generate ./rules", languagesName, err)
	}
	for _, l := range st.Languages {
		fresh, err := parseLanguageData(l.Code)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprintf("%+v", *fresh) != fmt.Sprintf("%+v", l) { // gob does not keep empty lists apart from none
			t.Errorf("%s: stored language data differs from language.yaml: run go generate ./rules", l.Code)
		}
	}
}

// TestCompiledPacksFresh fails when a built-in pack's stored compiled form
// is stale: compiled from other YAML, or by other code (it then lints the
// examples differently from a fresh compile). Run go generate ./rules.
func TestCompiledPacksFresh(t *testing.T) {
	for _, lang := range BuiltinLanguages() {
		data, err := compiled.ReadFile(CompiledName(lang))
		if err != nil {
			t.Errorf("%s: no compiled pack: run go generate ./rules", lang)
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
