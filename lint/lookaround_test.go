package lint

import (
	"slices"
	"testing"
)

func TestSplitLookaround(t *testing.T) {
	look := func(expr string, negative bool) Look {
		if negative {
			return Look{Forbid: expr}
		}
		return Look{Want: expr}
	}
	ahead := func(expr string, negative bool) Around { return Around{Ahead: look(expr, negative)} }
	behind := func(expr string, negative bool) Around { return Around{Behind: look(expr, negative)} }
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
		{`(?<![(])x(?=[)])`, `x`, Around{look(`[(]`, true), look(`[)]`, false)}, true},
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
		{`\byou are\b(?! not)(?![,;)])(?!\s*$)`, `\byou are\b`, ahead(`(?:(?: not)|(?:[,;)]))|(?:\s*$)`, true), true}, // what each forbids, any
		{`(?<!right-)(?<!double-)click`, `click`, behind(`(?:right-)|(?:double-)`, true), true},
		// One that asks and one that forbids ask both.
		{`x(?!a)(?=b)`, `x`, Around{Ahead: Look{Want: `b`, Forbid: `a`}}, true},
		{`(?<=a)(?<!b)x`, `x`, Around{Behind: Look{Want: `a`, Forbid: `b`}}, true},
		{`(?<=a)(?<=b)x`, ``, Around{}, false}, // two that ask: no one expression asks both
		{`x(?=a)(?=b)`, ``, Around{}, false},
		// A flag group goes with each part.
		{`(?m)(?<!,\s+)for example(?!s)(?![,:\.\)])`, `(?m)for example`,
			Around{Behind: Look{Forbid: `(?m),\s+`}, Ahead: Look{Forbid: `(?m)(?:s)|(?:[,:\.\)])`}}, true},
		{`(?i)(?<=a )b`, `(?i)b`, behind(`(?i)a `, false), true},
		// A lookaround that may be left out asks nothing, inside another too.
		{`(?<![\-\.]|Day )1(?![\-\.])(?! Jan(?!uary)?| May)`, `1`,
			Around{Behind: Look{Forbid: `[\-\.]|Day `}, Ahead: Look{Forbid: `(?:[\-\.])|(?: Jan| May)`}}, true},
		{`Jan(?!uary)?`, ``, Around{}, false}, // then none is left: nothing to split
	} {
		body, cx, ok := SplitLookaround(tc.tok)
		if ok != tc.ok || ok && (body != tc.body || cx != tc.cx) {
			t.Errorf("%s: %q, %+v, %v; want %q, %+v, %v", tc.tok, body, cx, ok, tc.body, tc.cx, tc.ok)
		}
	}
}

func TestDropOptionalLooks(t *testing.T) {
	for _, tc := range []struct{ expr, want string }{
		{`Jan(?!uary)?`, `Jan`},
		{`a(?=b)*c`, `ac`},
		{`a(?<!x){0,1}b`, `ab`},
		{`a(?=b){0}`, `a`},
		{`a(?=b){0,}?`, `a`},
		{`(?! Jan(?!uary)?| Feb(?!ruary)??)`, `(?! Jan| Feb)`},
		{`a(?!b)`, `a(?!b)`},   // not optional
		{`a(?!b)+`, `a(?!b)+`}, // at least once
		{`a(?!b){1,2}`, `a(?!b){1,2}`},
		{`[(?!x)?]`, `[(?!x)?]`}, // a class
		{`\(?!x)?`, `\(?!x)?`},   // an escaped bracket: no group
		{`(?:x)?`, `(?:x)?`},     // a group, no lookaround
		{`a(?!b`, `a(?!b`},       // unclosed
	} {
		if got := DropOptionalLooks(tc.expr); got != tc.want {
			t.Errorf("DropOptionalLooks(%#q) = %#q, want %#q", tc.expr, got, tc.want)
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
		// A group of one alternative that RE2 cannot read is left out.
		{`\b(?:eg(?=[;,]))`, []string{`\beg(?=[;,])`}},
		{`(?i)(a(?!b))c`, []string{`(?i)a(?!b)c`}},
		{`(?:a(?!b))+`, nil}, // repeated
	}
	for _, tc := range tests {
		if got := SplitBranches(tc.expr); !slices.Equal(got, tc.want) {
			t.Errorf("SplitBranches(%q) = %q, want %q", tc.expr, got, tc.want)
		}
	}
}
