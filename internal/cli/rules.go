package cli

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/replykit/replykit/internal/engine"
	"github.com/replykit/replykit/internal/fsutil"
	"github.com/replykit/replykit/internal/vale"
	"github.com/replykit/replykit/internal/yamlx"
	"github.com/replykit/replykit/lint"
	"github.com/replykit/replykit/lint/output"
	"github.com/replykit/replykit/rules"
)

func newRulesCmd(io *IOStreams, g *globalOptions) *cobra.Command {
	c := &cobra.Command{
		Use:   "rules",
		Short: "List, explain and test the tone rules",
		Long: `Rules are data: YAML packs per language, built in, plus your own folders given with
--rules or rule-dirs: in .replykit.yaml. See rules/README.md for the format.`,
	}
	c.AddCommand(newRulesListCmd(io, g), newRulesExplainCmd(io, g), newRulesTestCmd(io, g), newRulesImportValeCmd(io))
	return c
}

// ruleSet loads the configured rules of one language.
func ruleSet(cmd *cobra.Command, g *globalOptions) (*lint.RuleSet, error) {
	sets, err := ruleSets(cmd, g, false)
	if err != nil {
		return nil, err
	}
	return sets[0], nil
}

// ruleSets loads the configured rules of --lang, or with --lang auto those of
// English (all=false) or of every language (all=true).
func ruleSets(cmd *cobra.Command, g *globalOptions, all bool) ([]*lint.RuleSet, error) {
	cwd, _ := os.Getwd()
	cfg, err := loadConfig(cmd.Flags(), g.ConfigPath, cwd)
	if err != nil {
		return nil, err
	}
	langs := []string{cfg.Lang}
	if cfg.Lang == "auto" {
		langs = []string{"en"}
		if all {
			langs = rules.BuiltinLanguages()
		}
	}
	eng, err := engine.New(cfg.Engine())
	if err != nil {
		return nil, err
	}
	var out []*lint.RuleSet
	for _, lang := range langs {
		rs, err := eng.RuleSet(lang)
		if err != nil {
			return nil, err
		}
		out = append(out, rs)
	}
	return out, nil
}

func newRulesListCmd(io *IOStreams, g *globalOptions) *cobra.Command {
	var category string
	c := &cobra.Command{
		Use:   "list",
		Short: "List the rules in force: id, category, severity, kind and message (English unless --lang)",
		Example: `  replykit rules list
  replykit rules list --category apology`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if category != "" && !lint.ValidCategory(category) {
				return usageErrorf("--category %q: want one of %s", category, strings.Join(lint.Categories, ", "))
			}
			rs, err := ruleSet(cmd, g)
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(io.Out, 0, 4, 2, ' ', 0)
			if io.OutTTY {
				fmt.Fprintln(tw, "ID\tCATEGORY\tSEVERITY\tKIND\tMESSAGE")
			}
			for _, r := range rs.Rules() {
				if category != "" && r.Category != category {
					continue
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Category, r.Severity, r.Kind(), oneLine(r.Message))
			}
			return tw.Flush()
		},
	}
	c.Flags().StringVar(&category, "category", "", "only rules of this category")
	return c
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func newRulesExplainCmd(io *IOStreams, g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:               "explain RULE-ID",
		Short:             "Say why a rule exists, where the advice comes from, and show its examples",
		Example:           `  replykit rules explain apology.generic`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeRuleIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			rs, err := ruleSet(cmd, g)
			if err != nil {
				return err
			}
			for _, r := range rs.Rules() {
				if r.ID == args[0] {
					_, err := fmt.Fprint(io.Out, Explain(r))
					return err
				}
			}
			return usageErrorf("no rule %q: see `replykit rules list`%s", args[0], suggestID(rs, args[0]))
		},
	}
}

// Explain renders a rule for people: the same text serves `rules explain` and editor hovers.
func Explain(r *lint.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s, %s, %s rule)\n\n", r.ID, r.Category, r.Severity, r.Kind())
	fmt.Fprintf(&b, "%s\n\n", strings.NewReplacer("%s", "…", "%[2]s", "…").Replace(oneLine(r.Message)))
	fmt.Fprintf(&b, "Why: %s\n\n", oneLine(r.Why))
	if r.Suggestion != "" {
		fmt.Fprintf(&b, "Instead: %s\n\n", oneLine(r.Suggestion))
	}
	if len(r.When.Situations) > 0 {
		fmt.Fprintf(&b, "Applies when the reply answers: %s\n\n", strings.Join(r.When.Situations, ", "))
	}
	fmt.Fprintf(&b, "Source: %s\n", oneLine(r.Source))
	for _, sec := range []struct {
		title string
		list  []lint.Example
	}{{"Flags", r.Examples.Bad}, {"Leaves alone", r.Examples.Good}} {
		if len(sec.list) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n%s:\n", sec.title)
		for _, ex := range sec.list {
			fmt.Fprintf(&b, "  - %s\n", oneLine(ex.Text))
		}
	}
	return b.String()
}

