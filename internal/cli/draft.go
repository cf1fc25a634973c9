package cli

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/replykit/replykit/internal/engine"
	"github.com/replykit/replykit/internal/yamlx"
	"github.com/replykit/replykit/lint"
	"github.com/replykit/replykit/lint/output"
	"github.com/replykit/replykit/templates"
)

// DraftOptions are the parsed arguments of `replykit draft`.
type DraftOptions struct {
	Template     string
	Sets         []string
	VarsFile     string
	Out          string
	NoLint       bool
	AllowMissing bool
}

func newDraftCmd(io *IOStreams, g *globalOptions) *cobra.Command {
	opts := &DraftOptions{}
	c := &cobra.Command{
		Use:   "draft TEMPLATE",
		Short: "Fill a reply template with the customer's details, then check the reply",
		Long: `Fill a template and print the reply on standard output (or write it with -o); then check
its tone, with the template's situation and the customer's name, and print the findings
on standard error.

TEMPLATE is a template id from the configured folders or the built-in library (see
replykit templates list), or the path of a template file; --lang picks its translation. Values come from --vars FILE
(YAML or JSON; nested keys join with dots) and --set name=value, which wins. On a
terminal, replykit asks for required values that are missing; otherwise a missing
value is an error naming the variable and its line: a reply never goes out as "Hi ,".

Exit status: 0 when the reply has nothing at or above --fail-on, 1 when it has, 2 when
the template or the values are wrong.`,
		Example: `  replykit draft shipping/late-delivery --set customer.name=Anna --set order.id=A-1042 \
      --set delivery.new_date="Thursday 14 March"
  replykit draft shipping/late-delivery --lang fi --vars ticket.yaml -o reply.md
  replykit draft ./replies/refund.md --vars ticket.json --no-lint`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeTemplates(true),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Template = args[0]
			cfg, err := configFor(cmd, g)
			if err != nil {
				return err
			}
			return draftRun(io, g, cfg, opts)
		},
	}
	addOutputFlags(c)
	f := c.Flags()
	f.StringArrayVar(&opts.Sets, "set", nil, "a value: name=value (repeatable)")
	f.StringVar(&opts.VarsFile, "vars", "", "a YAML or JSON file of values")
	f.StringVarP(&opts.Out, "output", "o", "", "write the reply to this file instead of standard output")
	f.BoolVar(&opts.NoLint, "no-lint", false, "do not check the reply's tone")
	f.BoolVar(&opts.AllowMissing, "allow-missing", false, "render missing values as their fallback (or nothing) instead of failing")
	return c
}

func draftRun(io *IOStreams, g *globalOptions, cfg *Config, opts *DraftOptions) error {
	// --lang picks the translation; auto means English, else the first.
	lang := ""
	if cfg.Lang != "auto" {
		lang = cfg.Lang
	}
	t, err := findTemplate(opts.Template, lang, cfg)
	if err != nil {
		return err
	}
	vals := t.Defaults()
	if opts.VarsFile != "" {
		fileVals, err := readVars(opts.VarsFile)
		if err != nil {
			return err
		}
		for k, v := range fileVals {
			vals[k] = v
		}
	}
	for _, s := range opts.Sets {
		name, value, ok := strings.Cut(s, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return usageErrorf("--set %q: want name=value, such as --set customer.name=Anna", s)
		}
		vals[name] = value
	}
	// A value for a variable the template does not have is most likely a typo.
	var names []string
	for _, v := range t.Vars {
		names = append(names, v.Name)
	}
	var unknown []string
	for k := range vals {
		if t.Var(k) == nil {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		fmt.Fprintf(io.ErrOut, "replykit: warning: %s has no variable %s%s\n", t.ID, k, closest(k, names))
	}
	if io.InTTY && !opts.AllowMissing {
		if err := prompt(io, t, vals); err != nil {
			return err
		}
	}
	r, err := t.Body.Render(vals, templates.RenderOptions{AllowMissing: opts.AllowMissing})
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	if opts.Out != "" {
		if err := writeFileAtomic(opts.Out, r.Text); err != nil {
			return err
		}
	} else if _, err := io.Out.Write(r.Text); err != nil {
		return err
	}
	if opts.NoLint {
		return nil
	}
	eng, err := engine.New(cfg.Engine())
	if err != nil {
		return err
	}
	label := opts.Out
	if label == "" {
		label = "draft of " + t.ID
	}
	ctx := lint.Context{Situation: t.Situation, CustomerName: engine.CustomerName(t, vals)}
	res, err := eng.LintAs(label, r.Text, lint.FormatFor(t.File), t.Lang, ctx)
	if err != nil {
		return err
	}
	file := &output.File{Path: label, Src: r.Text, Lang: res.Lang, Situation: ctx.Situation, CustomerName: ctx.CustomerName,
		Diagnostics: res.Diagnostics}
	f, err := output.New(cfg.Format, io.ErrOut, formatOptions(cfg.Format, eng, io.ErrTTY && cfg.Format == "text", io.ErrTTY && !io.NoColorEnv && !g.NoColor))
	if err != nil {
		return usageErrorf("%v", err)
	}
	var sum output.Summary
	sum.Add(file)
	if err := f.Start(); err != nil {
		return err
	}
	if err := f.File(file); err != nil {
		return err
	}
	if err := f.Finish(sum); err != nil {
		return err
	}
	if failOn(cfg.FailOn, sum) {
		return errFindings
	}
	return nil
}

// readVars reads a YAML or JSON map of values; nested maps join their keys with dots.
func readVars(path string) (templates.Values, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, usageErrorf("--vars %s: %v", path, describe(err))
	}
	doc, err := yamlx.Parse(path, 0, data)
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	vals := templates.Values{}
	if doc == nil {
		return vals, nil
	}
	if doc.Kind != yaml.MappingNode {
		return nil, usageErrorf("%s:%d:%d: --vars needs a map of names to values, such as `customer: {name: Anna}`", path, doc.Line, doc.Column)
	}
	var walk func(prefix string, n *yaml.Node) error
	walk = func(prefix string, n *yaml.Node) error {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			name := k.Value
			if prefix != "" {
				name = prefix + "." + name
			}
			switch v.Kind {
			case yaml.MappingNode:
				if err := walk(name, v); err != nil {
					return err
				}
			case yaml.ScalarNode:
				if v.Tag == "!!null" {
					continue
				}
				vals[name] = v.Value
			default:
				return usageErrorf("%s:%d:%d: %s: a value must be text or a number, not a list", path, v.Line, v.Column, name)
			}
		}
		return nil
	}
	if err := walk("", doc); err != nil {
		return nil, err
	}
	return vals, nil
}

// prompt asks on the terminal for required values that are missing.
func prompt(io *IOStreams, t *templates.Template, vals templates.Values) error {
	in := bufio.NewReader(io.In)
	for _, v := range t.Vars {
		if !v.Required || vals[v.Name] != "" {
			continue
		}
		label := v.Name
		if v.Description != "" {
			label += " (" + v.Description + ")"
		}
		fmt.Fprintf(io.ErrOut, "%s: ", label)
		line, err := in.ReadString('\n')
		line = strings.TrimRight(line, "\r\n")
		if line != "" {
			vals[v.Name] = line
		}
		if err != nil {
			break // end of input: the renderer names what is still missing
		}
	}
	return nil
}

// writeFileAtomic writes data to path through a temporary file in the same
// folder, so a failure never leaves a half-written reply.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("%s: %v", path, describe(err))
	}
	defer os.Remove(tmp.Name())
	mode := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %v", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %v", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: %v", path, describe(err))
	}
	return nil
}
