package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/replykit/replykit/lint"
	"github.com/replykit/replykit/rules"
)

// styleName is the Vale style the generator writes: DIR/Tone/*.yml.
const styleName = "Tone"

// Sizes of the realistic style: about what a team's tone style holds.
const (
	toneExistence    = 330
	toneSubstitution = 100
)

// phrasesPerRule splits a synthetic style into existence rules of this many
// tokens, as a long term list is split in practice.
const phrasesPerRule = 1000

// plainPhrase is a phrase Vale reads as the same literal words replykit
// does: letters, apostrophes, hyphens and spaces, so no token needs escaping
// and no stem (word*) is lost.
var plainPhrase = regexp.MustCompile(`^[A-Za-z][A-Za-z' -]*[A-Za-z]$`)

// valeRule is one rule file of a Vale style; fields a kind does not use are
// left out.
type valeRule struct {
	Extends    string             `yaml:"extends"`
	Message    string             `yaml:"message"`
	Level      string             `yaml:"level"`
	Scope      string             `yaml:"scope,omitempty"`
	IgnoreCase bool               `yaml:"ignorecase,omitempty"`
	Max        int                `yaml:"max,omitempty"`
	Token      string             `yaml:"token,omitempty"`
	Tokens     []string           `yaml:"tokens,omitempty"`
	Exceptions []string           `yaml:"exceptions,omitempty"`
	Swap       *yaml.Node         `yaml:"swap,omitempty"` // a mapping, in order
	swapPairs  []lint.Replacement `yaml:"-"`
}

// style is a Vale style: rule files by name, and the phrases a grep -F list
// of the same rules holds.
type style struct {
	rules   map[string]*valeRule
	phrases []string
}

// plainWords are substitutions a support team's style asks for, beside the
// ones replykit's English pack offers.
var plainWords = []lint.Replacement{
	{Phrase: "kindly note", With: "please note"},
	{Phrase: "kindly advise", With: "please let me know"},
	{Phrase: "kindly revert", With: "please reply"},
	{Phrase: "revert back", With: "reply"},
	{Phrase: "please be advised", With: "here is an update"},
	{Phrase: "we regret to inform you", With: "I'm sorry to tell you"},
	{Phrase: "at your earliest convenience", With: "when it suits you"},
	{Phrase: "in due course", With: "by a date I'll give you"},
	{Phrase: "do the needful", With: "take care of it"},
	{Phrase: "aforementioned", With: "this"},
	{Phrase: "herewith", With: "here"},
	{Phrase: "hereby", With: "now"},
	{Phrase: "utilise", With: "use"},
	{Phrase: "utilize", With: "use"},
	{Phrase: "commence", With: "start"},
	{Phrase: "terminate", With: "end"},
	{Phrase: "endeavour", With: "try"},
	{Phrase: "endeavor", With: "try"},
	{Phrase: "facilitate", With: "help with"},
	{Phrase: "in order to", With: "to"},
	{Phrase: "prior to", With: "before"},
	{Phrase: "subsequent to", With: "after"},
	{Phrase: "in the event that", With: "if"},
	{Phrase: "with regard to", With: "about"},
	{Phrase: "with regards to", With: "about"},
	{Phrase: "in regards to", With: "about"},
	{Phrase: "in relation to", With: "about"},
	{Phrase: "pertaining to", With: "about"},
	{Phrase: "a number of", With: "some"},
	{Phrase: "the majority of", With: "most"},
	{Phrase: "at this point in time", With: "now"},
	{Phrase: "at the present time", With: "now"},
	{Phrase: "due to the fact that", With: "because"},
	{Phrase: "owing to the fact that", With: "because"},
	{Phrase: "despite the fact that", With: "although"},
	{Phrase: "on a daily basis", With: "every day"},
	{Phrase: "in a timely manner", With: "on time"},
	{Phrase: "in a timely fashion", With: "on time"},
	{Phrase: "it has come to our attention", With: "we noticed"},
	{Phrase: "we are in receipt of", With: "we have received"},
	{Phrase: "your request has been received", With: "thanks for your request"},
	{Phrase: "we acknowledge receipt", With: "thanks for sending"},
	{Phrase: "the undersigned", With: "I"},
	{Phrase: "valued customer", With: "the customer's name"},
	{Phrase: "dear customer", With: "the customer's name"},
	{Phrase: "dear sir or madam", With: "the customer's name"},
	{Phrase: "to whom it may concern", With: "the customer's name"},
	{Phrase: "the customer", With: "you"},
	{Phrase: "the client", With: "you"},
	{Phrase: "the user", With: "you"},
	{Phrase: "issue", With: "problem"},
	{Phrase: "rectify", With: "fix"},
	{Phrase: "remedy the situation", With: "put it right"},
	{Phrase: "escalate", With: "pass to a specialist"},
	{Phrase: "ticket", With: "request"},
	{Phrase: "ticket number", With: "reference"},
	{Phrase: "case closed", With: "solved"},
	{Phrase: "resolved", With: "sorted out"},
	{Phrase: "expedite", With: "speed up"},
	{Phrase: "dispatch", With: "send"},
	{Phrase: "purchase", With: "buy"},
	{Phrase: "request", With: "ask"},
	{Phrase: "require", With: "need"},
	{Phrase: "sufficient", With: "enough"},
	{Phrase: "additional", With: "more"},
	{Phrase: "approximately", With: "about"},
	{Phrase: "assist", With: "help"},
	{Phrase: "assistance", With: "help"},
	{Phrase: "obtain", With: "get"},
	{Phrase: "provide", With: "give"},
	{Phrase: "receive", With: "get"},
	{Phrase: "inform", With: "tell"},
	{Phrase: "notify", With: "tell"},
	{Phrase: "advise", With: "tell"},
	{Phrase: "ascertain", With: "find out"},
	{Phrase: "enquire", With: "ask"},
	{Phrase: "inquire", With: "ask"},
	{Phrase: "indicate", With: "show"},
	{Phrase: "locate", With: "find"},
	{Phrase: "modify", With: "change"},
	{Phrase: "numerous", With: "many"},
	{Phrase: "per annum", With: "a year"},
	{Phrase: "whilst", With: "while"},
	{Phrase: "thus", With: "so"},
	{Phrase: "therefore", With: "so"},
	{Phrase: "however", With: "but"},
	{Phrase: "nevertheless", With: "still"},
	{Phrase: "furthermore", With: "also"},
	{Phrase: "moreover", With: "also"},
	{Phrase: "henceforth", With: "from now on"},
	{Phrase: "pls", With: "please"},
	{Phrase: "thx", With: "thanks"},
	{Phrase: "plz", With: "please"},
	{Phrase: "ur", With: "your"},
	{Phrase: "asap", With: "by a time you name"},
	{Phrase: "fyi", With: "so you know"},
	{Phrase: "e-mail", With: "email"},
	{Phrase: "log-in", With: "log in"},
	{Phrase: "check-out", With: "checkout"},
}

