package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/replykit/replykit/lint"
)

// sarifSchemaPath is where the SARIF 2.1.0 schema sits: reference data in the
// shared folder beside the repository, not in the repository itself.
var sarifSchemaPath = filepath.Join("..", "..", "..", "shared", "schemas", "sarif-schema-2.1.0.json")

func loadSARIFSchema(t *testing.T) map[string]any {
	t.Helper()
	b, err := os.ReadFile(sarifSchemaPath)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not found: the SARIF schema is reference data in ../shared, absent from a plain clone", sarifSchemaPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	schema, err := decodeJSON(b)
	if err != nil {
		t.Fatalf("%s: %v", sarifSchemaPath, err)
	}
	return schema.(map[string]any)
}

// decodeJSON keeps numbers as json.Number so integers can be told from reals.
func decodeJSON(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("data after the JSON value")
	}
	return v, nil
}

// schemaValidator checks a document against a JSON Schema draft-04 schema.
// It implements every keyword the SARIF 2.1.0 schema uses and refuses a
// schema with any other, so nothing is silently left unchecked.
type schemaValidator struct {
	root map[string]any
	errs []string
}

var annotationKeywords = map[string]bool{"$schema": true, "id": true, "title": true, "description": true, "default": true, "definitions": true}

var assertionKeywords = map[string]bool{"$ref": true, "type": true, "enum": true, "properties": true, "additionalProperties": true,
	"required": true, "items": true, "minItems": true, "maxItems": true, "uniqueItems": true, "minimum": true, "maximum": true,
	"minLength": true, "maxLength": true, "pattern": true, "format": true, "anyOf": true, "oneOf": true, "allOf": true, "not": true}

func validateSchema(root map[string]any, doc any) []string {
	v := &schemaValidator{root: root}
	v.check(root, doc, "")
	return v.errs
}

func (v *schemaValidator) fail(path, format string, args ...any) {
	if path == "" {
		path = "/"
	}
	v.errs = append(v.errs, path+": "+fmt.Sprintf(format, args...))
}

// valid reports whether inst matches schema, without recording errors.
func (v *schemaValidator) valid(schema map[string]any, inst any) bool {
	sub := &schemaValidator{root: v.root}
	sub.check(schema, inst, "")
	return len(sub.errs) == 0
}

func (v *schemaValidator) check(schema map[string]any, inst any, path string) {
	for k := range schema {
		if !annotationKeywords[k] && !assertionKeywords[k] {
			v.fail(path, "the test's validator does not implement keyword %q", k)
			return
		}
	}
	// In draft-04 a $ref replaces the schema it sits in; siblings are ignored.
	if ref, ok := schema["$ref"].(string); ok {
		name, ok := strings.CutPrefix(ref, "#/definitions/")
		target, found := v.root["definitions"].(map[string]any)[name].(map[string]any)
		if !ok || !found {
			v.fail(path, "unresolvable $ref %q", ref)
			return
		}
		v.check(target, inst, path)
		return
	}
	if t, ok := schema["type"]; ok {
		var types []string
		switch t := t.(type) {
		case string:
			types = []string{t}
		case []any:
			for _, x := range t {
				types = append(types, x.(string))
			}
		}
		if !slices.ContainsFunc(types, func(name string) bool { return hasJSONType(inst, name) }) {
			v.fail(path, "%s is not of type %v", brief(inst), types)
			return
		}
	}
	if enum, ok := schema["enum"].([]any); ok {
		if !slices.ContainsFunc(enum, func(e any) bool { return canonical(e) == canonical(inst) }) {
			v.fail(path, "%s is not one of %s", brief(inst), canonical(enum))
		}
	}
	for _, key := range []string{"anyOf", "oneOf", "allOf"} {
		subs, ok := schema[key].([]any)
		if !ok {
			continue
		}
		n := 0
		for _, s := range subs {
			if v.valid(s.(map[string]any), inst) {
				n++
			}
		}
		switch {
		case key == "anyOf" && n == 0:
			v.fail(path, "matches none of anyOf %s", canonical(subs))
		case key == "oneOf" && n != 1:
			v.fail(path, "matches %d of oneOf %s, want exactly 1", n, canonical(subs))
		case key == "allOf" && n != len(subs):
			v.fail(path, "fails allOf %s", canonical(subs))
		}
	}
	if not, ok := schema["not"].(map[string]any); ok && v.valid(not, inst) {
		v.fail(path, "matches the schema under not")
	}
	switch inst := inst.(type) {
	case map[string]any:
		v.checkObject(schema, inst, path)
	case []any:
		v.checkArray(schema, inst, path)
	case string:
		v.checkString(schema, inst, path)
	case json.Number:
		f, _ := inst.Float64()
		if m, ok := schema["minimum"].(json.Number); ok {
			if min, _ := m.Float64(); f < min {
				v.fail(path, "%s is below the minimum %s", inst, m)
			}
		}
		if m, ok := schema["maximum"].(json.Number); ok {
			if max, _ := m.Float64(); f > max {
				v.fail(path, "%s is above the maximum %s", inst, m)
			}
		}
	}
}

