package lint

import (
	"encoding/binary"
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
)

func TestStartsOf(t *testing.T) {
	for _, tc := range []struct {
		expr        string
		want        []string // nil: no starts
		word        []bool   // by string of want, sorted
		begin, line bool
	}{
		{`(?i)net[ -]*beans|note[ -]*pad`, []string{"net", "note"}, nil, false, true},
		{`(?i)(?:foos|fuss)[ -]*ball|ping[ -]*pong?`, []string{"foo", "fus", "fuſ", "ping"}, nil, false, true}, // f(?:oos|uss): s ends a string, but for the second character of a literal (see below)
		{`(?i)\bis\b|\bask`, []string{"is", "iſ", "aſ", "as"}, []bool{true, true, true, true}, false, true},    // not "i": a lone letter is found everywhere
		// s folds to ſ, k to the Kelvin sign: each case a string of its own.
		{`(?i)sublime text|kegs?`, []string{"keg", "sublime text", "ſublime text", "\u212aeg"}, nil, false, true},
		{`\b\d+(?:ms|s)`, []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}, []bool{true, true, true, true, true, true, true, true, true, true}, false, true},
		{`\bmy\b|my-|\bme\b|-\bx`, []string{"-x", "me", "my"}, []bool{false, true, false}, false, true}, // "my-" found where "my" is
		{`(?i)bb\s*edit`, []string{"bb"}, nil, false, false},
		{`(?i)Net|nOTe`, []string{"net", "note"}, nil, false, true},
		{`Net|note(?i)pad`, []string{"net", "notepad"}, nil, false, true}, // one folded string: all looked for in either case
		{`(?:^|\s)I\s`, []string{"\tI", "\nI", "\fI", "\rI", " I"}, nil, true, false},
		{`(?:^|\s)Me\s`, []string{"\tMe", "\nMe", "\fMe", "\rMe", " Me"}, nil, true, false},
		{`(?i)(?:^|[ \t])I[ \t]`, []string{"\ti\t", "\ti ", " i\t", " i "}, nil, true, true},
		{`net$`, []string{"net"}, nil, false, false}, // $ is where the text ends, not a line
		{`(?i)a[ -]*b`, nil, nil, false, false},
		{``, nil, nil, false, false},      // matches nothing's width, anywhere
		{`\b|xy`, nil, nil, false, false}, // a branch that reads nothing
		{`(?:)zz|xy`, []string{"xy", "zz"}, nil, false, true},
		{`(?:^|\s)(?:ab|cd|ef|gh)x`, nil, nil, false, false},                 // too many to follow the white space: a lone space is everywhere                              // a lone letter is everywhere
		{`x^y|zz`, []string{"zz"}, nil, false, true},                         // ^ after a character: no match
		{`\w+!`, nil, nil, false, false},                                     // too many first characters
		{`[Xx×]{1,2}月|某某`, []string{"X", "x", "×", "某某"}, nil, false, true},  // x is rare enough to look for
		{`(?i)[xe]+月|某某`, nil, nil, false, false},                            // e is not
		{`(?:x|y)?zz`, nil, nil, false, false},                               // may start with nothing of its own
		{`(?i)caf\x{e9}s|ña`, []string{"caf", "ña", "Ña"}, nil, false, true}, // é ends the string; ñ first: both cases
		// Twenty strings are too many: of four groups alike, the one with the
		// longest head is cut to it (see shortenPrefixes).
		{`not\s+x|[.!?]\s+y`, []string{"not", ".\t", ".\n", ".\f", ".\r", ". ", "!\t", "!\n", "!\f", "!\r", "! ", "?\t", "?\n", "?\f", "?\r", "? "}, nil, false, false},
		{`(?:^|\s)(?:ab|cd|ef|gh)x|zz`, nil, nil, false, false}, // cut to a lone space: no starts
	} {
		re, err := syntax.Parse(tc.expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		st, ok := startsOf(re)
		type item struct {
			s    string
			word bool
		}
		var got, want []item
		for i, s := range st.strs {
			got = append(got, item{string(s), st.word[i]})
		}
		for i, s := range tc.want {
			want = append(want, item{s, tc.word != nil && tc.word[i]})
		}
		cmp := func(a, b item) int { return strings.Compare(a.s, b.s) }
		slices.SortFunc(got, cmp)
		slices.SortFunc(want, cmp)
		if ok != (len(tc.want) > 0) || !slices.Equal(got, want) || ok && (st.begin != tc.begin || st.line != tc.line) {
			t.Errorf("%s: starts %v (ok %v, begin %v, line %v), want %v (begin %v, line %v)", tc.expr, got, ok, st.begin, st.line, want, tc.begin, tc.line)
		}
	}
}

