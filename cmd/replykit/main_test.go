package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/replykit/replykit/internal/cli"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script from what the commands print")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"replykit": func() { os.Exit(cli.Main(os.Args[1:], cli.System())) },
		// exits CODE replykit ARGS... runs replykit and fails unless it exits with CODE.
		"exits": func() {
			if len(os.Args) < 3 || os.Args[2] != "replykit" {
				fmt.Fprintln(os.Stderr, "usage: exits CODE replykit ARGS...")
				os.Exit(100)
			}
			want, err := strconv.Atoi(os.Args[1])
			if err != nil {
				fmt.Fprintln(os.Stderr, "exits: CODE must be a number")
				os.Exit(100)
			}
			if got := cli.Main(os.Args[3:], cli.System()); got != want {
				fmt.Fprintf(os.Stderr, "exits: replykit exited %d, want %d\n", got, want)
				os.Exit(100)
			}
			os.Exit(0)
		},
	})
}

// TestScripts runs one txtar script per user-visible behaviour in testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			// Converted Vale styles are kept in the script's own folder.
			env.Vars = append(env.Vars, "REPLYKIT_CONFIG=", "REPLYKIT_CACHE="+filepath.Join(env.WorkDir, ".cache"))
			return nil
		},
	})
}
