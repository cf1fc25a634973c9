package output

import (
	"bytes"
	"encoding/json"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/replykit/replykit/lint"
	"github.com/replykit/replykit/rules"
)

// The JSON output is a contract: replykit-json.schema.json documents version 1,
// field by field, and these tests keep the formatter, the schema and a golden
// copy of the output in step. A new field fails them until the schema
// documents it (additionalProperties is false throughout); a changed byte of
// the output fails the golden test until it is regenerated with
//
//	go test ./lint/output -run Golden -update

var updateGolden = flag.Bool("update", false, "rewrite testdata/json-v1.golden from the JSON formatter's output")

const (
	jsonSchemaPath = "replykit-json.schema.json"
	jsonGoldenPath = "testdata/json-v1.golden"
)

func loadJSONSchema(t *testing.T) map[string]any {
	t.Helper()
	b, err := os.ReadFile(jsonSchemaPath)
	if err != nil {
		t.Fatal(err)
	}
	schema, err := decodeJSON(b)
	if err != nil {
		t.Fatalf("%s is not valid JSON: %v", jsonSchemaPath, err)
	}
	m, ok := schema.(map[string]any)
	if !ok {
		t.Fatalf("%s: the schema is %s, not an object", jsonSchemaPath, brief(schema))
	}
	return m
}

// jsonV1Files is the representative run the golden file pins: every optional
// field present somewhere and absent somewhere else, CRLF and a lone CR,
// Hebrew (right to left), Chinese, emoji outside the BMP and a ZWJ sequence,
// a clean file, standard input, a finding across lines, JSON and HTML
// specials in a message, a suggestion, and fixes with one edit, several
// edits, an empty replacement and alternatives.
func jsonV1Files() []*File {
	en := "Hi Wei,\r\nPlease calm down, you should have read the FAQ.\r\nSorry for the inconvenience.\r\n"
	he := "שלום דנה,\r\nאנא תירגע עכשיו.\r\n"
	zh := "王先生，您好！\n请您冷静一下。"
	emoji := "👩‍💻 Hi Ana 😀, calm down."
	cr := "Hi Ana,\rplease calm\rdown."

	calm := finding(en, "calm down", "condescension.calm-down", lint.Warning, "“calm down” dismisses the customer's feelings.",
		lint.Fix{Message: "Replace with “I understand”", Edits: []lint.TextEdit{edit(en, "calm down", "I understand")}},
		lint.Fix{Message: "Rephrase the sentence", Edits: []lint.TextEdit{edit(en, "Please", "I see"), edit(en, "calm down", "this matters")}})
	calm.Suggestion = "Acknowledge the feeling: “I understand why this is upsetting.”"
	blame := finding(en, "you should have", "blame.you-should-have", lint.Error, `Blames the customer: "you should have" & <more>.`,
		lint.Fix{Message: "Delete it", Edits: []lint.TextEdit{edit(en, " you should have read the FAQ", "")}})
	blame.Category = "blame-shifting"
	sorry := finding(en, "Sorry for the inconvenience", "apology.generic", lint.Info, "A stock apology.")
	heCalm := finding(he, "תירגע", "condescension.calm-down", lint.Error, "“תירגע” מבטל את רגשות הלקוח.",
		lint.Fix{Message: "החלפה", Edits: []lint.TextEdit{edit(he, "תירגע", "אני מבין")}})
	heCalm.Suggestion = "הכר ברגש: “אני מבין כמה זה מתסכל.”"
	zhCalm := finding(zh, "请您冷静", "condescension.calm-down", lint.Warning, "“请您冷静” tells the customer how to feel.")
	emojiCalm := finding(emoji, "calm down", "condescension.calm-down", lint.Warning, "“calm down” dismisses the customer's feelings.",
		lint.Fix{Message: "Replace with “I hear you”", Edits: []lint.TextEdit{edit(emoji, "calm down", "I hear you")}})
	emojiMany := finding(emoji, "😀", "familiar.emoji-overload", lint.Info, "More than one emoji.")
	emojiMany.Category = "over-familiar"
	crCalm := finding(cr, "calm\rdown", "condescension.calm-down", lint.Warning, "“calm\rdown” dismisses the customer's feelings.")

	files := []*File{
		{Path: "replies/wei.md", Src: []byte(en), Lang: "en", Situation: lint.Complaint, CustomerName: "Wei",
			Diagnostics: []lint.Diagnostic{sorry, blame, calm}},
		{Path: "fine.md", Src: []byte("Thanks, I have refunded the order."), Lang: "en", Situation: lint.Question},
		{Path: "<stdin>", Src: []byte(he), Lang: "he", Mixed: "en", CustomerName: "דנה", Diagnostics: []lint.Diagnostic{heCalm}},
		{Path: "回复/王 先生,1.md", Src: []byte(zh), Lang: "zh", Situation: lint.Feedback, Diagnostics: []lint.Diagnostic{zhCalm}},
		{Path: "emoji.md", Src: []byte(emoji), Lang: "en", CustomerName: "Ana", Diagnostics: []lint.Diagnostic{emojiCalm, emojiMany}},
		{Path: "cr.txt", Src: []byte(cr), Lang: "en", Diagnostics: []lint.Diagnostic{crCalm}},
	}
	for _, f := range files {
		lint.SortDiagnostics(f.Diagnostics)
	}
	return files
}

