package lint

import (
	"slices"
	"testing"
)

func TestSplitLookaround(t *testing.T) {
	ahead := func(expr string, negative bool) Around { return Around{Ahead: Look{expr, negative}} }
	behind := func(expr string, negative bool) Around { return Around{Behind: Look{expr, negative}} }
	for _, tc := range []struct {
		tok, body string
		cx        Around
		ok        bool
	}{
		{`it is(?!\.)`, `it is`, ahead(`\.`, true), true},
		{`(?:^|\s)I(?=,\s)`, `(?:^|\s)I`, ahead(`,\s`, false), true},
		{`all of (?!a sudden|these)`, `all of `, ahead(`a sudden|these`, true), true},
		{`[)(](?=x)`, `[)(]`, ahead(`x`, false), true}, // brackets in a class are not groups
		{`a\((?=b)`, `a\(`, ahead(`b`, false), true},   // nor escaped ones
		{`(?<!:[^ ]+?):\s[A-Z]`, `:\s[A-Z]`, behind(`:[^ ]+?`, true), true},
		{`(?<=\s)-\d+(?:\.\d+)?\b`, `-\d+(?:\.\d+)?\b`, behind(`\s`, false), true},
		{`(?<![(])x(?=[)])`, `x`, Around{Look{`[(]`, true}, Look{`[)]`, false}}, true},
		{`a|b(?!c)`, ``, Around{}, false},                       // the lookahead would hold for b alone
		{`(?<=a)b|c`, ``, Around{}, false},                      // the lookbehind for b alone
		{`(?:a(?!b))`, ``, Around{}, false},                     // not at the top level
		{`(?=x)`, ``, Around{}, false},                          // nothing before it
		{`a(?=)`, ``, Around{}, false},                          // nothing in it
		{`a(?=b(?!c))`, ``, Around{}, false},                    // a lookaround RE2 lacks inside it
		{`a(?<=b)`, ``, Around{}, false},                        // a lookbehind at the end
		{`a(?:b)`, ``, Around{}, false},                         // no lookaround
		{`(?<=a`, ``, Around{}, false},                          // unclosed
		{`(?<=)a`, ``, Around{}, false},                         // nothing in it
		{`(?<n>a)(?=b)`, `(?<n>a)`, ahead(`b`, false), true},    // a named group, then a lookahead
		{`\b(?<!t)here\b`, `\bhere\b`, behind(`t`, true), true}, // a word boundary before the lookbehind stays
		{`\byou are\b(?! not)(?![,;)])(?!\s*$)`, `\byou are\b`, ahead(`(?: not)|(?:(?:[,;)])|(?:\s*$))`, true), true}, // what each forbids, any
		{`(?<!right-)(?<!double-)click`, `click`, behind(`(?:right-)|(?:double-)`, true), true},
		{`x(?!a)(?=b)`, ``, Around{}, false}, // one asks, one forbids: not one condition
		{`(?<=a)(?<!b)x`, ``, Around{}, false},
	} {
		body, cx, ok := SplitLookaround(tc.tok)
		if ok != tc.ok || ok && (body != tc.body || cx != tc.cx) {
			t.Errorf("%s: %q, %+v, %v; want %q, %+v, %v", tc.tok, body, cx, ok, tc.body, tc.cx, tc.ok)
		}
	}
}

func TestSplitBranches(t *testing.T) {
	tests := []struct {
		expr string
		want []string
	}{
		{`a|b(?!c)`, []string{`a`, `b(?!c)`}},
		{`(?<!Red Hat )JBoss|EAP|x(?=y)`, []string{`(?<!Red Hat )JBoss`, `EAP`, `x(?=y)`}},
		{`\b(?:eg|e\.g\.(?!\w))`, []string{`\beg`, `\be\.g\.(?!\w)`}},
		{`(?i)foo|bar(?!x)`, []string{`(?i)foo`, `(?i)bar(?!x)`}},
		{`(a|b(?=c))d`, []string{`ad`, `b(?=c)d`}},
		{`(?:a|b)(?:c|d(?!e))`, []string{`(?:a|b)c`, `(?:a|b)d(?!e)`}},
		{`(?:a|b(?!c))+`, nil},   // repeated: its alternatives do not stand alone
		{`x(?<!y|z)w`, nil},      // the bar is inside the lookaround
		{`[a|b](?!c)`, nil},      // inside a class
		{`a\|b(?!c)`, nil},       // escaped
		{`(?:a|b)c(?!d)`, nil},   // the alternatives hold no lookaround
		{`(?P<n>a|b(?!c))`, nil}, // a named group is left as it is
		{`(?i:a|b(?!c))`, nil},   // so is a group with flags
		{`(?:a|b(?!c)`, nil},     // never closes
		{`(?i)(?:x|y(?=z))w`, []string{`(?i)xw`, `(?i)y(?=z)w`}},
		{`\b(?:etc|e\t\c\.)`, []string{`\betc`, `\be\t\c\.`}}, // an escape RE2 lacks, as a lookaround
	}
	for _, tc := range tests {
		if got := SplitBranches(tc.expr); !slices.Equal(got, tc.want) {
			t.Errorf("SplitBranches(%q) = %q, want %q", tc.expr, got, tc.want)
		}
	}
}
