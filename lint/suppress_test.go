package lint

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// A finding in a suppression case is "rule.id@needle": the rule's finding
// spans the first occurrence of needle. Wanted output is written the same
// way, the needle being the exact text of the output's span.

var suptCategories = map[string]string{
	"apology":  "apology",
	"blame":    "blame-shifting",
	"negative": "negative-phrasing",
}

type suptCase struct {
	name   string
	format Format
	src    string
	finds  []string
	want   []string
}

const (
	suptUnusedA = "suppression.unused@<!-- replykit-disable-next-line apology.generic -->"
)

var suptCases = []suptCase{
	// No directives.
	{"no directive: everything stays", FormatMarkdown, "Sorry1 for that. You1 should have.\n",
		[]string{"blame.you@You1", "apology.generic@Sorry1"},
		[]string{"apology.generic@Sorry1", "blame.you@You1"}},

	// disable-next-line.
	{"next-line hides the rule on the next line only", FormatMarkdown,
		"<!-- replykit-disable-next-line apology.generic -->\nSorry1 here.\nSorry2 there.\n",
		[]string{"apology.generic@Sorry1", "apology.generic@Sorry2"},
		[]string{"apology.generic@Sorry2"}},
	{"next-line hides only the rules it names", FormatMarkdown,
		"<!-- replykit-disable-next-line apology.generic -->\nSorry1, you1 should have.\n",
		[]string{"apology.generic@Sorry1", "blame.you@you1"},
		[]string{"blame.you@you1"}},
	{"next-line does not skip a blank line", FormatMarkdown,
		"<!-- replykit-disable-next-line apology.generic -->\n\nSorry1 here.\n",
		[]string{"apology.generic@Sorry1"},
		[]string{suptUnusedA, "apology.generic@Sorry1"}},
	{"next-line after text on the same line", FormatMarkdown,
		"Sorry1 <!-- replykit-disable-next-line apology -->\nSorry2\n",
		[]string{"apology.generic@Sorry1", "apology.generic@Sorry2"},
		[]string{"apology.generic@Sorry1"}},
	{"a finding starting on the line counts, wherever it ends", FormatMarkdown,
		"<!-- replykit-disable-next-line blame -->\nsee you1 should\nhave here\n",
		[]string{"blame.you@you1 should\nhave"},
		nil},
	{"a list of rules, with or without spaces after commas", FormatMarkdown,
		"<!-- replykit-disable-next-line apology.generic,blame.you -->\nSorry1 you1\n" +
			"<!-- replykit-disable-next-line apology.generic, blame.you reason -->\nSorry2 you2\n",
		[]string{"apology.generic@Sorry1", "blame.you@you1", "apology.generic@Sorry2", "blame.you@you2"},
		nil},
	{"a group, a category and all", FormatMarkdown,
		"<!-- replykit-disable-next-line apology -->\nSorry1\n" +
			"<!-- replykit-disable-next-line blame-shifting -->\nyou1\n" +
			"<!-- replykit-disable-next-line all -->\nSorry3 you3\n",
		[]string{"apology.generic@Sorry1", "blame.you@you1", "apology.generic@Sorry3", "blame.you@you3"},
		nil},
	{"no rule: a reason that is not a rule list, or after --", FormatMarkdown,
		"<!-- replykit-disable-next-line Customer asked for this wording -->\nSorry1 you1\n" +
			"<!-- replykit-disable-next-line -- customer asked -->\nSorry2 you2\n" +
			"<!--replykit-disable-next-line-->\nSorry3\n",
		[]string{"apology.generic@Sorry1", "blame.you@you1", "apology.generic@Sorry2", "blame.you@you2", "apology.generic@Sorry3"},
		nil},
	{"a group does not match a longer id sharing its prefix", FormatMarkdown,
		"<!-- replykit-disable-next-line apology.gen -->\nSorry1\n",
		[]string{"apology.generic@Sorry1"},
		[]string{"suppression.unused@<!-- replykit-disable-next-line apology.gen -->", "apology.generic@Sorry1"}},
	{"a multi-line comment covers the line after its end", FormatMarkdown,
		"<!-- replykit-disable-next-line apology\n     the customer asked -->\nSorry1\nSorry2\n",
		[]string{"apology.generic@Sorry1", "apology.generic@Sorry2"},
		[]string{"apology.generic@Sorry2"}},
	{"next-line on the last line covers nothing", FormatMarkdown,
		"Sorry1\n<!-- replykit-disable-next-line apology.generic -->",
		[]string{"apology.generic@Sorry1"},
		[]string{"apology.generic@Sorry1", suptUnusedA}},

	// disable-line.
	{"disable-line at the end of a line hides that line", FormatMarkdown,
		"Sorry1 you1 <!-- replykit-disable-line apology.generic -->\nSorry2\n",
		[]string{"apology.generic@Sorry1", "blame.you@you1", "apology.generic@Sorry2"},
		[]string{"blame.you@you1", "apology.generic@Sorry2"}},
	{"disable-line with no rule hides everything on its line", FormatMarkdown,
		"Sorry1 you1 <!-- replykit-disable-line -->\n",
		[]string{"apology.generic@Sorry1", "blame.you@you1"},
		nil},

	{"in Markdown a directive outside a comment is only text", FormatMarkdown,
		"replykit-disable-next-line apology\nSorry1\n`<!-- replykit-disable-next-line apology -->`\nSorry2\n",
		[]string{"apology.generic@Sorry1", "apology.generic@Sorry2"},
		[]string{"apology.generic@Sorry1", "apology.generic@Sorry2"}},

	// Ranges.
	{"disable … enable", FormatMarkdown,
		"Sorry1\n<!-- replykit-disable apology -->\nSorry2\n\nSorry3\n<!-- replykit-enable apology -->\nSorry4\n",
		[]string{"apology.generic@Sorry1", "apology.generic@Sorry2", "apology.generic@Sorry3", "apology.generic@Sorry4"},
		[]string{"apology.generic@Sorry1", "apology.generic@Sorry4"}},
	{"a range never enabled runs to the end", FormatMarkdown,
		"Sorry1\n<!-- replykit-disable apology.generic -->\nSorry2\n\n\nSorry3",
		[]string{"apology.generic@Sorry1", "apology.generic@Sorry2", "apology.generic@Sorry3"},
		[]string{"apology.generic@Sorry1"}},
	{"a range within one line", FormatMarkdown,
		"Sorry1 <!-- replykit-disable --> Sorry2 <!-- replykit-enable --> Sorry3\n",
		[]string{"apology.generic@Sorry1", "apology.generic@Sorry2", "apology.generic@Sorry3"},
		[]string{"apology.generic@Sorry1", "apology.generic@Sorry3"}},
	{"enable of one rule leaves the other disabled", FormatMarkdown,
		"<!-- replykit-disable apology.generic,blame.you -->\nSorry1 you1\n<!-- replykit-enable apology.generic -->\nSorry2 you2\n",
		[]string{"apology.generic@Sorry1", "blame.you@you1", "apology.generic@Sorry2", "blame.you@you2"},
		[]string{"apology.generic@Sorry2"}},
	{"enable of a group ends a disable of an id in it; enable all ends every range", FormatMarkdown,
		"<!-- replykit-disable apology.generic -->\n<!-- replykit-disable blame -->\nSorry1 you1\n" +
			"<!-- replykit-enable apology -->\nSorry2 you2\n<!-- replykit-enable all -->\nSorry3 you3\n",
		[]string{"apology.generic@Sorry1", "blame.you@you1", "apology.generic@Sorry2", "blame.you@you2",
			"apology.generic@Sorry3", "blame.you@you3"},
		[]string{"apology.generic@Sorry2", "apology.generic@Sorry3", "blame.you@you3"}},
	{"an enable that ends nothing is reported", FormatMarkdown,
		"<!-- replykit-disable apology -->\nSorry1\n<!-- replykit-enable blame -->\nyou1\n<!-- replykit-enable -->\n",
		[]string{"apology.generic@Sorry1", "blame.you@you1"},
		[]string{"suppression.unused@<!-- replykit-enable blame -->", "blame.you@you1"}},
	{"an unused range is reported", FormatMarkdown,
		"<!-- replykit-disable blame -->\nSorry1\n<!-- replykit-enable blame -->\n",
		[]string{"apology.generic@Sorry1"},
		[]string{"suppression.unused@<!-- replykit-disable blame -->", "apology.generic@Sorry1"}},

	// Stacking.
	{"stacked next-line comments all reach the first other line", FormatMarkdown,
		"<!-- replykit-disable-next-line apology -->\n<!-- replykit-disable-next-line blame -->\n  <!-- x --> \nSorry0\n" +
			"<!-- replykit-disable-next-line apology -->\n<!-- replykit-disable-next-line blame -->\nSorry1 you1\nSorry2 you2\n",
		[]string{"apology.generic@Sorry0", "apology.generic@Sorry1", "blame.you@you1", "apology.generic@Sorry2", "blame.you@you2"},
		[]string{
			"suppression.unused@<!-- replykit-disable-next-line apology -->",
			"suppression.unused@<!-- replykit-disable-next-line blame -->",
			"apology.generic@Sorry0", "apology.generic@Sorry2", "blame.you@you2"}},
	{"two comments on one line", FormatMarkdown,
		"<!-- replykit-disable-next-line apology --> <!-- replykit-disable-next-line blame -->\nSorry1 you1 neg1\n",
		[]string{"apology.generic@Sorry1", "blame.you@you1", "negative.cannot@neg1"},
		[]string{"negative.cannot@neg1"}},
	{"overlapping suppressions are all used", FormatMarkdown,
		"<!-- replykit-disable apology -->\n<!-- replykit-disable-next-line apology.generic -->\nSorry1\n",
		[]string{"apology.generic@Sorry1"},
		nil},
	{"stacked disable-line and next-line", FormatMarkdown,
		"<!-- replykit-disable-next-line apology -->\nSorry1 you1 <!-- replykit-disable-line blame -->\nyou2\n",
		[]string{"apology.generic@Sorry1", "blame.you@you1", "blame.you@you2"},
		[]string{"blame.you@you2"}},

	// Line endings.
	{"CRLF", FormatMarkdown,
		"<!-- replykit-disable-next-line apology -->\r\nSorry1\r\nSorry2 <!-- replykit-disable-line -->\r\nSorry3\r\n",
		[]string{"apology.generic@Sorry1", "apology.generic@Sorry2", "apology.generic@Sorry3"},
		[]string{"apology.generic@Sorry3"}},
	{"CRLF and stacking", FormatMarkdown,
		"<!-- replykit-disable-next-line apology -->\r\n<!-- replykit-disable-next-line blame -->\r\nSorry1 you1\r\nyou2\r\n",
		[]string{"apology.generic@Sorry1", "blame.you@you1", "blame.you@you2"},
		[]string{"blame.you@you2"}},
	{"lone CR", FormatMarkdown,
		"<!-- replykit-disable-next-line apology -->\rSorry1\rSorry2",
		[]string{"apology.generic@Sorry1", "apology.generic@Sorry2"},
		[]string{"apology.generic@Sorry2"}},

	// Unused and misspelt.
	{"only the unused rules of a comment are reported", FormatMarkdown,
		"<!-- replykit-disable-next-line apology.generic,blame.you -->\nSorry1\n",
		[]string{"apology.generic@Sorry1"},
		[]string{"suppression.unused@<!-- replykit-disable-next-line apology.generic,blame.you -->"}},
	{"a misspelt rule id is unused", FormatMarkdown,
		"<!-- replykit-disable-next-line apology.genric -->\nSorry1\n",
		[]string{"apology.generic@Sorry1"},
		[]string{"suppression.unused@<!-- replykit-disable-next-line apology.genric -->", "apology.generic@Sorry1"}},
	{"a lower-case first word of a reason reads as a rule", FormatMarkdown,
		"<!-- replykit-disable-next-line because they asked -->\nSorry1\n",
		[]string{"apology.generic@Sorry1"},
		[]string{"suppression.unused@<!-- replykit-disable-next-line because they asked -->", "apology.generic@Sorry1"}},
	{"not a directive: other words, other comments", FormatMarkdown,
		"<!-- replykit-disabled apology -->\n<!-- replykit -->\n<!-- see replykit-disable-next-line -->\nSorry1\n",
		[]string{"apology.generic@Sorry1"},
		[]string{"apology.generic@Sorry1"}},

	// Where a comment counts.
	{"a comment in a fenced code block does not count", FormatMarkdown,
		"```\n<!-- replykit-disable-next-line apology -->\n```\nSorry1\n",
		[]string{"apology.generic@Sorry1"},
		[]string{"apology.generic@Sorry1"}},
	{"a comment in a code span does not count", FormatMarkdown,
		"Write `<!-- replykit-disable-line apology -->` here: Sorry1\n",
		[]string{"apology.generic@Sorry1"},
		[]string{"apology.generic@Sorry1"}},
	{"a comment in quoted text does not count", FormatMarkdown,
		"> <!-- replykit-disable apology -->\nSorry1\n",
		[]string{"apology.generic@Sorry1"},
		[]string{"apology.generic@Sorry1"}},
	{"a comment in an HTML draft", FormatHTML,
		"<p>Sorry1 <!-- replykit-disable-line apology --></p>\n<p>Sorry2</p>\n",
		[]string{"apology.generic@Sorry1", "apology.generic@Sorry2"},
		[]string{"apology.generic@Sorry2"}},
	{"a comment in <pre> does not count", FormatHTML,
		"<pre><!-- replykit-disable-line apology --></pre>Sorry1\n",
		[]string{"apology.generic@Sorry1"},
		[]string{"apology.generic@Sorry1"}},
	{"a comment in a .txt draft", FormatText,
		"<!-- replykit-disable-next-line apology -->\nSorry1\n",
		[]string{"apology.generic@Sorry1"},
		nil},

	// The plain-text form.
	{"text form: next-line, with and without # and //", FormatText,
		"replykit-disable-next-line apology Customer asked\nSorry1\n" +
			"  # replykit-disable-next-line blame  \nyou1\n" +
			"//replykit-disable-next-line negative\nneg1\nSorry4\n",
		[]string{"apology.generic@Sorry1", "blame.you@you1", "negative.cannot@neg1", "apology.generic@Sorry4"},
		[]string{"apology.generic@Sorry4"}},
	{"text form: a range", FormatText,
		"Sorry1\n# replykit-disable apology\nSorry2\n# replykit-enable apology\nSorry3\n",
		[]string{"apology.generic@Sorry1", "apology.generic@Sorry2", "apology.generic@Sorry3"},
		[]string{"apology.generic@Sorry1", "apology.generic@Sorry3"}},
	{"text form: findings on the directive line are dropped and hide nothing", FormatText,
		"replykit-disable-next-line blame Customer ASKED!!\nSorry1\n",
		[]string{"metric.caps@ASKED", "metric.bangs@!!", "apology.generic@Sorry1"},
		[]string{"suppression.unused@replykit-disable-next-line blame Customer ASKED!!", "apology.generic@Sorry1"}},
	{"text form: unused lines are reported without surrounding space", FormatText,
		"   // replykit-disable apology  \r\nyou1\r\n",
		[]string{"blame.you@you1"},
		[]string{"suppression.unused@// replykit-disable apology", "blame.you@you1"}},
	{"text form: stacking and CRLF", FormatText,
		"replykit-disable-next-line apology\r\n# replykit-disable-next-line blame\r\nSorry1 you1\r\nyou2\r\n",
		[]string{"apology.generic@Sorry1", "blame.you@you1", "blame.you@you2"},
		[]string{"blame.you@you2"}},
	{"text form: only when the directive is the whole line", FormatText,
		"Please run replykit-disable-next-line apology\nSorry1\n",
		[]string{"apology.generic@Sorry1", "negative.run@run"},
		[]string{"negative.run@run", "apology.generic@Sorry1"}},
	{"text form: no disable-line", FormatText,
		"replykit-disable-line apology\nSorry1\n",
		[]string{"apology.generic@Sorry1"},
		[]string{"apology.generic@Sorry1"}},
	{"text form: not in a fenced code block", FormatText,
		"```\nreplykit-disable-next-line apology\n```\nSorry1\n",
		[]string{"apology.generic@Sorry1"},
		[]string{"apology.generic@Sorry1"}},
	{"text form: not in a quote", FormatText,
		"> replykit-disable apology\nSorry1\n",
		[]string{"apology.generic@Sorry1"},
		[]string{"apology.generic@Sorry1"}},
	{"text form: not in Markdown", FormatMarkdown,
		"replykit-disable-next-line apology\nSorry1\n",
		[]string{"apology.generic@Sorry1"},
		[]string{"apology.generic@Sorry1"}},
	{"text form: in an .eml body, not in its headers", FormatEmail,
		"Subject: replykit-disable apology\nX-Note: x\n\nSorry1\n# replykit-disable-next-line blame\nyou1\nyou2\n",
		[]string{"apology.generic@Sorry1", "blame.you@you1", "blame.you@you2"},
		[]string{"apology.generic@Sorry1", "blame.you@you2"}},
}

