package lint

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// joinedByApostrophe reports whether a match starting at i starts inside a
// word of the scanner's, after an apostrophe between letters ("them'kindly",
// "résumé’kindly"): the word matcher, and so a lead, never sees a word there,
// by design.
func joinedByApostrophe(src []byte, i int) bool {
	apos, size := utf8.DecodeLastRune(src[:i])
	if !isApostrophe(apos) {
		return false
	}
	before, _ := utf8.DecodeLastRune(src[:i-size])
	after, _ := utf8.DecodeRune(src[i:])
	return isWordRune(before) && !isSpaceless(before) && isWordRune(after) && !isSpaceless(after)
}

// expressionMatches is the oracle: the matches of re in src[start:end] that
// the engine can find. Like the engine, it takes the leftmost-first match
// at each place a match may start, keeps it when it starts and ends at word
// edges, and otherwise looks for one that starts further on, even inside
// the one it dropped: a plain FindAll would go on after it instead.
func expressionMatches(re *regexp.Regexp, src []byte, start, end int) []string {
	// An expression that opens with a look-back group matches from the
	// group's end: like a lookbehind, its text is not part of the match.
	behind := strings.Contains(re.String(), "(^|")
	var out []string
	buf := []byte{' '}
	for s := start; s < end; {
		// At s, with what stands before it as far as \b can tell: nothing at
		// the paragraph's start, otherwise a character outside words (RE2's
		// words are ASCII), since a match starting after a word character
		// starts inside a word and is dropped below anyway.
		text, off := src[s:end], 0
		if s > start {
			buf = append(buf[:1], src[s:end]...)
			text, off = buf, 1
		}
		loc := re.FindSubmatchIndex(text)
		if loc == nil {
			break
		}
		if loc[0] != off {
			s += max(1, loc[0]-off) // no match starts before
			continue
		}
		m0, m1 := s, s+loc[1]-off
		if behind {
			m0 = s + loc[3] - off
		}
		if m0 == m1 || joinedByApostrophe(src, m0) || !atWordEdges(src, m0, m1) {
			s++
			continue
		}
		out = append(out, string(src[m0:m1]))
		s = m1
	}
	return out
}

// FuzzGatedPatterns checks anchored patterns, with their gates and
// look-backs, against the expression run over each paragraph (but for the
// matches that start inside a word, see joinedByApostrophe): texts are
// built from the patterns' own words, punctuation, apostrophes, accents and
// line breaks, so that leads, gate words and near misses meet often.
func FuzzGatedPatterns(f *testing.F) {
	exprs := []string{
		`\byou (waited|took|asked) (far )?too (late|long)\b|\bcontact (them|the seller) ([\p{L}'-]+ ){0,2}directly\b`,
		`\b(sorry|regret),? (that )?you found (it|this) ([\p{L}]+ )?(confusing|hard)\b`,
		`(^|[.!?:;] )(once )?again, (the|your|it's)\b`,
		`\b(please|kindly) (call|email) (the |your )?([\p{L}'-]+ ){0,3}directly\b`,
	}
	var rules []Check
	for _, e := range exprs {
		rules = append(rules, &Pattern{Expr: e})
	}
	words := []string{"you", "You", "waited", "took", "asked", "far", "too", "late", "long", "contact", "them",
		"the", "seller", "directly", "directly's", "sorry", "Sorry", "regret", "that", "found", "it", "this",
		"confusing", "hard", "hardly", "once", "again", "Again", "your", "it's", "it’s", "please", "kindly",
		"call", "email", "résumé", "ﬁne", "x"}
	seps := []string{" ", " ", " ", ", ", ". ", "! ", ": ", "\n", "\n\n", "  ", "\r\n", "; ", "-", "'"}
	rs, err := CompileWith(&Language{}, func() []*Rule {
		var out []*Rule
		for i, c := range rules {
			out = append(out, &Rule{ID: "r" + string(rune('0'+i)), Category: "negative-phrasing", Severity: Warning,
				Message: "found %s", Check: c, Origin: "test"})
		}
		return out
	}(), CompileOptions{})
	if err != nil {
		f.Fatal(err)
	}
	res := make([]*regexp.Regexp, len(rs.patterns))
	for i, cp := range rs.patterns {
		if !cp.anchored {
			f.Fatalf("%s is not anchored", exprs[i])
		}
		res[i] = regexp.MustCompile(cp.source())
	}
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte("sorry you found it hard. Again, the long wait"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 512 {
			// The oracle looks again at every place a match may start, over
			// the rest of the paragraph: on long texts the fuzzer would spend
			// its time there (minimising one input took over a minute), and
			// what goes wrong shows on short ones.
			t.Skip("a text of over 256 words")
		}
		text := fuzzText(data, words, seps)
		if len(text) > patternReach {
			// A match reaches at most patternReach bytes past its lead
			// (TestPatternReachLimit); the oracle does not stop there.
			// Words joined by apostrophes can make a short input that long.
			t.Skip("a text longer than a match's reach")
		}
		doc := NewDocument("t.txt", []byte(text), FormatText)
		got := map[int][]string{}
		for _, d := range rs.Lint(doc, Context{}) {
			i := int(d.RuleID[1] - '0')
			got[i] = append(got[i], text[d.Start:d.End])
		}
		paras := (&run{}).proseIndex(doc).paras // the paragraphs the engine's windows stay in
		for i, re := range res {
			var want []string
			for _, para := range paras {
				want = append(want, expressionMatches(re, doc.Src, para.start, para.end)...)
			}
			if !slices.Equal(got[i], want) {
				t.Fatalf("%s\non %q\nfound     %q\nexpression %q", exprs[i], text, got[i], want)
			}
		}
	})
}

// fuzzText turns a fuzzer's bytes into text: words and separators in
// turn, each byte picking one, so that the words a test cares about meet
// often, in every order.
func fuzzText(data []byte, words, seps []string) string {
	var b strings.Builder
	for i, c := range data {
		if i%2 == 0 {
			b.WriteString(words[int(c)%len(words)])
		} else {
			b.WriteString(seps[int(c)%len(seps)])
		}
	}
	return b.String()
}
