package lint

import (
	"unicode"
	"unicode/utf8"
)

// Replace reports each phrase and offers its better phrasing as a fix.
type Replace struct {
	Pairs      []Replacement
	Exceptions []string
	MatchCase  bool // a match's letters must have its phrase's case
}

// Replacement maps one phrase to the text that should stand in its place.
type Replacement struct {
	Phrase, With string
}

func (*Replace) Kind() string { return "replace" }

// matchCase capitalises the replacement at the start of a sentence, so
// "I don't know." becomes "Let me find out." and "… reply ASAP" becomes
// "… reply as soon as possible".
func matchCase(src []byte, start int, with string) string {
	w, size := utf8.DecodeRuneInString(with)
	if unicode.IsLower(w) && sentenceStart(src, start) {
		return string(unicode.ToUpper(w)) + with[size:]
	}
	return with
}

// sentenceStart reports whether only white space, quotes or emphasis stand
// between off and the start of the text, a line start or a sentence end.
func sentenceStart(src []byte, off int) bool {
	for off > 0 {
		r, size := utf8.DecodeLastRune(src[:off])
		switch {
		case r == '\n' || r == '\r' || r == '.' || r == '!' || r == '?' || isSentenceEnd(r):
			return true
		case unicode.IsSpace(r) || r == '*' || r == '_' || r == '"' || r == '“' || r == '\'' || r == '(' || r == '>':
			off -= size
		default:
			return false
		}
	}
	return true
}