func (v *schemaValidator) checkObject(schema map[string]any, obj map[string]any, path string) {
	if req, ok := schema["required"].([]any); ok {
		for _, r := range req {
			if _, ok := obj[r.(string)]; !ok {
				v.fail(path, "required property %q is missing", r)
			}
		}
	}
	props, _ := schema["properties"].(map[string]any)
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		p := path + "/" + k
		if ps, ok := props[k].(map[string]any); ok {
			v.check(ps, obj[k], p)
			continue
		}
		switch ap := schema["additionalProperties"].(type) {
		case bool:
			if !ap {
				v.fail(p, "property %q is not allowed", k)
			}
		case map[string]any:
			v.check(ap, obj[k], p)
		}
	}
}

func (v *schemaValidator) checkArray(schema map[string]any, arr []any, path string) {
	if n, ok := schema["minItems"].(json.Number); ok {
		if min, _ := n.Int64(); int64(len(arr)) < min {
			v.fail(path, "%d items, fewer than minItems %d", len(arr), min)
		}
	}
	if n, ok := schema["maxItems"].(json.Number); ok {
		if max, _ := n.Int64(); int64(len(arr)) > max {
			v.fail(path, "%d items, more than maxItems %d", len(arr), max)
		}
	}
	if u, _ := schema["uniqueItems"].(bool); u {
		seen := map[string]int{}
		for i, x := range arr {
			c := canonical(x)
			if j, dup := seen[c]; dup {
				v.fail(path, "items %d and %d are equal, but uniqueItems", j, i)
			}
			seen[c] = i
		}
	}
	if items, ok := schema["items"].(map[string]any); ok {
		for i, x := range arr {
			v.check(items, x, fmt.Sprintf("%s/%d", path, i))
		}
	}
}

func (v *schemaValidator) checkString(schema map[string]any, s string, path string) {
	n := int64(len(utf16.Encode([]rune(s))))
	if m, ok := schema["minLength"].(json.Number); ok {
		if min, _ := m.Int64(); n < min {
			v.fail(path, "%q is shorter than minLength %d", s, min)
		}
	}
	if m, ok := schema["maxLength"].(json.Number); ok {
		if max, _ := m.Int64(); n > max {
			v.fail(path, "%q is longer than maxLength %d", s, max)
		}
	}
	if p, ok := schema["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(s) {
		v.fail(path, "%q does not match pattern %q", s, p)
	}
	switch schema["format"] {
	case "uri":
		if u, err := url.Parse(s); err != nil || u.Scheme == "" || !uriChars(s) {
			v.fail(path, "%q is not a URI", s)
		}
	case "uri-reference":
		if _, err := url.Parse(s); err != nil || !uriChars(s) {
			v.fail(path, "%q is not a URI reference", s)
		}
	case "date-time":
		if _, err := time.Parse(time.RFC3339, s); err != nil {
			v.fail(path, "%q is not a date-time", s)
		}
	}
}

// uriChars reports whether s holds only what RFC 3986 allows in a URI:
// unreserved and reserved characters and well-formed percent escapes.
func uriChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~:/?#[]@!$&'()*+,;=", c) >= 0:
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			i += 2
		default:
			return false
		}
	}
	return true
}

func isHex(c byte) bool { return strings.IndexByte("0123456789abcdefABCDEF", c) >= 0 }

func hasJSONType(inst any, name string) bool {
	switch inst := inst.(type) {
	case nil:
		return name == "null"
	case bool:
		return name == "boolean"
	case string:
		return name == "string"
	case []any:
		return name == "array"
	case map[string]any:
		return name == "object"
	case json.Number:
		if name == "number" {
			return true
		}
		if name == "integer" {
			f, err := inst.Float64()
			return err == nil && f == float64(int64(f))
		}
	}
	return false
}

func canonical(v any) string {
	b, _ := json.Marshal(v) // map keys come out sorted
	return string(b)
}

func brief(v any) string {
	s := canonical(v)
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return s
}

