// Command gen compiles the built-in rule packs (rules/<lang>/*.yaml) into
// rules/compiled/<lang>.rules, which replykit loads at start-up instead of
// compiling. Run it with go generate ./rules after changing a pack.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/replykit/replykit/rules"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run() error {
	langs := os.Args[1:] // default: every built-in language
	if len(langs) == 0 {
		langs = rules.BuiltinLanguages()
	}
	for _, lang := range langs {
		data, err := rules.CompilePack(lang)
		if err != nil {
			return err
		}
		path := filepath.FromSlash(rules.CompiledName(lang))
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
		fmt.Printf("%s: %d bytes\n", path, len(data))
	}
	data, err := rules.CompileLanguages()
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.FromSlash("compiled/languages.bin"), data, 0o644)
}
