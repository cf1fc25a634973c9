package rules

import (
	"regexp"
	"strings"
	"testing"

	"github.com/replykit/replykit/lint"
)

// FuzzRulePack feeds arbitrary bytes to Parse as a rule file. Parse must not
// panic, and every problem it reports must name the file, line and column.
// When the file parses, compiling its rules (and its language data) must not
// panic either; errors are allowed, each with the rule's file:line:col. The
// compiled set then runs the rules' own examples and a complaint check, which
// must not panic.
func FuzzRulePack(f *testing.F) {
	for _, s := range fzpSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse("x.yaml", data, "en")
		if err != nil {
			fzpCheckErr(t, "Parse", err)
			return
		}
		if file == nil {
			t.Fatal("Parse returned neither a file nor an error")
		}
		lang := &lint.Language{}
		if file.Language != nil {
			*lang = *file.Language
		}
		lang.Code = file.Lang
		rs, err := lint.Compile(lang, file.Rules)
		if err != nil {
			fzpCheckErr(t, "Compile", err)
			return
		}
		TestExamples(rs)
		msg := lint.NewDocument("msg.txt", []byte("This is unacceptable, I want a refund. Fed up!"), lint.FormatText)
		if _, err := rs.DetectSituation(msg); err != nil {
			fzpCheckErr(t, "DetectSituation", err)
		}
	})
}

var fzpPos = regexp.MustCompile(`^x\.yaml:\d+:\d+: `)

// fzpCheckErr checks that each error joined in err starts with x.yaml:line:col.
func fzpCheckErr(t *testing.T, what string, err error) {
	t.Helper()
	for _, e := range fzpLeaves(err) {
		if !fzpPos.MatchString(e.Error()) {
			t.Errorf("%s: error without x.yaml:line:col: %q", what, e.Error())
		}
	}
}

// fzpLeaves returns the errors errors.Join put together, recursively.
func fzpLeaves(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, fzpLeaves(e)...)
		}
		return out
	}
	return []error{err}
}

const fzpValid = `rules:
  - id: blame.you-should-have
    kind: phrase
    category: blame-shifting
    severity: warning
    message: "“%s” puts the fault on the customer."
    why: >
      Telling customers what they should have done makes them defensive.
    source: "Hebrew complaint guide, tip 4"
    suggestion: "Say what happened and what you will do next."
    phrases: [you should have, you should've, you forgot to]
    exceptions: [you should have received]
    examples:
      bad:
        - "You should have checked the size chart before ordering."
        - "Unfortunately you forgot to add the coupon."
      good:
        - "The size chart is easy to miss; I've sent you a return label."
        - "I've applied the coupon to your order for you."
`

