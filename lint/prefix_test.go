package lint

import (
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestPrefixNFA(t *testing.T) {
	const ampm = `\d{1,2}[AP]M\b|\d{1,2} ?[ap]m\b|\d{1,2} ?[aApP]\.[mM]\.`
	cases := []struct {
		expr, text string
		want       bool
	}{
		{`\d+(?:st|nd|rd|th)`, "21st", true},
		{`\d+(?:st|nd|rd|th)`, "2026-11-23", false}, // the dash ends every branch
		{`\d+(?:st|nd|rd|th)`, "1", false},          // the text ends first
		{`\d+(?:st|nd|rd|th)`, "12345678901234567890th", true},
		{`\d+(?:st|nd|rd|th)`, "12345678901234567890", false},                           // the text ends first
		{`\d+(?:st|nd|rd|th)`, strings.Repeat("1234567890", maxPrefixChars/10+1), true}, // past maxPrefixChars: the regexp decides
		{ampm, "10 pm", true},
		{ampm, "10 PM", false}, // a space before capitals is no branch's
		{ampm, "9A.M.", true},
		{ampm, "9A.N.", false},
		{ampm, "9a.M.", true},
		{ampm, "2026", false},
		{ampm, "12×pm", false},                // no branch reads a character outside ASCII
		{`(?i)\bkelvin`, "\u212aelvin", true}, // K, folded, is the Kelvin sign too
		{`(?i)[a-z]x`, "\u017fx", true},       // and s the long s
		{`[a-z]x`, "\u017fx", false},
		{`.x|[^a-z]y`, "éx", true},
		{`[^a-z]y`, "éy", true},
		{`[^a-z]y`, "éz", false},
		{`\d+`, "١٢", false},           // \d is ASCII's digits
		{`x\x{FFFD}y`, "x\xffy", true}, // an invalid byte reads as U+FFFD
		{`(?i)\d+ms\b`, "30MS", true},
		{`(?i)\d+ms\b`, "30 ms", false},
		{`\bx\b|y`, "x", true}, // \b is taken to hold, here at the end
		{`a*`, "zzz", true},    // matches nothing: every place may
		{`(?m)^ok$`, "ok", true},
		{`(?m)^ok$`, "on", false},
	}
	for _, c := range cases {
		p := newPrefixNFA(c.expr)
		if p == nil {
			t.Fatalf("%s: no prefixNFA", c.expr)
		}
		if got := p.mayMatch([]byte(c.text)); got != c.want {
			t.Errorf("%s at the start of %q: mayMatch %v, want %v", c.expr, c.text, got, c.want)
		}
		// Never a place the expression matches at.
		if re := regexp.MustCompile(`^(?:` + c.expr + `)`); re.MatchString(c.text) && !p.mayMatch([]byte(c.text)) {
			t.Errorf("%s matches at the start of %q, turned away", c.expr, c.text)
		}
	}
	if p := newPrefixNFA(strings.Repeat(`(?:ab|cd)`, 480)); p != nil {
		t.Errorf("a program of more than %d instructions: want none", maxPrefixInsts)
	}
}

// The prefix turns away the digits of dates and versions that Google's
// Ordinal rule would be tried at: all of them here.
func TestPrefixNFATurnsAwayDigits(t *testing.T) {
	p := newPrefixNFA(`\d+(?:st|nd|rd|th)`)
	text := []byte("Fixed in v1.2.3 on 2026-11-23, see #4512 and 0x1f; the 21st works.")
	tried := 0
	for k, c := range text {
		if c >= '0' && c <= '9' && p.mayMatch(text[k:]) {
			tried++
			if !strings.HasPrefix(string(text[k:]), "21st") && !strings.HasPrefix(string(text[k:]), "1st") {
				t.Errorf("tried at %q", text[k:])
			}
		}
	}
	if tried != 2 { // "21st" and its "1st"
		t.Errorf("tried at %d digits, want 2", tried)
	}
}

func BenchmarkPrefixNFA(b *testing.B) {
	p := newPrefixNFA(`\d{1,2}[AP]M\b|\d{1,2} ?[ap]m\b|\d{1,2} ?[aApP]\.[mM]\.`)
	text := []byte("2026-11-23 at 10:30, order 45992")
	b.ReportAllocs()
	for b.Loop() {
		for k := range text {
			p.mayMatch(text[k:])
		}
	}
}

// The dfa answers as the sets it was built from do, and an expression
// whose sets are too many to number keeps the sets alone.
func TestPrefixDFA(t *testing.T) {
	exprs := []string{
		`\d+(?:st|nd|rd|th)`,
		`\d{1,2}[AP]M\b|\d{1,2} ?[ap]m\b|\d{1,2} ?[aApP]\.[mM]\.`,
		`(?i)\d{1,2}(?:\.|/)\d{1,2}(?:\.|/)\d{4}|\d{1,2} (?:Jan(?:uary)?|May|Dec(?:ember)?) \d{4}`,
		`(?i)\b\d+(?:kB|MB|ms|s|h)`,
		`(?i)[^\s\d]b|日本`,
		`[ab]*a[ab]{10}x`, // 2^11 sets: too many
	}
	words := []string{"1", "21st", "2nd", "9am", "10 PM", "7 a.m.", "12.05.2024", "3 jan 2024", "4 May", "30MS", "ab", "ba",
		"aaaaaaaa", "bbbbbbbx", "x", " ", "-", ".", "/", "é", "\u212aB", "\xff", "\xc3", "日本"}
	rng := rand.New(rand.NewPCG(5, 6))
	for _, expr := range exprs {
		p := newPrefixNFA(expr)
		if (p.dfa == nil) != strings.HasSuffix(expr, "x") {
			t.Errorf("%s: dfa %v", expr, p.dfa != nil)
		}
		sets := *p
		sets.dfa = nil
		re := regexp.MustCompile(`^(?:` + expr + `)`)
		for range 2000 {
			text := []byte(randomText(rng, words, []string{"", " ", "-"}, 6))
			for k := range text {
				got, want := p.mayMatch(text[k:]), sets.mayMatch(text[k:])
				if got != want {
					t.Fatalf("%s at %q: dfa %v, sets %v", expr, text[k:], got, want)
				}
				if !got && re.Match(text[k:]) {
					t.Fatalf("%s matches at %q, turned away", expr, text[k:])
				}
			}
		}
	}
	if p := newPrefixNFA(`[ab]*a[ab]{10}x`); p.dfa != nil {
		t.Errorf("%d sets numbered: want no dfa past %d", len(p.dfa)/0x100, maxPrefixStates)
	}
}

// An expression with no start strings, tried only where its prefix says a
// match may start, finds what FindAllIndex finds: in text with characters
// outside ASCII, invalid bytes and line breaks too.
// next stops a try where it meets the last one that ended with no match
// (see prefixRun), and finds the places mayMatch finds at every character.
func TestPrefixNextMeetsLastTry(t *testing.T) {
	exprs := []string{
		`\w+[.?!]\s{2,}[A-Z]\w+|\w+[.?!][A-Z]\w+`, // a try reads to the word's end
		`(?i)[a-z]+ing\b`,
		`\w+@\w+\.com`,
		`[ab]*a[ab]{3}x`,
		`(?:ab)+c|b+d`,
		`\d+(?:st|nd|rd|th)`,
		`[^,]+,`,
	}
	long := strings.Repeat("deployment", 8) // past maxPrefixChars
	words := []string{"a", "ab", "abab", "bbbd", "aabax", "going", "Sing", "x@y.com", "word.", "Next", "end!", "  ", "21st",
		"2", long, long + ".Z", "é", "\u212a", "\xff", "日本", ",", "\n"}
	rng := rand.New(rand.NewPCG(7, 8))
	for _, expr := range exprs {
		p := newPrefixNFA(expr)
		if p.dfa == nil || p.startMatches {
			t.Fatalf("%s: want a dfa", expr)
		}
		for range 1500 {
			text := []byte(randomText(rng, words, []string{"", " ", "-", "."}, 12))
			for i := 0; i < len(text); {
				want := -1
				for k := i; k < len(text); {
					if (text[k] < utf8.RuneSelf || p.startsWith(text[k:])) && p.mayMatch(text[k:]) {
						want = k
						break
					}
					_, size := charAt(text, k)
					k += size
				}
				if got := p.next(text, i); got != want {
					t.Fatalf("%s: next(%q, %d) = %d, want %d", expr, text, i, got, want)
				}
				_, size := charAt(text, i)
				i += size
			}
		}
	}
}

func TestEachFromPrefixMatchesFindAll(t *testing.T) {
	exprs := []string{
		`[a-z][.?!] {2,}[A-Z]|[a-z][.?!][A-Z]`,
		`\b(?:[A-Z]\.){3,}`,
		`(?:[^,]+,){1,}\s\w+\s(?:and|or)`,
		`\w+!(?:\s|$)`,
		`(?m)^\w+ (?:ok|so)!|!\s\w+$`,
		`["“][^"”“]+["”][.,]`,
		`(?i)[a-z]+[!?]{2,}`,
		`(?i)\bKelvin\b|[^\x00-\x7f]{2}x`,
		`\b\w+ly-\w+\b`,
		`[a-z]q[^!.]*!z`,                       // a try holds the rest of the text: FindAllIndex takes over
		`(?i)½|¾|\d+-\d+/\d+|\d+(?:½|¾)|[ſk]x`, // starts outside ASCII: ½, not ’
	}
	words := []string{"Hi", "there", "you.", "OK.", "Right", "A.B.C.", "u.s.a.", "x,", "tea, milk", "and", "or", "wow!",
		"ok!", "so!", "“quoted”", `"it"`, "why?!", "very-nice", "quickly-made", "—", "–", "Kelvin", "\u212aelvin", "日本x",
		"éé", "\xff", "\xc3x", "ſo", "ſx", "\u212ax", "½", "3¾", "1-2/3", "it’s", "I", "and", "or", "x,", "ok!", "so!", "tea", "Hi ok!\nyes", "! fine\n", "x, tea and", "aq", "aq!z"}
	seps := []string{"", " ", " ", " ", "  ", ". ", "! ", ", ", ", ", "\n", "\n", "\r\n", ".", "!"}
	rng := rand.New(rand.NewPCG(7, 8))
	for _, expr := range exprs {
		cp := &compiledPattern{expr: expr, matchCase: true, inWords: true}
		cp.prefixReady.Store(true) // from the first text on, not after prefixAfter bytes
		if cp.shape().starts.strs != nil {
			t.Fatalf("%s: has start strings; this test is for the others", expr)
		}
		if pf, _, _ := cp.prefixScan(); (pf != nil) != !strings.Contains(expr, "[^,]") {
			t.Fatalf("%s: tried from its prefix %v", expr, pf != nil)
		}
		findsAll(t, cp, "from the prefix", func(i int) []byte {
			if i == 0 {
				// Matches before and after the tries' budget runs out.
				return []byte("aq!z " + strings.Repeat("aq ", 300) + ". aq!z, “no”. Hi.There x\n\nbq!z")
			}
			return []byte(randomText(rng, words, seps, 10))
		}, cp.each)
	}
}

// A condition on the text around a match, given only the bytes it can
// reach (see inContext), holds where it holds on the 256 bytes.
func TestContextReach(t *testing.T) {
	conds := []Pattern{
		{PrecededBy: `\s`}, {PrecededBy: `^|\s`}, {NotPrecededBy: `\bthe `}, {PrecededBy: `k\b`, MatchCase: true},
		{FollowedBy: `\s|$`}, {NotFollowedBy: `[.,]`}, {FollowedBy: `,?\s`}, {NotFollowedBy: `\bk`},
		{NotPrecededBy: `\bthe `, MatchCase: true}, {NotFollowedBy: `k\b`, MatchCase: true}, // a match as long as the reach
		{PrecededBy: `[a-z]+ `}, // no bound: the 256 bytes
	}
	words := []string{"the", "k", "\u212a", "a", "x", "é", "I", ".", ",", "-", "1"}
	seps := []string{"", " ", "  ", "\n", ", "}
	rng := rand.New(rand.NewPCG(9, 10))
	for _, c := range conds {
		cp := &compiledPattern{}
		c.Expr = "x"
		if err := cp.context(&c); err != nil {
			t.Fatal(err)
		}
		if (cp.afterReach < 0 || cp.beforeReach < 0) != (c.PrecededBy == `[a-z]+ `) {
			t.Fatalf("%+v: reach %d after, %d before", c, cp.afterReach, cp.beforeReach)
		}
		whole := &compiledPattern{}
		if err := whole.context(&c); err != nil {
			t.Fatal(err)
		}
		whole.afterReach, whole.beforeReach = -1, -1
		fixed := []string{"athe x", "a the x", "the x", "bak x", "ba\u212a x", "\u212a x", "x.", "x ,", "x, k", "xk", "x\n", "x", "zzzz athe x", "xkzzzz"}
		for i := range 2000 + len(fixed) {
			text := []byte(randomText(rng, words, seps, 12))
			if i < len(fixed) {
				text = []byte(fixed[i])
			}
			for start := 0; start < len(text); start++ {
				if text[start] != 'x' {
					continue
				}
				if got, want := cp.inContext(text, start, start+1), whole.inContext(text, start, start+1); got != want {
					t.Fatalf("%+v at %d of %q: %v, on 256 bytes %v", c, start, text, got, want)
				}
			}
		}
	}
}

// BenchmarkPrefixNext looks for where RedHat's Spacing rule may match in
// prose with a commit hash: inside a word, a try meets the last one.
func BenchmarkPrefixNext(b *testing.B) {
	p := newPrefixNFA(`\w+[.?!]\s{2,}[A-Z]\w+|\w+[.?!][A-Z]\w+`)
	text := []byte(strings.Repeat("Fixed in 9f2c1e7a4b8d0c3f6e5a1b2c9d8e7f6a5b4c3d2e, thanks for the detailed report! Please upgrade. ", 20))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		for i := 0; i < len(text); i++ {
			if i = p.next(text, i); i < 0 {
				break
			}
		}
	}
}

