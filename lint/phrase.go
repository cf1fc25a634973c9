package lint

// Phrase reports every occurrence of any of its phrases.
type Phrase struct {
	Phrases    []string
	Exceptions []string // phrases that cancel an overlapping match
	MatchCase  bool     // a match's letters must have a phrase's case
	// ExceptionsMatchCase: an exception cancels a match only when its
	// letters have the case written (as a Vale rule's exceptions do).
	ExceptionsMatchCase bool
}

func (*Phrase) Kind() string { return "phrase" }
