package rules

import (
	"bytes"
	"embed"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"hash/crc64"
	"io/fs"
	"strings"
	"sync"

	"github.com/replykit/replykit/lint"
)

//go:generate go run ./gen

// compiled holds the built-in packs compiled ahead of time (<lang>.rules),
// so starting replykit costs a decode, not a compile. go generate ./rules
// writes them; TestCompiledPacksFresh fails when one is stale.
//
//go:embed compiled
var compiled embed.FS

// CompiledName is the file a language's compiled pack is stored in.
func CompiledName(lang string) string { return "compiled/" + lang + ".rules" }

// BuiltinSet returns the compiled rules of a built-in language: the stored
// image when it was compiled from the YAML embedded now, else (a pack edited
// without go generate) compiled from the YAML, so what runs is always the YAML.
func BuiltinSet(lang string) (*lint.RuleSet, error) {
	source, err := sourceHash(lang)
	if err != nil {
		return nil, err
	}
	if data, err := fs.ReadFile(compiled, CompiledName(lang)); err == nil {
		if rs, stored, err := lint.LoadRuleSet(data); err == nil && stored == source {
			return rs, nil
		}
	}
	p, err := Builtin(lang)
	if err != nil {
		return nil, err
	}
	return lint.Compile(p.Lang, p.Rules)
}

// sourceHash names the embedded YAML of a language: a CRC-64 of its files and
// their sizes. It only has to notice a pack edited without go generate, and
// is computed at every start, so it is a checksum, not a cryptographic hash.
func sourceHash(lang string) (string, error) {
	files, err := fs.Glob(builtin, lang+"/*.yaml")
	if err != nil || len(files) == 0 {
		return "", fmt.Errorf("no built-in rules for language %q (have %s)", lang, strings.Join(BuiltinLanguages(), ", "))
	}
	h := crc64.New(crcTable)
	for _, f := range files { // Glob sorts
		data, err := fs.ReadFile(builtin, f)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s %d\n", f, len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// CompilePack compiles a built-in language's YAML and returns the stored form.
func CompilePack(lang string) ([]byte, error) {
	p, err := Builtin(lang)
	if err != nil {
		return nil, err
	}
	rs, err := lint.Compile(p.Lang, p.Rules)
	if err != nil {
		return nil, err
	}
	source, err := sourceHash(lang)
	if err != nil {
		return nil, err
	}
	return rs.Store(source)
}

// languagesName stores every built-in language's data, for --lang auto.
const languagesName = "compiled/languages.bin"

// storedLanguages is the stored form of every language.yaml.
type storedLanguages struct {
	Source    string // hash of the language.yaml files
	Languages []lint.Language
}

// LanguageData returns a built-in language's data (greetings, common words,
// complaint signals) without loading its rules: from the stored form when it
// is fresh, else from its language.yaml.
func LanguageData(lang string) (*lint.Language, error) {
	stored := storedLanguageData()
	for i := range stored {
		if stored[i].Code == lang {
			l := stored[i] // a copy: callers may change theirs
			return &l, nil
		}
	}
	return parseLanguageData(lang)
}

// storedLanguageData decodes the stored language data once, or returns nil
// when it is stale.
var storedLanguageData = sync.OnceValue(func() []lint.Language {
	data, err := fs.ReadFile(compiled, languagesName)
	if err != nil {
		return nil
	}
	var st storedLanguages
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&st) != nil || st.Source != languagesHash() {
		return nil
	}
	return st.Languages
})

var crcTable = crc64.MakeTable(crc64.ECMA)

// languagesHash names the embedded language.yaml files: a CRC-64 of them.
func languagesHash() string {
	h := crc64.New(crcTable)
	for _, lang := range BuiltinLanguages() {
		data, _ := fs.ReadFile(builtin, lang+"/language.yaml")
		fmt.Fprintf(h, "%s %d\n", lang, len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// CompileLanguages returns the stored form of every built-in language's data.
func CompileLanguages() ([]byte, error) {
	st := storedLanguages{Source: languagesHash()}
	for _, lang := range BuiltinLanguages() {
		l, err := parseLanguageData(lang)
		if err != nil {
			return nil, err
		}
		st.Languages = append(st.Languages, *l)
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&st); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func parseLanguageData(lang string) (*lint.Language, error) {
	name := lang + "/language.yaml"
	data, err := fs.ReadFile(builtin, name)
	if err != nil {
		return nil, fmt.Errorf("no language data for %q", lang)
	}
	f, err := Parse("rules/"+name, data, lang)
	if err != nil {
		return nil, err
	}
	if f.Language == nil {
		return nil, fmt.Errorf("rules/%s has no language: section", name)
	}
	f.Language.Code = lang
	return f.Language, nil
}