// validateJSONOutput checks out against the schema, and what a schema cannot
// say: the summary agrees with the files, spans and ranges run forwards, and
// text is the bytes of the span.
func validateJSONOutput(t *testing.T, schema map[string]any, out string, files []*File) {
	t.Helper()
	doc, err := decodeJSON([]byte(out))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	for _, e := range validateSchema(schema, doc) {
		t.Error(e)
	}
	var got struct {
		Files   []jsonFile
		Summary jsonSummary
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	var want Summary
	for _, f := range files {
		want.Add(f)
	}
	if s := got.Summary; len(got.Files) != len(files) || s.Files != want.Files || s.Flagged != want.Flagged ||
		s.Errors != want.Errors || s.Warnings != want.Warnings || s.Infos != want.Infos {
		t.Errorf("%d files, summary %+v; want %d files, %+v", len(got.Files), s, len(files), want)
	}
	for i, f := range got.Files {
		if i >= len(files) {
			break
		}
		for _, d := range f.Diagnostics {
			s, r := d.Span, d.Range
			if s.End < s.Start || s.End > len(files[i].Src) {
				t.Errorf("%s: span %+v outside [0, %d]", f.Path, s, len(files[i].Src))
				continue
			}
			if d.Text != strings.ToValidUTF8(string(files[i].Src[s.Start:s.End]), "\uFFFD") {
				t.Errorf("%s: text %q is not the span %+v", f.Path, d.Text, s)
			}
			if r.End.Line < r.Start.Line || r.End.Line == r.Start.Line && r.End.Column < r.Start.Column {
				t.Errorf("%s: range %+v runs backwards", f.Path, r)
			}
			for _, p := range []jsonPos{r.Start, r.End} {
				if p.UTF16Column < p.Column {
					t.Errorf("%s: utf16Column %d < column %d", f.Path, p.UTF16Column, p.Column)
				}
			}
		}
	}
	if t.Failed() {
		t.Logf("output:\n%s", out)
	}
}

func TestJSONValidAgainstSchema(t *testing.T) {
	schema := loadJSONSchema(t)
	for _, c := range []struct {
		name  string
		files []*File
	}{
		{"no files", nil},
		{"clean file", []*File{file("All good.")}},
		{"empty file", []*File{file("")}},
		{"findings", jsonV1Files()},
		{"sample files", sampleFiles()},
		{"CRLF", []*File{file("Hi Wei,\r\nplease calm down.\r\n", diag("Hi Wei,\r\nplease calm down.\r\n", "calm down"))}},
		{"Hebrew", []*File{{Path: "he.md", Lang: "he", Src: []byte("שלום דנה,\r\nאנא תירגע עכשיו."),
			Diagnostics: []lint.Diagnostic{diag("שלום דנה,\r\nאנא תירגע עכשיו.", "תירגע")}}}},
		{"Chinese", []*File{{Path: "zh.md", Lang: "zh", Src: []byte("王先生，您好！\n请您冷静一下。"),
			Diagnostics: []lint.Diagnostic{diag("王先生，您好！\n请您冷静一下。", "冷静")}}}},
		{"emoji", []*File{file("Hi 😀 Wei, calm down", diag("Hi 😀 Wei, calm down", "calm down"))}},
		{"fix", []*File{file("We will reply asap.", finding("We will reply asap.", "asap", "familiar.asap", lint.Warning, "“asap” sounds rushed.",
			lint.Fix{Message: "Replace with “as soon as possible”", Edits: []lint.TextEdit{edit("We will reply asap.", "asap", "as soon as possible")}}))}},
		{"at the end", []*File{file("Please calm down", diag("Please calm down", "calm down"))}},
		{"invalid UTF-8", []*File{file("calm \xff down", diag("calm \xff down", "calm \xff down"))}},
	} {
		t.Run(c.name, func(t *testing.T) {
			validateJSONOutput(t, schema, run(t, "json", Options{}, c.files...), c.files)
		})
	}
}

// The schema must reject what is not version 1, or a passing schema test
// means nothing.
func TestJSONSchemaRejects(t *testing.T) {
	schema := loadJSONSchema(t)
	out := run(t, "json", Options{}, jsonV1Files()...)
	files := func(doc map[string]any) []any { return doc["files"].([]any) }
	firstDiag := func(doc map[string]any) map[string]any {
		return files(doc)[0].(map[string]any)["diagnostics"].([]any)[0].(map[string]any)
	}
	for _, c := range []struct {
		name, want string
		edit       func(doc map[string]any)
	}{
		{"version 2", "not one of", func(d map[string]any) { d["version"] = json.Number("2") }},
		{"no version", `"version" is missing`, func(d map[string]any) { delete(d, "version") }},
		{"stray top-level field", `"tool" is not allowed`, func(d map[string]any) { d["tool"] = "replykit" }},
		{"stray file field", `"encoding" is not allowed`, func(d map[string]any) { files(d)[0].(map[string]any)["encoding"] = "utf-8" }},
		{"stray diagnostic field", `"column" is not allowed`, func(d map[string]any) { firstDiag(d)["column"] = json.Number("3") }},
		{"stray summary field", `"fixed" is not allowed`, func(d map[string]any) { d["summary"].(map[string]any)["fixed"] = json.Number("0") }},
		{"unknown language", "not one of", func(d map[string]any) { files(d)[0].(map[string]any)["language"] = "de" }},
		{"unknown situation", "not one of", func(d map[string]any) { files(d)[0].(map[string]any)["situation"] = "praise" }},
		{"diagnostics null", "not of type", func(d map[string]any) { files(d)[1].(map[string]any)["diagnostics"] = nil }},
		{"no diagnostics", `"diagnostics" is missing`, func(d map[string]any) { delete(files(d)[1].(map[string]any), "diagnostics") }},
		{"bad severity", "not one of", func(d map[string]any) { firstDiag(d)["severity"] = "note" }},
		{"no text", `"text" is missing`, func(d map[string]any) { delete(firstDiag(d), "text") }},
		{"negative offset", "below the minimum", func(d map[string]any) { firstDiag(d)["span"].(map[string]any)["start"] = json.Number("-1") }},
		{"column zero", "below the minimum", func(d map[string]any) {
			firstDiag(d)["range"].(map[string]any)["start"].(map[string]any)["column"] = json.Number("0")
		}},
		{"fractional UTF-16 column", "not of type", func(d map[string]any) {
			firstDiag(d)["range"].(map[string]any)["end"].(map[string]any)["utf16Column"] = json.Number("1.5")
		}},
		{"empty fixes", "fewer than minItems", func(d map[string]any) { firstDiag(d)["fixes"] = []any{} }},
		{"edit without newText", `"newText" is missing`, func(d map[string]any) {
			for _, x := range files(d)[0].(map[string]any)["diagnostics"].([]any) {
				if fx, ok := x.(map[string]any)["fixes"].([]any); ok {
					delete(fx[0].(map[string]any)["edits"].([]any)[0].(map[string]any), "newText")
					return
				}
			}
		}},
		{"summary as a string", "not of type", func(d map[string]any) { d["summary"] = "1 file" }},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc, err := decodeJSON([]byte(out))
			if err != nil {
				t.Fatal(err)
			}
			c.edit(doc.(map[string]any))
			errs := validateSchema(schema, doc)
			if !slices.ContainsFunc(errs, func(e string) bool { return strings.Contains(e, c.want) }) {
				t.Errorf("want an error containing %q, got %q", c.want, errs)
			}
		})
	}
}

