package vale

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/replykit/replykit/lint"
	"github.com/replykit/replykit/rules"
)

// FuzzConvert feeds rule files to Convert: it must return rules, skips or an
// error, never panic, and the rules it returns must have valid, distinct ids
// and lint a draft, with findings inside it.
func FuzzConvert(f *testing.F) {
	files, _ := filepath.Glob("testdata/styles/Tone/*.yml")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(string(data), "At the end of the day we are here 24/7. Kindly utilize the form (s).")
		}
	}
	for _, src := range []string{
		"extends: existence\nmessage: m\nignorecase: true\ntokens: [a b, 'c(?:d|e)', '\\w+ly', '(?<=x)y']\nexceptions: [a b c]\n",
		"extends: existence\nmessage: m\nraw: ['\\b(am|is)\\b\\s*']\ntokens: [done, made]\nappend: false\n",
		"extends: substitution\nmessage: \"Use '%s', not '%s'.\"\nswap: {'x(?=y)': z, '(a)b': $1, 'c\\.d': e, f g: h|i}\n",
		"extends: occurrence\nmessage: \"%s words\"\nscope: sentence\nmax: 3\ntoken: '\\b\\w+\\b'\n",
		// Tried only where their matches may start (lint's startsOf).
		"extends: existence\nmessage: m\nignorecase: true\nnonword: true\ntokens: ['(?:^|\\s)I\\s', '\\bme\\b', 'net[ -]*beans', '\\b\\d+(?:ms|s)']\n",
	} {
		f.Add(src, "We are done. Is made? c.d and f g, x y, ab, a b c, quickly. I am me: netbeans in 12ms.")
	}
	f.Fuzz(func(t *testing.T, src, draft string) {
		if len(src) > 4096 || len(draft) > 4096 {
			return
		}
		rs, _, err := Convert("S", "R", "r.yml", []byte(src))
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, r := range rs {
			if !rules.ValidID(r.ID) || seen[r.ID] || !strings.HasPrefix(r.ID, "vale.s.r") {
				t.Fatalf("rule id %q (ids so far %v)", r.ID, seen)
			}
			seen[r.ID] = true
		}
		set, err := lint.Compile(nil, rs)
		if err != nil {
			t.Fatalf("Convert returned rules the engine rejects: %v", err)
		}
		for _, d := range set.Lint(lint.NewDocument("d.md", []byte(draft), lint.FormatMarkdown), lint.Context{}) {
			if d.Start < 0 || d.End > len(draft) || d.Start > d.End {
				t.Fatalf("finding %d..%d outside a draft of %d bytes", d.Start, d.End, len(draft))
			}
		}
	})
}