// suptDiag builds the finding "rule.id@needle" in src.
func suptDiag(t testing.TB, src, spec string) Diagnostic {
	t.Helper()
	id, needle, ok := strings.Cut(spec, "@")
	if !ok {
		t.Fatalf("bad finding %q", spec)
	}
	i := strings.Index(src, needle)
	if i < 0 {
		t.Fatalf("finding %q: %q is not in the source", spec, needle)
	}
	group, _, _ := strings.Cut(id, ".")
	cat := suptCategories[group]
	if cat == "" {
		cat = "over-familiar"
	}
	return Diagnostic{Start: i, End: i + len(needle), RuleID: id, Category: cat, Severity: Warning, Message: "m"}
}

func suptShow(src []byte, ds []Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.RuleID+"@"+string(src[d.Start:d.End]))
	}
	return out
}

func TestSuppress(t *testing.T) {
	for _, tc := range suptCases {
		t.Run(tc.name, func(t *testing.T) {
			d := NewDocument("", []byte(tc.src), tc.format)
			var in []Diagnostic
			for _, f := range tc.finds {
				in = append(in, suptDiag(t, tc.src, f))
			}
			before := slices.Clone(in)
			got := ApplySuppressions(d, in)
			if g := suptShow(d.Src, got); !slices.Equal(g, tc.want) {
				t.Errorf("got  %q\nwant %q", g, tc.want)
			}
			if !slices.IsSortedFunc(got, suptCompare) {
				t.Errorf("not sorted: %q", suptShow(d.Src, got))
			}
			if !slices.EqualFunc(in, before, func(a, b Diagnostic) bool { return suptCompare(a, b) == 0 }) {
				t.Errorf("input changed")
			}
			for _, g := range got {
				if g.RuleID == SuppressionUnused && (g.Category != SuppressionCategory || g.Severity != Warning || g.Message == "") {
					t.Errorf("bad report %+v", g)
				}
			}
		})
	}
}