// suggestID names the rule whose id is closest to an unknown one, if any is close.
func suggestID(rs *lint.RuleSet, id string) string {
	var ids []string
	for _, r := range rs.Rules() {
		ids = append(ids, r.ID)
	}
	if best := yamlx.Nearest(id, ids, 3); best != "" {
		return fmt.Sprintf(" (did you mean %s?)", best)
	}
	return ""
}

func newRulesTestCmd(io *IOStreams, g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "test [DIR]",
		Short: "Run the examples of the built-in rules, or of the rule packs in DIR",
		Long: `Run every rule's examples: each bad example must be flagged by its rule, each good
example must not be. Without DIR, the built-in rules of every language (or of --lang),
and those of --rules, are tested.`,
		Example: `  replykit rules test
  replykit rules test ./our-rules`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			type set struct {
				name string
				rs   *lint.RuleSet
			}
			var sets []set
			if len(args) == 0 {
				all, err := ruleSets(cmd, g, true)
				if err != nil {
					return err
				}
				for _, rs := range all {
					sets = append(sets, set{"built-in " + rs.Lang.Code + " rules", rs})
				}
			} else {
				packs, err := rules.LoadDir(args[0])
				if err != nil {
					return err
				}
				for lang, p := range packs {
					base := p
					if lang != rules.AnyLanguage {
						// The language's data (greetings, complaint signals) comes from the built-in pack.
						if b, err := rules.Builtin(lang); err == nil && p.Lang.Name == "" {
							base = &rules.Pack{Lang: b.Lang, Rules: p.Rules}
						}
					}
					rs, err := lint.Compile(base.Lang, base.Rules)
					if err != nil {
						return err
					}
					sets = append(sets, set{args[0], rs})
				}
			}
			failed, total, nrules := 0, 0, 0
			for _, s := range sets {
				fails, n := rules.TestExamples(s.rs)
				total += n
				nrules += len(s.rs.Rules())
				failed += len(fails)
				for _, f := range fails {
					fmt.Fprintln(io.Out, f.String())
				}
			}
			fmt.Fprintf(io.ErrOut, "%d rules, %d examples: %d passed, %d failed\n", nrules, total, total-failed, failed)
			if failed > 0 {
				return errFindings
			}
			return nil
		},
	}
}

// printSkipped lists, on standard error, what Vale styles held that was not
// converted: never dropped in silence.
func printSkipped(io *IOStreams, skips []vale.Skip) {
	for _, s := range skips {
		fmt.Fprintf(io.ErrOut, "replykit: %s\n", s)
	}
}

// summarizeSkipped says, in one line for each Vale style, how much of it
// lint left out, and where the full list is: a style's dozens of skips on
// every run would bury the findings.
func summarizeSkipped(io *IOStreams, skips []vale.Skip) {
	type counts struct{ rules, parts, keys int }
	var order []string
	by := map[string]*counts{}
	for _, s := range skips {
		style, _, _ := strings.Cut(s.Rule, ".")
		c := by[style]
		if c == nil {
			c = &counts{}
			by[style] = c
			order = append(order, style)
		}
		switch {
		case s.Token != "":
			c.parts++
		case s.Key != "":
			c.keys++
		default:
			c.rules++
		}
	}
	for _, style := range order {
		c := by[style]
		var said []string
		if c.rules > 0 {
			said = append(said, output.Plural(c.rules, "rule")+" skipped")
		}
		if c.parts > 0 {
			part := "token or swap key"
			if c.parts > 1 {
				part = "tokens or swap keys"
			}
			said = append(said, fmt.Sprintf("%d %s left out", c.parts, part))
		}
		if c.keys > 0 {
			said = append(said, output.Plural(c.keys, "key")+" ignored")
		}
		fmt.Fprintf(io.ErrOut, "replykit: Vale style %s: %s; --verbose lists them, with the reasons\n", style, strings.Join(said, ", "))
	}
}