// toneStyle builds the realistic style from replykit's English pack: about
// 330 phrases of its phrase rules as existence rules (exceptions kept), about
// 100 substitution pairs (the pack's replace rules, then plainWords), and
// three occurrence rules.
func toneStyle() (*style, error) {
	pack, err := rules.Builtin("en")
	if err != nil {
		return nil, err
	}
	st := &style{rules: map[string]*valeRule{}}
	seen := map[string]bool{}
	take := func(p string) bool {
		k := strings.ToLower(p)
		if !plainPhrase.MatchString(p) || seen[k] {
			return false
		}
		seen[k] = true
		return true
	}

	// Substitutions first, so an existence rule never repeats a swapped phrase.
	var swaps []*valeRule
	var swapNames []string
	left := toneSubstitution
	addSwap := func(name, message, level string, pairs []lint.Replacement) {
		r := &valeRule{Extends: "substitution", Message: message, Level: level, IgnoreCase: true}
		for _, p := range pairs {
			if left == 0 {
				break
			}
			if take(p.Phrase) {
				r.swapPairs = append(r.swapPairs, p)
				left--
			}
		}
		if len(r.swapPairs) > 0 {
			swaps = append(swaps, r)
			swapNames = append(swapNames, name)
		}
	}
	var phraseRules []*lint.Rule
	for _, r := range pack.Rules {
		switch c := r.Check.(type) {
		case *lint.Replace:
			addSwap(ruleName(r.ID), "Use '%s' instead of '%s'.", valeLevel(r.Severity), c.Pairs)
		case *lint.Phrase:
			phraseRules = append(phraseRules, r)
		}
	}
	addSwap("PlainWords", "Use '%s' instead of '%s'.", "suggestion", plainWords)
	for i, r := range swaps {
		r.Swap = orderedMap(r.swapPairs)
		st.rules[swapNames[i]] = r
		for _, p := range r.swapPairs {
			st.phrases = append(st.phrases, p.Phrase)
		}
	}

	// Existence: the same share of each phrase rule, up to the total.
	var plain [][]string
	for _, r := range phraseRules {
		var ps []string
		for _, p := range r.Check.(*lint.Phrase).Phrases {
			if take(p) {
				ps = append(ps, p)
			}
		}
		plain = append(plain, ps)
	}
	limit := perRuleLimit(plain, toneExistence)
	left = toneExistence
	for i, r := range phraseRules {
		ps := plain[i]
		if len(ps) > limit {
			ps = ps[:limit]
		}
		if len(ps) > left {
			ps = ps[:left]
		}
		if len(ps) == 0 {
			continue
		}
		left -= len(ps)
		var exceptions []string
		for _, e := range r.Check.(*lint.Phrase).Exceptions {
			if plainPhrase.MatchString(e) {
				exceptions = append(exceptions, e)
			}
		}
		st.rules[ruleName(r.ID)] = &valeRule{
			Extends: "existence", Message: valeMessage(r.Message, "Avoid '%s'."), Level: valeLevel(r.Severity),
			IgnoreCase: true, Tokens: ps, Exceptions: exceptions,
		}
		st.phrases = append(st.phrases, ps...)
	}

	st.rules["SentenceLength"] = &valeRule{
		Extends: "occurrence", Message: "Keep sentences under 40 words; a customer reads this on a phone.",
		Level: "suggestion", Scope: "sentence", Max: 40, Token: `\b\w+\b`,
	}
	st.rules["Exclamations"] = &valeRule{
		Extends: "occurrence", Message: "More than one exclamation mark in a paragraph reads as shouting.",
		Level: "warning", Scope: "paragraph", Max: 1, Token: `!`,
	}
	st.rules["Apologies"] = &valeRule{
		Extends: "occurrence", Message: "Apologise once, for the specific problem, not %s times in a paragraph.",
		Level: "warning", Scope: "paragraph", Max: 2, Token: `\b(?:[Ss]orry|[Aa]pologi[sz]e)\b`,
	}
	return st, nil
}