// Where an expression's strings are its matches, all and only them, it is
// not run: a string standing is the match (exprStarts.exact).
func TestStartsExact(t *testing.T) {
	for _, tc := range []struct {
		expr  string
		exact bool
	}{
		{`(?i)(?:^|\s)I`, true}, // Microsoft's first person, its lookahead split off
		{`(?i)\bmy|\bmine|ko`, true},
		{`\bmy|(?i)ko`, false}, // my as written, among folded strings
		{`x[Kk]|yy`, true},
		{`(?i)x[K]`, true},    // (?i) puts k and the Kelvin sign in the class
		{`(?i:x)K`, false},    // K as written, among folded strings
		{`(?i:x)[Kq]`, false}, // the same in a class
		{`(?i:x)7`, true},
		{`\bme\b`, false}, // a \b after it: a condition the strings do not show
		{`-\bx`, false},
		{`\b-x`, false},           // \b before a string that opens with punctuation
		{`^mi|mine|zz|^yy`, true}, // heads mi and yy
		{`^\b-y|-x|zz`, false},    // \b fails before "-" at the start
		{`^|zz|yy`, false},        // an empty match at the start
		{`my$`, false},
		{`(?m)^my`, false},
		{`\Bmy`, false},
		{`(?:^|\s)I\s`, false},  // too many strings to list them all
		{`net|netbeans`, false}, // one string starts another: the shorter is looked for
		{`kegs?`, false},
		{`(?i)sublime text`, true},   // s folds to ſ: a string of its own
		{`(?i)sublime texts`, false}, // and after the first letter, ends the string
	} {
		re, err := syntax.Parse(tc.expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if st, _ := startsOf(re); st.exact != tc.exact {
			t.Errorf("%s: exact %v, want %v (strings %q)", tc.expr, st.exact, tc.exact, st.strs)
		}
	}
}

// Tried where its starts stand, an expression finds what FindAllIndex
// finds on the same text.
func TestEachFromStartsMatchesFindAll(t *testing.T) {
	exprs := []string{
		`(?i)bb[ -]*edit|net[ -]*beans|note[ -]*pad|sublime[ -]*text|kegs?|text[ -]*(?:mate|wrangler)|ñu`,
		`\b\d+(?:kB|MB|ms|s|h)`,
		`(?i)\d+(?:st|nd|rd|th)`,
		`(?i)\b(?:net|bb)\w*\b`,
		`(?i)beans?[^\n]{0,4}pad|pad\s+edit`,
		`(?i)(?:(?:^|\s)I\s)|(?:(?:^|\s)I,\s)|(?:\bI['’]m\b)|(?:\bme\b)|(?:\bmy\b)|(?:\bmine\b)`,
		`\bmy\b|my-|-\bx|(?m)^note|pad$|net$`,
		`\bmine\b|\bme\b`,       // as long as a match may be: and a character more for \b
		`(?i)\bko\b|\bnetkkk\b`, // a case of k takes three bytes
		// Exact: the strings are the matches.
		`(?i)(?:^|\s)I`,
		`(?i)\bmy|\bmine|ko|\bx1`,
		`x[Kk]|-x|yy|zz`,  // four first bytes: looked for as strings
		`\b-x|yy|zz|\bmy`, // not exact: \b before "-" wants a word character
		`^mi|mine|zz|^yy`, // both a head and a string at the start: the first branch's
		`^\b-y|-x|zz`,     // not exact: \b before "-" fails at the start
		`(?i)a[K]|(?:)bb`,
		`(?i:mi)NE|(?i:n)[EeT]`, // not exact: the strings are looked for in either case
		`(?i)[jqxz]\d|\bz\d\d`,  // one-byte strings in either case, read byte by byte (see exprStarts.bytes)
		`\bz\d\d|(?i)[jqxz]\d`,  // the same strings, from a branch with \b first
		// Too many strings, cut to what they share (see shortenPrefixes).
		`\s[—–]\s|\s[—–]|[—–]\s`,
		`(?i)\bnot\s+(?:just|only)\b[^.;:!?]{1,20}?,?\s+but\b|(?:^|[.!?]\s+)(?:it|this)(?:['’]s|\s+is)\s+not\s+[^.;:!?,]{1,20},\s+(?:it|this)\b`,
		// Turned away at most digits by the program's first bytes (see prefixNFA).
		`\d{1,2}[AP]M\b|\d{1,2} ?[ap]m\b|\d{1,2} ?[aApP]\.[mM]\.`,
		`(?i)\d{1,2}(?:\.|/)\d{1,2}(?:\.|/)\d{4}|\d{1,2} (?:Jan(?:uary)?|May|Dec(?:ember)?) \d{4}`,
	}
	words := []string{"—", "–", "a—b", "not", "Not just x, but", "not only a b but", "It's not so, this", "this is not a, it", "this is\nnot a, it", "It’s", "is", ",", ";", "!", "?", "net", "netbeans", "beans", "NoTe-pad", "ſublime", "sublime", "text", "TEXT-mate", "\u212aeg", "kegs", "bb",
		"bb--edit", "edit", "Ñu", "ñu", "12ms", "3s", "x12MB", "_12ms", "21st", "2nd", "3ſt", "1Th", "mate", "pad", "café", "x",
		"bean pad", "beans, pad", "pad  edit", "pad\nedit", "I", "i,", "I'm", "I’m", "army", "my", "me", "mine", "some",
		"mymy", "-x", "a-x", "my-", "note", "mines", "ko", "\u212ao", "KO", "kos", "netkkk", "net\u212a\u212a\u212a", "NETkk",
		"xK", "xk", "X\u212a", "yy", "Yy", "zz", "-y", "aK", "A\u212a", "bb", "BB", "MiNE", "minE", "nE", "Nt", "x1", "ax1", "i",
		"9am", "10 PM", "123pm", "7 a.m.", "7 A.M", "11P.m.", "12.05.2024", "1/2/20245", "3 Jan 2024", "31 december 1999", "4 May", "J1", "q2", "X34", "az56", "Z7"}
	seps := []string{"", " ", " ", "-", ", ", ". ", "\n", "\r\n", "_", "1"}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, expr := range exprs {
		cp := &compiledPattern{expr: expr, matchCase: true}
		sh := cp.shape()
		if sh.starts.strs == nil {
			t.Fatalf("%s: no starts", expr)
		}
		findsAll(t, cp, "from starts", func(int) []byte { return []byte(randomText(rng, words, seps, 10)) },
			func(text []byte, fn func(start, end int)) { cp.eachFromStarts(&sh.starts, text, fn) })
	}
}

// findsAll checks find, on 3,000 texts from text, against FindAllIndex
// with cp's expression: the same matches, and 100 or more in all.
func findsAll(t *testing.T, cp *compiledPattern, how string, text func(i int) []byte, find func(text []byte, fn func(start, end int))) {
	t.Helper()
	whole := regexp.MustCompile(cp.source())
	found := 0
	for i := range 3000 {
		text := text(i)
		var got [][]int
		find(text, func(start, end int) { got = append(got, []int{start, end}) })
		want := whole.FindAllIndex(text, -1)
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("%s on %q: %s %v, FindAllIndex %v", cp.expr, text, how, got, want)
		}
		found += len(want)
	}
	if found < 100 {
		t.Errorf("%s: %d matches in 3,000 texts: the texts should hold more", cp.expr, found)
	}
}

