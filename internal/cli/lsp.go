package cli

import (
	"errors"
	"os"

	"github.com/spf13/cobra"

	"github.com/replykit/replykit/internal/engine"
	"github.com/replykit/replykit/internal/lsp"
)

func newLSPCmd(io *IOStreams, g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "lsp",
		Short: "Run the language server over standard input and output",
		Long: `Run replykit as a language server (LSP) for an editor: drafts are checked as you type,
findings that have a fix offer it as a quick fix, and hovering over a finding explains
its rule.

The configuration is read once, when the editor starts the server: .replykit.yaml in
the workspace folder or the nearest parent (or --config), then REPLYKIT_* variables
and flags. A configuration error is shown in the editor and the server checks with
the default settings until it is restarted.`,
		Example: `  Neovim:  vim.lsp.start_client({ name = "replykit", cmd = { "replykit", "lsp" } })
  Helix:   [language-server.replykit] command = "replykit", args = ["lsp"]`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s := lsp.NewServer(lsp.Options{
				Engine: func(dir string) (*engine.Engine, error) {
					if dir == "" {
						dir, _ = os.Getwd()
					}
					cfg, err := loadConfig(cmd.Flags(), g.ConfigPath, dir)
					if err != nil {
						return nil, err
					}
					return engine.New(cfg.Engine())
				},
				Explain: Explain,
				Version: Version,
				Log:     io.ErrOut,
			})
			err := s.Serve(io.In, io.Out)
			if errors.Is(err, lsp.ErrExitWithoutShutdown) {
				return &exitError{code: 1}
			}
			return err
		},
	}
}
