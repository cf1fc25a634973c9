package lint

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// A document Identify has read is linted from its word tape, then from
// where Identify stopped; it must be linted exactly as a document read
// only by the pass, in every language's options (Hebrew prefixes, stems),
// with marks, emoji, apostrophes and decomposed accents, short or longer
// than Identify's sample.
func TestTapeReplay(t *testing.T) {
	id := NewIdentifier([]*Language{
		{Code: "en", CommonWords: []string{"the", "and", "you", "we"}},
		{Code: "fi", CommonWords: []string{"ja", "on", "ei"}},
	}, "en")
	compile := func(code string, checks ...Check) *RuleSet {
		var rules []*Rule
		for i, c := range checks {
			rules = append(rules, &Rule{ID: fmt.Sprintf("r%d", i), Category: "negative-phrasing", Severity: Warning,
				Message: "found %s", Check: c, Origin: "test"})
		}
		rs, err := Compile(&Language{Code: code, Greetings: []string{"hi", "hei", "שלום"}}, rules)
		if err != nil {
			t.Fatal(err)
		}
		return rs
	}
	metrics := []Check{&Metric{Measure: MeasureExclamations, Max: 1}, &Metric{Measure: MeasureEmoji, Max: 0},
		&Metric{Measure: MeasureCapsWords, Max: 0}, &Metric{Measure: MeasureWords, Max: 40},
		// Counted by sentence, between the stops the pass noted; by paragraph.
		&Pattern{Expr: `\b\w+\b`, Max: 12, Per: PerSentence}, &Pattern{Expr: `\bcalm\b`, Max: 1, Per: PerParagraph},
		&Require{After: []string{"calm down"}, Phrases: []string{"sorry"}, Scope: "paragraph"}}
	sets := map[string]*RuleSet{
		"en": compile("en", append([]Check{&Phrase{Phrases: []string{"calm down", "contact the seller"}},
			&Pattern{Expr: `\byou (waited|asked) ([\p{L}]+ )?too long\b`},
			&Pattern{Expr: `\bcontact (them|the seller) ([\p{L}'-]+ ){0,2}directly\b`},
			&Pattern{Expr: `\bcontact the seller\b( [\p{L}]+)?`}, // a lead that ends at an apostrophe: "the seller's"
			&Count{Term: TermCustomerName, Max: 1}}, metrics...)...),
		"fi": compile("fi", append([]Check{&Phrase{Phrases: []string{"pahoittel* vaivaa", "ei onnistu"}}}, metrics...)...),
		"he": compile("he", append([]Check{&Phrase{Phrases: []string{"אין מה לעשות"}}}, metrics...)...),
	}
	texts := []string{
		"Hi Anna,\n\nCalm down!!! Contact the seller's desk directly, Anna. You waited far too long. 😀 FAQ ASAP.",
		"Hei Anna, pahoittelemme vaivaa! Se ei onnistu. Pahoittelut.\n\nTerveisin,",
		"שלום דנה, ואין מה לעשות!! שָׁלוֹם 😀",
		"Cafe\u0301 and re\u0301sume\u0301: calm down.",
		"",
		"... !!! ",
	}
	var lb strings.Builder
	for i := 0; lb.Len() < 3*identifySample; i++ {
		// Paragraphs and sentences of every length, across the sample's end.
		lb.WriteString(strings.Repeat("We waited and waited and waited so long. ", i%5))
		if i%3 == 0 {
			lb.WriteString("We are sorry! ")
		}
		lb.WriteString("Calm down, contact the seller's desk directly, calm down. Pahoittelemme vaivaa.\n\n")
	}
	long := lb.String()
	texts = append(texts, long, long+"\n\nPahoittelemme vaivaa, ei onnistu. שלום, ואין מה לעשות!!!")
	for lang, rs := range sets {
		found := 0
		for _, text := range texts {
			plain := rs.Lint(NewDocument("t.md", []byte(text), FormatMarkdown), Context{})
			d := NewDocument("t.md", []byte(text), FormatMarkdown)
			id.Identify(d)
			if d.tape == nil {
				t.Fatalf("%q: Identify left no tape", text)
			}
			if done := len(text) < identifySample; d.tape.done != done {
				t.Errorf("%q: tape done %v, want %v", text, d.tape.done, done)
			}
			taped := rs.Lint(d, Context{})
			if d.tape != nil {
				t.Errorf("%q: the tape was not read", text)
			}
			if !slices.EqualFunc(plain, taped, func(a, b Diagnostic) bool {
				return a.Start == b.Start && a.End == b.End && a.RuleID == b.RuleID && a.Message == b.Message
			}) {
				t.Errorf("%s, %.60q:\nscanned %v\ntaped   %v", lang, text, plain, taped)
			}
			found += len(plain)
		}
		if found < 10 {
			t.Errorf("%s: %d findings in all: too few to compare", lang, found)
		}
	}
	// A tape of another text is not read.
	d := NewDocument("t.md", []byte("calm down"), FormatMarkdown)
	id.Identify(d)
	d.Src = []byte("calm down now")
	want := sets["en"].Lint(NewDocument("t.md", d.Src, FormatMarkdown), Context{})
	if got := sets["en"].Lint(d, Context{}); len(got) == 0 || !slices.EqualFunc(got, want, func(a, b Diagnostic) bool {
		return a.Start == b.Start && a.End == b.End && a.RuleID == b.RuleID
	}) || d.tape != nil {
		t.Errorf("after the text changed: %v, want %v; tape %v", got, want, d.tape != nil)
	}
}