// Over a whole document, the strings looked for once across its prose
// segments, an expression finds in each segment what FindAllIndex finds
// in it.
func TestEachInProseMatchesSegments(t *testing.T) {
	exprs := []string{
		`(?i)(?:(?:^|\s)I\s)|(?:(?:^|\s)I,\s)|(?:\bI['’]m\b)|(?:\bme\b)|(?:\bmy\b)|(?:\bmine\b)`,
		`(?i)bb[ -]*edit|net[ -]*beans|note[ -]*pad`,
		`\b\d+(?:kB|MB|ms|s|h)`,
		`(?i)(?:^|\s)I`, // exact
		`\bmy|\bmine|(?i)\bi'm`,
	}
	words := []string{"I", "i,", "I'm", "my", "me", "mine", "army", "netbeans", "NoTe-pad", "bb edit", "12ms", "x3s",
		"`my code`", "```\nI me\n```", "[my link](http://x/me)", "<b>I</b>", "> I", "* I", "# I", "`x`I am", "`x`I, too"}
	seps := []string{" ", " ", "\n", "\n\n", ", ", ". ", ""}
	rng := rand.New(rand.NewPCG(7, 8))
	for _, expr := range exprs {
		cp := &compiledPattern{expr: expr, matchCase: true}
		sh := cp.shape()
		re := regexp.MustCompile(cp.source())
		found := 0
		for range 2000 {
			d := NewDocument("t.md", []byte(randomText(rng, words, seps, 14)), FormatMarkdown)
			var got, want [][]int
			cp.eachInProse(d, nil, &sh.starts, func(start, end int) { got = append(got, []int{start, end}) }, nil)
			for _, g := range d.Segments {
				if g.Kind == Prose {
					for _, loc := range re.FindAllIndex(d.Src[g.Start:g.End], -1) {
						want = append(want, []int{g.Start + loc[0], g.Start + loc[1]})
					}
				}
			}
			if !slices.EqualFunc(got, want, slices.Equal) {
				t.Fatalf("%s on %q: in prose %v, segment by segment %v", expr, d.Src, got, want)
			}
			found += len(want)
		}
		if found < 100 {
			t.Errorf("%s: %d matches in 2,000 texts: the texts should hold more", expr, found)
		}
	}
}

