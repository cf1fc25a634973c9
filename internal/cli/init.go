package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/replykit/replykit/lint/output"
)

// The files `replykit init` writes, relative to --dir.
const (
	initConfigFile   = ".replykit.yaml"
	initTemplateDir  = "replies"
	initTemplateFile = "replies/example/thanks.md"
)

// defaultRev is the release the pre-commit and workflow snippets pin when
// this binary is not a release build itself.
const defaultRev = "v0.1.0"

// defaultNameLimit is what every built-in pack's name-overuse rule allows;
// init writes it so the file shows the value in force.
const defaultNameLimit = 2

// InitOptions are the parsed arguments of `replykit init`.
type InitOptions struct {
	Dir   string
	Force bool
}

func newInitCmd(io *IOStreams, g *globalOptions) *cobra.Command {
	opts := &InitOptions{}
	c := &cobra.Command{
		Use:   "init [--dir DIR] [--force]",
		Short: "Start using replykit here: a commented configuration, an example template, CI snippets",
		Long: `Set up replykit in a folder (the working folder, or --dir). init writes two files:

  .replykit.yaml              every setting, with its default and a comment on what it does;
                              template-dirs: points at replies/
  ` + initTemplateFile + `   an example reply template to copy: front matter, variables
                              with example values, and a kind, complete reply

It never overwrites a file: when one of them exists it changes nothing and exits 2.
--force replaces them, and says which it replaced.

Then it prints, on standard output, two snippets to paste: a .pre-commit-config.yaml
entry using replykit's pre-commit hooks, and a GitHub Actions workflow using the
replykit action. What it did goes to standard error, so

  replykit init > replykit-ci.txt

keeps the snippets in a file.

Exit status: 0 when the files were written, 2 when one exists already (without
--force) or a file cannot be written.`,
		Example: `  replykit init
  replykit init --dir support        # set up support/ of a larger repository
  replykit init --force              # replace .replykit.yaml and the example with fresh copies`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return initRun(io, g, opts)
		},
	}
	c.Flags().StringVar(&opts.Dir, "dir", ".", "the folder to set up")
	c.Flags().BoolVar(&opts.Force, "force", false, "replace files that already exist")
	return c
}

// initRun writes the configuration and the example template into opts.Dir and
// prints the CI snippets.
func initRun(io *IOStreams, g *globalOptions, opts *InitOptions) error {
	dir := opts.Dir
	if dir == "" {
		dir = "."
	}
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return usageErrorf("--dir %s: not a folder", dir)
	}
	files := []struct {
		path, content, what string
	}{
		{filepath.Join(dir, initConfigFile), initConfig(), "every setting with its default, and what it does"},
		{filepath.Join(dir, filepath.FromSlash(initTemplateFile)), exampleTemplate, "an example reply template to copy"},
	}

	// Look before writing anything: either every file is written or none is.
	var existing []string
	for _, f := range files {
		if _, err := os.Lstat(f.path); err == nil {
			existing = append(existing, f.path)
		}
	}
	// .replykit.yml would be shadowed by the .replykit.yaml written next to it.
	twin := filepath.Join(dir, ".replykit.yml")
	_, err := os.Lstat(twin)
	hasTwin := err == nil
	if hasTwin {
		existing = append(existing, twin)
	}
	if len(existing) > 0 && !opts.Force {
		verb, it := "exists", "it"
		if len(existing) > 1 {
			verb, it = "exist", "them"
		}
		again := "replykit init"
		if dir != "." {
			again += " --dir " + dir
		}
		return usageErrorf("%s already %s, so init changed nothing: it never overwrites your files.\n"+
			"Keep what you have, or run `%s --force` to replace %s with fresh, commented copies.",
			joinAnd(existing), verb, again, it)
	}

	for _, f := range files {
		if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
			return fmt.Errorf("%s: %v", filepath.Dir(f.path), describe(err))
		}
		_, statErr := os.Lstat(f.path)
		replaced := statErr == nil
		flag := os.O_WRONLY | os.O_CREATE | os.O_EXCL
		if opts.Force {
			flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
		}
		if err := writeFile(f.path, flag, f.content); err != nil {
			if errors.Is(err, os.ErrExist) {
				return usageErrorf("%s appeared while init was writing; init never overwrites a file (use --force to replace it)", f.path)
			}
			return fmt.Errorf("%s: %v", f.path, describe(err))
		}
		if !g.Quiet {
			if replaced {
				fmt.Fprintf(io.ErrOut, "Replaced %s (--force): %s.\n", f.path, f.what)
			} else {
				fmt.Fprintf(io.ErrOut, "Created %s: %s.\n", f.path, f.what)
			}
		}
	}
	if hasTwin && !g.Quiet {
		fmt.Fprintf(io.ErrOut, "Note: %s is no longer read, because %s comes first; move its settings over and delete it.\n",
			twin, files[0].path)
	}

	rel := repoRelative(dir)
	if !g.Quiet {
		replies := filepath.Join(dir, initTemplateDir)
		fmt.Fprintf(io.ErrOut, "Check them: replykit templates check %s\n", replies)
		fmt.Fprintf(io.ErrOut, "Try the example: replykit draft %s --set customer.name=Anna --set feedback.topic=\"the new app\"\n", files[1].path)
		fmt.Fprintln(io.ErrOut, "To check replies on every commit and pull request, paste the snippets below.")
	}
	_, err = fmt.Fprint(io.Out, initSnippets(rel, snippetRev()))
	return err
}

