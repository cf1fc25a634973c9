package cli

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/replykit/replykit/lint"
	"github.com/replykit/replykit/rules"
	"github.com/replykit/replykit/templates"
)

// Shell completion: cobra's completion command writes the scripts; these
// functions give them rule ids and template ids to offer.

// ruleIDs lists the ids of every built-in rule, and the groups and categories
// that --enable and --disable also take.
func ruleIDs(withGroups bool) []string {
	seen := map[string]bool{}
	for _, lang := range rules.BuiltinLanguages() {
		rs, err := rules.BuiltinSet(lang)
		if err != nil {
			continue
		}
		for _, r := range rs.Rules() {
			seen[r.ID] = true
			if withGroups {
				seen[r.ID[:strings.Index(r.ID, ".")]] = true
			}
		}
	}
	if withGroups {
		for _, c := range lint.Categories {
			seen[c] = true
		}
		seen["all"] = true
	}
	var out []string
	for id := range seen {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

func completeRuleIDs(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return filterPrefix(ruleIDs(false), toComplete), cobra.ShellCompDirectiveNoFileComp
}

// completeSelectors completes a comma-separated --enable/--disable value.
func completeSelectors(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	done, last := "", toComplete
	if i := strings.LastIndex(toComplete, ","); i >= 0 {
		done, last = toComplete[:i+1], toComplete[i+1:]
	}
	var out []string
	for _, id := range filterPrefix(ruleIDs(true), last) {
		out = append(out, done+id)
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// completeTemplates offers template ids, and files, for draft and templates show.
func completeTemplates(files bool) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var ids []string
		if cfg, err := configFor(cmd, &globalOptions{}); err == nil {
			lib, _ := library(cfg)
			ids = lib.IDs()
		} else if lib, err := templates.Builtin(); err == nil {
			ids = lib.IDs()
		}
		dir := cobra.ShellCompDirectiveNoFileComp
		if files {
			dir = cobra.ShellCompDirectiveDefault
		}
		return filterPrefix(ids, toComplete), dir
	}
}

func filterPrefix(list []string, prefix string) []string {
	var out []string
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			out = append(out, s)
		}
	}
	return out
}
