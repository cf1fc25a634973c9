package cli

import (
	"github.com/replykit/replykit/internal/engine"
	"github.com/replykit/replykit/lint/output"
	"github.com/replykit/replykit/rules"
)

// formatOptions returns what a formatter needs besides the findings: for the
// formats that describe rules (SARIF), the rules in force in every language,
// English first, each id once.
func formatOptions(format string, eng *engine.Engine, pretty, color bool) output.Options {
	opts := output.Options{Pretty: pretty, Color: color,
		Tool: output.Tool{Name: "replykit", Version: Version, InformationURI: "https://github.com/replykit/replykit"}}
	if format != "sarif" || eng == nil {
		return opts
	}
	seen := map[string]bool{}
	for _, lang := range rules.BuiltinLanguages() {
		rs, err := eng.RuleSet(lang)
		if err != nil {
			continue
		}
		for _, r := range rs.Rules() {
			if !seen[r.ID] {
				seen[r.ID] = true
				opts.Rules = append(opts.Rules, output.RuleInfo{ID: r.ID, Category: r.Category, Message: r.Message,
					Why: r.Why, Suggestion: r.Suggestion, Severity: r.Severity})
			}
		}
	}
	return opts
}