// perRuleLimit is the smallest cap on phrases per rule that reaches total.
func perRuleLimit(lists [][]string, total int) int {
	longest := 0
	for _, l := range lists {
		longest = max(longest, len(l))
	}
	for limit := 1; limit <= longest; limit++ {
		n := 0
		for _, l := range lists {
			n += min(len(l), limit)
		}
		if n >= total {
			return limit
		}
	}
	return longest
}

// syntheticStyle holds n phrases: the realistic style's phrases first, then
// two- and three-word phrases made of the English material's words, in
// existence rules of phrasesPerRule tokens.
func syntheticStyle(n int, seed uint64) (*style, error) {
	tone, err := toneStyle()
	if err != nil {
		return nil, err
	}
	phrases := make([]string, 0, n)
	seen := map[string]bool{}
	for _, p := range tone.phrases {
		if len(phrases) == n {
			break
		}
		phrases = append(phrases, p)
		seen[strings.ToLower(p)] = true
	}
	words := vocabulary(english)
	d := newDrafter(seed, streamStyle)
	for len(phrases) < n {
		k := 2 + d.r.IntN(2)
		ws := make([]string, k)
		for i := range ws {
			ws[i] = d.pick(words)
		}
		p := strings.Join(ws, " ")
		if !seen[p] {
			seen[p] = true
			phrases = append(phrases, p)
		}
	}
	st := &style{rules: map[string]*valeRule{}, phrases: phrases}
	for i := 0; i < len(phrases); i += phrasesPerRule {
		end := min(i+phrasesPerRule, len(phrases))
		st.rules[fmt.Sprintf("Phrases%03d", i/phrasesPerRule+1)] = &valeRule{
			Extends: "existence", Message: "'%s' is on the list of phrases to avoid.", Level: "warning",
			IgnoreCase: true, Tokens: phrases[i:end],
		}
	}
	return st, nil
}

// vocabulary is the sorted set of lower-case words of three letters or more
// in a language's sentences.
func vocabulary(l *language) []string {
	set := map[string]bool{}
	for _, list := range [][]string{l.openers, l.body, l.next, l.problems} {
		for _, s := range list {
			for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
				if len(w) >= 3 {
					set[strings.ToLower(w)] = true
				}
			}
		}
	}
	words := make([]string, 0, len(set))
	for w := range set {
		words = append(words, w)
	}
	sort.Strings(words)
	return words
}

// write puts the style's rules in dir/Tone/<Name>.yml.
func (st *style) write(dir string) error {
	folder := filepath.Join(dir, styleName)
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return err
	}
	for name, r := range st.rules {
		var b bytes.Buffer
		enc := yaml.NewEncoder(&b)
		enc.SetIndent(2)
		if err := enc.Encode(r); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(folder, name+".yml"), b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// writePhrases writes the style's phrases one a line, for grep -F -w -i -f.
func (st *style) writePhrases(path string) error {
	return os.WriteFile(path, []byte(strings.Join(st.phrases, "\n")+"\n"), 0o644)
}

// ruleName turns a replykit id into a Vale rule name: negative.we-cant →
// NegativeWeCant.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(id, func(r rune) bool { return r == '.' || r == '-' }) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

// valeMessage keeps a replykit message that names the match once; Vale
// fills %s in order, so other messages get a plain one.
func valeMessage(msg, fallback string) string {
	if strings.Count(msg, "%") == 1 && strings.Contains(msg, "%s") {
		return msg
	}
	return fallback
}

func valeLevel(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	}
	return "suggestion"
}

// orderedMap is a YAML mapping that keeps the pairs in order.
func orderedMap(pairs []lint.Replacement) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for _, p := range pairs {
		n.Content = append(n.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Value: p.Phrase},
			&yaml.Node{Kind: yaml.ScalarNode, Value: p.With})
	}
	return n
}