// randomText joins up to most words drawn from words, each followed by a
// separator drawn from seps.
func randomText(rng *rand.Rand, words, seps []string, most int) string {
	var sb strings.Builder
	for range rng.IntN(most) {
		sb.WriteString(words[rng.IntN(len(words))])
		sb.WriteString(seps[rng.IntN(len(seps))])
	}
	return sb.String()
}

// inRange marks exactly the bytes in its range, in every lane, whatever
// the other lanes hold.
func TestInRange(t *testing.T) {
	for _, r := range [][2]byte{{'0', '9'}, {'a', 'z'}, {1, 0x7e}, {'!', '!'}} {
		for lane := range 8 {
			for c := range 256 {
				for _, fill := range []byte{0, '5', 'x', 0x80, 0xff} {
					var b [8]byte
					for i := range b {
						b[i] = fill
					}
					b[lane] = byte(c)
					x := binary.LittleEndian.Uint64(b[:])
					for i := range b {
						got := inRange(x, r[0], r[1])>>(8*i+7)&1 == 1
						if want := r[0] <= b[i] && b[i] <= r[1]; got != want {
							t.Fatalf("range %q–%q, bytes %q: lane %d marked %v", r[0], r[1], b, i, got)
						}
					}
				}
			}
		}
	}
}