const fzpEveryKind = `lang: en
language:
  name: English
  greetings: [hi, hello, dear, good morning]
  titles: [mr, mrs, ms, dr]
  not-names: [there, team]
  common-words: [the, and, you]
  name-endings: [n, lle]
  complaint:
    threshold: 2
    signals: {refund: 1, unacceptable: 2, fed up: 2}
rules:
  - id: negative.unfortunately
    kind: replace
    category: negative-phrasing
    severity: info
    message: "%s"
    why: w
    source: s
    replace: {"unfortunately": "as it happens", "we can't": "we can"}
    exceptions: [we can't wait]
    examples: {bad: [Unfortunately it broke.], good: [It broke.]}
  - id: placeholder.square
    kind: pattern
    category: unfilled-placeholder
    severity: error
    message: "unfilled: %s"
    why: w
    source: s
    scope: placeholder
    pattern: "^\\[.+\\]$"
    examples: {bad: ["Hi [Customer Name],"], good: ["Hi Anna,"]}
  - id: deflection.contact-seller
    kind: pattern
    category: deflection
    severity: warning
    message: "%s"
    why: w
    source: s
    pattern: "(please )?contact (the )?(seller|manufacturer)"
    triggers: [[contact], [seller, manufacturer]]
    exceptions: [contact the seller for you]
    examples: {bad: [Please contact the seller.], good: [I will contact the seller for you.]}
  - id: deflection.any-words
    kind: pattern
    category: deflection
    severity: warning
    message: "%s"
    why: w
    source: s
    pattern: "not (our|my) (problem|fault)\\W+\\w+"
    examples: {bad: ["That is not our problem, sorry."], good: ["That is our job."]}
  - id: apology.missing
    kind: require
    category: apology
    severity: warning
    message: "No apology."
    why: w
    source: s
    when: {situation: [complaint]}
    phrases: [sorry, apologise, apologize]
    report-at: end
    examples:
      bad: [{text: "Your parcel is late.", situation: complaint}]
      good: [{text: "Sorry, your parcel is late.", situation: complaint, customer-name: Anna}]
  - id: no-next-step.time-frame
    kind: require
    category: no-next-step
    severity: info
    message: "%s"
    why: w
    source: s
    phrases: [today, tomorrow, within]
    after: [we'll get back to you]
    scope: paragraph
    examples: {bad: [We'll get back to you.], good: [We'll get back to you today.]}
  - id: name-overuse.count
    kind: count
    category: name-overuse
    severity: info
    message: "%s used %d times"
    why: w
    source: s
    term: customer-name
    max: 1
    examples: {bad: ["Hi Anna, Anna, Anna."], good: ["Hi Anna, thanks."]}
  - id: over-familiar.caps
    kind: metric
    category: over-familiar
    severity: info
    message: "%s"
    why: w
    source: s
    measure: caps-words
    max: 0
    allow: [FAQ]
    examples: {bad: [THIS IS BAD], good: [See the FAQ.]}
  - id: over-familiar.bangs
    kind: metric
    category: over-familiar
    severity: info
    message: "%s"
    why: w
    source: s
    measure: exclamations
    max: 1
    examples: {bad: [Great! Thanks!], good: [Great.]}
  - id: over-familiar.length
    kind: metric
    category: over-familiar
    severity: info
    message: "%d words"
    why: w
    source: s
    measure: words
    max: 3
    examples: {bad: [one two three four], good: [one two]}
  - id: apology.stem
    kind: phrase
    category: apology
    severity: info
    message: "%s"
    why: w
    source: s
    phrases: ["apolog* for", "抱歉", "מצטער*"]
    examples: {bad: [We apologise for it.], good: [We are here.]}
`

var fzpSeeds = []string{
	fzpValid,
	fzpEveryKind,
	"",
	"# only a comment\n",
	"rules: []\n",
	"rules: {}\n",
	"rules:\n  - 42\n  - [a]\n  - id: x\n",
	"lang: english\nrules: []\n",
	"language: {name: X}\n",
	"foo: bar\nrules:\n  - id: A.B\n    kind: nope\n",
	"rules:\n  - {id: a.b, kind: phrase, category: apology, severity: loud, message: m, why: w, source: s, phrases: [\"!!!\", a, A], examples: {bad: [x], good: [y]}}\n",
	"rules:\n  - {id: a.b, kind: pattern, category: apology, severity: info, message: m, why: w, source: s, pattern: \"(\", examples: {bad: [x], good: [y]}}\n",
	"rules:\n  - {id: a.b, kind: pattern, category: apology, severity: info, message: m, why: w, source: s, pattern: \"\\\\bé\\\\b\", examples: {bad: [x], good: [y]}}\n",
	"rules:\n  - {id: a.b, kind: pattern, category: apology, severity: info, message: m, why: w, source: s, pattern: \"x{1000}{1000}\", examples: {bad: [x], good: [y]}}\n",
	"rules: [\n",
	"rules:\n\t- a\n",
	"key: \"unterminated\n",
	"- a\n- b\n",
	"--- a\n--- b\n",
	"rules: &a [*a]\n",
	"rules:\n  - &r {id: a.b}\n  - *r\n  - <<: *r\n",
	// a YAML alias bomb ("billion laughs")
	"a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" +
		"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n" +
		"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n" +
		"f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n" +
		"rules: [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n",
	"rules:\n  - id: a.b\n    kind: replace\n    replace: {\"\": x, a: [b]}\n",
	"rules:\n  - id: a.b\n    kind: require\n    scope: sentence\n    report-at: middle\n    phrases: []\n",
	"rules:\n  - id: a.b\n    kind: count\n    term: order-id\n    max: -1\n",
	"rules:\n  - id: a.b\n    kind: metric\n    measure: emoji\n    max: 99999999999999999999\n",
	"rules:\n  - id: a.b\n    when: {situation: [angry], mood: x}\n    examples: {bad: [{text: \"\", nope: 1}], good: 3}\n",
	"\xef\xbb\xbfrules: []\n",
	"rules: !!binary aGVsbG8=\n",
	"? [a, b]\n: c\n",
	strings.Repeat("[", 200) + "\n",
}
