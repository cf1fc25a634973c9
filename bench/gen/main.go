// Command gen writes the inputs of replykit's benchmarks: reply drafts in the
// five languages (a library of files, or one large file), a Vale style with
// the same rules replykit runs, and the phrase list for grep. Output depends
// only on the flags: the same flags give the same bytes on every machine.
//
//	go run ./bench/gen -library /tmp/lib -files 10000
//	go run ./bench/gen -single /tmp/drafts.md -size 50MB
//	go run ./bench/gen -style /tmp/styles -phrase-list /tmp/phrases.txt
//	go run ./bench/gen -style /tmp/styles-5k -phrases 5000
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(2)
	}
}

const usage = `Usage: go run ./bench/gen [flags]

Writes benchmark inputs for replykit, deterministically: the same flags give
the same bytes on every machine. Any of the outputs may be asked for at once.

Drafts: a greeting with the customer's name, 2 to 5 paragraphs, a closing, in
a library now and then a signature after "-- "; about 6% of sentences carry
a phrase the shipped rules flag ("Sorry for the inconvenience", blame,
"unfortunately", vague timing, [Customer Name] and other placeholders).

  -library DIR -files N      N drafts as files DIR/<lang>/<nnn>/reply-<i>.md
                             (a fifth .txt); -lang mix (the default here)
                             makes 60% English and 10% each of ms, he, zh, fi
                             (10,000 files are about 5.4 MB)
  -single FILE -size SIZE    one file of exactly SIZE (1MB, 50MB, …; units in
                             1024s) of drafts separated by blank lines, English
                             unless -lang says otherwise, no signatures
  -paragraph FILE            a one-paragraph draft (for the cold-start row)
  -style DIR                 a Vale style in DIR/Tone/*.yml: from replykit's
                             English pack, about 330 phrases in existence rules,
                             100 substitution pairs and 3 occurrence rules; with
                             -phrases N, a synthetic style of N phrases instead
  -phrase-list FILE          the phrases of that style (-phrases N or the Tone
                             style), one a line, for grep -F -w -i -f FILE
  -phrase-list FILE -from-style DIR
                             the phrases of a Vale style you have (one style's
                             folder, or a styles folder): the tokens of its
                             existence rules and the left-hand sides of its
                             substitutions that are literal text, groups of
                             literal alternatives expanded; patterns are left
                             out and counted

Flags:
`

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	var (
		library    = fs.String("library", "", "write a library of drafts into `DIR`")
		files      = fs.Int("files", 10000, "number of drafts in the library")
		single     = fs.String("single", "", "write one large file of drafts to `FILE`")
		size       = fs.String("size", "50MB", "size of the -single file: bytes, or with a unit B, KB, MB, GB")
		paragraph  = fs.String("paragraph", "", "write a one-paragraph draft to `FILE`")
		lang       = fs.String("lang", "", "language of the drafts: mix, en, ms, he, zh or fi (default: mix for -library, en otherwise)")
		styleDir   = fs.String("style", "", "write a Vale style into `DIR`/Tone")
		phrases    = fs.Int("phrases", 0, "with -style or -phrase-list: a synthetic style of `N` phrases instead of the Tone style")
		phraseList = fs.String("phrase-list", "", "write the style's phrases, one a line, to `FILE`")
		fromStyle  = fs.String("from-style", "", "with -phrase-list: the phrases of the Vale style in `DIR` (one style's folder or a styles folder) instead of a generated one")
		seed       = fs.Uint64("seed", 1, "seed of the pseudo-random generator")
	)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("unexpected argument %q: every output is a flag", fs.Arg(0))
	}
	if *library == "" && *single == "" && *paragraph == "" && *styleDir == "" && *phraseList == "" {
		fs.Usage()
		return errors.New("nothing to write: give -library, -single, -paragraph, -style or -phrase-list")
	}
	if *lang != "" && *lang != "mix" && languageByCode(*lang) == nil {
		return fmt.Errorf("-lang %q: want mix, en, ms, he, zh or fi", *lang)
	}
	langOr := func(def string) string {
		if *lang == "" {
			return def
		}
		return *lang
	}

	if *library != "" {
		if *files < 1 {
			return fmt.Errorf("-files %d: want at least 1", *files)
		}
		n, err := writeLibrary(*library, *files, langOr("mix"), *seed)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: %d files, %d bytes\n", *library, *files, n)
	}
	if *single != "" {
		n, err := parseSize(*size)
		if err != nil {
			return err
		}
		if err := writeSingle(*single, n, langOr("en"), *seed); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: %d bytes\n", *single, n)
	}
	if *paragraph != "" {
		if err := writeParagraph(*paragraph, langOr("en"), *seed); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: one paragraph\n", *paragraph)
	}
	if *fromStyle != "" {
		if *phraseList == "" || *styleDir != "" || *phrases != 0 {
			return errors.New("-from-style reads a style, for -phrase-list only: leave out -style and -phrases")
		}
		h, err := phrasesOf(*fromStyle)
		if err != nil {
			return err
		}
		// A style of patterns alone leaves grep nothing to look for: its
		// list is empty (grep -F -f then matches nothing), and the line
		// below says so, rather than the comparison stopping for it.
		list := ""
		if len(h.phrases) > 0 {
			list = strings.Join(h.phrases, "\n") + "\n"
		}
		if err := os.WriteFile(*phraseList, []byte(list), 0o644); err != nil {
			return err
		}
		other := ""
		if h.otherYML > 0 {
			other = fmt.Sprintf("; %s of other kinds, which replykit and Vale run and grep cannot", count(h.otherYML, "rule", "rules"))
		}
		fmt.Fprintf(stdout, "%s: %s from %s of %s; %s left out (grep -F takes literal text only)%s\n",
			*phraseList, count(len(h.phrases), "phrase", "phrases"), count(h.rules, "rule", "rules"), strings.Join(h.styles, ", "),
			count(len(h.leftOut), "pattern", "patterns"), other)
		return nil
	}
	if *styleDir != "" || *phraseList != "" {
		if *phrases < 0 {
			return fmt.Errorf("-phrases %d: want a positive number", *phrases)
		}
		var st *style
		var err error
		if *phrases > 0 {
			st, err = syntheticStyle(*phrases, *seed)
		} else {
			st, err = toneStyle()
		}
		if err != nil {
			return err
		}
		if *styleDir != "" {
			if err := st.write(*styleDir); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%s/%s: %s\n", *styleDir, styleName, st.summary())
		}
		if *phraseList != "" {
			if err := st.writePhrases(*phraseList); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%s: %d phrases\n", *phraseList, len(st.phrases))
		}
	}
	return nil
}

