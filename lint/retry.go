package lint

import (
	"regexp"
	"unicode/utf8"
)

// Vale's engine backtracks: where a match at one place fails a check it
// makes there (\b around the tokens, a lookaround), it tries another
// branch, or the next place. RE2 reports one match, leftmost-first, and the
// checks replykit makes after it would drop it; these find the match Vale's
// engine goes on to, trying the expression again, anchored, only where a
// match has failed.

// wordEnded returns where a match at start ends at a word's edge, when the
// one RE2 found there ends inside a word: `\d+ ?(?:k|kb)` finds "300 k" in
// "300 kb", which is no match; Vale's expression, held to \b, goes on to
// the branch that ends at an edge, "300 kb", and so does this. It returns
// -1 when there is none before limit.
func (cp *compiledPattern) wordEnded(src []byte, start, limit int) int {
	cp.endOnce.Do(func() {
		// The empty group marks the match's end, before the character
		// outside words that follows it.
		cp.endRe, _ = regexp.Compile(`^(?:` + cp.source() + `)()(?:[^\p{L}\p{M}\p{N}_]|\z)`)
	})
	if cp.endRe == nil {
		return -1
	}
	m := cp.endRe.FindSubmatchIndex(src[start:limit])
	if m == nil {
		return -1
	}
	return start + m[2*cp.endRe.NumSubexp()]
}

// laterInContext returns the first match that starts inside [start, end),
// after start, and meets the pattern's conditions on the text around it,
// or an empty span: the match at start failed them. The expression is
// tried anchored at each character, with the one before it read as context.
func (cp *compiledPattern) laterInContext(src []byte, start, end, limit int) (int, int) {
	_, after := cp.startRegexps()
	if after == nil {
		return 0, 0
	}
	for p := start; p < end; {
		_, size := utf8.DecodeRune(src[p:end])
		q := p
		if p += size; p >= end {
			break
		}
		if m := after.FindIndex(src[q:limit]); m != nil && q+m[1] > p && cp.inContext(src, p, q+m[1]) {
			return p, q + m[1]
		}
	}
	return 0, 0
}
