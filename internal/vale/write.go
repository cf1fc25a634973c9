package vale

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/replykit/replykit/lint"
)

// Write writes imported rules as a replykit rule pack, with the skipped
// rules and ignored keys listed in a comment at the top.
func Write(w io.Writer, imp *Import) error {
	var head strings.Builder
	head.WriteString("Converted from Vale by `replykit rules import-vale`: edit the Vale rules and convert again.\n")
	head.WriteString("Where replykit's matching differs from Vale's, README.md (section \"Vale styles\") says how.")
	if len(imp.Skipped) > 0 {
		head.WriteString("\nNot converted:")
		for _, s := range imp.Skipped {
			head.WriteString("\n  " + s.String())
		}
	}
	list := &yaml.Node{Kind: yaml.SequenceNode}
	for _, r := range imp.Rules {
		list.Content = append(list.Content, ruleNode(r))
	}
	doc := mapping("imported-from", str("Vale"))
	doc.HeadComment = head.String()
	doc.Content = append(doc.Content, str("rules"), list)
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	return enc.Close()
}

func str(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Value: s}
	if s == "" {
		n.Style = yaml.DoubleQuotedStyle // "", never read back as no value
	}
	return n
}

func strs(list []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, s := range list {
		n.Content = append(n.Content, str(s))
	}
	return n
}

func mapping(kv ...any) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for i := 0; i+1 < len(kv); i += 2 {
		n.Content = append(n.Content, str(kv[i].(string)), kv[i+1].(*yaml.Node))
	}
	return n
}

func ruleNode(r *lint.Rule) *yaml.Node {
	n := mapping("id", str(r.ID), "kind", str(r.Kind()), "category", str(r.Category), "severity", str(r.Severity.String()),
		"message", str(r.Message), "why", str(r.Why), "source", str(r.Source))
	add := func(key string, v *yaml.Node) { n.Content = append(n.Content, str(key), v) }
	// flag adds a key set to true, when it is: a false one is the default.
	flag := func(key string, on bool) {
		if on {
			add(key, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
		}
	}
	if r.Limit > 0 {
		add("limit", str(strconv.Itoa(r.Limit)))
	}
	matchCase, exceptCase := false, false
	var exceptions []string
	exceptExpr, exceptWithin := "", false
	switch c := r.Check.(type) {
	case *lint.Phrase:
		add("phrases", strs(c.Phrases))
		flag("split-contractions", c.SplitContractions)
		flag("hyphens-as-written", c.HyphensAsWritten)
		flag("apostrophes-as-written", c.ApostrophesAsWritten)
		exceptions, matchCase, exceptCase, exceptExpr = c.Exceptions, c.MatchCase, c.ExceptionsMatchCase, c.ExceptionPattern
		exceptWithin = c.ExceptionsWithin
	case *lint.Replace:
		m := &yaml.Node{Kind: yaml.MappingNode}
		for _, p := range c.Pairs {
			m.Content = append(m.Content, str(p.Phrase), str(p.With))
		}
		add("replace", m)
		flag("hyphens-as-written", c.HyphensAsWritten)
		flag("apostrophes-as-written", c.ApostrophesAsWritten)
		flag("split-contractions", c.SplitContractions)
		exceptions, matchCase, exceptCase, exceptExpr = c.Exceptions, c.MatchCase, c.ExceptionsMatchCase, c.ExceptionPattern
		exceptWithin = c.ExceptionsWithin
	case *lint.Pattern:
		add("pattern", str(c.Expr))
		if c.Scope != "" && c.Scope != lint.ScopeProse {
			add("scope", str(c.Scope))
		}
		for _, kv := range [][2]string{{"followed-by", c.FollowedBy}, {"not-followed-by", c.NotFollowedBy},
			{"preceded-by", c.PrecededBy}, {"not-preceded-by", c.NotPrecededBy}} {
			if kv[1] != "" {
				add(kv[0], str(kv[1]))
			}
		}
		flag("inside-words", c.InsideWords)
		flag("apostrophes-as-written", c.ApostrophesAsWritten)
		if c.Replacement != nil {
			add("replacement", str(*c.Replacement))
		}
		if c.Max > 0 {
			add("max", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: fmt.Sprint(c.Max)})
			add("per", str(c.Per))
		}
		exceptions, matchCase, exceptCase, exceptExpr = c.Exceptions, c.MatchCase, c.ExceptionsMatchCase, c.ExceptionPattern
		exceptWithin = c.ExceptionsWithin
	}
	if len(exceptions) > 0 {
		add("exceptions", strs(exceptions))
		flag("exceptions-match-case", exceptCase)
		flag("exceptions-within", exceptWithin)
	}
	if exceptExpr != "" {
		add("exception-pattern", str(exceptExpr))
	}
	flag("match-case", matchCase)
	return n
}