// With the digits as its strings, next reads eight bytes at a time and
// finds each digit where a search byte by byte does.
func TestStartsNextDigits(t *testing.T) {
	cp := &compiledPattern{expr: `\d+(?:st|nd)`, matchCase: true}
	st := &cp.shape().starts
	if st.bytes == nil || st.lo != '0' || st.hi != '9' {
		t.Fatalf("starts %q: bytes %v, range %q–%q", st.strs, st.bytes != nil, st.lo, st.hi)
	}
	text := []byte("order 4512 left on 2026-11-23, é9 and x/7 at last: 0")
	next := needCache()
	var got, want []int
	for p := 0; ; {
		k, _ := st.next(text, p, &next)
		if k < 0 {
			break
		}
		got, p = append(got, k), k+1
	}
	for i, c := range text {
		if '0' <= c && c <= '9' {
			want = append(want, i)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("digits at %v, want %v", got, want)
	}
}

// A pattern rule with no trigger words runs on each paragraph, as one with
// them does: no match crosses a blank line, and $ ends each paragraph. Both
// ways of finding the matches (from the strings every match starts with,
// and the expression over the prose) keep to it, with or without shortcuts.
func TestPatternStaysInParagraph(t *testing.T) {
	const text = "It was late.\n\nWe  sent it.  Then it came!\n \nGreat!\r\n\r\nDone!  Next week.\n"
	tests := []struct {
		expr string
		want []string
	}{
		{`\w+[.?!]\s{2,}[A-Z]\w+`, []string{"it.  Then", "Done!  Next"}},
		{`(?:late|came|Great|Done)[.!]\s{2,}\w+`, []string{"Done!  Next"}}, // from its start strings
		{`\w+!$`, []string{"came!", "Great!"}},                             // no (?m): $ is the paragraph's end, before CR LF too
		{`\w+!\s*$`, []string{"came!", "Great!"}},
		{`\s\s+`, []string{"  ", "  ", "  "}},
		{`[a-z]+\.\s+\w+`, []string{"it.  Then"}},
	}
	for _, tc := range tests {
		for _, thorough := range []bool{false, true} {
			rs := compileRules(t, &Pattern{Expr: tc.expr, Scope: ScopeProse, MatchCase: true, InsideWords: true})
			for _, cp := range rs.patterns {
				if cp != nil {
					cp.thorough = thorough
				}
			}
			got := matched(rs, text, Context{})
			if !slices.Equal(got, tc.want) {
				t.Errorf("%s (thorough %v): %q, want %q", tc.expr, thorough, got, tc.want)
			}
		}
	}
}

// eachParagraph gives the parts of a range that lie in one paragraph each,
// whatever range it was last asked for.
func TestEachParagraph(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for range 200 {
		src := []byte(randomText(rng, []string{"a", "bb", "\n", "\n\n", "\r\n\r\n", "\n \n"}, []string{"", " "}, 40))
		if len(src) == 0 {
			continue
		}
		doc := NewDocument("t.txt", src, FormatText)
		r := &run{}
		r.sc.reset(doc, false)
		x := r.proseIndex(doc)
		for range 30 {
			lo := rng.IntN(len(src) + 1)
			hi := lo + rng.IntN(len(src)+1-lo)
			var got, want []span
			x.eachParagraph(src, lo, hi, func(a, b int) { got = append(got, span{a, b}) })
			for _, p := range x.paras {
				if a, b := max(lo, p.start), min(hi, paraEnd(src, p)); a < b {
					want = append(want, span{a, b})
				}
			}
			if !slices.Equal(got, want) {
				t.Fatalf("%q [%d, %d): %v, want %v (paragraphs %v)", src, lo, hi, got, want, x.paras)
			}
		}
	}
}
