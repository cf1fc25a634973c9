package lint

// Phrase reports every occurrence of any of its phrases.
type Phrase struct {
	Phrases    []string
	Exceptions []string // phrases that cancel an overlapping match
	MatchCase  bool     // a match's letters must have a phrase's case
}

func (*Phrase) Kind() string { return "phrase" }
