package main

import (
	"flag"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/replykit/replykit/internal/cli"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script from what the commands print")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"replykit": func() { os.Exit(cli.Main(os.Args[1:], cli.System())) },
	})
}

// TestScripts runs one txtar script per user-visible behaviour in testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Vars = append(env.Vars, "REPLYKIT_CONFIG=")
			return nil
		},
	})
}
