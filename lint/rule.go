package lint

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Situations a reply can answer. The empty situation means unknown.
const (
	Complaint = "complaint"
	Question  = "question"
	Feedback  = "feedback"
)

// Situations lists the valid situation names.
var Situations = []string{Complaint, Question, Feedback}

// ValidSituation reports whether s names a situation.
func ValidSituation(s string) bool {
	for _, k := range Situations {
		if k == s {
			return true
		}
	}
	return false
}

// Context is what the linter knows about a draft besides its text.
type Context struct {
	Situation    string // complaint, question, feedback, or "" when unknown
	CustomerName string // from --customer-name or a template; else taken from the greeting
}

// Condition limits when a rule runs.
type Condition struct {
	Situations []string // the rule runs only in these situations; empty means always
}

func (c Condition) holds(ctx *Context) bool {
	if len(c.Situations) == 0 {
		return true
	}
	for _, s := range c.Situations {
		if s == ctx.Situation {
			return true
		}
	}
	return false
}

// Example is a text a rule must flag (bad) or must leave alone (good).
type Example struct {
	Text         string
	Situation    string
	CustomerName string
	Origin       string // file:line:col of the example, for test failures
}

// Examples holds a rule's examples.
type Examples struct {
	Bad, Good []Example
}

// Rule is one tone check, loaded from data. Its Check says which kind it is.
type Rule struct {
	ID         string
	Category   string
	Severity   Severity
	Message    string // may hold %s for the matched text
	Why        string
	Source     string
	Suggestion string
	When       Condition
	Check      Check
	Examples   Examples
	Origin     string // file:line:col where the rule is defined
	// Echoes, when set, keeps the rule's findings apart from those of
	// rules with another value when DropEchoes looks for echoes. A rule
	// converted from another tool sets its own, since that tool reports
	// what each of its rules finds; empty, the category alone decides.
	Echoes string
	// Limit, when above 0, is how many findings the rule reports in a
	// document: the first ones. Rules with the same Echoes share it.
	Limit int
}

// Kind returns the rule's kind name, as written in rule files.
func (r *Rule) Kind() string { return r.Check.Kind() }

// Check is the kind-specific part of a rule: one Go type per kind.
type Check interface {
	Kind() string
}

// Kinds lists the rule kinds in documentation order.
var Kinds = []string{"phrase", "replace", "pattern", "require", "count", "metric"}

// fillMatch puts match, its white space runs as single spaces, for each %s
// in msg. A match of words and single spaces, as most are, is put in as it
// is, with one allocation for the message.
func fillMatch(msg string, match []byte) string {
	i := strings.Index(msg, "%s")
	if i < 0 {
		return msg
	}
	if bytes.ContainsAny(match, "*_~") {
		match = dropEmphasis(match) // "*Please* note" is quoted as "Please note"
	}
	if plainSpaced(match) && !strings.Contains(msg[i+2:], "%s") {
		return msg[:i] + string(match) + msg[i+2:]
	}
	quoted := strings.Join(strings.Fields(string(match)), " ")
	if quoted == "" && len(match) > 0 {
		quoted = blankAsSpaces(match) // a match of white space alone ("  ") is quoted as it stands
	}
	return strings.ReplaceAll(msg, "%s", quoted)
}

// blankAsSpaces returns white space b with each character a space, and a
// CR LF one space: "  " and "\n\n" are quoted as two spaces, as Vale does.
func blankAsSpaces(b []byte) string {
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	return strings.Repeat(" ", utf8.RuneCountInString(s))
}

// OneLine returns s with each line break, and the spaces around it, made
// one space: a message written as a YAML block scalar reads on one line,
// as a finding of the text output and as Vale shows its messages.
func OneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	var sb strings.Builder
	for _, line := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if line = strings.TrimSpace(line); line != "" {
			if sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(line)
		}
	}
	return sb.String()
}

// dropEmphasis returns text without the Markdown emphasis marks that open
// or close a word inside it (see emphasisMarks); those at its edges (a
// match of **bold** itself) stay.
func dropEmphasis(text []byte) []byte {
	marks := emphasisMarks(text, 0, len(text), nil)
	out := make([]byte, 0, len(text))
	from := 0
	for _, m := range marks {
		if m.start > 0 && m.end < len(text) {
			out = append(out, text[from:m.start]...)
			from = m.end
		}
	}
	return append(out, text[from:]...)
}

// plainSpaced reports whether b is ASCII with no white space but single
// spaces between other characters: what strings.Fields and a join by
// spaces leave as it is.
func plainSpaced(b []byte) bool {
	if len(b) > 0 && (b[0] == ' ' || b[len(b)-1] == ' ') {
		return false
	}
	for i, c := range b {
		switch {
		case c >= utf8.RuneSelf, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return false
		case c == ' ' && b[i+1] == ' ': // b does not end in a space
			return false
		}
	}
	return true
}

// Language is the data a language pack carries besides its rules.
type Language struct {
	Code      string // en, ms, he, zh, fi
	Name      string
	Greetings []string // words that open a greeting: "hi", "dear"
	Titles    []string // words between a greeting and a name: "mr", "dr"
	NotNames  []string // words after a greeting that are not a name: "there", "team"
	// CommonWords are frequent function words that tell the language apart
	// from the others replykit serves, for --lang auto.
	CommonWords []string
	// NameEndings are the case endings a name takes (Finnish Annalle, Annan),
	// so each inflected form counts as a use of the name.
	NameEndings []string
	Complaint   ComplaintSignals
}

// ComplaintSignals recognise a complaint in the customer's message.
type ComplaintSignals struct {
	Threshold int
	Signals   []Signal
}

// Signal is a phrase in a customer's message with the weight it adds towards a complaint.
type Signal struct {
	Phrase string
	Weight int
}
