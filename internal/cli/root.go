package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/replykit/replykit/lint/output"
	"github.com/replykit/replykit/rules"
)

// Version is set at build time with -ldflags "-X github.com/replykit/replykit/internal/cli.Version=…".
var Version = "dev"

// globalOptions are the flags every command shares.
type globalOptions struct {
	ConfigPath string
	NoColor    bool
	Quiet      bool
	Verbose    bool
}

// NewRootCmd builds the command tree. Commands are listed explicitly here, in
// the order --help shows them.
func NewRootCmd(io *IOStreams) *cobra.Command { return newRootCmd(io, nil) }

// newRootCmd builds the command tree for a run with args. A plain lint run
// (`replykit lint …` without help) gets only the lint command and no
// shell-completion command: building the others' flags and help text would
// cost more start-up time than the lint of a short draft.
func newRootCmd(io *IOStreams, args []string) *cobra.Command {
	g := &globalOptions{}
	root := &cobra.Command{
		Use:   "replykit",
		Short: "Fill reply templates and check reply drafts for tone",
		Long: `replykit checks customer-service replies before they are sent: negative phrasing,
missing or hollow apologies, blame shifted onto the customer, the customer's name
used too often, condescension, passing the customer around, over-cheerful noise and
placeholders left unfilled. Each finding says where, why, and what to write instead.`,
		Example: `  replykit lint draft.md                      check one draft
  replykit lint replies/ --format json        check a folder, for a program to read
  pbpaste | replykit lint - --situation complaint
  replykit rules list                         every rule, with its id and category
  replykit rules explain apology.generic      why a rule exists and how to fix it`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       Version,
	}
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageErrorf("%v\nRun `%s --help` to see the flags.", err, c.CommandPath())
	})
	pf := root.PersistentFlags()
	pf.StringVar(&g.ConfigPath, "config", "", "configuration file (default: .replykit.yaml in this folder or the nearest parent)")
	pf.String("lang", "auto", "language of the drafts: auto, or one of "+strings.Join(languages(), ", "))
	pf.StringSlice("enable", nil, "switch rules on: ids (apology.generic), id groups (apology), categories, or all; the most specific of --enable and --disable wins")
	pf.StringSlice("disable", nil, "switch rules off: ids (apology.generic), id groups (apology), categories, or all")
	pf.StringSlice("rules", nil, "extra folder of rule packs (repeatable)")
	pf.StringSlice("templates", nil, "folder of reply templates, searched before the built-in library (repeatable)")
	pf.BoolVar(&g.NoColor, "no-color", false, "never colour the output (NO_COLOR does the same)")
	pf.BoolVarP(&g.Quiet, "quiet", "q", false, "print findings only: no summary, no notes")
	pf.BoolVarP(&g.Verbose, "verbose", "v", false, "say which language each file was checked in, and when it mixes two; list what Vale styles left out")

	root.RegisterFlagCompletionFunc("enable", completeSelectors)
	root.RegisterFlagCompletionFunc("disable", completeSelectors)
	root.RegisterFlagCompletionFunc("lang", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return append([]string{"auto"}, languages()...), cobra.ShellCompDirectiveNoFileComp
	})
	if plainLint(args) {
		root.CompletionOptions.DisableDefaultCmd = true
		root.AddCommand(newLintCmd(io, g, nil))
		return root
	}
	root.AddCommand(
		newLintCmd(io, g, nil),
		newDraftCmd(io, g),
		newTemplatesCmd(io, g),
		newRulesCmd(io, g),
		newInitCmd(io, g),
		newLSPCmd(io, g),
		newVersionCmd(io),
	)
	return root
}

// plainLint reports whether args run the lint command without asking for
// help, the one case whose output never mentions the other commands.
func plainLint(args []string) bool {
	if len(args) == 0 || args[0] != "lint" {
		return false
	}
	for _, a := range args[1:] {
		if a == "--" {
			break
		}
		if a == "--help" || strings.HasPrefix(a, "--help=") ||
			len(a) > 1 && a[0] == '-' && a[1] != '-' && strings.ContainsRune(a, 'h') { // -h, or -qh
			return false
		}
	}
	return true
}

func languages() []string { return rules.Languages }

// addOutputFlags adds the flags of commands that report findings.
func addOutputFlags(c *cobra.Command) {
	c.Flags().String("format", "text", "output format: "+strings.Join(output.Formats, ", "))
	c.Flags().String("fail-on", "warning", "exit 1 when a finding is at least this severe: error, warning, info or never")
}

// failOn tells whether diagnostics reach the --fail-on level.
// runResult is the end of a run: errReported when an input could not be
// checked (exit 2), errFindings when findings reach the --fail-on level
// (exit 1), nil otherwise.
func runResult(failed bool, level string, s output.Summary) error {
	switch {
	case failed:
		return errReported
	case failOn(level, s):
		return errFindings
	}
	return nil
}

func failOn(level string, s output.Summary) bool {
	switch level {
	case "never":
		return false
	case "error":
		return s.Errors > 0
	case "info":
		return s.Errors+s.Warnings+s.Infos > 0
	}
	return s.Errors+s.Warnings > 0
}

func newVersionCmd(io *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print replykit's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintf(io.Out, "replykit %s\n", Version)
			return err
		},
	}
}
