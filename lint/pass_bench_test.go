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
	data, err := os.ReadFile("../rules/compiled/en.rules")
	if err != nil {
		b.Skip("no stored English pack: run go generate ./rules")
	}
	rs, _, err := LoadRuleSet(string(data))
	if err != nil {
		b.Fatal(err)
	}
	doc := NewDocument("bench.md", benchDrafts(b, 1<<20), FormatMarkdown)
	r := &run{}
	b.SetBytes(int64(len(doc.Src)))
	b.ReportAllocs()
	for b.Loop() {
		rs.pass(doc, r, nil, nil)
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
