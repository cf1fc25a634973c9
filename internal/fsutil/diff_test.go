package fsutil

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// numbered returns "line 1\n" … "line n\n", with line i replaced by
// change[i] where given ("" deletes it, and a value may hold several lines).
func numbered(n int, change map[int]string) string {
	var sb strings.Builder
	for i := 1; i <= n; i++ {
		if c, ok := change[i]; ok {
			sb.WriteString(c)
			continue
		}
		fmt.Fprintf(&sb, "line %d\n", i)
	}
	return sb.String()
}

// The expected outputs are what GNU diff -u prints for the same input.
var diffGoldens = []struct {
	name string
	a, b string
	want string
}{
	{"equal", "same\n", "same\n", ""},
	{"both empty", "", "", ""},
	{"change in the middle", numbered(10, nil), numbered(10, map[int]string{5: "line five\n"}), `--- a/f
+++ b/f
@@ -2,7 +2,7 @@
 line 2
 line 3
 line 4
-line 5
+line five
 line 6
 line 7
 line 8
`},
	{"change at the start", numbered(10, nil), numbered(10, map[int]string{1: "line one\n"}), `--- a/f
+++ b/f
@@ -1,4 +1,4 @@
-line 1
+line one
 line 2
 line 3
 line 4
`},
	{"change at the end", numbered(10, nil), numbered(10, map[int]string{10: "line ten\n"}), `--- a/f
+++ b/f
@@ -7,4 +7,4 @@
 line 7
 line 8
 line 9
-line 10
+line ten
`},
	{"insert only", numbered(10, nil), numbered(10, map[int]string{5: "line 5\nnew line A\nnew line B\n"}), `--- a/f
+++ b/f
@@ -3,6 +3,8 @@
 line 3
 line 4
 line 5
+new line A
+new line B
 line 6
 line 7
 line 8
`},
	{"delete only", numbered(10, nil), numbered(10, map[int]string{5: "", 6: ""}), `--- a/f
+++ b/f
@@ -2,8 +2,6 @@
 line 2
 line 3
 line 4
-line 5
-line 6
 line 7
 line 8
 line 9
`},
	{"final newline added", "a\nb\nc", "a\nb\nc\n", `--- a/f
+++ b/f
@@ -1,3 +1,3 @@
 a
 b
-c
\ No newline at end of file
+c
`},
	{"final newline removed", "a\nb\nc\n", "a\nb\nc", `--- a/f
+++ b/f
@@ -1,3 +1,3 @@
 a
 b
-c
+c
\ No newline at end of file
`},
	{"last line changed, neither has a final newline", "a\nb\nc", "a\nb\nC", `--- a/f
+++ b/f
@@ -1,3 +1,3 @@
 a
 b
-c
\ No newline at end of file
+C
\ No newline at end of file
`},
	{"unchanged last line without a newline is context", "a\nb\nc", "A\nb\nc", `--- a/f
+++ b/f
@@ -1,3 +1,3 @@
-a
+A
 b
 c
\ No newline at end of file
`},
	{"CRLF lines", "one\r\ntwo\r\nthree\r\n", "one\r\nTWO\r\nthree\r\n", "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n one\r\n-two\r\n+TWO\r\n three\r\n"},
	{"CRLF to LF is a change", "one\r\ntwo\r\nthree\r\n", "one\r\ntwo\nthree\r\n", "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n one\r\n-two\r\n+two\n three\r\n"},
	{"from empty", "", "a\nb\n", `--- a/f
+++ b/f
@@ -0,0 +1,2 @@
+a
+b
`},
	{"to empty", "a\nb\n", "", `--- a/f
+++ b/f
@@ -1,2 +0,0 @@
-a
-b
`},
	{"one line", "hi\n", "hello\n", `--- a/f
+++ b/f
@@ -1 +1 @@
-hi
+hello
`},
	{"two hunks", numbered(30, nil), numbered(30, map[int]string{3: "LINE 3\n", 27: "LINE 27\n"}), `--- a/f
+++ b/f
@@ -1,6 +1,6 @@
 line 1
 line 2
-line 3
+LINE 3
 line 4
 line 5
 line 6
@@ -24,7 +24,7 @@
 line 24
 line 25
 line 26
-line 27
+LINE 27
 line 28
 line 29
 line 30
`},
	{"six unchanged lines between changes: one hunk", numbered(30, nil), numbered(30, map[int]string{10: "LINE 10\n", 17: "LINE 17\n"}), `--- a/f
+++ b/f
@@ -7,14 +7,14 @@
 line 7
 line 8
 line 9
-line 10
+LINE 10
 line 11
 line 12
 line 13
 line 14
 line 15
 line 16
-line 17
+LINE 17
 line 18
 line 19
 line 20
`},
	{"seven unchanged lines between changes: two hunks", numbered(30, nil), numbered(30, map[int]string{10: "LINE 10\n", 18: "LINE 18\n"}), `--- a/f
+++ b/f
@@ -7,7 +7,7 @@
 line 7
 line 8
 line 9
-line 10
+LINE 10
 line 11
 line 12
 line 13
@@ -15,7 +15,7 @@
 line 15
 line 16
 line 17
-line 18
+LINE 18
 line 19
 line 20
 line 21
`},
}