// TestJSONGolden pins the exact bytes of one representative document:
// indentation, field order, escaping (json.Marshal's \u003c, \u0026 and \r),
// the compact summary line. Regenerate with -update after a deliberate change,
// and then check the README and the schema still describe it.
func TestJSONGolden(t *testing.T) {
	out := run(t, "json", Options{}, jsonV1Files()...)
	if *updateGolden {
		if err := os.MkdirAll(filepath.Dir(jsonGoldenPath), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(jsonGoldenPath, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", jsonGoldenPath)
	}
	want, err := os.ReadFile(jsonGoldenPath)
	if err != nil {
		t.Fatalf("%v (run go test ./lint/output -run Golden -update to create it)", err)
	}
	if out != string(want) {
		got, exp := strings.Split(out, "\n"), strings.Split(string(want), "\n")
		for i := range max(len(got), len(exp)) {
			g, e := "<end>", "<end>"
			if i < len(got) {
				g = got[i]
			}
			if i < len(exp) {
				e = exp[i]
			}
			if g != e {
				t.Fatalf("output differs from %s at line %d:\n got: %s\nwant: %s\n"+
					"(if the change is meant, run go test ./lint/output -run Golden -update; removing or changing a field needs a new version)",
					jsonGoldenPath, i+1, g, e)
			}
		}
	}
	validateJSONOutput(t, loadJSONSchema(t), string(want), jsonV1Files())
}

// jsonDocument is the envelope JSON.Start and JSON.Finish write by hand.
type jsonDocument struct {
	Version int         `json:"version"`
	Files   []jsonFile  `json:"files"`
	Summary jsonSummary `json:"summary"`
}

// The schema documents exactly the fields json.go's types emit, each with a
// description, the right JSON type, and required exactly when not omitempty.
func TestJSONSchemaDocumentsEveryField(t *testing.T) {
	schema := loadJSONSchema(t)
	if schema["$schema"] != "http://json-schema.org/draft-04/schema#" {
		t.Errorf("$schema %v, want draft-04 (the validator in sarif_test.go implements draft-04)", schema["$schema"])
	}
	c := &schemaTypeChecker{t: t, root: schema, seen: map[string]bool{}}
	c.compare(schema, reflect.TypeFor[jsonDocument](), "")
	for name := range schema["definitions"].(map[string]any) {
		if !c.seen[name] {
			t.Errorf("definitions/%s is not used by any field", name)
		}
	}

	// The envelope written by hand has the keys jsonDocument says.
	doc, err := decodeJSON([]byte(run(t, "json", Options{}, jsonV1Files()...)))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := slices.Sorted(maps.Keys(doc.(map[string]any))), []string{"files", "summary", "version"}; !slices.Equal(got, want) {
		t.Errorf("top-level keys %q, want %q", got, want)
	}

	// Every keyword is one the validator knows, and every property says what it means.
	var walk func(v any, path string)
	walk = func(v any, path string) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if !annotationKeywords[k] && !assertionKeywords[k] {
					t.Errorf("%s: keyword %q, which the validator does not implement", path, k)
				}
				switch k {
				case "properties", "definitions":
					for name, p := range x.(map[string]any) {
						if d, _ := p.(map[string]any)["description"].(string); strings.TrimSpace(d) == "" {
							t.Errorf("%s/%s/%s has no description", path, k, name)
						}
						walk(p, path+"/"+k+"/"+name)
					}
				case "items", "not", "additionalProperties":
					walk(x, path+"/"+k)
				}
			}
		}
	}
	walk(schema, "#")
}