// sarifRules is what the CLI would pass: the rules in force.
var sarifRules = []RuleInfo{
	{ID: "condescension.calm-down", Category: "condescension", Severity: lint.Warning,
		Message: "“%s” dismisses the customer's feelings.", Why: "Telling someone to calm down implies they are overreacting.",
		Suggestion: "Say what you are doing to fix it."},
	{ID: "blame.you-should-have", Category: "blame-shifting", Severity: lint.Error, Message: "Blames the customer."},
	{ID: "apology.sorry-for-inconvenience", Category: "apology", Severity: lint.Info, Message: "A stock apology."},
	{ID: "condescension.calm-down", Category: "condescension", Severity: lint.Warning}, // listed twice: kept once
}

func TestSARIFValidAgainstSchema(t *testing.T) {
	schema := loadSARIFSchema(t)
	for _, c := range []struct {
		name  string
		files []*File
	}{
		{"no files", nil},
		{"clean files", []*File{file("All good."), file("")}},
		{"findings", sampleFiles()},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, opts := range []Options{{Rules: sarifRules, Tool: Tool{Version: "1.2.3", InformationURI: "https://replykit.dev"}}, {}} {
				out := run(t, "sarif", opts, c.files...)
				doc, err := decodeJSON([]byte(out))
				if err != nil {
					t.Fatalf("not JSON: %v\n%s", err, out)
				}
				for _, e := range validateSchema(schema, doc) {
					t.Error(e)
				}
				if t.Failed() {
					t.Logf("output:\n%s", out)
				}
			}
		})
	}
}

// The validator must catch what it is there to catch, or a passing schema
// test means nothing.
func TestSchemaValidatorRejects(t *testing.T) {
	schema := loadSARIFSchema(t)
	out := run(t, "sarif", Options{Rules: sarifRules}, sampleFiles()...)
	for _, c := range []struct {
		name, want string
		edit       func(run map[string]any)
	}{
		{"bad level", "not one of", func(r map[string]any) { result(r)["level"] = "warn" }},
		{"no message", `"message" is missing`, func(r map[string]any) { delete(result(r), "message") }},
		{"stray property", `"lineNumber" is not allowed`, func(r map[string]any) { region(r)["lineNumber"] = json.Number("2") }},
		{"column zero", "below the minimum", func(r map[string]any) { region(r)["startColumn"] = json.Number("0") }},
		{"column not an integer", "not of type", func(r map[string]any) { region(r)["startColumn"] = json.Number("1.5") }},
		{"bad columnKind", "not one of", func(r map[string]any) { r["columnKind"] = "bytes" }},
		{"uri with a space", "not a URI reference", func(r map[string]any) {
			result(r)["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)["artifactLocation"].(map[string]any)["uri"] = "a b.md"
		}},
		{"duplicate tags", "uniqueItems", func(r map[string]any) {
			rule := r["tool"].(map[string]any)["driver"].(map[string]any)["rules"].([]any)[0].(map[string]any)
			rule["properties"].(map[string]any)["tags"] = []any{"x", "x"}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc, err := decodeJSON([]byte(out))
			if err != nil {
				t.Fatal(err)
			}
			c.edit(doc.(map[string]any)["runs"].([]any)[0].(map[string]any))
			errs := validateSchema(schema, doc)
			if !slices.ContainsFunc(errs, func(e string) bool { return strings.Contains(e, c.want) }) {
				t.Errorf("want an error containing %q, got %q", c.want, errs)
			}
		})
	}
}

func result(run map[string]any) map[string]any { return run["results"].([]any)[0].(map[string]any) }

func region(run map[string]any) map[string]any {
	return result(run)["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)["region"].(map[string]any)
}

// sarifLog mirrors the parts of SARIF the output fills.
type sarifLog struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name, Version, InformationURI string
				Rules                         []sarifTestRule
			}
		}
		ColumnKind       string
		NewlineSequences []string
		Results          []struct {
			RuleID    string
			RuleIndex *int
			Level     string
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI string }
					Region           sarifTestRegion
				}
			}
			Fixes []struct {
				Description     *struct{ Text string }
				ArtifactChanges []struct {
					ArtifactLocation struct{ URI string }
					Replacements     []struct {
						DeletedRegion   sarifTestRegion
						InsertedContent struct{ Text string }
					}
				}
			}
		}
	}
}

type sarifTestRule struct {
	ID, Name                                string
	ShortDescription, FullDescription, Help *struct{ Text string }
	DefaultConfiguration                    struct{ Level string }
	Properties                              struct{ Tags []string }
}

type sarifTestRegion struct {
	StartLine, StartColumn, EndLine, EndColumn int
	CharOffset, CharLength                     *int
}

