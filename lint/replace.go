package lint

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Replace reports each phrase and offers its better phrasing as a fix.
type Replace struct {
	Pairs      []Replacement
	Exceptions []string
	MatchCase  bool // a match's letters must have its phrase's case
	// ExceptionsMatchCase and ExceptionsWithin: as for Phrase.
	ExceptionsMatchCase bool
	ExceptionsWithin    bool
	// HyphensAsWritten, ApostrophesAsWritten and SplitContractions: as for Phrase.
	HyphensAsWritten     bool
	ApostrophesAsWritten bool
	SplitContractions    bool
	// ExceptionPattern: as for Phrase.
	ExceptionPattern string
}

// Replacement maps one phrase to the text that should stand in its place.
type Replacement struct {
	Phrase, With string
}

func (*Replace) Kind() string { return "replace" }

// matchCase capitalises the replacement at the start of a sentence, so
// "I don't know." becomes "Let me find out." and "… reply ASAP" becomes
// "… reply as soon as possible". A name written with capitals inside it
// and none first (macOS, iPhone, eBay) keeps its case there too.
func matchCase(src []byte, start int, with string) string {
	w, size := utf8.DecodeRuneInString(with)
	if unicode.IsLower(w) && !strings.ContainsFunc(with[size:], unicode.IsUpper) && sentenceStart(src, start) {
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

// removal is the edit that takes the words in src[start:end] out of their
// sentence: with the spaces after them, or before them when punctuation or
// the end follows, and with the next word capitalised when they opened
// the sentence, a comma after them too ("Just click here." and "Please,
// click here." become "Click here.").
func removal(src []byte, start, end int) TextEdit {
	e := TextEdit{Start: start, End: end}
	if end < len(src) && src[end] == ',' {
		if sentenceStart(src, start) {
			e.End++ // "Please, wait." is "Wait."
		} else if b := bytes.TrimRight(src[:start], " \t"); len(b) > 0 && b[len(b)-1] == ',' {
			e.Start = len(b) - 1 // "Wait, please, for it." is "Wait, for it."
			return e
		}
	}
	for e.End < len(src) && (src[e.End] == ' ' || src[e.End] == '\t') {
		e.End++
	}
	if e.End == end || e.End == len(src) && src[e.End-1] != ',' {
		for e.Start > 0 && (src[e.Start-1] == ' ' || src[e.Start-1] == '\t') {
			e.Start--
		}
		e.End = end
		return e
	}
	first, _ := utf8.DecodeRune(src[start:end])
	next, size := utf8.DecodeRune(src[e.End:])
	if unicode.IsUpper(first) && unicode.IsLower(next) && sentenceStart(src, start) {
		e.NewText = string(unicode.ToUpper(next))
		e.End += size
	}
	return e
}
