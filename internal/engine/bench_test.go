package engine

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/replykit/replykit/lint"
)

// BenchmarkLintLibrary lints every draft of the folder named by
// REPLYKIT_BENCH_DIR (for instance one written by go run ./bench/gen) on one
// core, as the lint command does each file: language, rules, findings. With
// REPLYKIT_BENCH_VALE set to a Vale style it runs only that style's rules.
func BenchmarkLintLibrary(b *testing.B) {
	dir := os.Getenv("REPLYKIT_BENCH_DIR")
	if dir == "" {
		b.Skip("set REPLYKIT_BENCH_DIR to a folder of drafts, e.g. from go run ./bench/gen")
	}
	type file struct {
		path string
		src  []byte
	}
	var files []file
	size := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") && !strings.HasSuffix(path, ".txt") {
			return err
		}
		src, err := os.ReadFile(path)
		files = append(files, file{path, src})
		size += len(src)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	cfg := Config{Lang: "auto"}
	if style := os.Getenv("REPLYKIT_BENCH_VALE"); style != "" {
		cfg.ValeStyles, cfg.Disable, cfg.Enable = []string{style}, []string{"all"}, []string{"vale"}
	}
	e, err := New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			if _, err := e.Lint(f.path, f.src, lint.Context{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
