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
	files, _ := filepath.Glob("../examples/*")
	if len(files) == 0 {
		b.Skip("no drafts in ../examples")
	}
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		for _, f := range files {
			text, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			sb.WriteString(strings.ReplaceAll(string(text), "\n-- \n", "\n\n"))
			sb.WriteString("\n\n")
		}
	}
	doc := NewDocument("bench.md", []byte(sb.String()), FormatMarkdown)
	r := &run{}
	b.SetBytes(int64(len(doc.Src)))
	b.ReportAllocs()
	for b.Loop() {
		rs.pass(doc, r, nil, nil)
	}
}