type schemaTypeChecker struct {
	t    *testing.T
	root map[string]any
	seen map[string]bool // definitions reached
}

func (c *schemaTypeChecker) resolve(s map[string]any) map[string]any {
	ref, ok := s["$ref"].(string)
	if !ok {
		return s
	}
	name, _ := strings.CutPrefix(ref, "#/definitions/")
	def, ok := c.root["definitions"].(map[string]any)[name].(map[string]any)
	if !ok {
		c.t.Fatalf("unresolvable $ref %q", ref)
	}
	c.seen[name] = true
	return def
}

func (c *schemaTypeChecker) compare(s map[string]any, typ reflect.Type, path string) {
	t := c.t
	s = c.resolve(s)
	wantType := map[reflect.Kind]string{reflect.Struct: "object", reflect.Slice: "array", reflect.String: "string", reflect.Int: "integer"}[typ.Kind()]
	if wantType == "" {
		t.Fatalf("%s: the test does not know how %s is written in JSON", path, typ)
	}
	if s["type"] != wantType {
		t.Errorf("%s: schema type %v, but %s is written as a JSON %s", path, s["type"], typ, wantType)
	}
	switch typ.Kind() {
	case reflect.Slice:
		items, ok := s["items"].(map[string]any)
		if !ok {
			t.Errorf("%s: array without items", path)
			return
		}
		c.compare(items, typ.Elem(), path+"/[]")
	case reflect.Struct:
		if s["additionalProperties"] != false {
			t.Errorf("%s: additionalProperties must be false, so a new field fails the tests until it is documented", path)
		}
		props, _ := s["properties"].(map[string]any)
		var names, required []string
		for f := range typ.Fields() {
			tag := f.Tag.Get("json")
			name, opts, _ := strings.Cut(tag, ",")
			if name == "-" || !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			names = append(names, name)
			if !slices.Contains(strings.Split(opts, ","), "omitempty") {
				required = append(required, name)
			}
			p, ok := props[name].(map[string]any)
			if !ok {
				t.Errorf("%s: json.go writes %q (%s.%s), which the schema does not document", path, name, typ.Name(), f.Name)
				continue
			}
			c.compare(p, f.Type, path+"/"+name)
		}
		for name := range props {
			if !slices.Contains(names, name) {
				t.Errorf("%s: the schema documents %q, which %s does not write", path, name, typ.Name())
			}
		}
		var req []string
		for _, r := range s["required"].([]any) {
			req = append(req, r.(string))
		}
		slices.Sort(required)
		slices.Sort(req)
		if !slices.Equal(req, required) {
			t.Errorf("%s: required %q, but %s always writes %q", path, req, typ.Name(), required)
		}
	}
}

