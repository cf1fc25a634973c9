package lint_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/replykit/replykit/lint"
)

// The English pack's placeholder rules find the same placeholders when a
// run remembers which rules match each placeholder text as when each is
// matched afresh: in one draft that repeats them, and in the next drafts
// the same run lints, where the memory is warm.
func TestPlaceholderMemo(t *testing.T) {
	_, rs := englishPack(t)
	holders := []string{"{{ name }}", "{customer_name}", "%{ticket.number}", "[Customer Name]", "<name>", "XXXX",
		"$firstName$", "*|FNAME|*", "[ ]", "%first_name%", "{reason}", "[edit]", "{{ github.event.issue.user.login }}",
		"<Agent name>", "%{recipient.name.first}", "{step 1}", "[link]", "DD/MM/YYYY", "$orderId", "{}"}
	var drafts []string
	for k := range 3 {
		var b strings.Builder
		for i := range 60 {
			h := holders[(i*7+k*3)%len(holders)]
			fmt.Fprintf(&b, "Hi %s, your order %s is on its way.\n\n", h, holders[(i+k)%len(holders)])
		}
		drafts = append(drafts, b.String())
	}
	lintAll := func() [][]string {
		var all [][]string
		for _, text := range drafts {
			var got []string
			for _, d := range rs.Lint(lint.NewDocument("t.md", []byte(text), lint.FormatMarkdown), lint.Context{}) {
				if strings.HasPrefix(d.RuleID, "placeholder.") {
					got = append(got, fmt.Sprintf("%s %d %q", d.RuleID, d.Start, text[d.Start:d.End]))
				}
			}
			all = append(all, got)
		}
		return all
	}
	remembered := lintAll()
	again := lintAll() // every text known now
	was := lint.MemoPlaceholders(false)
	defer lint.MemoPlaceholders(was)
	afresh := lintAll()
	for i := range drafts {
		if len(afresh[i]) < 60 {
			t.Fatalf("draft %d: only %d placeholder findings: the test's placeholders are not found", i, len(afresh[i]))
		}
		if !slices.Equal(remembered[i], afresh[i]) || !slices.Equal(again[i], afresh[i]) {
			t.Errorf("draft %d: remembered %d findings, again %d, afresh %d\nfirst remembered %q\nfirst afresh     %q",
				i, len(remembered[i]), len(again[i]), len(afresh[i]), first(remembered[i], afresh[i]), first(afresh[i], remembered[i]))
		}
	}
}

// first returns the first of a not in b.
func first(a, b []string) string {
	for _, s := range a {
		if !slices.Contains(b, s) {
			return s
		}
	}
	return ""
}
