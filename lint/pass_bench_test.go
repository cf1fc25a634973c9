package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkMatcher is the one matching pass alone: every word of the
// document through the scanner and the phrase matcher of the stored English
// pack, no rule evaluated.
func BenchmarkMatcher(b *testing.B) {
	rs := storedEnglish(b)
	doc := NewDocument("bench.md", benchDrafts(b, 1<<20), FormatMarkdown)
	r := &run{}
	b.SetBytes(int64(len(doc.Src)))
	b.ReportAllocs()
	for b.Loop() {
		rs.pass(doc, r, nil, nil)
	}
}

// storedEnglish loads the stored English pack, as the CLI does, or skips
// when there is none.
func storedEnglish(tb testing.TB) *RuleSet {
	tb.Helper()
	data, err := os.ReadFile("../rules/compiled/en.rules")
	if err != nil {
		tb.Skip("no stored English pack: run go generate ./rules")
	}
	rs, _, err := LoadRuleSet(string(data))
	if err != nil {
		tb.Fatal(err)
	}
	return rs
}

// BenchmarkScan is the word scanner alone over the same drafts: what the
// matching pass costs before any word is looked up. With the segmenter
// (BenchmarkSegment), it bounds what the whole lint can reach per core.
func BenchmarkScan(b *testing.B) {
	doc := NewDocument("bench.md", benchDrafts(b, 1<<20), FormatMarkdown)
	var sc scanner
	b.SetBytes(int64(len(doc.Src)))
	b.ReportAllocs()
	words := 0
	for b.Loop() {
		sc.reset(doc, true)
		for sc.next() {
			words++
		}
	}
	if words == 0 {
		b.Fatal("no words scanned")
	}
}

// BenchmarkSegmentDrafts is the segmenter on the drafts BenchmarkMatcher
// and BenchmarkScan read.
func BenchmarkSegmentDrafts(b *testing.B) {
	src := benchDrafts(b, 1<<20)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		NewDocument("bench.md", src, FormatMarkdown)
	}
}

// benchDrafts builds about n bytes of reply drafts from the examples folder.
func benchDrafts(b *testing.B, n int) []byte {
	b.Helper()
	files, _ := filepath.Glob("../examples/*")
	if len(files) == 0 {
		b.Skip("no drafts in ../examples")
	}
	var sb strings.Builder
	for sb.Len() < n {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			// A signature would swallow the rest of the text: drop the separators.
			sb.WriteString(strings.ReplaceAll(string(data), "\n-- \n", "\n\n"))
			sb.WriteString("\n\n")
		}
	}
	return []byte(sb.String())
}

// BenchmarkValeExpressions lints the drafts with one expression at a
// time, of the kinds Vale styles are full of, each taking its own way
// past the regexp: matches that start with a common letter (tried where
// the prefix automaton lets them), the raw text cut at line breaks, start
// strings cut to what they share, start strings with each case of s, and
// a common letter needed with no start strings.
func BenchmarkValeExpressions(b *testing.B) {
	doc := NewDocument("bench.md", benchDrafts(b, 1<<20), FormatMarkdown)
	for _, tc := range []struct {
		name string
		p    Pattern
	}{
		{"first-bytes", Pattern{Expr: `a.k.a.|and/or`}},
		{"raw-lines", Pattern{Expr: "(?m)^[^`\\n]*`[^`\\n]+`[A-Za-z]", Scope: ScopeRaw, MatchCase: true}},
		{"cut-starts", Pattern{Expr: `\bnot\s+(?:just|only)\b[^.;:!?]{1,40}?,?\s+but\b|(?:^|[.!?]\s+)(?:it|this)\s+is\s+not\s+[^.;:!?,]{1,40},\s+(?:it|this)\b`}},
		{"s-cases", Pattern{Expr: `\b(?:is|are) not (?:just )?[\w\s]{1,30}?[,.;] (?:it.s|but)\b`}},
		{"common-letter", Pattern{Expr: `\b(?:eg|e\.g\.|e. g.)[\s,]`}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			rule := &Rule{ID: "vale.bench", Category: "negative-phrasing", Severity: Warning, Message: "%s", Check: &tc.p, Origin: "bench"}
			rs, err := CompileWith(&Language{}, []*Rule{rule}, CompileOptions{})
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(doc.Src)))
			b.ReportAllocs()
			for b.Loop() {
				rs.Lint(doc, Context{})
			}
		})
	}
}
