package rules

import (
	_ "embed" // the compiled packs, as strings
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"sync"

	"github.com/replykit/replykit/lint"
)

//go:generate go run ./gen

// The built-in packs compiled ahead of time (compiled/<lang>.rules), so
// starting replykit costs a decode, not a compile. go generate ./rules
// writes them; TestCompiledPacksFresh fails when one is stale. They are
// strings, not an embed.FS, so loading one copies nothing: the loaded rules'
// text stays in the binary.
var (
	//go:embed compiled/en.rules
	compiledEN string
	//go:embed compiled/fi.rules
	compiledFI string
	//go:embed compiled/he.rules
	compiledHE string
	//go:embed compiled/ms.rules
	compiledMS string
	//go:embed compiled/zh.rules
	compiledZH string
	//go:embed compiled/languages.bin
	compiledLanguages string
)

// compiledPack returns a language's compiled pack, or "" when it has none.
func compiledPack(lang string) string {
	switch lang {
	case "en":
		return compiledEN
	case "fi":
		return compiledFI
	case "he":
		return compiledHE
	case "ms":
		return compiledMS
	case "zh":
		return compiledZH
	}
	return ""
}

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
	return loadBuiltin(lang, compiledPack(lang), source)
}

// loadBuiltin loads a language's image when it was compiled from source,
// else compiles the language's YAML.
func loadBuiltin(lang, image, source string) (*lint.RuleSet, error) {
	if image != "" {
		if rs, stored, err := lint.LoadRuleSet(image); err == nil && stored == source {
			return rs, nil
		}
	}
	p, err := Builtin(lang)
	if err != nil {
		return nil, err
	}
	return lint.Compile(p.Lang, p.Rules)
}

// sourceHash names the embedded YAML of a language: a CRC-32 of its files'
// names, sizes and contents. It only has to notice a pack edited without go
// generate, and is computed at every start, so it is a checksum (hardware
// accelerated), not a cryptographic hash.
func sourceHash(lang string) (string, error) {
	entries, _ := builtin.ReadDir(lang) // sorted; called on embed.FS itself, not through fs.Glob's interfaces
	var files []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".yaml") {
			files = append(files, lang+"/"+e.Name())
		}
	}
	if len(files) == 0 {
		return "", fmt.Errorf("no built-in rules for language %q (have %s)", lang, strings.Join(BuiltinLanguages(), ", "))
	}
	return hashFiles(builtin, files)
}

// hashFiles returns the CRC-32 of embedded files, each as its name, size
// and contents. The files are read through one buffer of a page, never
// whole, and with no hash.Hash or io.Copy in between: at start-up their
// interface conversions cost more than the checksum, and each page of
// memory a process touches first costs it a page fault.
func hashFiles(fsys fs.FS, names []string) (string, error) {
	var crc uint32
	buf := make([]byte, 4<<10)
	for _, name := range names {
		f, err := fsys.Open(name)
		if err != nil {
			return "", err
		}
		st, err := f.Stat()
		if err == nil {
			head := append(append(buf[:0], name...), ' ')
			crc = crc32.Update(crc, crc32.IEEETable, append(strconv.AppendInt(head, st.Size(), 10), '\n'))
			for {
				var n int
				n, err = f.Read(buf)
				crc = crc32.Update(crc, crc32.IEEETable, buf[:n])
				if err != nil {
					break
				}
			}
			if err == io.EOF {
				err = nil
			}
		}
		f.Close()
		if err != nil {
			return "", err
		}
	}
	return strconv.FormatUint(uint64(crc), 16), nil
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
	langs, source, err := lint.LoadLanguages(compiledLanguages)
	if err != nil || source != languagesHash() {
		return nil
	}
	return langs
})

// Identifier returns the identifier of the built-in languages, def being
// its answer when nothing points anywhere: the stored one when it is fresh,
// else one made from each language.yaml.
func Identifier(def string) *lint.Identifier {
	if id, source, err := lint.LoadIdentifier(compiledLanguages, def); err == nil && source == languagesHash() {
		return id
	}
	var langs []*lint.Language
	for _, code := range BuiltinLanguages() {
		if l, err := LanguageData(code); err == nil {
			langs = append(langs, l)
		}
	}
	return lint.NewIdentifier(langs, def)
}

// languagesHash names the embedded language.yaml files: a CRC-32 of them.
var languagesHash = sync.OnceValue(func() string {
	var names []string
	for _, lang := range BuiltinLanguages() {
		names = append(names, lang+"/language.yaml")
	}
	h, _ := hashFiles(builtin, names)
	return h
})

// CompileLanguages returns the stored form of every built-in language's data.
func CompileLanguages() ([]byte, error) {
	var langs []lint.Language
	for _, lang := range BuiltinLanguages() {
		l, err := parseLanguageData(lang)
		if err != nil {
			return nil, err
		}
		langs = append(langs, *l)
	}
	return lint.StoreLanguages(languagesHash(), langs), nil
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
