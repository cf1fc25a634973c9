package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/replykit/replykit/internal/engine"
	"github.com/replykit/replykit/internal/yamlx"
	"github.com/replykit/replykit/lint"
	"github.com/replykit/replykit/lint/output"
	"github.com/replykit/replykit/templates"
)

func newTemplatesCmd(io *IOStreams, g *globalOptions) *cobra.Command {
	c := &cobra.Command{
		Use:   "templates",
		Short: "List, show, create and check reply templates",
		Long: `Reply templates are Markdown files with YAML front matter, one reply per file and one file
per language (late-delivery.md, late-delivery.fi.md), kept in folders you name with
--templates or template-dirs: in .replykit.yaml. replykit also has a built-in library.`,
	}
	c.AddCommand(newTemplatesListCmd(io, g), newTemplatesShowCmd(io, g), newTemplatesNewCmd(io, g), newTemplatesCheckCmd(io, g))
	return c
}

// library loads the built-in templates and those of the configured folders;
// a folder's template replaces a built-in one with the same id and language.
func library(cfg *Config) (*templates.Library, []error) {
	base, err := templates.Builtin()
	var errs []error
	if err != nil {
		errs = append(errs, err)
	}
	libs := []*templates.Library{base}
	for _, d := range cfg.TemplateDirs {
		l, e := templates.LoadDir(d)
		libs = append(libs, l)
		errs = append(errs, e...)
	}
	return templates.Merge(libs...), errs
}

func configFor(cmd *cobra.Command, g *globalOptions) (*Config, error) {
	cwd, _ := os.Getwd()
	return loadConfig(cmd.Flags(), g.ConfigPath, cwd)
}

