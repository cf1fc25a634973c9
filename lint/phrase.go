package lint

// Phrase reports every occurrence of any of its phrases.
type Phrase struct {
	Phrases    []string
	Exceptions []string // phrases that cancel an overlapping match
}

func (*Phrase) Kind() string { return "phrase" }
