package main

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

func TestExpandLiteral(t *testing.T) {
	for _, c := range []struct {
		tok  string
		want []string // nil: left out
	}{
		{"sorry for the inconvenience", []string{"sorry for the inconvenience"}},
		{"(?i)no problem", []string{"no problem"}},
		{"sorry for (?:any|the) trouble", []string{"sorry for any trouble", "sorry for the trouble"}},
		{"(log|sign) (in|out)", []string{"log in", "sign in", "log out", "sign out"}},
		{"utilize|make use of", []string{"utilize", "make use of"}},
		{`e\.g\.`, []string{"e.g."}},
		{"log(?:ged)? in", nil},
		{`\bsimply\b`, nil},
		{"obvious(ly)?", nil},
		{"[Cc]ustomer", nil},
		{"just|", nil},
		{"(a|b", nil},
	} {
		got, ok := expandLiteral(c.tok)
		if c.want == nil {
			if ok {
				t.Errorf("expandLiteral(%q) = %q, want it left out", c.tok, got)
			}
			continue
		}
		if !ok || !slices.Equal(got, c.want) {
			t.Errorf("expandLiteral(%q) = %q, %v; want %q", c.tok, got, ok, c.want)
		}
	}
}

func TestPhrasesOfGeneratedStyle(t *testing.T) {
	// The generated Tone style, read back as a held-out one, gives the
	// phrase list gen writes for it.
	dir := t.TempDir()
	gen(t, "-style", dir, "-phrase-list", filepath.Join(dir, "want.txt"))
	for _, from := range []string{dir, filepath.Join(dir, styleName)} {
		gen(t, "-from-style", from, "-phrase-list", filepath.Join(dir, "got.txt"))
		got, want := readLines(t, filepath.Join(dir, "got.txt")), readLines(t, filepath.Join(dir, "want.txt"))
		sort.Strings(want) // the generated list is in the style's order
		if !slices.Equal(got, want) {
			t.Errorf("-from-style %s: %d phrases, want the %d of the generated list", from, len(got), len(want))
		}
	}
}

// writeStyle writes a style's files into a folder named name, in a
// temporary folder, and returns its path.
func writeStyle(t *testing.T, name string, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for file, body := range files {
		if err := os.WriteFile(filepath.Join(dir, file), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestPhrasesOfHeldOutStyle(t *testing.T) {
	dir := writeStyle(t, "Support", map[string]string{
		"Blame.yml":    "extends: existence\nmessage: \"'%s' blames\"\nignorecase: true\ntokens:\n  - you forgot\n  - '(?:your|the) mistake'\n  - 'simply\\w*'\n",
		"Plain.yml":    "extends: substitution\nmessage: \"Use '%s'\"\nswap:\n  utilize: use\n  'at this point in time|presently': now\n",
		"Length.yml":   "extends: occurrence\nmessage: long\nmax: 30\ntoken: '\\b\\w+\\b'\nscope: sentence\n",
		"ReadMe.txt":   "not a rule",
		"Exclaim.yml":  "extends: repetition\nmessage: again\ntokens: ['[^\\s]+']\n",
		"Greeting.yml": "extends: existence\nmessage: x\ntokens:\n  - Dear Customer\n  - you forgot\n",
		// A sequence's tokens are maps; some styles write swap as a list of maps.
		"Using.yml": "extends: sequence\nmessage: x\ntokens:\n  - tag: VB\n  - pattern: using\n",
		"Auto.yml":  "extends: substitution\nmessage: x\nswap:\n  - auto-discovery: Autodiscovery\n  - '(?:log|sign) on': log in\n",
	})
	h, err := phrasesOf(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Dear Customer", "at this point in time", "auto-discovery", "log on", "presently", "sign on", "the mistake", "utilize", "you forgot", "your mistake"}
	sort.Strings(want)
	if !slices.Equal(h.phrases, want) {
		t.Errorf("phrases %q, want %q", h.phrases, want)
	}
	if h.rules != 4 || h.otherYML != 3 || !slices.Equal(h.leftOut, []string{`simply\w*`}) || !slices.Equal(h.styles, []string{"Support"}) {
		t.Errorf("rules %d, other kinds %d, left out %q, styles %q; want 4, 3, [simply\\w*], [Support]", h.rules, h.otherYML, h.leftOut, h.styles)
	}
	var out strings.Builder
	if err := run([]string{"-from-style", dir, "-phrase-list", filepath.Join(t.TempDir(), "p.txt")}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if want := "10 phrases from 4 rules of Support; 1 pattern left out (grep -F takes literal text only); 3 rules of other kinds, which replykit and Vale run and grep cannot"; !strings.Contains(out.String(), want) {
		t.Errorf("gen said %q, want %q", out.String(), want)
	}
	for _, args := range [][]string{
		{"-from-style", dir}, // no -phrase-list
		{"-from-style", dir, "-phrase-list", "x", "-phrases", "5"},                    // a synthetic style too
		{"-from-style", t.TempDir(), "-phrase-list", filepath.Join(t.TempDir(), "x")}, // no rules
	} {
		if err := run(args, io.Discard, io.Discard); err == nil {
			t.Errorf("gen %s: no error", strings.Join(args, " "))
		}
	}
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
}

// A style of patterns alone gives grep an empty list, and says so, rather
// than stopping the comparison.
func TestPhrasesOfPatternsOnly(t *testing.T) {
	dir := writeStyle(t, "Rx", map[string]string{"Times.yml": "extends: existence\nmessage: m\ntokens: ['\\d+ ?am', '\\w+ly\\b']\n"})
	list := filepath.Join(t.TempDir(), "phrases.txt")
	var out strings.Builder
	if err := run([]string{"-from-style", dir, "-phrase-list", list}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(list)
	if err != nil || len(data) != 0 {
		t.Errorf("phrase list %q, %v: want it empty", data, err)
	}
	if !strings.Contains(out.String(), "0 phrases from 1 rule of Rx; 2 patterns left out") {
		t.Errorf("gen said %q", out.String())
	}
}