func TestUnifiedDiffGolden(t *testing.T) {
	for _, tc := range diffGoldens {
		t.Run(tc.name, func(t *testing.T) {
			got := UnifiedDiff("f", "f", []byte(tc.a), []byte(tc.b))
			if got != tc.want {
				t.Errorf("UnifiedDiff:\n%s\nwant:\n%s", got, tc.want)
			}
			if got != "" {
				checkPatch(t, tc.a, tc.b, got)
			}
		})
	}
}

func TestUnifiedDiffNames(t *testing.T) {
	got := UnifiedDiff("drafts/reply.md", "drafts/reply.md (fixed)", []byte("a\n"), []byte("b\n"))
	if !strings.HasPrefix(got, "--- a/drafts/reply.md\n+++ b/drafts/reply.md (fixed)\n@@ ") {
		t.Errorf("headers wrong:\n%s", got)
	}
}

// TestUnifiedDiffPatchesBack checks on random inputs that applying the diff
// to a gives b, and that the diff is as short as possible: it deletes and
// inserts exactly the lines outside a longest common subsequence.
func TestUnifiedDiffPatchesBack(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pool := []string{"a\n", "b\n", "c\n", "a\r\n", "\n", "Thanks!\n", "x\n"}
	randomText := func(n int) string {
		var sb strings.Builder
		for range n {
			sb.WriteString(pool[rng.IntN(len(pool))])
		}
		s := sb.String()
		if len(s) > 0 && rng.IntN(4) == 0 {
			s = strings.TrimSuffix(s, "\n") // no final newline
		}
		return s
	}
	mutate := func(s string) string {
		lines := strings.SplitAfter(s, "\n")
		for range rng.IntN(4) + 1 {
			i := rng.IntN(len(lines) + 1)
			switch rng.IntN(3) {
			case 0: // insert
				lines = append(lines[:i], append([]string{pool[rng.IntN(len(pool))]}, lines[i:]...)...)
			case 1: // delete
				if i < len(lines) {
					lines = append(lines[:i], lines[i+1:]...)
				}
			case 2: // replace
				if i < len(lines) {
					lines[i] = pool[rng.IntN(len(pool))]
				}
			}
		}
		return strings.Join(lines, "")
	}
	for iter := range 3000 {
		a := randomText(rng.IntN(40))
		var b string
		if iter%3 == 0 {
			b = randomText(rng.IntN(40))
		} else {
			b = mutate(a)
		}
		d := UnifiedDiff("f", "f", []byte(a), []byte(b))
		if a == b {
			if d != "" {
				t.Fatalf("equal inputs %q gave a diff:\n%s", a, d)
			}
			continue
		}
		if !checkPatch(t, a, b, d) {
			t.FailNow()
		}
		removed, added := 0, 0
		for _, l := range strings.Split(d, "\n")[2:] {
			switch {
			case strings.HasPrefix(l, "-"):
				removed++
			case strings.HasPrefix(l, "+"):
				added++
			}
		}
		al, bl := splitLines([]byte(a)), splitLines([]byte(b))
		lcs := lcsLength(al, bl)
		if removed != len(al)-lcs || added != len(bl)-lcs {
			t.Fatalf("diff of %q → %q removes %d and adds %d lines; a shortest one removes %d and adds %d:\n%s",
				a, b, removed, added, len(al)-lcs, len(bl)-lcs, d)
		}
	}
}