// The enumerations are the values replykit knows, so a new language,
// situation or severity fails here until the schema lists it.
func TestJSONSchemaEnums(t *testing.T) {
	schema := loadJSONSchema(t)
	defs := schema["definitions"].(map[string]any)
	prop := func(def, name string) map[string]any {
		return defs[def].(map[string]any)["properties"].(map[string]any)[name].(map[string]any)
	}
	enum := func(s map[string]any) []string {
		var out []string
		for _, e := range s["enum"].([]any) {
			out = append(out, canonical(e))
		}
		return out
	}
	quote := func(xs []string) []string {
		var out []string
		for _, x := range xs {
			out = append(out, canonical(x))
		}
		return out
	}
	var sev []string
	for _, s := range []lint.Severity{lint.Error, lint.Warning, lint.Info} {
		sev = append(sev, s.String())
	}
	for _, c := range []struct {
		name      string
		got, want []string
	}{
		{"version", enum(schema["properties"].(map[string]any)["version"].(map[string]any)), []string{canonical(JSONVersion)}},
		{"language", enum(prop("file", "language")), quote(rules.Languages)},
		{"alsoLanguage", enum(prop("file", "alsoLanguage")), quote(rules.Languages)},
		{"situation", enum(prop("file", "situation")), quote(lint.Situations)},
		{"severity", enum(prop("diagnostic", "severity")), quote(sev)},
	} {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s: the schema lists %s, replykit has %s", c.name, c.got, c.want)
		}
	}
	desc := prop("diagnostic", "category")["description"].(string)
	for _, cat := range lint.Categories {
		if !strings.Contains(desc, cat) {
			t.Errorf("the description of category does not name %q", cat)
		}
	}
}

// The README points at the schema and says what the version means.
func TestJSONSchemaInREADME(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Skip(err)
	}
	if !bytes.Contains(b, []byte("lint/output/"+jsonSchemaPath)) {
		t.Errorf("README.md does not mention lint/output/%s", jsonSchemaPath)
	}
}
