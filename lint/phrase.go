package lint

import "unicode/utf8"

// Phrase reports every occurrence of any of its phrases.
type Phrase struct {
	Phrases    []string
	Exceptions []string // phrases that cancel an overlapping match
	MatchCase  bool     // a match's letters must have a phrase's case
	// ExceptionsMatchCase: an exception cancels a match only when its
	// letters have the case written (as a Vale rule's exceptions do).
	ExceptionsMatchCase bool
	// ExceptionsWithin: an exception cancels a match only when it stands
	// inside the match, or the match inside it, as a Vale rule's do ("any
	// inconvenience" leaves "apologise for any" to the rule). Off, any
	// overlap cancels.
	ExceptionsWithin bool
	// SplitContractions: a phrase's last word also matches the part of a
	// contraction before its apostrophe ("we" in "we'll", "we can" in "we
	// can't"), as Vale's \b sees a contraction as two words. Off, a
	// contraction is one word of its own.
	SplitContractions bool
	// HyphensAsWritten: a hyphen or dash between two words of a phrase must
	// be in the text, and a space must be a space ("check-out" is not "check
	// out"), as in a Vale rule. Off, a hyphen and a space are one.
	HyphensAsWritten bool
	// ApostrophesAsWritten: an apostrophe in a phrase must be the one in
	// the text ("I'm" does not match "I’m"), as in a Vale rule. Off, ' and
	// ’ are one.
	ApostrophesAsWritten bool
	// ExceptionPattern, when set, is an expression that excuses a match:
	// one it finds in the match's text, or that holds the match, in its
	// paragraph, cancels it (a Vale rule's exceptions that are expressions
	// rather than words).
	ExceptionPattern string
}

func (*Phrase) Kind() string { return "phrase" }

// endsInLetter reports whether a phrase ends in a letter or digit, so that
// its last word may be the start of a contraction.
func endsInLetter(phrase string) bool {
	r, _ := utf8.DecodeLastRuneInString(phrase)
	return r != utf8.RuneError && isWordRune(r) && !isSpaceless(r)
}