func suptSame(a, b Diagnostic) bool {
	return a.Start == b.Start && a.End == b.End && a.RuleID == b.RuleID && a.Category == b.Category &&
		a.Severity == b.Severity && a.Message == b.Message && a.Suggestion == b.Suggestion && len(a.Fixes) == 0 && len(b.Fixes) == 0
}

// suptCompare is SortDiagnostics' order.
func suptCompare(a, b Diagnostic) int {
	return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), strings.Compare(a.RuleID, b.RuleID))
}

func TestSuppressMessages(t *testing.T) {
	cases := []struct{ src, want string }{
		{"<!-- replykit-disable-next-line apology.generic -->\nHi\n",
			"This suppression of apology.generic hides nothing; remove it."},
		{"<!-- replykit-disable-next-line apology.generic, blame -->\nHi\n",
			"This suppression of apology.generic, blame hides nothing; remove it."},
		{"<!-- replykit-disable-next-line apology.generic,blame -->\nSorry\n",
			"This suppression of blame hides nothing; remove blame from it."},
		{"<!-- replykit-disable -->\nHi\n", "This suppression hides nothing; remove it."},
		{"<!-- replykit-disable all -->\nHi\n", "This suppression hides nothing; remove it."},
		{"<!-- replykit-enable apology -->\nHi\n", "This replykit-enable of apology ends no replykit-disable of it; remove it."},
		{"<!-- replykit-enable -->\nHi\n", "This replykit-enable ends no replykit-disable; remove it."},
	}
	for _, tc := range cases {
		d := NewDocument("", []byte(tc.src), FormatMarkdown)
		var in []Diagnostic
		if i := strings.Index(tc.src, "Sorry"); i >= 0 {
			in = append(in, Diagnostic{Start: i, End: i + 5, RuleID: "apology.generic", Category: "apology", Severity: Info})
		}
		got := ApplySuppressions(d, in)
		if len(got) != 1 || got[0].Message != tc.want {
			t.Errorf("%q:\ngot  %+v\nwant %q", tc.src, got, tc.want)
			continue
		}
		if c := tc.src[got[0].Start:got[0].End]; !strings.HasPrefix(c, "<!--") || !strings.HasSuffix(c, "-->") {
			t.Errorf("%q: span %q is not the comment", tc.src, c)
		}
	}
}