// parseSize reads a size as replykit's --max-file-size does: bytes, or a
// number with a unit B, KB, MB or GB (in 1024s; KiB, MiB, GiB too).
func parseSize(s string) (int64, error) {
	num, mult := strings.TrimSpace(s), 1.0
	for _, u := range []struct {
		name string
		n    float64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"B", 1}} {
		if len(num) > len(u.name) && strings.EqualFold(num[len(num)-len(u.name):], u.name) {
			num, mult = strings.TrimSpace(num[:len(num)-len(u.name)]), u.n
			break
		}
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f*mult < 1 || f*mult > 1<<40 {
		return 0, fmt.Errorf("-size %q: want a number of bytes or a size such as 50MB, from 1 byte to 1 TB", s)
	}
	return int64(f * mult), nil
}

// summary counts the style's rules by kind and its phrases.
func (st *style) summary() string {
	kinds := map[string]int{}
	pairs, tokens := 0, 0
	for _, r := range st.rules {
		kinds[r.Extends]++
		pairs += len(r.swapPairs)
		tokens += len(r.Tokens)
	}
	return fmt.Sprintf("%d existence rules (%d phrases), %d substitution rules (%d pairs), %d occurrence rules",
		kinds["existence"], tokens, kinds["substitution"], pairs, kinds["occurrence"])
}

// count writes n with the word for one or for several.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
