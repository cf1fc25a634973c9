package lint_test

import (
	"os"
	"testing"

	"github.com/replykit/replykit/lint"
	"github.com/replykit/replykit/rules"
)

// benchText builds about n bytes of reply drafts from the examples folder.
var benchText = lint.BenchDrafts

// englishPack loads and compiles the built-in English pack.
func englishPack(tb testing.TB) (*rules.Pack, *lint.RuleSet) {
	tb.Helper()
	p, err := rules.Builtin("en")
	if err != nil {
		tb.Fatal(err)
	}
	rs, err := lint.Compile(p.Lang, p.Rules)
	if err != nil {
		tb.Fatal(err)
	}
	return p, rs
}

func englishRules(b *testing.B) *lint.RuleSet {
	_, rs := englishPack(b)
	return rs
}

// BenchmarkLint lints one large document with the English pack: segmenting,
// the matching pass and every rule's evaluation.
func BenchmarkLint(b *testing.B) {
	rs := englishRules(b)
	src := benchText(b, 1<<20)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		doc := lint.NewDocument("bench.md", src, lint.FormatMarkdown)
		rs.Lint(doc, lint.Context{Situation: lint.Complaint})
	}
}

// BenchmarkLintFile lints the file named by REPLYKIT_BENCH_FILE (for
// instance one written by go run ./bench/gen -single) with the English pack.
func BenchmarkLintFile(b *testing.B) {
	path := os.Getenv("REPLYKIT_BENCH_FILE")
	if path == "" {
		b.Skip("set REPLYKIT_BENCH_FILE to a file of drafts, e.g. from go run ./bench/gen -single drafts.md -size 8MB")
	}
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	rs := englishRules(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		rs.Lint(lint.NewDocument(path, src, lint.FormatMarkdown), lint.Context{Situation: lint.Complaint})
	}
}

// BenchmarkLintParagraph is the editor's case: one short draft at a time.
func BenchmarkLintParagraph(b *testing.B) {
	rs := englishRules(b)
	src := []byte("Hi Anna,\n\nI'm sorry your parcel is late. Unfortunately the courier lost it, so I've sent a new one by express; it will reach you by Thursday. Let me know if anything else comes up.\n")
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		rs.Lint(lint.NewDocument("p.md", src, lint.FormatMarkdown), lint.Context{})
	}
}

// BenchmarkCompile is the cost of building the English matcher at start-up.
func BenchmarkCompile(b *testing.B) {
	p, err := rules.Builtin("en")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := lint.Compile(p.Lang, p.Rules); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadPack is the cost of parsing the embedded English YAML.
func BenchmarkLoadPack(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rules.Builtin("en"); err != nil {
			b.Fatal(err)
		}
	}
}