func decodeSARIF(t *testing.T, out string) sarifLog {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatalf("%v in\n%s", err, out)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	return log
}

func TestSARIFRulesAndResults(t *testing.T) {
	out := run(t, "sarif", Options{Rules: sarifRules, Tool: Tool{InformationURI: "https://replykit.dev"}}, sampleFiles()...)
	log := decodeSARIF(t, out)
	if log.Schema != SARIFSchema || log.Version != "2.1.0" {
		t.Errorf("$schema %q, version %q", log.Schema, log.Version)
	}
	r := log.Runs[0]
	d := r.Tool.Driver
	if d.Name != "replykit" || d.Version != "dev" || d.InformationURI != "https://replykit.dev" {
		t.Errorf("driver %q %q %q", d.Name, d.Version, d.InformationURI)
	}
	if r.ColumnKind != "utf16CodeUnits" || !slices.Equal(r.NewlineSequences, []string{"\r\n", "\n", "\r"}) {
		t.Errorf("columnKind %q, newlineSequences %q", r.ColumnKind, r.NewlineSequences)
	}
	if len(d.Rules) != 3 {
		t.Fatalf("%d rules, want 3 (a repeated id is listed once)", len(d.Rules))
	}
	calm := d.Rules[0]
	if calm.ID != "condescension.calm-down" || calm.Name != calm.ID || calm.ShortDescription.Text != "“…” dismisses the customer's feelings." ||
		calm.FullDescription.Text != sarifRules[0].Why ||
		calm.Help.Text != sarifRules[0].Why+"\n\nInstead: Say what you are doing to fix it." ||
		calm.DefaultConfiguration.Level != "warning" || !slices.Equal(calm.Properties.Tags, []string{"condescension"}) {
		t.Errorf("rule 0: %+v", calm)
	}
	if d.Rules[1].DefaultConfiguration.Level != "error" || d.Rules[2].DefaultConfiguration.Level != "note" || d.Rules[1].FullDescription != nil {
		t.Errorf("rules 1 and 2: %+v", d.Rules[1:])
	}
	want := sampleFiles()
	var wantN int
	for _, f := range want {
		wantN += len(f.Diagnostics)
	}
	if len(r.Results) != wantN {
		t.Fatalf("%d results, want %d", len(r.Results), wantN)
	}
	i := 0
	for _, f := range want {
		for _, dg := range f.Diagnostics {
			res := r.Results[i]
			i++
			if res.RuleID != dg.RuleID || res.Message.Text != dg.Message || res.Level != sarifLevel(dg.Severity) {
				t.Errorf("result %d: %+v for %+v", i, res, dg)
			}
			idx := slices.IndexFunc(d.Rules, func(x sarifTestRule) bool { return x.ID == dg.RuleID })
			switch {
			case idx < 0 && res.RuleIndex != nil:
				t.Errorf("result %d: ruleIndex %d for the unlisted rule %s", i, *res.RuleIndex, dg.RuleID)
			case idx >= 0 && (res.RuleIndex == nil || *res.RuleIndex != idx):
				t.Errorf("result %d: ruleIndex %v, want %d", i, res.RuleIndex, idx)
			}
			uri := res.Locations[0].PhysicalLocation.ArtifactLocation.URI
			if len(res.Fixes) != len(dg.Fixes) {
				t.Errorf("result %d: %d fixes, want %d", i, len(res.Fixes), len(dg.Fixes))
				continue
			}
			for j, fx := range dg.Fixes {
				got := res.Fixes[j]
				if got.Description.Text != fx.Message || len(got.ArtifactChanges) != 1 || got.ArtifactChanges[0].ArtifactLocation.URI != uri ||
					len(got.ArtifactChanges[0].Replacements) != len(fx.Edits) {
					t.Errorf("result %d fix %d: %+v", i, j, got)
					continue
				}
				for k, e := range fx.Edits {
					rp := got.ArtifactChanges[0].Replacements[k]
					checkRegion(t, f.Src, e.Start, e.End, rp.DeletedRegion, false)
					if rp.InsertedContent.Text != e.NewText {
						t.Errorf("inserted %q, want %q", rp.InsertedContent.Text, e.NewText)
					}
				}
			}
		}
	}
}