func newTemplatesListCmd(io *IOStreams, g *globalOptions) *cobra.Command {
	var tag, format string
	c := &cobra.Command{
		Use:   "list",
		Short: "List templates: id, language, situation, title and tags",
		Long: `List the templates of the configured folders and the built-in library. On a terminal
the list is a table; piped, it is tab-separated (id, lang, situation, title, tags).`,
		Example: `  replykit templates list
  replykit templates list --lang fi --tag shipping
  replykit templates list --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return usageErrorf("--format %q: want text or json", format)
			}
			cfg, err := configFor(cmd, g)
			if err != nil {
				return err
			}
			lang := translation(cfg)
			lib, errs := library(cfg)
			for _, e := range errs {
				fmt.Fprintf(io.ErrOut, "replykit: %v\n", e)
			}
			var rows []*templates.Template
			for _, t := range lib.Templates {
				if (lang == "" || t.Lang == lang) && (tag == "" || slices.Contains(t.Tags, tag)) {
					rows = append(rows, t)
				}
			}
			if format == "json" {
				type row struct {
					ID        string   `json:"id"`
					Lang      string   `json:"lang"`
					Situation string   `json:"situation,omitempty"`
					Title     string   `json:"title"`
					Tags      []string `json:"tags"`
					Status    string   `json:"status"`
					File      string   `json:"file"`
				}
				out := []row{}
				for _, t := range rows {
					out = append(out, row{t.ID, t.Lang, t.Situation, t.Title, append([]string{}, t.Tags...), t.Status, t.File})
				}
				enc := json.NewEncoder(io.Out)
				enc.SetIndent("", "  ")
				if err := enc.Encode(out); err != nil {
					return err
				}
			} else if io.OutTTY {
				tw := tabwriter.NewWriter(io.Out, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tLANG\tSITUATION\tTITLE\tTAGS")
				for _, t := range rows {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", t.ID, t.Lang, t.Situation, t.Title, strings.Join(t.Tags, ", "))
				}
				tw.Flush()
			} else {
				for _, t := range rows {
					fmt.Fprintf(io.Out, "%s\t%s\t%s\t%s\t%s\n", t.ID, t.Lang, t.Situation, t.Title, strings.Join(t.Tags, ","))
				}
			}
			if len(errs) > 0 {
				return errReported
			}
			return nil
		},
	}
	c.Flags().StringVar(&tag, "tag", "", "only templates with this tag")
	c.Flags().StringVar(&format, "format", "text", "text or json")
	return c
}

// findTemplate resolves TEMPLATE: a file path, or an id in the library.
func findTemplate(arg, lang string, cfg *Config) (*templates.Template, error) {
	if st, err := os.Stat(arg); err == nil && !st.IsDir() {
		src, err := os.ReadFile(arg)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", arg, describe(err))
		}
		return templates.ParseFile(arg, filepath.Base(arg), src)
	}
	lib, errs := library(cfg)
	t := lib.Find(arg, lang)
	if t == nil {
		if len(errs) > 0 {
			return nil, errors.Join(errs...)
		}
		msg := fmt.Sprintf("no template %q", arg)
		if lang != "" && lib.Find(arg, "") != nil {
			msg = fmt.Sprintf("template %q has no %s translation", arg, lang)
		}
		return nil, usageErrorf("%s: see `replykit templates list`%s", msg, closest(arg, lib.IDs()))
	}
	return t, nil
}

// closest suggests the nearest of names to s, if one is close.
func closest(s string, names []string) string {
	best := yamlx.Nearest(s, names, 4)
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s?)", best)
}

func newTemplatesShowCmd(io *IOStreams, g *globalOptions) *cobra.Command {
	c := &cobra.Command{
		Use:               "show ID",
		ValidArgsFunction: completeTemplates(false),
		Short:             "Print a template's file",
		Example:           `  replykit templates show shipping/late-delivery --lang fi`,
		Args:              cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := configFor(cmd, g)
			if err != nil {
				return err
			}
			t, err := findTemplate(args[0], translation(cfg), cfg)
			if err != nil {
				return err
			}
			_, err = io.Out.Write(t.Src)
			return err
		},
	}
	return c
}

// translation is the language --lang asks for, or "" for auto.
func translation(cfg *Config) string {
	if cfg.Lang == "auto" {
		return ""
	}
	return cfg.Lang
}

const scaffold = `---
id: %s
title: %s
lang: %s
situation: complaint          # complaint, question or feedback: a complaint must apologise
tags: []
vars:
  customer.name: {required: true, example: Anna, description: "The customer's first name"}
  agent.name: {default: "The support team", example: Sam}
status: active
---
Hi {{ customer.name }},

I'm sorry that … (say exactly what went wrong).

Here is what I have done: … and what happens next, and when: …

Please let me know if there's anything else I can do for you.

{{ agent.name }}
`

func newTemplatesNewCmd(io *IOStreams, g *globalOptions) *cobra.Command {
	var dir string
	c := &cobra.Command{
		Use:   "new ID",
		Short: "Create a template file to fill in",
		Long: `Create ID.md (or ID.<lang>.md) in --dir, or the first of the configured template folders,
or the working folder. An existing file is never overwritten.`,
		Example: `  replykit templates new shipping/lost-parcel
  replykit templates new shipping/lost-parcel --lang fi --dir replies`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id := args[0]
			if !validTemplateID(id) {
				return usageErrorf("template id %q: use lower-case words with - and / between them, such as shipping/late-delivery", id)
			}
			cfg, err := configFor(cmd, g)
			if err != nil {
				return err
			}
			lang := translation(cfg)
			if lang == "" {
				lang = "en"
			}
			if dir == "" {
				dir = "."
				if len(cfg.TemplateDirs) > 0 {
					dir = cfg.TemplateDirs[0]
				}
			}
			name := id + ".md"
			if lang != "en" {
				name = id + "." + lang + ".md"
			}
			path := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return fmt.Errorf("%s: %v", filepath.Dir(path), describe(err))
			}
			title := strings.ReplaceAll(id[strings.LastIndex(id, "/")+1:], "-", " ")
			f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
			if err != nil {
				if os.IsExist(err) {
					return usageErrorf("%s already exists; replykit never overwrites a template", path)
				}
				return fmt.Errorf("%s: %v", path, describe(err))
			}
			_, err = fmt.Fprintf(f, scaffold, id, strings.ToUpper(title[:1])+title[1:], lang)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(io.ErrOut, "Created %s. Fill in the body, then run: replykit templates check %s\n", path, dir)
			return nil
		},
	}
	c.Flags().StringVar(&dir, "dir", "", "the library folder to create it in")
	return c
}

func validTemplateID(id string) bool {
	if id == "" || strings.HasPrefix(id, "/") || strings.HasSuffix(id, "/") || strings.Contains(id, "..") {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '/' || r == '_') {
			return false
		}
	}
	return true
}

func newTemplatesCheckCmd(io *IOStreams, g *globalOptions) *cobra.Command {
	c := &cobra.Command{
		Use:   "check [DIR...]",
		Short: "Check a template library: schema, syntax, variables, translations, and the tone of every body",
		Long: `Check every template in DIR (default: the configured template folders, else the built-in
library): the front matter, the body's syntax, variables used but not declared and
declared but not used, duplicate ids, translations whose variables differ, and the
tone of every body rendered with its example values. Findings point into the
template files.

Exit status: 0 when nothing reaches --fail-on, 1 when something does, 2 when a
template cannot be read or parsed.`,
		Example: `  replykit templates check
  replykit templates check replies/ --format json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := configFor(cmd, g)
			if err != nil {
				return err
			}
			if !output.ValidFormat(cfg.Format) {
				return usageErrorf("--format %q: want one of %s", cfg.Format, strings.Join(output.Formats, ", "))
			}
			var lib *templates.Library
			var errs []error
			dirs := args
			if len(dirs) == 0 {
				dirs = cfg.TemplateDirs
			}
			if len(dirs) == 0 {
				var err error
				lib, err = templates.Builtin()
				if err != nil {
					errs = append(errs, err)
				}
			} else {
				var libs []*templates.Library
				for _, d := range dirs {
					l, e := templates.LoadDir(d)
					libs = append(libs, l)
					errs = append(errs, e...)
				}
				lib = templates.Merge(libs...)
			}
			eng, err := engine.New(cfg.Engine())
			if err != nil {
				return err
			}
			return checkRun(io, g, cfg, eng, lib, errs)
		},
	}
	addOutputFlags(c)
	return c
}