// importSummary says in one line how many Vale rules import-vale converted
// (and into how many replykit rules, where tokens that are expressions
// became <id>.patterns rules of their own), how many it skipped, and how
// many tokens or swap keys it left out of rules it converted.
func importSummary(imp *vale.Import) string {
	converted := 0
	for _, r := range imp.Rules {
		if !vale.IsPart(r.ID) {
			converted++
		}
	}
	rules, parts := 0, 0
	for _, s := range imp.Skipped {
		switch {
		case s.Token != "":
			parts++
		case s.Key == "":
			rules++
		}
	}
	said := output.Plural(converted, "Vale rule") + " converted"
	if len(imp.Rules) != converted {
		said += fmt.Sprintf(" (%s)", output.Plural(len(imp.Rules), "replykit rule"))
	}
	said += fmt.Sprintf(", %d skipped", rules)
	if parts == 1 {
		said += ", 1 token or swap key left out"
	} else if parts > 1 {
		said += fmt.Sprintf(", %d tokens or swap keys left out", parts)
	}
	return said
}

func newRulesImportValeCmd(io *IOStreams) *cobra.Command {
	var out string
	c := &cobra.Command{
		Use:   "import-vale DIR [-o OUT]",
		Short: "Convert the existence, substitution and occurrence rules of Vale styles into a replykit rule pack",
		Long: `Convert Vale rules into replykit YAML, keeping the meaning Vale gives them. DIR is a
Vale styles folder (StylesPath: one folder per style) or one style's folder of .yml rules.

  existence     → a phrase rule of the tokens that are phrases (or a few literal
                  spellings: log(?:ged)? in); the other tokens make a pattern rule, the
                  rule itself when no token is a phrase, else <id>.patterns; with raw:
                  (and append:), a pattern rule of Vale's whole expression
  substitution  → a replace rule with a fix for the swap keys that list as phrases; the
                  other keys make pattern rules, one per replacement (<id>.patterns,
                  <id>.patterns-2, …); in the message, Vale's replacement (its first
                  %s, or %[1]s) becomes %[2]s, and the match (%[2]s) becomes %s
  occurrence    → a pattern rule with max: and per: (sentence for scope: sentence,
                  paragraph for text or paragraph); %s or %d in the message is the count

Vale's tokens, raw, append, swap, ignorecase (off means match-case: true), nonword,
exceptions, max, limit, level (error, warning, suggestion → error, warning, info), message,
description (→ why), link (→ source) and scope (text, paragraph, sentence) are converted.
Every other kind (capitalization, conditional, consistency, repetition, spelling, metric,
readability, script, sequence), and every rule with a key replykit cannot honour, is listed
on standard error as skipped, with its file and the reason. A token or swap key that
opens with a lookbehind or ends in a lookahead becomes conditions on the text around; one
whose alternatives do (a|b(?!c)) is split into them. Any other lookaround, or a
backreference (which RE2 lacks), is left out and listed, and the rest of its rule converted. Keys that only change Vale's suggestions (action, vocab, capitalize)
are listed as ignored.

Ids are vale.<style>.<rule>, lower-case: Tone/Hedging.yml is vale.tone.hedging. The
categories are negative-phrasing (existence, substitution) and over-familiar (occurrence).
To run only the imported rules: --disable all --enable vale.

Use the pack with --rules DIR, or skip this step and give the styles to lint directly
with --vale-style DIR (or vale-styles: in .replykit.yaml).`,
		Example: `  replykit rules import-vale styles/ -o rules/vale.yaml
  replykit lint --rules rules/ --disable all --enable vale draft.md
  replykit lint --vale-style styles/ draft.md`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			imp, err := vale.Load(args[0])
			if imp != nil {
				printSkipped(io, imp.Skipped)
			}
			if err != nil {
				return err
			}
			var buf strings.Builder
			if err := vale.Write(&buf, imp); err != nil {
				return err
			}
			switch st, serr := os.Stat(out); {
			case out == "" || out == "-":
				_, err = fmt.Fprint(io.Out, buf.String())
			case serr == nil && !st.Mode().IsRegular() && !st.IsDir():
				// /dev/stdout, a pipe, a terminal: written as they are, not
				// replaced as a file is.
				err = writeFile(out, os.O_WRONLY, buf.String())
			default:
				err = fsutil.WriteFileAtomic(out, []byte(buf.String()), nil)
			}
			if err != nil {
				return err
			}
			fmt.Fprintln(io.ErrOut, importSummary(imp))
			return nil
		},
	}
	c.Flags().StringVarP(&out, "output", "o", "", "write the rule pack to this file (default: standard output)")
	return c
}