// Regions are checked against positions worked out here, independently of
// lint.LineIndex: lines split at \r\n, \n or \r, columns and offsets in UTF-16.
func checkRegion(t *testing.T, src []byte, start, end int, r sarifTestRegion, offsets bool) {
	t.Helper()
	pos := func(off int) (line, col int) {
		lines := regexp.MustCompile(`\r\n|\n|\r`).Split(string(src[:off]), -1)
		return len(lines), len(utf16.Encode([]rune(lines[len(lines)-1]))) + 1
	}
	sl, sc := pos(start)
	el, ec := pos(end)
	if r.StartLine != sl || r.StartColumn != sc || r.EndLine != el || r.EndColumn != ec {
		t.Errorf("region %d:%d-%d:%d, want %d:%d-%d:%d for %q", r.StartLine, r.StartColumn, r.EndLine, r.EndColumn, sl, sc, el, ec, src[start:end])
	}
	if !offsets {
		return
	}
	u := utf16.Encode([]rune(string(src)))
	if r.CharOffset == nil || r.CharLength == nil {
		t.Errorf("no charOffset/charLength for %q", src[start:end])
		return
	}
	if got := string(utf16.Decode(u[*r.CharOffset : *r.CharOffset+*r.CharLength])); got != string(src[start:end]) {
		t.Errorf("charOffset %d, charLength %d select %q, want %q", *r.CharOffset, *r.CharLength, got, src[start:end])
	}
}

func TestSARIFPositions(t *testing.T) {
	for _, c := range []struct {
		name, src, match string
		want             sarifTestRegion // lines and UTF-16 columns, worked out by hand
		offset           int
	}{
		{"CRLF", "Hi Wei,\r\nplease calm down.\r\n", "calm down", sarifTestRegion{StartLine: 2, StartColumn: 8, EndLine: 2, EndColumn: 17}, 16},
		{"lone CR", "Hi Wei,\rplease calm down.", "calm down", sarifTestRegion{StartLine: 2, StartColumn: 8, EndLine: 2, EndColumn: 17}, 15},
		{"Hebrew", "שלום דנה,\r\nאנא תירגע עכשיו.", "תירגע", sarifTestRegion{StartLine: 2, StartColumn: 5, EndLine: 2, EndColumn: 10}, 15},
		{"Chinese", "王先生，您好！\n请您冷静一下。", "冷静", sarifTestRegion{StartLine: 2, StartColumn: 3, EndLine: 2, EndColumn: 5}, 10},
		{"emoji", "Hi 😀 Wei, calm down", "calm down", sarifTestRegion{StartLine: 1, StartColumn: 12, EndLine: 1, EndColumn: 21}, 11},
		{"ZWJ emoji", "👩‍💻 calm down", "calm down", sarifTestRegion{StartLine: 1, StartColumn: 7, EndLine: 1, EndColumn: 16}, 6},
		{"across lines", "please calm\r\ndown 😀", "calm\r\ndown", sarifTestRegion{StartLine: 1, StartColumn: 8, EndLine: 2, EndColumn: 5}, 7},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := diag(c.src, c.match)
			log := decodeSARIF(t, run(t, "sarif", Options{}, file(c.src, d)))
			got := log.Runs[0].Results[0].Locations[0].PhysicalLocation.Region
			if got.StartLine != c.want.StartLine || got.StartColumn != c.want.StartColumn || got.EndLine != c.want.EndLine || got.EndColumn != c.want.EndColumn {
				t.Errorf("region %+v, want %+v", got, c.want)
			}
			if got.CharOffset == nil || *got.CharOffset != c.offset {
				t.Errorf("charOffset %v, want %d", got.CharOffset, c.offset)
			}
			checkRegion(t, []byte(c.src), d.Start, d.End, got, true)
		})
	}
}

func TestSARIFURI(t *testing.T) {
	for path, want := range map[string]string{
		"r.md":                  "r.md",
		"replies/wei chen.md":   "replies/wei%20chen.md",
		"<stdin>":               "%3Cstdin%3E",
		"a:b.md":                "a%3Ab.md",
		"回复/王.md":               "%E5%9B%9E%E5%A4%8D/%E7%8E%8B.md",
		"../drafts/100%.md":     "../drafts/100%25.md",
		"/home/wei/r#1.md":      "file:///home/wei/r%231.md",
		"replies/a,b;c=d&e.txt": "replies/a%2Cb%3Bc%3Dd%26e.txt",
	} {
		got := sarifURI(path)
		if got != want {
			t.Errorf("sarifURI(%q) = %q, want %q", path, got, want)
		}
		if !uriChars(got) {
			t.Errorf("sarifURI(%q) = %q holds characters a URI cannot", path, got)
		}
		if u, err := url.Parse(got); err != nil || (u.Scheme != "" && u.Scheme != "file") {
			t.Errorf("sarifURI(%q) = %q parses as %v, %v", path, got, u, err)
		}
	}
}