func writeFile(path string, flag int, content string) error {
	f, err := os.OpenFile(path, flag, 0o644)
	if err != nil {
		return err
	}
	_, err = f.WriteString(content)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// joinAnd lists names as "a", "a and b", "a, b and c".
func joinAnd(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// repoRelative is dir as a slash path from the root of the git work tree it
// is in (where pre-commit and GitHub Actions run), or from the working
// folder when there is none. "." is the root itself.
func repoRelative(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "."
	}
	base, _ := os.Getwd()
	for d := abs; ; {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			base = d
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	rel, err := filepath.Rel(base, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "."
	}
	return filepath.ToSlash(rel)
}

// The expressions of init are compiled on first use, not at every start.
var releaseVersion = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^v?\d+\.\d+\.\d+$`) })

// snippetRev is the tag the snippets pin: this binary's version when it is a
// release, else defaultRev.
func snippetRev() string {
	if releaseVersion().MatchString(Version) {
		return "v" + strings.TrimPrefix(Version, "v")
	}
	return defaultRev
}

// initConfig is the commented .replykit.yaml: every key with its default
// (template-dirs names the example's folder) and a one-line comment.
func initConfig() string {
	var b strings.Builder
	line := func(setting, comment string) {
		fmt.Fprintf(&b, "%-38s # %s\n", setting, comment)
	}
	b.WriteString(`# replykit configuration, written by replykit init. Every setting is shown with its
# default; change what your team needs. Flags and REPLYKIT_* environment variables
# (REPLYKIT_FAIL_ON=error) win over this file. Paths are relative to this file.
# Reference: https://github.com/replykit/replykit#configuration

`)
	line("lang: auto", "the drafts' language: auto (each draft's own), or "+strings.Join(languages(), ", "))
	line("format: text", "how findings are printed: "+strings.Join(output.Formats, ", "))
	line("fail-on: warning", "exit 1 on findings this severe or worse: error, warning, info, never")
	line("extensions: ["+strings.Join(DefaultExtensions, ", ")+"]", "the files a folder walk checks")
	line("rule-dirs: []", "folders of your own rule packs (like --rules); see replykit rules test")
	line("vale-styles: []", "Vale styles folders whose rules also run (like --vale-style); see replykit rules import-vale --help")
	line("template-dirs: ["+initTemplateDir+"]", "your reply templates (like --templates); without: the built-in library only")
	line("enable: []", "switched on: rule ids, groups (apology), categories or all; the more specific of enable and disable wins")
	line("disable: []", "switched off: rule ids (apology.generic), groups (apology), categories or all")
	line(fmt.Sprintf("name-limit: %d", defaultNameLimit), "how often one reply may use the customer's name")
	line("max-file-size: "+DefaultMaxFileSize, "larger files are skipped without being read: bytes, or B, KB, MB, GB")
	line("rules: {}", "settings for single rules; for example, instead of {}:")
	b.WriteString(`#   apology.generic: {severity: error}          # stricter or milder: error, warning or info
#   negative.unfortunately: {disabled: true}    # one rule off
#   familiar.exclamations: {options: {max: 2}}  # a rule's limit
`)
	line("overrides: []", "other rules for some files; for example, instead of []:")
	b.WriteString(`#   - {paths: ["legal/**"], disable: [over-familiar]}
`)
	return b.String()
}

// exampleTemplate is replies/example/thanks.md: a complete, kind reply that
// passes `replykit templates check` and shows each part of a template.
const exampleTemplate = `---
# An example reply template, written by replykit init: copy it to start your own.
# One reply per file; a translation sits next to it as thanks.fi.md, thanks.ms.md, ...
id: example/thanks              # the name to use: replykit draft example/thanks
title: Thanks for the feedback
lang: en
situation: feedback             # complaint, question or feedback; a complaint must apologise
tags: [example, feedback]
vars:                           # every {{ name }} the body uses; checks fill in the examples
  customer.name: {required: true, example: Anna, description: "The customer's first name"}
  feedback.topic: {required: true, example: "the new checkout page", description: "What the feedback was about"}
  feedback.review_date: {example: "Tuesday 19 March", description: "Optional: when the team will talk it through"}
  agent.name: {default: "The support team", example: Sam, description: "The name in the sign-off"}
status: active                  # or deprecated
---
Hi {{ customer.name }},

Thank you for taking the time to tell us about {{ feedback.topic }}. Feedback like yours shows us where we can do better.

I've passed your message on to the team that looks after it, and they read every note we send them.{% if feedback.review_date %} They will talk it through on {{ feedback.review_date }}, and I'll write to you if it leads to a change.{% endif %}

If there's anything you'd like to add, reply to this email and I'll pass it on as well.

Kind regards,
{{ agent.name }}
`

// initSnippets is what init prints for the user to paste: a pre-commit
// configuration and a GitHub Actions workflow, for a replykit setup in rel
// (a slash path from the repository root, "." for the root).
func initSnippets(rel, rev string) string {
	replies, config := initTemplateDir, initConfigFile
	if rel != "." {
		replies, config = rel+"/"+initTemplateDir, rel+"/"+initConfigFile
	}
	var b strings.Builder
	// line writes one line of YAML, its comment (if any) at a fixed column.
	line := func(text, comment string) {
		if comment == "" {
			b.WriteString(text + "\n")
			return
		}
		fmt.Fprintf(&b, "%-34s # %s\n", text, comment)
	}
	// From the repository root replykit finds .replykit.yaml itself; below it, say where.
	hookArgs := func() {
		if rel != "." {
			line("        args: [--config, "+yamlScalar(config)+"]", "")
		}
	}

	line("# ---- .pre-commit-config.yaml (https://pre-commit.com), then run: pre-commit install", "")
	line("repos:", "")
	line("  - repo: https://github.com/replykit/replykit", "")
	line("    rev: "+rev, "")
	line("    hooks:", "")
	line("      - id: replykit", "the tone of the replies a commit changes")
	line("        files: "+yamlScalar("^"+regexp.QuoteMeta(replies+"/")), "")
	hookArgs()
	line("      - id: replykit-templates", "the library: front matter, variables, tone")
	hookArgs()
	line("", "")
	line("# ---- .github/workflows/replykit.yml: check the replies on every push and pull request", "")
	line("name: replykit", "")
	line("on:", "")
	line("  push:", "")
	line("  pull_request:", "")
	line("permissions:", "")
	line("  contents: read", "")
	line("  # security-events: write", "needed for format: sarif")
	line("jobs:", "")
	line("  replykit:", "")
	line("    runs-on: ubuntu-latest", "")
	line("    steps:", "")
	line("      - uses: actions/checkout@v4", "")
	line("      - uses: replykit/replykit@"+rev, "")
	line("        with:", "")
	line("          paths: "+yamlScalar(replies), "files or folders, separated by spaces")
	line("          format: github", "github: notes on the lines; sarif: code scanning")
	line("          fail-on: warning", "error, warning, info or never")
	line("          version: "+rev, "the replykit release to install")
	if rel != "." {
		line("          config: "+yamlScalar(config), "the configuration file")
	}
	return b.String()
}

var plainScalar = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_./^\\-]+$`) })

// yamlScalar writes s as a YAML scalar: plain when it is safe, else single-quoted.
func yamlScalar(s string) string {
	if plainScalar().MatchString(s) && !strings.HasPrefix(s, "-") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