// startsWith answers as the instructions a match may start with do, for
// characters outside ASCII, folded or in classes, and U+FFFD for an
// invalid byte.
func TestPrefixStartsWith(t *testing.T) {
	exprs := []string{
		`(?i)½|¾|\b(?:one|six|\d+)\s(?:half|third)s\b`, // ſ and K, by folding
		`[^a-z]x|é`,
		`.y`,
		`(?s).y`,
		`[α-ωÀ-ÿ]+z|\x{FFFD}q`,
		`(?i)straße|ǅ`, // ß's and ǅ's other cases
		`\d+|[a-z]`,
	}
	runes := []rune{'½', '¾', 'ſ', '\u212a', 'é', 'É', 'α', 'Ω', 'ÿ', 'Ÿ', '中', '’', '😀', utf8.RuneError, 'ẞ', 'ß', 'Ǆ', 'ǅ', 'ǆ', 0x80, 0xff, 0x100, unicode.MaxRune}
	for _, expr := range exprs {
		p := newPrefixNFA(expr)
		re, _ := syntax.Parse(expr, syntax.Perl)
		prog, _ := syntax.Compile(re.Simplify())
		for _, r := range runes {
			want := false
			for pc := range prog.Inst {
				in := &prog.Inst[pc]
				if p.start[pc/64]&(1<<(pc%64)) != 0 && in.MatchRune(r) {
					want = true
				}
			}
			if got := p.startsWith([]byte(string(r))); got != want {
				t.Errorf("%s: startsWith(%q) = %v, want %v (ranges %U)", expr, r, got, want, p.startOutside)
			}
		}
	}
}