// TestUnifiedDiffLarge checks that a few thousand lines with scattered
// changes, and a complete rewrite, diff correctly.
func TestUnifiedDiffLarge(t *testing.T) {
	var a, b strings.Builder
	for i := range 5000 {
		line := "line " + strconv.Itoa(i) + "\n"
		a.WriteString(line)
		switch i % 97 {
		case 0:
			b.WriteString("changed " + line)
		case 50:
			// deleted
		case 60:
			b.WriteString(line + "inserted\n")
		default:
			b.WriteString(line)
		}
	}
	checkPatch(t, a.String(), b.String(), UnifiedDiff("f", "f", []byte(a.String()), []byte(b.String())))

	var c strings.Builder
	for i := range 3000 {
		c.WriteString("other " + strconv.Itoa(i) + "\n")
	}
	old := a.String()[:len(c.String())]
	checkPatch(t, old, c.String(), UnifiedDiff("f", "f", []byte(old), []byte(c.String())))
}

func FuzzUnifiedDiff(f *testing.F) {
	for _, tc := range diffGoldens {
		f.Add(tc.a, tc.b)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		d := UnifiedDiff("f", "f", []byte(a), []byte(b))
		if (d == "") != (a == b) {
			t.Fatalf("UnifiedDiff(%q, %q) = %q", a, b, d)
		}
		if d != "" {
			checkPatch(t, a, b, d)
		}
	})
}

func BenchmarkUnifiedDiff(b *testing.B) {
	var x, y strings.Builder
	for i := range 3000 {
		line := "Thanks for reaching out, this is line " + strconv.Itoa(i) + ".\n"
		x.WriteString(line)
		if i%50 == 0 {
			y.WriteString("We appreciate your patience on line " + strconv.Itoa(i) + ".\n")
		} else {
			y.WriteString(line)
		}
	}
	xb, yb := []byte(x.String()), []byte(y.String())
	b.ReportAllocs()
	for b.Loop() {
		UnifiedDiff("f", "f", xb, yb)
	}
}

// checkPatch applies diff to a with applyPatch and reports whether that
// gives b, failing t if not.
func checkPatch(t *testing.T, a, b, diff string) bool {
	t.Helper()
	got, err := applyPatch(a, diff)
	if err != nil {
		t.Errorf("diff of %q → %q does not apply: %v\n%s", a, b, err, diff)
		return false
	}
	if got != b {
		t.Errorf("diff of %q → %q applied gives %q\n%s", a, b, got, diff)
		return false
	}
	return true
}

