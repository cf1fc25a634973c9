//go:build frontendonly

package lint

import "testing"

// TestFrontEndOnly checks the benchmark build bench/compare.sh times as a
// floor: every word still read, none looked up, nothing found. A floor
// that matched would overstate what the matcher costs; one that skipped
// the scanner would understate the front end.
func TestFrontEndOnly(t *testing.T) {
	rs := storedEnglish(t)
	src := []byte("Hi Sam,\n\nUnfortunately you should have read the manual. Sorry for any inconvenience caused!\n\nBest,\nAlex\n")
	doc := NewDocument("draft.md", src, FormatMarkdown)
	if got := rs.Lint(doc, Context{}); len(got) != 0 {
		t.Errorf("Lint found %d things in the front-end-only build, want none: %v", len(got), got)
	}
	var sc scanner
	sc.reset(doc, true)
	want := 0
	for sc.next() {
		want++
	}
	r := &run{}
	rs.pass(doc, r, nil, nil)
	if r.words != want || want == 0 {
		t.Errorf("the pass read %d words, the scanner %d: the front end must read them all", r.words, want)
	}
	if len(r.hits) != 0 {
		t.Errorf("the pass matched %d phrases, want none in the front-end-only build", len(r.hits))
	}
}
