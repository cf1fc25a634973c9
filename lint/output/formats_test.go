package output

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/replykit/replykit/lint"
)

// finding builds a diagnostic on the first match in src.
func finding(src, match, rule string, sev lint.Severity, msg string, fixes ...lint.Fix) lint.Diagnostic {
	start := strings.Index(src, match)
	if start < 0 {
		panic("no " + match + " in " + src)
	}
	category, _, _ := strings.Cut(rule, ".")
	return lint.Diagnostic{Start: start, End: start + len(match), RuleID: rule, Category: category, Severity: sev, Message: msg, Fixes: fixes}
}

// edit replaces the first match in src.
func edit(src, match, newText string) lint.TextEdit {
	start := strings.Index(src, match)
	if start < 0 {
		panic("no " + match + " in " + src)
	}
	return lint.TextEdit{Start: start, End: start + len(match), NewText: newText}
}

// sampleFiles covers what the formats must get right: CRLF, Hebrew, Chinese,
// emoji, a clean file, stdin, a path with a comma and a space, messages with
// XML and JSON specials, a rule no Options.Rules lists, fixes with one and
// with several edits, and alternative fixes.
func sampleFiles() []*File {
	en := "Hi Wei,\r\nPlease calm down, you should have read the FAQ.\r\nSorry for the inconvenience 😀.\r\n"
	he := "שלום דנה,\r\nאנא תירגע עכשיו.\r\n"
	zh := "王先生，您好！\n请您冷静一下。"
	emoji := "👩‍💻 Hi Ana, calm down."
	files := []*File{
		{Path: "replies/wei.md", Src: []byte(en), Lang: "en", Diagnostics: []lint.Diagnostic{
			finding(en, "calm down", "condescension.calm-down", lint.Warning, "“calm down” dismisses the customer's feelings.",
				lint.Fix{Message: "Replace with “I understand”", Edits: []lint.TextEdit{edit(en, "calm down", "I understand")}},
				lint.Fix{Message: "Rephrase the sentence", Edits: []lint.TextEdit{edit(en, "Please", "I see"), edit(en, "calm down", "this matters")}}),
			finding(en, "you should have", "blame.you-should-have", lint.Error, `Blames the customer: "you should have" & <more>.`,
				lint.Fix{Message: "Delete it", Edits: []lint.TextEdit{edit(en, "you should have read the FAQ", "")}}),
			finding(en, "FAQ", "custom.faq", lint.Info, "Link the FAQ, 100% of the time: don't name it."),
			finding(en, "Sorry for the inconvenience 😀", "apology.sorry-for-inconvenience", lint.Info, "A stock apology."),
		}},
		{Path: "fine.md", Src: []byte("Thanks, I have refunded the order."), Lang: "en"},
		{Path: "<stdin>", Src: []byte(he), Lang: "he", Diagnostics: []lint.Diagnostic{
			finding(he, "תירגע", "condescension.calm-down", lint.Warning, "“תירגע” מבטל את רגשות הלקוח.",
				lint.Fix{Message: "החלפה", Edits: []lint.TextEdit{edit(he, "תירגע", "אני מבין")}}),
		}},
		{Path: "回复/王 先生,1.md", Src: []byte(zh), Lang: "zh", Diagnostics: []lint.Diagnostic{
			finding(zh, "冷静", "condescension.calm-down", lint.Error, "“冷静”忽视了客户的感受。"),
		}},
		{Path: "emoji.md", Src: []byte(emoji), Lang: "en", Diagnostics: []lint.Diagnostic{
			finding(emoji, "calm down", "condescension.calm-down", lint.Warning, "“calm down” dismisses the customer's feelings.",
				lint.Fix{Message: "Replace", Edits: []lint.TextEdit{edit(emoji, "calm down", "I hear you")}}),
		}},
	}
	for _, f := range files {
		lint.SortDiagnostics(f.Diagnostics)
	}
	return files
}

func TestFormatsRegistered(t *testing.T) {
	for _, name := range []string{"text", "json", "sarif", "checkstyle", "github", "rdjson"} {
		if !ValidFormat(name) {
			t.Errorf("%s is not in Formats", name)
		}
		if _, err := New(name, io.Discard, Options{}); err != nil {
			t.Errorf("New(%q): %v", name, err)
		}
	}
	if _, err := New("xml", io.Discard, Options{}); err == nil || !strings.Contains(err.Error(), "rdjson") {
		t.Errorf("unknown format: %v", err)
	}
}

// Each finding is written when its file is, before the run ends, so output
// does not wait for (or hold) the whole run. (The JSON formatter streams
// through a bufio.Writer and so writes in 4 KiB steps.)
func TestFormatsStream(t *testing.T) {
	files := sampleFiles()
	for _, name := range []string{"text", "sarif", "checkstyle", "github", "rdjson"} {
		t.Run(name, func(t *testing.T) {
			needle := "blame.you-should-have"
			if name == "sarif" {
				needle = `"ruleId": "` + needle // not the rule SARIF lists first
			}
			var buf bytes.Buffer
			f, err := New(name, &buf, Options{Rules: sarifRules})
			if err != nil {
				t.Fatal(err)
			}
			if err := f.Start(); err != nil {
				t.Fatal(err)
			}
			if err := f.File(files[1]); err != nil { // no findings
				t.Fatal(err)
			}
			// The file's first part: a large file's findings are written
			// part by part, never all held until its end.
			part := *files[0]
			part.More = true
			if err := f.File(&part); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(buf.String(), needle) {
				t.Errorf("after File, the output holds no finding of the file:\n%s", buf.String())
			}
			last := File{Path: part.Path, Src: part.Src[len(part.Src):], Lang: part.Lang, Part: 1, Offset: len(part.Src)}
			if err := f.File(&last); err != nil {
				t.Fatal(err)
			}
			if err := f.Finish(Summary{}); err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(buf.String(), needle); n != 1 {
				t.Errorf("the finding is written %d times:\n%s", n, buf.String())
			}
			if name == "checkstyle" {
				var doc struct {
					Files []struct {
						Name   string     `xml:"name,attr"`
						Errors []struct{} `xml:"error"`
					} `xml:"file"`
				}
				if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
					t.Fatalf("%v:\n%s", err, buf.String())
				}
				if len(doc.Files) != 2 || doc.Files[1].Name != part.Path || len(doc.Files[1].Errors) != len(part.Diagnostics) {
					t.Errorf("files %+v, want fine.md and %s with %d errors", doc.Files, part.Path, len(part.Diagnostics))
				}
			}
		})
	}
}

// Formatters write only to their writer: stderr stays silent, whatever the input.
func TestFormatsQuietOnStderr(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stderr
	os.Stderr = w
	for _, name := range Formats {
		for _, files := range [][]*File{nil, {file("")}, sampleFiles()} {
			var sum Summary
			f, err := New(name, io.Discard, Options{Rules: sarifRules})
			if err == nil {
				err = f.Start()
			}
			for _, fl := range files {
				sum.Add(fl)
				if err == nil {
					err = f.File(fl)
				}
			}
			if err == nil {
				err = f.Finish(sum)
			}
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
	os.Stderr = saved
	w.Close()
	got, _ := io.ReadAll(r)
	if len(got) > 0 {
		t.Errorf("stderr: %q", got)
	}
}