// applyPatch is a small, strict patch(1): it applies a unified diff made by
// UnifiedDiff to old, checking every context and removed line, the counts
// in each hunk header, and that hunks come in order without overlapping.
func applyPatch(old, diff string) (string, error) {
	lines := strings.SplitAfter(diff, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	} else {
		return "", fmt.Errorf("diff does not end in a newline")
	}
	if len(lines) < 3 || !strings.HasPrefix(lines[0], "--- a/") || !strings.HasPrefix(lines[1], "+++ b/") {
		return "", fmt.Errorf("missing --- a/ and +++ b/ headers")
	}
	src := strings.SplitAfter(old, "\n")
	if src[len(src)-1] == "" {
		src = src[:len(src)-1]
	}
	var out []string
	pos := 0 // next line of src to copy
	type rec struct {
		op   byte
		text string
	}
	for i := 2; i < len(lines); {
		var as, an, bs, bn int
		if err := parseHunkHeader(lines[i], &as, &an, &bs, &bn); err != nil {
			return "", fmt.Errorf("line %d: %v", i+1, err)
		}
		i++
		// An empty range names the line before it; otherwise the first line.
		first := as - 1
		if an == 0 {
			first = as
		}
		if first < pos || first > len(src) {
			return "", fmt.Errorf("hunk at line %d starts at %d, before %d or past the end", i, first, pos)
		}
		if wantB := len(out) + first - pos + 1; (bn == 0 && bs != wantB-1) || (bn > 0 && bs != wantB) {
			return "", fmt.Errorf("hunk at line %d claims new start %d, want %d", i, bs, wantB)
		}
		out = append(out, src[pos:first]...)
		pos = first

		var body []rec
		for ; i < len(lines) && !strings.HasPrefix(lines[i], "@@ "); i++ {
			l := lines[i]
			if l == "\\ No newline at end of file\n" {
				if len(body) == 0 || !strings.HasSuffix(body[len(body)-1].text, "\n") {
					return "", fmt.Errorf("line %d: misplaced no-newline marker", i+1)
				}
				body[len(body)-1].text = strings.TrimSuffix(body[len(body)-1].text, "\n")
				continue
			}
			if l[0] != ' ' && l[0] != '-' && l[0] != '+' {
				return "", fmt.Errorf("line %d: unexpected %q", i+1, l)
			}
			body = append(body, rec{l[0], l[1:]})
		}
		gotA, gotB := 0, 0
		for _, r := range body {
			switch r.op {
			case ' ', '-':
				if pos >= len(src) || src[pos] != r.text {
					return "", fmt.Errorf("%q does not match old line %d", r.text, pos+1)
				}
				pos++
				gotA++
				if r.op == ' ' {
					out = append(out, r.text)
					gotB++
				}
			case '+':
				out = append(out, r.text)
				gotB++
			}
		}
		if gotA != an || gotB != bn {
			return "", fmt.Errorf("hunk claims -%d +%d lines, holds -%d +%d", an, bn, gotA, gotB)
		}
	}
	out = append(out, src[pos:]...)
	return strings.Join(out, ""), nil
}

// parseHunkHeader reads "@@ -s[,n] +s[,n] @@\n"; a missing count is 1.
func parseHunkHeader(l string, as, an, bs, bn *int) error {
	rest, ok := strings.CutPrefix(l, "@@ -")
	if !ok {
		return fmt.Errorf("want a hunk header, got %q", l)
	}
	rest, ok = strings.CutSuffix(rest, " @@\n")
	if !ok {
		return fmt.Errorf("bad hunk header %q", l)
	}
	old, new, ok := strings.Cut(rest, " +")
	if !ok {
		return fmt.Errorf("bad hunk header %q", l)
	}
	parse := func(r string, s, n *int) error {
		start, count, hasCount := strings.Cut(r, ",")
		var err error
		if *s, err = strconv.Atoi(start); err != nil {
			return err
		}
		*n = 1
		if hasCount {
			if *n, err = strconv.Atoi(count); err != nil {
				return err
			}
			if *n == 1 {
				return fmt.Errorf("count 1 should be left out in %q", l)
			}
		}
		return nil
	}
	if err := parse(old, as, an); err != nil {
		return err
	}
	return parse(new, bs, bn)
}

// lcsLength is the textbook dynamic program, for checking that diffs are
// as short as possible.
func lcsLength(a, b []string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
