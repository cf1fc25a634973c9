package cli

import (
	"regexp"
	"strings"
	"testing"
)

// FuzzConfig feeds arbitrary bytes to validateConfig as .replykit.yaml. It
// must not panic, and every problem it reports must start with the file's
// name, line and column.
func FuzzConfig(f *testing.F) {
	for _, s := range fzcSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fc, err := validateConfig("c.yaml", data)
		if err != nil {
			for _, e := range fzcLeaves(err) {
				if !fzcPos.MatchString(e.Error()) {
					t.Errorf("error without c.yaml:line:col: %q", e.Error())
				}
			}
			return
		}
		if fc == nil {
			t.Fatal("validateConfig returned neither a configuration nor an error")
		}
		for _, o := range fc.overrides {
			if len(o.Paths) == 0 {
				t.Errorf("an override without paths passed validation: %+v", o)
			}
		}
	})
}

var fzcPos = regexp.MustCompile(`^c\.yaml:\d+:\d+: `)

// fzcLeaves returns the errors errors.Join put together, recursively.
func fzcLeaves(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, fzcLeaves(e)...)
		}
		return out
	}
	return []error{err}
}

var fzcSeeds = []string{
	`# .replykit.yaml
lang: auto                 # or en
format: json
fail-on: warning           # error | warning | info | never
extensions: [.md, .txt, .html, .eml]
rule-dirs: [tone-rules]
template-dirs: [replies]
disable: [over-familiar]
enable: [familiar.caps-words]
name-limit: 3
rules:
  apology.generic: {severity: error}
  negative.unfortunately: {disabled: true}
  familiar.exclamations: {options: {max: 2}}
overrides:
  - paths: [replies/legal/**]
    enable: [apology]
    disable: [over-familiar]
    rules: {negative.unfortunately: {severity: error, disabled: false, options: {max: 0}}}
  - {paths: "legal/**", disable: all}
`,
	initConfig(),
	"",
	"# nothing\n",
	"---\n...\n",
	"lang: en\nfail-on: never\nextensions: .md\nenable: apology\n",
	"rules: {}\noverrides: []\n",
	"rules:\n  apology.generic: {severity: ~}\n",
	// broken ones
	"fail-on: sometimes\n",
	"nope: 1\nlang: [en]\nformat: {a: b}\n",
	"name-limit: 0\n",
	"name-limit: -3\n",
	"name-limit: many\n",
	"name-limit: 99999999999999999999999\n",
	"extensions: [.md, \"\", ~, [x]]\n",
	"rules:\n  a.b: {severity: loud, colour: red, options: {min: 1, max: x}}\n  c.d: 3\n",
	"rules:\n  a.b: {disabled: maybe}\n",
	"overrides: {paths: [x]}\n",
	"overrides:\n  - disable: [x]\n  - 7\n  - paths: []\n  - {paths: [a], what: b}\n",
	"lang: en\nlang: fi\n",
	"- a\n- b\n",
	"just text\n",
	"lang: \"unterminated\n",
	"rules: [\n",
	"\tlang: en\n",
	"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n" +
		"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\nenable: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n",
	"rules: &r {a.b: *r}\n",
	"overrides:\n  - &o {paths: [a]}\n  - *o\n  - <<: *o\n",
	"? [a]\n: b\n",
	"!!map {lang: en}\n",
	"\xef\xbb\xbflang: en\n",
	"lang: en\r\nfail-on: error\r\n",
	strings.Repeat("{", 100) + "\n",
}