func TestSuppressNoDirectives(t *testing.T) {
	src := []byte("Sorry for that, you should have.\n")
	d := NewDocument("", src, FormatMarkdown)
	in := []Diagnostic{
		{Start: 16, End: 31, RuleID: "blame.you", Category: "blame-shifting", Severity: Error},
		{Start: 0, End: 5, RuleID: "apology.generic", Category: "apology", Severity: Warning},
	}
	got := ApplySuppressions(d, in)
	if g := fmt.Sprint(suptShow(src, got)); g != "[apology.generic@Sorry blame.you@you should have]" {
		t.Errorf("got %s", g)
	}
	if in[0].RuleID != "blame.you" {
		t.Errorf("input reordered")
	}
	if len(ApplySuppressions(d, nil)) != 0 {
		t.Errorf("nil in, something out")
	}
}

var suptRules = []struct{ id, cat string }{
	{"apology.generic", "apology"}, {"apology.missing", "apology"}, {"blame.you", "blame-shifting"},
	{"negative.cannot", "negative-phrasing"}, {"suppression.unused", "suppression"},
}

// FuzzSuppress checks that ApplySuppressions never panics, keeps only input
// findings plus suppression.unused reports spanning a directive, and sorts.
func FuzzSuppress(f *testing.F) {
	for i, tc := range suptCases {
		f.Add([]byte(tc.src), uint8(tc.format), []byte{byte(i), 3, 200, 17, 9, 1, 80})
	}
	f.Add([]byte("<!-- replykit-disable-next-line a,b --><!-- replykit-enable -->\r\r\n"), uint8(0), []byte{0, 0, 0})
	f.Add([]byte("# replykit-disable\n<!--replykit-disable-line-->"), uint8(1), []byte{255, 255, 4})
	f.Fuzz(func(t *testing.T, src []byte, format uint8, spans []byte) {
		d := NewDocument("", src, Format(format%4))
		n := len(src)
		var in []Diagnostic
		for i := 0; i+2 < len(spans) && len(in) < 64; i += 3 {
			start := int(spans[i]) * (n + 1) / 256
			end := min(n, start+int(spans[i+1])%16)
			r := suptRules[int(spans[i+2])%len(suptRules)]
			in = append(in, Diagnostic{Start: start, End: end, RuleID: r.id, Category: r.cat, Severity: Info, Message: "x"})
		}
		got := ApplySuppressions(d, in)
		if !slices.IsSortedFunc(got, suptCompare) {
			t.Fatalf("not sorted")
		}
		left := slices.Clone(in)
		for _, g := range got {
			if i := slices.IndexFunc(left, func(x Diagnostic) bool { return suptSame(x, g) }); i >= 0 {
				left = slices.Delete(left, i, i+1)
				continue
			}
			if g.RuleID != SuppressionUnused || g.Category != SuppressionCategory || g.Severity != Warning {
				t.Fatalf("%+v is neither an input finding nor a report", g)
			}
			if g.Start < 0 || g.End > n || g.Start >= g.End {
				t.Fatalf("report span [%d,%d) outside [0,%d)", g.Start, g.End, n)
			}
			if !strings.Contains(string(src[g.Start:g.End]), "replykit-") {
				t.Fatalf("report span %q holds no directive", src[g.Start:g.End])
			}
		}
		if !strings.Contains(string(src), "replykit-") && len(left) > 0 {
			t.Fatalf("no directive, yet %d findings went", len(left))
		}
	})
}

func TestHasDirective(t *testing.T) {
	for text, want := range map[string]bool{
		"<!-- replykit-disable -->": true, "xreplykit-": true, "replykit-": true,
		"kit-": false, "reply kit-": false, "replykit": false, "": false, "eplykit-kit-": false,
	} {
		if got := hasDirective([]byte(text)); got != want {
			t.Errorf("hasDirective(%q) = %v, want %v", text, got, want)
		}
	}
}
