package output

import (
	"encoding/json"
	"testing"
)

// The formats write findings with jsonWriter; encoding/json is the
// reference it must equal byte for byte.

func marshalRef(t *testing.T, v any, prefix string, escapeHTML bool) string {
	t.Helper()
	if escapeHTML {
		b, err := json.MarshalIndent(v, prefix, "  ")
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	b, err := marshalIndent(v, prefix)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// writerValues builds one value of each written type around s and n, with
// every optional member present or absent as the bits of shape say.
func writerValues(s string, n int, shape uint8) (jsonDiag, sarifResult, rdDiagnostic) {
	has := func(bit uint8) bool { return shape&(1<<bit) != 0 }
	opt := func(bit uint8) string {
		if has(bit) {
			return s
		}
		return ""
	}
	jd := jsonDiag{RuleID: "apology." + s, Category: "apology", Severity: "warning", Message: s, Suggestion: opt(0),
		Text: s, Span: jsonSpan{n, n + 3}, Range: jsonRange{jsonPos{1, n, n + 1}, jsonPos{2, 0, -n}}}
	if has(1) {
		jd.Fixes = append(jd.Fixes, jsonFix{Message: s, Edits: []jsonEdit{{n, n + 1, s}, {n + 2, n + 2, ""}}})
		jd.Fixes = append(jd.Fixes, jsonFix{Message: ""}) // no edits: null, as Marshal writes a nil slice
	}
	region := sarifRegion{StartLine: 1, StartColumn: n, EndLine: 3, EndColumn: 4}
	if has(2) {
		region.CharOffset, region.CharLength = &n, &n
	}
	res := sarifResult{RuleID: s, Level: "note", Message: sarifText{s},
		Locations: []sarifLocation{{sarifPhysical{sarifArtifact{s}, region}}, {sarifPhysical{sarifArtifact{"b.md"}, sarifRegion{}}}}}
	if has(3) {
		res.RuleIndex = &n
	}
	if has(4) {
		fx := sarifFix{ArtifactChanges: []sarifArtifactChange{{ArtifactLocation: sarifArtifact{s},
			Replacements: []sarifReplacement{{region, sarifText{s}}, {sarifRegion{}, sarifText{""}}}}, {}}}
		if has(0) {
			fx.Description = &sarifText{s}
		}
		res.Fixes = []sarifFix{fx, {}}
	}
	rd := rdDiagnostic{Message: s, Location: rdLocation{Path: s, Range: rdRange{rdPosition{n, 1}, rdPosition{2, n}}},
		Severity: "INFO", Source: rdSource{Name: "replykit", URL: opt(5)}, Code: rdCode{Value: s, URL: opt(6)}}
	if has(7) {
		rd.Suggestions = []rdSuggestion{{rd.Location.Range, s}, {rdRange{}, ""}}
	}
	return jd, res, rd
}

func checkWriter(t *testing.T, s string, n int, shape uint8) {
	t.Helper()
	jd, res, rd := writerValues(s, n, shape)
	var w jsonWriter
	w.escapeHTML = true
	w.reset("        ")
	jd.write(&w)
	if got, want := string(w.buf), marshalRef(t, jd, "        ", true); got != want {
		t.Fatalf("JSON diagnostic (%q, %d, %08b):\n got %s\nwant %s", s, n, shape, got, want)
	}
	jf := jsonFile{Path: s, Language: "en", AlsoLanguage: jd.Suggestion, Situation: rd.Source.URL, CustomerName: rd.Code.URL, Diagnostics: []jsonDiag{}}
	w.reset("    ")
	jf.writeHead(&w)
	w.buf = append(w.buf, "[]\n    }"...) // as JSON.File closes a file without diagnostics
	if got, want := string(w.buf), marshalRef(t, jf, "    ", true); got != want {
		t.Fatalf("JSON file (%q, %08b):\n got %s\nwant %s", s, shape, got, want)
	}
	w.escapeHTML = false
	w.reset("        ")
	res.write(&w)
	if got, want := string(w.buf), marshalRef(t, res, "        ", false); got != want {
		t.Fatalf("SARIF result (%q, %d, %08b):\n got %s\nwant %s", s, n, shape, got, want)
	}
	w.reset("    ")
	rd.write(&w)
	if got, want := string(w.buf), marshalRef(t, rd, "    ", false); got != want {
		t.Fatalf("rdjson diagnostic (%q, %d, %08b):\n got %s\nwant %s", s, n, shape, got, want)
	}
}

func TestJSONWriterMatchesMarshal(t *testing.T) {
	texts := []string{"", "plain", `"quoted" \ back\slash`, "<b>&amp;</b>", "line\nbreak\r\ttab\b\f\x00\x1f\x7f",
		"שלום דנה", "王先生，您好！", "👩‍💻 emoji", "\u2028 and \u2029", "bad \xff\xfe utf-8 \xe2\x80", "\xed\xa0\x80 surrogate"}
	for _, s := range texts {
		for shape := range 256 {
			checkWriter(t, s, 7, uint8(shape))
		}
	}
	checkWriter(t, "x", 0, 0xff)
	checkWriter(t, "x", -12345678901, 0xff)
}

func FuzzJSONWriter(f *testing.F) {
	f.Add("a <b> & \"c\"\n", 3, uint8(0xff))
	f.Add("\xff\u2028", 0, uint8(0))
	f.Fuzz(func(t *testing.T, s string, n int, shape uint8) {
		checkWriter(t, s, n, shape)
	})
}