func checkRun(io *IOStreams, g *globalOptions, cfg *Config, eng *engine.Engine, lib *templates.Library, loadErrs []error) error {
	for _, e := range loadErrs {
		for _, line := range strings.Split(e.Error(), "\n") {
			fmt.Fprintf(io.ErrOut, "replykit: %s\n", line)
		}
	}
	problems := map[string][]templates.Problem{}
	for _, p := range lib.Check() {
		problems[p.File] = append(problems[p.File], p)
	}
	f, err := output.New(cfg.Format, io.Out, formatOptions(cfg.Format, eng, io.OutTTY && cfg.Format == "text", io.Color(g.NoColor)))
	if err != nil {
		return err
	}
	if err := f.Start(); err != nil {
		return err
	}
	var sum output.Summary
	failed := len(loadErrs) > 0
	for _, t := range lib.Templates {
		var diags []lint.Diagnostic
		for _, p := range problems[t.File] {
			diags = append(diags, lint.Diagnostic{Start: p.Pos.Offset, End: p.Pos.Offset, RuleID: p.Check,
				Category: "template", Severity: p.Severity, Message: p.Message})
		}
		res, err := eng.LintTemplate(t, nil, lint.Context{})
		if err != nil {
			fmt.Fprintf(io.ErrOut, "replykit: %v\n", err)
			failed = true
		} else {
			diags = append(diags, res.Diagnostics...)
		}
		lint.SortDiagnostics(diags)
		file := &output.File{Path: t.File, Src: t.Src, Lang: t.Lang, Situation: t.Situation, Diagnostics: diags}
		sum.Add(file)
		if err := f.File(file); err != nil {
			return err
		}
	}
	if err := f.Finish(sum); err != nil {
		return err
	}
	if !g.Quiet && cfg.Format == "text" {
		fmt.Fprintln(io.ErrOut, output.SummaryLine(sum))
	}
	return runResult(failed, cfg.FailOn, sum)
}
