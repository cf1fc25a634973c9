package lint

// Require reports a reply that lacks all of its phrases. With After, only
// sentences (or paragraphs) holding one of the After phrases must also hold
// one of Phrases, and the finding points at the After phrase.
type Require struct {
	Phrases  []string
	After    []string
	Scope    string // "sentence" or "paragraph", with After; "document" otherwise
	ReportAt string // without After: "start" (the first line of prose, the default) or "end" (the last)
}

func (*Require) Kind() string { return "require" }
